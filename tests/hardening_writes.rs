//! Writes whose answers used to be wrong: deleting a "read also" article,
//! the same text sent with another publication date, and the change log's
//! retention (compaction, resume after compaction, erasure of deleted
//! articles from the data directory). Through the real server.

mod common;

use common::{article_text, request, start, start_with, timestamp};
use khabar::proto::v1::{
    ChangeKind, CompactChangeLogRequest, DeleteArticleRequest, GetArticleRequest,
    IngestArticleResponse, ListMilestonesRequest, ListStatementsRequest, ReextractArticlesRequest,
    StartPosition, StatementFilter, SubscribeRequest, change, subscribe_response,
};
use std::path::Path;
use std::time::Duration;
use tokio_stream::StreamExt;
use tonic::Code;

fn host_with_section(number: usize) -> String {
    format!(
        "{}\nاقرأ أيضاً.. الوزير: المشروع يكتمل قريباً\n\nقال وزير الموارد المائية سالم الحربي إن \"العمل يسير وفق الخطة المتفق عليها\".\n",
        article_text(number, "نادية العمري")
    )
}

fn section_id(answer: &IngestArticleResponse) -> String {
    answer.related[0]
        .article
        .as_ref()
        .expect("related article")
        .id
        .clone()
}

#[tokio::test]
async fn deleting_a_read_also_article_updates_its_host_and_it_stays_deleted() {
    let directory = tempfile::tempdir().expect("temporary directory");
    let mut server = start(directory.path()).await;
    let answer = server
        .ingest(request(host_with_section(1), "الرافد", "2024-06-01"))
        .await;
    let host_id = answer.article.as_ref().expect("host").id.clone();
    let section = section_id(&answer);

    let deleted = server
        .client
        .delete_article(DeleteArticleRequest {
            id: section.clone(),
        })
        .await
        .expect("delete the section")
        .into_inner();
    assert_eq!(deleted.deleted_article_ids, vec![section.clone()]);

    let host = server
        .client
        .get_article(GetArticleRequest {
            id: host_id.clone(),
        })
        .await
        .expect("host")
        .into_inner();
    assert!(host.embedded_ids.is_empty(), "{:?}", host.embedded_ids);
    assert_eq!(host.revision, deleted.revision);

    // The delete's change set reports the host UPDATED.
    let mut stream = server
        .client
        .subscribe(SubscribeRequest {
            start: StartPosition::AfterRevision as i32,
            after_revision: deleted.revision - 1,
            ..Default::default()
        })
        .await
        .expect("subscribe")
        .into_inner();
    let Some(Ok(message)) = stream.next().await else {
        panic!("a change set")
    };
    let Some(subscribe_response::Event::Changes(set)) = message.event else {
        panic!("changes first")
    };
    let host_updated = set.changes.iter().any(|c| {
        c.kind == ChangeKind::Updated as i32
            && matches!(&c.resource, Some(change::Resource::Article(a)) if a.id == host_id)
    });
    assert!(host_updated, "{set:?}");
    drop(stream);

    // Re-extraction does not bring the section back.
    let reextracted = server
        .client
        .reextract_articles(ReextractArticlesRequest {
            article_ids: vec![host_id.clone()],
            include_current: true,
        })
        .await
        .expect("reextract")
        .into_inner();
    assert_eq!(reextracted.examined, 1);
    let gone = server
        .client
        .get_article(GetArticleRequest {
            id: section.clone(),
        })
        .await
        .expect_err("still deleted");
    assert_eq!(gone.code(), Code::NotFound);
    let host = server
        .client
        .get_article(GetArticleRequest { id: host_id })
        .await
        .expect("host")
        .into_inner();
    assert!(host.embedded_ids.is_empty());
    server.stop().await;
}

