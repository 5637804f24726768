//! Runs the gRPC server on a listener until a shutdown future completes:
//! the khabar service, gRPC health and server reflection. Shared by
//! `khabar serve` and the integration tests. On shutdown it reports
//! NOT_SERVING, ends subscriptions, lets in-flight calls finish, and flushes
//! and closes the store.

use crate::config::Config;
use crate::proto::v1::FILE_DESCRIPTOR_SET;
use crate::proto::v1::document_store_server::DocumentStoreServer;
use crate::service::{DocumentStoreService, ServiceConfig};
use crate::store::{Store, StoreError, StoreOptions};
use std::future::Future;
use std::sync::Arc;
use std::time::Duration;
use thiserror::Error;
use tokio::net::TcpListener;
use tokio::sync::watch;
use tokio_stream::wrappers::TcpListenerStream;

#[derive(Debug, Error)]
pub enum ServerError {
    #[error("cannot open the store: {0}")]
    Store(#[from] StoreError),
    #[error("the store did not close cleanly: {0}")]
    Close(StoreError),
    #[error("gRPC transport failure: {0}")]
    Transport(#[from] tonic::transport::Error),
    #[error("cannot build the reflection service: {0}")]
    Reflection(#[from] tonic_reflection::server::Error),
}

/// Headroom over the article limit for the other request fields.
const MESSAGE_OVERHEAD_BYTES: usize = 64 * 1024;

pub async fn run(
    listener: TcpListener,
    config: Config,
    shutdown: impl Future<Output = ()> + Send,
) -> Result<(), ServerError> {
    let store = Arc::new(Store::open_with(
        &config.data_dir,
        StoreOptions {
            min_free_bytes: config.min_free_bytes.clone(),
        },
    )?);
    let (stopping_sender, stopping) = watch::channel(false);
    let service = DocumentStoreService::new(
        store.clone(),
        ServiceConfig {
            max_article_bytes: config.max_article_bytes,
            default_heartbeat: config.heartbeat_interval(),
        },
        stopping.clone(),
    );
    let max_message = config.max_article_bytes.saturating_mul(2) + MESSAGE_OVERHEAD_BYTES;
    let document_store = DocumentStoreServer::new(service)
        .max_decoding_message_size(max_message)
        .max_encoding_message_size(max_message.saturating_mul(4));

    let (health_reporter, health_service) = tonic_health::server::health_reporter();
    let health =
        crate::health::follow_store(health_reporter.clone(), store.watch_writable(), stopping)
            .await;
    let reflection = tonic_reflection::server::Builder::configure()
        .register_encoded_file_descriptor_set(FILE_DESCRIPTOR_SET)
        .register_encoded_file_descriptor_set(tonic_health::pb::FILE_DESCRIPTOR_SET)
        .build_v1()?;

    let address = listener
        .local_addr()
        .map_or_else(|_| String::from("unknown"), |address| address.to_string());
    tracing::info!(%address, data_dir = %config.data_dir.display(), "serving");
    let signal = async move {
        shutdown.await;
        tracing::info!("shutting down: finishing in-flight calls");
        health_reporter
            .set_not_serving::<DocumentStoreServer<DocumentStoreService>>()
            .await;
        let _ = stopping_sender.send(true);
    };
    let served = tonic::transport::Server::builder()
        .tcp_nodelay(true)
        .http2_keepalive_interval(Some(Duration::from_secs(30)))
        .add_service(health_service)
        .add_service(reflection)
        .add_service(document_store)
        .serve_with_incoming_shutdown(TcpListenerStream::new(listener), signal)
        .await;
    let closed = store.shutdown().await;
    let _ = health.await;
    served?;
    closed.map_err(ServerError::Close)?;
    tracing::info!("stopped");
    Ok(())
}
