//! Speakers set off by commas: a name after its role (`رئيس الهيئة، سامي
//! فريد، إن`) and a description after a name (`هيلين مورتون، المحللة لدى
//! …، أن`). Token ranges only, like the rest of `speakers`.

use super::{has_article, is_date_word, is_function_word, is_name_like, is_role_head, word};
use crate::extract::cues::{SUBJECT_STOPS, TITLES, is_complementizer, is_in, is_reporting_verb};
use crate::extract::tokens::{Break, Token, TokenKind};
use std::ops::Range;

/// Honorifics that stand before a title or a name: سعادة الشيخ فلان.
static HONORIFICS: crate::extract::wordlist::WordList =
    crate::extract::wordlist::WordList::new(&["سعاده", "معالي", "سمو", "فخامه"]);

/// The longest name after a title, in words (سعادة الشيخ محمد بن حمد بن خليفة
/// آل ثاني: seven).
const MAX_TITLED_NAME_WORDS: usize = 7;

/// Words set off by commas that are asides, not names: `قال، حينها، إن`.
static ASIDES: crate::extract::wordlist::WordList = crate::extract::wordlist::WordList::new(&[
    "حينها",
    "حينذاك",
    "وقتها",
    "ايضا",
    "كذلك",
    "بدوره",
    "بدورها",
    "بدورهم",
    "امس",
    "اليوم",
    "مجددا",
    "سابقا",
    "لاحقا",
    "صباحا",
    "مساء",
    "جهته",
    "جهتها",
    "بالمقابل",
]);

pub(super) fn is_comma(token: &Token) -> bool {
    token.kind == TokenKind::Punct && matches!(token.folded.as_ref(), "،" | ",")
}

/// When the subject `start..comma` holds a role and one to four name-like
/// words follow between `comma` and a second comma on the same line: the
/// index after the second comma (`رئيس الهيئة الوطنية للانتخابات، سامي
/// فريد، إن`).
pub(super) fn apposition_end(tokens: &[Token], start: usize, comma: usize) -> Option<usize> {
    let before = |test: fn(&str) -> bool| (start..comma).any(|i| word(tokens, i).is_some_and(test));
    if !is_comma(&tokens[comma]) {
        return None;
    }
    // The second comma first: a cheap scan that most phrases fail.
    let second = (comma + 2..tokens.len().min(comma + 11))
        .take_while(|&index| tokens[index].break_before < Break::Line)
        .find(|&index| is_comma(&tokens[index]))?;
    if before(|w| TITLES.contains(w)) {
        return None;
    }
    // A role with no name yet (after `اللواء سعد معن،` the name is there),
    // or any phrase followed by a title and a name (`دفاع المتهم، المحامي
    // فلان الفلاني،`).
    let titled = titled_name_start(tokens, comma + 1..second);
    if !before(is_role_head) && titled.is_none() {
        return None;
    }
    let names = titled.unwrap_or(comma + 1);
    let words = second - names;
    // After a title the words could also be a clause (`، الفريق قدم مباراة
    // كبيرة،`): the subject must end there, before إن/أن, a channel, a
    // preposition or an adverb.
    let subject_ends = || {
        word(tokens, second + 1).is_some_and(|next| {
            (is_complementizer(next) && !next.starts_with('و'))
                || is_reporting_verb(next)
                || is_in(next, &SUBJECT_STOPS)
                || is_date_word(next)
                || matches!(next, "في" | "الي" | "علي" | "من")
                || next.starts_with('ل')
        }) || tokens
            .get(second + 1)
            .is_some_and(|next| next.kind == TokenKind::Punct)
    };
    let most_words = if titled.is_some() {
        MAX_TITLED_NAME_WORDS
    } else {
        4
    };
    // A first name with the article (الفاتح، الطيب، الصادق) before a plain
    // one: a name only of three words or more, not a nisba (السعودي), and
    // only when إن/أن or قوله follows it.
    // A role that ends with its place or field (`المدير الجهوي للصحة
    // بالمنستير،`) is complete: two words with the article after it are a
    // name too (`، الهادي الفلاني،`), a nisba-like first name included.
    let article_first = word(tokens, names).is_some_and(has_article);
    let role_ends_in_place =
        comma > start + 1 && word(tokens, comma - 1).is_some_and(is_place_phrase);
    let article_name_fits = || {
        let long_name =
            words >= 3 && word(tokens, names).is_some_and(|first| !first.ends_with('ي'));
        (long_name || words == 2 && role_ends_in_place)
            && word(tokens, second + 1).is_some_and(|next| {
                (is_complementizer(next) && !next.starts_with('و'))
                    || matches!(next, "قوله" | "قولها")
            })
    };
    // After such a role both words may carry the article (`، الهادي
    // الفلاني،`): each is read as a family-name word.
    let article_pair = article_first && words == 2 && role_ends_in_place;
    let name_word = |index: usize| {
        is_name_word(tokens, index, names)
            || article_pair && is_name_word(tokens, index, usize::MAX)
    };
    ((1..=most_words).contains(&words)
        && (names..second).all(name_word)
        && if article_first {
            titled.is_none() && article_name_fits()
        } else {
            titled.is_none() || subject_ends()
        })
    .then_some(second + 1)
}

