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
    /// Free space, in bytes, that writes must leave on the data directory's
    /// file system; below it writes answer RESOURCE_EXHAUSTED and health
    /// says NOT_SERVING. Shared by clones of this configuration.
    pub min_free_bytes: FreeSpaceReserve,
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
        if self.min_free_bytes.bytes() < MIN_FREE_BYTES_FLOOR {
            return Err(ConfigError::Invalid(format!(
                "min_free_bytes must be at least {MIN_FREE_BYTES_FLOOR} (4 MiB): the storage \
                 engine needs room to finish a write it has started"
            )));
        }
        Ok(self)
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
    fn a_reserve_below_the_floor_is_refused() {
        let config = Config {
            min_free_bytes: FreeSpaceReserve::new(MIN_FREE_BYTES_FLOOR - 1),
            ..Config::default()
        };
        assert!(matches!(config.validated(), Err(ConfigError::Invalid(_))));
        assert!(Config::default().validated().is_ok());
    }
}
