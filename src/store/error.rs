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
    #[error("storage engine failure: {0}")]
    Engine(#[from] sled::Error),
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

impl StoreError {
    pub(crate) fn corrupt(key: &[u8], reason: impl ToString) -> Self {
        StoreError::Corrupt {
            key: String::from_utf8_lossy(key).into_owned(),
            reason: reason.to_string(),
        }
    }
}

pub type StoreResult<T> = Result<T, StoreError>;
