//! Store formats: a data directory in an older format is refused with the
//! way to migrate, and a backup in the older format restores into a store
//! this version serves. The format-1 backup is made the way format 1 wrote
//! them (bare protobuf values, change-log entries with full copies), from a
//! real format-2 backup taken of a real server.

mod common;

use khabar::proto::v1::{
    Article, ChangeKind, ChangeSet, DeleteArticleRequest, ListArticlesRequest, Milestone,
    StartPosition, Statement, SubscribeRequest, change, subscribe_response,
};
use prost::Message;
use std::collections::HashMap;
use std::io::{Read, Write};
use std::path::Path;

type Entry = (Vec<u8>, Vec<u8>);

/// The entries of a backup file (`src/store/backup.rs` gives the frames).
fn read_backup(path: &Path) -> (u64, Vec<Entry>) {
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .expect("open the backup")
        .read_to_end(&mut bytes)
        .expect("read the backup");
    assert_eq!(&bytes[..8], b"KHABARBK");
    assert_eq!(u32::from_be_bytes(bytes[8..12].try_into().expect("4")), 2);
    let revision = u64::from_be_bytes(bytes[12..20].try_into().expect("8"));
    let mut at = 20;
    let mut take = |length: usize| {
        let part = bytes[at..at + length].to_vec();
        at += length;
        part
    };
    let mut entries = Vec::new();
    loop {
        let key_length = u32::from_be_bytes(take(4).try_into().expect("4"));
        if key_length == u32::MAX {
            break;
        }
        let key = take(key_length as usize);
        let value_length = u32::from_be_bytes(take(4).try_into().expect("4"));
        entries.push((key, take(value_length as usize)));
    }
    (revision, entries)
}

fn write_backup(path: &Path, format: u32, revision: u64, entries: &[Entry]) {
    let mut bytes = b"KHABARBK".to_vec();
    bytes.extend_from_slice(&format.to_be_bytes());
    bytes.extend_from_slice(&revision.to_be_bytes());
    for (key, value) in entries {
        bytes.extend_from_slice(&(key.len() as u32).to_be_bytes());
        bytes.extend_from_slice(key);
        bytes.extend_from_slice(&(value.len() as u32).to_be_bytes());
        bytes.extend_from_slice(value);
    }
    bytes.extend_from_slice(&u32::MAX.to_be_bytes());
    bytes.extend_from_slice(&(entries.len() as u64).to_be_bytes());
    let hash = blake3::hash(&bytes);
    bytes.extend_from_slice(hash.as_bytes());
    std::fs::File::create(path)
        .expect("create")
        .write_all(&bytes)
        .expect("write");
}

/// A format-2 record value back to its payload: header 0 plain, 1 zstd.
fn unpacked(value: &[u8]) -> Vec<u8> {
    match value.split_first() {
        Some((0, payload)) => payload.to_vec(),
        Some((1, frame)) => zstd::stream::decode_all(frame).expect("a zstd frame"),
        other => panic!("not a packed value: {other:?}"),
    }
}

/// The entries a format-1 store would have held for the same data.
fn as_format_one(entries: Vec<Entry>) -> Vec<Entry> {
    let packed = |key: &[u8]| {
        [
            b"art/".as_slice(),
            b"stm/",
            b"mil/",
            b"raw/",
            b"req/",
            b"log/",
        ]
        .iter()
        .any(|family| key.starts_with(family))
    };
    let entries: Vec<Entry> = entries
        .into_iter()
        .filter(|(key, _)| !key.starts_with(b"gone") && key.as_slice() != b"meta/format")
        .map(|(key, value)| {
            let value = if packed(&key) {
                unpacked(&value)
            } else {
                value
            };
            (key, value)
        })
        .collect();
    let mut records: HashMap<Vec<u8>, Vec<u8>> = entries.iter().cloned().collect();
    // A resource deleted since has no record; format 1 held its copy in
    // every entry, the deletion's entry has it now.
    for (key, value) in &entries {
        if !key.starts_with(b"log/") {
            continue;
        }
        let change_set = ChangeSet::decode(value.as_slice()).expect("a log entry");
        for change in change_set.changes {
            let record = match change.resource {
                Some(change::Resource::Article(a)) => (format!("art/{}", a.id), a.encode_to_vec()),
                Some(change::Resource::Statement(s)) => {
                    (format!("stm/{}", s.id), s.encode_to_vec())
                }
                Some(change::Resource::Milestone(m)) => {
                    (format!("mil/{}", m.id), m.encode_to_vec())
                }
                None => continue,
            };
            if change.kind == ChangeKind::Deleted as i32 {
                records.entry(record.0.into_bytes()).or_insert(record.1);
            }
        }
    }
    let full = |family: &str, id: &str| {
        records
            .get(format!("{family}{id}").as_bytes())
            .cloned()
            .expect("every referred resource is stored or deleted with a copy")
    };
    entries
        .into_iter()
        .map(|(key, value)| {
            if !key.starts_with(b"log/") {
                return (key, value);
            }
            let mut change_set = ChangeSet::decode(value.as_slice()).expect("a log entry");
            for change in &mut change_set.changes {
                let resource = match change.resource.take() {
                    Some(change::Resource::Article(a)) if a.body.is_empty() => {
                        change::Resource::Article(
                            Article::decode(full("art/", &a.id).as_slice()).expect("article"),
                        )
                    }
                    Some(change::Resource::Statement(s)) if s.text.is_empty() => {
                        change::Resource::Statement(
                            Statement::decode(full("stm/", &s.id).as_slice()).expect("statement"),
                        )
                    }
                    Some(change::Resource::Milestone(m)) if m.article_id.is_empty() => {
                        change::Resource::Milestone(
                            Milestone::decode(full("mil/", &m.id).as_slice()).expect("milestone"),
                        )
                    }
                    Some(other) => other,
                    None => continue,
                };
                change.resource = Some(resource);
            }
            (key, change_set.encode_to_vec())
        })
        .collect()
}

