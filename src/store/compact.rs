//! Change-log compaction and erasure, run on the writer thread between
//! groups.
//!
//! Compaction removes the change-log entries up to a revision (and the
//! request-replay entries answered at or before it) and records that
//! revision as the log floor: a subscriber asking to resume below it is told
//! the oldest revision still available (like etcd's compacted revision), so
//! it lists again instead of missing changes. Compaction is not a revision:
//! no resource changes.
//!
//! Deleting an article removes its records at once, but its content stays
//! in the change log (the CREATED and DELETED change sets) and in the
//! storage engine's old log segments. A delete therefore leaves an erasure
//! mark at its revision; once compaction passes the mark, every live key is
//! copied into a fresh engine directory (a new generation, see
//! `generations`) and the old files are removed, so no byte of the deleted
//! article remains in the data directory.
//!
//! It must not change records or indexes, and must not be called from
//! anywhere but the writer.

use super::changes;
use super::error::{StoreError, StoreResult};
use super::records::{self, read_counter};
use super::{StoreOptions, generations, keys};
use crate::proto::v1::ChangeSet;
use std::path::PathBuf;
use std::sync::{Arc, Weak};

/// Log entries removed per atomic batch.
const REMOVE_BATCH: usize = 1024;
/// Bytes copied per batch when rewriting the store.
const COPY_BATCH_BYTES: usize = 4 * 1024 * 1024;

/// How far to compact.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CompactTarget {
    /// Every revision up to and including this one.
    Through(u64),
    /// What the retention settings allow: revisions outside the newest
    /// `keep_revisions` and older than `keep_secs` (a setting of 0 does not
    /// constrain; both 0 compacts nothing).
    Retention { keep_revisions: u64, keep_secs: u64 },
}

/// What a compaction did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Compaction {
    pub oldest_available: u64,
    pub removed_entries: u64,
    pub rewritten: bool,
    /// An erasure mark lies at or below the new floor.
    pub(super) erase_needed: bool,
}

/// Removes log and replay entries up to the target; says whether the store
/// must be rewritten to erase deleted articles. `now_seconds` is the clock
/// age-based retention is measured against.
pub fn compact_log(
    db: &sled::Db,
    revision: u64,
    target: CompactTarget,
    now_seconds: i64,
) -> StoreResult<Compaction> {
    let floor = read_counter(db, keys::META_LOG_FLOOR)?;
    let through = match target {
        CompactTarget::Through(through) if through > revision => {
            return Err(StoreError::RevisionOutOfRange {
                requested: through,
                current: revision,
            });
        }
        CompactTarget::Through(through) => through,
        CompactTarget::Retention {
            keep_revisions,
            keep_secs,
        } => {
            let cutoff = now_seconds.saturating_sub(i64::try_from(keep_secs).unwrap_or(i64::MAX));
            retention_target(db, floor, revision, keep_revisions, keep_secs, cutoff)?
        }
    };
    let mut removed_entries = 0;
    let new_floor = floor.max(through);
    if through > floor {
        let mut batch = sled::Batch::default();
        let mut in_batch = 0;
        let range = keys::change_log(floor + 1)..=keys::change_log(through);
        for entry in db.range(range) {
            let (key, _) = entry?;
            batch.remove(key.clone());
            in_batch += 1;
            removed_entries += 1;
            if in_batch == REMOVE_BATCH {
                let reached = keys::revision_in(keys::CHANGE_LOG, &key).unwrap_or(floor);
                batch.insert(keys::META_LOG_FLOOR, &reached.to_be_bytes());
                db.apply_batch(std::mem::take(&mut batch))?;
                in_batch = 0;
            }
        }
        batch.insert(keys::META_LOG_FLOOR, &through.to_be_bytes());
        db.apply_batch(batch)?;
        remove_replay_entries(db, through)?;
        changes::remove_deletions_through(db, through)?;
        db.flush()?;
        tracing::info!(through, removed_entries, "change log compacted");
    }
    let erase_needed = first_erase_mark(db)?.is_some_and(|mark| mark <= new_floor);
    Ok(Compaction {
        oldest_available: new_floor + 1,
        removed_entries,
        rewritten: false,
        erase_needed,
    })
}

/// The revision the retention settings allow compacting through; entries
/// committed before `cutoff` (seconds) are old enough when `keep_secs` is set.
fn retention_target(
    db: &sled::Db,
    floor: u64,
    revision: u64,
    keep_revisions: u64,
    keep_secs: u64,
    cutoff: i64,
) -> StoreResult<u64> {
    if keep_revisions == 0 && keep_secs == 0 {
        return Ok(floor);
    }
    let mut through = revision;
    if keep_revisions > 0 {
        through = through.min(revision.saturating_sub(keep_revisions));
    }
    if keep_secs > 0 {
        let mut old_enough = floor;
        let range = keys::change_log(floor + 1)..=keys::change_log(through);
        for entry in db.range(range) {
            let (key, value) = entry?;
            let change_set: ChangeSet = records::decode(&key, &value)?;
            let committed = change_set.committed_at.map_or(i64::MIN, |t| t.seconds);
            if committed >= cutoff {
                break;
            }
            old_enough = change_set.revision;
        }
        through = through.min(old_enough);
    }
    Ok(through.max(floor))
}

