//! Table-driven tests of page layout reading (invented pages).
//! Every case is an invented sentence; none may come from the seed corpus.

use super::*;
use crate::extract::captions::rfind_dash;
use crate::extract::datelines::{dateline_line, dateline_prefix};
use crate::extract::normalize::{collapse_whitespace, is_alphanumeric, is_white_space};

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
            (
                "دبي - الخليج - وام",
                Some(("دبي".to_string(), "الخليج - وام".to_string())),
            ),
            (
                "جدة - «الوطن» - رويترز",
                Some(("جدة".to_string(), "الوطن - رويترز".to_string())),
            ),
            (
                "المنامة - سامر حداد - الأيام",
                Some(("المنامة".to_string(), "الأيام".to_string())),
            ),
            ("غزة - الحرب تدخل شهرها العاشر", None),
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
            ("بيروت - 5 - 3 (وكالات) - أعلنت الحكومة خطة جديدة", None),
            ("أعلن - وهو أمر نادر - الوزير استقالته", None),
            (
                "طرابلس - أعلنت الحكومة خطة جديدة للنقل",
                Some(("طرابلس".to_string(), String::new(), "طرابلس -".len())),
            ),
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
            ("طالع أيضا: المدينة تحتفل", expected("المدينة تحتفل")),
            ("شاهد أيضاً.. لحظة الافتتاح", expected("لحظة الافتتاح")),
            ("شاهد الجمهور أيضا المباراة", None),
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

/// The head of a page: (title, dateline, source, body).
pub(super) fn head(page: &Page) -> (&str, &str, &str, &str) {
    let host = &page.host;
    (
        host.title.as_str(),
        host.dateline.as_str(),
        host.source.as_str(),
        host.body.as_str(),
    )
}

