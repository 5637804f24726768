//! What the words around a date mention say about it once it is parsed: the
//! first day of a range, a relation cue written a few words before the date
//! (`منذ الإعلان عن … في أغسطس 2024`), `على أقصى تقدير` after it, and a
//! sentence about the future that moves a bare weekday or a year-less day
//! ahead of the publication date.
//!
//! It also tells the mentions that are no dates of the story: the page's own
//! date line (`نشر في: …`), an event's name (`ثورة 25 يناير`) and a day of
//! every year (`18 نوفمبر من كل عام`).
//!
//! It only adjusts or judges a mention the parser found; it never finds one
//! itself and never looks past the sentence the mention sits in.

use super::{DateMention, Guess};
use crate::extract::calendar::{nearest_year_for_relation, year_ahead};
use crate::extract::lexicon::relation_of;
use crate::extract::tokens::{Break, Token, TokenKind, lookup_with_clitics};
use crate::proto::v1::Relation;
use jiff::civil::Date;

/// Words between the two days of a range: `من 12 إلى 14 أكتوبر`, `بين 3 و5 آذار`.
const RANGE_LINKS: &[&str] = &["الي", "حتي", "و"];

/// How many tokens back a relation cue may stand from the date it governs.
const RELATION_REACH: usize = 14;

/// How many tokens back (and ahead) a future marker may stand from a date.
const FUTURE_REACH_BEFORE: usize = 10;
const FUTURE_REACH_AFTER: usize = 4;

/// Words that, right after a relation cue, show it does not govern a later
/// date: a clause (`قبل أن`, `بعدما`), a pointer back (`بعد ذلك`), `حتى الآن`,
/// or a duration (`منذ سنوات`, `قبل نحو شهر`).
#[rustfmt::skip]
const CUE_BLOCKERS: &[&str] = &[
    "ان", "ما", "ذلك", "الان", "يوم", "يومين", "ايام", "اسبوع", "اسبوعين", "اسابيع", "شهر", "شهرين",
    "اشهر", "شهور", "سنه", "سنتين", "سنوات", "سنين", "عام", "عامين", "اعوام", "ساعه", "ساعتين",
    "ساعات", "دقايق", "دقيقه", "عقد", "عقدين", "عقود", "فتره", "وقت", "مده", "نحو", "حوالي", "اكثر",
    "اقل", "قرابه", "زهاء", "حين", "زمن", "الحين",
];

/// Words that open a new clause between a cue and a later date: `كان`,
/// `إن`, reporting verbs.
#[rustfmt::skip]
const CLAUSE_WORDS: &[&str] = &[
    "كان", "كانت", "وكان", "وكانت", "ان", "قال", "وقال", "قالت", "وقالت", "اكد", "واكد", "اكدت",
    "واكدت", "اعلن", "واعلن", "اعلنت", "واعلنت", "اضاف", "واضاف", "اضافت", "واضافت",
];

/// Beginnings of past verbs and nouns that look like a future verb:
/// `سيطرت القوات` (took control; `سيطرح`, will put forward, stays future),
/// `سياسات`, `سيارات`, `سياحية`, `سيناريوهات`.
#[rustfmt::skip]
const NOT_FUTURE_STEMS: &[&str] = &[
    "سيطرت", "سيطروا", "سياس", "سيار", "سياد", "سياح", "سيناري", "ستين", "ستوديو", "سيول", "سنغال",
];

/// Relative pronouns: a cue does not reach across the clause they open.
#[rustfmt::skip]
const RELATIVE_PRONOUNS: &[&str] = &[
    "الذي", "التي", "الذين", "اللذين", "اللتين", "اللذان", "اللتان", "اللاتي", "اللواتي",
];

/// Nouns that begin like a future verb (س + ي/ت/ن/ا).
#[rustfmt::skip]
const NOT_FUTURE_VERBS: &[&str] = &[
    "سياسه", "سياسي", "سياسيه", "سياسات", "سياسيين", "سياسيون", "سياره", "سيارات", "سياده", "سيطره",
    "سيناريو", "سيناريوهات", "سيناء", "ستين", "ستون", "ستينات", "ستمايه", "سنوات", "سنويا", "سنويه",
    "سنوي", "سنتين", "سنين", "سياحه", "سياحي", "سياحيه", "سياق", "سيول", "سيوله", "سيدني", "ستاد",
    "سيدات", "سيناتور", "ستوكهولم", "سيراليون", "سنغافوره", "سيبيريا", "ستارت", "سينما", "سينمايي",
    "سندات", "سنجار", "سنتيمتر", "سنتيمترا", "سنتات", "ستوديو", "ستوديوهات", "ستيفن", "ستيفاني",
    "سيرغي", "سيمون", "سيريلانكا", "سيبراني", "سيبرانيه", "سيادي", "سياديه",
];

