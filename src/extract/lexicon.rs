//! Word lists the engine matches against, in folded form (see `normalize`):
//! month and weekday names, period modifiers, relation and part cues,
//! reporting verbs, speaker titles and roles.
//!
//! Only data and tiny lookups live here; no parsing. Every entry must be
//! written folded (no hamza on alef, ي for ى, ه for ة) or it never matches.

use super::wordlist::WordList;

/// Gregorian month names of both series (western and Levantine/Iraqi) and
/// Maghrebi spellings, as (first word, optional second word, month number).
#[rustfmt::skip]
pub const MONTHS: &[(&str, Option<&str>, u8)] = &[
    ("يناير", None, 1),
    ("جانفي", None, 1),
    ("كانون", Some("الثاني"), 1),
    ("كانون", Some("ثاني"), 1),
    ("فبراير", None, 2),
    ("فيفري", None, 2),
    ("شباط", None, 2),
    ("مارس", None, 3),
    ("اذار", None, 3),
    ("ابريل", None, 4),
    ("افريل", None, 4),
    ("نيسان", None, 4),
    ("مايو", None, 5),
    ("ماي", None, 5),
    ("ايار", None, 5),
    ("يونيو", None, 6),
    ("يونيه", None, 6),
    ("جوان", None, 6),
    ("حزيران", None, 6),
    ("يوليو", None, 7),
    ("يوليه", None, 7),
    ("جويليه", None, 7),
    ("يوليوز", None, 7),
    ("تموز", None, 7),
    ("اغسطس", None, 8),
    ("اغشت", None, 8),
    ("غشت", None, 8),
    ("اوت", None, 8),
    ("اب", None, 8),
    ("سبتمبر", None, 9),
    ("شتنبر", None, 9),
    ("ايلول", None, 9),
    ("اكتوبر", None, 10),
    ("تشرين", Some("الاول"), 10),
    ("تشرين", Some("اول"), 10),
    ("نوفمبر", None, 11),
    ("نونبر", None, 11),
    ("تشرين", Some("الثاني"), 11),
    ("تشرين", Some("ثاني"), 11),
    ("ديسمبر", None, 12),
    ("دجنبر", None, 12),
    ("كانون", Some("الاول"), 12),
    ("كانون", Some("اول"), 12),
];

/// First words of the Hijri month names (read only to set a Hijri date aside).
#[rustfmt::skip]
pub static HIJRI_MONTHS: WordList = WordList::new(&[
    "محرم", "صفر", "ربيع", "جمادي", "رجب", "شعبان", "رمضان", "شوال", "ذو", "ذي",
]);

/// Month names that are also ordinary words; they count as months only
/// next to a number or another month name.
#[rustfmt::skip]
pub static AMBIGUOUS_MONTHS: WordList = WordList::new(&["اب", "ماي", "اوت"]);

/// Weekday names with their number of days after Monday (jiff's
/// `to_monday_zero_offset`).
#[rustfmt::skip]
pub const WEEKDAYS: &[(&str, i8)] = &[
    ("الاثنين", 0),
    ("الثلاثاء", 1),
    ("الاربعاء", 2),
    ("الخميس", 3),
    ("الجمعه", 4),
    ("السبت", 5),
    ("الاحد", 6),
];

/// Words that may stand before a weekday or امس: يوم الأحد, مساء الاثنين.
#[rustfmt::skip]
pub static DAY_PERIOD_WORDS: WordList = WordList::new(&["يوم", "يومي", "مساء", "صباح", "ليله", "ليل", "ظهر", "فجر", "عصر", "ظهيره", "نهار"]);

/// Direction a period modifier points to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    Past,
    Current,
    Future,
}

/// Modifiers after a period word: العام الماضي, الشهر الجاري, الأحد المقبل.
pub fn direction_of(word: &str) -> Option<Direction> {
    match word {
        "الماضي" | "الماضيه" | "المنصرم" | "المنصرمه" | "الفايت" | "الفايته" | "السابق"
        | "الماضيين" => Some(Direction::Past),
        "الجاري" | "الجاريه" | "الحالي" | "الحاليه" | "الجري" => {
            Some(Direction::Current)
        }
        "المقبل" | "المقبله" | "القادم" | "القادمه" | "المقبلين" | "المقبلتين" | "القادمين" => {
            Some(Direction::Future)
        }
        _ => None,
    }
}

/// Words naming a year: عام 2014, العام الماضي, السنة المقبلة.
#[rustfmt::skip]
pub static YEAR_WORDS: WordList = WordList::new(&["عام", "العام", "سنه", "السنه", "عامي"]);

/// Words naming a month as a period: الشهر الماضي.
#[rustfmt::skip]
pub static MONTH_WORDS: WordList = WordList::new(&["الشهر", "شهر"]);

/// Season words: صيف 2020 (read as a season of that year, `2020-SU`).
#[rustfmt::skip]
pub static SEASON_WORDS: WordList = WordList::new(&["صيف", "الصيف", "شتاء", "الشتاء", "ربيع", "الربيع", "خريف", "الخريف"]);

/// The season code (TIMEX: SP, SU, FA, WI) of a season word.
pub fn season_code(word: &str) -> Option<&'static str> {
    match word.strip_prefix("ال").unwrap_or(word) {
        "ربيع" => Some("SP"),
        "صيف" => Some("SU"),
        "خريف" => Some("FA"),
        "شتاء" => Some("WI"),
        _ => None,
    }
}

/// Words naming a week as a period: الأسبوع المقبل.
#[rustfmt::skip]
pub static WEEK_WORDS: WordList = WordList::new(&["الاسبوع", "اسبوع"]);

