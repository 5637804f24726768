//! `khabar check` on a stopped store: a healthy store passes; a store
//! damaged through sled directly (an index entry, a record or a change-log
//! entry removed) fails and names the key; a store in use by a running
//! server is refused with a message saying so.

mod common;

use std::path::Path;
use std::process::{Command, Output};

fn check(directory: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_khabar"))
        .arg("check")
        .arg("--data-dir")
        .arg(directory)
        .output()
        .expect("run khabar check")
}

fn text(output: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

async fn written_store(directory: &Path) {
    let mut server = common::start(directory).await;
    for number in 0..4 {
        server
            .ingest_numbered(number, "سالم الحربي", "الرافد", "2024-01-01")
            .await;
    }
    server.stop().await;
}

/// Removes the first key under `prefix` through sled, returning it.
fn remove_first(directory: &Path, prefix: &[u8]) -> Vec<u8> {
    // sled releases its lock a moment after the server's last handle
    // closes (its background threads finish first): wait for it, bounded.
    let started = std::time::Instant::now();
    let db = loop {
        match sled::open(directory) {
            Ok(db) => break db,
            Err(_) if started.elapsed() < std::time::Duration::from_secs(5) => {
                std::thread::sleep(std::time::Duration::from_millis(50));
            }
            Err(error) => panic!("open sled: {error:?}"),
        }
    };
    let (key, _) = db
        .scan_prefix(prefix)
        .next()
        .expect("a key under the prefix")
        .expect("readable");
    db.remove(&key).expect("remove");
    db.flush().expect("flush");
    key.to_vec()
}

#[tokio::test]
async fn a_healthy_store_passes() {
    let directory = tempfile::tempdir().expect("temporary directory");
    written_store(directory.path()).await;
    let output = check(directory.path());
    let report = text(&output);
    assert!(output.status.success(), "{report}");
    assert!(report.contains("revision 4"), "{report}");
    assert!(report.contains("4 articles"), "{report}");
    assert!(report.contains("ok: every invariant holds"), "{report}");
}

#[tokio::test]
async fn removed_index_entries_records_and_log_entries_are_named() {
    let cases: [(&[u8], &str); 4] = [
        (b"ix/stm/art/", "ix/stm/art/"),
        (b"ix/mil/when/", "ix/mil/when/"),
        (b"mil/", "no such milestone"),
        (b"log/", "change-log entries 1..2 are missing"),
    ];
    for (prefix, expected) in cases {
        let directory = tempfile::tempdir().expect("temporary directory");
        written_store(directory.path()).await;
        let removed = remove_first(directory.path(), prefix);
        let output = check(directory.path());
        let report = text(&output);
        assert!(
            !output.status.success(),
            "removing {removed:?} must fail the check:\n{report}"
        );
        assert!(report.contains("violations"), "{report}");
        assert!(
            report.contains(expected),
            "the report names the damage ({expected}):\n{report}"
        );
    }
}

#[tokio::test]
async fn a_store_in_use_and_a_missing_directory_are_refused() {
    let directory = tempfile::tempdir().expect("temporary directory");
    let server = common::start(directory.path()).await;
    let output = check(directory.path());
    let report = text(&output);
    assert!(!output.status.success());
    assert!(report.contains("in use"), "{report}");
    server.stop().await;

    let missing = directory.path().join("nothing-here");
    let output = check(&missing);
    assert!(!output.status.success());
    assert!(text(&output).contains("not a directory"));
    assert!(!missing.exists(), "check must not create a directory");
}

#[tokio::test]
async fn a_listing_that_reaches_a_missing_record_answers_data_loss() {
    let cases: [(&[u8], &str); 3] = [
        (b"art/", "articles"),
        (b"stm/", "statements"),
        (b"mil/", "milestones"),
    ];
    for (prefix, listing) in cases {
        let directory = tempfile::tempdir().expect("temporary directory");
        written_store(directory.path()).await;
        remove_first(directory.path(), prefix);
        let mut server = common::start(directory.path()).await;
        let answer = match listing {
            "articles" => server
                .client
                .list_articles(khabar::proto::v1::ListArticlesRequest::default())
                .await
                .map(|_| ()),
            "statements" => server
                .client
                .list_statements(khabar::proto::v1::ListStatementsRequest::default())
                .await
                .map(|_| ()),
            _ => server
                .client
                .list_milestones(khabar::proto::v1::ListMilestonesRequest::default())
                .await
                .map(|_| ()),
        };
        let status = answer.expect_err("a row is missing: the listing must not hide it");
        assert_eq!(
            status.code(),
            tonic::Code::DataLoss,
            "{listing}: {status:?}"
        );
        assert!(status.message().contains("khabar check"), "{status:?}");
        server.stop().await;
    }
}
