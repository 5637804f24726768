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
        let collapsed = (1..=25)
            .contains(&words)
            .then(|| collapse_whitespace(folded));
        Self {
            folded,
            words,
            collapsed,
        }
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
