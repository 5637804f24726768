//! Page buttons: the share, print, listen and comment rows that web pages
//! put around an article (`شارك على فيسبوك`, `استمع إلى المقال`, `A+ A-`,
//! `A A A | نسخة للطباعة`, `تعليقات (12)`). One question, asked of a folded
//! line: is it only buttons? Pure text work.

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
    "ا", "طباعه", "اطبع", "للطباعه", "الطباعه", "نسخه", "نسخ", "الرابط", "رابط", "تعليق", "تعليقات", "استمع", "الي", "المقال", "للمقال",
    "الخبر", "للخبر", "ارسال", "لصديق", "حفظ", "a", "البريد", "الالكتروني", "الاستماع", "للاستماع",
    "استماع", "حجم", "الخط", "تكبير", "تصغير", "مده", "القراءه", "للقراءه", "قراءه", "دقايق", "دقيقه",
    "دقيقتان", "دقيقتين", "share", "listen", "article", "copy", "link", "email", "print",
];

/// Words that alone never make a row of buttons (folded).
const JOINING_WORDS: &[&str] = &["علي", "عبر", "الي", "الخبر"];

/// The byte length of the longest of `BUTTON_LINES`.
const LONGEST_BUTTON_LINE: usize = {
    let mut longest = 0;
    let mut index = 0;
    while index < BUTTON_LINES.len() {
        if BUTTON_LINES[index].len() > longest {
            longest = BUTTON_LINES[index].len();
        }
        index += 1;
    }
    longest
};

/// Whether a folded line, its letters and digits only (runs joined by one
/// space), is one of `BUTTON_LINES`, or a short row of `BUTTON_WORDS`
/// (numbers allowed: comment counts). One pass over the words, which stops
/// as soon as neither can hold.
pub fn is_button_line(folded_line: &str) -> bool {
    let mut count = 0;
    // The byte length of the words joined by one space.
    let mut bare_length = 0;
    let mut all_buttons = true;
    let mut any_word = false;
    let mut all_joining = true;
    for word in folded_line
        .split(|c: char| !is_alphanumeric(c))
        .filter(|word| !word.is_empty())
    {
        count += 1;
        bare_length += word.len() + usize::from(count > 1);
        if all_buttons && count <= 7 {
            let number = word.bytes().all(|byte| byte.is_ascii_digit());
            any_word |= !number;
            all_buttons = number || BUTTON_WORDS.contains(&word);
            all_joining &= JOINING_WORDS.contains(&word);
        }
        if (count > 7 || !all_buttons) && bare_length > LONGEST_BUTTON_LINE {
            return false;
        }
    }
    if (1..=7).contains(&count) && any_word && all_buttons && !all_joining {
        return true;
    }
    if bare_length > LONGEST_BUTTON_LINE {
        return false;
    }
    let mut bare = String::with_capacity(bare_length);
    for word in folded_line
        .split(|c: char| !is_alphanumeric(c))
        .filter(|word| !word.is_empty())
    {
        if !bare.is_empty() {
            bare.push(' ');
        }
        bare.push_str(word);
    }
    BUTTON_LINES.contains(&bare.as_str())
}

/// The words `is_long_line` asks for: over the 25 words of the longest
/// furniture line, and enough to make the longest row of buttons.
const LONG_LINE_WORDS: usize = 26;

// 26 words joined by spaces are longer than any whole button line.
const _: () = assert!(2 * LONG_LINE_WORDS - 1 > LONGEST_BUTTON_LINE);

/// Whether a line (not folded) has at least 26 words, counting only the
/// runs between ASCII white space that hold an ASCII letter or digit or an
/// Arabic letter (U+0621–U+063F, U+0641–U+064A). Folding drops none of
/// those characters and removes no white space, so the folded line has at
/// least as many words, and as many runs of letters: it is no button row,
/// no furniture line (25 words at most) and no heading of a link list.
/// Reads the bytes, and stops at the 26th word.
pub fn is_long_line(line: &str) -> bool {
    let bytes = line.as_bytes();
    let mut count = 0;
    let mut counted = false;
    let mut at = 0;
    while at < bytes.len() {
        if counted {
            // Inside a counted word only white space matters: eight bytes
            // with no control byte (below 0x20) hold no white space but
            // spaces, and the walk jumps past the first of them.
            if let Some(chunk) = bytes.get(at..at + 8) {
                let mut eight = [0u8; 8];
                eight.copy_from_slice(chunk);
                let word = u64::from_le_bytes(eight);
                if !has_byte_below_0x20(word) {
                    let spaces = zero_bytes(word ^ 0x2020_2020_2020_2020);
                    if spaces == 0 {
                        at += 8;
                    } else {
                        at += spaces.trailing_zeros() as usize / 8 + 1;
                        counted = false;
                    }
                    continue;
                }
            }
            if matches!(bytes[at], b' ' | b'\t'..=b'\r') {
                counted = false;
            }
            at += 1;
            continue;
        }
        let letter = match bytes[at] {
            b' ' | b'\t'..=b'\r' => false,
            b'0'..=b'9' | b'a'..=b'z' | b'A'..=b'Z' => true,
            // D8 and D9 are only ever lead bytes.
            0xD8 => matches!(bytes.get(at + 1), Some(0xA1..=0xBF)),
            0xD9 => matches!(bytes.get(at + 1), Some(0x81..=0x8A)),
            _ => false,
        };
        if letter {
            count += 1;
            counted = true;
            if count >= LONG_LINE_WORDS {
                return true;
            }
        }
        at += 1;
    }
    false
}

