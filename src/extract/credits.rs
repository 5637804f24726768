//! News-agency credits that open an article: the place the story was filed
//! from and the agency, in the forms wire copy is printed in across Arabic
//! outlets, at the head of the first paragraph or on a line of their own:
//!
//! - `القاهرة (أ ش أ) - …`, `برلين - (د ب أ)- …`, `الكويت - 15 - 3 (كونا) -- …`
//! - `دبي في 8 ديسمبر/ وام/ …`, `الدوحة في 03 ديسمبر /قنا/ …`
//! - `مقديشو/ عبد القادر محمد/ الأناضول` (place, reporter, agency)
//! - `الخرطوم 12 مارس 2011 (شينخوا)`, `موسكو، 5 مارس - سبوتنيك. …` (a
//!   day and month name, maybe a year, before the agency)
//!
//! The agency must be one of the known agency names, the place one or two
//! words before it, and what lies between them only a date (`في 8
//! ديسمبر`, `15 - 3`) or a reporter's name between slashes. Pure text
//! work; the caller decides what the credit means for the article.

use super::cues::is_reporting_verb;
use super::lexicon::MONTHS;
use super::normalize::{Folder, fold_cow};
use std::borrow::Cow;

/// Agency credits, folded, words joined by one space: initials as printed
/// (أ ف ب, د ب أ, أ ش أ, و م ع, و ا س, أ ب) and names.
#[rustfmt::skip]
const AGENCIES: &[&str] = &[
    "ا ف ب", "د ب ا", "ا ش ا", "و م ع", "و ا س", "ا ب", "ي ب ا",
    "رويترز", "قنا", "وام", "كونا", "سبا", "واس", "الاناضول", "بترا", "سانا", "بنا", "شينخوا",
    "العمانيه", "واع", "ونا", "يونا", "وفا", "معا", "بي بي سي", "سبوتنيك", "نوفوستي", "ايرنا",
    "واج", "سونا", "وات", "ومع", "فرانس برس", "اسوشيتد برس", "واص",
];

/// Whether a folded word is the first word of one of `AGENCIES` (a match
/// on the word, not a search of the list: it is asked of every word of a
/// line's head). An agency credit can only start at such a word.
fn is_agency_first_word(folded: &str) -> bool {
    matches!(
        folded,
        "ا" | "د"
            | "و"
            | "ي"
            | "رويترز"
            | "قنا"
            | "وام"
            | "كونا"
            | "سبا"
            | "واس"
            | "الاناضول"
            | "بترا"
            | "سانا"
            | "بنا"
            | "شينخوا"
            | "العمانيه"
            | "واع"
            | "ونا"
            | "يونا"
            | "وفا"
            | "معا"
            | "بي"
            | "سبوتنيك"
            | "نوفوستي"
            | "ايرنا"
            | "واج"
            | "سونا"
            | "وات"
            | "ومع"
            | "فرانس"
            | "اسوشيتد"
            | "واص"
    )
}

/// Whether `folded` (folded, words joined by one space) is an agency credit.
pub fn is_agency(folded: &str) -> bool {
    AGENCIES.contains(&folded)
}

/// Characters that separate the parts of a credit.
const SEPARATORS: &[char] = &['(', ')', '/', '-', '–', '—', 'ـ', ':', '،', ','];

/// Whether `character` is one of `SEPARATORS` or a full stop (a match,
/// not a search of the list: it is asked of every character of a head).
fn is_separator_or_stop(character: char) -> bool {
    matches!(
        character,
        '(' | ')' | '/' | '-' | '–' | '—' | 'ـ' | ':' | '،' | ',' | '.'
    )
}

/// A word of the head of a line, with its byte range and folded form.
struct Piece<'a> {
    start: usize,
    end: usize,
    folded: Cow<'a, str>,
}

/// The byte ranges of the first `limit` words of `line`, split at white
/// space and separators (a full stop ends a word too: `سبوتنيك.`).
struct WordRanges<'a> {
    characters: std::str::CharIndices<'a>,
    length: usize,
    left: usize,
    finished: bool,
}

fn word_ranges(line: &str, limit: usize) -> WordRanges<'_> {
    WordRanges {
        characters: line.char_indices(),
        length: line.len(),
        left: limit,
        finished: false,
    }
}

