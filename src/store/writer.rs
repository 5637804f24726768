//! The single writer: applies write commands in the order they arrive, one
//! atomic sled batch per command (records, indexes, change-log entry and the
//! revision counter together), and acknowledges a whole group of commands
//! after one flush (group commit). It owns the revision counter, so revisions
//! are dense and ordered. It must not run extraction or anything slow: the
//! callers prepare everything before sending.

use super::PreparedIngest;
use super::error::{StoreError, StoreResult};
use super::keys;
use super::records;
use super::replace;
use super::space::{self, DiskState};
use crate::proto::v1::{
    Article, Change, ChangeKind, ChangeSet, DeleteArticleResponse, Extraction,
    IngestArticleResponse, change,
};
use prost::Message;
use tokio::sync::{mpsc, oneshot, watch};

/// At most this many commands share one flush.
const MAX_GROUP: usize = 256;

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
            PendingReply::Shutdown(reply) => {
                let _ = reply.send(flush.clone());
            }
        }
    }
}

pub fn run(
    db: sled::Db,
    mut commands: mpsc::Receiver<WriteCommand>,
    durable: watch::Sender<u64>,
    mut revision: u64,
    disk: std::sync::Arc<DiskState>,
) {
    while let Some(first) = commands.blocking_recv() {
        let mut group = vec![first];
        while group.len() < MAX_GROUP {
            match commands.try_recv() {
                Ok(command) => group.push(command),
                Err(_) => break,
            }
        }
        let group_size = group.len();
        let mut replies = Vec::with_capacity(group_size);
        let mut stopping = false;
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
                    let result = apply_ingest(&db, &mut revision, *ingest);
                    replies.push(PendingReply::Ingest(reply, Box::new(result)));
                }
                WriteCommand::Delete { article_id, reply } => {
                    let result = apply_delete(&db, &mut revision, &article_id);
                    replies.push(PendingReply::Delete(reply, result));
                }
                WriteCommand::Replace { extraction, reply } => {
                    let result = replace::apply(&db, &mut revision, *extraction);
                    replies.push(PendingReply::Replace(reply, result));
                }
                WriteCommand::Exclusive { job } => exclusive.push(job),
                WriteCommand::Shutdown { reply } => {
                    replies.push(PendingReply::Shutdown(reply));
                    stopping = true;
                }
            }
        }
        let flush = disk.after_flush(db.flush().map(|_| ()), revision, *durable.borrow());
        match &flush {
            Ok(()) => {
                durable.send_replace(revision);
                tracing::debug!(group_size, revision, "group committed");
            }
            Err(error) => tracing::error!(%error, revision, "flush failed"),
        }
        for reply in replies {
            reply.send(&flush);
        }
        for job in exclusive {
            job(&db, *durable.borrow());
        }
        if stopping {
            commands.close();
            break;
        }
    }
    tracing::debug!(revision, "writer stopped");
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
    if let Some(key) = &request_key
        && let Some(bytes) = db.get(key)?
    {
        return records::decode(key, &bytes);
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
        let response = stored_response(db, &existing_id, *revision)?;
        if let Some(key) = request_key {
            db.insert(key, response.encode_to_vec())?;
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
        ingest.raw_text.as_bytes(),
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
    };
    if let Some(key) = request_key {
        batch.insert(key, response.encode_to_vec());
    }
    commit(db, batch, changes, next)?;
    *revision = next;
    Ok(response)
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
    };
    batch.insert(keys::change_log(revision), change_set.encode_to_vec());
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
        article.encode_to_vec(),
    );
    if !article.url.is_empty() {
        batch.insert(keys::record(keys::URL, &article.url), article.id.as_bytes());
    }
    for key in keys::article_index_keys(&article) {
        batch.insert(key, article.id.as_bytes());
    }
    changes.push(created(change::Resource::Article(article.clone())));
    for statement in &extraction.statements {
        batch.insert(
            keys::record(keys::STATEMENT, &statement.id),
            statement.encode_to_vec(),
        );
        for key in keys::statement_index_keys(&article, statement) {
            batch.insert(key, statement.id.as_bytes());
        }
        changes.push(created(change::Resource::Statement(statement.clone())));
    }
    for milestone in &extraction.milestones {
        batch.insert(
            keys::record(keys::MILESTONE, &milestone.id),
            milestone.encode_to_vec(),
        );
        for key in keys::milestone_index_keys(&article, milestone) {
            batch.insert(key, milestone.id.as_bytes());
        }
        changes.push(created(change::Resource::Milestone(milestone.clone())));
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
    })
}

fn apply_delete(
    db: &sled::Db,
    revision: &mut u64,
    article_id: &str,
) -> StoreResult<DeleteArticleResponse> {
    let mut host = stored_extraction(db, article_id)?;
    let related = std::mem::take(&mut host.related);
    let next = *revision + 1;
    let mut batch = sled::Batch::default();
    let mut changes = Vec::new();
    let mut response = DeleteArticleResponse {
        revision: next,
        ..DeleteArticleResponse::default()
    };
    for extraction in std::iter::once(host).chain(related) {
        let Some(article) = extraction.article else {
            continue;
        };
        for statement in extraction.statements {
            batch.remove(keys::record(keys::STATEMENT, &statement.id));
            for key in keys::statement_index_keys(&article, &statement) {
                batch.remove(key);
            }
            response.deleted_statements += 1;
            changes.push(deleted(change::Resource::Statement(statement)));
        }
        for milestone in extraction.milestones {
            batch.remove(keys::record(keys::MILESTONE, &milestone.id));
            for key in keys::milestone_index_keys(&article, &milestone) {
                batch.remove(key);
            }
            response.deleted_milestones += 1;
            changes.push(deleted(change::Resource::Milestone(milestone)));
        }
        batch.remove(keys::record(keys::ARTICLE, &article.id));
        batch.remove(keys::record(keys::RAW_TEXT, &article.id));
        for key in keys::article_index_keys(&article) {
            batch.remove(key);
        }
        if !article.url.is_empty() {
            let url_key = keys::record(keys::URL, &article.url);
            if db.get(&url_key)?.as_deref() == Some(article.id.as_bytes()) {
                batch.remove(url_key);
            }
        }
        response.deleted_article_ids.push(article.id.clone());
        changes.push(deleted(change::Resource::Article(article)));
    }
    commit(db, batch, changes, next)?;
    *revision = next;
    Ok(response)
}
