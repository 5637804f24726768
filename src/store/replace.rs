//! Replacing the extraction of a stored article (re-extraction by a newer
//! engine). The caller's metadata stays (url, labels, times, source,
//! language, links); the extracted parts (title, dateline, body, statements,
//! milestones, engine version) are replaced. Statements and milestones that
//! kept their id and content are left alone; the rest are deleted or created,
//! and the article is reported as UPDATED, all in one revision. Runs on the
//! writer thread only.

use super::error::StoreResult;
use super::ingest::{stage_extraction, stored_extraction};
use super::keys;
use super::records;
use super::writer::{commit, created, deleted, updated};
use crate::proto::v1::{Article, Change, Extraction, change};
use std::collections::HashMap;

/// Which publication date a replacement keeps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PublishedDate {
    /// The stored one (re-extraction by a newer engine).
    Keep,
    /// The fresh extraction's (the caller sent the same text with another
    /// publication date).
    TakeFresh,
}

/// The stored article with the freshly extracted parts of `fresh`.
fn merged_article(stored: &Article, fresh: &Article, date: PublishedDate) -> Article {
    let (published_at, published_at_source) = match date {
        PublishedDate::Keep => (stored.published_at, stored.published_at_source),
        PublishedDate::TakeFresh => (fresh.published_at, fresh.published_at_source),
    };
    Article {
        title: fresh.title.clone(),
        dateline: fresh.dateline.clone(),
        body: fresh.body.clone(),
        extractor_version: fresh.extractor_version.clone(),
        published_at,
        published_at_source,
        ..stored.clone()
    }
}

/// Stages the difference between `stored` and `fresh` for one article.
/// Returns whether anything differs.
fn stage_difference(
    batch: &mut sled::Batch,
    changes: &mut Vec<Change>,
    stored: &Extraction,
    fresh: &Extraction,
    embedded_ids: Vec<String>,
    revision: u64,
    date: PublishedDate,
) -> bool {
    let (Some(old_article), Some(fresh_article)) = (&stored.article, &fresh.article) else {
        return false;
    };
    let mut article = merged_article(old_article, fresh_article, date);
    article.embedded_ids = embedded_ids;
    let same_article = article == *old_article;
    let old_statements: HashMap<_, _> = stored.statements.iter().map(|s| (&s.id, s)).collect();
    let new_statements: HashMap<_, _> = fresh.statements.iter().map(|s| (&s.id, s)).collect();
    let old_milestones: HashMap<_, _> = stored.milestones.iter().map(|m| (&m.id, m)).collect();
    let new_milestones: HashMap<_, _> = fresh.milestones.iter().map(|m| (&m.id, m)).collect();
    if same_article && old_statements == new_statements && old_milestones == new_milestones {
        return false;
    }
    article.revision = revision;
    // Index keys carry the publication time: when it moves, every index
    // entry of the article and of what stays unchanged is keyed anew.
    if article.published_at != old_article.published_at {
        for key in keys::article_index_keys(old_article) {
            batch.remove(key);
        }
        for key in keys::article_index_keys(&article) {
            batch.insert(key, article.id.as_bytes());
        }
        for statement in &stored.statements {
            if new_statements.get(&statement.id) == Some(&statement) {
                for key in keys::statement_index_keys(old_article, statement) {
                    batch.remove(key);
                }
                for key in keys::statement_index_keys(&article, statement) {
                    batch.insert(key, statement.id.as_bytes());
                }
            }
        }
        for milestone in &stored.milestones {
            if new_milestones.get(&milestone.id) == Some(&milestone) {
                for key in keys::milestone_index_keys(old_article, milestone) {
                    batch.remove(key);
                }
                for key in keys::milestone_index_keys(&article, milestone) {
                    batch.insert(key, milestone.id.as_bytes());
                }
            }
        }
    }
    for statement in &stored.statements {
        if new_statements.get(&statement.id) != Some(&statement) {
            batch.remove(keys::record(keys::STATEMENT, &statement.id));
            for key in keys::statement_index_keys(old_article, statement) {
                batch.remove(key);
            }
            changes.push(deleted(change::Resource::Statement(statement.clone())));
        }
    }
    for milestone in &stored.milestones {
        if new_milestones.get(&milestone.id) != Some(&milestone) {
            batch.remove(keys::record(keys::MILESTONE, &milestone.id));
            for key in keys::milestone_index_keys(old_article, milestone) {
                batch.remove(key);
            }
            changes.push(deleted(change::Resource::Milestone(milestone.clone())));
        }
    }
    batch.insert(
        keys::record(keys::ARTICLE, &article.id),
        records::encode(&article),
    );
    changes.push(updated(article.clone()));
    for statement in &fresh.statements {
        if old_statements.get(&statement.id) != Some(&statement) {
            let mut statement = statement.clone();
            statement.article_id = article.id.clone();
            batch.insert(
                keys::record(keys::STATEMENT, &statement.id),
                records::encode(&statement),
            );
            for key in keys::statement_index_keys(&article, &statement) {
                batch.insert(key, statement.id.as_bytes());
            }
            changes.push(created(change::Resource::Statement(statement)));
        }
    }
    for milestone in &fresh.milestones {
        if old_milestones.get(&milestone.id) != Some(&milestone) {
            let mut milestone = milestone.clone();
            milestone.article_id = article.id.clone();
            batch.insert(
                keys::record(keys::MILESTONE, &milestone.id),
                records::encode(&milestone),
            );
            for key in keys::milestone_index_keys(&article, &milestone) {
                batch.insert(key, milestone.id.as_bytes());
            }
            changes.push(created(change::Resource::Milestone(milestone)));
        }
    }
    true
}

