//! Free space on the data directory's file system, and whether the store can
//! write at all.
//!
//! sled cannot be trusted to recover from a failed write: after an I/O error
//! it records a global error and fails every later operation of that
//! database. So the writer asks this module before applying each command:
//! a write that would leave less than the reserve (`min_free_bytes`) free is
//! refused with `DiskFull` before anything touches sled. If sled fails a
//! write anyway, the store turns read-only for good (until a restart) and
//! says so. The result is published on a watch channel (`true` = writable)
//! that the server turns into gRPC health; a monitor thread re-reads the
//! free space periodically so the store becomes writable again by itself
//! once space returns. This module must not write to sled.

use super::error::{StoreError, StoreResult};
use super::state_file;
use super::writer::WriteCommand;
use prost::Message;
use serde::Deserialize;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, mpsc};
use std::time::{Duration, Instant};
use tokio::sync::watch;

/// The default reserve: 256 MiB, room for sled's own segment rollover and
/// for an operator to act.
pub const DEFAULT_MIN_FREE_BYTES: u64 = 256 * 1024 * 1024;

/// The smallest reserve accepted: sled 0.34 needs room to finish a write it
/// started (a new log segment, a snapshot); on a disk it fills itself to
/// the last byte its flush can hang for good.
pub const MIN_FREE_BYTES_FLOOR: u64 = 4 * 1024 * 1024;

/// How often the monitor re-reads the free space.
const MONITOR_INTERVAL: Duration = Duration::from_secs(1);

/// How often, at most, the writer records the durable revision in the
/// state file while writing; it is also recorded on shutdown.
const STATE_FILE_INTERVAL: Duration = Duration::from_secs(1);

/// Fixed cost assumed for any write besides its payload: index entries,
/// the counter, sled's page headers.
const FIXED_WRITE_BYTES: u64 = 16 * 1024;

/// The free space, in bytes, that writes must leave on the data directory's
/// file system. Every clone of a configuration shares the same value, so a
/// change reaches a running store at its next write or monitor round.
#[derive(Clone, Deserialize)]
#[serde(from = "u64")]
pub struct FreeSpaceReserve(Arc<AtomicU64>);

impl FreeSpaceReserve {
    pub fn new(bytes: u64) -> Self {
        FreeSpaceReserve(Arc::new(AtomicU64::new(bytes)))
    }

    pub fn bytes(&self) -> u64 {
        self.0.load(Ordering::Relaxed)
    }

    /// Changes the reserve of every store opened with this value.
    pub fn set(&self, bytes: u64) {
        self.0.store(bytes, Ordering::Relaxed);
    }
}

impl From<u64> for FreeSpaceReserve {
    fn from(bytes: u64) -> Self {
        FreeSpaceReserve::new(bytes)
    }
}

impl Default for FreeSpaceReserve {
    fn default() -> Self {
        FreeSpaceReserve::new(DEFAULT_MIN_FREE_BYTES)
    }
}

impl PartialEq for FreeSpaceReserve {
    fn eq(&self, other: &Self) -> bool {
        self.bytes() == other.bytes()
    }
}

impl std::fmt::Debug for FreeSpaceReserve {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(formatter, "{}", self.bytes())
    }
}

/// Bytes available to unprivileged writers on the file system of `path`.
pub fn available_bytes(path: &Path) -> std::io::Result<u64> {
    fs2::available_space(path)
}

/// What the writer, the monitor and the store share about the disk.
pub(super) struct DiskState {
    directory: PathBuf,
    reserve: FreeSpaceReserve,
    writable: watch::Sender<bool>,
    /// Set when sled failed a write: the store is read-only until restart.
    failure: Mutex<Option<StoreError>>,
    /// When the state file was last written.
    state_recorded: Mutex<Instant>,
}

impl DiskState {
    pub(super) fn new(directory: &Path, reserve: FreeSpaceReserve) -> Arc<DiskState> {
        let (writable, _) = watch::channel(true);
        let state = Arc::new(DiskState {
            directory: directory.to_path_buf(),
            reserve,
            writable,
            failure: Mutex::new(None),
            state_recorded: Mutex::new(Instant::now()),
        });
        state.refresh();
        state
    }

    pub(super) fn directory(&self) -> &Path {
        &self.directory
    }

    /// Refuses to spend `needed` bytes outside sled (a backup file) when
    /// that would cut into the reserve.
    pub(super) fn check_room(&self, needed: u64) -> StoreResult<()> {
        if let Some(failure) = self.failure() {
            return Err(failure);
        }
        let required = self.reserve.bytes().saturating_add(needed);
        match self.available() {
            Some(free) if free < required => Err(StoreError::DiskFull {
                directory: self.directory.clone(),
                free_bytes: free,
                required_bytes: required,
            }),
            _ => Ok(()),
        }
    }

