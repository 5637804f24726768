//! Single lines of page furniture around an article's head that are not
//! its text: bylines (`كتب: …`, a bare reporter's name under the headline),
//! a dateline with a reporter or an outlet (`دبي: محمد إبراهيم`, `الرياض:
//! «الشرق الأوسط»`), outlet prefixes (`شفق نيوز/ …`, `بيت لحم - "القدس" دوت
//! كوم - …`), the Saudi wire line `الرياض 14 يوليو 2008 م واس`, photo lines
//! (`صورة: …`) and the paragraph that shows a "read also" line was only a
//! teaser.
//!
//! Decisions where the rule book is silent: a name after a dateline is an
//! outlet when it is quoted, a known agency, one word, or opens with the
//! article (ال) or holds an outlet word (نيوز, اليوم…); otherwise it is a
//! reporter, and gives no source. A "read also" line with its headline
//! followed by a paragraph opening with a connective (`في المقابل،`, `ومن
//! جهته`) is a teaser: the host article goes on.
//! Pure text work on one line at a time; it must not keep page state.

use super::captions::rfind_dash;
use super::credits::is_agency;
use super::cues::is_reporting_verb;
use super::date_lines::{date_line, has_digit};
use super::normalize::{count_words_capped, fold, fold_collapsed};
use jiff::civil::Date;

/// First words of a byline (folded).
#[rustfmt::skip]
const BYLINE_STARTS: &[&str] = &[
    "كتب", "كتبت", "بقلم", "اعداد", "تحرير", "متابعه", "تقرير", "الكاتب", "الكاتبه", "حوار", "المحرر",
    "المحرره",
    "مصدر الصوره",
];

/// Words that mark a name as an outlet rather than a person (folded).
#[rustfmt::skip]
const OUTLET_WORDS: &[&str] = &[
    "نيوز", "اليوم", "نت", "برس", "تايمز", "بوست", "الاخباري", "الاخباريه", "الالكترونيه", "دوت", "كوم",
    "انفو", "ميديا", "24", "عربي", "عربيه", "اونلاين", "تيفي", "بوابه", "موقع", "صحيفه",
    "جريده", "مجله", "وكاله", "قناه", "اذاعه", "راديو", "شبكه",
];

/// Labels that head a line like a dateline but are none (folded).
const NOT_PLACES: &[&str] = &[
    "المصدر",
    "مصدر",
    "الكاتب",
    "الكاتبه",
    "المحرر",
    "المراسل",
    "مراسل",
    "ترجمه",
    "تصوير",
    "صوره",
    "الصوره",
    "اعداد",
    "تحرير",
    "متابعه",
    "كتب",
    "كتبت",
    "بقلم",
    "حوار",
    "تقرير",
    "المحرره",
];

/// Words that open a paragraph continuing the one before (folded).
#[rustfmt::skip]
const CONNECTIVE_STARTS: &[&str] = &[
    "في المقابل", "من جهته", "من جهتها", "من جانبه", "من جانبها", "الي ذلك", "كما", "بدوره", "بدورها",
    "في حين", "غير ان", "لكن", "من جهه اخري", "في سياق متصل", "وفي", "وكان", "وكانت", "واضاف",
    "واضافت", "وقال", "وقالت", "واكد", "واكدت", "واشار", "واشارت", "ومن", "وتابع", "وتابعت",
];

fn words(text: &str) -> Vec<&str> {
    text.split_whitespace().collect()
}

fn trim_name(text: &str) -> &str {
    text.trim_matches(|c: char| c.is_whitespace() || "«»\"“”()[]:-–—ـ/|".contains(c))
}

/// `كتب: محمود سامي`, `كتب مبارك العبدالله |`, `بقلم: …`.
pub fn is_byline(line: &str) -> bool {
    let trimmed = line.trim();
    // The cheap tests first: most lines are long paragraphs.
    if !(2..=6).contains(&count_words_capped(trimmed, 7))
        || trimmed.ends_with(['.', '؟', '?', '!', '،'])
    {
        return false;
    }
    trimmed
        .split(|c: char| c.is_whitespace() || c == ':')
        .next()
        .is_some_and(|first| BYLINE_STARTS.contains(&fold(first).as_str()))
}

/// A bare name of two or three words, letters only (a reporter's name
/// under the headline).
pub fn is_bare_name(line: &str) -> bool {
    let trimmed = line.trim();
    (2..=3).contains(&count_words_capped(trimmed, 4))
        && trimmed
            .chars()
            .all(|c| c.is_whitespace() || super::normalize::is_word_char(c))
}

