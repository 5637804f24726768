//! The service layer's error type and the one place where any error becomes
//! a `tonic::Status`. Messages say what to fix; internals are logged, not
//! sent.

use crate::excerpt::truncate_to_char_boundary;
use crate::proto::rpc;
use crate::proto::v1::IngestArticlesResponse;
use crate::storage::{EngineFailure, StoreError};
use prost::Message;
use thiserror::Error;
use tonic::{Code, Status};

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
    /// A call without an accepted bearer token (raised by `crate::auth`,
    /// which runs in front of every service).
    #[error("{0}")]
    Unauthenticated(String),
    #[error(transparent)]
    Store(#[from] StoreError),
    /// A client stream could not be read past message `index`; `processed`
    /// holds the results of the messages before it.
    #[error("message {index} of the stream cannot be read: {}", cause.message())]
    BrokenStream {
        index: u32,
        cause: Status,
        processed: Box<IngestArticlesResponse>,
        max_message_bytes: usize,
    },
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
            ServiceError::Unauthenticated(message) => Status::unauthenticated(message),
            ServiceError::Internal(message) => {
                tracing::error!(%message, "internal error");
                Status::internal("internal error; see the server log")
            }
            ServiceError::BrokenStream {
                index,
                cause,
                processed,
                max_message_bytes,
            } => broken_stream_status(index, &cause, &processed, max_message_bytes),
            ServiceError::Store(error) => match error {
                StoreError::NotFound { .. } => Status::not_found(error.to_string()),
                StoreError::InvalidFilter(_) | StoreError::InvalidPageToken(_) => {
                    Status::invalid_argument(error.to_string())
                }
                StoreError::RevisionOutOfRange { .. } | StoreError::Compacted { .. } => {
                    Status::out_of_range(error.to_string())
                }
                StoreError::ShuttingDown => Status::unavailable(
                    "the server is shutting down; retry on another instance or later",
                ),
                StoreError::DiskFull { .. }
                | StoreError::ReadOnly {
                    disk_full: true, ..
                } => Status::resource_exhausted(error.to_string()),
                StoreError::ReadOnly { .. } => Status::unavailable(error.to_string()),
                // Damaged files are not a bug: say so, and what to do.
                StoreError::Corrupt { .. }
                | StoreError::Engine {
                    failure: EngineFailure::Corruption,
                    ..
                }
                | StoreError::Damaged { .. } => {
                    tracing::error!(%error, "damaged store");
                    Status::data_loss(
                        "the store's files are damaged where this request reads; run `khabar check` on the data directory and restore from a backup",
                    )
                }
                StoreError::Engine { .. }
                | StoreError::Backup { .. }
                | StoreError::Locked { .. }
                | StoreError::Format { .. } => {
                    tracing::error!(%error, "store failure");
                    Status::internal("storage failure; see the server log")
                }
                StoreError::Unsupported { .. } => Status::unimplemented(error.to_string()),
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
    Status::with_details(
        status.code(),
        format!("{kept}… ({} bytes in all)", message.len()),
        status.details().to_vec().into(),
    )
}

/// The status that ends a bulk stream at an unreadable message: what went
/// wrong with that message, what happened to the ones before it, and their
/// results in the details (see `IngestArticles` in service.proto).
fn broken_stream_status(
    index: u32,
    cause: &Status,
    processed: &IngestArticlesResponse,
    max_message_bytes: usize,
) -> Status {
    let (code, problem) = match cause.code() {
        // tonic reports a message over the receive limit as OUT_OF_RANGE.
        Code::OutOfRange | Code::ResourceExhausted => (
            Code::ResourceExhausted,
            format!(
                "message {index} is larger than the server accepts ({max_message_bytes} bytes per message; raise max_article_bytes or send a smaller article)"
            ),
        ),
        Code::Cancelled | Code::DeadlineExceeded | Code::Unavailable => {
            (cause.code(), format!("the stream broke at message {index}"))
        }
        // Undecodable bytes, invalid UTF-8, framing errors: the client's.
        _ => (
            Code::InvalidArgument,
            format!(
                "message {index} is not a valid khabar.v1.IngestArticleRequest ({})",
                truncate_to_char_boundary(cause.message(), 300)
            ),
        ),
    };
    let message = format!(
        "{problem}; nothing after it was read. The {index} messages before it were processed: {} created, {} duplicate, {} failed; store at revision {}. Their results are in the status details; re-sending them is safe",
        processed.created, processed.duplicates, processed.failed, processed.revision
    );
    let details = rpc::Status {
        code: code as i32,
        message: message.clone(),
        details: vec![pbjson_types::Any {
            type_url: "type.googleapis.com/khabar.v1.IngestArticlesResponse".to_string(),
            value: processed.encode_to_vec().into(),
        }],
    };
    Status::with_details(code, message, details.encode_to_vec().into())
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

    #[test]
    fn store_errors_keep_their_status_codes() {
        let engine = |failure| StoreError::Engine {
            failure,
            message: "the engine's words".to_string(),
        };
        let cases = [
            (engine(EngineFailure::Corruption), Code::DataLoss),
            (
                engine(EngineFailure::Io(std::io::ErrorKind::PermissionDenied)),
                Code::Internal,
            ),
            (engine(EngineFailure::Other), Code::Internal),
            (
                StoreError::Unsupported {
                    operation: "an online backup",
                },
                Code::Unimplemented,
            ),
            (
                StoreError::DiskFull {
                    directory: "data".into(),
                    free_bytes: 1,
                    required_bytes: 2,
                },
                Code::ResourceExhausted,
            ),
            (StoreError::ShuttingDown, Code::Unavailable),
        ];
        for (error, code) in cases {
            let text = error.to_string();
            let status = Status::from(ServiceError::Store(error));
            assert_eq!(status.code(), code, "{text}");
            assert!(!status.message().contains("engine's words"), "{text}");
        }
        let unsupported = Status::from(ServiceError::Store(StoreError::Unsupported {
            operation: "an online backup",
        }));
        assert_eq!(
            unsupported.message(),
            "an online backup is not supported by the storage backend this server uses"
        );
    }
}
