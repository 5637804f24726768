//! Tests of the tokenizer and of clitic-form lookups (invented sentences).

use super::*;
use crate::extract::wordlist::{WordList, WordSet};

fn check(input: &str, expected: &[(&str, usize, usize)]) {
    let tokens = tokenize(input);
    let got: Vec<(&str, usize, usize)> = tokens
        .iter()
        .map(|token| (token.folded.as_ref(), token.start, token.end))
        .collect();
    assert_eq!(got, expected, "tokens of {input:?}");
}

#[test]
fn splits_words_numbers_punctuation() {
    check(
        "قال: «نعم»",
        &[
            ("قال", 0, 3),
            (":", 3, 4),
            ("«", 5, 6),
            ("نعم", 6, 9),
            ("»", 9, 10),
        ],
    );
    check("2020.", &[("2020", 0, 4), (".", 4, 5)]);
    check(
        "لـ\"التعاون\"",
        &[
            ("ل", 0, 2),
            ("\"", 2, 3),
            ("التعاون", 3, 10),
            ("\"", 10, 11),
        ],
    );
    check(
        "١٥-١٦ أبريل",
        &[("15", 0, 2), ("-", 2, 3), ("16", 3, 5), ("ابريل", 6, 11)],
    );
    check("ـــ", &[]);
    check("", &[]);
}

/// The tokens as the plain rule gives them: every character folded,
/// the folded form borrowed only when it equals the text.
fn reference_tokens(text: &str) -> Vec<(TokenKind, String, bool, usize, usize, Break)> {
    let mut found = Vec::new();
    let mut current: Option<(TokenKind, usize, usize, usize, usize, Break)> = None;
    let mut pending_break = Break::Paragraph;
    let mut newlines = 0;
    let flush = |found: &mut Vec<_>, token: (TokenKind, usize, usize, usize, usize, Break)| {
        let (kind, start, end, byte_start, byte_end, break_before) = token;
        let source: &str = &text[byte_start..byte_end];
        let folded = if kind == TokenKind::Punct {
            source.to_string()
        } else {
            crate::extract::normalize::fold(source)
        };
        if kind == TokenKind::Word && folded.is_empty() {
            return;
        }
        let borrowed = folded == source;
        found.push((kind, folded, borrowed, start, end, break_before));
    };
    for (index, (byte, character)) in text.char_indices().enumerate() {
        let kind = kind_of(character);
        match (&mut current, kind) {
            (Some(token), Some(kind)) if token.0 == kind && kind != TokenKind::Punct => {
                token.2 = index + 1;
                token.4 = byte + character.len_utf8();
                continue;
            }
            _ => {}
        }
        if let Some(token) = current.take() {
            flush(&mut found, token);
        }
        match kind {
            None if character == '\n' => {
                newlines += 1;
                if pending_break != Break::Paragraph {
                    pending_break = if newlines == 1 {
                        Break::Line
                    } else {
                        Break::Paragraph
                    };
                }
            }
            None => {
                if pending_break == Break::Attached {
                    pending_break = Break::Space;
                }
            }
            Some(kind) => {
                let end = byte + character.len_utf8();
                current = Some((kind, index, index + 1, byte, end, pending_break));
                pending_break = Break::Attached;
                newlines = 0;
            }
        }
    }
    if let Some(token) = current.take() {
        flush(&mut found, token);
    }
    found
}

#[test]
fn folds_tokens_as_the_plain_rule_does() {
    let texts = [
        "قال الوزير: «إنّ الاتفاقَ سيُوقَّع في ٢٠٢٤».",
        "أعلنت الـــوزارة\n\nأمس ـ ـــ عن AFP Reuters ﻻ ﷲ",
        "\u{200F}قال\u{200F} مصطفى ومؤتمر ١٥-١٦ ۱۴۰۰ 2020.",
        "Abc DEF ghi123 45x ٣أ ـقال قالـ ﻷمر \u{FEFF}",
        "الكلمة\u{0670}الأخرى x\u{00A0}y\u{2009}z\u{3000}w",
        "",
        "ـ",
    ];
    for text in texts {
        let got: Vec<_> = tokenize(text)
            .into_iter()
            .map(|token| {
                let borrowed = token.folded.is_borrowed();
                (
                    token.kind,
                    token.folded.into_owned(),
                    borrowed,
                    token.start,
                    token.end,
                    token.break_before,
                )
            })
            .collect();
        assert_eq!(got, reference_tokens(text), "tokens of {text:?}");
    }
}

