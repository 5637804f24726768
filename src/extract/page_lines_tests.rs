//! Table-driven tests of head-of-article furniture lines (invented lines).

use super::*;

#[test]
fn bylines_and_bare_names() {
    let cases = [
        ("كتب: سامر حداد", true),
        ("كتبت ليلى منصور |", true),
        ("بقلم: د. عادل فهمي", true),
        (
            "كتب الوزير رسالة إلى نظيره الفرنسي يطلب فيها دعما عاجلا.",
            false,
        ),
        ("كتاب جديد عن تاريخ المدينة", false),
    ];
    for (line, expected) in cases {
        assert_eq!(is_byline(line), expected, "{line}");
    }
    let names = [
        ("رامي خوري", true),
        ("نادية بن عمر", true),
        ("بيروت", false),
        ("انتهى الاجتماع.", false),
        ("الجلسة 12 مايو", false),
    ];
    for (line, expected) in names {
        assert_eq!(is_bare_name(line), expected, "{line}");
    }
}

#[test]
fn outlets_and_reporters_after_a_dateline() {
    let cases = [
        ("الوطن", false, true),
        ("الشرق الأوسط", false, true),
        ("وام", false, true),
        ("سكاي نيوز", false, true),
        ("روسيا اليوم", false, true),
        ("القدس", true, true),
        ("خاص", false, false),
        ("بوابة الأهرام", false, true),
        ("سي إن إن", false, true),
        ("عرب 48", false, true),
        ("سامر حداد", false, false),
        ("نادية بن عمر", false, false),
    ];
    for (name, quoted, expected) in cases {
        assert_eq!(is_outlet_name(name, quoted), expected, "{name}");
    }
}

#[test]
fn place_and_name_after_a_colon() {
    let owned = |place: &str, outlet: &str| Some((place.to_string(), outlet.to_string()));
    let cases = [
        ("جدة: «الوطن»", owned("جدة", "الوطن")),
        ("الكويت: سامر حداد", owned("الكويت", "")),
        ("الدار البيضاء: نادية بن عمر", owned("الدار البيضاء", "")),
        ("الوزير: الاتفاق قريب جدا ولن نتراجع عنه", None),
        ("قال: نعم", None),
        ("عمان: 12 قتيلا", None),
        ("المصدر: وكالات", None),
        ("ترجمة: سامر حداد", None),
    ];
    for (line, expected) in cases {
        assert_eq!(place_colon_line(line), expected, "{line}");
    }
}

#[test]
fn outlet_prefixes_at_the_head_of_a_paragraph() {
    let line = "نابلس - \"الأيام\" دوت كوم - افتتحت البلدية حديقة جديدة";
    let found = dot_com_prefix(line)
        .map(|(place, outlet, length)| (place, outlet, line[length..].to_string()));
    assert_eq!(
        found,
        Some((
            "نابلس".to_string(),
            "الأيام".to_string(),
            "افتتحت البلدية حديقة جديدة".to_string()
        ))
    );
    // A long dash (three bytes) between place and outlet.
    let line = "رام الله – \"الحياة\" دوت كوم – بدأ العام الدراسي";
    assert_eq!(
        dot_com_prefix(line).map(|(place, outlet, length)| (
            place,
            outlet,
            line[length..].to_string()
        )),
        Some((
            "رام الله".to_string(),
            "الحياة".to_string(),
            "بدأ العام الدراسي".to_string()
        ))
    );
    let line = "بغداد اليوم/ أعلنت وزارة النفط زيادة الصادرات";
    assert_eq!(
        outlet_slash_prefix(line)
            .map(|(outlet, length)| (outlet, line[length..].trim().to_string())),
        Some((
            "بغداد اليوم".to_string(),
            "أعلنت وزارة النفط زيادة الصادرات".to_string()
        ))
    );
    assert_eq!(outlet_slash_prefix("قال الوزير/ إن الخطة جاهزة"), None);
    assert_eq!(outlet_slash_prefix("سامر حداد/ أعلنت الوزارة"), None);
    // One word before the slash may be a place.
    assert_eq!(outlet_slash_prefix("بغداد/ أعلنت الوزارة"), None);
    assert_eq!(outlet_slash_prefix("أعلنت الوزارة زيادة 10/ 20"), None);
}

