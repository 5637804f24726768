//! The extraction engine: turns raw article text into an `Extraction`
//! (cleaned article, statements, milestones, split-off related articles).
//!
//! Pure functions of text: no I/O, no clock, no global state. Everything the
//! engine needs to know about the outside world (the publication date, the
//! ingest date) comes in through `ExtractOptions`. It must never panic and
//! must stay linear in the input size.

mod dates;
mod lexicon;
mod normalize;
mod tokens;

use crate::proto::v1::{Article, Extraction, PublishedAtSource};
use jiff::civil::Date;

/// Version of the extraction rules; stored on every article so stored
/// extractions can be recomputed when it changes.
pub const EXTRACTOR_VERSION: &str = "0.1.0";

/// What the engine needs to know besides the text.
#[derive(Debug, Clone)]
pub struct ExtractOptions {
    /// The publication date given by the caller, if any.
    pub published_on: Option<Date>,
    /// The date to resolve relative expressions against when neither the
    /// caller nor the text gives a publication date (the ingest date).
    pub fallback_date: Date,
}

/// Extracts an article and everything in it from raw text.
///
/// The returned article has `id`, `title`, `source`, `dateline`, `language`,
/// `body`, `published_at` (midnight UTC of the date used),
/// `published_at_source` and `extractor_version` set; the caller fills in
/// what only it knows (url, labels, ingest time, revision).
pub fn extract(text: &str, options: &ExtractOptions) -> Extraction {
    let (published_on, published_source) = match options.published_on {
        Some(date) => (date, PublishedAtSource::Provided),
        None => (options.fallback_date, PublishedAtSource::IngestTime),
    };
    let body = text.trim().to_string();
    let title = body.lines().next().unwrap_or_default().trim().to_string();
    let article = Article {
        id: content_id(text),
        title,
        language: "ar".to_string(),
        body,
        published_at: Some(date_to_timestamp(published_on)),
        published_at_source: published_source as i32,
        extractor_version: EXTRACTOR_VERSION.to_string(),
        ..Article::default()
    };
    Extraction {
        article: Some(article),
        statements: Vec::new(),
        milestones: Vec::new(),
        related: Vec::new(),
    }
}

/// The content-derived id of an article: the same text always maps to the
/// same id (32 hex digits of a BLAKE3 hash).
pub fn content_id(text: &str) -> String {
    let hash = blake3::hash(text.as_bytes());
    hash.to_hex()[..32].to_string()
}

/// Normalised lookup key of a speaker name (used by speaker filters).
pub fn speaker_key(name: &str) -> String {
    name.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Midnight UTC of a civil date as a protobuf timestamp.
pub fn date_to_timestamp(date: Date) -> pbjson_types::Timestamp {
    let seconds = date
        .to_zoned(jiff::tz::TimeZone::UTC)
        .map(|zoned| zoned.timestamp().as_second())
        .unwrap_or_default();
    pbjson_types::Timestamp { seconds, nanos: 0 }
}
