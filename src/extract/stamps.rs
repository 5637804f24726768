//! Labelled stamp lines of a page: a date or time printed after a label
//! that names it (`تاريخ الإضافة: 2010-06-14 م 03:20`, `التاريخ:
//! 05/07/2021`, `الوقت: 10:45 ص`). They are page furniture: they leave the
//! body, are never the headline, and a stamp that holds a date gives the
//! publication date when the page prints none other.
//!
//! Decision where the rule book is silent: a label is a stamp label when
//! all of its words (one to three) are date, time or page-event words and
//! one of them names a date or a time (`تاريخ`, `التاريخ`, `الوقت`,
//! `التوقيت`); what follows the colon must be a date line or a time line
//! and nothing else.
//!
//! Pure text work on one line; it bails out on the line's length and bytes
//! before folding anything, and must not keep page state.

use super::date_lines::{date_line, has_digit, is_time_line};
use super::normalize::fold_cow;
use jiff::civil::Date;

/// The longest stamp line (bytes): a label and a date with a time.
const LONGEST_STAMP_BYTES: usize = 120;

/// The longest label before the colon (bytes).
const LONGEST_LABEL_BYTES: usize = 50;

/// Words that name a date or a time (folded); a stamp label holds one.
const STAMP_NOUNS: &[&str] = &[
    "تاريخ",
    "التاريخ",
    "الوقت",
    "وقت",
    "ووقت",
    "التوقيت",
    "توقيت",
];

/// Other words of a stamp label (folded): the page event it dates.
#[rustfmt::skip]
const STAMP_LABEL_WORDS: &[&str] = &[
    "الاضافه", "اضافه", "الادراج", "ادراج", "النشر", "نشر", "التحديث", "تحديث", "التعديل", "تعديل",
    "الخبر", "المقال", "الماده", "اخر", "الارسال", "الاصدار",
];

/// Some(the date it prints, None for a time alone) when `line` is a
/// labelled stamp line; None for any other line.
pub fn stamp_line(line: &str) -> Option<Option<Date>> {
    let trimmed = line.trim();
    // Paragraphs are refused on their length; a stamp has a colon and a
    // digit.
    if trimmed.len() > LONGEST_STAMP_BYTES || !trimmed.contains(':') || !has_digit(trimmed) {
        return None;
    }
    let (label, value) = trimmed.split_once(':')?;
    let label = label.trim();
    if label.is_empty() || label.len() > LONGEST_LABEL_BYTES || !is_stamp_label(label) {
        return None;
    }
    let value = value.trim();
    if let Some(date) = date_line(value) {
        return Some(Some(date));
    }
    is_time_line(value).then_some(None)
}

/// Whether every word of `label` (one to three) is a stamp word and one of
/// them names a date or a time.
fn is_stamp_label(label: &str) -> bool {
    let mut words = 0;
    let mut names_time = false;
    for word in label.split_whitespace() {
        words += 1;
        if words > 3 {
            return false;
        }
        let folded = fold_cow(word);
        if STAMP_NOUNS.contains(&folded.as_ref()) {
            names_time = true;
        } else if !STAMP_LABEL_WORDS.contains(&folded.as_ref()) {
            return false;
        }
    }
    names_time
}

#[cfg(test)]
#[path = "stamps_tests.rs"]
mod tests;