    pub(super) fn watch_writable(&self) -> watch::Receiver<bool> {
        self.writable.subscribe()
    }

    fn failure(&self) -> Option<StoreError> {
        self.failure.lock().ok().and_then(|failure| failure.clone())
    }

    /// The free space, or `None` when it cannot be read (then nothing is
    /// refused for lack of it).
    fn available(&self) -> Option<u64> {
        match available_bytes(&self.directory) {
            Ok(bytes) => Some(bytes),
            Err(error) => {
                tracing::warn!(%error, directory = %self.directory.display(), "cannot read free space");
                None
            }
        }
    }

    /// Puts the ballast file back when there is room (see `ballast`).
    fn keep_ballast(&self) {
        if self.failure().is_none() {
            super::ballast::ensure(&self.directory, self.reserve.bytes());
        }
    }

    /// Re-reads the free space and publishes whether the store can write.
    pub(super) fn refresh(&self) {
        let reserve = self.reserve.bytes();
        // Writable means the smallest write still fits beside the reserve.
        let smallest_write = FIXED_WRITE_BYTES * 2;
        let writable = self.failure().is_none()
            && self
                .available()
                .is_none_or(|available| available >= reserve.saturating_add(smallest_write));
        let changed = self.writable.send_if_modified(|current| {
            let changed = *current != writable;
            *current = writable;
            changed
        });
        if changed {
            if writable {
                tracing::info!(directory = %self.directory.display(), "store writable again");
            } else {
                tracing::warn!(
                    directory = %self.directory.display(),
                    reserve,
                    "store cannot write: free space is below the reserve"
                );
            }
        }
    }

    /// What one group of commands may spend. Reads the free space once.
    pub(super) fn budget(&self) -> Budget<'_> {
        Budget {
            state: self,
            available: self.available(),
            spent: 0,
            failure: self.failure(),
        }
    }

    /// Turns the group's flush outcome into the answer its callers get,
    /// records a failure for good, refreshes the writable flag and, from
    /// time to time, the state file.
    pub(super) fn after_flush(
        &self,
        flush: Result<(), sled::Error>,
        committed_revision: u64,
        durable_revision: u64,
    ) -> StoreResult<()> {
        match flush {
            Ok(()) => {
                if let Ok(mut recorded) = self.state_recorded.lock()
                    && recorded.elapsed() >= STATE_FILE_INTERVAL
                {
                    self.record_state(committed_revision);
                    *recorded = Instant::now();
                }
                self.refresh();
                Ok(())
            }
            Err(error) => {
                let failure = self.engine_failure(&error, durable_revision);
                if let Ok(mut slot) = self.failure.lock()
                    && slot.is_none()
                {
                    tracing::error!(%error, durable_revision, "a write failed; the store is read-only until restarted");
                    *slot = Some(failure.clone());
                }
                self.refresh();
                Err(failure)
            }
        }
    }

    /// The error a caller gets for a write sled refused.
    fn engine_failure(&self, error: &sled::Error, durable_revision: u64) -> StoreError {
        let disk_full = matches!(error, sled::Error::Io(io)
            if io.kind() == std::io::ErrorKind::StorageFull || io.raw_os_error() == Some(28));
        let reason = match (disk_full, self.available()) {
            (true, Some(free)) => format!("the disk is full, {free} bytes free: {error}"),
            _ => error.to_string(),
        };
        StoreError::ReadOnly {
            directory: self.directory.clone(),
            reason,
            durable_revision,
            disk_full,
        }
    }

    /// Writes the state file; a failure (a full disk) only leaves the older
    /// record, which is still a lower bound.
    pub(super) fn record_state(&self, durable_revision: u64) {
        if let Err(error) = state_file::write(&self.directory, durable_revision) {
            tracing::warn!(%error, durable_revision, "cannot record the durable revision in the state file");
        }
    }

    /// The failure that made the store read-only until restarted, if any.
    pub(super) fn failed_write(&self) -> Option<StoreError> {
        self.failure()
    }
}

/// The space one group of commands may use, read once per group.
pub(super) struct Budget<'state> {
    state: &'state DiskState,
    available: Option<u64>,
    spent: u64,
    failure: Option<StoreError>,
}

