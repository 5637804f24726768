//! Hashed sets of folded words, built once, with the clitic-prefixed forms
//! of every entry expanded up front so that a membership test is a single
//! hash lookup. Holds no text of its own: the word lists live in `cues` and
//! `lexicon`.

use super::tokens::long_enough;
use rustc_hash::FxBuildHasher;
use std::collections::HashSet;
use std::sync::OnceLock;

/// A hashed set of folded words.
#[derive(Debug, Default)]
pub struct WordSet(HashSet<Box<str>, FxBuildHasher>);

/// The proclitic sequences whose removal leaves a clitic form (see
/// `clitic_forms`): a conjunction, a preposition, or both.
const CLITIC_PREFIXES: [&str; 11] = ["و", "ف", "ب", "ل", "ك", "وب", "ول", "وك", "فب", "فل", "فك"];

impl WordSet {
    /// Exactly these words.
    pub fn exact<'a>(entries: impl IntoIterator<Item = &'a str>) -> Self {
        let mut set = Self::default();
        for entry in entries {
            set.0.insert(entry.into());
        }
        set
    }

    /// Every word that has one of `entries` among its clitic forms, so that
    /// `contains(word)` is `matches_any(word, entries)`.
    pub fn clitic<'a>(entries: impl IntoIterator<Item = &'a str>) -> Self {
        let mut set = Self::default();
        for entry in entries {
            set.0.insert(entry.into());
            if long_enough(entry) {
                for prefix in CLITIC_PREFIXES {
                    set.0.insert(format!("{prefix}{entry}").into());
                }
            }
            if let Some(tail) = entry.strip_prefix("ال") {
                for head in ["لل", "ولل", "فلل"] {
                    set.0.insert(format!("{head}{tail}").into());
                }
            }
        }
        set
    }

    /// The words and the words with و or ف before them.
    pub fn with_conjunctions<'a>(entries: impl IntoIterator<Item = &'a str>) -> Self {
        let mut set = Self::default();
        for entry in entries {
            set.0.insert(entry.into());
            set.0.insert(format!("و{entry}").into());
            set.0.insert(format!("ف{entry}").into());
        }
        set
    }

    pub fn extend(mut self, other: Self) -> Self {
        self.0.extend(other.0);
        self
    }

    #[inline]
    pub fn contains(&self, word: &str) -> bool {
        self.0.contains(word)
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
    pub fn contains(&self, word: &str) -> bool {
        self.exact
            .get_or_init(|| WordSet::exact(self.words.iter().copied()))
            .contains(word)
    }

    /// `matches_any(word, words)`: the word or a clitic form is listed.
    pub fn matches(&self, word: &str) -> bool {
        self.clitic
            .get_or_init(|| WordSet::clitic(self.words.iter().copied()))
            .contains(word)
    }

    /// The word is listed, alone or after و or ف.
    pub fn with_conjunction(&self, word: &str) -> bool {
        self.conjunctions
            .get_or_init(|| WordSet::with_conjunctions(self.words.iter().copied()))
            .contains(word)
    }

    /// `with_conjunction(word) || matches(word)`.
    pub fn any_form(&self, word: &str) -> bool {
        self.any_form
            .get_or_init(|| {
                WordSet::clitic(self.words.iter().copied())
                    .extend(WordSet::with_conjunctions(self.words.iter().copied()))
            })
            .contains(word)
    }
}
