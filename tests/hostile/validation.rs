//! Values that decode but make no sense: impossible calendar values,
//! inverted ranges, unknown enum values, timestamps outside year 1..9999 or
//! with nanos out of range, malformed durations. List calls and Subscribe
//! refuse the same filter the same way, naming the field.

use crate::common::{TestServer, start, timestamp};
use crate::{assert_refused, store_revision};
use khabar::proto::v1::{
    ArticleFilter, IngestArticleRequest, ListArticlesRequest, ListMilestonesRequest,
    ListStatementsRequest, MilestoneFilter, Relation, StatementFilter, SubscribeRequest, TimeRange,
};
use tonic::Status;

fn at(seconds: i64, nanos: i32) -> Option<pbjson_types::Timestamp> {
    Some(pbjson_types::Timestamp { seconds, nanos })
}

fn range(
    start: Option<pbjson_types::Timestamp>,
    end: Option<pbjson_types::Timestamp>,
) -> Option<TimeRange> {
    Some(TimeRange { start, end })
}

/// Publication ranges no call may accept, with the part the message names.
fn bad_ranges() -> Vec<(&'static str, Option<TimeRange>, &'static str)> {
    vec![
        (
            "start before year 1",
            range(at(-62_135_596_801, 0), None),
            "published.start.seconds",
        ),
        (
            "end after year 9999",
            range(None, at(253_402_300_800, 0)),
            "published.end.seconds",
        ),
        (
            "negative nanos",
            range(at(0, -1), None),
            "published.start.nanos",
        ),
        (
            "nanos of a whole second",
            range(None, at(0, 1_000_000_000)),
            "published.end.nanos",
        ),
        (
            "start after end",
            range(at(1_700_000_000, 0), at(1_600_000_000, 0)),
            "published.start",
        ),
    ]
}

/// Milestone filters no call may accept, with the field the message names.
fn bad_milestone_filters() -> Vec<(String, MilestoneFilter, &'static str)> {
    let when = |from: &str, to: &str| MilestoneFilter {
        when_from: from.into(),
        when_to: to.into(),
        ..MilestoneFilter::default()
    };
    let mut cases = vec![
        (
            "inverted when range".to_string(),
            when("2022", "2021"),
            "when_from",
        ),
        (
            "inverted days".to_string(),
            when("2021-05-02", "2021-05-01"),
            "when_from",
        ),
        (
            "unknown relation".to_string(),
            MilestoneFilter {
                relation: 99,
                ..MilestoneFilter::default()
            },
            "relation",
        ),
        (
            "unknown status".to_string(),
            MilestoneFilter {
                status: 7,
                ..MilestoneFilter::default()
            },
            "status",
        ),
    ];
    for value in [
        "2021-02-30",
        "2023-02-29",
        "+202",
        "2021-13",
        "2021-00",
        "2021-01-00",
        "20211",
        " 2021",
        "2021 ",
        "2021-+1",
    ] {
        cases.push((format!("when_from {value:?}"), when(value, ""), "when_from"));
        cases.push((format!("when_to {value:?}"), when("", value), "when_to"));
    }
    cases
}

#[tokio::test]
async fn list_calls_refuse_filters_that_make_no_sense() {
    let directory = tempfile::tempdir().expect("temporary directory");
    let mut server = start(directory.path()).await;
    server
        .ingest_numbered(1, "سالم الحربي", "الرافد", "2024-01-01")
        .await;
    for (case, filter, field) in bad_milestone_filters() {
        let outcome = server
            .client
            .list_milestones(ListMilestonesRequest {
                filter: Some(filter),
                ..Default::default()
            })
            .await;
        assert_refused(&case, &format!("filter.{field}"), outcome);
    }
    for (case, published, field) in bad_ranges() {
        let field = format!("filter.{field}");
        let articles = server
            .client
            .list_articles(ListArticlesRequest {
                filter: Some(ArticleFilter {
                    published,
                    ..Default::default()
                }),
                ..Default::default()
            })
            .await;
        assert_refused(case, &field, articles);
        let statements = server
            .client
            .list_statements(ListStatementsRequest {
                filter: Some(StatementFilter {
                    published,
                    ..Default::default()
                }),
                ..Default::default()
            })
            .await;
        assert_refused(case, &field, statements);
        let milestones = server
            .client
            .list_milestones(ListMilestonesRequest {
                filter: Some(MilestoneFilter {
                    published,
                    ..Default::default()
                }),
                ..Default::default()
            })
            .await;
        assert_refused(case, &field, milestones);
    }
    // Valid neighbours of the refused values still list.
    let valid = server
        .client
        .list_milestones(ListMilestonesRequest {
            filter: Some(MilestoneFilter {
                when_from: "2024-02-29".into(),
                when_to: "2025".into(),
                relation: Relation::By as i32,
                ..Default::default()
            }),
            ..Default::default()
        })
        .await
        .expect("a valid filter lists")
        .into_inner();
    assert!(!valid.milestones.is_empty(), "the 30 June 2025 deadline");
    server.stop().await;
}

