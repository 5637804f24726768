//! Where a verb's object cuts its subject short: `حذرت الهيئة من …` (the
//! warning's object after من), `دعت الوزارة المواطنين إلى …` (the people
//! addressed, a definite plural after a complete subject).
//!
//! Part of the statement finder; it only shortens a subject range read by
//! `speakers::subject_range` and must not decide who speaks or what is said.

use super::Finder;
use std::ops::Range;

/// حذر and its forms: their object comes after من.
fn is_warning_verb(word: &str) -> bool {
    let bare = word
        .strip_prefix('و')
        .or_else(|| word.strip_prefix('ف'))
        .unwrap_or(word);
    matches!(bare, "حذر" | "حذرت" | "حذروا" | "يحذر" | "تحذر")
}

/// دعا, طالب, حث, ناشد and their forms: their object is the people addressed.
fn is_appeal_verb(word: &str) -> bool {
    let bare = word
        .strip_prefix('و')
        .or_else(|| word.strip_prefix('ف'))
        .unwrap_or(word);
    matches!(
        bare,
        "دعا"
            | "دعت"
            | "دعوا"
            | "طالب"
            | "طالبت"
            | "طالبوا"
            | "حث"
            | "حثت"
            | "ناشد"
            | "ناشدت"
    )
}

/// A definite plural that reads as the people addressed (المواطنين,
/// السلطات), not a nisba adjective (الكويتيين).
fn is_definite_plural(word: &str) -> bool {
    word.starts_with("ال")
        && word.chars().count() >= 6
        && ((word.ends_with("ين") && !word.ends_with("يين")) || word.ends_with("ات"))
}

/// The people a call is addressed to, also after و (والمقيمين).
pub(super) fn is_addressed(word: &str) -> bool {
    is_definite_plural(word.strip_prefix('و').unwrap_or(word))
}

impl Finder<'_> {
    /// The subject of `verb` with its object cut off.
    pub(super) fn without_object(&self, verb: &str, subject: Range<usize>) -> Range<usize> {
        if is_warning_verb(verb) {
            if let Some(from) = subject
                .clone()
                .skip(1)
                .find(|&at| self.word(at) == Some("من"))
            {
                return subject.start..from;
            }
        } else if is_appeal_verb(verb) {
            // دعت وزارة الكهرباء المواطنين: after a definite word (the
            // subject is complete), not after باسم or an open construct.
            let object = subject.clone().skip(1).find(|&at| {
                self.word(at).is_some_and(is_definite_plural)
                    && self
                        .word(at - 1)
                        .is_some_and(|previous| previous.starts_with("ال"))
            });
            if let Some(from) = object {
                return subject.start..from;
            }
        }
        subject
    }
}

#[cfg(test)]
mod tests {
    use super::{is_appeal_verb, is_definite_plural, is_warning_verb};

    #[test]
    fn verb_and_object_forms() {
        assert!(is_warning_verb("وحذرت") && !is_warning_verb("حذف"));
        assert!(is_appeal_verb("ودعت") && !is_appeal_verb("دعم"));
        for (word, plural) in [
            ("المواطنين", true),
            ("السلطات", true),
            ("الكويتيين", false),
            ("الوزاره", false),
            ("بين", false),
        ] {
            assert_eq!(is_definite_plural(word), plural, "{word}");
        }
    }
}
