//! The embedded document store: articles, statements, milestones, their
//! secondary indexes and the change log, all in one sled tree.
//!
//! Writes go through a single writer thread (see `writer`) that applies each
//! change as one atomic batch and acknowledges a group of them after a single
//! flush, so an acknowledged write survives a crash. Reads go straight to sled.
//! The store knows nothing of gRPC or of the extraction rules: it stores the
//! generated protobuf types it is given and answers queries over them.

mod backup;
mod ballast;
mod changes;
mod check;
mod compact;
mod delete;
mod error;
mod format;
mod generations;
mod ingest;
mod keys;
mod metrics;
mod open;
mod pages;
mod query;
mod records;
mod replace;
mod space;
mod state_file;
mod values;
mod writer;

pub use backup::{BackupFile, BackupSummary, restore_backup, verify_backup};
pub use ballast::BALLAST_FILE_NAME;
pub use check::{CheckReport, check_directory};
pub use compact::{CompactTarget, Compaction};
pub use error::{StoreError, StoreResult};
pub use format::STORE_FORMAT;
pub use metrics::CommitMetrics;
pub use open::{StoreOptions, prepare_next_open};
pub use pages::Page;
pub use space::{DEFAULT_MIN_FREE_BYTES, FreeSpaceReserve, MIN_FREE_BYTES_FLOOR, available_bytes};
pub use state_file::STATE_FILE_NAME;

use crate::proto::v1::{
    Article, ChangeSet, DeleteArticleResponse, Extraction, IngestArticleResponse, Milestone,
    Statement,
};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, RwLock};
use std::thread::JoinHandle;
use tokio::sync::{mpsc, oneshot, watch};

/// How many write commands the writer accepts before callers wait.
const WRITE_QUEUE_DEPTH: usize = 1024;

/// An article ready to be stored: the extraction plus what only the request
/// knows. The article inside carries url, labels and ingest time already.
#[derive(Debug, Clone)]
pub struct PreparedIngest {
    pub extraction: Extraction,
    /// The text as the caller sent it, kept so the article can be extracted
    /// again by a newer engine.
    pub raw_text: String,
    /// Empty when the caller gave none.
    pub request_id: String,
}

/// The storage engine handle in use. A rewrite (see `generations`) swaps in
/// a new one; readers take a clone per call, so the old engine closes when
/// the last reader in flight lets go of it.
#[derive(Debug)]
pub(crate) struct SharedDb(RwLock<Arc<sled::Db>>);

impl SharedDb {
    fn new(db: sled::Db) -> Self {
        SharedDb(RwLock::new(Arc::new(db)))
    }

    pub(crate) fn get(&self) -> Arc<sled::Db> {
        match self.0.read() {
            Ok(current) => current.clone(),
            Err(poisoned) => poisoned.into_inner().clone(),
        }
    }

    /// Installs `db` and returns the handle it replaces.
    pub(crate) fn replace(&self, db: sled::Db) -> Arc<sled::Db> {
        let mut current = match self.0.write() {
            Ok(current) => current,
            Err(poisoned) => poisoned.into_inner(),
        };
        std::mem::replace(&mut *current, Arc::new(db))
    }
}

pub struct Store {
    engine: Arc<SharedDb>,
    data_dir: PathBuf,
    commands: mpsc::Sender<writer::WriteCommand>,
    durable_revision: watch::Receiver<u64>,
    writer_thread: Mutex<Option<JoinHandle<()>>>,
    /// Free space, write failures and the writable flag.
    disk: std::sync::Arc<space::DiskState>,
    /// Re-reads the free space until the store shuts down.
    monitor: Mutex<Option<space::Monitor>>,
    /// Commit group sizes and flush times, recorded by the writer.
    commits: CommitMetrics,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter
            .debug_struct("Store")
            .field("revision", &*self.durable_revision.borrow())
            .finish_non_exhaustive()
    }
}

impl Store {
    /// Opens (or creates) the store in `directory` and starts its writer.
    /// Revisions continue from the last one committed there. Damaged files
    /// give `StoreError::Damaged`, never a panic (see `open`).
    pub fn open(directory: &Path) -> StoreResult<Store> {
        Store::open_with(directory, StoreOptions::default())
    }

    pub fn open_with(directory: &Path, options: StoreOptions) -> StoreResult<Store> {
        open::open(directory, options)
    }

