//! Whole-article tests on invented fixture pages in
//! `tests/fixtures/extract/`: each `NAME.txt` is extracted and compared with
//! `NAME.expected.json` (title, outlet, dateline, statements with speaker
//! and role, milestones with part and relation, related sections), and every
//! span is checked against the body. The pages are invented; they must not
//! copy the seed corpus.

use super::robustness_tests::check_spans;
use super::*;
use serde_json::Value;

const FIXTURES: &[(&str, &str, &str)] = &[
    (
        "port_reopening",
        include_str!("../../tests/fixtures/extract/port_reopening.txt"),
        include_str!("../../tests/fixtures/extract/port_reopening.expected.json"),
    ),
    (
        "border_crossing",
        include_str!("../../tests/fixtures/extract/border_crossing.txt"),
        include_str!("../../tests/fixtures/extract/border_crossing.expected.json"),
    ),
    (
        "election_talks",
        include_str!("../../tests/fixtures/extract/election_talks.txt"),
        include_str!("../../tests/fixtures/extract/election_talks.expected.json"),
    ),
    (
        "water_agreement",
        include_str!("../../tests/fixtures/extract/water_agreement.txt"),
        include_str!("../../tests/fixtures/extract/water_agreement.expected.json"),
    ),
];

fn text(value: &Value) -> String {
    value.as_str().unwrap_or_default().to_string()
}

/// The comparable parts of an extraction, in the shape of the expected file.
fn summary(extraction: &Extraction) -> Value {
    let article = extraction.article.clone().unwrap_or_default();
    let statements: Vec<Value> = extraction
        .statements
        .iter()
        .map(|statement| {
            let speaker = statement.speaker.clone().unwrap_or_default();
            serde_json::json!([speaker.name, speaker.role, statement.text])
        })
        .collect();
    let milestones: Vec<Value> = extraction
        .milestones
        .iter()
        .map(|milestone| {
            let when = milestone.when.clone().unwrap_or_default();
            serde_json::json!([
                when.value,
                when.part().as_str_name(),
                when.relation().as_str_name(),
                milestone.expression
            ])
        })
        .collect();
    let related: Vec<Value> = extraction.related.iter().map(summary).collect();
    serde_json::json!({
        "title": article.title,
        "source": article.source,
        "dateline": article.dateline,
        "statements": statements,
        "milestones": milestones,
        "related": related,
    })
}

/// Drops the keys of `expected` that are not part of the summary.
fn comparable(expected: &Value) -> Value {
    let mut value = expected.clone();
    if let Some(object) = value.as_object_mut() {
        object.remove("published_at");
        object.remove("body_must_not_contain");
        if let Some(Value::Array(related)) = object.get_mut("related") {
            for section in related.iter_mut() {
                *section = comparable(section);
            }
        }
    }
    value
}

#[test]
fn fixtures_match_their_expected_extraction() {
    for (name, page, expected) in FIXTURES {
        let expected: Value = serde_json::from_str(expected).unwrap_or_default();
        let published_on = text(&expected["published_at"]).parse().ok();
        let options = ExtractOptions {
            published_on,
            fallback_date: jiff::civil::date(2000, 1, 1),
        };
        let extraction = extract(page, &options);
        check_spans(&extraction);
        assert_eq!(
            summary(&extraction),
            comparable(&expected),
            "fixture {name}"
        );

        let host = extraction.article.clone().unwrap_or_default();
        assert_eq!(host.id, content_id(page));
        let mut bodies = vec![host.body.clone()];
        for related in &extraction.related {
            let article = related.article.clone().unwrap_or_default();
            assert_eq!(article.embedded_in, host.id, "fixture {name}");
            assert!(host.embedded_ids.contains(&article.id), "fixture {name}");
            assert_ne!(article.id, host.id);
            bodies.push(article.body);
        }
        for banned in expected["body_must_not_contain"]
            .as_array()
            .into_iter()
            .flatten()
        {
            let banned = text(banned);
            assert!(
                bodies.iter().all(|body| !body.contains(&banned)),
                "fixture {name}: body has {banned:?}"
            );
        }
        for statement in extraction
            .statements
            .iter()
            .chain(extraction.related.iter().flat_map(|r| r.statements.iter()))
        {
            let speaker = statement.speaker.clone().unwrap_or_default();
            assert_eq!(speaker.key, speaker_key(&speaker.name));
        }
    }
}

#[test]
fn ids_are_deterministic_and_distinct() {
    let (_, page, _) = FIXTURES[0];
    let options = ExtractOptions {
        published_on: None,
        fallback_date: jiff::civil::date(2023, 7, 16),
    };
    let first = extract(page, &options);
    let second = extract(page, &options);
    assert_eq!(first, second);
    let mut ids: Vec<&str> = first.statements.iter().map(|s| s.id.as_str()).collect();
    ids.extend(first.milestones.iter().map(|m| m.id.as_str()));
    let count = ids.len();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), count);
    let article = first.article.clone().unwrap_or_default();
    assert_eq!(article.published_at_source(), PublishedAtSource::IngestTime);
}

#[test]
fn a_date_line_in_the_text_is_used_when_no_date_is_given() {
    let page =
        "خبر عن الطريق الجديد\n\nالأحد 16 يوليو 2023\n\nقال الوزير سامي الحداد امس إن الطريق جاهز.";
    let options = ExtractOptions {
        published_on: None,
        fallback_date: jiff::civil::date(2030, 1, 1),
    };
    let extraction = extract(page, &options);
    let article = extraction.article.clone().unwrap_or_default();
    assert_eq!(article.published_at_source(), PublishedAtSource::FromText);
    assert_eq!(
        article.published_at,
        Some(date_to_timestamp(jiff::civil::date(2023, 7, 16)))
    );
    let values: Vec<String> = extraction
        .milestones
        .iter()
        .map(|m| m.when.clone().unwrap_or_default().value)
        .collect();
    assert_eq!(values, vec!["2023-07-15".to_string()]);
}

#[test]
fn speaker_keys_fold_letters() {
    let cases = [
        ("رائد الأنصاري", "رايد الانصاري"),
        ("مُرْتَضى  الورداني", "مرتضي الورداني"),
        ("رئاسة الجمهورية", "رياسه الجمهوريه"),
        ("«البيان»", "البيان"),
        ("", ""),
    ];
    for (name, key) in cases {
        assert_eq!(speaker_key(name), key, "key of {name:?}");
    }
}
