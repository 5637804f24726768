//! Damaged store files never panic the server and never make it serve an
//! older revision without a word. A store is written to revision N and
//! stopped; each variant damages a copy of its files (truncation, flipped
//! bytes, missing or emptied files, an older copy of the store beside a
//! newer state file) and runs the real `khabar serve` on it. Each run must
//! either serve revision N, or exit non-zero with a message — never a panic
//! (exit code 101, "panicked") or a signal. A store that serves lists all N
//! articles, or answers DATA_LOSS when the listing reaches the damage, or
//! (when a flipped byte cost sled one key of a page deep in the files,
//! which open does not read) leaves a loss that `khabar check` reports.
//!
//! The store is large enough for sled to span several log segments: on 300
//! revisions, 5 to 7 of these variants (the file layout varies by run) make
//! sled 0.34 panic inside its open (segment.rs, serialization.rs) unless the
//! open is guarded, and several more make it open at an older revision
//! without a word unless the state file is compared.

mod common;

use khabar::proto::v1::ListArticlesRequest;
use khabar::proto::v1::document_store_client::DocumentStoreClient;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

const REVISIONS: u64 = 300;
/// The store copy taken part-way, for the rollback variant.
const EARLIER_REVISION: u64 = 250;

/// What `khabar check` says of `directory` (it must find the damage).
fn check_report(directory: &Path) -> String {
    let output = Command::new(env!("CARGO_BIN_EXE_khabar"))
        .arg("check")
        .arg("--data-dir")
        .arg(directory)
        .output()
        .expect("run khabar check");
    assert!(!output.status.success(), "the check passes a damaged store");
    format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

fn copy_directory(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("create copy");
    for entry in std::fs::read_dir(from).expect("read directory") {
        let entry = entry.expect("entry");
        let target = to.join(entry.file_name());
        // The ballast is zeros held for a full disk; not worth copying.
        if entry.file_name() == khabar::store::BALLAST_FILE_NAME {
            continue;
        }
        if entry.file_type().expect("file type").is_dir() {
            copy_directory(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copy file");
        }
    }
}

/// Writes a store at revision `REVISIONS`, keeping a copy of its files at
/// `EARLIER_REVISION` (taken while stopped).
async fn written_store(root: &Path) -> (PathBuf, PathBuf) {
    let store = root.join("store");
    let earlier = root.join("earlier");
    let mut server = common::start(&store).await;
    for number in 0..REVISIONS as usize {
        if number as u64 == EARLIER_REVISION {
            server.stop().await;
            copy_directory(&store, &earlier);
            server = common::start(&store).await;
        }
        server
            .ingest_numbered(number, "سالم الحربي", "الرافد", "2024-01-01")
            .await;
    }
    server.stop().await;
    (store, earlier)
}

type Damage = Box<dyn Fn(&Path)>;

fn truncate_db(fraction_thousandths: u64) -> Damage {
    Box::new(move |directory| {
        let path = directory.join("db");
        let length = std::fs::metadata(&path).expect("db").len();
        let file = std::fs::OpenOptions::new()
            .write(true)
            .open(&path)
            .expect("open db");
        file.set_len(length * fraction_thousandths / 1000)
            .expect("truncate");
    })
}

fn flip_db_byte(fraction_thousandths: u64) -> Damage {
    Box::new(move |directory| {
        let path = directory.join("db");
        let mut bytes = std::fs::read(&path).expect("read db");
        let offset = ((bytes.len() as u64 - 1) * fraction_thousandths / 1000) as usize;
        bytes[offset] ^= 0x5a;
        std::fs::write(&path, bytes).expect("write db");
    })
}

/// sled's snapshot files (`snap.*`) in a data directory.
fn snapshots(directory: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(directory).expect("read dir") {
        let path = entry.expect("entry").path();
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
        if name.is_some_and(|n| n.starts_with("snap.")) {
            found.push(path);
        }
    }
    found
}

fn variants(earlier: PathBuf) -> Vec<(String, Damage)> {
    let mut variants: Vec<(String, Damage)> = Vec::new();
    for thousandths in [0, 1, 100, 250, 500, 750, 900, 999] {
        variants.push((
            format!("db truncated to {thousandths}/1000"),
            truncate_db(thousandths),
        ));
    }
    for thousandths in [0, 1, 10, 100, 250, 500, 750, 900, 990, 1000] {
        variants.push((
            format!("db byte flipped at {thousandths}/1000"),
            flip_db_byte(thousandths),
        ));
    }
    for thousandths in [0, 10, 500, 999] {
        variants.push((
            format!("snapshot byte flipped at {thousandths}/1000"),
            Box::new(move |d: &Path| {
                for path in snapshots(d) {
                    let mut bytes = std::fs::read(&path).expect("read snapshot");
                    let offset =
                        ((bytes.len() as u64).saturating_sub(1) * thousandths / 1000) as usize;
                    if let Some(byte) = bytes.get_mut(offset) {
                        *byte ^= 0x5a;
                    }
                    std::fs::write(&path, bytes).expect("write snapshot");
                }
            }),
        ));
    }
    variants.push((
        "snapshot truncated to half".into(),
        Box::new(|d: &Path| {
            for path in snapshots(d) {
                let length = std::fs::metadata(&path).expect("snapshot").len();
                std::fs::OpenOptions::new()
                    .write(true)
                    .open(&path)
                    .and_then(|file| file.set_len(length / 2))
                    .expect("truncate snapshot");
            }
        }),
    ));
    variants.push((
        "conf deleted".into(),
        Box::new(|d: &Path| std::fs::remove_file(d.join("conf")).expect("rm conf")),
    ));
    variants.push((
        "conf emptied".into(),
        Box::new(|d: &Path| std::fs::write(d.join("conf"), b"").expect("empty conf")),
    ));
    variants.push((
        "db deleted".into(),
        Box::new(|d: &Path| std::fs::remove_file(d.join("db")).expect("rm db")),
    ));
    variants.push((
        "blobs deleted".into(),
        Box::new(|d: &Path| std::fs::remove_dir_all(d.join("blobs")).expect("rm blobs")),
    ));
    variants.push((
        "snapshots deleted".into(),
        Box::new(|d: &Path| {
            for path in snapshots(d) {
                std::fs::remove_file(path).expect("rm snapshot");
            }
        }),
    ));
    variants.push((
        "state file damaged".into(),
        Box::new(|d: &Path| {
            let path = d.join(khabar::store::STATE_FILE_NAME);
            let mut bytes = std::fs::read(&path).expect("state file");
            bytes[20] ^= 0x01;
            std::fs::write(&path, bytes).expect("write state file");
        }),
    ));
    let older_state = earlier.clone();
    variants.push((
        "state file replaced by an older one".into(),
        Box::new(move |d: &Path| {
            let name = khabar::store::STATE_FILE_NAME;
            std::fs::copy(older_state.join(name), d.join(name)).expect("older state file");
        }),
    ));
    variants.push((
        "store files replaced by an older copy".into(),
        Box::new(move |d: &Path| {
            for name in ["db", "conf"] {
                std::fs::copy(earlier.join(name), d.join(name)).expect("older file");
            }
        }),
    ));
    variants
}

enum Outcome {
    Served {
        revision: u64,
        articles: usize,
    },
    Refused {
        code: Option<i32>,
        message: String,
    },
    /// Served, and the first read that reached the damage said DATA_LOSS.
    DamageFoundOnRead {
        message: String,
    },
}

/// Runs `khabar serve` on `directory`; reads its revision and article count
/// when it serves, or its exit and log when it does not.
async fn serve_once(directory: &Path) -> Outcome {
    let mut child = Command::new(env!("CARGO_BIN_EXE_khabar"))
        .args(["serve", "--listen", "127.0.0.1:0", "--log-format", "json"])
        .arg("--data-dir")
        .arg(directory)
        .stderr(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .expect("start khabar serve");
    let stderr = child.stderr.take().expect("stderr");
    let (lines_sender, lines) = mpsc::channel::<String>();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines() {
            let Ok(line) = line else { break };
            if lines_sender.send(line).is_err() {
                break;
            }
        }
    });
    let mut log = String::new();
    let mut address = None;
    // Bounded: a hang in the storage engine fails the test instead of
    // blocking it forever.
    while let Ok(line) = lines.recv_timeout(Duration::from_secs(120)) {
        log.push_str(&line);
        log.push('\n');
        if let Ok(event) = serde_json::from_str::<serde_json::Value>(&line)
            && event["fields"]["message"] == "serving"
        {
            address = event["fields"]["address"].as_str().map(str::to_string);
            break;
        }
    }
    let Some(address) = address else {
        let status = child.wait().expect("wait for khabar");
        assert!(
            !log.contains("panicked"),
            "the server panicked instead of refusing:\n{log}"
        );
        assert!(
            status.code().is_some(),
            "the server died of a signal: {status:?}\n{log}"
        );
        return Outcome::Refused {
            code: status.code(),
            message: log,
        };
    };
    let mut client = DocumentStoreClient::connect(format!("http://{address}"))
        .await
        .expect("connect");
    let listed = client
        .list_articles(ListArticlesRequest {
            page_size: 1000,
            ..Default::default()
        })
        .await;
    child.kill().expect("stop the server");
    let _ = child.wait();
    let listed = match listed {
        Ok(listed) => listed.into_inner(),
        // Open checks the newest entries only: damage deeper in the files
        // is found when a read reaches it, and said so (never INTERNAL).
        Err(status) => {
            assert_eq!(
                status.code(),
                tonic::Code::DataLoss,
                "a read of damaged data says DATA_LOSS: {status:?}"
            );
            return Outcome::DamageFoundOnRead {
                message: status.message().to_string(),
            };
        }
    };
    Outcome::Served {
        revision: listed.revision,
        articles: listed.articles.len(),
    }
}

#[tokio::test]
async fn damaged_files_are_refused_or_served_whole_never_panic_or_roll_back() {
    let root = tempfile::tempdir().expect("temporary directory");
    let (store, earlier) = written_store(root.path()).await;
    let mut served = 0;
    let mut refused = 0;
    let mut found_on_read = 0;
    for (index, (name, damage)) in variants(earlier).into_iter().enumerate() {
        let copy = root.path().join(format!("variant-{index}"));
        copy_directory(&store, &copy);
        damage(&copy);
        match serve_once(&copy).await {
            Outcome::Served { revision, articles } => {
                served += 1;
                eprintln!("{name}: served revision {revision}, {articles} articles");
                assert_eq!(revision, REVISIONS, "{name}: served an older revision");
                if articles as u64 != REVISIONS {
                    // A flipped byte can cost the engine one key of a page
                    // it then skips; open checks only the newest entries,
                    // so such a loss must at least be found by the check.
                    let report = check_report(&copy);
                    eprintln!("{name}: {articles} articles served; the check finds: {report}");
                    assert!(
                        report.contains("violations"),
                        "{name}: a lost key goes unseen by khabar check:\n{report}"
                    );
                }
            }
            Outcome::Refused { code, message } => {
                refused += 1;
                let last = message.lines().last().unwrap_or_default().to_string();
                eprintln!("{name}: refused, exit {code:?}: {last}");
                assert_ne!(code, Some(0), "{name}: a refusal must exit non-zero");
                assert_ne!(code, Some(101), "{name}: exit 101 is a panic");
                assert!(
                    message.contains("khabar: "),
                    "{name}: the refusal says why:\n{message}"
                );
            }
            Outcome::DamageFoundOnRead { message } => {
                found_on_read += 1;
                eprintln!("{name}: served, a read found the damage: {message}");
            }
        }
    }
    eprintln!(
        "{served} variants served whole, {refused} refused, {found_on_read} found damaged on read"
    );
    let untouched = serve_once(&store).await;
    assert!(
        matches!(
            untouched,
            Outcome::Served {
                revision: REVISIONS,
                ..
            }
        ),
        "the undamaged store serves"
    );
}
