//! Credit forms of real news pages that open an article or sit in its head,
//! read with the page around them: `PLACE (OUTLET):` and `PLACE (OUTLET)
//! خاص:` before the first paragraph, `PLACE: OUTLET` followed directly by
//! the text, an online outlet printed like a place before a dash (`X نيوز -
//! أعلن …`), a date line carrying the source after a bar (`DATE |
//! المصدر: X`), a byline `NAME - PLACE`, and a breadcrumb opened by the
//! home link (`الرئيسية / محليات / …`).
//!
//! Decisions where the rule book is silent: a single word before a dash at
//! the head of the first paragraph is the dateline when it is a known place,
//! when the page already gave a source, or when the word is printed again
//! elsewhere on the page; otherwise it is an online outlet naming itself
//! (the source) and there is no dateline. In `PLACE: WORD …` the word is the
//! outlet only when it is an agency or printed quoted elsewhere on the page
//! (`لـ"WORD"`). A `NAME - PLACE` line under the headline is a byline and
//! gives neither dateline nor source.
//!
//! Pure text work: it reads the lines it is given and must not decide where
//! the article's head ends (that is `structure`'s job). Every check refuses
//! an ordinary paragraph on its first bytes before folding anything.

use super::credits::is_agency;
use super::cues::is_reporting_verb;
use super::date_lines::date_line;
use super::furniture::{is_furniture_line, last_update_line};
use super::normalize::{fold, fold_collapsed, fold_cow, is_word_char};
use super::page_lines::{is_named_outlet, is_not_place};
use jiff::civil::Date;
use std::sync::OnceLock;

/// Places often printed as datelines: capitals and large cities of the
/// Arab world and the world's capitals most often filed from (as printed;
/// folded on first use).
#[rustfmt::skip]
const KNOWN_PLACES: &[&str] = &[
    "القاهرة", "الإسكندرية", "الجيزة", "بورسعيد", "أسوان", "الأقصر", "الرياض", "جدة", "مكة المكرمة", "مكة",
    "المدينة المنورة", "الدمام", "الطائف", "أبها", "تبوك", "الكويت", "الدوحة", "المنامة", "مسقط", "صلالة",
    "أبوظبي", "أبو ظبي", "دبي", "الشارقة", "عجمان", "رأس الخيمة", "الفجيرة", "العين", "صنعاء", "عدن",
    "المكلا", "تعز", "الحديدة", "بغداد", "البصرة", "الموصل", "أربيل", "النجف", "كربلاء", "كركوك",
    "دمشق", "حلب", "حمص", "اللاذقية", "بيروت", "طرابلس", "صيدا", "صور", "زحلة", "عمان", "إربد",
    "الزرقاء", "العقبة", "القدس", "رام الله", "غزة", "نابلس", "الخليل", "بيت لحم", "جنين", "الخرطوم",
    "أم درمان", "بورتسودان", "تونس", "صفاقس", "سوسة", "الجزائر", "وهران", "قسنطينة", "الرباط",
    "الدار البيضاء", "مراكش", "فاس", "طنجة", "أكادير", "نواكشوط", "بنغازي", "مصراتة", "مقديشو", "جيبوتي",
    "أنقرة", "إسطنبول", "طهران", "موسكو", "واشنطن", "نيويورك", "لندن", "باريس", "برلين", "بروكسل",
    "جنيف", "فيينا", "روما", "مدريد", "بكين", "طوكيو", "نيودلهي", "إسلام آباد", "كابول", "أثينا",
    "نيقوسيا", "لبنان", "سوريا", "العراق", "الأردن", "فلسطين", "مصر", "السودان", "ليبيا", "اليمن",
    "البحرين", "قطر", "السعودية", "الإمارات", "المغرب", "موريتانيا", "تونس", "الجزائر", "الصومال",
    "سبها", "الزاوية", "درنة", "سرت", "درعا", "دير الزور", "الرقة", "حماة", "إدلب", "طرطوس",
    "السويداء", "السليمانية", "دهوك", "الرمادي", "الفلوجة", "الناصرية", "الحلة", "بعقوبة", "تكريت",
    "سامراء", "العمارة", "الديوانية", "المنصورة", "طنطا", "الزقازيق", "الإسماعيلية", "السويس",
    "دمياط", "المنيا", "أسيوط", "سوهاج", "الغردقة", "شرم الشيخ", "العريش", "الخبر", "بريدة", "حائل",
    "جازان", "نجران", "الأحساء", "ينبع", "القطيف", "مأرب", "إب", "ذمار", "سيئون", "حضرموت", "وجدة",
    "مكناس", "تطوان", "العيون", "الناظور", "آسفي", "القنيطرة", "عنابة", "سطيف", "باتنة", "البليدة",
    "تلمسان", "ورقلة", "بجاية", "بنزرت", "القيروان", "قابس", "نابل", "المنستير", "قفصة",
    "سيدي بوزيد", "ود مدني", "كسلا", "الأبيض", "نيالا", "الفاشر", "عطبرة", "طولكرم", "قلقيلية",
    "أريحا", "رفح", "خان يونس", "الناصرة", "حيفا", "يافا", "عكا", "الكرك", "معان", "المفرق", "السلط",
    "مادبا", "جرش", "النبطية", "جبيل", "بعلبك", "جونيه", "الجهراء", "الأحمدي", "صحار", "نزوى",
    "المحرق", "كييف", "أوتاوا", "كانبيرا", "سيول", "جاكرتا", "أديس أبابا", "نيروبي", "داكار",
    "باماكو", "نيامي", "أبوجا", "لاغوس", "بريتوريا", "برازيليا", "ستوكهولم", "أمستردام", "لاهاي",
    "وارسو", "بودابست", "بلغراد", "الفاتيكان", "تركيا", "إيران", "روسيا", "فرنسا", "ألمانيا",
    "بريطانيا", "الصين", "الهند", "باكستان", "أفغانستان", "إسرائيل", "أوكرانيا", "عمّان",
];

