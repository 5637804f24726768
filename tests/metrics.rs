//! The Prometheus endpoint: off unless `metrics_listen` is set; when served,
//! `GET /metrics` shows RPC latency by method and code, extraction time,
//! commit figures, subscribers, revision and store size as the server saw
//! them.

mod common;

use common::request;
use khabar::config::Config;
use khabar::proto::v1::document_store_client::DocumentStoreClient;
use khabar::proto::v1::{GetArticleRequest, ListArticlesRequest, StartPosition, SubscribeRequest};
use khabar::server::{ExtraListeners, ServerError, run};
use std::net::SocketAddr;
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::oneshot;
use tonic::Code;

/// Sends one HTTP/1.1 request and returns the status line and the body.
async fn http_get(address: SocketAddr, path: &str) -> (String, String) {
    let exchange = async {
        let mut stream = TcpStream::connect(address)
            .await
            .expect("connect to the metrics port");
        let head = format!("GET {path} HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\n\r\n");
        stream
            .write_all(head.as_bytes())
            .await
            .expect("send the request");
        let mut answer = Vec::new();
        stream
            .read_to_end(&mut answer)
            .await
            .expect("read the answer");
        answer
    };
    let answer = tokio::time::timeout(Duration::from_secs(30), exchange)
        .await
        .expect("the metrics endpoint answers");
    let answer = String::from_utf8(answer).expect("a UTF-8 answer");
    let (head, body) = answer
        .split_once("\r\n\r\n")
        .expect("an HTTP head and body");
    let status = head.lines().next().unwrap_or_default().to_string();
    assert!(
        head.to_ascii_lowercase()
            .contains("content-type: text/plain"),
        "a text answer: {head}"
    );
    (status, body.to_string())
}

/// The value of the sample whose name and labels are exactly `series`.
fn sample(body: &str, series: &str) -> Option<f64> {
    body.lines()
        .filter(|line| !line.starts_with('#'))
        .find_map(|line| {
            let (name, value) = line.rsplit_once(' ')?;
            (name == series).then(|| value.parse().expect("a numeric sample"))
        })
}

/// The sum of the samples of `name` whose labels include every one of
/// `labels` (`key="value"` pieces).
fn sum_where(body: &str, name: &str, labels: &[&str]) -> f64 {
    body.lines()
        .filter(|line| !line.starts_with('#'))
        .filter_map(|line| {
            let (series, value) = line.rsplit_once(' ')?;
            let (series_name, series_labels) = series.split_once('{').unwrap_or((series, ""));
            (series_name == name && labels.iter().all(|label| series_labels.contains(label)))
                .then(|| value.parse::<f64>().expect("a numeric sample"))
        })
        .sum()
}

