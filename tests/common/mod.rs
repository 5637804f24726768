//! Shared harness of the integration tests: starts the real server on
//! 127.0.0.1:0 over a temporary data directory and connects the generated
//! client. The listener is bound before the server task starts, so the
//! client can connect at once: no sleeps, no polling.
//!
//! The storage backend comes from one place, `backend()` (environment
//! variable `KHABAR_TEST_BACKEND`, default `sled`): every server the tests
//! start is opened through `open_storage`, so a new backend is one more arm
//! there.

#![allow(dead_code)]

pub mod raw_codec;

use khabar::config::Config;
use khabar::proto::v1::document_store_client::DocumentStoreClient;
use khabar::proto::v1::{IngestArticleRequest, IngestArticleResponse};
use khabar::server::{ExtraListeners, ServerError};
use khabar::storage::{DocumentStorage, StoreResult};
use std::future::Future;
use std::path::Path;
use std::sync::Arc;
use tokio::net::TcpListener;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;
use tonic::transport::Channel;

pub type Client = DocumentStoreClient<Channel>;

/// The environment variable that picks the storage backend.
pub const BACKEND_VARIABLE: &str = "KHABAR_TEST_BACKEND";

/// The storage backends the integration tests can run against.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    /// The embedded sled store in the data directory.
    Sled,
}

/// The backend `KHABAR_TEST_BACKEND` names; `sled` when it is unset or
/// empty. Any other value stops the test run with a message.
pub fn backend() -> Backend {
    match std::env::var(BACKEND_VARIABLE) {
        Err(std::env::VarError::NotPresent) => backend_named(""),
        Ok(name) => backend_named(&name),
        Err(error) => panic!("{BACKEND_VARIABLE} cannot be read: {error}"),
    }
}

/// The backend called `name` (empty: the default, sled); panics naming
/// the known backends otherwise.
pub fn backend_named(name: &str) -> Backend {
    match name.trim() {
        "" | "sled" => Backend::Sled,
        other => panic!(
            "{BACKEND_VARIABLE}={other:?} is not a storage backend the tests know; \
             the known backends are: sled"
        ),
    }
}

/// Every backend the contract tests (`tests/storage_contract.rs`) check.
pub const BACKENDS: &[Backend] = &[Backend::Sled];

/// Opens the chosen backend's storage for `config`, as a server would.
pub fn open_storage(config: &Config) -> StoreResult<Arc<dyn DocumentStorage>> {
    open_backend(backend(), config)
}

/// Opens `backend`'s storage for `config` (sled: in `config.data_dir`,
/// with its reserve and cache settings).
pub fn open_backend(backend: Backend, config: &Config) -> StoreResult<Arc<dyn DocumentStorage>> {
    match backend {
        Backend::Sled => {
            let store = khabar::store::Store::open_with(
                &config.data_dir,
                khabar::store::StoreOptions {
                    min_free_bytes: config.min_free_bytes.clone(),
                    cache_capacity_bytes: config.cache_capacity_bytes,
                },
            )?;
            Ok(Arc::new(store))
        }
    }
}

