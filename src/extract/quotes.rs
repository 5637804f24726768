//! Pairs quotation marks into quotations: "…", “…”, «…», „…“, the broken
//! pairs real pages contain (“…″, ”…”), quotes that never close before the
//! line ends, and quotes that run on across a blank line.
//!
//! It only finds where quoted text is; it does not decide whether a quote is
//! a statement or a scare quote, nor who said it. One linear pass over the
//! tokens, no backtracking.

use super::cues::{is_participle_cue, is_reporting_verb};
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
    matches!(
        character,
        '"' | '“' | '”' | '«' | '»' | '„' | '‟' | '″' | '〞' | '〝' | '＂' | '‹' | '›'
    )
}

fn quote_char(tokens: &[Token], index: usize) -> Option<char> {
    tokens
        .get(index)
        .and_then(Token::punct)
        .filter(|&character| is_quote_mark(character))
}

/// Single letters that cling to a following word (لـ"…", بـ”…”).
fn is_proclitic(token: &Token) -> bool {
    token.kind == TokenKind::Word && matches!(token.folded.as_ref(), "ل" | "ب" | "و" | "ف" | "ك")
}

/// A mark with space (or a proclitic) before it and a word right after it.
fn looks_like_opener(tokens: &[Token], index: usize) -> bool {
    let Some(token) = tokens.get(index) else {
        return false;
    };
    let free_before = token.break_before != Break::Attached
        || index == 0
        || tokens
            .get(index - 1)
            .is_some_and(|previous| is_proclitic(previous) || previous.kind == TokenKind::Punct);
    let attached_after = tokens
        .get(index + 1)
        .is_some_and(|next| next.break_before == Break::Attached && next.kind != TokenKind::Punct);
    free_before && attached_after
}

/// A mark right after a word with space or punctuation after it.
fn looks_like_closer(tokens: &[Token], index: usize) -> bool {
    let Some(token) = tokens.get(index) else {
        return false;
    };
    let attached_before = token.break_before == Break::Attached && index > 0;
    let free_after = tokens
        .get(index + 1)
        .is_none_or(|next| next.break_before != Break::Attached || next.kind == TokenKind::Punct);
    attached_before && free_after
}

fn can_open(character: char) -> bool {
    !matches!(character, '»' | '″' | '›')
}

fn closes(opener: char, character: char) -> bool {
    match opener {
        '«' => character == '»',
        '‹' => character == '›',
        '„' => matches!(character, '“' | '”' | '"'),
        _ => matches!(character, '"' | '”' | '″' | '“' | '〞' | '＂'),
    }
}

/// Whether a quote opened with `opener` is one a new opener-looking mark
/// may implicitly end (symmetric marks only: guillemets nest).
fn is_symmetric(opener: char) -> bool {
    !matches!(opener, '«' | '„' | '‹')
}

/// A quotation still open while scanning.
#[derive(Debug, Clone, Copy)]
struct OpenQuote {
    index: usize,
    opener: char,
    /// The first sentence end inside it that is followed by a participle
    /// cue: where it ends if it never closes.
    stale_at: Option<usize>,
}

impl OpenQuote {
    fn new(index: usize, opener: char) -> Self {
        OpenQuote {
            index,
            opener,
            stale_at: None,
        }
    }

    /// The quote ended without a closing mark before `limit`.
    fn implicit(&self, limit: usize) -> Quote {
        let end = self
            .stale_at
            .filter(|&stale| stale < limit)
            .unwrap_or(limit);
        Quote {
            open: self.index,
            close: None,
            first: self.index + 1,
            end: end.max(self.index + 1),
        }
    }
}

