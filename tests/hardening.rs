//! Requests that used to take the server down or poison the change stream:
//! an unreadable message inside a bulk stream, an extraction larger than a
//! message, list pages of large articles, and the socket options of served
//! connections. Each goes through the real server.

mod common;

use common::raw_codec::RawCodec;
use common::{article_text, request, start, start_with};
use khabar::proto::rpc;
use khabar::proto::v1::{
    IngestArticleRequest, IngestArticlesResponse, ListArticlesRequest, ResourceKind, StartPosition,
    SubscribeRequest, subscribe_response,
};
use prost::Message;
use std::time::Duration;
use tokio_stream::StreamExt;
use tonic::Code;

/// Sends `messages` as one IngestArticles stream, byte for byte.
async fn raw_bulk_ingest(
    address: std::net::SocketAddr,
    messages: Vec<Vec<u8>>,
) -> Result<IngestArticlesResponse, tonic::Status> {
    let channel = tonic::transport::Endpoint::from_shared(format!("http://{address}"))
        .expect("endpoint")
        .connect()
        .await
        .expect("connect");
    let mut grpc = tonic::client::Grpc::new(channel);
    grpc.ready().await.expect("ready");
    let path = tonic::codegen::http::uri::PathAndQuery::from_static(
        "/khabar.v1.DocumentStore/IngestArticles",
    );
    let call = grpc.client_streaming(
        tonic::Request::new(tokio_stream::iter(messages)),
        path,
        RawCodec,
    );
    // A guard against the old endless loop, not a timing assertion.
    let answer = tokio::time::timeout(Duration::from_secs(60), call)
        .await
        .expect("the call ends instead of looping")?;
    Ok(IngestArticlesResponse::decode(answer.into_inner().as_slice()).expect("a response"))
}

fn encoded(number: usize) -> Vec<u8> {
    request(article_text(number, "سالم الحربي"), "الرافد", "2024-06-01").encode_to_vec()
}

/// The IngestArticlesResponse inside a status's details.
fn processed_results(status: &tonic::Status) -> IngestArticlesResponse {
    let details = rpc::Status::decode(status.details()).expect("google.rpc.Status details");
    assert_eq!(details.code, status.code() as i32);
    let any = details.details.first().expect("one detail");
    assert_eq!(
        any.type_url,
        "type.googleapis.com/khabar.v1.IngestArticlesResponse"
    );
    IngestArticlesResponse::decode(any.value.as_ref()).expect("results")
}

async fn article_count(client: &mut common::Client) -> usize {
    client
        .list_articles(ListArticlesRequest {
            page_size: 1000,
            ..Default::default()
        })
        .await
        .expect("list")
        .into_inner()
        .articles
        .len()
}

#[tokio::test]
async fn an_unreadable_message_ends_a_bulk_stream_without_losing_results() {
    let directory = tempfile::tempdir().expect("temporary directory");
    let mut server = start(directory.path()).await;
    // Field 1 (text) declares 50 bytes and brings 3; then invalid UTF-8.
    let cut_short = vec![0x0a, 50, b'a', b'b', b'c'];
    let bad_utf8 = vec![0x0a, 2, 0xff, 0xfe];
    for (bad, name) in [(cut_short, "cut short"), (bad_utf8, "invalid UTF-8")] {
        let base = article_count(&mut server.client).await;
        let messages = vec![encoded(base), encoded(base + 1), bad, encoded(base + 2)];
        let status = raw_bulk_ingest(server.address, messages)
            .await
            .expect_err(name);
        assert_eq!(status.code(), Code::InvalidArgument, "{name}: {status:?}");
        assert!(status.message().contains("message 2"), "{name}: {status:?}");
        let processed = processed_results(&status);
        assert_eq!(processed.created, 2, "{name}");
        assert_eq!(processed.results.len(), 2, "{name}");
        assert!(processed.results.iter().all(|r| r.error_code.is_empty()));
        assert_eq!(
            article_count(&mut server.client).await,
            base + 2,
            "{name}: the articles before the bad message are stored, none after it"
        );
    }
    // The server is still healthy.
    server
        .ingest_numbered(900, "سالم الحربي", "الرافد", "2024-06-01")
        .await;
    server.stop().await;
}

