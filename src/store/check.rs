//! `khabar check`: verifies a stopped store against the invariants of
//! ARCHITECTURE.md — every index entry points at a record whose derived
//! index keys include it and every record's index keys exist, the change
//! log is dense from the compaction floor to the counter, the counter
//! matches the log head and is not behind any record, every url, raw-text
//! and split-off link points at a stored article, and the state file is not
//! ahead of the store. It only reads (sled's own open may tidy its files).

use super::error::{StoreError, StoreResult};
use super::open;
use super::{keys, records, state_file, values};
use crate::proto::v1::{Article, ChangeSet, IngestArticleResponse, Milestone, Statement};
use std::path::Path;

/// At most this many violations are kept for the report; all are counted.
const VIOLATIONS_KEPT: usize = 50;

#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct CheckReport {
    pub revision: u64,
    pub log_floor: u64,
    pub articles: u64,
    pub statements: u64,
    pub milestones: u64,
    pub index_entries: u64,
    pub log_entries: u64,
    pub raw_texts: u64,
    pub urls: u64,
    pub request_answers: u64,
    /// Keys of a family this version does not know (not a violation).
    pub other_keys: u64,
    /// The revision recorded in the state file, if there is one.
    pub state_file_revision: Option<u64>,
    pub violation_count: u64,
    /// The first violations, each naming the key concerned.
    pub violations: Vec<String>,
}

impl CheckReport {
    fn violation(&mut self, text: String) {
        self.violation_count += 1;
        if self.violations.len() < VIOLATIONS_KEPT {
            self.violations.push(text);
        }
    }
}

/// A key for people: printable ASCII as is, other bytes as `\xNN`.
pub fn printable(key: &[u8]) -> String {
    let mut text = String::with_capacity(key.len());
    for &byte in key {
        if byte.is_ascii_graphic() || byte == b' ' {
            text.push(byte as char);
        } else {
            text.push_str(&format!("\\x{byte:02x}"));
        }
    }
    text
}

/// Checks the store in `directory`, which must exist and not be in use.
pub fn check_directory(directory: &Path) -> StoreResult<CheckReport> {
    let (_, engine_directory) = super::generations::current(directory).map_err(StoreError::io)?;
    if !engine_directory.join("db").is_file() {
        return Err(StoreError::Damaged {
            directory: directory.to_path_buf(),
            problem: "there is no store here (no `db` file)".into(),
        });
    }
    let db = open::open_engine(
        &engine_directory,
        crate::config::DEFAULT_CACHE_CAPACITY_BYTES,
    )?;
    match open::guarded(|| check_db(&db, directory)) {
        Ok(report) => report,
        Err(panic) => Err(StoreError::Damaged {
            directory: directory.to_path_buf(),
            problem: format!("the storage engine failed while reading ({panic})"),
        }),
    }
}

fn load<T: prost::Message + Default>(db: &sled::Db, family: &[u8], id: &str) -> Option<T> {
    records::load(db, family, id).ok().flatten()
}

fn expect_keys(db: &sled::Db, report: &mut CheckReport, owner: &str, id: &str, wanted: &[Vec<u8>]) {
    for key in wanted {
        match db.get(key) {
            Ok(Some(value)) if value.as_ref() == id.as_bytes() => {}
            Ok(Some(_)) => report.violation(format!(
                "index entry {} of {owner} {id} points at another record",
                printable(key)
            )),
            Ok(None) => report.violation(format!(
                "index entry {} of {owner} {id} is missing",
                printable(key)
            )),
            Err(error) => report.violation(format!("cannot read {}: {error}", printable(key))),
        }
    }
}

/// The index keys the record `id` of index family `family` should have,
/// or why they cannot be derived.
fn derived_index_keys(db: &sled::Db, family: &[u8], id: &str) -> Result<Vec<Vec<u8>>, String> {
    if family.starts_with(b"ix/art/") {
        let article: Article = load(db, keys::ARTICLE, id).ok_or("no such article")?;
        Ok(keys::article_index_keys(&article))
    } else if family.starts_with(b"ix/stm/") {
        let statement: Statement = load(db, keys::STATEMENT, id).ok_or("no such statement")?;
        let article: Article =
            load(db, keys::ARTICLE, &statement.article_id).ok_or("its article is missing")?;
        Ok(keys::statement_index_keys(&article, &statement))
    } else if family.starts_with(b"ix/mil/") {
        let milestone: Milestone = load(db, keys::MILESTONE, id).ok_or("no such milestone")?;
        let article: Article =
            load(db, keys::ARTICLE, &milestone.article_id).ok_or("its article is missing")?;
        Ok(keys::milestone_index_keys(&article, &milestone))
    } else {
        Err("unknown index family".into())
    }
}

