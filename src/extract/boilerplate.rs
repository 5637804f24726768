//! Page furniture recognised by phrase: share and comment boilerplate and
//! the headings of lists of links to other articles, matched on a line's
//! folded form with one Aho-Corasick automaton each, built once.
//!
//! Part of the page reader (`structure`); it answers for one line and must
//! not keep page state or decide what the article's head is.

use super::buttons::is_button_line;
use super::normalize::{collapse_whitespace, count_words_capped};
use aho_corasick::AhoCorasick;
use std::borrow::Cow;
use std::sync::OnceLock;

/// Phrases that mark a line as page furniture (folded).
#[rustfmt::skip]
const BOILERPLATE: &[&str] = &[
    "اترك تعليقا", "اترك تعليق", "اضف تعليق", "اضف تعليقا", "لن يتم نشر عنوان بريدك", "الحقول الالزاميه",
    "الحقول المطلوبه", "زر الذهاب الي الاعلي", "الذهاب الي الاعلي", "العوده الي الاعلي", "الرجوع الي الاعلي",
    "العوده للاعلي", "adblock", "ad blocker", "مانع الاعلانات", "حاجب الاعلانات", "شارك هذا", "شارك المقال",
    "شارك الخبر", "مشاركه عبر", "انشر علي", "تابعونا علي", "تابعنا علي", "اشترك في نشرتنا", "النشره البريديه",
    "حفظ اسمي", "احفظ اسمي", "ارسال التعليق", "جميع الحقوق محفوظه", "حقوق النشر محفوظه", "facebook",
    "twitter", "whatsapp", "telegram", "linkedin", "pinterest", "messenger", "نسخ الرابط", "copy link",
    "كلمات مفتاحيه", "الكلمات الدلاليه", "الوسوم", "تعليقاتكم", "عدد التعليقات", "طباعه الخبر",
    "ارسل لصديق", "reddit", "tumblr", "اقرا المزيد",
];

/// Headings that start a list of links to other articles (folded).
#[rustfmt::skip]
const RELATED_LIST_HEADINGS: &[&str] = &[
    "مقالات ذات صله", "مواضيع ذات صله", "اخبار ذات صله", "قد يعجبك ايضا", "الاكثر قراءه", "اخترنا لك",
    "المزيد من الاخبار", "مقالات مشابهه", "اخبار متعلقه", "مواضيع متعلقه", "ذات صله",
];

fn boilerplate_matcher() -> Option<&'static AhoCorasick> {
    static MATCHER: OnceLock<Option<AhoCorasick>> = OnceLock::new();
    MATCHER
        .get_or_init(|| AhoCorasick::new(BOILERPLATE).ok())
        .as_ref()
}

fn related_list_matcher() -> Option<&'static AhoCorasick> {
    static MATCHER: OnceLock<Option<AhoCorasick>> = OnceLock::new();
    MATCHER
        .get_or_init(|| AhoCorasick::new(RELATED_LIST_HEADINGS).ok())
        .as_ref()
}

/// A page line folded for matching: its folded form, its word count (up to
/// 26) and, for a line of one to 25 words, the folded form with white space
/// collapsed.
pub(super) struct FoldedLine<'a> {
    folded: &'a str,
    words: usize,
    collapsed: Option<Cow<'a, str>>,
}

impl<'a> FoldedLine<'a> {
    pub(super) fn new(folded: &'a str) -> Self {
        let words = count_words_capped(folded, 26);
        let collapsed = (1..=25).contains(&words).then(|| collapsed_form(folded));
        Self {
            folded,
            words,
            collapsed,
        }
    }
}

/// `collapse_whitespace(text)`, borrowed without reading characters when a
/// byte walk shows the text is already collapsed: no byte that may start
/// a white space other than the space (control bytes, the lead bytes C2,
/// E1, E2 and E3 of the other white spaces), no space at either end and
/// no two spaces in a row. Any other text goes to `collapse_whitespace`.
fn collapsed_form(text: &str) -> Cow<'_, str> {
    let bytes = text.as_bytes();
    // Without an early exit, so that the walk runs on whole vectors.
    let other_space = bytes.iter().fold(false, |found, &byte| {
        found | (byte < 0x20) | (byte == 0xC2) | (byte.wrapping_sub(0xE1) < 3)
    });
    let plain = !other_space
        && !bytes.starts_with(b" ")
        && !bytes.ends_with(b" ")
        && memchr::memmem::find(bytes, b"  ").is_none();
    if plain {
        Cow::Borrowed(text)
    } else {
        collapse_whitespace(text)
    }
}

/// Whether a line, given folded, is share buttons or page furniture.
pub(super) fn is_boilerplate_folded(line: &FoldedLine) -> bool {
    if is_button_line(line.folded) {
        return true;
    }
    if line.words == 0 || line.words > 25 {
        return false;
    }
    line.collapsed.as_deref().is_some_and(|collapsed| {
        boilerplate_matcher().is_some_and(|matcher| matcher.is_match(collapsed))
    })
}

/// Whether a line (given folded) is a heading of a list of related links.
pub(super) fn is_related_list_heading_folded(line: &FoldedLine) -> bool {
    // An empty line matches no heading.
    line.words <= 5
        && line.collapsed.as_deref().is_some_and(|collapsed| {
            related_list_matcher().is_some_and(|matcher| matcher.is_match(collapsed))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The byte walk gives what `collapse_whitespace` gives, borrowed
    /// where that borrows.
    #[test]
    fn collapsed_form_is_collapse_whitespace() {
        let texts = [
            "",
            " ",
            "شارك هذا",
            "شارك  هذا",
            " شارك هذا",
            "شارك هذا ",
            "شارك\tهذا",
            "شارك\u{a0}هذا",
            "شارك\u{2009}هذا",
            "شارك\u{3000}هذا",
            "copy link",
            "a\u{85}b",
            "\u{2019}quote\u{2019}",
            "حقوق\nالنشر",
        ];
        for text in texts {
            let fast = collapsed_form(text);
            let slow = collapse_whitespace(text);
            assert_eq!(fast, slow, "{text:?}");
            assert_eq!(
                matches!(fast, Cow::Borrowed(_)),
                matches!(slow, Cow::Borrowed(_)),
                "{text:?}"
            );
        }
    }
}
