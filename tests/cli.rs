//! The `khabar` binary as a new user meets it, run as a separate process
//! against the real server: paging hints and `--all`, inclusive publication
//! bounds, messages in the CLI's vocabulary, `reextract` on a data directory
//! that is missing, empty or in use, `KHABAR_SERVER`, and plain output when
//! stdout and stderr are not a terminal.

mod cli_support;
mod common;

use cli_support::{Finished, first_column, khabar, run};
use khabar::proto::v1::IngestArticleRequest;

/// Ingests article `number` published at `instant` (RFC 3339); returns its id.
async fn ingest_at(server: &mut common::TestServer, number: usize, instant: &str) -> String {
    let instant: jiff::Timestamp = instant.parse().expect("an RFC 3339 instant");
    let request = IngestArticleRequest {
        text: common::article_text(number, "علي الخفاجي"),
        source: "الشرق".to_string(),
        published_at: Some(pbjson_types::Timestamp {
            seconds: instant.as_second(),
            nanos: 0,
        }),
        ..Default::default()
    };
    let answer = server.ingest(request).await;
    answer.article.expect("an article").id
}

fn more_rows_token(finished: &Finished) -> Option<String> {
    finished
        .stderr
        .lines()
        .find_map(|line| line.strip_prefix("more rows: "))
        .and_then(|hint| hint.rsplit_once("--page-token "))
        .map(|(_, token)| token.trim().to_string())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn lists_say_when_more_rows_exist_and_all_follows_them() {
    let data = tempfile::tempdir().expect("tempdir");
    let work = tempfile::tempdir().expect("tempdir");
    let mut server = common::start(data.path()).await;
    let mut ids = Vec::new();
    for number in 1..=5 {
        ids.push(ingest_at(&mut server, number, &format!("2021-12-0{number}T12:00:00Z")).await);
    }
    let address = Some(server.address);

    let first = run(khabar(
        work.path(),
        address,
        &["articles", "list", "--page-size", "2"],
    ))
    .await;
    assert!(first.succeeded(), "{}", first.both());
    let first_ids = first_column(&first.stdout);
    assert_eq!(first_ids.len(), 2, "{}", first.both());
    assert!(
        first.stderr.contains(
            "more rows: repeat with --all, or --page-size N (up to 1000), or --page-token "
        ),
        "{}",
        first.both()
    );
    let token = more_rows_token(&first).expect("a page token in the hint");

    let second = run(khabar(
        work.path(),
        address,
        &[
            "articles",
            "list",
            "--page-size",
            "2",
            "--page-token",
            &token,
        ],
    ))
    .await;
    assert!(second.succeeded(), "{}", second.both());
    let second_ids = first_column(&second.stdout);
    assert_eq!(second_ids.len(), 2, "{}", second.both());
    assert!(
        second_ids.iter().all(|id| !first_ids.contains(id)),
        "the token continues the listing"
    );

    let all = run(khabar(
        work.path(),
        address,
        &["articles", "list", "--page-size", "2", "--all"],
    ))
    .await;
    assert!(all.succeeded(), "{}", all.both());
    let mut listed = first_column(&all.stdout);
    assert_eq!(listed.len(), 5, "{}", all.both());
    assert!(!all.stderr.contains("more rows"), "{}", all.both());
    listed.sort();
    ids.sort();
    assert_eq!(listed, ids);

    let json = run(khabar(
        work.path(),
        address,
        &["articles", "list", "--page-size", "2", "--all", "--json"],
    ))
    .await;
    assert_eq!(json.stdout.lines().count(), 5, "{}", json.both());

    let too_big = run(khabar(
        work.path(),
        address,
        &["articles", "list", "--page-size", "5000"],
    ))
    .await;
    assert!(!too_big.succeeded());
    assert!(too_big.stderr.contains("--page-size"), "{}", too_big.both());
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn published_to_includes_the_whole_named_day() {
    let data = tempfile::tempdir().expect("tempdir");
    let work = tempfile::tempdir().expect("tempdir");
    let mut server = common::start(data.path()).await;
    let eleventh = ingest_at(&mut server, 1, "2021-12-11T23:00:00Z").await;
    let twelfth = ingest_at(&mut server, 2, "2021-12-12T15:30:00Z").await;
    let thirteenth = ingest_at(&mut server, 3, "2021-12-13T00:00:00Z").await;
    let address = Some(server.address);
    let list = |args: &'static [&'static str]| {
        let mut all = vec!["articles", "list"];
        all.extend_from_slice(args);
        run(khabar(work.path(), address, &all))
    };

    let up_to_day = list(&["--published-to", "2021-12-12"]).await;
    assert!(up_to_day.succeeded(), "{}", up_to_day.both());
    let listed = first_column(&up_to_day.stdout);
    assert!(
        listed.contains(&twelfth),
        "the afternoon of the 12th is included: {}",
        up_to_day.both()
    );
    assert!(listed.contains(&eleventh));
    assert!(!listed.contains(&thirteenth), "{}", up_to_day.both());

    let one_day = list(&[
        "--published-from",
        "2021-12-12",
        "--published-to",
        "2021-12-12",
    ])
    .await;
    assert_eq!(
        first_column(&one_day.stdout),
        vec![twelfth.clone()],
        "{}",
        one_day.both()
    );

    let month = list(&["--published-to", "2021-12"]).await;
    assert_eq!(first_column(&month.stdout).len(), 3, "{}", month.both());
    let year_before = list(&["--published-to", "2020"]).await;
    assert!(
        first_column(&year_before.stdout).is_empty(),
        "{}",
        year_before.both()
    );

    let help = run(khabar(
        work.path(),
        address,
        &["articles", "list", "--help"],
    ))
    .await;
    assert!(
        help.stdout.contains("takes in the whole of that day"),
        "{}",
        help.both()
    );
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn messages_name_the_flags_not_the_api_fields() {
    let data = tempfile::tempdir().expect("tempdir");
    let work = tempfile::tempdir().expect("tempdir");
    let mut server = common::start(data.path()).await;
    ingest_at(&mut server, 1, "2021-12-11T23:00:00Z").await;
    let address = Some(server.address);
    let cases: [(&[&str], &str); 6] = [
        (
            &["milestones", "list", "--from", "2022", "--to", "2021"],
            "--from 2022 is after --to 2021",
        ),
        (&["milestones", "list", "--from", "+202"], "--from"),
        (
            &["milestones", "list", "--to", "2021-02-30"],
            "February 2021 has 28 days",
        ),
        (
            &[
                "articles",
                "list",
                "--published-from",
                "2022",
                "--published-to",
                "2021",
            ],
            "--published-from 2022 is after --published-to 2021",
        ),
        (
            &["watch", "--after", "99"],
            "--after 99 is beyond the store's current revision 1",
        ),
        (
            &["articles", "list", "--page-token", "bogus"],
            "--page-token",
        ),
    ];
    let api_names = [
        "when_from",
        "when_to",
        "after_revision",
        "filter.",
        "page_token",
        "page_size",
    ];
    for (args, expected) in cases {
        let finished = run(khabar(work.path(), address, args)).await;
        assert!(!finished.succeeded(), "{args:?}: {}", finished.both());
        assert!(
            finished.stderr.contains(expected),
            "{args:?}: {}",
            finished.both()
        );
        for name in api_names {
            assert!(
                !finished.stderr.contains(name),
                "{args:?} says {name}: {}",
                finished.both()
            );
        }
    }
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reextract_refuses_a_data_directory_that_holds_no_store() {
    let work = tempfile::tempdir().expect("tempdir");
    let absent = work.path().join("absent");
    let absent_text = absent.to_str().expect("a UTF-8 path");
    let finished = run(khabar(
        work.path(),
        None,
        &["reextract", "--data-dir", absent_text],
    ))
    .await;
    assert!(!finished.succeeded(), "{}", finished.both());
    assert!(
        finished
            .stderr
            .contains(&format!("the data directory {absent_text} does not exist")),
        "{}",
        finished.both()
    );
    assert!(!absent.exists(), "no empty store was created");

    let empty = work.path().join("empty");
    std::fs::create_dir(&empty).expect("mkdir");
    let finished = run(khabar(
        work.path(),
        None,
        &["reextract", "--data-dir", "empty"],
    ))
    .await;
    assert!(!finished.succeeded(), "{}", finished.both());
    assert!(
        finished.stderr.contains("empty is an empty directory"),
        "{}",
        finished.both()
    );
    assert_eq!(
        std::fs::read_dir(&empty).expect("list").count(),
        0,
        "nothing was written"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reextract_names_a_data_directory_in_use_and_honours_khabar_server() {
    let work = tempfile::tempdir().expect("tempdir");
    let data = work.path().join("data");
    let mut server = common::start(&data).await;
    ingest_at(&mut server, 1, "2021-12-11T23:00:00Z").await;

    // The running server holds the store's lock.
    let finished = run(khabar(
        work.path(),
        None,
        &["reextract", "--data-dir", "./data"],
    ))
    .await;
    assert!(!finished.succeeded(), "{}", finished.both());
    assert!(
        finished.stderr.contains(
            "the data directory ./data is in use by another process (is a khabar server running? stop it or use --server)"
        ),
        "{}",
        finished.both()
    );
    for raw in ["Os {", "WouldBlock", "os error"] {
        assert!(!finished.stderr.contains(raw), "{}", finished.both());
    }

    let through_server = run(khabar(
        work.path(),
        Some(server.address),
        &["reextract", "--all"],
    ))
    .await;
    assert!(through_server.succeeded(), "{}", through_server.both());
    assert!(
        through_server.stdout.contains("1 examined"),
        "{}",
        through_server.both()
    );
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn output_that_is_not_a_terminal_has_no_escape_codes() {
    let data = tempfile::tempdir().expect("tempdir");
    let work = tempfile::tempdir().expect("tempdir");
    let server = common::start(data.path()).await;
    let address = Some(server.address);
    let mut files = Vec::new();
    for number in 1..=12 {
        let name = format!("article-{number}.txt");
        std::fs::write(
            work.path().join(&name),
            common::article_text(number, "علي الخفاجي"),
        )
        .expect("write");
        files.push(name);
    }
    files.push("missing.txt".to_string());
    let mut ingest = vec!["ingest", "--published-at", "2021-12-12"];
    ingest.extend(files.iter().map(String::as_str));
    let runs: [Vec<&str>; 5] = [
        ingest,
        vec!["articles", "list", "--page-size", "5"],
        vec!["milestones", "list", "--to", "2021-13"],
        vec!["extract", "missing.txt"],
        vec!["articles", "lisst"],
    ];
    for args in runs {
        let finished = run(khabar(work.path(), address, &args)).await;
        assert!(
            !finished.raw.contains(&0x1b),
            "{args:?} wrote an escape code: {}",
            finished.both()
        );
        assert!(
            !finished.raw.contains(&b'\r'),
            "{args:?} redrew a line: {}",
            finished.both()
        );
    }
    let articles = server
        .client
        .clone()
        .list_articles(khabar::proto::v1::ListArticlesRequest::default())
        .await
        .expect("list");
    assert_eq!(
        articles.into_inner().articles.len(),
        12,
        "the ingest itself worked"
    );
    server.stop().await;
}

/// `khabar serve` logging to a file or pipe writes plain text.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn server_logs_that_are_not_a_terminal_have_no_escape_codes() {
    use tokio::io::AsyncBufReadExt;
    let work = tempfile::tempdir().expect("tempdir");
    let mut command = khabar(
        work.path(),
        None,
        &["serve", "--listen", "127.0.0.1:0", "--data-dir", "data"],
    );
    let mut child = command.spawn().expect("start the server");
    let stderr = child.stderr.take().expect("stderr piped");
    let mut lines = tokio::io::BufReader::new(stderr).lines();
    let mut logged = String::new();
    let serving = tokio::time::timeout(cli_support::PATIENCE, async {
        while let Some(line) = lines.next_line().await.expect("read the log") {
            logged.push_str(&line);
            logged.push('\n');
            if line.contains("serving") {
                return true;
            }
        }
        false
    })
    .await
    .expect("the server started in time");
    cli_support::signal(&child, "TERM");
    tokio::time::timeout(cli_support::PATIENCE, async {
        while let Some(line) = lines.next_line().await.expect("read the log") {
            logged.push_str(&line);
            logged.push('\n');
        }
    })
    .await
    .expect("the log ended in time");
    let _ = tokio::time::timeout(cli_support::PATIENCE, child.wait())
        .await
        .expect("the server stopped in time");
    assert!(serving, "{logged}");
    assert!(
        !logged.contains('\u{1b}'),
        "escape codes in the log: {logged:?}"
    );
    // After a clean stop the store is opened once more, so the next start
    // does not replay this run's writes.
    assert!(logged.contains("store settled"), "{logged}");
}

/// `khabar articles list | head -1`: the reader goes away; khabar ends
/// quietly instead of panicking in `println!`. The read end is closed right
/// after the start, long before the first page comes back from the server.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_closed_pipe_ends_a_listing_quietly() {
    let data = tempfile::tempdir().expect("tempdir");
    let work = tempfile::tempdir().expect("tempdir");
    let mut server = common::start(data.path()).await;
    ingest_at(&mut server, 1, "2021-12-11T23:00:00Z").await;
    let mut command = khabar(
        work.path(),
        Some(server.address),
        &["articles", "list", "--all"],
    );
    let mut child = command.spawn().expect("start khabar");
    drop(child.stdout.take());
    let finished = cli_support::finish(child).await;
    assert_eq!(finished.code, Some(141), "{}", finished.both());
    assert!(!finished.stderr.contains("panicked"), "{}", finished.both());
    assert!(finished.stderr.is_empty(), "{}", finished.both());
    server.stop().await;
}

#[tokio::test]
async fn compact_drops_the_old_log_and_says_where_it_starts() {
    let directory = tempfile::tempdir().expect("temporary directory");
    let mut server = common::start(directory.path()).await;
    for number in 0..3 {
        server
            .ingest_numbered(number, "سالم الحربي", "الرافد", "2024-06-01")
            .await;
    }
    let finished = run(khabar(
        directory.path(),
        Some(server.address),
        &["compact", "--through", "2"],
    ))
    .await;
    assert!(finished.succeeded(), "{}", finished.both());
    assert!(
        finished
            .stdout
            .contains("2 change-log entries removed; the log now starts at revision 3"),
        "{}",
        finished.both()
    );
    let beyond = run(khabar(
        directory.path(),
        Some(server.address),
        &["compact", "--through", "9"],
    ))
    .await;
    assert!(!beyond.succeeded(), "{}", beyond.both());
    assert!(beyond.stderr.contains("revision 9"), "{}", beyond.both());
    server.stop().await;
}
