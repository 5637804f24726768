//! Gender and number agreement of a verb with no subject: `وأضافت` after a
//! man has spoken goes back to the last speaker introduced with a feminine
//! verb (`أعلنت الهيئة … وقال رئيسها … وأضافت أن`), `قالوا` to the last
//! plural one, `وأضاف` to the last masculine one.
//!
//! Part of the statement finder. The gender of a speaker is read from the
//! cue that introduced it, never from the name; a plural subject also from
//! its own form (`وقال مراقبون`: the verb before it stays singular).

use super::{Finder, LOOK_BACK_TOKENS};
use crate::extract::cues::{RELAYING_VERBS, is_in, is_participle_cue, is_reporting_verb};
use crate::extract::speakers::{split_speaker, subject_range};
use crate::proto::v1::Speaker;
use arrayvec::ArrayString;

/// The grammatical gender and number a cue word shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Agreement {
    Masculine,
    Feminine,
    Plural,
}

/// Feminine past forms whose masculine is not the form without ت.
const IRREGULAR_FEMININE: [&str; 4] = ["نفت", "رات", "دعت", "ابدت"];

/// Broken plurals that often speak as a group.
const PLURAL_NOUNS: [&str; 8] = [
    "مصادر",
    "خبراء",
    "شهود",
    "سكان",
    "نشطاء",
    "مسوولين",
    "مسوولون",
    "محللون",
];

/// A subject noun of plural form: a sound masculine plural (مراقبون) or a
/// common broken plural (مصادر، خبراء).
fn is_plural_noun(word: &str) -> bool {
    let bare = word.strip_prefix("ال").unwrap_or(word);
    (bare.ends_with("ون") && bare.chars().count() >= 5) || PLURAL_NOUNS.contains(&bare)
}

fn without_conjunction(word: &str) -> &str {
    word.strip_prefix('و')
        .or_else(|| word.strip_prefix('ف'))
        .filter(|rest| rest.chars().count() >= 2)
        .unwrap_or(word)
}

/// What a reporting verb or participle agrees with, when it shows it.
pub(super) fn agreement_of(word: &str) -> Option<Agreement> {
    // نقلت الوكالة عن الوزير: the verb agrees with the agency, not with
    // the one whose words it relays.
    if is_in(word, &RELAYING_VERBS) {
        return None;
    }
    let bare = without_conjunction(word);
    if is_reporting_verb(word) {
        if bare.ends_with("وا") {
            return Some(Agreement::Plural);
        }
        let past_feminine = bare.strip_suffix('ت').is_some_and(is_reporting_verb)
            || IRREGULAR_FEMININE.contains(&bare);
        // تقول, تؤكد: the feminine of يقول, يؤكد (not تابع, a past form).
        let present_feminine = bare
            .strip_prefix('ت')
            .is_some_and(|rest| joined_is("ي", rest, is_reporting_verb));
        return Some(if past_feminine || present_feminine {
            Agreement::Feminine
        } else {
            Agreement::Masculine
        });
    }
    if is_participle_cue(word) {
        if bare.ends_with("ين") {
            return Some(Agreement::Plural);
        }
        let feminine = bare
            .strip_suffix('ه')
            .is_some_and(|stem| joined_is(stem, "ا", is_participle_cue));
        return Some(if feminine {
            Agreement::Feminine
        } else {
            Agreement::Masculine
        });
    }
    None
}

/// `test` of `head` followed by `tail`, joined on the stack (a heap string
/// only past 64 bytes, which no listed word reaches).
fn joined_is(head: &str, tail: &str, test: fn(&str) -> bool) -> bool {
    let mut word = ArrayString::<64>::new();
    if word.try_push_str(head).is_ok() && word.try_push_str(tail).is_ok() {
        return test(&word);
    }
    let mut long = String::with_capacity(head.len() + tail.len());
    long.push_str(head);
    long.push_str(tail);
    test(&long)
}

