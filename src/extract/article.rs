//! Assembles the extraction of one article (host or split-off section) from
//! its cleaned layout: the `Article` record, its statements and milestones.
//!
//! It only wires the other modules together; it must not parse text itself
//! (the caller tokenizes the body once and the others share the tokens).

use super::char_text::CharText;
use super::dates::find_dates;
use super::milestones::build_milestones_in;
use super::statements::find_statements_in;
use super::structure::Layout;
use super::tokens::Token;
#[cfg(test)]
use super::tokens::tokenize;
use super::{EXTRACTOR_VERSION, date_to_timestamp};
use crate::proto::v1::{Article, Extraction, PublishedAtSource};
use jiff::civil::Date;

/// Extracts one article from its layout and the tokens of its body (the
/// body tokenized once by the caller); `anchor` is the date relative
/// expressions are resolved against (None: they are left out).
pub fn extract_article(
    layout: &Layout,
    tokens: &[Token],
    id: String,
    anchor: Option<Date>,
    published_on: Date,
    published_source: PublishedAtSource,
) -> Extraction {
    // The body indexed by character once, for statements and milestones.
    let body = CharText::new(&layout.body);
    let statements = find_statements_in(&body, tokens, &id);
    let milestones = build_milestones_in(&body, tokens, anchor, &id, &statements);
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
/// its body (given as its tokens) names a year after the year of `date`.
pub fn is_contemporary(tokens: &[Token], date: Date) -> bool {
    find_dates(tokens, None)
        .iter()
        .all(|mention| mention.year <= date.year())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_section_naming_a_later_year_is_not_contemporary() {
        let date: Date = "2024-05-20".parse().expect("date");
        assert!(is_contemporary(
            &tokenize("افتتح الجسر في مارس 2024."),
            date
        ));
        assert!(!is_contemporary(
            &tokenize("يفتتح الجسر في مارس 2026."),
            date
        ));
    }
}
