//! Table-driven tests of page layout reading (invented pages).
//! Every case is an invented sentence; none may come from the seed corpus.

use super::*;
use crate::extract::normalize::{is_alphanumeric, is_white_space};

fn check_line<T: PartialEq + std::fmt::Debug>(function: impl Fn(&str) -> T, cases: &[(&str, T)]) {
    for (input, expected) in cases {
        assert_eq!(&function(input), expected, "line {input:?}");
    }
}

#[test]
fn captions() {
    check_line(
        is_caption,
        &[
            ("جندي في قاعدة جوية قرب الموصل، 3 مايو 2019. - AFP", true),
            ("الوزير خلال زيارته (رويترز)", true),
            ("تغريدة الوزير الخميس عن الاتفاق (تويتر)", true),
            ("صورة من الاجتماع - أ ف ب", true),
            ("عناصر من الشرطة في الساحة | Getty Images", true),
            ("وقال الوزير إن الاتفاق سيوقع قريبا.", false),
            ("وفد منظمة الصحة العالمية (الصحة) في الفترة القادمة.", false),
            ("", false),
        ],
    );
}

#[test]
fn datelines() {
    check_line(
        dateline_line,
        &[
            (
                "دمشق-الرافد",
                Some(("دمشق".to_string(), "الرافد".to_string())),
            ),
            (
                "الرباط - «المساء»",
                Some(("الرباط".to_string(), "المساء".to_string())),
            ),
            (
                "عمّان – الغد:",
                Some(("عمّان".to_string(), "الغد".to_string())),
            ),
            ("قال الوزير إن الاتفاق - في رأيه - مهم.", None),
            ("نهاية العام الجاري.. افتتاح المطار", None),
        ],
    );
    check_line(
        dateline_prefix,
        &[
            (
                "الرافد من دبي: أعلن المتحدث",
                Some((
                    "دبي".to_string(),
                    "الرافد".to_string(),
                    "الرافد من دبي:".len(),
                )),
            ),
            ("وقال الوزير: نعم", None),
            (
                "القاهرة – «الشروق»: أكدت الوزارة",
                Some((
                    "القاهرة".to_string(),
                    "الشروق".to_string(),
                    "القاهرة – «الشروق»:".len(),
                )),
            ),
            (
                "القاهرة - الأهرام: أعلن الوزير",
                Some((
                    "القاهرة".to_string(),
                    "الأهرام".to_string(),
                    "القاهرة - الأهرام:".len(),
                )),
            ),
            (
                "بغداد (رويترز) - قال مسؤول",
                Some((
                    "بغداد".to_string(),
                    "رويترز".to_string(),
                    "بغداد (رويترز) -".len(),
                )),
            ),
            ("قال الوزير (الذي وصل أمس) - في تصريح", None),
            ("وأوضح مسؤول من الوزارة، أمس: لا", None),
        ],
    );
}

#[test]
fn date_lines() {
    let date = |text: &str| text.parse::<Date>().ok();
    check_line(
        date_line,
        &[
            ("الأحد 14 مارس 2021", date("2021-03-14")),
            ("نشر في: 2019-05-02", date("2019-05-02")),
            (
                "أعلن الوزير في 14 مارس 2021 عن خطة جديدة تشمل المدارس والمستشفيات.",
                None,
            ),
            ("مارس 2021", None),
            (
                "الخميس 15 رجب 1445 هـ الموافق 26 يناير 2024",
                date("2024-01-26"),
            ),
        ],
    );
}

#[test]
fn read_also_markers() {
    let rest = |line: &str| read_also_rest(line).map(str::to_string);
    let expected = |text: &str| Some(text.to_string());
    check_line(
        rest,
        &[
            ("اقرأ أيضاً:", expected("")),
            (
                "اقرأ أيضاً.. الوزير: لا تمديد للمهلة",
                expected("الوزير: لا تمديد للمهلة"),
            ),
            ("إقرأ ايضا: السفير يغادر", expected("السفير يغادر")),
            ("وقال اقرأ", None),
        ],
    );
}

const PAGE: &str = "أخبارالعالم العربي

وزير النقل يعلن افتتاح الطريق السريع الجديد

الوزير خلال حفل الافتتاح، 2 مايو 2022. - AFP
الوزير خلال حفل الافتتاح، 2 مايو 2022. - AFP
عمّان-الرصيف

أعلن وزير النقل سامي الحداد افتتاح الطريق.

وقال الحداد إن \"الطريق سيخدم آلاف المسافرين\".