#[test]
fn saudi_wire_lines_with_a_date() {
    let found = dated_credit_line("جدة 3 شعبان 1440 هـ الموافق 8 أبريل 2019 م واس");
    assert_eq!(
        found,
        Some((
            "جدة".to_string(),
            "واس".to_string(),
            "2019-04-08".parse().expect("date")
        ))
    );
    let found = dated_credit_line("مكة المكرمة 12 مارس 2015 م واس");
    assert_eq!(
        found,
        Some((
            "مكة المكرمة".to_string(),
            "واس".to_string(),
            "2015-03-12".parse().expect("date")
        ))
    );
    assert_eq!(
        dated_credit_line("وصل الوفد إلى جدة في 12 مارس 2015 بحسب واس"),
        None
    );
    assert_eq!(dated_credit_line("جدة واس"), None);
}

#[test]
fn photo_lines_and_connectives() {
    assert!(is_photo_line("صورة: المدرب خلال التدريب الأخير"));
    assert!(is_photo_line("تصوير: سامر حداد"));
    assert!(!is_photo_line("وقال المدرب: الصورة واضحة"));
    assert!(opens_with_connective(
        "في المقابل، رأى خبراء أن القرار متأخر"
    ));
    assert!(opens_with_connective("ومن جهته، أكد الوزير أن الخطة جاهزة"));
    assert!(!opens_with_connective(
        "أقر البرلمان الموازنة الجديدة بأغلبية كبيرة"
    ));
    assert!(!opens_with_connective("كماليات الحياة اليومية تغلو"));
}

#[test]
fn copyright_captions_end_tags_and_mastheads() {
    assert!(is_photo_line("© Agence . طلاب أمام مدرسة في العاصمة"));
    assert!(!is_photo_line("وقالت الوكالة © إن الصورة قديمة"));
    let end_tags = [
        ("(النهاية)", true),
        ("(النهاية) ع ح / س ر", true),
        ("انتهى", true),
        ("النهاية المفتوحة للرواية أثارت جدلا واسعا", false),
        ("(النهاية) وقال الوزير إن الخطة جاهزة", false),
    ];
    for (line, expected) in end_tags {
        assert_eq!(is_end_tag(line), expected, "{line}");
    }
    assert!(is_initials_line("ع ح / س ر"));
    assert!(is_initials_line("كونا152033 جمت ديس 21"));
    assert!(!is_initials_line("وأكد الوزير أن الخطة جاهزة"));
    assert_eq!(
        masthead_line("جريدة الفجر - العدد 1203 - الخميس 4 أبريل 2019"),
        Some("2019-04-04".parse().ok())
    );
    assert_eq!(masthead_line("مجلة الواحة | العدد 87"), Some(None));
    // Arabic-Indic digits are digits of the issue number too.
    assert_eq!(masthead_line("مجلة الواحة | العدد ٨٧"), Some(None));
    assert_eq!(masthead_line("الوزير - العدد الأكبر من الزوار - أمس"), None);
    assert_eq!(masthead_line("أعلن الوزير أن العدد 300 - تقريبا"), None);
}

#[test]
fn paragraphs_that_continue_the_text_and_bare_places() {
    let cases = [
        ("وأوضحت الهيئة أن الأعمال مستمرة", true),
        ("وتبدأ المرحلة الثانية الشهر المقبل", true),
        ("من جهته، أكد المدير أن العمل مستمر", true),
        ("وزارة النقل تعلن إغلاق الطريق مؤقتا", false),
        ("وفد برلماني يزور المدينة غدا", false),
        ("أطلقت البلدية حملة لتنظيف الشواطئ", false),
        ("و قال المدير إن العمل مستمر", false),
    ];
    for (paragraph, expected) in cases {
        assert_eq!(continues_the_text(paragraph), expected, "{paragraph}");
    }
    let places = [
        ("طرابلس", true),
        ("نواكشوط:", true),
        ("عاجل", false),
        ("كتب", false),
        ("رامي خوري", false),
        ("2024", false),
    ];
    for (line, expected) in places {
        assert_eq!(is_bare_place(line), expected, "{line}");
    }
}

