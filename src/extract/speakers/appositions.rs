//! Speakers set off by commas: a name after its role (`رئيس الهيئة، سامي
//! فريد، إن`) and a description after a name (`هيلين مورتون، المحللة لدى
//! …، أن`). Token ranges only, like the rest of `speakers`.

use super::{has_article, is_date_word, is_function_word, is_name_like, is_role_head, word};
use crate::extract::cues::{TITLES, is_complementizer, is_in, is_reporting_verb};
use crate::extract::tokens::{Break, Token, TokenKind};

/// Words set off by commas that are asides, not names: `قال، حينها، إن`.
static ASIDES: crate::extract::wordlist::WordList = crate::extract::wordlist::WordList::new(&[
    "حينها",
    "حينذاك",
    "وقتها",
    "ايضا",
    "كذلك",
    "بدوره",
    "بدورها",
    "بدورهم",
    "امس",
    "اليوم",
    "مجددا",
    "سابقا",
    "لاحقا",
    "صباحا",
    "مساء",
    "جهته",
    "جهتها",
    "بالمقابل",
]);

pub(super) fn is_comma(token: &Token) -> bool {
    token.kind == TokenKind::Punct && matches!(token.folded.as_ref(), "،" | ",")
}

/// When the subject `start..comma` holds a role and one to four name-like
/// words follow between `comma` and a second comma on the same line: the
/// index after the second comma (`رئيس الهيئة الوطنية للانتخابات، سامي
/// فريد، إن`).
pub(super) fn apposition_end(tokens: &[Token], start: usize, comma: usize) -> Option<usize> {
    let before = |test: fn(&str) -> bool| (start..comma).any(|i| word(tokens, i).is_some_and(test));
    // A role with no name yet; after `اللواء سعد معن،` the name is there.
    if !is_comma(&tokens[comma]) || !before(is_role_head) || before(|w| TITLES.contains(w)) {
        return None;
    }
    let mut index = comma + 1;
    while index < tokens.len() && index - comma <= 5 {
        let token = &tokens[index];
        if token.break_before >= Break::Line {
            return None;
        }
        if is_comma(token) {
            let words = index - comma - 1;
            return (1..=4).contains(&words).then_some(index + 1);
        }
        let folded = token.folded.as_ref();
        // A family name may carry the article (حازم الشربيني); the first
        // word may not (`، المحللة لدى …،` is a role, not a name).
        let first_word = index == comma + 1;
        let name_word = token.kind == TokenKind::Word
            && (is_name_like(folded) || !first_word && has_article(folded))
            && !is_role_head(folded)
            && !is_function_word(folded)
            && !is_date_word(folded)
            && !is_in(folded, &ASIDES)
            && !is_complementizer(folded)
            && !is_reporting_verb(folded);
        if !name_word {
            return None;
        }
        index += 1;
    }
    None
}

/// When the subject `start..comma` is a bare name and a description set off
/// by commas follows it, right before `أن` / `إن`: the index after the
/// second comma (`هيلين مورتون، المحللة لدى مجموعة …، أن`).
pub(super) fn description_end(tokens: &[Token], start: usize, comma: usize) -> Option<usize> {
    let name_words = comma - start;
    let bare_name = (1..=4).contains(&name_words)
        && word(tokens, start).is_some_and(is_name_like)
        && (start..comma).all(|i| word(tokens, i).is_some_and(|w| !is_role_head(w)));
    if !is_comma(&tokens[comma]) || !bare_name || !word(tokens, comma + 1).is_some_and(has_article)
    {
        return None;
    }
    let mut index = comma + 1;
    while index < tokens.len() && index - comma <= 10 {
        let token = &tokens[index];
        if token.break_before >= Break::Line {
            return None;
        }
        if is_comma(token) {
            let follows = word(tokens, index + 1).is_some_and(is_complementizer);
            return (follows && index > comma + 1).then_some(index + 1);
        }
        let folded = token.folded.as_ref();
        if token.kind != TokenKind::Word
            || is_reporting_verb(folded)
            || is_date_word(folded)
            || is_in(folded, &ASIDES)
        {
            return None;
        }
        index += 1;
    }
    None
}