/// A range of days written before the mention's day (`من 12 إلى 14 أكتوبر`,
/// `بين 3 و5 آذار`, `12 و13 مايو`, `بين الـ3 والـ5 من آذار`) takes the range's
/// first day, as the rule book asks of `15-16 نيسان`.
pub(super) fn start_ranges_at_their_first_day(tokens: &[Token], mention: &mut DateMention) {
    if mention.day == 0 || mention.first_token < 2 {
        return;
    }
    let day_at = mention.first_token;
    // `والـ25`, `إلى الـ25`: the article written before a day number.
    let mut link_at = day_at - 1;
    if word_at(tokens, link_at) == Some("ال") && link_at >= 2 {
        link_at -= 1;
    }
    let linked =
        word_at(tokens, link_at).is_some_and(|link| RANGE_LINKS.contains(&link) || link == "وال");
    // `و5` is one token `و` + number in some texts and a clitic in others.
    if !linked {
        return;
    }
    let first_at = link_at - 1;
    let Some(first_day) = tokens[first_at].number() else {
        return;
    };
    if tokens[first_at].break_before >= Break::Line
        || first_day == 0
        || first_day >= u32::from(mention.day)
    {
        return;
    }
    if let Ok(day) = u8::try_from(first_day) {
        mention.day = day;
        mention.first_token = first_at;
    }
}

/// Nouns that make a day and month with no year the name of an event
/// (`ثورة 25 يناير`, `هجمات 11 سبتمبر`, `ثورة الفاتح من سبتمبر`).
#[rustfmt::skip]
const NAMED_EVENT_WORDS: &[&str] = &[
    "ثوره", "ثورتي", "ثورتا", "حركه", "انتفاضه", "هجمات", "احداث", "تفجيرات", "مجزره",
];

/// Whether a day and month written with no year name an event (`ثورة 25
/// يناير`) or a day of every year (`18 نوفمبر من كل عام`) rather than a date
/// of the story.
pub(super) fn names_an_event(tokens: &[Token], mention: &DateMention) -> bool {
    if mention.guess != Guess::Year {
        return false;
    }
    let after_event_noun = mention
        .first_token
        .checked_sub(1)
        .and_then(|previous| word_at(tokens, previous))
        .is_some_and(|word| {
            lookup_with_clitics(word, |form| NAMED_EVENT_WORDS.contains(&form).then_some(()))
                .is_some()
        });
    let mut at = mention.end_token;
    if word_at(tokens, at) == Some("من") {
        at += 1;
    }
    let every_year = word_at(tokens, at) == Some("كل")
        && word_at(tokens, at + 1).is_some_and(|word| matches!(word, "عام" | "سنه"));
    (after_event_noun && mention.day != 0) || every_year
}

/// Words of a page's own date line: `نشر في:`, `تاريخ النشر:`, `آخر تحديث:`.
const PAGE_DATE_LABELS: &[&str] = &["نشر", "النشر", "تحديث", "التحديث"];

/// How many tokens back a page date label may stand (`نشر في: الخميس`).
const PAGE_DATE_REACH: usize = 4;

/// Whether the mention is the page's own date line (`نشر في: الخميس 14
/// مارس 2019`, `آخر تحديث: …`): page furniture, not a point in the story.
pub fn is_page_date(tokens: &[Token], mention: &DateMention) -> bool {
    let lowest = mention.first_token.saturating_sub(PAGE_DATE_REACH);
    let mut index = mention.first_token;
    while index > lowest {
        index -= 1;
        if tokens[index + 1].break_before >= Break::Line {
            return false;
        }
        if word_at(tokens, index).is_some_and(|word| PAGE_DATE_LABELS.contains(&word)) {
            return true;
        }
    }
    false
}

/// The years `العام نفسه / ذاته / التالي / السابق` count from the last year
/// the text named.
pub(super) fn anchored_year_offset(word: &str) -> Option<i16> {
    match word {
        "نفسه" | "ذاته" | "نفسها" | "ذاتها" => Some(0),
        "التالي" | "الموالي" | "اللاحق" | "التاليه" => Some(1),
        "السابق" | "السابقه" => Some(-1),
        _ => None,
    }
}

