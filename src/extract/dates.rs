//! Finds date expressions in a token stream and resolves them to calendar
//! values at the precision the text gives (year, year-month or full date),
//! with the part of the period (مطلع/منتصف/نهاية) and the relation cue
//! (بحلول/قبل/بعد/منذ/حتى).
//!
//! Pure calendar logic over tokens: it must not look at article structure or
//! statements, must never invent a day or month the text did not give, and
//! must resolve relative expressions only when it is given an anchor date.

use super::calendar::{direction_offset, nearest_year, nearest_year_for_relation};
use super::lexicon::{
    AMBIGUOUS_MONTHS, COUNT_NOUNS, DAY_PERIOD_WORDS, MONTH_WORDS, MONTHS, PART_CUES, RELATION_CUES,
    RELATION_PHRASES, SEASON_WORDS, WEEKDAYS, YEAR_CONTEXT_WORDS, YEAR_WORDS, direction_of,
    part_of, relation_of,
};
use super::tokens::{
    Break, Token, TokenKind, find_clitic_form, has_clitic_form, lookup_with_clitics, matches_any,
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
}

impl DateMention {
    /// ISO-8601 partial date: 2021, 2021-12 or 2021-12-09.
    pub fn value(&self) -> String {
        match (self.month, self.day) {
            (0, _) => format!("{:04}", self.year),
            (month, 0) => format!("{:04}-{month:02}", self.year),
            (month, day) => format!("{:04}-{month:02}-{day:02}", self.year),
        }
    }
}

/// Every word with a month's first word among its clitic forms.
static MONTH_FIRST_WORDS: LazyLock<WordSet> =
    LazyLock::new(|| WordSet::clitic(MONTHS.iter().map(|(first, _, _)| *first)));

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
    words.extend(["في", "لعام", "العام", "السنه", "اول", "امس", "اليوم", "غدا"]);
    WordSet::clitic(words)
});

/// The core value before relation and part cues are attached.
#[derive(Debug, Clone, Copy)]
struct Core {
    year: i16,
    month: u8,
    day: u8,
    /// Token index one past the core.
    end: usize,
}

/// Finds all date expressions; `anchor` is the date relative expressions
/// are resolved against (None: relative expressions are skipped).
/// The words of `اعتبارا من`, `ابتداء من`, `بدءا من` (folded), which open a
/// period from a date on.
const STARTS_FROM: &[&str] = &["اعتبارا", "ابتداء", "ابتداءا", "بدءا", "بدء"];

/// Words between the two days of a range: `من 12 إلى 14 أكتوبر`, `بين 3 و5 آذار`.
const RANGE_LINKS: &[&str] = &["الي", "حتي", "و"];

/// A day and month whose day ends a range of days written before it
/// (`من 12 إلى 14 أكتوبر`, `بين 3 و5 آذار`, `12 و13 مايو`) takes the
/// range's first day, as the rule book asks of `15-16 نيسان`.
fn start_ranges_at_their_first_day(tokens: &[Token], mention: &mut DateMention) {
    if mention.day == 0 || mention.first_token < 2 {
        return;
    }
    let day_at = mention.first_token;
    let linked = tokens[day_at - 1].kind == TokenKind::Word
        && RANGE_LINKS.contains(&tokens[day_at - 1].folded.as_ref());
    // `و5` is one token `و` + number in some texts and a clitic in others.
    if !linked {
        return;
    }
    let Some(first_day) = tokens[day_at - 2].number() else {
        return;
    };
    if tokens[day_at - 2].break_before >= Break::Line
        || first_day == 0
        || first_day >= u32::from(mention.day)
    {
        return;
    }
    if let Ok(day) = u8::try_from(first_day) {
        mention.day = day;
        mention.first_token = day_at - 2;
    }
}

/// `من العام نفسه` / `ذاته` / `التالي` / `السابق` right after a month: the
/// year counts from the last year the text wrote out, not from the
/// publication date. Returns the year and the tokens the phrase takes.
fn year_of_same_year_phrase(
    tokens: &[Token],
    at: usize,
    last_written: i16,
) -> Option<(i16, usize)> {
    let word = |index: usize| {
        tokens
            .get(index)
            .filter(|token| token.kind == TokenKind::Word)
            .map(|token| token.folded.as_ref())
    };
    let (offset, year_word) = match word(at) {
        Some("من") => (1, word(at + 1)?),
        Some(other) if other.starts_with('ل') || other.starts_with("في") => (0, other),
        _ => return None,
    };
    let year_word = year_word.trim_start_matches('ل');
    if !["العام", "عام", "السنه", "لعام"].contains(&year_word) {
        return None;
    }
    let delta = match word(at + offset + 1)? {
        "نفسه" | "ذاته" | "نفسها" | "ذاتها" => 0,
        "التالي" | "الموالي" | "اللاحق" | "التاليه" => 1,
        "السابق" | "السابقه" | "الذي سبقه" => -1,
        _ => return None,
    };
    Some((last_written + delta, offset + 2))
}

