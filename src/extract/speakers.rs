//! Reads the speaker after a reporting verb: where the subject noun phrase
//! ends, and which part of it is the name and which the title or role
//! (`مستشار الأمن الوطني رائد الأنصاري` → name `رائد الأنصاري`, role
//! the rest; `العميد نادر حمدان رئيس لجنة…` → name `نادر حمدان`).
//!
//! It works on token ranges and returns ranges; it must not decide whether
//! a statement exists, and never rewrites names (they are body slices).

use super::cues::{
    CHANNEL_NOUNS, COMPLEMENTIZERS, FUNCTION_WORDS, NOT_SUBJECT_STARTS, PARTICIPLE_CUES,
    PUBLISHED_ITEMS, REPORTING_VERBS, ROLE_HEADS, SUBJECT_STOPS, TITLES,
};
use super::cues::{is_complementizer, is_in, is_participle_cue, is_reporting_verb};
use super::lexicon::{MONTHS, WEEKDAYS};
use super::tokens::{Break, Token, TokenKind, find_stripped_form};
use super::wordlist::WordSet;
use arrayvec::ArrayString;
use std::ops::Range;
use std::sync::LazyLock;

mod appositions;
use appositions::{apposition_end, description_end, is_comma, is_title_word, titled_name_start};
mod quoted;
use quoted::{quoted_body_before_apposition, quoted_name_end, quoted_speaker_end};

/// The longest subject we read, in words.
const MAX_SUBJECT_WORDS: usize = 14;

/// A speaker as token ranges of the body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpeakerRanges {
    pub name: Range<usize>,
    /// Title and role pieces, in text order.
    pub role: Vec<Range<usize>>,
}

fn word<'t>(tokens: &'t [Token], index: usize) -> Option<&'t str> {
    tokens
        .get(index)
        .filter(|token| token.kind == TokenKind::Word)
        .map(|token| token.folded.as_ref())
}

/// Month and weekday names with every proclitic form, hashed once.
static DATE_WORDS: LazyLock<WordSet> = LazyLock::new(|| {
    WordSet::clitic(
        MONTHS
            .iter()
            .map(|(name, _, _)| *name)
            .chain(WEEKDAYS.iter().map(|(name, _)| *name)),
    )
});

/// Every word that can end a subject by its own list (complementizers,
/// participles, reporting verbs, stop words, date words, published items),
/// in every form those lists are read in: a word outside it, not starting
/// with ل or ب and not a listed preposition, never ends a subject, so one
/// lookup spares the seven of `subject_range`.
static SUBJECT_STOP_CANDIDATES: LazyLock<WordSet> = LazyLock::new(|| {
    let date_words = MONTHS
        .iter()
        .map(|(name, _, _)| *name)
        .chain(WEEKDAYS.iter().map(|(name, _)| *name));
    WordSet::exact(COMPLEMENTIZERS.words.iter().copied())
        .extend(WordSet::with_conjunctions(
            PARTICIPLE_CUES
                .words
                .iter()
                .chain(REPORTING_VERBS.words)
                .copied(),
        ))
        .extend(WordSet::clitic(SUBJECT_STOPS.words.iter().copied()))
        .extend(WordSet::with_conjunctions(
            SUBJECT_STOPS.words.iter().copied(),
        ))
        .extend(WordSet::clitic(PUBLISHED_ITEMS.words.iter().copied()))
        .extend(WordSet::with_conjunctions(
            PUBLISHED_ITEMS.words.iter().copied(),
        ))
        .extend(WordSet::clitic(date_words))
});

/// Whether a word may end a subject at all (see `SUBJECT_STOP_CANDIDATES`;
/// ل and ب may open a channel phrase, في/علي/الي/من a complement).
fn may_end_subject(folded: &str) -> bool {
    folded.starts_with('ل')
        || folded.starts_with('ب')
        || matches!(folded, "في" | "علي" | "الي" | "من")
        || SUBJECT_STOP_CANDIDATES.contains(folded)
}

/// A month or weekday name, with or without proclitics.
fn is_date_word(folded: &str) -> bool {
    DATE_WORDS.contains(folded)
}

