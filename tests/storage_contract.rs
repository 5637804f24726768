//! The storage contract: what every `DocumentStorage` backend must do,
//! checked through the trait alone (no server, no gRPC). Each contract is a
//! function of a fresh, empty storage; `on_every_backend` runs it once for
//! each backend in `common::BACKENDS`, so a new backend is held to the same
//! cases. Articles are small invented texts run through the real engine.

mod common;

use common::{article_text, timestamp};
use khabar::extract::{EXTRACTOR_VERSION, ExtractOptions, content_id, extract, speaker_key};
use khabar::proto::v1::{
    Article, ArticleFilter, ChangeKind, IngestArticleResponse, MilestoneFilter, StatementFilter,
    TimeRange, change,
};
use khabar::storage::{CompactTarget, DocumentStorage, Page, PreparedIngest, StoreError};
use std::future::Future;
use std::pin::Pin;

type Run<'a> = Pin<Box<dyn Future<Output = ()> + 'a>>;
type Contract = for<'a> fn(&'a dyn DocumentStorage) -> Run<'a>;

/// Runs `contract` on a fresh storage of every backend, then shuts it down.
async fn on_every_backend(contract: Contract) {
    for &backend in common::BACKENDS {
        let directory = tempfile::tempdir().expect("temporary directory");
        let storage = common::open_backend(backend, &common::config(directory.path()))
            .unwrap_or_else(|error| panic!("open the {backend:?} backend: {error}"));
        eprintln!("storage contract on the {backend:?} backend");
        contract(storage.as_ref()).await;
        storage
            .shutdown()
            .await
            .unwrap_or_else(|error| panic!("shut down the {backend:?} backend: {error}"));
    }
}

const SALIM: &str = "سالم الحربي";
const LAYLA: &str = "ليلى منصور";

/// An English article, for language filters.
fn english_text(number: usize) -> String {
    format!(
        "Ministry unveils water plan number {number}\n\n\
         Water minister Omar Haddad said \"the first phase of project {number} will be finished before the end of the year\".\n\n\
         The ministry announced the project on 15 March 2024.\n"
    )
}

/// `text` extracted as published on `published` and stamped as the
/// service would stamp it.
fn prepared(text: &str, source: &str, language: &str, published: &str) -> PreparedIngest {
    let date: jiff::civil::Date = published.parse().expect("a YYYY-MM-DD date");
    let options = ExtractOptions {
        published_on: Some(date),
        fallback_date: date,
    };
    let mut extraction = extract(text, &options);
    let article = extraction.article.get_or_insert_with(Article::default);
    article.source = source.to_string();
    article.language = language.to_string();
    article.published_at = Some(timestamp(published));
    article.ingested_at = Some(timestamp("2024-07-01"));
    PreparedIngest {
        extraction,
        raw_text: text.to_string(),
        request_id: String::new(),
    }
}

fn with_url(mut ingest: PreparedIngest, url: &str) -> PreparedIngest {
    if let Some(article) = ingest.extraction.article.as_mut() {
        article.url = url.to_string();
    }
    ingest
}

fn with_request_id(mut ingest: PreparedIngest, request_id: &str) -> PreparedIngest {
    ingest.request_id = request_id.to_string();
    ingest
}

fn article_id(answer: &IngestArticleResponse) -> String {
    answer
        .article
        .as_ref()
        .map(|a| a.id.clone())
        .unwrap_or_default()
}

async fn ingest(storage: &dyn DocumentStorage, ingest: PreparedIngest) -> IngestArticleResponse {
    storage.ingest(ingest).await.expect("ingest")
}

/// Every page of a listing read with `page_size`, checking each page.
fn all_pages<T>(
    storage: &dyn DocumentStorage,
    page_size: usize,
    read: impl Fn(&str) -> Result<Page<T>, StoreError>,
) -> Vec<T> {
    let (mut items, mut token) = (Vec::new(), String::new());
    for _ in 0..100 {
        let page = read(&token).expect("list");
        assert!(
            page.items.len() <= page_size,
            "a page holds at most page_size"
        );
        assert_eq!(
            page.revision,
            storage.revision(),
            "a page names its revision"
        );
        items.extend(page.items);
        if page.next_page_token.is_empty() {
            return items;
        }
        token = page.next_page_token;
    }
    panic!("a listing of a few records did not end within 100 pages");
}

