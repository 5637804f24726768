//! The state file `khabar.state` beside sled's files: the last revision
//! known to be durable, with a checksum. sled keeps its files consistent
//! with each other, so a store whose files were replaced by older copies (or
//! lost their newest writes) opens cleanly at a lower revision; this record
//! is how open notices such a rollback and refuses it.
//!
//! The file is only ever a lower bound: it is written (temporary file,
//! fsync, rename) after a flush made the revision durable, at most once a
//! second while writing and on shutdown. A crash can leave it older than the
//! store, never newer. This module only reads and writes that one file.

use std::io::Write;
use std::path::{Path, PathBuf};

pub const STATE_FILE_NAME: &str = "khabar.state";
const HEADER: &str = "khabar-state 1";

pub fn path(directory: &Path) -> PathBuf {
    directory.join(STATE_FILE_NAME)
}

fn body(revision: u64) -> String {
    format!("{HEADER}\nrevision {revision}\n")
}

fn checksum(body: &str) -> String {
    blake3::hash(body.as_bytes()).to_hex().to_string()
}

/// Records `revision` as durable.
pub fn write(directory: &Path, revision: u64) -> std::io::Result<()> {
    let body = body(revision);
    let text = format!("{body}blake3 {}\n", checksum(&body));
    let temporary = directory.join(format!("{STATE_FILE_NAME}.tmp"));
    let mut file = std::fs::File::create(&temporary)?;
    file.write_all(text.as_bytes())?;
    file.sync_all()?;
    drop(file);
    std::fs::rename(&temporary, path(directory))
}

/// The recorded revision: `Ok(None)` when there is no state file, `Err`
/// with a description when it is unreadable or fails its checksum.
pub fn read(directory: &Path) -> Result<Option<u64>, String> {
    let path = path(directory);
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(error) => return Err(format!("cannot read {}: {error}", path.display())),
    };
    parse(&text).map(Some).ok_or_else(|| {
        format!(
            "{} is damaged (its checksum does not match); if the store is otherwise sound \
             (khabar check), delete that file to accept the store's revision",
            path.display()
        )
    })
}

fn parse(text: &str) -> Option<u64> {
    let mut lines = text.lines();
    if lines.next()? != HEADER {
        return None;
    }
    let revision: u64 = lines.next()?.strip_prefix("revision ")?.parse().ok()?;
    let recorded = lines.next()?.strip_prefix("blake3 ")?;
    (recorded == checksum(&body(revision))).then_some(revision)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_written_revision_reads_back_and_a_changed_byte_is_refused() {
        let directory = tempfile::tempdir().expect("temporary directory");
        assert_eq!(read(directory.path()), Ok(None));
        write(directory.path(), 60).expect("write the state file");
        assert_eq!(read(directory.path()), Ok(Some(60)));
        let text = std::fs::read_to_string(path(directory.path())).expect("read");
        std::fs::write(
            path(directory.path()),
            text.replace("revision 60", "revision 61"),
        )
        .expect("tamper");
        assert!(read(directory.path()).is_err());
    }
}