/// Whether word `index` starts a channel or occasion phrase that ends the
/// subject: في بيان, لوكالة, خلال.
fn starts_channel_phrase(tokens: &[Token], index: usize) -> bool {
    let Some(current) = word(tokens, index) else {
        return false;
    };
    if matches!(current, "في" | "ب" | "علي") {
        return word(tokens, index + 1).is_some_and(is_channel_noun);
    }
    // بـ with the article is a complement (المكلف بالإعلام), not a channel.
    let prefixed =
        current.starts_with('ل') || current.starts_with('ب') && !current.starts_with("بال");
    prefixed
        && current.chars().count() > 3
        && find_stripped_form(current, |form| CHANNEL_NOUNS.contains(form).then_some(())).is_some()
}

/// `قال للصحيفة:` / `أكد لوكالة الأنباء أن`: a verb followed by لـ and a
/// channel noun has no subject after it (the speaker was named before).
/// A channel noun that itself starts with ل (لقاء) is not one. (After
/// وفقا, `لبيان الوزارة` is the source itself: only verbs ask this.)
pub fn starts_with_addressee(tokens: &[Token], start: usize) -> bool {
    word(tokens, start).is_some_and(|first| {
        first.starts_with('ل')
            && !CHANNEL_NOUNS.contains(first)
            && starts_channel_phrase(tokens, start)
    })
}

/// `عضو مجلس النواب عن نينوى، فلان،`: عن after a role names the place
/// or body represented when a name set off by commas follows.
fn represents_place(tokens: &[Token], start: usize, at: usize) -> bool {
    word(tokens, at) == Some("عن")
        && (start..at).any(|index| word(tokens, index).is_some_and(is_role_head))
        && (at + 2..tokens.len().min(at + 5))
            .find(|&index| is_comma(&tokens[index]))
            .is_some_and(|comma| apposition_end(tokens, start, comma).is_some())
}

/// `الرابطة الجزائرية للدفاع عن حقوق الإنسان`: عن after الدفاع is part
/// of a body's name.
fn defends_something(tokens: &[Token], start: usize, at: usize) -> bool {
    at > start
        && word(tokens, at) == Some("عن")
        && word(tokens, at - 1)
            .is_some_and(|previous| previous.ends_with("الدفاع") || previous == "للدفاع")
}

/// A channel or occasion noun, also with a pronoun suffix: جلستها, بيانه.
fn is_channel_noun(word: &str) -> bool {
    if is_in(word, &CHANNEL_NOUNS) {
        return true;
    }
    let listed = |stem: &str| stem.chars().count() >= 3 && is_in(stem, &CHANNEL_NOUNS);
    ["هما", "هم", "ها", "ه"].iter().any(|suffix| {
        word.strip_suffix(suffix)
            .is_some_and(|stem| match stem.strip_suffix('ت') {
                Some(base) => with_ta_marbuta(base, listed),
                None => listed(stem),
            })
    })
}

/// Calls `check` on `base` followed by ه (the ة a pronoun suffix turned
/// into ت, folded), built on the stack.
fn with_ta_marbuta(base: &str, check: impl Fn(&str) -> bool) -> bool {
    let mut stem = ArrayString::<64>::new();
    if stem.try_push_str(base).is_ok() && stem.try_push('ه').is_ok() {
        return check(&stem);
    }
    let mut long = String::with_capacity(base.len() + 2);
    long.push_str(base);
    long.push('ه');
    check(&long)
}