impl Budget<'_> {
    /// Admits `command` or says why it must be refused. Shutdown always
    /// passes.
    pub(super) fn admit(&mut self, command: &WriteCommand) -> StoreResult<()> {
        let Some(needed) = estimated_bytes(command) else {
            return Ok(());
        };
        if let Some(failure) = &self.failure {
            return Err(failure.clone());
        }
        let Some(available) = self.available else {
            return Ok(());
        };
        let free = available.saturating_sub(self.spent);
        let required = self.state.reserve.bytes().saturating_add(needed);
        if free < required {
            self.state.writable.send_if_modified(|writable| {
                let changed = *writable;
                *writable = false;
                changed
            });
            return Err(StoreError::DiskFull {
                directory: self.state.directory.clone(),
                free_bytes: free,
                required_bytes: required,
            });
        }
        self.spent = self.spent.saturating_add(needed);
        Ok(())
    }
}

/// A generous estimate of what a command adds on disk: sled writes each
/// value into its log and again when it rewrites the page, and an ingest
/// stores its extraction three times (records, change log, request
/// replay). `None` for commands that write nothing.
fn estimated_bytes(command: &WriteCommand) -> Option<u64> {
    let payload = match command {
        WriteCommand::Ingest { ingest, .. } => {
            let extraction = ingest.extraction.encoded_len() as u64;
            extraction.saturating_mul(3) + ingest.raw_text.len() as u64
        }
        WriteCommand::Replace { extraction, .. } => (extraction.encoded_len() as u64) * 2,
        WriteCommand::Delete { .. } => 64 * 1024,
        // A compaction removes entries; its rewrite checks for room itself.
        WriteCommand::Shutdown { .. }
        | WriteCommand::Exclusive { .. }
        | WriteCommand::Compact { .. } => return None,
    };
    Some(payload.saturating_mul(2).saturating_add(FIXED_WRITE_BYTES))
}

/// Answers a refused command with `error` without touching the store.
pub(super) fn refuse(command: WriteCommand, error: StoreError) {
    // A caller that went away no longer needs its answer.
    match command {
        WriteCommand::Ingest { reply, .. } => {
            let _ = reply.send(Err(error));
        }
        WriteCommand::Delete { reply, .. } => {
            let _ = reply.send(Err(error));
        }
        WriteCommand::Replace { reply, .. } => {
            let _ = reply.send(Err(error));
        }
        WriteCommand::Shutdown { reply } => {
            let _ = reply.send(Err(error));
        }
        WriteCommand::Compact { reply, .. } => {
            let _ = reply.send(Err(error));
        }
        // Dropping the job drops its reply channel: the caller learns it
        // did not run.
        WriteCommand::Exclusive { .. } => {}
    }
}

/// Re-reads the free space every second until dropped, so that the store
/// turns writable (and healthy) again by itself once space returns.
pub(super) struct Monitor {
    stop: Option<mpsc::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Monitor {
    pub(super) fn start(state: Arc<DiskState>) -> std::io::Result<Monitor> {
        let (stop, stopped) = mpsc::channel::<()>();
        let thread = std::thread::Builder::new()
            .name("khabar-space".to_string())
            .spawn(move || {
                state.keep_ballast();
                while let Err(mpsc::RecvTimeoutError::Timeout) =
                    stopped.recv_timeout(MONITOR_INTERVAL)
                {
                    state.refresh();
                    state.keep_ballast();
                }
            })?;
        Ok(Monitor {
            stop: Some(stop),
            thread: Some(thread),
        })
    }
}

impl Drop for Monitor {
    fn drop(&mut self) {
        drop(self.stop.take());
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failed_flush_makes_the_store_read_only_and_says_the_disk_is_full() {
        let directory = tempfile::tempdir().expect("temporary directory");
        let state = DiskState::new(directory.path(), FreeSpaceReserve::new(0));
        let writable = state.watch_writable();
        assert!(*writable.borrow());
        let no_space = std::io::Error::from_raw_os_error(28);
        let answer = state.after_flush(Err(sled::Error::Io(no_space)), 8, 7);
        match answer {
            Err(StoreError::ReadOnly {
                durable_revision: 7,
                disk_full: true,
                ..
            }) => {}
            other => panic!("expected a read-only disk-full failure, got {other:?}"),
        }
        assert!(!*writable.borrow(), "health must follow");
        state.refresh();
        assert!(
            !*writable.borrow(),
            "free space does not undo a failed write"
        );
        assert!(state.failed_write().is_some());
        assert!(matches!(
            state.check_room(0),
            Err(StoreError::ReadOnly { .. })
        ));
    }
}
