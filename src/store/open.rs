//! Opening a store without trusting its files: sled's open and the first
//! reads run under `catch_unwind` (sled panics on many kinds of damaged
//! files), and the revision counter, the change-log head and the state file
//! must agree before the store is served. Anything else becomes
//! `StoreError::Damaged` naming the directory and what to do. This module
//! reads; the only thing it writes is the state file.

use super::error::{StoreError, StoreResult};
use super::format;
use super::records;
use super::space::{self, DiskState, FreeSpaceReserve};
use super::{
    SharedDb, Store, WRITE_QUEUE_DEPTH, backup, ballast, compact, generations, keys, state_file,
    writer,
};
use crate::proto::v1::ChangeSet;
use std::cell::RefCell;
use std::path::Path;
use std::sync::{Arc, Mutex, Once};
use tokio::sync::{mpsc, watch};

/// How many change-log entries below the head open decodes.
const LOG_ENTRIES_CHECKED_ON_OPEN: u64 = 16;

/// How a store is opened.
#[derive(Debug, Clone)]
pub struct StoreOptions {
    /// Free space writes must leave on the data directory's file system.
    pub min_free_bytes: FreeSpaceReserve,
    /// Memory the storage engine may use for its page cache.
    pub cache_capacity_bytes: u64,
}

impl Default for StoreOptions {
    fn default() -> Self {
        StoreOptions {
            min_free_bytes: FreeSpaceReserve::default(),
            cache_capacity_bytes: crate::config::DEFAULT_CACHE_CAPACITY_BYTES,
        }
    }
}

thread_local! {
    /// Set while this thread runs guarded sled code: the panic hook then
    /// keeps the message here instead of printing it.
    static CAUGHT_PANIC: RefCell<Option<String>> = const { RefCell::new(None) };
}

static QUIET_HOOK: Once = Once::new();

/// "what, at file:line" of a caught panic, the file shortened to the crate.
fn describe_panic(info: &std::panic::PanicHookInfo<'_>) -> String {
    let payload = info.payload();
    let what = payload
        .downcast_ref::<&str>()
        .map(|text| text.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "an internal assertion failed".to_string());
    match info.location() {
        Some(location) => {
            let file = location.file();
            let short = file.find("sled-").map_or(file, |start| &file[start..]);
            format!("{what}, at {short}:{}", location.line())
        }
        None => what,
    }
}

/// Runs `work`, turning a panic into its message. The panic hook is
/// silent for panics caught here and unchanged for every other panic.
pub(super) fn guarded<T>(work: impl FnOnce() -> T) -> Result<T, String> {
    QUIET_HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let caught = CAUGHT_PANIC.with(|slot| {
                let mut slot = slot.borrow_mut();
                match slot.as_mut() {
                    Some(message) => {
                        *message = describe_panic(info);
                        true
                    }
                    None => false,
                }
            });
            if !caught {
                previous(info);
            }
        }));
    });
    CAUGHT_PANIC.with(|slot| *slot.borrow_mut() = Some(String::new()));
    let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(work));
    let message = CAUGHT_PANIC.with(|slot| slot.borrow_mut().take());
    outcome.map_err(|_| message.unwrap_or_default())
}

/// How long open waits for the engine's lock on the files. sled releases it
/// only when its background threads let go of the files, a moment after the
/// last handle closed; another process holding it is refused after this.
const LOCK_PATIENCE: std::time::Duration = std::time::Duration::from_secs(3);

/// Opens sled in `directory`, waiting up to `LOCK_PATIENCE` for its lock.
pub(super) fn open_engine(directory: &Path, cache_capacity_bytes: u64) -> StoreResult<sled::Db> {
    let started = std::time::Instant::now();
    loop {
        match open_engine_once(directory, cache_capacity_bytes) {
            Err(StoreError::Locked { .. }) if started.elapsed() < LOCK_PATIENCE => {
                std::thread::sleep(std::time::Duration::from_millis(50));
            }
            outcome => return outcome,
        }
    }
}

