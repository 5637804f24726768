//! The service layer's error type and the one place where any error becomes
//! a `tonic::Status`. Messages say what to fix; internals are logged, not
//! sent.

use crate::excerpt::truncate_to_char_boundary;
use crate::store::StoreError;
use thiserror::Error;
use tonic::Status;

/// The longest status message sent. Messages quote only short excerpts of
/// input; this guard keeps any message that slips through well inside the
/// metadata limit, so the status itself always arrives.
pub const MAX_STATUS_MESSAGE_BYTES: usize = 1024;

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
        let status = match error {
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
                StoreError::Corrupt { .. } | StoreError::Engine(_) => {
                    tracing::error!(%error, "store failure");
                    Status::internal("storage failure; see the server log")
                }
            },
        };
        within_message_cap(status)
    }
}

/// Cuts a status message longer than `MAX_STATUS_MESSAGE_BYTES`, on a
/// character boundary, saying how long it was.
fn within_message_cap(status: Status) -> Status {
    let message = status.message();
    if message.len() <= MAX_STATUS_MESSAGE_BYTES {
        return status;
    }
    let kept = truncate_to_char_boundary(message, MAX_STATUS_MESSAGE_BYTES - 48);
    Status::new(
        status.code(),
        format!("{kept}… ({} bytes in all)", message.len()),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_messages_are_cut_below_the_cap() {
        let cases = [
            ("x".repeat(20_000), tonic::Code::InvalidArgument),
            ("ع".repeat(10_000), tonic::Code::InvalidArgument),
            ("short".to_string(), tonic::Code::InvalidArgument),
        ];
        for (message, code) in cases {
            let status = Status::from(ServiceError::invalid(message.clone()));
            assert_eq!(status.code(), code);
            assert!(status.message().len() <= MAX_STATUS_MESSAGE_BYTES);
            let prefix: String = message.chars().take(5).collect();
            assert!(status.message().starts_with(&prefix));
        }
        let status = Status::from(ServiceError::Store(StoreError::InvalidFilter(
            "y".repeat(5000),
        )));
        assert_eq!(status.code(), tonic::Code::InvalidArgument);
        assert!(status.message().len() <= MAX_STATUS_MESSAGE_BYTES);
        assert!(status.message().ends_with("bytes in all)"));
    }
}
