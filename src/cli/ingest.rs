//! `khabar ingest FILE…`: streams article files to a running server through
//! the bulk ingest call, with a progress bar for many files and a summary of
//! what was new, duplicate or failed.

use super::{CliResult, ServerAddress, parse_instant, status_message};
use indicatif::{ProgressBar, ProgressStyle};
use khabar::proto::v1::IngestArticleRequest;
use std::collections::HashMap;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
pub struct IngestArguments {
    #[command(flatten)]
    server: ServerAddress,
    /// Article text files (UTF-8).
    #[arg(required = true)]
    files: Vec<PathBuf>,
    /// The outlet, for every file.
    #[arg(long)]
    source: Option<String>,
    /// Language tag, for every file.
    #[arg(long)]
    language: Option<String>,
    /// Publication date (YYYY-MM-DD or RFC 3339), for every file.
    #[arg(long, value_parser = parse_instant)]
    published_at: Option<pbjson_types::Timestamp>,
    /// A label KEY=VALUE; repeat for several.
    #[arg(long = "label", value_parser = parse_label)]
    labels: Vec<(String, String)>,
}

fn parse_label(text: &str) -> Result<(String, String), String> {
    text.split_once('=')
        .map(|(key, value)| (key.to_string(), value.to_string()))
        .ok_or_else(|| format!("{text:?} is not KEY=VALUE"))
}

pub async fn run(arguments: IngestArguments) -> CliResult<ExitCode> {
    let mut client = arguments.server.connect().await?;
    let labels: HashMap<String, String> = arguments.labels.iter().cloned().collect();
    let progress = if arguments.files.len() > 1 {
        let bar = ProgressBar::new(arguments.files.len() as u64);
        bar.set_style(
            ProgressStyle::with_template("{bar:40} {pos}/{len} files sent, {elapsed} {msg}")
                .unwrap_or_else(|_| ProgressStyle::default_bar()),
        );
        bar
    } else {
        ProgressBar::hidden()
    };
    let mut unreadable = Vec::new();
    let mut requests = Vec::new();
    let mut sent_files = Vec::new();
    for path in &arguments.files {
        match std::fs::read_to_string(path) {
            Ok(text) => {
                requests.push(IngestArticleRequest {
                    text,
                    source: arguments.source.clone().unwrap_or_default(),
                    language: arguments.language.clone().unwrap_or_default(),
                    published_at: arguments.published_at,
                    labels: labels.clone(),
                    ..Default::default()
                });
                sent_files.push(path.clone());
            }
            Err(error) => unreadable.push(format!("{}: {error}", path.display())),
        }
    }
    let bar = progress.clone();
    let stream = tokio_stream::iter(requests.into_iter().inspect(move |_| bar.inc(1)));
    let response = client
        .ingest_articles(stream)
        .await
        .map_err(status_message)?
        .into_inner();
    progress.finish_and_clear();
    for result in &response.results {
        let file = sent_files
            .get(result.index as usize)
            .map_or_else(|| format!("#{}", result.index), |p| p.display().to_string());
        if !result.error_code.is_empty() {
            eprintln!(
                "failed: {file}: {}: {}",
                result.error_code, result.error_message
            );
        } else if arguments.files.len() == 1 {
            let state = if result.created { "new" } else { "duplicate" };
            println!(
                "{state}: {file} -> article {} at revision {}",
                result.article_id, result.revision
            );
        }
    }
    for problem in &unreadable {
        eprintln!("failed: {problem}");
    }
    let failed = response.failed as usize + unreadable.len();
    println!(
        "{} new, {} duplicate, {} failed; store at revision {}",
        response.created, response.duplicates, failed, response.revision
    );
    Ok(if failed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}
