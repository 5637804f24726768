//! Deleting an article: its records, index entries, statements and
//! milestones, the articles split off it, and its place in its host's list
//! when it was itself split off one; all in one revision, run on the writer
//! thread only. The deleted content stays in the change log until
//! compaction passes the erasure mark left here (see `compact`).

use super::error::StoreResult;
use super::ingest::stored_extraction;
use super::keys;
use super::records;
use super::writer::{commit, deleted, updated};
use crate::proto::v1::{Article, Change, DeleteArticleResponse, change};

/// An article split off a host and deleted on its own: the host no longer
/// lists it (reported UPDATED in the same revision), and re-extracting the
/// host will not bring it back.
fn unlink_from_host(
    db: &sled::Db,
    batch: &mut sled::Batch,
    changes: &mut Vec<Change>,
    article: &Article,
    revision: u64,
) -> StoreResult<()> {
    if article.embedded_in.is_empty() {
        return Ok(());
    }
    batch.insert(
        keys::removed_section(&article.embedded_in, &article.id),
        &[],
    );
    let Some(mut host) = records::load::<Article>(db, keys::ARTICLE, &article.embedded_in)? else {
        return Ok(());
    };
    host.embedded_ids.retain(|id| *id != article.id);
    host.revision = revision;
    batch.insert(
        keys::record(keys::ARTICLE, &host.id),
        records::encode(&host),
    );
    changes.push(updated(host));
    Ok(())
}

pub fn apply(
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
    if let Some(article) = &host.article {
        unlink_from_host(db, &mut batch, &mut changes, article, next)?;
        for entry in db.scan_prefix(keys::prefix_with(keys::REMOVED_SECTIONS, &article.id)) {
            let (key, _) = entry?;
            batch.remove(key);
        }
    }
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
    batch.insert(keys::by_revision(keys::ERASE_PENDING, next, ""), &[]);
    commit(db, batch, changes, next)?;
    *revision = next;
    Ok(response)
}
