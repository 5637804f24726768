//! Reads the layout of a raw article page: category breadcrumb, headline,
//! dateline/outlet line, date line, photo captions, web boilerplate, and
//! "read also" (اقرأ أيضاً) sections, which become articles of their own.
//!
//! It decides which lines are the article's own text and returns that body
//! verbatim (lines are kept as written, only dropped or trimmed); it must not
//! look for statements or milestones, nor rewrite the words it keeps.

use super::buttons::is_button_line;
use super::credits;
use super::cues::is_reporting_verb;
use super::dates::find_dates;
use super::normalize::{
    collapse_whitespace, count_words_capped, fold, fold_char_into, fold_collapsed, is_word_char,
};
use super::tokens::tokenize;
use super::wordlist::WordList;
use aho_corasick::AhoCorasick;
use jiff::civil::Date;
use std::borrow::Cow;
use std::sync::OnceLock;

/// The cleaned parts of one article (the host or a split-off section).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Layout {
    pub title: String,
    pub source: String,
    pub dateline: String,
    pub body: String,
    /// A publication date read from a date line of the page.
    pub published_on: Option<Date>,
}

/// A "read also" section split off the host.
#[derive(Debug, Clone, PartialEq)]
pub struct RelatedSection {
    /// The section exactly as it stood in the input (for its content id).
    pub raw_text: String,
    pub layout: Layout,
}

/// A page: the host article and the sections split off it.
#[derive(Debug, Clone, PartialEq)]
pub struct Page {
    pub host: Layout,
    pub related: Vec<RelatedSection>,
}

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

/// Words that credit a photo at the end of a caption (folded).
#[rustfmt::skip]
const PHOTO_CREDITS: &[&str] = &[
    "afp", "reuters", "ap", "epa", "getty", "getty images", "رويترز", "ا ف ب", "اف ب", "ا.ف.ب", "الاناضول",
    "تويتر", "ارشيفيه", "ارشيف", "وكالات", "اسوشيتد برس", "shutterstock", "فيسبوك", "الفرنسيه", "د ب ا",
    "dpa", "xinhua", "شينخوا", "انترنت", "مواقع التواصل", "رويترز ارشيفيه", "سانا", "واع", "x", "ap photo",
    "الصوره", "صوره ارشيفيه", "متداوله", "مواقع التواصل الاجتماعي", "ا ب", "ارشيف",
];

/// Words that open a category breadcrumb (folded).
#[rustfmt::skip]
const BREADCRUMB_STARTS: &[&str] = &["اخبار", "الرييسيه", "الصفحه الرييسيه", "home", "سياسه", "اقتصاد"];

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

/// One input line with its position in the input.
#[derive(Debug, Clone, Copy)]
struct Line<'a> {
    text: &'a str,
    /// Byte offset of the line start in the input.
    offset: usize,
}

fn word_count(text: &str) -> usize {
    word_count_capped(text, usize::MAX)
}

/// `min(word_count(text), cap)`, reading no further than needed.
fn word_count_capped(text: &str, cap: usize) -> usize {
    count_words_capped(text, cap)
}

/// The byte index of the last dash or bar (- – — |) in `text`.
fn rfind_dash(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    (0..bytes.len()).rev().find_map(|at| match bytes[at] {
        b'-' | b'|' => Some(at),
        // – U+2013 and — U+2014 are E2 80 93 and E2 80 94.
        0x93 | 0x94 if at >= 2 && bytes[at - 2] == 0xE2 && bytes[at - 1] == 0x80 => Some(at - 2),
        _ => None,
    })
}

/// Reads a whole page.
pub fn read_page(text: &str) -> Page {
    let mut lines: Vec<Line> = Vec::new();
    let mut offset = 0;
    for raw in text.split('\n') {
        lines.push(Line {
            text: raw.trim_end_matches('\r'),
            offset,
        });
        offset += raw.len() + 1;
    }
    let mut sections: Vec<(usize, usize)> = Vec::new();
    let mut section_start = 0;
    for (index, line) in lines.iter().enumerate() {
        if read_also_rest(line.text).is_some() {
            sections.push((section_start, index));
            section_start = index;
        }
    }
    sections.push((section_start, lines.len()));
    let mut sections = sections.into_iter();
    let host_range = sections.next().unwrap_or((0, lines.len()));
    let host = read_article(&lines[host_range.0..host_range.1], None);
    let related = sections
        .map(|(start, end)| {
            let slice = &lines[start..end];
            let raw_start = slice.first().map_or(text.len(), |line| line.offset);
            let raw_end = slice.last().map_or(text.len(), |line| {
                (line.offset + line.text.len()).min(text.len())
            });
            let raw_text = text
                .get(raw_start..raw_end)
                .unwrap_or_default()
                .trim()
                .to_string();
            let heading = slice
                .first()
                .and_then(|line| read_also_rest(line.text))
                .unwrap_or_default();
            let layout = read_article(slice.get(1..).unwrap_or_default(), Some(heading));
            RelatedSection { raw_text, layout }
        })
        .collect();
    Page { host, related }
}

