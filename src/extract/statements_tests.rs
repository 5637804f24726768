//! Table-driven tests of statement finding (invented sentences).
//! Every case is an invented sentence; none may come from the seed corpus.

use super::*;
use crate::extract::tokens::tokenize;

/// Checks (speaker name, text, speech) of every statement in `input`.
pub(super) fn check(input: &str, expected: &[(&str, &str, Speech)]) {
    let tokens = tokenize(input);
    let statements = find_statements(input, &tokens, "article");
    let got: Vec<(String, String, Speech)> = statements
        .iter()
        .map(|statement| {
            let name = statement
                .speaker
                .as_ref()
                .map(|speaker| speaker.name.clone())
                .unwrap_or_default();
            (name, statement.text.clone(), statement.speech())
        })
        .collect();
    let expected: Vec<(String, String, Speech)> = expected
        .iter()
        .map(|(name, text, speech)| (name.to_string(), text.to_string(), *speech))
        .collect();
    assert_eq!(got, expected, "statements in {input:?}");
    for statement in &statements {
        let span = statement.span.unwrap_or_default();
        let slice: String = input
            .chars()
            .skip(span.start as usize)
            .take((span.end - span.start) as usize)
            .collect();
        assert_eq!(slice, statement.text, "span of {:?}", statement.text);
    }
}

use Speech::{Direct, Indirect};

type StatementCase<'a> = (&'a str, &'a [(&'a str, &'a str, Speech)]);

#[test]
fn quotation_styles() {
    let cases: &[StatementCase] = &[
        (
            "قال الوزير سامي الحداد: \"الطريق سيفتح قريبا\".",
            &[("سامي الحداد", "الطريق سيفتح قريبا", Direct)],
        ),
        (
            "وقال الحداد: “سنبدأ العمل غدا”.",
            &[("الحداد", "سنبدأ العمل غدا", Direct)],
        ),
        (
            "وقال الحداد: «سنبدأ العمل غدا».",
            &[("الحداد", "سنبدأ العمل غدا", Direct)],
        ),
        (
            "وقال الحداد: „سنبدأ العمل غدا“.",
            &[("الحداد", "سنبدأ العمل غدا", Direct)],
        ),
        (
            "وقال الحداد إن “العمل سيبدأ في الموعد″، وفق البيان.",
            &[("الحداد", "العمل سيبدأ في الموعد", Direct)],
        ),
        (
            "وقال الحداد: \"العمل سيبدأ في الموعد المحدد",
            &[("الحداد", "العمل سيبدأ في الموعد المحدد", Direct)],
        ),
        (
            "وأكد الحداد ان \" العمل سيبدأ\n\nفي الموعد المحدد \" بحسب قوله.",
            &[("الحداد", "العمل سيبدأ\n\nفي الموعد المحدد", Direct)],
        ),
    ];
    for (input, expected) in cases {
        check(input, expected);
    }
}

#[test]
fn scare_quotes_are_not_statements() {
    let cases: &[&str] = &[
        "وانسحبت عناصر \"الحرس الجديد\" من القاعدة.",
        "أعلنت الحكومة بدء «المرحلة الثانية» رسميا.",
        "وكتب الوزير على صفحته في \"فيسبوك\" تعليقا.",
        "وهاجم مسلحون من “النسور” القرية.",
        "وأعلن الجيش مقتل عناصر من \"حزب العمال الكردستاني\" في الجبال.",
    ];
    for input in cases {
        check(input, &[]);
    }
}

