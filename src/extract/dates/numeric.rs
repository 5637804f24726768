//! Date expressions that start with a number or an ordinal: 9 ديسمبر 2021,
//! 15-16 نيسان, 31 الجاري, 9/12/2021, الرابع من تموز, a bare year after a
//! date context (في 2014). Counts of things (2500 جندي) are never years.

use super::{Core, Parser};
use crate::extract::calendar::nearest_year;
use crate::extract::lexicon::{
    EVENT_YEAR_WORDS, QUANTITY_WORDS, SEASON_WORDS, YEAR_CONTEXT_WORDS, direction_of,
};
use crate::extract::tokens::{find_clitic_form, has_clitic_form};
use jiff::civil::Date;

impl Parser<'_> {
    pub(super) fn numeric_core(&self, index: usize, has_cue: bool) -> Option<Core> {
        let first = self.number(index)?;
        if let Some(core) = self.slashed_date(index) {
            return Some(core);
        }
        if (1..=31).contains(&first)
            && self
                .tokens
                .get(index)
                .is_some_and(|token| token.end - token.start <= 2)
        {
            let mut at = index + 1;
            // Ranges take their first day: 15-16 نيسان, 3 و4 مارس.
            let is_range_joint =
                matches!(self.punct(at), Some('-' | '–' | '/')) || self.word(at) == Some("و");
            if is_range_joint
                && self
                    .number(at + 1)
                    .is_some_and(|second| (1..=31).contains(&second))
            {
                at += 2;
            }
            if self.word(at) == Some("من") {
                at += 1;
            }
            let day = u8::try_from(first).ok()?;
            if let Some((month, end)) = self.month_expression(at, true) {
                return self.day_month(day, month, end);
            }
            // 31 الجاري, 31 من الشهر الحالي, 30 من الشهر ذاته, في 22 منه.
            return self
                .day_of_named_month(day, at)
                .or_else(|| self.day_of_last_month(day, index, at));
        }
        let year = self.year_number(index)?;
        let previous = index
            .checked_sub(1)
            .and_then(|previous| self.word(previous));
        let preceded_by_context = previous.is_some_and(|word| {
            YEAR_CONTEXT_WORDS.matches(word)
                || SEASON_WORDS.matches(word)
                || EVENT_YEAR_WORDS.matches(word)
                || has_clitic_form(word, "لعام")
        });
        let quantity_before = index
            .checked_sub(1)
            .and_then(|previous| self.word(previous))
            .is_some_and(|word| QUANTITY_WORDS.matches(word));
        if (preceded_by_context || has_cue) && !quantity_before {
            return Some(Core {
                year,
                month: 0,
                day: 0,
                end: index + 1,
                ..Core::default()
            });
        }
        None
    }

    /// An ordinal day written in words: الرابع, الحادي عشر, الثاني والعشرين.
    pub(super) fn ordinal_day(&self, index: usize) -> Option<(u8, usize)> {
        let word = self.word(index)?;
        if !ORDINAL_FORMS.contains(word) {
            return None;
        }
        let unit = find_clitic_form(word, ordinal_value)?;
        match self.word(index + 1) {
            Some("عشر") if unit < 10 => Some((unit + 10, index + 2)),
            Some("والعشرين") if unit < 10 => Some((unit + 20, index + 2)),
            Some("والثلاثين") if unit == 1 => Some((31, index + 2)),
            _ if unit == 1 && word.ends_with("الحادي") => None,
            _ => Some((unit, index + 1)),
        }
    }

    /// 9/12/2021 (day first) or 2021-12-09.
    pub(super) fn slashed_date(&self, index: usize) -> Option<Core> {
        let separator = self.punct(index + 1)?;
        if !matches!(separator, '/' | '-' | '.') || self.punct(index + 3) != Some(separator) {
            return None;
        }
        let (a, b, c) = (
            self.number(index)?,
            self.number(index + 2)?,
            self.number(index + 4)?,
        );
        let (year, month, day) = if (1900..=2100).contains(&a) {
            (a, b, c)
        } else {
            (c, b, a)
        };
        if !(1900..=2100).contains(&year) {
            return None;
        }
        let date = Date::new(
            i16::try_from(year).ok()?,
            i8::try_from(month).ok()?,
            i8::try_from(day).ok()?,
        )
        .ok()?;
        Some(Core {
            year: date.year(),
            month: date.month() as u8,
            day: date.day() as u8,
            end: index + 5,
            ..Core::default()
        })
    }

    pub(super) fn day_month(&self, day: u8, month: u8, end: usize) -> Option<Core> {
        if let Some((year, after)) = self.year_after(end) {
            Date::new(year, i8::try_from(month).ok()?, i8::try_from(day).ok()?).ok()?;
            return Some(Core {
                year,
                month,
                day,
                end: after,
                ..Core::default()
            });
        }
        let direction = self.word(end).and_then(direction_of);
        let year = nearest_year(self.anchor?, month, day, direction)?;
        let end = if direction.is_some() { end + 1 } else { end };
        Some(Core {
            year,
            month,
            day,
            end,
            ..Core::default()
        })
    }
}

/// Ordinal day words (الأول … العاشر, العشرين, الثلاثين) and their values.
#[rustfmt::skip]
pub(super) const ORDINALS: &[(&str, u8)] = &[
    ("الاول", 1), ("الحادي", 1), ("الثاني", 2), ("الثالث", 3), ("الرابع", 4), ("الخامس", 5),
    ("السادس", 6), ("السابع", 7), ("الثامن", 8), ("التاسع", 9), ("العاشر", 10), ("العشرين", 20),
    ("الثلاثين", 30), ("الفاتح", 1), ("فاتح", 1),
    ("غره", 1),
];

/// Every word with an ordinal day word among its clitic forms, so that
/// `contains(word)` is `find_clitic_form(word, ordinal_value)` found one.
pub(super) static ORDINAL_FORMS: std::sync::LazyLock<crate::extract::wordlist::WordSet> =
    std::sync::LazyLock::new(|| {
        crate::extract::wordlist::WordSet::clitic(ORDINALS.iter().map(|(word, _)| *word))
    });

/// The value of an ordinal day word.
pub(super) fn ordinal_value(form: &str) -> Option<u8> {
    ORDINALS
        .iter()
        .find(|(word, _)| *word == form)
        .map(|(_, value)| *value)
}
