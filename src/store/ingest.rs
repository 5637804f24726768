//! Storing a new article: de-duplication by content id, url and request
//! id, request replay, a caller's new publication date, and staging an
//! extraction (with the "read also" articles split off it) into the
//! writer's batch. Runs on the writer thread only; the writer decides when
//! the batch is applied and flushed.

use super::PreparedIngest;
use super::changes;
use super::error::{StoreError, StoreResult};
use super::keys;
use super::records;
use super::replace::{self, PublishedDate};
use super::values;
use super::writer::{commit, created};
use crate::proto::v1::{Article, Change, Extraction, IngestArticleResponse, PublishedAtSource};

pub(super) fn apply_ingest(
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
