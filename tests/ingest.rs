//! Ingest, read back, duplicates, request replay, delete, and bad input,
//! through the real server and the generated client.

mod common;

use common::{article_text, request, start, timestamp};
use khabar::proto::v1::{
    DeleteArticleRequest, GetArticleRequest, GetMilestoneRequest, GetStatementRequest,
    IngestArticleRequest, ListArticlesRequest, ListStatementsRequest, PublishedAtSource,
    StatementFilter,
};
use tonic::Code;

#[tokio::test]
async fn ingested_article_reads_back_with_its_extraction() {
    let directory = tempfile::tempdir().expect("temporary directory");
    let mut server = start(directory.path()).await;
    let mut ingest = request(article_text(1, "سالم الحربي"), "الرافد", "2024-06-01");
    ingest.url = "https://example.test/water-1".to_string();
    ingest
        .labels
        .insert("desk".to_string(), "economy".to_string());
    let answer = server.ingest(ingest).await;

    assert!(answer.created);
    assert_eq!(answer.revision, 1);
    let article = answer.article.clone().expect("article in answer");
    assert_eq!(article.source, "الرافد");
    assert_eq!(article.url, "https://example.test/water-1");
    assert_eq!(
        article.labels.get("desk").map(String::as_str),
        Some("economy")
    );
    assert_eq!(article.published_at, Some(timestamp("2024-06-01")));
    assert_eq!(
        article.published_at_source,
        PublishedAtSource::Provided as i32
    );
    assert_eq!(article.revision, 1);
    assert!(!article.extractor_version.is_empty());
    assert!(article.ingested_at.is_some());

    let stored = server
        .client
        .get_article(GetArticleRequest {
            id: article.id.clone(),
        })
        .await
        .expect("get article")
        .into_inner();
    assert_eq!(stored, article);

    assert!(!answer.milestones.is_empty(), "the fixture has dates");
    for statement in &answer.statements {
        let read = server
            .client
            .get_statement(GetStatementRequest {
                id: statement.id.clone(),
            })
            .await
            .expect("get statement")
            .into_inner();
        assert_eq!(&read, statement);
    }
    for milestone in &answer.milestones {
        let read = server
            .client
            .get_milestone(GetMilestoneRequest {
                id: milestone.id.clone(),
            })
            .await
            .expect("get milestone")
            .into_inner();
        assert_eq!(&read, milestone);
    }
    server.stop().await;
}

#[tokio::test]
async fn same_text_same_url_or_retried_request_creates_nothing_new() {
    let directory = tempfile::tempdir().expect("temporary directory");
    let mut server = start(directory.path()).await;
    let mut first = request(article_text(2, "سالم الحربي"), "الرافد", "2024-06-01");
    first.url = "https://example.test/a".to_string();
    first.request_id = "retry-me".to_string();
    let original = server.ingest(first.clone()).await;
    assert!(original.created);

    // Same text and publication date, different source (a new date is an
    // update: see tests/hardening_writes.rs).
    let again = server
        .ingest_numbered(2, "سالم الحربي", "آخر", "2024-06-01")
        .await;
    assert!(!again.created);
    assert_eq!(
        again.article.as_ref().map(|a| &a.id),
        original.article.as_ref().map(|a| &a.id)
    );
    assert_eq!(again.statements, original.statements);
    assert_eq!(again.milestones, original.milestones);

    // Same url, different text.
    let mut same_url = request(article_text(3, "سالم الحربي"), "الرافد", "2024-06-01");
    same_url.url = "https://example.test/a".to_string();
    let by_url = server.ingest(same_url).await;
    assert!(!by_url.created);
    assert_eq!(
        by_url.article.as_ref().map(|a| &a.id),
        original.article.as_ref().map(|a| &a.id)
    );

    // A retried request id returns the first answer, even with other text.
    let mut retry = request(article_text(4, "سالم الحربي"), "الرافد", "2024-06-01");
    retry.request_id = "retry-me".to_string();
    let replayed = server.ingest(retry).await;
    assert_eq!(replayed, original);

    let listed = server
        .client
        .list_articles(ListArticlesRequest::default())
        .await
        .expect("list")
        .into_inner();
    assert_eq!(listed.articles.len(), 1, "duplicates must not be stored");
    assert_eq!(listed.revision, 1, "duplicates must not create revisions");
    server.stop().await;
}

