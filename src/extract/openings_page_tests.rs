//! Whole invented pages read by `structure::read_page`: the page forms of
//! `openings` and `furniture` take their place in the article's layout.

use super::super::structure::read_page;

struct Expected<'a> {
    source: &'a str,
    dateline: &'a str,
    body_starts: &'a str,
    not_in_body: &'a [&'a str],
}

fn check(page: &str, expected: &Expected) {
    let host = read_page(page).host;
    assert_eq!(host.source, expected.source, "{page}");
    assert_eq!(host.dateline, expected.dateline, "{page}");
    assert!(host.body.starts_with(expected.body_starts), "{}", host.body);
    for furniture in expected.not_in_body {
        assert!(
            !host.body.contains(furniture),
            "{furniture} in {}",
            host.body
        );
    }
}

#[test]
fn parenthesized_outlet_with_colon_after_a_dated_counter_and_caption() {
    check(
        "الرئيسية > أخبار > مدن\n\nانقطاع المياه عن أحياء المدينة القديمة لثلاثة أيام\n\n\
         الأحد 5 مايو 2019 - 8 تعليقات\n\nصورة أرشيفية لخزان المياه الرئيسي\n\n\
         صيدا (الميناء) خاص: أعلنت مصلحة المياه قطع الإمدادات عن الأحياء القديمة ثلاثة أيام.\n\n\
         وقال المدير لـ\"الميناء\" إن \"الأعمال ضرورية\".\n\nوسوم: المياه، صيدا",
        &Expected {
            source: "الميناء",
            dateline: "صيدا",
            body_starts: "أعلنت مصلحة المياه",
            not_in_body: &["8 تعليقات", "صورة أرشيفية", "وسوم:", "الرئيسية"],
        },
    );
}

#[test]
fn photo_credit_in_parentheses_is_no_dateline() {
    check(
        "افتتاح جسر جديد فوق النهر يربط ضفتي المدينة\n\n\
         (صورة: واس) الجسر الجديد خلال الافتتاح\n\n\
         حائل - واس - افتتح أمير المنطقة اليوم الجسر الجديد فوق النهر بطول 900 متر.\n\n\
         وقال مدير الطرق إن \"الجسر سيخفف الزحام\".\n\nعدد المشاهدات: 1,208\nتحرير: منى الصالح",
        &Expected {
            source: "واس",
            dateline: "حائل",
            body_starts: "افتتح أمير المنطقة",
            not_in_body: &["(صورة:", "عدد المشاهدات", "تحرير:"],
        },
    );
}

#[test]
fn online_outlet_before_a_dash_is_the_source() {
    check(
        "الوزارة تعلن موعد الامتحانات الرسمية للشهادة الثانوية\n\nهاني سليم - بيروت\n\n\
         (صورة: أرشيف) طلاب في قاعة امتحان\n\n\
         المنبر - أعلنت وزارة التربية أن الامتحانات الرسمية ستبدأ في الأول من حزيران.\n\n\
         وقال الوزير إن \"كل شيء جاهز\".\n\n5 تعليقات",
        &Expected {
            source: "المنبر",
            dateline: "",
            body_starts: "أعلنت وزارة التربية",
            not_in_body: &["هاني سليم", "(صورة:", "5 تعليقات"],
        },
    );
}

#[test]
fn date_line_with_source_after_a_bar_and_place_colon_outlet() {
    check(
        "ثقافة / معارض\n\nافتتاح معرض الكتاب بمشاركة 400 دار نشر عربية وأجنبية\n\n\
         2022-10-04 | المصدر: الوادي\n\n\
         الدار البيضاء - افتتح وزير الثقافة معرض الكتاب بمشاركة 400 دار نشر.\n\n\
         وقال المنظمون إن \"الإقبال كبير\".",
        &Expected {
            source: "الوادي",
            dateline: "الدار البيضاء",
            body_starts: "افتتح وزير الثقافة",
            not_in_body: &["المصدر:", "ثقافة /"],
        },
    );
    check(
        "محكمة تلزم شركة بتعويض عمالها عن سنوات من التأخير\n\n\
         الطائف: النجم قضت المحكمة العمالية أمس بإلزام شركة مقاولات بتعويض 80 عاملا.\n\n\
         وقال محامي العمال لـ\"النجم\" إن الحكم نهائي.\n\n12 تعليقا",
        &Expected {
            source: "النجم",
            dateline: "الطائف",
            body_starts: "قضت المحكمة العمالية",
            not_in_body: &["12 تعليقا"],
        },
    );
}
