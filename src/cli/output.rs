//! Terminal output for the client subcommands: aligned tables for people,
//! JSON (the proto3 JSON mapping) for machines, and messages in the CLI's
//! own words (flag names instead of API field names, OS errors in plain
//! words naming the path). No colour or cursor codes: output is plain text
//! whether or not it goes to a terminal.

use super::CliResult;
use khabar::proto::v1::{Article, Milestone, MilestoneStatus, Part, Relation, Statement};
use std::path::Path;

/// Whether colour codes may be written to stderr: only to a terminal, and
/// not when NO_COLOR is set to a non-empty value (https://no-color.org).
pub fn colour_on_stderr() -> bool {
    use std::io::IsTerminal;
    let no_colour = std::env::var_os("NO_COLOR").is_some_and(|value| !value.is_empty());
    std::io::stderr().is_terminal()
        && !no_colour
        && std::env::var_os("TERM").is_none_or(|term| term != "dumb")
}

/// Writes one line to stdout. When the reader has gone (`khabar … | head`)
/// the process ends quietly with 141, as a program killed by SIGPIPE would,
/// instead of panicking in `println!`.
pub fn print_line(line: &str) {
    use std::io::Write;
    let mut stdout = std::io::stdout().lock();
    let written = writeln!(stdout, "{line}");
    if let Err(error) = written {
        if error.kind() == std::io::ErrorKind::BrokenPipe {
            std::process::exit(141);
        }
        eprintln!(
            "khabar: cannot write to standard output: {}",
            plain_io_error(&error)
        );
        std::process::exit(1);
    }
}

pub fn print_json<T: serde::Serialize>(value: &T) -> CliResult<()> {
    print_line(&serde_json::to_string(value)?);
    Ok(())
}

/// Prints rows as columns padded to the widest cell (counted in characters).
pub fn print_table(header: &[&str], rows: &[Vec<String>]) {
    let mut table = TableWriter::new(header);
    table.print_rows(rows);
    table.finish();
}

/// A table printed page by page: the columns are as wide as the widest cell
/// of the first non-empty page (or the header), so a listing that follows
/// page tokens can print each page as it arrives; a longer cell later on
/// pushes only its own line out of alignment.
pub struct TableWriter {
    header: Vec<String>,
    widths: Option<Vec<usize>>,
}

impl TableWriter {
    pub fn new(header: &[&str]) -> TableWriter {
        TableWriter {
            header: header.iter().map(|h| h.to_string()).collect(),
            widths: None,
        }
    }

    pub fn print_rows(&mut self, rows: &[Vec<String>]) {
        if rows.is_empty() {
            return;
        }
        if self.widths.is_none() {
            let mut widths: Vec<usize> = self.header.iter().map(|h| h.chars().count()).collect();
            for row in rows {
                for (width, cell) in widths.iter_mut().zip(row) {
                    *width = (*width).max(cell.chars().count());
                }
            }
            print_padded(&self.header, &widths);
            self.widths = Some(widths);
        }
        if let Some(widths) = &self.widths {
            for row in rows {
                print_padded(row, widths);
            }
        }
    }

    /// Prints the header if no row was printed, so an empty listing still
    /// shows its columns.
    pub fn finish(self) {
        if self.widths.is_none() {
            let widths: Vec<usize> = self.header.iter().map(|h| h.chars().count()).collect();
            print_padded(&self.header, &widths);
        }
    }
}

fn print_padded(cells: &[String], widths: &[usize]) {
    let padded: Vec<String> = cells
        .iter()
        .zip(widths)
        .map(|(cell, width)| {
            let fill = width.saturating_sub(cell.chars().count());
            format!("{cell}{}", " ".repeat(fill))
        })
        .collect();
    print_line(padded.join("  ").trim_end());
}

/// API field names that server messages may contain, and the flag (or
/// phrase) a user of the CLI knows them by. Longer names come first so that
/// `filter.when_from` wins over `when_from`.
const FLAG_VOCABULARY: &[(&str, &str)] = &[
    ("filter.published.start", "--published-from"),
    ("filter.published.end", "--published-to"),
    ("filter.when_from", "--from"),
    ("filter.when_to", "--to"),
    ("filter.relation", "--relation"),
    ("filter.status", "--status"),
    ("filter.speaker", "--speaker"),
    ("filter.article_id", "--article"),
    ("filter.source", "--source"),
    ("filter.language", "--language"),
    ("next_page_token", "the --page-token value khabar printed"),
    ("published.start", "--published-from"),
    ("published.end", "--published-to"),
    ("heartbeat_interval", "--heartbeat-secs"),
    ("after_revision", "--after"),
    ("published_at", "--published-at"),
    ("page_token", "--page-token"),
    ("page_size", "--page-size"),
    ("when_from", "--from"),
    ("when_to", "--to"),
];

