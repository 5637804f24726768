//! Hostile and degenerate inputs: the engine must not panic, must keep
//! every span inside the body, and must stay fast (linear) on large inputs.

use super::*;
use std::time::{Duration, Instant};

fn options() -> ExtractOptions {
    let date = jiff::civil::date(2021, 12, 12);
    ExtractOptions {
        published_on: Some(date),
        fallback_date: date,
    }
}

/// Extracts `text`, checks every span, and returns how long it took.
fn run(text: &str) -> Duration {
    let started = Instant::now();
    let extraction = extract(text, &options());
    let elapsed = started.elapsed();
    check_spans(&extraction);
    elapsed
}

pub(crate) fn check_spans(extraction: &Extraction) {
    let body = extraction
        .article
        .as_ref()
        .map(|article| article.body.clone())
        .unwrap_or_default();
    let slice = |span: &Option<crate::proto::v1::Span>| {
        let span = (*span).unwrap_or_default();
        body.chars()
            .skip(span.start as usize)
            .take(span.end.saturating_sub(span.start) as usize)
            .collect::<String>()
    };
    for statement in &extraction.statements {
        assert_eq!(slice(&statement.span), statement.text);
    }
    for milestone in &extraction.milestones {
        assert_eq!(slice(&milestone.span), milestone.expression);
    }
    for related in &extraction.related {
        check_spans(related);
    }
}

#[test]
fn degenerate_inputs_do_not_panic() {
    let inputs = [
        "",
        " ",
        "\n",
        "\"",
        "«",
        "»",
        "“",
        "اقرأ أيضاً",
        "قال",
        "قال إن",
        "قال: \"",
        "منذ",
        "بحلول نهاية",
        "31",
        "31 ديسمبر",
        "29 فبراير 2021",
        "0 يناير 2020",
        "99/99/9999",
        "ـ",
        "\u{0651}",
        "\u{200f}",
        "قال الوزير إن \"",
        "مشيرا إلى أن",
        "الذي قال إن",
        "نقلت عن",
        "جاء فيه:",
        "وفق",
        "- AFP",
        "(رويترز)",
        "2021-02-30",
        "امس الاول",
        "أول",
        "السبت المقبل",
        "\r\n\r\n",
        "اقرأ أيضاً:\nاقرأ أيضاً:\n",
    ];
    for input in inputs {
        run(input);
    }
}

#[test]
fn large_inputs_stay_fast() {
    // A megabyte in release builds; debug builds are too slow for that.
    let megabyte = if cfg!(debug_assertions) {
        1 << 16
    } else {
        1 << 20
    };
    let quote_marks = "\"".repeat(megabyte);
    let mixed_marks = "«“”„″\" ".repeat(megabyte / 14);
    let digits = "٢".repeat(megabyte / 2);
    let spaced_digits = "12 ".repeat(megabyte / 3);
    let words = "قال الوزير إن ".repeat(megabyte / 26);
    let quotes = "وقال: \"نعم سنعمل معا\" مضيفا أن ".repeat(megabyte / 60);
    let dates = "منذ 9 ديسمبر بحلول نهاية العام الجاري ".repeat(megabyte / 70);
    let lines = "قال الوزير \"\n".repeat(megabyte / 22);
    for input in [
        quote_marks,
        mixed_marks,
        digits,
        spaced_digits,
        words,
        quotes,
        dates,
        lines,
    ] {
        let elapsed = run(&input);
        assert!(
            elapsed < Duration::from_secs(20),
            "took {elapsed:?} on {} bytes",
            input.len()
        );
    }
}