#[tokio::test]
async fn delete_removes_the_article_and_everything_extracted_from_it() {
    let directory = tempfile::tempdir().expect("temporary directory");
    let mut server = start(directory.path()).await;
    let kept = server
        .ingest_numbered(5, "سالم الحربي", "الرافد", "2024-06-01")
        .await;
    let doomed = server
        .ingest_numbered(6, "سالم الحربي", "الرافد", "2024-06-01")
        .await;
    let doomed_id = doomed.article.clone().expect("article").id;

    let deleted = server
        .client
        .delete_article(DeleteArticleRequest {
            id: doomed_id.clone(),
        })
        .await
        .expect("delete")
        .into_inner();
    assert_eq!(deleted.deleted_article_ids, vec![doomed_id.clone()]);
    assert_eq!(deleted.deleted_statements as usize, doomed.statements.len());
    assert_eq!(deleted.deleted_milestones as usize, doomed.milestones.len());
    assert_eq!(deleted.revision, 3);

    let gone = server
        .client
        .get_article(GetArticleRequest {
            id: doomed_id.clone(),
        })
        .await;
    assert_eq!(gone.expect_err("article is gone").code(), Code::NotFound);
    for statement in &doomed.statements {
        let gone = server
            .client
            .get_statement(GetStatementRequest {
                id: statement.id.clone(),
            })
            .await;
        assert_eq!(gone.expect_err("statement is gone").code(), Code::NotFound);
    }
    for milestone in &doomed.milestones {
        let gone = server
            .client
            .get_milestone(GetMilestoneRequest {
                id: milestone.id.clone(),
            })
            .await;
        assert_eq!(gone.expect_err("milestone is gone").code(), Code::NotFound);
    }
    let statements = server
        .client
        .list_statements(ListStatementsRequest {
            filter: Some(StatementFilter {
                article_id: doomed_id.clone(),
                ..Default::default()
            }),
            ..Default::default()
        })
        .await
        .expect("list")
        .into_inner();
    assert!(
        statements.statements.is_empty(),
        "indexes must be cleaned too"
    );
    let again = server
        .client
        .delete_article(DeleteArticleRequest {
            id: doomed_id.clone(),
        })
        .await;
    assert_eq!(again.expect_err("second delete").code(), Code::NotFound);

    // The other article is untouched, and the deleted text can come back.
    let kept_id = kept.article.expect("article").id;
    assert!(
        server
            .client
            .get_article(GetArticleRequest { id: kept_id })
            .await
            .is_ok()
    );
    let back = server
        .ingest_numbered(6, "سالم الحربي", "الرافد", "2024-06-01")
        .await;
    assert!(back.created);
    server.stop().await;
}

#[tokio::test]
async fn bad_input_gets_the_right_status_and_changes_nothing() {
    let directory = tempfile::tempdir().expect("temporary directory");
    let mut config = common::config(directory.path());
    config.max_article_bytes = 1000;
    let mut server = common::start_with(config).await;
    let client = &mut server.client;

    let empty = client.ingest_article(IngestArticleRequest::default()).await;
    let empty = empty.expect_err("empty text");
    assert_eq!(empty.code(), Code::InvalidArgument);
    assert!(empty.message().contains("text"), "{}", empty.message());

    let large = client
        .ingest_article(IngestArticleRequest {
            text: "ا".repeat(600),
            ..Default::default()
        })
        .await
        .expect_err("text over the limit");
    assert_eq!(large.code(), Code::InvalidArgument);
    assert!(large.message().contains("1000"), "{}", large.message());

    let future = client
        .ingest_article(request("نص ما".to_string(), "", "2999-01-01"))
        .await
        .expect_err("far-future publication");
    assert_eq!(future.code(), Code::InvalidArgument);
    assert!(future.message().contains("future"), "{}", future.message());

    let unknown = client
        .get_article(GetArticleRequest {
            id: "no-such-article".into(),
        })
        .await
        .expect_err("unknown id");
    assert_eq!(unknown.code(), Code::NotFound);
    let unknown = client
        .get_statement(GetStatementRequest {
            id: "no-such-statement".into(),
        })
        .await
        .expect_err("unknown id");
    assert_eq!(unknown.code(), Code::NotFound);
    let unknown = client
        .get_milestone(GetMilestoneRequest {
            id: "no-such-milestone".into(),
        })
        .await
        .expect_err("unknown id");
    assert_eq!(unknown.code(), Code::NotFound);
    let blank = client
        .get_article(GetArticleRequest::default())
        .await
        .expect_err("blank id");
    assert_eq!(blank.code(), Code::InvalidArgument);

    let negative = client
        .list_articles(ListArticlesRequest {
            page_size: -1,
            ..Default::default()
        })
        .await
        .expect_err("negative page size");
    assert_eq!(negative.code(), Code::InvalidArgument);

    let token = client
        .list_articles(ListArticlesRequest {
            page_token: "not a token!".into(),
            ..Default::default()
        })
        .await
        .expect_err("malformed token");
    assert_eq!(token.code(), Code::InvalidArgument);

    let listed = client
        .list_articles(ListArticlesRequest::default())
        .await
        .expect("list")
        .into_inner();
    assert!(listed.articles.is_empty());
    assert_eq!(listed.revision, 0, "failed requests must not write");
    server.stop().await;
}

#[tokio::test]
async fn read_also_sections_are_stored_as_linked_articles() {
    let directory = tempfile::tempdir().expect("temporary directory");
    let mut server = start(directory.path()).await;
    let host_text = format!(
        "{}\nاقرأ أيضاً.. الوزير: المشروع يكتمل قريباً\n\nقال وزير الموارد المائية سالم الحربي إن \"العمل يسير وفق الخطة المتفق عليها\".\n",
        article_text(7, "نادية العمري")
    );
    for (text, sections) in [(host_text, 1), ("اقرأ أيضاً".to_string(), 1)] {
        let answer = server.ingest(request(text, "الرافد", "2024-06-01")).await;
        assert_eq!(answer.related.len(), sections);
        let host = answer.article.clone().expect("host article");
        for related in &answer.related {
            let article = related.article.clone().expect("related article");
            assert_ne!(article.id, host.id);
            assert_eq!(article.embedded_in, host.id);
            assert!(host.embedded_ids.contains(&article.id));
            let stored = server
                .client
                .get_article(GetArticleRequest {
                    id: article.id.clone(),
                })
                .await;
            assert_eq!(
                stored.expect("related is stored").into_inner().embedded_in,
                host.id
            );
        }
        let stored = server
            .client
            .get_article(GetArticleRequest {
                id: host.id.clone(),
            })
            .await;
        assert_eq!(stored.expect("host is stored").into_inner(), host);
    }
    server.stop().await;
}
