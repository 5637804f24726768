//! Prints the extraction of one article file as JSON (for scoring):
//! `extract_json [--published-at YYYY-MM-DD] FILE`.

use khabar::extract::{ExtractOptions, extract};
use std::process::ExitCode;

fn main() -> ExitCode {
    let mut published_on = None;
    let mut path = None;
    let mut arguments = std::env::args().skip(1);
    while let Some(argument) = arguments.next() {
        if argument == "--published-at" {
            published_on = arguments.next().and_then(|value| value.parse().ok());
        } else {
            path = Some(argument);
        }
    }
    let Some(path) = path else {
        eprintln!("usage: extract_json [--published-at YYYY-MM-DD] FILE");
        return ExitCode::from(2);
    };
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(error) => {
            eprintln!("cannot read {path}: {error}");
            return ExitCode::from(1);
        }
    };
    let fallback_date = jiff::Zoned::now().date();
    let extraction = extract(
        &text,
        &ExtractOptions {
            published_on,
            fallback_date,
        },
    );
    match serde_json::to_string(&extraction) {
        Ok(json) => {
            println!("{json}");
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("cannot serialize: {error}");
            ExitCode::from(1)
        }
    }
}