    /// A consistent copy of the whole store at its durable revision, written
    /// by the writer between two groups to a file in the data directory
    /// that is removed when the returned handle is dropped.
    pub async fn backup(&self) -> StoreResult<BackupFile> {
        backup::take(self).await
    }

    /// `true` while the store can write; `false` while free space is below
    /// the reserve or after a failed write. Drives gRPC health.
    pub fn watch_writable(&self) -> watch::Receiver<bool> {
        self.disk.watch_writable()
    }

    fn db(&self) -> Arc<sled::Db> {
        self.engine.get()
    }

    /// The writer's commit group sizes and flush times (shared handles).
    pub fn commit_metrics(&self) -> CommitMetrics {
        self.commits.clone()
    }

    /// The bytes sled's files take on disk.
    pub fn size_on_disk(&self) -> StoreResult<u64> {
        Ok(self.db().size_on_disk()?)
    }

    /// The data directory this store was opened on.
    pub fn data_dir(&self) -> &Path {
        &self.data_dir
    }

    /// Removes change-log entries (and request-replay entries) up to the
    /// target, and rewrites the store files when that drops the last trace
    /// of a deleted article. Not a revision: no data changes.
    pub async fn compact(&self, target: CompactTarget) -> StoreResult<Compaction> {
        let (reply, answer) = oneshot::channel();
        self.send(writer::WriteCommand::Compact { target, reply })
            .await?;
        answer.await.map_err(|_| StoreError::ShuttingDown)?
    }

    /// The oldest revision whose change set is still in the log (1 when
    /// nothing was compacted).
    pub fn oldest_available_revision(&self) -> StoreResult<u64> {
        Ok(records::read_counter(&self.db(), keys::META_LOG_FLOOR)?.saturating_add(1))
    }

    /// The last revision that is committed and durable.
    pub fn revision(&self) -> u64 {
        *self.durable_revision.borrow()
    }

    /// A receiver that changes whenever a new revision becomes durable.
    pub fn watch_revision(&self) -> watch::Receiver<u64> {
        self.durable_revision.clone()
    }

    /// Stores an extracted article unless the same text, url or request id
    /// was stored before, in which case the earlier result is returned with
    /// `created == false` (or, for a request id, the first answer unchanged).
    pub async fn ingest(&self, ingest: PreparedIngest) -> StoreResult<IngestArticleResponse> {
        let (reply, answer) = oneshot::channel();
        self.send(writer::WriteCommand::Ingest {
            ingest: Box::new(ingest),
            reply,
        })
        .await?;
        answer.await.map_err(|_| StoreError::ShuttingDown)?
    }

    /// Deletes an article with its statements, milestones and the articles
    /// split off it, in one revision.
    pub async fn delete_article(&self, article_id: &str) -> StoreResult<DeleteArticleResponse> {
        let (reply, answer) = oneshot::channel();
        let article_id = article_id.to_string();
        self.send(writer::WriteCommand::Delete { article_id, reply })
            .await?;
        answer.await.map_err(|_| StoreError::ShuttingDown)?
    }

    /// Replaces the extracted parts of a stored article (and of the articles
    /// split off it) with a new extraction of the same text, keeping the
    /// caller's metadata. Returns the revision, or `None` when nothing
    /// changed.
    pub async fn replace_extraction(&self, extraction: Extraction) -> StoreResult<Option<u64>> {
        let (reply, answer) = oneshot::channel();
        let extraction = Box::new(extraction);
        self.send(writer::WriteCommand::Replace { extraction, reply })
            .await?;
        answer.await.map_err(|_| StoreError::ShuttingDown)?
    }

    /// The text an article was ingested from; `None` for articles split off
    /// another one, whose text is part of their host's.
    pub fn raw_text(&self, article_id: &str) -> StoreResult<Option<String>> {
        let key = keys::record(keys::RAW_TEXT, article_id);
        match self.db().get(&key)? {
            Some(stored) => String::from_utf8(values::unpack(&key, &stored)?.into_owned())
                .map(Some)
                .map_err(|error| StoreError::corrupt(&key, error)),
            None => Ok(None),
        }
    }

    /// The ids of every stored article, in id order.
    pub fn article_ids(&self) -> StoreResult<Vec<String>> {
        let mut ids = Vec::new();
        for entry in self.db().scan_prefix(keys::ARTICLE) {
            let (key, _) = entry?;
            let id = std::str::from_utf8(&key[keys::ARTICLE.len()..])
                .map_err(|error| StoreError::corrupt(&key, error))?;
            ids.push(id.to_string());
        }
        Ok(ids)
    }

