//! Letter folding for matching Arabic text.
//!
//! Matching (keywords, month names, speaker keys) runs on a folded form of the
//! text: harakat and tatweel dropped, alef and hamza carriers folded, ى→ي,
//! ة→ه, Arabic-Indic and Persian digits turned into ASCII digits, Latin
//! lower-cased, presentation forms decomposed. Folding is only ever used for
//! comparison: it must never be used to rewrite the article body, and every
//! offset the engine reports is counted in the original text.

use unicode_normalization::char::decompose_compatible;

/// Whether a character is dropped entirely when folding (diacritics,
/// tatweel, invisible direction and joiner marks).
pub fn is_ignorable(character: char) -> bool {
    matches!(character,
        '\u{0610}'..='\u{061A}'
        | '\u{064B}'..='\u{065F}'
        | '\u{0670}'
        | '\u{06D6}'..='\u{06ED}'
        | '\u{0640}'
        | '\u{061C}'
        | '\u{200B}'..='\u{200F}'
        | '\u{202A}'..='\u{202E}'
        | '\u{2066}'..='\u{2069}'
        | '\u{FEFF}')
}

/// Folds one already-decomposed character; `None` when it is dropped.
fn fold_simple(character: char) -> Option<char> {
    if is_ignorable(character) {
        return None;
    }
    let folded = match character {
        'أ' | 'إ' | 'آ' | 'ٱ' | 'ٲ' | 'ٳ' => 'ا',
        'ى' | 'ئ' | 'ی' | 'ې' => 'ي',
        'ؤ' => 'و',
        'ة' | 'ۀ' | 'ە' => 'ه',
        'ک' => 'ك',
        '\u{0660}'..='\u{0669}' => digit_char(character as u32 - 0x0660),
        '\u{06F0}'..='\u{06F9}' => digit_char(character as u32 - 0x06F0),
        '\u{00A0}' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{3000}' => ' ',
        other if other.is_ascii_uppercase() => other.to_ascii_lowercase(),
        other => other,
    };
    Some(folded)
}

/// `fold_simple` for the Arabic block U+0600–U+06FF ('\0': dropped),
/// computed once.
static ARABIC_FOLDED: std::sync::LazyLock<[char; 256]> = std::sync::LazyLock::new(|| {
    let mut table = ['\0'; 256];
    for (offset, slot) in table.iter_mut().enumerate() {
        *slot = char::from_u32(0x0600 + offset as u32)
            .and_then(fold_simple)
            .unwrap_or('\0');
    }
    table
});

fn digit_char(value: u32) -> char {
    char::from_digit(value, 10).unwrap_or('0')
}

/// The folded form of one ASCII or Arabic-block character read from
/// `table` (`ARABIC_FOLDED`): `Some(None)` when it is dropped,
/// `Some(Some(folded))` otherwise; `None` for any other character, which
/// `fold_char_into` must fold.
#[inline]
fn fold_block_char(character: char, table: &[char; 256]) -> Option<Option<char>> {
    let code = character as u32;
    if code < 0x80 {
        return Some(Some(character.to_ascii_lowercase()));
    }
    if (0x0600..0x0700).contains(&code) {
        let folded = table[(code - 0x0600) as usize];
        return Some((folded != '\0').then_some(folded));
    }
    None
}

/// A folder that reads the Arabic-block table once for many characters.
#[derive(Clone, Copy)]
pub struct Folder {
    table: &'static [char; 256],
}

impl Folder {
    pub fn new() -> Self {
        Self {
            table: &ARABIC_FOLDED,
        }
    }

    /// `fold_block_char` with this folder's table: the fold of an ASCII or
    /// Arabic-block character, `None` for any other.
    #[inline]
    pub fn block_char(self, character: char) -> Option<Option<char>> {
        fold_block_char(character, self.table)
    }

    /// The byte length of the start of `text` that surely folds to itself
    /// (ASCII other than upper case, Arabic-block letters kept as they are).
    fn unchanged_prefix(self, text: &str) -> usize {
        unchanged_run(text.as_bytes(), 0)
    }