#[test]
fn heads_of_pages_in_many_house_styles() {
    let body = "أعلن الوزير افتتاح الطريق الجديد بين المدينتين بعد عامين من العمل المتواصل.";
    let cases = [
        // A headline holding «…» is no breadcrumb; a byline is no title.
        (
            format!("البلدية تعيد «الساحة القديمة» إلى أهلها\n\nكتب رامي خوري |\n\n{body}"),
            ("البلدية تعيد «الساحة القديمة» إلى أهلها", "", "", body),
        ),
        // A headline ending on a quote; a reporter after a colon.
        (
            format!("المحكمة تنظر في ملف \"الأرض الخضراء\"\n\nالكويت: سامر حداد\n\n{body}"),
            ("المحكمة تنظر في ملف \"الأرض الخضراء\"", "الكويت", "", body),
        ),
        // An outlet in quotes after a colon.
        (
            format!("افتتاح الطريق الجديد بين المدينتين\n\nجدة: «الوطن»\n\n{body}"),
            ("افتتاح الطريق الجديد بين المدينتين", "جدة", "الوطن", body),
        ),
        // A reporter after a dash gives the dateline only.
        (
            format!("افتتاح الطريق الجديد بين المدينتين\n\nالمنامة - نادية بن عمر\n\n{body}"),
            ("افتتاح الطريق الجديد بين المدينتين", "المنامة", "", body),
        ),
        // A place alone under the headline is the dateline.
        (
            format!("افتتاح الطريق الجديد بين المدينتين\n\nطرابلس\n\n{body}"),
            ("افتتاح الطريق الجديد بين المدينتين", "طرابلس", "", body),
        ),
        // A headline with a dash over the text is no dateline.
        (
            format!("تونس - ارتفاع أسعار الخضر\n\n{body}"),
            ("تونس - ارتفاع أسعار الخضر", "", "", body),
        ),
        // A credit line first keeps its place and outlet.
        (
            format!("بغداد - المدى\n\n{body}"),
            ("", "بغداد", "المدى", body),
        ),
        // Agencies are a credit, not a place.
        (
            format!("افتتاح الطريق الجديد بين المدينتين\n\nوكالات - {body}"),
            ("افتتاح الطريق الجديد بين المدينتين", "", "وكالات", body),
        ),
        // A place alone with a date line under it.
        (
            format!("افتتاح الطريق الجديد بين المدينتين\n\nطرابلس\n4 أبريل 2019\n\n{body}"),
            ("افتتاح الطريق الجديد بين المدينتين", "طرابلس", "", body),
        ),
        // A place and a dash opening the text.
        (
            format!("افتتاح الطريق الجديد بين المدينتين\n\nطرابلس - {body}"),
            ("افتتاح الطريق الجديد بين المدينتين", "طرابلس", "", body),
        ),
        // A byline with a dash is no dateline.
        (
            format!("افتتاح الطريق الجديد بين المدينتين\n\nكتب - رامي خوري\n\n{body}"),
            ("افتتاح الطريق الجديد بين المدينتين", "", "", body),
        ),
        // A wire credit with the date before the agency.
        (
            format!("افتتاح الطريق الجديد بين المدينتين\n\nطرابلس 4 أبريل (شينخوا) {body}"),
            (
                "افتتاح الطريق الجديد بين المدينتين",
                "طرابلس",
                "شينخوا",
                body,
            ),
        ),
        // A copyright caption before the place and agency line.
        (
            format!(
                "افتتاح الطريق الجديد بين المدينتين\n\n© Agence . سيارات على الطريق\n\nطرابلس - سبوتنيك\n\n{body}"
            ),
            (
                "افتتاح الطريق الجديد بين المدينتين",
                "طرابلس",
                "سبوتنيك",
                body,
            ),
        ),
        // A bare reporter's name under the headline.
        (
            format!("افتتاح الطريق الجديد بين المدينتين\n\nرامي خوري\n\n{body}"),
            ("افتتاح الطريق الجديد بين المدينتين", "", "", body),
        ),
        // A numeric date line is no dateline.
        (
            format!(
                "افتتاح الطريق الجديد بين المدينتين\n\n3-7-2015 | 18:40\n\nالمنامة (بنا) - {body}"
            ),
            ("افتتاح الطريق الجديد بين المدينتين", "المنامة", "بنا", body),
        ),
        // The Saudi wire line: place, date, agency.
        (
            format!("افتتاح الطريق الجديد بين المدينتين\n\nجدة 8 أبريل 2019 م واس\n{body}"),
            ("افتتاح الطريق الجديد بين المدينتين", "جدة", "واس", body),
        ),
        // `"OUTLET" دوت كوم` and `OUTLET/` prefixes.
        (
            format!("افتتاح الطريق الجديد بين المدينتين\n\nنابلس - \"الأيام\" دوت كوم - {body}"),
            ("افتتاح الطريق الجديد بين المدينتين", "نابلس", "الأيام", body),
        ),
        (
            format!("بغداد اليوم/ {body}"),
            ("", "", "بغداد اليوم", body),
        ),
        // An agency first; place and outlet closed by separators.
        (format!("(واج) - {body}"), ("", "", "واج", body)),
        (
            format!("عنوان الخبر هنا\n\nوهران - سامر حداد\n\n(واج) - {body}"),
            ("عنوان الخبر هنا", "وهران", "واج", body),
        ),
        (format!("وهران - واج - {body}"), ("", "وهران", "واج", body)),
        (format!("إربد - الغد - {body}"), ("", "إربد", "الغد", body)),
        (
            format!("الموصل/ المدى/ {body}"),
            ("", "الموصل", "المدى", body),
        ),
        (
            format!("أسوان – بوابة النيل – {body}"),
            ("", "أسوان", "بوابة النيل", body),
        ),
        (format!("فاس: المساء - {body}"), ("", "فاس", "المساء", body)),
        (
            format!("أكد الوزير - في كلمته - {body}"),
            ("", "", "", format!("أكد الوزير - في كلمته - {body}").leak()),
        ),
    ];
    for (page, expected) in &cases {
        assert_eq!(head(&read_page(page)), *expected, "{page}");
    }
}