/// Removes the request-replay entries answered at or before `through`, in
/// bounded batches (each entry with its index key, so a crash between two
/// batches leaves no half-removed entry).
fn remove_replay_entries(db: &sled::Db, through: u64) -> StoreResult<()> {
    let end = keys::by_revision(keys::REQUESTS_BY_REVISION, through.saturating_add(1), "");
    let mut batch = sled::Batch::default();
    let mut in_batch = 0;
    for entry in db.range(keys::REQUESTS_BY_REVISION.to_vec()..end) {
        let (key, _) = entry?;
        let request_id = key
            .get(keys::REQUESTS_BY_REVISION.len() + 8..)
            .unwrap_or_default();
        let request_id =
            std::str::from_utf8(request_id).map_err(|error| StoreError::corrupt(&key, error))?;
        batch.remove(keys::record(keys::REQUEST, request_id));
        batch.remove(key);
        in_batch += 1;
        if in_batch == REMOVE_BATCH {
            db.apply_batch(std::mem::take(&mut batch))?;
            in_batch = 0;
        }
    }
    db.apply_batch(batch)?;
    Ok(())
}

fn first_erase_mark(db: &sled::Db) -> StoreResult<Option<u64>> {
    match db.scan_prefix(keys::ERASE_PENDING).next() {
        Some(entry) => {
            let (key, _) = entry?;
            Ok(keys::revision_in(keys::ERASE_PENDING, &key))
        }
        None => Ok(None),
    }
}

/// Where the engine's files are, and the generations waiting to be removed.
#[derive(Debug)]
pub struct Layout {
    pub data_dir: PathBuf,
    pub generation: u64,
    pub options: StoreOptions,
    /// Old engines and their generation, removed once no reader holds them.
    pub retired: Vec<(Weak<sled::Db>, u64)>,
}

impl Layout {
    /// Copies every live key of `db` into the next generation and makes it
    /// current. Erasure marks the log floor has passed are not copied.
    pub fn rewrite(&mut self, db: &sled::Db) -> StoreResult<sled::Db> {
        let floor = read_counter(db, keys::META_LOG_FLOOR)?;
        let next = self.generation + 1;
        let io_error = StoreError::io;
        generations::remove(&self.data_dir, next).map_err(io_error)?;
        let fresh = super::open::open_engine(
            &generations::directory(&self.data_dir, next),
            self.options.cache_capacity_bytes,
        )?;
        let mut batch = sled::Batch::default();
        let mut batch_bytes = 0;
        let mut copied = 0u64;
        for entry in db.iter() {
            let (key, value) = entry?;
            let passed_mark = key.starts_with(keys::ERASE_PENDING)
                && keys::revision_in(keys::ERASE_PENDING, &key).is_some_and(|mark| mark <= floor);
            if passed_mark {
                continue;
            }
            batch_bytes += key.len() + value.len();
            batch.insert(key, value);
            copied += 1;
            if batch_bytes >= COPY_BATCH_BYTES {
                fresh.apply_batch(std::mem::take(&mut batch))?;
                batch_bytes = 0;
            }
        }
        fresh.apply_batch(batch)?;
        fresh.flush()?;
        generations::publish(&self.data_dir, next).map_err(io_error)?;
        tracing::info!(
            generation = next,
            copied,
            "store rewritten to erase deleted articles"
        );
        self.generation = next;
        Ok(fresh)
    }

    /// Hands over the engine a rewrite replaced.
    pub fn retire(&mut self, old: Arc<sled::Db>) {
        self.retired
            .push((Arc::downgrade(&old), self.generation.saturating_sub(1)));
    }

    /// Removes the files of retired engines nobody uses any more.
    pub fn remove_retired(&mut self) {
        let data_dir = &self.data_dir;
        self.retired.retain(|(engine, generation)| {
            if engine.strong_count() > 0 {
                return true;
            }
            if let Err(error) = generations::remove(data_dir, *generation) {
                tracing::error!(%error, generation, "cannot remove an old store generation");
            }
            false
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A store whose log holds revisions 1..=count, revision r committed at
    /// second 1000 + 10·r.
    fn log_of(count: u64) -> sled::Db {
        let db = sled::Config::new()
            .temporary(true)
            .open()
            .expect("a temporary engine");
        for revision in 1..=count {
            let change_set = ChangeSet {
                revision,
                committed_at: Some(pbjson_types::Timestamp {
                    seconds: 1000 + 10 * revision as i64,
                    nanos: 0,
                }),
                ..ChangeSet::default()
            };
            db.insert(keys::change_log(revision), records::encode(&change_set))
                .expect("insert");
        }
        db
    }

    #[test]
    fn retention_keeps_what_either_setting_asks_for() {
        // (keep_revisions, keep_secs, now, expected oldest available)
        let cases = [
            (0, 0, 2000, 1),   // no retention: nothing goes
            (3, 0, 2000, 8),   // newest three of ten kept
            (0, 45, 1100, 6),  // cutoff 1055: revisions 1..=5 are older
            (0, 45, 5000, 11), // all old: everything goes
            (2, 45, 1100, 6),  // age keeps more than the count
            (6, 45, 5000, 5),  // count keeps more than the age
            (0, 45, 1000, 1),  // all younger than the cutoff
        ];
        for (keep_revisions, keep_secs, now, oldest) in cases {
            let db = log_of(10);
            let target = CompactTarget::Retention {
                keep_revisions,
                keep_secs,
            };
            let done = compact_log(&db, 10, target, now).expect("compact");
            assert_eq!(
                done.oldest_available, oldest,
                "keep {keep_revisions} revisions, {keep_secs} s, now {now}"
            );
            assert_eq!(done.removed_entries, oldest - 1);
            let first_left = db
                .range(keys::change_log(0)..=keys::change_log(u64::MAX))
                .next()
                .map(|entry| entry.map(|(key, _)| keys::revision_in(keys::CHANGE_LOG, &key)));
            let expected = (oldest <= 10).then_some(oldest);
            assert_eq!(first_left.transpose().ok().flatten().flatten(), expected);
        }
    }
}
