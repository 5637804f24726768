//! Assembles the extraction of one article (host or split-off section) from
//! its cleaned layout: the `Article` record, its statements and milestones.
//!
//! It only wires the other modules together; it must not parse text itself
//! beyond tokenizing the body once for the others to share.

use super::char_text::CharText;
use super::dates::find_dates;
use super::milestones::build_milestones_in;
use super::statements::find_statements_in;
use super::structure::Layout;
use super::tokens::tokenize;
use super::{EXTRACTOR_VERSION, date_to_timestamp};
use crate::proto::v1::{Article, Extraction, PublishedAtSource};
use jiff::civil::Date;

/// Extracts one article; `anchor` is the date relative expressions are
/// resolved against (None: they are left out).
pub fn extract_article(
    layout: &Layout,
    id: String,
    anchor: Option<Date>,
    published_on: Date,
    published_source: PublishedAtSource,
) -> Extraction {
    let tokens = tokenize(&layout.body);
    // The body indexed by character once, for statements and milestones.
    let body = CharText::new(&layout.body);
    let statements = find_statements_in(&body, &tokens, &id);
    let milestones = build_milestones_in(&body, &tokens, anchor, &id, &statements);
    let article = Article {
        id,
        title: layout.title.clone(),
        source: layout.source.clone(),
        dateline: layout.dateline.clone(),
        language: "ar".to_string(),
        body: layout.body.clone(),
        published_at: Some(date_to_timestamp(published_on)),
        published_at_source: published_source as i32,
        extractor_version: EXTRACTOR_VERSION.to_string(),
        ..Article::default()
    };
    Extraction {
        article: Some(article),
        statements,
        milestones,
        related: Vec::new(),
    }
}

/// Whether a split-off section may be read as written at `date`: nothing in
/// it names a year after the year of `date`.
pub fn is_contemporary(body: &str, date: Date) -> bool {
    let tokens = tokenize(body);
    find_dates(&tokens, None)
        .iter()
        .all(|mention| mention.year <= date.year())
}