impl Iterator for WordRanges<'_> {
    type Item = (usize, usize);

    fn next(&mut self) -> Option<(usize, usize)> {
        if self.left == 0 || self.finished {
            return None;
        }
        let mut start = None;
        for (at, character) in self.characters.by_ref() {
            let boundary = character.is_whitespace() || is_separator_or_stop(character);
            match (boundary, start) {
                (true, Some(begun)) => {
                    self.left -= 1;
                    return Some((begun, at));
                }
                (false, None) => start = Some(at),
                _ => {}
            }
        }
        self.finished = true;
        start.map(|begun| (begun, self.length))
    }
}

/// The first `limit` words of `line`, split at white space and separators.
fn pieces(line: &str, limit: usize) -> Vec<Piece<'_>> {
    let mut found = Vec::with_capacity(limit);
    found.extend(word_ranges(line, limit).map(|(start, end)| Piece {
        start,
        end,
        folded: fold_cow(&line[start..end]),
    }));
    found
}

/// Whether one of words 2 to 10 of the head of `line` (the words where an
/// agency can start) folds to an agency's first word. Folds into one
/// reused buffer: most lines hold no agency and need no `Piece`.
fn head_names_an_agency(line: &str) -> bool {
    let folder = Folder::new();
    let mut buffer = String::with_capacity(64);
    word_ranges(line, 10).skip(1).any(|(start, end)| {
        buffer.clear();
        folder.fold_into(&line[start..end], &mut buffer);
        is_agency_first_word(&buffer)
    })
}

fn is_number(piece: &Piece) -> bool {
    !piece.folded.is_empty() && piece.folded.chars().all(|c| c.is_ascii_digit())
}

/// Whether a folded word is (part of) a Gregorian month name.
fn is_month_word(folded: &str) -> bool {
    MONTHS
        .iter()
        .any(|(first, second, _)| *first == folded || *second == Some(folded))
}

/// Whether `between` (the text between two words) holds a separator.
fn has_separator(between: &str) -> bool {
    between.contains(SEPARATORS)
}

/// The agency credit at the head of `line`: (place, agency as printed,
/// byte length of the credit with the separators after it).
pub fn agency_credit(line: &str) -> Option<(String, String, usize)> {
    // An agency starts at one of the first ten words and has at most
    // three: no later word is asked.
    if !head_names_an_agency(line) {
        return None;
    }
    let words = pieces(line, 12);
    let first = words.first()?;
    // A credit never opens with a verb: `قالت رويترز` is a sentence.
    if is_reporting_verb(&first.folded) || first.folded.starts_with('و') && first.folded.len() <= 2
    {
        return None;
    }
    for agency_start in 1..words.len().min(10) {
        // Every agency of any length starts with its first word's fold.
        if !is_agency_first_word(&words[agency_start].folded) {
            continue;
        }
        for length in 1..=3 {
            let Some(agency_words) = words.get(agency_start..agency_start + length) else {
                break;
            };
            if !AGENCIES
                .iter()
                .any(|agency| joined_equals(agency_words, agency))
            {
                continue;
            }
            // The agency's own words are separated by spaces only.
            let contiguous = agency_words
                .windows(2)
                .all(|pair| line[pair[0].end..pair[1].start].trim().is_empty());
            if !contiguous {
                continue;
            }
            if let Some(credit) = credit_before(line, &words, agency_start, length) {
                return Some(credit);
            }
        }
    }
    None
}

/// Whether the folded words joined by one space are `expected` (compared
/// without building the joined string).
fn joined_equals(words: &[Piece], expected: &str) -> bool {
    let mut rest = expected;
    for (index, word) in words.iter().enumerate() {
        if index > 0 {
            let Some(after) = rest.strip_prefix(' ') else {
                return false;
            };
            rest = after;
        }
        let Some(after) = rest.strip_prefix(&*word.folded) else {
            return false;
        };
        rest = after;
    }
    rest.is_empty()
}

