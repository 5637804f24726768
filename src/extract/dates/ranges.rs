//! The two ends of a range share one year: `من مارس إلى يوليو 2015` gives
//! the start month the year written at the end, and the end of `من الأول
//! من أبريل إلى 30 يونيو` takes the year its start was given.
//!
//! It reads tokens and the mentions already found; it never guesses a year
//! of its own.

use super::{DateMention, Guess, Parser, Period};
use crate::extract::tokens::{Token, TokenKind};

/// The words that join the start of a range to its end.
fn is_range_to(word: &str) -> bool {
    matches!(word, "الي" | "حتي" | "لغايه")
}

fn word_at<'a>(tokens: &'a [Token], index: usize) -> Option<&'a str> {
    tokens
        .get(index)
        .filter(|token| token.kind == TokenKind::Word)
        .map(|token| token.folded.as_ref())
}

impl Parser<'_> {
    /// When `إلى` / `حتى` and a month with its year follow a month that
    /// ends at `end` (`مارس إلى يوليو 2015`): the start month's year for
    /// `month` (the year before when the end month comes earlier in the
    /// calendar: `من نوفمبر إلى فبراير 2016`).
    pub(super) fn year_from_range_end(&self, month: u8, end: usize) -> Option<i16> {
        if !self.word(end).is_some_and(is_range_to) {
            return None;
        }
        let (end_month, after) = self.month_expression(end + 1, false)?;
        let (year, _) = self.year_after(after)?;
        Some(if end_month < month { year - 1 } else { year })
    }
}

/// When `mention` is the end of a range whose start is `previous` (`من
/// الأول من أبريل إلى 30 يونيو`) and its year was only guessed: the year of
/// the start (the next one when the end month comes earlier).
pub(super) fn share_the_start_year(
    tokens: &[Token],
    previous: &DateMention,
    mention: &mut DateMention,
) {
    let guessed = mention.guess == Guess::Year;
    let calendar_months = previous.period == Period::Calendar
        && mention.period == Period::Calendar
        && previous.month != 0
        && mention.month != 0;
    if !guessed || !calendar_months {
        return;
    }
    // The link is the mention's own first word (its UNTIL cue) or the one
    // word between the two.
    let linked = if previous.end_token == mention.first_token {
        word_at(tokens, mention.first_token).is_some_and(is_range_to)
    } else {
        previous.end_token + 1 == mention.first_token
            && word_at(tokens, previous.end_token).is_some_and(is_range_to)
    };
    if linked {
        let next_year = mention.month < previous.month
            || mention.month == previous.month && mention.day < previous.day;
        mention.year = previous.year + i16::from(next_year);
    }
}
