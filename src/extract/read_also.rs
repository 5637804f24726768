//! "Read also" markers (`اقرأ أيضا`, `طالع أيضا`, `شاهد أيضا`): the
//! headline a marker line carries, and whether the marker is only a teaser
//! inside the host article or opens a related article of its own.
//!
//! Decision where the rule book is silent: a marker with its headline on
//! the line is a teaser when nothing follows it, another marker follows, or
//! the next paragraph goes on with the host's text (a connective, or a word
//! joined to the conjunction و). Pure text work; it must not decide the
//! layout of the sections (that is `structure`'s job).

use super::normalize::{fold_char_into, is_ignorable, is_word_char};
use super::page_lines;

/// Whether the "read also" line `marker` is a teaser; `next` and
/// `after_next` are the non-empty lines after it. With its headline on the
/// line, `next` must not open an article; a bare marker is a teaser when a
/// headline follows it and then a paragraph that goes on with the host.
pub fn is_teaser(marker: &str, next: Option<&str>, after_next: Option<&str>) -> bool {
    let continues =
        |line: &str| read_also_rest(line).is_some() || page_lines::continues_the_text(line);
    match read_also_rest(marker) {
        // A headline with nothing after it, another marker, or a paragraph
        // that goes on with the host's text: only a teaser.
        Some(rest) if !rest.is_empty() => next.is_none_or(continues),
        Some(_) => next.is_some_and(is_teaser_headline) && after_next.is_some_and(continues),
        None => false,
    }
}

/// A line that can be the headline of a teaser: short, no closed sentence.
pub fn is_teaser_headline(line: &str) -> bool {
    let trimmed = line.trim();
    (1..=20).contains(&trimmed.split_whitespace().count())
        && !trimmed.ends_with(['.', '،', ':'])
        && read_also_rest(trimmed).is_none()
}

/// When a line is a "read also" marker: the rest of it (a headline, maybe
/// empty).
pub fn read_also_rest(line: &str) -> Option<&str> {
    let trimmed = line.trim();
    if !may_open_a_marker(trimmed) {
        return None;
    }
    let markers = ["اقرا ايضا", "اقرا كذلك", "طالع ايضا", "شاهد ايضا"];
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

/// Whether the first character of a trimmed line can fold to the first
/// letter of a marker (ا, ط, ش): one of those letters or an alef with a
/// hamza or madda, a character dropped by folding, or a presentation form.
/// A cheap test before folding the head of every line.
fn may_open_a_marker(trimmed: &str) -> bool {
    trimmed.chars().next().is_some_and(|first| {
        matches!(first, 'ا' | 'أ' | 'إ' | 'آ' | 'ٱ' | 'ٲ' | 'ٳ' | 'ط' | 'ش')
            || is_ignorable(first)
            || first >= '\u{FB50}'
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marker_lines_pass_the_first_letter_test() {
        let cases = [
            ("اقرأ أيضا: عنوان", Some("عنوان")),
            ("إقرأ أيضاً | عنوان", Some("عنوان")),
            ("طالع أيضا", Some("")),
            ("شاهد أيضاً: عنوان", Some("عنوان")),
            ("\u{200F}اقرأ أيضا: عنوان", Some("عنوان")),
            ("ﺍﻗﺮﺃ أيضا: عنوان", Some("عنوان")),
            ("وقال الوزير إن العمل مستمر", None),
            ("«اقرأ أيضا» عنوان", None),
            ("", None),
        ];
        for (line, expected) in cases {
            assert_eq!(read_also_rest(line), expected, "{line:?}");
        }
        assert!(!may_open_a_marker("قال"));
        assert!(may_open_a_marker("ـاقرأ"));
    }
}
