//! Compaction and the `gone/` keys deletions leave behind: compacting the
//! change log past a deletion removes that deletion's keys, while a
//! deletion above the new floor keeps them (older entries still in the log
//! find the deleted copy through them). Written through the real server,
//! then read from the stopped store's sled tree directly.

mod common;

use common::start;
use khabar::proto::v1::{CompactChangeLogRequest, DeleteArticleRequest, DeleteArticleResponse};
use std::path::Path;

const DELETED_AT: &[u8] = b"gone/";
const DELETED_BY_REVISION: &[u8] = b"gone-by-rev/";

/// The engine of a stopped store: its current generation's directory.
fn open_engine(data_dir: &Path) -> sled::Db {
    let engine_directory = match std::fs::read_to_string(data_dir.join("CURRENT")) {
        Ok(name) => data_dir.join(name.trim()),
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => data_dir.to_path_buf(),
        Err(error) => panic!("read CURRENT: {error}"),
    };
    // sled releases its lock a moment after the server's last handle
    // closes (its background threads finish first): wait for it, bounded.
    let started = std::time::Instant::now();
    loop {
        match sled::open(&engine_directory) {
            Ok(db) => return db,
            Err(_) if started.elapsed() < std::time::Duration::from_secs(5) => {
                std::thread::sleep(std::time::Duration::from_millis(50));
            }
            Err(error) => panic!("open sled: {error:?}"),
        }
    }
}

/// Every key under `prefix` with its value.
fn keys_under(db: &sled::Db, prefix: &[u8]) -> Vec<(Vec<u8>, Vec<u8>)> {
    db.scan_prefix(prefix)
        .map(|entry| {
            let (key, value) = entry.expect("readable");
            (key.to_vec(), value.to_vec())
        })
        .collect()
}

/// `gone/` keys as text with the revision each names, for messages.
fn printable(keys: &[(Vec<u8>, Vec<u8>)]) -> Vec<(String, Option<u64>)> {
    keys.iter()
        .map(|(key, value)| {
            let revision = <[u8; 8]>::try_from(value.as_slice())
                .ok()
                .map(u64::from_be_bytes);
            (String::from_utf8_lossy(key).into_owned(), revision)
        })
        .collect()
}

fn gone_key_of_article(id: &str) -> Vec<u8> {
    [DELETED_AT, b"a", id.as_bytes()].concat()
}

async fn delete(server: &mut common::TestServer, id: &str) -> DeleteArticleResponse {
    server
        .client
        .delete_article(DeleteArticleRequest { id: id.to_string() })
        .await
        .expect("delete")
        .into_inner()
}

#[tokio::test]
async fn compaction_removes_the_gone_keys_below_the_floor_and_keeps_those_above() {
    let directory = tempfile::tempdir().expect("temporary directory");
    let mut server = start(directory.path()).await;
    let mut ids = Vec::new();
    for number in 1..=4 {
        let answer = server
            .ingest_numbered(number, "سالم الحربي", "الرافد", "2024-06-01")
            .await;
        ids.push(answer.article.expect("article").id);
    }
    let below = delete(&mut server, &ids[0]).await;
    let between = server
        .ingest_numbered(5, "سالم الحربي", "الرافد", "2024-06-01")
        .await;
    let above = delete(&mut server, &ids[1]).await;
    assert!(
        below.deleted_statements > 0,
        "the deleted article had statements"
    );
    assert!(below.revision < between.revision && between.revision < above.revision);

    let floor = between.revision;
    let compacted = server
        .client
        .compact_change_log(CompactChangeLogRequest {
            through_revision: floor,
        })
        .await
        .expect("compact")
        .into_inner();
    assert_eq!(compacted.oldest_available_revision, floor + 1);
    server.stop().await;

    let db = open_engine(directory.path());
    let gone = keys_under(&db, DELETED_AT);
    let above_bytes = above.revision.to_be_bytes().to_vec();
    assert!(
        gone.contains(&(gone_key_of_article(&ids[1]), above_bytes.clone())),
        "the deletion above the floor keeps its key, naming its revision: {:?}",
        printable(&gone)
    );
    assert!(
        !gone
            .iter()
            .any(|(key, _)| key == &gone_key_of_article(&ids[0])),
        "the article deleted below the floor has no gone/ key left: {:?}",
        printable(&gone)
    );
    // Its statements and milestones went with it: every key left names
    // the deletion above the floor.
    for (key, value) in &gone {
        assert_eq!(
            value,
            &above_bytes,
            "gone/ key {} names a revision at or below the floor",
            String::from_utf8_lossy(key)
        );
    }
    assert!(
        gone.len() as u32 > above.deleted_statements,
        "the statements deleted above the floor keep their keys too: {:?}",
        printable(&gone)
    );
    let by_revision = keys_under(&db, DELETED_BY_REVISION);
    assert!(!by_revision.is_empty());
    for (key, _) in &by_revision {
        let revision = key
            .get(DELETED_BY_REVISION.len()..DELETED_BY_REVISION.len() + 8)
            .and_then(|digits| <[u8; 8]>::try_from(digits).ok())
            .map(u64::from_be_bytes);
        assert_eq!(revision, Some(above.revision), "{key:?}");
    }
}
