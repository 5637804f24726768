//! `khabar ingest` run as a separate process against the real server: a JSON
//! Lines manifest with per-article metadata, the report of a bad manifest,
//! the warning for articles dated by the ingest day, unreadable files named
//! with their path and reason, and Ctrl-C in the middle of a bulk load.

mod cli_support;
mod common;

use cli_support::{khabar, run};
use khabar::proto::v1::{
    Article, ListArticlesRequest, PublishedAtSource, ResourceKind, StartPosition, SubscribeRequest,
    subscribe_response,
};
use std::path::Path;

async fn stored_articles(server: &common::TestServer) -> Vec<Article> {
    server
        .client
        .clone()
        .list_articles(ListArticlesRequest {
            page_size: 1000,
            ..Default::default()
        })
        .await
        .expect("list")
        .into_inner()
        .articles
}

fn day(article: &Article) -> String {
    let t = article.published_at.expect("a publication time");
    jiff::Timestamp::new(t.seconds, t.nanos)
        .expect("a valid time")
        .strftime("%Y-%m-%d")
        .to_string()
}

fn write(directory: &Path, name: &str, text: &str) {
    let path = directory.join(name);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).expect("mkdir");
    }
    std::fs::write(path, text).expect("write");
}

/// A page whose third line is a date line: the engine dates it from the text.
fn article_with_date_line(number: usize) -> String {
    format!(
        "الوزارة تعلن خطة جديدة رقم {number}\n\nالأحد 12 ديسمبر 2021\n\nقال الوزير إن \"العمل في المشروع رقم {number} بدأ أمس\".\n"
    )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_manifest_gives_each_article_its_own_metadata() {
    let data = tempfile::tempdir().expect("tempdir");
    let work = tempfile::tempdir().expect("tempdir");
    let server = common::start(data.path()).await;
    write(
        work.path(),
        "feeds/a.txt",
        &common::article_text(1, "علي الخفاجي"),
    );
    write(
        work.path(),
        "feeds/b.txt",
        &common::article_text(2, "علي الخفاجي"),
    );
    let manifest = [
        r#"{"path": "a.txt", "source": "الشرق", "published_at": "2021-12-12", "labels": {"desk": "water"}, "url": "https://example.com/a"}"#,
        "",
        r#"{"path": "b.txt", "source": "المدى", "published_at": "2020-03-01T08:30:00Z", "request_id": "b-1"}"#,
        r#"{"text": "وزير يقول إن \"الخطة جاهزة\" في 3 مارس 2019.", "source": "بغداد اليوم", "published_at": "2019-03-04", "language": "ar"}"#,
    ]
    .join("\n");
    write(work.path(), "feeds/news.jsonl", &manifest);

    let finished = run(khabar(
        work.path(),
        Some(server.address),
        &[
            "ingest",
            "--manifest",
            "feeds/news.jsonl",
            "--label",
            "batch=7",
            "--label",
            "desk=other",
        ],
    ))
    .await;
    assert!(finished.succeeded(), "{}", finished.both());
    assert!(
        finished.stdout.contains("3 new, 0 duplicate, 0 failed"),
        "{}",
        finished.both()
    );
    assert!(
        !finished.stderr.contains("warning"),
        "every article had a date: {}",
        finished.both()
    );

    let mut seen: Vec<(String, String)> = Vec::new();
    for article in stored_articles(&server).await {
        assert_eq!(
            article.published_at_source,
            PublishedAtSource::Provided as i32
        );
        assert_eq!(
            article.labels.get("batch").map(String::as_str),
            Some("7"),
            "flag labels apply to all"
        );
        if article.source == "الشرق" {
            assert_eq!(article.url, "https://example.com/a");
            assert_eq!(
                article.labels.get("desk").map(String::as_str),
                Some("water"),
                "the manifest wins"
            );
        }
        seen.push((article.source.clone(), day(&article)));
    }
    seen.sort();
    let expected = [
        ("الشرق", "2021-12-12"),
        ("المدى", "2020-03-01"),
        ("بغداد اليوم", "2019-03-04"),
    ];
    let mut expected: Vec<(String, String)> = expected
        .iter()
        .map(|(s, d)| (s.to_string(), d.to_string()))
        .collect();
    expected.sort();
    assert_eq!(seen, expected);

    // The listing a person reads shows the same sources and dates.
    let listed = run(khabar(
        work.path(),
        Some(server.address),
        &["articles", "list"],
    ))
    .await;
    for (source, date) in &expected {
        let row = listed
            .stdout
            .lines()
            .find(|line| line.contains(source.as_str()));
        assert!(
            row.is_some_and(|row| row.contains(date.as_str())),
            "{source} {date}: {}",
            listed.both()
        );
    }
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_bad_manifest_is_reported_line_by_line_and_nothing_is_sent() {
    let data = tempfile::tempdir().expect("tempdir");
    let work = tempfile::tempdir().expect("tempdir");
    let server = common::start(data.path()).await;
    write(
        work.path(),
        "a.txt",
        &common::article_text(1, "علي الخفاجي"),
    );
    let manifest = [
        r#"{"path": "a.txt", "source": "الشرق"}"#,
        r#"{"path": "a.txt", "sourse": "الشرق"}"#,
        r#"{"path": "a.txt", "published_at": "2021-02-30"}"#,
        r#"{"path": "a.txt", "text": "both"}"#,
    ]
    .join("\n");
    write(work.path(), "news.jsonl", &manifest);

    let finished = run(khabar(
        work.path(),
        Some(server.address),
        &["ingest", "--manifest", "news.jsonl"],
    ))
    .await;
    assert!(!finished.succeeded(), "{}", finished.both());
    let expected = [
        "news.jsonl has 3 bad lines; nothing was sent:",
        "line 2: unknown field `sourse`, expected one of `path`, `text`",
        "line 3: published_at: \"2021-02-30\" is not a date",
        "line 4: give \"path\" or \"text\", not both",
    ];
    for text in expected {
        assert!(
            finished.stderr.contains(text),
            "{text}: {}",
            finished.both()
        );
    }
    assert!(
        stored_articles(&server).await.is_empty(),
        "nothing was sent"
    );
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn articles_dated_by_the_ingest_day_are_warned_about() {
    let data = tempfile::tempdir().expect("tempdir");
    let work = tempfile::tempdir().expect("tempdir");
    let server = common::start(data.path()).await;
    write(
        work.path(),
        "with-date-line.txt",
        &article_with_date_line(1),
    );
    write(
        work.path(),
        "undated.txt",
        &common::article_text(2, "علي الخفاجي"),
    );
    write(
        work.path(),
        "given-date.txt",
        &common::article_text(3, "علي الخفاجي"),
    );
    write(
        work.path(),
        "news.jsonl",
        r#"{"path": "given-date.txt", "published_at": "2021-12-12"}"#,
    );

    let finished = run(khabar(
        work.path(),
        Some(server.address),
        &[
            "ingest",
            "with-date-line.txt",
            "undated.txt",
            "--manifest",
            "news.jsonl",
        ],
    ))
    .await;
    assert!(finished.succeeded(), "{}", finished.both());
    let warnings: Vec<&str> = finished
        .stderr
        .lines()
        .filter(|line| line.starts_with("warning: "))
        .collect();
    assert_eq!(warnings.len(), 1, "{}", finished.both());
    assert!(
        warnings[0].starts_with("warning: undated.txt: no date given and no date line in the text"),
        "{}",
        finished.both()
    );
    assert!(
        finished.stdout.contains("3 new, 0 duplicate, 0 failed"),
        "{}",
        finished.both()
    );
    assert!(
        finished.stdout.contains("1 dated by the ingest day"),
        "{}",
        finished.both()
    );

    let sources: Vec<i32> = stored_articles(&server)
        .await
        .iter()
        .map(|a| a.published_at_source)
        .collect();
    assert!(
        sources.contains(&(PublishedAtSource::FromText as i32)),
        "the date line was read"
    );

    let offline = run(khabar(work.path(), None, &["extract", "undated.txt"])).await;
    assert!(
        offline
            .stderr
            .contains("warning: undated.txt: no --published-at and no date line"),
        "{}",
        offline.both()
    );
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unreadable_files_are_named_with_the_reason_in_plain_words() {
    let data = tempfile::tempdir().expect("tempdir");
    let work = tempfile::tempdir().expect("tempdir");
    let server = common::start(data.path()).await;
    write(
        work.path(),
        "good.txt",
        &common::article_text(1, "علي الخفاجي"),
    );
    std::fs::write(work.path().join("latin1.txt"), [0x63, 0x61, 0x66, 0xe9]).expect("write");
    let finished = run(khabar(
        work.path(),
        Some(server.address),
        &[
            "ingest",
            "--published-at",
            "2021-12-12",
            "good.txt",
            "missing.txt",
            "latin1.txt",
        ],
    ))
    .await;
    assert_eq!(finished.code, Some(1), "{}", finished.both());
    assert!(
        finished
            .stderr
            .contains("failed: missing.txt: cannot read: no such file or directory"),
        "{}",
        finished.both()
    );
    assert!(
        finished
            .stderr
            .contains("failed: latin1.txt: cannot read: it is not UTF-8 text"),
        "{}",
        finished.both()
    );
    assert!(!finished.stderr.contains("os error"), "{}", finished.both());
    assert!(
        finished.stdout.contains("1 new, 0 duplicate, 2 failed"),
        "{}",
        finished.both()
    );

    let missing_manifest = run(khabar(
        work.path(),
        Some(server.address),
        &["ingest", "--manifest", "nope.jsonl"],
    ))
    .await;
    assert!(
        missing_manifest
            .stderr
            .contains("cannot read the manifest nope.jsonl: no such file or directory"),
        "{}",
        missing_manifest.both()
    );
    server.stop().await;
}

/// Ctrl-C after two articles are stored: the third entry is a FIFO nobody
/// writes to, so the ingest cannot get past it, and the test knows from the
/// change stream when the first two are committed.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ctrl_c_during_a_bulk_ingest_prints_the_summary_of_what_was_stored() {
    let data = tempfile::tempdir().expect("tempdir");
    let work = tempfile::tempdir().expect("tempdir");
    let server = common::start(data.path()).await;
    let mut changes = server
        .client
        .clone()
        .subscribe(SubscribeRequest {
            kinds: vec![ResourceKind::Article as i32],
            start: StartPosition::Beginning as i32,
            ..Default::default()
        })
        .await
        .expect("subscribe")
        .into_inner();
    let fifo = work.path().join("stuck.txt");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .expect("run mkfifo");
    assert!(made.success());
    let total = 40;
    let mut lines = Vec::new();
    for number in 1..=total {
        let name = if number == 3 {
            "stuck.txt".to_string()
        } else {
            let name = format!("article-{number}.txt");
            write(
                work.path(),
                &name,
                &common::article_text(number, "علي الخفاجي"),
            );
            name
        };
        lines.push(format!(
            r#"{{"path": "{name}", "published_at": "2021-12-12"}}"#
        ));
    }
    write(work.path(), "news.jsonl", &lines.join("\n"));

    let mut command = khabar(
        work.path(),
        Some(server.address),
        &["ingest", "--manifest", "news.jsonl"],
    );
    let child = command.spawn().expect("start khabar ingest");
    let committed = tokio::time::timeout(cli_support::PATIENCE, async {
        while let Some(message) = changes.message().await.expect("the change stream") {
            if let Some(subscribe_response::Event::Changes(set)) = message.event
                && set.revision >= 2
            {
                return set.revision;
            }
        }
        0
    })
    .await
    .expect("two articles were stored in time");
    assert_eq!(committed, 2);
    cli_support::signal(&child, "INT");
    let finished = cli_support::finish(child).await;
    assert_eq!(finished.code, Some(130), "{}", finished.both());
    assert!(
        finished
            .stdout
            .contains("2 new, 0 duplicate, 0 failed; store at revision 2"),
        "{}",
        finished.both()
    );
    assert!(
        finished
            .stderr
            .contains(&format!("interrupted: {} files not sent", total - 2)),
        "{}",
        finished.both()
    );
    assert_eq!(stored_articles(&server).await.len(), 2);
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_file_over_the_message_limit_ends_the_load_and_the_earlier_results_are_shown() {
    let data = tempfile::tempdir().expect("tempdir");
    let work = tempfile::tempdir().expect("tempdir");
    let mut config = common::config(data.path());
    config.max_article_bytes = 64 * 1024;
    let server = common::start_with(config).await;
    write(
        work.path(),
        "a.txt",
        &common::article_text(1, "سالم الحربي"),
    );
    write(work.path(), "b.txt", &"كلمة ".repeat(60_000));
    write(
        work.path(),
        "c.txt",
        &common::article_text(3, "سالم الحربي"),
    );
    let finished = run(khabar(
        work.path(),
        Some(server.address),
        &[
            "ingest",
            "--published-at",
            "2024-06-01",
            "a.txt",
            "b.txt",
            "c.txt",
        ],
    ))
    .await;
    assert!(!finished.succeeded(), "{}", finished.both());
    assert!(
        finished.stdout.contains("before the stream broke: 1 new"),
        "{}",
        finished.both()
    );
    assert!(finished.stderr.contains("message 1"), "{}", finished.both());
    assert_eq!(stored_articles(&server).await.len(), 1);
    server.stop().await;
}
