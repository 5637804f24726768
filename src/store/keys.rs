//! The key layout of the sled tree: primary records, secondary indexes, the
//! change log, de-duplication and request-replay entries.
//!
//! Every key starts with an ASCII prefix naming its family. Variable-length
//! parts are length-prefixed so that an equality prefix can never match a
//! longer value; numbers are big-endian so byte order equals numeric order.
//! This module only builds and parses bytes: it must not touch the database.

use crate::filter::{milestone_calendar_key, published_seconds};
use crate::proto::v1::{Article, Milestone, Statement};

pub const META_REVISION: &[u8] = b"meta/revision";
/// The store format (see `format`), a big-endian u32.
pub const META_FORMAT: &[u8] = b"meta/format";
/// The highest revision whose change-log entry was compacted away (0: none).
pub const META_LOG_FLOOR: &[u8] = b"meta/log_floor";
/// Request-replay entries by the revision of their answer, for compaction:
/// `ix/req/` + revision (8 bytes, big-endian) + request id.
pub const REQUESTS_BY_REVISION: &[u8] = b"ix/req/";
/// Revisions that deleted an article: once the log is compacted past one,
/// the store files are rewritten so nothing of the article remains.
/// `erase/` + revision (8 bytes, big-endian).
pub const ERASE_PENDING: &[u8] = b"erase/";
pub const ARTICLE: &[u8] = b"art/";
pub const STATEMENT: &[u8] = b"stm/";
pub const MILESTONE: &[u8] = b"mil/";
pub const CHANGE_LOG: &[u8] = b"log/";
pub const REQUEST: &[u8] = b"req/";
pub const URL: &[u8] = b"url/";
/// The raw text an article was extracted from, kept for re-extraction.
pub const RAW_TEXT: &[u8] = b"raw/";

pub const ARTICLES_BY_PUBLISHED: &[u8] = b"ix/art/pub/";
pub const ARTICLES_BY_SOURCE: &[u8] = b"ix/art/src/";
pub const ARTICLES_BY_LANGUAGE: &[u8] = b"ix/art/lang/";

pub const STATEMENTS_BY_PUBLISHED: &[u8] = b"ix/stm/pub/";
pub const STATEMENTS_BY_ARTICLE: &[u8] = b"ix/stm/art/";
pub const STATEMENTS_BY_SPEAKER: &[u8] = b"ix/stm/spk/";
pub const STATEMENTS_BY_SOURCE: &[u8] = b"ix/stm/src/";
pub const STATEMENTS_BY_LANGUAGE: &[u8] = b"ix/stm/lang/";

pub const MILESTONES_BY_WHEN: &[u8] = b"ix/mil/when/";
pub const MILESTONES_BY_ARTICLE: &[u8] = b"ix/mil/art/";
pub const MILESTONES_BY_SOURCE: &[u8] = b"ix/mil/src/";
pub const MILESTONES_BY_LANGUAGE: &[u8] = b"ix/mil/lang/";
pub const MILESTONES_BY_RELATION: &[u8] = b"ix/mil/rel/";
pub const MILESTONES_BY_STATUS: &[u8] = b"ix/mil/status/";

/// `family` followed by the raw id.
pub fn record(family: &[u8], id: &str) -> Vec<u8> {
    let mut key = family.to_vec();
    key.extend_from_slice(id.as_bytes());
    key
}

pub fn change_log(revision: u64) -> Vec<u8> {
    let mut key = CHANGE_LOG.to_vec();
    key.extend_from_slice(&revision.to_be_bytes());
    key
}

/// The revision that deleted a resource, while the log still holds that
/// revision (see `changes`): `gone/` + kind byte + id, a big-endian u64.
pub const DELETED_AT: &[u8] = b"gone/";
/// The same, by revision, for compaction: `gone-by-rev/` + revision
/// (8 bytes, big-endian) + kind byte + id.
pub const DELETED_BY_REVISION: &[u8] = b"gone-by-rev/";

/// The key of a deleted resource's revision; `kind` is `b'a'`, `b's'` or `b'm'`.
pub fn deleted_at(kind: u8, id: &str) -> Vec<u8> {
    let mut key = DELETED_AT.to_vec();
    key.push(kind);
    key.extend_from_slice(id.as_bytes());
    key
}

/// A "read also" section deleted on its own: re-extracting its host must
/// not bring it back. `rmsec/` + host id (length-prefixed) + section id.
pub const REMOVED_SECTIONS: &[u8] = b"rmsec/";

pub fn removed_section(host_id: &str, section_id: &str) -> Vec<u8> {
    let mut key = prefix_with(REMOVED_SECTIONS, host_id);
    key.extend_from_slice(section_id.as_bytes());
    key
}

/// `family` followed by a big-endian revision, then `suffix`.
pub fn by_revision(family: &[u8], revision: u64, suffix: &str) -> Vec<u8> {
    let mut key = family.to_vec();
    key.extend_from_slice(&revision.to_be_bytes());
    key.extend_from_slice(suffix.as_bytes());
    key
}

