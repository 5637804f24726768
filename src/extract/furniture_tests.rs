//! Table-driven tests of furniture lines (invented lines).

use super::*;

#[test]
fn furniture_lines_are_told_from_the_text() {
    let cases: &[(&str, bool)] = &[
        // Counters.
        ("5 تعليقات", true),
        ("17 تعليقا", true),
        ("1,204 مشاهدة", true),
        ("تعليقات (9)", true),
        ("قرأ 874 مرة", true),
        ("قرئ 61 مرة", true),
        ("عدد المشاهدات: 4,020", true),
        ("عدد القراءات 311", true),
        // Tags, keywords and desk credits.
        ("وسوم: #المياه #الزراعة", true),
        ("الكلمات المفتاحية: الموانئ، التصدير، الجمارك", true),
        ("كلمات مفتاحية: الطقس", true),
        ("تحرير: سلمى الراشد", true),
        ("متابعة: هادي النعيمي", true),
        ("بقلم: ليلى منصور", true),
        // Captions opened by their label.
        ("صورة أرشيفية لسوق الخضار في وسط المدينة", true),
        ("(صورة: واس) جانب من الاجتماع الوزاري", true),
        ("(الصورة: أرشيف)", true),
        ("صورة تعبيرية", true),
        ("(6) تعليقات", true),
        ("بقلم سامية بن علي", true),
        ("بقلم الشعب تكتب الأمم تاريخها.", false),
        ("العدد 15 من المجلة صدر أمس", false),
        ("(6) نواب صوتوا ضد القرار", false),
        // Edition lines and last-update lines.
        ("العدد 4512", true),
        ("السنة الثالثة - العدد 907", true),
        ("آخر تحديث: 3 أيلول 2019 الساعة 11:20", true),
        // Text that only looks like furniture.
        (
            "5 تعليقات على قرار المجلس أثارت جدلا واسعا بين النواب في الجلسة.",
            false,
        ),
        ("وقال الوزير: إن الموانئ ستعمل بكامل طاقتها.", false),
        (
            "تحرير الأسعار سيبدأ مطلع العام المقبل بحسب خطة الحكومة.",
            false,
        ),
        (
            "تحرير: قررت الحكومة تحرير أسعار الوقود بالكامل اعتبارا من الشهر المقبل.",
            false,
        ),
        (
            "عدد السكان في المدينة تجاوز مليونين بحسب التعداد الأخير للسكان.",
            false,
        ),
        ("صورة المدينة تغيرت كثيرا خلال السنوات العشر الماضية.", false),
        ("(رويترز) - أعلنت الشركة أرباحا قياسية.", false),
        ("العدد الإجمالي للحالات بلغ 120 حالة.", false),
        ("قرأ الوزير بيانا باسم الحكومة أمام البرلمان.", false),
        ("2024-03-05", false),
        ("", false),
    ];
    for (line, expected) in cases {
        assert_eq!(is_furniture_line(line), *expected, "{line}");
    }
}

#[test]
fn last_update_lines_give_their_date() {
    let cases: &[(&str, Option<Option<&str>>)] = &[
        (
            "آخر تحديث: 3 أيلول 2019 الساعة 11:20",
            Some(Some("2019-09-03")),
        ),
        ("آخر تحديث: 12 مارس 2021", Some(Some("2021-03-12"))),
        ("آخر تحديث: منذ ساعتين", Some(None)),
        ("نشر في: 12 مارس 2021", None),
        ("وقال آخر المتحدثين: إن الجلسة انتهت.", None),
    ];
    for (line, expected) in cases {
        let expected = expected.map(|date| date.map(|text| text.parse::<Date>().expect("date")));
        assert_eq!(last_update_line(line), expected, "{line}");
    }
}

#[test]
fn collapse_borrows_only_text_already_collapsed() {
    for (text, expected, borrowed) in [
        ("وسوم", "وسوم", true),
        ("عدد المشاهدات", "عدد المشاهدات", true),
        ("", "", true),
        ("عدد  المشاهدات", "عدد المشاهدات", false),
        (" وسوم", "وسوم", false),
        ("وسوم ", "وسوم", false),
        ("اخر\tتحديث", "اخر تحديث", false),
    ] {
        let collapsed = collapse(text);
        assert_eq!(collapsed, expected, "{text:?}");
        assert_eq!(matches!(collapsed, Cow::Borrowed(_)), borrowed, "{text:?}");
    }
}
