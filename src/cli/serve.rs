//! `khabar serve`: load the configuration, set up logging, bind the
//! listener, and run the server until SIGINT or SIGTERM.

use super::CliResult;
use khabar::config::{Config, LogFormat, Secret};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
pub struct ServeArguments {
    /// TOML configuration file; flags and environment variables override it.
    #[arg(long, env = "KHABAR_CONFIG")]
    config: Option<PathBuf>,
    /// Directory of the embedded store [default: ./data].
    #[arg(long, env = "KHABAR_DATA_DIR")]
    data_dir: Option<PathBuf>,
    /// Address to listen on [default: 127.0.0.1:50051].
    #[arg(long, env = "KHABAR_LISTEN")]
    listen: Option<SocketAddr>,
    /// Largest article text accepted, in bytes [default: 2 MiB].
    #[arg(long, env = "KHABAR_MAX_ARTICLE_BYTES")]
    max_article_bytes: Option<usize>,
    /// Log format [default: text].
    #[arg(long, env = "KHABAR_LOG_FORMAT", value_enum)]
    log_format: Option<LogFormat>,
    /// Heartbeat period of idle subscriptions, in seconds [default: 15].
    #[arg(long, env = "KHABAR_HEARTBEAT_INTERVAL_SECS")]
    heartbeat_interval_secs: Option<u64>,
    /// Most statements one article may yield [default: 2000].
    #[arg(long, env = "KHABAR_MAX_STATEMENTS_PER_ARTICLE")]
    max_statements_per_article: Option<usize>,
    /// Most milestones one article may yield [default: 2000].
    #[arg(long, env = "KHABAR_MAX_MILESTONES_PER_ARTICLE")]
    max_milestones_per_article: Option<usize>,
    /// Largest encoded extraction of one article, in bytes [default: 3.875 MiB].
    #[arg(long, env = "KHABAR_MAX_EXTRACTION_BYTES")]
    max_extraction_bytes: Option<usize>,
    /// Page cache of the storage engine, in bytes [default: 64 MiB].
    #[arg(long, env = "KHABAR_CACHE_CAPACITY_BYTES")]
    cache_capacity_bytes: Option<u64>,
    /// Keep at least this many latest revisions in the change log; 0 keeps all [default: 0].
    #[arg(long, env = "KHABAR_LOG_RETENTION_REVISIONS")]
    log_retention_revisions: Option<u64>,
    /// Keep change-log revisions younger than this many seconds; 0 keeps all [default: 0].
    #[arg(long, env = "KHABAR_LOG_RETENTION_SECS")]
    log_retention_secs: Option<u64>,
    /// How often scheduled compaction runs, in seconds [default: 300].
    #[arg(long, env = "KHABAR_COMPACTION_INTERVAL_SECS")]
    compaction_interval_secs: Option<u64>,
    /// PEM certificate chain to serve TLS with (needs --tls-key-file) [default: no TLS].
    #[arg(long, env = "KHABAR_TLS_CERT_FILE")]
    tls_cert_file: Option<PathBuf>,
    /// PEM private key of --tls-cert-file.
    #[arg(long, env = "KHABAR_TLS_KEY_FILE")]
    tls_key_file: Option<PathBuf>,
    /// File of accepted bearer tokens, one per line; turns authentication on.
    /// Tokens may also come from KHABAR_AUTH_TOKENS (comma separated).
    #[arg(long, env = "KHABAR_AUTH_TOKEN_FILE")]
    auth_token_file: Option<PathBuf>,
    /// Whether health and reflection answer without a token [default: true].
    #[arg(long, env = "KHABAR_AUTH_EXEMPT_HEALTH_AND_REFLECTION")]
    auth_exempt_health_and_reflection: Option<bool>,
    /// Extra plaintext address serving only gRPC health, for probes that
    /// cannot speak TLS [default: none].
    #[arg(long, env = "KHABAR_HEALTH_LISTEN")]
    health_listen: Option<SocketAddr>,
    /// Plain-HTTP address serving Prometheus metrics at /metrics
    /// [default: none, off].
    #[arg(long, env = "KHABAR_METRICS_LISTEN")]
    metrics_listen: Option<SocketAddr>,
    /// Free space writes must leave on the data directory's disk, in bytes
    /// [default: 256 MiB].
    #[arg(long, env = "KHABAR_MIN_FREE_BYTES")]
    min_free_bytes: Option<u64>,
}

