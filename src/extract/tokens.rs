//! Splits text into word, number and punctuation tokens, each carrying its
//! folded form (for matching), its character span in the text it came from
//! (for reporting) and its byte offsets (for slicing the text directly).
//!
//! Tokens never own or alter the text: spans are [start, end) character
//! indices into the exact string given to `tokenize`. Tokenizing is a single
//! linear pass.

pub use super::folded::Folded;
use super::normalize::{Folder, fold_char_into, is_digit_char, is_word_char, number_value};
#[cfg(test)]
use plain::PlainRun;
use plain::plain_letters;

/// What a token is made of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    Word,
    Number,
    Punct,
}

/// How much white space separates a token from the previous one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Break {
    /// Directly attached to the previous token.
    Attached,
    /// Spaces or tabs only.
    Space,
    /// One line break.
    Line,
    /// A blank line (two or more line breaks) or the start of the text.
    Paragraph,
}

/// One token with its span in the source text.
#[derive(Debug, Clone)]
pub struct Token<'a> {
    pub kind: TokenKind,
    /// Folded form (see `normalize`); for punctuation the character itself.
    /// Borrowed from the text when folding leaves the token unchanged.
    pub folded: Folded<'a>,
    /// First character index in the source text.
    pub start: usize,
    /// One past the last character index in the source text.
    pub end: usize,
    /// First byte of the token in the source text.
    pub byte_start: usize,
    /// One past its last byte (slicing the text by bytes needs no
    /// character index).
    pub byte_end: usize,
    pub break_before: Break,
    /// The character of a punctuation token ('\0' for any other kind),
    /// kept apart so that reading it decodes nothing.
    mark: char,
}

impl Token<'_> {
    /// The numeric value of a number token.
    pub fn number(&self) -> Option<u32> {
        if self.kind == TokenKind::Number {
            number_value(&self.folded)
        } else {
            None
        }
    }

    /// The punctuation character of a punctuation token.
    #[inline]
    pub fn punct(&self) -> Option<char> {
        if self.kind == TokenKind::Punct {
            Some(self.mark)
        } else {
            None
        }
    }

    pub fn is_word(&self) -> bool {
        self.kind == TokenKind::Word
    }

    #[inline]
    pub fn is_punct(&self, character: char) -> bool {
        self.kind == TokenKind::Punct && self.mark == character
    }
}

/// Tokenizes a text; spans count characters of `text`.
pub fn tokenize(text: &str) -> Vec<Token<'_>> {
    let mut tokens: Vec<Token> = Vec::with_capacity(text.len() / 8);
    let classes = CharClasses::new();
    let mut state = FoldState::default();
    let mut pending_break = Break::Paragraph;
    let mut newlines = 0usize;
    // The next character to read, in bytes and in characters.
    let mut at = 0;
    let mut index = 0;
    let bytes = text.as_bytes();
    loop {
        // The common separator, read without decoding or classifying.
        if bytes.get(at) == Some(&b' ') {
            if pending_break == Break::Attached {
                pending_break = Break::Space;
            }
            at += 1;
            index += 1;
            continue;
        }
        let Some(character) = char_at(text, at) else {
            break;
        };
        let Some(kind) = classes.kind(character) else {
            if character == '\n' {
                newlines += 1;
                pending_break = match (pending_break, newlines) {
                    (Break::Paragraph, _) => Break::Paragraph,
                    (_, 1) => Break::Line,
                    _ => Break::Paragraph,
                };
            } else if pending_break == Break::Attached {
                pending_break = Break::Space;
            }
            at += character.len_utf8();
            index += 1;
            continue;
        };
        let (start, byte_start, break_before) = (index, at, pending_break);
        pending_break = Break::Attached;
        newlines = 0;
        state.start_token();
        at += character.len_utf8();
        index += 1;
        if kind != TokenKind::Punct {
            // A word or number runs on over characters of its kind.
            state.letter(text, byte_start, byte_start, character);
            loop {
                if kind == TokenKind::Word {
                    let plain = plain_letters(text.as_bytes(), at);
                    if plain.bytes > 0 {
                        state.copy_plain(text, at, at + plain.bytes);
                        at += plain.bytes;
                        index += plain.chars;
                    }
                }
                // A space ends the run (the outer loop reads it).
                if bytes.get(at) == Some(&b' ') {
                    break;
                }
                let Some(next) = char_at(text, at) else {
                    break;
                };
                if classes.kind(next) != Some(kind) {
                    break;
                }
                state.letter(text, byte_start, at, next);
                at += next.len_utf8();
                index += 1;
            }
        }
        let token = Pending {
            kind,
            first: character,
            start,
            end: index,
            byte_start,
            byte_end: at,
            break_before,
        };
        push_token(&mut tokens, text, token, state.folded());
    }
    tokens
}

/// The character at byte `at` of `text` (a character boundary), decoded
/// inline for one- and two-byte characters.
#[inline(always)]
fn char_at(text: &str, at: usize) -> Option<char> {
    let bytes = text.as_bytes();
    let first = *bytes.get(at)?;
    if first < 0x80 {
        return Some(char::from(first));
    }
    if first & 0xE0 == 0xC0
        && let Some(&second) = bytes.get(at + 1)
    {
        return char::from_u32((u32::from(first & 0x1F) << 6) | u32::from(second & 0x3F));
    }
    text.get(at..)?.chars().next()
}

/// The kind of token a character belongs to (`None`: white space), with
/// the Arabic block read from a table.
#[derive(Clone, Copy)]
struct CharClasses {
    arabic: &'static [Option<TokenKind>; 256],
}

impl CharClasses {
    fn new() -> Self {
        Self {
            arabic: &ARABIC_KINDS,
        }
    }

