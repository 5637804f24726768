//! Paging of the list subcommands: one page by default, `--page-size`,
//! `--page-token` to continue, `--all` to follow page tokens to the end. Each
//! page is printed as it arrives; when rows remain, a line on stderr says how
//! to get them. It must not buffer a whole listing in memory.

use super::output::{TableWriter, print_json};
use super::{CliResult, ServerAddress, status_message};
use std::future::Future;
use std::process::ExitCode;

/// The most rows one request may ask for (the server's page size limit).
pub const MAX_PAGE_SIZE: i64 = 1000;

#[derive(Debug, Clone, clap::Args)]
pub struct Listing {
    #[command(flatten)]
    pub server: ServerAddress,
    /// Print JSON lines instead of a table.
    #[arg(long)]
    pub json: bool,
    /// Rows per request, 1 to 1000. A page may hold fewer rows when the
    /// server ends it early; the "more rows" line tells.
    #[arg(long, default_value_t = 50, value_parser = clap::value_parser!(i32).range(1..=MAX_PAGE_SIZE))]
    pub page_size: i32,
    /// Continue a listing from the token printed by an earlier page (with
    /// the same filters).
    #[arg(long, value_name = "TOKEN")]
    pub page_token: Option<String>,
    /// Follow page tokens to the end, printing each page as it arrives.
    #[arg(long, conflicts_with = "page_token")]
    pub all: bool,
}

/// How a listing prints its rows.
pub struct Rows<T> {
    pub header: &'static [&'static str],
    pub rows: fn(&[T]) -> Vec<Vec<String>>,
}

/// The stderr line that says more rows exist and how to get them.
pub fn more_rows_hint(next_page_token: &str) -> String {
    format!(
        "more rows: repeat with --all, or --page-size N (up to {MAX_PAGE_SIZE}), or --page-token {next_page_token}"
    )
}

/// Requests pages with `fetch(page_token, page_size)` and prints them: one
/// page, or every page with `--all`.
pub async fn print_pages<T, F, Fut>(
    listing: &Listing,
    rows: Rows<T>,
    mut fetch: F,
) -> CliResult<ExitCode>
where
    T: serde::Serialize,
    F: FnMut(String, i32) -> Fut,
    Fut: Future<Output = Result<(Vec<T>, String), tonic::Status>>,
{
    let mut token = listing.page_token.clone().unwrap_or_default();
    let mut table = (!listing.json).then(|| TableWriter::new(rows.header));
    loop {
        let (items, next) = fetch(token.clone(), listing.page_size)
            .await
            .map_err(status_message)?;
        match table.as_mut() {
            Some(table) => table.print_rows(&(rows.rows)(&items)),
            None => {
                for item in &items {
                    print_json(item)?;
                }
            }
        }
        if next.is_empty() {
            break;
        }
        if !listing.all {
            eprintln!("{}", more_rows_hint(&next));
            break;
        }
        if next == token {
            return Err("the server returned the same page token twice; stopping".into());
        }
        token = next;
    }
    if let Some(table) = table {
        table.finish();
    }
    Ok(ExitCode::SUCCESS)
}
