//! Reads the page's own date line: a short line that holds nothing but the
//! publication date and its furniture, in the forms news pages print it:
//!
//! - Arabic day lines, with or without a weekday, a Hijri date beside the
//!   Gregorian one, a time: `الخميس 14 مارس 2019 - 11:42 ص`;
//! - labelled lines: `نشر في:`, `نُشر:`, `تاريخ النشر:`, `نشر بتاريخ:`,
//!   `آخر تحديث:`;
//! - numeric dates: `2024/10/01`, `2024-10-01`, `01/10/2024`, `01.10.2024`,
//!   `20-5-2012 | 14:37` (day before month when the year comes last);
//! - a dated address: `https://site/2024/10/01/slug`;
//! - an English month line: `October 1, 2024`, `1 Oct 2024 10:30 AM`;
//! - a Hijri-only day line: `14 ذو القعدة 1442 هـ`, converted (see `hijri`),
//!   the weekday printed beside it correcting the conversion by a day or two.
//!
//! Decisions where the rule book is silent: everything on the line besides
//! the date must be date furniture (weekdays, labels, a time, a Hijri date),
//! so a dated sentence of the body is never taken for the page's date; a
//! page that prints both calendars is dated by its Gregorian date.
//! Pure text work on one line; it must not look at the rest of the page.

mod address;
mod month_ends;

use super::dates::find_dates;
use super::hijri::hijri_to_gregorian;
use super::lexicon::MONTHS;
use super::normalize::{fold, is_alphanumeric};
use super::tokens::{TokenKind, tokenize};
use super::wordlist::WordList;
use address::address_date;
use jiff::ToSpan;
use jiff::civil::{Date, Weekday};

/// Words that may share a date line with the date (folded): weekdays,
/// Hijri months, labels, time words.
#[rustfmt::skip]
static DATE_LINE_WORDS: WordList = WordList::new(&[
    "الاحد", "الاثنين", "الثلاثاء", "الاربعاء", "الخميس", "الجمعه", "السبت", "محرم", "صفر", "ربيع",
    "الاول", "الثاني", "الاخر", "جمادي", "الاولي", "الاخره", "الثانيه", "رجب", "شعبان", "رمضان", "شوال",
    "ذو", "ذي", "القعده", "الحجه", "ه", "هـ", "م", "الموافق", "نشر", "في", "تاريخ", "النشر", "اخر",
    "تحديث", "الساعه", "صباحا", "مساء", "ص", "غرينتش", "بتوقيت", "pm", "am",
    "بتاريخ", "نشرت", "منشور", "التحديث", "محدث", "تم", "يوم", "ميلادي", "هجري", "ق", "د",
    "published", "updated", "posted", "last", "update", "on", "at", "gmt", "utc", "date",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "t", "z",
    "غرينيتش", "جرينتش", "ظهرا", "عصرا", "ليلا", "مساءا", "فجرا",
]);

/// Hijri month names (folded, one or two words) and their numbers.
#[rustfmt::skip]
const HIJRI_MONTHS: &[(&str, u8)] = &[
    ("محرم", 1), ("صفر", 2), ("ربيع الاول", 3), ("ربيع الثاني", 4), ("ربيع الاخر", 4),
    ("جمادي الاولي", 5), ("جمادي الاول", 5), ("جمادي الثانيه", 6), ("جمادي الاخره", 6),
    ("جمادي الاخر", 6), ("جمادي الثاني", 6), ("رجب", 7), ("شعبان", 8), ("رمضان", 9), ("شوال", 10),
    ("ذو القعده", 11), ("ذي القعده", 11), ("ذو الحجه", 12), ("ذي الحجه", 12),
];

/// The first word of every name in `HIJRI_MONTHS` (checked before them).
#[rustfmt::skip]
const HIJRI_FIRST_WORDS: &[&str] = &["محرم", "صفر", "ربيع", "جمادي", "رجب", "شعبان", "رمضان", "شوال", "ذو", "ذي"];