/// Words printed alone under a headline that are no place (folded).
#[rustfmt::skip]
const NOT_PLACE_LABELS: &[&str] = &["عاجل", "فيديو", "صور", "خاص", "حصري", "محليات", "تحديث",
    "متابعات"];

/// A place alone on the line under the headline (`الرباط`): one word of
/// letters that is no label.
pub fn is_bare_place(line: &str) -> bool {
    let trimmed = line.trim().trim_end_matches([':', '-', '–']).trim();
    if count_words_capped(trimmed, 2) != 1
        || !trimmed.chars().all(super::normalize::is_word_char)
        || trimmed.chars().any(|c| c.is_ascii_digit())
    {
        return false;
    }
    let folded = fold(trimmed);
    !NOT_PLACES.contains(&folded.as_str())
        && !NOT_PLACE_LABELS.contains(&folded.as_str())
        && !is_reporting_verb(&folded)
}

/// Whether a name printed after a dateline is an outlet (see the module
/// decision); `quoted`: it stood in quotation marks.
pub fn is_outlet_name(name: &str, quoted: bool) -> bool {
    let folded = fold_collapsed(name);
    let parts = words(&folded);
    // `بيروت - خاص`: an exclusive, `بيروت - متابعات` a desk label, no outlet.
    if ["خاص", "حصري", "متابعات", "متابعه"].contains(&folded.as_str()) {
        return false;
    }
    quoted
        || is_agency(&folded)
        || parts.len() == 1
        // Initials (`سي ان ان`) and numbers (`عرب 48`) are no person's name.
        || parts.iter().all(|part| part.chars().count() <= 2)
        || folded.chars().any(|c| c.is_ascii_digit())
        || parts.first().is_some_and(|first| first.starts_with("ال"))
        || parts.iter().any(|part| OUTLET_WORDS.contains(part))
        || name.chars().any(|c| c.is_ascii_alphabetic())
}

/// An outlet of several words that says it is one (`شفق نيوز`, `بوابة
/// الأهرام`) or an agency; a single word before a slash may be a place.
pub fn is_named_outlet(name: &str) -> bool {
    let folded = fold_collapsed(name);
    is_agency(&folded)
        || (words(&folded).len() >= 2
            && words(&folded)
                .iter()
                .any(|part| OUTLET_WORDS.contains(part)))
}

/// `دبي: محمد إبراهيم`, `الرياض: «الشرق الأوسط»`: (place, outlet or "").
pub fn place_colon_line(line: &str) -> Option<(String, String)> {
    let trimmed = line.trim();
    let (place, name) = trimmed.split_once(':')?;
    let place = trim_name(place);
    let quoted = name.contains(['«', '"', '“']);
    let name = trim_name(name);
    let place_words = words(place).len();
    let name_words = words(name).len();
    let plain = |text: &str| {
        !text.contains(['.', '،', ',', ':', '؟', '?', '!'])
            && !text.chars().any(|c| c.is_ascii_digit())
    };
    if !(1..=2).contains(&place_words) || !(1..=3).contains(&name_words) {
        return None;
    }
    let place_folded = fold_collapsed(place);
    if !plain(place)
        || !plain(name)
        || is_reporting_verb(&place_folded)
        || NOT_PLACES.contains(&place_folded.as_str())
    {
        return None;
    }
    let outlet = if is_outlet_name(name, quoted) {
        name.to_string()
    } else {
        String::new()
    };
    Some((place.to_string(), outlet))
}

/// `بيت لحم - "القدس" دوت كوم - …` at the head of a paragraph: (place,
/// outlet, byte length of the prefix).
pub fn dot_com_prefix(line: &str) -> Option<(String, String, usize)> {
    let marker = "دوت كوم";
    let at = line.find(marker)?;
    let head = &line[..at];
    let dash = head.find(['-', '–', '—'])?;
    let dash_len = head[dash..].chars().next().map_or(1, char::len_utf8);
    let place = trim_name(&head[..dash]);
    let outlet = trim_name(&head[dash + dash_len..]);
    if !(1..=2).contains(&words(place).len()) || !(1..=2).contains(&words(outlet).len()) {
        return None;
    }
    let rest = &line[at + marker.len()..];
    let skipped = rest.len()
        - rest
            .trim_start_matches(|c: char| c.is_whitespace() || "-–—:".contains(c))
            .len();
    Some((
        place.to_string(),
        outlet.to_string(),
        at + marker.len() + skipped,
    ))
}

