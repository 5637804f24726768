//! Table-driven tests of the page's date line (invented lines).

use super::*;

fn date(text: &str) -> Option<Date> {
    text.parse().ok()
}

fn check(cases: &[(&str, Option<Date>)]) {
    for (line, expected) in cases {
        assert_eq!(&date_line(line), expected, "line {line:?}");
    }
}

#[test]
fn arabic_day_lines_with_labels_weekdays_and_times() {
    check(&[
        ("الأحد 14 مارس 2021", date("2021-03-14")),
        ("الأحد ١٤ مارس ٢٠٢١", date("2021-03-14")),
        ("الثلاثاء، 1 أكتوبر 2024", date("2024-10-01")),
        ("نشر في: الاثنين 3 يونيو 2019 - 09:15 ص", date("2019-06-03")),
        (
            "تاريخ النشر: السبت 7 ديسمبر 2013 - 22:05",
            date("2013-12-07"),
        ),
        ("آخر تحديث: 8 أيار 2016 - 10:01 م", date("2016-05-08")),
        (
            "الخميس 15 رجب 1445 هـ الموافق 26 يناير 2024",
            date("2024-01-26"),
        ),
        // A time glued before the day is no part of the day.
        (
            "نُشر: 16:20-9 فبراير 2022 م ـ 8 رجب 1443 هـ",
            date("2022-02-09"),
        ),
    ]);
}

#[test]
fn numeric_day_lines() {
    check(&[
        ("نشر في: 2019-05-02", date("2019-05-02")),
        ("2024/10/01", date("2024-10-01")),
        ("01/10/2024", date("2024-10-01")),
        ("2024-10-01", date("2024-10-01")),
        ("01.10.2024", date("2024-10-01")),
        ("2024-10-01 09:14", date("2024-10-01")),
        ("2024-10-01T09:14:00Z", date("2024-10-01")),
        ("2024-10-01T09:14:00+03:00", date("2024-10-01")),
        ("3-7-2015 | 18:40", date("2015-07-03")),
        ("تاريخ النشر: 11/03/2017 02:30 م", date("2017-03-11")),
        ("نشر بتاريخ: 22/09/2020 - 07:45 ص", date("2020-09-22")),
        // The month first when the "month" cannot be one.
        ("09/22/2020", date("2020-09-22")),
    ]);
}

#[test]
fn english_and_hijri_only_lines() {
    check(&[
        ("October 1, 2024", date("2024-10-01")),
        ("1 October 2024", date("2024-10-01")),
        ("Oct 1, 2024", date("2024-10-01")),
        (
            "Published: Tuesday, March 5, 2019 10:30 AM GMT",
            date("2019-03-05"),
        ),
        ("الخميس 14 ذو القعدة 1442هـ", date("2021-06-24")),
        ("26 رمضان 1445 هـ", date("2024-04-05")),
        // The tabular day is 9 April; the printed Monday is the 8th.
        ("3 شعبان 1440 هـ", date("2019-04-09")),
        ("الاثنين 3 شعبان 1440 هـ", date("2019-04-08")),
        ("الاثنين 28 ربيع الأول 1446 هـ", date("2024-09-30")),
        ("الثلاثاء 28 ربيع الأول 1446 هـ", date("2024-10-01")),
    ]);
}

#[test]
fn dated_addresses() {
    check(&[
        (
            "https://example.com/2024/10/01/minister-visit",
            date("2024-10-01"),
        ),
        (
            "https://www.example.com/news/2018/07/12/court.html",
            date("2018-07-12"),
        ),
        (
            "www.example.com/politics/2019-05-02-vote",
            date("2019-05-02"),
        ),
        ("https://example.com/news/12345", None),
        // The scheme in capitals is an address too; a word before it is not.
        ("HTTPS://Example.com/2024/10/01/Visit", date("2024-10-01")),
        ("WWW.example.com/news/2019-05-02-vote", date("2019-05-02")),
        ("رابط:https://example.com/2024/10/01/visit", None),
    ]);
}

