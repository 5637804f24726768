//! Online backup and restore through the real binary: `khabar backup` while
//! a client keeps ingesting gives one consistent revision; `khabar restore`
//! of it serves exactly that revision with every article of it, and
//! `khabar check` passes; a backup with one flipped byte is refused.

mod common;

use common::{article_text, request};
use khabar::proto::v1::{GetArticleRequest, ListArticlesRequest};
use std::path::Path;
use std::process::Output;

/// Runs the binary off the test's runtime thread, so the in-process server
/// keeps serving meanwhile.
async fn khabar(arguments: Vec<std::ffi::OsString>) -> Output {
    tokio::task::spawn_blocking(move || {
        std::process::Command::new(env!("CARGO_BIN_EXE_khabar"))
            .args(arguments)
            .output()
            .expect("run khabar")
    })
    .await
    .expect("khabar finished")
}

fn text(output: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

async fn restore(input: &Path, data_dir: &Path) -> Output {
    khabar(vec![
        "restore".into(),
        "--input".into(),
        input.into(),
        "--data-dir".into(),
        data_dir.into(),
    ])
    .await
}

#[tokio::test]
async fn a_backup_taken_during_ingest_restores_one_whole_revision() {
    let root = tempfile::tempdir().expect("temporary directory");
    let mut server = common::start(&root.path().join("live")).await;
    for number in 0..10 {
        server
            .ingest_numbered(number, "سالم الحربي", "الرافد", "2024-01-01")
            .await;
    }
    let mut writer_client = server.client.clone();
    let (under_way, writing) = tokio::sync::oneshot::channel();
    let mut under_way = Some(under_way);
    let writer = tokio::spawn(async move {
        for number in 10..60 {
            if number == 15
                && let Some(signal) = under_way.take()
            {
                let _ = signal.send(());
            }
            writer_client
                .ingest_article(request(
                    article_text(number, "سالم الحربي"),
                    "الرافد",
                    "2024-01-01",
                ))
                .await
                .expect("ingest during the backup");
        }
    });
    writing.await.expect("the writer is under way");
    let backup_file = root.path().join("store.khabar-backup");
    let output = khabar(vec![
        "backup".into(),
        "--server".into(),
        format!("http://{}", server.address).into(),
        "--output".into(),
        backup_file.clone().into(),
    ])
    .await;
    assert!(output.status.success(), "{}", text(&output));
    writer.await.expect("writer finished");
    let summary = khabar::store::verify_backup(&backup_file).expect("a valid backup");
    eprintln!("backup taken at revision {} of 60", summary.revision);
    assert!(
        summary.revision >= 15,
        "the backup holds what came before it"
    );
    let leftovers: Vec<_> = std::fs::read_dir(root.path().join("live"))
        .expect("data dir")
        .filter_map(Result::ok)
        .filter(|entry| entry.file_name().to_string_lossy().starts_with("backup"))
        .collect();
    assert!(leftovers.is_empty(), "the server removed its copy");

    let restored = root.path().join("restored");
    let output = restore(&backup_file, &restored).await;
    let report = text(&output);
    assert!(output.status.success(), "{report}");
    assert!(
        report.contains(&format!("restored revision {}", summary.revision)),
        "{report}"
    );
    let output = khabar(vec![
        "check".into(),
        "--data-dir".into(),
        restored.clone().into(),
    ])
    .await;
    assert!(output.status.success(), "{}", text(&output));

    let mut copy = common::start(&restored).await;
    let listed = copy
        .client
        .list_articles(ListArticlesRequest {
            page_size: 1000,
            ..Default::default()
        })
        .await
        .expect("list the restored store")
        .into_inner();
    assert_eq!(listed.revision, summary.revision);
    assert_eq!(
        listed.articles.len() as u64,
        summary.revision,
        "every article up to the backup's revision, none after"
    );
    let original = server
        .client
        .list_articles(ListArticlesRequest {
            page_size: 1000,
            ..Default::default()
        })
        .await
        .expect("list the live store")
        .into_inner();
    for article in original.articles {
        let found = copy
            .client
            .get_article(GetArticleRequest {
                id: article.id.clone(),
            })
            .await;
        assert_eq!(
            found.is_ok(),
            article.revision <= summary.revision,
            "article of revision {} against a backup of revision {}",
            article.revision,
            summary.revision
        );
    }
    copy.stop().await;
    server.stop().await;
}

#[tokio::test]
async fn a_damaged_backup_and_a_used_directory_are_refused() {
    let root = tempfile::tempdir().expect("temporary directory");
    let mut server = common::start(&root.path().join("live")).await;
    for number in 0..3 {
        server
            .ingest_numbered(number, "سالم الحربي", "الرافد", "2024-01-01")
            .await;
    }
    let backup_file = root.path().join("store.khabar-backup");
    let output = khabar(vec![
        "backup".into(),
        "--server".into(),
        format!("http://{}", server.address).into(),
        "--output".into(),
        backup_file.clone().into(),
    ])
    .await;
    assert!(output.status.success(), "{}", text(&output));
    server.stop().await;

    let used = root.path().join("live");
    let output = restore(&backup_file, &used).await;
    assert!(!output.status.success());
    assert!(text(&output).contains("new or empty directory"));

    let mut bytes = std::fs::read(&backup_file).expect("read backup");
    let middle = bytes.len() / 2;
    bytes[middle] ^= 0x01;
    let damaged = root.path().join("damaged.khabar-backup");
    std::fs::write(&damaged, bytes).expect("write damaged copy");
    let target = root.path().join("from-damaged");
    let output = restore(&damaged, &target).await;
    let report = text(&output);
    assert!(!output.status.success(), "{report}");
    assert!(report.contains("not a usable backup"), "{report}");
    assert!(!target.exists(), "nothing is written from a damaged backup");
}