    /// Appends the folded form of `text` to `folded`. Runs of characters
    /// that fold to themselves are copied whole; ASCII and the Arabic block
    /// are read on bytes.
    pub fn fold_into(self, text: &str, folded: &mut String) {
        let bytes = text.as_bytes();
        // Everything before `copied` is in `folded` already.
        let mut copied = 0;
        let mut at = 0;
        loop {
            at = unchanged_run(bytes, at);
            let Some(&byte) = bytes.get(at) else {
                break;
            };
            folded.push_str(text.get(copied..at).unwrap_or_default());
            if byte < 0x80 {
                // Upper case (the only ASCII that changes).
                folded.push(char::from(byte.to_ascii_lowercase()));
                at += 1;
            } else if (0xD8..=0xDB).contains(&byte)
                && let Some(&next) = bytes.get(at + 1)
            {
                // U+0600–U+06FF: two bytes, the first D8–DB.
                let part = self.table[arabic_offset(byte, next)];
                if part != '\0' {
                    folded.push(part);
                }
                at += 2;
            } else {
                let Some(character) = text.get(at..).and_then(|rest| rest.chars().next()) else {
                    break;
                };
                fold_other_char(character, |part| folded.push(part));
                at += character.len_utf8();
            }
            copied = at;
        }
        folded.push_str(text.get(copied..).unwrap_or_default());
    }
}

/// The offset in the Arabic block of the two-byte character `lead`, `next`
/// (`lead` in D8–DB).
#[inline(always)]
fn arabic_offset(lead: u8, next: u8) -> usize {
    (usize::from(lead & 0x03) << 6) | usize::from(next & 0x3F)
}

/// The byte offset where the run of characters of `bytes` from `at` (a
/// character start) that surely fold to themselves ends: ASCII other than
/// upper case, Arabic-block characters kept as they are.
#[inline]
fn unchanged_run(bytes: &[u8], mut at: usize) -> usize {
    let keeps = &*ARABIC_KEEPS;
    while let Some(&byte) = bytes.get(at) {
        if byte < 0x80 {
            if byte.is_ascii_uppercase() {
                return at;
            }
            at += 1;
        } else if (0xD8..=0xDB).contains(&byte)
            && let Some(&next) = bytes.get(at + 1)
            && keeps[arabic_offset(byte, next)]
        {
            at += 2;
        } else {
            return at;
        }
    }
    at
}

/// For each character of the Arabic block U+0600–U+06FF: whether it folds
/// to itself.
static ARABIC_KEEPS: std::sync::LazyLock<[bool; 256]> = std::sync::LazyLock::new(|| {
    let mut table = [false; 256];
    for (offset, slot) in table.iter_mut().enumerate() {
        *slot = ARABIC_FOLDED[offset] as u32 == 0x0600 + offset as u32;
    }
    table
});

impl Default for Folder {
    fn default() -> Self {
        Self::new()
    }
}

/// Calls `emit` with the folded form of one character (zero, one or more
/// characters: presentation-form ligatures decompose into several).
#[inline]
pub fn fold_char_into(character: char, mut emit: impl FnMut(char)) {
    match fold_block_char(character, &ARABIC_FOLDED) {
        Some(Some(folded)) => emit(folded),
        Some(None) => {}
        None => fold_other_char(character, emit),
    }
}

/// `fold_char_into` for a character outside ASCII and the Arabic block.
#[inline(never)]
fn fold_other_char(character: char, mut emit: impl FnMut(char)) {
    let is_presentation_form =
        matches!(character, '\u{FB50}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFC}');
    if is_presentation_form {
        decompose_compatible(character, |part| {
            if let Some(folded) = fold_simple(part) {
                emit(folded);
            }
        });
    } else if let Some(folded) = fold_simple(character) {
        emit(folded);
    }
}

/// The folded form of a whole string.
pub fn fold(text: &str) -> String {
    let mut folded = String::with_capacity(text.len());
    Folder::new().fold_into(text, &mut folded);
    folded
}

/// The folded form of a whole string, borrowed when the string is only
/// ASCII lower case and Arabic-block letters that fold to themselves.
pub fn fold_cow(text: &str) -> std::borrow::Cow<'_, str> {
    let folder = Folder::new();
    let unchanged = folder.unchanged_prefix(text);
    if unchanged == text.len() {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut folded = String::with_capacity(text.len());
    folded.push_str(text.get(..unchanged).unwrap_or_default());
    folder.fold_into(text.get(unchanged..).unwrap_or_default(), &mut folded);
    std::borrow::Cow::Owned(folded)
}

