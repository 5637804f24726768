//! Finds date expressions in a token stream and resolves them to calendar
//! values at the precision the text gives (year, year-month or full date),
//! with the part of the period (مطلع/منتصف/نهاية) and the relation cue
//! (بحلول/قبل/بعد/منذ/حتى).
//!
//! Pure calendar logic over tokens: it must not look at article structure or
//! statements, must never invent a day or month the text did not give, and
//! must resolve relative expressions only when it is given an anchor date.
//!
//! Decided where the rule book is silent: `من الشهر ذاته / نفسه` and `من
//! العام نفسه / السابق / التالي` count from the last value found before, of
//! whatever kind; a relation cue reaches the first date after it in the same
//! clause (at most 14 tokens, not across a relative pronoun, `كان`, `إن` or a
//! reporting verb, not when `أن`, `ذلك` or a duration follows it); a future marker in the clause (`سـ` + verb,
//! `سوف`, `المقرر`) puts a bare weekday on or after the publication day and a
//! year-less date ahead unless it has just gone (a past candidate counts
//! three times as far), `بحلول` puts a bare weekday ahead and so does `حتى`
//! unless that weekday was one or two days before publication; `الأسبوع المقبل`
//! is an ISO week (`2023-W41`) and `الأسبوع الماضي` no milestone; a season with
//! its year has the value of its year and the period `2024-SU` (`SP`, `FA`,
//! `WI`: TIMEX codes, since ISO-8601 has no season); a day and month with no year after
//! `ثورة` / `هجمات` / `أحداث` (`ثورة 25 يناير`) name an event, not a date;
//! `قد` + an imperfect verb (`قد تلامس`, not after `كان`) marks the future like
//! `سـ`; `الخميس أو الجمعة` owes its first day; `آب` / `ماي` (also common
//! words) are months after `مطلع`/`أواخر`… or before `الماضي`/`المقبل`;
//! `في 22 منه` (after `في` or a relation cue) is a day of the month last named;
//! `المتوقع` / `يتوقع` / `توقعت` mark the future too, and in such a clause
//! `اعتبارا من الأربعاء` is the coming one (`منذ` always looks back).

use super::calendar::{calendar_value, direction_offset, nearest_year, nearest_year_for_relation};
use super::lexicon::{
    DAY_PERIOD_WORDS, EVENT_YEAR_WORDS, MONTH_WORDS, MONTHS, PART_CUES, RELATION_CUES,
    RELATION_PHRASES, SEASON_WORDS, WEEK_WORDS, WEEKDAYS, YEAR_CONTEXT_WORDS, YEAR_WORDS,
    direction_of, part_of, relation_of, season_code,
};
use super::tokens::{
    Token, TokenKind, find_clitic_form, has_clitic_form, lookup_with_clitics, matches_any,
};
use super::wordlist::{WordList, WordSet};
use crate::proto::v1::{Part, Relation};
use jiff::ToSpan;
use jiff::civil::Date;
use std::sync::LazyLock;

/// A calendar value found in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateMention {
    /// First token of the expression (including relation and part cues).
    pub first_token: usize,
    /// One past the last token of the expression.
    pub end_token: usize,
    pub year: i16,
    /// 1-12, or 0 for a year-precision value.
    pub month: u8,
    /// 1-31, or 0 when the text gives no day.
    pub day: u8,
    pub part: Part,
    pub relation: Relation,
    /// A week or season rather than a calendar year, month or day.
    pub period: Period,
    /// How the value was placed when the text gave no year or date of its own.
    pub guess: Guess,
}

/// A precision other than the calendar's year, month and day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Period {
    #[default]
    Calendar,
    /// An ISO week, given by its Monday (`2023-W50`).
    Week(Date),
    /// A season of `year`, by its TIMEX code (`2024-SU`).
    Season(&'static str),
}

/// What the text left to the calendar: nothing, the year of a day or month,
/// or the date of a bare weekday (its Monday-zero offset).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Guess {
    #[default]
    Nothing,
    Year,
    Weekday(i8),
}

impl DateMention {
    /// ISO-8601 partial date: 2021, 2021-12 or 2021-12-09; an ISO week
    /// (2023-W41). A season has no ISO-8601 form: its value is its year, and
    /// `period_value` names the season.
    pub fn value(&self) -> String {
        if let Period::Week(_) = self.period {
            return self.period_value();
        }
        calendar_value(self.year, self.month, self.day)
    }

    /// The most precise name of the mention: its period if it has one,
    /// else its value (what table tests compare).
    #[cfg(test)]
    pub fn precise_value(&self) -> String {
        match self.period {
            Period::Calendar => self.value(),
            _ => self.period_value(),
        }
    }

