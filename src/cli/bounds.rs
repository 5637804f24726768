//! Date bounds of the list flags as the CLI defines them: every bound names a
//! period (a year, a month, a day, or an instant to the second) and includes
//! all of it. `--published-from`/`--published-to` become the half-open
//! instant range the API takes; the milestone `--from`/`--to` calendar values
//! are checked against the calendar. Mistakes are reported here with the
//! flag's name, before anything is sent. No I/O beyond parsing.

use jiff::ToSpan;
use jiff::civil::Date;
use jiff::tz::TimeZone;
use khabar::filter::CalendarBound;
use khabar::proto::v1::TimeRange;

/// A period named on the command line, as the instants [start, end).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Period {
    pub text: String,
    pub start: jiff::Timestamp,
    pub end: jiff::Timestamp,
}

fn midnight(date: Date, text: &str) -> Result<jiff::Timestamp, String> {
    date.to_zoned(TimeZone::UTC)
        .map(|zoned| zoned.timestamp())
        .map_err(|_| format!("{text:?} is outside the supported range of dates"))
}

/// Checks a calendar value against the calendar: "2021-02-30" is refused
/// with the number of days February 2021 has.
fn calendar_date(text: &str, bound: CalendarBound) -> Result<Date, String> {
    let year = i16::try_from(bound.year).map_err(|_| format!("{text:?}: year out of range"))?;
    let month = i8::try_from(bound.month.max(1)).unwrap_or(1);
    let first = Date::new(year, month, 1).map_err(|error| format!("{text:?}: {error}"))?;
    if bound.day == 0 {
        return Ok(first);
    }
    let days = first.days_in_month();
    let day = i8::try_from(bound.day).unwrap_or(i8::MAX);
    if day > days {
        return Err(format!(
            "{text:?} is not a day of the calendar: {} has {days} days",
            first.strftime("%B %Y")
        ));
    }
    Date::new(year, month, day).map_err(|error| format!("{text:?}: {error}"))
}

/// The shape of a calendar value: "YYYY", "YYYY-MM" or "YYYY-MM-DD" in
/// ASCII digits (no sign: "+202" is not a year), month 1-12, day 1-31.
/// Whether the day exists in its month is `calendar_date`'s question, so
/// that its answer can say how many days the month has.
fn calendar_bound(text: &str) -> Option<CalendarBound> {
    let mut numbers = [0u32; 3];
    let mut count = 0;
    for (position, part) in text.split('-').enumerate() {
        let width = if position == 0 { 4 } else { 2 };
        if position > 2 || part.len() != width || !part.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        numbers[position] = part.parse().ok()?;
        count += 1;
    }
    let [year, month, day] = numbers;
    let month_ok = count < 2 || (1..=12).contains(&month);
    let day_ok = count < 3 || (1..=31).contains(&day);
    (month_ok && day_ok).then_some(CalendarBound {
        year: i32::try_from(year).ok()?,
        month,
        day,
    })
}

/// Parses YYYY, YYYY-MM, YYYY-MM-DD (UTC) or an RFC 3339 instant into the
/// whole period it names; an instant names its second.
pub fn parse_period(text: &str) -> Result<Period, String> {
    if let Ok(instant) = text.parse::<jiff::Timestamp>() {
        let start = jiff::Timestamp::from_second(instant.as_second())
            .map_err(|error| format!("{text:?}: {error}"))?;
        let end = start
            .checked_add(1.second())
            .map_err(|error| format!("{text:?}: {error}"))?;
        return Ok(Period {
            text: text.to_string(),
            start: instant,
            end,
        });
    }
    let bound = calendar_bound(text).ok_or_else(|| {
        format!("{text:?} is not a date; use YYYY, YYYY-MM, YYYY-MM-DD or an RFC 3339 time")
    })?;
    let first = calendar_date(text, bound)?;
    let span = match (bound.month, bound.day) {
        (0, _) => 1.year(),
        (_, 0) => 1.month(),
        _ => 1.day(),
    };
    let next = first
        .checked_add(span)
        .map_err(|_| format!("{text:?} is outside the supported range of dates"))?;
    Ok(Period {
        text: text.to_string(),
        start: midnight(first, text)?,
        end: midnight(next, text)?,
    })
}

fn proto_timestamp(instant: jiff::Timestamp) -> pbjson_types::Timestamp {
    pbjson_types::Timestamp {
        seconds: instant.as_second(),
        nanos: instant.subsec_nanosecond(),
    }
}