/// English month names and abbreviations (lower case).
#[rustfmt::skip]
const ENGLISH_MONTHS: &[(&str, u8)] = &[
    ("january", 1), ("jan", 1), ("february", 2), ("feb", 2), ("march", 3), ("mar", 3),
    ("april", 4), ("apr", 4), ("may", 5), ("june", 6), ("jun", 6), ("july", 7), ("jul", 7),
    ("august", 8), ("aug", 8), ("september", 9), ("sep", 9), ("sept", 9), ("october", 10),
    ("oct", 10), ("november", 11), ("nov", 11), ("december", 12), ("dec", 12),
];

/// The most words a date line may have.
const MOST_WORDS: usize = 14;

/// One run of letters or of digits in a folded line, with its byte range.
#[derive(Debug, Clone, Copy)]
struct Piece<'a> {
    text: &'a str,
    start: usize,
    end: usize,
}

impl Piece<'_> {
    fn number(&self) -> Option<u32> {
        if self.text.bytes().all(|byte| byte.is_ascii_digit()) && self.text.len() <= 4 {
            self.text.parse().ok()
        } else {
            None
        }
    }
}

/// The runs of letters and the runs of digits of `text` (`1442هـ` is two).
fn pieces(text: &str) -> Vec<Piece<'_>> {
    let mut found = Vec::new();
    let mut start: Option<(usize, bool)> = None;
    for (at, character) in text.char_indices() {
        let kind = is_alphanumeric(character).then(|| character.is_ascii_digit());
        match (start, kind) {
            (Some((begun, digit)), Some(now)) if digit != now => {
                found.push(Piece {
                    text: &text[begun..at],
                    start: begun,
                    end: at,
                });
                start = Some((at, now));
            }
            (Some((begun, _)), None) => {
                found.push(Piece {
                    text: &text[begun..at],
                    start: begun,
                    end: at,
                });
                start = None;
            }
            (None, Some(now)) => start = Some((at, now)),
            _ => {}
        }
    }
    if let Some((begun, _)) = start {
        found.push(Piece {
            text: &text[begun..],
            start: begun,
            end: text.len(),
        });
    }
    found
}

/// The text with every clock time (`11:42`, `09:14:05`) blanked out.
fn without_times(folded: &str) -> String {
    let bytes = folded.as_bytes();
    let mut kept = bytes.to_vec();
    let mut at = 0;
    while at < bytes.len() {
        let digits_before = bytes[at..]
            .iter()
            .take_while(|byte| byte.is_ascii_digit())
            .count();
        if (1..=2).contains(&digits_before) && bytes.get(at + digits_before) == Some(&b':') {
            let after = at + digits_before + 1;
            let minutes = bytes[after..]
                .iter()
                .take_while(|byte| byte.is_ascii_digit())
                .count();
            if minutes == 2 && (at == 0 || !bytes[at - 1].is_ascii_digit()) {
                let mut end = after + 2;
                // Seconds.
                if bytes.get(end) == Some(&b':')
                    && bytes
                        .get(end + 1..end + 3)
                        .is_some_and(|two| two.iter().all(u8::is_ascii_digit))
                {
                    end += 3;
                }
                kept[at..end].fill(b' ');
                at = end;
                continue;
            }
        }
        at += digits_before.max(1);
    }
    // Only ASCII digits and colons were replaced by spaces.
    String::from_utf8(kept).unwrap_or_else(|_| folded.to_string())
}

/// A short line that is only a full date (the page's date line).
pub fn date_line(line: &str) -> Option<Date> {
    let trimmed = line.trim();
    if trimmed.is_empty() || trimmed.ends_with('.') || !has_digit(trimmed) {
        return None;
    }
    if let Some(date) = address_date(trimmed) {
        return Some(date);
    }
    if super::structure::word_count_capped(trimmed, MOST_WORDS * 2 + 1) > MOST_WORDS * 2 {
        return None;
    }
    // `نشر في: … | آخر تحديث: …`: every part a date line, the first one
    // the date of publication.
    if trimmed.contains('|') {
        let parts: Vec<Option<Date>> = trimmed
            .split('|')
            .filter(|part| !part.trim().is_empty())
            .map(one_date_line)
            .collect();
        if parts.len() > 1 && parts.iter().all(Option::is_some) {
            return parts.first().copied().flatten();
        }
    }
    one_date_line(trimmed)
}

