//! Datelines and credits at the head of an article: `دمشق-الرافد`,
//! `القاهرة - «الأهرام»` on a line of their own, and the prefixes that open
//! the first paragraph (`الرافد من القاهرة:`, `بغداد (رويترز) -`, `بيت لحم
//! - "القدس" دوت كوم -`, `شفق نيوز/`).
//!
//! Decision where the rule book is silent: one word and a dash opening the
//! first paragraph (`طرابلس - أعلنت …`) is the dateline (an outlet printed
//! so is not told from a place), `وكالات -` the source.
//!
//! Pure text work on one line; it must not decide where the article's head
//! ends (that is `structure`'s job).

use super::credits;
use super::cues::is_reporting_verb;
use super::normalize::{fold, fold_collapsed};
use super::page_lines::{dot_com_prefix, is_not_place, is_outlet_name, outlet_slash_prefix};
use super::structure::{word_count, word_count_capped};

/// `دمشق-الرافد`, `القاهرة - «الأهرام»`, `مقديشو/ الكاتب/ الأناضول`:
/// (dateline, source).
pub fn dateline_line(line: &str) -> Option<(String, String)> {
    let trimmed = dateline_trim(line);
    dateline_line_with_credit(trimmed, credits::agency_credit(trimmed))
}

/// The part of a line that `dateline_line` reads.
pub fn dateline_trim(line: &str) -> &str {
    line.trim().trim_end_matches(':').trim()
}

/// `dateline_line` of a line given through `dateline_trim`, with its agency
/// credit already read (`credits::agency_credit` of the same text): the
/// caller reads the credit once for this and for `dateline_prefix_with_credit`.
pub fn dateline_line_with_credit(
    trimmed: &str,
    credit: Option<(String, String, usize)>,
) -> Option<(String, String)> {
    if let Some((place, agency, length)) = credit
        && length == trimmed.len()
    {
        return Some((place, agency));
    }
    if word_count_capped(trimmed, 8) > 7 || trimmed.ends_with(['.', '!', '?', '؟', '،']) {
        return None;
    }
    let at = trimmed.find(['-', '–', '—', 'ـ', '/'])?;
    let separator_len = trimmed[at..].chars().next().map_or(1, char::len_utf8);
    let place = clean_name(&trimmed[..at]);
    // `دبي - الخليج - وام`, `الرياض - «الوطن» - رويترز`: an outlet and
    // an agency, or a reporter and an outlet; at most two parts.
    let printed: Vec<&str> = trimmed[at + separator_len..]
        .split(['-', '–', '—', '/', '|'])
        .filter(|part| !part.trim().is_empty())
        .collect();
    let parts: Vec<(String, bool)> = printed
        .iter()
        .map(|part| (clean_name(part), part.contains(['«', '"', '“'])))
        .collect();
    let words_fit = |name: &String| (1..=3).contains(&word_count(name));
    let has_letters = |text: &str| text.chars().any(char::is_alphabetic);
    // `20-5-2012`: numbers are no place and no outlet; `كتب - …` is a byline.
    if place.is_empty()
        || is_not_place(&fold_collapsed(&place))
        || word_count(&place) > 2
        || !has_letters(&place)
        || !(1..=2).contains(&parts.len())
        || !parts
            .iter()
            .all(|(name, _)| words_fit(name) && has_letters(name))
        || (parts.len() == 1 && word_count(trimmed) > 5)
    {
        return None;
    }
    // `الرياض - سعد الدوسري`: a reporter gives no source.
    let outlets: Vec<&str> = parts
        .iter()
        .filter(|(name, quoted)| is_outlet_name(name, *quoted))
        .map(|(name, _)| name.as_str())
        .collect();
    Some((place, outlets.join(" - ")))
}

/// `الرافد من القاهرة: ...` at the start of a paragraph: (dateline, source,
/// byte length of the prefix).
#[cfg(test)]
pub fn dateline_prefix(line: &str) -> Option<(String, String, usize)> {
    dateline_prefix_with_credit(line, credits::agency_credit(line))
}

