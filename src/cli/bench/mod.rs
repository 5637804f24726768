//! `khabar bench`: a load generator for a running server, in the spirit of
//! etcd's `benchmark` and `redis-benchmark`. `ingest` writes articles from N
//! clients, `query` runs each list/get call, `subscribe` measures delivery to
//! live subscribers, `fill` loads a store to a number of statements,
//! `restart` times a server's start on an existing store. Every run is
//! bounded by counts and by time. It must not touch a data directory: it
//! only talks gRPC, like any other client (`restart` starts a server on
//! one, which opens it).

mod generate;
mod generator;
mod ingest;
mod query;
mod report;
mod restart;
mod server_memory;
mod subscribe;
mod words;

use super::{CliResult, ServerAddress};
use std::process::ExitCode;
use std::time::{Duration, Instant};

#[derive(Debug, clap::Subcommand)]
pub enum BenchCommand {
    /// Write M articles from N concurrent clients (unary or streaming).
    Ingest(ingest::IngestBenchArguments),
    /// Run each list/get call against a store that already holds data.
    Query(query::QueryBenchArguments),
    /// Measure delivery latency from a write to K live subscribers.
    Subscribe(subscribe::SubscribeBenchArguments),
    /// Fill a store to about N statements with generated articles.
    Fill(ingest::FillArguments),
    /// Time `khabar serve` on an existing data directory until it serves.
    Restart(restart::RestartBenchArguments),
    /// Write generated articles to files (no server needed).
    Generate(generate::GenerateArguments),
}

/// What every benchmark takes besides its own counts.
#[derive(Debug, Clone, clap::Args)]
pub struct CommonArguments {
    #[command(flatten)]
    pub server: ServerAddress,
    /// Print one JSON object with the numbers instead of lines of text.
    #[arg(long)]
    pub json: bool,
    /// Stop starting new operations after this many seconds.
    #[arg(long, default_value_t = 600)]
    pub duration_secs: u64,
}

impl CommonArguments {
    pub fn deadline(&self) -> Instant {
        Instant::now() + Duration::from_secs(self.duration_secs)
    }

    /// N connections to the server, made one after the other.
    pub async fn connections(&self, count: usize) -> CliResult<Vec<super::Client>> {
        let mut clients = Vec::with_capacity(count);
        for _ in 0..count {
            clients.push(self.server.connect().await?);
        }
        Ok(clients)
    }

    /// Prints the result: the JSON object, or the text lines.
    pub fn print(&self, json: &serde_json::Value, text: &str) {
        if self.json {
            println!("{json}");
        } else {
            print!("{text}");
        }
    }
}

pub async fn run(command: BenchCommand) -> CliResult<ExitCode> {
    match command {
        BenchCommand::Ingest(arguments) => ingest::run(arguments).await,
        BenchCommand::Query(arguments) => query::run(arguments).await,
        BenchCommand::Subscribe(arguments) => subscribe::run(arguments).await,
        BenchCommand::Fill(arguments) => ingest::fill(arguments).await,
        BenchCommand::Restart(arguments) => restart::run(arguments).await,
        BenchCommand::Generate(arguments) => generate::run(arguments),
    }
}

/// Exit status of a finished run: failure when any operation failed.
fn exit_code(errors: u64) -> ExitCode {
    if errors == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

/// A count flag must be at least one.
fn at_least_one(name: &str, value: usize) -> CliResult<()> {
    if value == 0 {
        return Err(format!("{name} must be at least 1").into());
    }
    Ok(())
}