/// Runs the real server on `listener` over the chosen backend until
/// `shutdown` completes. A store that cannot be opened ends the task with
/// `ServerError::Store`, as `khabar::server::run` would.
pub fn spawn_server(
    listener: TcpListener,
    extra: ExtraListeners,
    config: Config,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> JoinHandle<Result<(), ServerError>> {
    match open_storage(&config) {
        Ok(storage) => tokio::spawn(khabar::server::run_with_storage(
            listener, extra, config, storage, shutdown,
        )),
        Err(error) => tokio::spawn(async move { Err(ServerError::Store(error)) }),
    }
}

pub struct TestServer {
    pub client: DocumentStoreClient<Channel>,
    pub address: std::net::SocketAddr,
    stop: Option<oneshot::Sender<()>>,
    task: tokio::task::JoinHandle<Result<(), khabar::server::ServerError>>,
}

pub fn config(data_dir: &Path) -> Config {
    Config {
        data_dir: data_dir.to_path_buf(),
        ..Config::default()
    }
}

pub async fn start(data_dir: &Path) -> TestServer {
    start_with(config(data_dir)).await
}

pub async fn start_with(config: Config) -> TestServer {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind a loopback port");
    let address = listener.local_addr().expect("listener address");
    let (stop, stopped) = oneshot::channel::<()>();
    let task = spawn_server(listener, ExtraListeners::default(), config, async {
        let _ = stopped.await;
    });
    let client = DocumentStoreClient::connect(format!("http://{address}"))
        .await
        .expect("connect to the test server");
    TestServer {
        client,
        address,
        stop: Some(stop),
        task,
    }
}

impl TestServer {
    /// Stops the server gracefully and waits until the store is closed.
    pub async fn stop(mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        drop(self.client);
        let outcome = self.task.await.expect("server task");
        outcome.expect("server stopped cleanly");
    }

    /// Ingests `article_text(number, speaker)` from `source`.
    pub async fn ingest_numbered(
        &mut self,
        number: usize,
        speaker: &str,
        source: &str,
        published: &str,
    ) -> IngestArticleResponse {
        self.ingest(request(article_text(number, speaker), source, published))
            .await
    }

    pub async fn ingest(&mut self, request: IngestArticleRequest) -> IngestArticleResponse {
        self.client
            .ingest_article(request)
            .await
            .expect("ingest succeeds")
            .into_inner()
    }
}

pub fn timestamp(date: &str) -> pbjson_types::Timestamp {
    let date: jiff::civil::Date = date.parse().expect("a YYYY-MM-DD date");
    let instant = date
        .to_zoned(jiff::tz::TimeZone::UTC)
        .expect("a representable date")
        .timestamp();
    pbjson_types::Timestamp {
        seconds: instant.as_second(),
        nanos: 0,
    }
}

/// A small invented article: a headline, an outlet line, a direct quote by
/// `speaker`, and an absolute date, numbered so each text is distinct.
pub fn article_text(number: usize, speaker: &str) -> String {
    format!(
        "الحكومة تعلن خطة جديدة للمياه رقم {number}\n\n\
         قال وزير الموارد المائية {speaker} إن \"المرحلة الأولى من المشروع رقم {number} ستنتهي قبل نهاية العام\".\n\n\
         وكانت الوزارة قد أعلنت عن المشروع في 15 مارس 2024، على أن يكتمل بحلول 30 يونيو 2025.\n"
    )
}

pub fn request(text: String, source: &str, published: &str) -> IngestArticleRequest {
    IngestArticleRequest {
        text,
        source: source.to_string(),
        language: "ar".to_string(),
        published_at: Some(timestamp(published)),
        ..Default::default()
    }
}

/// A server started without a client, for tests that connect their own way
/// (TLS, tokens, the CLI binary). With `health_listener`, a second loopback
/// port serves plaintext health only.
pub struct BareServer {
    pub address: std::net::SocketAddr,
    pub health_address: Option<std::net::SocketAddr>,
    stop: Option<oneshot::Sender<()>>,
    task: tokio::task::JoinHandle<Result<(), khabar::server::ServerError>>,
}

pub async fn start_bare(config: Config, health_listener: bool) -> BareServer {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind a loopback port");
    let address = listener.local_addr().expect("listener address");
    let health = if health_listener {
        Some(
            tokio::net::TcpListener::bind("127.0.0.1:0")
                .await
                .expect("bind a loopback health port"),
        )
    } else {
        None
    };
    let health_address = health
        .as_ref()
        .map(|listener| listener.local_addr().expect("health listener address"));
    let (stop, stopped) = oneshot::channel::<()>();
    let extra = ExtraListeners {
        health,
        metrics: None,
    };
    let task = spawn_server(listener, extra, config, async {
        let _ = stopped.await;
    });
    BareServer {
        address,
        health_address,
        stop: Some(stop),
        task,
    }
}

impl BareServer {
    /// Stops the server gracefully; every client must be dropped first.
    pub async fn stop(mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        let outcome = self.task.await.expect("server task");
        outcome.expect("server stopped cleanly");
    }
}
