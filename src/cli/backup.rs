//! `khabar backup` (a consistent copy of a running server's store, written
//! atomically to a file and verified) and `khabar restore` (a verified
//! backup into a new data directory, checked afterwards).

use super::{CliResult, ServerAddress, status_message};
use khabar::proto::v1::BackupStoreRequest;
use khabar::store::{restore_backup, verify_backup};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
pub struct BackupArguments {
    #[command(flatten)]
    server: ServerAddress,
    /// The backup file to write; it must not exist yet.
    #[arg(long)]
    output: PathBuf,
}

#[derive(Debug, clap::Args)]
pub struct RestoreArguments {
    /// A file written by `khabar backup`.
    #[arg(long)]
    input: PathBuf,
    /// The data directory to create; it must be new or empty.
    #[arg(long)]
    data_dir: PathBuf,
}

fn partial_path(output: &Path) -> PathBuf {
    let mut name = output.file_name().unwrap_or_default().to_os_string();
    name.push(".partial");
    output.with_file_name(name)
}

pub async fn backup(arguments: BackupArguments) -> CliResult<ExitCode> {
    let output = arguments.output;
    if output.exists() {
        return Err(format!("{} exists; choose a new file", output.display()).into());
    }
    let mut client = arguments.server.connect().await?;
    let mut chunks = client
        .backup_store(BackupStoreRequest {})
        .await
        .map_err(status_message)?
        .into_inner();
    let partial = partial_path(&output);
    let mut file = std::fs::File::create(&partial)
        .map_err(|error| format!("cannot create {}: {error}", partial.display()))?;
    let written = async {
        while let Some(chunk) = chunks.message().await.map_err(status_message)? {
            file.write_all(&chunk.data)
                .map_err(|error| format!("cannot write {}: {error}", partial.display()))?;
        }
        file.sync_all()
            .map_err(|error| format!("cannot sync {}: {error}", partial.display()))?;
        let summary = verify_backup(&partial)?;
        std::fs::rename(&partial, &output)
            .map_err(|error| format!("cannot rename to {}: {error}", output.display()))?;
        if let Some(parent) = output.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::File::open(parent).and_then(|directory| directory.sync_all())?;
        }
        CliResult::Ok(summary)
    }
    .await;
    let summary = match written {
        Ok(summary) => summary,
        Err(error) => {
            let _ = std::fs::remove_file(&partial);
            return Err(error);
        }
    };
    println!(
        "backup of revision {} ({} entries, {} bytes) written to {}",
        summary.revision,
        summary.entries,
        summary.bytes,
        output.display()
    );
    Ok(ExitCode::SUCCESS)
}

pub fn restore(arguments: RestoreArguments) -> CliResult<ExitCode> {
    let (summary, report) = restore_backup(&arguments.input, &arguments.data_dir)?;
    println!(
        "restored revision {} ({} entries) into {}",
        summary.revision,
        summary.entries,
        arguments.data_dir.display()
    );
    if report.violation_count > 0 {
        println!(
            "the restored store has {} violations; run `khabar check --data-dir {}`",
            report.violation_count,
            arguments.data_dir.display()
        );
        return Ok(ExitCode::FAILURE);
    }
    println!("check: every invariant holds");
    Ok(ExitCode::SUCCESS)
}