#[tokio::test]
async fn the_same_text_with_a_new_publication_date_is_extracted_again() {
    let directory = tempfile::tempdir().expect("temporary directory");
    let mut server = start(directory.path()).await;
    // "before the end of the year" resolves against the publication year.
    let text = article_text(5, "سالم الحربي");
    let first = server
        .ingest(request(text.clone(), "الرافد", "2023-06-01"))
        .await;
    let year_of = |answer: &IngestArticleResponse| {
        answer
            .milestones
            .iter()
            .find(|m| m.expression.contains("نهاية العام"))
            .and_then(|m| m.when.as_ref())
            .map(|w| w.year)
    };
    assert_eq!(year_of(&first), Some(2023));

    let same = server
        .ingest(request(text.clone(), "الرافد", "2023-06-01"))
        .await;
    assert!(!same.created && !same.updated);
    assert_eq!(
        same.revision, first.revision,
        "a true duplicate writes nothing"
    );

    let redated = server
        .ingest(request(text.clone(), "الرافد", "2024-06-01"))
        .await;
    assert!(!redated.created);
    assert!(redated.updated, "the answer says the article was updated");
    assert_eq!(redated.revision, first.revision + 1);
    let article = redated.article.clone().expect("article");
    assert_eq!(article.published_at, Some(timestamp("2024-06-01")));
    assert_eq!(year_of(&redated), Some(2024));

    // Listings by publication time see the new date only.
    let filter = |start: &str, end: &str| StatementFilter {
        published: Some(khabar::proto::v1::TimeRange {
            start: Some(timestamp(start)),
            end: Some(timestamp(end)),
        }),
        ..Default::default()
    };
    for (start, end, expected) in [
        ("2023-01-01", "2024-01-01", 0),
        ("2024-01-01", "2025-01-01", first.statements.len()),
    ] {
        let listed = server
            .client
            .list_statements(ListStatementsRequest {
                filter: Some(filter(start, end)),
                ..Default::default()
            })
            .await
            .expect("list")
            .into_inner();
        assert_eq!(listed.statements.len(), expected, "{start}..{end}");
    }
    let milestones = server
        .client
        .list_milestones(ListMilestonesRequest::default())
        .await
        .expect("list")
        .into_inner();
    assert_eq!(milestones.milestones.len(), redated.milestones.len());
    server.stop().await;
}

/// Whether any file under `directory` contains `needle`.
fn found_in_files(directory: &Path, needle: &[u8]) -> Vec<String> {
    let mut found = Vec::new();
    let mut pending = vec![directory.to_path_buf()];
    while let Some(path) = pending.pop() {
        for entry in std::fs::read_dir(&path).expect("read a directory") {
            let entry = entry.expect("an entry");
            let path = entry.path();
            if path.is_dir() {
                pending.push(path);
            } else {
                let bytes = std::fs::read(&path).expect("read a file");
                if bytes.windows(needle.len()).any(|window| window == needle) {
                    found.push(path.display().to_string());
                }
            }
        }
    }
    found
}

