//! `khabar check --data-dir DIR`: verifies a stopped server's store against
//! every invariant (indexes and records, the dense change log, counts, the
//! state file), prints a summary, and exits non-zero on any violation.

use super::CliResult;
use khabar::store::check_directory;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
pub struct CheckArguments {
    /// The data directory of a stopped server.
    #[arg(long, env = "KHABAR_DATA_DIR")]
    data_dir: PathBuf,
}

pub fn run(arguments: CheckArguments) -> CliResult<ExitCode> {
    let directory = arguments.data_dir;
    if !directory.is_dir() {
        return Err(format!("{} is not a directory", directory.display()).into());
    }
    let report = check_directory(&directory)?;
    println!(
        "store {}: revision {} (change log kept from {})",
        directory.display(),
        report.revision,
        report.log_floor + 1
    );
    println!(
        "  {} articles, {} statements, {} milestones, {} index entries, \
         {} change-log entries, {} raw texts, {} urls, {} request answers, {} other keys",
        report.articles,
        report.statements,
        report.milestones,
        report.index_entries,
        report.log_entries,
        report.raw_texts,
        report.urls,
        report.request_answers,
        report.other_keys
    );
    match report.state_file_revision {
        Some(revision) => println!("  state file: revision {revision} recorded as durable"),
        None => println!("  state file: none"),
    }
    if report.violation_count == 0 {
        println!("ok: every invariant holds");
        return Ok(ExitCode::SUCCESS);
    }
    println!("{} violations; the first ones:", report.violation_count);
    for violation in &report.violations {
        println!("  {violation}");
    }
    Ok(ExitCode::FAILURE)
}
