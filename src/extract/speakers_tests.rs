//! Table-driven tests of speaker phrases: where the subject after a
//! reporting verb ends and which part is the name; the issue-8 cases are
//! titles inside commas, quoted names, a represented place, document
//! nouns, prepositional words. Every phrase is invented and starts right
//! after a reporting verb.

use super::*;
use crate::extract::tokens::tokenize;

fn text_of(input: &str, tokens: &[Token], range: &Range<usize>) -> String {
    if range.is_empty() {
        return String::new();
    }
    let (start, end) = (tokens[range.start].start, tokens[range.end - 1].end);
    input.chars().skip(start).take(end - start).collect()
}

#[test]
fn issue_eight_speaker_phrases() {
    let cases = [
        (
            "مدير المستشفى، الدكتور كريم الناصر، إن",
            "كريم الناصر",
            "مدير المستشفى الدكتور",
        ),
        (
            "وكيل الدفاع، المحامي رامي سعيد، أن",
            "رامي سعيد",
            "وكيل الدفاع المحامي",
        ),
        (
            "رئيس اللجنة المنظمة، سعادة الشيخ حمد بن سالم آل عيسى، في تصريح أن",
            "حمد بن سالم آل عيسى",
            "رئيس اللجنة المنظمة سعادة الشيخ",
        ),
        // After a title the words could be a clause: no name there.
        ("مدرب الفريق، الفريق لعب جيدا، وأن", "مدرب الفريق", ""),
        (
            "رئيس حزب «الغد»، سالم عيسى، إن",
            "سالم عيسى",
            "رئيس حزب «الغد»",
        ),
        (
            "\"هيئة الرقابة المالية\" أن",
            "\"هيئة الرقابة المالية\"",
            "",
        ),
        ("\"هيئة الرقابة\" في بيان، أن", "\"هيئة الرقابة\"", ""),
        (
            "عضو مجلس النواب عن البصرة، سعد الموسوي، أن",
            "سعد الموسوي",
            "عضو مجلس النواب عن البصرة",
        ),
        ("جمعية حماية المستهلك من أن", "جمعية حماية المستهلك", ""),
        ("المحكمة في حيثيات حكمها إن", "المحكمة", ""),
        ("الحداد على حسابه في منصة إكس", "الحداد", ""),
        ("تقرير صادر عن مركز دراسات إن", "تقرير", ""),
        ("الأمين العام للجنة أن", "الأمين العام للجنة", ""),
        ("المحامي نفسه: ", "المحامي نفسه", ""),
        (
            "صاحب متجر في السوق القديم، جريس حنا، عن",
            "جريس حنا",
            "صاحب متجر في السوق القديم",
        ),
        (
            "سارة الحلبي، كبيرة الاقتصاديين في بنك محلي، أن",
            "سارة الحلبي",
            "كبيرة الاقتصاديين في بنك محلي",
        ),
        ("مسؤول عسكري رفيع إن", "مسؤول عسكري رفيع", ""),
        (
            "رئيس لجنة معرض 2030، المهندس سالم الهاشمي، أن",
            "سالم الهاشمي",
            "رئيس لجنة معرض 2030 المهندس",
        ),
        ("النائبة ديما سالم بالبرنامج، ", "ديما سالم", "النائبة"),
        (
            "وزيرة التنمية هالة بني سعيد، إن",
            "هالة بني سعيد",
            "وزيرة التنمية",
        ),
        (
            "الشركة الوطنية للنفط ما تردد عن",
            "الشركة الوطنية للنفط",
            "",
        ),
        (
            "قائممقام قضاء الخالص عبد الله الجبوري لـ\"الصحيفة\"، إن",
            "عبد الله الجبوري",
            "قائممقام قضاء الخالص",
        ),
        (
            "السفير أحمد سالم، المتحدث الرسمي باسم الوزارة، بأن",
            "أحمد سالم",
            "السفير المتحدث الرسمي باسم الوزارة",
        ),
        // A first name with the article in commas, before إن or قوله.
        (
            "وزير الدولة للتجارة، الصادق عبد الله يوسف، إن",
            "الصادق عبد الله يوسف",
            "وزير الدولة للتجارة",
        ),
        (
            "وزير الدولة للتجارة، الصادق عبد الله يوسف، قوله إن",
            "الصادق عبد الله يوسف",
            "وزير الدولة للتجارة",
        ),
        // A report or a pleading is the channel, not part of the speaker.
        ("الهيئة في تقريرها السنوي إلى أن", "الهيئة", ""),
        ("الادعاء في مرافعته إن", "الادعاء", ""),
        // A compound first name before the name found joins it.
        (
            "وزير الزراعة اليمني عبد الرحمن سالم الحداد اليوم إن",
            "عبد الرحمن سالم الحداد",
            "وزير الزراعة اليمني",
        ),
        // الدفاع عن inside a body's name.
        (
            "الجمعية الوطنية للدفاع عن حقوق الطفل إن",
            "الجمعية الوطنية للدفاع عن حقوق الطفل",
            "",
        ),
        // A verb of speaking that is no cue ends the subject.
        ("تجار محليون تحدثوا للصحيفة إن", "تجار محليون", ""),
        // Person-role nouns are roles, not part of the name.
        ("المزارع جاسم عبد الحسين إن", "جاسم عبد الحسين", "المزارع"),
        ("المواطنة أم محمد إن", "أم محمد", "المواطنة"),
        // A quoted company name inside a role before a name in commas.
        (
            "المدير العام لشركة \"الأمل للنقل والخدمات\"، سامر خليل، إن",
            "سامر خليل",
            "المدير العام لشركة \"الأمل للنقل والخدمات\"",
        ),
    ];
    for (input, expected_name, expected_role) in cases {
        let tokens = tokenize(input);
        let subject = subject_range(&tokens, 0);
        let speaker = split_speaker(&tokens, subject);
        let name = text_of(input, &tokens, &speaker.name);
        let role: Vec<String> = speaker
            .role
            .iter()
            .map(|range| text_of(input, &tokens, range))
            .collect();
        assert_eq!(
            (name.as_str(), role.join(" ").trim()),
            (expected_name, expected_role),
            "speaker in {input:?}"
        );
    }
}