/// Replaces the extraction of the stored article `fresh.article.id` (and of
/// the related articles split off it). Returns the new revision, or `None`
/// when the fresh extraction equals what is stored. Sections whose article
/// was deleted on its own stay deleted.
pub fn apply(
    db: &sled::Db,
    revision: &mut u64,
    fresh: Extraction,
    date: PublishedDate,
) -> StoreResult<Option<u64>> {
    let article_id = fresh
        .article
        .as_ref()
        .map(|a| a.id.clone())
        .unwrap_or_default();
    let stored = stored_extraction(db, &article_id)?;
    let next = *revision + 1;
    let mut batch = sled::Batch::default();
    let mut changes = Vec::new();
    let stored_related: HashMap<String, &Extraction> = stored
        .related
        .iter()
        .filter_map(|r| r.article.as_ref().map(|a| (a.id.clone(), r)))
        .collect();
    let mut embedded_ids = stored
        .article
        .as_ref()
        .map(|a| a.embedded_ids.clone())
        .unwrap_or_default();
    let mut changed = false;
    for related in &fresh.related {
        let Some(related_id) = related.article.as_ref().map(|a| a.id.clone()) else {
            continue;
        };
        if db.contains_key(keys::removed_section(&article_id, &related_id))? {
            continue;
        }
        if let Some(stored_one) = stored_related.get(&related_id) {
            let ids = stored_one
                .article
                .as_ref()
                .map(|a| a.embedded_ids.clone())
                .unwrap_or_default();
            changed |= stage_difference(
                &mut batch,
                &mut changes,
                stored_one,
                related,
                ids,
                next,
                date,
            );
        } else if !db.contains_key(keys::record(keys::ARTICLE, &related_id))? {
            let mut new_related = related.clone();
            if let Some(article) = new_related.article.as_mut() {
                article.embedded_in = article_id.clone();
                article.ingested_at = stored.article.as_ref().and_then(|a| a.ingested_at);
            }
            stage_extraction(db, &mut batch, &mut changes, &mut new_related, next)?;
            changed = true;
        }
        if !embedded_ids.contains(&related_id) {
            embedded_ids.push(related_id);
        }
    }
    changed |= stage_difference(
        &mut batch,
        &mut changes,
        &stored,
        &fresh,
        embedded_ids,
        next,
        date,
    );
    if !changed {
        return Ok(None);
    }
    commit(db, batch, changes, next)?;
    *revision = next;
    Ok(Some(next))
}
