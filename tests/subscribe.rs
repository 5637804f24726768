//! Subscriptions: from now, from the beginning, after a revision, with
//! filters, heartbeats, and a subscriber that does not read while thousands
//! of changes are committed.

mod common;

use common::{TestServer, request, start};
use khabar::proto::v1::document_store_client::DocumentStoreClient;
use khabar::proto::v1::{
    ArticleFilter, ChangeKind, ChangeSet, DeleteArticleRequest, IngestArticleRequest, ResourceKind,
    StartPosition, SubscribeRequest, SubscribeResponse, change, subscribe_response,
};
use tonic::Code;
use tonic::codec::Streaming;

async fn subscribe(
    server: &mut TestServer,
    request: SubscribeRequest,
) -> Streaming<SubscribeResponse> {
    server
        .client
        .subscribe(request)
        .await
        .expect("subscribe")
        .into_inner()
}

/// The next change set, skipping heartbeats.
async fn next_changes(stream: &mut Streaming<SubscribeResponse>) -> ChangeSet {
    loop {
        let message = stream
            .message()
            .await
            .expect("stream healthy")
            .expect("stream open");
        match message.event {
            Some(subscribe_response::Event::Changes(changes)) => return changes,
            Some(subscribe_response::Event::Heartbeat(_)) => continue,
            None => panic!("empty event"),
        }
    }
}

fn from(start: StartPosition, after_revision: u64) -> SubscribeRequest {
    SubscribeRequest {
        start: start as i32,
        after_revision,
        ..Default::default()
    }
}

#[tokio::test]
async fn subscribers_start_now_at_the_beginning_or_after_a_revision() {
    let directory = tempfile::tempdir().expect("temporary directory");
    let mut server = start(directory.path()).await;
    let first = server
        .ingest_numbered(1, "سالم الحربي", "الرافد", "2024-01-01")
        .await;
    let second = server
        .ingest_numbered(2, "سالم الحربي", "الرافد", "2024-01-02")
        .await;

    let mut live = subscribe(&mut server, from(StartPosition::Unspecified, 0)).await;
    let mut everything = subscribe(&mut server, from(StartPosition::Beginning, 0)).await;
    let mut after_first = subscribe(&mut server, from(StartPosition::AfterRevision, 1)).await;

    let third = server
        .ingest_numbered(3, "سالم الحربي", "الرافد", "2024-01-03")
        .await;
    let doomed = third.article.clone().expect("article").id;
    server
        .client
        .delete_article(DeleteArticleRequest { id: doomed.clone() })
        .await
        .expect("delete");

    let seen = next_changes(&mut live).await;
    assert_eq!(seen.revision, 3, "a live subscriber sees only new changes");
    let seen = next_changes(&mut live).await;
    assert_eq!(seen.revision, 4);
    let kinds: Vec<i32> = seen.changes.iter().map(|c| c.kind).collect();
    assert!(kinds.iter().all(|k| *k == ChangeKind::Deleted as i32));
    let deleted_article = seen
        .changes
        .iter()
        .any(|c| matches!(&c.resource, Some(change::Resource::Article(a)) if a.id == doomed));
    assert!(deleted_article, "the deleted article is in the change set");

    for (expected, answer) in [(1, &first), (2, &second), (3, &third)] {
        let seen = next_changes(&mut everything).await;
        assert_eq!(seen.revision, expected);
        let extracted = 1 + answer.statements.len() + answer.milestones.len();
        assert_eq!(
            seen.changes.len(),
            extracted,
            "article, statements and milestones"
        );
        assert!(
            seen.changes
                .iter()
                .all(|c| c.kind == ChangeKind::Created as i32)
        );
    }
    assert_eq!(next_changes(&mut everything).await.revision, 4);
    assert_eq!(next_changes(&mut after_first).await.revision, 2);
    assert_eq!(next_changes(&mut after_first).await.revision, 3);
    server.stop().await;
}

#[tokio::test]
async fn filters_and_kinds_select_what_a_subscriber_receives() {
    let directory = tempfile::tempdir().expect("temporary directory");
    let mut server = start(directory.path()).await;
    let mut only_articles_of_one_source = subscribe(
        &mut server,
        SubscribeRequest {
            kinds: vec![ResourceKind::Article as i32],
            articles: Some(ArticleFilter {
                source: "المرصد".into(),
                ..Default::default()
            }),
            start: StartPosition::Beginning as i32,
            ..Default::default()
        },
    )
    .await;
    server
        .ingest_numbered(1, "سالم الحربي", "الرافد", "2024-01-01")
        .await;
    let wanted = server
        .ingest_numbered(2, "سالم الحربي", "المرصد", "2024-01-01")
        .await;
    let seen = next_changes(&mut only_articles_of_one_source).await;
    assert_eq!(seen.revision, 2, "revision 1 is filtered out");
    assert_eq!(seen.changes.len(), 1);
    match &seen.changes[0].resource {
        Some(change::Resource::Article(article)) => {
            assert_eq!(Some(article), wanted.article.as_ref())
        }
        other => panic!("expected an article, got {other:?}"),
    }
    server.stop().await;
}