/// `input` starts right after a reporting verb.
fn check(input: &str, expected_name: &str, expected_role: &str) {
    let tokens = tokenize(input);
    let subject = subject_range(&tokens, 0);
    let speaker = split_speaker(&tokens, subject);
    let name = text_of(input, &tokens, &speaker.name);
    let role: Vec<String> = speaker
        .role
        .iter()
        .map(|range| text_of(input, &tokens, range))
        .collect();
    assert_eq!(
        (name.as_str(), role.join(" ").trim()),
        (expected_name, expected_role),
        "speaker in {input:?}"
    );
}

#[test]
fn names_and_roles() {
    let cases = [
        (
            "وزير المالية الليبي نوري الشيباني، إن",
            "نوري الشيباني",
            "وزير المالية الليبي",
        ),
        (
            "الرئيس التونسي قيس بن سالم إن",
            "قيس بن سالم",
            "الرئيس التونسي",
        ),
        (
            "المتحدث باسم وزارة الصحة في اليمن كمال الحداد، إن",
            "كمال الحداد",
            "المتحدث باسم وزارة الصحة في اليمن",
        ),
        ("المتحدث باسم الوزارة إن", "المتحدث باسم الوزارة", ""),
        (
            "المتحدث باسم هيئة الموانئ إن",
            "المتحدث باسم هيئة الموانئ",
            "",
        ),
        (
            "العقيد نادر الساعدي قائد شرطة المدينة إن",
            "نادر الساعدي",
            "العقيد قائد شرطة المدينة",
        ),
        (
            "المتحدث باسم الجيش العميد سامر الخطيب في بيان إن",
            "سامر الخطيب",
            "المتحدث باسم الجيش العميد",
        ),
        (
            "رئيس حزب النهضة الذي يضم نوابا مستقلين لايران فارس العبيدي، إن",
            "فارس العبيدي",
            "رئيس حزب النهضة الذي يضم نوابا مستقلين لايران",
        ),
        ("رئيس الوزراء المغربي إن", "رئيس الوزراء المغربي", ""),
        ("رئيس حزب الأمة إن", "رئيس حزب الأمة", ""),
        ("مصدر أمني رفيع، أن", "مصدر أمني رفيع", ""),
        ("الحداد عبر تويتر: ", "الحداد", ""),
        ("مكتب رئيس الوزراء في بيان، إن", "مكتب رئيس الوزراء", ""),
        ("وكالة الأنباء الأردنية، الأحد، إن", "وكالة الأنباء الأردنية", ""),
        ("الوزير الأول عزيز بنعلي إن", "عزيز بنعلي", "الوزير الأول"),
        (
            "الجنرال الفرنسي بيير لوران إن",
            "بيير لوران",
            "الجنرال الفرنسي",
        ),
        ("الشركة لوكالة رويترز إن", "الشركة", ""),
        (
            "وزيرة الطاقة ريم حداد للصحافيين إن",
            "ريم حداد",
            "وزيرة الطاقة",
        ),
        ("الحكومة في جلستها أن", "الحكومة", ""),
        (
            "زعيم حزب \"التجديد\" سالم بن عيسى أن",
            "سالم بن عيسى",
            "زعيم حزب \"التجديد\"",
        ),
        ("حزب \"التجديد\" أن", "حزب", ""),
        (
            "رئيس الهيئة الوطنية للانتخابات، سامي فريد، إن",
            "سامي فريد",
            "رئيس الهيئة الوطنية للانتخابات",
        ),
        (
            "المديرة التنفيذية لبرنامج الأغذية، سارة علي، أن",
            "سارة علي",
            "المديرة التنفيذية لبرنامج الأغذية",
        ),
        (
            "المتحدث باسم القوات التي تدعمها واشنطن أن",
            "المتحدث باسم القوات التي تدعمها واشنطن",
            "",
        ),
        ("الشركة، في بيان، أن", "الشركة", ""),
        (
            "رئيس الخلية اللواء سامر حداد، حينها، إن",
            "سامر حداد",
            "رئيس الخلية اللواء",
        ),
        ("رئيس الخلية، حينها، إن", "رئيس الخلية", ""),
        (
            "هيلين مورتون، المحللة لدى مجموعة للاستشارات، أن",
            "هيلين مورتون",
            "المحللة لدى مجموعة للاستشارات",
        ),
        (
            "رئيس شعبة المواد الغذائية بإحدى الغرف، حازم الشربيني، إن",
            "حازم الشربيني",
            "رئيس شعبة المواد الغذائية بإحدى الغرف",
        ),
        ("إن الوضع", "", ""),
        (": «نعم»", "", ""),
    ];
    for (input, name, role) in cases {
        check(input, name, role);
    }
}

