//! Table-driven tests of quotation pairing (invented sentences).
//! Every case is an invented sentence; none may come from the seed corpus.

use super::*;
use crate::extract::tokens::tokenize;

/// Checks the content text of every quotation found in `input`.
fn check(input: &str, expected: &[&str]) {
    let tokens = tokenize(input);
    let chars: Vec<char> = input.chars().collect();
    let got: Vec<String> = find_quotes(&tokens)
        .iter()
        .map(|quote| {
            if quote.first >= quote.end {
                return String::new();
            }
            let (start, end) = (tokens[quote.first].start, tokens[quote.end - 1].end);
            chars[start..end].iter().collect()
        })
        .collect();
    assert_eq!(got, expected, "quotes in {input:?}");
}

#[test]
fn pairs() {
    let cases: &[(&str, &[&str])] = &[
        ("قال \"نعم\" ثم \"لا\"", &["نعم", "لا"]),
        ("قال “نعم هنا”", &["نعم هنا"]),
        ("قال «نعم «هنا» الآن»", &["نعم «هنا» الآن"]),
        ("قال „نعم هنا“", &["نعم هنا"]),
        ("قال “نعم هنا″، وفق البيان", &["نعم هنا"]),
        ("متعهدا بـ”توسيع الشراكة”.", &["توسيع الشراكة"]),
        ("لـ\"الاتحاد الإقليمي\" على", &["الاتحاد الإقليمي"]),
        (
            "وقال \"لن نتراجع\" في المدينة، لكن \"الحوار مستمر\".",
            &["لن نتراجع", "الحوار مستمر"],
        ),
        ("", &[]),
        ("»", &[]),
    ];
    for (input, expected) in cases {
        check(input, expected);
    }
}

#[test]
fn broken_pairs() {
    let cases: &[(&str, &[&str])] = &[
        // Never closes: ends at the line end.
        (
            "مبينا أن \"المشروع بدأ منذ عام.\nواشار الى ان الامر انتهى.",
            &["المشروع بدأ منذ عام."],
        ),
        // A new opener after a sentence and a participle: two quotes.
        (
            "مشددا على ان \"الخطة تغيرت.. منوها الى ان العدد قليل.. موضحا أن \"الإدارة مسؤولة عنهم.",
            &["الخطة تغيرت", "الإدارة مسؤولة عنهم."],
        ),
        // Runs on across a blank line.
        (
            "وأكد ان \" أي طلب للمعدات\n\nينبغي أن يدرس بعناية \" بحسب قوله.",
            &["أي طلب للمعدات\n\nينبغي أن يدرس بعناية"],
        ),
        // Does not run on when the next line opens a new quote.
        (
            "قال \"الأول بلا نهاية\n\nوقال \"الثاني هنا\".",
            &["الأول بلا نهاية", "الثاني هنا"],
        ),
    ];
    for (input, expected) in cases {
        check(input, expected);
    }
}

#[test]
fn linear_on_hostile_input() {
    let marks = "\"".repeat(200_000);
    let tokens = tokenize(&marks);
    let quotes = find_quotes(&tokens);
    assert!(quotes.len() <= 100_000);
    let mixed = "« \" “ ” „ ″ ".repeat(50_000);
    let _ = find_quotes(&tokenize(&mixed));
}
