//! The single writer: applies write commands in the order they arrive, one
//! atomic sled batch per command (records, indexes, change-log entry and the
//! revision counter together), and acknowledges a whole group of commands
//! after one flush (group commit). It owns the revision counter, so revisions
//! are dense and ordered. It must not run extraction or anything slow: the
//! callers prepare everything before sending.

use super::changes;
use super::compact::{self, CompactTarget, Compaction, Layout};
use super::delete;
use super::error::{StoreError, StoreResult};
use super::keys;
use super::records;
use super::replace::{self, PublishedDate};
use super::space::{self, DiskState};
use super::values;
use super::{PreparedIngest, SharedDb};
use crate::proto::v1::{
    Article, Change, ChangeKind, ChangeSet, DeleteArticleResponse, Extraction,
    IngestArticleResponse, PublishedAtSource, change,
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
                    let result = apply_ingest(&db, revision, *ingest);
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

fn apply_ingest(
    db: &sled::Db,
    revision: &mut u64,
    ingest: PreparedIngest,
) -> StoreResult<IngestArticleResponse> {
    let request_key =
        (!ingest.request_id.is_empty()).then(|| keys::record(keys::REQUEST, &ingest.request_id));
    if request_key.is_some()
        && let Some(answer) = replayed_answer(db, &ingest.request_id)?
    {
        return Ok(answer);
    }
    let article = ingest.extraction.article.clone().unwrap_or_default();
    let mut existing = db
        .contains_key(keys::record(keys::ARTICLE, &article.id))?
        .then(|| article.id.clone());
    if existing.is_none()
        && !article.url.is_empty()
        && let Some(id) = db.get(keys::record(keys::URL, &article.url))?
    {
        existing = Some(String::from_utf8_lossy(&id).into_owned());
    }
    if let Some(existing_id) = existing {
        let mut response = if existing_id == article.id && takes_new_date(db, &article)? {
            redate(db, revision, ingest.extraction)?
        } else {
            stored_response(db, &existing_id, *revision)?
        };
        response.created = false;
        if let Some(key) = request_key {
            let mut batch = sled::Batch::default();
            stage_request_outcome(&mut batch, key, &ingest.request_id, &response);
            db.apply_batch(batch)?;
        }
        return Ok(response);
    }

    let next = *revision + 1;
    let mut batch = sled::Batch::default();
    let mut changes = Vec::new();
    let mut extraction = ingest.extraction;
    stage_extraction(db, &mut batch, &mut changes, &mut extraction, next)?;
    batch.insert(
        keys::record(keys::RAW_TEXT, &article.id),
        values::pack(ingest.raw_text.as_bytes()),
    );
    let Extraction {
        article,
        statements,
        milestones,
        related,
    } = extraction;
    let response = IngestArticleResponse {
        article,
        statements,
        milestones,
        related,
        revision: next,
        created: true,
        updated: false,
    };
    if let Some(key) = request_key {
        stage_request_outcome(&mut batch, key, &ingest.request_id, &response);
    }
    commit(db, batch, changes, next)?;
    *revision = next;
    Ok(response)
}

/// The answer to a request id seen before: its outcome as first given
/// (created, updated, revision) with the article, statements and milestones
/// as stored now (only the article id if it was deleted since).
pub(super) fn replayed_answer(
    db: &sled::Db,
    request_id: &str,
) -> StoreResult<Option<IngestArticleResponse>> {
    let Some(outcome) = records::load::<IngestArticleResponse>(db, keys::REQUEST, request_id)?
    else {
        return Ok(None);
    };
    let article_id = outcome
        .article
        .as_ref()
        .map(|a| a.id.clone())
        .unwrap_or_default();
    if !db.contains_key(keys::record(keys::ARTICLE, &article_id))? {
        return Ok(Some(outcome));
    }
    let stored = stored_extraction(db, &article_id)?;
    Ok(Some(IngestArticleResponse {
        article: stored.article,
        statements: stored.statements,
        milestones: stored.milestones,
        related: stored.related,
        ..outcome
    }))
}

/// Whether a caller sent stored text with a publication date of its own that
/// differs from the stored one.
fn takes_new_date(db: &sled::Db, fresh: &Article) -> StoreResult<bool> {
    if fresh.published_at_source != PublishedAtSource::Provided as i32 {
        return Ok(false);
    }
    let stored: Option<Article> = records::load(db, keys::ARTICLE, &fresh.id)?;
    Ok(stored.is_some_and(|stored| stored.published_at != fresh.published_at))
}

/// Replaces a stored article's extraction with one made against the
/// caller's new publication date, as an UPDATED revision.
fn redate(
    db: &sled::Db,
    revision: &mut u64,
    fresh: Extraction,
) -> StoreResult<IngestArticleResponse> {
    let article_id = fresh
        .article
        .as_ref()
        .map(|a| a.id.clone())
        .unwrap_or_default();
    let changed = replace::apply(db, revision, fresh, PublishedDate::TakeFresh)?;
    let mut response = stored_response(db, &article_id, *revision)?;
    response.updated = changed.is_some();
    Ok(response)
}

/// Records the outcome of a request id for replay: the outcome and the
/// article id only (the content is read from the records at replay time, so
/// it is not stored twice and goes when the article goes), indexed by
/// revision for compaction.
fn stage_request_outcome(
    batch: &mut sled::Batch,
    key: Vec<u8>,
    request_id: &str,
    response: &IngestArticleResponse,
) {
    let outcome = IngestArticleResponse {
        article: response.article.as_ref().map(|article| Article {
            id: article.id.clone(),
            ..Article::default()
        }),
        revision: response.revision,
        created: response.created,
        updated: response.updated,
        ..IngestArticleResponse::default()
    };
    batch.insert(key, records::encode(&outcome));
    batch.insert(
        keys::by_revision(keys::REQUESTS_BY_REVISION, response.revision, request_id),
        &[],
    );
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

/// Stages an extraction and, recursively, the related articles split off it
/// that are not stored yet. Related articles already stored stay linked.
pub(super) fn stage_extraction(
    db: &sled::Db,
    batch: &mut sled::Batch,
    changes: &mut Vec<Change>,
    extraction: &mut Extraction,
    revision: u64,
) -> StoreResult<()> {
    let mut article = extraction.article.take().unwrap_or_default();
    article.revision = revision;
    batch.insert(
        keys::record(keys::ARTICLE, &article.id),
        records::encode(&article),
    );
    if !article.url.is_empty() {
        batch.insert(keys::record(keys::URL, &article.url), article.id.as_bytes());
    }
    for key in keys::article_index_keys(&article) {
        batch.insert(key, article.id.as_bytes());
    }
    changes.push(created(changes::article_reference(&article.id)));
    for statement in &extraction.statements {
        batch.insert(
            keys::record(keys::STATEMENT, &statement.id),
            records::encode(statement),
        );
        for key in keys::statement_index_keys(&article, statement) {
            batch.insert(key, statement.id.as_bytes());
        }
        changes.push(created(changes::statement_reference(&statement.id)));
    }
    for milestone in &extraction.milestones {
        batch.insert(
            keys::record(keys::MILESTONE, &milestone.id),
            records::encode(milestone),
        );
        for key in keys::milestone_index_keys(&article, milestone) {
            batch.insert(key, milestone.id.as_bytes());
        }
        changes.push(created(changes::milestone_reference(&milestone.id)));
    }
    let mut related_kept = Vec::with_capacity(extraction.related.len());
    for mut related in std::mem::take(&mut extraction.related) {
        let related_id = related.article.as_ref().map(|a| a.id.clone());
        match related_id {
            // A section can never stand for its own host.
            Some(id) if id == article.id => {}
            Some(id) if !db.contains_key(keys::record(keys::ARTICLE, &id))? => {
                if let Some(related_article) = related.article.as_mut() {
                    related_article.embedded_in = article.id.clone();
                }
                stage_extraction(db, batch, changes, &mut related, revision)?;
                related_kept.push(related);
            }
            Some(id) => related_kept.push(stored_extraction(db, &id)?),
            None => {}
        }
    }
    extraction.related = related_kept;
    extraction.article = Some(article);
    Ok(())
}

/// An article as stored, with its statements, milestones and related
/// articles.
pub(super) fn stored_extraction(db: &sled::Db, article_id: &str) -> StoreResult<Extraction> {
    let article: Article =
        records::load(db, keys::ARTICLE, article_id)?.ok_or_else(|| StoreError::NotFound {
            kind: "article",
            id: article_id.to_string(),
        })?;
    let mut related = Vec::new();
    for embedded in records::embedded_articles(db, &article)? {
        if embedded.embedded_in == article.id {
            related.push(Extraction {
                statements: records::statements_of(db, &embedded.id)?,
                milestones: records::milestones_of(db, &embedded.id)?,
                article: Some(embedded),
                related: Vec::new(),
            });
        }
    }
    Ok(Extraction {
        statements: records::statements_of(db, article_id)?,
        milestones: records::milestones_of(db, article_id)?,
        article: Some(article),
        related,
    })
}

fn stored_response(
    db: &sled::Db,
    article_id: &str,
    revision: u64,
) -> StoreResult<IngestArticleResponse> {
    let stored = stored_extraction(db, article_id)?;
    Ok(IngestArticleResponse {
        article: stored.article,
        statements: stored.statements,
        milestones: stored.milestones,
        related: stored.related,
        revision,
        created: false,
        updated: false,
    })
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
