//! The bulk-load manifest of `khabar ingest --manifest FILE`: JSON Lines, one
//! object per article with `path` or `text` (exactly one) and optional `url`,
//! `source`, `published_at` (YYYY-MM-DD or RFC 3339), `language`, `labels`
//! (an object of strings) and `request_id`. Blank lines are skipped;
//! relative paths resolve against the manifest's directory.
//!
//! The whole manifest is checked before anything is sent: a bad line fails
//! the run, and every bad line (up to a limit) is reported with its number
//! and what to change, so the file can be fixed and the run repeated.
//! Article files themselves are read later, one at a time, while sending.

use super::output::plain_io_error;
use super::parse_instant;
use khabar::proto::v1::IngestArticleRequest;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// How many bad lines one error message lists.
const MAX_REPORTED_LINES: usize = 20;

/// One line as written. Unknown fields are refused so that a misspelt
/// `publishd_at` is not silently ignored.
#[derive(Debug, serde::Deserialize)]
#[serde(
    deny_unknown_fields,
    expecting = "an object with \"path\" or \"text\" and optional \"url\", \"source\", \"published_at\", \"language\", \"labels\", \"request_id\""
)]
struct ManifestLine {
    path: Option<String>,
    text: Option<String>,
    url: Option<String>,
    source: Option<String>,
    published_at: Option<String>,
    language: Option<String>,
    labels: Option<HashMap<String, String>>,
    request_id: Option<String>,
}

/// Where an article's text comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Content {
    File(PathBuf),
    Text(String),
}

/// One article to send: its text's origin and the request fields the
/// manifest gave (the `text` field is filled when the article is sent).
#[derive(Debug, Clone)]
pub struct Entry {
    pub content: Content,
    /// The manifest line it came from (from 1), if any.
    pub line: Option<usize>,
    pub request: IngestArticleRequest,
}

/// Reads and checks a manifest; "-" reads standard input (relative paths
/// then resolve against the working directory).
pub fn read(manifest: &Path) -> Result<Vec<Entry>, String> {
    let (bytes, base) = if manifest == Path::new("-") {
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(&mut std::io::stdin(), &mut bytes).map_err(|error| {
            format!(
                "cannot read the manifest from standard input: {}",
                plain_io_error(&error)
            )
        })?;
        (bytes, PathBuf::new())
    } else {
        let bytes = std::fs::read(manifest).map_err(|error| {
            format!(
                "cannot read the manifest {}: {}",
                manifest.display(),
                plain_io_error(&error)
            )
        })?;
        let base = manifest
            .parent()
            .map_or_else(PathBuf::new, Path::to_path_buf);
        (bytes, base)
    };
    parse(&bytes, &base).map_err(|problems| report(manifest, &problems))
}

/// Parses manifest bytes; on failure returns every bad line's number and
/// reason.
fn parse(bytes: &[u8], base: &Path) -> Result<Vec<Entry>, Vec<(usize, String)>> {
    let mut entries = Vec::new();
    let mut problems = Vec::new();
    let bytes = bytes.strip_prefix("\u{feff}".as_bytes()).unwrap_or(bytes);
    for (index, raw) in bytes.split(|byte| *byte == b'\n').enumerate() {
        let number = index + 1;
        let Ok(line) = std::str::from_utf8(raw) else {
            problems.push((number, "not UTF-8 text".to_string()));
            continue;
        };
        if line.trim().is_empty() {
            continue;
        }
        match entry(line, base) {
            Ok(mut entry) => {
                entry.line = Some(number);
                entries.push(entry);
            }
            Err(reason) => problems.push((number, reason)),
        }
    }
    if problems.is_empty() {
        Ok(entries)
    } else {
        Err(problems)
    }
}

/// serde_json says where in the line the problem is; the line number is
/// ours, so keep only the column.
fn json_problem(error: &serde_json::Error) -> String {
    let text = error.to_string();
    let reason = match text.rfind(" at line ") {
        Some(cut) => &text[..cut],
        None => text.as_str(),
    };
    format!("{reason} (column {})", error.column())
}

fn non_empty(value: Option<String>) -> String {
    value.unwrap_or_default()
}

