//! Server configuration: defaults, an optional TOML file, and the values a
//! caller (the CLI) sets explicitly, merged in that order of precedence.
//! It only describes settings; it must not open sockets or files other than
//! the configuration file itself.

use crate::store::{FreeSpaceReserve, MIN_FREE_BYTES_FLOOR};
use serde::Deserialize;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::time::Duration;
use thiserror::Error;

#[derive(Debug, Error)]
pub enum ConfigError {
    #[error("cannot read configuration file {path}: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("configuration file {path} is invalid: {source}")]
    Parse {
        path: PathBuf,
        source: toml::de::Error,
    },
    #[error("{0}")]
    Invalid(String),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum LogFormat {
    #[default]
    Text,
    Json,
}

pub const DEFAULT_LISTEN: &str = "127.0.0.1:50051";
pub const DEFAULT_MAX_ARTICLE_BYTES: usize = 2 * 1024 * 1024;
pub const DEFAULT_MAX_STATEMENTS_PER_ARTICLE: usize = 2_000;
pub const DEFAULT_MAX_MILESTONES_PER_ARTICLE: usize = 2_000;
/// Under the 4 MiB that gRPC clients accept by default, with room for the
/// answer's other fields: an ingest answer carries the whole extraction.
pub const DEFAULT_MAX_EXTRACTION_BYTES: usize = 4 * 1024 * 1024 - 128 * 1024;
pub const DEFAULT_CACHE_CAPACITY_BYTES: u64 = 64 * 1024 * 1024;

/// Headroom over the article limit for a message's other fields.
const MESSAGE_OVERHEAD_BYTES: usize = 64 * 1024;

/// Everything `server::run` needs to know.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    /// Directory of the embedded store.
    pub data_dir: PathBuf,
    /// Address to listen on (used by `khabar serve`; tests bind their own).
    pub listen: SocketAddr,
    /// Largest article text accepted, in bytes.
    pub max_article_bytes: usize,
    pub log_format: LogFormat,
    /// Default heartbeat period of idle subscriptions.
    pub heartbeat_interval_secs: u64,
    /// Most statements one article (with its "read also" sections) may
    /// yield; an article over it is refused before anything is written.
    pub max_statements_per_article: usize,
    /// Most milestones one article may yield.
    pub max_milestones_per_article: usize,
    /// Largest encoded extraction of one article (body, statements,
    /// milestones, related articles), in bytes.
    pub max_extraction_bytes: usize,
    /// Memory the storage engine may use for its page cache, in bytes.
    pub cache_capacity_bytes: u64,
    /// Keep at least this many of the latest change-log revisions when the
    /// log is compacted on schedule; 0 keeps every revision (no schedule
    /// unless `log_retention_secs` is set).
    pub log_retention_revisions: u64,
    /// Keep change-log revisions committed within this many seconds; 0
    /// keeps them regardless of age.
    pub log_retention_secs: u64,
    /// How often scheduled compaction runs when a retention is set.
    pub compaction_interval_secs: u64,
    /// PEM certificate chain; with `tls_key_file`, the server speaks only TLS.
    pub tls_cert_file: Option<PathBuf>,
    /// PEM private key of `tls_cert_file`.
    pub tls_key_file: Option<PathBuf>,
    /// File of accepted bearer tokens, one per line (`#` comments allowed).
    pub auth_token_file: Option<PathBuf>,
    /// Accepted bearer tokens given directly (KHABAR_AUTH_TOKENS); never
    /// read from the configuration file, never shown by `Debug`.
    #[serde(skip)]
    pub auth_tokens: Vec<Secret>,
    /// Whether health and reflection answer without a token when
    /// authentication is on.
    pub auth_exempt_health_and_reflection: bool,
    /// Optional second address serving only gRPC health, in plaintext and
    /// without authentication, for probes that cannot speak TLS.
    pub health_listen: Option<SocketAddr>,
    /// Optional address serving Prometheus metrics (`GET /metrics`) in
    /// plain HTTP; off when unset.
    pub metrics_listen: Option<SocketAddr>,
    /// Free space, in bytes, that writes must leave on the data directory's
    /// file system; below it writes answer RESOURCE_EXHAUSTED and health
    /// says NOT_SERVING. Shared by clones of this configuration.
    pub min_free_bytes: FreeSpaceReserve,
}