fn is_not_found<T: std::fmt::Debug>(outcome: Result<T, StoreError>) -> bool {
    matches!(outcome, Err(StoreError::NotFound { .. }))
}

fn ingest_contract(storage: &dyn DocumentStorage) -> Run<'_> {
    Box::pin(async move {
        let texts: Vec<String> = (1..=4).map(|n| article_text(n, SALIM)).collect();
        let (first, third) = (content_id(&texts[0]), content_id(&texts[2]));
        let url = "https://news.example/water/1";
        let table = [
            (
                "new text",
                with_url(prepared(&texts[0], "الرافد", "ar", "2024-04-01"), url),
                true,
                &first,
                1,
            ),
            (
                "same text again",
                prepared(&texts[0], "الرافد", "ar", "2024-04-01"),
                false,
                &first,
                1,
            ),
            (
                "other text, same url",
                with_url(prepared(&texts[1], "الرافد", "ar", "2024-04-01"), url),
                false,
                &first,
                1,
            ),
            (
                "new text with a request id",
                with_request_id(
                    prepared(&texts[2], "الرافد", "ar", "2024-04-02"),
                    "request-3",
                ),
                true,
                &third,
                2,
            ),
            (
                "same request id, other text",
                with_request_id(
                    prepared(&texts[3], "الرافد", "ar", "2024-04-03"),
                    "request-3",
                ),
                true,
                &third,
                2,
            ),
        ];
        let mut answers = Vec::new();
        for (label, prepared, created, id, revision) in table {
            let answer = ingest(storage, prepared).await;
            assert_eq!(answer.created, created, "{label}: created");
            assert_eq!(&article_id(&answer), id, "{label}: article");
            assert_eq!(answer.revision, revision, "{label}: revision answered");
            assert_eq!(storage.revision(), revision, "{label}: store revision");
            answers.push(answer);
        }
        let replayed = storage.replayed_answer("request-3").expect("replay");
        let replayed = replayed.expect("a request id seen before has an answer");
        assert_eq!(
            (article_id(&replayed), replayed.created, replayed.revision),
            (third.clone(), true, 2)
        );
        assert_eq!(
            storage
                .replayed_answer("request-never-sent")
                .expect("replay"),
            None
        );

        let mut ids = vec![first.clone(), third.clone()];
        ids.sort();
        assert_eq!(storage.article_ids().expect("ids"), ids);
        assert_eq!(
            storage.raw_text(&first).expect("raw text"),
            Some(texts[0].clone())
        );
        assert_eq!(
            storage.raw_text(&content_id(&texts[1])).expect("raw text"),
            None
        );

        let stored = &answers[0];
        let article = storage.get_article(&first).expect("stored article");
        assert_eq!(
            (article.source.as_str(), article.url.as_str()),
            ("الرافد", url)
        );
        assert!(!stored.statements.is_empty() && !stored.milestones.is_empty());
        for statement in &stored.statements {
            assert_eq!(
                &storage.get_statement(&statement.id).expect("statement"),
                statement
            );
        }
        for milestone in &stored.milestones {
            assert_eq!(
                &storage.get_milestone(&milestone.id).expect("milestone"),
                milestone
            );
        }
        assert!(is_not_found(storage.get_article("no-such-article")));
        assert!(is_not_found(storage.get_statement("no-such-statement")));
        assert!(is_not_found(storage.get_milestone("no-such-milestone")));
    })
}

#[tokio::test]
async fn ingest_answers_created_duplicate_and_replayed_outcomes() {
    on_every_backend(ingest_contract).await;
}

/// Five articles over two sources, two languages and five months; the
/// answers in ingest order.
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

fn list_contract(storage: &dyn DocumentStorage) -> Run<'_> {
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

#[tokio::test]
async fn lists_select_by_every_filter_and_page_without_loss() {
    on_every_backend(list_contract).await;
}

