//! Who speaks: the subject of a reporting verb, the antecedent of a
//! relative pronoun, the source after نقل عن, a document (جاء فيه), an
//! attribution (وفق البيان), and the full name behind a short one.
//!
//! Part of the statement finder; it must not decide where statement words
//! start or end (that is `clauses`).

use super::{Complement, Finder, KNOWN_SPEAKERS, TRAILING_CUE_TOKENS};

/// Words that point back to a speaker named before: المصدر ذاته.
const SAME_WORDS: [&str; 4] = ["ذاته", "نفسه", "ذاتها", "نفسها"];
/// The most tokens an agency's initials in parentheses take, marks included.
const PARENTHESIS_WORDS: usize = 8;
/// The most tokens a quoted outlet name takes, marks included
/// (`نقلت "الصحيفة" عن`).
const QUOTED_OUTLET_TOKENS: usize = 6;
use crate::extract::cues::is_in;
use crate::extract::cues::{
    ATTRIBUTIONS, RELATIVE_PRONOUNS, RELAYING_VERBS, ROLE_HEADS, SPEECH_INTRODUCERS,
};
use crate::extract::normalize::is_alphanumeric;
use crate::extract::quotes::Quote;
use crate::extract::speaker_key;
use crate::extract::speakers::{
    SpeakerRanges, split_speaker, starts_with_addressee, subject_range,
};
use crate::extract::tokens::TokenKind;
use crate::proto::v1::{Speaker, Speech};

