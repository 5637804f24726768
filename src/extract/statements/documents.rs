//! Documents as speakers: `جاء فيه` / `جاء في التقرير` (the document named
//! there or before, or the body that issued it: `أصدرت الوزارة بيانا جاء
//! فيه أن` is the ministry), and an attribution whose source carries its
//! own reporting verb (`وفقا للبيان الذي ذكر أن …، فإن …`).
//!
//! Part of the statement finder; it must not decide where statement words
//! end beyond the attribution's own `، فإن`.

use super::{Complement, Finder, LOOK_BACK_TOKENS, VERB_WINDOW};
use crate::extract::cues::{
    DOCUMENT_NOUNS, ISSUING_VERBS, PUBLISHED_ITEMS, RELATIVE_PRONOUNS, channel_of, is_in,
    is_reporting_verb,
};
use crate::extract::speakers::{SpeakerRanges, split_speaker, subject_range};
use crate::proto::v1::Speaker;
use std::ops::Range;

/// How far before a published item (بيانا) its issuing verb may stand.
const ISSUER_LOOK_BACK: usize = 10;

impl Finder<'_> {
    /// جاء فيه / جاء في البيان: the document named there or before.
    pub(super) fn document_speaker(&mut self, index: usize) -> Option<Speaker> {
        let after = index + 2;
        if self.word(index + 1) == Some("في") {
            let phrase = subject_range(self.tokens, after);
            let names_document = self
                .word(after)
                .is_some_and(|word| channel_of(word).is_some() || is_in(word, &DOCUMENT_NOUNS));
            if !phrase.is_empty() && names_document {
                let ranges = SpeakerRanges {
                    name: phrase.start..phrase.start + 1,
                    role: Vec::new(),
                };
                return Some(self.make_speaker(&ranges));
            }
            return None;
        }
        let mut at = index;
        while at > 0 && at + LOOK_BACK_TOKENS > index && self.same_sentence(at - 1, index) {
            at -= 1;
            if let Some(issuer) = self.issuer_of(at) {
                return Some(self.make_speaker(&issuer));
            }
            if self.word(at).and_then(channel_of).is_some() {
                let ranges = SpeakerRanges {
                    name: at..at + 1,
                    role: Vec::new(),
                };
                return Some(self.make_speaker(&ranges));
            }
        }
        self.last_speaker().cloned()
    }

    /// When token `item` is a published item (بيانا، تقريرا) right after
    /// the subject of an issuing verb (أصدرت الوزارة بيانا): that subject.
    fn issuer_of(&self, item: usize) -> Option<SpeakerRanges> {
        if !self
            .word(item)
            .is_some_and(|word| is_in(word, &PUBLISHED_ITEMS))
        {
            return None;
        }
        let verb = (item.saturating_sub(ISSUER_LOOK_BACK)..item)
            .rev()
            .find(|&at| {
                self.word(at)
                    .is_some_and(|word| is_in(word, &ISSUING_VERBS))
            })?;
        let subject = subject_range(self.tokens, verb + 1);
        (!subject.is_empty() && subject.end == item && self.same_sentence(verb, item))
            .then(|| split_speaker(self.tokens, subject))
    }

    /// `وفقا للبيان الذي ذكر أن X، فإن Y`: X is the source's statement,
    /// ending at `، فإن`. Returns where to continue, when it applies.
    pub(super) fn read_relative_attribution(&mut self, source: Range<usize>) -> Option<usize> {
        let relative = source.end.checked_sub(1)?;
        let verb = source.end;
        let applies = relative > source.start
            && self
                .word(relative)
                .is_some_and(|word| RELATIVE_PRONOUNS.contains(word))
            && self.word(verb).is_some_and(is_reporting_verb);
        if !applies {
            return None;
        }
        let Some(Complement::Indirect(start)) = self.find_complement(verb, verb + 1, VERB_WINDOW)
        else {
            return None;
        };
        let ranges = split_speaker(self.tokens, source.start..relative);
        let speaker = self.make_speaker(&ranges);
        self.cue_speakers
            .push((verb, self.sentence_of[verb], speaker.clone()));
        let cue = self.token_text(verb..verb + 1).to_string();
        let channel = self.channel_before(verb);
        Some(self.emit(verb, Complement::Indirect(start), speaker, cue, channel))
    }
}
