//! Origin lines at the head of an article, on a line of their own: where
//! the copy was filed from and who printed it, in forms the dateline
//! readers (`datelines`, `openings`) do not take:
//!
//! - `صفاقس (خاص)`, `خاص - صفاقس`: a place and an exclusive or desk label,
//!   the dateline with no source;
//! - `سكاي نيوز عربية - أبوظبي` under the headline: an outlet, a dash, a
//!   place, giving source and dateline;
//! - `المصدر - وكالات`: a source label with a dash instead of a colon;
//! - `متابعات` alone: a desk label, giving nothing;
//! - `(وكالات)` or `المصدر - وكالات` on a line of its own after the text:
//!   the source.
//!
//! Decisions where the rule book is silent: in `X - PLACE` under the
//! headline, X is an outlet when it is a well-known one, when it says so
//! (an agency, or an outlet word such as `نيوز`, `أونلاين`, `عربية`, `تي
//! في`, `صحيفة`, `وكالة`), or when PLACE is a known place and X is no
//! place, one word or a name opened by the article `ال`; a name of two or
//! three words without such a word and without the article is a reporter's
//! byline and gives nothing. `خاص`, `حصري`, `متابعات` are labels, never a
//! source.
//!
//! Pure text work on one line; it bails out on the line's length before
//! folding anything, and must not keep page state.

use super::credits::is_agency;
use super::normalize::{fold_collapsed, is_word_char};
use super::openings::is_known_place;
use super::page_lines::{is_named_outlet, is_not_place};
use std::sync::OnceLock;

/// The longest origin line (bytes): a few words around a separator.
const LONGEST_ORIGIN_BYTES: usize = 100;

/// Labels in parentheses after a place that name no outlet (folded).
const EXCLUSIVE_LABELS: &[&str] = &["خاص", "حصري", "متابعات", "متابعه"];

/// Page labels that may stand before a dash and name no outlet (folded).
const PAGE_LABELS: &[&str] = &["عاجل", "فيديو", "صور", "تحديث", "محليات", "تقرير", "حوار"];

/// Words that make a name an outlet (folded).
#[rustfmt::skip]
const OUTLET_SHAPED: &[&str] = &[
    "نيوز", "اونلاين", "عربيه", "عربي", "تيفي", "صحيفه", "جريده", "وكاله", "قناه", "موقع",
    "بوابه", "برس", "نت", "اذاعه", "مجله", "الاخباري", "الاخباريه", "ميديا", "24",
];

/// Outlets often printed as `OUTLET - PLACE` whose names carry no outlet
/// word (as printed; folded on first use).
#[rustfmt::skip]
const KNOWN_OUTLETS: &[&str] = &[
    "الجزيرة", "العربية", "الحدث", "الميادين", "المنار", "الشرق الأوسط", "الحياة", "النهار", "الأخبار",
    "الأهرام", "اليوم السابع", "المصري اليوم", "الشروق", "الخليج", "البيان", "الاتحاد", "الرأي", "الغد",
    "الدستور", "عكاظ", "هسبريس", "القبس", "الراية", "الأيام", "المدى", "الصباح", "العرب", "الشرق",
    "الأنباء", "روسيا اليوم", "سي إن إن", "عرب 48", "فرانس 24",
];

fn known_outlets() -> &'static [String] {
    static OUTLETS: OnceLock<Vec<String>> = OnceLock::new();
    OUTLETS.get_or_init(|| {
        KNOWN_OUTLETS
            .iter()
            .map(|name| fold_collapsed(name))
            .collect()
    })
}

/// What an origin line gives: the dateline and the source ("" for none).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    pub dateline: String,
    pub source: String,
}

/// The origin `line` prints, if it is an origin line; `under_headline`:
/// the headline has been read (the `OUTLET - PLACE` form stands under it).
pub fn origin_line(line: &str, under_headline: bool) -> Option<Origin> {
    let trimmed = line.trim();
    if trimmed.is_empty() || trimmed.len() > LONGEST_ORIGIN_BYTES {
        return None;
    }
    if trimmed.ends_with(')') {
        return place_with_label(trimmed);
    }
    // `متابعات` alone: a desk label, no dateline and no source.
    if is_label_not_source(trimmed.trim_end_matches([':', '-', '–'])) {
        return Some(Origin {
            dateline: String::new(),
            source: String::new(),
        });
    }
    let (first, second) = split_dash(trimmed)?;
    if let Some(source) = dashed_source_label(first, second) {
        return Some(Origin {
            dateline: String::new(),
            source,
        });
    }
    // `خاص - صفاقس`: the label first, the dateline after it.
    if EXCLUSIVE_LABELS.contains(&fold_collapsed(first).as_str()) && is_place_shaped(second) {
        return Some(Origin {
            dateline: second.to_string(),
            source: String::new(),
        });
    }
    if under_headline {
        return outlet_then_place(first, second);
    }
    None
}