#[tokio::test]
async fn after_compaction_nothing_of_a_deleted_article_remains_on_disk() {
    let directory = tempfile::tempdir().expect("temporary directory");
    let mut server = start(directory.path()).await;
    let secret = "كلمةسريةفريدةجدا";
    let mut doomed = request(
        format!(
            "{}\nوأضاف أن {secret} لن تنشر.\n",
            article_text(1, "سالم الحربي")
        ),
        "الرافد",
        "2024-06-01",
    );
    doomed.request_id = "doomed-request".to_string();
    let doomed = server.ingest(doomed).await;
    for number in 2..6 {
        server
            .ingest_numbered(number, "سالم الحربي", "الرافد", "2024-06-01")
            .await;
    }
    let doomed_id = doomed.article.expect("article").id;
    let deleted = server
        .client
        .delete_article(DeleteArticleRequest { id: doomed_id })
        .await
        .expect("delete")
        .into_inner();
    server
        .ingest_numbered(7, "سالم الحربي", "الرافد", "2024-06-01")
        .await;
    let needle = secret.as_bytes();
    assert!(
        !found_in_files(directory.path(), needle).is_empty(),
        "the test needs the deleted text to linger before compaction"
    );

    // Compacting below the delete keeps the deleted text (the log needs it).
    let partial = server
        .client
        .compact_change_log(CompactChangeLogRequest {
            through_revision: 2,
        })
        .await
        .expect("compact")
        .into_inner();
    assert_eq!(partial.oldest_available_revision, 3);
    assert_eq!(partial.removed_entries, 2);
    assert!(!partial.rewritten);

    let full = server
        .client
        .compact_change_log(CompactChangeLogRequest {
            through_revision: deleted.revision,
        })
        .await
        .expect("compact")
        .into_inner();
    assert!(full.rewritten);
    assert_eq!(full.oldest_available_revision, deleted.revision + 1);

    // The store still serves everything it holds, and keeps writing.
    let mut kept = request(article_text(8, "سالم الحربي"), "الرافد", "2024-06-01");
    kept.request_id = "kept-request".to_string();
    let answer = server.ingest(kept).await;
    assert_eq!(answer.revision, deleted.revision + 2);
    let listed = server
        .client
        .list_statements(ListStatementsRequest::default())
        .await
        .expect("list")
        .into_inner();
    assert!(!listed.statements.is_empty());
    server.stop().await;
    assert_eq!(
        found_in_files(directory.path(), needle),
        Vec::<String>::new(),
        "no byte of the deleted article remains"
    );
    assert_eq!(
        found_in_files(directory.path(), b"doomed-request"),
        Vec::<String>::new(),
        "its request-replay entry is gone too"
    );
    let report = khabar::store::check_directory(directory.path()).expect("check the store");
    assert_eq!(report.violations, Vec::<String>::new());
    assert_eq!(report.log_floor, deleted.revision);

    // After a restart the store opens the rewritten files.
    let mut server = start(directory.path()).await;
    let listed = server
        .client
        .list_articles(khabar::proto::v1::ListArticlesRequest::default())
        .await
        .expect("list")
        .into_inner();
    assert_eq!(listed.revision, deleted.revision + 2);
    assert_eq!(listed.articles.len(), 6);
    server.stop().await;
}

#[tokio::test]
async fn resuming_before_the_compacted_revision_names_the_oldest_available() {
    let directory = tempfile::tempdir().expect("temporary directory");
    let mut config = common::config(directory.path());
    config.log_retention_revisions = 3;
    let mut server = start_with(config).await;
    for number in 0..10 {
        server
            .ingest_numbered(number, "سالم الحربي", "الرافد", "2024-06-01")
            .await;
    }
    // 0 applies the configured retention: keep the newest three.
    let compacted = server
        .client
        .compact_change_log(CompactChangeLogRequest::default())
        .await
        .expect("compact")
        .into_inner();
    assert_eq!(compacted.oldest_available_revision, 8);
    assert_eq!(compacted.removed_entries, 7);

    for (start, after) in [
        (StartPosition::AfterRevision, 3),
        (StartPosition::Beginning, 0),
    ] {
        let status = server
            .client
            .subscribe(SubscribeRequest {
                start: start as i32,
                after_revision: after,
                ..Default::default()
            })
            .await
            .expect_err("compacted");
        assert_eq!(status.code(), Code::OutOfRange, "{status:?}");
        assert!(
            status.message().contains("revision 8"),
            "names the oldest available: {status:?}"
        );
    }
    // Resuming at the floor works and delivers the rest.
    let mut stream = server
        .client
        .subscribe(SubscribeRequest {
            start: StartPosition::AfterRevision as i32,
            after_revision: 7,
            ..Default::default()
        })
        .await
        .expect("subscribe")
        .into_inner();
    let mut revisions = Vec::new();
    while revisions.len() < 3 {
        let message = tokio::time::timeout(Duration::from_secs(30), stream.next())
            .await
            .expect("a message")
            .expect("open")
            .expect("ok");
        if let Some(subscribe_response::Event::Changes(set)) = message.event {
            revisions.push(set.revision);
        }
    }
    assert_eq!(revisions, vec![8, 9, 10]);

    let beyond = server
        .client
        .compact_change_log(CompactChangeLogRequest {
            through_revision: 11,
        })
        .await
        .expect_err("beyond the store");
    assert_eq!(beyond.code(), Code::OutOfRange);
    server.stop().await;
}
