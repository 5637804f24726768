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
        "صورة – رويترز",
        "صورة —",
        "– AFP",
        "(",
        ")",
        "بغداد (",
        "x (y) –",
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

/// Pieces that exercise every rule; random pages are glued from them.
const PIECES: &[&str] = &[
    "قال",
    "وأضاف",
    "مشيرا إلى أن",
    "إن",
    "أن",
    ":",
    "\"",
    "«",
    "»",
    "“",
    "”",
    "„",
    "″",
    " ",
    "\n",
    "\n\n",
    "-",
    "–",
    "—",
    "(",
    ")",
    "/",
    ".",
    "..",
    "،",
    "9",
    "31",
    "2021",
    "١٢",
    "ديسمبر",
    "كانون الأول",
    "آب",
    "امس",
    "الأحد",
    "المقبل",
    "الماضي",
    "نهاية",
    "العام",
    "الجاري",
    "منذ",
    "بحلول",
    "حتى",
    "الذي",
    "جاء فيه",
    "اقرأ أيضاً",
    "- AFP",
    "(رويترز)",
    "الرافد من القاهرة:",
    "عمّان-الرافد",
    "اللواء",
    "رئيس",
    "الوزير",
    "سامي",
    "الحداد",
    "وبحسب",
    "فإن",
    "وكان",
    "قد",
    "ـ",
    "\u{064E}",
    "\u{200F}",
    "هـ",
    "الرابع",
    "من",
    "هذا",
];

#[test]
fn random_pages_do_not_panic() {
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    for _ in 0..3000 {
        let mut page = String::new();
        let length = 1 + (state >> 59) as usize * 4;
        for _ in 0..length {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            page.push_str(PIECES[(state >> 33) as usize % PIECES.len()]);
            if state & 3 == 0 {
                page.push(' ');
            }
        }
        run(&page);
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
