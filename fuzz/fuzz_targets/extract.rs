//! Fuzzes the extraction engine with arbitrary text: it must never panic,
//! and every span it reports must lie inside the body it returned.

#![no_main]

use khabar::extract::{ExtractOptions, extract};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let options = ExtractOptions {
        published_on: Some(jiff::civil::date(2024, 2, 29)),
        fallback_date: jiff::civil::date(2024, 2, 29),
    };
    let extraction = extract(text, &options);
    let body_chars = extraction.article.as_ref().map_or(0, |a| a.body.chars().count()) as u32;
    for span in extraction
        .statements
        .iter()
        .filter_map(|s| s.span)
        .chain(extraction.milestones.iter().filter_map(|m| m.span))
    {
        assert!(span.start <= span.end && span.end <= body_chars);
    }
});
