//! `khabar bench` run as a separate process against the real server, with
//! small counts: the JSON report's counts match what was asked and what the
//! store then holds. No timing is asserted (shared, noisy machine).

mod cli_support;
mod common;

use cli_support::{Finished, khabar, run};
use khabar::proto::v1::ListArticlesRequest;
use serde_json::Value;

fn report(finished: &Finished) -> Value {
    assert!(finished.succeeded(), "{}", finished.both());
    serde_json::from_str(finished.stdout.trim())
        .unwrap_or_else(|error| panic!("one JSON object on stdout ({error}):\n{}", finished.both()))
}

async fn stored_articles(server: &mut common::TestServer) -> usize {
    server
        .client
        .list_articles(ListArticlesRequest {
            page_size: 1000,
            ..Default::default()
        })
        .await
        .expect("list articles")
        .into_inner()
        .articles
        .len()
}

async fn bench_ingest(mode: &str) {
    let data = tempfile::tempdir().expect("tempdir");
    let work = tempfile::tempdir().expect("tempdir");
    let mut server = common::start(data.path()).await;
    let finished = run(khabar(
        work.path(),
        Some(server.address),
        &[
            "bench",
            "ingest",
            "--clients",
            "2",
            "--articles",
            "20",
            "--mode",
            mode,
            "--json",
        ],
    ))
    .await;
    let value = report(&finished);
    assert_eq!(value["command"], "ingest", "{value}");
    assert_eq!(value["mode"], mode, "{value}");
    assert_eq!(value["ops"], 20, "{value}");
    assert_eq!(value["created"], 20, "{value}");
    assert_eq!(value["errors"], 0, "{value}");
    // 20 generated articles of 3.5 KB or more each.
    assert!(
        value["text_bytes"].as_u64().unwrap_or(0) >= 70_000,
        "{value}"
    );
    let expected_samples = if mode == "unary" { 20 } else { 2 };
    assert_eq!(value["latency_samples"], expected_samples, "{value}");
    assert!(value["latency_ms"]["p50"].is_number(), "{value}");
    assert!(value["latency_ms"]["p99_9"].is_number(), "{value}");
    assert_eq!(stored_articles(&mut server).await, 20);
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bench_ingest_unary_writes_every_article_once() {
    bench_ingest("unary").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bench_ingest_stream_writes_every_article_once() {
    bench_ingest("stream").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bench_ingest_sends_the_files_of_a_directory_repeating_them_as_duplicates() {
    let data = tempfile::tempdir().expect("tempdir");
    let work = tempfile::tempdir().expect("tempdir");
    let mut server = common::start(data.path()).await;
    let articles = tempfile::tempdir().expect("tempdir");
    for number in 1..=2 {
        let path = articles.path().join(format!("{number}.txt"));
        std::fs::write(path, common::article_text(number, "علي الخفاجي")).expect("write");
    }
    let directory = articles.path().to_str().expect("a UTF-8 path");
    let finished = run(khabar(
        work.path(),
        Some(server.address),
        &[
            "bench",
            "ingest",
            "--clients",
            "1",
            "--articles",
            "3",
            "--files",
            directory,
            "--json",
        ],
    ))
    .await;
    let value = report(&finished);
    assert_eq!(value["ops"], 3, "{value}");
    assert_eq!(value["created"], 2, "{value}");
    assert_eq!(value["duplicates"], 1, "{value}");
    let file_bytes: usize = [1, 2, 1]
        .iter()
        .map(|number| common::article_text(*number, "علي الخفاجي").len())
        .sum();
    assert_eq!(value["text_bytes"], file_bytes as u64, "{value}");
    assert_eq!(stored_articles(&mut server).await, 2);
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bench_query_runs_each_call_the_requested_number_of_times() {
    let data = tempfile::tempdir().expect("tempdir");
    let work = tempfile::tempdir().expect("tempdir");
    let server = common::start(data.path()).await;
    let address = Some(server.address);
    let fill = run(khabar(
        work.path(),
        address,
        &["bench", "fill", "--statements", "100", "--json"],
    ))
    .await;
    let filled = report(&fill);
    assert_eq!(filled["errors"], 0, "{filled}");
    assert!(
        filled["planned_statements"].as_u64().unwrap_or(0) >= 100,
        "{filled}"
    );
    let finished = run(khabar(
        work.path(),
        address,
        &[
            "bench",
            "query",
            "--requests",
            "12",
            "--clients",
            "3",
            "--json",
        ],
    ))
    .await;
    let value = report(&finished);
    assert!(
        value["sampled_speakers"].as_u64().unwrap_or(0) > 0,
        "{value}"
    );
    let calls = value["calls"].as_array().expect("a list of calls");
    let names: Vec<&str> = calls
        .iter()
        .filter_map(|call| call["call"].as_str())
        .collect();
    assert_eq!(
        names,
        [
            "ListArticles",
            "ListStatements",
            "ListMilestones",
            "GetArticle"
        ]
    );
    for call in calls {
        assert_eq!(call["ops"], 12, "{call}");
        assert_eq!(call["errors"], 0, "{call}");
        // Every page (filtered by a sampled speaker or the default
        // when-range) found something to return.
        assert!(call["rows"].as_u64().unwrap_or(0) >= 12, "{call}");
    }
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bench_subscribe_delivers_every_write_to_every_subscriber() {
    let data = tempfile::tempdir().expect("tempdir");
    let work = tempfile::tempdir().expect("tempdir");
    let server = common::start(data.path()).await;
    let finished = run(khabar(
        work.path(),
        Some(server.address),
        &[
            "bench",
            "subscribe",
            "--subscribers",
            "3",
            "--writes",
            "5",
            "--connections",
            "2",
            "--json",
        ],
    ))
    .await;
    let value = report(&finished);
    assert_eq!(value["command"], "subscribe", "{value}");
    assert_eq!(value["writes"]["ops"], 5, "{value}");
    assert_eq!(value["expected_deliveries"], 15, "{value}");
    assert_eq!(value["deliveries"], 15, "{value}");
    assert_eq!(value["missing_deliveries"], 0, "{value}");
    assert_eq!(value["latency_samples"], 15, "{value}");
    // Both latencies of every delivery: from sending the write, and from
    // the commit time the server stamped on the change set.
    assert_eq!(value["send_to_delivery_ms"]["samples"], 15, "{value}");
    assert_eq!(value["commit_to_delivery_ms"]["samples"], 15, "{value}");
    assert_eq!(value["deliveries_without_commit_time"], 0, "{value}");
    assert!(value["commit_to_delivery_ms"]["p99"].is_number(), "{value}");
    assert!(value.get("server_memory").is_none(), "{value}");

    // The same seed again: every write is a duplicate and nothing can be
    // delivered, which the run says instead of reporting empty numbers.
    let again = run(khabar(
        work.path(),
        Some(server.address),
        &["bench", "subscribe", "--subscribers", "2", "--writes", "5"],
    ))
    .await;
    assert!(!again.succeeded(), "{}", again.both());
    assert!(
        again.stderr.contains("every write was a duplicate") && again.stderr.contains("--seed"),
        "{}",
        again.both()
    );
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bench_refuses_zero_clients_with_a_clear_message() {
    let work = tempfile::tempdir().expect("tempdir");
    let finished = run(khabar(
        work.path(),
        None,
        &["bench", "ingest", "--clients", "0", "--articles", "5"],
    ))
    .await;
    assert!(!finished.succeeded(), "{}", finished.both());
    assert!(
        finished.stderr.contains("--clients must be at least 1"),
        "{}",
        finished.both()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bench_starts_nothing_once_its_duration_is_spent() {
    let data = tempfile::tempdir().expect("tempdir");
    let work = tempfile::tempdir().expect("tempdir");
    let mut server = common::start(data.path()).await;
    let finished = run(khabar(
        work.path(),
        Some(server.address),
        &[
            "bench",
            "ingest",
            "--clients",
            "2",
            "--articles",
            "20",
            "--duration-secs",
            "0",
            "--json",
        ],
    ))
    .await;
    let value = report(&finished);
    assert_eq!(value["ops"], 0, "{value}");
    assert_eq!(value["errors"], 0, "{value}");
    assert_eq!(stored_articles(&mut server).await, 0);
    server.stop().await;
}

#[tokio::test]
async fn bench_generate_writes_distinct_articles_without_a_server() {
    let work = tempfile::tempdir().expect("tempdir");
    let finished = run(khabar(
        work.path(),
        None,
        &[
            "bench",
            "generate",
            "--articles",
            "5",
            "--output",
            "articles",
        ],
    ))
    .await;
    assert!(finished.succeeded(), "{}", finished.both());
    let mut texts: Vec<String> = std::fs::read_dir(work.path().join("articles"))
        .expect("the output directory")
        .map(|entry| std::fs::read_to_string(entry.expect("an entry").path()).expect("a text"))
        .collect();
    assert_eq!(texts.len(), 5);
    assert!(texts.iter().all(|text| text.len() > 2000));
    texts.sort();
    texts.dedup();
    assert_eq!(texts.len(), 5, "every article is different");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bench_subscribe_reads_the_server_memory_of_a_given_process() {
    let data = tempfile::tempdir().expect("tempdir");
    let work = tempfile::tempdir().expect("tempdir");
    // The test server runs in this process, so this process is its pid.
    let server = common::start(data.path()).await;
    let pid = std::process::id().to_string();
    let finished = run(khabar(
        work.path(),
        Some(server.address),
        &[
            "bench",
            "subscribe",
            "--subscribers",
            "4",
            "--writes",
            "2",
            "--server-pid",
            &pid,
            "--idle-settle-ms",
            "0",
            "--json",
        ],
    ))
    .await;
    let value = report(&finished);
    let memory = &value["server_memory"];
    assert_eq!(memory["pid"], std::process::id(), "{value}");
    assert!(
        memory["rss_before_kib"].as_u64().unwrap_or(0) > 0,
        "{value}"
    );
    assert!(memory["rss_idle_kib"].as_u64().unwrap_or(0) > 0, "{value}");
    assert!(memory["bytes_per_idle_subscriber"].is_number(), "{value}");
    assert_eq!(value["missing_deliveries"], 0, "{value}");
    server.stop().await;
}

#[tokio::test]
async fn bench_subscribe_refuses_a_server_pid_that_is_not_running() {
    let work = tempfile::tempdir().expect("tempdir");
    // Above the largest pid Linux hands out (2^22).
    let finished = run(khabar(
        work.path(),
        Some("127.0.0.1:9".parse().expect("an address")),
        &["bench", "subscribe", "--server-pid", "4194305"],
    ))
    .await;
    assert!(!finished.succeeded(), "{}", finished.both());
    assert!(
        finished
            .stderr
            .contains("--server-pid must be a live process"),
        "{}",
        finished.both()
    );
}
