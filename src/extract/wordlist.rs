//! Hashed sets of folded words, built once, with the clitic-prefixed forms
//! of every entry expanded up front so that a membership test is a single
//! hash lookup. Holds no text of its own: the word lists live in `cues` and
//! `lexicon`.

use super::tokens::long_enough;
use rustc_hash::FxBuildHasher;
use std::collections::HashSet;
use std::sync::OnceLock;

/// A hashed set of folded words, with a bit filter in front of it: most
/// words looked up are in no list, and most of those are turned away by one
/// bit read from their length and last four bytes, without hashing them.
#[derive(Debug)]
pub struct WordSet {
    words: HashSet<Box<str>, FxBuildHasher>,
    /// `FILTER_BITS` bits: bit `filter_bit(word)` is set for every word
    /// (a fixed-size array: the bit index needs no bounds check).
    filter: Box<[u64; FILTER_WORDS]>,
}

/// log2 of the filter size in bits (2 KiB per set).
const FILTER_SHIFT: u32 = 14;
const FILTER_BITS: usize = 1 << FILTER_SHIFT;
/// The filter in 64-bit words.
const FILTER_WORDS: usize = FILTER_BITS / 64;

/// The filter bit of a word: its length and last four bytes, mixed.
#[inline]
fn filter_bit(word: &str) -> usize {
    let bytes = word.as_bytes();
    // The last four bytes (fewer, zero-padded, for a shorter word), read
    // as a fixed-size array: a variable-length copy here was a memcpy call.
    let tail = match bytes.get(bytes.len().wrapping_sub(4)..) {
        Some(&[a, b, c, d]) => [a, b, c, d],
        _ => {
            let mut tail = [0u8; 4];
            for (slot, &byte) in tail.iter_mut().zip(bytes) {
                *slot = byte;
            }
            tail
        }
    };
    let key = u64::from(u32::from_le_bytes(tail)) | ((bytes.len() as u64) << 32);
    (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - FILTER_SHIFT)) as usize
}

impl Default for WordSet {
    fn default() -> Self {
        Self {
            words: HashSet::default(),
            filter: Box::new([0; FILTER_WORDS]),
        }
    }
}

/// The proclitic sequences whose removal leaves a clitic form (see
/// `clitic_forms`): a conjunction, a preposition, or both.
const CLITIC_PREFIXES: [&str; 11] = ["و", "ف", "ب", "ل", "ك", "وب", "ول", "وك", "فب", "فل", "فك"];

/// `head` followed by `tail`, in one allocation of the exact size (no
/// formatting machinery).
fn joined(head: &str, tail: &str) -> Box<str> {
    let mut word = String::with_capacity(head.len() + tail.len());
    word.push_str(head);
    word.push_str(tail);
    word.into_boxed_str()
}

impl WordSet {
    /// Exactly these words.
    pub fn exact<'a>(entries: impl IntoIterator<Item = &'a str>) -> Self {
        let mut set = Self::default();
        for entry in entries {
            set.insert(entry.into());
        }
        set
    }

    fn insert(&mut self, word: Box<str>) {
        let bit = filter_bit(&word);
        self.filter[bit / 64] |= 1 << (bit % 64);
        self.words.insert(word);
    }

    /// Every word that has one of `entries` among its clitic forms, so that
    /// `contains(word)` is `matches_any(word, entries)`.
    pub fn clitic<'a>(entries: impl IntoIterator<Item = &'a str>) -> Self {
        let mut set = Self::default();
        for entry in entries {
            set.insert(entry.into());
            if long_enough(entry) {
                for prefix in CLITIC_PREFIXES {
                    set.insert(joined(prefix, entry));
                }
            }
            if let Some(tail) = entry.strip_prefix("ال") {
                for head in ["لل", "ولل", "فلل"] {
                    set.insert(joined(head, tail));
                }
            }
        }
        set
    }

    /// The words and the words with و or ف before them.
    pub fn with_conjunctions<'a>(entries: impl IntoIterator<Item = &'a str>) -> Self {
        let mut set = Self::default();
        for entry in entries {
            set.insert(entry.into());
            set.insert(joined("و", entry));
            set.insert(joined("ف", entry));
        }
        set
    }

    pub fn extend(mut self, other: Self) -> Self {
        for (mine, theirs) in self.filter.iter_mut().zip(other.filter.iter()) {
            *mine |= theirs;
        }
        self.words.extend(other.words);
        self
    }

    #[inline]
    pub fn contains(&self, word: &str) -> bool {
        // `filter_bit` is below FILTER_BITS, so the word index is in range.
        let bit = filter_bit(word) % FILTER_BITS;
        let filtered = self.filter[bit / 64] & (1 << (bit % 64)) != 0;
        filtered && self.words.contains(word)
    }
}

