//! Contracts of listings: every filter, paging at several sizes, refused
//! page tokens.

use crate::common::{article_text, timestamp};
use crate::{LAYLA, Run, SALIM, all_pages, article_id, english_text, ingest, prepared};
use khabar::extract::speaker_key;
use khabar::proto::v1::{
    ArticleFilter, IngestArticleResponse, MilestoneFilter, StatementFilter, TimeRange,
};
use khabar::storage::{DocumentStorage, StoreError};

async fn five_articles(storage: &dyn DocumentStorage) -> Vec<IngestArticleResponse> {
    let samples = [
        (article_text(11, SALIM), "الرافد", "ar", "2024-01-10"),
        (article_text(12, SALIM), "الرافد", "ar", "2024-02-10"),
        (article_text(13, LAYLA), "المرصد", "ar", "2024-03-10"),
        (english_text(14), "المرصد", "en", "2024-04-10"),
        (english_text(15), "الرافد", "en", "2024-05-10"),
    ];
    let mut answers = Vec::new();
    for (text, source, language, published) in samples {
        answers.push(ingest(storage, prepared(&text, source, language, published)).await);
    }
    answers
}

fn published(from: &str, to: &str) -> Option<TimeRange> {
    Some(TimeRange {
        start: Some(timestamp(from)),
        end: Some(timestamp(to)),
    })
}

pub fn list_contract(storage: &dyn DocumentStorage) -> Run<'_> {
    Box::pin(async move {
        let answers = five_articles(storage).await;
        let id = |n: usize| article_id(&answers[n]);
        let article_filter = |source: &str, language: &str, range| ArticleFilter {
            source: source.to_string(),
            language: language.to_string(),
            published: range,
        };
        let articles = [
            (
                "everything, newest first",
                article_filter("", "", None),
                vec![id(4), id(3), id(2), id(1), id(0)],
            ),
            (
                "one source",
                article_filter("الرافد", "", None),
                vec![id(4), id(1), id(0)],
            ),
            (
                "one language",
                article_filter("", "en", None),
                vec![id(4), id(3)],
            ),
            (
                "source and language",
                article_filter("المرصد", "ar", None),
                vec![id(2)],
            ),
            (
                "published range, end excluded",
                article_filter("", "", published("2024-02-01", "2024-04-10")),
                vec![id(2), id(1)],
            ),
            ("nothing matches", article_filter("لا أحد", "", None), vec![]),
        ];
        for (label, filter, expected) in articles {
            for page_size in [1, 2, 100] {
                let listed = all_pages(storage, page_size, |token| {
                    storage.list_articles(&filter, page_size, token)
                });
                let listed: Vec<String> = listed.into_iter().map(|a| a.id).collect();
                assert_eq!(listed, expected, "{label}, pages of {page_size}");
            }
        }

        let statement_ids = |numbers: &[usize], speaker: Option<&str>| {
            let mut ids: Vec<String> = numbers
                .iter()
                .flat_map(|&n| answers[n].statements.iter())
                .filter(|s| {
                    speaker.is_none_or(|name| {
                        s.speaker
                            .as_ref()
                            .is_some_and(|found| found.key == speaker_key(name))
                    })
                })
                .map(|s| s.id.clone())
                .collect();
            ids.sort();
            ids
        };
        let statement_filter = |article_id: String, speaker: &str, source: &str| StatementFilter {
            article_id,
            speaker: speaker.to_string(),
            source: source.to_string(),
            ..StatementFilter::default()
        };
        let statements = [
            (
                "one article",
                statement_filter(id(0), "", ""),
                statement_ids(&[0], None),
            ),
            (
                "one speaker",
                statement_filter(String::new(), SALIM, ""),
                statement_ids(&[0, 1, 2, 3, 4], Some(SALIM)),
            ),
            (
                "one source",
                statement_filter(String::new(), "", "المرصد"),
                statement_ids(&[2, 3], None),
            ),
        ];
        for (label, filter, expected) in statements {
            assert!(!expected.is_empty(), "{label}: the texts give statements");
            let key = speaker_key(&filter.speaker);
            let listed = all_pages(storage, 1, |token| {
                storage.list_statements(&filter, &key, 1, token)
            });
            let mut listed: Vec<String> = listed.into_iter().map(|s| s.id).collect();
            listed.sort();
            assert_eq!(listed, expected, "{label}");
        }

        let milestone_ids = |numbers: &[usize]| {
            let mut ids: Vec<String> = numbers
                .iter()
                .flat_map(|&n| answers[n].milestones.iter().map(|m| m.id.clone()))
                .collect();
            ids.sort();
            ids
        };
        let milestones = [
            (
                "one article",
                MilestoneFilter {
                    article_id: id(2),
                    ..MilestoneFilter::default()
                },
                milestone_ids(&[2]),
            ),
            (
                "one source",
                MilestoneFilter {
                    source: "الرافد".into(),
                    ..MilestoneFilter::default()
                },
                milestone_ids(&[0, 1, 4]),
            ),
            (
                "one language",
                MilestoneFilter {
                    language: "ar".into(),
                    ..MilestoneFilter::default()
                },
                milestone_ids(&[0, 1, 2]),
            ),
        ];
        for (label, filter, expected) in milestones {
            assert!(!expected.is_empty(), "{label}: the texts give milestones");
            let listed = all_pages(storage, 2, |token| {
                storage.list_milestones(&filter, 2, token)
            });
            let mut listed: Vec<String> = listed.into_iter().map(|m| m.id).collect();
            listed.sort();
            assert_eq!(listed, expected, "{label}");
        }

        let everything = ArticleFilter::default();
        let first_page = storage.list_articles(&everything, 2, "").expect("list");
        let other_filter = article_filter("", "en", None);
        for (label, filter, token) in [
            ("not a token", &everything, "not a token!"),
            (
                "a token of another listing",
                &other_filter,
                first_page.next_page_token.as_str(),
            ),
        ] {
            let outcome = storage.list_articles(filter, 2, token);
            assert!(
                matches!(outcome, Err(StoreError::InvalidPageToken(_))),
                "{label}: {outcome:?}"
            );
        }
    })
}