/// Adjusts a parsed mention to the words around it; `previous_end` is where
/// the mention before it ended (a cue is never looked for beyond it).
pub(super) fn settle(
    tokens: &[Token],
    anchor: Option<Date>,
    previous_end: usize,
    mention: &mut DateMention,
) {
    if let Some(length) = deadline_after(tokens, mention.end_token) {
        mention.end_token += length;
        if mention.relation == Relation::Unspecified {
            mention.relation = Relation::By;
        }
    }
    let Some(anchor) = anchor else {
        return;
    };
    if mention.relation == Relation::Unspecified
        && let Some(relation) = distant_relation(tokens, mention.first_token, previous_end)
    {
        mention.relation = relation;
        if mention.guess == Guess::Year
            && let Some(year) =
                nearest_year_for_relation(anchor, mention.month, mention.day, relation)
        {
            mention.year = year;
        }
    }
    let ahead = match (mention.relation, mention.guess) {
        // ستبدأ … اعتبارا من الأحد: a start in a clause about the future is
        // the coming day; منذ always looks back.
        (Relation::Since, Guess::Weekday(_))
            if word_at(tokens, mention.first_token)
                .is_some_and(|word| super::STARTS_FROM.contains(&word)) =>
        {
            in_future_sentence(tokens, mention)
        }
        (Relation::Since | Relation::After, _) => false,
        (Relation::By, Guess::Weekday(_)) => true,
        // حتى الخميس is ahead unless the Thursday has only just gone
        // (استمر القصف حتى فجر الخميس, written on Friday).
        (Relation::Until, Guess::Weekday(weekday)) => {
            let today = anchor.weekday().to_monday_zero_offset();
            (today - weekday).rem_euclid(7) > 2 || in_future_sentence(tokens, mention)
        }
        _ => in_future_sentence(tokens, mention),
    };
    if !ahead {
        return;
    }
    let moved = match mention.guess {
        Guess::Nothing => None,
        Guess::Year => year_ahead(anchor, mention.month, mention.day).and_then(|year| {
            let day = mention.day.max(1);
            Date::new(
                year,
                i8::try_from(mention.month).ok()?,
                i8::try_from(day).ok()?,
            )
            .ok()
        }),
        Guess::Weekday(weekday) => {
            let today = anchor.weekday().to_monday_zero_offset();
            let forward = i64::from((weekday - today).rem_euclid(7));
            anchor.checked_add(jiff::Span::new().days(forward)).ok()
        }
    };
    if let Some(date) = moved {
        mention.year = date.year();
        if mention.month != 0 {
            mention.month = date.month() as u8;
        }
        if mention.day != 0 {
            mention.day = date.day() as u8;
        }
    }
}

fn word_at<'a>(tokens: &'a [Token], index: usize) -> Option<&'a str> {
    tokens
        .get(index)
        .filter(|token| token.kind == TokenKind::Word)
        .map(|token| token.folded.as_ref())
}

/// `على أقصى تقدير` / `كحد أقصى` / `آخر أجل` right after a date make it a deadline;
/// returns the tokens the phrase takes.
fn deadline_after(tokens: &[Token], end: usize) -> Option<usize> {
    match (word_at(tokens, end)?, word_at(tokens, end + 1)?) {
        ("علي", "اقصي") if word_at(tokens, end + 2) == Some("تقدير") => Some(3),
        ("كحد", "اقصي") => Some(2),
        // `30 يونيو آخر أجل` / `كآخر أجل`: the last deadline (decision 10).
        ("اخر" | "كاخر", "اجل") => Some(2),
        _ => None,
    }
}

/// Relation cues that may stand some words before the date they govern.
fn distant_cue(word: &str) -> Option<Relation> {
    lookup_with_clitics(word, |form| match form {
        "بعيد" | "لغايه" => None,
        other => relation_of(other),
    })
}

/// Whether the token at `index` ends a clause for the purposes of reaching
/// back: punctuation other than quotation marks, or a line break before the
/// next token.
fn ends_clause(tokens: &[Token], index: usize) -> bool {
    let token = &tokens[index];
    let punct_stop = token.kind == TokenKind::Punct
        && !matches!(
            token.folded.as_ref(),
            "\"" | "«" | "»" | "“" | "”" | "„" | "(" | ")"
        );
    punct_stop
        || tokens
            .get(index + 1)
            .is_some_and(|next| next.break_before >= Break::Line)
}

/// A relation cue in the same clause a few words before the date, with no
/// other date between (`منذ تحرير المدينة في تموز 2017` is SINCE).
fn distant_relation(tokens: &[Token], first: usize, previous_end: usize) -> Option<Relation> {
    let lowest = first.saturating_sub(RELATION_REACH).max(previous_end);
    let mut index = first;
    while index > lowest {
        index -= 1;
        if ends_clause(tokens, index) {
            return None;
        }
        let Some(word) = word_at(tokens, index) else {
            continue;
        };
        // A relative clause (الإغلاق الذي جرى في …) dates its own noun; a
        // new clause (قبل الحرب كانت …، بعد اللقاء قال إن …) its own verb.
        if RELATIVE_PRONOUNS.contains(&word) || CLAUSE_WORDS.contains(&word) {
            return None;
        }
        let Some(relation) = distant_cue(word) else {
            continue;
        };
        let next = tokens.get(index + 1)?;
        let blocked = next.kind == TokenKind::Number
            || (next.kind == TokenKind::Word && CUE_BLOCKERS.contains(&next.folded.as_ref()));
        return if blocked { None } else { Some(relation) };
    }
    None
}