/// Whether any of the eight bytes of `word` is below 0x20 (exact: a
/// borrow only runs on from a byte that is below it itself).
fn has_byte_below_0x20(word: u64) -> bool {
    word.wrapping_sub(0x2020_2020_2020_2020) & !word & 0x8080_8080_8080_8080 != 0
}

/// The high bit of every zero byte of `word` (exact: no carry crosses a
/// byte).
fn zero_bytes(word: u64) -> u64 {
    const LOW_SEVEN: u64 = 0x7F7F_7F7F_7F7F_7F7F;
    !(((word & LOW_SEVEN) + LOW_SEVEN) | word | LOW_SEVEN)
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
            // Font-size and print controls.
            ("A A A | نسخة للطباعة", true),
            ("أ أ أ", true),
            ("الطباعة | A- | A+", true),
            ("نسخة معدلة من القانون", false),
            ("على", false),
            ("2024", false),
            ("شارك على فيسبوك تويتر واتساب تلغرام يوتيوب ماسنجر", false),
            ("واتساب تلغرام يوتيوب ماسنجر تويتر فيسبوك شارك", true),
            ("اقرأ المزيد", true),
            ("شارك الوزير في المؤتمر", false),
            ("قال الوزير إن الخبر غير صحيح", false),
        ];
        for (line, expected) in cases {
            assert_eq!(is_button_line(&fold(line)), expected, "{line}");
        }
    }

    /// The byte walk of `is_long_line` without the eight-byte skip.
    fn is_long_line_by_bytes(line: &str) -> bool {
        let bytes = line.as_bytes();
        let mut count = 0;
        let mut counted = false;
        for (at, &byte) in bytes.iter().enumerate() {
            let letter = match byte {
                b' ' | b'\t'..=b'\r' => {
                    counted = false;
                    continue;
                }
                _ if counted => continue,
                b'0'..=b'9' | b'a'..=b'z' | b'A'..=b'Z' => true,
                0xD8 => matches!(bytes.get(at + 1), Some(0xA1..=0xBF)),
                0xD9 => matches!(bytes.get(at + 1), Some(0x81..=0x8A)),
                _ => false,
            };
            if letter {
                count += 1;
                counted = true;
                if count >= LONG_LINE_WORDS {
                    return true;
                }
            }
        }
        false
    }

    #[test]
    fn the_eight_byte_skip_counts_as_the_byte_walk() {
        let words = [
            "كلمة",
            "a",
            "الاقتصادية",
            "2024",
            "-",
            "ـ",
            "x\u{1}y",
            "\u{7f}",
            "«قال»",
        ];
        let separators = [" ", "\t", "\n", "\u{00A0}", "  ", "\u{1}"];
        for count in [0, 1, 7, 24, 25, 26, 27, 40] {
            for (shift, separator) in separators.iter().enumerate() {
                let line: Vec<&str> = (0..count)
                    .map(|index| words[(index + shift) % words.len()])
                    .collect();
                let line = line.join(separator);
                assert_eq!(
                    is_long_line(&line),
                    is_long_line_by_bytes(&line),
                    "{line:?}"
                );
            }
        }
        assert!(has_byte_below_0x20(u64::from_le_bytes(*b"abcdefg\t")));
        assert!(!has_byte_below_0x20(u64::from_le_bytes(*b"abc defg")));
        assert!(has_byte_below_0x20(u64::from_le_bytes([
            0x80, 0x1F, 0xFF, 0x21, 0, 1, 2, 3
        ])));
        assert!(!has_byte_below_0x20(u64::from_le_bytes([
            0xD8, 0xA7, 0x20, 0x7F, 0x80, 0xFF, 0x30, 0x41
        ])));
        assert_eq!(
            zero_bytes(u64::from_le_bytes([1, 0, 0x80, 0, 0xFF, 0x7F, 0, 0x20])),
            0x0080_0000_8000_8000
        );
        // A pseudo-random walk over bytes that matter: letters of both
        // scripts, spaces, control bytes, marks and punctuation.
        let pieces = [
            "ك", "ـ", " ", "\t", "a", "1", "«", "ً", "\u{1}", "\u{00A0}", "لمة", "-", "  ",
        ];
        let mut seed: u64 = 7;
        for _ in 0..400 {
            let mut line = String::new();
            for _ in 0..(seed % 120) {
                seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
                line.push_str(pieces[(seed >> 33) as usize % pieces.len()]);
            }
            assert_eq!(
                is_long_line(&line),
                is_long_line_by_bytes(&line),
                "{line:?}"
            );
        }
    }

    #[test]
    fn long_lines_count_words_with_letters_only() {
        let words = |count: usize, word: &str| vec![word; count].join(" ");
        let cases = [
            (words(26, "كلمة"), true),
            (words(25, "كلمة"), false),
            (words(26, "word"), true),
            (words(26, "42"), true),
            // Punctuation, tatweel and marks alone make no word.
            (format!("{} - - - ـ ً", words(25, "كلمة")), false),
            // A no-break space joins words: they count as one.
            (words(26, "كلمة").replace(' ', "\u{00A0}"), false),
            (words(26, "شارك"), true),
            (String::new(), false),
        ];
        for (line, expected) in cases {
            assert_eq!(is_long_line(&line), expected, "{line:?}");
            if expected {
                let folded = fold(&line);
                assert!(!is_button_line(&folded), "{line:?}");
            }
        }
    }
}
