//! The store layer's one error type. It says what went wrong in store terms;
//! mapping to gRPC status codes happens in the service layer, never here.

use thiserror::Error;

#[derive(Debug, Error)]
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
