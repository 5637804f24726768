//! `khabar compact`: asks a running server to compact its change log, up to
//! a revision or as far as its retention settings allow, and says what is
//! left. It only calls the admin RPC; the server does the work.

use super::{CliResult, ServerAddress, status_message};
use khabar::proto::v1::CompactChangeLogRequest;
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
#[command(after_help = "\
Subscribers that resume before the oldest revision left get OUT_OF_RANGE and
must list again. When the compaction passes the deletion of an article, the
server rewrites its files so that nothing of the deleted article remains.")]
pub struct CompactArguments {
    #[command(flatten)]
    server: ServerAddress,
    /// Drop every change-log revision up to and including this one; without
    /// it, the server's retention settings decide.
    #[arg(long, value_parser = clap::value_parser!(u64).range(1..))]
    through: Option<u64>,
}

pub async fn run(arguments: CompactArguments) -> CliResult<ExitCode> {
    let mut client = arguments.server.connect().await?;
    let answer = client
        .compact_change_log(CompactChangeLogRequest {
            through_revision: arguments.through.unwrap_or(0),
        })
        .await
        .map_err(status_message)?
        .into_inner();
    let rewritten = if answer.rewritten {
        "; store files rewritten to erase deleted articles"
    } else {
        ""
    };
    println!(
        "{} change-log entries removed; the log now starts at revision {}{rewritten}; store at revision {}",
        answer.removed_entries, answer.oldest_available_revision, answer.revision
    );
    Ok(ExitCode::SUCCESS)
}
