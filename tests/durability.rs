//! Restarts on the same data directory keep data and revisions, and an
//! acknowledged ingest survives `kill -9` of the real `khabar serve` process.

mod common;

use common::{article_text, request, start};
use khabar::proto::v1::document_store_client::DocumentStoreClient;
use khabar::proto::v1::{
    GetArticleRequest, ListArticlesRequest, StartPosition, SubscribeRequest, subscribe_response,
};
use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

#[tokio::test]
async fn a_restart_serves_everything_again_and_continues_revisions() {
    let directory = tempfile::tempdir().expect("temporary directory");
    let mut server = start(directory.path()).await;
    let mut ids = Vec::new();
    for number in 0..3 {
        let answer = server
            .ingest_numbered(number, "سالم الحربي", "الرافد", "2024-01-01")
            .await;
        ids.push(answer.article.expect("article").id);
    }
    server.stop().await;

    let mut server = start(directory.path()).await;
    for id in &ids {
        let article = server
            .client
            .get_article(GetArticleRequest { id: id.clone() })
            .await;
        assert!(article.is_ok(), "article {id} survives the restart");
    }
    let listed = server
        .client
        .list_articles(ListArticlesRequest::default())
        .await
        .expect("list")
        .into_inner();
    assert_eq!(listed.revision, 3);
    let next = server
        .ingest_numbered(9, "سالم الحربي", "الرافد", "2024-01-01")
        .await;
    assert_eq!(next.revision, 4, "revisions continue where they stopped");
    let duplicate = server
        .ingest_numbered(0, "سالم الحربي", "الرافد", "2024-01-01")
        .await;
    assert!(!duplicate.created, "de-duplication survives the restart");

    let mut stream = server
        .client
        .subscribe(SubscribeRequest {
            start: StartPosition::Beginning as i32,
            ..Default::default()
        })
        .await
        .expect("subscribe")
        .into_inner();
    for expected in 1..=4 {
        let message = stream.message().await.expect("healthy").expect("open");
        match message.event {
            Some(subscribe_response::Event::Changes(changes)) => {
                assert_eq!(changes.revision, expected)
            }
            other => panic!("expected changes, got {other:?}"),
        }
    }
    server.stop().await;
}

/// Starts `khabar serve` on an ephemeral port and reads the bound address
/// from its log.
fn spawn_server(data_dir: &std::path::Path) -> (std::process::Child, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_khabar"))
        .args([
            "serve",
            "--listen",
            "127.0.0.1:0",
            "--log-format",
            "json",
            "--data-dir",
        ])
        .arg(data_dir)
        .stderr(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .expect("start khabar serve");
    let stderr = child.stderr.take().expect("stderr");
    let mut lines = BufReader::new(stderr).lines();
    let address = loop {
        let line = lines
            .next()
            .expect("server log ended before it was serving")
            .expect("log line");
        let event: serde_json::Value = serde_json::from_str(&line).expect("JSON log line");
        if event["fields"]["message"] == "serving" {
            let address = event["fields"]["address"]
                .as_str()
                .expect("address field")
                .to_string();
            break address;
        }
    };
    // Keep draining the log so the server never blocks on a full pipe.
    std::thread::spawn(move || for _ in lines {});
    (child, address)
}

#[tokio::test]
async fn acknowledged_ingests_survive_kill_9() {
    let directory = tempfile::tempdir().expect("temporary directory");
    let (mut child, address) = spawn_server(directory.path());
    let mut client = DocumentStoreClient::connect(format!("http://{address}"))
        .await
        .expect("connect");
    let mut ids = Vec::new();
    for number in 0..50 {
        let answer = client
            .ingest_article(request(
                article_text(number, "نادية العمري"),
                "الرافد",
                "2024-01-01",
            ))
            .await
            .expect("ingest")
            .into_inner();
        ids.push(answer.article.expect("article").id);
    }
    child.kill().expect("SIGKILL the server");
    child.wait().expect("reap the server");

    let (mut child, address) = spawn_server(directory.path());
    let mut client = DocumentStoreClient::connect(format!("http://{address}"))
        .await
        .expect("reconnect");
    for id in &ids {
        let found = client
            .get_article(GetArticleRequest { id: id.clone() })
            .await;
        assert!(found.is_ok(), "acknowledged article {id} was lost");
    }
    let listed = client
        .list_articles(ListArticlesRequest::default())
        .await
        .expect("list")
        .into_inner();
    assert_eq!(listed.revision, 50);
    child.kill().expect("stop the server");
    child.wait().expect("reap the server");
}
