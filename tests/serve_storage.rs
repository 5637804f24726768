//! `server::run_with_storage`: the server serves a storage backend the
//! caller opened, and shuts it down when it stops, also when the
//! configuration refuses to start.

mod common;

use khabar::config::Config;
use khabar::server::{ExtraListeners, ServerError};
use khabar::storage::StoreError;

#[tokio::test]
async fn a_refused_configuration_still_shuts_the_storage_down() {
    let directory = tempfile::tempdir().expect("temporary directory");
    let config = Config {
        tls_cert_file: Some(directory.path().join("missing.crt")),
        tls_key_file: Some(directory.path().join("missing.key")),
        ..common::config(&directory.path().join("data"))
    };
    let storage = common::open_storage(&config).expect("open storage");
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind a loopback port");
    let outcome = khabar::server::run_with_storage(
        listener,
        ExtraListeners::default(),
        config,
        storage.clone(),
        std::future::pending(),
    )
    .await;
    assert!(
        matches!(outcome, Err(ServerError::TlsSetup(_))),
        "{outcome:?}"
    );
    let text = common::article_text(1, "سالم الحربي");
    let date: jiff::civil::Date = "2024-01-01".parse().expect("date");
    let extraction = khabar::extract::extract(
        &text,
        &khabar::extract::ExtractOptions {
            published_on: Some(date),
            fallback_date: date,
        },
    );
    let write = storage
        .ingest(khabar::storage::PreparedIngest {
            extraction,
            raw_text: text,
            request_id: String::new(),
        })
        .await;
    assert!(
        matches!(write, Err(StoreError::ShuttingDown)),
        "the storage was shut down: {write:?}"
    );
}

#[tokio::test]
async fn a_server_serves_storage_opened_by_its_caller_and_closes_it() {
    let directory = tempfile::tempdir().expect("temporary directory");
    let config = common::config(directory.path());
    let storage = common::open_storage(&config).expect("open storage");
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind a loopback port");
    let address = listener.local_addr().expect("listener address");
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let task = tokio::spawn(khabar::server::run_with_storage(
        listener,
        ExtraListeners::default(),
        config,
        storage.clone(),
        async {
            let _ = stopped.await;
        },
    ));
    let mut client = khabar::proto::v1::document_store_client::DocumentStoreClient::connect(
        format!("http://{address}"),
    )
    .await
    .expect("connect");
    let answer = client
        .ingest_article(common::request(
            common::article_text(2, "ليلى منصور"),
            "الرافد",
            "2024-01-02",
        ))
        .await
        .expect("ingest through the server")
        .into_inner();
    assert_eq!(answer.revision, 1);
    let id = answer.article.map(|a| a.id).unwrap_or_default();
    assert_eq!(
        storage
            .get_article(&id)
            .expect("the caller's handle sees it")
            .id,
        id
    );
    drop(client);
    let _ = stop.send(());
    task.await.expect("server task").expect("stopped cleanly");
    let write = storage.delete_article(&id).await;
    assert!(
        matches!(write, Err(StoreError::ShuttingDown)),
        "the server shut the storage down: {write:?}"
    );
}
