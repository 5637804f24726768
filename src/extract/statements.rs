//! Finds statements in an article body: quotations and reported speech
//! after a reporting verb (قال X إن …), continued by subjectless verbs and
//! participles (وأضاف، مشيرا إلى أن), attributed to the speaker of their
//! clause, with the channel (tweet, statement, press conference) when the
//! sentence names one.
//!
//! It reads tokens and quotes and returns statements whose spans point into
//! the body it was given; it must not touch dates, the article layout, or
//! rewrite the statement words (texts are body slices).
//!
//! Decisions where the rule book is silent:
//! - `، على أن يبدأ …` after a comma is a proviso, not reported speech.
//! - A quotation inside reported speech that does not start or end its
//!   clause (`أن مشروع «الممر الأخضر» الجديد …`, `أن البيع سيتم "عبر
//!   المنصة وحدها" ابتداء من …`), of any length, is part of the reported
//!   words: the statement is the whole clause, indirect.
//! - `غير أن / إلا أن / بيد أن` are contrasts, never a complement; the
//!   subject after them (or after لكن) running up to a verb speaks.
//! - A first name with the article set off by commas (`، الفاتح عبد الله
//!   يوسف، قوله`) is a name only with three words or more, not a nisba,
//!   right before إن/أن or قوله.
//! - Person-role nouns before a name (المواطن، المزارع، الطالب …) are
//!   titles: the role, not part of the name.
//! - `أكد على أهمية X وأن Y` is one statement from أهمية to the end of Y;
//!   `أكد على أهمية X` with no `وأن` clause is none.
//! - `المصدر ذاته` / `المحامي نفسه` is the last speaker named or described
//!   with that word; a bare definite role (`وأضاف المتحدث`, `نائب
//!   المحافظ`) is the last named speaker introduced with that role; a role
//!   nobody was introduced with stays the speaker as written.
//! - `أصدرت X بيانا جاء فيه أن` is X's statement; `جاء في تقرير … أن` is
//!   the document's (its noun alone: `تقرير`).
//! - A verb or participle with no subject continues the last speaker only
//!   when it agrees with it in gender and number; otherwise the last
//!   speaker that agrees (`أعلنت الهيئة … وقال رئيسها … وأضافت` → الهيئة).
//! - A title inside commas (`رئيس X، الدكتور فلان،`) goes to the role; the
//!   name is what follows it.

use super::char_text::CharText;
use super::cues::{
    ATTRIBUTIONS, CUE_WORDS, DOCUMENT_NOUNS, SPEECH_INTRODUCERS, channel_of, is_complementizer,
    is_in, is_participle_cue, is_reporting_verb, is_weak_verb,
};
use super::quotes::{Quote, find_quotes};
use super::span_id;
use super::tokens::{Break, Token, TokenKind};
use super::wordlist::WordSet;
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
/// The longest subject trusted as a speaker when no reported words follow.
const MAX_BARE_SUBJECT_WORDS: usize = 5;
/// How close after a quotation a reporting verb must be to claim it
/// («…»، قال الوزير).
const TRAILING_CUE_TOKENS: usize = 3;
/// How close before a three-word quotation its cue must stand, in tokens.
const INTRODUCED_WITHIN: usize = 5;
/// How far after a weak verb's subject a channel word may name it a
/// speaker (كتب X … في تغريدة), in tokens.
const CHANNEL_AFTER_WEAK_VERB: usize = 12;
/// The most tokens an aside between commas takes (`، في اتصال هاتفي،`).
const ASIDE_TOKENS: usize = 8;
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
    body: &'a CharText<'a>,
    tokens: &'a [Token<'a>],
    quotes: Vec<Quote>,
    /// Words inside each quotation.
    quote_words: Vec<usize>,
    /// For each sentence, the first attribution word (وفق، بحسب) in it.
    attribution_of_sentence: Vec<Option<usize>>,
    /// For each token, the quotation it lies in (marks included).
    quote_of: Vec<Option<usize>>,
    /// For each token outside quotations, whether it is one of
    /// `CUE_WORDS` (looked up once).
    cue_word: Vec<bool>,
    /// For each token, the channel it names, read on first use (see
    /// `ChannelCache`).
    channels: ChannelCache,
    sentence_of: Vec<usize>,
    consumed: Vec<bool>,
    quote_done: Vec<bool>,
    known_speakers: Vec<Speaker>,
    /// (token, sentence, speaker) of every reporting cue read so far; the
    /// last is the last speaker.
    cue_speakers: Vec<(usize, usize, Speaker)>,
    found: Vec<(Speaker, Range<usize>, Speech, String, Channel)>,
}