/// The folded form with whitespace runs collapsed to one space and trimmed.
pub fn fold_collapsed(text: &str) -> String {
    let folded = fold(text);
    match collapse_whitespace(&folded) {
        std::borrow::Cow::Borrowed(_) => folded,
        std::borrow::Cow::Owned(collapsed) => collapsed,
    }
}

/// The text with white space runs collapsed to one space and trimmed
/// (`split_whitespace` joined by spaces); borrowed when already so.
pub fn collapse_whitespace(text: &str) -> std::borrow::Cow<'_, str> {
    let mut after_space = true;
    let mut collapsed = true;
    for character in text.chars() {
        let space = is_white_space(character);
        if space && (character != ' ' || after_space) {
            collapsed = false;
            break;
        }
        after_space = space;
    }
    if collapsed && (!after_space || text.is_empty()) {
        std::borrow::Cow::Borrowed(text)
    } else {
        std::borrow::Cow::Owned(text.split_whitespace().collect::<Vec<_>>().join(" "))
    }
}

/// The number of white-space-separated words in `text`, at most `cap`
/// (reading no further than needed): the runs of characters that are not
/// `char::is_whitespace`, counted on the UTF-8 bytes.
pub fn count_words_capped(text: &str, cap: usize) -> usize {
    let bytes = text.as_bytes();
    let mut count = 0;
    let mut in_word = false;
    let mut at = 0;
    while at < bytes.len() {
        // Eight bytes at a time while they hold no control character and no
        // byte that may start a non-ASCII space (C2, E0–E3): there the only
        // space is 0x20, and a word starts at each byte after a space that
        // is no space (a byte after 0x20 always starts a character).
        if let Some(chunk) = bytes.get(at..at + 8) {
            let mut eight = [0u8; 8];
            eight.copy_from_slice(chunk);
            let word = u64::from_le_bytes(eight);
            if !has_special_byte(word) {
                let spaces = zero_bytes(word ^ 0x2020_2020_2020_2020);
                let after_space = (spaces << 8) | if in_word { 0 } else { 0x80 };
                count += high_bits_set(after_space & !spaces & HIGH_BITS);
                if count >= cap {
                    return cap;
                }
                in_word = spaces >> 56 == 0;
                at += 8;
                continue;
            }
        }
        // Otherwise one character start (or continuation byte) at a time,
        // up to the next eight-byte boundary of the walk.
        let stop = (at + 8).min(bytes.len());
        while at < stop {
            let byte = bytes[at];
            let space = match byte {
                b' ' | b'\t'..=b'\r' => true,
                0x00..=0x7F => false,
                // A continuation byte belongs to the character before it.
                0x80..=0xBF => {
                    at += 1;
                    continue;
                }
                0xC2 | 0xE1 | 0xE2 | 0xE3 => is_white_space_at(bytes, at),
                _ => false,
            };
            if !space && !in_word {
                count += 1;
                if count >= cap {
                    return cap;
                }
            }
            in_word = !space;
            at += 1;
        }
        // The walk goes on at a character start (the eight-byte test above
        // reads a byte after a space as one).
        while bytes.get(at).is_some_and(|&byte| (byte as i8) < -0x40) {
            at += 1;
        }
    }
    count
}

/// Whether one of the eight bytes of `word` is a control character (below
/// 0x20) or may start a non-ASCII space (C2, E0–E3).
#[inline(always)]
fn has_special_byte(word: u64) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    let below_space = word.wrapping_sub(0x2020_2020_2020_2020) & !word;
    let c2 = word ^ 0xC2C2_C2C2_C2C2_C2C2;
    let e0_to_e3 = (word & 0xFCFC_FCFC_FCFC_FCFC) ^ 0xE0E0_E0E0_E0E0_E0E0;
    let found =
        below_space | (c2.wrapping_sub(ONES) & !c2) | (e0_to_e3.wrapping_sub(ONES) & !e0_to_e3);
    found & HIGH_BITS != 0
}

/// The number of bytes of `mask` with their high bit set (`mask` holds no
/// other bit).
#[inline(always)]
fn high_bits_set(mask: u64) -> usize {
    ((mask >> 7).wrapping_mul(0x0101_0101_0101_0101) >> 56) as usize
}

