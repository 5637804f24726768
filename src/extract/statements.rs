//! Finds statements in an article body: quotations and reported speech
//! after a reporting verb (قال X إن …), continued by subjectless verbs and
//! participles (وأضاف، مشيرا إلى أن), attributed to the speaker of their
//! clause, with the channel (tweet, statement, press conference) when the
//! sentence names one.
//!
//! It reads tokens and quotes and returns statements whose spans point into
//! the body it was given; it must not touch dates, the article layout, or
//! rewrite the statement words (texts are body slices).

use super::content_id;
use super::cues::{ATTRIBUTIONS, CLAUSE_ENDERS, RELATIVE_PRONOUNS, RELAYING_VERBS, SPEECH_INTRODUCERS};
use super::cues::{channel_of, is_complementizer, is_in, is_participle_cue, is_reporting_verb, is_weak_verb};
use super::quotes::{Quote, find_quotes};
use super::speaker_key;
use super::speakers::{SpeakerRanges, split_speaker, subject_range};
use super::tokens::{Break, Token, TokenKind};
use crate::proto::v1::{Channel, Span, Speaker, Speech, Statement};
use std::ops::Range;

/// How far after a verb's subject its complement may start, in tokens.
const VERB_WINDOW: usize = 25;
/// The same for verbs that are also common non-speech words.
const WEAK_VERB_WINDOW: usize = 3;
/// The same after a participle (مضيفا، مشيرا إلى أن).
const PARTICIPLE_WINDOW: usize = 4;
/// A quotation starting within this many tokens of إن/أن is the statement.
const EARLY_QUOTE_TOKENS: usize = 5;
/// How far back a channel word or a document noun is looked for, in tokens.
const LOOK_BACK_TOKENS: usize = 40;
/// How many full speaker names are remembered for short-name lookups.
const KNOWN_SPEAKERS: usize = 64;

/// Where the words of a statement start.
#[derive(Debug, Clone, Copy)]
enum Complement {
    /// Reported speech starting at this token.
    Indirect(usize),
    /// The quotation with this index.
    Direct(usize),
}

struct Finder<'a> {
    body_chars: Vec<char>,
    tokens: &'a [Token],
    quotes: Vec<Quote>,
    /// Words inside each quotation.
    quote_words: Vec<usize>,
    /// For each sentence, the first attribution word (وفق، بحسب) in it.
    attribution_of_sentence: Vec<Option<usize>>,
    /// For each token, the quotation it lies in (marks included).
    quote_of: Vec<Option<usize>>,
    sentence_of: Vec<usize>,
    consumed: Vec<bool>,
    quote_done: Vec<bool>,
    last_speaker: Option<Speaker>,
    known_speakers: Vec<Speaker>,
    /// (token, sentence, speaker) of every reporting cue read so far.
    cue_speakers: Vec<(usize, usize, Speaker)>,
    found: Vec<(Speaker, Range<usize>, Speech, String, Channel)>,
}

/// Finds the statements of one article body.
pub fn find_statements(body: &str, tokens: &[Token], article_id: &str) -> Vec<Statement> {
    let quotes = find_quotes(tokens);
    let mut quote_of = vec![None; tokens.len()];
    for (index, quote) in quotes.iter().enumerate() {
        let last = quote.close.unwrap_or(quote.end.saturating_sub(1)).max(quote.open);
        for slot in quote_of.iter_mut().take(last + 1).skip(quote.open) {
            *slot = Some(index);
        }
    }
    let quote_count = quotes.len();
    let quote_words = quotes
        .iter()
        .map(|quote| (quote.first..quote.end).filter(|&index| tokens[index].kind != TokenKind::Punct).count())
        .collect();
    let mut finder = Finder {
        body_chars: body.chars().collect(),
        tokens,
        sentence_of: Vec::new(),
        quotes,
        quote_words,
        attribution_of_sentence: Vec::new(),
        quote_of,
        consumed: vec![false; tokens.len()],
        quote_done: vec![false; quote_count],
        last_speaker: None,
        known_speakers: Vec::new(),
        cue_speakers: Vec::new(),
        found: Vec::new(),
    };
    finder.sentence_of = finder.sentences();
    finder.attribution_of_sentence = finder.attributions();
    finder.scan_cues();
    finder.attach_orphan_quotes();
    finder.found.sort_by_key(|(_, span, _, _, _)| (span.start, span.end));
    finder
        .found
        .into_iter()
        .map(|(speaker, span, speech, cue, channel)| {
            let text: String = finder.body_chars[span.clone()].iter().collect();
            Statement {
                id: content_id(&format!("{article_id}\u{1f}statement\u{1f}{}\u{1f}{}", span.start, span.end)),
                article_id: article_id.to_string(),
                speaker: Some(speaker),
                text,
                speech: speech as i32,
                cue,
                channel: channel as i32,
                span: Some(Span { start: span.start as u32, end: span.end as u32 }),
            }
        })
        .collect()
}