/// Reads the subject noun phrase starting at `start`; returns its token
/// range (empty when the verb has no subject).
pub fn subject_range(tokens: &[Token], start: usize) -> Range<usize> {
    if word(tokens, start).is_some_and(|first| NOT_SUBJECT_STARTS.contains(first)) {
        return start..start;
    }
    // A speaker in quotation marks (كشفت "هيئة النزاهة" أن): the quoted
    // words and nothing after them.
    if let Some(after) = quoted_speaker_end(tokens, start) {
        return start..after;
    }
    let mut end = start;
    while end < tokens.len() && end - start < MAX_SUBJECT_WORDS {
        let token = &tokens[end];
        if end > start && token.kind == TokenKind::Punct {
            // A name set off by commas after a role: رئيس الهيئة، سامي فريد، إن.
            if let Some(after) =
                apposition_end(tokens, start, end).or_else(|| description_end(tokens, start, end))
            {
                end = after;
                break;
            }
            // A short scare-quoted name inside the phrase: زعيم حزب "التجديد" سالم.
            match quoted_name_end(tokens, end)
                .or_else(|| quoted_body_before_apposition(tokens, start, end))
            {
                Some(after) => {
                    end = after;
                    continue;
                }
                None => break,
            }
        }
        // A year inside a body's name before a name in commas: `رئيس لجنة
        // ملف قطر 2022، فلان،`.
        let year_before_apposition = end > start
            && token.kind == TokenKind::Number
            && tokens.get(end + 1).is_some_and(is_comma)
            && apposition_end(tokens, start, end + 1).is_some();
        if year_before_apposition {
            end += 1;
            continue;
        }
        if token.kind != TokenKind::Word || (end > start && token.break_before >= Break::Line) {
            break;
        }
        let folded = token.folded.as_ref();
        if !may_end_subject(folded) {
            end += 1;
            continue;
        }
        let stops = is_complementizer(folded)
            || is_participle_cue(folded)
            || (end > start && is_reporting_verb(folded))
            || is_in(folded, &SUBJECT_STOPS)
                && !represents_place(tokens, start, end)
                && !defends_something(tokens, start, end)
            || is_date_word(folded)
            || (end > start && starts_channel_phrase(tokens, end))
            || (end > start && is_in(folded, &PUBLISHED_ITEMS))
            || matches!(folded, "الي" | "علي" | "من")
                && word(tokens, end + 1).is_some_and(is_complementizer)
            // أكد الوزير على أهمية …
            || folded == "علي"
                && word(tokens, end + 1)
                    .is_some_and(|next| matches!(next, "اهميه" | "ضروره" | "حرص"));
        if stops {
            break;
        }
        end += 1;
    }
    start..end
}

fn has_article(folded: &str) -> bool {
    folded.starts_with("ال") || folded.starts_with("وال")
}

fn is_role_head(folded: &str) -> bool {
    ROLE_HEADS.contains(folded)
}

/// A role word waiting for its complement (رئيس الهيئة); with the article
/// or a pronoun (رئيسها) it is complete and a name may follow.
fn is_construct_role(folded: &str) -> bool {
    is_role_head(folded)
        && !has_article(folded)
        && !(folded.ends_with("ها") || folded.ends_with("هم"))
}

fn is_function_word(folded: &str) -> bool {
    FUNCTION_WORDS.contains(folded)
}

/// A word that may be part of a personal name.
fn is_name_like(folded: &str) -> bool {
    !has_article(folded)
        && !is_function_word(folded)
        && !is_role_head(folded)
        && folded.chars().count() >= 2
}

