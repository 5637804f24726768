//! Checks on list and subscription filters, shared by the list calls and
//! `Subscribe` so that a filter is refused (or accepted) the same way by
//! both. `name` is the field path the caller used ("filter",
//! "milestones"...), so messages name the exact field to fix. Pure
//! functions; what a filter *means* lives in `crate::filter`.

use super::{MAX_ID_BYTES, ServiceError, ServiceResult, language, time_range};
use crate::excerpt::excerpt;
use crate::filter::WhenBounds;
use crate::proto::v1::{
    ArticleFilter, MilestoneFilter, MilestoneStatus, Relation, StatementFilter,
};

/// Longest source or speaker a filter may name.
const MAX_FILTER_TEXT_BYTES: usize = 1024;

fn text(field: &str, value: &str, max_bytes: usize) -> ServiceResult<()> {
    if value.len() <= max_bytes {
        return Ok(());
    }
    Err(ServiceError::invalid(format!(
        "{field} is {} bytes, over the limit of {max_bytes}: {}",
        value.len(),
        excerpt(value)
    )))
}

/// 0 (any) or a value the enum defines; `name_of` gives a value's name.
fn enum_value(
    field: &str,
    value: i32,
    name_of: fn(i32) -> Option<&'static str>,
) -> ServiceResult<()> {
    if value == 0 || name_of(value).is_some() {
        return Ok(());
    }
    let known: Vec<&str> = (1..64).filter_map(name_of).collect();
    Err(ServiceError::invalid(format!(
        "{field} is {value}, which is not a known value; use one of {} or leave it unset for any",
        known.join(", ")
    )))
}

fn relation_name(value: i32) -> Option<&'static str> {
    Relation::try_from(value).ok().map(|r| r.as_str_name())
}

fn status_name(value: i32) -> Option<&'static str> {
    MilestoneStatus::try_from(value)
        .ok()
        .map(|s| s.as_str_name())
}

/// Fields every filter has: source, language, publication range.
fn article_fields(
    name: &str,
    source: &str,
    language_tag: &str,
    published: Option<&crate::proto::v1::TimeRange>,
) -> ServiceResult<()> {
    text(&format!("{name}.source"), source, MAX_FILTER_TEXT_BYTES)?;
    language(&format!("{name}.language"), language_tag)?;
    time_range(&format!("{name}.published"), published)
}

pub fn article_filter(name: &str, filter: &ArticleFilter) -> ServiceResult<()> {
    article_fields(
        name,
        &filter.source,
        &filter.language,
        filter.published.as_ref(),
    )
}

pub fn statement_filter(name: &str, filter: &StatementFilter) -> ServiceResult<()> {
    text(
        &format!("{name}.speaker"),
        &filter.speaker,
        MAX_FILTER_TEXT_BYTES,
    )?;
    text(
        &format!("{name}.article_id"),
        &filter.article_id,
        MAX_ID_BYTES,
    )?;
    article_fields(
        name,
        &filter.source,
        &filter.language,
        filter.published.as_ref(),
    )
}