/// The revision in a key built by `by_revision`.
pub fn revision_in(family: &[u8], key: &[u8]) -> Option<u64> {
    let digits = key.get(family.len()..family.len() + 8)?;
    Some(u64::from_be_bytes(digits.try_into().ok()?))
}

/// An index prefix with one length-prefixed equality value.
pub fn prefix_with(family: &[u8], value: &str) -> Vec<u8> {
    let mut key = family.to_vec();
    push_str(&mut key, value);
    key
}

pub fn push_str(key: &mut Vec<u8>, value: &str) {
    let length = u32::try_from(value.len()).unwrap_or(u32::MAX);
    key.extend_from_slice(&length.to_be_bytes());
    key.extend_from_slice(value.as_bytes());
}

/// Seconds since the epoch, mapped so that byte order is numeric order.
pub fn sortable_seconds(seconds: i64) -> [u8; 8] {
    ((seconds as u64) ^ (1 << 63)).to_be_bytes()
}

fn span_start(start: Option<u32>) -> [u8; 4] {
    start.unwrap_or(0).to_be_bytes()
}

/// All index keys of an article. Each maps to the article id.
pub fn article_index_keys(article: &Article) -> Vec<Vec<u8>> {
    let published = sortable_seconds(published_seconds(article));
    let mut keys = Vec::with_capacity(3);
    let mut by_published = ARTICLES_BY_PUBLISHED.to_vec();
    by_published.extend_from_slice(&published);
    by_published.extend_from_slice(article.id.as_bytes());
    keys.push(by_published);
    for (family, value) in [
        (ARTICLES_BY_SOURCE, &article.source),
        (ARTICLES_BY_LANGUAGE, &article.language),
    ] {
        let mut key = prefix_with(family, value);
        key.extend_from_slice(&published);
        key.extend_from_slice(article.id.as_bytes());
        keys.push(key);
    }
    keys
}

/// All index keys of a statement of `article`. Each maps to the statement id.
pub fn statement_index_keys(article: &Article, statement: &Statement) -> Vec<Vec<u8>> {
    let published = sortable_seconds(published_seconds(article));
    let mut within_article = Vec::new();
    push_str(&mut within_article, &article.id);
    within_article.extend_from_slice(&span_start(statement.span.map(|s| s.start)));
    within_article.extend_from_slice(statement.id.as_bytes());

    let mut chronological = published.to_vec();
    chronological.extend_from_slice(&within_article);

    let speaker_key = statement.speaker.as_ref().map_or("", |s| s.key.as_str());
    let mut keys = Vec::with_capacity(5);
    keys.push([STATEMENTS_BY_PUBLISHED, chronological.as_slice()].concat());
    keys.push([STATEMENTS_BY_ARTICLE, within_article.as_slice()].concat());
    for (family, value) in [
        (STATEMENTS_BY_SPEAKER, speaker_key),
        (STATEMENTS_BY_SOURCE, article.source.as_str()),
        (STATEMENTS_BY_LANGUAGE, article.language.as_str()),
    ] {
        let mut key = prefix_with(family, value);
        key.extend_from_slice(&chronological);
        keys.push(key);
    }
    keys
}

/// All index keys of a milestone of `article`. Each maps to the milestone id.
pub fn milestone_index_keys(article: &Article, milestone: &Milestone) -> Vec<Vec<u8>> {
    let mut calendar = milestone_calendar_key(milestone).to_vec();
    calendar.extend_from_slice(&sortable_seconds(published_seconds(article)));
    calendar.extend_from_slice(milestone.id.as_bytes());

    let relation = milestone.when.as_ref().map_or(0, |w| w.relation);
    let mut keys = Vec::with_capacity(6);
    keys.push([MILESTONES_BY_WHEN, calendar.as_slice()].concat());
    for (family, value) in [
        (MILESTONES_BY_ARTICLE, article.id.as_str()),
        (MILESTONES_BY_SOURCE, article.source.as_str()),
        (MILESTONES_BY_LANGUAGE, article.language.as_str()),
    ] {
        let mut key = prefix_with(family, value);
        key.extend_from_slice(&calendar);
        keys.push(key);
    }
    for (family, value) in [
        (MILESTONES_BY_RELATION, relation),
        (MILESTONES_BY_STATUS, milestone.status),
    ] {
        let mut key = family.to_vec();
        key.extend_from_slice(&value.to_be_bytes());
        key.extend_from_slice(&calendar);
        keys.push(key);
    }
    keys
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sortable_seconds_keeps_numeric_order() {
        let values = [i64::MIN, -86_400, -1, 0, 1, 1_700_000_000, i64::MAX];
        for pair in values.windows(2) {
            assert!(
                sortable_seconds(pair[0]) < sortable_seconds(pair[1]),
                "{pair:?}"
            );
        }
    }

    #[test]
    fn length_prefix_keeps_equal_values_apart_from_longer_ones() {
        let short = prefix_with(ARTICLES_BY_SOURCE, "ab");
        let long = prefix_with(ARTICLES_BY_SOURCE, "abc");
        assert!(!long.starts_with(&short));
    }
}
