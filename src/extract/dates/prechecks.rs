//! Cheap tests that turn a token away before the date parser reads it: a
//! bare في with nothing after it that could open a date, and hashed sets of
//! every clitic form of the relation and part cues.
//!
//! Each test must accept every token the full parse could accept; it must
//! not decide anything the parser decides.

use crate::extract::lexicon::{PART_CUES, RELATION_CUES, RELATION_PHRASES};
use crate::extract::tokens::{Token, TokenKind};
use crate::extract::wordlist::WordSet;
use std::sync::LazyLock;

/// Whether the word في at `index` (the commonest start word) surely starts
/// no expression: في starts one only through a relation phrase (في موعد,
/// في افق) or a part cue after it (في مطلع); alone it is no date.
pub(super) fn bare_fi_starts_nothing(tokens: &[Token], index: usize) -> bool {
    match tokens.get(index + 1) {
        Some(next) if next.kind == TokenKind::Word => {
            let next = next.folded.as_str();
            let opens_phrase = RELATION_PHRASES
                .iter()
                .any(|(phrase, _)| phrase.first() == Some(&"في") && phrase.get(1) == Some(&next));
            !opens_phrase && !PART_CUE_FORMS.contains(next)
        }
        _ => true,
    }
}

/// Every word with a single-word relation cue among its clitic forms, so
/// that `contains(word)` is `lookup_with_clitics(word, relation_of)` found
/// something (one hashed test before the scan of the cues).
pub(super) static RELATION_CUE_FORMS: LazyLock<WordSet> =
    LazyLock::new(|| WordSet::clitic(RELATION_CUES.iter().map(|(word, _)| *word)));

/// Every word with a part cue among its clitic forms (as above, for
/// `part_of`).
pub(super) static PART_CUE_FORMS: LazyLock<WordSet> =
    LazyLock::new(|| WordSet::clitic(PART_CUES.iter().map(|(word, _)| *word)));

#[cfg(test)]
#[path = "prechecks_tests.rs"]
mod tests;
