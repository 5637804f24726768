//! Opaque page tokens and the bounded index scan behind every list call.
//!
//! A token records which listing it belongs to (a fingerprint of the filter)
//! and the last index key returned; the next page resumes strictly after it.
//! Tokens are base64url text; anything else is rejected, never trusted.

use super::error::{StoreError, StoreResult};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use std::ops::Bound;

const TOKEN_VERSION: u8 = 1;
/// At most this many index entries are examined per call; a page that needs
/// more comes back short, with a token to continue.
const SCAN_BUDGET: usize = 20_000;
/// A page holds records adding up to at most this many encoded bytes, or a
/// single record when one alone is larger (AIP-158 lets a page hold fewer
/// than `page_size` items). With the default 2 MiB article limit a page
/// therefore stays under the 4 MiB that gRPC clients accept by default.
pub const PAGE_BYTE_BUDGET: usize = 3 * 1024 * 1024;

/// One page of a listing.
#[derive(Debug, Clone)]
pub struct Page<T> {
    pub items: Vec<T>,
    /// Empty when there is nothing more.
    pub next_page_token: String,
    /// The durable store revision when the page was read.
    pub revision: u64,
}

/// A range of index keys: all keys under `prefix` whose remainder lies in
/// [`from`, `to`), scanned forwards or backwards.
#[derive(Debug, Clone)]
pub struct IndexRange {
    pub prefix: Vec<u8>,
    pub from: Option<Vec<u8>>,
    pub to: Option<Vec<u8>>,
    pub newest_first: bool,
}

/// Identifies a listing: the kind of resource and its encoded filter.
pub fn fingerprint(kind: u8, encoded_filter: &[u8]) -> [u8; 8] {
    let mut hasher = blake3::Hasher::new();
    hasher.update(&[kind]);
    hasher.update(encoded_filter);
    let mut out = [0; 8];
    out.copy_from_slice(&hasher.finalize().as_bytes()[..8]);
    out
}

pub fn encode_token(fingerprint: [u8; 8], last_key: &[u8]) -> String {
    let mut bytes = Vec::with_capacity(9 + last_key.len());
    bytes.push(TOKEN_VERSION);
    bytes.extend_from_slice(&fingerprint);
    bytes.extend_from_slice(last_key);
    URL_SAFE_NO_PAD.encode(bytes)
}

/// The last key of the previous page, or `None` for the first page.
pub fn decode_token(
    token: &str,
    fingerprint: [u8; 8],
    range: &IndexRange,
) -> StoreResult<Option<Vec<u8>>> {
    if token.is_empty() {
        return Ok(None);
    }
    let bytes = URL_SAFE_NO_PAD.decode(token).map_err(|_| {
        StoreError::InvalidPageToken(
            "not a token this server issued; pass next_page_token back unchanged".into(),
        )
    })?;
    match bytes.split_first() {
        Some((&TOKEN_VERSION, rest)) if rest.len() >= 8 => {
            if rest[..8] != fingerprint {
                return Err(StoreError::InvalidPageToken(
                    "the token belongs to a listing with a different filter; repeat the same filter or start without a token".into(),
                ));
            }
            let last_key = rest[8..].to_vec();
            if !last_key.starts_with(&range.prefix) {
                return Err(StoreError::InvalidPageToken("the token is damaged".into()));
            }
            Ok(Some(last_key))
        }
        _ => Err(StoreError::InvalidPageToken(
            "unknown token format; pass next_page_token back unchanged".into(),
        )),
    }
}

/// The smallest key greater than every key that starts with `prefix`.
fn prefix_end(prefix: &[u8]) -> Option<Vec<u8>> {
    let mut end = prefix.to_vec();
    while let Some(last) = end.pop() {
        if last < u8::MAX {
            end.push(last + 1);
            return Some(end);
        }
    }
    None
}

/// Walks `range` after `resume`, asking `accept` for each index entry (its
/// key and value, a record id) whether it yields an item, until `page_size` items are found
/// or the next one would take them over `PAGE_BYTE_BUDGET` encoded bytes.
/// Returns the items and the key to resume after, if there may be more.
pub fn scan<T: prost::Message>(
    db: &sled::Db,
    range: &IndexRange,
    resume: Option<Vec<u8>>,
    page_size: usize,
    mut accept: impl FnMut(&[u8], &str) -> StoreResult<Option<T>>,
) -> StoreResult<(Vec<T>, Option<Vec<u8>>)> {
    let with_prefix = |suffix: &Option<Vec<u8>>| {
        suffix
            .as_ref()
            .map(|suffix| [range.prefix.as_slice(), suffix].concat())
    };
    let lower = with_prefix(&range.from).unwrap_or_else(|| range.prefix.clone());
    let upper = with_prefix(&range.to).or_else(|| prefix_end(&range.prefix));
    let mut lower_bound = Bound::Included(lower);
    let mut upper_bound = upper.map_or(Bound::Unbounded, Bound::Excluded);
    if let Some(resume) = resume {
        if range.newest_first {
            upper_bound = Bound::Excluded(resume);
        } else {
            lower_bound = Bound::Excluded(resume);
        }
    }
    if let (Bound::Included(low) | Bound::Excluded(low), Bound::Excluded(high)) =
        (&lower_bound, &upper_bound)
        && low >= high
    {
        return Ok((Vec::new(), None));
    }
    let entries = db.range::<Vec<u8>, _>((lower_bound, upper_bound));
    let mut entries: Box<dyn Iterator<Item = sled::Result<(sled::IVec, sled::IVec)>>> =
        if range.newest_first {
            Box::new(entries.rev())
        } else {
            Box::new(entries)
        };
    let mut items = Vec::new();
    let mut scanned = 0;
    let mut bytes = 0usize;
    let mut last_key = None;
    for entry in entries.by_ref() {
        let (key, value) = entry?;
        let id = std::str::from_utf8(&value).map_err(|error| StoreError::corrupt(&key, error))?;
        if let Some(item) = accept(&key, id)? {
            let size = item.encoded_len();
            if !items.is_empty() && bytes.saturating_add(size) > PAGE_BYTE_BUDGET {
                // This entry starts the next page.
                return Ok((items, last_key));
            }
            bytes = bytes.saturating_add(size);
            items.push(item);
        }
        last_key = Some(key.to_vec());
        scanned += 1;
        if items.len() >= page_size || scanned >= SCAN_BUDGET {
            break;
        }
    }
    let more = last_key.is_some() && entries.next().is_some();
    Ok((items, if more { last_key } else { None }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefix_end_skips_trailing_max_bytes() {
        assert_eq!(prefix_end(b"ab"), Some(b"ac".to_vec()));
        assert_eq!(prefix_end(&[1, 255]), Some(vec![2]));
        assert_eq!(prefix_end(&[255, 255]), None);
    }

    #[test]
    fn tokens_round_trip_and_reject_other_filters() {
        let range = IndexRange {
            prefix: b"ix/x/".to_vec(),
            from: None,
            to: None,
            newest_first: false,
        };
        let print = fingerprint(1, b"filter");
        let token = encode_token(print, b"ix/x/key");
        assert_eq!(
            decode_token(&token, print, &range).ok().flatten(),
            Some(b"ix/x/key".to_vec())
        );
        assert!(decode_token(&token, fingerprint(1, b"other"), &range).is_err());
        assert!(decode_token("***", print, &range).is_err());
        assert!(decode_token("AAAA", print, &range).is_err());
    }
}