/// Whether `mention` wrote its year out (a four-digit number among its
/// tokens equal to its year).
fn wrote_its_year(tokens: &[Token], mention: &DateMention) -> bool {
    tokens[mention.first_token..mention.end_token.min(tokens.len())]
        .iter()
        .any(|token| token.number() == u32::try_from(mention.year).ok())
}

pub fn find_dates(tokens: &[Token], anchor: Option<Date>) -> Vec<DateMention> {
    let parser = Parser { tokens, anchor };
    let mut found = Vec::new();
    let mut last_written_year = None;
    let mut index = 0;
    while index < tokens.len() {
        if tokens[index].kind == TokenKind::Word && !START_WORDS.contains(&tokens[index].folded) {
            index += 1;
            continue;
        }
        match parser.parse_at(index) {
            Some(mut mention) => {
                if mention.month != 0
                    && let Some(written) = last_written_year
                    && let Some((year, length)) =
                        year_of_same_year_phrase(tokens, mention.end_token, written)
                {
                    mention.year = year;
                    mention.end_token += length;
                }
                if wrote_its_year(tokens, &mention) {
                    last_written_year = Some(mention.year);
                }
                index = mention.end_token.max(index + 1);
                start_ranges_at_their_first_day(tokens, &mut mention);
                found.push(mention);
            }
            None => index += 1,
        }
    }
    found
}

struct Parser<'a> {
    tokens: &'a [Token<'a>],
    anchor: Option<Date>,
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
        if core.month != 0
            && self.year_was_guessed(after_part, core.end)
            && let Some(anchor) = self.anchor
        {
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
                && self.tokens.get(index).is_some_and(|token| {
                    token.kind != TokenKind::Punct
                        || !matches!(token.folded.as_ref(), "/" | "-" | ".")
                })
        }) && (from..to).any(|index| self.month_at(index).is_some())
    }

    fn relation_at(&self, index: usize) -> (Relation, usize) {
        for (phrase, relation) in RELATION_PHRASES {
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
            .is_some_and(|next| has_clitic_form(next, "امس"))
        {
            return (Part::Unspecified, index);
        }
        match self
            .word(at)
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

    /// Month name (one or two words) at `index`: (month, tokens used).
    fn month_at(&self, index: usize) -> Option<(u8, usize)> {
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
    fn month_expression(&self, index: usize, after_number: bool) -> Option<(u8, usize)> {
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
        if ambiguous && !after_number && !paired && self.year_number(end).is_none() {
            return None;
        }
        Some((month, end))
    }

    /// A plausible calendar year written as a number at `index`.
    fn year_number(&self, index: usize) -> Option<i16> {
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
            || self.word_in(index + 1, &COUNT_NOUNS)
        {
            return None;
        }
        i16::try_from(value).ok()
    }

    /// A year given after a month: 2021, ، 2021, للعام الجاري, من العام المقبل.
    fn year_after(&self, index: usize) -> Option<(i16, usize)> {
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
        if self.word_in(at, &YEAR_WORDS) {
            if let Some(year) = self.year_number(at + 1) {
                return Some((year, at + 2));
            }
            let direction = self.word(at + 1).and_then(direction_of)?;
            let anchor = self.anchor?;
            let year = anchor.year() + direction_offset(direction);
            return Some((year, at + 2));
        }
        None
    }

    fn word_core(&self, index: usize, has_cue: bool) -> Option<Core> {
        let word = self.word(index)?;
        if let Some((day, after)) = self.ordinal_day(index) {
            let after = if self.word(after) == Some("من") {
                after + 1
            } else {
                after
            };
            if let Some((month, end)) = self.month_expression(after, true) {
                return self.day_month(day, month, end);
            }
        }
        if let Some((month, end)) = self.month_expression(index, false) {
            if let Some((year, after)) = self.year_after(end) {
                return Some(Core {
                    year,
                    month,
                    day: 0,
                    end: after,
                });
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
            return Some(Core {
                year,
                month,
                day: 0,
                end,
            });
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
            return Some(Core {
                year: month_start.year(),
                month: month_start.month() as u8,
                day: 0,
                end,
            });
        }
        if SEASON_WORDS.matches(word) {
            let year = self.year_number(index + 1)?;
            return Some(Core {
                year,
                month: 0,
                day: 0,
                end: index + 2,
            });
        }
        self.relative_day_core(index)
    }
}

mod numeric;
mod relative;

#[cfg(test)]
#[path = "dates_tests.rs"]
mod tests;
