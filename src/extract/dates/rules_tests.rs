//! Table-driven tests of the rules for ordinal days, spans, relation cues
//! at a distance, future clauses, weeks, seasons and event years. Every
//! sentence is invented for the test.

use super::*;
use crate::extract::tokens::tokenize;

/// Checks the (value, part, relation) triples found in `input`.
fn check(input: &str, published: &str, expected: &[(&str, Part, Relation)]) {
    let tokens = tokenize(input);
    let anchor: Date = published.parse().expect("a test date");
    let got: Vec<(String, Part, Relation)> = find_dates(&tokens, Some(anchor))
        .iter()
        .map(|mention| (mention.value(), mention.part, mention.relation))
        .collect();
    let expected: Vec<(String, Part, Relation)> = expected
        .iter()
        .map(|(value, part, relation)| (value.to_string(), *part, *relation))
        .collect();
    assert_eq!(got, expected, "dates in {input:?} published {published}");
}

type Case<'a> = (&'a str, &'a str, &'a [(&'a str, Part, Relation)]);

use Part::{Start, Unspecified as Whole};
use Relation::{After, Before, By, Since, Unspecified as On, Until};

fn check_all(cases: &[Case]) {
    for (input, published, expected) in cases {
        check(input, published, expected);
    }
}

#[test]
fn ordinal_days_of_a_named_month() {
    check_all(&[
        (
            "أغلق المعبر في العاشر من الشهر الجاري",
            "2024-05-20",
            &[("2024-05-10", Whole, On)],
        ),
        (
            "افتتح السوق في التاسع والعشرين من الشهر الحالي",
            "2024-05-30",
            &[("2024-05-29", Whole, On)],
        ),
        (
            "تنطلق الحملة في الفاتح من يونيو",
            "2024-05-20",
            &[("2024-06-01", Whole, On)],
        ),
        (
            "يمتد الموسم من فاتح مارس إلى 10 أبريل",
            "2024-05-01",
            &[("2024-03-01", Whole, On), ("2024-04-10", Whole, On)],
        ),
        (
            "صدر القرار في 12 مارس 2023، ثم ألغي في 30 من الشهر ذاته",
            "2024-01-10",
            &[("2023-03-12", Whole, On), ("2023-03-30", Whole, On)],
        ),
        (
            "وقع الاتفاق في 3 يوليو 2019 وصودق عليه في الخامس والعشرين من الشهر نفسه",
            "2024-01-10",
            &[("2019-07-03", Whole, On), ("2019-07-25", Whole, On)],
        ),
        // A count of hours is no day of a month.
        (
            "سجلت 300 إصابة خلال الساعات الأربع والعشرين الماضية",
            "2021-06-24",
            &[],
        ),
    ]);
}

#[test]
fn anchored_years_follow_the_last_value() {
    check_all(&[
        (
            "يتوقع البنك نموا في عام 2025. وبلغ التضخم 5% في يونيو الماضي مقابل 4% في مايو من العام نفسه",
            "2023-08-03",
            &[
                ("2025", Whole, On),
                ("2023-06", Whole, On),
                ("2023-05", Whole, On),
            ],
        ),
        (
            "عقد المؤتمر في شباط 2018 بعد أن أعلنت الحكومة النصر في كانون الأول من العام السابق",
            "2021-06-20",
            &[("2018-02", Whole, On), ("2017-12", Whole, On)],
        ),
    ]);
}

#[test]
fn spans_of_two_days_take_the_first() {
    check_all(&[
        (
            "تعقد القمة يومي الأربعاء والخميس",
            "2023-12-08",
            &[("2023-12-06", Whole, On)],
        ),
        (
            "تجري الانتخابات يومي الأحد والاثنين المقبلين",
            "2012-03-15",
            &[("2012-03-18", Whole, On)],
        ),
        (
            "ينعقد المنتدى يومي الخامس والسادس من مارس",
            "2020-02-20",
            &[("2020-03-05", Whole, On)],
        ),
    ]);
}

#[test]
fn a_weekday_before_a_date_joins_it() {
    check_all(&[(
        "على المرشحين تقديم الطلبات في موعد أقصاه الثلاثاء 29 مايو",
        "2012-05-20",
        &[("2012-05-29", Whole, By)],
    )]);
}

#[test]
fn relation_cues_reach_their_date() {
    check_all(&[
        (
            "تراجعت الإيرادات منذ تحرير المدينة في تموز 2017",
            "2021-06-20",
            &[("2017-07", Whole, Since)],
        ),
        (
            "جاء القرار عقب اجتماع طارئ عقدته اللجنة الاثنين",
            "2024-08-14",
            &[("2024-08-12", Whole, After)],
        ),
        (
            "وصل الوفد قبيل الخامس والعشرين من آب",
            "2024-08-14",
            &[("2024-08-25", Whole, Before)],
        ),
        (
            "يكتمل المشروع في أفق صيف 2026",
            "2024-08-14",
            &[("2026-SU", Whole, By)],
        ),
        // Not across a clause, a relative clause or a duration.
        (
            "غادر قبل أن يعلن الوزير في 5 مايو 2020 استقالته",
            "2021-06-20",
            &[("2020-05-05", Whole, On)],
        ),
        (
            "تراجع العدد قبل الإغلاق الذي جرى في 27 سبتمبر 2023",
            "2023-10-10",
            &[("2023-09-27", Whole, On)],
        ),
        (
            "يعمل منذ سنوات في شركة تأسست عام 2010",
            "2021-06-20",
            &[("2010", Whole, On)],
        ),
        (
            "بعد الاجتماع، أعلن الوزير في 5 مايو 2020 خطته",
            "2021-06-20",
            &[("2020-05-05", Whole, On)],
        ),
    ]);
}

#[test]
fn future_clauses_look_ahead() {
    check_all(&[
        (
            "ستعلن اللجنة النتائج الخميس على أقصى تقدير",
            "2014-10-28",
            &[("2014-10-30", Whole, By)],
        ),
        (
            "ستفتح ثلاثة فنادق أبوابها في كانون الأول",
            "2018-06-05",
            &[("2018-12", Whole, On)],
        ),
        (
            "مباراة الأحد أمام الضيوف ستكون حاسمة",
            "2022-11-24",
            &[("2022-11-27", Whole, On)],
        ),
        (
            "يستمر التصويت حتى إغلاق آخر مركز مساء الخميس",
            "2012-05-20",
            &[("2012-05-24", Whole, Until)],
        ),
        // A date just gone stays in the past even in a clause about plans.
        (
            "وسيناقش الاجتماع المقرر في 5 مايو الموازنة",
            "2024-05-15",
            &[("2024-05-05", Whole, On)],
        ),
        (
            "وسيناقش الاجتماع المقرر في 25 مايو الموازنة",
            "2024-05-15",
            &[("2024-05-25", Whole, On)],
        ),
        // No future marker: the most recent weekday and the nearest past month.
        (
            "سياسة الحكومة تغيرت الخميس",
            "2014-10-28",
            &[("2014-10-23", Whole, On)],
        ),
        (
            "افتتحت ثلاثة فنادق أبوابها في كانون الأول",
            "2018-06-05",
            &[("2017-12", Whole, On)],
        ),
    ]);
}

#[test]
fn named_days_ranges_and_event_names() {
    check_all(&[
        (
            "وقال الوزير: \"نعلن اليوم (الجمعة) بدء التشغيل\"",
            "2024-03-09",
            &[("2024-03-08", Whole, On)],
        ),
        (
            "وقال: \"وصلنا اليوم الخميس\"",
            "2024-03-08",
            &[("2024-03-07", Whole, On)],
        ),
        (
            "تقام المعارض بين 3 و5 آذار",
            "2024-02-20",
            &[("2024-03-03", Whole, On)],
        ),
        (
            "شارك في ثورة 25 يناير ثم غادر في 3 مايو",
            "2021-06-20",
            &[("2021-05-03", Whole, On)],
        ),
        (
            "احتفل الأنصار بذكرى ثورة الفاتح من سبتمبر",
            "2009-08-20",
            &[],
        ),
        (
            "اندلعت الاحتجاجات في 25 يناير 2011",
            "2021-06-20",
            &[("2011-01-25", Whole, On)],
        ),
        (
            "وقع الانفجار ليل الثلاثاء-الأربعاء",
            "2024-05-15",
            &[("2024-05-14", Whole, On)],
        ),
        (
            "ويجتمع المجلس غدا الخميس",
            "2024-05-15",
            &[("2024-05-16", Whole, On)],
        ),
        (
            "يصل الوفد يوم غد الخميس",
            "2024-05-15",
            &[("2024-05-16", Whole, On)],
        ),
        (
            "يصل الوفد بعد غد",
            "2024-05-15",
            &[("2024-05-17", Whole, On)],
        ),
        (
            "وبعد ظهر الثلاثاء أعلنت الشرطة الحصيلة",
            "2024-05-15",
            &[("2024-05-14", Whole, On)],
        ),
        // سابقا and ساعات are no future verbs.
        (
            "أعلن الوزير سابقا الخميس",
            "2014-10-28",
            &[("2014-10-23", Whole, On)],
        ),
    ]);
}

#[test]
fn weeks_seasons_and_event_years() {
    check_all(&[
        (
            "ستعلن الهيئة القائمة الأسبوع المقبل",
            "2023-10-05",
            &[("2023-W41", Whole, On)],
        ),
        (
            "يعرض المشروع على الوزراء مطلع الأسبوع المقبل",
            "2023-12-08",
            &[("2023-W50", Start, On)],
        ),
        ("ضبطت الفرق المخالفات خلال الأسبوع الماضي", "2023-12-08", &[]),
        (
            "تجاوز عدد الليالي خلال صيف 2018 مليون ليلة",
            "2018-06-05",
            &[("2018-SU", Whole, On)],
        ),
        (
            "تراجعت الأمطار في شتاء 2024",
            "2024-06-05",
            &[("2024-WI", Whole, On)],
        ),
        (
            "فاز الحزب في انتخابات 2017",
            "2021-09-27",
            &[("2017", Whole, On)],
        ),
        (
            "حقق الفريق اللقب في نسخة 1990",
            "2019-09-27",
            &[("1990", Whole, On)],
        ),
    ]);
}