fn is_terminal(tokens: &[Token], index: usize) -> bool {
    let Some(character) = tokens[index].punct() else { return false };
    let decimal_point = character == '.'
        && index > 0
        && tokens[index - 1].kind == TokenKind::Number
        && tokens.get(index + 1).is_some_and(|next| next.kind == TokenKind::Number && next.break_before == Break::Attached);
    matches!(character, '.' | '!' | '?' | '؟' | '…') && !decimal_point
}

impl Finder<'_> {
    fn word(&self, index: usize) -> Option<&str> {
        self.tokens.get(index).filter(|token| token.kind == TokenKind::Word).map(|token| token.folded.as_str())
    }

    /// Whether a token lies inside a quotation opened before it.
    fn inside_quote(&self, index: usize) -> bool {
        self.quote_of[index].is_some_and(|quote| self.quotes[quote].open < index)
    }

    /// Sentence number of every token; sentence ends inside quotations and
    /// line breaks inside a running quotation do not count.
    fn sentences(&self) -> Vec<usize> {
        let mut sentence_of = Vec::with_capacity(self.tokens.len());
        let mut sentence = 0;
        let mut pending = false;
        for index in 0..self.tokens.len() {
            let inside = self.inside_quote(index);
            if index > 0 && !inside && (pending || self.tokens[index].break_before >= Break::Line) {
                sentence += 1;
                pending = false;
            }
            sentence_of.push(sentence);
            if !inside && is_terminal(self.tokens, index) {
                pending = true;
            }
        }
        sentence_of
    }

    fn same_sentence(&self, a: usize, b: usize) -> bool {
        self.sentence_of.get(a) == self.sentence_of.get(b)
    }

    /// Whether a quotation reads as speech rather than a scare-quoted name
    /// or term: three words or more, or anything right after a colon.
    fn is_speech_quote(&self, quote: usize) -> bool {
        let words = self.quote_words[quote];
        let quote = &self.quotes[quote];
        let after_colon = quote.open > 0 && self.tokens[quote.open - 1].is_punct(':');
        words >= 3 || (after_colon && words >= 1)
    }

    fn slice(&self, range: Range<usize>) -> String {
        self.body_chars[range].iter().collect::<String>()
    }

    fn token_chars(&self, range: &Range<usize>) -> Range<usize> {
        if range.is_empty() {
            return 0..0;
        }
        self.tokens[range.start].start..self.tokens[range.end - 1].end
    }

    fn make_speaker(&mut self, ranges: &SpeakerRanges) -> Speaker {
        let mut name_chars = self.token_chars(&ranges.name);
        // وفقا للبيان: the name starts after the clinging preposition.
        if let Some(first) = self.tokens.get(ranges.name.start) {
            if first.folded.starts_with("لل") && name_chars.len() > 2 {
                name_chars.start += 1;
            }
        }
        let name = self.slice(name_chars).trim_matches(|c: char| !c.is_alphanumeric()).to_string();
        let role: Vec<String> = ranges
            .role
            .iter()
            .filter(|range| !range.is_empty())
            .map(|range| self.slice(self.token_chars(range)).trim_matches(|c: char| !c.is_alphanumeric()).to_string())
            .collect();
        let speaker = Speaker { key: speaker_key(&name), name, role: role.join(" ") };
        self.known(speaker)
    }

    /// Replaces a one-word name by the full name seen earlier (الأعرجي →
    /// قاسم الأعرجي); remembers full names.
    fn known(&mut self, speaker: Speaker) -> Speaker {
        let strip = |word: &str| word.strip_prefix("ال").unwrap_or(word).to_string();
        let words: Vec<String> = speaker.key.split(' ').map(strip).collect();
        if words.len() == 1 {
            let earlier = self.known_speakers.iter().rev().find(|known| {
                let known_words: Vec<String> = known.key.split(' ').map(strip).collect();
                known_words.len() > 1 && known_words.last() == words.last()
            });
            if let Some(earlier) = earlier {
                return earlier.clone();
            }
        } else if !self.known_speakers.iter().any(|known| known.key == speaker.key) {
            if self.known_speakers.len() >= KNOWN_SPEAKERS {
                self.known_speakers.remove(0);
            }
            self.known_speakers.push(speaker.clone());
        }
        speaker
    }

    fn channel_before(&self, index: usize) -> Channel {
        let mut at = index;
        while at > 0 && at + LOOK_BACK_TOKENS > index && self.same_sentence(at - 1, index) {
            at -= 1;
            if let Some(channel) = self.word(at).and_then(channel_of) {
                return channel;
            }
        }
        Channel::Unspecified
    }

    fn scan_cues(&mut self) {
        let mut index = 0;
        while index < self.tokens.len() {
            if self.consumed[index] || self.quote_of[index].is_some() {
                index += 1;
                continue;
            }
            let next = self.read_cue(index);
            index = next.max(index + 1);
        }
    }

    /// Reads a reporting cue at `index`, if there is one; returns where to
    /// continue scanning.
    fn read_cue(&mut self, index: usize) -> usize {
        let Some(word) = self.word(index).map(str::to_string) else { return index + 1 };
        let is_participle = is_participle_cue(&word);
        let is_verb = is_reporting_verb(&word);
        let is_document = matches!(word.as_str(), "جاء" | "وجاء" | "ورد" | "وورد")
            && self.word(index + 1).is_some_and(|next| matches!(next, "فيه" | "فيها" | "في"));
        if !(is_participle || is_verb || is_document) {
            return index + 1;
        }
        if is_verb && is_weak_verb(&word) && !self.weak_verb_stands(index, &word) {
            return index + 1;
        }
        let (speaker, after_subject, window) = if is_document {
            (self.document_speaker(index), index + 2, VERB_WINDOW)
        } else if is_participle {
            (self.last_speaker.clone(), index + 1, PARTICIPLE_WINDOW)
        } else {
            let (speaker, after) = self.verb_subject(index, &word);
            let window = if is_weak_verb(&word) { WEAK_VERB_WINDOW } else { VERB_WINDOW };
            (speaker, after, window)
        };
        if let Some(speaker) = &speaker {
            self.last_speaker = Some(speaker.clone());
            self.cue_speakers.push((index, self.sentence_of[index], speaker.clone()));
        }
        let Some(speaker) = speaker else { return after_subject };
        let Some(complement) = self.find_complement(index, after_subject, window) else { return after_subject };
        let cue = self.slice(self.tokens[index].start..self.tokens[index].end);
        let channel = self.channel_before(index + 1).max(self.channel_between(index, &complement));
        self.emit(index, complement, speaker, cue, channel)
    }

    /// A weak verb (بين, كتب, تابع...) reads as a reporting verb only at the
    /// start of a clause: with و/ف, or after a sentence or clause mark.
    fn weak_verb_stands(&self, index: usize, word: &str) -> bool {
        let has_conjunction = (word.starts_with('و') || word.starts_with('ف')) && is_weak_verb(&word[word.char_indices().nth(1).map_or(0, |(at, _)| at)..]);
        let after_mark = index == 0
            || self.tokens[index].break_before >= Break::Line
            || self.tokens[index - 1].punct().is_some_and(|c| matches!(c, '.' | '،' | ',' | ':' | '!' | '؟' | '?'));
        has_conjunction || after_mark
    }

    fn channel_between(&self, from: usize, complement: &Complement) -> Channel {
        let to = match complement {
            Complement::Indirect(start) => *start,
            Complement::Direct(quote) => self.quotes[*quote].open,
        };
        (from..to).find_map(|at| self.word(at).and_then(channel_of)).unwrap_or(Channel::Unspecified)
    }

    /// The speaker of a finite verb: its subject, the antecedent of a
    /// relative pronoun before it, the source after عن for نقل, or the
    /// last speaker when it has no subject.
    fn verb_subject(&mut self, index: usize, word: &str) -> (Option<Speaker>, usize) {
        if index > 0 && self.word(index - 1).is_some_and(|previous| RELATIVE_PRONOUNS.contains(&previous)) {
            let mut antecedent = index - 1;
            while antecedent > 0 && self.tokens[antecedent - 1].kind == TokenKind::Punct && antecedent > 1 {
                antecedent -= 1;
            }
            if antecedent > 0 && self.tokens[antecedent - 1].is_word() {
                let ranges = SpeakerRanges { name: antecedent - 1..antecedent, role: Vec::new() };
                return (Some(self.make_speaker(&ranges)), index + 1);
            }
        }
        let mut start = index + 1;
        while self.word(start).is_some_and(|next| SPEECH_INTRODUCERS.contains(&next)) {
            start += 1;
        }
        let subject = subject_range(self.tokens, start);
        let mut after = subject.end;
        let mut speaker = if subject.is_empty() {
            self.last_speaker.clone()
        } else {
            let ranges = split_speaker(self.tokens, subject.clone());
            Some(self.make_speaker(&ranges))
        };
        if is_in(word, RELAYING_VERBS) {
            let mut at = after;
            while self.tokens.get(at).is_some_and(|token| token.kind == TokenKind::Punct) {
                at += 1;
            }
            if self.word(at) == Some("عن") {
                let source = subject_range(self.tokens, at + 1);
                if !source.is_empty() {
                    let ranges = split_speaker(self.tokens, source.clone());
                    speaker = Some(self.make_speaker(&ranges));
                    after = source.end;
                }
            }
        }
        (speaker, after)
    }

    /// جاء فيه / جاء في البيان: the document named there or before.
    fn document_speaker(&mut self, index: usize) -> Option<Speaker> {
        let after = index + 2;
        if self.word(index + 1) == Some("في") {
            let phrase = subject_range(self.tokens, after);
            if !phrase.is_empty() && self.word(after).and_then(channel_of).is_some() {
                let ranges = SpeakerRanges { name: phrase.start..phrase.start + 1, role: Vec::new() };
                return Some(self.make_speaker(&ranges));
            }
            return None;
        }
        let mut at = index;
        while at > 0 && at + LOOK_BACK_TOKENS > index && self.same_sentence(at - 1, index) {
            at -= 1;
            if self.word(at).and_then(channel_of).is_some() {
                let ranges = SpeakerRanges { name: at..at + 1, role: Vec::new() };
                return Some(self.make_speaker(&ranges));
            }
        }
        self.last_speaker.clone()
    }

    /// Looks for إن/أن, a colon or a speech quotation after a cue.
    fn find_complement(&self, cue: usize, from: usize, window: usize) -> Option<Complement> {
        let mut at = from;
        while at < self.tokens.len() && at < from + window && self.same_sentence(cue, at) {
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
                    Some(quote) if self.quotes[quote].open == at + 1 => Some(Complement::Direct(quote)),
                    _ if at + 1 < self.tokens.len() && self.same_sentence(cue, at + 1) => Some(Complement::Indirect(at + 1)),
                    _ => None,
                };
            }
            if let Some(word) = self.word(at) {
                if is_complementizer(word) {
                    return (at + 1 < self.tokens.len()).then_some(Complement::Indirect(at + 1));
                }
                if at > cue + 1 && (is_reporting_verb(word) || is_participle_cue(word)) {
                    return None;
                }
            }
            at += 1;
        }
        None
    }

    /// Records a statement; returns the token to continue from.
    fn emit(&mut self, cue: usize, complement: Complement, speaker: Speaker, cue_text: String, channel: Channel) -> usize {
        match complement {
            Complement::Direct(quote) => self.emit_quote(cue, quote, speaker, cue_text, channel),
            Complement::Indirect(start) => {
                let early_quote = (start..start + EARLY_QUOTE_TOKENS).find_map(|at| {
                    let quote = self.quote_of.get(at).copied().flatten()?;
                    (self.quotes[quote].open == at && self.is_speech_quote(quote) && self.same_sentence(cue, at)).then_some(quote)
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
                self.found.push((speaker, chars, Speech::Indirect, cue_text, channel));
                end
            }
        }
    }

    fn emit_quote(&mut self, cue: usize, quote: usize, speaker: Speaker, cue_text: String, channel: Channel) -> usize {
        let Quote { first, end, close, .. } = self.quotes[quote];
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
            self.found.push((speaker, chars, Speech::Direct, cue_text, channel));
        }
        resume
    }

    /// Character span of tokens [first, end) without edge punctuation
    /// (quotation marks inside are kept).
    fn trimmed_chars(&self, range: Range<usize>) -> Range<usize> {
        let mut first = range.start;
        let mut end = range.end.min(self.tokens.len());
        let keep_mark = |index: usize| {
            self.quote_of[index].is_some_and(|quote| {
                let quote = &self.quotes[quote];
                let whole_inside = quote.open >= range.start && quote.close.is_some_and(|close| close < range.end);
                whole_inside && (quote.open == index || quote.close == Some(index))
            })
        };
        let trimmable = |index: usize, kept: char| {
            self.tokens[index].punct().is_some_and(|c| c != kept && c != '%') && !keep_mark(index)
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
    fn clause_end(&self, start: usize) -> usize {
        let mut at = start;
        while at < self.tokens.len() && self.same_sentence(start, at) {
            if self.inside_quote(at) || self.quote_of[at].is_some() {
                at += 1;
                continue;
            }
            if at > start {
                if let Some(word) = self.word(at) {
                    if is_participle_cue(word) && self.find_complement(at, at + 1, PARTICIPLE_WINDOW).is_some() {
                        return self.back_over_punct(at, start);
                    }
                    if RELATIVE_PRONOUNS.contains(&word) && self.word(at + 1).is_some_and(is_reporting_verb) {
                        return self.back_over_punct(at, start);
                    }
                }
                if self.tokens[at].is_punct('،') || self.tokens[at].is_punct(',') {
                    if self.starts_clause_ender(at + 1) {
                        return at;
                    }
                }
            }
            at += 1;
        }
        at
    }

    fn back_over_punct(&self, mut at: usize, start: usize) -> usize {
        while at > start && self.tokens[at - 1].kind == TokenKind::Punct && self.quote_of[at - 1].is_none() {
            at -= 1;
        }
        at
    }

    fn starts_clause_ender(&self, at: usize) -> bool {
        let Some(first) = self.word(at) else { return false };
        let two = self.word(at + 1).map(|second| format!("{first} {second}")).unwrap_or_default();
        let reporting_with_and = first.starts_with('و') && is_reporting_verb(first) && !is_weak_verb(first);
        CLAUSE_ENDERS.contains(&first)
            || CLAUSE_ENDERS.contains(&two.as_str())
            || ATTRIBUTIONS.iter().any(|attribution| is_in(first, &[attribution]))
            || reporting_with_and
    }

    /// The first attribution word of every sentence, outside quotations.
    fn attributions(&self) -> Vec<Option<usize>> {
        let sentences = self.sentence_of.last().map_or(0, |last| last + 1);
        let mut first = vec![None; sentences];
        for at in 0..self.tokens.len() {
            let slot = &mut first[self.sentence_of[at]];
            if slot.is_none()
                && self.quote_of[at].is_none()
                && self.word(at).is_some_and(|word| ATTRIBUTIONS.iter().any(|attribution| is_in(word, &[attribution])))
            {
                *slot = Some(at);
            }
        }
        first
    }

    /// Quotations no cue claimed: spoken by the last speaker of their
    /// sentence, or by the source of an attribution (وفق البيان).
    fn attach_orphan_quotes(&mut self) {
        for quote in 0..self.quotes.len() {
            let open = self.quotes[quote].open;
            if self.quote_done[quote] || self.consumed[open] || !self.is_speech_quote(quote) {
                continue;
            }
            let sentence = self.sentence_of[open];
            // Cues are recorded in text order: the last one before the quote.
            let before = self.cue_speakers.partition_point(|(token, _, _)| *token < open);
            let from_cue = before
                .checked_sub(1)
                .and_then(|last| self.cue_speakers.get(last))
                .filter(|(_, cue_sentence, _)| *cue_sentence == sentence)
                .map(|(token, _, speaker)| (*token, speaker.clone()));
            let (cue, speaker) = match from_cue {
                Some(found) => found,
                None => match self.attribution_in(sentence) {
                    Some(found) => found,
                    None => continue,
                },
            };
            let cue_text = self.slice(self.tokens[cue].start..self.tokens[cue].end);
            let channel = self.channel_before(open);
            let Quote { first, end, .. } = self.quotes[quote];
            let chars = self.trimmed_chars(first..end);
            if !chars.is_empty() {
                self.quote_done[quote] = true;
                self.found.push((speaker, chars, Speech::Direct, cue_text, channel));
            }
        }
    }

    /// وفق البيان / بحسب الوكالة anywhere in a sentence, outside quotes.
    fn attribution_in(&mut self, sentence: usize) -> Option<(usize, Speaker)> {
        let at = self.attribution_of_sentence.get(sentence).copied().flatten()?;
        let mut source_start = at + 1;
        if self.word(source_start).is_some_and(|word| word == "ما" || word == "لما") {
            return None;
        }
        if self.word(at).is_some_and(|word| word.ends_with("نقلا")) && self.word(source_start) == Some("عن") {
            source_start += 1;
        }
        let source = subject_range(self.tokens, source_start);
        if source.is_empty() {
            return None;
        }
        let ranges = split_speaker(self.tokens, source);
        Some((at, self.make_speaker(&ranges)))
    }
}

#[cfg(test)]
#[path = "statements_tests.rs"]
mod tests;