/// When a line is a "read also" marker: the rest of it (a headline, maybe
/// empty).
fn read_also_rest(line: &str) -> Option<&str> {
    let trimmed = line.trim();
    let markers = ["اقرا ايضا", "اقرا كذلك"];
    // Only the start of the folded line matters: fold just enough of it.
    let longest = markers.iter().map(|marker| marker.len()).max().unwrap_or(0);
    let mut folded = String::with_capacity(longest + 8);
    for character in trimmed.chars() {
        if folded.len() >= longest {
            break;
        }
        fold_char_into(character, |part| folded.push(part));
    }
    if !markers.iter().any(|marker| folded.starts_with(marker)) {
        return None;
    }
    // Skip the marker's two words, whatever punctuation follows them.
    let mut words_seen = 0;
    let mut in_word = false;
    let mut rest_start = trimmed.len();
    for (at, character) in trimmed.char_indices() {
        let letter = is_word_char(character);
        if in_word && !letter {
            words_seen += 1;
            if words_seen == 2 {
                rest_start = at;
                break;
            }
        }
        in_word = letter;
    }
    let rest = trimmed[rest_start..]
        .trim_start_matches(|c: char| c.is_whitespace() || ".:-–—|»>…".contains(c));
    Some(rest.trim())
}

/// A page line folded for matching: its folded form, its word count (up to
/// 26) and, for a line of one to 25 words, the folded form with white space
/// collapsed.
struct FoldedLine<'a> {
    folded: &'a str,
    words: usize,
    collapsed: Option<Cow<'a, str>>,
}