pub(super) fn check_db(db: &sled::Db, directory: &Path) -> StoreResult<CheckReport> {
    let mut report = CheckReport {
        revision: records::read_revision(db)?,
        log_floor: super::records::read_counter(db, super::keys::META_LOG_FLOOR)?,
        ..CheckReport::default()
    };
    match super::format::recorded(db)? {
        Some(super::format::STORE_FORMAT) | None => {}
        Some(found) => {
            return Err(StoreError::Format {
                directory: directory.to_path_buf(),
                found,
                expected: super::format::STORE_FORMAT,
            });
        }
    }
    let mut next_log = report.log_floor.saturating_add(1);
    for entry in db.iter() {
        let (key, value) = match entry {
            Ok(pair) => pair,
            Err(error) => {
                report.violation(format!("cannot read the store: {error}"));
                break;
            }
        };
        check_entry(db, &mut report, &key, &value, &mut next_log);
    }
    if report.revision > report.log_floor && next_log <= report.revision {
        report.violation(format!(
            "change-log entries {}..={} are missing (key {})",
            next_log,
            report.revision,
            printable(&keys::change_log(next_log))
        ));
    }
    match state_file::read(directory) {
        Ok(recorded) => {
            report.state_file_revision = recorded;
            if let Some(recorded) = recorded
                && recorded > report.revision
            {
                report.violation(format!(
                    "{} records revision {recorded} as durable but the store is at {}: rolled back",
                    state_file::STATE_FILE_NAME,
                    report.revision
                ));
            }
        }
        Err(problem) => report.violation(problem),
    }
    Ok(report)
}

