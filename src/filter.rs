//! The meaning of the list and subscription filters, as pure predicates over
//! the generated types. Store queries and subscriptions both use these, so a
//! listing and a stream with the same filter agree. No I/O here.

use crate::excerpt::excerpt;
use crate::proto::v1::ArticleFilter;
use crate::proto::v1::{
    Article, Milestone, MilestoneFilter, Statement, StatementFilter, TimeRange,
};

/// Calendar sort key: year, month (0 when absent), day (0 when absent), so
/// that "2021" sorts before "2021-01" before "2021-01-01".
pub fn calendar_key(year: i32, month: u32, day: u32) -> [u8; 6] {
    let year = ((year as u32) ^ (1 << 31)).to_be_bytes();
    let month = u8::try_from(month).unwrap_or(u8::MAX);
    let day = u8::try_from(day).unwrap_or(u8::MAX);
    [year[0], year[1], year[2], year[3], month, day]
}

pub fn milestone_calendar_key(milestone: &Milestone) -> [u8; 6] {
    match &milestone.when {
        Some(when) => calendar_key(when.year, when.month, when.day),
        None => calendar_key(i32::MIN, 0, 0),
    }
}

/// A calendar bound parsed from an ISO-8601 partial date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CalendarBound {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

impl CalendarBound {
    /// Parses "YYYY", "YYYY-MM" or "YYYY-MM-DD": ASCII digits only, and a
    /// day that exists in its month ("2021-02-30" is refused).
    pub fn parse(text: &str) -> Result<CalendarBound, String> {
        let invalid = || {
            format!(
                "{} is not a calendar value; use YYYY, YYYY-MM or YYYY-MM-DD",
                excerpt(text)
            )
        };
        let digits = |part: &str, width: usize| {
            (part.len() == width && part.bytes().all(|b| b.is_ascii_digit()))
                .then(|| part.parse::<u32>().ok())
                .flatten()
        };
        let mut parts = text.split('-');
        let year = parts
            .next()
            .and_then(|part| digits(part, 4))
            .and_then(|year| i32::try_from(year).ok())
            .ok_or_else(invalid)?;
        let mut next_number = |range: std::ops::RangeInclusive<u32>| match parts.next() {
            Some(part) => digits(part, 2)
                .filter(|n| range.contains(n))
                .ok_or_else(invalid),
            None => Ok(0),
        };
        let month = next_number(1..=12)?;
        let day = next_number(1..=31)?;
        if parts.next().is_some() {
            return Err(invalid());
        }
        if day != 0 {
            // Four digits, 1..=12 and 1..=31: each fits its jiff type.
            let exists = jiff::civil::Date::new(year as i16, month as i8, day as i8).is_ok();
            if !exists {
                return Err(format!(
                    "{} is not a day of the calendar: {year:04}-{month:02} has no day {day}",
                    excerpt(text)
                ));
            }
        }
        Ok(CalendarBound { year, month, day })
    }

    /// The first calendar key this bound covers.
    pub fn first_key(self) -> [u8; 6] {
        calendar_key(self.year, self.month, self.day)
    }

    /// The first calendar key after every value this bound covers.
    pub fn end_key(self) -> [u8; 6] {
        match (self.month, self.day) {
            (0, _) => calendar_key(self.year.saturating_add(1), 0, 0),
            (month, 0) => calendar_key(self.year, month + 1, 0),
            (month, day) => calendar_key(self.year, month, day + 1),
        }
    }
}

/// The `when` bounds of a milestone filter, parsed once.
#[derive(Debug, Clone, Copy, Default)]
pub struct WhenBounds {
    pub from: Option<CalendarBound>,
    pub to: Option<CalendarBound>,
}

impl WhenBounds {
    /// Parses `when_from` and `when_to`; messages start with the field name.
    /// A range that nothing can fall in (`when_from` after `when_to`) is an
    /// error, not an empty listing.
    pub fn parse(filter: &MilestoneFilter) -> Result<WhenBounds, String> {
        let parse = |text: &str, name: &str| {
            if text.is_empty() {
                Ok(None)
            } else {
                CalendarBound::parse(text)
                    .map(Some)
                    .map_err(|reason| format!("{name}: {reason}"))
            }
        };
        let bounds = WhenBounds {
            from: parse(&filter.when_from, "when_from")?,
            to: parse(&filter.when_to, "when_to")?,
        };
        if let (Some(from), Some(to)) = (bounds.from, bounds.to)
            && from.first_key() >= to.end_key()
        {
            return Err(format!(
                "when_from: {} is after when_to {}; give the earlier value as when_from",
                excerpt(&filter.when_from),
                excerpt(&filter.when_to)
            ));
        }
        Ok(bounds)
    }

    pub fn contains(&self, milestone: &Milestone) -> bool {
        let key = milestone_calendar_key(milestone);
        self.from.is_none_or(|from| key >= from.first_key())
            && self.to.is_none_or(|to| key < to.end_key())
    }
}

pub fn published_seconds(article: &Article) -> i64 {
    article.published_at.as_ref().map_or(0, |t| t.seconds)
}

fn published_within(article: &Article, range: Option<&TimeRange>) -> bool {
    let Some(range) = range else { return true };
    let seconds = published_seconds(article);
    range
        .start
        .as_ref()
        .is_none_or(|start| seconds >= start.seconds)
        && range.end.as_ref().is_none_or(|end| seconds < end.seconds)
}

