//! Table-driven tests of date finding and resolution (invented sentences).
//! Every case is an invented sentence; none may come from the seed corpus.

use super::*;
use crate::extract::tokens::tokenize;

fn anchor(text: &str) -> Date {
    text.parse().unwrap_or_default()
}

/// Checks the (value, part, relation) triples found in `input`.
pub(super) fn check(input: &str, published: &str, expected: &[(&str, Part, Relation)]) {
    let tokens = tokenize(input);
    let found = find_dates(&tokens, Some(anchor(published)));
    let got: Vec<(String, Part, Relation)> = found
        .iter()
        .map(|mention| (mention.precise_value(), mention.part, mention.relation))
        .collect();
    let expected: Vec<(String, Part, Relation)> = expected
        .iter()
        .map(|(value, part, relation)| (value.to_string(), *part, *relation))
        .collect();
    assert_eq!(got, expected, "dates in {input:?} published {published}");
}

type DateCase<'a> = (&'a str, &'a str, &'a [(&'a str, Part, Relation)]);

use Part::{End, Mid, Start, Unspecified as Whole};
use Relation::{After, Before, By, Since, Unspecified as On, Until};

#[test]
fn absolute_dates() {
    let cases: &[DateCase] = &[
        (
            "وصل الوفد في 5 يناير 2020 إلى المدينة",
            "2022-03-01",
            &[("2020-01-05", Whole, On)],
        ),
        (
            "في 5 يناير/كانون الثاني 2020",
            "2022-03-01",
            &[("2020-01-05", Whole, On)],
        ),
        (
            "بحلول 31 ديسمبر/كانون الأول 2023",
            "2023-06-01",
            &[("2023-12-31", Whole, By)],
        ),
        (
            "في يونيو 2019 أعلنت الشركة",
            "2022-03-01",
            &[("2019-06", Whole, On)],
        ),
        (
            "في تموز يوليو 2018",
            "2022-03-01",
            &[("2018-07", Whole, On)],
        ),
        (
            "في 3 تشرين الاول اكتوبر 2017",
            "2022-03-01",
            &[("2017-10-03", Whole, On)],
        ),
        (
            "في 15-16 نيسان/أبريل 2024",
            "2024-09-01",
            &[("2024-04-15", Whole, On)],
        ),
        (
            "في ٢٢-٢٣ يوليو ٢٠٢٤",
            "2024-09-01",
            &[("2024-07-22", Whole, On)],
        ),
        (
            "تأسس الحزب في عام 1998 في المدينة",
            "2022-03-01",
            &[("1998", Whole, On)],
        ),
        (
            "ومنذ 2014، يقود الفريق",
            "2022-03-01",
            &[("2014", Whole, Since)],
        ),
        ("حتى أيلول 2026", "2024-09-01", &[("2026-09", Whole, Until)]),
        (
            "في موعد أقصاه نهاية سبتمبر 2025",
            "2024-09-01",
            &[("2025-09", End, By)],
        ),
        (
            "اعتباراً من 9 ديسمبر 2021",
            "2021-12-20",
            &[("2021-12-09", Whole, Since)],
        ),
        ("منذ صيف 2020", "2021-12-20", &[("2020-SU", Whole, Since)]),
        (
            "في 12/03/2019 وقع الحادث",
            "2021-12-20",
            &[("2019-03-12", Whole, On)],
        ),
        (
            "تاريخ 2019-03-12",
            "2021-12-20",
            &[("2019-03-12", Whole, On)],
        ),
        ("مطلع آذار 2015", "2021-12-20", &[("2015-03", Start, On)]),
        ("أواخر شهر مايو 2015", "2021-12-20", &[("2015-05", End, On)]),
        (
            "بعد 12 أغسطس 2016",
            "2021-12-20",
            &[("2016-08-12", Whole, After)],
        ),
        ("قبل منتصف عام 2030", "2021-12-20", &[("2030", Mid, Before)]),
        (
            "في الرابع من تموز 2019",
            "2021-12-20",
            &[("2019-07-04", Whole, On)],
        ),
        (
            "في الحادي عشر من سبتمبر 2001",
            "2021-12-20",
            &[("2001-09-11", Whole, On)],
        ),
        (
            "في الثاني والعشرين من شباط الماضي",
            "2021-12-20",
            &[("2021-02-22", Whole, On)],
        ),
    ];
    for (input, published, expected) in cases {
        check(input, published, expected);
    }
}

#[test]
fn relative_dates() {
    // 2021-12-12 is a Sunday; 2024-09-27 a Friday.
    let cases: &[DateCase] = &[
        (
            "أعلن الوزير امس",
            "2021-12-10",
            &[("2021-12-09", Whole, On)],
        ),
        (
            "أعلن الوزير أمس الأول",
            "2021-12-10",
            &[("2021-12-08", Whole, On)],
        ),
        (
            "أعلن الوزير أول أمس",
            "2021-12-10",
            &[("2021-12-08", Whole, On)],
        ),
        (
            "في بيان أمس الثلاثاء",
            "2021-12-29",
            &[("2021-12-28", Whole, On)],
        ),
        (
            "قالت الوكالة، الأحد، إن",
            "2021-12-12",
            &[("2021-12-12", Whole, On)],
        ),
        (
            "أعلن يوم الجمعة",
            "2024-09-27",
            &[("2024-09-27", Whole, On)],
        ),
        (
            "يوم السبت الماضي",
            "2024-09-27",
            &[("2024-09-21", Whole, On)],
        ),
        ("مساء الإثنين", "2021-07-27", &[("2021-07-26", Whole, On)]),
        ("صباح اليوم", "2021-07-27", &[("2021-07-27", Whole, On)]),
        ("مساء أمس", "2021-07-27", &[("2021-07-26", Whole, On)]),
        ("الجمعة المقبلة", "2024-09-27", &[("2024-10-04", Whole, On)]),
        ("الجمعة الماضية", "2024-09-27", &[("2024-09-20", Whole, On)]),
        (
            "في 6 نوفمبر الماضي",
            "2021-12-12",
            &[("2021-11-06", Whole, On)],
        ),
        (
            "بحلول 31 ديسمبر",
            "2021-12-12",
            &[("2021-12-31", Whole, By)],
        ),
        (
            "منذ 9 ديسمبر",
            "2021-12-12",
            &[("2021-12-09", Whole, Since)],
        ),
        ("في 20 يناير", "2021-12-12", &[("2022-01-20", Whole, On)]),
        ("في 3 يناير", "2021-07-12", &[("2021-01-03", Whole, On)]),
        ("قبل 15 آب", "2019-03-04", &[("2019-08-15", Whole, Before)]),
        ("منذ 20 مارس", "2019-03-04", &[("2018-03-20", Whole, Since)]),
        ("منذ يناير", "2019-03-04", &[("2019-01", Whole, Since)]),
        (
            "في 3 يناير المقبل",
            "2021-07-12",
            &[("2022-01-03", Whole, On)],
        ),
        ("في أبريل الماضي", "2021-12-12", &[("2021-04", Whole, On)]),
        ("في ديسمبر الماضي", "2021-12-12", &[("2020-12", Whole, On)]),
        (
            "في أكتوبر/تشرين الأول المقبل",
            "2021-07-27",
            &[("2021-10", Whole, On)],
        ),
        (
            "في تموز يوليو الماضي",
            "2021-12-29",
            &[("2021-07", Whole, On)],
        ),
        (
            "قبل نهاية العام الجاري",
            "2021-12-12",
            &[("2021", End, Before)],
        ),
        (
            "بحلول نهاية العام الجاري 2021",
            "2021-07-27",
            &[("2021", End, By)],
        ),
        (
            "في منتصف العام المقبل 2025",
            "2024-09-27",
            &[("2025", Mid, On)],
        ),
        ("منتصف العام المقبل", "2024-09-27", &[("2025", Mid, On)]),
        ("بنهاية العام", "2021-12-29", &[("2021", End, On)]),
        ("في العام الماضي", "2021-12-29", &[("2020", Whole, On)]),
        ("السنة المقبلة", "2021-12-29", &[("2022", Whole, On)]),
        (
            "في وقت سابق من هذا العام",
            "2021-12-29",
            &[("2021", Whole, On)],
        ),
        ("خلال هذا الشهر", "2021-12-29", &[("2021-12", Whole, On)]),
        ("الشهر الماضي", "2021-01-15", &[("2020-12", Whole, On)]),
        ("مطلع الشهر المقبل", "2021-12-15", &[("2022-01", Start, On)]),
        ("في 31 الجاري", "2021-12-10", &[("2021-12-31", Whole, On)]),
        (
            "في 31 من الشهر الحالي",
            "2021-12-29",
            &[("2021-12-31", Whole, On)],
        ),
        (
            "بعد 31 من الشهر الحالي",
            "2021-12-29",
            &[("2021-12-31", Whole, After)],
        ),
        (
            "بحلول 31 ديسمبر للعام الجاري",
            "2021-07-27",
            &[("2021-12-31", Whole, By)],
        ),
        (
            "الاربعاء 29 تشرين الاول اكتوبر 2021",
            "2021-12-29",
            &[("2021-10-29", Whole, On)],
        ),
    ];
    for (input, published, expected) in cases {
        check(input, published, expected);
    }
}

#[test]
fn things_that_are_not_dates() {
    let cases: &[(&str, &str)] = &[
        ("سيبقى نحو 3200 جندي فرنسي و1400 جندي", "2021-12-10"),
        ("بينهم 2000 جندي", "2021-12-10"),
        ("أرسلت الوزارة 2020 عنصرا", "2021-12-10"),
        ("بلغ العدد 1990 شخصا", "2021-12-10"),
        ("خلال 12 شهراً", "2021-12-10"),
        ("على مدى الأسابيع الستة الماضية", "2021-12-10"),
        ("قبل اكثر من عام", "2021-12-10"),
        ("قال الأمين العام للأمم المتحدة", "2021-12-10"),
        ("بعد يومين من الضربة", "2021-12-10"),
        ("تسلمت القوات 9 مقرات", "2021-12-10"),
        ("في 15 رمضان 1445 هـ", "2021-12-10"),
        ("كان الأب حاضرا", "2021-12-10"),
        ("اشترى سيارة نيسان جديدة", "2021-12-10"),
        ("احتفلت المدينة اليوم الوطني", "2021-12-10"),
        ("الفصل الثاني من الكتاب", "2021-12-10"),
        ("", "2021-12-10"),
    ];
    for (input, published) in cases {
        check(input, published, &[]);
    }
}

#[test]
fn hijri_next_to_gregorian_keeps_only_gregorian() {
    check(
        "في 15 رمضان 1445 هـ الموافق 25 مارس 2024",
        "2024-04-01",
        &[("2024-03-25", Whole, On)],
    );
}

#[test]
fn relative_dates_need_an_anchor() {
    let tokens = tokenize("امس وفي 5 يناير 2020 وفي أبريل الماضي");
    let found = find_dates(&tokens, None);
    let values: Vec<String> = found.iter().map(DateMention::value).collect();
    assert_eq!(values, vec!["2020-01-05".to_string()]);
}

#[test]
fn spans_cover_the_expression() {
    let input = "وقال إنه سينهي مهامه قبل نهاية العام الجاري.";
    let tokens = tokenize(input);
    let found = find_dates(&tokens, Some(anchor("2021-12-12")));
    let mention = &found[0];
    let start = tokens[mention.first_token].start;
    let end = tokens[mention.end_token - 1].end;
    let expression: String = input.chars().skip(start).take(end - start).collect();
    assert_eq!(expression, "قبل نهاية العام الجاري");
}

#[test]
fn ranges_take_their_first_day_and_starts_look_ahead() {
    let cases: &[DateCase] = &[
        (
            "ويقام المعرض من 12 إلى 14 أكتوبر المقبل",
            "2021-09-20",
            &[("2021-10-12", Whole, On)],
        ),
        (
            "تجري الاختبارات بين 3 و5 آذار",
            "2019-02-10",
            &[("2019-03-03", Whole, On)],
        ),
        // `بدءا من` starts something, mostly ahead: this April, not last.
        (
            "تطبق الرسوم بدءا من 10 أبريل",
            "2024-04-05",
            &[("2024-04-10", Whole, Since)],
        ),
        (
            "يسري القرار اعتبارا من الأول من أغسطس",
            "2021-06-24",
            &[("2021-08-01", Whole, Since)],
        ),
        // `منذ` still looks back.
        (
            "توقفت الرحلات منذ 10 أبريل",
            "2024-04-05",
            &[("2023-04-10", Whole, Since)],
        ),
    ];
    for (input, published, expected) in cases {
        check(input, published, expected);
    }
}

#[test]
fn the_same_year_counts_from_the_last_year_written() {
    let cases: &[DateCase] = &[
        (
            "فاز في مارس 2017 ثم استقال في نوفمبر من العام نفسه",
            "2023-05-01",
            &[("2017-03", Whole, On), ("2017-11", Whole, On)],
        ),
        (
            "بدأ المشروع عام 2012 وافتتح في أيار من العام التالي",
            "2020-01-10",
            &[("2012", Whole, On), ("2013-05", Whole, On)],
        ),
        // No year written before: the publication date decides as usual.
        (
            "في نوفمبر من العام نفسه",
            "2023-12-01",
            &[("2023-11", Whole, On)],
        ),
    ];
    for (input, published, expected) in cases {
        check(input, published, expected);
    }
}

/// `relation_at` skips the phrase scan unless the hashed set of phrase
/// first words accepts the word; the set must accept exactly the words
/// `has_clitic_form` pairs with some first word.
#[test]
fn relation_phrase_firsts_agree_with_has_clitic_form() {
    let firsts: Vec<&str> = RELATION_PHRASES
        .iter()
        .filter_map(|(phrase, _)| phrase.first().copied())
        .collect();
    let mut words: Vec<String> = Vec::new();
    for first in &firsts {
        for prefix in [
            "", "و", "ف", "ب", "ل", "ك", "وب", "فل", "لل", "ولل", "بب", "x",
        ] {
            words.push(format!("{prefix}{first}"));
        }
        if let Some(tail) = first.strip_prefix("ال") {
            words.push(format!("لل{tail}"));
            words.push(format!("فلل{tail}"));
        }
        words.push(format!("{first}ه"));
    }
    words.extend(["قال", "موعدا", "في", "ل", "", "وفي", "بفي"].map(String::from));
    let mut accepted = 0;
    for word in &words {
        let expected = firsts.iter().any(|first| has_clitic_form(word, first));
        assert_eq!(RELATION_PHRASE_FIRSTS.contains(word), expected, "{word:?}");
        accepted += usize::from(expected);
    }
    assert!(
        accepted > firsts.len(),
        "prefixed first words are accepted too"
    );
}

/// A relation phrase still starts a date after a proclitic (وابتداء من)
/// and a word that only looks like a first word does not.
#[test]
fn relation_phrases_after_proclitics_still_match() {
    let text = "وابتداء من 5 مارس 2024";
    let tokens = tokenize(text);
    let found = find_dates(&tokens, None);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].first_token, 0);
    assert_eq!(found[0].relation, Relation::Since);
}
