//! Runs of word letters that fold to themselves, read on bytes: the
//! tokenizer's fast path through the body of a word.
//!
//! It only measures runs; it must not fold or split anything itself.

use super::{TokenKind, kind_of};
use crate::extract::normalize::Folder;

/// A run of word letters that fold to themselves: its length in bytes and
/// in characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct PlainRun {
    pub bytes: usize,
    pub chars: usize,
}

/// The run of word letters starting at byte `at` (a character boundary)
/// that fold to themselves: ASCII lower-case letters and Arabic-block
/// letters folding to themselves, read on bytes without decoding.
#[inline(always)]
pub(super) fn plain_letters(bytes: &[u8], at: usize) -> PlainRun {
    let table = &*PLAIN_ARABIC_LETTERS;
    let mut end = at;
    let mut chars = 0;
    loop {
        match bytes.get(end) {
            Some(b'a'..=b'z') => {
                end += 1;
            }
            Some(&lead @ 0xD8..=0xDB) => {
                let Some(&next) = bytes.get(end + 1) else {
                    break;
                };
                if !table[(usize::from(lead & 0x03) << 6) | usize::from(next & 0x3F)] {
                    break;
                }
                end += 2;
            }
            _ => break,
        }
        chars += 1;
    }
    PlainRun {
        bytes: end - at,
        chars,
    }
}

/// For each character of the Arabic block U+0600–U+06FF: whether it is a
/// word letter that folds to itself (what `FoldState::letter` keeps as is).
static PLAIN_ARABIC_LETTERS: std::sync::LazyLock<[bool; 256]> = std::sync::LazyLock::new(|| {
    let folder = Folder::new();
    let mut table = [false; 256];
    for (offset, slot) in table.iter_mut().enumerate() {
        *slot = char::from_u32(0x0600 + offset as u32).is_some_and(|character| {
            kind_of(character) == Some(TokenKind::Word)
                && folder.block_char(character) == Some(Some(character))
        });
    }
    table
});