    /// The week (2023-W41) or season (2024-SU, TIMEX codes) the mention
    /// names; empty for a calendar year, month or day.
    pub fn period_value(&self) -> String {
        match self.period {
            Period::Week(monday) => {
                let week = monday.iso_week_date();
                format!("{:04}-W{:02}", week.year(), week.week())
            }
            Period::Season(code) => format!("{:04}-{code}", self.year),
            Period::Calendar => String::new(),
        }
    }
}

/// Every word at which a date expression can start: a word with a clitic
/// form that is a relation, part, period, month, weekday or relative-day
/// word (see `Parser::parse_at`). Any other word starts none.
static START_WORDS: LazyLock<WordSet> = LazyLock::new(|| {
    let mut words: Vec<&str> = Vec::new();
    words.extend(
        RELATION_PHRASES
            .iter()
            .filter_map(|(phrase, _)| phrase.first().copied()),
    );
    words.extend(RELATION_CUES.iter().map(|(word, _)| *word));
    words.extend(PART_CUES.iter().map(|(word, _)| *word));
    words.extend(numeric::ORDINALS.iter().map(|(word, _)| *word));
    words.extend(MONTHS.iter().map(|(first, _, _)| *first));
    words.extend(WEEKDAYS.iter().map(|(name, _)| *name));
    for list in [&MONTH_WORDS, &YEAR_WORDS, &SEASON_WORDS, &DAY_PERIOD_WORDS] {
        words.extend(list.words.iter().copied());
    }
    for list in [&WEEK_WORDS, &EVENT_YEAR_WORDS] {
        words.extend(list.words.iter().copied());
    }
    words.extend(["في", "لعام", "العام", "السنه", "اول", "امس", "اليوم", "غدا"]);
    WordSet::clitic(words)
});

/// The core value before relation and part cues are attached.
#[derive(Debug, Clone, Copy, Default)]
struct Core {
    year: i16,
    month: u8,
    day: u8,
    /// Token index one past the core.
    end: usize,
    period: Period,
    /// A bare weekday resolved to the most recent one (Monday-zero offset).
    weekday: Option<i8>,
}

impl Core {
    /// A whole month of a year, ending at token `end`.
    fn month(year: i16, month: u8, end: usize) -> Self {
        Core {
            year,
            month,
            end,
            ..Core::default()
        }
    }
}

/// The words of `اعتبارا من`, `ابتداء من`, `بدءا من` (folded), which open a
/// period from a date on.
const STARTS_FROM: &[&str] = &["اعتبارا", "ابتداء", "ابتداءا", "بدءا", "بدء"];

/// Finds all date expressions; `anchor` is the date relative expressions
/// are resolved against (None: relative expressions are skipped).
pub fn find_dates(tokens: &[Token], anchor: Option<Date>) -> Vec<DateMention> {
    let mut parser = Parser {
        tokens,
        anchor,
        last_year: None,
        last_month: None,
    };
    let mut found: Vec<DateMention> = Vec::new();
    let mut index = 0;
    while index < tokens.len() {
        // A punctuation mark starts no expression (`core_at` finds none at
        // it) and a word starts one only if it is a start word.
        let token = &tokens[index];
        let cannot_start = match token.kind {
            TokenKind::Word if token.folded.as_str() == "في" => {
                bare_fi_starts_nothing(tokens, index)
            }
            TokenKind::Word => !START_WORDS.contains(&token.folded),
            TokenKind::Punct => true,
            TokenKind::Number => false,
        };
        if cannot_start {
            index += 1;
            continue;
        }
        match parser.parse_at(index) {
            Some(mut mention) => {
                let previous_end = found.last().map_or(0, |previous| previous.end_token);
                context::start_ranges_at_their_first_day(tokens, &mut mention);
                context::settle(tokens, anchor, previous_end, &mut mention);
                if let Some(previous) = found.last() {
                    ranges::share_the_start_year(tokens, previous, &mut mention);
                }
                index = mention.end_token.max(index + 1);
                if context::names_an_event(tokens, &mention) {
                    continue;
                }
                if mention.period == Period::Calendar {
                    parser.last_year = Some(mention.year);
                    if mention.month != 0 {
                        parser.last_month = Some((mention.year, mention.month));
                    }
                }
                found.push(mention);
            }
            None => index += 1,
        }
    }
    found
}