fn article_fields_match(
    article: &Article,
    source: &str,
    language: &str,
    published: Option<&TimeRange>,
) -> bool {
    (source.is_empty() || article.source == source)
        && (language.is_empty() || article.language == language)
        && published_within(article, published)
}

pub fn article_matches(filter: &ArticleFilter, article: &Article) -> bool {
    article_fields_match(
        article,
        &filter.source,
        &filter.language,
        filter.published.as_ref(),
    )
}

/// `speaker_key` is the normalised form of `filter.speaker` (empty for any).
pub fn statement_matches(
    filter: &StatementFilter,
    speaker_key: &str,
    statement: &Statement,
    article: &Article,
) -> bool {
    (speaker_key.is_empty()
        || statement
            .speaker
            .as_ref()
            .is_some_and(|s| s.key == speaker_key))
        && (filter.article_id.is_empty() || statement.article_id == filter.article_id)
        && article_fields_match(
            article,
            &filter.source,
            &filter.language,
            filter.published.as_ref(),
        )
}

pub fn milestone_matches(
    filter: &MilestoneFilter,
    bounds: &WhenBounds,
    milestone: &Milestone,
    article: &Article,
) -> bool {
    let relation = milestone.when.as_ref().map_or(0, |when| when.relation);
    (filter.article_id.is_empty() || milestone.article_id == filter.article_id)
        && (filter.relation == 0 || relation == filter.relation)
        && (filter.status == 0 || milestone.status == filter.status)
        && bounds.contains(milestone)
        && article_fields_match(
            article,
            &filter.source,
            &filter.language,
            filter.published.as_ref(),
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn calendar_bounds_parse_partial_dates() {
        let cases = [
            ("2021", Some((2021, 0, 0))),
            ("0001", Some((1, 0, 0))),
            ("2021-12", Some((2021, 12, 0))),
            ("2021-12-09", Some((2021, 12, 9))),
            ("2024-02-29", Some((2024, 2, 29))),
            ("2000-02-29", Some((2000, 2, 29))),
            ("2021-02-28", Some((2021, 2, 28))),
            ("2021-02-29", None),
            ("1900-02-29", None),
            ("2021-02-30", None),
            ("2021-04-31", None),
            ("2021-13", None),
            ("2021-00", None),
            ("2021-01-00", None),
            ("2021-12-32", None),
            ("2021-1", None),
            ("2021-+1", None),
            ("2021-01-+1", None),
            ("+202", None),
            ("-202", None),
            ("20211", None),
            ("21", None),
            (" 2021", None),
            ("2021 ", None),
            ("2021-", None),
            ("2021--01", None),
            ("٢٠٢١", None),
            ("2021-12-09-01", None),
            ("2021-12-09T00", None),
            ("", None),
            ("abcd", None),
        ];
        for (text, expected) in cases {
            let parsed = CalendarBound::parse(text)
                .ok()
                .map(|b| (b.year, b.month, b.day));
            assert_eq!(parsed, expected, "{text}");
        }
    }

    #[test]
    fn when_bounds_refuse_inverted_ranges() {
        let cases = [
            ("2021", "2021", true),
            ("2021-05", "2021", true),
            ("2021", "2021-05", true),
            ("2021-05-31", "2021-05", true),
            ("2021-06", "2021-05", false),
            ("2022", "2021-12-31", false),
            ("2021-05-02", "2021-05-01", false),
            ("", "2021", true),
            ("2021", "", true),
        ];
        for (from, to, ok) in cases {
            let filter = MilestoneFilter {
                when_from: from.into(),
                when_to: to.into(),
                ..MilestoneFilter::default()
            };
            let parsed = WhenBounds::parse(&filter);
            assert_eq!(parsed.is_ok(), ok, "{from}..{to}: {parsed:?}");
        }
    }

    #[test]
    fn calendar_errors_quote_a_short_excerpt() {
        let long = "9".repeat(20_000);
        let filter = MilestoneFilter {
            when_from: long,
            ..MilestoneFilter::default()
        };
        let message = WhenBounds::parse(&filter).expect_err("refused");
        assert!(message.starts_with("when_from: "), "{message}");
        assert!(message.len() < 200, "{message}");
    }

    #[test]
    fn calendar_key_orders_partial_dates_before_their_refinements() {
        let ordered = [
            calendar_key(-50, 0, 0),
            calendar_key(2020, 12, 31),
            calendar_key(2021, 0, 0),
            calendar_key(2021, 1, 0),
            calendar_key(2021, 1, 1),
            calendar_key(2021, 12, 9),
            calendar_key(2022, 0, 0),
        ];
        for pair in ordered.windows(2) {
            assert!(pair[0] < pair[1], "{pair:?}");
        }
    }

    #[test]
    fn end_keys_cover_the_whole_period() {
        let year = CalendarBound::parse("2021")
            .map(CalendarBound::end_key)
            .ok();
        assert_eq!(year, Some(calendar_key(2022, 0, 0)));
        let month = CalendarBound::parse("2021-12")
            .map(CalendarBound::end_key)
            .ok();
        assert!(month > Some(calendar_key(2021, 12, 31)));
        assert!(month < Some(calendar_key(2022, 0, 0)));
        let day = CalendarBound::parse("2021-12-09")
            .map(CalendarBound::end_key)
            .ok();
        assert_eq!(day, Some(calendar_key(2021, 12, 10)));
    }
}