#[tokio::test]
async fn idle_subscribers_get_heartbeats_with_the_current_revision() {
    let directory = tempfile::tempdir().expect("temporary directory");
    let mut server = start(directory.path()).await;
    server
        .ingest_numbered(1, "سالم الحربي", "الرافد", "2024-01-01")
        .await;
    let mut stream = subscribe(
        &mut server,
        SubscribeRequest {
            heartbeat_interval: Some(pbjson_types::Duration {
                seconds: 0,
                nanos: 200_000_000,
            }),
            ..Default::default()
        },
    )
    .await;
    let message = stream.message().await.expect("healthy").expect("open");
    match message.event {
        Some(subscribe_response::Event::Heartbeat(heartbeat)) => assert_eq!(heartbeat.revision, 1),
        other => panic!("expected a heartbeat, got {other:?}"),
    }
    server.stop().await;
}

#[tokio::test]
async fn bad_subscriptions_are_refused() {
    let directory = tempfile::tempdir().expect("temporary directory");
    let mut server = start(directory.path()).await;
    let beyond = server
        .client
        .subscribe(from(StartPosition::AfterRevision, 7))
        .await
        .expect_err("revision beyond the store");
    assert_eq!(beyond.code(), Code::OutOfRange);
    let kind = server
        .client
        .subscribe(SubscribeRequest {
            kinds: vec![42],
            ..Default::default()
        })
        .await
        .expect_err("unknown kind");
    assert_eq!(kind.code(), Code::InvalidArgument);
    let heartbeat = server
        .client
        .subscribe(SubscribeRequest {
            heartbeat_interval: Some(pbjson_types::Duration {
                seconds: 0,
                nanos: 1000,
            }),
            ..Default::default()
        })
        .await
        .expect_err("heartbeat too fast");
    assert_eq!(heartbeat.code(), Code::InvalidArgument);
    server.stop().await;
}

#[tokio::test]
async fn a_subscriber_that_falls_far_behind_still_gets_every_change_in_order() {
    const ARTICLES: usize = 3000;
    /// HTTP/2's initial flow-control window (RFC 9113, 6.9.2), in bytes.
    const SMALLEST_WINDOW: u32 = 65_535;
    let directory = tempfile::tempdir().expect("temporary directory");
    let mut server = start(directory.path()).await;
    // Subscribed from now over a connection of its own whose flow-control
    // windows are HTTP/2's smallest defaults, then not read while thousands
    // of revisions land: the subscription's task soon waits on the client,
    // stops taking change sets from the live feed, and falls further behind
    // than the feed's channel holds, so it must go back to the log.
    let channel = tonic::transport::Endpoint::from_shared(format!("http://{}", server.address))
        .expect("an endpoint")
        .initial_stream_window_size(SMALLEST_WINDOW)
        .initial_connection_window_size(SMALLEST_WINDOW)
        .connect()
        .await
        .expect("connect with small windows");
    let mut lagging = DocumentStoreClient::new(channel)
        .subscribe(from(StartPosition::Now, 0))
        .await
        .expect("subscribe")
        .into_inner();

    let requests: Vec<IngestArticleRequest> = (0..ARTICLES)
        .map(|n| {
            request(
                format!("خبر قصير رقم {n}\n\nنص الخبر رقم {n}."),
                "الرافد",
                "2024-01-01",
            )
        })
        .collect();
    let bulk = server
        .client
        .ingest_articles(tokio_stream::iter(requests))
        .await
        .expect("bulk ingest")
        .into_inner();
    assert_eq!(bulk.created as usize, ARTICLES);
    assert_eq!(bulk.failed, 0);
    assert_eq!(bulk.revision, ARTICLES as u64);
    let indexes: Vec<u32> = bulk.results.iter().map(|r| r.index).collect();
    assert_eq!(
        indexes,
        (0..ARTICLES as u32).collect::<Vec<_>>(),
        "results in request order"
    );

    for expected in 1..=ARTICLES as u64 {
        let seen = next_changes(&mut lagging).await;
        assert_eq!(seen.revision, expected, "no gaps, in order");
    }
    server.stop().await;
}

#[tokio::test]
async fn shutdown_ends_open_subscriptions_with_a_resume_hint() {
    let directory = tempfile::tempdir().expect("temporary directory");
    let mut server = start(directory.path()).await;
    server
        .ingest_numbered(1, "سالم الحربي", "الرافد", "2024-01-01")
        .await;
    let mut stream = subscribe(&mut server, from(StartPosition::Beginning, 0)).await;
    assert_eq!(next_changes(&mut stream).await.revision, 1);

    // Must not hang on the open stream.
    server.stop().await;
    let ending = loop {
        match stream.message().await {
            Ok(Some(_)) => continue,
            Ok(None) => panic!("the stream should end with a status, not silently"),
            Err(status) => break status,
        }
    };
    assert_eq!(ending.code(), Code::Unavailable);
    assert!(
        ending.message().contains("after_revision 1"),
        "{}",
        ending.message()
    );
}