/// A secret value (a bearer token): `Debug` prints its length, never it.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    pub fn new(value: impl Into<String>) -> Secret {
        Secret(value.into())
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for Secret {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(formatter, "Secret({} bytes, redacted)", self.0.len())
    }
}

impl Default for Config {
    fn default() -> Self {
        Config {
            data_dir: PathBuf::from("data"),
            listen: DEFAULT_LISTEN
                .parse()
                .unwrap_or_else(|_| SocketAddr::from(([127, 0, 0, 1], 50051))),
            max_article_bytes: DEFAULT_MAX_ARTICLE_BYTES,
            log_format: LogFormat::Text,
            heartbeat_interval_secs: 15,
            max_statements_per_article: DEFAULT_MAX_STATEMENTS_PER_ARTICLE,
            max_milestones_per_article: DEFAULT_MAX_MILESTONES_PER_ARTICLE,
            max_extraction_bytes: DEFAULT_MAX_EXTRACTION_BYTES,
            cache_capacity_bytes: DEFAULT_CACHE_CAPACITY_BYTES,
            log_retention_revisions: 0,
            log_retention_secs: 0,
            compaction_interval_secs: 300,
            tls_cert_file: None,
            tls_key_file: None,
            auth_token_file: None,
            auth_tokens: Vec::new(),
            auth_exempt_health_and_reflection: true,
            health_listen: None,
            metrics_listen: None,
            min_free_bytes: FreeSpaceReserve::default(),
        }
    }
}

impl Config {
    /// Reads a TOML configuration file; keys it leaves out keep defaults.
    pub fn from_file(path: &Path) -> Result<Config, ConfigError> {
        let text = std::fs::read_to_string(path).map_err(|source| ConfigError::Read {
            path: path.to_path_buf(),
            source,
        })?;
        let config: Config = toml::from_str(&text).map_err(|source| ConfigError::Parse {
            path: path.to_path_buf(),
            source,
        })?;
        config.validated()
    }

    pub fn validated(self) -> Result<Config, ConfigError> {
        if self.max_article_bytes == 0 {
            return Err(ConfigError::Invalid(
                "max_article_bytes must be positive".into(),
            ));
        }
        if !(1..=3600).contains(&self.heartbeat_interval_secs) {
            return Err(ConfigError::Invalid(
                "heartbeat_interval_secs must lie between 1 and 3600".into(),
            ));
        }
        if self.max_statements_per_article == 0 || self.max_milestones_per_article == 0 {
            return Err(ConfigError::Invalid(
                "max_statements_per_article and max_milestones_per_article must be positive".into(),
            ));
        }
        if self.max_extraction_bytes < 64 * 1024 {
            return Err(ConfigError::Invalid(
                "max_extraction_bytes must be at least 65536".into(),
            ));
        }
        if self.cache_capacity_bytes < 1024 * 1024 {
            return Err(ConfigError::Invalid(
                "cache_capacity_bytes must be at least 1048576 (1 MiB)".into(),
            ));
        }
        if !(1..=86_400).contains(&self.compaction_interval_secs) {
            return Err(ConfigError::Invalid(
                "compaction_interval_secs must lie between 1 and 86400".into(),
            ));
        }
        if self.tls_cert_file.is_some() != self.tls_key_file.is_some() {
            return Err(ConfigError::Invalid(
                "tls_cert_file and tls_key_file go together: set both to serve TLS, or neither"
                    .into(),
            ));
        }
        if self.health_listen.is_some() && self.health_listen == Some(self.listen) {
            return Err(ConfigError::Invalid(format!(
                "health_listen must differ from listen ({})",
                self.listen
            )));
        }
        if self.metrics_listen.is_some()
            && (self.metrics_listen == Some(self.listen)
                || self.metrics_listen == self.health_listen)
        {
            return Err(ConfigError::Invalid(format!(
                "metrics_listen must differ from listen ({}) and health_listen",
                self.listen
            )));
        }
        if self.min_free_bytes.bytes() < MIN_FREE_BYTES_FLOOR {
            return Err(ConfigError::Invalid(format!(
                "min_free_bytes must be at least {MIN_FREE_BYTES_FLOOR} (4 MiB): the storage \
                 engine needs room to finish a write it has started"
            )));
        }
        Ok(self)
    }