fn known_places() -> &'static [String] {
    static PLACES: OnceLock<Vec<String>> = OnceLock::new();
    PLACES.get_or_init(|| {
        KNOWN_PLACES
            .iter()
            .map(|place| fold_collapsed(place))
            .collect()
    })
}

/// Whether `name` (one or two words as printed) is a known place.
pub fn is_known_place(name: &str) -> bool {
    let folded = fold_collapsed(name);
    known_places().contains(&folded)
}

/// The longest head line (bytes) these forms are looked for in.
const LONGEST_HEAD_LINE: usize = 240;

/// Words that open a breadcrumb with the home link (folded).
const HOME_WORDS: &[&str] = &["الرييسيه", "الصفحه", "رييسيه", "home"];

/// `الرئيسية / محليات / البصرة`, `الرئيسية > أخبار محلية > خدمات`.
pub fn is_home_breadcrumb(line: &str) -> bool {
    let trimmed = line.trim();
    if trimmed.len() > LONGEST_HEAD_LINE {
        return false;
    }
    let first_end = trimmed
        .find(|c: char| c.is_whitespace() || "/>›»|-–".contains(c))
        .unwrap_or(trimmed.len());
    let first = fold(&trimmed[..first_end]);
    HOME_WORDS.contains(&first.as_str())
        && trimmed[first_end..].contains(['/', '>', '›', '»', '|', '-', '–', '«'])
        && trimmed.split_whitespace().count() <= 14
        && !trimmed.ends_with(['.', '؟', '?', '!'])
}

/// Separators of breadcrumb parts.
const CRUMB_SEPARATORS: &[char] = &['/', '>', '›', '»', '|', '-', '–'];

