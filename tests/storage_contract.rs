//! The storage contract: what every `DocumentStorage` backend must do,
//! checked through the trait alone (no server, no gRPC). Each contract is a
//! function of a fresh, empty storage; `on_every_backend` runs it once for
//! each backend in `common::BACKENDS`, so a new backend is held to the same
//! cases. Articles are small invented texts run through the real engine.

mod common;
mod contract;

use contract::{change_log, listings, operations, records};

use common::timestamp;
use khabar::extract::{ExtractOptions, extract};
use khabar::proto::v1::{Article, IngestArticleResponse};
use khabar::storage::{DocumentStorage, Page, PreparedIngest, StoreError};
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

#[tokio::test]
async fn ingest_answers_created_duplicate_and_replayed_outcomes() {
    on_every_backend(records::ingest_contract).await;
}

/// Five articles over two sources, two languages and five months; the
/// answers in ingest order.

#[tokio::test]
async fn lists_select_by_every_filter_and_page_without_loss() {
    on_every_backend(listings::list_contract).await;
}

#[tokio::test]
async fn a_deleted_article_and_its_parts_are_not_found_afterwards() {
    on_every_backend(records::delete_contract).await;
}

#[tokio::test]
async fn the_change_log_is_read_in_order_without_gaps() {
    on_every_backend(change_log::change_log_contract).await;
}

#[tokio::test]
async fn each_durable_revision_is_announced_before_the_write_returns() {
    on_every_backend(change_log::revision_watch_contract).await;
}

#[tokio::test]
async fn compaction_raises_the_oldest_available_revision_and_refuses_reads_below_it() {
    on_every_backend(change_log::compaction_contract).await;
}

#[tokio::test]
async fn a_new_extraction_replaces_the_stored_one_as_one_revision() {
    on_every_backend(operations::replace_contract).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_backup_holds_the_durable_revision_and_reads_to_its_end() {
    on_every_backend(operations::backup_and_size_contract).await;
}

#[tokio::test]
async fn after_shutdown_writes_are_refused_and_reads_keep_working() {
    on_every_backend(operations::shutdown_contract).await;
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
