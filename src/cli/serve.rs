//! `khabar serve`: load the configuration, set up logging, bind the
//! listener, and run the server until SIGINT or SIGTERM.

use super::CliResult;
use khabar::config::{Config, LogFormat};
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
        if let Some(bytes) = self.min_free_bytes {
            config.min_free_bytes = bytes.into();
        }
        Ok(config.validated()?)
    }
}

fn init_logging(format: LogFormat) {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    match format {
        LogFormat::Text => builder.init(),
        LogFormat::Json => builder.json().init(),
    }
}

/// Completes on SIGINT or SIGTERM.
async fn termination_signal() {
    let interrupt = tokio::signal::ctrl_c();
    #[cfg(unix)]
    {
        let mut terminate = match tokio::signal::unix::signal(
            tokio::signal::unix::SignalKind::terminate(),
        ) {
            Ok(signal) => signal,
            Err(error) => {
                tracing::warn!(%error, "cannot listen for SIGTERM; only SIGINT stops the server");
                let _ = interrupt.await;
                return;
            }
        };
        tokio::select! {
            _ = interrupt => tracing::info!(signal = "SIGINT", "stop requested"),
            _ = terminate.recv() => tracing::info!(signal = "SIGTERM", "stop requested"),
        }
    }
    #[cfg(not(unix))]
    {
        let _ = interrupt.await;
    }
}

pub async fn run(arguments: ServeArguments) -> CliResult<ExitCode> {
    let config = arguments.into_config()?;
    init_logging(config.log_format);
    let listener = tokio::net::TcpListener::bind(config.listen)
        .await
        .map_err(|error| format!("cannot listen on {}: {error}", config.listen))?;
    khabar::server::run(listener, config, termination_signal()).await?;
    Ok(ExitCode::SUCCESS)
}
