//! `khabar bench ingest` and `khabar bench fill`: articles written from N
//! concurrent clients, each on its own connection, through `IngestArticle`
//! (one call per article) or `IngestArticles` (streams). Articles come from
//! the generator or from the files of a directory. It must not decide what
//! the server stores: duplicates and failures are counted, not avoided.

use super::report::{Recorder, code_name};
use super::{CommonArguments, at_least_one, exit_code, generator};
use crate::cli::{CliResult, Client};
use khabar::proto::v1::IngestArticleRequest;
use serde_json::json;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Mode {
    /// `IngestArticle`: one call per article; latency per article.
    Unary,
    /// `IngestArticles`: each client streams its articles; latency per stream.
    Stream,
}

#[derive(Debug, clap::Args)]
pub struct IngestBenchArguments {
    #[command(flatten)]
    pub common: CommonArguments,
    /// Concurrent clients, each with its own connection.
    #[arg(long, default_value_t = 16)]
    pub clients: usize,
    /// Articles to write in total.
    #[arg(long, default_value_t = 1000)]
    pub articles: usize,
    #[arg(long, value_enum, default_value_t = Mode::Unary)]
    pub mode: Mode,
    /// Articles per stream in stream mode [default: all of a client's share].
    #[arg(long)]
    pub batch: Option<usize>,
    /// Send the files of this directory (in name order, repeated when there
    /// are fewer than --articles) instead of generated articles.
    #[arg(long)]
    pub files: Option<PathBuf>,
    /// Seed of the article generator; another seed gives other articles.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
}

#[derive(Debug, clap::Args)]
pub struct FillArguments {
    #[command(flatten)]
    pub common: CommonArguments,
    /// Statements to reach, about (counted from the generator's plan).
    #[arg(long)]
    pub statements: u64,
    /// Concurrent streaming clients.
    #[arg(long, default_value_t = 4)]
    pub clients: usize,
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
}

/// Where the articles come from.
enum Source {
    Generator { seed: u64 },
    Files(Vec<String>),
}

impl Source {
    fn request(&self, index: u64) -> (IngestArticleRequest, usize) {
        let (text, seconds, planned) = match self {
            Source::Generator { seed } => {
                let article = generator::article(*seed, index);
                (
                    article.text,
                    article.published_seconds,
                    article.planned_statements,
                )
            }
            Source::Files(texts) => {
                let text = texts[(index as usize) % texts.len()].clone();
                // One day apart from 2024-01-01, noon UTC.
                (text, 1_704_110_400 + 86_400 * (index as i64 % 3650), 0)
            }
        };
        let request = IngestArticleRequest {
            text,
            source: "bench".to_string(),
            language: "ar".to_string(),
            published_at: Some(pbjson_types::Timestamp { seconds, nanos: 0 }),
            ..Default::default()
        };
        (request, planned)
    }
}

fn read_files(directory: &std::path::Path) -> CliResult<Vec<String>> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(directory)
        .map_err(|error| format!("cannot read the directory {}: {error}", directory.display()))?
        .filter_map(|entry| entry.ok().map(|entry| entry.path()))
        .filter(|path| path.is_file())
        .collect();
    paths.sort();
    let mut texts = Vec::with_capacity(paths.len());
    for path in paths {
        let text = std::fs::read_to_string(&path)
            .map_err(|error| format!("cannot read {} as UTF-8 text: {error}", path.display()))?;
        texts.push(text);
    }
    if texts.is_empty() {
        return Err(format!("{} holds no files to send", directory.display()).into());
    }
    Ok(texts)
}

/// What one client did: its measurements and what the server answered.
#[derive(Default)]
struct ClientOutcome {
    recorder: Recorder,
    created: u64,
    duplicates: u64,
    /// Article text bytes the server acknowledged.
    text_bytes: u64,
}