/// Finds the quotations in a token stream.
pub fn find_quotes(tokens: &[Token]) -> Vec<Quote> {
    let mut quotes = Vec::new();
    let mut open: Option<OpenQuote> = None;
    let mut guillemet_depth = 0usize;
    for index in 0..tokens.len() {
        if let Some(current) = open {
            let starts_new_line =
                index > current.index + 1 && tokens[index].break_before >= Break::Line;
            if starts_new_line && !runs_on(tokens, index) {
                quotes.push(current.implicit(index));
                open = None;
                guillemet_depth = 0;
            }
        }
        if let Some(current) = open.as_mut()
            && current.stale_at.is_none()
            && ends_sentence_before_participle(tokens, index)
        {
            current.stale_at = Some(index);
        }
        let Some(character) = quote_char(tokens, index) else {
            continue;
        };
        match open {
            None => {
                if can_open(character) && !(looks_like_closer(tokens, index) && character != '«') {
                    open = Some(OpenQuote::new(index, character));
                    guillemet_depth = usize::from(character == '«');
                }
            }
            Some(current) => {
                let opener = current.opener;
                let new_opener = is_symmetric(opener)
                    && can_open(character)
                    && looks_like_opener(tokens, index)
                    && !looks_like_closer(tokens, index);
                if opener == '«' && character == '«' {
                    guillemet_depth += 1;
                } else if closes(opener, character) && !(new_opener && current.stale_at.is_some()) {
                    if opener == '«' && guillemet_depth > 1 {
                        guillemet_depth -= 1;
                    } else {
                        quotes.push(Quote {
                            open: current.index,
                            close: Some(index),
                            first: current.index + 1,
                            end: index,
                        });
                        open = None;
                        guillemet_depth = 0;
                    }
                } else if new_opener {
                    quotes.push(current.implicit(index));
                    open = Some(OpenQuote::new(index, character));
                }
            }
        }
    }
    if let Some(current) = open {
        quotes.push(current.implicit(tokens.len()));
    }
    quotes
}

/// A sentence end followed (within a few marks) by a participle cue:
/// ".. مضيفا", ". مشيرا".
fn ends_sentence_before_participle(tokens: &[Token], index: usize) -> bool {
    let is_sentence_end = tokens[index]
        .punct()
        .is_some_and(|c| matches!(c, '.' | '!' | '?' | '؟' | '…'));
    // `إن "…، مضيفا: "…"`: a comma before a participle that opens a new
    // quotation ends the unclosed one too.
    let is_comma = tokens[index].punct().is_some_and(|c| c == '،' || c == ',');
    if is_comma {
        return tokens.get(index + 1).is_some_and(|token| {
            token.kind == TokenKind::Word && is_participle_cue(&token.folded)
        }) && (index + 2..index + 4).any(|at| {
            quote_char(tokens, at).is_some()
                && tokens
                    .get(at - 1)
                    .is_some_and(|before| before.is_punct(':'))
        });
    }
    if !is_sentence_end {
        return false;
    }
    let mut next = index + 1;
    while next < tokens.len()
        && next < index + 4
        && tokens[next].kind == TokenKind::Punct
        && quote_char(tokens, next).is_none()
    {
        next += 1;
    }
    tokens
        .get(next)
        .is_some_and(|token| token.kind == TokenKind::Word && is_participle_cue(&token.folded))
}

/// At the start of a line inside an open quote: whether the quote runs on
/// into this line (its first mark closes rather than opens, and no
/// sentence in it starts with a new opener before that).
fn runs_on(tokens: &[Token], line_start: usize) -> bool {
    let mut index = line_start;
    let mut marks = Vec::new();
    while index < tokens.len() && (index == line_start || tokens[index].break_before < Break::Line)
    {
        if quote_char(tokens, index).is_some() {
            marks.push(index);
        }
        index += 1;
    }
    let Some(&first_mark) = marks.first() else {
        return false;
    };
    // A quote left open after a full stop, or a line that opens with a new
    // reporting verb, does not run on.
    let ended_sentence = line_start > 0
        && tokens[line_start - 1]
            .punct()
            .is_some_and(|c| matches!(c, '.' | '!' | '?' | '؟' | '…'));
    if ended_sentence || is_reporting_verb(&tokens[line_start].folded) {
        return false;
    }
    if looks_like_opener(tokens, first_mark) && !looks_like_closer(tokens, first_mark) {
        return false;
    }
    looks_like_closer(tokens, first_mark) || marks.len() % 2 == 1
}

#[cfg(test)]
#[path = "quotes_tests.rs"]
mod tests;
