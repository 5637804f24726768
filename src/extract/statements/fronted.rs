//! Subjects written before their reporting verb: `وكان X قد قال`, a
//! clause coordinated with a كان sentence (`وكانت الهيئة قد وقعت …، وذكرت
//! أن`), a subject after a contrast (`غير أن المواطن فلان قال`), and a
//! speaker set off by commas before the verb (`غير أن رئيس الهيئة، فلان،
//! قال إن`, `أما وكيل الدفاع، المحامي فلان، فاكتفى بالقول`, `دان
//! المتحدث …، فلان، الهجوم، وقال إن`).
//!
//! Part of the statement finder; used only for a verb with no subject after
//! it. It must not decide where statement words start or end.

use super::Finder;
use crate::extract::cues::{ROLE_HEADS, is_complementizer, is_participle_cue, is_reporting_verb};
use crate::extract::speakers::{SpeakerRanges, split_speaker, subject_range};

/// How far before a verb a كان-subject may start, in tokens.
const MAX_SUBJECT_LOOK_BACK: usize = 18;
/// The same for a clause coordinated with a كان sentence.
const MAX_COORDINATED_LOOK_BACK: usize = 45;
/// How far before a verb a speaker set off by commas may start, in tokens.
const MAX_APPOSITION_LOOK_BACK: usize = 30;
/// How many tokens may stand between such a speaker and the verb
/// (`فلان، الهجوم، وقال`).
const MAX_APPOSITION_GAP: usize = 6;

fn is_was(word: &str) -> bool {
    matches!(word, "كان" | "وكان" | "كانت" | "وكانت" | "فكان" | "فكانت")
}

/// A verb form with the feminine ending (قالت، وذكرت، أكدت).
fn is_feminine_verb(word: &str) -> bool {
    word.ends_with('ت') && !word.ends_with("ات")
}

impl Finder<'_> {
    /// The subject written before a verb that has none after it.
    pub(super) fn fronted_subject(&self, verb: usize) -> Option<SpeakerRanges> {
        self.was_subject(verb)
            .or_else(|| self.contrast_subject(verb))
            .or_else(|| self.apposition_before(verb))
            .or_else(|| self.coordinated_was_subject(verb))
    }

    /// Where a fronted subject must end for `verb`: before the commas and
    /// the particle قد that may stand between it and the verb.
    fn end_before_verb(&self, verb: usize) -> usize {
        let mut end = verb;
        while end > 0
            && (self.tokens[end - 1].is_punct('،')
                || self.tokens[end - 1].is_punct(',')
                || self.word(end - 1) == Some("قد"))
        {
            end -= 1;
        }
        end
    }

    /// The subject of وكان X، قال / وكان X قد قال: the phrase after كان
    /// when it runs right up to the verb.
    fn was_subject(&self, verb: usize) -> Option<SpeakerRanges> {
        let end = self.end_before_verb(verb);
        let earliest = verb.saturating_sub(MAX_SUBJECT_LOOK_BACK);
        let was = (earliest..end)
            .rev()
            .find(|&at| self.same_sentence(at, verb) && self.word(at).is_some_and(is_was))?;
        let subject = subject_range(self.tokens, was + 1);
        (!subject.is_empty() && subject.end == end).then(|| split_speaker(self.tokens, subject))
    }

    /// `غير أن المواطن فلان قال …` / `لكن الوزير قال …`: the subject
    /// after a contrast connective, when it runs right up to the verb; it
    /// wins over any earlier speaker of the sentence.
    fn contrast_subject(&self, verb: usize) -> Option<SpeakerRanges> {
        let end = self.end_before_verb(verb);
        let earliest = verb.saturating_sub(MAX_SUBJECT_LOOK_BACK);
        let opens = (earliest..end).rev().find(|&at| {
            self.same_sentence(at, verb)
                && self.word(at).is_some_and(|word| match word {
                    "لكن" | "ولكن" => true,
                    "ان" => at > 0 && matches!(self.word(at - 1), Some("غير" | "الا" | "بيد")),
                    _ => false,
                })
        })?;
        let subject = subject_range(self.tokens, opens + 1);
        (!subject.is_empty() && subject.end == end).then(|| split_speaker(self.tokens, subject))
    }

    /// `وكانت الهيئة قد وقعت …، وذكرت أن`: a verb joined by و after a
    /// comma to a sentence that opened with كان X قد, agreeing with it in
    /// gender, speaks for X.
    fn coordinated_was_subject(&self, verb: usize) -> Option<SpeakerRanges> {
        let word = self.word(verb)?;
        let coordinated = word.starts_with('و')
            && verb > 0
            && self.tokens[verb - 1]
                .punct()
                .is_some_and(|c| c == '،' || c == ',');
        if !coordinated {
            return None;
        }
        let earliest = verb.saturating_sub(MAX_COORDINATED_LOOK_BACK);
        let was = (earliest..verb)
            .find(|&at| self.same_sentence(at, verb) && self.word(at).is_some_and(is_was))?;
        let opens_sentence = was == 0 || !self.same_sentence(was - 1, was);
        let agrees = self
            .word(was)
            .is_some_and(|was_word| is_feminine_verb(was_word) == is_feminine_verb(word));
        let subject = subject_range(self.tokens, was + 1);
        let then_has = self.word(subject.end) == Some("قد");
        (opens_sentence && agrees && then_has && !subject.is_empty() && !self.consumed[was])
            .then(|| split_speaker(self.tokens, subject))
    }

    /// A role and a name set off by commas before the verb, in its
    /// sentence, with no other speech between (`غير أن المتحدثة باسمها،
    /// فلانة، قالت إن`).
    fn apposition_before(&self, verb: usize) -> Option<SpeakerRanges> {
        let earliest = verb.saturating_sub(MAX_APPOSITION_LOOK_BACK);
        (earliest..verb)
            .rev()
            .filter(|&at| self.same_sentence(at, verb) && !self.consumed[at])
            .filter(|&at| self.quote_of[at].is_none())
            .filter(|&at| self.word(at).is_some_and(|word| ROLE_HEADS.contains(word)))
            .find_map(|at| {
                let subject = subject_range(self.tokens, at);
                let by_commas = subject.end > at + 2
                    && subject.end <= verb
                    && verb - subject.end <= MAX_APPOSITION_GAP
                    && self.tokens[subject.end - 1]
                        .punct()
                        .is_some_and(|c| c == '،' || c == ',');
                let nothing_said_between = (subject.end..verb).all(|between| {
                    self.quote_of[between].is_none()
                        && !self.word(between).is_some_and(|word| {
                            is_complementizer(word)
                                || is_reporting_verb(word)
                                || is_participle_cue(word)
                        })
                });
                let ranges = split_speaker(self.tokens, subject.clone());
                let named = ranges.name != subject;
                (by_commas && nothing_said_between && named).then_some(ranges)
            })
    }
}
