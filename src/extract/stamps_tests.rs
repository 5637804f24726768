//! Table-driven tests of labelled stamp lines (invented lines).

use super::*;

fn date(year: i16, month: i8, day: i8) -> Option<Date> {
    Some(jiff::civil::date(year, month, day))
}

#[test]
fn labelled_stamps_are_read() {
    let cases: &[(&str, Option<Option<Date>>)] = &[
        ("تاريخ الإضافة: 2015-03-09 م 11:05", Some(date(2015, 3, 9))),
        ("التاريخ: 21/11/2019", Some(date(2019, 11, 21))),
        ("تاريخ الخبر: 3 مارس 2017", Some(date(2017, 3, 3))),
        ("وقت النشر: 08:15 م", Some(None)),
        ("الوقت: 22:40", Some(None)),
        ("تاريخ ووقت النشر: 2020-02-01 09:30", Some(date(2020, 2, 1))),
        ("التحديث الأخير: 16:20", Some(None)),
        (
            "تاريخ الإضافة: 2015-03-09 | عدد المشاهدات: 87",
            Some(date(2015, 3, 9)),
        ),
        // Relative stamps and print page numbers.
        ("قبل 5 ساعات", Some(None)),
        ("قبل ساعتين", Some(None)),
        ("الصفحة 14", Some(None)),
        ("صفحة 3", Some(None)),
    ];
    for (line, expected) in cases {
        assert_eq!(stamp_line(line), *expected, "{line}");
    }
}

#[test]
fn other_lines_are_no_stamps() {
    let cases: &[&str] = &[
        // A speaker's colon before a dated sentence.
        "وقال الوزير: 2020 سيكون عام الإصلاح",
        // A label that names no date or time.
        "الإضافة: 2015-03-09",
        "العدد: 1442",
        // Something besides the date after the colon.
        "التاريخ: 21/11/2019 افتتاح المعرض الدولي للكتاب",
        // A label of many words is a sentence.
        "حدد المجلس تاريخ الانتخابات المقبلة: 12 مايو 2021",
        // No colon, no digit.
        "التاريخ يعيد نفسه",
        "تاريخ الإضافة: أمس",
        // A sentence after the bar.
        "تاريخ الإضافة: 2015-03-09 | افتتاح المعرض الدولي",
        // Relative words and page numbers inside a sentence.
        "قبل 5 ساعات من الموعد",
        "قبل 2020 كان الوضع مختلفا",
        "الصفحة 14 من التقرير",
    ];
    for line in cases {
        assert_eq!(stamp_line(line), None, "{line}");
    }
}

#[test]
fn a_stamp_line_is_no_headline_and_dates_the_page() {
    let page = "تاريخ الإضافة: 2015-03-09 م 11:05\n\nالبلدية تفتح سوقا جديدا للخضار في الحي الشرقي\n\nافتتحت البلدية صباح اليوم سوقا جديدا للخضار والفواكه في الحي الشرقي بعد أشهر من الأشغال.\n";
    let host = super::super::structure::read_page(page).host;
    assert_eq!(host.title, "البلدية تفتح سوقا جديدا للخضار في الحي الشرقي");
    assert_eq!(host.published_on, date(2015, 3, 9));
    assert!(!host.body.contains("الإضافة"), "{}", host.body);
}

#[test]
fn print_controls_leave_the_body() {
    let page = "البلدية تفتح سوقا جديدا للخضار في الحي الشرقي\n\nA A A | نسخة للطباعة\n\nافتتحت البلدية صباح اليوم سوقا جديدا للخضار والفواكه في الحي الشرقي بعد أشهر من الأشغال.\n";
    let host = super::super::structure::read_page(page).host;
    assert!(!host.body.contains("للطباعة"), "{}", host.body);
}
