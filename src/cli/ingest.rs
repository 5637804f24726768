//! `khabar ingest FILE…` and `khabar ingest --manifest FILE.jsonl`: streams
//! articles to a running server through the bulk ingest call, reading each
//! file only when it is its turn, and prints a summary of what was new,
//! duplicate or failed.
//!
//! Ctrl-C stops feeding new articles and ends the stream cleanly, so the
//! server still answers for everything already sent: the summary is printed
//! with the number of files not sent, and the exit code is 130.
//!
//! An article sent without a publication date gets the date line of its own
//! text, read by the server's engine; when the text has none, the server
//! dates it by the ingest day and resolves its relative dates ("yesterday",
//! "next month") against that day. The bulk answer carries only ids, so for
//! each article created without a date the CLI asks the server for the
//! stored article (GetArticle) and warns when its `published_at_source` is
//! INGEST_TIME. Asking the server, rather than running the engine locally,
//! reports what was actually stored, whatever engine version the server
//! runs; articles sent with a date cost nothing.

use super::manifest::{self, Content, Entry};
use super::output::plain_io_error;
use super::{CliResult, ServerAddress, parse_instant, status_message};
use indicatif::{ProgressBar, ProgressStyle};
use khabar::proto::v1::{
    GetArticleRequest, IngestArticleRequest, IngestArticlesResponse, PublishedAtSource,
};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use tokio::sync::{mpsc, watch};

/// The exit code after Ctrl-C (128 + SIGINT), as shells report it.
const INTERRUPTED_EXIT_CODE: u8 = 130;
/// Articles read ahead of what the transport has taken.
const READ_AHEAD: usize = 8;
/// GetArticle calls in flight when checking undated articles.
const LOOKUPS_IN_FLIGHT: usize = 8;