fn is_name_character(character: char) -> bool {
    character.is_ascii_alphanumeric() || character == '_' || character == '.'
}

/// Rewrites the API field names in a server message into the CLI's flags,
/// matching whole names only (`published_at_source` stays as it is).
pub fn in_flag_vocabulary(message: &str) -> String {
    let mut translated = String::with_capacity(message.len());
    let mut rest = message;
    let mut previous: Option<char> = None;
    'scan: while let Some(character) = rest.chars().next() {
        if previous.is_none_or(|p| !is_name_character(p)) {
            for (name, flag) in FLAG_VOCABULARY {
                let Some(after) = rest.strip_prefix(name) else {
                    continue;
                };
                let mut following = after.chars();
                let ends_name = match following.next() {
                    None => true,
                    // A full stop ends a sentence, not a name, when no name
                    // character follows it.
                    Some('.') => following.next().is_none_or(|c| !is_name_character(c)),
                    Some(next) => !is_name_character(next),
                };
                if ends_name {
                    translated.push_str(flag);
                    previous = name.chars().last();
                    rest = after;
                    continue 'scan;
                }
            }
        }
        translated.push(character);
        previous = Some(character);
        rest = &rest[character.len_utf8()..];
    }
    translated
}

/// An OS error in plain words, without the error number.
pub fn plain_io_error(error: &std::io::Error) -> String {
    use std::io::ErrorKind;
    let words = match error.kind() {
        ErrorKind::NotFound => "no such file or directory",
        ErrorKind::PermissionDenied => "permission denied",
        ErrorKind::IsADirectory => "it is a directory, not a file",
        ErrorKind::NotADirectory => "a part of the path is not a directory",
        ErrorKind::InvalidData => "it is not UTF-8 text",
        ErrorKind::WouldBlock => "it is locked by another process",
        ErrorKind::StorageFull => "the disk is full",
        ErrorKind::ReadOnlyFilesystem => "the file system is read-only",
        ErrorKind::OutOfMemory => "out of memory",
        _ => "",
    };
    if !words.is_empty() {
        return words.to_string();
    }
    let text = error.to_string();
    match text.rfind(" (os error ") {
        Some(cut) => text[..cut].to_string(),
        None => text,
    }
}

/// "cannot read PATH: REASON" for a file the CLI failed to read.
pub fn cannot_read(path: &Path, error: &std::io::Error) -> String {
    format!("cannot read {}: {}", path.display(), plain_io_error(error))
}

