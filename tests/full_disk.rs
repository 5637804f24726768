//! A disk without room for a write: the write is refused with
//! RESOURCE_EXHAUSTED naming the data directory and the free space, nothing
//! is committed, reads keep working, gRPC health says NOT_SERVING, and writes
//! work again once space returns, without a restart. A restart on a full
//! disk starts read-only.
//!
//! "Full" is produced through the real path: the server's free-space
//! reserve (`min_free_bytes`, shared by clones of the configuration) is
//! raised above the real free space of the test's file system and lowered
//! again; the store reads the free space with statvfs as in production.
//! `scripts/attack-full-disk.sh` does the same on a really full tmpfs.

mod common;

use common::{article_text, request, start_with};
use khabar::proto::v1::{
    DeleteArticleRequest, GetArticleRequest, ListArticlesRequest, StartPosition, SubscribeRequest,
    subscribe_response,
};
use khabar::store::MIN_FREE_BYTES_FLOOR;
use std::time::Duration;
use tonic::Code;
use tonic::transport::Channel;
use tonic_health::pb::HealthCheckRequest;
use tonic_health::pb::health_check_response::ServingStatus;
use tonic_health::pb::health_client::HealthClient;

const DOCUMENT_STORE: &str = "khabar.v1.DocumentStore";
/// Far more than any test machine has free.
const HUGE_RESERVE: u64 = 1 << 60;

async fn health_client(address: std::net::SocketAddr) -> HealthClient<Channel> {
    let channel = Channel::from_shared(format!("http://{address}"))
        .expect("address")
        .connect()
        .await
        .expect("connect health");
    HealthClient::new(channel)
}

async fn health_status(address: std::net::SocketAddr, service: &str) -> ServingStatus {
    let mut health = health_client(address).await;
    let answer = health
        .check(HealthCheckRequest {
            service: service.to_string(),
        })
        .await
        .expect("health check")
        .into_inner();
    answer.status()
}

/// Follows the health watch of `service` until it reports `wanted`. The
/// timeout only turns a hang into a failure; no answer depends on timing.
async fn await_health(address: std::net::SocketAddr, service: &str, wanted: ServingStatus) {
    let mut health = health_client(address).await;
    let mut updates = health
        .watch(HealthCheckRequest {
            service: service.to_string(),
        })
        .await
        .expect("health watch")
        .into_inner();
    let followed = tokio::time::timeout(Duration::from_secs(120), async {
        while let Some(update) = updates.message().await.expect("health stream") {
            if update.status() == wanted {
                return;
            }
        }
        panic!("health stream ended before {wanted:?}");
    })
    .await;
    assert!(
        followed.is_ok(),
        "health of {service:?} never became {wanted:?}"
    );
}

#[tokio::test]
async fn a_full_disk_refuses_writes_keeps_reads_and_recovers_without_restart() {
    let directory = tempfile::tempdir().expect("temporary directory");
    let config = common::config(directory.path());
    config.min_free_bytes.set(MIN_FREE_BYTES_FLOOR);
    let mut server = start_with(config.clone()).await;
    let first = server
        .ingest_numbered(1, "سالم الحربي", "الرافد", "2024-01-01")
        .await;
    let first_id = first.article.expect("article").id;
    assert_eq!(
        health_status(server.address, "").await,
        ServingStatus::Serving
    );

    config.min_free_bytes.set(HUGE_RESERVE);
    let refused = server
        .client
        .ingest_article(request(
            article_text(2, "سالم الحربي"),
            "الرافد",
            "2024-01-02",
        ))
        .await
        .expect_err("a write on a full disk is refused");
    assert_eq!(refused.code(), Code::ResourceExhausted, "{refused:?}");
    let message = refused.message();
    assert!(
        message.contains(&directory.path().display().to_string()),
        "the message names the data directory: {message}"
    );
    assert!(
        message.contains("bytes free"),
        "and the free space: {message}"
    );
    let delete = server
        .client
        .delete_article(DeleteArticleRequest {
            id: first_id.clone(),
        })
        .await
        .expect_err("a delete on a full disk is refused");
    assert_eq!(delete.code(), Code::ResourceExhausted);

    await_health(server.address, "", ServingStatus::NotServing).await;
    await_health(server.address, DOCUMENT_STORE, ServingStatus::NotServing).await;
    let article = server
        .client
        .get_article(GetArticleRequest {
            id: first_id.clone(),
        })
        .await;
    assert!(article.is_ok(), "reads keep working: {article:?}");
    let listed = server
        .client
        .list_articles(ListArticlesRequest::default())
        .await
        .expect("list while full")
        .into_inner();
    assert_eq!(listed.revision, 1, "nothing was committed");
    assert_eq!(listed.articles.len(), 1);

    config.min_free_bytes.set(MIN_FREE_BYTES_FLOOR);
    let second = server
        .ingest_numbered(2, "سالم الحربي", "الرافد", "2024-01-02")
        .await;
    assert!(second.created, "the refused article was not half-stored");
    assert_eq!(second.revision, 2, "the refused write took no revision");
    await_health(server.address, "", ServingStatus::Serving).await;
    await_health(server.address, DOCUMENT_STORE, ServingStatus::Serving).await;

    let mut changes = server
        .client
        .subscribe(SubscribeRequest {
            start: StartPosition::Beginning as i32,
            ..Default::default()
        })
        .await
        .expect("subscribe")
        .into_inner();
    for expected in 1..=2 {
        match changes
            .message()
            .await
            .expect("stream")
            .expect("open")
            .event
        {
            Some(subscribe_response::Event::Changes(change_set)) => {
                assert_eq!(change_set.revision, expected, "one log entry per revision")
            }
            other => panic!("expected changes, got {other:?}"),
        }
    }
    drop(changes);
    server.stop().await;
}

#[tokio::test]
async fn a_restart_on_a_full_disk_starts_read_only() {
    let directory = tempfile::tempdir().expect("temporary directory");
    let config = common::config(directory.path());
    config.min_free_bytes.set(MIN_FREE_BYTES_FLOOR);
    let mut server = start_with(config.clone()).await;
    let stored = server
        .ingest_numbered(1, "سالم الحربي", "الرافد", "2024-01-01")
        .await;
    // Stopping while the disk is full closes cleanly: nothing was pending.
    config.min_free_bytes.set(HUGE_RESERVE);
    server.stop().await;

    let mut server = start_with(config.clone()).await;
    assert_eq!(
        health_status(server.address, "").await,
        ServingStatus::NotServing
    );
    assert_eq!(
        health_status(server.address, DOCUMENT_STORE).await,
        ServingStatus::NotServing
    );
    let article = server
        .client
        .get_article(GetArticleRequest {
            id: stored.article.expect("article").id,
        })
        .await;
    assert!(article.is_ok(), "a read-only start serves reads");
    let refused = server
        .client
        .ingest_article(request(
            article_text(2, "سالم الحربي"),
            "الرافد",
            "2024-01-02",
        ))
        .await
        .expect_err("a read-only start refuses writes");
    assert_eq!(refused.code(), Code::ResourceExhausted);

    config.min_free_bytes.set(MIN_FREE_BYTES_FLOOR);
    await_health(server.address, DOCUMENT_STORE, ServingStatus::Serving).await;
    let written = server
        .ingest_numbered(2, "سالم الحربي", "الرافد", "2024-01-02")
        .await;
    assert_eq!(written.revision, 2);
    server.stop().await;
}
