//! Clitic forms of folded words: the word with its proclitics (و ف ب ل ك,
//! alone or combined) removed, `لل` read as `ال`; the lookups that try
//! each form in turn.
//!
//! It only strips prefixes of words already folded; it must not fold or
//! tokenize anything itself.

/// The folded word itself and the forms left after removing the proclitics
/// و ف ب ل ك (alone or combined); `لل` becomes `ال`.
#[cfg(test)]
pub fn clitic_forms(word: &str) -> Vec<String> {
    let mut forms = vec![word.to_string()];
    let mut add = |form: &str| {
        if form.chars().count() >= 2 && !forms.iter().any(|known| known == form) {
            forms.push(form.to_string());
        }
    };
    for conjunction in ["", "و", "ف"] {
        let Some(rest) = word.strip_prefix(conjunction) else {
            continue;
        };
        if !conjunction.is_empty() {
            add(rest);
        }
        if let Some(after) = rest.strip_prefix("لل") {
            add(&format!("ال{after}"));
        }
        for preposition in ["ب", "ل", "ك"] {
            if let Some(after) = rest.strip_prefix(preposition) {
                add(after);
            }
        }
    }
    forms
}

/// `text` without the leading two-byte letter `letter` (every proclitic
/// is one Arabic letter, two bytes in UTF-8), compared inline.
#[inline]
fn strip_letter<'a>(text: &'a str, letter: &str) -> Option<&'a str> {
    let (bytes, prefix) = (text.as_bytes(), letter.as_bytes());
    if bytes.len() >= 2 && bytes[0] == prefix[0] && bytes[1] == prefix[1] {
        text.get(2..)
    } else {
        None
    }
}

/// Whether a form is long enough to count (two characters or more).
pub(in crate::extract) fn long_enough(form: &str) -> bool {
    form.chars().nth(1).is_some()
}

/// Calls `visit` on the folded word and on each form left after removing
/// proclitics, in the order of `clitic_forms` (a form may be visited more
/// than once); returns the first `Some`. Allocates only for `لل` → `ال`.
pub fn find_clitic_form<T>(word: &str, mut visit: impl FnMut(&str) -> Option<T>) -> Option<T> {
    if let Some(found) = visit(word) {
        return Some(found);
    }
    find_stripped_form(word, visit)
}

/// As `find_clitic_form`, without the word itself.
pub fn find_stripped_form<T>(word: &str, mut visit: impl FnMut(&str) -> Option<T>) -> Option<T> {
    // A rest of one letter after و/ف is no form and leaves none.
    let rests = [
        word,
        strip_letter(word, "و").unwrap_or_default(),
        strip_letter(word, "ف").unwrap_or_default(),
    ];
    for (position, rest) in rests.into_iter().enumerate() {
        if !long_enough(rest) {
            continue;
        }
        if position > 0
            && let Some(found) = visit(rest)
        {
            return Some(found);
        }
        if let Some(after) = strip_letter(rest, "ل").and_then(|tail| strip_letter(tail, "ل")) {
            let mut form = String::with_capacity(after.len() + 4);
            form.push_str("ال");
            form.push_str(after);
            if let Some(found) = visit(&form) {
                return Some(found);
            }
        }
        for preposition in ["ب", "ل", "ك"] {
            if let Some(after) = strip_letter(rest, preposition)
                && long_enough(after)
                && let Some(found) = visit(after)
            {
                return Some(found);
            }
        }
    }
    None
}

/// Whether `entry` is the folded word or one of its clitic-stripped forms.
pub fn has_clitic_form(word: &str, entry: &str) -> bool {
    if word == entry {
        return true;
    }
    if word.len() <= entry.len() {
        // Only لل → ال keeps the length; every other form is shorter.
        return word.len() == entry.len()
            && entry.starts_with("ال")
            && word.strip_prefix("لل") == entry.strip_prefix("ال");
    }
    let Some(prefix) = word.strip_suffix(entry) else {
        // ولل / فلل + rest → ال + rest.
        return entry.strip_prefix("ال").is_some_and(|tail| {
            word.strip_suffix(tail)
                .is_some_and(|head| matches!(head, "لل" | "ولل" | "فلل"))
        });
    };
    long_enough(entry)
        && matches!(
            prefix,
            "و" | "ف" | "ب" | "ل" | "ك" | "وب" | "ول" | "وك" | "فب" | "فل" | "فك"
        )
}

/// Whether the folded word, or one of its clitic-stripped forms, is in `set`.
pub fn matches_any(word: &str, set: &[&str]) -> bool {
    find_clitic_form(word, |form| set.contains(&form).then_some(())).is_some()
}

/// The first clitic form of `word` accepted by `lookup`.
pub fn lookup_with_clitics<T>(word: &str, lookup: impl Fn(&str) -> Option<T>) -> Option<T> {
    find_clitic_form(word, lookup)
}
