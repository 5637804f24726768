//! Periods named by a word rather than a calendar value: a day of a month
//! given as `الشهر الجاري` / `الشهر ذاته`, the coming week (`الأسبوع المقبل`,
//! an ISO week) and seasons (`صيف 2018`, `صيف العام المقبل`, `الربيع
//! المقبل`).
//!
//! Like the rest of the parser it reads tokens only and resolves nothing
//! without the anchor date it was given.

use super::{Core, Parser, Period};
use crate::extract::calendar::direction_offset;
use crate::extract::lexicon::{Direction, MONTH_WORDS, YEAR_WORDS, direction_of, relation_of};
use crate::extract::tokens::lookup_with_clitics;
use jiff::ToSpan;
use jiff::civil::Date;

/// Words after `الشهر` that mean the month the text last named.
const SAME_MONTH: &[&str] = &["ذاته", "نفسه"];

impl Parser<'_> {
    /// A day of a month named by a period word at `at`: `31 الجاري`,
    /// `العاشر من الشهر الحالي`, `30 من الشهر ذاته` (the month last named).
    pub(super) fn day_of_named_month(&self, day: u8, at: usize) -> Option<Core> {
        let mut probe = at;
        let named = self.word_in(probe, &MONTH_WORDS);
        if named {
            probe += 1;
        }
        let word = self.word(probe)?;
        let (year, month) = match direction_of(word) {
            Some(direction) => {
                let month_start = self
                    .anchor?
                    .first_of_month()
                    .checked_add(direction_offset(direction).months())
                    .ok()?;
                (month_start.year(), month_start.month())
            }
            None if named && SAME_MONTH.contains(&word) => {
                let (year, month) = self.last_month?;
                (year, i8::try_from(month).ok()?)
            }
            None => return None,
        };
        let date = Date::new(year, month, i8::try_from(day).ok()?).ok()?;
        Some(Core {
            year: date.year(),
            month: date.month() as u8,
            day,
            end: probe + 1,
            ..Core::default()
        })
    }

    /// `في 22 منه`, `حتى الخامس منه`: a day of the month the text last
    /// named (`منه`, "of it"). Only after `في` or a relation cue, so that a
    /// count (`باع 22 منه`, twenty-two of it) is no date.
    pub(super) fn day_of_last_month(&self, day: u8, day_index: usize, at: usize) -> Option<Core> {
        if self.word(at) != Some("منه") {
            return None;
        }
        let before = self.word(day_index.checked_sub(1)?)?;
        if before != "في" && lookup_with_clitics(before, relation_of).is_none() {
            return None;
        }
        let (year, month) = self.last_month?;
        let date = Date::new(year, i8::try_from(month).ok()?, i8::try_from(day).ok()?).ok()?;
        Some(Core {
            year: date.year(),
            month,
            day,
            end: at + 1,
            ..Core::default()
        })
    }

    /// `الأسبوع المقبل` / `القادم`: the ISO week after the anchor's.
    pub(super) fn week_core(&self, index: usize) -> Option<Core> {
        if self.word(index + 1).and_then(direction_of) != Some(Direction::Future) {
            return None;
        }
        let next_week = self.anchor?.checked_add(7.days()).ok()?;
        let back = i64::from(next_week.weekday().to_monday_zero_offset());
        let monday = next_week.checked_sub(back.days()).ok()?;
        Some(Core {
            // The ISO week's year: 30 December 2024 opens 2025-W01.
            year: monday.iso_week_date().year(),
            end: index + 2,
            period: Period::Week(monday),
            ..Core::default()
        })
    }

    /// A season with its year: `صيف 2018`, `صيف عام 2018`, `صيف العام
    /// المقبل`, or with a modifier of its own: `الربيع المقبل`, `الصيف
    /// الماضي` (the next or last such season; winter, which spans two years,
    /// only with a year).
    pub(super) fn season_core(&self, index: usize, code: Option<&'static str>) -> Option<Core> {
        let period = code.map_or(Period::Calendar, Period::Season);
        let season = |year: i16, end: usize| {
            Some(Core {
                year,
                end,
                period,
                ..Core::default()
            })
        };
        if let Some(year) = self.year_number_after_year_word(index + 1) {
            return season(year, index + 2);
        }
        if self.word_in(index + 1, &YEAR_WORDS) {
            if let Some(year) = self.year_number_after_year_word(index + 2) {
                return season(year, index + 3);
            }
            let direction = self.word(index + 2).and_then(direction_of)?;
            return season(self.anchor?.year() + direction_offset(direction), index + 3);
        }
        let direction = self.word(index + 1).and_then(direction_of)?;
        let (first_month, last_month) = match code? {
            "SP" => (3, 5),
            "SU" => (6, 8),
            "FA" => (9, 11),
            _ => return None,
        };
        let anchor = self.anchor?;
        let year = match direction {
            Direction::Current => anchor.year(),
            Direction::Future if anchor.month() < first_month => anchor.year(),
            Direction::Future => anchor.year() + 1,
            Direction::Past if anchor.month() > last_month => anchor.year(),
            Direction::Past => anchor.year() - 1,
        };
        season(year, index + 2)
    }
}