fn delete_contract(storage: &dyn DocumentStorage) -> Run<'_> {
    Box::pin(async move {
        let kept = ingest(
            storage,
            prepared(&article_text(21, SALIM), "الرافد", "ar", "2024-01-01"),
        )
        .await;
        let gone = ingest(
            storage,
            prepared(&article_text(22, LAYLA), "الرافد", "ar", "2024-01-02"),
        )
        .await;
        let gone_id = article_id(&gone);
        let answer = storage.delete_article(&gone_id).await.expect("delete");
        assert_eq!(answer.deleted_article_ids, vec![gone_id.clone()]);
        assert_eq!(answer.deleted_statements as usize, gone.statements.len());
        assert_eq!(answer.deleted_milestones as usize, gone.milestones.len());
        assert_eq!((answer.revision, storage.revision()), (3, 3));

        assert!(is_not_found(storage.get_article(&gone_id)));
        for statement in &gone.statements {
            assert!(is_not_found(storage.get_statement(&statement.id)));
        }
        for milestone in &gone.milestones {
            assert!(is_not_found(storage.get_milestone(&milestone.id)));
        }
        assert_eq!(storage.raw_text(&gone_id).expect("raw text"), None);
        let again = storage.delete_article(&gone_id).await;
        assert!(
            matches!(again, Err(StoreError::NotFound { .. })),
            "{again:?}"
        );
        assert_eq!(storage.revision(), 3, "a refused delete takes no revision");

        assert_eq!(storage.article_ids().expect("ids"), vec![article_id(&kept)]);
        let listed = storage
            .list_articles(&ArticleFilter::default(), 10, "")
            .expect("list");
        assert_eq!(listed.items.len(), 1);
        let by_article = StatementFilter {
            article_id: gone_id.clone(),
            ..StatementFilter::default()
        };
        let statements = storage
            .list_statements(&by_article, "", 10, "")
            .expect("list");
        assert!(statements.items.is_empty());
    })
}

#[tokio::test]
async fn a_deleted_article_and_its_parts_are_not_found_afterwards() {
    on_every_backend(delete_contract).await;
}

fn revisions(sets: &[khabar::proto::v1::ChangeSet]) -> Vec<u64> {
    sets.iter().map(|set| set.revision).collect()
}

fn change_log_contract(storage: &dyn DocumentStorage) -> Run<'_> {
    Box::pin(async move {
        let mut ids = Vec::new();
        for number in 31..=33 {
            let answer = ingest(
                storage,
                prepared(&article_text(number, SALIM), "الرافد", "ar", "2024-02-01"),
            )
            .await;
            ids.push(article_id(&answer));
        }
        storage.delete_article(&ids[1]).await.expect("delete");
        assert_eq!(storage.revision(), 4);
        let reads = [
            ("everything", 0, 100, usize::MAX, vec![1, 2, 3, 4]),
            ("after a cursor", 2, 100, usize::MAX, vec![3, 4]),
            ("at most `limit`", 0, 2, usize::MAX, vec![1, 2]),
            ("the first even over the byte budget", 0, 100, 1, vec![1]),
            ("caught up", 4, 100, usize::MAX, vec![]),
        ];
        for (label, after, limit, max_bytes, expected) in reads {
            let sets = storage
                .read_changes(after, limit, max_bytes)
                .expect("read changes");
            assert_eq!(revisions(&sets), expected, "{label}");
            assert!(
                sets.iter().all(|set| set.committed_at.is_some()),
                "{label}: commit time"
            );
        }
        let mut cursor = 0;
        for step in 1..=4 {
            let sets = storage
                .read_changes(cursor, 1, usize::MAX)
                .expect("read changes");
            assert_eq!(revisions(&sets), vec![step], "one step at a time, no gaps");
            cursor = step;
        }
        let beyond = storage.read_changes(5, 10, usize::MAX);
        assert!(
            matches!(
                beyond,
                Err(StoreError::RevisionOutOfRange {
                    requested: 5,
                    current: 4
                })
            ),
            "{beyond:?}"
        );

        let sets = storage
            .read_changes(0, 100, usize::MAX)
            .expect("read changes");
        let article_change = |set: &khabar::proto::v1::ChangeSet, kind: ChangeKind| {
            set.changes.iter().find_map(|c| match &c.resource {
                Some(change::Resource::Article(article)) if c.kind == kind as i32 => {
                    Some(article.id.clone())
                }
                _ => None,
            })
        };
        assert_eq!(
            article_change(&sets[0], ChangeKind::Created),
            Some(ids[0].clone())
        );
        assert_eq!(
            article_change(&sets[3], ChangeKind::Deleted),
            Some(ids[1].clone())
        );
        let statements_created = sets[0]
            .changes
            .iter()
            .filter(|c| matches!(c.resource, Some(change::Resource::Statement(_))))
            .count();
        assert!(statements_created > 0, "an ingest logs its statements too");
    })
}