#[test]
fn reported_speech() {
    let cases: &[StatementCase] = &[
        (
            "قال وزير المالية نوري الشيباني، إن العجز سينخفض هذا العام.",
            &[("نوري الشيباني", "العجز سينخفض هذا العام", Indirect)],
        ),
        (
            "وأكد المتحدث باسم الوزارة أن الرواتب ستصرف قريبا.",
            &[("المتحدث باسم الوزارة", "الرواتب ستصرف قريبا", Indirect)],
        ),
        (
            "وكشف مصدر أمني رفيع، أن الهجوم استهدف قافلة.",
            &[("مصدر أمني رفيع", "الهجوم استهدف قافلة", Indirect)],
        ),
        (
            "وأشار الوزير إلى أن المشروع تأخر كثيرا.",
            &[("الوزير", "المشروع تأخر كثيرا", Indirect)],
        ),
        (
            "وأوضحت الشركة، لوكالة الأنباء، أن الإنتاج توقف.",
            &[("الشركة", "الإنتاج توقف", Indirect)],
        ),
        (
            "وقالت هيئة الموانئ في بيان ان السفن ستصل الاسبوع المقبل.",
            &[("هيئة الموانئ", "السفن ستصل الاسبوع المقبل", Indirect)],
        ),
        ("وأعلن الوزير عن افتتاح الطريق.", &[]),
    ];
    for (input, expected) in cases {
        check(input, expected);
    }
}

#[test]
fn continuation_of_the_last_speaker() {
    let cases: &[StatementCase] = &[
        (
            "قال الوزير سامي الحداد إن الطريق جاهز.\nوأضاف: \"سنفتتحه الأسبوع المقبل رسميا\".",
            &[
                ("سامي الحداد", "الطريق جاهز", Indirect),
                ("سامي الحداد", "سنفتتحه الأسبوع المقبل رسميا", Direct),
            ],
        ),
        (
            "وقال الحداد عبر تويتر: \"انتهى العمل في الجسر\"، مشيراً إلى أن \"الافتتاح سيكون قريبا جدا\".",
            &[
                ("الحداد", "انتهى العمل في الجسر", Direct),
                ("الحداد", "الافتتاح سيكون قريبا جدا", Direct),
            ],
        ),
        (
            "وفي بيان عن الوزارة، جاء فيه: “نعمل على إنهاء المشروع”.\nوتابع: “سنلتزم بالموعد المحدد”.\nوختم بالقول: “شكرا للعاملين جميعا”.",
            &[
                ("بيان", "نعمل على إنهاء المشروع", Direct),
                ("بيان", "سنلتزم بالموعد المحدد", Direct),
                ("بيان", "شكرا للعاملين جميعا", Direct),
            ],
        ),
        (
            "ونقلت الصحيفة عن الشركة، قولها: \"الإنتاج سيعود خلال أيام\".",
            &[("الشركة", "الإنتاج سيعود خلال أيام", Direct)],
        ),
        (
            "وقال الحداد إن الحكومة \"ستدعم المشروع بالكامل\"، مضيفا أن التمويل متوفر مع \"البنك\" الذي قال إن دوره \"سيكون داعما للمشروع\".",
            &[
                ("الحداد", "ستدعم المشروع بالكامل", Direct),
                ("الحداد", "التمويل متوفر مع \"البنك\"", Indirect),
                ("البنك", "سيكون داعما للمشروع", Direct),
            ],
        ),
        (
            "قال الحداد إن القرار نهائي.\nوأكد \"لن نتراجع عن هذا القرار\" في المدينة، لكن \"الحوار سيستمر مع الجميع\".",
            &[
                ("الحداد", "القرار نهائي", Indirect),
                ("الحداد", "لن نتراجع عن هذا القرار", Direct),
                ("الحداد", "الحوار سيستمر مع الجميع", Direct),
            ],
        ),
    ];
    for (input, expected) in cases {
        check(input, expected);
    }
}