    #[inline]
    fn kind(self, character: char) -> Option<TokenKind> {
        let code = character as u32;
        if code < 0x80 {
            return match code as u8 {
                b'0'..=b'9' => Some(TokenKind::Number),
                b'a'..=b'z' | b'A'..=b'Z' => Some(TokenKind::Word),
                b' ' | b'\t'..=b'\r' => None,
                _ => Some(TokenKind::Punct),
            };
        }
        if (0x0600..0x0700).contains(&code) {
            return self.arabic[(code - 0x0600) as usize];
        }
        kind_of(character)
    }
}

/// The kind of token a character belongs to (`None`: white space).
fn kind_of(character: char) -> Option<TokenKind> {
    if is_digit_char(character) {
        Some(TokenKind::Number)
    } else if is_word_char(character) {
        Some(TokenKind::Word)
    } else if character.is_whitespace() || character == '\u{00A0}' {
        None
    } else {
        Some(TokenKind::Punct)
    }
}

/// `kind_of` for the Arabic block U+0600–U+06FF, computed once.
static ARABIC_KINDS: std::sync::LazyLock<[Option<TokenKind>; 256]> =
    std::sync::LazyLock::new(|| {
        let mut table = [None; 256];
        for (offset, slot) in table.iter_mut().enumerate() {
            *slot = char::from_u32(0x0600 + offset as u32).and_then(kind_of);
        }
        table
    });

/// The folded form of the token being read: written only once folding
/// has changed one of its characters; until then the folded form is the
/// token's own text (buffers reused from token to token).
#[derive(Default)]
struct FoldState {
    folder: Folder,
    folded: String,
    changed: bool,
    /// The fold of a character outside ASCII and the Arabic block.
    other: String,
}

impl FoldState {
    fn start_token(&mut self) {
        self.folded.clear();
        self.changed = false;
    }

    /// The folded form when it differs from the token's text.
    fn folded(&self) -> Option<&str> {
        self.changed.then_some(self.folded.as_str())
    }

    /// Keeps the letters in bytes [from, to) of `text`, which all fold to
    /// themselves (`plain_letters`).
    #[inline(always)]
    fn copy_plain(&mut self, text: &str, from: usize, to: usize) {
        if self.changed {
            self.folded.push_str(text.get(from..to).unwrap_or_default());
        }
    }

    /// Folds one character (at byte `byte`) of the token starting at byte
    /// `token_start`; a letter that folds to itself costs a table read.
    #[inline(always)]
    fn letter(&mut self, text: &str, token_start: usize, byte: usize, character: char) {
        match self.folder.block_char(character) {
            Some(Some(part)) if part == character => {
                if self.changed {
                    self.folded.push(part);
                }
            }
            // An ASCII or Arabic-block letter folding to another one.
            Some(Some(part)) => {
                self.start_changed(text, token_start, byte);
                self.folded.push(part);
            }
            _ => self.other_letter(text, token_start, byte, character),
        }
    }

    /// `letter` for a character that folding drops, or that lies outside
    /// ASCII and the Arabic block.
    #[inline(never)]
    fn other_letter(&mut self, text: &str, token_start: usize, byte: usize, character: char) {
        let single = match self.folder.block_char(character) {
            Some(single) => single,
            None => {
                self.other.clear();
                fold_char_into(character, |part| self.other.push(part));
                let mut parts = self.other.chars();
                match (parts.next(), parts.next()) {
                    (None, _) => None,
                    (Some(part), None) => Some(part),
                    (Some(_), Some(_)) => {
                        self.start_changed(text, token_start, byte);
                        self.folded.push_str(&self.other);
                        return;
                    }
                }
            }
        };
        match single {
            Some(part) if part == character => {
                if self.changed {
                    self.folded.push(part);
                }
            }
            _ => {
                self.start_changed(text, token_start, byte);
                if let Some(part) = single {
                    self.folded.push(part);
                }
            }
        }
    }

    /// Copies the token's text before `byte` into `folded` the first time
    /// a character of the token folds to something else.
    fn start_changed(&mut self, text: &str, token_start: usize, byte: usize) {
        if !self.changed {
            self.folded.clear();
            self.folded
                .push_str(text.get(token_start..byte).unwrap_or_default());
            self.changed = true;
        }
    }
}

/// A token being read: its kind and spans, in characters and in bytes.
struct Pending {
    kind: TokenKind,
    /// Its first character.
    first: char,
    start: usize,
    end: usize,
    byte_start: usize,
    byte_end: usize,
    break_before: Break,
}

/// Adds a token; `folded` is its folded form when that differs from its
/// text (None: the token folds to itself).
fn push_token<'a>(
    tokens: &mut Vec<Token<'a>>,
    text: &'a str,
    token: Pending,
    folded: Option<&str>,
) {
    let source = &text[token.byte_start..token.byte_end];
    let folded = match folded {
        None => Folded::Borrowed(source),
        // A word made only of dropped marks (a lone tatweel) carries nothing.
        Some("") if token.kind == TokenKind::Word => return,
        Some(folded) if folded == source => Folded::Borrowed(source),
        Some(folded) => Folded::changed(folded),
    };
    tokens.push(Token {
        kind: token.kind,
        folded,
        start: token.start,
        end: token.end,
        byte_start: token.byte_start,
        byte_end: token.byte_end,
        break_before: token.break_before,
        mark: if token.kind == TokenKind::Punct {
            token.first
        } else {
            '\0'
        },
    });
}

mod clitics;
#[cfg(test)]
pub use clitics::clitic_forms;
pub(super) use clitics::long_enough;
pub use clitics::{
    find_clitic_form, find_stripped_form, has_clitic_form, lookup_with_clitics, matches_any,
};

mod plain;

#[cfg(test)]
#[path = "tokens_tests.rs"]
mod tests;
