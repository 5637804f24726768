//! Where statement words start and end: the complement of a cue (إن/أن, a
//! colon, a quotation), the end of reported speech, and the recording of
//! each statement with its span.
//!
//! Part of the statement finder; it must not decide who speaks (that is
//! `attribution`).

use super::{Complement, EARLY_QUOTE_TOKENS, Finder, PARTICIPLE_WINDOW};
use crate::extract::cues::{
    ATTRIBUTIONS, CLAUSE_ENDERS, NON_REPORTING_BEFORE_THAT, RELATIVE_PRONOUNS, RELAYING_VERBS,
};
use crate::extract::cues::{
    is_complementizer, is_in, is_participle_cue, is_reporting_verb, is_weak_verb,
};
use crate::extract::quotes::Quote;
use crate::extract::tokens::TokenKind;
use crate::proto::v1::{Channel, Speaker, Speech};
use arrayvec::ArrayString;
use std::ops::Range;

/// The most time-word tokens skipped after a weak verb's subject.
const TIME_ASIDE_TOKENS: usize = 5;

/// Weekday names, which may follow اليوم/أمس or stand in parentheses.
static WEEKDAY_WORDS: crate::extract::wordlist::WordList =
    crate::extract::wordlist::WordList::new(&[
        "الاحد",
        "الاثنين",
        "الثلاثاء",
        "الاربعاء",
        "الخميس",
        "الجمعه",
        "السبت",
    ]);

/// How far after `على أهمية` its `وأن` clause may start, in tokens.
const EMPHASIS_REACH: usize = 30;