#[tokio::test]
async fn the_change_log_is_read_in_order_without_gaps() {
    on_every_backend(change_log_contract).await;
}

fn revision_watch_contract(storage: &dyn DocumentStorage) -> Run<'_> {
    Box::pin(async move {
        assert_eq!(storage.revision(), 0, "a fresh store is at revision 0");
        assert_eq!(storage.oldest_available_revision().expect("oldest"), 1);
        assert!(
            *storage.watch_writable().borrow(),
            "a fresh store can write"
        );
        let mut revisions = storage.watch_revision();
        assert_eq!(*revisions.borrow_and_update(), 0);
        let answer = ingest(
            storage,
            prepared(&article_text(41, SALIM), "الرافد", "ar", "2024-02-01"),
        )
        .await;
        // Acknowledged means durable, and durable means announced.
        assert!(revisions.has_changed().expect("the watch is open"));
        assert_eq!(*revisions.borrow_and_update(), 1);
        storage
            .delete_article(&article_id(&answer))
            .await
            .expect("delete");
        revisions.changed().await.expect("the watch is open");
        assert_eq!(*revisions.borrow_and_update(), 2);
        assert_eq!(storage.revision(), 2);
    })
}

#[tokio::test]
async fn each_durable_revision_is_announced_before_the_write_returns() {
    on_every_backend(revision_watch_contract).await;
}

fn compaction_contract(storage: &dyn DocumentStorage) -> Run<'_> {
    Box::pin(async move {
        for number in 51..=54 {
            ingest(
                storage,
                prepared(&article_text(number, SALIM), "الرافد", "ar", "2024-02-01"),
            )
            .await;
        }
        let steps = [
            ("through revision 2", CompactTarget::Through(2), 3),
            (
                "lower than the floor: the floor stays",
                CompactTarget::Through(1),
                3,
            ),
            (
                "keep the newest revision",
                CompactTarget::Retention {
                    keep_revisions: 1,
                    keep_secs: 0,
                },
                4,
            ),
            (
                "no retention: nothing more",
                CompactTarget::Retention {
                    keep_revisions: 0,
                    keep_secs: 0,
                },
                4,
            ),
        ];
        for (label, target, oldest) in steps {
            let compaction = storage.compact(target).await.expect("compact");
            assert_eq!(compaction.oldest_available, oldest, "{label}");
            assert_eq!(
                storage.oldest_available_revision().expect("oldest"),
                oldest,
                "{label}"
            );
            assert_eq!(
                storage.revision(),
                4,
                "{label}: compaction is not a revision"
            );
        }
        let below = storage.read_changes(2, 10, usize::MAX);
        assert!(
            matches!(
                below,
                Err(StoreError::Compacted {
                    requested: 2,
                    oldest_available: 4
                })
            ),
            "{below:?}"
        );
        let sets = storage
            .read_changes(3, 10, usize::MAX)
            .expect("read changes");
        assert_eq!(revisions(&sets), vec![4]);
        assert_eq!(
            storage.article_ids().expect("ids").len(),
            4,
            "compaction keeps the data"
        );
    })
}

#[tokio::test]
async fn compaction_raises_the_oldest_available_revision_and_refuses_reads_below_it() {
    on_every_backend(compaction_contract).await;
}

fn replace_contract(storage: &dyn DocumentStorage) -> Run<'_> {
    Box::pin(async move {
        let text = article_text(61, SALIM);
        let mut old = prepared(&text, "الرافد", "ar", "2024-04-01");
        old.extraction.statements.clear();
        old.extraction.milestones.clear();
        if let Some(article) = old.extraction.article.as_mut() {
            article.extractor_version = "0.0.0-old".to_string();
        }
        let id = article_id(&ingest(storage, old).await);
        let fresh = || prepared(&text, "", "", "2024-04-01").extraction;
        let steps = [
            ("an older extraction is replaced", Some(2)),
            ("the same one again changes nothing", None),
        ];
        for (label, revision) in steps {
            assert_eq!(
                storage.replace_extraction(fresh()).await.expect("replace"),
                revision,
                "{label}"
            );
        }
        let article = storage.get_article(&id).expect("article");
        assert_eq!(article.extractor_version, EXTRACTOR_VERSION);
        assert_eq!(article.source, "الرافد", "the caller's metadata is kept");
        let by_article = StatementFilter {
            article_id: id.clone(),
            ..StatementFilter::default()
        };
        let statements = storage
            .list_statements(&by_article, "", 100, "")
            .expect("list");
        assert_eq!(statements.items.len(), fresh().statements.len());
        assert!(!statements.items.is_empty());
        let sets = storage
            .read_changes(1, 10, usize::MAX)
            .expect("read changes");
        let updated = sets[0]
            .changes
            .iter()
            .any(|c| c.kind == ChangeKind::Updated as i32);
        assert!(updated, "a replacement is logged as an UPDATED article");
    })
}