/// `is_date_word` reads a hashed set; it must accept exactly the words a
/// scan of every clitic form over the month and weekday lists accepts.
#[test]
fn date_words_agree_with_a_scan_of_clitic_forms() {
    use crate::extract::tokens::find_clitic_form;
    let scan = |word: &str| {
        find_clitic_form(word, |form| {
            (MONTHS.iter().any(|(name, _, _)| *name == form)
                || WEEKDAYS.iter().any(|(name, _)| *name == form))
            .then_some(())
        })
        .is_some()
    };
    let mut words: Vec<String> = Vec::new();
    for (name, _, _) in MONTHS {
        words.push((*name).to_string());
    }
    for (name, _) in WEEKDAYS {
        words.push((*name).to_string());
    }
    let bases = words.clone();
    for base in &bases {
        for prefix in ["و", "ف", "ب", "ل", "ك", "وب", "فل", "لل", "ولل", "بب", "x"]
        {
            words.push(format!("{prefix}{base}"));
        }
        if let Some(tail) = base.strip_prefix("ال") {
            words.push(format!("لل{tail}"));
            words.push(format!("فلل{tail}"));
        }
        words.push(format!("{base}ه"));
    }
    words.extend(["قال", "الوزير", "و", "ل", "", "بال", "وفي"].map(String::from));
    let mut accepted = 0;
    for word in &words {
        assert_eq!(is_date_word(word), scan(word), "{word:?}");
        accepted += usize::from(scan(word));
    }
    assert!(
        accepted > bases.len(),
        "the prefixed forms are date words too"
    );
}

/// The one lookup before the stop tests lets through every word that
/// stops a subject, in every form its list is read in.
#[test]
fn every_stopping_word_may_end_a_subject() {
    let stopping = [
        "ان",
        "بانه",
        "مضيفا",
        "ومشيرا",
        "قال",
        "فاكد",
        "خلال",
        "وخلال",
        "للاثنين",
        "يناير",
        "الاحد",
        "تغريده",
        "بيانا",
        "في",
        "علي",
        "الي",
        "من",
        "لوكاله",
        "بتغريده",
    ];
    for word in stopping {
        assert!(may_end_subject(word), "{word}");
    }
    for word in ["الوزير", "محمد", "الشركه", "رييس", "سامي"] {
        assert!(!may_end_subject(word), "{word}");
    }
}

#[test]
fn ta_marbuta_is_restored_on_the_stack_and_beyond_it() {
    let seen = |expected: String| move |stem: &str| stem == expected;
    assert!(with_ta_marbuta("كلم", seen("كلمه".to_string())));
    assert!(!with_ta_marbuta("كلم", seen("كلمت".to_string())));
    let long = "ب".repeat(40);
    assert!(
        with_ta_marbuta(&long, seen(format!("{long}ه"))),
        "longer than the buffer"
    );
    assert!(
        is_channel_noun("جلستها"),
        "جلسة with a pronoun, its ة written ت"
    );
    assert!(!is_channel_noun("سيارتها"));
}

/// A role that ends with its place (`بقابس`, `بالولاية`) keeps it; a name
/// of two words with the article after the comma is the name.
#[test]
fn a_role_ending_in_its_place_keeps_it_and_the_name_follows_the_comma() {
    let cases = [
        (
            "المدير الجهوي للصحة بقابس، الناصر العبيدي، أن",
            "الناصر العبيدي",
            "المدير الجهوي للصحة بقابس",
        ),
        (
            "الكاتب العام للنقابة بالولاية، الطاهر الورغي، إن",
            "الطاهر الورغي",
            "الكاتب العام للنقابة بالولاية",
        ),
        // Without the place the two article words stay out of the name.
        ("رئيس اللجنة، الأمين العام، إن", "رئيس اللجنة", ""),
    ];
    for (input, name, role) in cases {
        check(input, name, role);
    }
}