/// `شفق نيوز/ أفاد مصدر …`: (outlet, byte length of the prefix).
pub fn outlet_slash_prefix(line: &str) -> Option<(String, usize)> {
    let slash = line.find('/')?;
    let outlet = line[..slash].trim();
    let count = words(outlet).len();
    let fits = (1..=3).contains(&count)
        && outlet
            .chars()
            .all(|c| c.is_whitespace() || super::normalize::is_word_char(c))
        && !outlet
            .split_whitespace()
            .next()
            .is_some_and(|first| is_reporting_verb(&fold(first)))
        && line[slash + 1..].starts_with(' ')
        && is_named_outlet(outlet);
    fits.then(|| (outlet.to_string(), slash + 1))
}

/// `الرياض 11 رجب 1429 هـ الموافق 14 يوليو 2008 م واس`: (place, agency,
/// date).
pub fn dated_credit_line(line: &str) -> Option<(String, String, Date)> {
    let trimmed = line.trim().trim_end_matches(['.', ':', '-']).trim();
    // The date between the place and the agency needs a digit; the last
    // word must be an agency: both before the words are collected.
    if !(4..=16).contains(&count_words_capped(trimmed, 17)) || !has_digit(trimmed) {
        return None;
    }
    let agency = trim_name(trimmed.split_whitespace().next_back()?);
    if !is_agency(&fold(agency)) {
        return None;
    }
    let parts = words(trimmed);
    let last = parts.last()?;
    let agency_at = trimmed.rfind(last)?;
    for place_words in 1..=2 {
        let place = parts[..place_words].join(" ");
        if place.chars().any(|c| c.is_ascii_digit()) || is_reporting_verb(&fold(parts[0])) {
            return None;
        }
        let place_end = trimmed.find(parts[place_words - 1])? + parts[place_words - 1].len();
        let middle = trimmed.get(place_end..agency_at)?;
        if let Some(date) = date_line(trim_name(middle)) {
            return Some((trim_name(&place).to_string(), agency.to_string(), date));
        }
    }
    None
}

/// Whether a folded word heads a line like a dateline but is no place
/// (`كتب - …`, `المصدر: …`).
pub fn is_not_place(folded: &str) -> bool {
    NOT_PLACES.contains(&folded)
}

/// `تونس - ارتفاع أسعار الخضر` as the page's first line over its text: a
/// headline, unless what follows the first dash is plainly an outlet (one
/// word, quoted, an agency, a name with an outlet word).
pub fn is_dashed_headline(line: &str) -> bool {
    let Some(at) = line.find(['-', '–', '—']) else {
        return false;
    };
    let dash_len = line[at..].chars().next().map_or(1, char::len_utf8);
    let after = line[at + dash_len..].trim();
    let name = trim_name(after.split(['-', '–', '—', '/']).next().unwrap_or(after));
    !(after.contains(['«', '"', '“']) || words(name).len() <= 1 || is_named_outlet(name))
}

/// The date printed inside a wire credit between the place and the agency
/// (`الخرطوم 12 مارس 2011 (شينخوا)`), when it names a year.
pub fn credit_date(credit: &str, place: &str, agency: &str) -> Option<Date> {
    let after_place = credit.trim_start().strip_prefix(place)?;
    let middle = &after_place[..after_place.rfind(agency)?];
    let middle = trim_name(middle).trim_start_matches(['،', ',']).trim();
    let middle = middle.strip_prefix("في ").unwrap_or(middle);
    middle
        .chars()
        .any(|c| c.is_ascii_digit())
        .then(|| date_line(middle))
        .flatten()
}

/// `صورة: الوزير خلال الزيارة`, `الصورة: …`, `تصوير: …`, and a line opened
/// by a copyright sign (`© Agency . the caption`).
pub fn is_photo_line(line: &str) -> bool {
    let trimmed = line.trim();
    if trimmed.starts_with('©') {
        return count_words_capped(trimmed, 26) <= 25 && !trimmed.ends_with(['؟', '?']);
    }
    let Some((head, rest)) = trimmed.split_once(':') else {
        return false;
    };
    // The labels open with ص, ا, ت, ب or م: most heads are not folded.
    if !may_fold_to_first(
        head,
        &['ص', 'ت', 'ب', 'م', 'ا', 'أ', 'إ', 'آ', 'ٱ', 'ٲ', 'ٳ'],
    ) {
        return false;
    }
    let head = fold_collapsed(head);
    ["صوره", "الصوره", "تصوير", "بعدسه", "مصدر الصوره"].contains(&head.as_str())
        && count_words_capped(rest, 26) <= 25
        && !rest.trim_end().ends_with(['؟', '?'])
}

