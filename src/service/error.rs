//! The service layer's error type and the one place where any error becomes
//! a `tonic::Status`. Messages say what to fix; internals are logged, not
//! sent.

use crate::store::StoreError;
use thiserror::Error;
use tonic::Status;

#[derive(Debug, Error)]
pub enum ServiceError {
    #[error("{0}")]
    InvalidArgument(String),
    #[error("{0}")]
    OutOfRange(String),
    #[error("{0}")]
    Unavailable(String),
    #[error("{0}")]
    Internal(String),
    #[error(transparent)]
    Store(#[from] StoreError),
}

pub type ServiceResult<T> = Result<T, ServiceError>;

impl ServiceError {
    pub fn invalid(message: impl Into<String>) -> Self {
        ServiceError::InvalidArgument(message.into())
    }
}

impl From<ServiceError> for Status {
    fn from(error: ServiceError) -> Status {
        match error {
            ServiceError::InvalidArgument(message) => Status::invalid_argument(message),
            ServiceError::OutOfRange(message) => Status::out_of_range(message),
            ServiceError::Unavailable(message) => Status::unavailable(message),
            ServiceError::Internal(message) => {
                tracing::error!(%message, "internal error");
                Status::internal("internal error; see the server log")
            }
            ServiceError::Store(error) => match error {
                StoreError::NotFound { .. } => Status::not_found(error.to_string()),
                StoreError::InvalidFilter(_) | StoreError::InvalidPageToken(_) => {
                    Status::invalid_argument(error.to_string())
                }
                StoreError::RevisionOutOfRange { .. } => Status::out_of_range(error.to_string()),
                StoreError::ShuttingDown => Status::unavailable(
                    "the server is shutting down; retry on another instance or later",
                ),
                StoreError::DiskFull { .. }
                | StoreError::ReadOnly {
                    disk_full: true, ..
                } => Status::resource_exhausted(error.to_string()),
                StoreError::ReadOnly { .. } => Status::unavailable(error.to_string()),
                StoreError::Corrupt { .. }
                | StoreError::Engine(_)
                | StoreError::Damaged { .. }
                | StoreError::Backup { .. }
                | StoreError::Locked { .. } => {
                    tracing::error!(%error, "store failure");
                    Status::internal("storage failure; see the server log")
                }
            },
        }
    }
}
