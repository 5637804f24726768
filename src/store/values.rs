//! How record values are laid out on disk: one header byte, then the
//! payload, compressed with zstd when that pays. Every record family
//! (articles, statements, milestones, raw text, change-log entries, request
//! answers) is stored this way; index entries and counters are not.
//!
//! Text makes up most of what khabar stores (the raw text, the cleaned body,
//! the quoted words), and the storage engine rewrites whole tree nodes with
//! their values, so smaller values mean fewer bytes written and read per
//! article. This module only transforms bytes: it must not touch the
//! database.

use super::error::{StoreError, StoreResult};
use std::borrow::Cow;
use std::cell::RefCell;

/// The payload follows as it is.
const PLAIN: u8 = 0;
/// The payload is a zstd frame.
const ZSTD: u8 = 1;

/// Values shorter than this are stored plain: zstd's frame overhead and
/// the time it takes do not pay for a few hundred bytes.
const COMPRESS_FROM_BYTES: usize = 512;

/// zstd's fastest regular level, to keep the writer's time small. Format 2
/// as a whole (this and the referring change log) took the data directory
/// from 44x to 33x the text and the writer from 2.0 to 1.5 ms of CPU per
/// generated article (see BENCHMARKS.md).
const ZSTD_LEVEL: i32 = 1;

/// Compressed values are refused when they claim to inflate past this, so
/// a damaged header cannot make a read allocate without bound.
const MAX_UNPACKED_BYTES: usize = 256 * 1024 * 1024;

thread_local! {
    /// One compression context per thread (the writer's, mostly): making
    /// one per value cost about as much as compressing a short one.
    static COMPRESSOR: RefCell<Option<zstd::bulk::Compressor<'static>>> =
        RefCell::new(zstd::bulk::Compressor::new(ZSTD_LEVEL).ok());
}

fn compress(payload: &[u8]) -> Option<Vec<u8>> {
    COMPRESSOR.with(|slot| {
        let mut slot = slot.try_borrow_mut().ok()?;
        slot.as_mut()?.compress(payload).ok()
    })
}

/// The stored form of `payload`.
pub fn pack(payload: &[u8]) -> Vec<u8> {
    if payload.len() >= COMPRESS_FROM_BYTES
        && let Some(compressed) = compress(payload)
        && compressed.len() + 1 < payload.len()
    {
        let mut stored = Vec::with_capacity(compressed.len() + 1);
        stored.push(ZSTD);
        stored.extend_from_slice(&compressed);
        return stored;
    }
    let mut stored = Vec::with_capacity(payload.len() + 1);
    stored.push(PLAIN);
    stored.extend_from_slice(payload);
    stored
}

/// The payload of a stored value; `key` names it in the error when the
/// value is damaged.
pub fn unpack<'a>(key: &[u8], stored: &'a [u8]) -> StoreResult<Cow<'a, [u8]>> {
    match stored.split_first() {
        Some((&PLAIN, payload)) => Ok(Cow::Borrowed(payload)),
        Some((&ZSTD, frame)) => {
            let size = zstd::zstd_safe::get_frame_content_size(frame)
                .ok()
                .flatten()
                .ok_or_else(|| StoreError::corrupt(key, "compressed value without its size"))?;
            let size = usize::try_from(size)
                .ok()
                .filter(|&size| size <= MAX_UNPACKED_BYTES)
                .ok_or_else(|| StoreError::corrupt(key, "compressed value claims to be huge"))?;
            zstd::bulk::decompress(frame, size)
                .map(Cow::Owned)
                .map_err(|error| StoreError::corrupt(key, format!("does not decompress: {error}")))
        }
        Some((header, _)) => Err(StoreError::corrupt(
            key,
            format!("unknown value header {header} (a newer khabar's store?)"),
        )),
        None => Err(StoreError::corrupt(key, "empty value")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(payload: &[u8], expect_compressed: bool) {
        let stored = pack(payload);
        assert_eq!(
            stored[0] == ZSTD,
            expect_compressed,
            "{} bytes",
            payload.len()
        );
        let back = unpack(b"k", &stored).expect("unpacks");
        assert_eq!(back.as_ref(), payload);
    }

    #[test]
    fn values_round_trip_and_only_long_repetitive_ones_are_compressed() {
        let arabic = "قال وزير الخارجية إن المحادثات ستستأنف الأسبوع المقبل. ".repeat(40);
        check(b"", false);
        check(b"short", false);
        check(&[7u8; 511], false);
        check(&[7u8; 512], true);
        check(arabic.as_bytes(), true);
        // Random-looking bytes do not shrink: stored plain.
        let mut noise = vec![0u8; 4096];
        blake3::Hasher::new()
            .update(b"noise")
            .finalize_xof()
            .fill(&mut noise);
        check(&noise, false);
    }

    #[test]
    fn damaged_values_are_corrupt_not_panics() {
        let arabic = "بيان صادر عن الوزارة ".repeat(100);
        let mut stored = pack(arabic.as_bytes());
        stored.truncate(stored.len() / 2);
        for damaged in [vec![], vec![9, 1, 2], vec![ZSTD], stored] {
            assert!(matches!(
                unpack(b"k", &damaged),
                Err(StoreError::Corrupt { .. })
            ));
        }
    }
}
