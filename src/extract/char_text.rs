//! A text addressed by character index: the engine counts every span in
//! characters, and this turns a character range into the `&str` it covers
//! without copying the text into a `Vec<char>`.
//!
//! Built once per body in one pass over its bytes (a count of characters
//! per 16-byte block); a lookup is a binary search over the blocks and a
//! walk of at most one block. It only reads the text: it must not fold,
//! tokenize or own it.

use std::ops::Range;

/// Bytes per block of the character index.
const BLOCK: usize = 16;

/// A borrowed text with a character-index lookup.
#[derive(Debug, Clone)]
pub struct CharText<'a> {
    text: &'a str,
    /// For each block, the number of characters before it; then the total.
    chars_before_block: Vec<u32>,
}

/// Whether a byte starts a character (is not a UTF-8 continuation byte).
#[inline]
fn starts_char(byte: u8) -> bool {
    (byte as i8) >= -0x40
}

/// The number of UTF-8 continuation bytes among the eight bytes of
/// `block` from `at` (0 when they are not all there).
#[inline(always)]
fn continuations_in(block: &[u8], at: usize) -> u32 {
    let mut eight = [0u8; 8];
    if let Some(bytes) = block.get(at..at + 8) {
        eight.copy_from_slice(bytes);
    }
    let word = u64::from_le_bytes(eight);
    (word & !(word << 1) & 0x8080_8080_8080_8080).count_ones()
}

/// The number of bytes of `bytes` that start a character, counted eight
/// bytes at a time: a continuation byte has its top bits 10.
fn chars_in(bytes: &[u8]) -> u32 {
    let mut words = bytes.chunks_exact(8);
    let mut count = 0;
    for word in words.by_ref() {
        let mut eight = [0u8; 8];
        eight.copy_from_slice(word);
        let word = u64::from_le_bytes(eight);
        let continuation = word & !(word << 1) & 0x8080_8080_8080_8080;
        count += 8 - continuation.count_ones();
    }
    let rest = words.remainder();
    count + rest.iter().filter(|&&byte| starts_char(byte)).count() as u32
}

impl<'a> CharText<'a> {
    pub fn new(text: &'a str) -> Self {
        let mut chars_before_block = Vec::with_capacity(text.len() / BLOCK + 2);
        let mut total = 0u32;
        let mut blocks = text.as_bytes().chunks_exact(BLOCK);
        for block in blocks.by_ref() {
            chars_before_block.push(total);
            let continuations = continuations_in(block, 0) + continuations_in(block, 8);
            total = total.saturating_add(BLOCK as u32 - continuations);
        }
        let rest = blocks.remainder();
        if !rest.is_empty() {
            chars_before_block.push(total);
            total = total.saturating_add(chars_in(rest));
        }
        chars_before_block.push(total);
        Self {
            text,
            chars_before_block,
        }
    }

    /// The whole text.
    pub fn as_str(&self) -> &'a str {
        self.text
    }

    /// The number of characters.
    pub fn char_count(&self) -> usize {
        self.chars_before_block
            .last()
            .map_or(0, |&total| total as usize)
    }

    /// The byte offset of character `index` (the text's length at or past
    /// its end).
    pub fn byte_of(&self, index: usize) -> usize {
        if index >= self.char_count() {
            return self.text.len();
        }
        let index = index as u32;
        // The block holding the character's first byte.
        let block = self
            .chars_before_block
            .partition_point(|&before| before <= index)
            .saturating_sub(1);
        let mut remaining = index - self.chars_before_block[block];
        let bytes = self.text.as_bytes();
        for (at, &byte) in bytes.iter().enumerate().skip(block * BLOCK) {
            if starts_char(byte) {
                if remaining == 0 {
                    return at;
                }
                remaining -= 1;
            }
        }
        self.text.len()
    }

    /// The text of a character range (clamped to the text).
    pub fn slice(&self, range: Range<usize>) -> &'a str {
        let start = self.byte_of(range.start);
        let end = self.byte_of(range.end).max(start);
        self.text.get(start..end).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slices_agree_with_a_vector_of_characters() {
        let long = "قال الوزير «إنّ ٢٠٢٤ عام» — ok ﻻ 😀 ".repeat(9);
        let texts = ["", "a", "أ", "abc", "😀é", long.as_str()];
        for text in texts {
            let chars: Vec<char> = text.chars().collect();
            let indexed = CharText::new(text);
            assert_eq!(indexed.char_count(), chars.len());
            assert_eq!(indexed.as_str(), text);
            for start in 0..=chars.len() + 1 {
                for end in start..=chars.len() + 1 {
                    let expected: String = chars[start.min(chars.len())..end.min(chars.len())]
                        .iter()
                        .collect();
                    assert_eq!(indexed.slice(start..end), expected, "{start}..{end}");
                }
            }
        }
    }
}
