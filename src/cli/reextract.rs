//! `khabar reextract`: recompute statements and milestones with the current
//! engine, either directly on a stopped server's data directory
//! (`--data-dir`) or through a running server's admin call (`--server`).

use super::{CliResult, status_message};
use khabar::proto::v1::ReextractArticlesRequest;
use khabar::proto::v1::document_store_client::DocumentStoreClient;
use khabar::store::Store;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
pub struct ReextractArguments {
    /// Work on this data directory (the server must be stopped).
    #[arg(long, conflicts_with = "server", required_unless_present = "server")]
    data_dir: Option<PathBuf>,
    /// Ask this running server to do it.
    #[arg(long)]
    server: Option<String>,
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
        let store = Store::open(&directory).map_err(|error| {
            format!(
                "cannot open {}: {error} (is a server running on it? stop it, or use --server)",
                directory.display()
            )
        })?;
        let outcome = khabar::reextract::reextract(&store, &request).await;
        store.shutdown().await?;
        outcome?
    } else {
        let address = arguments.server.unwrap_or_default();
        let mut client = DocumentStoreClient::connect(address.clone())
            .await
            .map_err(|error| format!("cannot reach {address}: {error}"))?;
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