#[tokio::test]
async fn a_message_over_the_size_limit_ends_the_stream_with_resource_exhausted() {
    let directory = tempfile::tempdir().expect("temporary directory");
    let mut config = common::config(directory.path());
    config.max_article_bytes = 64 * 1024;
    let mut server = start_with(config).await;
    let huge = IngestArticleRequest {
        text: "كلمة ".repeat(200_000),
        ..Default::default()
    }
    .encode_to_vec();
    let status = raw_bulk_ingest(server.address, vec![encoded(1), huge, encoded(2)])
        .await
        .expect_err("too large");
    assert_eq!(status.code(), Code::ResourceExhausted, "{status:?}");
    assert!(status.message().contains("message 1"), "{status:?}");
    assert_eq!(processed_results(&status).created, 1);
    assert_eq!(article_count(&mut server.client).await, 1);
    server.stop().await;
}

#[tokio::test]
async fn partial_results_of_a_long_stream_fit_in_the_trailer() {
    let directory = tempfile::tempdir().expect("temporary directory");
    let server = start(directory.path()).await;
    let mut messages: Vec<Vec<u8>> = (0..300).map(encoded).collect();
    messages.push(vec![0x0a, 50]);
    let status = raw_bulk_ingest(server.address, messages)
        .await
        .expect_err("bad last message");
    assert_eq!(status.code(), Code::InvalidArgument);
    let processed = processed_results(&status);
    assert_eq!(processed.created, 300, "the counts cover every message");
    let kept = processed.results.len();
    assert!(
        kept > 0 && kept < 300,
        "results trimmed to the budget: {kept}"
    );
    assert_eq!(
        processed.results.last().map(|r| r.index),
        Some(299),
        "the latest results are kept"
    );
    server.stop().await;
}

/// An article of `count` sentences, each with two dates and, after `lead`
/// (a reporting clause or nothing), a statement.
fn many_dates(count: usize, lead: &str, filler: &str) -> String {
    let mut text = String::from("خطة العمل للمشاريع الكبرى\n\n");
    for number in 0..count {
        text.push_str(&format!(
            "{lead} المرحلة {number} {filler} تبدأ في 3 مارس 2025 وتنتهي بحلول 30 يونيو 2026.\n"
        ));
    }
    text
}

const REPORTED: &str = "وقالت الوزارة إن";

#[tokio::test]
async fn an_article_over_the_output_limits_is_refused_before_anything_is_written() {
    let directory = tempfile::tempdir().expect("temporary directory");
    let mut config = common::config(directory.path());
    config.max_milestones_per_article = 20;
    config.max_statements_per_article = 5;
    config.max_extraction_bytes = 64 * 1024;
    let mut server = start_with(config).await;
    let cases = [
        (many_dates(8, REPORTED, ""), "max_statements_per_article"),
        (many_dates(30, "", ""), "max_milestones_per_article"),
    ];
    for (text, limit) in cases {
        let status = server
            .client
            .ingest_article(request(text, "الرافد", "2024-06-01"))
            .await
            .expect_err(limit);
        assert_eq!(status.code(), Code::InvalidArgument, "{limit}: {status:?}");
        assert!(status.message().contains(limit), "{limit}: {status:?}");
    }
    let mut config = common::config(directory.path());
    config.max_extraction_bytes = 64 * 1024;
    server.stop().await;
    let mut server = start_with(config).await;
    let status = server
        .client
        .ingest_article(request(
            many_dates(3, REPORTED, &"كلمة ".repeat(8000)),
            "الرافد",
            "2024-06-01",
        ))
        .await
        .expect_err("extraction too large");
    assert_eq!(status.code(), Code::InvalidArgument, "{status:?}");
    assert!(
        status.message().contains("max_extraction_bytes"),
        "{status:?}"
    );
    let listed = server
        .client
        .list_articles(ListArticlesRequest::default())
        .await
        .expect("list")
        .into_inner();
    assert_eq!(listed.revision, 0, "nothing was written");
    server.stop().await;
}