pub async fn run(arguments: IngestBenchArguments) -> CliResult<ExitCode> {
    at_least_one("--clients", arguments.clients)?;
    at_least_one("--articles", arguments.articles)?;
    if let Some(batch) = arguments.batch {
        at_least_one("--batch", batch)?;
    }
    let source = Arc::new(match &arguments.files {
        Some(directory) => Source::Files(read_files(directory)?),
        None => Source::Generator {
            seed: arguments.seed,
        },
    });
    let clients = arguments.common.connections(arguments.clients).await?;
    let deadline = arguments.common.deadline();
    let total = arguments.articles as u64;
    let client_count = arguments.clients as u64;
    let started = Instant::now();
    let mut tasks = Vec::new();
    for (number, client) in clients.into_iter().enumerate() {
        // Client `number` sends the indexes number, number + N, …
        let indexes: Vec<u64> = (number as u64..total)
            .step_by(client_count as usize)
            .collect();
        let source = Arc::clone(&source);
        let mode = arguments.mode;
        let batch = arguments.batch.unwrap_or(indexes.len().max(1));
        tasks.push(tokio::spawn(async move {
            match mode {
                Mode::Unary => unary_client(client, &source, indexes, deadline).await,
                Mode::Stream => {
                    stream_client(client, &source, indexes, batch, deadline, None).await
                }
            }
        }));
    }
    let mut total_outcome = ClientOutcome::default();
    for task in tasks {
        let outcome = task
            .await
            .map_err(|error| format!("a client failed: {error}"))?;
        total_outcome.recorder.merge(&outcome.recorder);
        total_outcome.created += outcome.created;
        total_outcome.duplicates += outcome.duplicates;
        total_outcome.text_bytes += outcome.text_bytes;
    }
    let elapsed = started.elapsed();
    let mode = match arguments.mode {
        Mode::Unary => "unary",
        Mode::Stream => "stream",
    };
    let mut json = total_outcome.recorder.to_json(elapsed);
    json["command"] = json!("ingest");
    json["mode"] = json!(mode);
    json["clients"] = json!(arguments.clients);
    json["created"] = json!(total_outcome.created);
    json["duplicates"] = json!(total_outcome.duplicates);
    json["text_bytes"] = json!(total_outcome.text_bytes);
    json["latency_of"] = json!(match arguments.mode {
        Mode::Unary => "article",
        Mode::Stream => "stream",
    });
    let mut text = format!(
        "ingest ({mode}, {} clients): {} created, {} duplicates, {} bytes of text\n",
        arguments.clients,
        total_outcome.created,
        total_outcome.duplicates,
        total_outcome.text_bytes
    );
    text.push_str(&total_outcome.recorder.to_text("ingest", elapsed));
    arguments.common.print(&json, &text);
    Ok(exit_code(total_outcome.recorder.error_count()))
}

async fn unary_client(
    mut client: Client,
    source: &Source,
    indexes: Vec<u64>,
    deadline: Instant,
) -> ClientOutcome {
    let mut outcome = ClientOutcome::default();
    for index in indexes {
        if Instant::now() >= deadline {
            break;
        }
        let (request, _) = source.request(index);
        let bytes = request.text.len() as u64;
        let sent = Instant::now();
        match client.ingest_article(request).await {
            Ok(response) => {
                outcome.recorder.success(1, sent.elapsed());
                outcome.text_bytes += bytes;
                if response.get_ref().created {
                    outcome.created += 1;
                } else {
                    outcome.duplicates += 1;
                }
            }
            Err(status) => outcome.recorder.error(&code_name(&status)),
        }
    }
    outcome
}