/// The high bit of every byte.
const HIGH_BITS: u64 = 0x8080_8080_8080_8080;

/// The high bit of each byte of `word` that is zero, and no other bit.
#[inline]
fn zero_bytes(word: u64) -> u64 {
    !((((word & !HIGH_BITS) + !HIGH_BITS) | word) | !HIGH_BITS)
}

/// Whether the multi-byte character starting at `at` is white space
/// (U+0085, U+00A0, U+1680, U+2000–U+200A, U+2028, U+2029, U+202F, U+205F,
/// U+3000: every non-ASCII `char::is_whitespace`).
#[inline]
fn is_white_space_at(bytes: &[u8], at: usize) -> bool {
    let next = |offset: usize| bytes.get(at + offset).copied().unwrap_or(0);
    match bytes[at] {
        0xC2 => matches!(next(1), 0x85 | 0xA0),
        0xE1 => next(1) == 0x9A && next(2) == 0x80,
        0xE2 => match next(1) {
            0x80 => matches!(next(2), 0x80..=0x8A | 0xA8 | 0xA9 | 0xAF),
            0x81 => next(2) == 0x9F,
            _ => false,
        },
        0xE3 => next(1) == 0x80 && next(2) == 0x80,
        _ => false,
    }
}

/// `char::is_whitespace`, with fast paths for ASCII and the Arabic block.
#[inline]
pub fn is_white_space(character: char) -> bool {
    match character as u32 {
        0..0x80 => matches!(character, ' ' | '\t'..='\r'),
        0x0600..0x0700 => false,
        _ => character.is_whitespace(),
    }
}

/// The value of a folded ASCII digit string, when it is one and fits.
pub fn number_value(folded: &str) -> Option<u32> {
    if folded.is_empty() || folded.len() > 9 || !folded.bytes().all(|byte| byte.is_ascii_digit()) {
        return None;
    }
    folded.parse().ok()
}

/// Whether a character is a letter of a word (Arabic or Latin or other
/// alphabetic), as opposed to punctuation, digits or space.
#[inline]
pub fn is_word_char(character: char) -> bool {
    let code = character as u32;
    if code < 0x80 {
        return character.is_ascii_alphabetic();
    }
    if (0x0600..0x0700).contains(&code) {
        let table = &*ARABIC_WORD_CHARS;
        return table[(code - 0x0600) as usize];
    }
    character.is_alphabetic() || is_ignorable(character)
}

/// `char::is_alphanumeric` with fast paths for ASCII and the Arabic block.
pub fn is_alphanumeric(character: char) -> bool {
    let code = character as u32;
    if code < 0x80 {
        return character.is_ascii_alphanumeric();
    }
    if (0x0600..0x0700).contains(&code) {
        let table = &*ARABIC_ALPHANUMERIC;
        return table[(code - 0x0600) as usize];
    }
    character.is_alphanumeric()
}

/// `char::is_alphanumeric` for the Arabic block U+0600–U+06FF.
static ARABIC_ALPHANUMERIC: std::sync::LazyLock<[bool; 256]> = std::sync::LazyLock::new(|| {
    let mut table = [false; 256];
    for (offset, slot) in table.iter_mut().enumerate() {
        *slot = char::from_u32(0x0600 + offset as u32).is_some_and(char::is_alphanumeric);
    }
    table
});

/// `is_word_char` for the Arabic block U+0600–U+06FF, computed once from
/// the general rule (the slow Unicode lookup is the tokenizer's hot spot).
static ARABIC_WORD_CHARS: std::sync::LazyLock<[bool; 256]> = std::sync::LazyLock::new(|| {
    let mut table = [false; 256];
    for (offset, slot) in table.iter_mut().enumerate() {
        *slot = char::from_u32(0x0600 + offset as u32)
            .is_some_and(|character| character.is_alphabetic() || is_ignorable(character));
    }
    table
});

/// Whether a character is a decimal digit in any of the scripts we read.
#[inline]
pub fn is_digit_char(character: char) -> bool {
    character.is_ascii_digit()
        || matches!(character, '\u{0660}'..='\u{0669}' | '\u{06F0}'..='\u{06F9}')
}

#[cfg(test)]
#[path = "normalize_tests.rs"]
mod tests;