    /// Flushes everything and stops the writer. Later writes fail with
    /// `ShuttingDown`; reads keep working.
    pub async fn shutdown(&self) -> StoreResult<()> {
        let (reply, answer) = oneshot::channel();
        let mut writer_outcome = Ok(());
        if self
            .commands
            .send(writer::WriteCommand::Shutdown { reply })
            .await
            .is_ok()
        {
            writer_outcome = answer.await.map_err(|_| StoreError::ShuttingDown)?;
        }
        let handle = self
            .writer_thread
            .lock()
            .map_err(|_| StoreError::ShuttingDown)?
            .take();
        if let Some(handle) = handle {
            let _ = tokio::task::spawn_blocking(move || handle.join()).await;
        }
        drop(
            self.monitor
                .lock()
                .ok()
                .and_then(|mut monitor| monitor.take()),
        );
        if let Some(failure) = self.disk.failed_write() {
            tracing::error!(
                revision = self.revision(),
                "store closed read-only after a failed write: revisions up to this one are durable; \
                 writes after it were refused or lost"
            );
            return Err(failure);
        }
        writer_outcome?;
        self.db().flush_async().await?;
        self.disk.record_state(self.revision());
        tracing::info!(
            revision = self.revision(),
            "store closed: every acknowledged write is durable"
        );
        Ok(())
    }

    async fn send(&self, command: writer::WriteCommand) -> StoreResult<()> {
        self.commands
            .send(command)
            .await
            .map_err(|_| StoreError::ShuttingDown)
    }

    /// The answer to `request_id`, if that request was seen: its outcome as
    /// first given (created, updated, revision) with the article, statements
    /// and milestones as stored now (only the article id if it was deleted
    /// since).
    pub fn replayed_answer(&self, request_id: &str) -> StoreResult<Option<IngestArticleResponse>> {
        ingest::replayed_answer(&self.db(), request_id)
    }

    pub fn get_article(&self, id: &str) -> StoreResult<Article> {
        records::load::<Article>(&self.db(), keys::ARTICLE, id)?.ok_or_else(|| {
            StoreError::NotFound {
                kind: "article",
                id: id.to_string(),
            }
        })
    }

    pub fn get_statement(&self, id: &str) -> StoreResult<Statement> {
        records::load::<Statement>(&self.db(), keys::STATEMENT, id)?.ok_or_else(|| {
            StoreError::NotFound {
                kind: "statement",
                id: id.to_string(),
            }
        })
    }

    pub fn get_milestone(&self, id: &str) -> StoreResult<Milestone> {
        records::load::<Milestone>(&self.db(), keys::MILESTONE, id)?.ok_or_else(|| {
            StoreError::NotFound {
                kind: "milestone",
                id: id.to_string(),
            }
        })
    }

    /// Committed change sets with a revision greater than `after`, at most
    /// `limit` of them and, past the first, at most about `max_bytes` of
    /// encoded change sets; never beyond the durable revision.
    pub fn read_changes(
        &self,
        after: u64,
        limit: usize,
        max_bytes: usize,
    ) -> StoreResult<Vec<ChangeSet>> {
        let durable = self.revision();
        let db = self.db();
        let floor = records::read_counter(&db, keys::META_LOG_FLOOR)?;
        if after < floor {
            return Err(StoreError::Compacted {
                requested: after,
                oldest_available: floor.saturating_add(1),
            });
        }
        if after > durable {
            return Err(StoreError::RevisionOutOfRange {
                requested: after,
                current: durable,
            });
        }
        let start = keys::change_log(after.saturating_add(1));
        let end = keys::change_log(durable);
        let mut change_sets = Vec::new();
        if after == durable {
            return Ok(change_sets);
        }
        // Counted after resolution: the stored entries are references,
        // what the caller holds is the full change sets.
        let mut bytes = 0usize;
        for entry in db.range(start..=end).take(limit) {
            let (key, value) = entry?;
            let stored = records::decode::<ChangeSet>(&key, &value)?;
            let change_set = changes::resolve(&db, stored)?;
            bytes = bytes.saturating_add(prost::Message::encoded_len(&change_set));
            if bytes > max_bytes && !change_sets.is_empty() {
                break;
            }
            change_sets.push(change_set);
        }
        Ok(change_sets)
    }
}

/// The kind of an engine failure, without naming the engine.
pub use error::EngineFailure;
