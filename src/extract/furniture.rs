//! Short lines of page furniture that news sites print around the text and
//! that must leave the body wherever they stand: comment, view and read
//! counters (`3 تعليقات`, `تعليقات (4)`, `قرأ 1520 مرة`, `عدد المشاهدات:
//! …`), tag and keyword lines (`وسوم: …`, `الكلمات المفتاحية: …`), credit
//! lines of the desk (`تحرير: …`, `متابعة: …`), photo captions opened by
//! their label (`صورة أرشيفية …`, `(صورة: وام) …`), newspaper edition
//! lines (`العدد 2828`, `السنة الخامسة - العدد …`) and `آخر تحديث:` lines.
//!
//! Decisions where the rule book is silent: a desk credit (`تحرير: فلان`)
//! is furniture anywhere on the page when one to four words follow its
//! colon; a line opened by a photo label in parentheses is a caption even
//! when a sentence follows the parentheses; a counter line is furniture
//! only when it is short (five words at most).
//!
//! Pure text work on one line; it decides on the first word and the line's
//! length, folding at most that word, and must not keep page state or read
//! datelines (that is `openings` and `datelines`).

use super::date_lines::date_line;
use super::normalize::fold_cow;
use jiff::civil::Date;
use std::borrow::Cow;

/// The longest line (in bytes) that can be furniture: a tag line of some
/// thirty words. Paragraphs are longer and are refused unread.
const LONGEST_FURNITURE_BYTES: usize = 420;

/// Nouns that a number counts on a counter line (folded): `3 تعليقات`.
#[rustfmt::skip]
const COUNTED_NOUNS: &[&str] = &[
    "تعليق", "تعليقات", "تعليقا", "مشاهده", "مشاهدات", "قراءه", "قراءات", "زياره", "زيارات", "مشاركه",
    "مشاركات", "اعجاب", "views", "comments",
];

/// First words of a counter line that a number follows (folded):
/// `قرأ 1520 مرة`, `تعليقات (4)`.
#[rustfmt::skip]
const COUNTER_STARTS: &[&str] = &[
    "قرا", "قري", "شوهد", "شوهدت", "تعليقات", "التعليقات", "المشاهدات", "القراءات", "مشاهدات", "الزيارات",
];

/// What follows `عدد` on a counter line (folded): `عدد المشاهدات`.
const COUNT_OF: &[&str] = &[
    "المشاهدات",
    "القراءات",
    "الزيارات",
    "التعليقات",
    "القراء",
    "الزوار",
];

/// Labels of tag and keyword lines (folded, before the colon).
#[rustfmt::skip]
const TAG_LABELS: &[&str] = &[
    "وسوم", "الوسوم", "الكلمات المفتاحيه", "كلمات مفتاحيه", "الكلمات الدلاليه", "كلمات دلاليه", "اوسمه",
    "الاوسمه", "tags", "keywords", "مواضيع", "المواضيع",
];

/// Labels of desk credit lines (folded, before the colon).
#[rustfmt::skip]
const DESK_LABELS: &[&str] = &[
    "تحرير", "تدقيق", "مراجعه", "اعداد", "متابعه", "كتب", "كتبت", "بقلم", "تصوير", "ترجمه", "المحرر",
    "المحرره", "الكاتب", "الكاتبه", "editor", "by",
];

/// Labels that open a photo caption in parentheses (folded): `(صورة: …)`.
const PHOTO_LABELS: &[&str] = &["صوره", "الصوره", "تصوير", "بعدسه", "photo"];

/// Whether `line` is a furniture line of this module (see the module
/// comment). `آخر تحديث:` lines are furniture too; read their date with
/// `last_update_line`.
pub fn is_furniture_line(line: &str) -> bool {
    let trimmed = line.trim();
    if trimmed.is_empty() || trimmed.len() > LONGEST_FURNITURE_BYTES {
        return false;
    }
    let Some(first) = trimmed.split_whitespace().next() else {
        return false;
    };
    if first.starts_with(|c: char| c.is_ascii_digit()) {
        return is_number_counter(trimmed);
    }
    if first.starts_with('(') {
        return is_parenthesized_caption(trimmed) || is_parenthesized_counter(trimmed);
    }
    if let Some((label, rest)) = trimmed.split_once(':')
        && label.len() <= 40
    {
        let label = fold_cow(label.trim());
        let label = collapse(&label);
        // The words after the colon are counted only for a known label:
        // most colons on a page follow a speaker's verb.
        if TAG_LABELS.contains(&label.as_ref()) {
            return rest.split_whitespace().next().is_some();
        }
        if DESK_LABELS.contains(&label.as_ref()) {
            return (1..=4).contains(&rest.split_whitespace().take(5).count())
                && !ends_sentence(rest);
        }
        if label.starts_with("عدد ") {
            return is_count_of(&label, trimmed);
        }
        if is_last_update_label(&label) {
            return count_words(trimmed) <= 14;
        }
    }
    // Every first word asked about below is short: a longer one is the
    // text, refused before folding.
    if first.len() > 24 {
        return false;
    }
    let first_folded = fold_cow(first.trim_end_matches(':'));
    let first_folded = first_folded.as_ref();
    match first_folded {
        "قرا" | "قري" | "شوهد" | "شوهدت" | "تعليقات" | "التعليقات" | "المشاهدات" | "القراءات"
        | "مشاهدات" | "الزيارات" => {
            COUNTER_STARTS.contains(&first_folded)
                && count_words(trimmed) <= 5
                && trimmed.chars().any(|c| c.is_ascii_digit())
        }
        "عدد" => is_count_of(&collapse(&fold_cow(trimmed)), trimmed),
        "صوره" => is_archive_caption(trimmed),
        // `بقلم سامية علي` without a colon: a byline of two to four words.
        "بقلم" => (3..=5).contains(&count_words(trimmed)) && !ends_sentence(trimmed),
        "العدد" | "السنه" => is_edition_line(trimmed),
        _ => false,
    }
}

