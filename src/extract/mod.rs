//! The extraction engine: turns raw article text into an `Extraction`
//! (cleaned article, statements, milestones, split-off related articles).
//!
//! Pure functions of text: no I/O, no clock, no mutable global state (only
//! lazily built, immutable keyword matchers). Everything the engine needs to
//! know about the outside world (the publication date, the ingest date)
//! comes in through `ExtractOptions`. It must never panic and must stay
//! linear in the input size.
//!
//! The pipeline, one module per step:
//! - `structure` splits the page into the host article and its "read also"
//!   sections and drops breadcrumbs, captions and boilerplate;
//! - `tokens` / `normalize` tokenize each body once, folding letters for
//!   matching while every span still counts characters of the body;
//! - `quotes` pairs quotation marks, `statements` (with `speakers` and
//!   `cues`) reads reporting verbs, speakers and reported words;
//! - `dates` (with `calendar` and `lexicon`) finds date expressions and
//!   `milestones` turns them into milestones.
//!
//! Decisions where the rule book is silent:
//! - A day and month (or a month) without a year take the year nearest the
//!   publication date, a future year counting twice as far; الماضي forces
//!   the past, المقبل the future, الجاري the publication year; after منذ
//!   the date is never later than publication, and after a deadline cue
//!   (بحلول, قبل, حتى) the plainly nearest year wins.
//! - Status: HAPPENED when the period (narrowed by START/MID/END to its
//!   first, middle or last third) ends on or before publication, DUE when it
//!   starts after; a period holding the publication date is DUE for a
//!   deadline or an END part, HAPPENED otherwise.
//! - Relative dates of a "read also" section are resolved against the
//!   section's own date line, else against the host's date when nothing in
//!   the section names a later year, else left out.
//! - Statement and milestone ids hash the article id, the kind and the span.

mod article;
mod boilerplate;
mod buttons;
mod calendar;
mod captions;
mod char_text;
mod credits;
mod cues;
mod date_lines;
mod datelines;
mod dates;
#[cfg(test)]
mod fixtures_tests;
mod folded;
mod furniture;
mod hijri;
mod lexicon;
mod milestones;
mod normalize;
mod openings;
mod origins;
mod page_lines;
mod quotes;
mod read_also;
#[cfg(test)]
mod robustness_tests;
mod speakers;
mod stamps;
mod statements;
mod structure;
mod tokens;
mod wordlist;

use crate::proto::v1::{Extraction, PublishedAtSource};
use jiff::civil::Date;

/// Version of the extraction rules; stored on every article so stored
/// extractions can be recomputed when it changes.
pub const EXTRACTOR_VERSION: &str = "0.2.1";

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
///
/// "Read also" sections come back in `related`, each with its own id (the
/// content id of the section text), `embedded_in` set to the host id, and
/// the host listing them in `embedded_ids`. A section's relative dates are
/// resolved against its own date line when it has one; otherwise against
/// the host's date only when nothing in the section points to another time
/// (a written year later than the host's); otherwise they are left out.
pub fn extract(text: &str, options: &ExtractOptions) -> Extraction {
    let page = structure::read_page(text);
    let (published_on, published_source) = match (options.published_on, page.host.published_on) {
        (Some(date), _) => (date, PublishedAtSource::Provided),
        (None, Some(date)) => (date, PublishedAtSource::FromText),
        (None, None) => (options.fallback_date, PublishedAtSource::IngestTime),
    };
    let host_id = content_id(text);
    let mut related: Vec<Extraction> = Vec::new();
    for section in &page.related {
        // A namespace keeps a section's id apart from the id of a page that
        // holds nothing but that section; the same section twice is one.
        let section_id = content_id_of_parts("read-also\n", &section.raw_text);
        let repeated = related
            .iter()
            .any(|known| known.article.as_ref().is_some_and(|a| a.id == section_id));
        if repeated {
            continue;
        }
        // The section body is tokenized once, for the year check and for
        // its extraction.
        let tokens = tokens::tokenize(&section.layout.body);
        let (anchor, date, source) = match section.layout.published_on {
            Some(date) => (Some(date), date, PublishedAtSource::FromText),
            None if article::is_contemporary(&tokens, published_on) => {
                (Some(published_on), published_on, published_source)
            }
            None => (None, options.fallback_date, PublishedAtSource::IngestTime),
        };
        let mut extraction =
            article::extract_article(&section.layout, &tokens, section_id, anchor, date, source);
        if let Some(article) = extraction.article.as_mut() {
            article.embedded_in = host_id.clone();
        }
        related.push(extraction);
    }
    let host_tokens = tokens::tokenize(&page.host.body);
    let mut host = article::extract_article(
        &page.host,
        &host_tokens,
        host_id,
        Some(published_on),
        published_on,
        published_source,
    );
    if let Some(article) = host.article.as_mut() {
        article.embedded_ids = related
            .iter()
            .filter_map(|section| section.article.as_ref().map(|article| article.id.clone()))
            .collect();
    }
    host.related = related;
    host
}

/// The content-derived id of an article: the same text always maps to the
/// same id (32 hex digits of a BLAKE3 hash).
pub fn content_id(text: &str) -> String {
    short_hex(&blake3::hash(text.as_bytes()))
}

/// `content_id` of `head` followed by `tail`, hashed in two pieces instead
/// of being joined into one string first.
fn content_id_of_parts(head: &str, tail: &str) -> String {
    let mut hasher = blake3::Hasher::new();
    hasher.update(head.as_bytes());
    hasher.update(tail.as_bytes());
    short_hex(&hasher.finalize())
}

