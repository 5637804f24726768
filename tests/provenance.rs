//! For every fixture article: each statement's and milestone's span points
//! at exactly the text that was extracted, ids are unique, and the result
//! serialises to the JSON the evaluation reads.

use khabar::extract::{ExtractOptions, extract};
use khabar::proto::v1::{Extraction, Span};
use std::collections::HashSet;
use std::path::{Path, PathBuf};

fn fixtures() -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut pending = vec![Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")];
    while let Some(directory) = pending.pop() {
        for entry in std::fs::read_dir(&directory)
            .expect("fixture directory")
            .flatten()
        {
            let path = entry.path();
            if path.is_dir() {
                pending.push(path);
            } else if path.extension().is_some_and(|e| e == "txt") {
                found.push(path);
            }
        }
    }
    found.sort();
    found
}

fn spanned(body: &str, span: Option<&Span>) -> String {
    let span = span.copied().unwrap_or_default();
    body.chars()
        .skip(span.start as usize)
        .take(span.end.saturating_sub(span.start) as usize)
        .collect()
}

fn check_extraction(path: &Path, extraction: &Extraction, ids: &mut HashSet<String>) {
    let article = extraction.article.as_ref().expect("article");
    assert!(
        ids.insert(article.id.clone()),
        "{}: duplicate article id",
        path.display()
    );
    for statement in &extraction.statements {
        assert_eq!(statement.article_id, article.id);
        assert!(
            ids.insert(statement.id.clone()),
            "{}: duplicate id {}",
            path.display(),
            statement.id
        );
        assert_eq!(
            spanned(&article.body, statement.span.as_ref()),
            statement.text,
            "{}: statement span",
            path.display()
        );
    }
    for milestone in &extraction.milestones {
        assert_eq!(milestone.article_id, article.id);
        assert!(
            ids.insert(milestone.id.clone()),
            "{}: duplicate id {}",
            path.display(),
            milestone.id
        );
        assert_eq!(
            spanned(&article.body, milestone.span.as_ref()),
            milestone.expression,
            "{}: milestone span",
            path.display()
        );
    }
    for related in &extraction.related {
        let related_article = related.article.as_ref().expect("related article");
        assert_eq!(related_article.embedded_in, article.id);
        assert!(article.embedded_ids.contains(&related_article.id));
        check_extraction(path, related, ids);
    }
}

#[test]
fn spans_point_at_what_was_extracted_in_every_fixture() {
    let paths = fixtures();
    assert!(paths.len() >= 2, "fixtures are present");
    let options = ExtractOptions {
        published_on: "2024-05-20".parse().ok(),
        fallback_date: jiff::civil::date(2024, 5, 20),
    };
    let mut extracted_something = false;
    for path in paths {
        let text = std::fs::read_to_string(&path).expect("fixture text");
        let extraction = extract(&text, &options);
        extracted_something |=
            !extraction.milestones.is_empty() || !extraction.statements.is_empty();
        check_extraction(&path, &extraction, &mut HashSet::new());
        let json = serde_json::to_value(&extraction).expect("serialises");
        assert!(json.get("article").is_some(), "JSON has the article");
    }
    assert!(extracted_something);
}
