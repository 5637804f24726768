//! `khabar bench query`: each read call in turn (ListArticles,
//! ListStatements by speaker, ListMilestones in a when-range, GetArticle by
//! id) from C concurrent clients, N requests per call, against a store that
//! already holds data. Ids and speakers are sampled from a first listing.
//! Each call is reported on its own. It must not write.

use super::report::{Recorder, code_name};
use super::{CommonArguments, at_least_one, exit_code};
use crate::cli::{CliResult, Client};
use khabar::proto::v1::{
    GetArticleRequest, ListArticlesRequest, ListMilestonesRequest, ListStatementsRequest,
    MilestoneFilter, StatementFilter,
};
use serde_json::json;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Instant;

#[derive(Debug, clap::Args)]
pub struct QueryBenchArguments {
    #[command(flatten)]
    pub common: CommonArguments,
    /// Requests per call.
    #[arg(long, default_value_t = 1000)]
    pub requests: usize,
    /// Concurrent clients, each with its own connection.
    #[arg(long, default_value_t = 16)]
    pub clients: usize,
    /// Page size of the list calls.
    #[arg(long, default_value_t = 50)]
    pub page_size: i32,
    /// The when-range of ListMilestones (ISO-8601 partial dates).
    #[arg(long, default_value = "2024")]
    pub when_from: String,
    #[arg(long, default_value = "2025-06")]
    pub when_to: String,
}

/// What the requests are made of, sampled from the store.
struct Samples {
    article_ids: Vec<String>,
    speakers: Vec<String>,
    page_size: i32,
    when_from: String,
    when_to: String,
}

#[derive(Debug, Clone, Copy)]
enum Call {
    ListArticles,
    ListStatements,
    ListMilestones,
    GetArticle,
}

impl Call {
    const ALL: [Call; 4] = [
        Call::ListArticles,
        Call::ListStatements,
        Call::ListMilestones,
        Call::GetArticle,
    ];

    fn name(self) -> &'static str {
        match self {
            Call::ListArticles => "ListArticles",
            Call::ListStatements => "ListStatements",
            Call::ListMilestones => "ListMilestones",
            Call::GetArticle => "GetArticle",
        }
    }
}

pub async fn run(arguments: QueryBenchArguments) -> CliResult<ExitCode> {
    at_least_one("--clients", arguments.clients)?;
    at_least_one("--requests", arguments.requests)?;
    let mut clients = arguments.common.connections(arguments.clients).await?;
    let samples = Arc::new(sample(&mut clients[0], &arguments).await?);
    let deadline = arguments.common.deadline();
    let mut calls_json = Vec::new();
    let mut text = format!(
        "query: {} articles and {} speakers sampled\n",
        samples.article_ids.len(),
        samples.speakers.len()
    );
    let mut errors = 0;
    for call in Call::ALL {
        let started = Instant::now();
        let mut tasks = Vec::new();
        for (number, client) in clients.iter().cloned().enumerate() {
            let requests: Vec<usize> = (number..arguments.requests)
                .step_by(arguments.clients)
                .collect();
            let samples = Arc::clone(&samples);
            tasks.push(tokio::spawn(async move {
                run_client(client, call, &samples, requests, deadline).await
            }));
        }
        let mut recorder = Recorder::new();
        let mut rows = 0;
        for task in tasks {
            let (finished, returned) = task
                .await
                .map_err(|error| format!("a client failed: {error}"))?;
            recorder.merge(&finished);
            rows += returned;
        }
        let elapsed = started.elapsed();
        errors += recorder.error_count();
        let mut json = recorder.to_json(elapsed);
        json["call"] = json!(call.name());
        // Rows returned in all: a filter that matches nothing shows as 0.
        json["rows"] = json!(rows);
        calls_json.push(json);
        text.push_str(&format!("{}: {rows} rows returned\n", call.name()));
        text.push_str(&recorder.to_text(call.name(), elapsed));
    }
    let json = json!({
        "command": "query",
        "clients": arguments.clients,
        "requests": arguments.requests,
        "sampled_articles": samples.article_ids.len(),
        "sampled_speakers": samples.speakers.len(),
        "calls": calls_json,
    });
    arguments.common.print(&json, &text);
    Ok(exit_code(errors))
}

/// Article ids from a first page of articles, speakers from a first page
/// of statements.
async fn sample(client: &mut Client, arguments: &QueryBenchArguments) -> CliResult<Samples> {
    let articles = client
        .list_articles(ListArticlesRequest {
            page_size: 1000,
            ..Default::default()
        })
        .await
        .map_err(crate::cli::status_message)?
        .into_inner()
        .articles;
    if articles.is_empty() {
        return Err("the server holds no articles; fill it first (khabar bench fill or khabar bench ingest)".into());
    }
    let statements = client
        .list_statements(ListStatementsRequest {
            page_size: 1000,
            ..Default::default()
        })
        .await
        .map_err(crate::cli::status_message)?
        .into_inner()
        .statements;
    let mut speakers: Vec<String> = statements
        .into_iter()
        .filter_map(|statement| statement.speaker)
        .map(|speaker| speaker.name)
        .filter(|name| !name.is_empty())
        .collect();
    speakers.sort();
    speakers.dedup();
    Ok(Samples {
        article_ids: articles.into_iter().map(|article| article.id).collect(),
        speakers,
        page_size: arguments.page_size,
        when_from: arguments.when_from.clone(),
        when_to: arguments.when_to.clone(),
    })
}

async fn run_client(
    mut client: Client,
    call: Call,
    samples: &Samples,
    requests: Vec<usize>,
    deadline: Instant,
) -> (Recorder, u64) {
    let mut recorder = Recorder::new();
    let mut rows = 0u64;
    for number in requests {
        if Instant::now() >= deadline {
            break;
        }
        let sent = Instant::now();
        let answer = match call {
            Call::ListArticles => client
                .list_articles(ListArticlesRequest {
                    page_size: samples.page_size,
                    ..Default::default()
                })
                .await
                .map(|answer| answer.into_inner().articles.len()),
            Call::ListStatements => {
                let speaker = pick(&samples.speakers, number).unwrap_or_default();
                client
                    .list_statements(ListStatementsRequest {
                        filter: Some(StatementFilter {
                            speaker,
                            ..Default::default()
                        }),
                        page_size: samples.page_size,
                        ..Default::default()
                    })
                    .await
                    .map(|answer| answer.into_inner().statements.len())
            }
            Call::ListMilestones => client
                .list_milestones(ListMilestonesRequest {
                    filter: Some(MilestoneFilter {
                        when_from: samples.when_from.clone(),
                        when_to: samples.when_to.clone(),
                        ..Default::default()
                    }),
                    page_size: samples.page_size,
                    ..Default::default()
                })
                .await
                .map(|answer| answer.into_inner().milestones.len()),
            Call::GetArticle => {
                let id = pick(&samples.article_ids, number).unwrap_or_default();
                client
                    .get_article(GetArticleRequest { id })
                    .await
                    .map(|_| 1)
            }
        };
        match answer {
            Ok(count) => {
                recorder.success(1, sent.elapsed());
                rows += count as u64;
            }
            Err(status) => recorder.error(&code_name(&status)),
        }
    }
    (recorder, rows)
}

/// The sample for request `number`, spread over all samples.
fn pick(samples: &[String], number: usize) -> Option<String> {
    if samples.is_empty() {
        return None;
    }
    // A multiplicative step visits the samples in a scattered order.
    samples
        .get(number.wrapping_mul(2_654_435_761) % samples.len())
        .cloned()
}
