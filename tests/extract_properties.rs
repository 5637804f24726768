//! Property tests of the extraction engine over arbitrary text: it never
//! panics, it is deterministic, every span lies inside the body and points
//! at the extracted words, and ids are unique.

use khabar::extract::{ExtractOptions, extract};
use khabar::proto::v1::{Extraction, Span};
use proptest::prelude::*;
use std::collections::HashSet;

fn options() -> ExtractOptions {
    ExtractOptions {
        published_on: Some(jiff::civil::date(2024, 2, 29)),
        fallback_date: jiff::civil::date(2024, 2, 29),
    }
}

fn slice(body: &str, span: Option<&Span>) -> Option<String> {
    let span = span?;
    let length = body.chars().count() as u32;
    (span.start <= span.end && span.end <= length).then(|| {
        body.chars()
            .skip(span.start as usize)
            .take((span.end - span.start) as usize)
            .collect()
    })
}

fn check(extraction: &Extraction, ids: &mut HashSet<String>) -> Result<(), TestCaseError> {
    let article = extraction.article.clone().unwrap_or_default();
    prop_assert!(ids.insert(article.id.clone()));
    for statement in &extraction.statements {
        prop_assert!(ids.insert(statement.id.clone()));
        prop_assert_eq!(
            slice(&article.body, statement.span.as_ref()),
            Some(statement.text.clone())
        );
    }
    for milestone in &extraction.milestones {
        prop_assert!(ids.insert(milestone.id.clone()));
        prop_assert_eq!(
            slice(&article.body, milestone.span.as_ref()),
            Some(milestone.expression.clone())
        );
    }
    for related in &extraction.related {
        check(related, ids)?;
    }
    Ok(())
}

/// Text made of the pieces news pages are made of: Arabic words, cues,
/// months, digits in three scripts, quotation marks and line breaks.
fn newsy_text() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "قال",
        "وأضاف",
        "إن",
        "أن",
        "الوزير",
        "سالم",
        "الحربي",
        "\"",
        "“",
        "”",
        "«",
        "»",
        "″",
        "في",
        "بحلول",
        "قبل",
        "منذ",
        "نهاية",
        "مطلع",
        "العام",
        "الماضي",
        "المقبل",
        "الجاري",
        "ديسمبر",
        "كانون الأول",
        "/",
        "تموز",
        "يوليو",
        "الأحد",
        "امس",
        "اليوم",
        "2021",
        "٢٠٢٢",
        "۱۵",
        "9",
        "15-16",
        "2500",
        "جندي",
        "اقرأ أيضاً",
        "- AFP",
        "بغداد-الرافد",
        ":",
        "،",
        ".",
        "\n",
        "\n\n",
        " ",
        "مقالات ذات صلة",
    ]);
    prop::collection::vec(pieces, 0..120).prop_map(|pieces| pieces.join(" "))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_strings_never_break_the_engine(text in any::<String>()) {
        let extraction = extract(&text, &options());
        check(&extraction, &mut HashSet::new())?;
    }

    #[test]
    fn news_like_text_keeps_spans_and_is_deterministic(text in newsy_text()) {
        let first = extract(&text, &options());
        check(&first, &mut HashSet::new())?;
        prop_assert_eq!(first, extract(&text, &options()));
    }
}
