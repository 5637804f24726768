//! Runs the gRPC server on a listener until a shutdown future completes:
//! the khabar service, gRPC health and server reflection (v1 and v1alpha),
//! with optional TLS (`crate::tls`) and bearer tokens (`crate::auth`), and
//! optionally a plaintext health-only listener for probes. Shared by
//! `khabar serve` and the integration tests. On shutdown it reports
//! NOT_SERVING, ends subscriptions, lets in-flight calls finish, and flushes
//! and closes the store.

use crate::auth::{AccessPolicy, AuthSetupError};
use crate::config::Config;
use crate::proto::v1::FILE_DESCRIPTOR_SET;
use crate::proto::v1::document_store_server::DocumentStoreServer;
use crate::service::{DocumentStoreService, ServiceConfig};
use crate::store::{Store, StoreError};
use crate::tls::TlsSetupError;
use std::future::Future;
use std::sync::Arc;
use std::time::Duration;
use thiserror::Error;
use tokio::net::TcpListener;
use tokio::sync::watch;
use tokio_stream::wrappers::TcpListenerStream;
use tonic::service::interceptor::InterceptedService;

#[derive(Debug, Error)]
pub enum ServerError {
    #[error("cannot open the store: {0}")]
    Store(#[from] StoreError),
    #[error("gRPC transport failure: {0}")]
    Transport(#[from] tonic::transport::Error),
    #[error("cannot build the reflection service: {0}")]
    Reflection(#[from] tonic_reflection::server::Error),
    #[error("{0}")]
    TlsSetup(#[from] TlsSetupError),
    #[error("the TLS certificate {cert} and key {key} cannot be used together: {source}")]
    TlsIdentity {
        cert: String,
        key: String,
        source: tonic::transport::Error,
    },
    #[error("{0}")]
    AuthSetup(#[from] AuthSetupError),
    #[error("cannot listen for health probes on {address}: {source}")]
    HealthListen {
        address: std::net::SocketAddr,
        source: std::io::Error,
    },
}

/// Headroom over the article limit for the other request fields.
const MESSAGE_OVERHEAD_BYTES: usize = 64 * 1024;

/// Serves on `listener`, and on `config.health_listen` if set.
pub async fn run(
    listener: TcpListener,
    config: Config,
    shutdown: impl Future<Output = ()> + Send,
) -> Result<(), ServerError> {
    let health_listener = match config.health_listen {
        Some(address) => Some(
            TcpListener::bind(address)
                .await
                .map_err(|source| ServerError::HealthListen { address, source })?,
        ),
        None => None,
    };
    run_with_health_listener(listener, health_listener, config, shutdown).await
}

/// Like [`run`], with the health-only listener bound by the caller (tests
/// bind port 0); `config.health_listen` is not read.
pub async fn run_with_health_listener(
    listener: TcpListener,
    health_listener: Option<TcpListener>,
    config: Config,
    shutdown: impl Future<Output = ()> + Send,
) -> Result<(), ServerError> {
    let tls = crate::tls::server_tls(&config)?;
    let tls_enabled = tls.is_some();
    let mut builder = tonic::transport::Server::builder();
    if let Some(tls) = tls {
        builder = builder
            .tls_config(tls)
            .map_err(|source| ServerError::TlsIdentity {
                cert: path_text(config.tls_cert_file.as_deref()),
                key: path_text(config.tls_key_file.as_deref()),
                source,
            })?;
    }
    let access = AccessPolicy::from_config(&config)?;
    let store = Arc::new(Store::open(&config.data_dir)?);
    let (stopping_sender, stopping) = watch::channel(false);
    let service = DocumentStoreService::new(
        store.clone(),
        ServiceConfig {
            max_article_bytes: config.max_article_bytes,
            default_heartbeat: config.heartbeat_interval(),
        },
        stopping,
    );
    let max_message = config.max_article_bytes.saturating_mul(2) + MESSAGE_OVERHEAD_BYTES;
    let document_store = DocumentStoreServer::new(service)
        .max_decoding_message_size(max_message)
        .max_encoding_message_size(max_message.saturating_mul(4));

    let (health_reporter, health_service) = tonic_health::server::health_reporter();
    health_reporter
        .set_serving::<DocumentStoreServer<DocumentStoreService>>()
        .await;
    // Both reflection versions: grpcurl before 1.9 and grpcio's reflection
    // client only speak v1alpha.
    let reflection = reflection_builder().build_v1()?;
    let reflection_v1alpha = reflection_builder().build_v1alpha()?;
    let open_health = health_service.clone();

    let address = listener
        .local_addr()
        .map_or_else(|_| String::from("unknown"), |address| address.to_string());
    tracing::info!(
        %address,
        data_dir = %config.data_dir.display(),
        tls = tls_enabled,
        auth_tokens = access.token_count(),
        "serving"
    );
    if !tls_enabled && access.enabled() && !listener_is_loopback(&listener) {
        tracing::warn!(%address, "bearer tokens travel in plaintext: configure TLS");
    }
    let signal = async move {
        shutdown.await;
        tracing::info!("shutting down: finishing in-flight calls");
        health_reporter
            .set_not_serving::<DocumentStoreServer<DocumentStoreService>>()
            .await;
        let _ = stopping_sender.send(true);
    };
    let exempt = access.for_health_and_reflection();
    let main = builder
        .tcp_nodelay(true)
        .http2_keepalive_interval(Some(Duration::from_secs(30)))
        .add_service(InterceptedService::new(health_service, exempt.clone()))
        .add_service(InterceptedService::new(reflection, exempt.clone()))
        .add_service(InterceptedService::new(reflection_v1alpha, exempt))
        .add_service(InterceptedService::new(
            document_store,
            access.for_document_store(),
        ))
        .serve_with_incoming_shutdown(TcpListenerStream::new(listener), signal);
    let served = match health_listener {
        Some(health_listener) => {
            let health_address = health_listener
                .local_addr()
                .map_or_else(|_| String::from("unknown"), |address| address.to_string());
            tracing::info!(address = %health_address, "serving health probes (plaintext)");
            // Probes see NOT_SERVING while the main server drains (the
            // reporter is shared) and stop being answered once it is done.
            let (stop_probes, probes_stopped) = tokio::sync::oneshot::channel::<()>();
            // Reflection here describes health only, so grpcurl can probe.
            let probe_reflection = tonic_reflection::server::Builder::configure()
                .register_encoded_file_descriptor_set(tonic_health::pb::FILE_DESCRIPTOR_SET)
                .with_service_name("grpc.health.v1.Health")
                .build_v1alpha()?;
            let probes = tonic::transport::Server::builder()
                .add_service(open_health)
                .add_service(probe_reflection)
                .serve_with_incoming_shutdown(TcpListenerStream::new(health_listener), async {
                    let _ = probes_stopped.await;
                });
            let main = async move {
                let served = main.await;
                let _ = stop_probes.send(());
                served
            };
            let (served, probed) = tokio::join!(main, probes);
            served.and(probed)
        }
        None => main.await,
    };
    let closed = store.shutdown().await;
    served?;
    closed?;
    tracing::info!("stopped");
    Ok(())
}

/// The reflection service's descriptors: khabar, health, and both
/// reflection versions (so either client lists both).
fn reflection_builder() -> tonic_reflection::server::Builder<'static> {
    tonic_reflection::server::Builder::configure()
        .register_encoded_file_descriptor_set(FILE_DESCRIPTOR_SET)
        .register_encoded_file_descriptor_set(tonic_health::pb::FILE_DESCRIPTOR_SET)
        .register_encoded_file_descriptor_set(tonic_reflection::pb::v1::FILE_DESCRIPTOR_SET)
        .register_encoded_file_descriptor_set(tonic_reflection::pb::v1alpha::FILE_DESCRIPTOR_SET)
        .include_reflection_service(false)
}

fn listener_is_loopback(listener: &TcpListener) -> bool {
    listener
        .local_addr()
        .is_ok_and(|address| address.ip().is_loopback())
}

fn path_text(path: Option<&std::path::Path>) -> String {
    path.map_or_else(String::new, |path| path.display().to_string())
}
