//! The `khabar` command: `serve` runs the server; the other subcommands are
//! clients of a running server, except `extract`, which runs the extraction
//! engine offline. Printing to the terminal happens here, never in the
//! library.

mod cli;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

#[derive(Debug, Parser)]
#[command(
    name = "khabar",
    version,
    about = "A gRPC document store for news intelligence"
)]
struct Arguments {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Run the server on the embedded store (the main job).
    Serve(cli::serve::ServeArguments),
    /// Send article files, or a JSON Lines manifest of articles, to a
    /// running server.
    Ingest(cli::ingest::IngestArguments),
    /// List, get or delete articles.
    #[command(subcommand)]
    Articles(cli::query::ArticlesCommand),
    /// List or get statements.
    #[command(subcommand)]
    Statements(cli::query::StatementsCommand),
    /// List milestones as a timeline, or get one.
    #[command(subcommand)]
    Milestones(cli::query::MilestonesCommand),
    /// Follow changes as JSON lines.
    Watch(cli::watch::WatchArguments),
    /// Run the extraction engine on a file, without a server.
    Extract(cli::extract::ExtractArguments),
    /// Extract stored articles again with the current engine.
    Reextract(cli::reextract::ReextractArguments),
    /// Compact the change log of a running server (retention, erasure).
    Compact(cli::compact::CompactArguments),
    /// Verify a stopped server's data directory against every invariant.
    Check(cli::check::CheckArguments),
    /// Copy a running server's store, consistently, to a file.
    Backup(cli::backup::BackupArguments),
    /// Restore a backup file into a new data directory.
    Restore(cli::backup::RestoreArguments),
    /// Ask a running server's gRPC health; exit 0 when SERVING.
    Health(cli::health::HealthArguments),
    /// Load a running server and report throughput and latency percentiles.
    #[command(subcommand)]
    Bench(cli::bench::BenchCommand),
}

fn main() -> ExitCode {
    let arguments = Arguments::parse();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(error) => {
            eprintln!("khabar: cannot start the async runtime: {error}");
            return ExitCode::FAILURE;
        }
    };
    let outcome = runtime.block_on(async move {
        match arguments.command {
            Command::Serve(arguments) => cli::serve::run(arguments).await,
            Command::Ingest(arguments) => cli::ingest::run(arguments).await,
            Command::Articles(command) => cli::query::articles(command).await,
            Command::Statements(command) => cli::query::statements(command).await,
            Command::Milestones(command) => cli::query::milestones(command).await,
            Command::Watch(arguments) => cli::watch::run(arguments).await,
            Command::Extract(arguments) => cli::extract::run(arguments),
            Command::Reextract(arguments) => cli::reextract::run(arguments).await,
            Command::Compact(arguments) => cli::compact::run(arguments).await,
            Command::Check(arguments) => cli::check::run(arguments),
            Command::Backup(arguments) => cli::backup::backup(arguments).await,
            Command::Restore(arguments) => cli::backup::restore(arguments),
            Command::Health(arguments) => cli::health::run(arguments).await,
            Command::Bench(command) => cli::bench::run(command).await,
        }
    });
    match outcome {
        Ok(code) => code,
        Err(error) => {
            eprintln!("khabar: {error}");
            ExitCode::FAILURE
        }
    }
}

/// The store's writer and the RPC tasks allocate and free on different
/// threads all the time; glibc's allocator made the writer spend about a
/// fifth of its time in arena locks and consolidation (writer CPU per
/// article 2.5 ms with glibc, 2.0 ms with mimalloc). jemalloc costs the
/// writer the same as mimalloc (1.63 against 1.64 ms, measured with
/// `scripts/bench-writer-cpu.sh`) and holds 14 KB per idle subscriber
/// where mimalloc held 25-30 KB (1,000 subscribers, `khabar bench
/// subscribe --server-pid`).
#[global_allocator]
static GLOBAL_ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;