/// Sends `indexes` in streams of `batch` articles; adds each acknowledged
/// stream's planned statements to `progress` when given.
async fn stream_client(
    mut client: Client,
    source: &Source,
    indexes: Vec<u64>,
    batch: usize,
    deadline: Instant,
    progress: Option<&AtomicU64>,
) -> ClientOutcome {
    let mut outcome = ClientOutcome::default();
    for chunk in indexes.chunks(batch) {
        if Instant::now() >= deadline {
            break;
        }
        let (sender, receiver) = tokio::sync::mpsc::channel(64);
        let sent = Instant::now();
        let call = client.ingest_articles(tokio_stream::wrappers::ReceiverStream::new(receiver));
        let mut planned_total = 0u64;
        let mut requests = Vec::with_capacity(chunk.len());
        let mut sizes = Vec::with_capacity(chunk.len());
        for &index in chunk {
            let (request, planned) = source.request(index);
            planned_total += planned as u64;
            sizes.push(request.text.len() as u64);
            requests.push(request);
        }
        let feed = async move {
            for request in requests {
                if sender.send(request).await.is_err() {
                    break;
                }
            }
        };
        let (answer, ()) = tokio::join!(call, feed);
        match answer {
            Ok(response) => {
                let response = response.into_inner();
                outcome.created += u64::from(response.created);
                outcome.duplicates += u64::from(response.duplicates);
                for result in &response.results {
                    if result.error_code.is_empty() {
                        let size = sizes.get(result.index as usize).copied();
                        outcome.text_bytes += size.unwrap_or(0);
                    } else {
                        outcome.recorder.error(&result.error_code);
                    }
                }
                let succeeded = response.results.len() as u64 - u64::from(response.failed);
                outcome.recorder.success(succeeded, sent.elapsed());
                if let Some(progress) = progress {
                    progress.fetch_add(planned_total, Ordering::Relaxed);
                }
            }
            Err(status) => {
                let code = code_name(&status);
                for _ in chunk {
                    outcome.recorder.error(&code);
                }
            }
        }
    }
    outcome
}

/// Articles per stream when filling: progress moves once a stream is
/// acknowledged.
const FILL_BATCH: usize = 500;
/// The generator writes 9 to 14 statements per article; 11 is the mean.
const MEAN_STATEMENTS_PER_ARTICLE: u64 = 11;

pub async fn fill(arguments: FillArguments) -> CliResult<ExitCode> {
    at_least_one("--clients", arguments.clients)?;
    let articles = arguments
        .statements
        .div_ceil(MEAN_STATEMENTS_PER_ARTICLE)
        .max(1);
    let clients = arguments.common.connections(arguments.clients).await?;
    let deadline = arguments.common.deadline();
    let progress = Arc::new(AtomicU64::new(0));
    let bar = indicatif::ProgressBar::new(arguments.statements);
    bar.set_style(
        indicatif::ProgressStyle::with_template(
            "{elapsed_precise} {bar:40} {pos}/{len} statements ({per_sec}, eta {eta})",
        )
        .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    if arguments.common.json {
        bar.set_draw_target(indicatif::ProgressDrawTarget::hidden());
    }
    let source = Arc::new(Source::Generator {
        seed: arguments.seed,
    });
    let started = Instant::now();
    let mut tasks = Vec::new();
    let client_count = arguments.clients;
    for (number, client) in clients.into_iter().enumerate() {
        let indexes: Vec<u64> = (number as u64..articles).step_by(client_count).collect();
        let source = Arc::clone(&source);
        let progress = Arc::clone(&progress);
        tasks.push(tokio::spawn(async move {
            stream_client(
                client,
                &source,
                indexes,
                FILL_BATCH,
                deadline,
                Some(&progress),
            )
            .await
        }));
    }
    let mut outcome = ClientOutcome::default();
    let mut handles = tasks;
    while !handles.is_empty() {
        tokio::time::sleep(Duration::from_millis(200)).await;
        bar.set_position(progress.load(Ordering::Relaxed));
        let mut running = Vec::new();
        for handle in handles {
            if handle.is_finished() {
                let finished = handle
                    .await
                    .map_err(|error| format!("a client failed: {error}"))?;
                outcome.recorder.merge(&finished.recorder);
                outcome.created += finished.created;
                outcome.duplicates += finished.duplicates;
            } else {
                running.push(handle);
            }
        }
        handles = running;
    }
    bar.finish_and_clear();
    let elapsed = started.elapsed();
    let planned = progress.load(Ordering::Relaxed);
    let mut json = outcome.recorder.to_json(elapsed);
    json["command"] = json!("fill");
    json["created"] = json!(outcome.created);
    json["duplicates"] = json!(outcome.duplicates);
    json["planned_statements"] = json!(planned);
    let mut text = format!(
        "fill: {} articles created ({} duplicates), about {planned} statements\n",
        outcome.created, outcome.duplicates
    );
    text.push_str(&outcome.recorder.to_text("fill", elapsed));
    arguments.common.print(&json, &text);
    Ok(exit_code(outcome.recorder.error_count()))
}