#[test]
fn dated_sentences_and_partial_dates_are_no_date_lines() {
    check(&[
        (
            "أعلن الوزير في 14 مارس 2021 عن خطة جديدة تشمل المدارس والمستشفيات.",
            None,
        ),
        ("مارس 2021", None),
        ("الاجتماع المقبل 2024/10/01 في الرياض", None),
        ("الحصيلة 12/5/2020 قتلى", None),
        ("The meeting on October 1, 2024 ended early", None),
        ("وصل الوفد في 3 رمضان 1440 هـ إلى جدة", None),
        ("14:30", None),
        ("سعر الصرف 3.75", None),
        ("", None),
    ]);
}

#[test]
fn times_are_blanked_out() {
    assert_eq!(without_times("10:42 ص"), "      ص");
    assert_eq!(without_times("09:14:05"), "        ");
    assert_eq!(without_times("2024 12 3"), "2024 12 3");
}

#[test]
fn time_stamp_lines() {
    let cases = [
        ("10:42 ص", true),
        ("14:30 GMT", true),
        ("آخر تحديث: 09:15", true),
        ("منذ 3 ساعات", true),
        ("منذ ساعتين", true),
        ("منذ 3 سنوات", false),
        ("الاجتماع عند 10:30 صباحا", false),
        ("منذ الإعلان عن الخطة", false),
        ("", false),
    ];
    for (line, expected) in cases {
        assert_eq!(is_time_line(line), expected, "{line}");
    }
}

#[test]
fn month_first_lines_local_time_and_labelled_time_stamps() {
    check(&[
        ("أكتوبر 3, 2022", date("2022-10-03")),
        ("نشر في: نوفمبر 12، 2017", date("2017-11-12")),
        (
            "3 مايو 2018 - 08:10 ظهرا بتوقيت غرينيتش",
            date("2018-05-03"),
        ),
        ("أكتوبر 3 مواطنين, 2022", None),
        ("وصل الوفد في أكتوبر 3, 2022", None),
    ]);
    for (line, expected) in [
        ("آخر تحديث: منذ 4 ساعات", true),
        ("نشر منذ يومين", true),
        ("منذ 4 ساعات والوفد ينتظر", false),
    ] {
        assert_eq!(is_time_line(line), expected, "{line}");
    }
}

/// The precheck before the date finder passes every line the finder reads
/// a day on (a month name, also behind a clitic, or numbers joined by a
/// separator) and turns away lines with neither.
#[test]
fn the_written_date_precheck_passes_every_line_with_a_day() {
    let cases = [
        ("الخميس 14 مارس 2019", true),
        ("في 3 بمارس 2020", true),
        ("14 كانون الثاني 2021", true),
        ("2021/3/14", true),
        ("14-3-2021", true),
        ("الطبعة 12 العدد 4512", false),
        ("الساعة 14 يوم الخميس", false),
        ("14 أسبابها 2021", false),
        ("العدد 12 - الإصدار 4", false),
        ("في 5 اب 2021", true),
    ];
    for (line, expected) in cases {
        let folded = without_times(&fold(line));
        let found = pieces(&folded);
        assert_eq!(may_hold_written_date(&folded, &found), expected, "{line}");
        if !expected {
            assert_eq!(written_date(&folded), None, "{line}");
        }
    }
    // Wherever the finder reads a day, the precheck lets the line through.
    for line in ["الخميس 14 مارس 2019", "السبت 7 ديسمبر 2013", "8 أيار 2016"]
    {
        let folded = without_times(&fold(line));
        assert!(written_date(&folded).is_some(), "{line}");
        assert!(may_hold_written_date(&folded, &pieces(&folded)), "{line}");
    }
}

/// Digits of the three scripts are found on the bytes; other characters of
/// the same lead bytes are not digits.
#[test]
fn digits_of_every_script_are_found() {
    let cases = [
        ("2024", true),
        ("العدد ٤٥", true),
        ("۱۴۰۲", true),
        ("بلا أرقام", false),
        ("ـ ً ٪ ۰", true),
        ("ٱ ۀ ٪", false),
        ("", false),
    ];
    for (text, expected) in cases {
        assert_eq!(has_digit(text), expected, "{text}");
    }
}

#[test]
fn every_hijri_month_name_is_found_by_its_first_word() {
    for (name, month) in HIJRI_MONTHS {
        let found = pieces(name);
        let words = name.split(' ').count();
        assert_eq!(hijri_month_at(&found, 0), Some((*month, words)), "{name}");
    }
    assert_eq!(hijri_month_at(&pieces("مارس"), 0), None);
}
