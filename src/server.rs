//! Runs the gRPC server on a listener until a shutdown future completes:
//! the khabar service, gRPC health and server reflection. Shared by
//! `khabar serve` and the integration tests. On shutdown it reports
//! NOT_SERVING, ends subscriptions, lets in-flight calls finish, and flushes
//! and closes the store.

use crate::config::Config;
use crate::proto::v1::FILE_DESCRIPTOR_SET;
use crate::proto::v1::document_store_server::DocumentStoreServer;
use crate::service::{DocumentStoreService, OutputLimits, ServiceConfig};
use crate::store::{CompactTarget, Store, StoreError, StoreOptions};
use std::future::Future;
use std::sync::Arc;
use std::time::Duration;
use thiserror::Error;
use tokio::net::TcpListener;
use tokio::net::TcpStream;
use tokio::sync::watch;
use tokio_stream::wrappers::TcpListenerStream;
use tokio_stream::{Stream, StreamExt};

#[derive(Debug, Error)]
pub enum ServerError {
    #[error("cannot open the store: {0}")]
    Store(#[from] StoreError),
    #[error("gRPC transport failure: {0}")]
    Transport(#[from] tonic::transport::Error),
    #[error("cannot build the reflection service: {0}")]
    Reflection(#[from] tonic_reflection::server::Error),
}

/// The connections the server serves, with Nagle's algorithm off: replies
/// are small and written whole, and waiting for the peer's delayed ACK
/// would add ~40 ms to each. (`serve_with_incoming*` ignores the builder's
/// `tcp_nodelay`, so it is applied here, per accepted socket.)
pub fn accepted_connections(
    listener: TcpListener,
) -> impl Stream<Item = std::io::Result<TcpStream>> {
    TcpListenerStream::new(listener).map(|accepted| {
        let stream = accepted?;
        if let Err(error) = stream.set_nodelay(true) {
            tracing::warn!(%error, "cannot turn off Nagle's algorithm on a connection");
        }
        Ok(stream)
    })
}

pub async fn run(
    listener: TcpListener,
    config: Config,
    shutdown: impl Future<Output = ()> + Send,
) -> Result<(), ServerError> {
    let store = Arc::new(Store::open_with(
        &config.data_dir,
        &StoreOptions {
            cache_capacity_bytes: config.cache_capacity_bytes,
        },
    )?);
    let (stopping_sender, stopping) = watch::channel(false);
    let service = DocumentStoreService::new(
        store.clone(),
        ServiceConfig {
            max_article_bytes: config.max_article_bytes,
            max_message_bytes: config.max_request_message_bytes(),
            output_limits: OutputLimits {
                max_statements: config.max_statements_per_article,
                max_milestones: config.max_milestones_per_article,
                max_extraction_bytes: config.max_extraction_bytes,
            },
            default_heartbeat: config.heartbeat_interval(),
            retention: CompactTarget::Retention {
                keep_revisions: config.log_retention_revisions,
                keep_secs: config.log_retention_secs,
            },
        },
        stopping.clone(),
    );
    let document_store = DocumentStoreServer::new(service)
        .max_decoding_message_size(config.max_request_message_bytes())
        .max_encoding_message_size(config.max_response_message_bytes());

    let (health_reporter, health_service) = tonic_health::server::health_reporter();
    health_reporter
        .set_serving::<DocumentStoreServer<DocumentStoreService>>()
        .await;
    let reflection = tonic_reflection::server::Builder::configure()
        .register_encoded_file_descriptor_set(FILE_DESCRIPTOR_SET)
        .register_encoded_file_descriptor_set(tonic_health::pb::FILE_DESCRIPTOR_SET)
        .build_v1()?;

    let compaction = spawn_scheduled_compaction(store.clone(), &config, stopping.clone());

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
        .http2_keepalive_interval(Some(Duration::from_secs(30)))
        .add_service(health_service)
        .add_service(reflection)
        .add_service(document_store)
        .serve_with_incoming_shutdown(accepted_connections(listener), signal)
        .await;
    if let Some(compaction) = compaction {
        compaction.abort();
    }
    let closed = store.shutdown().await;
    served?;
    closed?;
    tracing::info!("stopped");
    Ok(())
}

/// Compacts the change log on a schedule when a retention is configured.
fn spawn_scheduled_compaction(
    store: Arc<Store>,
    config: &Config,
    mut stopping: watch::Receiver<bool>,
) -> Option<tokio::task::JoinHandle<()>> {
    if config.log_retention_revisions == 0 && config.log_retention_secs == 0 {
        return None;
    }
    let target = CompactTarget::Retention {
        keep_revisions: config.log_retention_revisions,
        keep_secs: config.log_retention_secs,
    };
    let interval = config.compaction_interval();
    Some(tokio::spawn(async move {
        loop {
            tokio::select! {
                () = tokio::time::sleep(interval) => {}
                _ = stopping.changed() => return,
            }
            match store.compact(target).await {
                Ok(done) if done.removed_entries > 0 => tracing::info!(
                    removed = done.removed_entries,
                    oldest_available = done.oldest_available,
                    rewritten = done.rewritten,
                    "scheduled compaction"
                ),
                Ok(_) => {}
                Err(error) => tracing::warn!(%error, "scheduled compaction failed"),
            }
        }
    }))
}