/// The first 32 hex digits (16 bytes) of a hash, lower case, written
/// straight into a string of that size.
fn short_hex(hash: &blake3::Hash) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut hex = [0u8; 32];
    for (pair, &byte) in hex.chunks_exact_mut(2).zip(hash.as_bytes()) {
        pair[0] = DIGITS[usize::from(byte >> 4)];
        pair[1] = DIGITS[usize::from(byte & 0x0f)];
    }
    // Hex digits are ASCII: the conversion cannot fail.
    std::str::from_utf8(&hex).unwrap_or_default().to_string()
}

/// The content id of `{article_id}\u{1f}{kind}\u{1f}{start}\u{1f}{end}`,
/// followed by `\u{1f}{value}` when a value is given (the id of a statement
/// or milestone), laid out on the stack instead of formatted into a String.
pub(crate) fn span_id(
    article_id: &str,
    kind: &str,
    span: std::ops::Range<usize>,
    value: Option<&str>,
) -> String {
    let (mut start_digits, mut end_digits) = ([0u8; 20], [0u8; 20]);
    let (separator, value): (&[u8], &[u8]) = match value {
        Some(value) => (b"\x1f", value.as_bytes()),
        None => (b"", b""),
    };
    let parts = [
        article_id.as_bytes(),
        b"\x1f",
        kind.as_bytes(),
        b"\x1f",
        decimal(span.start, &mut start_digits),
        b"\x1f",
        decimal(span.end, &mut end_digits),
        separator,
        value,
    ];
    // Short inputs (all of them in practice) are laid out on the stack and
    // hashed in one call; longer ones go through the incremental hasher.
    let mut input = [0u8; 256];
    let mut length = 0;
    for part in parts {
        let Some(slot) = input.get_mut(length..length + part.len()) else {
            let mut hasher = blake3::Hasher::new();
            for part in parts {
                hasher.update(part);
            }
            return short_hex(&hasher.finalize());
        };
        slot.copy_from_slice(part);
        length += part.len();
    }
    short_hex(&blake3::hash(&input[..length]))
}

/// The decimal digits of `number`, written at the end of `buffer`.
fn decimal(mut number: usize, buffer: &mut [u8; 20]) -> &[u8] {
    let mut at = buffer.len();
    loop {
        at -= 1;
        buffer[at] = b'0' + (number % 10) as u8;
        number /= 10;
        if number == 0 {
            return &buffer[at..];
        }
    }
}

/// Normalised lookup key of a speaker name (used by speaker filters): the
/// name folded as in `normalize` (harakat and tatweel dropped, أ إ آ ٱ → ا,
/// ى ئ → ي, ؤ → و, ة → ه, Arabic-Indic digits → ASCII, Latin lower-cased),
/// quotation marks and other punctuation removed, white space collapsed.
pub fn speaker_key(name: &str) -> String {
    // Borrowed when folding changes nothing (one string less per key).
    let folded = normalize::fold_cow(name);
    // The runs of letters and digits, joined by one space.
    let mut key = String::with_capacity(folded.len());
    for word in folded
        .split(|c: char| !normalize::is_alphanumeric(c))
        .filter(|word| !word.is_empty())
    {
        if !key.is_empty() {
            key.push(' ');
        }
        key.push_str(word);
    }
    key
}

/// Midnight UTC of a civil date as a protobuf timestamp.
pub fn date_to_timestamp(date: Date) -> pbjson_types::Timestamp {
    let seconds = date
        .to_zoned(jiff::tz::TimeZone::UTC)
        .map(|zoned| zoned.timestamp().as_second())
        .unwrap_or_default();
    pbjson_types::Timestamp { seconds, nanos: 0 }
}

#[cfg(test)]
mod id_tests {
    use super::*;

    #[test]
    fn speaker_keys_are_the_folded_runs_of_letters_and_digits() {
        let names = [
            ("", ""),
            (" ، ", ""),
            ("«الرئيس»", "الرييس"),
            ("وزير  الخارجية، أحمد", "وزير الخارجيه احمد"),
            ("Ahmed AL-Sayed (AFP)", "ahmed al sayed afp"),
            ("المصدر ذاته.", "المصدر ذاته"),
            ("ـ", ""),
        ];
        for (name, key) in names {
            assert_eq!(speaker_key(name), key, "{name:?}");
        }
    }

    #[test]
    fn short_hex_is_the_first_half_of_the_full_hex() {
        for text in ["", "a", "قال الوزير", &"x".repeat(5000)] {
            let hash = blake3::hash(text.as_bytes());
            assert_eq!(short_hex(&hash), &hash.to_hex()[..32]);
        }
        assert_eq!(
            content_id_of_parts("read-also\n", "نص القسم"),
            content_id("read-also\nنص القسم")
        );
    }

    #[test]
    fn span_ids_hash_the_same_text_as_content_id() {
        let long_id = "x".repeat(300);
        assert_eq!(
            span_id(&long_id, "statement", 1..2, None),
            content_id(&format!("{long_id}\u{1f}statement\u{1f}1\u{1f}2"))
        );
        for (start, end) in [(0, 0), (7, 42), (1_000_000, usize::MAX)] {
            assert_eq!(
                span_id("مقال", "statement", start..end, None),
                content_id(&format!("مقال\u{1f}statement\u{1f}{start}\u{1f}{end}"))
            );
            assert_eq!(
                span_id("a1", "milestone", start..end, Some("2024-05")),
                content_id(&format!(
                    "a1\u{1f}milestone\u{1f}{start}\u{1f}{end}\u{1f}2024-05"
                ))
            );
        }
    }
}