/// Why a data directory could not be opened as a store, in the CLI's words:
/// a lock held by a running server is named as such, not as `WouldBlock`.
pub fn store_open_message(directory: &Path, error: &(dyn std::error::Error + 'static)) -> String {
    let mut cause: Option<&(dyn std::error::Error + 'static)> = Some(error);
    let mut os_error: Option<std::io::Error> = None;
    while let Some(current) = cause {
        if let Some(sled::Error::Io(io)) = current.downcast_ref::<sled::Error>() {
            os_error = Some(std::io::Error::new(io.kind(), io.to_string()));
            break;
        }
        if let Some(io) = current.downcast_ref::<std::io::Error>() {
            os_error = Some(std::io::Error::new(io.kind(), io.to_string()));
            break;
        }
        // The store reports engine I/O errors by kind and message.
        if let Some(store_error) = current.downcast_ref::<khabar::store::StoreError>()
            && let Some(kind) = store_error.io_error_kind()
        {
            let message = store_error.to_string();
            os_error = Some(std::io::Error::new(kind, message));
            break;
        }
        cause = current.source();
    }
    let locked = matches!(
        error.downcast_ref::<khabar::store::StoreError>(),
        Some(khabar::store::StoreError::Locked { .. })
    );
    let held_by_another = locked
        || os_error.as_ref().is_some_and(|io| {
            let text = format!("{io:?}");
            io.kind() == std::io::ErrorKind::WouldBlock
                || text.contains("could not acquire lock")
                || text.contains("WouldBlock")
        });
    if held_by_another {
        return format!(
            "the data directory {} is in use by another process (is a khabar server running? stop it or use --server)",
            directory.display()
        );
    }
    let reason = match &os_error {
        Some(io) => plain_io_error(io),
        None => error.to_string(),
    };
    format!(
        "cannot open the data directory {}: {reason}",
        directory.display()
    )
}

/// At most `limit` characters of `text` on one line.
pub fn clip(text: &str, limit: usize) -> String {
    let flat: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= limit {
        flat
    } else {
        let mut clipped: String = flat.chars().take(limit.saturating_sub(1)).collect();
        clipped.push('…');
        clipped
    }
}

fn date(timestamp: Option<&pbjson_types::Timestamp>) -> String {
    timestamp
        .and_then(|t| jiff::Timestamp::new(t.seconds, t.nanos).ok())
        .map_or_else(String::new, |t| t.strftime("%Y-%m-%d").to_string())
}

pub fn article_rows(articles: &[Article]) -> Vec<Vec<String>> {
    articles
        .iter()
        .map(|a| {
            vec![
                a.id.clone(),
                date(a.published_at.as_ref()),
                a.source.clone(),
                a.language.clone(),
                clip(&a.title, 60),
            ]
        })
        .collect()
}

pub const ARTICLE_HEADER: &[&str] = &["ID", "PUBLISHED", "SOURCE", "LANG", "TITLE"];

pub fn statement_rows(statements: &[Statement]) -> Vec<Vec<String>> {
    statements
        .iter()
        .map(|s| {
            let speaker = s
                .speaker
                .as_ref()
                .map_or_else(String::new, |sp| sp.name.clone());
            vec![s.id.clone(), clip(&speaker, 30), clip(&s.text, 70)]
        })
        .collect()
}

pub const STATEMENT_HEADER: &[&str] = &["ID", "SPEAKER", "TEXT"];

fn enum_name(name: &str, prefix: &str) -> String {
    let short = name.trim_start_matches(prefix);
    if short == "UNSPECIFIED" {
        String::new()
    } else {
        short.to_string()
    }
}

pub fn milestone_rows(milestones: &[Milestone]) -> Vec<Vec<String>> {
    milestones
        .iter()
        .map(|m| {
            let when = m.when.clone().unwrap_or_default();
            let relation = Relation::try_from(when.relation)
                .map(|r| r.as_str_name())
                .unwrap_or("");
            let part = Part::try_from(when.part)
                .map(|p| p.as_str_name())
                .unwrap_or("");
            let status = MilestoneStatus::try_from(m.status)
                .map(|s| s.as_str_name())
                .unwrap_or("");
            vec![
                when.value,
                enum_name(relation, "RELATION_"),
                enum_name(part, "PART_"),
                enum_name(status, "MILESTONE_STATUS_"),
                clip(&m.expression, 30),
                clip(&m.event, 60),
                m.id.clone(),
            ]
        })
        .collect()
}

pub const MILESTONE_HEADER: &[&str] = &[
    "WHEN",
    "RELATION",
    "PART",
    "STATUS",
    "EXPRESSION",
    "EVENT",
    "ID",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn api_field_names_become_flags() {
        let cases = [
            (
                "filter.published.start (2022-01-01T00:00:00Z) is after filter.published.end (2021-01-01T00:00:00Z)",
                "--published-from (2022-01-01T00:00:00Z) is after --published-to (2021-01-01T00:00:00Z)",
            ),
            (
                "when_from: \"x\" is not a calendar value",
                "--from: \"x\" is not a calendar value",
            ),
            (
                "after_revision 9 is beyond the store's current revision 3.",
                "--after 9 is beyond the store's current revision 3.",
            ),
            (
                "page_size must not be negative",
                "--page-size must not be negative",
            ),
            ("published_at_source is kept", "published_at_source is kept"),
            ("my_when_from stays", "my_when_from stays"),
            ("no names here", "no names here"),
        ];
        for (message, expected) in cases {
            assert_eq!(in_flag_vocabulary(message), expected, "{message}");
        }
    }

    #[test]
    fn os_errors_are_plain_words() {
        let missing = std::io::Error::from_raw_os_error(2);
        assert_eq!(plain_io_error(&missing), "no such file or directory");
        let other = std::io::Error::other("something odd");
        assert_eq!(plain_io_error(&other), "something odd");
        let message = cannot_read(Path::new("a/b.txt"), &missing);
        assert_eq!(message, "cannot read a/b.txt: no such file or directory");
    }

    #[test]
    fn engine_io_errors_of_the_store_are_plain_words() {
        let denied =
            khabar::store::StoreError::from(sled::Error::Io(std::io::Error::from_raw_os_error(13)));
        let message = store_open_message(Path::new("./data"), &denied);
        assert_eq!(
            message,
            "cannot open the data directory ./data: permission denied"
        );
        let held = khabar::store::StoreError::from(sled::Error::Io(std::io::Error::from(
            std::io::ErrorKind::WouldBlock,
        )));
        let message = store_open_message(Path::new("./data"), &held);
        assert!(message.starts_with("the data directory ./data is in use by another process"));
    }

    #[test]
    fn a_held_lock_is_named_as_a_running_server() {
        let locked = sled::Error::Io(std::io::Error::other(
            "could not acquire lock on \"data/db\": Os { code: 11, kind: WouldBlock }",
        ));
        let message = store_open_message(Path::new("./data"), &locked);
        assert!(message.starts_with("the data directory ./data is in use by another process"));
        assert!(!message.contains("Os {"), "{message}");
    }
}
