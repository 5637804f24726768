//! Page buttons: the share, print, listen and comment rows that web pages
//! put around an article (`شارك على فيسبوك`, `استمع إلى المقال`, `A+ A-`,
//! `تعليقات (12)`). One question, asked of a folded line: is it only
//! buttons? Pure text work.

use super::normalize::is_alphanumeric;

/// Whole lines that are share buttons or bare photo notes (folded).
#[rustfmt::skip]
const BUTTON_LINES: &[&str] = &[
    "فيسبوك", "فيس بوك", "تويتر", "واتساب", "واتس اب", "تلغرام", "تيليغرام", "تليجرام", "انستغرام",
    "انستجرام", "لينكدان", "لينكد ان", "يوتيوب", "ماسنجر", "اكس", "طباعه", "مشاركه", "شارك", "تعليق",
    "تعليقات", "البريد الالكتروني", "نسخ", "صوره ارشيفيه", "ارشيفيه", "صوره تعبيريه", "الصوره",
    "للاعلي", "الي الاعلي", "اقرا المزيد", "المزيد", "اعلان", "advertisement", "اضغط هنا",
    "للمزيد اضغط هنا", "read more", "share", "print",
];

/// Words that page buttons are made of (`شارك على فيسبوك`, `استمع إلى
/// المقال`, `إرسال لصديق`, `A+ A-`, `تعليقات (12)`), folded: a short line of
/// these words only is a row of buttons.
#[rustfmt::skip]
const BUTTON_WORDS: &[&str] = &[
    "شارك", "مشاركه", "علي", "عبر", "فيسبوك", "فيس", "بوك", "تويتر", "غرد", "تغريد", "واتساب", "واتس", "اب",
    "تلغرام", "تيليغرام", "تليجرام", "انستغرام", "انستجرام", "لينكدان", "يوتيوب", "ماسنجر", "اكس",
    "طباعه", "اطبع", "نسخ", "الرابط", "رابط", "تعليق", "تعليقات", "استمع", "الي", "المقال", "للمقال",
    "الخبر", "للخبر", "ارسال", "لصديق", "حفظ", "a", "البريد", "الالكتروني", "الاستماع", "للاستماع",
    "استماع", "حجم", "الخط", "تكبير", "تصغير", "مده", "القراءه", "للقراءه", "قراءه", "دقايق", "دقيقه",
    "دقيقتان", "دقيقتين", "share", "listen", "article", "copy", "link", "email", "print",
];

/// Whether a folded line, its letters and digits only (runs joined by one
/// space), is one of `BUTTON_LINES`, or a short row of `BUTTON_WORDS`
/// (numbers allowed: comment counts).
pub fn is_button_line(folded_line: &str) -> bool {
    let mut first_words = [""; 8];
    let mut count = 0;
    for word in folded_line
        .split(|c: char| !is_alphanumeric(c))
        .filter(|word| !word.is_empty())
        .take(8)
    {
        first_words[count] = word;
        count += 1;
    }
    let words = &first_words[..count];
    if (1..=7).contains(&words.len())
        && words
            .iter()
            .any(|word| !word.chars().all(|c| c.is_ascii_digit()))
        && words
            .iter()
            .all(|word| BUTTON_WORDS.contains(word) || word.chars().all(|c| c.is_ascii_digit()))
        && !words
            .iter()
            .all(|word| ["علي", "عبر", "الي", "الخبر"].contains(word))
    {
        return true;
    }
    let longest = BUTTON_LINES
        .iter()
        .map(|button| button.len())
        .max()
        .unwrap_or(0);
    let mut bare = String::with_capacity(longest + 8);
    for word in folded_line
        .split(|c: char| !is_alphanumeric(c))
        .filter(|word| !word.is_empty())
    {
        if !bare.is_empty() {
            bare.push(' ');
        }
        bare.push_str(word);
        if bare.len() > longest {
            return false;
        }
    }
    BUTTON_LINES.contains(&bare.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::normalize::fold;

    #[test]
    fn rows_of_buttons_and_sentences() {
        let cases = [
            ("شارك على فيسبوك", true),
            ("شارك عبر تويتر | واتساب", true),
            ("استمع إلى المقال", true),
            ("إرسال لصديق", true),
            ("A+ A-", true),
            ("الاستماع للمقال", true),
            ("تكبير الخط | تصغير الخط", true),
            ("مدة القراءة: 4 دقائق", true),
            ("دقيقتان للقراءة", true),
            ("Listen to article", false),
            ("Share article", true),
            ("إعلان", true),
            ("اضغط هنا", true),
            ("قراءة في نتائج الانتخابات", false),
            ("الخط الأحمر", false),
            ("تعليقات (12)", true),
            ("مشاركة | تغريد | طباعة | حجم الخط", true),
            ("تغريد الوزير أثار جدلا", false),
            ("طباعة", true),
            ("على", false),
            ("2024", false),
            ("شارك الوزير في المؤتمر", false),
            ("قال الوزير إن الخبر غير صحيح", false),
        ];
        for (line, expected) in cases {
            assert_eq!(is_button_line(&fold(line)), expected, "{line}");
        }
    }
}