/// Whether `text` holds an ASCII, Arabic-Indic or Persian digit (every
/// date line does).
pub(super) fn has_digit(text: &str) -> bool {
    // On the UTF-8 bytes: U+0660–U+0669 are D9 A0–A9, U+06F0–U+06F9 are
    // DB B0–B9, and D9 / DB are only ever lead bytes.
    let bytes = text.as_bytes();
    bytes.iter().enumerate().any(|(at, &byte)| match byte {
        b'0'..=b'9' => true,
        0xD9 => bytes
            .get(at + 1)
            .is_some_and(|next| (0xA0..=0xA9).contains(next)),
        0xDB => bytes
            .get(at + 1)
            .is_some_and(|next| (0xB0..=0xB9).contains(next)),
        _ => false,
    })
}

/// A date line holding one date.
fn one_date_line(line: &str) -> Option<Date> {
    let trimmed = line.trim();
    if super::structure::word_count_capped(trimmed, MOST_WORDS + 1) > MOST_WORDS {
        return None;
    }
    let folded = without_times(&fold(trimmed));
    let found = pieces(&folded);
    if found.is_empty() || found.len() > MOST_WORDS * 2 {
        return None;
    }
    numeric_date(&folded, &found)
        .or_else(|| {
            may_hold_written_date(&folded, &found)
                .then(|| written_date(&folded))
                .flatten()
        })
        .or_else(|| english_date(&found))
        .or_else(|| month_first_date(&found))
        .or_else(|| hijri_date(&found))
}

/// Units of `منذ 3 ساعات` time stamps (folded).
const AGO_UNITS: &[&str] = &[
    "ساعه",
    "ساعات",
    "ساعتين",
    "ساعتان",
    "دقيقه",
    "دقايق",
    "دقيقتين",
    "يوم",
    "ايام",
    "يومين",
];

/// A line that is only a time stamp: `10:42 ص`, `14:30 GMT`, `منذ 3
/// ساعات`.
pub fn is_time_line(line: &str) -> bool {
    let trimmed = line.trim();
    if trimmed.len() > 80 || !has_digit(trimmed) && !trimmed.contains("منذ") {
        return false;
    }
    let folded = fold(trimmed);
    let blanked = without_times(&folded);
    let found = pieces(&blanked);
    if blanked != folded {
        return found
            .iter()
            .all(|piece| DATE_LINE_WORDS.matches(piece.text));
    }
    // `منذ 3 ساعات`, `منذ ساعتين`, `آخر تحديث: منذ 3 ساعات`.
    let label = found
        .iter()
        .take_while(|piece| piece.text != "منذ" && DATE_LINE_WORDS.matches(piece.text))
        .count();
    match &found[label..] {
        [since, unit] => since.text == "منذ" && AGO_UNITS.contains(&unit.text),
        [since, number, unit] => {
            since.text == "منذ" && number.number().is_some() && AGO_UNITS.contains(&unit.text)
        }
        _ => false,
    }
}

/// Whether every piece outside `used` is date furniture; numbers are
/// furniture only beside a Hijri month (its day and year).
fn rest_is_furniture(found: &[Piece], used: &[usize]) -> bool {
    let hijri_beside = found
        .iter()
        .enumerate()
        .any(|(index, _)| !used.contains(&index) && hijri_month_at(found, index).is_some());
    found.iter().enumerate().all(|(index, piece)| {
        used.contains(&index)
            || DATE_LINE_WORDS.matches(piece.text)
            || (hijri_beside && piece.number().is_some())
    })
}

