//! When a cue word stands as a cue: a weak verb at the start of a clause, a
//! reminding participle before بأن, a demand (طالب بـ، دعا إلى) right
//! after its subject.
//!
//! Part of the statement finder; it must not read subjects or complements.

use super::{ASIDE_TOKENS, Finder, objects};
use crate::extract::cues::{is_complementizer, is_reminding_participle, is_weak_verb};
use crate::extract::tokens::Break;

impl Finder<'_> {
    /// Whether the participle at `index` is a cue: مذكرة only before بأن
    /// (`مذكرة بأن`, not `مذكرة تفاهم`).
    pub(super) fn participle_stands(&self, index: usize, word: &str) -> bool {
        !is_reminding_participle(word)
            || self
                .word(index + 1)
                .is_some_and(|next| next.starts_with('ب') && is_complementizer(next))
    }

    /// A weak verb (بين, كتب, تابع...) reads as a reporting verb only at the
    /// start of a clause: with و/ف, or after a sentence or clause mark.
    pub(super) fn weak_verb_stands(&self, index: usize, word: &str) -> bool {
        let has_conjunction = (word.starts_with('و') || word.starts_with('ف'))
            && is_weak_verb(&word[word.char_indices().nth(1).map_or(0, |(at, _)| at)..]);
        // A dash ends a dateline (`بيت لحم - توقعت الوزارة …`).
        let after_mark = index == 0
            || self.tokens[index].break_before >= Break::Line
            || self.tokens[index - 1].punct().is_some_and(|c| {
                // `الخرطوم (الوكالة) توقع …`: a parenthesis closes a dateline.
                matches!(
                    c,
                    '.' | '،' | ',' | ':' | '!' | '؟' | '?' | '-' | '–' | '—' | ')'
                )
            });
        // بينما طالب X بـ…, فيما دعا X إلى…: a clause of its own.
        let after_linker = index > 0
            && self
                .word(index - 1)
                .is_some_and(|previous| matches!(previous, "بينما" | "فيما" | "كما" | "حين"));
        has_conjunction || after_mark || after_linker
    }

    /// طالب X بـ… / دعا X إلى…: the demand right after the subject (past an
    /// aside between commas) makes X a speaker.
    pub(super) fn demands_something(&self, verb: &str, after_subject: usize) -> bool {
        let demanding = ["طالب", "طالبت", "دعا", "دعت"]
            .iter()
            .any(|form| verb == *form || verb.strip_prefix('و') == Some(form));
        let comma = |at: usize| {
            self.tokens
                .get(at)
                .is_some_and(|token| token.is_punct('،') || token.is_punct(','))
        };
        let mut at = after_subject;
        if comma(at) {
            at = (at + 1..at + ASIDE_TOKENS)
                .find(|&next| comma(next))
                .map_or(at, |next| next + 1);
        }
        // دعت الوزارة المواطنين والمقيمين إلى …: past the people addressed.
        while demanding && self.word(at).is_some_and(objects::is_addressed) {
            at += 1;
        }
        demanding
            && self
                .word(at)
                .is_some_and(|object| object == "الي" || object.starts_with('ب'))
    }
}
