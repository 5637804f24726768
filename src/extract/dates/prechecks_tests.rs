//! Tests of the prechecks: each accepts every token the full parse or
//! lookup accepts (invented sentences).

use super::super::numeric;
use super::super::tests::check;
use super::*;
use crate::extract::tokens::{find_clitic_form, lookup_with_clitics, tokenize};
use crate::proto::v1::Part::Start;
use crate::proto::v1::Relation::Unspecified as On;

#[test]
fn bare_fi_is_skipped_only_when_nothing_can_follow() {
    // (text, index of في, whether it surely starts nothing)
    let cases = [
        ("وصل في المساء", 1, true),
        ("اجتمعوا في 2020", 1, true),
        ("قال في", 1, true),
        ("يكتمل في مطلع العام", 1, false),
        ("يكتمل في بداية الشهر", 1, false),
        ("يسلم في موعد أقصاه الأحد", 1, false),
        ("ينجز في أفق 2030", 1, false),
    ];
    for (text, index, expected) in cases {
        let tokens = tokenize(text);
        assert_eq!(tokens[index].folded.as_str(), "في", "{text}");
        assert_eq!(bare_fi_starts_nothing(&tokens, index), expected, "{text}");
    }
    check(
        "يكتمل المشروع في مطلع العام المقبل.",
        "2024-05-20",
        &[("2025", Start, On)],
    );
}

/// The hashed prechecks of relation cues, part cues and ordinal day words
/// accept exactly the words whose clitic-form lookup finds something.
#[test]
fn cue_form_sets_agree_with_clitic_lookups() {
    use crate::extract::lexicon::{part_of, relation_of};
    let prefixes = [
        "", "و", "ف", "ب", "ل", "ك", "وب", "فل", "لل", "ولل", "بب", "x",
    ];
    let mut words: Vec<String> = ["قال", "في", "ل", "", "وفي", "الحادي", "مطلعه"]
        .map(String::from)
        .to_vec();
    let entries = RELATION_CUES
        .iter()
        .map(|(word, _)| *word)
        .chain(PART_CUES.iter().map(|(word, _)| *word))
        .chain(numeric::ORDINALS.iter().map(|(word, _)| *word));
    for entry in entries {
        for prefix in prefixes {
            words.push(format!("{prefix}{entry}"));
        }
        if let Some(tail) = entry.strip_prefix("ال") {
            words.push(format!("لل{tail}"));
            words.push(format!("فلل{tail}"));
        }
        words.push(format!("{entry}ه"));
    }
    for word in &words {
        assert_eq!(
            RELATION_CUE_FORMS.contains(word),
            lookup_with_clitics(word, relation_of).is_some(),
            "relation {word:?}"
        );
        assert_eq!(
            PART_CUE_FORMS.contains(word),
            lookup_with_clitics(word, part_of).is_some(),
            "part {word:?}"
        );
        assert_eq!(
            numeric::ORDINAL_FORMS.contains(word),
            find_clitic_form(word, numeric::ordinal_value).is_some(),
            "ordinal {word:?}"
        );
    }
}
