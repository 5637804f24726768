//! Stamp lines of a page: a date or time printed after a label that names
//! it (`تاريخ الإضافة: 2010-06-14 م 03:20`, `التاريخ: 05/07/2021`, `الوقت:
//! 10:45 ص`, `التحديث الأخير: 10:15`), a relative stamp (`قبل 3 ساعات`) and
//! a print page number (`الصفحة 7`). They are page furniture: they leave
//! the body, are never the headline, and a stamp that holds a date gives
//! the publication date when the page prints none other.
//!
//! Decision where the rule book is silent: a label is a stamp label when
//! all of its words (one to three) are date, time or page-event words and
//! one of them names a date, a time or an update (`تاريخ`, `التاريخ`,
//! `الوقت`, `التوقيت`, `التحديث`, `النشر`); what follows the colon must be
//! a date line or a time line and nothing else, bar furniture after a `|`.
//!
//! Pure text work on one line; it bails out on the line's length and bytes
//! before folding anything, and must not keep page state.

use super::date_lines::{date_line, has_digit, is_time_line};
use super::furniture::is_furniture_line;
use super::normalize::{fold_cow, number_value};
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

/// Page events that name a stamp by themselves (folded): `التحديث
/// الأخير:`.
const EVENT_NOUNS: &[&str] = &["التحديث", "تحديث", "النشر", "التعديل"];

/// Other words of a stamp label (folded): the page event it dates.
#[rustfmt::skip]
const STAMP_LABEL_WORDS: &[&str] = &[
    "الاضافه", "اضافه", "الادراج", "ادراج", "نشر", "تعديل", "الخبر", "المقال", "الماده", "اخر",
    "الاخير", "الارسال", "الاصدار",
];

/// Units of a `قبل 3 ساعات` stamp (folded).
#[rustfmt::skip]
const AGO_UNITS: &[&str] = &[
    "ساعه", "ساعات", "ساعتين", "ساعتان", "دقيقه", "دقايق", "دقيقتين", "يوم", "ايام", "يومين", "اسبوع",
];

/// Some(the date it prints, None for a time alone or no date) when `line`
/// is a labelled stamp line, a `قبل 3 ساعات` stamp or a page-number line
/// (`الصفحة 7`); None for any other line. A stamp may carry furniture after
/// a bar (`تاريخ الإضافة: … | عدد القراءات: 120`).
pub fn stamp_line(line: &str) -> Option<Option<Date>> {
    let trimmed = line.trim();
    // Paragraphs are refused on their length; every stamp has a digit
    // but `قبل ساعتين`.
    if trimmed.len() > LONGEST_STAMP_BYTES || !has_digit(trimmed) && !trimmed.starts_with("قبل")
    {
        return None;
    }
    let Some((first, rest)) = trimmed.split_once('|') else {
        return one_stamp(trimmed);
    };
    let date = one_stamp(first.trim())?;
    rest.split('|')
        .all(|part| one_stamp(part.trim()).is_some() || is_furniture_line(part))
        .then_some(date)
}

/// One stamp, with no bar.
fn one_stamp(trimmed: &str) -> Option<Option<Date>> {
    let Some((label, value)) = trimmed.split_once(':') else {
        return (is_ago_stamp(trimmed) || is_page_number(trimmed)).then_some(None);
    };
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

/// `قبل 3 ساعات`, `قبل ساعتين`: a relative time stamp.
fn is_ago_stamp(trimmed: &str) -> bool {
    if trimmed.len() > 40 || !trimmed.starts_with("قبل") {
        return false;
    }
    let folded = fold_cow(trimmed);
    match folded.split_whitespace().collect::<Vec<_>>().as_slice() {
        ["قبل", unit] => AGO_UNITS.contains(unit),
        ["قبل", number, unit] => number_value(number).is_some() && AGO_UNITS.contains(unit),
        _ => false,
    }
}

/// `الصفحة 7`, `صفحة 12`: a page number of the print edition.
fn is_page_number(trimmed: &str) -> bool {
    // `صفح` in the bytes before any folding.
    if trimmed.len() > 30 || !trimmed.contains("صفح") {
        return false;
    }
    let folded = fold_cow(trimmed);
    matches!(
        folded.split_whitespace().collect::<Vec<_>>().as_slice(),
        ["الصفحه" | "صفحه", number] if number_value(number).is_some()
    )
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
        if STAMP_NOUNS.contains(&folded.as_ref()) || EVENT_NOUNS.contains(&folded.as_ref()) {
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