/// `dateline_prefix` with the line's agency credit already read
/// (`credits::agency_credit` of `line`).
pub fn dateline_prefix_with_credit(
    line: &str,
    credit: Option<(String, String, usize)>,
) -> Option<(String, String, usize)> {
    if let Some(found) = credit.filter(|found| found.2 < line.len()) {
        return Some(found);
    }
    if let Some(found) = parenthesized_outlet_prefix(line) {
        return Some(found);
    }
    if let Some(found) = dot_com_prefix(line) {
        return Some(found);
    }
    if let Some((outlet, length)) = outlet_slash_prefix(line) {
        return Some((String::new(), outlet, length));
    }
    if let Some(found) = agency_first_prefix(line) {
        return Some(found);
    }
    if let Some(found) = place_outlet_prefix(line) {
        return Some(found);
    }
    if let Some(found) = place_dash_prefix(line) {
        return Some(found);
    }
    let colon = line.find(':')?;
    let head = &line[..colon];
    if word_count_capped(head, 6) > 5 {
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

/// Separators of the parts of a dateline prefix.
const PREFIX_SEPARATORS: &[char] = &['-', '–', '—', 'ـ', '/', ':'];

/// `(رويترز) - أعلنت …`: an agency in parentheses opening the paragraph:
/// (no dateline, source, byte length of the prefix).
fn agency_first_prefix(line: &str) -> Option<(String, String, usize)> {
    let inner_start = line.strip_prefix('(').map(|_| 1)?;
    let close = line.find(')')?;
    let agency = line.get(inner_start..close)?.trim();
    if !credits::is_agency(&fold_collapsed(agency)) {
        return None;
    }
    let rest = &line[close + 1..];
    let after =
        rest.trim_start_matches(|c: char| c.is_whitespace() || PREFIX_SEPARATORS.contains(&c));
    let skipped = &rest[..rest.len() - after.len()];
    skipped.contains(PREFIX_SEPARATORS).then(|| {
        let length = line[..line.len() - after.len()].trim_end().len();
        (String::new(), agency.to_string(), length)
    })
}

/// `عمان - الرأي - أعلنت …`, `بغداد/ المدى/ …`, `الرباط: هسبريس - …`: a
/// place of one or two words and an outlet of one to three, each closed by
/// a separator: (dateline, source or "" for a reporter, byte length).
fn place_outlet_prefix(line: &str) -> Option<(String, String, usize)> {
    let first = line.find(PREFIX_SEPARATORS)?;
    let place = clean_name(&line[..first]);
    let after_first = first + line[first..].chars().next().map_or(1, char::len_utf8);
    let second = after_first + line[after_first..].find(PREFIX_SEPARATORS)?;
    let printed = &line[after_first..second];
    let outlet = clean_name(printed);
    let rest = &line[second..];
    let after =
        rest.trim_start_matches(|c: char| c.is_whitespace() || PREFIX_SEPARATORS.contains(&c));
    let plain = |text: &str| {
        !text.is_empty()
            && text.chars().all(|c| {
                c.is_whitespace() || super::normalize::is_word_char(c) || "«»\"“”".contains(c)
            })
    };
    let fits = (1..=2).contains(&word_count(&place))
        && (1..=3).contains(&word_count(&outlet))
        && plain(&place)
        && plain(printed.trim())
        && !place
            .split_whitespace()
            .next()
            .is_some_and(|word| is_reporting_verb(&fold(word)))
        && !after.is_empty();
    if !fits {
        return None;
    }
    let source = if is_outlet_name(&outlet, printed.contains(['«', '"', '“'])) {
        outlet
    } else {
        String::new()
    };
    let length = line[..line.len() - after.len()].trim_end().len();
    Some((place, source, length))
}

/// `الجزائر - أعلنت الحكومة …`: one word of letters, a dash set off by
/// spaces, then the text: (dateline, no source, byte length of the prefix).
fn place_dash_prefix(line: &str) -> Option<(String, String, usize)> {
    let (head, rest) = [" - ", " – ", " — "]
        .iter()
        .find_map(|dash| line.split_once(dash))?;
    let place = head.trim();
    let folded = fold(place);
    let fits = word_count(place) == 1
        && place.chars().all(super::normalize::is_word_char)
        && !place.chars().any(|c| c.is_ascii_digit())
        && !is_not_place(&folded)
        && !is_reporting_verb(&folded)
        && word_count_capped(rest, 4) >= 4
        // `بيروت - 5 - 3 (…) -`: a date and a credit follow, not the text.
        && !rest.trim_start().starts_with(|c: char| c.is_numeric());
    fits.then(|| {
        let length = line.len() - rest.len() - 1;
        // `وكالات - …`: the credit of agencies, no place.
        if folded == "وكالات" {
            (String::new(), place.to_string(), length)
        } else {
            (place.to_string(), String::new(), length)
        }
    })
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