fn entry(line: &str, base: &Path) -> Result<Entry, String> {
    if !line.trim_start().starts_with('{') {
        return Err(
            "not a JSON object; each line holds one object such as {\"path\": \"a.txt\"}"
                .to_string(),
        );
    }
    let fields: ManifestLine = serde_json::from_str(line).map_err(|error| json_problem(&error))?;
    let content = match (fields.path, fields.text) {
        (Some(_), Some(_)) => {
            return Err("give \"path\" or \"text\", not both".to_string());
        }
        (None, None) => {
            return Err(
                "give the article as \"path\" (a file) or \"text\" (the text itself)".to_string(),
            );
        }
        (Some(path), None) if path.trim().is_empty() => {
            return Err("\"path\" is empty".to_string());
        }
        (None, Some(text)) if text.trim().is_empty() => {
            return Err("\"text\" is empty".to_string());
        }
        (Some(path), None) => Content::File(base.join(path)),
        (None, Some(text)) => Content::Text(text),
    };
    let published_at = match fields.published_at.filter(|date| !date.is_empty()) {
        Some(date) => {
            Some(parse_instant(&date).map_err(|reason| format!("published_at: {reason}"))?)
        }
        None => None,
    };
    Ok(Entry {
        content,
        line: None,
        request: IngestArticleRequest {
            url: non_empty(fields.url),
            source: non_empty(fields.source),
            published_at,
            language: non_empty(fields.language),
            labels: fields.labels.unwrap_or_default(),
            request_id: non_empty(fields.request_id),
            ..Default::default()
        },
    })
}

fn report(manifest: &Path, problems: &[(usize, String)]) -> String {
    let name = if manifest == Path::new("-") {
        "the manifest on standard input".to_string()
    } else {
        manifest.display().to_string()
    };
    let count = problems.len();
    let noun = if count == 1 { "line" } else { "lines" };
    let mut message = format!("{name} has {count} bad {noun}; nothing was sent:");
    for (number, reason) in problems.iter().take(MAX_REPORTED_LINES) {
        message.push_str(&format!("\n  line {number}: {reason}"));
    }
    if count > MAX_REPORTED_LINES {
        message.push_str(&format!("\n  … and {} more", count - MAX_REPORTED_LINES));
    }
    message
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problems(text: &str) -> Vec<(usize, String)> {
        parse(text.as_bytes(), Path::new("/base")).expect_err("a bad manifest")
    }

    #[test]
    fn lines_become_entries_with_paths_resolved_against_the_manifest() {
        let text = concat!(
            "{\"path\": \"a.txt\", \"source\": \"S\", \"published_at\": \"2021-12-12\", \"labels\": {\"k\": \"v\"}}\n",
            "\n",
            "{\"path\": \"/abs/b.txt\", \"url\": \"https://example.com/b\"}\r\n",
            "{\"text\": \"inline\", \"request_id\": \"r1\", \"language\": \"ar\"}\n",
        );
        let entries = parse(text.as_bytes(), Path::new("/base")).expect("a good manifest");
        assert_eq!(entries.len(), 3);
        assert_eq!(
            entries[0].content,
            Content::File(PathBuf::from("/base/a.txt"))
        );
        assert_eq!(entries[0].line, Some(1));
        assert_eq!(entries[0].request.source, "S");
        assert_eq!(
            entries[0].request.published_at.map(|t| t.seconds),
            Some(1_639_267_200)
        );
        assert_eq!(
            entries[0].request.labels.get("k").map(String::as_str),
            Some("v")
        );
        assert_eq!(
            entries[1].content,
            Content::File(PathBuf::from("/abs/b.txt"))
        );
        assert_eq!(entries[1].line, Some(3));
        assert_eq!(entries[2].content, Content::Text("inline".to_string()));
        assert_eq!(entries[2].request.request_id, "r1");
    }

    #[test]
    fn bad_lines_are_reported_by_number_with_what_to_change() {
        let text = concat!(
            "{\"path\": \"a.txt\"}\n",
            "{\"path\": \"a.txt\", \"sourse\": \"x\"}\n",
            "{\"path\": \"a.txt\", \"text\": \"x\"}\n",
            "{\"source\": \"x\"}\n",
            "{\"path\": \"a.txt\", \"published_at\": \"2021-02-30\"}\n",
            "{\"path\": \"a.txt\", \"labels\": {\"k\": 3}}\n",
            "not json\n",
            "[1, 2]\n",
        );
        let found = problems(text);
        let numbers: Vec<usize> = found.iter().map(|(number, _)| *number).collect();
        assert_eq!(numbers, vec![2, 3, 4, 5, 6, 7, 8]);
        assert!(
            found[0].1.contains("unknown field `sourse`"),
            "{}",
            found[0].1
        );
        assert!(found[0].1.contains("(column"), "{}", found[0].1);
        assert!(found[1].1.contains("not both"), "{}", found[1].1);
        assert!(found[2].1.contains("\"path\""), "{}", found[2].1);
        assert!(found[3].1.starts_with("published_at:"), "{}", found[3].1);
        assert!(found[6].1.contains("not a JSON object"), "{}", found[6].1);
        assert!(found[4].1.contains("expected a string"), "{}", found[4].1);
        let message = report(Path::new("news.jsonl"), &found);
        assert!(message.starts_with("news.jsonl has 7 bad lines; nothing was sent:"));
        assert!(
            message.contains("\n  line 2: unknown field `sourse`"),
            "{message}"
        );
    }
}