/// A word that reads as a feminine past verb: ending in ت (not the plural
/// ات), without the article (وتبنت، انتقدت; not الكويت).
fn is_feminine_verb_like(word: &str) -> bool {
    let bare = word.strip_prefix('و').unwrap_or(word);
    bare.ends_with('ت')
        && !bare.ends_with("ات")
        && !bare.starts_with("ال")
        && bare.chars().count() >= 3
        && !is_participle_cue(word)
}

/// The longest clause-opening subject trusted for agreement, in tokens.
const MAX_OPENING_SUBJECT: usize = 6;

impl Finder<'_> {
    /// For a feminine cue: the subject of the nearest feminine verb that
    /// opens a clause of its sentence (`وتبنت حركة "الشباب" …`, `في
    /// المقابل، انتقدت أحزاب المعارضة …`), when there is one.
    fn feminine_sentence_subject(&mut self, cue_index: usize, cue: &str) -> Option<Speaker> {
        if agreement_of(cue) != Some(Agreement::Feminine) {
            return None;
        }
        let opens_clause = |finder: &Self, at: usize| {
            at == 0
                || !finder.same_sentence(at - 1, at)
                || finder.tokens[at - 1]
                    .punct()
                    .is_some_and(|c| c == '،' || c == ',')
        };
        let verb = (cue_index.saturating_sub(LOOK_BACK_TOKENS)..cue_index)
            .rev()
            .take_while(|&at| self.same_sentence(at, cue_index))
            .find(|&at| {
                opens_clause(self, at)
                    && self.quote_of[at].is_none()
                    && self.word(at).is_some_and(is_feminine_verb_like)
            })?;
        let subject = subject_range(self.tokens, verb + 1);
        if subject.is_empty() || subject.len() > MAX_OPENING_SUBJECT {
            return None;
        }
        let ranges = split_speaker(self.tokens, subject);
        Some(self.make_speaker(&ranges))
    }

    /// The speaker a subjectless cue continues: the last one, unless its cue
    /// disagrees in gender or number with this one and an earlier speaker
    /// introduced with an agreeing cue exists.
    pub(super) fn agreeing_last_speaker(&mut self, cue_index: usize, cue: &str) -> Option<Speaker> {
        let Some(last) = self.last_speaker().cloned() else {
            return self.feminine_sentence_subject(cue_index, cue);
        };
        let Some(wanted) = agreement_of(cue) else {
            return Some(last);
        };
        // VSO Arabic puts a singular verb before a plural subject (وقال
        // مراقبون): such a subject is plural by its own form.
        let introduced_as = |token: usize, speaker: &Speaker| {
            if is_plural_noun(speaker.key.split(' ').next().unwrap_or_default()) {
                return Some(Agreement::Plural);
            }
            self.word(token).and_then(agreement_of)
        };
        let last_agreement = self
            .cue_speakers
            .iter()
            .rev()
            .find(|(_, _, speaker)| speaker.key == last.key)
            .and_then(|(token, _, speaker)| introduced_as(*token, speaker));
        if last_agreement.is_none_or(|agreement| agreement == wanted) {
            return Some(last);
        }
        let agreeing = self
            .cue_speakers
            .iter()
            .rev()
            .find(|(token, _, speaker)| introduced_as(*token, speaker) == Some(wanted))
            .map(|(_, _, speaker)| speaker.clone());
        // The nearest fitting subject: the one of the sentence's own verb
        // (وتبنت حركة "الشباب" الهجوم …، زاعمة أن).
        if let Some(subject) = self.feminine_sentence_subject(cue_index, cue) {
            return Some(subject);
        }
        Some(agreeing.unwrap_or(last))
    }
}

#[cfg(test)]
mod joined_tests {
    use super::joined_is;

    #[test]
    fn joined_words_are_tested_whole_on_the_stack_and_beyond() {
        assert!(joined_is("ي", "قول", |word| word == "يقول"));
        assert!(joined_is("مضيف", "ا", |word| word == "مضيفا"));
        assert!(!joined_is("ت", "قول", |word| word == "يقول"));
        // 40 two-byte letters and one more: past the 64-byte buffer.
        let long = "ب".repeat(40);
        assert!(joined_is(&long, "ا", |word| {
            word.len() == 82 && word.starts_with('ب') && word.ends_with('ا')
        }));
    }
}
