//! Pairs quotation marks into quotations: "…", “…”, «…», „…“, the broken
//! pairs real pages contain (“…″, ”…”), quotes that never close before the
//! line ends, and quotes that run on across a blank line.
//!
//! It only finds where quoted text is; it does not decide whether a quote is
//! a statement or a scare quote, nor who said it. One linear pass over the
//! tokens, no backtracking.

use super::cues::is_participle_cue;
use super::tokens::{Break, Token, TokenKind};

/// One quotation, as token indices.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Quote {
    /// The opening mark.
    pub open: usize,
    /// The closing mark, when there is one.
    pub close: Option<usize>,
    /// First content token.
    pub first: usize,
    /// One past the last content token (`first == end` for an empty quote).
    pub end: usize,
}

fn is_quote_mark(character: char) -> bool {
    matches!(character, '"' | '“' | '”' | '«' | '»' | '„' | '‟' | '″' | '〞' | '〝' | '＂')
}

fn quote_char(tokens: &[Token], index: usize) -> Option<char> {
    tokens.get(index).and_then(Token::punct).filter(|&character| is_quote_mark(character))
}

/// Single letters that cling to a following word (لـ"…", بـ”…”).
fn is_proclitic(token: &Token) -> bool {
    token.kind == TokenKind::Word && matches!(token.folded.as_str(), "ل" | "ب" | "و" | "ف" | "ك")
}

/// A mark with space (or a proclitic) before it and a word right after it.
fn looks_like_opener(tokens: &[Token], index: usize) -> bool {
    let Some(token) = tokens.get(index) else { return false };
    let free_before = token.break_before != Break::Attached
        || index == 0
        || tokens.get(index - 1).is_some_and(|previous| is_proclitic(previous) || previous.kind == TokenKind::Punct);
    let attached_after = tokens
        .get(index + 1)
        .is_some_and(|next| next.break_before == Break::Attached && next.kind != TokenKind::Punct);
    free_before && attached_after
}

/// A mark right after a word with space or punctuation after it.
fn looks_like_closer(tokens: &[Token], index: usize) -> bool {
    let Some(token) = tokens.get(index) else { return false };
    let attached_before = token.break_before == Break::Attached && index > 0;
    let free_after = tokens.get(index + 1).is_none_or(|next| next.break_before != Break::Attached || next.kind == TokenKind::Punct);
    attached_before && free_after
}

fn can_open(character: char) -> bool {
    !matches!(character, '»' | '″')
}

fn closes(opener: char, character: char) -> bool {
    match opener {
        '«' => character == '»',
        '„' => matches!(character, '“' | '”' | '"'),
        _ => matches!(character, '"' | '”' | '″' | '“' | '〞' | '＂'),
    }
}

/// Whether a quote opened with `opener` is one a new opener-looking mark
/// may implicitly end (symmetric marks only: guillemets nest).
fn is_symmetric(opener: char) -> bool {
    !matches!(opener, '«' | '„')
}

/// Finds the quotations in a token stream.
pub fn find_quotes(tokens: &[Token]) -> Vec<Quote> {
    let mut quotes = Vec::new();
    let mut open: Option<(usize, char)> = None;
    let mut guillemet_depth = 0usize;
    let mut index = 0;
    while index < tokens.len() {
        if let Some((open_index, _)) = open {
            let starts_new_line = index > open_index + 1 && tokens[index].break_before >= Break::Line;
            if starts_new_line && !runs_on(tokens, index) {
                quotes.push(implicit_quote(tokens, open_index, index));
                open = None;
                guillemet_depth = 0;
            }
        }
        let Some(character) = quote_char(tokens, index) else {
            index += 1;
            continue;
        };
        match open {
            None => {
                if can_open(character) && !(looks_like_closer(tokens, index) && character != '«') {
                    open = Some((index, character));
                    guillemet_depth = usize::from(character == '«');
                }
            }
            Some((open_index, opener)) => {
                if opener == '«' && character == '«' {
                    guillemet_depth += 1;
                } else if closes(opener, character)
                    && !(is_symmetric(opener) && looks_like_opener(tokens, index) && !looks_like_closer(tokens, index) && character != '»' && opener_is_stale(tokens, open_index, index))
                {
                    if opener == '«' && guillemet_depth > 1 {
                        guillemet_depth -= 1;
                    } else {
                        quotes.push(Quote { open: open_index, close: Some(index), first: open_index + 1, end: index });
                        open = None;
                        guillemet_depth = 0;
                    }
                } else if is_symmetric(opener) && can_open(character) && looks_like_opener(tokens, index) {
                    quotes.push(implicit_quote(tokens, open_index, index));
                    open = Some((index, character));
                }
            }
        }
        index += 1;
    }
    if let Some((open_index, _)) = open {
        quotes.push(implicit_quote(tokens, open_index, tokens.len()));
    }
    quotes
}

/// Whether an open quote has already run past the end of a sentence that
/// is followed by a new reporting clause, so that a mark looking like an
/// opener starts a new quote rather than closing the old one.
fn opener_is_stale(tokens: &[Token], open_index: usize, index: usize) -> bool {
    implicit_quote(tokens, open_index, index).end < index
}

/// A quote that never closed before `limit`: it ends at `limit`, or earlier
/// at a sentence end followed by a participle cue (".. مضيفا", ". مشيرا").
fn implicit_quote(tokens: &[Token], open_index: usize, limit: usize) -> Quote {
    let first = open_index + 1;
    let mut end = limit;
    for index in first..limit {
        let is_sentence_end = tokens[index].punct().is_some_and(|c| matches!(c, '.' | '!' | '?' | '؟' | '…'));
        if !is_sentence_end {
            continue;
        }
        let mut next = index + 1;
        while next < limit && tokens[next].kind == TokenKind::Punct && !quote_char(tokens, next).is_some() {
            next += 1;
        }
        if next < limit && tokens[next].kind == TokenKind::Word && is_participle_cue(&tokens[next].folded) {
            end = index;
            break;
        }
    }
    Quote { open: open_index, close: None, first, end }
}

/// At the start of a line inside an open quote: whether the quote runs on
/// into this line (its first mark closes rather than opens, and no
/// sentence in it starts with a new opener before that).
fn runs_on(tokens: &[Token], line_start: usize) -> bool {
    let mut index = line_start;
    let mut marks = Vec::new();
    while index < tokens.len() && (index == line_start || tokens[index].break_before < Break::Line) {
        if quote_char(tokens, index).is_some() {
            marks.push(index);
        }
        index += 1;
    }
    let Some(&first_mark) = marks.first() else { return false };
    if looks_like_opener(tokens, first_mark) && !looks_like_closer(tokens, first_mark) {
        return false;
    }
    looks_like_closer(tokens, first_mark) || marks.len() % 2 == 1
}

#[cfg(test)]
#[path = "quotes_tests.rs"]
mod tests;