#[test]
fn captions_without_a_latin_credit_and_photo_lines() {
    let body = "أعلن الوزير افتتاح الطريق الجديد بين المدينتين بعد عامين من العمل المتواصل.";
    let pages = [
        // Repeated, with no credit at all.
        format!("عنوان الخبر هنا\n\nالوزير يقص الشريط\nالوزير يقص الشريط\n\n{body}"),
        // An agency credit after a dash or in parentheses.
        format!("عنوان الخبر هنا\n\nالوزير يقص الشريط - (بنا)\n\n{body}"),
        format!("عنوان الخبر هنا\n\nالوزير يقص الشريط (واس)\n\n{body}"),
        // A photo line, time stamps, reading time.
        format!("عنوان الخبر هنا\n\nصورة: الوزير يقص الشريط\n\n{body}"),
        format!("عنوان الخبر هنا\n\nمنذ 3 ساعات\n14:05 GMT\nمدة القراءة: 2 دقائق\n\n{body}"),
    ];
    for page in &pages {
        assert_eq!(read_page(page).host.body, body, "{page}");
    }
}

#[test]
fn a_short_quoted_statement_is_no_headline() {
    let page = read_page("قال الوزير إن \"الطريق مجاني\"\nوأضاف أن العمل سيبدأ قريبا.");
    assert_eq!(page.host.title, "");
    let page = read_page("المدينة تستعد لمهرجان \"الربيع\"\nبدأت البلدية تزيين الشوارع.");
    assert_eq!(page.host.title, "المدينة تستعد لمهرجان \"الربيع\"");
    // A headline reports in the present tense.
    for line in [
        "الوزير يقول إن \"الطريق مجاني\"",
        "الوزارة تؤكد أن \"الطريق مجاني\"",
    ] {
        let page = read_page(&format!("{line}\n\nبدأت البلدية تزيين الشوارع."));
        assert_eq!(page.host.title, line);
    }
    let page = read_page("قالت الوزارة إن \"الطريق مجاني\"\nوأضافت أن العمل سيبدأ قريبا.");
    assert_eq!(page.host.title, "");
}

#[test]
fn a_paragraph_ending_in_a_credit_is_kept_without_it() {
    let page = read_page(
        "عنوان الخبر هنا\n\nأعلنت الوزارة خطة جديدة.\n\nوقال الوزير إن \"الخطة تبدأ قريبا\". (واس)",
    );
    assert_eq!(
        page.host.body,
        "أعلنت الوزارة خطة جديدة.\n\nوقال الوزير إن \"الخطة تبدأ قريبا\"."
    );
    assert_eq!(page.host.source, "واس");
    // An agency named inside the sentence stays where it is.
    let line = "وقال مراسل الوكالة العربية السورية للأنباء (سانا)";
    let page = read_page(&format!("عنوان الخبر هنا\n\n{line}"));
    assert_eq!(
        (page.host.body.as_str(), page.host.source.as_str()),
        (line, "")
    );
    // A caption with the same credit still goes.
    let page = read_page("عنوان الخبر هنا\n\nالوزير في الميناء (واس)\n\nأعلنت الوزارة خطة جديدة.");
    assert_eq!(page.host.body, "أعلنت الوزارة خطة جديدة.");
}

#[test]
fn a_headline_after_a_hijri_date_line_and_buttons() {
    let page = read_page(
        "الاثنين 3 شعبان 1440 هـ\nالمقال\nشارك\nA+ A-\n\nالبلدية تفتتح حديقة جديدة في وسط المدينة\n\nجدة - سامر حداد\n\nافتتحت البلدية حديقة جديدة.",
    );
    assert_eq!(
        head(&page),
        (
            "البلدية تفتتح حديقة جديدة في وسط المدينة",
            "جدة",
            "",
            "افتتحت البلدية حديقة جديدة."
        )
    );
    assert_eq!(page.host.published_on, "2019-04-08".parse().ok());
}