/// A breadcrumb at the top of the page: the home link and sections
/// (`الرئيسية / محليات / البصرة`) anywhere in the head, or, as the page's
/// first line (`first_line`) over a longer line (`next`), a chain of short
/// section names (`ثقافة / مهرجانات`, `أخبار - مصر - صحة`) whose first part
/// is no known place and with no agency or quotation in it (`دبي - وام` is
/// a dateline).
pub fn is_breadcrumb_line(line: &str, first_line: bool, next: Option<&str>) -> bool {
    if is_home_breadcrumb(line) {
        return true;
    }
    let trimmed = line.trim();
    if !first_line || trimmed.len() > 120 || !trimmed.contains(CRUMB_SEPARATORS) {
        return false;
    }
    let Some(next) = next else { return false };
    let words = trimmed.split_whitespace().count();
    if next.split_whitespace().count() <= words + 1 || next.trim_end().ends_with('.') {
        return false;
    }
    let mut parts = trimmed
        .split(CRUMB_SEPARATORS)
        .map(str::trim)
        .filter(|part| !part.is_empty());
    let Some(first) = parts.next() else {
        return false;
    };
    let mut count = 1;
    let short = |part: &str| {
        (1..=3).contains(&part.split_whitespace().count())
            && part.chars().all(|c| c.is_whitespace() || is_word_char(c))
            && !is_agency(&fold_collapsed(part))
    };
    if !short(first) || is_known_place(first) {
        return false;
    }
    for part in parts {
        if !short(part) {
            return false;
        }
        count += 1;
    }
    count >= 2
}

/// A furniture line of the page (`furniture`, `آخر تحديث:`, a date line
/// with furniture after a bar, a `المصدر: X` line): Some(the date it prints, the source it
/// names); None for any other line.
pub fn page_furniture(line: &str) -> Option<(Option<Date>, Option<String>)> {
    if let Some(date) = last_update_line(line) {
        return Some((date, None));
    }
    if is_furniture_line(line) {
        return Some((None, None));
    }
    if let Some((date, source)) = dated_source_line(line) {
        return Some((Some(date), source));
    }
    // `المصدر: وكالات` on a line of its own.
    source_label(line).map(|source| (None, Some(source)))
}

/// `2024-03-05 | المصدر: موقع`, `الأحد 5 مايو 2019 - 3 تعليقات`, `14-03-2021
/// | قرأ 90 مرة`: a date line with furniture after a bar or a dash: (the
/// date, the source when the tail names one).
pub fn dated_source_line(line: &str) -> Option<(Date, Option<String>)> {
    let trimmed = line.trim();
    // One byte search per separator (asked of every short line of a page).
    if trimmed.len() > LONGEST_HEAD_LINE
        || !(trimmed.contains('|') || trimmed.contains('-') || trimmed.contains('–'))
    {
        return None;
    }
    if !trimmed.starts_with(|c: char| c.is_numeric() || is_word_char(c)) {
        return None;
    }
    // The furniture after the last bar, or after the last spaced dash.
    let split = trimmed
        .rfind('|')
        .map(|at| (at, 1))
        .or_else(|| trimmed.rfind(" - ").map(|at| (at, 3)))
        .or_else(|| trimmed.rfind(" – ").map(|at| (at, " – ".len())))?;
    let (head, tail) = (&trimmed[..split.0], trimmed[split.0 + split.1..].trim());
    let source = source_label(tail);
    if source.is_none() && !is_furniture_line(tail) {
        return None;
    }
    let date = date_line(head)?;
    Some((date, source.filter(|source| !source.is_empty())))
}

/// `المصدر: موقع الخبر` (one to four words after the label): the source.
pub fn source_label(text: &str) -> Option<String> {
    let (label, name) = text.trim().split_once(':')?;
    if label.len() > 20 || !matches!(fold_cow(label.trim()).as_ref(), "المصدر" | "مصدر") {
        return None;
    }
    let name = name.trim().trim_matches(|c: char| "«»\"“”().".contains(c));
    let words = name.split_whitespace().count();
    ((1..=4).contains(&words) && !name.contains(['،', ',', '.', ':']))
        .then(|| name.split_whitespace().collect::<Vec<_>>().join(" "))
}