#[tokio::test]
async fn a_revision_larger_than_a_message_reaches_every_subscriber() {
    let directory = tempfile::tempdir().expect("temporary directory");
    let mut server = start(directory.path()).await;
    let filler = "في إطار البرنامج الوطني الشامل لتطوير البنية التحتية ".repeat(6);
    let answer = server
        .ingest(request(
            many_dates(900, REPORTED, &filler),
            "الرافد",
            "2024-06-01",
        ))
        .await;
    let milestones = answer.milestones.len();
    let total: usize = answer.milestones.iter().map(|m| m.encoded_len()).sum();
    assert!(
        total > 1024 * 1024 + 256 * 1024,
        "the test needs a revision over one message budget ({total} bytes)"
    );
    for resumed in [false, true] {
        let mut stream = server
            .client
            .subscribe(SubscribeRequest {
                kinds: vec![ResourceKind::Milestone as i32],
                start: if resumed {
                    StartPosition::AfterRevision as i32
                } else {
                    StartPosition::Beginning as i32
                },
                after_revision: 0,
                ..Default::default()
            })
            .await
            .expect("subscribe")
            .into_inner();
        let mut received = 0;
        let mut messages = 0;
        loop {
            let message = tokio::time::timeout(Duration::from_secs(60), stream.next())
                .await
                .expect("a message")
                .expect("stream open")
                .expect("no error");
            let Some(subscribe_response::Event::Changes(set)) = message.event else {
                continue;
            };
            assert_eq!(set.revision, answer.revision);
            assert!(set.encoded_len() < 2 * 1024 * 1024);
            received += set.changes.len();
            messages += 1;
            if !set.continued {
                break;
            }
        }
        assert_eq!(received, milestones, "every milestone of the revision");
        assert!(messages > 1, "split over several messages");
    }
    server.stop().await;
}

#[tokio::test]
async fn list_pages_stop_at_a_byte_budget() {
    let directory = tempfile::tempdir().expect("temporary directory");
    let mut server = start(directory.path()).await;
    let articles = 9;
    for number in 0..articles {
        let body = format!(
            "{} {}",
            article_text(number, "سالم الحربي"),
            "نص ".repeat(200_000)
        );
        server.ingest(request(body, "الرافد", "2024-06-01")).await;
    }
    let mut token = String::new();
    let mut pages = 0;
    let mut seen = 0;
    loop {
        let page = server
            .client
            .list_articles(ListArticlesRequest {
                page_size: 100,
                page_token: token.clone(),
                ..Default::default()
            })
            .await
            .expect("a page within the message limit")
            .into_inner();
        assert!(
            page.encoded_len() <= 4 * 1024 * 1024,
            "page over the default client limit"
        );
        seen += page.articles.len();
        pages += 1;
        token = page.next_page_token;
        if token.is_empty() {
            break;
        }
    }
    assert_eq!(seen, articles);
    assert!(pages > 1, "fewer than page_size items per page");
    server.stop().await;
}

#[tokio::test]
async fn served_connections_do_not_wait_for_delayed_acks() {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let address = listener.local_addr().expect("address");
    let mut accepted = Box::pin(khabar::server::accepted_connections(listener));
    let client = tokio::net::TcpStream::connect(address)
        .await
        .expect("connect");
    let served = accepted
        .next()
        .await
        .expect("a connection")
        .expect("accepted");
    assert!(served.nodelay().expect("read TCP_NODELAY"));
    drop(client);
}