/// Finds the statements of one article body.
#[cfg(test)]
pub fn find_statements(body: &str, tokens: &[Token], article_id: &str) -> Vec<Statement> {
    find_statements_in(&CharText::new(body), tokens, article_id)
}

/// `find_statements` over a body already indexed by character.
pub fn find_statements_in(body: &CharText, tokens: &[Token], article_id: &str) -> Vec<Statement> {
    let quotes = find_quotes(tokens);
    let mut quote_of = vec![None; tokens.len()];
    for (index, quote) in quotes.iter().enumerate() {
        let last = quote
            .close
            .unwrap_or(quote.end.saturating_sub(1))
            .max(quote.open);
        for slot in quote_of.iter_mut().take(last + 1).skip(quote.open) {
            *slot = Some(index);
        }
    }
    let quote_count = quotes.len();
    let quote_words = quotes
        .iter()
        .map(|quote| {
            (quote.first..quote.end)
                .filter(|&index| tokens[index].kind != TokenKind::Punct)
                .count()
        })
        .collect();
    // Only words outside quotations are ever read as cues.
    let cue_words: &WordSet = &CUE_WORDS;
    let cue_word = tokens
        .iter()
        .zip(&quote_of)
        .map(|(token, quote)| {
            quote.is_none()
                && token.kind == TokenKind::Word
                && cue_words.contains(token.folded.as_ref())
        })
        .collect();
    let mut finder = Finder {
        body,
        tokens,
        sentence_of: Vec::new(),
        quotes,
        quote_words,
        attribution_of_sentence: Vec::new(),
        quote_of,
        cue_word,
        channels: ChannelCache::new(tokens.len()),
        consumed: vec![false; tokens.len()],
        quote_done: vec![false; quote_count],
        known_speakers: Vec::new(),
        cue_speakers: Vec::new(),
        found: Vec::new(),
    };
    finder.sentence_of = finder.sentences();
    finder.attribution_of_sentence = finder.attributions();
    finder.scan_cues();
    finder.attach_orphan_quotes();
    finder
        .found
        .sort_by_key(|(_, span, _, _, _)| (span.start, span.end));
    finder
        .found
        .into_iter()
        .map(|(speaker, span, speech, cue, channel)| {
            let text = match token_bytes(tokens, &span) {
                Some(bytes) => body.as_str().get(bytes).unwrap_or_default(),
                None => finder.body.slice(span.clone()),
            }
            .to_string();
            Statement {
                id: span_id(article_id, "statement", span.clone(), None),
                article_id: article_id.to_string(),
                speaker: Some(speaker),
                text,
                speech: speech as i32,
                cue,
                channel: channel as i32,
                span: Some(Span {
                    start: span.start as u32,
                    end: span.end as u32,
                }),
            }
        })
        .collect()
}

/// The bytes of a non-empty character span that starts at a token's start
/// and ends at a token's end (found by binary search over the tokens).
fn token_bytes(tokens: &[Token], span: &Range<usize>) -> Option<Range<usize>> {
    if span.is_empty() {
        return None;
    }
    let first = tokens.get(tokens.partition_point(|token| token.start < span.start))?;
    let last = tokens.get(tokens.partition_point(|token| token.end < span.end))?;
    (first.start == span.start && last.end == span.end && first.byte_start <= last.byte_end)
        .then_some(first.byte_start..last.byte_end)
}