/// A static word list with hashed lookups built on first use.
pub struct WordList {
    pub words: &'static [&'static str],
    exact: OnceLock<WordSet>,
    clitic: OnceLock<WordSet>,
    conjunctions: OnceLock<WordSet>,
    any_form: OnceLock<WordSet>,
}

impl WordList {
    pub const fn new(words: &'static [&'static str]) -> Self {
        Self {
            words,
            exact: OnceLock::new(),
            clitic: OnceLock::new(),
            conjunctions: OnceLock::new(),
            any_form: OnceLock::new(),
        }
    }

    /// The word itself is in the list.
    #[inline]
    pub fn contains(&self, word: &str) -> bool {
        self.exact
            .get_or_init(|| WordSet::exact(self.words.iter().copied()))
            .contains(word)
    }

    /// `matches_any(word, words)`: the word or a clitic form is listed.
    #[inline]
    pub fn matches(&self, word: &str) -> bool {
        self.clitic
            .get_or_init(|| WordSet::clitic(self.words.iter().copied()))
            .contains(word)
    }

    /// The word is listed, alone or after و or ف.
    #[inline]
    pub fn with_conjunction(&self, word: &str) -> bool {
        self.conjunctions
            .get_or_init(|| WordSet::with_conjunctions(self.words.iter().copied()))
            .contains(word)
    }

    /// `with_conjunction(word) || matches(word)`.
    #[inline]
    pub fn any_form(&self, word: &str) -> bool {
        self.any_form
            .get_or_init(|| {
                WordSet::clitic(self.words.iter().copied())
                    .extend(WordSet::with_conjunctions(self.words.iter().copied()))
            })
            .contains(word)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The filter bit reads the last four bytes, zero-padded when the word
    /// is shorter, and the length.
    #[test]
    fn filter_bits_mix_the_last_four_bytes_and_the_length() {
        let reference = |word: &str| {
            let bytes = word.as_bytes();
            let mut tail = [0u8; 4];
            let kept = bytes.len().min(4);
            tail[..kept].copy_from_slice(&bytes[bytes.len() - kept..]);
            let key = u64::from(u32::from_le_bytes(tail)) | ((bytes.len() as u64) << 32);
            (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - FILTER_SHIFT)) as usize
        };
        for word in [
            "",
            "a",
            "ab",
            "abc",
            "abcd",
            "abcde",
            "قال",
            "و",
            "الوزاره",
            "x قال",
        ] {
            assert_eq!(filter_bit(word), reference(word), "{word:?}");
            assert!(filter_bit(word) < FILTER_BITS);
        }
        assert_ne!(filter_bit("abcd"), filter_bit("xabcd"), "the length counts");
    }

    #[test]
    fn joined_puts_the_head_before_the_tail() {
        for (head, tail, expected) in [("و", "قال", "وقال"), ("", "قال", "قال"), ("لل", "", "لل")]
        {
            let word = joined(head, tail);
            assert_eq!(&*word, expected);
            assert_eq!(word.len(), head.len() + tail.len());
        }
    }

    #[test]
    fn the_filter_never_turns_away_a_listed_word() {
        let first = ["قال", "اكد", "a", "", "ابو ظبي", "الاستراتيجيه"];
        let second = ["وزير", "x", "ab", "abcd", "abcde"];
        let set = WordSet::clitic(first).extend(WordSet::exact(second));
        for word in first.iter().chain(&second) {
            assert!(set.contains(word), "{word:?}");
        }
        for word in ["وقال", "للاستراتيجيه", "فاكد"] {
            assert!(set.contains(word), "{word:?}");
        }
        for word in ["قالت", "b", "abc", "وزيرة", "ابو", "الوزير"] {
            assert!(!set.contains(word), "{word:?}");
        }
        let expanded = ["قال", "وقال", "فقال", "بقال"];
        let conjunctions = WordSet::with_conjunctions(["قال"]);
        for word in expanded {
            assert_eq!(conjunctions.contains(word), word != "بقال", "{word:?}");
        }
    }
}
