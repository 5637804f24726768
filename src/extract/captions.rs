//! Photo captions and end-of-paragraph credits: a line ending in an agency
//! or photo credit (`… 2020. - AFP`, `… (تويتر)`, `… - (وفا)`) is a caption,
//! unless it reports speech or is long: then it is a paragraph of the
//! article that ends in its credit, kept without it.
//!
//! Decision where the rule book is silent: a credit after a closed sentence
//! at the end of a paragraph (`… "…". (رويترز)`) is the article's source
//! when no dateline gave one. Pure text work on one line.

use super::credits;
use super::cues::is_reporting_verb;
use super::normalize::{fold, fold_collapsed};
use super::structure::word_count_capped;

/// Words that credit a photo at the end of a caption (folded).
#[rustfmt::skip]
const PHOTO_CREDITS: &[&str] = &[
    "afp", "reuters", "ap", "epa", "getty", "getty images", "رويترز", "ا ف ب", "اف ب", "ا.ف.ب", "الاناضول",
    "تويتر", "ارشيفيه", "ارشيف", "وكالات", "اسوشيتد برس", "shutterstock", "فيسبوك", "الفرنسيه", "د ب ا",
    "dpa", "xinhua", "شينخوا", "انترنت", "مواقع التواصل", "رويترز ارشيفيه", "سانا", "واع", "x", "ap photo",
    "الصوره", "صوره ارشيفيه", "متداوله", "مواقع التواصل الاجتماعي", "ا ب", "ارشيف",
];

/// The byte index of the last dash or bar (- – — |) in `text`.
pub fn rfind_dash(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut end = bytes.len();
    // The last '-', '|' or lead byte E2 (of – U+2013 and — U+2014, which
    // are E2 80 93 and E2 80 94), found a word at a time.
    while let Some(at) = memchr::memrchr3(b'-', b'|', 0xE2, &bytes[..end]) {
        match bytes[at] {
            b'-' | b'|' => return Some(at),
            _ if matches!(bytes.get(at + 1..at + 3), Some([0x80, 0x93 | 0x94])) => {
                return Some(at);
            }
            _ => end = at,
        }
    }
    None
}

/// `rfind_dash` over the last bytes of `text` only, where a dash that can
/// open a credit of at most `MAX_CREDIT_BYTES` must be: a dash further back
/// leaves a longer tail, which `credit_start` refuses anyway.
fn rfind_dash_near_end(text: &str) -> Option<usize> {
    let mut start = text.len().saturating_sub(MAX_CREDIT_BYTES + 8);
    while !text.is_char_boundary(start) {
        start += 1;
    }
    rfind_dash(&text[start..]).map(|at| start + at)
}

/// Whether a line is a photo caption ending in an agency credit:
/// `... 2020. - AFP`, `... (تويتر)`.
pub fn is_caption(line: &str) -> bool {
    credit_start(line).is_some() && !is_paragraph_with_credit(line)
}

/// The longest credit read at the end of a line, in bytes: several agency
/// names with their separators (`(الصورة: رويترز / أ ف ب / وكالات)`).
const MAX_CREDIT_BYTES: usize = 160;

/// Where the agency credit that ends `line` starts (its `(` or dash), when
/// the line ends in one.
fn credit_start(line: &str) -> Option<usize> {
    let trimmed = line.trim_end();
    let (start, credit) =
        if let Some(open) = trimmed.strip_suffix(')').and_then(|rest| rest.rfind('(')) {
            (open, &trimmed[open + 1..trimmed.len() - 1])
        } else if let Some(at) = rfind_dash_near_end(trimmed) {
            let dash_len = trimmed[at..].chars().next().map_or(1, char::len_utf8);
            (at, &trimmed[at + dash_len..])
        } else {
            return None;
        };
    // A credit is a few names; a longer tail after a dash is the sentence
    // itself, and is not folded to find out.
    if credit.len() > MAX_CREDIT_BYTES
        || trimmed.trim().is_empty()
        || word_count_capped(trimmed, 61) > 60
    {
        return None;
    }
    let credit =
        fold_collapsed(credit.trim_matches(|c: char| c.is_whitespace() || c == '.' || c == '©'));
    let credit = credit.trim_end_matches('.');
    let is_credit = |part: &str| PHOTO_CREDITS.contains(&part) || credits::is_agency(part);
    let credited = is_credit(credit)
        || credit
            .split(['/', '،', ',', ':'])
            .all(|part| is_credit(part.trim()));
    credited.then_some(start)
}

/// A paragraph of the article that ends in its credit (`وقال الوزير إن
/// "…". (رويترز)`): it reports speech or is long, which a caption does not.
fn is_paragraph_with_credit(line: &str) -> bool {
    word_count_capped(line, 31) > 30
        || line
            .split_whitespace()
            .any(|word| is_reporting_verb(&fold(word)))
}

/// A paragraph without the agency credit it ends in: (text, credit).
pub fn strip_end_credit(line: &str) -> Option<(&str, String)> {
    let start = credit_start(line)?;
    if !is_paragraph_with_credit(line) {
        return None;
    }
    let credit = clean_credit(&line[start..]);
    let text = line[..start].trim_end();
    // `… للأنباء (سانا)` names the agency inside the sentence.
    let closed = text.ends_with(['.', '!', '؟', '?', '"', '”', '»', '…']);
    (closed && !credit.is_empty()).then_some((text, credit))
}

fn clean_credit(text: &str) -> String {
    text.trim_matches(|c: char| c.is_whitespace() || "()-–—|.".contains(c))
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Looking only near the end finds every dash that can open a credit,
    /// and a dash too far back for a credit makes no difference to
    /// `credit_start`.
    /// The last dash or bar, whatever other three-byte characters (… “ ”)
    /// stand around it.
    #[test]
    fn the_last_dash_is_found_among_other_punctuation() {
        let cases: &[(&str, Option<&str>)] = &[
            ("القاهرة - أ ش أ", Some("- أ ش أ")),
            ("الرباط – و م ع", Some("– و م ع")),
            ("عمان — بترا …", Some("— بترا …")),
            ("“قال” … (رويترز)", None),
            ("أ | ب – ج “د”", Some("– ج “د”")),
            ("بلا فاصل", None),
            ("", None),
        ];
        for (text, tail) in cases {
            assert_eq!(rfind_dash(text).map(|at| &text[at..]), *tail, "{text:?}");
        }
    }

    #[test]
    fn dashes_are_looked_for_near_the_end_only() {
        let long_sentence =
            "وقال الوزير إن العمل في المشروع سيستمر طوال العام المقبل دون توقف ".repeat(4);
        let cases: Vec<(String, Option<usize>)> = vec![
            (
                "صورة من الموقع - رويترز".to_string(),
                rfind_dash("صورة من الموقع - رويترز"),
            ),
            ("أ – ب – ج".to_string(), rfind_dash("أ – ب – ج")),
            (format!("بيروت - {long_sentence}"), None),
            (
                format!("{long_sentence}- أ ف ب"),
                rfind_dash(&format!("{long_sentence}- أ ف ب")),
            ),
        ];
        for (line, expected) in cases {
            assert_eq!(rfind_dash_near_end(&line), expected, "{line:?}");
        }
        assert_eq!(credit_start(&format!("بيروت - {long_sentence}")), None);
        let credited = format!("{long_sentence}- أ ف ب");
        assert_eq!(credit_start(&credited), rfind_dash(&credited));
    }
}