    /// The largest request message the transport accepts: an article at
    /// the size limit plus room for the other fields.
    pub fn max_request_message_bytes(&self) -> usize {
        self.max_article_bytes
            .saturating_mul(2)
            .saturating_add(MESSAGE_OVERHEAD_BYTES)
    }

    /// The largest response message the server sends. Every answer is
    /// bounded below it by construction: an ingest answer by
    /// `max_extraction_bytes`, a list page and a change-set message by
    /// their byte budgets plus one record, and one record by the article
    /// limit (a body is never longer than the text it came from).
    pub fn max_response_message_bytes(&self) -> usize {
        self.max_extraction_bytes
            .max(self.max_request_message_bytes())
            .saturating_add(self.max_request_message_bytes())
            .saturating_add(MESSAGE_OVERHEAD_BYTES)
    }

    pub fn compaction_interval(&self) -> Duration {
        Duration::from_secs(self.compaction_interval_secs)
    }

    /// Whether the server requires a bearer token.
    pub fn auth_enabled(&self) -> bool {
        self.auth_token_file.is_some() || !self.auth_tokens.is_empty()
    }

    pub fn heartbeat_interval(&self) -> Duration {
        Duration::from_secs(self.heartbeat_interval_secs)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_values_override_defaults_and_unknown_keys_fail() {
        let directory = tempfile::tempdir().map_err(|e| e.to_string());
        let Ok(directory) = directory else {
            panic!("no temporary directory")
        };
        let path = directory.path().join("khabar.toml");
        let written = std::fs::write(
            &path,
            "data_dir = \"/srv/khabar\"\nmax_article_bytes = 1000\n",
        );
        assert!(written.is_ok());
        let config = Config::from_file(&path).ok();
        assert_eq!(
            config.as_ref().map(|c| c.data_dir.clone()),
            Some(PathBuf::from("/srv/khabar"))
        );
        assert_eq!(config.as_ref().map(|c| c.max_article_bytes), Some(1000));
        assert_eq!(config.map(|c| c.log_format), Some(LogFormat::Text));

        let written = std::fs::write(&path, "data_directory = \"x\"\n");
        assert!(written.is_ok());
        assert!(matches!(
            Config::from_file(&path),
            Err(ConfigError::Parse { .. })
        ));
    }

    #[test]
    fn example_file_in_deploy_is_a_valid_configuration() {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("deploy/khabar.example.toml");
        let config = Config::from_file(&path);
        assert!(config.is_ok(), "{config:?}");
    }

    #[test]
    fn tls_needs_both_files_and_secrets_are_not_shown() {
        let half = Config {
            tls_cert_file: Some(PathBuf::from("server.crt")),
            ..Config::default()
        };
        assert!(matches!(half.validated(), Err(ConfigError::Invalid(_))));
        let with_token = Config {
            auth_tokens: vec![Secret::new("do-not-print-me")],
            ..Config::default()
        };
        assert!(with_token.auth_enabled());
        assert!(!format!("{with_token:?}").contains("do-not-print-me"));
    }

    #[test]
    fn a_reserve_below_the_floor_is_refused() {
        let config = Config {
            min_free_bytes: FreeSpaceReserve::new(MIN_FREE_BYTES_FLOOR - 1),
            ..Config::default()
        };
        assert!(matches!(config.validated(), Err(ConfigError::Invalid(_))));
        assert!(Config::default().validated().is_ok());
    }
}
