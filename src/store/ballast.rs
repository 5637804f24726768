//! The ballast file `khabar.ballast`: space held in the data directory so
//! that the store can still open on a disk that something else filled.
//! sled writes while it opens (its id counter, a snapshot), so on a disk
//! with no byte free it cannot open at all; deleting the ballast first gives
//! it room, and the store then starts read-only because the free space is
//! still below the reserve. The ballast is half the reserve, at most 64 MiB,
//! allocated (not sparse) when there is room for it beyond the reserve, and
//! put back once space returns. This module touches only that file.

use fs2::FileExt;
use std::path::{Path, PathBuf};

pub const BALLAST_FILE_NAME: &str = "khabar.ballast";
const MAX_BALLAST_BYTES: u64 = 64 * 1024 * 1024;

fn path(directory: &Path) -> PathBuf {
    directory.join(BALLAST_FILE_NAME)
}

/// The ballast size for a reserve.
pub fn size_for(reserve: u64) -> u64 {
    (reserve / 2).min(MAX_BALLAST_BYTES)
}

/// Before sled opens: deletes the ballast when less than its size is free.
pub fn release_if_full(directory: &Path, reserve: u64) {
    let size = size_for(reserve);
    let ballast = path(directory);
    if !ballast.exists() {
        return;
    }
    let free = super::space::available_bytes(directory).unwrap_or(u64::MAX);
    if free < size.max(1) {
        match std::fs::remove_file(&ballast) {
            Ok(()) => tracing::warn!(
                directory = %directory.display(),
                free,
                "disk full: released the ballast file so the store can open (read-only)"
            ),
            Err(error) => tracing::warn!(%error, "cannot release the ballast file"),
        }
    }
}

/// Creates the ballast when it is missing and there is room for it beyond
/// the reserve; removes it when the reserve is 0.
pub fn ensure(directory: &Path, reserve: u64) {
    let size = size_for(reserve);
    let ballast = path(directory);
    let current = std::fs::metadata(&ballast).map_or(0, |metadata| metadata.len());
    if size == 0 {
        if current > 0 {
            let _ = std::fs::remove_file(&ballast);
        }
        return;
    }
    if current >= size {
        return;
    }
    let free = super::space::available_bytes(directory).unwrap_or(0);
    if free < reserve.saturating_add(size) {
        return;
    }
    let created = std::fs::File::create(&ballast).and_then(|file| {
        file.allocate(size)?;
        file.sync_all()
    });
    match created {
        Ok(()) => tracing::info!(bytes = size, "ballast file in place"),
        Err(error) => {
            tracing::warn!(%error, "cannot create the ballast file");
            let _ = std::fs::remove_file(&ballast);
        }
    }
}