/// Nouns that begin with a و of their own (folded): a paragraph opening
/// with one may be a fresh lede.
#[rustfmt::skip]
const NOUNS_WITH_WAW: &[&str] = &[
    "وزير", "وزيره", "وزاره", "وزراء", "وكاله", "وكالات", "وفد", "ولايه", "واشنطن", "وسايل", "وحده",
    "وحدات", "ورشه", "وثيقه", "وادي", "وهران", "وجده", "والي", "وكيل", "وليد", "وايل", "وسام", "وفاء",
];

/// Whether a paragraph continues the text before it: it opens with a
/// connective, or with a word joined to the conjunction و (`وأفادت`,
/// `وتعمل`), which no fresh lede does.
pub fn continues_the_text(paragraph: &str) -> bool {
    if opens_with_connective(paragraph) {
        return true;
    }
    let Some(first) = paragraph.split_whitespace().next() else {
        return false;
    };
    let folded = fold(first.trim_end_matches(['،', ',']));
    folded.starts_with('و')
        && folded.chars().count() >= 4
        && folded.chars().all(super::normalize::is_word_char)
        && !NOUNS_WITH_WAW.contains(&folded.as_str())
}

/// The wire end tag `(النهاية)` (`انتهى`), maybe with the editors'
/// initials after it on the line.
pub fn is_end_tag(line: &str) -> bool {
    let trimmed = line.trim();
    let inner = trimmed.trim_start_matches(['(', '[', '-', ' ']);
    // Both tags open with an alef: most lines are turned away unfolded.
    if !may_fold_to_first(inner, &['ا', 'أ', 'إ', 'آ', 'ٱ', 'ٲ', 'ٳ']) {
        return false;
    }
    let word_end = inner.find([')', ']', '-', ' ']).unwrap_or(inner.len());
    let head = fold(&inner[..word_end]);
    let rest = inner[word_end..].trim_start_matches([')', ']', '-', ' ']);
    ["النهايه", "انتهي"].contains(&head.as_str()) && (rest.is_empty() || is_initials_line(rest))
}

/// A line of editors' initials and desk codes after an end tag (`ف ن ع /
/// م ع`, `ع ح / س ر`): short letter groups, slashes and codes with digits.
pub fn is_initials_line(line: &str) -> bool {
    let parts = words(line);
    (1..=12).contains(&parts.len())
        && parts
            .iter()
            .any(|part| part.chars().any(char::is_alphabetic))
        && parts.iter().all(|part| {
            let letters = part.trim_matches(|c: char| "/.-|()".contains(c));
            letters.is_empty()
                || letters.chars().count() <= 3
                || letters.chars().any(|c| c.is_ascii_digit())
        })
}

/// A masthead line `صحيفة الأنباء - العدد 4512 - الأحد 3 مارس 2019`: parts
/// split at dashes and bars, one of them an issue number. Some(date it
/// prints, if any) when the line is one.
pub fn masthead_line(line: &str) -> Option<Option<Date>> {
    // An issue number needs a digit and the parts a separator: most lines
    // have neither, and are not split at all.
    if rfind_dash(line).is_none() || !has_digit(line) {
        return None;
    }
    let parts = || {
        line.split(['-', '–', '—', '|'])
            .map(str::trim)
            .filter(|part| !part.is_empty())
    };
    // A long first part ends the test before the line is split further.
    if parts().any(|part| count_words_capped(part, 7) > 6)
        || !(2..=4).contains(&parts().take(5).count())
    {
        return None;
    }
    let has_issue = parts().any(|part| {
        let folded = fold_collapsed(part);
        ["العدد", "عدد"].iter().any(|label| {
            folded.strip_prefix(label).is_some_and(|number| {
                let number = number.trim_start_matches([' ', ':', '.']);
                !number.is_empty() && number.chars().all(|c| c.is_ascii_digit())
            })
        })
    });
    has_issue.then(|| parts().find_map(date_line))
}

/// Whether the first character of `text` may fold to the first letter of
/// a word that opens with one of `firsts` (the letters and every letter
/// that folds to them): it is one of them, a character folding drops, or
/// a presentation form (decomposed by folding).
fn may_fold_to_first(text: &str, firsts: &[char]) -> bool {
    text.chars().next().is_some_and(|first| {
        firsts.contains(&first) || super::normalize::is_ignorable(first) || first >= '\u{FB50}'
    })
}

/// Whether a paragraph opens with a connective that continues the text
/// before it.
pub fn opens_with_connective(paragraph: &str) -> bool {
    let head: String = paragraph.chars().take(40).collect();
    let folded = fold_collapsed(&head.replace(['،', ','], " "));
    CONNECTIVE_STARTS.iter().any(|start| {
        folded
            .strip_prefix(start)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with(' '))
    })
}

#[cfg(test)]
#[path = "page_lines_tests.rs"]
mod tests;