async fn subscribe(server: &mut TestServer, request: SubscribeRequest) -> Result<(), Status> {
    server.client.subscribe(request).await.map(drop)
}

#[tokio::test]
async fn subscribe_refuses_the_same_filters_and_malformed_heartbeats() {
    let directory = tempfile::tempdir().expect("temporary directory");
    let mut server = start(directory.path()).await;
    for (case, filter, field) in bad_milestone_filters() {
        let request = SubscribeRequest {
            milestones: Some(filter),
            ..Default::default()
        };
        let outcome = subscribe(&mut server, request).await;
        assert_refused(&case, &format!("milestones.{field}"), outcome);
    }
    for (case, published, field) in bad_ranges() {
        let articles = SubscribeRequest {
            articles: Some(ArticleFilter {
                published,
                ..Default::default()
            }),
            ..Default::default()
        };
        let outcome = subscribe(&mut server, articles).await;
        assert_refused(case, &format!("articles.{field}"), outcome);
        let statements = SubscribeRequest {
            statements: Some(StatementFilter {
                published,
                ..Default::default()
            }),
            ..Default::default()
        };
        let outcome = subscribe(&mut server, statements).await;
        assert_refused(case, &format!("statements.{field}"), outcome);
    }
    let heartbeats = [
        (
            "nanos over a second",
            1,
            2_000_000_000,
            "heartbeat_interval.nanos",
        ),
        (
            "nanos of a whole second",
            0,
            1_000_000_000,
            "heartbeat_interval.nanos",
        ),
        ("negative nanos", 2, -1, "heartbeat_interval"),
        ("signs differ", -2, 500_000_000, "heartbeat_interval"),
        (
            "seconds beyond the range",
            i64::MAX,
            0,
            "heartbeat_interval.seconds",
        ),
    ];
    for (case, seconds, nanos, field) in heartbeats {
        let request = SubscribeRequest {
            heartbeat_interval: Some(pbjson_types::Duration { seconds, nanos }),
            ..Default::default()
        };
        let outcome = subscribe(&mut server, request).await;
        assert_refused(case, field, outcome);
    }
    server.stop().await;
}

#[tokio::test]
async fn ingest_refuses_timestamps_outside_the_protobuf_range() {
    let directory = tempfile::tempdir().expect("temporary directory");
    let mut server = start(directory.path()).await;
    let before = store_revision(&mut server).await;
    let text = crate::common::article_text(1, "سالم الحربي");
    let cases = [
        (
            "before year 1",
            at(-62_135_596_801, 0),
            "published_at.seconds",
        ),
        ("year 0", at(-62_198_755_200, 0), "published_at.seconds"),
        (
            "negative nanos",
            at(1_700_000_000, -1),
            "published_at.nanos",
        ),
        (
            "nanos over a second",
            at(1_700_000_000, 1_500_000_000),
            "published_at.nanos",
        ),
    ];
    for (case, published_at, field) in cases {
        let outcome = server
            .client
            .ingest_article(IngestArticleRequest {
                text: text.clone(),
                published_at,
                ..Default::default()
            })
            .await;
        assert_refused(case, field, outcome);
    }
    assert_eq!(store_revision(&mut server).await, before);
    let accepted = server
        .client
        .ingest_article(IngestArticleRequest {
            text,
            published_at: Some(timestamp("2024-01-01")),
            ..Default::default()
        })
        .await
        .expect("a valid date is accepted")
        .into_inner();
    assert_eq!(accepted.revision, before + 1);
    server.stop().await;
}