#[test]
fn speakers_named_around_the_words() {
    let cases: &[StatementCase] = &[
        (
            "«سنعيد فتح الطريق خلال أيام»، قال وزير النقل سامي الحداد.",
            &[("سامي الحداد", "سنعيد فتح الطريق خلال أيام", Direct)],
        ),
        (
            "وبحسب وزارة الصحة، فإن عدد الإصابات تراجع إلى النصف.",
            &[("وزارة الصحة", "عدد الإصابات تراجع إلى النصف", Indirect)],
        ),
        (
            "ووفقاً لمصادر وزارية، فإن الخطة تتضمن معملين.",
            &[("مصادر وزارية", "الخطة تتضمن معملين", Indirect)],
        ),
        (
            "ووفقا للبيان، فإن الخطة تتضمن معملين.",
            &[("البيان", "الخطة تتضمن معملين", Indirect)],
        ),
        ("وأقرت الحكومة الخطة، على أن يبدأ تنفيذها قريبا.", &[]),
        (
            // `إن X، وإن Y` is one statement: the whole reported content.
            "قال الوزير سامي الحداد إن الطريق جاهز، وإن الافتتاح سيكون في الصيف.",
            &[(
                "سامي الحداد",
                "الطريق جاهز، وإن الافتتاح سيكون في الصيف",
                Indirect,
            )],
        ),
        (
            "ونشر المتحدث باسم الوزارة أحمد فهمي تغريدة على منصة \"إكس\" قال فيها: \"الكرة الآن في ملعبهم\".",
            &[("أحمد فهمي", "الكرة الآن في ملعبهم", Direct)],
        ),
        (
            "وكان المتحدث باسم الوزارة العقيد نادر الساعدي قد قال إن الطريق آمن.",
            &[("نادر الساعدي", "الطريق آمن", Indirect)],
        ),
        (
            "وكانت الوزارة قد حذرت في 5 يناير من موسم جفاف، بعد أن انخفضت الإيرادات.",
            &[],
        ),
        (
            "قال الحداد إن الطريق جاهز.\nوأكد رئيس لجنة النقل في المجلس البلدي لمدينة البصرة الجنوبية ضرورة الإسراع.\nوأضاف: «لن نقبل أي تأخير بعد اليوم»",
            &[
                ("الحداد", "الطريق جاهز", Indirect),
                ("الحداد", "لن نقبل أي تأخير بعد اليوم", Direct),
            ],
        ),
    ];
    for (input, expected) in cases {
        check(input, expected);
    }
}

#[test]
fn one_word_names_take_the_full_name_seen_before() {
    let input = "قال وزير النقل سامي الحداد إن الطريق جاهز.\nوقال الحداد إن العمل انتهى.";
    let tokens = tokenize(input);
    let statements = find_statements(input, &tokens, "article");
    let names: Vec<String> = statements
        .iter()
        .map(|statement| statement.speaker.clone().unwrap_or_default().name)
        .collect();
    assert_eq!(
        names,
        vec!["سامي الحداد".to_string(), "سامي الحداد".to_string()]
    );
    let role = statements[1].speaker.clone().unwrap_or_default().role;
    assert_eq!(role, "وزير النقل");
}

#[test]
fn channels() {
    let input = "وفي تغريدة، قال الوزير سامي الحداد إن الطريق جاهز.\nوقال الحداد في مؤتمر صحفي إن العمل انتهى.";
    let tokens = tokenize(input);
    let statements = find_statements(input, &tokens, "article");
    let channels: Vec<Channel> = statements.iter().map(Statement::channel).collect();
    assert_eq!(channels, vec![Channel::Tweet, Channel::PressConference]);
}

#[test]
fn honorifics_continue_the_person_speaking() {
    let cases: &[StatementCase] = &[(
        "وقال رئيس اللجنة الشيخ سالم بن راشد إن الملاعب جاهزة. وأضاف سعادته أن الخطة ستنفذ قريبا.",
        &[
            ("سالم بن راشد", "الملاعب جاهزة", Indirect),
            ("سالم بن راشد", "الخطة ستنفذ قريبا", Indirect),
        ],
    )];
    for (input, expected) in cases {
        check(input, expected);
    }
}

#[test]
fn token_bytes_cut_only_spans_on_token_edges() {
    let input = "قال  الوزير: «نعم»";
    let tokens = tokenize(input);
    let text = CharText::new(input);
    // Every span from a token's start to a later token's end.
    for (first, from) in tokens.iter().enumerate() {
        for to in &tokens[first..] {
            let span = from.start..to.end;
            let bytes = token_bytes(&tokens, &span).expect("on token edges");
            assert_eq!(&input[bytes], text.slice(span));
        }
    }
    // Inside a word, in the spaces, or empty: no bytes.
    assert_eq!(token_bytes(&tokens, &(1..3)), None);
    assert_eq!(token_bytes(&tokens, &(3..4)), None);
    assert_eq!(token_bytes(&tokens, &(0..0)), None);
}