/// `آخر تحديث: 8 أيار 2016 الساعة 10:01`: Some(the date, when it reads)
/// for a last-update line, None for any other line.
pub fn last_update_line(line: &str) -> Option<Option<Date>> {
    let trimmed = line.trim();
    if trimmed.len() > LONGEST_FURNITURE_BYTES {
        return None;
    }
    let (label, rest) = trimmed.split_once(':')?;
    if label.len() > 40 || !is_last_update_label(&collapse(&fold_cow(label.trim()))) {
        return None;
    }
    if count_words(trimmed) > 14 {
        return None;
    }
    // The hour after `الساعة` is no part of the date.
    let date_part = rest.split("الساعة").next().unwrap_or(rest);
    Some(date_line(date_part).or_else(|| date_line(rest)))
}

fn is_last_update_label(folded_label: &str) -> bool {
    matches!(folded_label, "اخر تحديث" | "اخر تعديل" | "تاريخ التحديث")
}

/// `3 تعليقات`, `12 تعليقا`, `2,310 مشاهدة`.
fn is_number_counter(trimmed: &str) -> bool {
    let mut words = trimmed.split_whitespace();
    let number = words.next().unwrap_or_default();
    if !number
        .chars()
        .all(|c| c.is_ascii_digit() || c == ',' || c == '.')
    {
        return false;
    }
    let Some(noun) = words.next() else {
        return false;
    };
    count_words(trimmed) <= 4 && COUNTED_NOUNS.contains(&fold_cow(noun).as_ref())
}

/// `(3) تعليقات`.
fn is_parenthesized_counter(trimmed: &str) -> bool {
    let Some((number, noun)) = trimmed
        .strip_prefix('(')
        .and_then(|rest| rest.split_once(')'))
    else {
        return false;
    };
    let noun = noun.trim();
    !number.is_empty()
        && number.chars().all(|c| c.is_ascii_digit())
        && noun.split_whitespace().count() == 1
        && COUNTED_NOUNS.contains(&fold_cow(noun).as_ref())
}

/// `عدد المشاهدات: 2,310`, `عدد القراءات 850`.
fn is_count_of(folded_collapsed: &str, trimmed: &str) -> bool {
    let Some(rest) = folded_collapsed.strip_prefix("عدد ") else {
        return false;
    };
    let noun = rest
        .split(|c: char| c.is_whitespace() || c == ':')
        .next()
        .unwrap_or_default();
    COUNT_OF.contains(&noun) && count_words(trimmed) <= 6
}

/// `(صورة: وام) مركبة …`, `(الصورة: أرشيف)`.
fn is_parenthesized_caption(trimmed: &str) -> bool {
    let Some(close) = trimmed.find(')') else {
        return false;
    };
    let inner = &trimmed[1..close];
    let label = inner.split([':', ' ', '/']).next().unwrap_or_default();
    PHOTO_LABELS.contains(&fold_cow(label.trim()).as_ref())
        && inner.contains(':')
        && count_words(trimmed) <= 30
}

/// `صورة أرشيفية لمحطة …`, `صورة من الأرشيف`.
fn is_archive_caption(trimmed: &str) -> bool {
    let mut words = trimmed.split_whitespace();
    let _label = words.next();
    let second = words.next().map(fold_cow).unwrap_or_default();
    let archive = ["ارشيف", "تعبيري", "توضيحي", "متداول"]
        .iter()
        .any(|kind| second.starts_with(kind))
        || (second == "من" && words.next().is_some_and(|w| fold_cow(w).contains("ارشيف")));
    archive && count_words(trimmed) <= 25 && !trimmed.ends_with(':')
}

/// `العدد 2828`, `السنة الخامسة - العدد 1500`.
fn is_edition_line(trimmed: &str) -> bool {
    let words = count_words(trimmed);
    if words > 8 {
        return false;
    }
    let folded = fold_cow(trimmed);
    let Some(at) = folded.find("العدد") else {
        return false;
    };
    let after = folded[at + "العدد".len()..].trim_start_matches([' ', ':']);
    let digits = after.len() - after.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    // `العدد 2828 - الأحد …`: only a separator or the end after the number.
    let then = after[digits..].trim_start();
    digits > 0
        && (then.is_empty() || then.starts_with(['-', '–', '|', '/', '،', ',', '(']))
        && (at == 0 || folded.starts_with("السنه"))
        && !ends_sentence(trimmed)
}

fn ends_sentence(text: &str) -> bool {
    text.trim_end().ends_with(['.', '!', '?', '؟', '،'])
}

fn count_words(text: &str) -> usize {
    text.split_whitespace().count()
}

/// Folded text with white space runs made one space (borrowed when it
/// already is: most labels are one word).
fn collapse(folded: &str) -> Cow<'_, str> {
    // A leading space counts as one after a space.
    let mut after_space = true;
    for character in folded.chars() {
        if character.is_whitespace() {
            if character != ' ' || after_space {
                return Cow::Owned(folded.split_whitespace().collect::<Vec<_>>().join(" "));
            }
            after_space = true;
        } else {
            after_space = false;
        }
    }
    if after_space && !folded.is_empty() {
        return Cow::Owned(folded.split_whitespace().collect::<Vec<_>>().join(" "));
    }
    Cow::Borrowed(folded)
}

#[cfg(test)]
#[path = "furniture_tests.rs"]
mod tests;
