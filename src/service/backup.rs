//! The `BackupStore` admin call: asks the storage for a consistent copy and
//! streams it in chunks; the copy is released (for sled, its file removed)
//! when the stream ends or the client goes away. It must not decide what a
//! backup contains.

use super::error::{ServiceError, ServiceResult};
use crate::proto::v1::BackupChunk;
use crate::storage::DocumentStorage;
use std::sync::Arc;
use tokio::sync::mpsc;
use tokio_stream::wrappers::ReceiverStream;
use tonic::Status;

/// Chunks in flight between the file reader and the client.
const CHUNKS_BUFFERED: usize = 4;

pub async fn stream_backup(
    store: Arc<dyn DocumentStorage>,
) -> ServiceResult<ReceiverStream<Result<BackupChunk, Status>>> {
    let mut file = store.backup().await?;
    let (sender, receiver) = mpsc::channel(CHUNKS_BUFFERED);
    // Reads block; the thread ends at the end of the backup or when the
    // client stops reading, and dropping `file` releases the copy.
    tokio::task::spawn_blocking(move || {
        let summary = file.summary();
        let (revision, total_bytes) = (summary.revision, summary.bytes);
        loop {
            let message = match file.next_chunk() {
                Ok(Some(data)) => Ok(BackupChunk {
                    data,
                    revision,
                    total_bytes,
                }),
                Ok(None) => break,
                Err(error) => Err(Status::from(ServiceError::from(error))),
            };
            let failed = message.is_err();
            if sender.blocking_send(message).is_err() || failed {
                break;
            }
        }
    });
    Ok(ReceiverStream::new(receiver))
}