/// One attempt: a held lock, a panic or a corruption report (damage), or
/// anything else, each as its own error.
fn open_engine_once(directory: &Path, cache_capacity_bytes: u64) -> StoreResult<sled::Db> {
    let damaged = |problem: String| StoreError::Damaged {
        directory: directory.to_path_buf(),
        problem,
    };
    let opening = || {
        sled::Config::new()
            .path(directory)
            .cache_capacity(cache_capacity_bytes)
            .open()
    };
    match guarded(opening) {
        Err(panic) => Err(damaged(format!(
            "the storage engine failed while opening its files ({panic})"
        ))),
        Ok(Err(sled::Error::Io(error)))
            if error.kind() == std::io::ErrorKind::WouldBlock
                || error.to_string().contains("lock") =>
        {
            Err(StoreError::Locked {
                directory: directory.to_path_buf(),
            })
        }
        Ok(Err(error @ (sled::Error::Corruption { .. } | sled::Error::ReportableBug(_)))) => {
            Err(damaged(format!("the storage engine reports {error}")))
        }
        Ok(Err(error)) => Err(StoreError::from(error)),
        Ok(Ok(db)) => Ok(db),
    }
}

/// The revision of the newest change-log entry, 0 when the log is empty.
pub(super) fn log_head(db: &sled::Db) -> StoreResult<u64> {
    match db
        .range(keys::change_log(0)..=keys::change_log(u64::MAX))
        .next_back()
    {
        Some(entry) => {
            let (key, _) = entry?;
            log_revision(&key)
        }
        None => Ok(0),
    }
}

pub(super) fn log_revision(key: &[u8]) -> StoreResult<u64> {
    let digits: [u8; 8] = key
        .get(keys::CHANGE_LOG.len()..)
        .and_then(|rest| rest.try_into().ok())
        .ok_or_else(|| StoreError::corrupt(key, "not a change-log key"))?;
    Ok(u64::from_be_bytes(digits))
}

/// Checks that the counter, the log head and the state file agree and that
/// the newest log entries are present and decode. Returns the revision or
/// the problem in words.
fn verify(db: &sled::Db, directory: &Path) -> Result<u64, String> {
    let revision = records::read_revision(db).map_err(|error| error.to_string())?;
    let floor =
        records::read_counter(db, keys::META_LOG_FLOOR).map_err(|error| error.to_string())?;
    let head = log_head(db).map_err(|error| error.to_string())?;
    if head != revision && !(head == 0 && floor >= revision) {
        return Err(format!(
            "the revision counter says {revision} but the newest change-log entry is {head}"
        ));
    }
    let oldest_checked = revision
        .saturating_sub(LOG_ENTRIES_CHECKED_ON_OPEN - 1)
        .max(floor + 1);
    for expected in (oldest_checked..=revision).rev() {
        let key = keys::change_log(expected);
        let bytes = db
            .get(&key)
            .map_err(|error| error.to_string())?
            .ok_or_else(|| format!("the change-log entry of revision {expected} is missing"))?;
        let change_set: ChangeSet =
            records::decode(&key, &bytes).map_err(|error| error.to_string())?;
        if change_set.revision != expected {
            return Err(format!(
                "the change-log entry of revision {expected} says revision {}",
                change_set.revision
            ));
        }
    }
    if let Some(recorded) = state_file::read(directory)?
        && recorded > revision
    {
        return Err(format!(
            "it holds revision {revision}, but revision {recorded} was durable before \
             ({}): its files were rolled back, replaced by older copies or lost writes",
            state_file::STATE_FILE_NAME
        ));
    }
    Ok(revision)
}

