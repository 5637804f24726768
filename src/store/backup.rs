//! Online backup and offline restore. A backup is every key and value of
//! the store at one durable revision, written by the writer thread between
//! two groups (so no write is half in it), in a framed file:
//!
//! ```text
//! "KHABARBK" | format u32 | revision u64
//! (key length u32 | key | value length u32 | value)*
//! 0xFFFFFFFF | entry count u64 | BLAKE3 of every byte before it (32 bytes)
//! ```
//!
//! Numbers are big-endian. Restore verifies the whole file before it
//! writes anything, and only into an empty directory. This module must not
//! know how the file travels (the service streams it).

use super::error::{StoreError, StoreResult};
use super::writer::WriteCommand;
use super::{Store, format, records, state_file};
use std::io::{BufReader, BufWriter, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use tokio::sync::oneshot;

const MAGIC: &[u8; 8] = b"KHABARBK";
/// Format 2 holds the entries of a format-2 store (see `format`); format 1
/// backups, taken before values were packed, are converted on restore.
const FORMAT: u32 = 2;
/// The oldest backup format restore still reads.
const OLDEST_FORMAT: u32 = 1;
const END: u32 = u32::MAX;
/// Restore applies entries in batches of this many.
const RESTORE_BATCH: usize = 4096;
/// Size of the chunks a backup file is read in for streaming.
pub const BACKUP_CHUNK_BYTES: usize = 1024 * 1024;

/// What a backup file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BackupSummary {
    pub revision: u64,
    pub entries: u64,
    pub bytes: u64,
}

/// A writer that hashes what passes through it.
struct Hashing<W> {
    inner: W,
    hasher: blake3::Hasher,
    bytes: u64,
}

