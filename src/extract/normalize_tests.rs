//! Tests of letter folding and of the fast white-space and word helpers.

use super::*;

fn check(input: &str, expected: &str) {
    assert_eq!(fold(input), expected, "folding {input:?}");
}

#[test]
fn folds_letters_digits_and_marks() {
    let cases = [
        ("أكد", "اكد"),
        ("إن", "ان"),
        ("آب", "اب"),
        ("ٱلله", "الله"),
        ("مصطفى", "مصطفي"),
        ("رئاسة", "رياسه"),
        ("مؤتمر", "موتمر"),
        ("جـــديد", "جديد"),
        ("قَالَ", "قال"),
        ("اعتباراً", "اعتبارا"),
        ("٢٠٢١", "2021"),
        ("۱۴۰۰", "1400"),
        ("AFP", "afp"),
        ("a\u{00A0}b", "a b"),
        ("\u{FEFB}", "لا"),
        ("ی", "ي"),
        ("\u{200F}قال", "قال"),
    ];
    for (input, expected) in cases {
        check(input, expected);
    }
}

#[test]
fn whole_string_fold_agrees_with_folding_each_character() {
    let mut every = String::new();
    for code in (0..0x0800).chain(0x2000..0x2070).chain(0xFB50..0xFF00) {
        if let Some(character) = char::from_u32(code) {
            every.push(character);
        }
    }
    let texts = [
        "قال الوزير «إنّ ٢٠٢٤ عامُ» ABC def ﻻ ﷺ \u{200F}x\u{00A0}y",
        every.as_str(),
        "",
    ];
    for text in texts {
        let mut expected = String::new();
        for character in text.chars() {
            fold_char_into(character, |part| expected.push(part));
        }
        assert_eq!(fold(text), expected);
        assert_eq!(fold_cow(text), expected);
    }
}

#[test]
fn fold_cow_borrows_what_folds_to_itself() {
    for (text, borrowed) in [
        ("قال", true),
        ("abc 12", true),
        ("أكد", false),
        ("AB", false),
    ] {
        let folded = fold_cow(text);
        assert_eq!(folded, fold(text));
        assert_eq!(
            matches!(folded, std::borrow::Cow::Borrowed(_)),
            borrowed,
            "{text}"
        );
    }
}

#[test]
fn block_tables_agree_with_the_slow_rules() {
    for code in 0x0600..0x0700 {
        let Some(character) = char::from_u32(code) else {
            continue;
        };
        assert_eq!(
            is_word_char(character),
            character.is_alphabetic() || is_ignorable(character)
        );
        assert_eq!(is_alphanumeric(character), character.is_alphanumeric());
        assert_eq!(is_white_space(character), character.is_whitespace());
        let mut fast = String::new();
        fold_char_into(character, |part| fast.push(part));
        assert_eq!(
            fast,
            fold_simple(character).map(String::from).unwrap_or_default()
        );
    }
    for code in 0..0x80u8 {
        let character = char::from(code);
        assert_eq!(is_word_char(character), character.is_alphabetic());
        assert_eq!(is_white_space(character), character.is_whitespace());
        let mut fast = String::new();
        fold_char_into(character, |part| fast.push(part));
        assert_eq!(
            fast,
            fold_simple(character).map(String::from).unwrap_or_default()
        );
    }
}

#[test]
fn counts_words_as_white_space_splits_them() {
    let spaces: Vec<char> = (0..=0x3000u32)
        .filter_map(char::from_u32)
        .filter(|character| character.is_whitespace())
        .collect();
    assert_eq!(spaces.len(), 25);
    let mut texts = vec![
        String::new(),
        " ".to_string(),
        "قال الوزير  إن\n\nالاتفاق".to_string(),
        "a\u{00A0}b\u{0085}c\u{2009}d\u{200B}e\u{3000}f\u{1680}g\u{205F}h".to_string(),
        "\u{1C}x\u{2029} y\u{202F}z\u{2030}".to_string(),
    ];
    for space in &spaces {
        texts.push(format!("كلمة{space}أخرى{space}"));
        texts.push(format!("{space}ﻻ"));
        texts.push(format!(
            "قال الوزير{space}إن  a bc{space}{space}الاتفاق سيوقع.."
        ));
    }
    // Spaces and words of every length, at every offset of an
    // eight-byte chunk.
    for shift in 0..9 {
        let mut text = "x".repeat(shift);
        for length in 0..12 {
            text.push_str(&"ب".repeat(length));
            text.push(' ');
            text.push_str(&"a".repeat(length));
            text.push_str(if length % 3 == 0 { "  " } else { " " });
        }
        texts.push(text);
    }
    // A line break or a non-ASCII space at every offset, with long plain
    // text on both sides (the count goes back to eight bytes at a time).
    for space in ["\n", "\u{A0}", "\u{3000}", "\u{2028}"] {
        for shift in 0..9 {
            let mut text = "ب".repeat(shift);
            text.push_str(" كلمة أخرى");
            text.push_str(space);
            text.push_str("ثالثة رابعة خامسة سادسة سابعة ثامنة تاسعة عاشرة");
            text.push_str(&format!("{space}x{space}"));
            text.push_str("ab cd ef gh ij kl mn op qr st uv");
            texts.push(text);
        }
    }
    for text in &texts {
        let expected = text.split_whitespace().count();
        for cap in [1, 2, 3, usize::MAX] {
            assert_eq!(
                count_words_capped(text, cap),
                expected.min(cap),
                "{text:?} capped at {cap}"
            );
        }
    }
}

#[test]
fn collapses_whitespace() {
    assert_eq!(fold_collapsed("  رائد \n\t الأنصاري "), "رايد الانصاري");
}

#[test]
fn reads_numbers() {
    assert_eq!(number_value("2021"), Some(2021));
    assert_eq!(number_value(""), None);
    assert_eq!(number_value("12a"), None);
    assert_eq!(number_value("99999999999999"), None);
}

#[test]
fn unchanged_runs_end_at_the_first_character_folding_changes() {
    // (text, start byte, end byte)
    let cases = [
        ("abc Def", 0, 4),
        ("مدينة", 0, 8),
        ("قال: 12, ok", 0, 14),
        ("إلى", 0, 0),
        ("ab ﻻ", 0, 3),
        ("سأل", 2, 2),
        ("", 0, 0),
    ];
    for (text, start, end) in cases {
        assert_eq!(unchanged_run(text.as_bytes(), start), end, "{text:?}");
    }
}

#[test]
fn collapsing_agrees_with_split_whitespace() {
    let texts = [
        "",
        " ",
        "a",
        "a b",
        "a  b",
        " a",
        "a ",
        "a\tb",
        "a\nb",
        "قال  الوزير",
        "قال\u{A0}الوزير",
        "قال \u{3000}",
        "x\u{2029}y",
        "x\u{202F}y",
        "x\u{1680}y",
        "x\u{85}y",
        "é è",
        "ﻻ ok",
        "a\u{200B}b",
        "وقال الوزير إن الاتفاق",
    ];
    for text in texts {
        let expected = text.split_whitespace().collect::<Vec<_>>().join(" ");
        let collapsed = collapse_whitespace(text);
        assert_eq!(collapsed, expected, "{text:?}");
        assert_eq!(
            matches!(collapsed, std::borrow::Cow::Borrowed(_)),
            expected == text,
            "{text:?} borrowed only when unchanged"
        );
    }
}
