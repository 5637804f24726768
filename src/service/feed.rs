//! The live change feed: one task reads each newly durable revision from
//! the store once and hands the change set to every caught-up subscription
//! through a broadcast channel of shared change sets. A thousand live
//! subscribers then cost one log read per revision instead of a thousand.
//!
//! A subscription that falls further behind than the channel holds, or
//! sees a revision skipped, goes back to reading the log itself, so the
//! feed is only ever a shortcut: the log stays the one source of truth. The
//! feed must not filter or encode; each subscription does that for its own
//! client.

use crate::proto::v1::ChangeSet;
use crate::storage::DocumentStorage;
use std::sync::Arc;
use tokio::sync::{broadcast, watch};
use tracing::Instrument;

/// Change sets the channel holds for subscriptions that are slow to take
/// them; a subscription further behind reads the log instead.
const FEED_CAPACITY: usize = 1024;
/// Change sets the feed reads from the log per call, and their byte budget.
const FEED_CHUNK: usize = 256;
const FEED_CHUNK_BYTES: usize = 4 * 1024 * 1024;

#[derive(Debug)]
pub struct ChangeFeed {
    sender: broadcast::Sender<Arc<ChangeSet>>,
}

impl ChangeFeed {
    /// Starts the task that follows the store's durable revision from now
    /// on. It ends when the store's revision watch closes or the server
    /// shuts down.
    pub fn start(store: Arc<dyn DocumentStorage>, shutdown: watch::Receiver<bool>) -> ChangeFeed {
        let (sender, _) = broadcast::channel(FEED_CAPACITY);
        let task = follow_store(store, sender.clone(), shutdown);
        tokio::spawn(task.instrument(tracing::debug_span!("change_feed")));
        ChangeFeed { sender }
    }

    /// A receiver of every change set published after this call.
    pub fn subscribe(&self) -> broadcast::Receiver<Arc<ChangeSet>> {
        self.sender.subscribe()
    }
}

async fn follow_store(
    store: Arc<dyn DocumentStorage>,
    sender: broadcast::Sender<Arc<ChangeSet>>,
    mut shutdown: watch::Receiver<bool>,
) {
    let mut revisions = store.watch_revision();
    let mut cursor = store.revision();
    loop {
        while cursor < store.revision() {
            let (reader, after) = (store.clone(), cursor);
            let chunk = tokio::task::spawn_blocking(move || {
                reader.read_changes(after, FEED_CHUNK, FEED_CHUNK_BYTES)
            })
            .await;
            match chunk {
                Ok(Ok(change_sets)) if !change_sets.is_empty() => {
                    for change_set in change_sets {
                        cursor = change_set.revision;
                        // No receivers is fine: nobody is live right now.
                        let _ = sender.send(Arc::new(change_set));
                    }
                }
                Ok(Ok(_)) => break,
                Ok(Err(error)) => {
                    // Compacted under the feed, or a read failed: skip to
                    // the head. Subscriptions see the gap and read the log
                    // themselves, which answers them properly.
                    tracing::warn!(%error, cursor, "change feed skips to the newest revision");
                    cursor = store.revision();
                }
                Err(error) => {
                    tracing::error!(%error, "change feed read task failed");
                    cursor = store.revision();
                }
            }
        }
        tokio::select! {
            changed = revisions.changed() => {
                if changed.is_err() {
                    return;
                }
            }
            changed = shutdown.changed() => {
                if changed.is_err() || *shutdown.borrow() {
                    return;
                }
            }
        }
    }
}
