//! `khabar extract FILE`: runs the extraction engine offline and prints the
//! result, as JSON with `--json` (the shape the evaluation script reads) or
//! as a short report.

use super::output::{self, cannot_read, print_json, print_table};
use super::{CliResult, parse_instant};
use khabar::extract::{ExtractOptions, extract};
use khabar::proto::v1::PublishedAtSource;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
pub struct ExtractArguments {
    /// The article text file (UTF-8).
    file: PathBuf,
    /// Print the extraction as JSON.
    #[arg(long)]
    json: bool,
    /// Publication date, to resolve relative dates (YYYY-MM-DD); without
    /// it, the text's own date line, else today (with a warning).
    #[arg(long, value_parser = parse_instant)]
    published_at: Option<pbjson_types::Timestamp>,
}

fn civil_date(timestamp: &pbjson_types::Timestamp) -> Option<jiff::civil::Date> {
    jiff::Timestamp::new(timestamp.seconds, timestamp.nanos)
        .ok()
        .map(|t| t.to_zoned(jiff::tz::TimeZone::UTC).date())
}

pub fn run(arguments: ExtractArguments) -> CliResult<ExitCode> {
    let text = std::fs::read_to_string(&arguments.file)
        .map_err(|error| cannot_read(&arguments.file, &error))?;
    let today = jiff::Zoned::now()
        .with_time_zone(jiff::tz::TimeZone::UTC)
        .date();
    let options = ExtractOptions {
        published_on: arguments.published_at.as_ref().and_then(civil_date),
        fallback_date: today,
    };
    let extraction = extract(&text, &options);
    let dated_by_today = extraction
        .article
        .as_ref()
        .is_some_and(|article| article.published_at_source == PublishedAtSource::IngestTime as i32);
    if dated_by_today {
        eprintln!(
            "warning: {}: no --published-at and no date line in the text; relative dates were resolved against today ({today})",
            arguments.file.display()
        );
    }
    if arguments.json {
        print_json(&extraction)?;
        return Ok(ExitCode::SUCCESS);
    }
    let article = extraction.article.clone().unwrap_or_default();
    println!("title:    {}", article.title);
    println!("source:   {}", article.source);
    println!("dateline: {}", article.dateline);
    println!("related:  {}", extraction.related.len());
    println!();
    print_table(
        output::STATEMENT_HEADER,
        &output::statement_rows(&extraction.statements),
    );
    println!();
    print_table(
        output::MILESTONE_HEADER,
        &output::milestone_rows(&extraction.milestones),
    );
    Ok(ExitCode::SUCCESS)
}