/// The first words of `RELATION_PHRASES` with every proclitic form, so
/// that `contains(word)` is `has_clitic_form(word, first)` for some phrase.
static RELATION_PHRASE_FIRSTS: LazyLock<WordSet> = LazyLock::new(|| {
    WordSet::clitic(
        RELATION_PHRASES
            .iter()
            .filter_map(|(phrase, _)| phrase.first().copied()),
    )
});

struct Parser<'a> {
    tokens: &'a [Token<'a>],
    anchor: Option<Date>,
    /// The year of the last value found before (`من العام نفسه`).
    last_year: Option<i16>,
    /// The year and month of the last value with a month (`من الشهر ذاته`).
    last_month: Option<(i16, u8)>,
}

impl Parser<'_> {
    fn word(&self, index: usize) -> Option<&str> {
        self.tokens
            .get(index)
            .filter(|token| token.kind == TokenKind::Word)
            .map(|token| token.folded.as_ref())
    }

    fn number(&self, index: usize) -> Option<u32> {
        self.tokens.get(index).and_then(Token::number)
    }

    fn punct(&self, index: usize) -> Option<char> {
        self.tokens.get(index).and_then(Token::punct)
    }

    fn word_in(&self, index: usize, list: &WordList) -> bool {
        self.word(index).is_some_and(|word| list.matches(word))
    }

    fn parse_at(&self, start: usize) -> Option<DateMention> {
        let (relation, after_relation) = self.relation_at(start);
        let (part, after_part) = self.part_at(after_relation);
        let mut core = self.core_at(
            after_part,
            part != Part::Unspecified || relation != Relation::Unspecified,
        )?;
        let year_guessed = core.month != 0
            && core.period == Period::Calendar
            && self.year_was_guessed(after_part, core.end);
        if year_guessed && let Some(anchor) = self.anchor {
            // `اعتبارا من` / `بدءا من` start something, mostly ahead: the
            // plainly nearest year, like a deadline; `منذ` looks back.
            let starts_from = relation == Relation::Since
                && self
                    .word(start)
                    .is_some_and(|word| STARTS_FROM.contains(&word));
            let resolving = if starts_from { Relation::By } else { relation };
            core.year = nearest_year_for_relation(anchor, core.month, core.day, resolving)
                .unwrap_or(core.year);
        }
        Some(DateMention {
            first_token: start,
            end_token: core.end,
            year: core.year,
            month: core.month,
            day: core.day,
            part,
            relation,
            period: core.period,
            guess: match core.weekday {
                Some(weekday) => Guess::Weekday(weekday),
                None if year_guessed => Guess::Year,
                None => Guess::Nothing,
            },
        })
    }

    /// Whether the core in tokens [from, to) gave no year of its own: no
    /// year number, year word or period modifier (الماضي, المقبل) in it.
    fn year_was_guessed(&self, from: usize, to: usize) -> bool {
        (from..to).all(|index| {
            self.year_number(index).is_none()
                && !self.word_in(index, &YEAR_WORDS)
                && !self.word_in(index, &MONTH_WORDS)
                && self.word(index).and_then(direction_of).is_none()
        }) && (from..to).any(|index| self.month_at(index).is_some())
            && (from..to)
                .find_map(|index| self.month_at(index))
                .is_none_or(|(month, _)| self.year_from_range_end(month, to).is_none())
    }

    fn relation_at(&self, index: usize) -> (Relation, usize) {
        // بعد غد is a day (the day after tomorrow), not AFTER tomorrow; بعد
        // ظهر / قبل ظهر الثلاثاء is Tuesday afternoon / morning.
        match self.word(index + 1) {
            Some("غد") => return (Relation::Unspecified, index),
            Some("ظهر" | "الظهر")
                if self
                    .word(index)
                    .is_some_and(|word| matches_any(word, &["بعد", "قبل"])) =>
            {
                return (Relation::Unspecified, index + 1);
            }
            _ => {}
        }
        // No phrase can match unless its first word is a clitic form of
        // this one: one hashed lookup turns most words away.
        let phrase_first = self
            .word(index)
            .is_some_and(|word| RELATION_PHRASE_FIRSTS.contains(word));
        for (phrase, relation) in RELATION_PHRASES.iter().filter(|_| phrase_first) {
            let matched = phrase.iter().enumerate().all(|(offset, expected)| {
                self.word(index + offset).is_some_and(|word| {
                    if offset == 0 {
                        has_clitic_form(word, expected)
                    } else {
                        word == *expected
                    }
                })
            });
            if matched {
                return (*relation, index + phrase.len());
            }
        }
        match self
            .word(index)
            .filter(|word| RELATION_CUE_FORMS.contains(word))
            .and_then(|word| lookup_with_clitics(word, relation_of))
        {
            Some(relation) => (relation, index + 1),
            None => (Relation::Unspecified, index),
        }
    }

    fn part_at(&self, index: usize) -> (Part, usize) {
        let mut at = index;
        if self.word(at) == Some("في") {
            at += 1;
        }
        // أول أمس is the day before yesterday, not the start of yesterday.
        if self
            .word(at + 1)
            .is_some_and(|next| next.ends_with("امس") && has_clitic_form(next, "امس"))
        {
            return (Part::Unspecified, index);
        }
        match self
            .word(at)
            .filter(|word| PART_CUE_FORMS.contains(word))
            .and_then(|word| lookup_with_clitics(word, part_of))
        {
            Some(part) => {
                let mut after = at + 1;
                if self.word(after) == Some("من") || self.word(after) == Some("شهر") {
                    after += 1;
                }
                (part, after)
            }
            None => (Part::Unspecified, index),
        }
    }

    fn core_at(&self, index: usize, has_cue: bool) -> Option<Core> {
        let token = self.tokens.get(index)?;
        match token.kind {
            TokenKind::Number => self.numeric_core(index, has_cue),
            TokenKind::Word => self.word_core(index, has_cue),
            TokenKind::Punct => None,
        }
    }

    fn word_core(&self, index: usize, has_cue: bool) -> Option<Core> {
        let word = self.word(index)?;
        if let Some((day, mut after)) = self.ordinal_day(index) {
            // يومي الخامس والسادس من مارس: a span takes its first day.
            if self.word(after).is_some_and(|next| next.starts_with('و'))
                && let Some((second, after_second)) = self.ordinal_day(after)
                && second > day
            {
                after = after_second;
            }
            let linked = self.word(after) == Some("من");
            if linked {
                after += 1;
            }
            if let Some((month, end)) = self.month_expression(after, true) {
                return self.day_month(day, month, end);
            }
            // العاشر من الشهر الجاري, not الساعات الأربع والعشرين الماضية.
            if linked || self.word_in(after, &MONTH_WORDS) {
                return self.day_of_named_month(day, after);
            }
            return self.day_of_last_month(day, index, after);
        }
        if let Some((month, end)) = self.month_expression(index, false) {
            if let Some((year, after)) = self.year_after(end) {
                return Some(Core::month(year, month, after));
            }
            if let Some(year) = self.year_from_range_end(month, end) {
                return Some(Core::month(year, month, end));
            }
            let direction = self.word(end).and_then(direction_of);
            // A bare month name needs a date-like context: في يونيو, شهر
            // نيسان, أبريل الماضي (not a brand or a name: سيارة نيسان).
            let in_context = direction.is_some()
                || has_cue
                || self.word_in(index, &MONTH_WORDS)
                || index
                    .checked_sub(1)
                    .is_some_and(|previous| self.word_in(previous, &YEAR_CONTEXT_WORDS));
            if !in_context {
                return None;
            }
            let year = nearest_year(self.anchor?, month, 0, direction)?;
            let end = if direction.is_some() { end + 1 } else { end };
            return Some(Core::month(year, month, end));
        }
        if YEAR_WORDS.matches(word) || has_clitic_form(word, "لعام") {
            return self.year_word_core(index, has_cue);
        }
        if MONTH_WORDS.matches(word) {
            let direction = self.word(index + 1).and_then(direction_of);
            let anchor = self.anchor?;
            let (offset, end) = match direction {
                Some(direction) => (direction_offset(direction), index + 2),
                None if (has_cue || self.after_this(index)) && word.ends_with("الشهر") => {
                    (0, index + 1)
                }
                None => return None,
            };
            let month_start = anchor.first_of_month().checked_add(offset.months()).ok()?;
            return Some(Core::month(
                month_start.year(),
                month_start.month() as u8,
                end,
            ));
        }
        if WEEK_WORDS.matches(word) {
            return self.week_core(index);
        }
        if SEASON_WORDS.matches(word) {
            return self.season_core(index, find_clitic_form(word, season_code));
        }
        self.relative_day_core(index)
    }
}

mod context;
pub use context::is_page_date;
mod prechecks;
use prechecks::{PART_CUE_FORMS, RELATION_CUE_FORMS, bare_fi_starts_nothing};
mod months;
mod numeric;
mod periods;
mod ranges;
mod relative;

#[cfg(test)]
#[path = "dates_tests.rs"]
mod tests;

#[cfg(test)]
#[path = "dates/rules_tests.rs"]
mod rules_tests;

#[cfg(test)]
#[path = "dates/clause_tests.rs"]
mod clause_tests;
