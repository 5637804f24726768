//! Table-driven tests of opening credits, dated source lines, bylines and
//! breadcrumbs (invented lines).

use super::*;

fn opening(dateline: &str, source: &str, prefix: &str) -> Option<Opening> {
    Some(Opening {
        dateline: dateline.to_string(),
        source: source.to_string(),
        length: prefix.len(),
    })
}

#[test]
fn opening_credits_are_read_with_the_page() {
    let page_with_quote = ["وقال المدير لـ\"النجم\" إن العمل مستمر."];
    let cases: &[(&str, &[&str], bool, Option<Opening>)] = &[
        (
            "حمص (النجم): ارتفعت أسعار الخبز في أسواق المدينة أمس.",
            &[],
            false,
            opening("حمص", "النجم", "حمص (النجم):"),
        ),
        (
            "صيدا (الميناء) خاص: بدأ الصيادون إضرابا مفتوحا منذ الصباح.",
            &[],
            false,
            opening("صيدا", "الميناء", "صيدا (الميناء) خاص:"),
        ),
        (
            "الطائف: النجم أعلنت البلدية إغلاق السوق القديم للصيانة.",
            &page_with_quote,
            false,
            opening("الطائف", "النجم", "الطائف: النجم"),
        ),
        (
            "الطائف: واس أعلنت البلدية إغلاق السوق القديم للصيانة.",
            &[],
            false,
            opening("الطائف", "واس", "الطائف: واس"),
        ),
        // A word after the colon not quoted elsewhere is the text.
        (
            "الطائف: أعلنت البلدية إغلاق السوق القديم للصيانة.",
            &page_with_quote,
            false,
            None,
        ),
        (
            "المدار نيوز - أعلنت الشركة زيادة رأس مالها هذا العام.",
            &[],
            false,
            opening("", "المدار نيوز", "المدار نيوز -"),
        ),
        (
            "سهيل - قالت الوزارة إن الامتحانات ستبدأ في موعدها.",
            &[],
            false,
            opening("", "سهيل", "سهيل -"),
        ),
        // A known place, or a word printed again on the page, is a dateline.
        (
            "بيروت - قالت الوزارة إن الامتحانات ستبدأ في موعدها.",
            &[],
            false,
            None,
        ),
        (
            "حصين - قالت البلدية إن السوق سيفتح في موعده.",
            &["افتتاح سوق حصين الجديد"],
            false,
            None,
        ),
        // With a source from the date line, a place before the dash is the
        // dateline.
        (
            "الدار البيضاء - أعلنت الجامعة عن موعد المباراة المقبلة.",
            &[],
            true,
            opening("الدار البيضاء", "", "الدار البيضاء -"),
        ),
        // An outlet quoted elsewhere on the page is no place.
        (
            "المنبر - قالت الوزارة إن الامتحانات ستبدأ في موعدها.",
            &["وقال المدير لـ\"المنبر\" إن العمل مستمر في المنبر الجديد."],
            false,
            opening("", "المنبر", "المنبر -"),
        ),
        // A name and a role in parentheses open an interview answer.
        (
            "سامي خليل (الناطق باسم الحركة): لن نشارك في الانتخابات المقبلة أبدا.",
            &[],
            false,
            None,
        ),
        // Paragraphs that are no credit.
        (
            "وقال الوزير: إن الموانئ ستعمل بكامل طاقتها.",
            &[],
            false,
            None,
        ),
        ("أعلنت الحكومة - في بيان - زيادة الرواتب.", &[], false, None),
    ];
    for (line, page, source_known, expected) in cases {
        assert_eq!(
            &opening_credit(line, page, *source_known),
            expected,
            "{line}"
        );
    }
}

/// A line and the date and source expected from it.
type DatedCase<'a> = (&'a str, Option<(Date, Option<&'a str>)>);

#[test]
fn dated_source_lines_give_date_and_source() {
    let date = |text: &str| text.parse::<Date>().expect("date");
    let cases: &[DatedCase] = &[
        (
            "2023-11-02 | المصدر: الوادي",
            Some((date("2023-11-02"), Some("الوادي"))),
        ),
        (
            "الأحد 7 مايو 2017 - 9 تعليقات",
            Some((date("2017-05-07"), None)),
        ),
        ("02-10-2020 | قرأ 73 مرة", Some((date("2020-10-02"), None))),
        ("2023-11-02 | أخبار الرياضة", None),
        ("المصدر: الوادي", None),
    ];
    for (line, expected) in cases {
        let expected = expected.map(|(date, source)| (date, source.map(str::to_string)));
        assert_eq!(dated_source_line(line), expected, "{line}");
    }
}

#[test]
fn head_lines_are_told_apart() {
    assert!(is_home_breadcrumb("الرئيسية / اقتصاد / طاقة"));
    assert!(is_home_breadcrumb("الرئيسية > رياضة"));
    assert!(!is_home_breadcrumb("الرئيسية تعلن خطة جديدة للطرق"));
    let headline = Some("افتتاح الدورة الجديدة لمعرض الكتاب بمشاركة واسعة");
    assert!(is_breadcrumb_line("فنون / معارض", true, headline));
    assert!(is_breadcrumb_line("أخبار - لبنان - تربية", true, headline));
    assert!(!is_breadcrumb_line(
        "أخبار - لبنان - تربية",
        false,
        headline
    ));
    assert!(!is_breadcrumb_line("دبي - الخليج", true, headline));
    assert!(!is_breadcrumb_line("حلب - سانا", true, headline));
    assert!(!is_breadcrumb_line(
        "فنون / معارض",
        true,
        Some("افتتاح المعرض.")
    ));
    assert!(is_name_place_byline("سامر عيسى - بيروت"));
    assert!(is_name_place_byline("هند ماجد العلي - الرياض"));
    assert!(!is_name_place_byline("بيت لحم - وفا"));
    assert!(!is_name_place_byline("المكتب الإعلامي - بيروت"));
    assert_eq!(
        source_label("المصدر: موقع الوادي"),
        Some("موقع الوادي".into())
    );
    assert_eq!(source_label("مصدر الخبر غير معروف"), None);
}

#[test]
fn page_furniture_gives_date_and_source() {
    let date = |text: &str| Some(text.parse::<Date>().expect("date"));
    assert_eq!(
        page_furniture("المصدر: وكالات"),
        Some((None, Some("وكالات".into())))
    );
    assert_eq!(
        page_furniture("2021-06-30 | المصدر: الوادي"),
        Some((date("2021-06-30"), Some("الوادي".into())))
    );
    assert_eq!(
        page_furniture("آخر تحديث: 12 مارس 2021"),
        Some((date("2021-03-12"), None))
    );
    assert_eq!(page_furniture("7 تعليقات"), Some((None, None)));
    assert_eq!(
        page_furniture("المصدر: قالت الوزارة إن الخطة جاهزة، وإن التنفيذ قريب."),
        None
    );
    assert_eq!(page_furniture("وقال الوزير إن الخطة جاهزة."), None);
}
