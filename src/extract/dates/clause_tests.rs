//! Table-driven tests of the rules that read a date's clause: `قد` before an
//! imperfect verb speaks of what may come, two weekdays joined by `أو` owe
//! the first, and a month name that is also a common word (`آب` / `أب`) is
//! the month after a part of a period or before a direction, and `في 22 منه`
//! is a day of the month last named; `بين الـ20 والـ25` owes its first day.
//! Every sentence is invented for the test.

use super::tests::check;
use super::*;

type Case<'a> = (&'a str, &'a str, &'a [(&'a str, Part, Relation)]);

use Part::{Start, Unspecified as Whole};
use Relation::{Since, Unspecified as On};

fn check_all(cases: &[Case]) {
    for (input, published, expected) in cases {
        check(input, published, expected);
    }
}

/// Published on Monday 11 March 2024: the coming Wednesday is the 13th, the
/// last one the 6th.
const MONDAY: &str = "2024-03-11";

#[test]
fn qad_before_an_imperfect_verb_looks_ahead() {
    check_all(&[
        (
            "قال الخبير إن الأسعار قد ترتفع يومي الأربعاء والخميس",
            MONDAY,
            &[("2024-03-13", Whole, On)],
        ),
        (
            "أوضح المهندس أن العمل قد يتوقف الخميس بسبب العاصفة",
            MONDAY,
            &[("2024-03-14", Whole, On)],
        ),
        (
            "وقد يعود السفير إلى مقر عمله الخميس",
            MONDAY,
            &[("2024-03-14", Whole, On)],
        ),
        // وقد + a verb in ت opens a past sentence: the last Thursday.
        (
            "وقد تراجع سعر الذهب الخميس بعد صعود طويل",
            MONDAY,
            &[("2024-03-07", Whole, On)],
        ),
        // After كان, قد + verb is a past perfect: the last Thursday.
        (
            "وكان الفريق قد تعادل يوم الخميس مع ضيفه",
            MONDAY,
            &[("2024-03-07", Whole, On)],
        ),
        // قد + a verb in ت that reads as past: the last Thursday.
        (
            "وأوضح البيان أن الشحنة قد تمت معاينتها الخميس",
            MONDAY,
            &[("2024-03-07", Whole, On)],
        ),
        (
            "قالت الوزارة إن اللجنة قد تسلمت التقرير الخميس",
            MONDAY,
            &[("2024-03-07", Whole, On)],
        ),
    ]);
}

#[test]
fn two_weekdays_joined_by_or_owe_the_first() {
    check_all(&[
        (
            "ستنطلق القافلة يوم الأربعاء أو الخميس نحو الميناء",
            MONDAY,
            &[("2024-03-13", Whole, On)],
        ),
        (
            "عاد الفريق إلى المعسكر مساء الأربعاء أو صباح الخميس",
            MONDAY,
            &[("2024-03-06", Whole, On)],
        ),
        (
            "أغلق المتجر أبوابه الأربعاء أو الخميس على الأرجح",
            MONDAY,
            &[("2024-03-06", Whole, On)],
        ),
    ]);
}

#[test]
fn aab_is_the_month_after_a_part_or_before_a_direction() {
    check_all(&[
        (
            "ارتفعت أسعار الخضار منذ مطلع آب بسبب الحر",
            "2024-09-10",
            &[("2024-08", Start, Since)],
        ),
        (
            "افتتح الجسر في آب الماضي أمام السيارات",
            "2024-09-10",
            &[("2024-08", Whole, On)],
        ),
        // أب is a father here: no month.
        ("زار أب ابنه في المستشفى", "2024-09-10", &[]),
        ("قال أب إن المدرسة بعيدة", "2024-09-10", &[]),
    ]);
}

#[test]
fn a_day_of_it_is_a_day_of_the_month_last_named() {
    use Relation::Until;
    check_all(&[
        (
            "فتح باب التسجيل في 3 مايو 2024 ويغلق في 20 منه",
            "2024-05-25",
            &[("2024-05-03", Whole, On), ("2024-05-20", Whole, On)],
        ),
        (
            "تبدأ العروض في الأول من يونيو 2024 وتستمر حتى العاشر منه",
            "2024-05-25",
            &[("2024-06-01", Whole, On), ("2024-06-10", Whole, Until)],
        ),
        // A count of it, not a day: no في or relation cue before the number.
        (
            "حصد المزارعون القمح في مايو 2024 وباعوا 20 منه للتجار",
            "2024-06-25",
            &[("2024-05", Whole, On)],
        ),
    ]);
}

#[test]
fn a_range_of_days_with_the_article_takes_its_first_day() {
    check_all(&[
        (
            "تقام الدورة بين الـ20 والـ25 من أغسطس 2024",
            "2024-06-01",
            &[("2024-08-20", Whole, On)],
        ),
        (
            "يستمر المعرض من الـ3 إلى الـ7 من مارس 2024",
            "2024-02-01",
            &[("2024-03-03", Whole, On)],
        ),
        (
            "افتتح المعرض في الـ12 من مارس 2024",
            "2024-04-01",
            &[("2024-03-12", Whole, On)],
        ),
    ]);
}

#[test]
fn a_year_after_a_title_or_feat_is_its_year() {
    use Relation::After;
    check_all(&[
        (
            "يحلم المنتخب بتكرار إنجاز 1988 في البطولة",
            "2024-01-10",
            &[("1988", Whole, On)],
        ),
        (
            "يسعى النادي إلى اللقب الثاني بعد لقب 2004",
            "2024-01-10",
            &[("2004", Whole, After)],
        ),
        (
            "استضافت المدينة مباريات بطولة 2011 كلها",
            "2024-01-10",
            &[("2011", Whole, On)],
        ),
    ]);
}

#[test]
fn expecting_and_starting_from_look_ahead() {
    check_all(&[
        (
            "ومن المتوقع أن تصل البعثة الخميس إلى المدينة",
            MONDAY,
            &[("2024-03-14", Whole, On)],
        ),
        (
            "وتوقعت الأرصاد تساقط الثلوج يوم الخميس",
            MONDAY,
            &[("2024-03-14", Whole, On)],
        ),
        (
            "ستستقبل البلدية الطلبات اعتبارا من الأربعاء",
            MONDAY,
            &[("2024-03-13", Whole, Since)],
        ),
        // منذ looks back even in a clause about the future.
        (
            "ستبقى الطرق مغلقة كما هي منذ الأربعاء",
            MONDAY,
            &[("2024-03-06", Whole, Since)],
        ),
        // No future word: a start that has been.
        (
            "استقبلت البلدية الطلبات اعتبارا من الأربعاء",
            MONDAY,
            &[("2024-03-06", Whole, Since)],
        ),
    ]);
}