impl<'a> FoldedLine<'a> {
    fn new(folded: &'a str) -> Self {
        let words = word_count_capped(folded, 26);
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
fn is_boilerplate_folded(line: &FoldedLine) -> bool {
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
fn is_related_list_heading_folded(line: &FoldedLine) -> bool {
    // An empty line matches no heading.
    line.words <= 5
        && line.collapsed.as_deref().is_some_and(|collapsed| {
            related_list_matcher().is_some_and(|matcher| matcher.is_match(collapsed))
        })
}

/// Whether a line is a photo caption ending in an agency credit:
/// `... 2020. - AFP`, `... (تويتر)`.
fn is_caption(line: &str) -> bool {
    let trimmed = line.trim();
    let credit = if let Some(inner) = trimmed
        .strip_suffix(')')
        .and_then(|rest| rest.rfind('(').map(|at| &rest[at + 1..]))
    {
        inner
    } else if let Some(at) = rfind_dash(trimmed) {
        let dash_len = trimmed[at..].chars().next().map_or(1, char::len_utf8);
        &trimmed[at + dash_len..]
    } else {
        return false;
    };
    if trimmed.is_empty() || word_count_capped(trimmed, 61) > 60 {
        return false;
    }
    let credit =
        fold_collapsed(credit.trim_matches(|c: char| c.is_whitespace() || c == '.' || c == '©'));
    let credit = credit.trim_end_matches('.');
    PHOTO_CREDITS.contains(&credit)
        || credit
            .split(['/', '،', ','])
            .all(|part| PHOTO_CREDITS.contains(&part.trim()))
}

fn ends_sentence(line: &str) -> bool {
    line.trim_end()
        .ends_with(['.', '!', '?', '؟', '،', ':', '"', '”', '»', '…'])
}

fn is_title_like(line: &str) -> bool {
    let words = word_count(line);
    let question = line.trim_end().ends_with(['؟', '?', '!']) && words <= 15;
    (2..=30).contains(&words) && (!ends_sentence(line) || question)
}

/// `دمشق-الرافد`, `القاهرة - «الأهرام»`, `مقديشو/ الكاتب/ الأناضول`:
/// (dateline, source).
fn dateline_line(line: &str) -> Option<(String, String)> {
    let trimmed = line.trim().trim_end_matches(':').trim();
    if let Some((place, agency, length)) = credits::agency_credit(trimmed)
        && length == trimmed.len()
    {
        return Some((place, agency));
    }
    if word_count_capped(trimmed, 6) > 5 || trimmed.ends_with(['.', '!', '?', '؟', '،']) {
        return None;
    }
    let at = trimmed.find(['-', '–', '—', 'ـ', '/'])?;
    let separator_len = trimmed[at..].chars().next().map_or(1, char::len_utf8);
    let place = clean_name(&trimmed[..at]);
    let outlet = clean_name(&trimmed[at + separator_len..]);
    if place.is_empty() || outlet.is_empty() || word_count(&place) > 2 || word_count(&outlet) > 3 {
        return None;
    }
    Some((place, outlet))
}

/// `الرافد من القاهرة: ...` at the start of a paragraph: (dateline, source,
/// byte length of the prefix).
fn dateline_prefix(line: &str) -> Option<(String, String, usize)> {
    if let Some(found) = credits::agency_credit(line).filter(|found| found.2 < line.len()) {
        return Some(found);
    }
    if let Some(found) = parenthesized_outlet_prefix(line) {
        return Some(found);
    }
    let colon = line.find(':')?;
    let head = &line[..colon];
    if word_count(head) > 5 {
        return None;
    }
    if let Some((place, outlet)) = dateline_line(head) {
        return Some((place, outlet, colon + 1));
    }
    if head.contains(['.', '،', '"', '«']) {
        return None;
    }
    let words: Vec<&str> = head.split_whitespace().collect();
    let from = words.iter().position(|word| fold(word) == "من")?;
    if from == 0 || from + 1 >= words.len() {
        return None;
    }
    let source = clean_name(&words[..from].join(" "));
    let dateline = clean_name(&words[from + 1..].join(" "));
    Some((dateline, source, colon + 1))
}

/// `بغداد (رويترز) - قال …`: (dateline, source, byte length of the prefix).
fn parenthesized_outlet_prefix(line: &str) -> Option<(String, String, usize)> {
    let open = line.find('(')?;
    let close = open + line[open..].find(')')?;
    let place = clean_name(&line[..open]);
    let outlet = clean_name(&line[open + 1..close]);
    let rest = &line[close + 1..];
    let dash = rest.trim_start();
    let dash_len = dash
        .chars()
        .next()
        .filter(|c| matches!(c, '-' | '–' | '—'))
        .map(char::len_utf8)?;
    let prefix_len = close + 1 + (rest.len() - dash.len()) + dash_len;
    let starts_with_verb = place
        .split_whitespace()
        .next()
        .is_some_and(|first| is_reporting_verb(&fold(first)));
    let fits = (1..=2).contains(&word_count(&place))
        && (1..=2).contains(&word_count(&outlet))
        && !starts_with_verb;
    fits.then_some((place, outlet, prefix_len))
}

fn clean_name(text: &str) -> String {
    text.trim_matches(|c: char| c.is_whitespace() || "«»\"“”()[]:-–—ـ".contains(c))
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// A short line that is only a full date (the page's date line).
fn date_line(line: &str) -> Option<Date> {
    if line.trim_end().ends_with('.') {
        return None;
    }
    let words = word_count_capped(line, 11);
    if words == 0 || words > 10 {
        return None;
    }
    let tokens = tokenize(line);
    let mentions = find_dates(&tokens, None);
    let mention = mentions.iter().find(|mention| mention.day != 0)?;
    let covered = mention.end_token - mention.first_token;
    let words_in_line = tokens
        .iter()
        .filter(|token| token.kind != super::tokens::TokenKind::Punct)
        .count();
    // Whatever else is on the line must be date furniture too: a weekday,
    // a Hijri date, نشر في, الموافق, a time.
    let other_furniture = tokens
        .iter()
        .enumerate()
        .filter(|(index, token)| {
            token.kind != super::tokens::TokenKind::Punct
                && !(mention.first_token..mention.end_token).contains(index)
                && (token.kind == super::tokens::TokenKind::Number
                    || DATE_LINE_WORDS.matches(&token.folded))
        })
        .count();
    if (covered + other_furniture) * 10 < words_in_line * 8 {
        return None;
    }
    Date::new(
        mention.year,
        i8::try_from(mention.month).ok()?,
        i8::try_from(mention.day).ok()?,
    )
    .ok()
}

/// Words that may share a date line with the date (folded): weekdays,
/// Hijri months, نشر في, آخر تحديث, الموافق.
#[rustfmt::skip]
static DATE_LINE_WORDS: WordList = WordList::new(&[
    "الاحد", "الاثنين", "الثلاثاء", "الاربعاء", "الخميس", "الجمعه", "السبت", "محرم", "صفر", "ربيع",
    "الاول", "الثاني", "الاخر", "جمادي", "الاولي", "الاخره", "الثانيه", "رجب", "شعبان", "رمضان", "شوال",
    "ذو", "ذي", "القعده", "الحجه", "ه", "هـ", "م", "الموافق", "نشر", "في", "تاريخ", "النشر", "اخر",
    "تحديث", "الساعه", "صباحا", "مساء", "ص", "غرينتش", "بتوقيت", "pm", "am",
]);

fn is_breadcrumb(line: &str, next: Option<&str>) -> bool {
    let Some(next) = next else { return false };
    if !is_title_like(next) || ends_sentence(line) {
        return false;
    }
    let folded = fold_collapsed(line);
    let short = word_count(line) <= 4;
    let has_separator = line.contains(['»', '›', '>', '|']) || line.contains(" / ");
    let category_start = BREADCRUMB_STARTS
        .iter()
        .any(|start| folded.starts_with(start));
    (short && category_start)
        || has_separator
        || (word_count(line) <= 2 && word_count(next) > word_count(line))
}

/// Reads one article from its lines; `heading` is the headline that came
/// with a "read also" marker.
fn read_article(lines: &[Line], heading: Option<&str>) -> Layout {
    let mut layout = Layout::default();
    let mut kept: Vec<(String, bool)> = Vec::new();
    let mut blank_pending = false;
    let mut in_related_list = false;
    let mut seen_content = false;
    if let Some(heading) = heading.filter(|heading| !heading.is_empty()) {
        layout.title = heading.to_string();
    }
    let non_empty: Vec<&str> = lines
        .iter()
        .map(|line| line.text.trim())
        .filter(|text| !text.is_empty())
        .collect();
    let mut non_empty_index = 0;
    for line in lines {
        let text = line.text.trim();
        if text.is_empty() {
            blank_pending = true;
            continue;
        }
        let next = non_empty.get(non_empty_index + 1).copied();
        non_empty_index += 1;
        let folded_text = fold(text);
        let folded_line = FoldedLine::new(&folded_text);
        if is_related_list_heading_folded(&folded_line) {
            in_related_list = true;
            continue;
        }
        let boilerplate = is_boilerplate_folded(&folded_line);
        if in_related_list {
            if word_count_capped(text, 15) < 15 || boilerplate {
                continue;
            }
            in_related_list = false;
        }
        if !seen_content
            && layout.source.is_empty()
            && let Some((dateline, source)) = dateline_line(text)
        {
            // Before the caption check: `فيينا - رويترز` on its own line
            // ends in an agency credit like a caption does.
            layout.dateline = dateline;
            layout.source = source;
            continue;
        }
        if boilerplate || is_caption(text) {
            continue;
        }
        // A line that is only a date (at the top or the foot of the page).
        if let Some(date) = date_line(text) {
            layout.published_on.get_or_insert(date);
            continue;
        }
        if !seen_content {
            // (`dateline_line` was already asked of this line above, with
            // the same text and the same state.)
            if layout.title.is_empty() && non_empty_index == 1 && is_breadcrumb(text, next) {
                continue;
            }
            if layout.title.is_empty() && is_title_like(text) && next.is_some() {
                layout.title = text.to_string();
                continue;
            }
        }
        let mut text = text;
        if !seen_content
            && layout.source.is_empty()
            && let Some((dateline, source, prefix_len)) = dateline_prefix(text)
        {
            layout.dateline = dateline;
            layout.source = source;
            text = text[prefix_len..].trim_start();
        }
        seen_content = true;
        kept.push((text.to_string(), blank_pending));
        blank_pending = false;
    }
    let mut body = String::new();
    for (index, (text, blank_before)) in kept.iter().enumerate() {
        if index > 0 {
            body.push_str(if *blank_before { "\n\n" } else { "\n" });
        }
        body.push_str(text);
    }
    layout.body = body;
    layout
}

#[cfg(test)]
#[path = "structure_tests.rs"]
mod tests;