#[tokio::test]
async fn a_new_extraction_replaces_the_stored_one_as_one_revision() {
    on_every_backend(replace_contract).await;
}

fn backup_and_size_contract(storage: &dyn DocumentStorage) -> Run<'_> {
    Box::pin(async move {
        for number in 71..=72 {
            ingest(
                storage,
                prepared(&article_text(number, SALIM), "الرافد", "ar", "2024-02-01"),
            )
            .await;
        }
        assert!(
            storage.size_on_disk().expect("size") > 0,
            "stored data takes space"
        );
        match storage.backup().await {
            Ok(mut reader) => {
                let summary = reader.summary();
                assert_eq!(summary.revision, 2, "a backup is the durable revision");
                let mut bytes = 0u64;
                let read = tokio::task::block_in_place(|| {
                    for _ in 0..10_000 {
                        match reader.next_chunk()? {
                            Some(chunk) => bytes += chunk.len() as u64,
                            None => return Ok(true),
                        }
                    }
                    Ok::<_, StoreError>(false)
                });
                assert!(read.expect("read the backup"), "the backup ends");
                assert_eq!(bytes, summary.bytes);
                assert!(bytes > 0);
            }
            Err(StoreError::Unsupported { .. }) => {}
            Err(error) => panic!("a backup either works or is unsupported: {error}"),
        }
    })
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_backup_holds_the_durable_revision_and_reads_to_its_end() {
    on_every_backend(backup_and_size_contract).await;
}

fn shutdown_contract(storage: &dyn DocumentStorage) -> Run<'_> {
    Box::pin(async move {
        let text = article_text(81, SALIM);
        let id = article_id(&ingest(storage, prepared(&text, "الرافد", "ar", "2024-02-01")).await);
        storage.shutdown().await.expect("shut down");
        let refused = [
            (
                "ingest",
                storage
                    .ingest(prepared(
                        &article_text(82, SALIM),
                        "الرافد",
                        "ar",
                        "2024-02-01",
                    ))
                    .await
                    .err(),
            ),
            ("delete", storage.delete_article(&id).await.err()),
            (
                "replace",
                storage
                    .replace_extraction(prepared(&text, "", "", "2024-02-01").extraction)
                    .await
                    .err(),
            ),
            (
                "compact",
                storage.compact(CompactTarget::Through(1)).await.err(),
            ),
        ];
        for (label, error) in refused {
            assert!(
                matches!(error, Some(StoreError::ShuttingDown)),
                "{label} after shutdown: {error:?}"
            );
        }
        assert_eq!(storage.get_article(&id).expect("reads keep working").id, id);
        assert_eq!(storage.revision(), 1);
        storage
            .shutdown()
            .await
            .expect("a second shutdown is harmless");
    })
}

#[tokio::test]
async fn after_shutdown_writes_are_refused_and_reads_keep_working() {
    on_every_backend(shutdown_contract).await;
}

#[test]
fn the_test_backend_is_chosen_by_name_and_an_unknown_name_is_refused() {
    for name in ["", "sled", " sled "] {
        assert_eq!(
            common::backend_named(name),
            common::Backend::Sled,
            "{name:?}"
        );
    }
    let refused = std::panic::catch_unwind(|| common::backend_named("postgres"));
    let payload = refused.expect_err("an unknown backend stops the run");
    let message = payload
        .downcast_ref::<String>()
        .expect("a formatted panic message");
    assert!(
        message.contains("KHABAR_TEST_BACKEND=\"postgres\""),
        "{message}"
    );
    assert!(message.contains("known backends are: sled"), "{message}");
}
