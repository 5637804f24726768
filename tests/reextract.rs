//! Re-extraction: articles stored by an older engine get the current
//! engine's statements and milestones, the change reaches the change log as
//! one revision, and unchanged articles produce no revision.

mod common;

use common::{article_text, start};
use khabar::extract::{EXTRACTOR_VERSION, ExtractOptions, content_id, extract};
use khabar::proto::v1::{
    Article, ChangeKind, Extraction, Milestone, ReextractArticlesRequest, When, change,
};
use khabar::storage::PreparedIngest;
use std::collections::HashSet;
use tonic::Code;

/// What an older engine might have stored: the raw text as body, no
/// statements, and one milestone the current engine does not produce.
fn old_extraction(text: &str) -> Extraction {
    let id = content_id(text);
    let published = common::timestamp("2024-04-01");
    Extraction {
        article: Some(Article {
            id: id.clone(),
            body: text.to_string(),
            source: "الرافد".to_string(),
            language: "ar".to_string(),
            published_at: Some(published),
            extractor_version: "0.0.0-old".to_string(),
            ..Article::default()
        }),
        milestones: vec![Milestone {
            id: format!("{id}-old-milestone"),
            article_id: id,
            when: Some(When {
                value: "1999".into(),
                year: 1999,
                ..When::default()
            }),
            ..Milestone::default()
        }],
        ..Extraction::default()
    }
}

#[tokio::test]
async fn articles_from_an_older_engine_are_brought_up_to_date() {
    let directory = tempfile::tempdir().expect("temporary directory");
    let text = article_text(1, "سالم الحربي");
    {
        let store = common::open_storage(&common::config(directory.path())).expect("open store");
        let stored = store
            .ingest(PreparedIngest {
                extraction: old_extraction(&text),
                raw_text: text.clone(),
                request_id: String::new(),
            })
            .await
            .expect("ingest");
        assert_eq!(stored.revision, 1);

        let answer =
            khabar::reextract::reextract(store.as_ref(), &ReextractArticlesRequest::default())
                .await
                .expect("re-extract");
        assert_eq!(
            (answer.examined, answer.changed, answer.unchanged),
            (1, 1, 0)
        );
        assert_eq!(answer.revision, 2);

        let id = content_id(&text);
        let article = store.get_article(&id).expect("article");
        assert_eq!(article.extractor_version, EXTRACTOR_VERSION);
        assert_eq!(article.source, "الرافد", "caller metadata is kept");
        assert_eq!(article.published_at, Some(common::timestamp("2024-04-01")));
        assert_eq!(article.revision, 2);

        let fresh = extract(
            &text,
            &ExtractOptions {
                published_on: Some("2024-04-01".parse().expect("date")),
                fallback_date: "2024-04-01".parse().expect("date"),
            },
        );
        let changes = store.read_changes(1, 10, usize::MAX).expect("change log");
        assert_eq!(changes.len(), 1, "one revision for the whole replacement");
        let mut created = HashSet::new();
        let mut deleted = HashSet::new();
        let mut updated = 0;
        for change in &changes[0].changes {
            let id = match &change.resource {
                Some(change::Resource::Statement(s)) => s.id.clone(),
                Some(change::Resource::Milestone(m)) => m.id.clone(),
                Some(change::Resource::Article(_)) => {
                    assert_eq!(change.kind, ChangeKind::Updated as i32);
                    updated += 1;
                    continue;
                }
                None => panic!("change without a resource"),
            };
            if change.kind == ChangeKind::Created as i32 {
                created.insert(id);
            } else {
                deleted.insert(id);
            }
        }
        assert_eq!(updated, 1);
        assert_eq!(deleted, HashSet::from([format!("{id}-old-milestone")]));
        let expected: HashSet<String> = fresh
            .statements
            .iter()
            .map(|s| s.id.clone())
            .chain(fresh.milestones.iter().map(|m| m.id.clone()))
            .collect();
        assert!(!expected.is_empty());
        assert_eq!(created, expected);
        assert!(store.get_milestone(&format!("{id}-old-milestone")).is_err());

        let again =
            khabar::reextract::reextract(store.as_ref(), &ReextractArticlesRequest::default())
                .await
                .expect("second run");
        assert_eq!((again.changed, again.unchanged, again.revision), (0, 1, 2));
        store.shutdown().await.expect("close store");
    }

    // The same through the binary, on the stopped store's directory.
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_khabar"))
        .args(["reextract", "--all", "--data-dir"])
        .arg(directory.path())
        .output()
        .expect("run khabar reextract");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let printed = String::from_utf8_lossy(&output.stdout);
    assert!(
        printed.contains("1 examined, 0 changed, 1 unchanged"),
        "{printed}"
    );
}

#[tokio::test]
async fn the_admin_call_reextracts_through_a_running_server() {
    let directory = tempfile::tempdir().expect("temporary directory");
    let mut server = start(directory.path()).await;
    let answer = server
        .ingest_numbered(2, "نادية العمري", "الرافد", "2024-01-01")
        .await;
    let id = answer.article.expect("article").id;
    let result = server
        .client
        .reextract_articles(ReextractArticlesRequest {
            article_ids: vec![id],
            include_current: true,
        })
        .await
        .expect("re-extract")
        .into_inner();
    assert_eq!(
        (result.examined, result.changed, result.unchanged),
        (1, 0, 1)
    );
    assert_eq!(result.revision, 1, "the same engine changes nothing");

    let unknown = server
        .client
        .reextract_articles(ReextractArticlesRequest {
            article_ids: vec!["no-such-article".into()],
            include_current: true,
        })
        .await
        .expect_err("unknown article");
    assert_eq!(unknown.code(), Code::NotFound);
    server.stop().await;
}