fn check_entry(
    db: &sled::Db,
    report: &mut CheckReport,
    key: &[u8],
    value: &[u8],
    next_log: &mut u64,
) {
    let id_of = |family: &[u8]| String::from_utf8_lossy(&key[family.len()..]).into_owned();
    let printed = printable(key);
    if key.starts_with(keys::REQUESTS_BY_REVISION) {
        // Replay entries by revision: each names a stored request outcome
        // answered at that revision.
        report.index_entries += 1;
        let request_id = key
            .get(keys::REQUESTS_BY_REVISION.len() + 8..)
            .map(|bytes| String::from_utf8_lossy(bytes).into_owned())
            .unwrap_or_default();
        let answered = db
            .get(keys::record(keys::REQUEST, &request_id))
            .ok()
            .flatten()
            .and_then(|bytes| records::decode::<IngestArticleResponse>(key, &bytes).ok())
            .map(|outcome| outcome.revision);
        if answered != keys::revision_in(keys::REQUESTS_BY_REVISION, key) {
            report.violation(format!(
                "replay index entry {printed} does not match a request outcome of that revision"
            ));
        }
    } else if key.starts_with(keys::ERASE_PENDING) {
        if keys::revision_in(keys::ERASE_PENDING, key).is_none_or(|mark| mark > report.revision) {
            report.violation(format!(
                "erasure mark {printed} lies beyond the store's revision"
            ));
        }
    } else if key.starts_with(keys::DELETED_AT) || key.starts_with(keys::DELETED_BY_REVISION) {
        // Where older log entries find a deleted resource's last state.
        report.other_keys += 1;
        let revision = if key.starts_with(keys::DELETED_AT) {
            <[u8; 8]>::try_from(value).ok().map(u64::from_be_bytes)
        } else {
            keys::revision_in(keys::DELETED_BY_REVISION, key)
        };
        if revision.is_none_or(|at| at > report.revision || at <= report.log_floor) {
            report.violation(format!(
                "deletion key {printed} names no revision still in the change log"
            ));
        }
    } else if key.starts_with(keys::REMOVED_SECTIONS) {
        report.other_keys += 1;
    } else if key.starts_with(b"ix/") {
        report.index_entries += 1;
        let id = String::from_utf8_lossy(value).into_owned();
        match derived_index_keys(db, key, &id) {
            Ok(derived) if derived.iter().any(|k| k.as_slice() == key) => {}
            Ok(_) => report.violation(format!(
                "index entry {printed} points at {id}, whose fields do not give this key"
            )),
            Err(reason) => {
                report.violation(format!("index entry {printed} points at {id}: {reason}"))
            }
        }
    } else if key.starts_with(keys::ARTICLE) {
        report.articles += 1;
        let id = id_of(keys::ARTICLE);
        let Ok(article) = records::decode::<Article>(key, value) else {
            return report.violation(format!("record {printed} does not decode"));
        };
        expect_keys(
            db,
            report,
            "article",
            &id,
            &keys::article_index_keys(&article),
        );
        if article.revision > report.revision {
            report.violation(format!(
                "record {printed} has revision {} beyond the counter {}",
                article.revision, report.revision
            ));
        }
        if !article.embedded_in.is_empty()
            && load::<Article>(db, keys::ARTICLE, &article.embedded_in).is_none()
        {
            report.violation(format!(
                "record {printed} is split off {}, which is missing",
                article.embedded_in
            ));
        }
        if article.embedded_in.is_empty()
            && !db
                .contains_key(keys::record(keys::RAW_TEXT, &id))
                .unwrap_or(false)
        {
            report.violation(format!("raw text of {printed} is missing"));
        }
    } else if key.starts_with(keys::STATEMENT) {
        report.statements += 1;
        let id = id_of(keys::STATEMENT);
        match records::decode::<Statement>(key, value) {
            Ok(statement) => match load::<Article>(db, keys::ARTICLE, &statement.article_id) {
                Some(article) => {
                    let wanted = keys::statement_index_keys(&article, &statement);
                    expect_keys(db, report, "statement", &id, &wanted);
                }
                None => report.violation(format!(
                    "record {printed} belongs to article {}, which is missing",
                    statement.article_id
                )),
            },
            Err(_) => report.violation(format!("record {printed} does not decode")),
        }
    } else if key.starts_with(keys::MILESTONE) {
        report.milestones += 1;
        let id = id_of(keys::MILESTONE);
        match records::decode::<Milestone>(key, value) {
            Ok(milestone) => match load::<Article>(db, keys::ARTICLE, &milestone.article_id) {
                Some(article) => {
                    let wanted = keys::milestone_index_keys(&article, &milestone);
                    expect_keys(db, report, "milestone", &id, &wanted);
                }
                None => report.violation(format!(
                    "record {printed} belongs to article {}, which is missing",
                    milestone.article_id
                )),
            },
            Err(_) => report.violation(format!("record {printed} does not decode")),
        }
    } else if key.starts_with(keys::CHANGE_LOG) {
        report.log_entries += 1;
        let Ok(revision) = open::log_revision(key) else {
            return report.violation(format!("change-log key {printed} is malformed"));
        };
        match records::decode::<ChangeSet>(key, value) {
            Ok(change_set) if change_set.revision == revision => {}
            Ok(change_set) => report.violation(format!(
                "change-log entry {printed} says revision {}",
                change_set.revision
            )),
            Err(_) => report.violation(format!("change-log entry {printed} does not decode")),
        }
        if revision > report.revision {
            report.violation(format!(
                "change-log entry {printed} is beyond the counter {}",
                report.revision
            ));
        } else if revision >= *next_log {
            if revision > *next_log {
                report.violation(format!(
                    "change-log entries {}..{} are missing (before {printed})",
                    *next_log, revision
                ));
            }
            *next_log = revision + 1;
        }
    } else if key.starts_with(keys::URL) {
        report.urls += 1;
        let id = String::from_utf8_lossy(value).into_owned();
        let url = id_of(keys::URL);
        if load::<Article>(db, keys::ARTICLE, &id).is_none_or(|article| article.url != url) {
            report.violation(format!(
                "url entry {printed} points at {id}, which is missing or has another url"
            ));
        }
    } else if key.starts_with(keys::RAW_TEXT) {
        report.raw_texts += 1;
        let id = id_of(keys::RAW_TEXT);
        let text = values::unpack(key, value).map(|payload| std::str::from_utf8(&payload).is_ok());
        if !matches!(text, Ok(true)) {
            report.violation(format!("raw text {printed} is not readable text"));
        }
        if !db
            .contains_key(keys::record(keys::ARTICLE, &id))
            .unwrap_or(false)
        {
            report.violation(format!("raw text {printed} has no article"));
        }
    } else if key.starts_with(keys::REQUEST) {
        report.request_answers += 1;
        if records::decode::<IngestArticleResponse>(key, value).is_err() {
            report.violation(format!("request answer {printed} does not decode"));
        }
    } else if !key.starts_with(b"meta/") {
        report.other_keys += 1;
    }
}
