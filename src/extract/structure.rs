//! Reads the layout of a raw article page: category breadcrumb, headline,
//! dateline/outlet line, date line, photo captions, web boilerplate, and
//! "read also" (اقرأ أيضاً) sections, which become articles of their own.
//!
//! It decides which lines are the article's own text and returns that body
//! verbatim (lines are kept as written, only dropped or trimmed); it must not
//! look for statements or milestones, nor rewrite the words it keeps.
//!
//! Decisions where the rule book is silent: a short line printed twice in a
//! row is a caption (credited or not) and goes, both copies; a `»` only
//! marks a breadcrumb when no `«` opened a quotation on the line; a short
//! line (15 words at most) printed twice anywhere in the article is a
//! caption; a place alone under the headline is the dateline; a first line
//! `PLACE - words` over the text is a headline unless the part after the
//! dash is plainly an outlet; a headline may end on a quote when it reports
//! in the present tense (`الوزير يقول إن "…"`); the wire end tag
//! `(النهاية)`, the editors' initials after it and a masthead issue line go.

use super::boilerplate::{FoldedLine, is_boilerplate_folded, is_related_list_heading_folded};
use super::buttons::is_long_line;
use super::captions::{is_caption, strip_end_credit};
use super::credits::agency_credit;
use super::cues::is_reporting_verb;
use super::date_lines::{date_line, is_time_line};
use super::datelines::{dateline_line_with_credit, dateline_prefix_with_credit, dateline_trim};
use super::normalize::{count_words_capped, fold, fold_collapsed};
use super::openings;
use super::origins;
use super::page_lines;
use super::read_also::{is_teaser, is_teaser_headline, read_also_rest};
use super::stamps;
use copies::copy_counts;
use jiff::civil::Date;

mod copies;

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

/// Words that open a category breadcrumb (folded).
#[rustfmt::skip]
const BREADCRUMB_STARTS: &[&str] = &["اخبار", "الرييسيه", "الصفحه الرييسيه", "home", "سياسه", "اقتصاد"];

/// One input line with its position in the input.
#[derive(Debug, Clone, Copy)]
struct Line<'a> {
    text: &'a str,
    /// Byte offset of the line start in the input.
    offset: usize,
    /// When the line is a "read also" marker: the rest of it (read once,
    /// asked twice: when the page is split and when a section is read).
    read_also: Option<&'a str>,
}

pub(super) fn word_count(text: &str) -> usize {
    word_count_capped(text, usize::MAX)
}

/// `min(word_count(text), cap)`, reading no further than needed.
pub(super) fn word_count_capped(text: &str, cap: usize) -> usize {
    count_words_capped(text, cap)
}

/// Reads a whole page.
pub fn read_page(text: &str) -> Page {
    let mut lines: Vec<Line> = Vec::new();
    let mut offset = 0;
    for raw in text.split('\n') {
        let text = raw.trim_end_matches('\r');
        lines.push(Line {
            text,
            offset,
            read_also: read_also_rest(text),
        });
        offset += raw.len() + 1;
    }
    let mut sections: Vec<(usize, usize)> = Vec::new();
    let mut section_start = 0;
    for (index, line) in lines.iter().enumerate() {
        if line.read_also.is_none() {
            continue;
        }
        let mut following = lines
            .iter()
            .skip(index + 1)
            .map(|line| line.text.trim())
            .filter(|text| !text.is_empty());
        let next = following.next();
        let after_next = following.next();
        if !is_teaser(line.text, next, after_next) {
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
                .and_then(|line| line.read_also)
                .unwrap_or_default();
            let layout = read_article(slice.get(1..).unwrap_or_default(), Some(heading));
            RelatedSection { raw_text, layout }
        })
        .collect();
    Page { host, related }
}

fn ends_sentence(line: &str) -> bool {
    line.trim_end()
        .ends_with(['.', '!', '?', '؟', '،', ':', '"', '”', '»', '…'])
}

fn is_title_like(line: &str) -> bool {
    // Every test below asks about 30 words or fewer.
    let words = word_count_capped(line, 31);
    let question = line.trim_end().ends_with(['؟', '?', '!']) && words <= 15;
    // `… في ملف "تجزئة الأمل"`: a headline may end on a closing quote.
    let unquoted = line.trim_end().trim_end_matches(['"', '”', '»']);
    // A past reporting verb makes it a short statement (`قال الوزير إن
    // "…"`); a headline reports in the present (`الوزير يقول إن "…"`).
    let ends_on_quote = unquoted.len() < line.trim_end().len()
        && words <= 20
        && !line.split_whitespace().any(|word| {
            let folded = fold(word);
            is_reporting_verb(&folded) && !is_present_tense_verb(&folded)
        });
    (2..=30).contains(&words)
        && (!ends_sentence(line) || question || ends_on_quote && !ends_sentence(unquoted))
}

