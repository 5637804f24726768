//! The layering rules that the storage interface rests on, checked on the
//! source text: the layers above the storage interface never name sled or
//! the sled store, the interface names neither sled nor tonic, and the
//! store never names tonic. Comment lines are not code and are skipped.

use std::path::{Path, PathBuf};

/// Every `.rs` file under `path` (or `path` itself).
fn rust_files(path: &Path) -> Vec<PathBuf> {
    if path.is_file() {
        return vec![path.to_path_buf()];
    }
    let mut files = Vec::new();
    let entries = std::fs::read_dir(path).unwrap_or_else(|error| panic!("{path:?}: {error}"));
    for entry in entries {
        let entry = entry.expect("directory entry");
        let path = entry.path();
        if path.is_dir() {
            files.extend(rust_files(&path));
        } else if path.extension().is_some_and(|extension| extension == "rs") {
            files.push(path);
        }
    }
    files
}

/// `file:line` of every code line under `paths` containing any of `words`.
fn code_lines_naming(paths: &[&str], words: &[&str]) -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut found = Vec::new();
    for path in paths {
        let files = rust_files(&root.join(path));
        assert!(!files.is_empty(), "{path} holds no Rust files");
        for file in files {
            let text = std::fs::read_to_string(&file).expect("read a source file");
            for (number, line) in text.lines().enumerate() {
                let code = line.trim_start();
                if code.starts_with("//") {
                    continue;
                }
                if words.iter().any(|word| code.contains(word)) {
                    found.push(format!("{}:{}: {code}", file.display(), number + 1));
                }
            }
        }
    }
    found
}

#[test]
fn each_layer_names_only_what_it_may() {
    let rules: [(&str, &[&str], &[&str]); 3] = [
        (
            "the service and its neighbours reach storage only through crate::storage",
            &[
                "src/service",
                "src/health.rs",
                "src/metrics",
                "src/reextract.rs",
            ],
            &["sled", "crate::store::", "crate::store;", "store::Store"],
        ),
        (
            "the storage interface names neither sled nor tonic",
            &["src/storage"],
            &["sled::", "tonic"],
        ),
        ("the store never names tonic", &["src/store"], &["tonic"]),
    ];
    for (rule, paths, words) in rules {
        let found = code_lines_naming(paths, words);
        assert!(found.is_empty(), "{rule}:\n{}", found.join("\n"));
    }
}