fn is_terminal(tokens: &[Token], index: usize) -> bool {
    let Some(character) = tokens[index].punct() else {
        return false;
    };
    let decimal_point = character == '.'
        && index > 0
        && tokens[index - 1].kind == TokenKind::Number
        && tokens.get(index + 1).is_some_and(|next| {
            next.kind == TokenKind::Number && next.break_before == Break::Attached
        });
    matches!(character, '.' | '!' | '?' | '؟' | '…') && !decimal_point
}

impl Finder<'_> {
    fn word(&self, index: usize) -> Option<&str> {
        self.tokens
            .get(index)
            .filter(|token| token.kind == TokenKind::Word)
            .map(|token| token.folded.as_ref())
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

    /// The speaker of the last cue read: every cue that names a speaker
    /// records it in `cue_speakers`, so the last one is the last speaker
    /// (no copy of it is kept).
    fn last_speaker(&self) -> Option<&Speaker> {
        self.cue_speakers.last().map(|(_, _, speaker)| speaker)
    }

    fn same_sentence(&self, a: usize, b: usize) -> bool {
        self.sentence_of.get(a) == self.sentence_of.get(b)
    }

    /// Whether a quotation reads as speech rather than a scare-quoted name
    /// or term: three words or more, or anything right after a colon.
    /// A quotation of three words counts only when a cue, a complementizer
    /// or a colon stands just before it; shorter ones only after a colon
    /// (`من "حزب العمال الكردستاني"` is a name).
    fn is_speech_quote(&self, quote: usize) -> bool {
        let words = self.quote_words[quote];
        let open = self.quotes[quote].open;
        let after_colon = open > 0 && self.tokens[open - 1].is_punct(':');
        let introduced = (open.saturating_sub(INTRODUCED_WITHIN)..open).any(|at| {
            self.tokens[at].is_punct(':')
                || self.word(at).is_some_and(|word| {
                    is_complementizer(word)
                        || is_reporting_verb(word)
                        || is_participle_cue(word)
                        || SPEECH_INTRODUCERS.contains(word)
                })
        });
        words >= 4 || (words == 3 && introduced) || (after_colon && words >= 1)
    }

    /// The text of the tokens in `range` (a token range, empty: ""), cut
    /// by the tokens' byte offsets.
    fn token_text(&self, range: Range<usize>) -> &str {
        if range.is_empty() {
            return "";
        }
        let (Some(first), Some(last)) =
            (self.tokens.get(range.start), self.tokens.get(range.end - 1))
        else {
            return "";
        };
        self.body
            .as_str()
            .get(first.byte_start..last.byte_end)
            .unwrap_or_default()
    }

    /// `channel_of` the word at `index`, read once per token.
    fn channel_at(&self, index: usize) -> Option<Channel> {
        self.channels
            .get_or_read(index, || self.word(index).and_then(channel_of))
    }

    fn channel_before(&self, index: usize) -> Channel {
        let mut at = index;
        while at > 0 && at + LOOK_BACK_TOKENS > index && self.same_sentence(at - 1, index) {
            at -= 1;
            if let Some(channel) = self.channel_at(at) {
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
        let tokens = self.tokens;
        let Some(word) = tokens
            .get(index)
            .filter(|token| token.kind == TokenKind::Word)
            .map(|token| token.folded.as_ref())
        else {
            return index + 1;
        };
        // Nothing below finds a cue at any other word.
        if !self.cue_word[index] {
            return index + 1;
        }
        let is_participle = is_participle_cue(word) && self.participle_stands(index, word);
        let is_verb = is_reporting_verb(word);
        let is_document = matches!(word, "جاء" | "وجاء" | "ورد" | "وورد")
            && self
                .word(index + 1)
                .is_some_and(|next| matches!(next, "فيه" | "فيها" | "في"));
        if is_in(word, &ATTRIBUTIONS) {
            return self.read_attribution_clause(index);
        }
        // "…، وإن الأطراف وافقت": a second reported clause of the same speaker.
        let after_comma = index > 0
            && (self.tokens[index - 1].is_punct('،') || self.tokens[index - 1].is_punct(','));
        // The last speaker is the last cue's: it must be of this sentence.
        if after_comma
            && word.starts_with('و')
            && is_complementizer(word)
            && let Some((_, sentence, speaker)) = self.cue_speakers.last()
            && *sentence == self.sentence_of[index]
        {
            let speaker = speaker.clone();
            let cue = self.token_text(index..index + 1).to_string();
            let channel = self.channel_before(index);
            return self.emit(
                index,
                Complement::Indirect(index + 1),
                speaker,
                cue,
                channel,
            );
        }
        if !(is_participle || is_verb || is_document) {
            return index + 1;
        }
        if is_verb && is_weak_verb(word) && !self.weak_verb_stands(index, word) {
            return index + 1;
        }
        let (speaker, after_subject, window) = if is_document {
            (self.document_speaker(index), index + 2, VERB_WINDOW)
        } else if is_participle {
            (
                self.agreeing_last_speaker(index, word),
                index + 1,
                PARTICIPLE_WINDOW,
            )
        } else {
            let (speaker, after) = self.verb_subject(index, word);
            // نقلت X عن Y قوله خلال اتصال …، إن: قوله opens the words.
            let relayed = self
                .word(after)
                .is_some_and(|next| SPEECH_INTRODUCERS.contains(next));
            // ذكر بيان للوزارة، …، أن: a document subject makes ذكر speech.
            let document_subject = self.word(index + 1).is_some_and(|subject| {
                channel_of(subject).is_some() || is_in(subject, &DOCUMENT_NOUNS)
            });
            let window = if is_weak_verb(word) && !relayed && !document_subject {
                // توقع المجلس اليوم (السبت) أن: past the time words.
                WEAK_VERB_WINDOW + self.time_aside_tokens(after)
            } else {
                VERB_WINDOW
            };
            (speaker, after, window)
        };
        let complement = self.find_complement(index, after_subject, window);
        // A long subject with nothing reported after it was probably read
        // past its end (أكد X ضرورة …): it does not become the last speaker.
        // A weak verb (نشر, كتب, زاد) with nothing reported names a speaker
        // only when a channel follows its subject (نشر X تغريدة).
        let weak_without_channel = is_verb
            && is_weak_verb(word)
            && !self.demands_something(word, after_subject)
            && !(after_subject..after_subject + CHANNEL_AFTER_WEAK_VERB)
                .any(|at| self.same_sentence(index, at) && self.channel_at(at).is_some());
        // A name set off by commas (رئيس X، فلان،) is a speaker however
        // long the role before it.
        let named_by_commas = after_subject > index + 1
            && self.tokens[after_subject - 1]
                .punct()
                .is_some_and(|c| c == '،' || c == ',')
            && speaker
                .as_ref()
                .is_some_and(|speaker| !speaker.role.is_empty());
        let trusted = complement.is_some()
            || ((after_subject <= index + 1 + MAX_BARE_SUBJECT_WORDS || named_by_commas)
                && !weak_without_channel);
        if let Some(speaker) = speaker.as_ref().filter(|_| trusted) {
            self.cue_speakers
                .push((index, self.sentence_of[index], speaker.clone()));
        }
        let Some(speaker) = speaker else {
            return after_subject;
        };
        let Some(complement) = complement else {
            return after_subject;
        };
        let cue = self.token_text(index..index + 1).to_string();
        let channel = self
            .channel_before(index + 1)
            .max(self.channel_between(index, &complement));
        self.emit(index, complement, speaker, cue, channel)
    }

    fn channel_between(&self, from: usize, complement: &Complement) -> Channel {
        let to = match complement {
            Complement::Indirect(start) => *start,
            Complement::Direct(quote) => self.quotes[*quote].open,
        };
        (from..to)
            .find_map(|at| self.channel_at(at))
            .unwrap_or(Channel::Unspecified)
    }
}

mod agreement;
mod attribution;
mod channels;
use channels::ChannelCache;
mod clauses;
mod documents;
mod fronted;
mod objects;
mod verbs;

#[cfg(test)]
#[path = "statements_tests.rs"]
mod tests;

#[cfg(test)]
#[path = "statements_patterns_tests.rs"]
mod pattern_tests;
