//! Speaker names in quotation marks: a quoted body that is the whole
//! subject (`كشفت "هيئة النزاهة" أن`), a short quoted name inside the
//! phrase (`زعيم حزب "التجديد" سالم`), and a longer quoted company name in
//! a role before a name set off by commas. Token ranges only.

use super::{
    SUBJECT_STOPS, apposition_end, has_article, is_comma, is_complementizer, is_in,
    starts_channel_phrase, word,
};
use crate::extract::tokens::{Break, Token};

/// The longest quoted speaker name, in words.
const MAX_QUOTED_SPEAKER_WORDS: usize = 6;

/// Whether the token at `index` is a quotation mark of any kind.
pub(super) fn is_quote_mark_at(tokens: &[Token], index: usize) -> bool {
    tokens
        .get(index)
        .and_then(Token::punct)
        .is_some_and(|c| matches!(c, '"' | '«' | '»' | '“' | '”' | '‹' | '›'))
}

/// When a quotation of one to six words opens at `open` and closes on the
/// same line, followed by a complementizer, a preposition or an adverb: the
/// index after its closing mark.
pub(super) fn quoted_speaker_end(tokens: &[Token], open: usize) -> Option<usize> {
    let is_mark = |index: usize| is_quote_mark_at(tokens, index);
    if !is_mark(open) {
        return None;
    }
    let close = (open + 2..open + 2 + MAX_QUOTED_SPEAKER_WORDS).find(|&index| is_mark(index))?;
    let inside_words = (open + 1..close).all(|index| {
        word(tokens, index).is_some_and(|inside| !is_complementizer(inside))
            && tokens[index].break_before < Break::Line
    });
    let next = close + 1;
    // A name reads as one: its first or second word carries the article
    // (`"النيابة العامة"`, `"هيئة النزاهة"`); words said (`"لن نتراجع"`)
    // are claimed only by a complementizer after them.
    let name_shaped = word(tokens, open + 1).is_some_and(has_article)
        || close > open + 2 && word(tokens, open + 2).is_some_and(has_article);
    let ends_subject = word(tokens, next).is_some_and(|after| {
        is_complementizer(after)
            || name_shaped
                && (is_in(after, &SUBJECT_STOPS)
                    || after == "في"
                    || after == "الي"
                    || after == "علي"
                    || starts_channel_phrase(tokens, next))
    });
    (inside_words && ends_subject).then_some(next)
}

/// When a quotation of one to three words starts at `open` and a plain word
/// follows it: the index after its closing mark.
pub(super) fn quoted_name_end(tokens: &[Token], open: usize) -> Option<usize> {
    let is_mark = |index: usize| is_quote_mark_at(tokens, index);
    if !is_mark(open) {
        return None;
    }
    let close = (open + 2..open + 5).find(|&index| is_mark(index))?;
    let inside_words = (open + 1..close).all(|index| word(tokens, index).is_some());
    // A comma after it may open an apposition (رئيس لائحة «…»، فلان،).
    let followed = word(tokens, close + 1)
        .is_some_and(|next| !is_in(next, &SUBJECT_STOPS) && !is_complementizer(next))
        || tokens.get(close + 1).is_some_and(is_comma);
    (inside_words && followed).then_some(close + 1)
}

/// `المدير العام لشركة "الأمل للنقل والخدمات"، فلان، إن`: a quoted
/// name of up to six words inside a role, when a name set off by commas
/// follows it; the index after its closing mark.
pub(super) fn quoted_body_before_apposition(
    tokens: &[Token],
    start: usize,
    open: usize,
) -> Option<usize> {
    if !is_quote_mark_at(tokens, open) {
        return None;
    }
    let close = (open + 2..open + 2 + MAX_QUOTED_SPEAKER_WORDS)
        .find(|&index| is_quote_mark_at(tokens, index))?;
    let inside_words = (open + 1..close).all(|index| word(tokens, index).is_some());
    let apposition = tokens.get(close + 1).is_some_and(is_comma)
        && apposition_end(tokens, start, close + 1).is_some();
    (inside_words && apposition).then_some(close + 1)
}