/// Also returns the parsed `when` bounds.
pub fn milestone_filter(name: &str, filter: &MilestoneFilter) -> ServiceResult<WhenBounds> {
    text(
        &format!("{name}.article_id"),
        &filter.article_id,
        MAX_ID_BYTES,
    )?;
    article_fields(
        name,
        &filter.source,
        &filter.language,
        filter.published.as_ref(),
    )?;
    enum_value(&format!("{name}.relation"), filter.relation, relation_name)?;
    enum_value(&format!("{name}.status"), filter.status, status_name)?;
    WhenBounds::parse(filter).map_err(|reason| ServiceError::invalid(format!("{name}.{reason}")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::proto::v1::TimeRange;

    fn at(seconds: i64, nanos: i32) -> Option<pbjson_types::Timestamp> {
        Some(pbjson_types::Timestamp { seconds, nanos })
    }

    fn published(
        start: Option<pbjson_types::Timestamp>,
        end: Option<pbjson_types::Timestamp>,
    ) -> Option<TimeRange> {
        Some(TimeRange { start, end })
    }

    /// `field` None: the filter is valid; Some: the error names that field
    /// first and stays short.
    fn check<T: std::fmt::Debug>(outcome: ServiceResult<T>, field: Option<&str>, case: &str) {
        match (field, outcome) {
            (None, Ok(_)) => {}
            (Some(field), Err(ServiceError::InvalidArgument(message))) => {
                assert!(message.starts_with(field), "{field}: {message}");
                assert!(message.len() < 400, "{message}");
            }
            (field, outcome) => panic!("{case}: expected {field:?}, got {outcome:?}"),
        }
    }

    /// Each case: a filter, and the field its error must name (None: valid).
    #[test]
    fn milestone_filters_are_checked_field_by_field() {
        let base = MilestoneFilter::default;
        let cases: Vec<(MilestoneFilter, Option<&str>)> = vec![
            (base(), None),
            (
                MilestoneFilter {
                    relation: Relation::By as i32,
                    status: MilestoneStatus::Due as i32,
                    ..base()
                },
                None,
            ),
            (
                MilestoneFilter {
                    when_from: "2021-01".into(),
                    when_to: "2021-12-31".into(),
                    ..base()
                },
                None,
            ),
            (
                MilestoneFilter {
                    relation: 99,
                    ..base()
                },
                Some("filter.relation"),
            ),
            (
                MilestoneFilter {
                    relation: -1,
                    ..base()
                },
                Some("filter.relation"),
            ),
            (
                MilestoneFilter {
                    status: 7,
                    ..base()
                },
                Some("filter.status"),
            ),
            (
                MilestoneFilter {
                    when_from: "2021-02-30".into(),
                    ..base()
                },
                Some("filter.when_from"),
            ),
            (
                MilestoneFilter {
                    when_to: "+202".into(),
                    ..base()
                },
                Some("filter.when_to"),
            ),
            (
                MilestoneFilter {
                    when_from: "2022".into(),
                    when_to: "2021".into(),
                    ..base()
                },
                Some("filter.when_from"),
            ),
            (
                MilestoneFilter {
                    article_id: "a".repeat(300),
                    ..base()
                },
                Some("filter.article_id"),
            ),
            (
                MilestoneFilter {
                    source: "s".repeat(20_000),
                    ..base()
                },
                Some("filter.source"),
            ),
            (
                MilestoneFilter {
                    language: "l".repeat(20_000),
                    ..base()
                },
                Some("filter.language"),
            ),
            (
                MilestoneFilter {
                    language: "a r".into(),
                    ..base()
                },
                Some("filter.language"),
            ),
            (
                MilestoneFilter {
                    published: published(at(-62_135_596_801, 0), None),
                    ..base()
                },
                Some("filter.published.start"),
            ),
            (
                MilestoneFilter {
                    published: published(None, at(0, 1_000_000_000)),
                    ..base()
                },
                Some("filter.published.end"),
            ),
            (
                MilestoneFilter {
                    published: published(at(10, 0), at(5, 0)),
                    ..base()
                },
                Some("filter.published.start"),
            ),
        ];
        for (filter, field) in cases {
            check(
                milestone_filter("filter", &filter),
                field,
                &format!("{filter:?}"),
            );
        }
    }

    #[test]
    fn statement_and_article_filters_are_checked() {
        let long = "x".repeat(20_000);
        let statement_cases: Vec<(StatementFilter, Option<&str>)> = vec![
            (
                StatementFilter {
                    speaker: "وزير المالية".into(),
                    ..Default::default()
                },
                None,
            ),
            (
                StatementFilter {
                    speaker: long.clone(),
                    ..Default::default()
                },
                Some("statements.speaker"),
            ),
            (
                StatementFilter {
                    article_id: long.clone(),
                    ..Default::default()
                },
                Some("statements.article_id"),
            ),
            (
                StatementFilter {
                    published: published(at(0, -1), None),
                    ..Default::default()
                },
                Some("statements.published.start"),
            ),
        ];
        for (filter, field) in statement_cases {
            check(
                statement_filter("statements", &filter),
                field,
                &format!("{filter:?}"),
            );
        }
        let article_cases: Vec<(ArticleFilter, Option<&str>)> = vec![
            (
                ArticleFilter {
                    source: "وكالة".into(),
                    language: "ar".into(),
                    ..Default::default()
                },
                None,
            ),
            (
                ArticleFilter {
                    source: long.clone(),
                    ..Default::default()
                },
                Some("articles.source"),
            ),
            (
                ArticleFilter {
                    published: published(at(253_402_300_800, 0), None),
                    ..Default::default()
                },
                Some("articles.published.start"),
            ),
        ];
        for (filter, field) in article_cases {
            check(
                article_filter("articles", &filter),
                field,
                &format!("{filter:?}"),
            );
        }
    }
}