/// The publication range for `--published-from FROM --published-to TO`:
/// from the start of FROM up to the end of TO, both included.
pub fn published_range(
    from: Option<&Period>,
    to: Option<&Period>,
) -> Result<Option<TimeRange>, String> {
    if let (Some(from), Some(to)) = (from, to)
        && from.start >= to.end
    {
        return Err(format!(
            "--published-from {} is after --published-to {}: no article can match; swap them",
            from.text, to.text
        ));
    }
    if from.is_none() && to.is_none() {
        return Ok(None);
    }
    Ok(Some(TimeRange {
        start: from.map(|period| proto_timestamp(period.start)),
        end: to.map(|period| proto_timestamp(period.end)),
    }))
}

/// A milestone calendar value (YYYY, YYYY-MM or YYYY-MM-DD), checked
/// against the calendar and sent as typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CalendarValue {
    pub text: String,
    pub bound: CalendarBound,
}

pub fn parse_calendar_value(text: &str) -> Result<CalendarValue, String> {
    let bound = calendar_bound(text).ok_or_else(|| {
        format!("{text:?} is not a calendar value; use YYYY, YYYY-MM or YYYY-MM-DD")
    })?;
    calendar_date(text, bound)?;
    Ok(CalendarValue {
        text: text.to_string(),
        bound,
    })
}

/// Refuses `--from` later than `--to`: both are inclusive, so `--from 2021
/// --to 2021` is the whole year and `--from 2022 --to 2021` matches nothing.
pub fn check_calendar_order(
    from: Option<&CalendarValue>,
    to: Option<&CalendarValue>,
) -> Result<(), String> {
    match (from, to) {
        (Some(from), Some(to)) if from.bound.first_key() >= to.bound.end_key() => Err(format!(
            "--from {} is after --to {}: no milestone can match; swap them",
            from.text, to.text
        )),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn instant(text: &str) -> jiff::Timestamp {
        text.parse().expect("an RFC 3339 instant")
    }

    #[test]
    fn a_period_includes_all_of_what_it_names() {
        let cases = [
            ("2021", "2021-01-01T00:00:00Z", "2022-01-01T00:00:00Z"),
            ("2021-02", "2021-02-01T00:00:00Z", "2021-03-01T00:00:00Z"),
            ("2021-12", "2021-12-01T00:00:00Z", "2022-01-01T00:00:00Z"),
            ("2021-12-12", "2021-12-12T00:00:00Z", "2021-12-13T00:00:00Z"),
            ("2021-12-31", "2021-12-31T00:00:00Z", "2022-01-01T00:00:00Z"),
            (
                "2021-12-12T10:30:00Z",
                "2021-12-12T10:30:00Z",
                "2021-12-12T10:30:01Z",
            ),
        ];
        for (text, start, end) in cases {
            let period = parse_period(text).expect(text);
            assert_eq!(period.start, instant(start), "{text}");
            assert_eq!(period.end, instant(end), "{text}");
        }
    }

    #[test]
    fn impossible_dates_are_refused_with_the_reason() {
        let error = parse_period("2021-02-30").expect_err("no such day");
        assert!(error.contains("February 2021 has 28 days"), "{error}");
        let error = parse_calendar_value("2024-02-30").expect_err("no such day");
        assert!(error.contains("February 2024 has 29 days"), "{error}");
        assert!(parse_calendar_value("2024-02-29").is_ok());
        assert!(parse_period("+202").is_err());
        assert!(parse_calendar_value("2021-13").is_err());
        assert!(parse_calendar_value("+202").is_err());
        assert!(parse_calendar_value("2021-+1").is_err());
    }

    #[test]
    fn inverted_bounds_name_the_flags() {
        let from = parse_period("2022").expect("a year");
        let to = parse_period("2021-12-31").expect("a day");
        let error = published_range(Some(&from), Some(&to)).expect_err("inverted");
        assert!(error.starts_with("--published-from 2022 is after --published-to 2021-12-31"));
        let same = parse_period("2021-12-12").expect("a day");
        assert!(published_range(Some(&same), Some(&same)).is_ok());

        let from = parse_calendar_value("2022").expect("a year");
        let to = parse_calendar_value("2021").expect("a year");
        let error = check_calendar_order(Some(&from), Some(&to)).expect_err("inverted");
        assert!(
            error.starts_with("--from 2022 is after --to 2021"),
            "{error}"
        );
        assert!(check_calendar_order(Some(&to), Some(&to)).is_ok());
    }
}