/// A verb in the future (`سيعقد`, `ستعلن`, `سنواصل`, `سوف`; not the first
/// person singular `سأعود`, which folds like `ساعات`) or a word that plans
/// (`المقرر`, `يرتقب`).
fn is_future_marker(word: &str) -> bool {
    let word = match word.strip_prefix('و').or_else(|| word.strip_prefix('ف')) {
        Some(rest) if rest.starts_with('س') || rest.starts_with("ال") || rest.starts_with('ي') => {
            rest
        }
        _ => word,
    };
    // Expecting and forecasting speak of what is to come: `من المتوقع أن`,
    // `يتوقع`, `وتوقعت الأرصاد … يوم الخميس`.
    if matches!(
        word,
        "سوف"
            | "المقرر"
            | "المزمع"
            | "المرتقب"
            | "يرتقب"
            | "يعتزم"
            | "تعتزم"
            | "المتوقع"
            | "يتوقع"
            | "تتوقع"
            | "متوقعا"
            | "توقع"
            | "توقعت"
            | "وتوقع"
            | "وتوقعت"
    ) {
        return true;
    }
    let mut letters = word.chars();
    letters.next() == Some('س')
        && matches!(letters.next(), Some('ي' | 'ت' | 'ن'))
        && word.chars().count() >= 5
        && !NOT_FUTURE_VERBS.contains(&word)
        && !NOT_FUTURE_STEMS.iter().any(|stem| word.starts_with(stem))
}

/// The forms of `كان` that make a later `قد` + verb a past perfect
/// (`وكان الوزير قد تسلم`), and how many tokens back they may stand.
const KANA_FORMS: &[&str] = &[
    "كان",
    "كانت",
    "وكان",
    "وكانت",
    "كانوا",
    "وكانوا",
    "فكان",
    "فكانت",
];
const KANA_REACH: usize = 6;

/// Whether `قد` at `index` says what may come (`قد تلامس`, `قد يصل`) rather
/// than what has been (`كان قد تسلم`, `قد تم`): an imperfect verb follows it
/// and no `كان` stands a few words before it in its clause. A verb in `ت` that ends like a past
/// one (`قد تراجعت`, `قد تمكنوا`) or begins with `تم` is taken as past.
fn modal_qad(tokens: &[Token], index: usize) -> bool {
    let lowest = index.saturating_sub(KANA_REACH);
    let mut at = index;
    while at > lowest {
        at -= 1;
        if ends_clause(tokens, at) {
            break;
        }
        if word_at(tokens, at).is_some_and(|word| KANA_FORMS.contains(&word)) {
            return false;
        }
    }
    let Some(verb) = word_at(tokens, index + 1) else {
        return false;
    };
    let letters = verb.chars().count();
    // `وقد تراجع` opens a past sentence far more often than a future one:
    // after `وقد` / `فقد` only a verb in `ي` counts.
    let joined = word_at(tokens, index) != Some("قد");
    match verb.chars().next() {
        Some('ي') => letters >= 3,
        Some('ت') if !joined => {
            letters >= 4 && !verb.starts_with("تم") && !verb.ends_with('ت') && !verb.ends_with("وا")
        }
        _ => false,
    }
}

/// Whether the clause around the mention speaks of the future: a future
/// marker a few words before it (not beyond a relative pronoun), or just
/// after it.
fn in_future_sentence(tokens: &[Token], mention: &DateMention) -> bool {
    let lowest = mention.first_token.saturating_sub(FUTURE_REACH_BEFORE);
    let mut index = mention.first_token;
    while index > lowest {
        index -= 1;
        if ends_clause(tokens, index) {
            break;
        }
        match word_at(tokens, index) {
            // ستعلن النتائج التي أعلنت الأحد: the relative clause has its own time.
            Some(word) if RELATIVE_PRONOUNS.contains(&word) => break,
            Some(word) if is_future_marker(word) => return true,
            Some("قد" | "وقد" | "فقد") if modal_qad(tokens, index) => return true,
            _ => {}
        }
    }
    let highest = (mention.end_token + FUTURE_REACH_AFTER).min(tokens.len());
    for index in mention.end_token..highest {
        if index > 0 && ends_clause(tokens, index - 1) {
            break;
        }
        if word_at(tokens, index).is_some_and(is_future_marker) {
            return true;
        }
    }
    false
}