impl Finder<'_> {
    /// Looks for إن/أن, a colon or a speech quotation after a cue.
    pub(super) fn find_complement(
        &self,
        cue: usize,
        from: usize,
        window: usize,
    ) -> Option<Complement> {
        let mut at = from;
        while at < self.tokens.len() && at < from + window && self.same_sentence(cue, at) {
            // أكد X، خلال لقائه …، على ضرورة … وأن …
            if let Some(start) = self.emphasis_with_clause(at) {
                return Some(Complement::Indirect(start));
            }
            if let Some(quote) = self.quote_of[at] {
                let quote_end = self.quotes[quote].close.unwrap_or(self.quotes[quote].end);
                if self.quotes[quote].open == at && self.is_speech_quote(quote) {
                    return Some(Complement::Direct(quote));
                }
                at = quote_end.max(at) + 1;
                continue;
            }
            let token = &self.tokens[at];
            if token.is_punct(':') {
                return match self.quote_of.get(at + 1).copied().flatten() {
                    Some(quote) if self.quotes[quote].open == at + 1 => {
                        Some(Complement::Direct(quote))
                    }
                    _ if at + 1 < self.tokens.len() && self.same_sentence(cue, at + 1) => {
                        Some(Complement::Indirect(at + 1))
                    }
                    _ => None,
                };
            }
            if let Some(word) = self.word(at) {
                let temporal = at > 0
                    && self
                        .word(at - 1)
                        .is_some_and(|previous| is_in(previous, &NON_REPORTING_BEFORE_THAT));
                // `، على أن يبدأ …` is a proviso, not reported speech.
                let proviso = at > 1
                    && self.word(at - 1) == Some("علي")
                    && self.tokens[at - 2]
                        .punct()
                        .is_some_and(|c| c == '،' || c == ',');
                let temporal = temporal || proviso;
                if is_complementizer(word) && !temporal {
                    return (at + 1 < self.tokens.len()).then_some(Complement::Indirect(at + 1));
                }
                if at > cue + 1
                    && (is_reporting_verb(word)
                        || is_participle_cue(word) && self.participle_stands(at, word))
                {
                    return None;
                }
            }
            at += 1;
        }
        None
    }

    /// How many tokens of time words stand at `from` (`اليوم (السبت)`,
    /// `أمس الأحد`): a weak verb's complement may start after them.
    pub(super) fn time_aside_tokens(&self, from: usize) -> usize {
        let mut at = from;
        while at < from + TIME_ASIDE_TOKENS {
            let is_time = self.word(at).is_some_and(|word| {
                matches!(word, "اليوم" | "امس" | "مساء" | "صباح") || is_in(word, &WEEKDAY_WORDS)
            });
            let is_bracket = self
                .tokens
                .get(at)
                .is_some_and(|token| token.is_punct('(') || token.is_punct(')'));
            if !(is_time || is_bracket && at > from) {
                break;
            }
            at += 1;
        }
        at - from
    }

    /// `أكد على أهمية X وأن Y`: the whole reported content from أهمية on,
    /// when a `وأن` clause follows in the sentence (without one, `أكد على
    /// أهمية X` is a topic, not a statement).
    fn emphasis_with_clause(&self, from: usize) -> Option<usize> {
        if self.word(from) != Some("علي")
            || !self
                .word(from + 1)
                .is_some_and(|next| matches!(next, "اهميه" | "ضروره" | "حرص"))
        {
            return None;
        }
        let has_clause = (from + 2..self.tokens.len())
            .take_while(|&at| self.same_sentence(from, at) && at < from + EMPHASIS_REACH)
            .any(|at| {
                self.quote_of[at].is_none()
                    && self
                        .word(at)
                        .is_some_and(|word| word.starts_with('و') && is_complementizer(word))
            });
        has_clause.then_some(from + 1)
    }

    /// Whether nothing but punctuation follows a quotation in its clause.
    fn ends_clause_after(&self, quote: usize) -> bool {
        let Some(close) = self.quotes[quote].close else {
            return true;
        };
        self.tokens.get(close + 1).is_none_or(|next| {
            next.kind == TokenKind::Punct || !self.same_sentence(close, close + 1)
        })
    }

    /// Records a statement; returns the token to continue from.
    pub(super) fn emit(
        &mut self,
        cue: usize,
        complement: Complement,
        speaker: Speaker,
        cue_text: String,
        channel: Channel,
    ) -> usize {
        match complement {
            Complement::Direct(quote) => self.emit_quote(cue, quote, speaker, cue_text, channel),
            Complement::Indirect(start) => {
                // A quotation inside the clause, with words of the clause
                // after it (أن مشروع «الطريق السيار للماء» الرابط …, أن
                // البيع سيتم "عبر المنصة الرقمية وحدها" ابتداء من …), is
                // part of the reported words, not the statement.
                let early_quote = (start..start + EARLY_QUOTE_TOKENS).find_map(|at| {
                    let quote = self.quote_of.get(at).copied().flatten()?;
                    (self.quotes[quote].open == at
                        && self.is_speech_quote(quote)
                        && (at == start || self.ends_clause_after(quote))
                        && self.same_sentence(cue, at))
                    .then_some(quote)
                });
                if let Some(quote) = early_quote {
                    return self.emit_quote(cue, quote, speaker, cue_text, channel);
                }
                let end = self.clause_end(start);
                let chars = self.trimmed_chars(start..end);
                if chars.is_empty() {
                    return end;
                }
                for slot in &mut self.consumed[cue..end] {
                    *slot = true;
                }
                for quote in (start..end).filter_map(|at| self.quote_of[at]) {
                    self.quote_done[quote] = true;
                }
                self.found
                    .push((speaker, chars, Speech::Indirect, cue_text, channel));
                end
            }
        }
    }

    pub(super) fn emit_quote(
        &mut self,
        cue: usize,
        quote: usize,
        speaker: Speaker,
        cue_text: String,
        channel: Channel,
    ) -> usize {
        let Quote {
            first, end, close, ..
        } = self.quotes[quote];
        let resume = close.map_or(end, |close| close + 1);
        for slot in &mut self.consumed[cue..resume.min(self.tokens.len())] {
            *slot = true;
        }
        if self.quote_done[quote] {
            return resume;
        }
        self.quote_done[quote] = true;
        let chars = self.trimmed_chars(first..end);
        if !chars.is_empty() {
            self.found
                .push((speaker, chars, Speech::Direct, cue_text, channel));
        }
        resume
    }

    /// Character span of tokens [first, end) without edge punctuation
    /// (quotation marks inside are kept).
    pub(super) fn trimmed_chars(&self, range: Range<usize>) -> Range<usize> {
        let mut first = range.start;
        let mut end = range.end.min(self.tokens.len());
        let keep_mark = |index: usize| {
            self.quote_of[index].is_some_and(|quote| {
                let quote = &self.quotes[quote];
                let whole_inside =
                    quote.open >= range.start && quote.close.is_some_and(|close| close < range.end);
                whole_inside && (quote.open == index || quote.close == Some(index))
            })
        };
        let trimmable = |index: usize, kept: char| {
            self.tokens[index]
                .punct()
                .is_some_and(|c| c != kept && c != '%')
                && !keep_mark(index)
        };
        while first < end && trimmable(first, '(') {
            first += 1;
        }
        while end > first && trimmable(end - 1, ')') {
            end -= 1;
        }
        if end <= first {
            return 0..0;
        }
        self.tokens[first].start..self.tokens[end - 1].end
    }

    /// Where reported speech starting at `start` ends: the sentence end, a
    /// participle that opens a new statement, a relative clause with its
    /// own reporting verb, or a comma before a contrast or an attribution.
    pub(super) fn clause_end(&self, start: usize) -> usize {
        let mut at = start;
        while at < self.tokens.len() && self.same_sentence(start, at) {
            if self.inside_quote(at) || self.quote_of[at].is_some() {
                at += 1;
                continue;
            }
            if at > start {
                if let Some(word) = self.word(at) {
                    if is_participle_cue(word)
                        && self.participle_stands(at, word)
                        && self
                            .find_complement(at, at + 1, PARTICIPLE_WINDOW)
                            .is_some()
                    {
                        return self.back_over_punct(at, start);
                    }
                    if RELATIVE_PRONOUNS.contains(word)
                        && self.word(at + 1).is_some_and(is_reporting_verb)
                    {
                        return self.back_over_punct(at, start);
                    }
                }
                if (self.tokens[at].is_punct('،') || self.tokens[at].is_punct(','))
                    && (self.starts_clause_ender(at + 1) || self.answers_attribution(start, at + 1))
                {
                    return at;
                }
            }
            at += 1;
        }
        at
    }

    /// `وفقا لـ… الذي ذكر أن X، فإن Y`: the فإن answers the attribution
    /// that opened the sentence before the reported words.
    fn answers_attribution(&self, start: usize, at: usize) -> bool {
        let attribution_before = self
            .attribution_of_sentence
            .get(self.sentence_of[start])
            .copied()
            .flatten()
            .is_some_and(|attribution| attribution < start);
        attribution_before
            && self
                .word(at)
                .is_some_and(|word| matches!(word, "فان" | "فانه" | "فانها" | "فانهم"))
    }

    pub(super) fn back_over_punct(&self, mut at: usize, start: usize) -> usize {
        while at > start
            && self.tokens[at - 1].kind == TokenKind::Punct
            && self.quote_of[at - 1].is_none()
        {
            at -= 1;
        }
        at
    }

    pub(super) fn starts_clause_ender(&self, at: usize) -> bool {
        let Some(first) = self.word(at) else {
            return false;
        };
        // `، وأن …` goes on with the same reported content: one statement.
        let reporting_with_and =
            first.starts_with('و') && is_reporting_verb(first) && !is_weak_verb(first);
        // `، ونقلت عن فلان قوله …`: a relayed source opens a statement of
        // its own.
        let relaying_with_and = first.starts_with('و')
            && is_in(first, &RELAYING_VERBS)
            && self.word(at + 1) == Some("عن");
        // `، ودعت إلى …` / `، وطالب بـ…`: a demand of the same speaker is a
        // statement of its own.
        let demanding_with_and = first.strip_prefix('و').is_some_and(is_demand_verb)
            && self
                .word(at + 1)
                .is_some_and(|next| next == "الي" || next.starts_with('ب'));
        CLAUSE_ENDERS.contains(first)
            || self
                .word(at + 1)
                .is_some_and(|second| is_two_word_ender(first, second))
            || is_in(first, &ATTRIBUTIONS)
            || reporting_with_and
            || relaying_with_and
            || demanding_with_and
    }
}