/// Opens and closes the closed store in `directory` once, so the next open
/// is quick. sled 0.34 writes the snapshot of its page table only while it
/// opens, so an open replays every write made since the previous open:
/// measured 14.7 s for a store of 1M statements filled in one run, against
/// 1.8 s once a snapshot existed. Reopening after a clean stop moves that
/// replay to the stop. Returns how long it took.
pub fn prepare_next_open(
    directory: &Path,
    cache_capacity_bytes: u64,
) -> StoreResult<std::time::Duration> {
    let started = std::time::Instant::now();
    let (_, engine_directory) = generations::current(directory).map_err(StoreError::io)?;
    let db = open_engine(&engine_directory, cache_capacity_bytes)?;
    drop(db);
    Ok(started.elapsed())
}

/// Backup files left by a server that stopped while streaming one.
fn remove_unfinished_backups(directory: &Path) {
    let Ok(listing) = std::fs::read_dir(directory) else {
        return;
    };
    for entry in listing.flatten() {
        if entry
            .file_name()
            .to_string_lossy()
            .starts_with(backup::IN_PROGRESS_PREFIX)
        {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

pub(super) fn open(directory: &Path, options: StoreOptions) -> StoreResult<Store> {
    let io_error = StoreError::io;
    std::fs::create_dir_all(directory).map_err(io_error)?;
    let (generation, engine_directory) = generations::current(directory).map_err(io_error)?;
    generations::remove_all_but(directory, generation).map_err(io_error)?;
    ballast::release_if_full(directory, options.min_free_bytes.bytes());
    let db = open_engine(&engine_directory, options.cache_capacity_bytes)?;
    format::ensure_current(&db, directory)?;
    let revision = match guarded(|| verify(&db, directory)) {
        Ok(Ok(revision)) => revision,
        Ok(Err(problem)) => {
            return Err(StoreError::Damaged {
                directory: directory.to_path_buf(),
                problem,
            });
        }
        Err(panic) => {
            return Err(StoreError::Damaged {
                directory: directory.to_path_buf(),
                problem: format!("the storage engine failed reading its newest entries ({panic})"),
            });
        }
    };
    remove_unfinished_backups(directory);
    let disk = DiskState::new(directory, options.min_free_bytes.clone());
    if state_file::read(directory) != Ok(Some(revision)) {
        disk.record_state(revision);
    }
    let monitor = space::Monitor::start(disk.clone()).map_err(sled::Error::Io)?;
    let (revision_sender, durable_revision) = watch::channel(revision);
    let (commands, receiver) = mpsc::channel(WRITE_QUEUE_DEPTH);
    let engine = Arc::new(SharedDb::new(db));
    let commits = super::CommitMetrics::default();
    let writer = writer::Writer {
        engine: engine.clone(),
        db: engine.get(),
        layout: compact::Layout {
            data_dir: directory.to_path_buf(),
            generation,
            options,
            retired: Vec::new(),
        },
        durable: revision_sender,
        revision,
        disk: disk.clone(),
        commits: commits.clone(),
    };
    let writer_thread = std::thread::Builder::new()
        .name("khabar-writer".to_string())
        .spawn(move || writer.run(receiver))
        .map_err(io_error)?;
    let writable = *disk.watch_writable().borrow();
    if writable {
        tracing::info!(directory = %directory.display(), revision, "store opened");
    } else {
        tracing::warn!(
            directory = %directory.display(),
            revision,
            "store opened read-only: free space is below the reserve (min_free_bytes); \
             writes are refused until space returns"
        );
    }
    Ok(Store {
        engine,
        data_dir: directory.to_path_buf(),
        commands,
        durable_revision,
        writer_thread: Mutex::new(Some(writer_thread)),
        disk,
        monitor: Mutex::new(Some(monitor)),
        commits,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_in_guarded_code_becomes_its_message() {
        let caught = guarded(|| -> u32 { panic!("page 7 is torn") });
        let message = caught.expect_err("the panic is caught");
        assert!(message.contains("page 7 is torn"), "{message}");
        assert_eq!(guarded(|| 5), Ok(5));
    }
}