/// Checks the place and what lies between it and the agency starting at
/// word `agency_start`.
fn credit_before(
    line: &str,
    words: &[Piece],
    agency_start: usize,
    length: usize,
) -> Option<(String, String, usize)> {
    let agency_first = &words[agency_start];
    let agency_last = &words[agency_start + length - 1];
    // The place: one word, or two with only a space between them.
    let mut place_end = 1;
    // `بئر لحلو 5 مارس (واص)`: two words before a date.
    let date_after_two = agency_start >= 3 && is_number(&words[2]);
    if agency_start >= 2
        && words[1].folded != "في"
        && !is_number(&words[1])
        && line[words[0].end..words[1].start].trim().is_empty()
        && (date_after_two
            || has_separator(&line[words[1].end..words.get(2).map_or(line.len(), |w| w.start)]))
    {
        place_end = 2;
    }
    let middle = &words[place_end..agency_start];
    let before_agency = &line[words[agency_start - 1].end..agency_first.start];
    let after_place = &line[words[place_end - 1].end..words[place_end].start];
    // `رام الله 5-3-2021 وفا-`: a whole date needs no separator before the
    // agency.
    let whole_date = middle.len() == 3 && is_number(&middle[2]) && middle[2].folded.len() == 4;
    let middle_fits = if middle.is_empty() {
        has_separator(before_agency)
    } else if middle[0].folded == "في" {
        // `دبي في 8 ديسمبر/ وام/`: a date of at most four words.
        middle.len() <= 4 && middle.iter().skip(1).any(is_number) && has_separator(before_agency)
    } else if is_number(&middle[0])
        && middle.len() <= 3
        && middle
            .iter()
            .skip(1)
            .any(|word| is_month_word(&word.folded))
    {
        // `الخرطوم 12 مارس 2011 (شينخوا)`, `موسكو، 5 مارس - سبوتنيك`: a day,
        // its month and maybe a year, a separator before the agency.
        (whole_date || has_separator(before_agency))
            && middle
                .iter()
                .skip(1)
                .all(|word| is_number(word) || is_month_word(&word.folded))
    } else if middle.iter().all(is_number) {
        // `الكويت - 15 - 3 (كونا)`: day and month.
        whole_date
            || middle.len() <= 3 && has_separator(after_place) && has_separator(before_agency)
    } else {
        // `مقديشو/ عبد القادر محمد/ الأناضول`: a reporter between slashes.
        middle.len() <= 4 && after_place.contains('/') && before_agency.contains('/')
    };
    if !middle_fits || words[..place_end].iter().any(is_number) {
        return None;
    }
    // What follows the agency: separators up to the text, or the end.
    // `تونس - سبوتنيك. أعلنت …`: a full stop may close the credit.
    let rest = &line[agency_last.end..];
    let skipped = rest.len()
        - rest
            .trim_start_matches(|c: char| c.is_whitespace() || SEPARATORS.contains(&c) || c == '.')
            .len();
    let enclosed = before_agency.contains(['(', '/']);
    let closed = has_separator(&rest[..skipped]) || rest.starts_with(". ");
    if skipped == rest.len() || enclosed || closed {
        let place = line[words[0].start..words[place_end - 1].end].to_string();
        let agency = line[agency_first.start..agency_last.end].to_string();
        // The credit ends at its last separator, not at the space after it.
        let credit_end = agency_last.end + rest[..skipped].trim_end().len();
        return Some((place, agency, credit_end));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_agency_opens_with_a_known_first_word() {
        for agency in AGENCIES {
            let first = agency.split(' ').next().unwrap_or_default();
            assert!(is_agency_first_word(first), "{agency}");
        }
        assert!(!is_agency_first_word("القاهرة"));
        assert!(!is_agency_first_word("فرانس برس"));
        assert!(!is_agency_first_word(""));
    }

    #[test]
    fn word_ranges_split_like_the_pieces_and_stop_at_the_limit() {
        let line = "القاهرة (أ ف ب) - قال.  سبوتنيك";
        let ranges: Vec<_> = word_ranges(line, 12).collect();
        let pieces: Vec<_> = pieces(line, 12)
            .iter()
            .map(|piece| (piece.start, piece.end))
            .collect();
        assert_eq!(ranges, pieces);
        let words: Vec<_> = ranges.iter().map(|&(s, e)| &line[s..e]).collect();
        assert_eq!(words, ["القاهرة", "أ", "ف", "ب", "قال", "سبوتنيك"]);
        assert_eq!(word_ranges(line, 2).count(), 2);
        assert_eq!(word_ranges("", 12).count(), 0);
        assert_eq!(word_ranges(" - ", 12).count(), 0);
    }

    #[test]
    fn head_names_an_agency_only_from_the_second_to_the_tenth_word() {
        // Folded before the match: `أ` is `ا`, `الأناضول` is `الاناضول`.
        assert!(head_names_an_agency("أنقرة (الأناضول)"));
        assert!(head_names_an_agency("القاهرة - أ ش أ"));
        // The first word is never an agency's start.
        assert!(!head_names_an_agency("رويترز قالت اليوم"));
        assert!(!head_names_an_agency("قال الوزير في بيان اليوم"));
        // The eleventh word is not asked.
        assert!(!head_names_an_agency("ا ب ت ث ج ح خ ذ ر ز رويترز"));
        assert!(head_names_an_agency("ا ب ت ث ج ح خ ذ ر رويترز"));
        // A line without an agency word gets no credit.
        assert_eq!(agency_credit("القاهرة - قال الوزير"), None);
    }

    #[test]
    fn separator_match_agrees_with_the_list() {
        for character in [
            '(', ')', '/', '-', '–', '—', 'ـ', ':', '،', ',', '.', 'ا', ' ', '«', '|',
        ] {
            let listed = SEPARATORS.contains(&character) || character == '.';
            assert_eq!(is_separator_or_stop(character), listed, "{character}");
        }
    }

    fn check(line: &str, expected: Option<(&str, &str, &str)>) {
        let found = agency_credit(line)
            .map(|(place, agency, length)| (place, agency, line[length..].trim().to_string()));
        let expected =
            expected.map(|(place, agency, rest)| (place.into(), agency.into(), rest.into()));
        assert_eq!(found, expected, "{line}");
    }

    #[test]
    fn agency_credits_in_the_forms_wire_copy_takes() {
        check(
            "القاهرة (أ ش أ) - أعلن البنك المركزي",
            Some(("القاهرة", "أ ش أ", "أعلن البنك المركزي")),
        );
        check(
            "برلين - (د ب أ)- طالب المرشح",
            Some(("برلين", "د ب أ", "طالب المرشح")),
        );
        check(
            "دبي في 8 ديسمبر/ وام/ أعلنت الرئاسة",
            Some(("دبي", "وام", "أعلنت الرئاسة")),
        );
        check(
            "الدوحة في 03 ديسمبر /قنا/ عمت الاحتفالات",
            Some(("الدوحة", "قنا", "عمت الاحتفالات")),
        );
        check(
            "الكويت - 15 - 3 (كونا) -- أعلنت الوزارة",
            Some(("الكويت", "كونا", "أعلنت الوزارة")),
        );
        check(
            "مقديشو/ عبد القادر محمد/ الأناضول",
            Some(("مقديشو", "الأناضول", "")),
        );
        check(
            "نواكشوط (واس) - وصل الوفد",
            Some(("نواكشوط", "واس", "وصل الوفد")),
        );
        check(
            "الجزائر 3 نوفمبر 2019 (واج) وصل الوفد",
            Some(("الجزائر", "واج", "وصل الوفد")),
        );
        check(
            "بغداد 7 أيار (شينخوا) أعلنت الحكومة",
            Some(("بغداد", "شينخوا", "أعلنت الحكومة")),
        );
        check(
            "تندوف 9 مايو 2020 (واص) استقبل الرئيس",
            Some(("تندوف", "واص", "استقبل الرئيس")),
        );
        check(
            "بيروت - سبوتنيك. أعلنت الوزارة",
            Some(("بيروت", "سبوتنيك", "أعلنت الوزارة")),
        );
        check(
            "موسكو، 5 مارس - سبوتنيك. أعلن الكرملين",
            Some(("موسكو", "سبوتنيك", "أعلن الكرملين")),
        );
        check(
            "صلالة 5 مارس /العمانية/ افتتح المعرض",
            Some(("صلالة", "العمانية", "افتتح المعرض")),
        );
        check(
            "بئر لحلو 5 مارس 2020 (واص)- أعلن الرئيس",
            Some(("بئر لحلو", "واص", "أعلن الرئيس")),
        );
        check(
            "بيت لحم 7-4-2020 وفا- افتتح المعرض",
            Some(("بيت لحم", "وفا", "افتتح المعرض")),
        );
        check(
            "جدة 7 أبريل 2020 واس - افتتح المعرض",
            Some(("جدة", "واس", "افتتح المعرض")),
        );
        check(
            "الدار البيضاء - و م ع: افتتح المعرض",
            Some(("الدار البيضاء", "و م ع", "افتتح المعرض")),
        );
    }

    #[test]
    fn sentences_that_name_an_agency_are_not_credits() {
        check("قالت رويترز إن الشركة ستعلن نتائجها", None);
        check("وقالت وكالة رويترز إن الاجتماع انتهى", None);
        check("ذكرت مصادر لرويترز أن الاتفاق قريب", None);
        check("الحكومة تنفي ما نشرته رويترز عن الصفقة", None);
        check("بيروت عاصمة الثقافة", None);
        check("الحكومة 3 وزراء جدد (رويترز) في التعديل", None);
        check("الحكومة تنفي ما نشرته رويترز. وقال الوزير", None);
        check("المدينة 7 4 2020 رويترز نقلت الخبر", None);
    }
}
