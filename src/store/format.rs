//! The store's format version: which layout the keys and values in a data
//! directory follow, kept under `meta/format`.
//!
//! - format 1 (no `meta/format` key): record values were bare protobuf and
//!   every change-log entry held full copies of the resources.
//! - format 2: record values are packed (`values`), change-log entries
//!   refer to records (`changes`).
//!
//! A store of another format is refused on open with the way to migrate it:
//! a backup taken by the version that wrote it, restored by this one
//! (restore converts format-1 backups entry by entry, here). This module
//! decides and converts; it does not open anything.

use super::changes;
use super::error::{StoreError, StoreResult};
use super::keys;
use super::records;
use super::values;
use crate::proto::v1::ChangeSet;
use std::path::Path;

/// The format this version writes and reads.
pub const STORE_FORMAT: u32 = 2;

/// The format of a store written before the version key existed.
const UNVERSIONED_FORMAT: u32 = 1;

/// The format recorded in `db`: `None` for a new, empty store.
pub fn recorded(db: &sled::Db) -> StoreResult<Option<u32>> {
    if let Some(bytes) = db.get(keys::META_FORMAT)? {
        let digits: [u8; 4] = bytes
            .as_ref()
            .try_into()
            .map_err(|_| StoreError::corrupt(keys::META_FORMAT, "not 4 bytes"))?;
        return Ok(Some(u32::from_be_bytes(digits)));
    }
    if db.is_empty() {
        return Ok(None);
    }
    Ok(Some(UNVERSIONED_FORMAT))
}

/// Makes sure `db` is in this version's format: a new store is marked as
/// such, a store of another format is refused with how to migrate it.
pub fn ensure_current(db: &sled::Db, directory: &Path) -> StoreResult<()> {
    match recorded(db)? {
        None => {
            db.insert(keys::META_FORMAT, &STORE_FORMAT.to_be_bytes())?;
            db.flush()?;
            Ok(())
        }
        Some(STORE_FORMAT) => Ok(()),
        Some(found) => Err(StoreError::Format {
            directory: directory.to_path_buf(),
            found,
            expected: STORE_FORMAT,
        }),
    }
}

/// The entry that marks a store as written in this version's format.
pub fn marker() -> (Vec<u8>, Vec<u8>) {
    (
        keys::META_FORMAT.to_vec(),
        STORE_FORMAT.to_be_bytes().to_vec(),
    )
}

/// One key and value of a format-`from` store, as this version stores
/// them: the entry itself and, for a change-log entry with deletions, the
/// keys that find the deleted copies. Formats newer than this version's
/// are refused by the caller.
pub fn migrate_entry(from: u32, key: Vec<u8>, value: Vec<u8>) -> StoreResult<Vec<Entry>> {
    if from == STORE_FORMAT {
        return Ok(vec![(key, value)]);
    }
    if key.starts_with(keys::CHANGE_LOG) {
        let full: ChangeSet = prost::Message::decode(value.as_slice())
            .map_err(|error| StoreError::corrupt(&key, error))?;
        let mut entries = changes::deletion_keys(&full.changes, full.revision);
        entries.push((key, records::encode(&changes::to_stored(full))));
        return Ok(entries);
    }
    let packed = [
        keys::ARTICLE,
        keys::STATEMENT,
        keys::MILESTONE,
        keys::RAW_TEXT,
        keys::REQUEST,
    ]
    .iter()
    .any(|family| key.starts_with(family));
    if packed {
        let stored = values::pack(&value);
        return Ok(vec![(key, stored)]);
    }
    Ok(vec![(key, value)])
}

/// A key and its value.
pub type Entry = (Vec<u8>, Vec<u8>);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::proto::v1::{Article, Change, ChangeKind, Statement, change};
    use prost::Message;

    #[test]
    fn format_one_entries_become_packed_records_and_referring_log_entries() {
        let article = Article {
            id: "a1".into(),
            body: "نص المقال ".repeat(100),
            ..Article::default()
        };
        let migrated = migrate_entry(
            1,
            keys::record(keys::ARTICLE, "a1"),
            article.encode_to_vec(),
        )
        .expect("migrates");
        let [(key, value)] = migrated.as_slice() else {
            panic!("one entry: {migrated:?}");
        };
        assert_eq!(
            records::decode::<Article>(key, value).expect("decodes"),
            article
        );
        assert!(value.len() < article.encoded_len(), "compressed on the way");

        let full = ChangeSet {
            revision: 3,
            changes: vec![
                Change {
                    kind: ChangeKind::Created as i32,
                    resource: Some(change::Resource::Article(article.clone())),
                },
                Change {
                    kind: ChangeKind::Deleted as i32,
                    resource: Some(change::Resource::Statement(Statement {
                        id: "s1".into(),
                        text: "قال إن".into(),
                        ..Statement::default()
                    })),
                },
            ],
            ..ChangeSet::default()
        };
        let migrated =
            migrate_entry(1, keys::change_log(3), full.encode_to_vec()).expect("migrates");
        let (key, value) = migrated.last().expect("the log entry comes last");
        assert_eq!(
            migrated[0],
            (keys::deleted_at(b's', "s1"), 3u64.to_be_bytes().to_vec()),
            "the deletion can be found from older entries"
        );
        let stored: ChangeSet = records::decode(key, value).expect("decodes");
        let Some(change::Resource::Article(reference)) = &stored.changes[0].resource else {
            panic!("an article reference: {stored:?}");
        };
        assert_eq!(reference.id, "a1");
        assert!(
            reference.body.is_empty(),
            "the created article is a reference"
        );
        assert_eq!(
            stored.changes[1], full.changes[1],
            "deletions keep the copy"
        );

        let index = (b"ix/art/pub/xyz".to_vec(), b"a1".to_vec());
        assert_eq!(
            migrate_entry(1, index.0.clone(), index.1.clone()).expect("migrates"),
            vec![index]
        );
    }

    #[test]
    fn new_stores_are_marked_and_format_one_stores_refused() {
        let directory = tempfile::tempdir().expect("temporary directory");
        let db = sled::Config::new()
            .temporary(true)
            .open()
            .expect("a temporary engine");
        ensure_current(&db, directory.path()).expect("a new store is accepted");
        assert_eq!(recorded(&db).expect("reads"), Some(STORE_FORMAT));
        ensure_current(&db, directory.path()).expect("and accepted again");

        let old = sled::Config::new()
            .temporary(true)
            .open()
            .expect("a temporary engine");
        old.insert(keys::META_REVISION, &7u64.to_be_bytes())
            .expect("insert");
        let refused = ensure_current(&old, directory.path()).expect_err("format 1 is refused");
        let message = refused.to_string();
        assert!(message.contains("format 1"), "{message}");
        assert!(message.contains("khabar backup"), "{message}");
        assert!(message.contains("khabar restore"), "{message}");
    }
}