/// Event nouns after which a bare year is the event's year: انتخابات 2017,
/// نسخة 1990, موسم 2019, إنجاز 1997, لقب 2004, بطولة 2011.
#[rustfmt::skip]
pub static EVENT_YEAR_WORDS: WordList = WordList::new(&[
    "انتخابات", "نسخه", "دوره", "موسم", "مونديال", "اولمبياد", "انجاز", "لقب", "بطوله",
]);

/// Nouns that, right after a year-like number, show it counts things (a
/// number above ten takes a singular noun: `2015 مخالفة`, not `2015 مخالفات`).
#[rustfmt::skip]
pub static COUNT_NOUNS: WordList = WordList::new(&[
    "جندي", "جنود", "عسكري", "عسكريا", "شخص", "شخصا", "اشخاص", "قتيل", "قتيلا", "مقاتل", "مقاتلا",
    "دولار", "دولارا", "يورو", "دينار", "دينارا", "ريال", "ريالا", "جنيه", "جنيها", "ليره", "درهم",
    "درهما", "طن", "طنا", "برميل", "كيلومتر", "كلم", "كم", "متر", "مترا", "مليون", "مليار", "الف",
    "عنصر", "عنصرا", "فرد", "فردا", "منزل", "منزلا", "طالب", "طالبا", "لاجي", "لاجيا", "مهاجر",
    "اسره", "عايله", "مواطن", "مواطنا", "حاله", "اصابه", "وفاه", "صاروخ", "صاروخا", "طايره",
    "سياره", "موظف", "موظفا", "عامل", "عاملا", "شرطي", "مدني", "مدنيا", "اسير", "اسيرا", "معتقل",
    "معتقلا", "سجين", "سجينا", "مستوطن", "ناخب", "صوت", "صوتا", "مقعد", "مقعدا", "نسمه", "هكتار",
    "دونم", "ميغاوات", "قطعه", "وحده", "هجوم", "غاره", "طفل", "طفلا", "امراه", "رجل", "ضحيه",
    "مدرسه", "قريه", "مشروعا", "شركه", "مخالفه", "نقطه", "جريح", "جريحا", "مصاب", "مصابا", "وظيفه",
    "زاير", "زايرا", "سايح", "سايحا", "رحله", "شاحنه", "سفينه", "جرعه", "غرفه",
]);

/// Words before a number that show it is a quantity, not a year.
#[rustfmt::skip]
pub static QUANTITY_WORDS: WordList = WordList::new(&["نحو", "حوالي", "قرابه", "زهاء", "اكثر", "اقل", "قرابة", "بنحو", "بحوالي", "رقم", "العدد"]);

/// Words that, right before a bare year, show it is a date: في 2014.
#[rustfmt::skip]
pub static YEAR_CONTEXT_WORDS: WordList = WordList::new(&[
    "في", "منذ", "حتي", "قبل", "بعد", "بحلول", "خلال", "مطلع", "منتصف", "نهايه", "اواخر", "اوايل",
    "بدايه", "مستهل", "اواسط", "عام", "العام", "سنه", "السنه", "عامي", "لعام", "الي", "من", "بين",
]);

/// Part-of-period cues.
#[rustfmt::skip]
pub const PART_CUES: &[(&str, crate::proto::v1::Part)] = {
    use crate::proto::v1::Part::{End, Mid, Start};
    &[
        ("مطلع", Start), ("اوايل", Start), ("بدايه", Start), ("بدايات", Start), ("مستهل", Start),
        ("اول", Start), ("مطالع", Start),
        ("منتصف", Mid), ("اواسط", Mid), ("وسط", Mid),
        ("نهايه", End), ("اواخر", End), ("ختام", End), ("اخر", End), ("نهايات", End),
    ]
};

/// Part-of-period cues.
pub fn part_of(word: &str) -> Option<crate::proto::v1::Part> {
    PART_CUES
        .iter()
        .find(|(cue, _)| *cue == word)
        .map(|(_, part)| *part)
}

/// Single-word relation cues before a date.
#[rustfmt::skip]
pub const RELATION_CUES: &[(&str, crate::proto::v1::Relation)] = {
    use crate::proto::v1::Relation::{After, Before, By, Since, Until};
    &[
        ("بحلول", By), ("قبل", Before), ("قبيل", Before), ("بعد", After), ("عقب", After),
        ("اعقاب", After),
        ("بعيد", After), ("اثر", After), ("منذ", Since), ("حتي", Until), ("لغايه", Until),
    ]
};

/// Single-word relation cues before a date.
pub fn relation_of(word: &str) -> Option<crate::proto::v1::Relation> {
    RELATION_CUES
        .iter()
        .find(|(cue, _)| *cue == word)
        .map(|(_, relation)| *relation)
}

/// Multi-word relation cues: (words, relation).
#[rustfmt::skip]
pub const RELATION_PHRASES: &[(&[&str], crate::proto::v1::Relation)] = &[
    (&["في", "موعد", "اقصاه"], crate::proto::v1::Relation::By),
    (&["موعد", "اقصاه"], crate::proto::v1::Relation::By),
    (&["في", "موعد", "لا", "يتجاوز"], crate::proto::v1::Relation::By),
    (&["اعتبارا", "من"], crate::proto::v1::Relation::Since),
    (&["ابتداء", "من"], crate::proto::v1::Relation::Since),
    (&["ابتداءا", "من"], crate::proto::v1::Relation::Since),
    (&["بدءا", "من"], crate::proto::v1::Relation::Since),
    (&["بدء", "من"], crate::proto::v1::Relation::Since),
    (&["الي", "غايه"], crate::proto::v1::Relation::Until),
    (&["في", "افق"], crate::proto::v1::Relation::By),
];
