//! Month names (one or two words, both series side by side) and the years
//! written after them: `ديسمبر/كانون الأول 2021`, `، 2021`, `من العام المقبل`,
//! `من العام نفسه`. Counts of things (`2500 جندي`) and Hijri years are never
//! calendar years.
//!
//! It reads tokens only; relative years need the parser's anchor.

use super::{Parser, context};
use crate::extract::calendar::direction_offset;
use crate::extract::lexicon::{
    AMBIGUOUS_MONTHS, COUNT_NOUNS, MONTH_WORDS, MONTHS, YEAR_WORDS, direction_of, part_of,
};
use crate::extract::tokens::{find_clitic_form, lookup_with_clitics, matches_any};
use crate::extract::wordlist::WordSet;
use std::sync::LazyLock;

/// Every word with a month's first word among its clitic forms.
static MONTH_FIRST_WORDS: LazyLock<WordSet> =
    LazyLock::new(|| WordSet::clitic(MONTHS.iter().map(|(first, _, _)| *first)));

impl Parser<'_> {
    /// Month name (one or two words) at `index`: (month, tokens used).
    pub(super) fn month_at(&self, index: usize) -> Option<(u8, usize)> {
        let word = self.word(index)?;
        if !MONTH_FIRST_WORDS.contains(word) {
            return None;
        }
        find_clitic_form(word, |form| {
            for (first, second, month) in MONTHS {
                if form != *first {
                    continue;
                }
                match second {
                    Some(second) if self.word(index + 1) == Some(second) => {
                        return Some((*month, 2));
                    }
                    Some(_) => continue,
                    None => return Some((*month, 1)),
                }
            }
            None
        })
    }

    /// A month expression with an optional second name of the other series:
    /// ديسمبر/كانون الأول, تموز يوليو, (ديسمبر) كانون الأول.
    pub(super) fn month_expression(&self, index: usize, after_number: bool) -> Option<(u8, usize)> {
        let mut at = index;
        if self.word_in(at, &MONTH_WORDS) {
            at += 1;
        }
        let (month, used) = self.month_at(at)?;
        let first_word = self.word(at).unwrap_or_default();
        let mut end = at + used;
        let mut paired = false;
        let mut probe = end;
        while matches!(self.punct(probe), Some('/' | '-' | '(' | ')' | '،' | ','))
            && probe < end + 2
        {
            probe += 1;
        }
        if let Some((_, second_used)) = self.month_at(probe) {
            end = probe + second_used;
            paired = true;
            if self.punct(end) == Some(')') {
                end += 1;
            }
        }
        let ambiguous = AMBIGUOUS_MONTHS.matches(first_word);
        if ambiguous
            && !after_number
            && !paired
            && at == index
            && self.year_number(end).is_none()
            && !self.names_a_month_around(index, end)
        {
            return None;
        }
        Some((month, end))
    }

    /// Whether the words around a month name that is also a common word
    /// (`آب` / `أب`, `ماي`) make it the month: a part of a period before it
    /// (`منذ مطلع آب`, `أواخر ماي`) or a direction after it (`آب الماضي`).
    fn names_a_month_around(&self, index: usize, end: usize) -> bool {
        let part_before = index
            .checked_sub(1)
            .and_then(|previous| self.word(previous))
            .is_some_and(|previous| lookup_with_clitics(previous, part_of).is_some());
        part_before || self.word(end).and_then(direction_of).is_some()
    }

    /// A plausible calendar year written as a number at `index`.
    pub(super) fn year_number(&self, index: usize) -> Option<i16> {
        // The number first: it turns nearly every token away.
        self.number(index)?;
        if self.word_in(index + 1, &COUNT_NOUNS) {
            return None;
        }
        self.year_number_after_year_word(index)
    }

    /// A year number right after a word that names a year or season
    /// (`صيف 2018 مليون ليلة`): a count noun after it does not count.
    pub(super) fn year_number_after_year_word(&self, index: usize) -> Option<i16> {
        let value = self.number(index)?;
        if !(1900..=2100).contains(&value)
            || self
                .tokens
                .get(index)
                .is_some_and(|token| token.end - token.start != 4)
        {
            return None;
        }
        if self
            .word(index + 1)
            .is_some_and(|next| matches_any(next, &["ه", "هجري", "هجريه", "هـ"]))
        {
            return None;
        }
        i16::try_from(value).ok()
    }

    /// A year given after a month: 2021, ، 2021, للعام الجاري, من العام المقبل.
    pub(super) fn year_after(&self, index: usize) -> Option<(i16, usize)> {
        if let Some(year) = self.year_number(index) {
            return Some((year, index + 1));
        }
        if (self.punct(index) == Some(',') || self.punct(index) == Some('،'))
            && let Some(year) = self.year_number(index + 1)
        {
            return Some((year, index + 2));
        }
        let mut at = index;
        if self.word(at) == Some("من") {
            at += 1;
        }
        // من هذا العام, هذه السنة: the publication year.
        if matches!(self.word(at), Some("هذا" | "هذه")) && self.word_in(at + 1, &YEAR_WORDS) {
            return Some((self.anchor?.year(), at + 2));
        }
        if self.word_in(at, &YEAR_WORDS) {
            if let Some(year) = self.year_number(at + 1) {
                return Some((year, at + 2));
            }
            if let Some(last) = self.last_year
                && let Some(delta) = self.word(at + 1).and_then(context::anchored_year_offset)
            {
                return Some((last + delta, at + 2));
            }
            let direction = self.word(at + 1).and_then(direction_of)?;
            let anchor = self.anchor?;
            let year = anchor.year() + direction_offset(direction);
            return Some((year, at + 2));
        }
        None
    }
}