/// `2024/10/01`, `2024-10-01`, `01/10/2024`, `01.10.2024`, `20-5-2012`.
fn numeric_date(folded: &str, found: &[Piece]) -> Option<Date> {
    for start in 0..found.len().saturating_sub(2) {
        let [first, second, third] = [found[start], found[start + 1], found[start + 2]];
        let (Some(a), Some(b), Some(c)) = (first.number(), second.number(), third.number()) else {
            continue;
        };
        let gap_one = folded[first.end..second.start].trim();
        let gap_two = folded[second.end..third.start].trim();
        if gap_one != gap_two || !["/", "-", "."].contains(&gap_one) {
            continue;
        }
        let (year, month, day) = if first.text.len() == 4 {
            (a, b, c)
        } else if third.text.len() == 4 {
            // Day before month; a "month" over 12 means the page wrote the
            // month first.
            if b > 12 && a <= 12 {
                (c, a, b)
            } else {
                (c, b, a)
            }
        } else {
            continue;
        };
        let date = civil_date(year, month, day)?;
        return rest_is_furniture(found, &[start, start + 1, start + 2]).then_some(date);
    }
    None
}

/// Whether the date finder can read a day on the folded line: only with a
/// month name (maybe behind a clitic: some letter run ends in one) or a
/// date of numbers joined by `/`, `-` or `.`; without an anchor date no
/// other expression gives a day. A cheap test before tokenizing the line.
fn may_hold_written_date(folded: &str, found: &[Piece]) -> bool {
    // Any length: the finder reads `007/3/2021` too.
    let digits = |piece: &Piece| piece.text.bytes().all(|byte| byte.is_ascii_digit());
    let joined_numbers = found.windows(2).any(|pair| {
        digits(&pair[0])
            && digits(&pair[1])
            && folded[pair[0].end..pair[1].start].contains(['/', '-', '.'])
    });
    // A word token ends where its letters end: a month name (the word's
    // end, behind any clitic) is followed by no Arabic letter.
    joined_numbers
        || found.iter().any(|piece| {
            let text = piece.text;
            // Where a word token can end inside the piece: before any
            // character that is no Arabic letter, and at its end.
            text.char_indices()
                .filter(|(_, c)| !('\u{0621}'..='\u{064A}').contains(c))
                .map(|(at, _)| at)
                .chain([text.len()])
                .any(|end| {
                    let head = &text[..end];
                    month_ends::ends_in_month(head)
                })
        })
}

/// A Gregorian date with the month written out (`الخميس 14 مارس 2019`),
/// read by the date finder of the body; what else is on the line must be
/// date furniture.
fn written_date(folded: &str) -> Option<Date> {
    let tokens = tokenize(folded);
    let mentions = find_dates(&tokens, None);
    let mention = mentions.iter().find(|mention| mention.day != 0)?;
    let all_furniture = tokens.iter().enumerate().all(|(index, token)| {
        token.kind == TokenKind::Punct
            || (mention.first_token..mention.end_token).contains(&index)
            || token.kind == TokenKind::Number
            || DATE_LINE_WORDS.matches(&token.folded)
    });
    if !all_furniture {
        return None;
    }
    Date::new(
        mention.year,
        i8::try_from(mention.month).ok()?,
        i8::try_from(mention.day).ok()?,
    )
    .ok()
}

/// `October 1, 2024`, `1 Oct 2024`, `Tuesday, October 1, 2024 10:30 AM`.
fn english_date(found: &[Piece]) -> Option<Date> {
    for (index, piece) in found.iter().enumerate() {
        let Some(&(_, month)) = ENGLISH_MONTHS.iter().find(|(name, _)| *name == piece.text) else {
            continue;
        };
        let number = |at: usize| found.get(at).and_then(Piece::number);
        // Month day, year.
        if let (Some(day), Some(year)) = (number(index + 1), number(index + 2))
            && let Some(date) = civil_date(year, u32::from(month), day)
        {
            return rest_is_furniture(found, &[index, index + 1, index + 2]).then_some(date);
        }
        // Day month year.
        if let (Some(day), Some(year)) = (index.checked_sub(1).and_then(number), number(index + 1))
            && let Some(date) = civil_date(year, u32::from(month), day)
        {
            return rest_is_furniture(found, &[index - 1, index, index + 1]).then_some(date);
        }
    }
    None
}