/// Splits a subject phrase into name and role.
pub fn split_speaker(tokens: &[Token], phrase: Range<usize>) -> SpeakerRanges {
    // The words of the phrase and where each stands, in one pass.
    let mut positions: Vec<usize> = Vec::with_capacity(phrase.len());
    let mut words: Vec<&str> = Vec::with_capacity(phrase.len());
    for index in phrase.clone() {
        if let Some(found) = word(tokens, index) {
            positions.push(index);
            words.push(found);
        }
    }
    let whole = SpeakerRanges {
        name: phrase.clone(),
        role: Vec::new(),
    };
    // المحامي نفسه / المصدر ذاته: a mention of someone named before.
    let refers_back = words
        .last()
        .is_some_and(|last| matches!(*last, "نفسه" | "ذاته" | "نفسها" | "ذاتها"));
    if words.is_empty() || refers_back {
        return whole;
    }
    // A name set off by commas (see `apposition_end`): role، name،
    let mut commas = phrase.clone().filter(|&i| is_comma(&tokens[i]));
    let comma_pair = (commas.next(), commas.next(), commas.next());
    if let (Some(first_comma), Some(second_comma), None) = comma_pair
        && second_comma > first_comma + 1
    {
        let titled = titled_name_start(tokens, first_comma + 1..second_comma);
        // name، description، (see `description_end`)
        if titled.is_none() && description_end(tokens, phrase.start, first_comma).is_some() {
            let titled_first = word(tokens, phrase.start).is_some_and(is_title_word);
            let name_start = phrase.start + usize::from(titled_first);
            let mut role = Vec::with_capacity(2);
            if titled_first {
                role.push(phrase.start..name_start);
            }
            role.push(first_comma + 1..second_comma);
            return SpeakerRanges {
                name: name_start..first_comma,
                role,
            };
        }
        // role، title name، : the title joins the role.
        let name_start = titled.unwrap_or(first_comma + 1);
        let mut role = Vec::with_capacity(2);
        role.push(phrase.start..first_comma);
        if name_start > first_comma + 1 {
            role.push(first_comma + 1..name_start);
        }
        return SpeakerRanges {
            name: name_start..second_comma,
            role,
        };
    }
    // A title right before the name: العميد نادر حمدان.
    if let Some(title) = words.iter().position(|word| TITLES.contains(word)) {
        let mut first = title + 1;
        while first + 1 < words.len() && has_article(words[first]) && !has_article(words[first + 1])
        {
            first += 1;
        }
        let mut last = first;
        let fits = |word: &str| {
            !is_function_word(word)
                && !is_role_head(word)
                && !TITLES.contains(word)
                && !is_prepositional(word)
        };
        if first < words.len() && is_name_like(words[first]) {
            last = first + 1;
            while last < words.len() && last - first < 4 && fits(words[last]) {
                last += 1;
            }
        }
        if last > first {
            let mut role = Vec::with_capacity(2);
            role.push(phrase.start..positions[first]);
            if last < words.len() {
                role.push(positions[last]..phrase.end);
            }
            return SpeakerRanges {
                name: positions[first]..positions[last - 1] + 1,
                role,
            };
        }
    }
    if !words.iter().any(|word| is_role_head(word)) {
        return whole;
    }
    // An indefinite role with adjectives (مسؤول عسكري رفيع, ضابط عراقي
    // كبير) names nobody.
    let described_role = words.len() <= 3
        && is_construct_role(words[0])
        && words
            .get(1)
            .is_some_and(|second| second.ends_with('ي') && !has_article(second));
    if described_role {
        return whole;
    }
    // A role first, the name last: the last name-like word and, when it
    // reads as a first name, the one before it.
    let candidate = (1..words.len()).rev().find(|&index| {
        let previous = words[index - 1];
        let construct_role = is_construct_role(previous);
        // للجنة, بالوزارة: a preposition with the article, not a name.
        let prepositional = is_prepositional(words[index]);
        is_name_like(words[index])
            && !prepositional
            && !is_function_word(previous)
            && !construct_role
    });
    let Some(mut first) = candidate else {
        return whole;
    };

    let can_extend = |index: usize| {
        let previous = words[index];
        is_name_like(previous)
            && !["لا", "لل", "بال", "وال"]
                .iter()
                .any(|prefix| previous.starts_with(prefix))
            && (index == 0 || !is_function_word(words[index - 1]))
            && !(index > 0 && is_construct_role(words[index - 1]))
    };
    // عبد / أبو open a compound first name (عبد الله الحيالي): nothing
    // before them belongs to the name.
    let opens_compound = matches!(words[first], "عبد" | "ابو");
    // عبد الله محمد فلان: a compound first name (عبد/أبو and a word with
    // the article) before the name found joins it.
    let after_compound = first >= 2
        && !opens_compound
        && matches!(words[first - 2], "عبد" | "ابو")
        && has_article(words[first - 1])
        && (first == 2 || !is_function_word(words[first - 3]));
    if after_compound {
        first -= 2;
    } else if first > 1 && !opens_compound && can_extend(first - 1) {
        first -= 1;
        let connectors = ["عبد", "بن", "ابن", "ابو", "ام", "ولد", "بني"];
        if first > 1 && connectors.contains(&words[first]) && can_extend(first - 1) {
            first -= 1;
        }
    }
    // After a relative clause a lone word, or one that starts right after
    // the relative word, is the clause's own (المتحدث باسم القوات التي
    // تدعمها واشنطن): the phrase is a role with no name.
    let relative = words[..first]
        .iter()
        .position(|word| ["الذي", "التي", "الذين", "اللذين", "اللتين", "اللواتي"].contains(word));
    if relative.is_some_and(|relative| first + 1 == words.len() || first <= relative + 1) {
        return whole;
    }
    let role = std::iter::once(phrase.start..positions[first]).collect();
    // A prepositional object after the name is not part of it (أشادت
    // النائبة فلانة بالبرنامج).
    let mut last = words.len();
    while last > first + 1 && is_prepositional(words[last - 1]) {
        last -= 1;
    }
    let end = if last == words.len() {
        phrase.end
    } else {
        positions[last - 1] + 1
    };
    SpeakerRanges {
        name: positions[first]..end,
        role,
    }
}

/// A word with a preposition and the article (بالبرنامج, للجنة).
fn is_prepositional(word: &str) -> bool {
    ["بال", "لل"].iter().any(|prefix| word.starts_with(prefix))
}

#[cfg(test)]
#[path = "speakers_tests.rs"]
mod tests;
