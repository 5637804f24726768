//! `khabar reextract`: recompute statements and milestones with the current
//! engine, either directly on a stopped server's data directory
//! (`--data-dir`) or through a running server's admin call (`--server` or
//! `KHABAR_SERVER`, like every client subcommand). It never creates a
//! store: a data directory that does not exist or is empty is refused.

use super::output::{plain_io_error, store_open_message};
use super::{CliResult, ServerAddress, status_message};
use khabar::proto::v1::ReextractArticlesRequest;
use khabar::store::Store;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
#[command(after_help = "\
Without --data-dir, the running server at --server (or KHABAR_SERVER) does the
work. With --data-dir, the directory of a stopped server is opened directly;
a directory in use by a running server is refused, and so is one that does not
exist or holds no store.")]
pub struct ReextractArguments {
    /// Work offline on this data directory of a stopped server.
    #[arg(long)]
    data_dir: Option<PathBuf>,
    #[command(flatten)]
    server: ServerAddress,
    /// Also articles already extracted by the current engine version.
    #[arg(long)]
    all: bool,
    /// Only these articles.
    article_ids: Vec<String>,
}

pub async fn run(arguments: ReextractArguments) -> CliResult<ExitCode> {
    let request = ReextractArticlesRequest {
        article_ids: arguments.article_ids,
        include_current: arguments.all,
    };
    let answer = if let Some(directory) = arguments.data_dir {
        check_existing_store(&directory)?;
        let store =
            Store::open(&directory).map_err(|error| store_open_message(&directory, &error))?;
        let outcome = khabar::reextract::reextract(&store, &request).await;
        store.shutdown().await?;
        outcome?
    } else {
        let mut client = arguments.server.connect().await?;
        client
            .reextract_articles(request)
            .await
            .map_err(status_message)?
            .into_inner()
    };
    println!(
        "engine {}: {} examined, {} changed, {} unchanged; store at revision {}",
        answer.extractor_version,
        answer.examined,
        answer.changed,
        answer.unchanged,
        answer.revision
    );
    Ok(ExitCode::SUCCESS)
}

/// Refuses a path that is not the directory of an existing store: opening
/// it would silently create an empty one.
fn check_existing_store(directory: &Path) -> CliResult<()> {
    let shown = directory.display();
    let metadata = std::fs::metadata(directory).map_err(|error| match error.kind() {
        std::io::ErrorKind::NotFound => format!(
            "the data directory {shown} does not exist; give the --data-dir of a stopped khabar server (reextract never creates a store)"
        ),
        _ => format!("cannot use the data directory {shown}: {}", plain_io_error(&error)),
    })?;
    if !metadata.is_dir() {
        return Err(format!(
            "{shown} is not a directory; give the --data-dir of a stopped khabar server"
        )
        .into());
    }
    let mut listing = std::fs::read_dir(directory).map_err(|error| {
        format!(
            "cannot read the data directory {shown}: {}",
            plain_io_error(&error)
        )
    })?;
    if listing.next().is_none() {
        return Err(format!(
            "{shown} is an empty directory: there is no store to re-extract; give the --data-dir of a stopped khabar server"
        )
        .into());
    }
    Ok(())
}