/// `ريم حداد - بيروت`: a reporter's name of two or three words and a known
/// place after a dash (a byline).
pub fn is_name_place_byline(line: &str) -> bool {
    let trimmed = line.trim();
    if trimmed.len() > 120 {
        return false;
    }
    let Some((name, place)) = trimmed
        .split_once(" - ")
        .or_else(|| trimmed.split_once(" – "))
    else {
        return false;
    };
    let name_words: Vec<&str> = name.split_whitespace().collect();
    let place = place.trim();
    (2..=3).contains(&name_words.len())
        && (1..=2).contains(&place.split_whitespace().count())
        && name.chars().all(|c| c.is_whitespace() || is_word_char(c))
        && !fold(name_words[0]).starts_with("ال")
        && !is_known_place(name)
        && is_known_place(place)
        && !is_not_place(&fold(name_words[0]))
}

/// A credit opening the first paragraph: dateline ("" when none), source
/// ("" when none) and the byte length of the prefix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Opening {
    pub dateline: String,
    pub source: String,
    pub length: usize,
}

/// The credit opening the first paragraph `line`, read with the page's
/// other lines (`page`); `source_known`: the page already gave a source.
pub fn opening_credit(line: &str, page: &[&str], source_known: bool) -> Option<Opening> {
    // Every form opens with a place or outlet of at most three words.
    let head_end = line
        .char_indices()
        .filter(|(_, c)| matches!(c, '(' | ':' | '-' | '–' | '—'))
        .map(|(at, _)| at)
        .next()?;
    if head_end == 0 || head_end > 60 {
        return None;
    }
    let head = line[..head_end].trim();
    let head_words = head.split_whitespace().count();
    if !(1..=3).contains(&head_words)
        || !head
            .chars()
            .all(|c| c.is_whitespace() || is_word_char(c) || c.is_ascii_digit())
    {
        return None;
    }
    let first_folded = fold(head.split_whitespace().next().unwrap_or_default());
    if is_reporting_verb(&first_folded) || is_not_place(&first_folded) {
        return None;
    }
    let rest = &line[head_end..];
    if rest.starts_with('(') {
        return parenthesized_colon(line, head, head_end);
    }
    if rest.starts_with(':') {
        return place_colon_outlet(line, head, head_end, page);
    }
    dashed_outlet(line, head, head_end, page, source_known)
}

/// `المكلا (الأيام) خاص: …`, `الكويت (الراي): …`.
fn parenthesized_colon(line: &str, place: &str, open: usize) -> Option<Opening> {
    let close = open + line[open..].find(')')?;
    let outlet = line[open + 1..close].trim();
    if !(1..=3).contains(&outlet.split_whitespace().count()) || outlet.contains([':', '،', '.']) {
        return None;
    }
    let after = &line[close + 1..];
    let colon = after.find(':')?;
    let between = fold(after[..colon].trim());
    if !matches!(between.as_str(), "" | "خاص" | "حصري" | "-") {
        return None;
    }
    // `محمد علي (الناطق باسم الحركة): …` opens an interview answer: the
    // name in parentheses must look like an outlet.
    let outlet_like = is_agency(&fold_collapsed(outlet))
        || outlet.split_whitespace().nth(1).is_none()
        || is_named_outlet(outlet)
        || is_known_place(place);
    if !(1..=2).contains(&place.split_whitespace().count())
        || !outlet_like
        || outlet.split_whitespace().nth(2).is_some()
    {
        return None;
    }
    let length = close + 1 + colon + 1;
    if line[length..].trim().is_empty() {
        return None;
    }
    Some(Opening {
        dateline: place.to_string(),
        source: outlet.to_string(),
        length,
    })
}

