//! Terminal output for the client subcommands: aligned tables for people,
//! JSON (the proto3 JSON mapping) for machines.

use super::CliResult;
use khabar::proto::v1::{Article, Milestone, MilestoneStatus, Part, Relation, Statement};

pub fn print_json<T: serde::Serialize>(value: &T) -> CliResult<()> {
    println!("{}", serde_json::to_string(value)?);
    Ok(())
}

/// Prints rows as columns padded to the widest cell (counted in characters).
pub fn print_table(header: &[&str], rows: &[Vec<String>]) {
    let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
    for row in rows {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(cell.chars().count());
        }
    }
    let line = |cells: Vec<String>| {
        let padded: Vec<String> = cells
            .iter()
            .zip(&widths)
            .map(|(cell, width)| format!("{cell}{}", " ".repeat(width - cell.chars().count())))
            .collect();
        println!("{}", padded.join("  ").trim_end());
    };
    line(header.iter().map(|h| h.to_string()).collect());
    for row in rows {
        line(row.clone());
    }
}

/// At most `limit` characters of `text` on one line.
pub fn clip(text: &str, limit: usize) -> String {
    let flat: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= limit {
        flat
    } else {
        let mut clipped: String = flat.chars().take(limit.saturating_sub(1)).collect();
        clipped.push('…');
        clipped
    }
}

fn date(timestamp: Option<&pbjson_types::Timestamp>) -> String {
    timestamp
        .and_then(|t| jiff::Timestamp::new(t.seconds, t.nanos).ok())
        .map_or_else(String::new, |t| t.strftime("%Y-%m-%d").to_string())
}

pub fn article_rows(articles: &[Article]) -> Vec<Vec<String>> {
    articles
        .iter()
        .map(|a| {
            vec![
                a.id.clone(),
                date(a.published_at.as_ref()),
                a.source.clone(),
                a.language.clone(),
                clip(&a.title, 60),
            ]
        })
        .collect()
}

pub const ARTICLE_HEADER: &[&str] = &["ID", "PUBLISHED", "SOURCE", "LANG", "TITLE"];

pub fn statement_rows(statements: &[Statement]) -> Vec<Vec<String>> {
    statements
        .iter()
        .map(|s| {
            let speaker = s
                .speaker
                .as_ref()
                .map_or_else(String::new, |sp| sp.name.clone());
            vec![s.id.clone(), clip(&speaker, 30), clip(&s.text, 70)]
        })
        .collect()
}

pub const STATEMENT_HEADER: &[&str] = &["ID", "SPEAKER", "TEXT"];

fn enum_name(name: &str, prefix: &str) -> String {
    let short = name.trim_start_matches(prefix);
    if short == "UNSPECIFIED" {
        String::new()
    } else {
        short.to_string()
    }
}

pub fn milestone_rows(milestones: &[Milestone]) -> Vec<Vec<String>> {
    milestones
        .iter()
        .map(|m| {
            let when = m.when.clone().unwrap_or_default();
            let relation = Relation::try_from(when.relation)
                .map(|r| r.as_str_name())
                .unwrap_or("");
            let part = Part::try_from(when.part)
                .map(|p| p.as_str_name())
                .unwrap_or("");
            let status = MilestoneStatus::try_from(m.status)
                .map(|s| s.as_str_name())
                .unwrap_or("");
            vec![
                when.value,
                enum_name(relation, "RELATION_"),
                enum_name(part, "PART_"),
                enum_name(status, "MILESTONE_STATUS_"),
                clip(&m.expression, 30),
                clip(&m.event, 60),
                m.id.clone(),
            ]
        })
        .collect()
}

pub const MILESTONE_HEADER: &[&str] = &[
    "WHEN",
    "RELATION",
    "PART",
    "STATUS",
    "EXPRESSION",
    "EVENT",
    "ID",
];