#[test]
fn records_breaks() {
    let tokens = tokenize("a b\nc\n\nd");
    let breaks: Vec<Break> = tokens.iter().map(|token| token.break_before).collect();
    assert_eq!(
        breaks,
        vec![
            Break::Paragraph,
            Break::Space,
            Break::Line,
            Break::Paragraph
        ]
    );
}

#[test]
fn strips_clitics() {
    assert!(clitic_forms("وبحلول").contains(&"بحلول".to_string()));
    assert!(clitic_forms("للعام").contains(&"العام".to_string()));
    assert!(clitic_forms("بنهايه").contains(&"نهايه".to_string()));
    assert!(matches_any("ومنذ", &["منذ"]));
    assert!(!matches_any("منذر", &["منذ"]));
}

#[test]
fn clitic_lookups_agree_with_clitic_forms() {
    let words = [
        "وبحلول",
        "للعام",
        "وللعام",
        "فللعام",
        "لل",
        "ولل",
        "ل",
        "و",
        "وب",
        "بنهايه",
        "ومنذ",
        "منذر",
        "فكتب",
        "كتاب",
        "والي",
        "ولال",
        "لالعام",
        "العام",
        "فب",
        "وبك",
        "ببيان",
        "كالعاده",
        "abc",
        "",
    ];
    let entries = ENTRIES;
    const ENTRIES: [&str; 22] = [
        "بحلول",
        "حلول",
        "العام",
        "عام",
        "لعام",
        "نهايه",
        "منذ",
        "كتب",
        "تب",
        "اب",
        "ال",
        "ل",
        "الي",
        "لي",
        "لال",
        "عاده",
        "العاده",
        "abc",
        "بيان",
        "يان",
        "ك",
        "",
    ];
    for word in words {
        let forms = clitic_forms(word);
        let mut visited = Vec::new();
        let first = find_clitic_form(word, |form| {
            visited.push(form.to_string());
            None::<()>
        });
        assert!(first.is_none());
        let mut deduplicated: Vec<String> = Vec::new();
        for form in visited {
            if !deduplicated.contains(&form) {
                deduplicated.push(form);
            }
        }
        assert_eq!(deduplicated, forms, "forms of {word:?}");
        for entry in entries {
            assert_eq!(
                has_clitic_form(word, entry),
                forms.iter().any(|form| form == entry),
                "{word:?} has form {entry:?}"
            );
        }
        for entry in &forms {
            assert!(has_clitic_form(word, entry), "{word:?} has form {entry:?}");
        }
        let list = WordList::new(&ENTRIES);
        assert_eq!(list.matches(word), matches_any(word, &entries), "{word:?}");
        for entry in entries {
            let single = WordSet::clitic([entry]);
            assert_eq!(single.contains(word), matches_any(word, &[entry]));
            let conjunction = ["و", "ف"]
                .iter()
                .any(|c| word.strip_prefix(c) == Some(entry));
            assert_eq!(
                WordSet::with_conjunctions([entry]).contains(word),
                word == entry || conjunction
            );
        }
    }
}

#[test]
fn plain_letter_runs_stop_where_folding_or_the_word_changes() {
    // (text, start byte, bytes, characters)
    let cases = [
        ("abc def", 0, 3, 3),
        ("كتاب", 0, 8, 4),
        ("كتابة", 0, 8, 4),
        ("أحمد", 0, 0, 0),
        ("سأل", 0, 2, 1),
        ("Abc", 0, 0, 0),
        ("ab1", 0, 2, 2),
        ("x كتب", 2, 6, 3),
        ("مُدن", 0, 2, 1),
        ("", 0, 0, 0),
    ];
    for (text, start, bytes, chars) in cases {
        assert_eq!(
            super::plain_letters(text.as_bytes(), start),
            super::PlainRun { bytes, chars },
            "{text:?} from {start}"
        );
    }
}
