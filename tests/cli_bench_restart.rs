//! `khabar bench restart` run as a separate process on a store written by
//! `khabar serve` (also a separate process, so that the store's lock is
//! released when it exits): each run reaches SERVING and reads an article,
//! and each stops its server. No timing is asserted beyond the order of
//! events within a run.

mod cli_support;

use cli_support::{Finished, khabar, run};
use khabar::proto::v1::ListArticlesRequest;
use serde_json::Value;

fn report(finished: &Finished) -> Value {
    assert!(finished.succeeded(), "{}", finished.both());
    serde_json::from_str(finished.stdout.trim())
        .unwrap_or_else(|error| panic!("one JSON object on stdout ({error}):\n{}", finished.both()))
}

/// Starts `khabar serve` as its own process on a free port and returns it
/// with the address its log says it serves on.
async fn serve_process(
    work: &std::path::Path,
    data: &std::path::Path,
) -> (tokio::process::Child, std::net::SocketAddr) {
    use tokio::io::AsyncBufReadExt;
    let data = data.to_str().expect("a UTF-8 path");
    let mut child = khabar(
        work,
        None,
        &[
            "serve",
            "--listen",
            "127.0.0.1:0",
            "--log-format",
            "json",
            "--data-dir",
            data,
        ],
    )
    .spawn()
    .expect("start khabar serve");
    let stderr = child.stderr.take().expect("stderr");
    let mut lines = tokio::io::BufReader::new(stderr).lines();
    let address = tokio::time::timeout(cli_support::PATIENCE, async {
        loop {
            let line = lines
                .next_line()
                .await
                .expect("read the log")
                .expect("the log ended before the server was serving");
            let event: Value = serde_json::from_str(&line).expect("a JSON log line");
            if event["fields"]["message"] == "serving" {
                let address = event["fields"]["address"].as_str().expect("an address");
                break address.parse().expect("a socket address");
            }
        }
    })
    .await
    .expect("the server served in time");
    // Keep draining the log so that the server never blocks on a full pipe.
    tokio::spawn(async move { while let Ok(Some(_)) = lines.next_line().await {} });
    (child, address)
}

async fn stop_process(mut child: tokio::process::Child) {
    cli_support::signal(&child, "TERM");
    let status = tokio::time::timeout(cli_support::PATIENCE, child.wait())
        .await
        .expect("the server stopped in time")
        .expect("wait for the server");
    assert!(status.success(), "the server stopped cleanly: {status}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bench_restart_times_each_start_until_serving_and_a_first_get_article() {
    let data = tempfile::tempdir().expect("tempdir");
    let work = tempfile::tempdir().expect("tempdir");
    let (server, address) = serve_process(work.path(), data.path()).await;
    let ingest = run(khabar(
        work.path(),
        Some(address),
        &[
            "bench",
            "ingest",
            "--clients",
            "1",
            "--articles",
            "3",
            "--json",
        ],
    ))
    .await;
    assert_eq!(report(&ingest)["created"], 3);
    stop_process(server).await;

    let directory = data.path().to_str().expect("a UTF-8 path");
    let finished = run(khabar(
        work.path(),
        None,
        &[
            "bench",
            "restart",
            "--data-dir",
            directory,
            "--runs",
            "2",
            "--json",
        ],
    ))
    .await;
    let value = report(&finished);
    assert_eq!(value["command"], "restart", "{value}");
    let runs = value["runs"].as_array().expect("a list of runs");
    assert_eq!(runs.len(), 2, "{value}");
    for one in runs {
        let serving = one["serving_ms"].as_f64().expect("serving_ms");
        let first_get = one["first_get_article_ms"]
            .as_f64()
            .expect("first_get_article_ms");
        // The article is read after health answered SERVING.
        assert!(serving > 0.0 && first_get >= serving, "{value}");
        assert!(one["stopped_in_ms"].is_number(), "{value}");
    }
    assert_eq!(value["serving_ms"]["samples"], 2, "{value}");
    assert_eq!(value["first_get_article_ms"]["samples"], 2, "{value}");

    // Each run stopped its server: the store opens again, with its articles.
    let (server, address) = serve_process(work.path(), data.path()).await;
    let mut client = khabar::proto::v1::document_store_client::DocumentStoreClient::connect(
        format!("http://{address}"),
    )
    .await
    .expect("connect");
    let articles = client
        .list_articles(ListArticlesRequest::default())
        .await
        .expect("list articles")
        .into_inner()
        .articles;
    assert_eq!(articles.len(), 3);
    stop_process(server).await;
}

#[tokio::test]
async fn bench_restart_says_an_empty_store_must_be_filled_first() {
    let data = tempfile::tempdir().expect("tempdir");
    let work = tempfile::tempdir().expect("tempdir");
    let directory = data.path().to_str().expect("a UTF-8 path");
    let finished = run(khabar(
        work.path(),
        None,
        &["bench", "restart", "--data-dir", directory, "--runs", "1"],
    ))
    .await;
    assert!(!finished.succeeded(), "{}", finished.both());
    assert!(
        finished.stderr.contains("holds no articles") && finished.stderr.contains("bench fill"),
        "{}",
        finished.both()
    );
}

#[tokio::test]
async fn bench_restart_refuses_a_data_directory_that_does_not_exist() {
    let work = tempfile::tempdir().expect("tempdir");
    let finished = run(khabar(
        work.path(),
        None,
        &["bench", "restart", "--data-dir", "no-such-store"],
    ))
    .await;
    assert!(!finished.succeeded(), "{}", finished.both());
    assert!(
        finished.stderr.contains("no-such-store is not a directory"),
        "{}",
        finished.both()
    );
}