/// `جدة: صحيفة قضت المحكمة …`: the word after the colon is the outlet when
/// it is an agency or printed quoted elsewhere on the page.
fn place_colon_outlet(line: &str, place: &str, colon: usize, page: &[&str]) -> Option<Opening> {
    if !(1..=2).contains(&place.split_whitespace().count()) {
        return None;
    }
    let after = &line[colon + 1..];
    let word = after.split_whitespace().next()?;
    if !word.chars().all(is_word_char) {
        return None;
    }
    let agency = is_agency(&fold(word));
    if !agency && !quoted_elsewhere(word, page) {
        return None;
    }
    let word_start = colon + 1 + after.find(word)?;
    let length = word_start + word.len();
    let rest = line[length..].trim_start_matches([' ', '-', '–', ':']);
    if rest.split_whitespace().count() < 4 {
        return None;
    }
    Some(Opening {
        dateline: place.to_string(),
        source: word.to_string(),
        length: length_without_space(line, line.len() - rest.len()),
    })
}

/// `موقع نيوز - أعلن …`, `سرايا - قالت …`: an online outlet printed like
/// a place (see the module decision); None when it is a place.
fn dashed_outlet(
    line: &str,
    head: &str,
    dash: usize,
    page: &[&str],
    source_known: bool,
) -> Option<Opening> {
    let dash_len = line[dash..].chars().next().map_or(1, char::len_utf8);
    if !line[..dash].ends_with(' ') || !line[dash + dash_len..].starts_with(' ') {
        return None;
    }
    let rest = line[dash + dash_len..].trim_start();
    if rest.split_whitespace().nth(3).is_none() || rest.starts_with(|c: char| c.is_numeric()) {
        return None;
    }
    // `نواكشوط - و م ع - …`: a credit follows the place; not this form.
    if rest
        .split_whitespace()
        .take(4)
        .any(|word| word.starts_with(['-', '–', '/', '(']) || word.ends_with(['-', '–', '/', ')']))
    {
        return None;
    }
    let length = line.len() - rest.len();
    let named_outlet = is_named_outlet(head) || head.chars().any(|c| c.is_ascii_digit());
    let one_word = head.split_whitespace().nth(1).is_none();
    // An outlet names itself quoted (`لـ"المنبر"`); a place is printed
    // plain.
    let place_like = is_known_place(head)
        || (!quoted_elsewhere(head, page)
            && mentioned_elsewhere(head, &line[length..], page, line));
    if named_outlet || (one_word && !source_known && !place_like) {
        return Some(Opening {
            dateline: String::new(),
            source: head.to_string(),
            length: length_without_space(line, length),
        });
    }
    // `الدار البيضاء - أعلنت …` when the page gave the source already.
    if source_known && head.split_whitespace().count() <= 2 && place_like {
        return Some(Opening {
            dateline: head.to_string(),
            source: String::new(),
            length: length_without_space(line, length),
        });
    }
    None
}

fn length_without_space(line: &str, length: usize) -> usize {
    line[..length].trim_end().len()
}

/// Whether `name` is printed in the rest of its paragraph or on another
/// line of the page.
fn mentioned_elsewhere(name: &str, rest: &str, page: &[&str], line: &str) -> bool {
    rest.contains(name)
        || page
            .iter()
            .any(|other| !std::ptr::eq(*other, line) && *other != line && other.contains(name))
}

/// Whether `word` is printed in quotation marks on some line of the page.
fn quoted_elsewhere(word: &str, page: &[&str]) -> bool {
    page.iter().any(|other| {
        [('"', '"'), ('«', '»'), ('“', '”')]
            .iter()
            .any(|(open, close)| {
                other.match_indices(word).any(|(at, _)| {
                    other[..at].ends_with(*open) && other[at + word.len()..].starts_with(*close)
                })
            })
    })
}

#[cfg(test)]
#[path = "openings_tests.rs"]
mod tests;

#[cfg(test)]
#[path = "openings_page_tests.rs"]
mod page_tests;