/// The credit a line after the text prints, on a line of its own:
/// `(وكالات)`, `(رويترز)` (an agency in parentheses), `المصدر - وكالات`.
pub fn closing_credit(line: &str) -> Option<String> {
    let trimmed = line.trim();
    if trimmed.is_empty() || trimmed.len() > LONGEST_ORIGIN_BYTES {
        return None;
    }
    if let Some(inner) = trimmed
        .strip_prefix('(')
        .and_then(|rest| rest.strip_suffix(')'))
    {
        let inner = inner.trim();
        let folded = fold_collapsed(inner);
        return (is_agency(&folded) || folded == "وكالات").then(|| inner.to_string());
    }
    let (label, name) = split_dash(trimmed)?;
    dashed_source_label(label, name)
}

/// Whether a source read off the page is only a label (`خاص`,
/// `متابعات`): the page then names no source.
pub fn is_label_not_source(source: &str) -> bool {
    source.len() <= 16 && EXCLUSIVE_LABELS.contains(&fold_collapsed(source).as_str())
}

/// `صفاقس (خاص)`: the dateline, no source.
fn place_with_label(trimmed: &str) -> Option<Origin> {
    let open = trimmed.rfind('(')?;
    let label = trimmed[open + 1..trimmed.len() - 1].trim();
    if !EXCLUSIVE_LABELS.contains(&fold_collapsed(label).as_str()) {
        return None;
    }
    let place = trimmed[..open].trim();
    is_place_shaped(place).then(|| Origin {
        dateline: place.to_string(),
        source: String::new(),
    })
}

/// The two parts of `X - Y` (a spaced dash, exactly one).
fn split_dash(trimmed: &str) -> Option<(&str, &str)> {
    let (first, second) = [" - ", " – ", " — "]
        .iter()
        .find_map(|dash| trimmed.split_once(dash))?;
    let (first, second) = (first.trim(), second.trim());
    if first.is_empty() || second.is_empty() || second.contains(['-', '–', '—']) {
        return None;
    }
    Some((first, second))
}

/// `المصدر - وكالات`: the source named after the label (one to four words
/// of letters).
fn dashed_source_label(label: &str, name: &str) -> Option<String> {
    if !matches!(fold_collapsed(label).as_str(), "المصدر" | "مصدر") {
        return None;
    }
    let words = name.split_whitespace().count();
    let letters = name.chars().all(|c| c.is_whitespace() || is_word_char(c));
    ((1..=4).contains(&words) && letters).then(|| name.to_string())
}

/// `سكاي نيوز عربية - أبوظبي`: source and dateline.
fn outlet_then_place(outlet: &str, place: &str) -> Option<Origin> {
    let outlet_words = outlet.split_whitespace().count();
    if !(1..=4).contains(&outlet_words) || !is_place_shaped(place) {
        return None;
    }
    let folded_outlet = fold_collapsed(outlet);
    let outlet_first = first_word(&folded_outlet);
    if EXCLUSIVE_LABELS.contains(&folded_outlet.as_str())
        || PAGE_LABELS.contains(&outlet_first)
        || is_not_place(outlet_first)
        || is_not_place(first_word(&fold_collapsed(place)))
        || is_known_place(outlet)
        || !outlet
            .chars()
            .all(|c| c.is_whitespace() || is_word_char(c) || c.is_ascii_digit())
    {
        return None;
    }
    let says_outlet = is_agency(&folded_outlet)
        || known_outlets().contains(&folded_outlet)
        || is_named_outlet(outlet)
        || has_outlet_word(&folded_outlet);
    let place_known = is_known_place(place);
    // A reporter's name of two or three words opens without the article
    // (`سامي العطار`), as `openings::is_name_place_byline` reads it.
    let not_a_name = outlet_words == 1 || folded_outlet.starts_with("ال");
    (says_outlet || (place_known && not_a_name)).then(|| Origin {
        dateline: place.to_string(),
        source: outlet.to_string(),
    })
}

/// The first word of a folded name (words joined by one space).
fn first_word(folded: &str) -> &str {
    folded.split(' ').next().unwrap_or_default()
}

/// Whether a folded name holds an outlet word, or the two words `تي في`.
fn has_outlet_word(folded: &str) -> bool {
    let words: Vec<&str> = folded.split_whitespace().collect();
    // `العربي`, `الإخبارية`: the word with the article too.
    words.iter().any(|word| {
        OUTLET_SHAPED.contains(word)
            || word
                .strip_prefix("ال")
                .is_some_and(|bare| OUTLET_SHAPED.contains(&bare))
    }) || words.windows(2).any(|pair| pair == ["تي", "في"])
}

/// One or two words of letters that are no label: a place as printed.
fn is_place_shaped(place: &str) -> bool {
    let words = place.split_whitespace().count();
    if !(1..=2).contains(&words) || !place.chars().all(|c| c.is_whitespace() || is_word_char(c)) {
        return false;
    }
    let folded = fold_collapsed(place);
    !is_not_place(&folded) && !EXCLUSIVE_LABELS.contains(&folded.as_str())
}

#[cfg(test)]
#[path = "origins_tests.rs"]
mod tests;