async fn khabar(arguments: Vec<std::ffi::OsString>) -> std::process::Output {
    let mut command = tokio::process::Command::new(env!("CARGO_BIN_EXE_khabar"));
    command.args(arguments).kill_on_drop(true);
    tokio::time::timeout(std::time::Duration::from_secs(60), command.output())
        .await
        .expect("khabar finished in time")
        .expect("run khabar")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_format_one_backup_restores_and_an_old_store_is_refused() {
    let root = tempfile::tempdir().expect("temporary directory");
    let mut server = common::start(&root.path().join("live")).await;
    let mut ids = Vec::new();
    for number in 0..3 {
        let answer = server
            .ingest_numbered(number, "سالم الحربي", "الرافد", "2024-01-01")
            .await;
        ids.push(answer.article.expect("article").id);
    }
    server
        .client
        .delete_article(DeleteArticleRequest { id: ids[0].clone() })
        .await
        .expect("delete");
    let current = root.path().join("current.bak");
    let output = khabar(vec![
        "backup".into(),
        "--server".into(),
        format!("http://{}", server.address).into(),
        "--output".into(),
        current.clone().into(),
    ])
    .await;
    assert!(output.status.success(), "{output:?}");
    server.stop().await;

    let (revision, entries) = read_backup(&current);
    let old = root.path().join("old.bak");
    write_backup(&old, 1, revision, &as_format_one(entries));

    // The format-2 backup itself restores cleanly.
    let (_, current_report) =
        khabar::store::restore_backup(&current, &root.path().join("scratch")).expect("restore");
    assert_eq!(
        current_report.violation_count, 0,
        "{:?}",
        current_report.violations
    );

    // A format-1 data directory: refused, with the way to migrate.
    let old_directory = root.path().join("old-store");
    {
        let db = sled::open(&old_directory).expect("a sled directory");
        db.insert("meta/revision", &revision.to_be_bytes())
            .expect("insert");
        db.flush().expect("flush");
    }
    let output = khabar(vec![
        "serve".into(),
        "--listen".into(),
        "127.0.0.1:0".into(),
        "--data-dir".into(),
        old_directory.clone().into(),
    ])
    .await;
    let said = String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success(), "{said}");
    assert!(said.contains("format 1"), "{said}");
    assert!(said.contains("khabar restore"), "{said}");

    // The format-1 backup restores, passes the check and serves.
    let restored = root.path().join("restored");
    let (summary, report) = khabar::store::restore_backup(&old, &restored).expect("restore");
    assert_eq!(summary.revision, revision);
    assert_eq!(report.violation_count, 0, "{:?}", report.violations);
    assert_eq!(report.articles, 2);
    let mut copy = common::start(&restored).await;
    let listed = copy
        .client
        .list_articles(ListArticlesRequest::default())
        .await
        .expect("list")
        .into_inner();
    assert_eq!(listed.articles.len(), 2);

    // The whole history reads back, the deleted article included, from
    // the references and copies the migration wrote.
    let mut stream = copy
        .client
        .subscribe(SubscribeRequest {
            start: StartPosition::Beginning as i32,
            ..SubscribeRequest::default()
        })
        .await
        .expect("subscribe")
        .into_inner();
    let mut created_articles = Vec::new();
    let mut deleted_articles = Vec::new();
    while created_articles.len() < 3 || deleted_articles.is_empty() {
        let message = tokio::time::timeout(std::time::Duration::from_secs(10), stream.message())
            .await
            .expect("a change in time")
            .expect("the stream is healthy")
            .expect("the stream goes on");
        let Some(subscribe_response::Event::Changes(change_set)) = message.event else {
            continue;
        };
        for change in change_set.changes {
            if let Some(change::Resource::Article(article)) = change.resource {
                assert!(!article.body.is_empty(), "a full article, not a reference");
                match ChangeKind::try_from(change.kind) {
                    Ok(ChangeKind::Created) => created_articles.push(article.id),
                    Ok(ChangeKind::Deleted) => deleted_articles.push(article.id),
                    _ => {}
                }
            }
        }
    }
    assert_eq!(created_articles, ids);
    assert_eq!(deleted_articles, vec![ids[0].clone()]);
    copy.stop().await;
}