impl<W: Write> Write for Hashing<W> {
    fn write(&mut self, buffer: &[u8]) -> std::io::Result<usize> {
        let written = self.inner.write(buffer)?;
        self.hasher.update(&buffer[..written]);
        self.bytes += written as u64;
        Ok(written)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

fn length(value: usize, what: &[u8]) -> StoreResult<u32> {
    u32::try_from(value)
        .ok()
        .filter(|&length| length != END)
        .ok_or_else(|| StoreError::corrupt(what, "too long for a backup frame"))
}

fn io_error(error: std::io::Error) -> StoreError {
    StoreError::io(error)
}

/// Writes every entry of `db` to a new file at `path` and syncs it. Runs on
/// the writer thread, where `revision` is the durable revision.
pub(super) fn write_snapshot(
    db: &sled::Db,
    revision: u64,
    path: &Path,
) -> StoreResult<BackupSummary> {
    let counter = records::read_revision(db)?;
    if counter != revision {
        return Err(StoreError::corrupt(
            b"meta/revision",
            format!(
                "the store holds revision {counter}, not the durable {revision}: a write failed"
            ),
        ));
    }
    let file = std::fs::File::create_new(path).map_err(io_error)?;
    let mut out = Hashing {
        inner: BufWriter::new(file),
        hasher: blake3::Hasher::new(),
        bytes: 0,
    };
    out.write_all(MAGIC).map_err(io_error)?;
    out.write_all(&FORMAT.to_be_bytes()).map_err(io_error)?;
    out.write_all(&revision.to_be_bytes()).map_err(io_error)?;
    let mut entries = 0u64;
    for entry in db.iter() {
        let (key, value) = entry?;
        out.write_all(&length(key.len(), &key)?.to_be_bytes())
            .map_err(io_error)?;
        out.write_all(&key).map_err(io_error)?;
        out.write_all(&length(value.len(), &key)?.to_be_bytes())
            .map_err(io_error)?;
        out.write_all(&value).map_err(io_error)?;
        entries += 1;
    }
    out.write_all(&END.to_be_bytes()).map_err(io_error)?;
    out.write_all(&entries.to_be_bytes()).map_err(io_error)?;
    let hash = out.hasher.finalize();
    let mut inner = out.inner;
    inner.write_all(hash.as_bytes()).map_err(io_error)?;
    let file = inner
        .into_inner()
        .map_err(|error| io_error(error.into_error()))?;
    file.sync_all().map_err(io_error)?;
    Ok(BackupSummary {
        revision,
        entries,
        bytes: out.bytes + 32,
    })
}

/// One key and its value.
type Entry = (Vec<u8>, Vec<u8>);

/// Reads a backup frame by frame, hashing as it goes.
struct Frames<R> {
    input: R,
    hasher: blake3::Hasher,
    bytes: u64,
}

impl<R: Read> Frames<R> {
    fn exact<const N: usize>(&mut self) -> Result<[u8; N], String> {
        let mut buffer = [0u8; N];
        self.input
            .read_exact(&mut buffer)
            .map_err(|_| "the file ends too early (truncated)".to_string())?;
        self.hasher.update(&buffer);
        self.bytes += N as u64;
        Ok(buffer)
    }

    fn bytes(&mut self, length: u32) -> Result<Vec<u8>, String> {
        let mut buffer = Vec::new();
        let read = (&mut self.input)
            .take(u64::from(length))
            .read_to_end(&mut buffer)
            .map_err(|error| error.to_string())?;
        if read != length as usize {
            return Err("the file ends too early (truncated)".into());
        }
        self.hasher.update(&buffer);
        self.bytes += u64::from(length);
        Ok(buffer)
    }

    /// The next entry, or `None` at the end marker.
    fn entry(&mut self) -> Result<Option<Entry>, String> {
        let key_length = u32::from_be_bytes(self.exact()?);
        if key_length == END {
            return Ok(None);
        }
        let key = self.bytes(key_length)?;
        let value_length = u32::from_be_bytes(self.exact()?);
        let value = self.bytes(value_length)?;
        Ok(Some((key, value)))
    }
}

/// Reads the backup at `path`, handing each entry to `each`, and checks its
/// structure and checksum. `each` may have run on entries of a file that
/// then fails: callers verify first when that matters.
fn read_backup(
    path: &Path,
    mut each: impl FnMut(Vec<u8>, Vec<u8>) -> StoreResult<()>,
) -> StoreResult<BackupSummary> {
    let invalid = |problem: String| StoreError::Backup {
        path: path.to_path_buf(),
        problem: format!("not a usable backup: {problem}"),
    };
    let file = std::fs::File::open(path).map_err(io_error)?;
    let mut frames = Frames {
        input: BufReader::new(file),
        hasher: blake3::Hasher::new(),
        bytes: 0,
    };
    if &frames.exact::<8>().map_err(invalid)? != MAGIC {
        return Err(invalid("it is not a khabar backup".into()));
    }
    let format = u32::from_be_bytes(frames.exact().map_err(invalid)?);
    if !(OLDEST_FORMAT..=FORMAT).contains(&format) {
        return Err(invalid(format!(
            "it is in backup format {format}, which this version does not read \
             (it reads {OLDEST_FORMAT} to {FORMAT}): restore it with a newer khabar"
        )));
    }
    // Backup format 1 held store format 1 entries; format 2 holds format 2.
    let store_format = format;
    let revision = u64::from_be_bytes(frames.exact().map_err(invalid)?);
    let mut entries = 0u64;
    while let Some((key, value)) = frames.entry().map_err(invalid)? {
        for (key, value) in format::migrate_entry(store_format, key, value)? {
            each(key, value)?;
        }
        entries += 1;
    }
    let recorded = u64::from_be_bytes(frames.exact().map_err(invalid)?);
    let computed = frames.hasher.finalize();
    let mut hash = [0u8; 32];
    frames
        .input
        .read_exact(&mut hash)
        .map_err(|_| invalid("the checksum is missing (truncated)".into()))?;
    let mut rest = [0u8; 1];
    let trailing = frames.input.read(&mut rest).map_err(io_error)?;
    if computed != blake3::Hash::from_bytes(hash) || trailing != 0 {
        return Err(invalid("its BLAKE3 checksum does not match".into()));
    }
    if recorded != entries {
        return Err(invalid(format!(
            "it says {recorded} entries but holds {entries}"
        )));
    }
    Ok(BackupSummary {
        revision,
        entries,
        bytes: frames.bytes + 32,
    })
}

/// Checks a backup file's structure and checksum without restoring it.
pub fn verify_backup(path: &Path) -> StoreResult<BackupSummary> {
    read_backup(path, |_, _| Ok(()))
}

/// Restores the backup at `input` into `directory`, which must be absent
/// or empty. Verifies the whole file first; the store it writes is at the
/// backup's revision, with its state file, and is checked against every
/// invariant (the report is returned).
pub fn restore_backup(
    input: &Path,
    directory: &Path,
) -> StoreResult<(BackupSummary, super::CheckReport)> {
    let summary = verify_backup(input)?;
    if directory.exists() {
        let mut listing = std::fs::read_dir(directory).map_err(io_error)?;
        if listing.next().is_some() {
            return Err(StoreError::Backup {
                path: directory.to_path_buf(),
                problem: "restore needs a new or empty directory; this one holds files".into(),
            });
        }
    }
    let db = sled::Config::new().path(directory).open()?;
    let mut batch = sled::Batch::default();
    let mut pending = 0usize;
    read_backup(input, |key, value| {
        batch.insert(key, value);
        pending += 1;
        if pending == RESTORE_BATCH {
            db.apply_batch(std::mem::take(&mut batch))?;
            pending = 0;
        }
        Ok(())
    })?;
    let (format_key, format_value) = format::marker();
    batch.insert(format_key, format_value);
    db.apply_batch(batch)?;
    db.flush()?;
    let restored = records::read_revision(&db)?;
    if restored != summary.revision {
        return Err(StoreError::corrupt(
            b"meta/revision",
            format!(
                "the backup says revision {} but holds {restored}",
                summary.revision
            ),
        ));
    }
    state_file::write(directory, summary.revision).map_err(io_error)?;
    // Checked on this handle: the engine releases its lock on the files
    // only after its background work ends, so opening again at once could
    // find the directory still "in use".
    let report = super::check::check_db(&db, directory)?;
    Ok((summary, report))
}

/// Names of backup files being written or streamed in the data directory;
/// open removes leftovers of a crash.
pub(super) const IN_PROGRESS_PREFIX: &str = "backup-in-progress-";

/// Writes a consistent copy of `store` at its durable revision to a file in
/// its data directory, on the writer thread between two groups. Writes
/// wait while it runs.
pub(super) async fn take(store: &Store) -> StoreResult<BackupFile> {
    static NEXT: AtomicU64 = AtomicU64::new(0);
    store.disk.check_room(store.db().size_on_disk()?)?;
    let path = store.disk.directory().join(format!(
        "{IN_PROGRESS_PREFIX}{}-{}",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::Relaxed)
    ));
    let (reply, answer) = oneshot::channel();
    let job_path = path.clone();
    let job = move |db: &sled::Db, revision: u64| {
        let outcome = write_snapshot(db, revision, &job_path);
        if outcome.is_err() {
            let _ = std::fs::remove_file(&job_path);
        }
        let _ = reply.send(outcome);
    };
    store
        .send(WriteCommand::Exclusive { job: Box::new(job) })
        .await?;
    let summary = answer.await.map_err(|_| StoreError::ShuttingDown)??;
    tracing::info!(
        revision = summary.revision,
        entries = summary.entries,
        bytes = summary.bytes,
        "backup taken"
    );
    BackupFile::new(path.clone(), summary).inspect_err(|_| {
        let _ = std::fs::remove_file(&path);
    })
}

/// A backup file written in the data directory for streaming; removed when
/// dropped.
#[derive(Debug)]
pub struct BackupFile {
    path: PathBuf,
    file: Option<std::fs::File>,
    pub summary: BackupSummary,
}

impl BackupFile {
    pub(super) fn new(path: PathBuf, summary: BackupSummary) -> StoreResult<BackupFile> {
        let file = std::fs::File::open(&path).map_err(io_error)?;
        Ok(BackupFile {
            path,
            file: Some(file),
            summary,
        })
    }

    /// The next chunk of the file, `None` at its end. Blocking.
    pub fn next_chunk(&mut self) -> StoreResult<Option<Vec<u8>>> {
        let Some(file) = self.file.as_mut() else {
            return Ok(None);
        };
        let mut chunk = Vec::with_capacity(BACKUP_CHUNK_BYTES);
        file.take(BACKUP_CHUNK_BYTES as u64)
            .read_to_end(&mut chunk)
            .map_err(io_error)?;
        if chunk.is_empty() {
            self.file = None;
            return Ok(None);
        }
        Ok(Some(chunk))
    }
}

impl Drop for BackupFile {
    fn drop(&mut self) {
        self.file = None;
        if let Err(error) = std::fs::remove_file(&self.path) {
            tracing::warn!(%error, path = %self.path.display(), "cannot remove a backup file");
        }
    }
}
