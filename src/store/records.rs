//! Reading and decoding stored records. Shared by the reader side and the
//! writer; it never writes.

use super::error::{StoreError, StoreResult};
use super::keys;
use super::values;
use crate::proto::v1::{Article, Milestone, Statement};

/// A record as stored (see `values`): its protobuf encoding, packed.
pub fn encode<T: prost::Message>(record: &T) -> Vec<u8> {
    values::pack(&record.encode_to_vec())
}

/// A stored record back: unpacked, then decoded.
pub fn decode<T: prost::Message + Default>(key: &[u8], stored: &[u8]) -> StoreResult<T> {
    let payload = values::unpack(key, stored)?;
    T::decode(payload.as_ref()).map_err(|error| StoreError::corrupt(key, error))
}

pub fn load<T: prost::Message + Default>(
    db: &sled::Db,
    family: &[u8],
    id: &str,
) -> StoreResult<Option<T>> {
    let key = keys::record(family, id);
    match db.get(&key)? {
        Some(bytes) => Ok(Some(decode(&key, &bytes)?)),
        None => Ok(None),
    }
}

pub fn read_revision(db: &sled::Db) -> StoreResult<u64> {
    read_counter(db, keys::META_REVISION)
}

/// A big-endian u64 kept under `key`; 0 when absent.
pub fn read_counter(db: &sled::Db, key: &[u8]) -> StoreResult<u64> {
    match db.get(key)? {
        Some(bytes) => {
            let digits: [u8; 8] = bytes
                .as_ref()
                .try_into()
                .map_err(|_| StoreError::corrupt(key, "not 8 bytes"))?;
            Ok(u64::from_be_bytes(digits))
        }
        None => Ok(0),
    }
}

/// The ids stored as values under an index prefix, in key order.
fn ids_under(db: &sled::Db, prefix: &[u8]) -> StoreResult<Vec<String>> {
    let mut ids = Vec::new();
    for entry in db.scan_prefix(prefix) {
        let (key, value) = entry?;
        let id = std::str::from_utf8(&value).map_err(|error| StoreError::corrupt(&key, error))?;
        ids.push(id.to_string());
    }
    Ok(ids)
}

/// The statements of an article, in text order.
pub fn statements_of(db: &sled::Db, article_id: &str) -> StoreResult<Vec<Statement>> {
    let prefix = keys::prefix_with(keys::STATEMENTS_BY_ARTICLE, article_id);
    let mut statements = Vec::new();
    for id in ids_under(db, &prefix)? {
        if let Some(statement) = load(db, keys::STATEMENT, &id)? {
            statements.push(statement);
        }
    }
    Ok(statements)
}

/// The milestones of an article, in calendar order.
pub fn milestones_of(db: &sled::Db, article_id: &str) -> StoreResult<Vec<Milestone>> {
    let prefix = keys::prefix_with(keys::MILESTONES_BY_ARTICLE, article_id);
    let mut milestones = Vec::new();
    for id in ids_under(db, &prefix)? {
        if let Some(milestone) = load(db, keys::MILESTONE, &id)? {
            milestones.push(milestone);
        }
    }
    Ok(milestones)
}

/// The articles split off `article` that still exist.
pub fn embedded_articles(db: &sled::Db, article: &Article) -> StoreResult<Vec<Article>> {
    let mut embedded = Vec::new();
    for id in &article.embedded_ids {
        if let Some(found) = load::<Article>(db, keys::ARTICLE, id)? {
            embedded.push(found);
        }
    }
    Ok(embedded)
}