/// A reporting verb in the present tense (folded): `يقول`, `تؤكد` (its
/// `ي` form is a reporting verb too).
fn is_present_tense_verb(folded: &str) -> bool {
    if folded.starts_with('ي') {
        return true;
    }
    folded
        .strip_prefix('ت')
        .is_some_and(|stem| stem.chars().count() >= 3 && is_reporting_verb(&format!("ي{stem}")))
}

fn is_breadcrumb(line: &str, next: Option<&str>) -> bool {
    let Some(next) = next else { return false };
    if !is_title_like(next) || ends_sentence(line) {
        return false;
    }
    let folded = fold_collapsed(line);
    let line_words = word_count_capped(line, 5);
    let short = line_words <= 4;
    // `»` closes a quotation when `«` opened one: `… «الثالثة» …` is a headline.
    let has_separator = line.contains(['›', '>', '|'])
        || line.contains(" / ")
        || (line.contains('»') && !line.contains('«'));
    let category_start = BREADCRUMB_STARTS
        .iter()
        .any(|start| folded.starts_with(start));
    (short && category_start)
        || has_separator
        || (line_words <= 2 && word_count_capped(next, 3) > line_words)
}

/// Reads one article from its lines; `heading` is the headline that came
/// with a "read also" marker.
fn read_article(lines: &[Line], heading: Option<&str>) -> Layout {
    let mut layout = Layout::default();
    let mut kept: Vec<(String, bool)> = Vec::new();
    let mut blank_pending = false;
    let mut in_related_list = false;
    let mut seen_content = false;
    let mut after_end_tag = false;
    let mut teaser_headline_next = false;
    if let Some(heading) = heading.filter(|heading| !heading.is_empty()) {
        layout.title = heading.to_string();
    }
    let non_empty: Vec<&str> = lines
        .iter()
        .map(|line| line.text.trim())
        .filter(|text| !text.is_empty())
        .collect();
    let copies = copy_counts(&non_empty);
    let mut non_empty_index = 0;
    for line in lines {
        let text = line.text.trim();
        if text.is_empty() {
            blank_pending = true;
            continue;
        }
        let copies = copies.get(non_empty_index).copied().unwrap_or(1);
        let next = non_empty.get(non_empty_index + 1).copied();
        let previous = non_empty_index
            .checked_sub(1)
            .and_then(|at| non_empty.get(at))
            .copied();
        non_empty_index += 1;
        // A short line printed twice in a row is a caption or furniture;
        // a "read also" line left in the host is a teaser.
        let repeated = next == Some(text) || previous == Some(text);
        // `read_also_rest` trims the line itself.
        let read_also = line.read_also;
        if (repeated && word_count_capped(text, 41) <= 40) || read_also.is_some() {
            // A bare marker left in the host: its headline follows it.
            teaser_headline_next = read_also.is_some_and(str::is_empty);
            continue;
        }
        if std::mem::take(&mut teaser_headline_next) && is_teaser_headline(text) {
            continue;
        }
        // A short line printed twice apart on the page is a caption too.
        if copies >= 2 && word_count_capped(text, 16) <= 15 {
            continue;
        }
        // The wire end tag and the editors' initials after it.
        if page_lines::is_end_tag(text) {
            after_end_tag = true;
            continue;
        }
        if after_end_tag && page_lines::is_initials_line(text) {
            continue;
        }
        if let Some(date) = page_lines::masthead_line(text) {
            if let Some(date) = date {
                layout.published_on.get_or_insert(date);
            }
            continue;
        }
        if let Some((date, source)) = openings::page_furniture(text) {
            layout.published_on = layout.published_on.or(date);
            if layout.source.is_empty() {
                layout.source = source.unwrap_or_default();
            }
            continue;
        }
        if seen_content && let Some(source) = origins::closing_credit(text) {
            if layout.source.is_empty() {
                layout.source = source;
            }
            continue;
        }
        if !seen_content
            && layout.title.is_empty()
            && openings::is_breadcrumb_line(text, non_empty_index == 1, next)
        {
            continue;
        }
        // A line of many words is no heading and no furniture: it is not
        // folded to find out.
        let boilerplate = !is_long_line(text) && {
            let folded_text = fold(text);
            let folded_line = FoldedLine::new(&folded_text);
            if is_related_list_heading_folded(&folded_line) {
                in_related_list = true;
                continue;
            }
            is_boilerplate_folded(&folded_line)
        };
        if in_related_list {
            if boilerplate || word_count_capped(text, 15) < 15 {
                continue;
            }
            in_related_list = false;
        }
        // A line that is only a date (at the top or the foot of the page),
        // before the dateline check: `20-5-2012 | 14:37` is no dateline.
        if let Some(date) = date_line(text) {
            layout.published_on.get_or_insert(date);
            continue;
        }
        if is_time_line(text) {
            continue;
        }
        if let Some(date) = stamps::stamp_line(text) {
            layout.published_on = layout.published_on.or(date);
            continue;
        }
        let head_open = !seen_content && layout.source.is_empty() && layout.dateline.is_empty();
        if head_open && let Some((dateline, source, date)) = page_lines::dated_credit_line(text) {
            layout.dateline = dateline;
            layout.source = source;
            layout.published_on.get_or_insert(date);
            continue;
        }
        if head_open && let Some(origin) = origins::origin_line(text, !layout.title.is_empty()) {
            (layout.dateline, layout.source) = (origin.dateline, origin.source);
            continue;
        }
        // `تونس - ارتفاع أسعار الخضر` first, over a paragraph: a headline.
        let dashed_headline = layout.title.is_empty()
            && non_empty_index == 1
            && next.is_some_and(|next| !is_title_like(next))
            && is_title_like(text)
            && page_lines::is_dashed_headline(text);
        if head_open && openings::is_name_place_byline(text) {
            continue;
        }
        // Read once for the dateline check and the prefix check below.
        let head_credit = (head_open && !dashed_headline)
            .then(|| dateline_trim(text))
            .map(|trimmed| (trimmed, agency_credit(trimmed)));
        if let Some((trimmed, credit)) = &head_credit
            && let Some((dateline, source)) = dateline_line_with_credit(trimmed, credit.clone())
        {
            // Before the caption check: `فيينا - رويترز` on its own line
            // ends in an agency credit like a caption does.
            layout.dateline = dateline;
            layout.source = source;
            continue;
        }
        if boilerplate || is_caption(text) || page_lines::is_photo_line(text) {
            continue;
        }
        // `… "…". (رويترز)`: the paragraph stays, its credit is the source.
        let mut text = text;
        if let Some((paragraph, credit)) = strip_end_credit(text) {
            if layout.source.is_empty() {
                layout.source = credit;
            }
            text = paragraph;
        }
        if !seen_content {
            if page_lines::is_byline(text) {
                continue;
            }
            let after_title = !layout.title.is_empty();
            if after_title
                && layout.dateline.is_empty()
                && page_lines::is_bare_place(text)
                && next.is_some_and(|next| {
                    word_count_capped(next, 10) >= 10 || date_line(next).is_some()
                })
            {
                layout.dateline = text
                    .trim()
                    .trim_end_matches([':', '-', '–'])
                    .trim()
                    .to_string();
                continue;
            }
            if after_title
                && page_lines::is_bare_name(text)
                && next.is_some_and(|next| word_count_capped(next, 10) >= 10)
            {
                continue;
            }
            if after_title
                && layout.dateline.is_empty()
                && layout.source.is_empty()
                && let Some((dateline, source)) = page_lines::place_colon_line(text)
            {
                layout.dateline = dateline;
                layout.source = source;
                continue;
            }
            if layout.title.is_empty() && non_empty_index == 1 && is_breadcrumb(text, next) {
                continue;
            }
            if layout.title.is_empty() && is_title_like(text) && next.is_some() {
                layout.title = text.to_string();
                continue;
            }
        }
        if !seen_content
            && layout.dateline.is_empty()
            && let Some(opening) =
                openings::opening_credit(text, &non_empty, !layout.source.is_empty())
        {
            if !opening.dateline.is_empty() {
                layout.dateline = opening.dateline;
            }
            if layout.source.is_empty() {
                layout.source = opening.source;
            }
            text = text[opening.length..].trim_start();
        }
        if !seen_content
            && layout.source.is_empty()
            && let Some((dateline, source, prefix_len)) = dateline_prefix_with_credit(
                text,
                match head_credit {
                    Some((seen, credit)) if seen == text => credit,
                    _ => agency_credit(text),
                },
            )
        {
            if layout.published_on.is_none() {
                layout.published_on =
                    page_lines::credit_date(&text[..prefix_len], &dateline, &source);
            }
            // A prefix without a place keeps the dateline read above it.
            if !dateline.is_empty() {
                layout.dateline = dateline;
            }
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
    if origins::is_label_not_source(&layout.source) {
        layout.source.clear();
    }
    layout
}

#[cfg(test)]
#[path = "structure_tests.rs"]
mod tests;

#[cfg(test)]
#[path = "structure_text_tests.rs"]
mod text_tests;
