//! The store layer's one error type. It says what went wrong in store terms;
//! mapping to gRPC status codes happens in the service layer, never here.

use std::path::PathBuf;
use thiserror::Error;

#[derive(Debug, Clone, Error)]
pub enum StoreError {
    #[error("no {kind} with id {}", crate::excerpt::excerpt(.id))]
    NotFound { kind: &'static str, id: String },
    #[error("invalid filter: {0}")]
    InvalidFilter(String),
    #[error("invalid page_token: {0}")]
    InvalidPageToken(String),
    #[error("revision {requested} is out of range: the store is at revision {current}")]
    RevisionOutOfRange { requested: u64, current: u64 },
    #[error(
        "revision {requested} has been compacted: the change log starts at revision {oldest_available}; list the current state again, then subscribe with start AFTER_REVISION and the revision the listing returned"
    )]
    Compacted {
        requested: u64,
        oldest_available: u64,
    },
    #[error("stored record {key:?} is corrupt: {reason}")]
    Corrupt { key: String, reason: String },
    #[error("the store is shutting down")]
    ShuttingDown,
    /// The storage engine failed, in terms that name no engine: what kind
    /// of failure it was and the engine's own words.
    #[error("storage engine failure: {message}")]
    Engine {
        failure: EngineFailure,
        message: String,
    },
    /// The backend in use cannot do this (an optional capability of the
    /// storage interface, see `crate::storage`).
    #[error("{operation} is not supported by the storage backend this server uses")]
    Unsupported { operation: &'static str },
    /// Refused before anything was written: the write would leave less than
    /// the configured reserve free on the data directory's file system.
    #[error(
        "the disk holding the data directory {directory} is full: {free_bytes} bytes free, \
         {required_bytes} needed for this write and the reserve (min_free_bytes); \
         free some space and retry"
    )]
    DiskFull {
        directory: PathBuf,
        free_bytes: u64,
        required_bytes: u64,
    },
    /// The storage engine failed a write; it refuses every later write, so
    /// the store serves reads only until it is restarted.
    #[error(
        "the store in {directory} is read-only since a write failed ({reason}); \
         acknowledged writes up to revision {durable_revision} are durable; \
         fix the cause and restart the server"
    )]
    ReadOnly {
        directory: PathBuf,
        reason: String,
        durable_revision: u64,
        disk_full: bool,
    },
    /// The files in the data directory do not form a store khabar can trust.
    #[error(
        "the store in {directory} is damaged: {problem}. It will not be served. \
         Restore it from a backup (khabar restore), or run \
         `khabar check --data-dir {directory}` for the details"
    )]
    Damaged { directory: PathBuf, problem: String },
    /// A backup file that cannot be used, or a restore that must not run.
    #[error("{path}: {problem}")]
    Backup { path: PathBuf, problem: String },
    /// The data directory holds a store in a format this version does not
    /// read (see `format`).
    #[error(
        "the store in {directory} is in format {found}; this version of khabar reads format \
         {expected}. Migrate it: take a backup with the khabar version that wrote it \
         (`khabar backup`, or `khabar backup` against its running server), then \
         `khabar restore` that file with this version into a new directory and serve that"
    )]
    Format {
        directory: PathBuf,
        found: u32,
        expected: u32,
    },
    /// Another process (a running server) holds the store's lock.
    #[error(
        "the store in {directory} is in use by another process (a running server?); \
         stop it first, or use `khabar backup` against the running server"
    )]
    Locked { directory: PathBuf },
}

/// What kind of engine failure a `StoreError::Engine` is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EngineFailure {
    /// An operating-system I/O error of this kind.
    Io(std::io::ErrorKind),
    /// The engine found its own files damaged.
    Corruption,
    /// Anything else the engine reports (a bug, an unsupported use).
    Other,
}

impl From<sled::Error> for StoreError {
    fn from(error: sled::Error) -> Self {
        let failure = match &error {
            sled::Error::Io(io) => EngineFailure::Io(io.kind()),
            sled::Error::Corruption { .. } => EngineFailure::Corruption,
            _ => EngineFailure::Other,
        };
        StoreError::Engine {
            failure,
            message: error.to_string(),
        }
    }
}

impl StoreError {
    /// An I/O error met on the store's own files (outside the engine),
    /// reported like the engine's I/O errors.
    pub(crate) fn io(error: std::io::Error) -> Self {
        StoreError::from(sled::Error::Io(error))
    }

    /// The kind of I/O error behind an engine failure, if it was one.
    pub fn io_error_kind(&self) -> Option<std::io::ErrorKind> {
        match self {
            StoreError::Engine {
                failure: EngineFailure::Io(kind),
                ..
            } => Some(*kind),
            _ => None,
        }
    }

    pub(crate) fn corrupt(key: &[u8], reason: impl ToString) -> Self {
        StoreError::Corrupt {
            key: String::from_utf8_lossy(key).into_owned(),
            reason: reason.to_string(),
        }
    }
}

pub type StoreResult<T> = Result<T, StoreError>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn engine_errors_say_what_kind_of_failure_they_were() {
        let io = StoreError::from(sled::Error::Io(std::io::Error::from(
            std::io::ErrorKind::StorageFull,
        )));
        assert_eq!(io.io_error_kind(), Some(std::io::ErrorKind::StorageFull));
        assert!(
            io.to_string()
                .starts_with("storage engine failure: IO error")
        );
        let corrupt = StoreError::from(sled::Error::Corruption { at: None, bt: () });
        assert!(matches!(
            corrupt,
            StoreError::Engine {
                failure: EngineFailure::Corruption,
                ..
            }
        ));
        assert_eq!(corrupt.io_error_kind(), None);
    }
}
