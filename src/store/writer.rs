//! The single writer: applies write commands in the order they arrive, one
//! atomic sled batch per command (records, indexes, change-log entry and the
//! revision counter together), and acknowledges a whole group of commands
//! after one flush (group commit). It owns the revision counter, so revisions
//! are dense and ordered. It must not run extraction or anything slow: the
//! callers prepare everything before sending.

use super::changes;
use super::compact::{self, CompactTarget, Compaction, Layout};
use super::delete;
use super::error::StoreResult;
use super::ingest;
use super::keys;
use super::records;
use super::replace::{self, PublishedDate};
use super::space::{self, DiskState};
use super::{PreparedIngest, SharedDb};
use crate::proto::v1::{
    Article, Change, ChangeKind, ChangeSet, DeleteArticleResponse, Extraction,
    IngestArticleResponse, change,
};
use std::sync::Arc;
use tokio::sync::{mpsc, oneshot, watch};

/// At most this many commands share one flush...
const MAX_GROUP: usize = 256;
/// ...and a group stops taking commands once their text and extractions
/// pass this many bytes, so one flush (and the wait of the group's first
/// caller) stays bounded when articles are large.
const MAX_GROUP_BYTES: usize = 16 * 1024 * 1024;

/// The bytes a command brings to its group: raw text and extraction.
fn command_bytes(command: &WriteCommand) -> usize {
    match command {
        WriteCommand::Ingest { ingest, .. } => {
            ingest.raw_text.len() + prost::Message::encoded_len(&ingest.extraction)
        }
        WriteCommand::Replace { extraction, .. } => {
            prost::Message::encoded_len(extraction.as_ref())
        }
        _ => 0,
    }
}

/// Whether a group of `count` commands holding `bytes` takes no more.
fn group_is_full(count: usize, bytes: usize) -> bool {
    count >= MAX_GROUP || bytes >= MAX_GROUP_BYTES
}

/// Work run on the writer thread between groups, given the durable revision.
pub type ExclusiveJob = Box<dyn FnOnce(&sled::Db, u64) + Send>;

pub enum WriteCommand {
    Ingest {
        ingest: Box<PreparedIngest>,
        reply: oneshot::Sender<StoreResult<IngestArticleResponse>>,
    },
    Delete {
        article_id: String,
        reply: oneshot::Sender<StoreResult<DeleteArticleResponse>>,
    },
    Replace {
        extraction: Box<Extraction>,
        reply: oneshot::Sender<StoreResult<Option<u64>>>,
    },
    Compact {
        target: CompactTarget,
        reply: oneshot::Sender<StoreResult<Compaction>>,
    },
    Shutdown {
        reply: oneshot::Sender<StoreResult<()>>,
    },
    /// Runs on the writer thread once its group is flushed and answered,
    /// with the durable revision: nothing writes meanwhile (backups).
    Exclusive { job: ExclusiveJob },
}

/// A reply held back until the group it belongs to is flushed.
enum PendingReply {
    Ingest(
        oneshot::Sender<StoreResult<IngestArticleResponse>>,
        Box<StoreResult<IngestArticleResponse>>,
    ),
    Delete(
        oneshot::Sender<StoreResult<DeleteArticleResponse>>,
        StoreResult<DeleteArticleResponse>,
    ),
    Replace(
        oneshot::Sender<StoreResult<Option<u64>>>,
        StoreResult<Option<u64>>,
    ),
    Compact(
        oneshot::Sender<StoreResult<Compaction>>,
        StoreResult<Compaction>,
    ),
    Shutdown(oneshot::Sender<StoreResult<()>>),
}

impl PendingReply {
    fn send(self, flush: &StoreResult<()>) {
        // A caller that went away no longer needs its answer: ignore send errors.
        match self {
            PendingReply::Ingest(reply, result) => {
                let _ = reply.send(flush.clone().and(*result));
            }
            PendingReply::Delete(reply, result) => {
                let _ = reply.send(flush.clone().and(result));
            }
            PendingReply::Replace(reply, result) => {
                let _ = reply.send(flush.clone().and(result));
            }
            PendingReply::Compact(reply, result) => {
                let _ = reply.send(flush.clone().and(result));
            }
            PendingReply::Shutdown(reply) => {
                let _ = reply.send(flush.clone());
            }
        }
    }
}

/// The writer thread's state: the engine it writes to (replaced when a
/// compaction rewrites the store), where the files live, and the revision.
pub struct Writer {
    pub engine: Arc<SharedDb>,
    pub db: Arc<sled::Db>,
    pub layout: Layout,
    pub durable: watch::Sender<u64>,
    pub revision: u64,
    pub disk: Arc<DiskState>,
    pub commits: super::CommitMetrics,
}

impl Writer {
    pub fn run(mut self, mut commands: mpsc::Receiver<WriteCommand>) {
        while let Some(first) = commands.blocking_recv() {
            let stopping = self.apply_group(first, &mut commands);
            self.layout.remove_retired();
            if stopping {
                commands.close();
                break;
            }
        }
        tracing::debug!(revision = self.revision, "writer stopped");
    }