#[test]
fn dates_inside_wire_credits_and_more_bylines() {
    let date = |text: &str| text.parse().ok();
    let cases = [
        (
            "طرابلس 4 أبريل 2019 (شينخوا)",
            "طرابلس",
            "شينخوا",
            date("2019-04-04"),
        ),
        (
            "موسكو، 5 مارس 2021 - سبوتنيك",
            "موسكو",
            "سبوتنيك",
            date("2021-03-05"),
        ),
        (
            "صلالة في 9 مايو 2018 /العمانية/",
            "صلالة",
            "العمانية",
            date("2018-05-09"),
        ),
        ("طرابلس 4 أبريل (شينخوا)", "طرابلس", "شينخوا", None),
        ("طرابلس (شينخوا)", "طرابلس", "شينخوا", None),
    ];
    for (credit, place, agency, expected) in cases {
        assert_eq!(credit_date(credit, place, agency), expected, "{credit}");
    }
    assert!(is_byline("الكاتب: سامر حداد"));
    assert!(is_byline("حوار: ليلى منصور"));
    assert!(!is_byline("الكاتب الكبير يصدر روايته الجديدة في الربيع."));
}

#[test]
fn dashed_headlines_and_credit_lines() {
    let cases = [
        ("تونس - ارتفاع أسعار الخضر", true),
        ("لبنان - الحكومة تقر الموازنة", true),
        ("بغداد - المدى", false),
        ("جدة - «الوطن»", false),
        ("القاهرة - أ ش أ", false),
        ("دبي - سكاي نيوز عربية", false),
        ("الحكومة تعلن خطة جديدة", false),
    ];
    for (line, expected) in cases {
        assert_eq!(is_dashed_headline(line), expected, "{line}");
    }
}

/// The prechecks (a separator and a digit for a masthead; a digit and a
/// word count for a dated credit) turn lines away without changing what is
/// read from the lines that pass them.
#[test]
fn prechecks_turn_away_lines_without_a_digit_or_separator() {
    assert_eq!(masthead_line("صحيفة الأنباء العدد"), None);
    assert_eq!(masthead_line("صحيفة الأنباء - العدد"), None);
    assert_eq!(masthead_line("صحيفة الأنباء العدد 4512"), None);
    assert_eq!(masthead_line("صحيفة الأنباء - العدد 4512"), Some(None));
    assert_eq!(
        masthead_line("صحيفة الأنباء | العدد ٤٥١٢ | الأحد 3 مارس 2019"),
        Some("2019-03-03".parse().ok())
    );
    assert_eq!(dated_credit_line("الرياض في يوم الخميس واس"), None);
    assert!(dated_credit_line("الرياض 14 يوليو 2008 م واس").is_some());
    assert!(!is_byline("كتب"));
    assert!(!is_byline("كتب: محمود سامي."));
    assert!(is_byline("كتب: محمود سامي"));
    assert!(!is_bare_place("الرباط 2"));
    assert!(is_bare_place("الرباط"));
}

/// The first-letter test before folding keeps every end tag and photo
/// label, written with a hamza, a mark or a presentation form too.
#[test]
fn first_letter_tests_keep_tags_and_labels() {
    for tag in ["(النهاية)", "انتهى", "(إنتهى)", "-\u{200F}انتهى", "ﺍﻟﻨﻬﺎﻳﺔ"]
    {
        assert!(is_end_tag(tag), "{tag:?}");
    }
    for line in ["(نهاية)", "وانتهى الاجتماع"] {
        assert!(!is_end_tag(line), "{line:?}");
    }
    for line in [
        "صورة: الوزير",
        "تصوير: أحمد",
        "بعدسة: سامي",
        "مصدر الصورة: رويترز",
    ] {
        assert!(is_photo_line(line), "{line:?}");
    }
    for line in ["قال: إن الصورة واضحة", "الوزير: لا تعليق"] {
        assert!(!is_photo_line(line), "{line:?}");
    }
}
