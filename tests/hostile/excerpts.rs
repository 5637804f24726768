//! Values far too long to quote back (20 KB) and ids with odd bytes: the
//! answer is the right client-error code with a short message that still
//! names the field, never a lost status or INTERNAL.

use crate::assert_refused;
use crate::common::{request, start};
use khabar::proto::v1::{
    DeleteArticleRequest, GetArticleRequest, GetMilestoneRequest, GetStatementRequest,
    IngestArticleRequest, ListArticlesRequest, ListMilestonesRequest, ListStatementsRequest,
    MilestoneFilter, ReextractArticlesRequest, StatementFilter, SubscribeRequest,
};
use std::collections::HashMap;
use tonic::Code;

const LONG_BYTES: usize = 20_000;

#[tokio::test]
async fn twenty_kilobyte_values_get_short_messages_naming_the_field() {
    let directory = tempfile::tempdir().expect("temporary directory");
    let mut server = start(directory.path()).await;
    let long = "ع".repeat(LONG_BYTES / 2);
    let client = &mut server.client;

    let ingest = |change: &dyn Fn(&mut IngestArticleRequest)| {
        let mut ingest = request(
            crate::common::article_text(1, "سالم الحربي"),
            "الرافد",
            "2024-01-01",
        );
        change(&mut ingest);
        ingest
    };
    let language = ingest(&|r| r.language = long.clone());
    assert_refused(
        "language",
        "language",
        client.ingest_article(language).await,
    );
    let label = ingest(&|r| r.labels = HashMap::from([(long.clone(), "v".to_string())]));
    assert_refused("label key", "label", client.ingest_article(label).await);

    let id = || long.clone();
    assert_refused(
        "GetArticle id",
        "article id",
        client.get_article(GetArticleRequest { id: id() }).await,
    );
    assert_refused(
        "DeleteArticle id",
        "article id",
        client
            .delete_article(DeleteArticleRequest { id: id() })
            .await,
    );
    assert_refused(
        "GetStatement id",
        "statement id",
        client.get_statement(GetStatementRequest { id: id() }).await,
    );
    assert_refused(
        "GetMilestone id",
        "milestone id",
        client.get_milestone(GetMilestoneRequest { id: id() }).await,
    );
    let reextract = ReextractArticlesRequest {
        article_ids: vec![id()],
        ..Default::default()
    };
    assert_refused(
        "ReextractArticles id",
        "article id",
        client.reextract_articles(reextract).await,
    );

    let when_from = ListMilestonesRequest {
        filter: Some(MilestoneFilter {
            when_from: "2".repeat(LONG_BYTES),
            ..Default::default()
        }),
        ..Default::default()
    };
    assert_refused(
        "when_from",
        "filter.when_from",
        client.list_milestones(when_from).await,
    );
    let speaker = StatementFilter {
        speaker: long.clone(),
        ..Default::default()
    };
    let listed = ListStatementsRequest {
        filter: Some(speaker.clone()),
        ..Default::default()
    };
    assert_refused(
        "speaker",
        "filter.speaker",
        client.list_statements(listed).await,
    );
    let subscribed = SubscribeRequest {
        statements: Some(speaker),
        ..Default::default()
    };
    assert_refused(
        "subscribed speaker",
        "statements.speaker",
        client.subscribe(subscribed).await.map(drop),
    );
    let source = ListMilestonesRequest {
        filter: Some(MilestoneFilter {
            source: long.clone(),
            ..Default::default()
        }),
        ..Default::default()
    };
    assert_refused(
        "source",
        "filter.source",
        client.list_milestones(source).await,
    );
    for token in ["A".repeat(LONG_BYTES), long.clone()] {
        let page = ListArticlesRequest {
            page_token: token,
            ..Default::default()
        };
        assert_refused(
            "page token",
            "invalid page_token",
            client.list_articles(page).await,
        );
    }
    server.stop().await;
}

/// Ids are opaque to callers: any bytes that fit the limit are simply not
/// found, and the message quotes them escaped and short.
#[tokio::test]
async fn ids_with_odd_bytes_are_not_found() {
    let directory = tempfile::tempdir().expect("temporary directory");
    let mut server = start(directory.path()).await;
    server
        .ingest_numbered(1, "سالم الحربي", "الرافد", "2024-01-01")
        .await;
    let odd_ids = [
        "\0".to_string(),
        "art/".to_string(),
        "../../etc/passwd".to_string(),
        "\u{202e}reversed".to_string(),
        "\u{7f}\u{1b}[31m".to_string(),
        "ع".repeat(128),
        " padded ".to_string(),
    ];
    for id in odd_ids {
        let outcomes = [
            server
                .client
                .get_article(GetArticleRequest { id: id.clone() })
                .await
                .map(drop),
            server
                .client
                .get_statement(GetStatementRequest { id: id.clone() })
                .await
                .map(drop),
            server
                .client
                .get_milestone(GetMilestoneRequest { id: id.clone() })
                .await
                .map(drop),
            server
                .client
                .delete_article(DeleteArticleRequest { id: id.clone() })
                .await
                .map(drop),
            server
                .client
                .reextract_articles(ReextractArticlesRequest {
                    article_ids: vec![id.clone()],
                    include_current: true,
                })
                .await
                .map(drop),
        ];
        for outcome in outcomes {
            let status = outcome.expect_err("no such id");
            assert_eq!(status.code(), Code::NotFound, "{id:?}: {status:?}");
            assert!(status.message().len() < 200, "{:?}", status.message());
            assert!(!status.message().contains('\0'), "{:?}", status.message());
        }
    }
    server.stop().await;
}