#[derive(Debug, clap::Args)]
#[command(after_help = "\
A manifest has one JSON object per line, for example:
  {\"path\": \"a.txt\", \"source\": \"الشرق\", \"published_at\": \"2021-12-12\", \"labels\": {\"desk\": \"politics\"}}
  {\"text\": \"…the article itself…\", \"url\": \"https://example.com/b\", \"request_id\": \"b-1\"}
Fields: path or text (exactly one), url, source, published_at (YYYY-MM-DD or
RFC 3339), language, labels, request_id. Relative paths are read from the
manifest's directory. The manifest is checked first: if any line is bad,
every bad line is listed with its number and nothing is sent.

Without a date, an article is dated by its own date line; an article with no
date line is dated by the ingest day and a warning names it.
Ctrl-C stops sending, prints the summary of what was stored, and exits 130.")]
pub struct IngestArguments {
    #[command(flatten)]
    server: ServerAddress,
    /// Article text files (UTF-8).
    #[arg(required_unless_present = "manifest")]
    files: Vec<PathBuf>,
    /// A JSON Lines manifest: one article per line with its own metadata
    /// ("-" reads it from standard input).
    #[arg(long, value_name = "FILE.jsonl")]
    manifest: Option<PathBuf>,
    /// The outlet, for every article that does not name its own.
    #[arg(long)]
    source: Option<String>,
    /// Language tag, for every article that does not give its own.
    #[arg(long)]
    language: Option<String>,
    /// Publication date (YYYY-MM-DD or RFC 3339), for every article that
    /// does not give its own; without one, each article's date line is used.
    #[arg(long, value_parser = parse_instant)]
    published_at: Option<pbjson_types::Timestamp>,
    /// A label KEY=VALUE for every article (a manifest's labels win for the
    /// same key); repeat for several.
    #[arg(long = "label", value_parser = parse_label)]
    labels: Vec<(String, String)>,
}

fn parse_label(text: &str) -> Result<(String, String), String> {
    text.split_once('=')
        .map(|(key, value)| (key.to_string(), value.to_string()))
        .ok_or_else(|| format!("{text:?} is not KEY=VALUE"))
}

impl IngestArguments {
    /// Fills what an article does not say itself from the flags.
    fn apply_defaults(&self, request: &mut IngestArticleRequest) {
        if request.source.is_empty() {
            request.source = self.source.clone().unwrap_or_default();
        }
        if request.language.is_empty() {
            request.language = self.language.clone().unwrap_or_default();
        }
        if request.published_at.is_none() {
            request.published_at = self.published_at;
        }
        for (key, value) in &self.labels {
            request
                .labels
                .entry(key.clone())
                .or_insert_with(|| value.clone());
        }
    }

    /// The articles to send, files on the command line first, each with a
    /// name for messages.
    fn entries(&self) -> CliResult<Vec<(Entry, String)>> {
        let mut entries: Vec<(Entry, String)> = self
            .files
            .iter()
            .map(|path| {
                let entry = Entry {
                    content: Content::File(path.clone()),
                    line: None,
                    request: IngestArticleRequest::default(),
                };
                (entry, path.display().to_string())
            })
            .collect();
        if let Some(manifest) = &self.manifest {
            for entry in manifest::read(manifest)? {
                let name = entry_name(&entry, manifest);
                entries.push((entry, name));
            }
        }
        for (entry, _) in &mut entries {
            self.apply_defaults(&mut entry.request);
        }
        Ok(entries)
    }
}

fn entry_name(entry: &Entry, manifest: &Path) -> String {
    let line = format!("{}:{}", manifest.display(), entry.line.unwrap_or(0));
    match &entry.content {
        Content::File(path) => format!("{} ({line})", path.display()),
        Content::Text(_) => line,
    }
}

/// Completes when the user presses Ctrl-C (SIGINT); a second Ctrl-C quits
/// at once. The handler is installed before this returns, so no signal sent
/// after the call is lost.
fn listen_for_interrupt() -> CliResult<watch::Receiver<bool>> {
    let (sender, receiver) = watch::channel(false);
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        let mut interrupts = signal(SignalKind::interrupt())
            .map_err(|error| format!("cannot listen for Ctrl-C: {}", plain_io_error(&error)))?;
        tokio::spawn(async move {
            if interrupts.recv().await.is_some() {
                let _ = sender.send(true);
                eprintln!(
                    "Ctrl-C: sending stopped; waiting for the server's answer on the articles already sent (Ctrl-C again quits at once)"
                );
                if interrupts.recv().await.is_some() {
                    std::process::exit(i32::from(INTERRUPTED_EXIT_CODE));
                }
            }
        });
    }
    #[cfg(not(unix))]
    tokio::spawn(async move {
        if tokio::signal::ctrl_c().await.is_ok() {
            let _ = sender.send(true);
        }
    });
    Ok(receiver)
}

/// What the feeding task did.
#[derive(Debug, Default)]
struct Fed {
    /// Entry index of each request sent, in stream order.
    sent: Vec<usize>,
    /// Entries that could not be read, with the reason.
    unreadable: Vec<(usize, String)>,
    /// Entries never sent because of Ctrl-C or because the call ended.
    not_sent: usize,
}

fn read_text(path: &Path) -> Result<String, String> {
    let bytes =
        std::fs::read(path).map_err(|error| format!("cannot read: {}", plain_io_error(&error)))?;
    String::from_utf8(bytes).map_err(|_| "cannot read: it is not UTF-8 text".to_string())
}

/// Reads the article texts in order on a thread of its own, at most
/// `READ_AHEAD` ahead of the stream. A plain thread, not the runtime's
/// blocking pool: a read that hangs (a FIFO, a dead network mount) must not
/// keep the process from exiting after Ctrl-C.
fn spawn_reader(contents: Vec<Content>) -> CliResult<mpsc::Receiver<Result<String, String>>> {
    let (sender, receiver) = mpsc::channel(READ_AHEAD);
    std::thread::Builder::new()
        .name("khabar-ingest-reader".to_string())
        .spawn(move || {
            for content in contents {
                let text = match content {
                    Content::Text(text) => Ok(text),
                    Content::File(path) => read_text(&path),
                };
                if sender.blocking_send(text).is_err() {
                    break;
                }
            }
        })
        .map_err(|error| format!("cannot start the file reader: {}", plain_io_error(&error)))?;
    Ok(receiver)
}

/// Hands the texts to the stream in order, stopping at Ctrl-C; dropping
/// `sender` at the end closes the stream.
async fn feed(
    requests: Vec<IngestArticleRequest>,
    mut texts: mpsc::Receiver<Result<String, String>>,
    sender: mpsc::Sender<IngestArticleRequest>,
    mut interrupted: watch::Receiver<bool>,
    progress: ProgressBar,
) -> Fed {
    let total = requests.len();
    let mut fed = Fed::default();
    for (index, mut request) in requests.into_iter().enumerate() {
        let text = tokio::select! {
            biased;
            _ = interrupted.wait_for(|stop| *stop) => None,
            text = texts.recv() => text,
        };
        let Some(text) = text else {
            fed.not_sent = total - index;
            break;
        };
        match text {
            Ok(text) => request.text = text,
            Err(reason) => {
                fed.unreadable.push((index, reason));
                progress.inc(1);
                continue;
            }
        }
        let delivered = tokio::select! {
            biased;
            _ = interrupted.wait_for(|stop| *stop) => false,
            sent = sender.send(request) => sent.is_ok(),
        };
        if !delivered {
            fed.not_sent = total - index;
            break;
        }
        fed.sent.push(index);
        progress.inc(1);
    }
    fed
}

fn progress_bar(total: usize) -> ProgressBar {
    if total < 2 {
        return ProgressBar::hidden();
    }
    // indicatif draws on stderr only when it is a terminal, and this style
    // has no colours, so redirected output stays plain text.
    let bar = ProgressBar::new(total as u64);
    bar.set_style(
        ProgressStyle::with_template("{bar:40} {pos}/{len} files sent, {elapsed} {msg}")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    bar
}

pub async fn run(arguments: IngestArguments) -> CliResult<ExitCode> {
    let entries = arguments.entries()?;
    let client = arguments.server.connect().await?;
    // From here on Ctrl-C ends the stream instead of the process; before,
    // nothing has been sent and the default (quit at once) is right.
    let interrupted = listen_for_interrupt()?;
    let total = entries.len();
    let (entries, names): (Vec<Entry>, Vec<String>) = entries.into_iter().unzip();
    let dated: Vec<bool> = entries
        .iter()
        .map(|entry| entry.request.published_at.is_some())
        .collect();
    let (requests, contents): (Vec<_>, Vec<_>) = entries
        .into_iter()
        .map(|entry| (entry.request, entry.content))
        .unzip();

    let progress = progress_bar(total);
    let texts = spawn_reader(contents)?;
    let (sender, receiver) = mpsc::channel(READ_AHEAD);
    let feeding = tokio::spawn(feed(
        requests,
        texts,
        sender,
        interrupted.clone(),
        progress.clone(),
    ));
    let answer = client
        .clone()
        .ingest_articles(tokio_stream::wrappers::ReceiverStream::new(receiver))
        .await;
    let fed = feeding
        .await
        .map_err(|error| format!("the task reading the files failed: {error}"))?;
    progress.finish_and_clear();
    let response = match answer {
        Ok(response) => response.into_inner(),
        Err(status) => {
            if let Some(processed) = processed_before_error(&status) {
                Report {
                    names: &names,
                    fed: &fed,
                    single: total == 1,
                }
                .print_results(&processed);
                println!(
                    "before the stream broke: {} new, {} duplicate, {} failed; store at revision {}",
                    processed.created, processed.duplicates, processed.failed, processed.revision
                );
            }
            return Err(format!(
                "{} ({} of {total} articles had been sent; the store keeps those it acknowledged, and sending them again is harmless)",
                status_message(status),
                fed.sent.len()
            )
            .into());
        }
    };
    let report = Report {
        names: &names,
        fed: &fed,
        single: total == 1,
    };
    report.print_results(&response);
    let undated = report.warn_undated(client, &response, &dated).await;
    let failed = response.failed as usize + fed.unreadable.len();
    let mut summary = format!(
        "{} new, {} duplicate, {failed} failed; store at revision {}",
        response.created, response.duplicates, response.revision
    );
    if undated > 0 {
        summary.push_str(&format!(
            "; {undated} dated by the ingest day, relative dates resolved against it (see the warnings)"
        ));
    }
    println!("{summary}");
    if *interrupted.borrow() {
        eprintln!("interrupted: {} files not sent", fed.not_sent);
        return Ok(ExitCode::from(INTERRUPTED_EXIT_CODE));
    }
    Ok(if failed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

/// The results a broken bulk stream returns in its status details (see
/// `IngestArticles` in service.proto), if any.
fn processed_before_error(status: &tonic::Status) -> Option<IngestArticlesResponse> {
    use prost::Message;
    let details = khabar::proto::rpc::Status::decode(status.details()).ok()?;
    details
        .details
        .iter()
        .find(|any| any.type_url.ends_with("/khabar.v1.IngestArticlesResponse"))
        .and_then(|any| IngestArticlesResponse::decode(any.value.as_ref()).ok())
}

/// Printing the answer of one bulk call.
struct Report<'a> {
    names: &'a [String],
    fed: &'a Fed,
    single: bool,
}

impl Report<'_> {
    fn entry_of(&self, stream_index: u32) -> Option<usize> {
        self.fed.sent.get(stream_index as usize).copied()
    }

    fn name_of(&self, stream_index: u32) -> String {
        self.entry_of(stream_index)
            .and_then(|entry| self.names.get(entry))
            .cloned()
            .unwrap_or_else(|| format!("#{stream_index}"))
    }

    fn print_results(&self, response: &IngestArticlesResponse) {
        for result in &response.results {
            let name = self.name_of(result.index);
            if !result.error_code.is_empty() {
                eprintln!(
                    "failed: {name}: {}: {}",
                    result.error_code, result.error_message
                );
            } else if self.single {
                let state = if result.created { "new" } else { "duplicate" };
                println!(
                    "{state}: {name} -> article {} at revision {}",
                    result.article_id, result.revision
                );
            }
        }
        for (entry, reason) in &self.fed.unreadable {
            let name = self.names.get(*entry).map_or("?", String::as_str);
            eprintln!("failed: {name}: {reason}");
        }
    }

    /// Warns, one line per article, about articles created without a date
    /// that the server dated by the ingest day; returns how many.
    async fn warn_undated(
        &self,
        client: super::connect::Client,
        response: &IngestArticlesResponse,
        dated: &[bool],
    ) -> usize {
        let candidates: Vec<(u32, String)> = response
            .results
            .iter()
            .filter(|result| result.created && result.error_code.is_empty())
            .filter(|result| {
                self.entry_of(result.index)
                    .is_some_and(|entry| !dated.get(entry).copied().unwrap_or(true))
            })
            .map(|result| (result.index, result.article_id.clone()))
            .collect();
        let mut undated: Vec<(u32, String)> = Vec::new();
        let mut lookups = tokio::task::JoinSet::new();
        let mut pending = candidates.into_iter();
        loop {
            while lookups.len() < LOOKUPS_IN_FLIGHT {
                let Some((index, id)) = pending.next() else {
                    break;
                };
                let mut client = client.clone();
                lookups.spawn(async move {
                    let article = client.get_article(GetArticleRequest { id }).await;
                    (index, article.map(tonic::Response::into_inner))
                });
            }
            let Some(joined) = lookups.join_next().await else {
                break;
            };
            // An article deleted in the meantime, or a failed lookup, is
            // not reported: the warning is only for what is known.
            if let Ok((index, Ok(article))) = joined
                && article.published_at_source == PublishedAtSource::IngestTime as i32
            {
                let day = article
                    .published_at
                    .and_then(|t| jiff::Timestamp::new(t.seconds, t.nanos).ok())
                    .map_or_else(String::new, |t| t.strftime("%Y-%m-%d").to_string());
                undated.push((index, day));
            }
        }
        undated.sort();
        for (index, day) in &undated {
            eprintln!(
                "warning: {}: no date given and no date line in the text; dated by the ingest day {day}, and its relative dates were resolved against it (give published_at in the manifest, or --published-at)",
                self.name_of(*index)
            );
        }
        undated.len()
    }
}
