//! The stored form of change-log entries. A created or updated resource is
//! recorded by reference (a resource holding only its id): its content is
//! already in its record, so the log does not store the article a second
//! time. A deleted resource has no record left, so its DELETED change keeps
//! the full last state; compaction drops it with the entry.
//!
//! Reading an entry resolves each reference against the records as they
//! are now. A resource changed again since is delivered as it is now (its
//! later change follows at its own revision). A resource deleted since is
//! delivered as it was when deleted: each deletion leaves a `gone/` key
//! naming its revision, whose log entry holds the copy, until compaction
//! passes that revision (and with it every entry that could refer to it).
//! A subscriber that follows the stream therefore sees every resource
//! created, and ends with the same state as the records. This module only
//! stages keys into the writer's batch; it never writes.

use super::error::{StoreError, StoreResult};
use super::keys;
use super::records;
use crate::proto::v1::{Article, Change, ChangeKind, ChangeSet, Milestone, Statement, change};
use std::collections::HashMap;

/// The kind byte of a resource in `gone/` keys.
fn kind_byte(resource: &change::Resource) -> (u8, &str) {
    match resource {
        change::Resource::Article(article) => (b'a', &article.id),
        change::Resource::Statement(statement) => (b's', &statement.id),
        change::Resource::Milestone(milestone) => (b'm', &milestone.id),
    }
}

/// For each deletion among `changes`, the keys that let older entries
/// find the deleted copy in the entry of `revision`.
pub fn deletion_keys(changes: &[Change], revision: u64) -> Vec<(Vec<u8>, Vec<u8>)> {
    let mut staged = Vec::new();
    for change in changes {
        if change.kind != ChangeKind::Deleted as i32 {
            continue;
        }
        let Some(resource) = &change.resource else {
            continue;
        };
        let (kind, id) = kind_byte(resource);
        staged.push((keys::deleted_at(kind, id), revision.to_be_bytes().to_vec()));
        let mut by_revision = keys::by_revision(keys::DELETED_BY_REVISION, revision, "");
        by_revision.push(kind);
        by_revision.extend_from_slice(id.as_bytes());
        staged.push((by_revision, Vec::new()));
    }
    staged
}

/// Adds the `deletion_keys` of `changes` to `batch`.
pub fn stage_deletions(batch: &mut sled::Batch, changes: &[Change], revision: u64) {
    for (key, value) in deletion_keys(changes, revision) {
        batch.insert(key, value);
    }
}

/// Removes the `gone/` keys of deletions at or before `through`, once the
/// log entries that could refer to them are compacted away.
pub fn remove_deletions_through(db: &sled::Db, through: u64) -> StoreResult<u64> {
    let end = keys::by_revision(keys::DELETED_BY_REVISION, through.saturating_add(1), "");
    let mut batch = sled::Batch::default();
    let mut removed = 0u64;
    for entry in db.range(keys::DELETED_BY_REVISION.to_vec()..end) {
        let (key, _) = entry?;
        let Some(revision) = keys::revision_in(keys::DELETED_BY_REVISION, &key) else {
            return Err(StoreError::corrupt(&key, "not a deletion key"));
        };
        let rest = key
            .get(keys::DELETED_BY_REVISION.len() + 8..)
            .unwrap_or_default();
        let mut gone = keys::DELETED_AT.to_vec();
        gone.extend_from_slice(rest);
        // A later deletion of the same resource (deleted, stored again,
        // deleted again) keeps its own key.
        if db.get(&gone)?.as_deref() == Some(revision.to_be_bytes().as_slice()) {
            batch.remove(gone);
        }
        batch.remove(key);
        removed += 1;
        if removed.is_multiple_of(1024) {
            db.apply_batch(std::mem::take(&mut batch))?;
        }
    }
    db.apply_batch(batch)?;
    Ok(removed)
}

/// The form of `change_set` the log keeps: references for created and
/// updated resources, full copies for deleted ones.
pub fn to_stored(mut change_set: ChangeSet) -> ChangeSet {
    for change in &mut change_set.changes {
        if change.kind == ChangeKind::Deleted as i32 {
            continue;
        }
        change.resource = change.resource.take().map(reference);
    }
    change_set
}