    /// Applies `first` and the commands queued behind it, flushes once and
    /// answers them. Returns whether a shutdown was among them.
    fn apply_group(
        &mut self,
        first: WriteCommand,
        commands: &mut mpsc::Receiver<WriteCommand>,
    ) -> bool {
        let db = self.db.clone();
        let disk = self.disk.clone();
        let revision = &mut self.revision;
        let mut group_bytes = command_bytes(&first);
        let mut group = vec![first];
        while !group_is_full(group.len(), group_bytes) {
            match commands.try_recv() {
                Ok(command) => {
                    group_bytes = group_bytes.saturating_add(command_bytes(&command));
                    group.push(command);
                }
                Err(_) => break,
            }
        }
        let group_size = group.len();
        let mut replies = Vec::with_capacity(group_size);
        let mut stopping = false;
        let mut compactions = Vec::new();
        let mut budget = disk.budget();
        let mut exclusive = Vec::new();
        for command in group {
            // A write the disk cannot take is refused before it touches sled.
            if let Err(error) = budget.admit(&command) {
                space::refuse(command, error);
                continue;
            }
            match command {
                WriteCommand::Ingest { ingest, reply } => {
                    let result = ingest::apply_ingest(&db, revision, *ingest);
                    replies.push(PendingReply::Ingest(reply, Box::new(result)));
                }
                WriteCommand::Delete { article_id, reply } => {
                    let result = delete::apply(&db, revision, &article_id);
                    replies.push(PendingReply::Delete(reply, result));
                }
                WriteCommand::Replace { extraction, reply } => {
                    let result = replace::apply(&db, revision, *extraction, PublishedDate::Keep);
                    replies.push(PendingReply::Replace(reply, result));
                }
                // Compactions run after the group is durable (a rewrite
                // must copy committed data only).
                WriteCommand::Compact { target, reply } => compactions.push((target, reply)),
                WriteCommand::Exclusive { job } => exclusive.push(job),
                WriteCommand::Shutdown { reply } => {
                    replies.push(PendingReply::Shutdown(reply));
                    stopping = true;
                }
            }
        }
        let revision = *revision;
        let flush_started = std::time::Instant::now();
        let flushed = db.flush().map(|_| ());
        self.commits.record(group_size, flush_started.elapsed());
        let flush = disk.after_flush(flushed, revision, *self.durable.borrow());
        match &flush {
            Ok(()) => {
                self.durable.send_replace(revision);
                tracing::debug!(group_size, revision, "group committed");
            }
            Err(error) => tracing::error!(%error, revision, "flush failed"),
        }
        for (target, reply) in compactions {
            let result = flush.clone().and_then(|()| self.compact(target));
            replies.push(PendingReply::Compact(reply, result));
        }
        for reply in replies {
            reply.send(&flush);
        }
        for job in exclusive {
            job(&self.db, *self.durable.borrow());
        }
        stopping
    }

    fn compact(&mut self, target: CompactTarget) -> StoreResult<Compaction> {
        let now = jiff::Timestamp::now().as_second();
        let mut compaction = compact::compact_log(&self.db, self.revision, target, now)?;
        if compaction.erase_needed {
            // The rewrite copies every live key: it needs room for a copy.
            self.disk.check_room(self.db.size_on_disk()?)?;
            let fresh = self.layout.rewrite(&self.db)?;
            let retired = self.engine.replace(fresh);
            self.db = self.engine.get();
            self.layout.retire(retired);
            compaction.rewritten = true;
        }
        Ok(compaction)
    }
}

pub(super) fn now() -> pbjson_types::Timestamp {
    let now = jiff::Timestamp::now();
    pbjson_types::Timestamp {
        seconds: now.as_second(),
        nanos: now.subsec_nanosecond(),
    }
}

/// Adds the log entry and the new revision to `batch` and applies it.
pub(super) fn commit(
    db: &sled::Db,
    mut batch: sled::Batch,
    changes: Vec<Change>,
    revision: u64,
) -> StoreResult<()> {
    let change_set = ChangeSet {
        revision,
        committed_at: Some(now()),
        changes,
        continued: false,
    };
    changes::stage_deletions(&mut batch, &change_set.changes, revision);
    let stored = changes::to_stored(change_set);
    batch.insert(keys::change_log(revision), records::encode(&stored));
    batch.insert(keys::META_REVISION, &revision.to_be_bytes());
    db.apply_batch(batch)?;
    Ok(())
}

pub(super) fn created(resource: change::Resource) -> Change {
    Change {
        kind: ChangeKind::Created as i32,
        resource: Some(resource),
    }
}

pub(super) fn updated(article: Article) -> Change {
    Change {
        kind: ChangeKind::Updated as i32,
        resource: Some(change::Resource::Article(article)),
    }
}

pub(super) fn deleted(resource: change::Resource) -> Change {
    Change {
        kind: ChangeKind::Deleted as i32,
        resource: Some(resource),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_group_is_bounded_by_count_and_by_bytes() {
        let cases = [
            (1, 0, false),
            (255, MAX_GROUP_BYTES - 1, false),
            (256, 0, true),
            (2, MAX_GROUP_BYTES, true),
            (1, usize::MAX, true),
        ];
        for (count, bytes, full) in cases {
            assert_eq!(
                group_is_full(count, bytes),
                full,
                "{count} commands, {bytes} bytes"
            );
        }
    }
}
