//! Table-driven tests of origin lines (invented lines).

use super::*;

fn origin(dateline: &str, source: &str) -> Option<Origin> {
    Some(Origin {
        dateline: dateline.to_string(),
        source: source.to_string(),
    })
}

#[test]
fn origin_lines_under_the_headline() {
    let cases: &[(&str, Option<Origin>)] = &[
        // A place and an exclusive or desk label: the dateline alone.
        ("سوسة (خاص)", origin("سوسة", "")),
        ("وادي حلفا (حصري)", origin("وادي حلفا", "")),
        ("الموصل (متابعات)", origin("الموصل", "")),
        ("خاص - الموصل", origin("الموصل", "")),
        // An outlet that says so, then a place.
        ("العالم نيوز - بغداد", origin("بغداد", "العالم نيوز")),
        ("الخليج أونلاين - الدوحة", origin("الدوحة", "الخليج أونلاين")),
        ("النهار تي في - الجزائر", origin("الجزائر", "النهار تي في")),
        ("صحيفة الصباح - تونس", origin("تونس", "صحيفة الصباح")),
        (
            "وكالة الأنباء الليبية - بنغازي",
            origin("بنغازي", "وكالة الأنباء الليبية"),
        ),
        // One word, or a name opened by the article, before a known place
        // (a reporter's name of two or three words opens without it).
        ("الوسط - المنامة", origin("المنامة", "الوسط")),
        ("هسبريس - الرباط", origin("الرباط", "هسبريس")),
        ("القدس العربي - لندن", origin("لندن", "القدس العربي")),
        ("الشرق الأوسط - الرياض", origin("الرياض", "الشرق الأوسط")),
        // A well-known outlet before a place the engine does not know.
        ("الجزيرة - خان شيخون", origin("خان شيخون", "الجزيرة")),
        (
            "المصري اليوم - بني سويف",
            origin("بني سويف", "المصري اليوم"),
        ),
        // A source label with a dash.
        ("المصدر - وكالات", origin("", "وكالات")),
        ("المصدر - موقع الحدث", origin("", "موقع الحدث")),
        // A desk label alone gives nothing, and leaves the page.
        ("متابعات", origin("", "")),
    ];
    for (line, expected) in cases {
        assert_eq!(origin_line(line, true), *expected, "{line}");
    }
}

#[test]
fn other_lines_are_no_origin() {
    let cases: &[&str] = &[
        // A reporter's name and a place: a byline.
        "سامي العطار - بيروت",
        "ليلى بن عمر - تونس",
        // A place first: the dateline readers take it.
        "القاهرة - الشروق",
        "بغداد - متابعات",
        // Labels are no outlet, and no place.
        "خاص - كتب",
        "عاجل - الخرطوم",
        "فيديو - بيروت",
        "العالم نيوز - تقرير مصور",
        // Not a label in the parentheses: a caption or a sentence.
        "سوسة (أرشيف)",
        "ارتفعت الأسعار في الأسواق (تقرير)",
        // A headline with a dash.
        "الحكومة تقر الموازنة - البرلمان يعترض",
        "المصدر - إن الوزارة، وفق ما قالت، لم تعلن شيئا بعد",
    ];
    for line in cases {
        assert_eq!(origin_line(line, true), None, "{line}");
    }
    // Over the headline an outlet line is not read.
    assert_eq!(origin_line("العالم نيوز - بغداد", false), None);
}

const PARAGRAPH: &str =
    "افتتحت البلدية صباح اليوم سوقا جديدا للخضار والفواكه في الحي الشرقي بعد أشهر من الأشغال.";

fn host(head: &str, first: &str) -> super::super::structure::Layout {
    let page =
        format!("البلدية تفتح سوقا جديدا للخضار في الحي الشرقي\n\n{head}\n\n{first}{PARAGRAPH}\n");
    super::super::structure::read_page(&page).host
}

#[test]
fn origin_lines_on_a_page() {
    // (line under the headline, opening of the first paragraph, dateline, source)
    let cases: &[(&str, &str, &str, &str)] = &[
        ("سوسة (خاص)", "", "سوسة", ""),
        ("العالم نيوز - بغداد", "", "بغداد", "العالم نيوز"),
        // The source line names the source, the paragraph's opening the place.
        ("المصدر - وكالات", "بنزرت - ", "بنزرت", "وكالات"),
        // A desk label or an exclusive is no source, however it is printed.
        ("متابعات", "", "", ""),
        ("سوسة - متابعات", "", "سوسة", ""),
        ("", "سوسة (خاص) - ", "سوسة", ""),
        ("", "سوسة (متابعات) - ", "سوسة", ""),
        ("", "متابعات - ", "", ""),
        ("خاص - سوسة", "", "سوسة", ""),
    ];
    for (head, first, dateline, source) in cases {
        let host = host(head, first);
        assert_eq!(
            (host.dateline.as_str(), host.source.as_str()),
            (*dateline, *source),
            "{head}"
        );
        assert!(host.body.starts_with("افتتحت"), "{head}: {}", host.body);
    }
}

#[test]
fn closing_credits() {
    let cases: &[(&str, Option<&str>)] = &[
        ("(وكالات)", Some("وكالات")),
        ("( رويترز )", Some("رويترز")),
        ("المصدر - وكالات", Some("وكالات")),
        // A word in parentheses that is no agency, and a sentence.
        ("(تصوير)", None),
        ("(انتهى)", None),
        ("وقال الوزير إن الخطة ستبدأ قريبا (وكالات)", None),
    ];
    for (line, expected) in cases {
        assert_eq!(closing_credit(line).as_deref(), *expected, "{line}");
    }
}

#[test]
fn a_closing_credit_line_names_the_source() {
    let page = format!(
        "البلدية تفتح سوقا جديدا للخضار في الحي الشرقي\n\nسوسة - متابعات\n\n{PARAGRAPH}\n\n(وكالات)\n\nطباعة | حجم الخط\n"
    );
    let host = super::super::structure::read_page(&page).host;
    assert_eq!(
        (host.dateline.as_str(), host.source.as_str()),
        ("سوسة", "وكالات")
    );
    assert!(!host.body.contains("وكالات"), "{}", host.body);
}
