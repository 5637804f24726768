//! The storage interface: everything the service, the subscription tasks,
//! health, the metrics endpoint and re-extraction need from a document
//! store, as one trait, `DocumentStorage`, that names no storage engine and
//! no gRPC type. The sled store (`crate::store`) implements it in
//! `sled_backend`; another backend (PostgreSQL, for deployments that
//! outgrow one machine) implements the same trait and passes the same
//! contract tests (`tests/storage_contract.rs`).
//!
//! This module only declares the interface and re-exports the types it
//! speaks in; it must not hold storage logic, and it must not name sled or
//! tonic. The request and answer types are the generated protobuf types;
//! the few store types below (`PreparedIngest`, `Page`, `CompactTarget`,
//! `Compaction`, `BackupSummary`, `CommitMetrics`, `StoreError`) are plain
//! data defined beside the sled store and engine-neutral.

mod sled_backend;

pub use crate::store::{
    BackupSummary, CommitMetrics, CompactTarget, Compaction, EngineFailure, Page, PreparedIngest,
    StoreError, StoreResult,
};

use crate::proto::v1::{
    Article, ArticleFilter, ChangeSet, DeleteArticleResponse, Extraction, IngestArticleResponse,
    Milestone, MilestoneFilter, Statement, StatementFilter,
};
use tokio::sync::watch;

/// A document store as the service sees it.
///
/// Reads are blocking calls: callers in async code run them on the blocking
/// pool (the service does, for every read). Writes are async and resolve
/// once the write is durable. Errors are `StoreError`, which says what went
/// wrong in store terms; the service maps it to a gRPC status.
///
/// Guarantees every backend keeps (checked by the contract tests): every
/// committed write takes the next revision; the change log holds one change
/// set per revision above the compaction floor; a revision is visible to
/// reads of the log and to `watch_revision` only once it is durable; an
/// ingest of the same text, url or request id answers the earlier outcome
/// with `created == false`.
#[async_trait::async_trait]
pub trait DocumentStorage: std::fmt::Debug + Send + Sync + 'static {
    /// Stores an extracted article unless the same text, url or request id
    /// was stored before, in which case the earlier result is returned with
    /// `created == false` (for a request id, the first answer unchanged).
    async fn ingest(&self, ingest: PreparedIngest) -> StoreResult<IngestArticleResponse>;

    /// The answer to `request_id` if that request was seen (its outcome as
    /// first given, with the records as stored now). Lets the service answer
    /// a retried request without extracting the text again.
    fn replayed_answer(&self, request_id: &str) -> StoreResult<Option<IngestArticleResponse>>;

    /// Deletes an article with its statements, milestones and the articles
    /// split off it, in one revision. `NotFound` when there is no such
    /// article.
    async fn delete_article(&self, article_id: &str) -> StoreResult<DeleteArticleResponse>;

    /// Replaces the extracted parts of a stored article (and of the articles
    /// split off it) with a new extraction of the same text, keeping the
    /// caller's metadata. The new revision, or `None` when nothing changed.
    async fn replace_extraction(&self, extraction: Extraction) -> StoreResult<Option<u64>>;

    /// `NotFound` when there is no such article.
    fn get_article(&self, id: &str) -> StoreResult<Article>;

    /// `NotFound` when there is no such statement.
    fn get_statement(&self, id: &str) -> StoreResult<Statement>;

    /// `NotFound` when there is no such milestone.
    fn get_milestone(&self, id: &str) -> StoreResult<Milestone>;

    /// One page of the articles `filter` selects, newest published first.
    /// `page_token` is empty or a token of an earlier page of the same
    /// filter (`InvalidPageToken` otherwise).
    fn list_articles(
        &self,
        filter: &ArticleFilter,
        page_size: usize,
        page_token: &str,
    ) -> StoreResult<Page<Article>>;

    /// One page of the statements `filter` selects; `speaker_key` is the
    /// folded form of `filter.speaker` (`crate::extract::speaker_key`).
    fn list_statements(
        &self,
        filter: &StatementFilter,
        speaker_key: &str,
        page_size: usize,
        page_token: &str,
    ) -> StoreResult<Page<Statement>>;

    /// One page of the milestones `filter` selects, earliest first.
    fn list_milestones(
        &self,
        filter: &MilestoneFilter,
        page_size: usize,
        page_token: &str,
    ) -> StoreResult<Page<Milestone>>;

    /// The text an article was ingested from; `None` for an article split
    /// off another one (its text is part of its host's).
    fn raw_text(&self, article_id: &str) -> StoreResult<Option<String>>;

    /// The ids of every stored article, in id order.
    fn article_ids(&self) -> StoreResult<Vec<String>>;

    /// Committed change sets with a revision greater than `after`, in
    /// revision order without gaps, at most `limit` of them and, past the
    /// first, at most about `max_bytes` of encoded change sets; never beyond
    /// the durable revision. `Compacted` below the log floor,
    /// `RevisionOutOfRange` beyond the durable revision.
    fn read_changes(
        &self,
        after: u64,
        limit: usize,
        max_bytes: usize,
    ) -> StoreResult<Vec<ChangeSet>>;

    /// The last revision that is committed and durable.
    fn revision(&self) -> u64;

    /// Changes whenever a new revision becomes durable; closed when the
    /// store shuts down.
    fn watch_revision(&self) -> watch::Receiver<u64>;

    /// The oldest revision whose change set is still in the log (1 when
    /// nothing was compacted).
    fn oldest_available_revision(&self) -> StoreResult<u64>;

    /// `true` while the store can write; drives gRPC health.
    fn watch_writable(&self) -> watch::Receiver<bool>;

    /// Removes change-log entries up to the target (and whatever else only
    /// they kept). Not a revision: no data changes.
    async fn compact(&self, target: CompactTarget) -> StoreResult<Compaction>;

    /// A consistent copy of the whole store at one durable revision, in the
    /// backup format `khabar restore` reads. An optional capability: a
    /// backend without it answers `Unsupported` (UNIMPLEMENTED to clients).
    async fn backup(&self) -> StoreResult<Box<dyn BackupReader>> {
        Err(StoreError::Unsupported {
            operation: "an online backup",
        })
    }

    /// The bytes the backend's data takes on disk, sampled for metrics.
    fn size_on_disk(&self) -> StoreResult<u64>;

    /// Histograms of commit group sizes and flush times, registered by the
    /// metrics endpoint. A backend that does not group commits returns
    /// histograms it never records into.
    fn commit_metrics(&self) -> CommitMetrics;

    /// Makes every acknowledged write durable and stops accepting writes
    /// (later writes fail with `ShuttingDown`; reads keep working). Calling
    /// it again is harmless.
    async fn shutdown(&self) -> StoreResult<()>;
}

/// A backup being read: what it holds, and its bytes in chunks. Whatever
/// the backup occupies is released when the reader is dropped.
pub trait BackupReader: Send {
    fn summary(&self) -> BackupSummary;

    /// The next chunk, `None` at the end. Blocking: run it on the blocking
    /// pool.
    fn next_chunk(&mut self) -> StoreResult<Option<Vec<u8>>>;
}