اقرأ أيضاً.. الحداد: لا رسوم على الطريق

قال الوزير إن الطريق سيبقى مجانيا.

مقالات ذات صلة

وزير الطاقة يزور المحطة

اترك تعليقاً

فيسبوك
تويتر
واتساب

زر الذهاب إلى الأعلى

أنت تستخدم إضافة Adblock
";

#[test]
fn reads_a_whole_page() {
    let page = read_page(PAGE);
    assert_eq!(
        page.host.title,
        "وزير النقل يعلن افتتاح الطريق السريع الجديد"
    );
    assert_eq!(page.host.dateline, "عمّان");
    assert_eq!(page.host.source, "الرصيف");
    assert_eq!(
        page.host.body,
        "أعلن وزير النقل سامي الحداد افتتاح الطريق.\n\nوقال الحداد إن \"الطريق سيخدم آلاف المسافرين\"."
    );
    assert_eq!(page.related.len(), 1);
    let related = &page.related[0];
    assert_eq!(related.layout.title, "الحداد: لا رسوم على الطريق");
    assert_eq!(related.layout.body, "قال الوزير إن الطريق سيبقى مجانيا.");
    assert!(related.raw_text.starts_with("اقرأ أيضاً"));
}

#[test]
fn a_dateline_first_is_not_a_breadcrumb() {
    let page = read_page(
        "بغداد-الرافدين\nأعلن الوزير افتتاح الطريق الجديد في المدينة\nوقال إن الطريق مجاني.",
    );
    assert_eq!(
        (page.host.dateline.as_str(), page.host.source.as_str()),
        ("بغداد", "الرافدين")
    );
}

#[test]
fn a_headline_may_ask_a_question() {
    let page = read_page("هل يفتتح الطريق قبل الصيف؟\n\nأعلن الوزير افتتاح الطريق.");
    assert_eq!(page.host.title, "هل يفتتح الطريق قبل الصيف؟");
    assert_eq!(page.host.body, "أعلن الوزير افتتاح الطريق.");
}

#[test]
fn a_headline_with_a_full_stop_is_body() {
    let page = read_page("أعلن الوزير افتتاح الطريق.\nوقال إن الطريق مجاني.");
    assert_eq!(page.host.title, "");
    assert_eq!(
        page.host.body,
        "أعلن الوزير افتتاح الطريق.\nوقال إن الطريق مجاني."
    );
}

#[test]
fn an_empty_read_also_section_is_still_a_section() {
    let page = read_page("أعلن الوزير افتتاح الطريق.\n\nاقرأ أيضاً:\n");
    assert_eq!(page.related.len(), 1);
    assert_eq!(page.related[0].layout.body, "");
}

#[test]
fn a_date_line_gives_the_publication_date() {
    let page = read_page("عنوان الخبر هنا\n\nالأحد 14 مارس 2021\n\nأعلن الوزير افتتاح الطريق.");
    assert_eq!(page.host.published_on, "2021-03-14".parse().ok());
    assert_eq!(page.host.body, "أعلن الوزير افتتاح الطريق.");
}

#[test]
fn empty_and_odd_inputs() {
    assert_eq!(read_page("").host.body, "");
    assert_eq!(read_page("\n\n\n").related.len(), 0);
    assert_eq!(read_page("كلمة").host.body, "كلمة");
}

#[test]
fn fast_line_helpers_agree_with_the_standard_library() {
    let lines = [
        "",
        " ",
        "كلمة",
        "  كلمتان   هنا ",
        "سطر\tفيه\u{00A0}مسافة\u{2003}غريبة",
        "نص - مع شرطة – وأخرى — وخط | أخير",
        "a-b|c",
        "بلا فواصل",
        "\u{2028}فاصل سطر",
    ];
    for line in lines {
        let count = line.split_whitespace().count();
        assert_eq!(word_count(line), count, "{line:?}");
        for cap in [0, 1, 2, 5, 100] {
            assert_eq!(word_count_capped(line, cap), count.min(cap), "{line:?}");
        }
        assert_eq!(
            rfind_dash(line),
            line.rfind(['-', '–', '—', '|']),
            "{line:?}"
        );
        assert_eq!(
            collapse_whitespace(line),
            line.split_whitespace().collect::<Vec<_>>().join(" "),
            "{line:?}"
        );
        for character in line.chars() {
            assert_eq!(is_white_space(character), character.is_whitespace());
            assert_eq!(is_alphanumeric(character), character.is_alphanumeric());
        }
    }
}