impl Finder<'_> {
    pub(super) fn make_speaker(&mut self, ranges: &SpeakerRanges) -> Speaker {
        let mut name = self
            .token_text(ranges.name.clone())
            .trim_matches(|c: char| !is_alphanumeric(c))
            .to_string();
        // وفقا للبيان / وفقا لمصادر: the name without the clinging ل.
        let after_according = ranges.name.start > 0
            && self
                .word(ranges.name.start - 1)
                .is_some_and(|previous| previous.ends_with("وفقا"));
        if after_according && name.chars().count() > 3 {
            if let Some(rest) = name.strip_prefix("لل") {
                name = format!("ال{rest}");
            } else if let Some(rest) = name.strip_prefix('ل') {
                name = rest.to_string();
            }
        }
        // The role pieces, trimmed, joined by one space, in one string.
        let mut role = String::new();
        for (count, range) in ranges
            .role
            .iter()
            .filter(|range| !range.is_empty())
            .enumerate()
        {
            if count > 0 {
                role.push(' ');
            }
            role.push_str(self.token_text(range.clone()).trim_matches(|c: char| {
                c.is_whitespace() || matches!(c, '،' | ',' | ':' | ';' | '-' | '–')
            }));
        }
        let speaker = Speaker {
            key: speaker_key(&name),
            name,
            role,
        };
        if let Some(earlier) = self.referred_speaker(&speaker) {
            return earlier;
        }
        self.known(speaker)
    }

    /// The speaker a mention refers back to: `المصدر ذاته` / `المحامي
    /// نفسه` is the last speaker named or described with that word, and a
    /// bare role (`وأضاف المتحدث`, `نائب
    /// المحافظ`) is the last named speaker introduced with that role.
    fn referred_speaker(&self, speaker: &Speaker) -> Option<Speaker> {
        // A speaker with a role refers to nobody: decided before any work.
        if !speaker.role.is_empty() {
            return None;
        }
        // The key's words without a last ذاته/نفسه, read again from the key
        // each time (nothing collected): the key up to its last space.
        let same = key_words(&speaker.key)
            .next_back()
            .is_some_and(|last| SAME_WORDS.contains(&last));
        let kept_key = if same {
            match speaker.key.rfind(' ') {
                Some(space) => &speaker.key[..space],
                None => return None,
            }
        } else {
            speaker.key.as_str()
        };
        let words = || key_words(kept_key);
        let bare_role = words()
            .next()
            .is_some_and(|first| is_in(first, &ROLE_HEADS));
        if !same && !bare_role {
            return None;
        }
        let earlier = self
            .cue_speakers
            .iter()
            .rev()
            .map(|(_, _, earlier)| earlier);
        earlier
            .filter(|earlier| earlier.key != speaker.key)
            .find(|earlier| {
                // Without a role an earlier speaker matches no bare role.
                if !same && earlier.role.is_empty() {
                    return false;
                }
                let role_key = speaker_key(&earlier.role);
                let in_role = |word: &str| key_words(&role_key).any(|known| known == word);
                if same {
                    // Every speaker's key is `speaker_key` of its name (see
                    // `make_speaker`, where all speakers are made).
                    words().any(|word| {
                        in_role(word) || key_words(&earlier.key).any(|known| known == word)
                    })
                } else {
                    !earlier.role.is_empty() && words().all(in_role)
                }
            })
            .cloned()
    }

    /// Replaces a one-word name by the full name seen earlier (الأنصاري →
    /// رائد الأنصاري); remembers full names.
    pub(super) fn known(&mut self, speaker: Speaker) -> Speaker {
        if !speaker.key.contains(' ') {
            // The last word, read from the end of the key.
            let last = key_words(&speaker.key).next_back();
            let earlier =
                self.known_speakers.iter().rev().find(|known| {
                    known.key.contains(' ') && key_words(&known.key).next_back() == last
                });
            if let Some(earlier) = earlier {
                return earlier.clone();
            }
        } else if !self
            .known_speakers
            .iter()
            .any(|known| known.key == speaker.key)
        {
            if self.known_speakers.len() >= KNOWN_SPEAKERS {
                self.known_speakers.remove(0);
            }
            self.known_speakers.push(speaker.clone());
        }
        speaker
    }

    /// The speaker of a finite verb: its subject, the antecedent of a
    /// relative pronoun before it, the source after عن for نقل, or the
    /// last speaker when it has no subject.
    pub(super) fn verb_subject(&mut self, index: usize, word: &str) -> (Option<Speaker>, usize) {
        if index > 0
            && self
                .word(index - 1)
                .is_some_and(|previous| RELATIVE_PRONOUNS.contains(previous))
        {
            let mut antecedent = index - 1;
            while antecedent > 0
                && self.tokens[antecedent - 1].kind == TokenKind::Punct
                && antecedent > 1
            {
                antecedent -= 1;
            }
            if antecedent > 0 && self.tokens[antecedent - 1].is_word() {
                let ranges = SpeakerRanges {
                    name: antecedent - 1..antecedent,
                    role: Vec::new(),
                };
                return (Some(self.make_speaker(&ranges)), index + 1);
            }
        }
        let mut start = index + 1;
        while self
            .word(start)
            .is_some_and(|next| SPEECH_INTRODUCERS.contains(next))
        {
            start += 1;
        }
        // قال للصحيفة: / أكد لوكالة الأنباء أن: no subject after the verb.
        let subject = if starts_with_addressee(self.tokens, start) {
            start..start
        } else {
            self.without_object(word, subject_range(self.tokens, start))
        };
        let mut after = subject.end;
        let mut speaker = if subject.is_empty() {
            match self.fronted_subject(index) {
                Some(ranges) => Some(self.make_speaker(&ranges)),
                None => self.agreeing_last_speaker(index, word),
            }
        } else {
            let ranges = split_speaker(self.tokens, subject.clone());
            Some(self.make_speaker(&ranges))
        };
        if is_in(word, &RELAYING_VERBS) {
            // نقلت وكالة الأنباء الأردنية (بترا) عن …: past the agency's
            // initials in parentheses.
            let mut at = after;
            // ونقلت "الصحيفة الأولى" عن …: the quoted outlet relays.
            if subject.is_empty()
                && let Some(quote) = self.quote_of.get(at).copied().flatten()
                && self.quotes[quote].open == at
                && let Some(close) = self.quotes[quote].close
                && close <= at + QUOTED_OUTLET_TOKENS
                && self.word(close + 1) == Some("عن")
            {
                at = close + 1;
            }
            while let Some(token) = self
                .tokens
                .get(at)
                .filter(|token| token.kind == TokenKind::Punct)
            {
                if token.is_punct('(') {
                    at = (at + 1..self.tokens.len().min(at + PARENTHESIS_WORDS))
                        .find(|&close| self.tokens[close].is_punct(')'))
                        .unwrap_or(at);
                }
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
        } else if self.word(after).is_some_and(|next| next.ends_with("نقلا"))
            && self.word(after + 1) == Some("عن")
        {
            // أفادت الوكالة نقلا عن مصدر أمني بأن …: the source speaks.
            let source = subject_range(self.tokens, after + 2);
            if !source.is_empty() {
                let ranges = split_speaker(self.tokens, source.clone());
                speaker = Some(self.make_speaker(&ranges));
                after = source.end;
            }
        }
        (speaker, after)
    }

    /// وبحسب X، فإن … / ووفقا للبيان فإن …: reported speech of X.
    pub(super) fn read_attribution_clause(&mut self, index: usize) -> usize {
        let source = subject_range(self.tokens, index + 1);
        if source.is_empty() {
            return index + 1;
        }
        let mut at = source.end;
        while at < source.end + 3
            && self
                .tokens
                .get(at)
                .is_some_and(|token| token.kind == TokenKind::Punct)
            && self.quote_of.get(at).copied().flatten().is_none()
        {
            at += 1;
        }
        if let Some(next) = self.read_relative_attribution(source.clone()) {
            return next;
        }
        let introduces = self
            .word(at)
            .is_some_and(|word| matches!(word, "فان" | "فانه" | "فانها" | "فانهم"));
        if !introduces || !self.same_sentence(index, at) || at + 1 >= self.tokens.len() {
            return index + 1;
        }
        let ranges = split_speaker(self.tokens, source);
        let speaker = self.make_speaker(&ranges);
        self.cue_speakers
            .push((index, self.sentence_of[index], speaker.clone()));
        let cue = self.token_text(index..index + 1).to_string();
        let channel = self.channel_before(at);
        self.emit(index, Complement::Indirect(at + 1), speaker, cue, channel)
    }

    /// The first attribution word of every sentence, outside quotations.
    pub(super) fn attributions(&self) -> Vec<Option<usize>> {
        let sentences = self.sentence_of.last().map_or(0, |last| last + 1);
        let mut first = vec![None; sentences];
        for at in 0..self.tokens.len() {
            let slot = &mut first[self.sentence_of[at]];
            // Every attribution word is a cue word: the flag spares the lookup.
            if slot.is_none()
                && self.cue_word[at]
                && self.quote_of[at].is_none()
                && self.word(at).is_some_and(|word| is_in(word, &ATTRIBUTIONS))
            {
                *slot = Some(at);
            }
        }
        first
    }

    /// Quotations no cue claimed: spoken by the last speaker of their
    /// sentence, or by the source of an attribution (وفق البيان).
    pub(super) fn attach_orphan_quotes(&mut self) {
        for quote in 0..self.quotes.len() {
            let open = self.quotes[quote].open;
            if self.quote_done[quote] || self.consumed[open] || !self.is_speech_quote(quote) {
                continue;
            }
            let sentence = self.sentence_of[open];
            // Cues are recorded in text order: one right after the quote
            // («…»، قال الوزير) wins, else the last one before it.
            let before = self
                .cue_speakers
                .partition_point(|(token, _, _)| *token < open);
            let close = self.quotes[quote].close.unwrap_or(self.quotes[quote].end);
            let trailing = self
                .cue_speakers
                .get(before)
                .filter(|(token, cue_sentence, _)| {
                    *cue_sentence == sentence && *token <= close + TRAILING_CUE_TOKENS
                })
                .map(|(token, _, speaker)| (*token, speaker.clone()));
            let from_cue = before
                .checked_sub(1)
                .and_then(|last| self.cue_speakers.get(last))
                .filter(|(_, cue_sentence, _)| *cue_sentence == sentence)
                .map(|(token, _, speaker)| (*token, speaker.clone()));
            let (cue, speaker) = match trailing.or(from_cue) {
                Some(found) => found,
                None => match self.attribution_in(sentence) {
                    Some(found) => found,
                    None => continue,
                },
            };
            let cue_text = self.token_text(cue..cue + 1).to_string();
            let channel = self.channel_before(open);
            let Quote { first, end, .. } = self.quotes[quote];
            let chars = self.trimmed_chars(first..end);
            if !chars.is_empty() {
                self.quote_done[quote] = true;
                self.found
                    .push((speaker, chars, Speech::Direct, cue_text, channel));
            }
        }
    }

    /// وفق البيان / بحسب الوكالة anywhere in a sentence, outside quotes.
    pub(super) fn attribution_in(&mut self, sentence: usize) -> Option<(usize, Speaker)> {
        let at = self
            .attribution_of_sentence
            .get(sentence)
            .copied()
            .flatten()?;
        let mut source_start = at + 1;
        if self
            .word(source_start)
            .is_some_and(|word| word == "ما" || word == "لما")
        {
            return None;
        }
        if self.word(at).is_some_and(|word| word.ends_with("نقلا"))
            && self.word(source_start) == Some("عن")
        {
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

/// The words of a speaker key (split at single spaces, as the key is
/// built), each without a leading ال; borrowed, nothing allocated.
pub(super) fn key_words(key: &str) -> impl DoubleEndedIterator<Item = &str> + Clone {
    key.split(' ')
        .map(|word| word.strip_prefix("ال").unwrap_or(word))
}

#[cfg(test)]
mod tests {
    use super::key_words;

    #[test]
    fn key_words_split_at_spaces_and_drop_the_article() {
        let cases: [(&str, &[&str]); 4] = [
            ("المتحدث باسم الوزاره", &["متحدث", "باسم", "وزاره"]),
            ("سعيد", &["سعيد"]),
            ("", &[""]),
            ("ال", &[""]),
        ];
        for (key, expected) in cases {
            let words: Vec<&str> = key_words(key).collect();
            assert_eq!(words, expected, "{key}");
            assert_eq!(key_words(key).last(), expected.last().copied(), "{key}");
            assert_eq!(
                key_words(key).next_back(),
                expected.last().copied(),
                "{key}"
            );
        }
    }
}
