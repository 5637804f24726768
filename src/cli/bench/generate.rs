//! `khabar bench generate`: writes generated articles to files, so that the
//! same documents can be sent to khabar and to another store
//! (scripts/bench-vs-etcd.sh). It needs no server.

use super::generator;
use crate::cli::CliResult;
use crate::cli::output::plain_io_error;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
pub struct GenerateArguments {
    /// How many articles to write.
    #[arg(long, value_parser = clap::value_parser!(u64).range(1..))]
    articles: u64,
    /// Directory to write them to (created if missing), one file each.
    #[arg(long)]
    output: PathBuf,
    /// Seed of the article generator; another seed gives other articles.
    #[arg(long, default_value_t = 1)]
    seed: u64,
}

pub fn run(arguments: GenerateArguments) -> CliResult<ExitCode> {
    let shown = arguments.output.display().to_string();
    std::fs::create_dir_all(&arguments.output)
        .map_err(|error| format!("cannot create {shown}: {}", plain_io_error(&error)))?;
    let mut bytes = 0u64;
    for index in 0..arguments.articles {
        let article = generator::article(arguments.seed, index);
        let path = arguments.output.join(format!("article-{index:07}.txt"));
        std::fs::write(&path, &article.text).map_err(|error| {
            format!(
                "cannot write {}: {}",
                path.display(),
                plain_io_error(&error)
            )
        })?;
        bytes += article.text.len() as u64;
    }
    println!(
        "{} articles, {bytes} bytes of text, in {shown}",
        arguments.articles
    );
    Ok(ExitCode::SUCCESS)
}