/// A reference to the article `id`, as the log stores a created or
/// updated article (built without copying the article).
pub fn article_reference(id: &str) -> change::Resource {
    change::Resource::Article(Article {
        id: id.to_string(),
        ..Article::default()
    })
}

pub fn statement_reference(id: &str) -> change::Resource {
    change::Resource::Statement(Statement {
        id: id.to_string(),
        ..Statement::default()
    })
}

pub fn milestone_reference(id: &str) -> change::Resource {
    change::Resource::Milestone(Milestone {
        id: id.to_string(),
        ..Milestone::default()
    })
}

fn reference(resource: change::Resource) -> change::Resource {
    match resource {
        change::Resource::Article(article) => article_reference(&article.id),
        change::Resource::Statement(statement) => statement_reference(&statement.id),
        change::Resource::Milestone(milestone) => milestone_reference(&milestone.id),
    }
}

/// A stored entry with its references replaced by the records they name,
/// or by the copy kept with their deletion (see the module comment).
pub fn resolve(db: &sled::Db, mut change_set: ChangeSet) -> StoreResult<ChangeSet> {
    let mut resolved = Vec::with_capacity(change_set.changes.len());
    let mut deletion_entries = HashMap::new();
    for mut change in std::mem::take(&mut change_set.changes) {
        if change.kind != ChangeKind::Deleted as i32 {
            let Some(reference) = change.resource.take() else {
                continue;
            };
            let found = match current(db, &reference)? {
                Some(found) => Some(found),
                None => deleted_copy(db, &reference, &mut deletion_entries)?,
            };
            // Neither stored nor deleted since: only a damaged store, or a
            // deletion compacted before this entry, which cannot be read.
            let Some(found) = found else {
                tracing::warn!(
                    revision = change_set.revision,
                    "a change-log entry refers to a resource that is neither stored nor deleted"
                );
                continue;
            };
            change.resource = Some(found);
        }
        resolved.push(change);
    }
    change_set.changes = resolved;
    Ok(change_set)
}

/// The copy of `reference` kept in the log entry of the revision that
/// deleted it; `entries` caches decoded entries across one resolution.
fn deleted_copy(
    db: &sled::Db,
    reference: &change::Resource,
    entries: &mut HashMap<u64, ChangeSet>,
) -> StoreResult<Option<change::Resource>> {
    let (kind, id) = kind_byte(reference);
    let key = keys::deleted_at(kind, id);
    let Some(bytes) = db.get(&key)? else {
        return Ok(None);
    };
    let digits: [u8; 8] = bytes
        .as_ref()
        .try_into()
        .map_err(|_| StoreError::corrupt(&key, "not 8 bytes"))?;
    let revision = u64::from_be_bytes(digits);
    let entry = match entries.entry(revision) {
        std::collections::hash_map::Entry::Occupied(cached) => cached.into_mut(),
        std::collections::hash_map::Entry::Vacant(empty) => {
            let log_key = keys::change_log(revision);
            let Some(stored) = db.get(&log_key)? else {
                return Ok(None);
            };
            empty.insert(records::decode(&log_key, &stored)?)
        }
    };
    let copy = Some(&*entry).and_then(|entry| {
        entry.changes.iter().find_map(|change| {
            let resource = change.resource.as_ref()?;
            (change.kind == ChangeKind::Deleted as i32 && kind_byte(resource) == (kind, id))
                .then(|| resource.clone())
        })
    });
    Ok(copy)
}

fn current(db: &sled::Db, reference: &change::Resource) -> StoreResult<Option<change::Resource>> {
    Ok(match reference {
        change::Resource::Article(article) => {
            records::load(db, keys::ARTICLE, &article.id)?.map(change::Resource::Article)
        }
        change::Resource::Statement(statement) => {
            records::load(db, keys::STATEMENT, &statement.id)?.map(change::Resource::Statement)
        }
        change::Resource::Milestone(milestone) => {
            records::load(db, keys::MILESTONE, &milestone.id)?.map(change::Resource::Milestone)
        }
    })
}
