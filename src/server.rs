//! Runs the gRPC server on a listener until a shutdown future completes:
//! the khabar service, gRPC health and server reflection (v1 and v1alpha),
//! with optional TLS (`crate::tls`) and bearer tokens (`crate::auth`), and
//! optionally a plaintext health-only listener for probes. Shared by
//! `khabar serve` and the integration tests. On shutdown it reports
//! NOT_SERVING, ends subscriptions, lets in-flight calls finish, and flushes
//! and closes the store.

use crate::auth::{AccessPolicy, AuthSetupError};
use crate::config::Config;
use crate::metrics::{Metrics, RpcLayer};
use crate::proto::v1::FILE_DESCRIPTOR_SET;
use crate::proto::v1::document_store_server::DocumentStoreServer;
use crate::service::{DocumentStoreService, OutputLimits, ServiceConfig};
use crate::storage::{CompactTarget, DocumentStorage, StoreError};
use crate::store::{Store, StoreOptions};
use crate::tls::TlsSetupError;
use std::future::Future;
use std::sync::Arc;
use std::time::Duration;
use thiserror::Error;
use tokio::net::TcpListener;
use tokio::net::TcpStream;
use tokio::sync::watch;
use tokio_stream::wrappers::TcpListenerStream;
use tokio_stream::{Stream, StreamExt};
use tonic::service::interceptor::InterceptedService;

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
    #[error("cannot listen for metrics on {address}: {source}")]
    MetricsListen {
        address: std::net::SocketAddr,
        source: std::io::Error,
    },
    #[error("cannot listen for health probes on {address}: {source}")]
    HealthListen {
        address: std::net::SocketAddr,
        source: std::io::Error,
    },
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

/// Listeners besides the gRPC one, bound by the caller (tests bind port 0).
#[derive(Debug, Default)]
pub struct ExtraListeners {
    /// Plaintext gRPC health only.
    pub health: Option<TcpListener>,
    /// Plain-HTTP `GET /metrics`.
    pub metrics: Option<TcpListener>,
}

/// Serves on `listener`, and on `config.health_listen` and
/// `config.metrics_listen` if set.
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
    let metrics_listener = match config.metrics_listen {
        Some(address) => Some(
            TcpListener::bind(address)
                .await
                .map_err(|source| ServerError::MetricsListen { address, source })?,
        ),
        None => None,
    };
    let extra = ExtraListeners {
        health: health_listener,
        metrics: metrics_listener,
    };
    run_with_listeners(listener, extra, config, shutdown).await
}

/// Like [`run`], with the health-only listener bound by the caller (tests
/// bind port 0); `config.health_listen` is not read and metrics are not
/// served.
pub async fn run_with_health_listener(
    listener: TcpListener,
    health_listener: Option<TcpListener>,
    config: Config,
    shutdown: impl Future<Output = ()> + Send,
) -> Result<(), ServerError> {
    let extra = ExtraListeners {
        health: health_listener,
        metrics: None,
    };
    run_with_listeners(listener, extra, config, shutdown).await
}

/// Like [`run`], with the extra listeners bound by the caller;
/// `config.health_listen` and `config.metrics_listen` are not read. Opens
/// the sled store in `config.data_dir`.
pub async fn run_with_listeners(
    listener: TcpListener,
    extra: ExtraListeners,
    config: Config,
    shutdown: impl Future<Output = ()> + Send,
) -> Result<(), ServerError> {
    let transport = Transport::from_config(&config)?;
    let store = Store::open_with(
        &config.data_dir,
        StoreOptions {
            min_free_bytes: config.min_free_bytes.clone(),
            cache_capacity_bytes: config.cache_capacity_bytes,
        },
    )?;
    serve(
        listener,
        extra,
        config,
        transport,
        Arc::new(store),
        shutdown,
    )
    .await
}

