//! Relative date expressions: امس, اليوم, weekdays, العام الماضي/المقبل and
//! نهاية العام. They are resolved only against the anchor date the parser was
//! given and never without one.

use super::Core;
use super::Parser;
use crate::extract::calendar::{direction_offset, resolve_weekday};
use crate::extract::lexicon::{DAY_PERIOD_WORDS, HIJRI_MONTHS, WEEKDAYS, direction_of};
use crate::extract::tokens::{has_clitic_form, lookup_with_clitics, matches_any};
use jiff::ToSpan;

impl Parser<'_> {
    /// Whether the word after اليوم makes it a named day (اليوم الوطني,
    /// اليوم التالي) rather than "today"; a weekday (اليوم الأحد) does not.
    fn names_a_day(&self, index: usize) -> bool {
        self.word(index)
            .is_some_and(|next| next.starts_with("ال") && self.weekday_at(index).is_none())
    }

    /// هذا العام, هذه السنة, هذا الشهر: the current period.
    pub(super) fn after_this(&self, index: usize) -> bool {
        index
            .checked_sub(1)
            .and_then(|previous| self.word(previous))
            .is_some_and(|previous| matches!(previous, "هذا" | "هذه" | "وهذا" | "وهذه"))
    }

    pub(super) fn year_word_core(&self, index: usize, has_cue: bool) -> Option<Core> {
        if let Some(year) = self.year_number_after_year_word(index + 1) {
            return Some(Core {
                year,
                month: 0,
                day: 0,
                end: index + 2,
                ..Core::default()
            });
        }
        let word = self.word(index)?;
        // بالعام السابق, في العام التالي, العام نفسه: counted from the last
        // year the text named (`من العام نفسه` after a month belongs to it).
        let of_a_month = index
            .checked_sub(1)
            .is_some_and(|previous| self.word(previous) == Some("من"));
        if !of_a_month
            && let Some(last) = self.last_year
            && let Some(delta) = self
                .word(index + 1)
                .and_then(super::context::anchored_year_offset)
        {
            return Some(Core {
                year: last + delta,
                month: 0,
                day: 0,
                end: index + 2,
                ..Core::default()
            });
        }
        let direction = self.word(index + 1).and_then(direction_of);
        let (offset, mut end) = match direction {
            Some(direction) => (direction_offset(direction), index + 2),
            // نهاية العام: the current year, only with a part or relation cue.
            None if (has_cue || self.after_this(index))
                && (has_clitic_form(word, "العام") || has_clitic_form(word, "السنه")) =>
            {
                (0, index + 1)
            }
            None => return None,
        };
        // العام المقبل 2025: the written year wins.
        if let Some(year) = self.year_number(end) {
            return Some(Core {
                year,
                month: 0,
                day: 0,
                end: end + 1,
                ..Core::default()
            });
        }
        let year = self.anchor?.year() + offset;
        if direction.is_none()
            && self.punct(end).is_none()
            && self.word(end).is_some_and(|next| next.starts_with("ال"))
        {
            // العام الدراسي, العام المالي: a named year we cannot place.
            return None;
        }
        end = end.min(self.tokens.len());
        Some(Core {
            year,
            month: 0,
            day: 0,
            end,
            ..Core::default()
        })
    }

    /// امس, أمس الأول, اليوم, غدا, بعد غد, weekdays.
    pub(super) fn relative_day_core(&self, index: usize) -> Option<Core> {
        let word = self.word(index)?;
        let mut at = index;
        if DAY_PERIOD_WORDS.matches(word) {
            at += 1;
        }
        let word = self.word(at)?;
        let anchor = self.anchor?;
        let mut bare_weekday = None;
        let (date, end) = if word == "اول"
            && self
                .word(at + 1)
                .is_some_and(|next| has_clitic_form(next, "امس"))
        {
            (anchor.checked_sub(2.days()).ok()?, at + 2)
        } else if has_clitic_form(word, "امس") {
            if self.word(at + 1) == Some("الاول") {
                (anchor.checked_sub(2.days()).ok()?, at + 2)
            } else {
                let skip_weekday = self.weekday_at(at + 1).is_some();
                (
                    anchor.checked_sub(1.days()).ok()?,
                    if skip_weekday { at + 2 } else { at + 1 },
                )
            }
        } else if has_clitic_form(word, "اليوم")
            && !self.names_a_day(at + 1)
            && !self
                .word(at + 1)
                .is_some_and(|next| matches_any(next, &["التالي", "السابق"]))
        {
            // اليوم الجمعة, اليوم (الجمعة): the day it names, which is the
            // publication day unless the words were said before it.
            let named_at = if self.punct(at + 1) == Some('(') {
                at + 2
            } else {
                at + 1
            };
            match self.weekday_at(named_at) {
                Some(weekday) => {
                    let end = if named_at > at + 1 && self.punct(named_at + 1) == Some(')') {
                        named_at + 2
                    } else {
                        named_at + 1
                    };
                    (resolve_weekday(anchor, weekday, None)?, end)
                }
                None => (anchor, at + 1),
            }
        } else if has_clitic_form(word, "غدا")
            || (word == "غد" && at > index)
            || (has_clitic_form(word, "بعد") && self.word(at + 1) == Some("غد"))
        {
            // غدا, يوم غد, بعد غد; a weekday after it is the same day.
            let (days, after) = if self.word(at + 1) == Some("غد") {
                (2, at + 2)
            } else {
                (1, at + 1)
            };
            let end = if self.weekday_at(after).is_some() {
                after + 1
            } else {
                after
            };
            (anchor.checked_add(days.days()).ok()?, end)
        } else {
            let weekday = self.weekday_at(at)?;
            // A weekday followed by a written date: the date speaks, and
            // its span starts at the weekday (في موعد أقصاه الثلاثاء 29 مايو).
            if self.number(at + 1).is_some() || self.ordinal_day(at + 1).is_some() {
                if let Some(core) = self.core_at(at + 1, false).filter(|core| core.day != 0) {
                    return Some(core);
                }
                // الأحد 5 رجب 1445 هـ الموافق …: the Gregorian date follows.
                if self.word_in(at + 2, &HIJRI_MONTHS) {
                    return None;
                }
            }
            // يومي الأربعاء والخميس: a span of two days takes its first.
            // ليل الثلاثاء-الأربعاء: the night's first day. الخميس أو
            // الجمعة: one of two days, owed as the first.
            let mut next = at + 1;
            if self.word(next).is_some_and(|word| word.starts_with('و'))
                && self.weekday_at(next).is_some()
            {
                next += 1;
            } else if (self.word(next) == Some("او") || matches!(self.punct(next), Some('-' | '/')))
                && self.weekday_at(next + 1).is_some()
            {
                next += 2;
            } else if self.word(next) == Some("او")
                && self.word_in(next + 1, &DAY_PERIOD_WORDS)
                && self.weekday_at(next + 2).is_some()
            {
                // مساء الخميس أو صباح الجمعة.
                next += 3;
            }
            let direction = self.word(next).and_then(direction_of);
            let date = resolve_weekday(anchor, weekday, direction)?;
            if direction.is_none() {
                bare_weekday = Some(weekday);
            }
            (date, if direction.is_some() { next + 1 } else { next })
        };
        Some(Core {
            year: date.year(),
            month: date.month() as u8,
            day: date.day() as u8,
            end,
            weekday: bare_weekday,
            ..Core::default()
        })
    }

    fn weekday_at(&self, index: usize) -> Option<i8> {
        let word = self.word(index)?;
        lookup_with_clitics(word, |form| {
            WEEKDAYS
                .iter()
                .find(|(name, _)| *name == form)
                .map(|(_, offset)| *offset)
        })
    }
}
