//! Where the storage engine's files live inside the data directory, and how
//! the store switches to a rewritten copy of itself (a new generation).
//!
//! A store that was never rewritten keeps sled's files directly in the data
//! directory (generation 0). A rewrite (erasure after compaction) copies
//! every live key into `generation-N/`, flushes it, and then names it in the
//! `CURRENT` file, replaced atomically (write, fsync, rename, fsync the
//! directory): a crash before the rename leaves the old generation current,
//! one after it the new one. Files of generations that are not current are
//! removed once nothing uses them, and again on every open.
//!
//! This module only handles paths and files; it must not interpret keys.

use std::io;
use std::path::{Path, PathBuf};

const CURRENT_FILE: &str = "CURRENT";
const GENERATION_PREFIX: &str = "generation-";
/// The files sled keeps in its directory.
const ENGINE_FILES: &[&str] = &["conf", "db", "blobs"];
const ENGINE_SNAPSHOT_PREFIX: &str = "snap.";

/// The generation number and directory holding the current engine files.
pub fn current(data_dir: &Path) -> io::Result<(u64, PathBuf)> {
    let named = match std::fs::read_to_string(data_dir.join(CURRENT_FILE)) {
        Ok(text) => text,
        Err(error) if error.kind() == io::ErrorKind::NotFound => return Ok((0, data_dir.into())),
        Err(error) => return Err(error),
    };
    let name = named.trim();
    let number = name
        .strip_prefix(GENERATION_PREFIX)
        .and_then(|digits| digits.parse::<u64>().ok())
        .ok_or_else(|| {
            io::Error::new(
                io::ErrorKind::InvalidData,
                format!(
                    "{} names {name:?}, which is not a store generation",
                    data_dir.join(CURRENT_FILE).display()
                ),
            )
        })?;
    Ok((number, data_dir.join(name)))
}

/// The directory of generation `number`.
pub fn directory(data_dir: &Path, number: u64) -> PathBuf {
    if number == 0 {
        data_dir.to_path_buf()
    } else {
        data_dir.join(format!("{GENERATION_PREFIX}{number}"))
    }
}

/// Makes generation `number` the current one, durably.
pub fn publish(data_dir: &Path, number: u64) -> io::Result<()> {
    let staged = data_dir.join(format!("{CURRENT_FILE}.new"));
    std::fs::write(&staged, format!("{GENERATION_PREFIX}{number}\n"))?;
    std::fs::File::open(&staged)?.sync_all()?;
    std::fs::rename(&staged, data_dir.join(CURRENT_FILE))?;
    std::fs::File::open(data_dir)?.sync_all()
}

/// Removes the engine files of generation `number`.
pub fn remove(data_dir: &Path, number: u64) -> io::Result<()> {
    if number > 0 {
        return match std::fs::remove_dir_all(directory(data_dir, number)) {
            Err(error) if error.kind() != io::ErrorKind::NotFound => Err(error),
            _ => Ok(()),
        };
    }
    for entry in std::fs::read_dir(data_dir)? {
        let entry = entry?;
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if ENGINE_FILES.contains(&name.as_ref()) || name.starts_with(ENGINE_SNAPSHOT_PREFIX) {
            let path = entry.path();
            if entry.file_type()?.is_dir() {
                std::fs::remove_dir_all(path)?;
            } else {
                std::fs::remove_file(path)?;
            }
        }
    }
    Ok(())
}

/// Removes every generation but `current` (left over from a rewrite that
/// was interrupted, before or after its switch).
pub fn remove_all_but(data_dir: &Path, current: u64) -> io::Result<()> {
    if current > 0 {
        remove(data_dir, 0)?;
    }
    for entry in std::fs::read_dir(data_dir)? {
        let entry = entry?;
        let name = entry.file_name();
        let number = name
            .to_str()
            .and_then(|name| name.strip_prefix(GENERATION_PREFIX))
            .and_then(|digits| digits.parse::<u64>().ok());
        if let Some(number) = number
            && number != current
        {
            remove(data_dir, number)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_published_generation_becomes_current_and_old_files_go() {
        let data_dir = tempfile::tempdir().expect("temporary directory");
        let root = data_dir.path();
        assert_eq!(current(root).ok(), Some((0, root.to_path_buf())));
        for file in ["conf", "db", "snap.0001", "khabar.keep"] {
            std::fs::write(root.join(file), b"x").expect("write a file");
        }
        std::fs::create_dir_all(directory(root, 1)).expect("generation 1");
        std::fs::create_dir_all(directory(root, 2)).expect("generation 2");
        publish(root, 1).expect("publish");
        assert_eq!(current(root).ok(), Some((1, root.join("generation-1"))));
        remove_all_but(root, 1).expect("clean up");
        assert!(!root.join("db").exists());
        assert!(!root.join("conf").exists());
        assert!(!root.join("snap.0001").exists());
        assert!(root.join("khabar.keep").exists(), "other files stay");
        assert!(!root.join("generation-2").exists());
        assert!(root.join("generation-1").exists());
    }

    #[test]
    fn a_current_file_naming_something_else_is_an_error() {
        let data_dir = tempfile::tempdir().expect("temporary directory");
        std::fs::write(data_dir.path().join(CURRENT_FILE), "../elsewhere\n").expect("write");
        assert!(current(data_dir.path()).is_err());
    }
}