/// `أبريل 5, 2019`: an Arabic month name of one word before the day and
/// the year.
fn month_first_date(found: &[Piece]) -> Option<Date> {
    for (index, piece) in found.iter().enumerate() {
        let Some(&(_, _, month)) = MONTHS
            .iter()
            .find(|(first, second, _)| second.is_none() && *first == piece.text)
        else {
            continue;
        };
        let number = |at: usize| found.get(at).and_then(Piece::number);
        if let (Some(day), Some(year)) = (number(index + 1), number(index + 2))
            && let Some(date) = civil_date(year, u32::from(month), day)
        {
            return rest_is_furniture(found, &[index, index + 1, index + 2]).then_some(date);
        }
    }
    None
}

/// The Hijri month named at piece `index`: (month, pieces it takes).
fn hijri_month_at(found: &[Piece], index: usize) -> Option<(u8, usize)> {
    let first = found.get(index)?.text;
    if !HIJRI_FIRST_WORDS.contains(&first) {
        return None;
    }
    let second = found.get(index + 1).map(|piece| piece.text);
    HIJRI_MONTHS
        .iter()
        .filter(|(name, _)| name.starts_with(first))
        .find_map(|(name, month)| match name.split_once(' ') {
            Some((one, two)) => (one == first && Some(two) == second).then_some((*month, 2)),
            None => (*name == first).then_some((*month, 1)),
        })
}

/// `14 ذو القعدة 1442 هـ` (no Gregorian date on the line).
fn hijri_date(found: &[Piece]) -> Option<Date> {
    for index in 1..found.len() {
        let Some((month, length)) = hijri_month_at(found, index) else {
            continue;
        };
        let day = found[index - 1]
            .number()
            .filter(|day| (1..=30).contains(day))?;
        let year_at = index + length;
        let year = found
            .get(year_at)
            .and_then(Piece::number)
            .filter(|year| (1300..=1600).contains(year))?;
        let date = hijri_to_gregorian(i32::try_from(year).ok()?, month, u8::try_from(day).ok()?)?;
        let used: Vec<usize> = (index - 1..=year_at).collect();
        let date = match printed_weekday(found) {
            Some(weekday) => nearest_weekday(date, weekday)?,
            None => date,
        };
        return rest_is_furniture(found, &used).then_some(date);
    }
    None
}

/// The weekday a line names (folded Arabic or English).
fn printed_weekday(found: &[Piece]) -> Option<Weekday> {
    found.iter().find_map(|piece| match piece.text {
        "الاحد" | "sunday" => Some(Weekday::Sunday),
        "الاثنين" | "monday" => Some(Weekday::Monday),
        "الثلاثاء" | "tuesday" => Some(Weekday::Tuesday),
        "الاربعاء" | "wednesday" => Some(Weekday::Wednesday),
        "الخميس" | "thursday" => Some(Weekday::Thursday),
        "الجمعه" | "friday" => Some(Weekday::Friday),
        "السبت" | "saturday" => Some(Weekday::Saturday),
        _ => None,
    })
}

/// The day within two days of `date` that falls on `weekday`: the printed
/// weekday corrects the tabular Hijri conversion, which can be a day or
/// two off the calendar the page was printed by; `date` itself when none.
fn nearest_weekday(date: Date, weekday: Weekday) -> Option<Date> {
    for shift in [0i64, -1, 1, -2, 2] {
        let candidate = date.checked_add(shift.days()).ok()?;
        if candidate.weekday() == weekday {
            return Some(candidate);
        }
    }
    Some(date)
}

/// A date of a plausible publication year (1900-2100).
fn civil_date(year: u32, month: u32, day: u32) -> Option<Date> {
    if !(1900..=2100).contains(&year) {
        return None;
    }
    Date::new(
        i16::try_from(year).ok()?,
        i8::try_from(month).ok()?,
        i8::try_from(day).ok()?,
    )
    .ok()
}

#[cfg(test)]
#[path = "date_lines_tests.rs"]
mod tests;