impl ServeArguments {
    fn into_config(self) -> CliResult<Config> {
        let mut config = match &self.config {
            Some(path) => Config::from_file(path)?,
            None => Config::default(),
        };
        if let Some(data_dir) = self.data_dir {
            config.data_dir = data_dir;
        }
        if let Some(listen) = self.listen {
            config.listen = listen;
        }
        if let Some(bytes) = self.max_article_bytes {
            config.max_article_bytes = bytes;
        }
        if let Some(format) = self.log_format {
            config.log_format = format;
        }
        if let Some(seconds) = self.heartbeat_interval_secs {
            config.heartbeat_interval_secs = seconds;
        }
        let overrides = [
            (
                self.max_statements_per_article,
                &mut config.max_statements_per_article,
            ),
            (
                self.max_milestones_per_article,
                &mut config.max_milestones_per_article,
            ),
            (self.max_extraction_bytes, &mut config.max_extraction_bytes),
        ];
        for (given, setting) in overrides {
            if let Some(value) = given {
                *setting = value;
            }
        }
        let overrides = [
            (self.cache_capacity_bytes, &mut config.cache_capacity_bytes),
            (
                self.log_retention_revisions,
                &mut config.log_retention_revisions,
            ),
            (self.log_retention_secs, &mut config.log_retention_secs),
            (
                self.compaction_interval_secs,
                &mut config.compaction_interval_secs,
            ),
        ];
        for (given, setting) in overrides {
            if let Some(value) = given {
                *setting = value;
            }
        }
        if let Some(path) = self.tls_cert_file {
            config.tls_cert_file = Some(path);
        }
        if let Some(path) = self.tls_key_file {
            config.tls_key_file = Some(path);
        }
        if let Some(path) = self.auth_token_file {
            config.auth_token_file = Some(path);
        }
        if let Some(exempt) = self.auth_exempt_health_and_reflection {
            config.auth_exempt_health_and_reflection = exempt;
        }
        if let Some(address) = self.health_listen {
            config.health_listen = Some(address);
        }
        if let Some(address) = self.metrics_listen {
            config.metrics_listen = Some(address);
        }
        config.auth_tokens = tokens_from_environment()?;
        if let Some(bytes) = self.min_free_bytes {
            config.min_free_bytes = bytes.into();
        }
        Ok(config.validated()?)
    }
}

/// Inline tokens from KHABAR_AUTH_TOKENS. A variable that is set but holds
/// no token is refused rather than silently leaving authentication off.
fn tokens_from_environment() -> CliResult<Vec<Secret>> {
    let variable = khabar::auth::TOKENS_ENVIRONMENT_VARIABLE;
    let Some(value) = std::env::var_os(variable) else {
        return Ok(Vec::new());
    };
    let value = value
        .into_string()
        .map_err(|_| format!("{variable} is not valid UTF-8"))?;
    let tokens: Vec<Secret> = value
        .split(',')
        .map(str::trim)
        .filter(|token| !token.is_empty())
        .map(Secret::new)
        .collect();
    if tokens.is_empty() {
        return Err(format!(
            "{variable} is set but holds no token; unset it to serve without authentication"
        )
        .into());
    }
    Ok(tokens)
}

fn init_logging(format: LogFormat) {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_ansi(super::output::colour_on_stderr())
        .with_writer(std::io::stderr);
    match format {
        LogFormat::Text => builder.init(),
        LogFormat::Json => builder.json().init(),
    }
}

/// Completes on SIGINT or SIGTERM. The handlers are installed when this is
/// called, not when the future is first polled: the server logs "serving"
/// before it polls its shutdown future, and a TERM sent in between must
/// stop it cleanly rather than kill it with the default action.
fn termination_signal() -> impl std::future::Future<Output = ()> {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        let terminate = signal(SignalKind::terminate());
        let interrupt = signal(SignalKind::interrupt());
        async move {
            match (terminate, interrupt) {
                (Ok(mut terminate), Ok(mut interrupt)) => tokio::select! {
                    _ = interrupt.recv() => tracing::info!(signal = "SIGINT", "stop requested"),
                    _ = terminate.recv() => tracing::info!(signal = "SIGTERM", "stop requested"),
                },
                (Err(error), _) | (_, Err(error)) => {
                    tracing::warn!(%error, "cannot listen for SIGTERM or SIGINT; stopping on Ctrl-C only");
                    let _ = tokio::signal::ctrl_c().await;
                }
            }
        }
    }
    #[cfg(not(unix))]
    {
        async {
            let _ = tokio::signal::ctrl_c().await;
        }
    }
}

pub async fn run(arguments: ServeArguments) -> CliResult<ExitCode> {
    let config = arguments.into_config()?;
    init_logging(config.log_format);
    let stop = termination_signal();
    let listener = tokio::net::TcpListener::bind(config.listen)
        .await
        .map_err(|error| format!("cannot listen on {}: {error}", config.listen))?;
    let data_dir = config.data_dir.clone();
    let cache_capacity_bytes = config.cache_capacity_bytes;
    khabar::server::run(listener, config, stop).await?;
    // The store is closed and durable; this only shortens the next start.
    let settled = tokio::task::spawn_blocking(move || {
        khabar::store::prepare_next_open(&data_dir, cache_capacity_bytes)
    })
    .await;
    match settled {
        Ok(Ok(took)) => tracing::info!(
            took_ms = took.as_millis() as u64,
            "store settled: the next start does not replay this run's writes"
        ),
        Ok(Err(error)) => {
            tracing::warn!(%error, "store not settled; the next start replays this run's writes")
        }
        Err(error) => tracing::warn!(%error, "store not settled"),
    }
    Ok(ExitCode::SUCCESS)
}