/// A word with a preposition stuck to it (بصفاقس, للتربية, بالولاية):
/// the place or field that ends a role, never a name.
pub(super) fn is_place_phrase(word: &str) -> bool {
    (word.starts_with('ب') || word.starts_with('ل')) && word.chars().count() >= 4
}

/// A title (الدكتور) or a role word with the article (السفير, المحامي)
/// that can stand right before a name.
pub(super) fn is_title_word(word: &str) -> bool {
    TITLES.contains(word) || HONORIFICS.contains(word) || (is_role_head(word) && has_article(word))
}

/// Whether token `index` can be part of a name that starts at `first`.
fn is_name_word(tokens: &[Token], index: usize, first: usize) -> bool {
    let token = &tokens[index];
    let folded = token.folded.as_ref();
    // آل (folded ال) joins a family name: محمد بن حمد آل ثاني.
    if folded == "ال" && index != first && token.kind == TokenKind::Word {
        return true;
    }
    // A family name may carry the article (حازم الشربيني); the first
    // word only before a plain name word (`، الفاتح عبد الله يوسف،`;
    // `، المحللة لدى …،` is a role, not a name).
    let article_first_name = index == first
        && has_article(folded)
        && word(tokens, index + 1).is_some_and(|next| is_name_like(next) && !is_date_word(next));
    token.kind == TokenKind::Word
        && (is_name_like(folded) || index != first && has_article(folded) || article_first_name)
        && !is_role_head(folded)
        && !is_function_word(folded)
        && !is_date_word(folded)
        && !is_in(folded, &ASIDES)
        && !is_in(folded, &SUBJECT_STOPS)
        && !is_complementizer(folded)
        && !is_reporting_verb(folded)
}

/// When `range` is a title or a role word with the article followed by one
/// to four name words (`الدكتور سامر العمري`, `المحامي فلان الفلاني`):
/// where the name starts.
pub(super) fn titled_name_start(tokens: &[Token], range: Range<usize>) -> Option<usize> {
    let is_title = |index: usize| word(tokens, index).is_some_and(is_title_word);
    // One or two titles: `سعادة الشيخ فلان`.
    let mut names = range.start;
    while names < range.start + 2 && is_title(names) {
        names += 1;
    }
    let words = range.end.saturating_sub(names);
    (names > range.start
        && (1..=MAX_TITLED_NAME_WORDS).contains(&words)
        && (names..range.end).all(|index| is_name_word(tokens, index, names)))
    .then_some(names)
}

/// When the subject `start..comma` is a bare name and a description set off
/// by commas follows it, right before `أن` / `إن`: the index after the
/// second comma (`هيلين مورتون، المحللة لدى مجموعة …، أن`).
pub(super) fn description_end(tokens: &[Token], start: usize, comma: usize) -> Option<usize> {
    // The name may follow a title: `السفير فلان الفلاني، المتحدث باسم …،`.
    let start = start + usize::from(word(tokens, start).is_some_and(is_title_word));
    let name_words = comma.saturating_sub(start);
    let bare_name = (1..=4).contains(&name_words)
        && word(tokens, start).is_some_and(is_name_like)
        && (start..comma).all(|i| word(tokens, i).is_some_and(|w| !is_role_head(w)));
    // The description opens with the article (المحللة لدى …), a role word
    // (رئيس الحزب) or a noun bound to the next word (كبيرة الاقتصاديين).
    let opens_description = word(tokens, comma + 1).is_some_and(|first| {
        has_article(first)
            || is_role_head(first)
            || word(tokens, comma + 2).is_some_and(has_article) && !is_function_word(first)
    });
    if !is_comma(&tokens[comma]) || !bare_name || !opens_description {
        return None;
    }
    let mut index = comma + 1;
    while index < tokens.len() && index - comma <= 10 {
        let token = &tokens[index];
        if token.break_before >= Break::Line {
            return None;
        }
        if is_comma(token) {
            let follows = word(tokens, index + 1).is_some_and(is_complementizer);
            return (follows && index > comma + 1).then_some(index + 1);
        }
        let folded = token.folded.as_ref();
        if token.kind != TokenKind::Word
            || is_reporting_verb(folded)
            || is_date_word(folded)
            || is_in(folded, &ASIDES)
        {
            return None;
        }
        index += 1;
    }
    None
}