#[tokio::test]
async fn the_metrics_endpoint_reports_calls_extraction_commits_subscribers_and_the_store() {
    let directory = tempfile::tempdir().expect("temporary directory");
    let listener = TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind a loopback port");
    let address = listener.local_addr().expect("listener address");
    let metrics_listener = TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind a loopback metrics port");
    let metrics_address = metrics_listener.local_addr().expect("metrics address");
    let (stop, stopped) = oneshot::channel::<()>();
    let task = common::spawn_server(
        listener,
        ExtraListeners {
            health: None,
            metrics: Some(metrics_listener),
        },
        common::config(directory.path()),
        async {
            let _ = stopped.await;
        },
    );
    let mut client = DocumentStoreClient::connect(format!("http://{address}"))
        .await
        .expect("connect to the test server");

    let ingested = 3;
    let mut revision = 0;
    for number in 0..ingested {
        let text = common::article_text(number, "سالم الحربي");
        revision = client
            .ingest_article(request(text, "الرافد", "2024-01-01"))
            .await
            .expect("ingest succeeds")
            .into_inner()
            .revision;
    }
    client
        .list_articles(ListArticlesRequest::default())
        .await
        .expect("list succeeds");
    let refused = client
        .get_article(GetArticleRequest { id: String::new() })
        .await
        .expect_err("an empty id is refused");
    assert_eq!(refused.code(), Code::InvalidArgument);
    let subscription = client
        .subscribe(SubscribeRequest {
            start: StartPosition::Now as i32,
            ..Default::default()
        })
        .await
        .expect("subscribe")
        .into_inner();

    let (status, body) = http_get(metrics_address, "/metrics").await;
    assert!(status.contains(" 200 "), "status: {status}");
    let service = r#"service="khabar.v1.DocumentStore""#;
    let ingests = sum_where(
        &body,
        "khabar_rpc_duration_seconds_count",
        &[service, r#"method="IngestArticle""#, r#"code="Ok""#],
    );
    assert!(
        ingests >= ingested as f64,
        "ingest count {ingests}:\n{body}"
    );
    let lists = sum_where(
        &body,
        "khabar_rpc_duration_seconds_count",
        &[service, r#"method="ListArticles""#, r#"code="Ok""#],
    );
    assert_eq!(lists, 1.0, "one list call:\n{body}");
    let refusals = sum_where(
        &body,
        "khabar_rpc_duration_seconds_count",
        &[
            service,
            r#"method="GetArticle""#,
            r#"code="InvalidArgument""#,
        ],
    );
    assert_eq!(refusals, 1.0, "one INVALID_ARGUMENT series:\n{body}");
    assert_eq!(sample(&body, "khabar_subscribers"), Some(1.0), "{body}");
    assert_eq!(
        sample(&body, "khabar_lagging_subscribers"),
        Some(0.0),
        "{body}"
    );
    assert_eq!(
        sample(&body, "khabar_store_revision"),
        Some(revision as f64),
        "{body}"
    );
    let size = sample(&body, "khabar_store_size_on_disk_bytes").expect("a size sample");
    assert!(size > 0.0, "store size {size}");
    let extractions =
        sample(&body, "khabar_extraction_duration_seconds_count").expect("extraction count");
    assert!(extractions >= ingested as f64, "extractions {extractions}");
    let groups = sample(&body, "khabar_commit_group_size_count").expect("commit group count");
    assert!(groups >= 1.0, "commit groups {groups}");
    let commands = sample(&body, "khabar_commit_group_size_sum").expect("commit group sum");
    assert!(commands >= ingested as f64, "committed commands {commands}");
    let flushes = sample(&body, "khabar_commit_flush_duration_seconds_count").expect("flush count");
    assert_eq!(flushes, groups, "one flush per group");

    // The subscriber's end takes it off the gauge.
    drop(subscription);
    // (Its task notices the closed stream on its own time: ask again, for at
    // most 30 s.)
    let deadline = tokio::time::Instant::now() + Duration::from_secs(30);
    let mut subscribers = None;
    for _ in 0..3000 {
        let (_, body) = http_get(metrics_address, "/metrics").await;
        subscribers = sample(&body, "khabar_subscribers");
        if subscribers == Some(0.0) || tokio::time::Instant::now() > deadline {
            break;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    assert_eq!(subscribers, Some(0.0), "the gauge returns to 0");

    let (status, _) = http_get(metrics_address, "/other").await;
    assert!(status.contains(" 404 "), "status: {status}");

    let _ = stop.send(());
    drop(client);
    task.await
        .expect("server task")
        .expect("server stopped cleanly");
    // The endpoint stopped with the server.
    assert!(
        TcpStream::connect(metrics_address).await.is_err(),
        "nothing listens on the metrics port after shutdown"
    );
}

#[tokio::test]
async fn metrics_are_off_by_default_and_the_setting_is_what_opens_the_port() {
    assert_eq!(Config::default().metrics_listen, None);
    let from_file: Config = toml::from_str("").expect("an empty configuration file");
    assert_eq!(from_file.metrics_listen, None);

    // With the setting on an address already taken, the server does not
    // start, naming the metrics address: `run` binds exactly that setting.
    let directory = tempfile::tempdir().expect("temporary directory");
    let taken = TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind a loopback port");
    let taken_address = taken.local_addr().expect("taken address");
    let listener = TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind a loopback port");
    let config = Config {
        metrics_listen: Some(taken_address),
        ..common::config(directory.path())
    };
    let outcome = run(listener, config, std::future::pending()).await;
    match outcome {
        Err(error @ ServerError::MetricsListen { .. }) => {
            assert!(error.to_string().contains(&taken_address.to_string()));
        }
        other => panic!("expected a metrics listen error, got {other:?}"),
    }
}

#[test]
fn the_metrics_address_is_read_from_the_file_and_must_not_share_a_port() {
    let config: Config =
        toml::from_str("metrics_listen = \"127.0.0.1:9464\"\n").expect("a configuration");
    let address: SocketAddr = "127.0.0.1:9464".parse().expect("an address");
    assert_eq!(config.metrics_listen, Some(address));
    assert!(config.clone().validated().is_ok());

    let on_listen = Config {
        metrics_listen: Some(config.listen),
        ..config.clone()
    };
    let refused = on_listen
        .validated()
        .expect_err("the gRPC address is taken");
    assert!(refused.to_string().contains("metrics_listen"), "{refused}");
    let on_health = Config {
        health_listen: Some(address),
        ..config
    };
    let refused = on_health
        .validated()
        .expect_err("the health address is taken");
    assert!(refused.to_string().contains("metrics_listen"), "{refused}");
}