/// دعا / طالب and their forms, without the conjunction.
fn is_demand_verb(word: &str) -> bool {
    matches!(word, "دعا" | "دعت" | "دعوا" | "طالب" | "طالبت" | "طالبوا")
}

/// Whether `first second` is a two-word entry of `CLAUSE_ENDERS` (في حين):
/// the two words joined by one space on the stack and looked up once.
/// Words never hold a space, so only entries of exactly two words match.
fn is_two_word_ender(first: &str, second: &str) -> bool {
    let mut joined = ArrayString::<64>::new();
    joined.try_push_str(first).is_ok()
        && joined.try_push(' ').is_ok()
        && joined.try_push_str(second).is_ok()
        && CLAUSE_ENDERS.contains(&joined)
}

#[cfg(test)]
mod tests {
    use super::is_two_word_ender;

    #[test]
    fn two_word_enders_match_only_as_a_pair() {
        let cases = [
            ("في", "حين", true),
            ("غير", "ان", true),
            ("في", "الحين", false),
            ("فيما", "قال", false),
            ("حين", "في", false),
        ];
        for (first, second, expected) in cases {
            assert_eq!(
                is_two_word_ender(first, second),
                expected,
                "{first} {second}"
            );
        }
        let long = "ا".repeat(40);
        assert!(
            !is_two_word_ender(&long, "حين"),
            "too long for the buffer: no ender"
        );
    }
}