/// Like [`run_with_listeners`], serving a storage backend the caller has
/// already opened (any `DocumentStorage`); `config.data_dir` is only
/// named in the log. The server shuts the storage down when it stops, and
/// also when the configuration refuses to start.
pub async fn run_with_storage(
    listener: TcpListener,
    extra: ExtraListeners,
    config: Config,
    store: Arc<dyn DocumentStorage>,
    shutdown: impl Future<Output = ()> + Send,
) -> Result<(), ServerError> {
    match Transport::from_config(&config) {
        Ok(transport) => serve(listener, extra, config, transport, store, shutdown).await,
        Err(error) => {
            if let Err(close) = store.shutdown().await {
                tracing::warn!(error = %close, "the store did not close cleanly");
            }
            Err(error)
        }
    }
}

/// What the configuration decides before any storage is touched: TLS and
/// the token policy. A mistake here leaves the data directory alone.
struct Transport {
    builder: tonic::transport::Server,
    tls_enabled: bool,
    access: AccessPolicy,
}

impl Transport {
    fn from_config(config: &Config) -> Result<Transport, ServerError> {
        let tls = crate::tls::server_tls(config)?;
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
        let access = AccessPolicy::from_config(config)?;
        Ok(Transport {
            builder,
            tls_enabled,
            access,
        })
    }
}

/// Serves `store` until `shutdown`, then shuts the store down.
async fn serve(
    listener: TcpListener,
    extra: ExtraListeners,
    config: Config,
    transport: Transport,
    store: Arc<dyn DocumentStorage>,
    shutdown: impl Future<Output = ()> + Send,
) -> Result<(), ServerError> {
    let ExtraListeners {
        health: health_listener,
        metrics: metrics_listener,
    } = extra;
    let Transport {
        builder,
        tls_enabled,
        access,
    } = transport;
    let (stopping_sender, stopping) = watch::channel(false);
    let metrics = Arc::new(Metrics::new(store.as_ref()));
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
    )
    .with_metrics(metrics.service.clone());
    let document_store = DocumentStoreServer::new(service)
        .max_decoding_message_size(config.max_request_message_bytes())
        .max_encoding_message_size(config.max_response_message_bytes());

    let (health_reporter, health_service) = tonic_health::server::health_reporter();
    let health = crate::health::follow_store(
        health_reporter.clone(),
        store.watch_writable(),
        stopping.clone(),
    )
    .await;
    // Both reflection versions: grpcurl before 1.9 and grpcio's reflection
    // client only speak v1alpha.
    let reflection = reflection_builder().build_v1()?;
    let reflection_v1alpha = reflection_builder().build_v1alpha()?;
    let open_health = health_service.clone();

    let compaction = spawn_scheduled_compaction(store.clone(), &config, stopping.clone());
    let metrics_endpoint = metrics_listener.map(|metrics_listener| {
        let address = metrics_listener
            .local_addr()
            .map_or_else(|_| String::from("unknown"), |address| address.to_string());
        tracing::info!(%address, "serving metrics (plain HTTP, GET /metrics)");
        tokio::spawn(crate::metrics::serve_metrics(
            metrics_listener,
            metrics.clone(),
            store.clone(),
            stopping.clone(),
        ))
    });

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
        .http2_keepalive_interval(Some(Duration::from_secs(30)))
        .layer(RpcLayer::new(metrics.rpc_seconds.clone()))
        .add_service(InterceptedService::new(health_service, exempt.clone()))
        .add_service(InterceptedService::new(reflection, exempt.clone()))
        .add_service(InterceptedService::new(reflection_v1alpha, exempt))
        .add_service(InterceptedService::new(
            document_store,
            access.for_document_store(),
        ))
        .serve_with_incoming_shutdown(accepted_connections(listener), signal);
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
                .serve_with_incoming_shutdown(accepted_connections(health_listener), async {
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
    if let Some(compaction) = compaction {
        compaction.abort();
    }
    if let Some(metrics_endpoint) = metrics_endpoint {
        metrics_endpoint.abort();
    }
    let closed = store.shutdown().await;
    let _ = health.await;
    served?;
    closed.map_err(ServerError::Close)?;
    tracing::info!("stopped");
    Ok(())
}

/// Compacts the change log on a schedule when a retention is configured.
fn spawn_scheduled_compaction(
    store: Arc<dyn DocumentStorage>,
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
