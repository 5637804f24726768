//! Request validation: every check on caller input that does not need the
//! store, each with a message that says what to change. Pure functions.

mod filters;

pub use filters::{article_filter, milestone_filter, statement_filter};

use super::error::{ServiceError, ServiceResult};
use crate::excerpt::excerpt;
use crate::proto::v1::{IngestArticleRequest, TimeRange};
use std::time::Duration;

pub const DEFAULT_PAGE_SIZE: usize = 50;
pub const MAX_PAGE_SIZE: usize = 1000;
const MAX_ID_BYTES: usize = 256;
const MAX_URL_BYTES: usize = 4096;
const MAX_LANGUAGE_BYTES: usize = 35;
const MAX_LABELS: usize = 64;
const MAX_LABEL_KEY_BYTES: usize = 128;
const MAX_LABEL_VALUE_BYTES: usize = 1024;
/// How far ahead of the server clock a publication time may lie.
const MAX_FUTURE_SKEW_SECONDS: i64 = 24 * 3600;
pub const MIN_HEARTBEAT: Duration = Duration::from_millis(100);
pub const MAX_HEARTBEAT: Duration = Duration::from_secs(3600);

/// AIP-158 page size: 0 means the default, larger than the maximum is
/// lowered to it, negative is an error.
pub fn page_size(requested: i32) -> ServiceResult<usize> {
    match requested {
        size if size < 0 => Err(ServiceError::invalid(format!(
            "page_size must not be negative (got {size}); use 0 for the default of {DEFAULT_PAGE_SIZE}"
        ))),
        0 => Ok(DEFAULT_PAGE_SIZE),
        size => Ok((size as usize).min(MAX_PAGE_SIZE)),
    }
}

pub fn id(kind: &str, id: &str) -> ServiceResult<()> {
    if id.trim().is_empty() {
        return Err(ServiceError::invalid(format!("{kind} id is empty")));
    }
    if id.len() > MAX_ID_BYTES {
        return Err(ServiceError::invalid(format!(
            "{kind} id is longer than {MAX_ID_BYTES} bytes"
        )));
    }
    Ok(())
}

/// 0001-01-01T00:00:00Z and 9999-12-31T23:59:59Z: the range of
/// `google.protobuf.Timestamp`.
const MIN_TIMESTAMP_SECONDS: i64 = -62_135_596_800;
const MAX_TIMESTAMP_SECONDS: i64 = 253_402_300_799;
/// ±10,000 years: the range of `google.protobuf.Duration`.
const MAX_DURATION_SECONDS: i64 = 315_576_000_000;
const MAX_NANOS: i32 = 999_999_999;

/// A well-formed protobuf timestamp: from year 1 to year 9999, nanos in
/// 0..=999,999,999 (instants before 1970 borrow from the seconds).
fn timestamp(name: &str, value: &pbjson_types::Timestamp) -> ServiceResult<()> {
    if !(0..=MAX_NANOS).contains(&value.nanos) {
        return Err(ServiceError::invalid(format!(
            "{name}.nanos is {}; it must be from 0 to {MAX_NANOS} (instants before 1970 count down in seconds, not in nanos)",
            value.nanos
        )));
    }
    if !(MIN_TIMESTAMP_SECONDS..=MAX_TIMESTAMP_SECONDS).contains(&value.seconds) {
        return Err(ServiceError::invalid(format!(
            "{name}.seconds is {}, outside the timestamp range 0001-01-01T00:00:00Z to 9999-12-31T23:59:59Z ({MIN_TIMESTAMP_SECONDS} to {MAX_TIMESTAMP_SECONDS})",
            value.seconds
        )));
    }
    Ok(())
}

/// RFC 3339 for a valid timestamp (raw seconds for the last hours of year
/// 9999, which jiff does not represent).
fn display(value: &pbjson_types::Timestamp) -> String {
    jiff::Timestamp::new(value.seconds, value.nanos)
        .map_or_else(|_| format!("{} seconds", value.seconds), |t| t.to_string())
}

/// A well-formed protobuf duration: seconds within ±10,000 years, nanos
/// within ±999,999,999 and of the same sign as the seconds.
fn duration(name: &str, value: &pbjson_types::Duration) -> ServiceResult<()> {
    if !(-MAX_NANOS..=MAX_NANOS).contains(&value.nanos) {
        return Err(ServiceError::invalid(format!(
            "{name}.nanos is {}; it must be within ±{MAX_NANOS} (put whole seconds in {name}.seconds)",
            value.nanos
        )));
    }
    if value.seconds != 0 && value.nanos != 0 && (value.seconds < 0) != (value.nanos < 0) {
        return Err(ServiceError::invalid(format!(
            "{name} has seconds {} and nanos {}; both must have the same sign",
            value.seconds, value.nanos
        )));
    }
    if !(-MAX_DURATION_SECONDS..=MAX_DURATION_SECONDS).contains(&value.seconds) {
        return Err(ServiceError::invalid(format!(
            "{name}.seconds is {}, outside the duration range of ±{MAX_DURATION_SECONDS}",
            value.seconds
        )));
    }
    Ok(())
}

/// A publication range: valid timestamps, start not after end.
fn time_range(name: &str, range: Option<&TimeRange>) -> ServiceResult<()> {
    let Some(range) = range else { return Ok(()) };
    if let Some(start) = &range.start {
        timestamp(&format!("{name}.start"), start)?;
    }
    if let Some(end) = &range.end {
        timestamp(&format!("{name}.end"), end)?;
    }
    if let (Some(start), Some(end)) = (&range.start, &range.end)
        && (start.seconds, start.nanos) > (end.seconds, end.nanos)
    {
        return Err(ServiceError::invalid(format!(
            "{name}.start ({}) is after {name}.end ({}); give the earlier instant as start",
            display(start),
            display(end)
        )));
    }
    Ok(())
}

/// An empty value or a BCP-47 language tag (letters, digits, hyphens).
fn language(name: &str, value: &str) -> ServiceResult<()> {
    let tag_like = value.len() <= MAX_LANGUAGE_BYTES
        && value.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
    if tag_like {
        return Ok(());
    }
    Err(ServiceError::invalid(format!(
        "{name} {} is not a BCP-47 tag such as \"ar\" or \"en-GB\"",
        excerpt(value)
    )))
}

/// Checks an ingest request against the limits; returns the publication
/// time the caller gave, if any.
pub fn ingest_request(
    request: &IngestArticleRequest,
    max_article_bytes: usize,
    now: jiff::Timestamp,
) -> ServiceResult<Option<jiff::Timestamp>> {
    if request.text.trim().is_empty() {
        return Err(ServiceError::invalid(
            "text is empty; put the article's text in the `text` field",
        ));
    }
    if request.text.len() > max_article_bytes {
        return Err(ServiceError::invalid(format!(
            "text is {} bytes, over the limit of {max_article_bytes} bytes; split the article or raise the server's max_article_bytes",
            request.text.len()
        )));
    }
    if request.url.len() > MAX_URL_BYTES || request.url.chars().any(char::is_whitespace) {
        return Err(ServiceError::invalid(format!(
            "url must be at most {MAX_URL_BYTES} bytes with no whitespace"
        )));
    }
    if request.request_id.len() > MAX_ID_BYTES {
        return Err(ServiceError::invalid(format!(
            "request_id is longer than {MAX_ID_BYTES} bytes"
        )));
    }
    if request.source.chars().count() > 200 {
        return Err(ServiceError::invalid(
            "source is longer than 200 characters",
        ));
    }
    language("language", &request.language)?;
    if request.labels.len() > MAX_LABELS {
        return Err(ServiceError::invalid(format!(
            "{} labels given; at most {MAX_LABELS} are allowed",
            request.labels.len()
        )));
    }
    for (key, value) in &request.labels {
        if key.is_empty() || key.len() > MAX_LABEL_KEY_BYTES || value.len() > MAX_LABEL_VALUE_BYTES
        {
            return Err(ServiceError::invalid(format!(
                "label {}: keys must be 1..={MAX_LABEL_KEY_BYTES} bytes and values at most {MAX_LABEL_VALUE_BYTES} bytes",
                excerpt(key)
            )));
        }
    }
    let Some(published_at) = &request.published_at else {
        return Ok(None);
    };
    timestamp("published_at", published_at)?;
    // Only the last hours of year 9999 lie beyond jiff: far in the future.
    let published_at = jiff::Timestamp::new(published_at.seconds, published_at.nanos)
        .unwrap_or(jiff::Timestamp::MAX);
    if published_at.as_second() > now.as_second() + MAX_FUTURE_SKEW_SECONDS {
        return Err(ServiceError::invalid(format!(
            "published_at {published_at} is in the future (server time {now}); send the time the article was published"
        )));
    }
    Ok(Some(published_at))
}

pub fn heartbeat(
    requested: Option<&pbjson_types::Duration>,
    default: Duration,
) -> ServiceResult<Duration> {
    let Some(requested) = requested else {
        return Ok(default);
    };
    if requested.seconds == 0 && requested.nanos == 0 {
        return Ok(default);
    }
    duration("heartbeat_interval", requested)?;
    let out_of_range = || {
        ServiceError::invalid(format!(
            "heartbeat_interval must lie between {MIN_HEARTBEAT:?} and {MAX_HEARTBEAT:?}"
        ))
    };
    let seconds = u64::try_from(requested.seconds).map_err(|_| out_of_range())?;
    let nanos = u32::try_from(requested.nanos).map_err(|_| out_of_range())?;
    let interval = Duration::new(seconds, nanos);
    if !(MIN_HEARTBEAT..=MAX_HEARTBEAT).contains(&interval) {
        return Err(out_of_range());
    }
    Ok(interval)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_sizes_follow_aip_158() {
        let cases = [
            (0, Some(50)),
            (1, Some(1)),
            (1000, Some(1000)),
            (5000, Some(1000)),
            (-1, None),
        ];
        for (requested, expected) in cases {
            assert_eq!(page_size(requested).ok(), expected, "{requested}");
        }
    }

    fn request(text: &str) -> IngestArticleRequest {
        IngestArticleRequest {
            text: text.to_string(),
            ..Default::default()
        }
    }

    #[test]
    fn ingest_requests_are_checked() {
        let now =
            jiff::Timestamp::from_second(1_700_000_000).unwrap_or(jiff::Timestamp::UNIX_EPOCH);
        let future = pbjson_types::Timestamp {
            seconds: 1_700_000_000 + 3 * 86_400,
            nanos: 0,
        };
        let past = pbjson_types::Timestamp {
            seconds: 1_600_000_000,
            nanos: 0,
        };
        let bad_nanos = pbjson_types::Timestamp {
            seconds: 1,
            nanos: -5,
        };
        let cases: Vec<(IngestArticleRequest, bool)> = vec![
            (request("نص"), true),
            (request("   \n"), false),
            (request(&"x".repeat(11)), false),
            (
                IngestArticleRequest {
                    published_at: Some(future),
                    ..request("a")
                },
                false,
            ),
            (
                IngestArticleRequest {
                    published_at: Some(past),
                    ..request("a")
                },
                true,
            ),
            (
                IngestArticleRequest {
                    published_at: Some(bad_nanos),
                    ..request("a")
                },
                false,
            ),
            (
                IngestArticleRequest {
                    language: "ar".into(),
                    ..request("a")
                },
                true,
            ),
            (
                IngestArticleRequest {
                    language: "a r".into(),
                    ..request("a")
                },
                false,
            ),
            (
                IngestArticleRequest {
                    url: "http://x y".into(),
                    ..request("a")
                },
                false,
            ),
        ];
        for (request, ok) in cases {
            assert_eq!(ingest_request(&request, 10, now).is_ok(), ok, "{request:?}");
        }
    }

    #[test]
    fn heartbeat_intervals_are_bounded() {
        let default = Duration::from_secs(15);
        let d = |seconds, nanos| pbjson_types::Duration { seconds, nanos };
        assert_eq!(heartbeat(None, default).ok(), Some(default));
        assert_eq!(heartbeat(Some(&d(0, 0)), default).ok(), Some(default));
        assert_eq!(
            heartbeat(Some(&d(2, 0)), default).ok(),
            Some(Duration::from_secs(2))
        );
        assert!(heartbeat(Some(&d(0, 1000)), default).is_err());
        assert!(heartbeat(Some(&d(-1, 0)), default).is_err());
        assert!(heartbeat(Some(&d(7200, 0)), default).is_err());
    }

    /// Malformed durations are refused with a message naming the part to
    /// fix, before the range check could turn them into something else.
    #[test]
    fn heartbeat_durations_must_be_well_formed() {
        let default = Duration::from_secs(15);
        let d = |seconds, nanos| pbjson_types::Duration { seconds, nanos };
        let cases = [
            (d(1, 500_000_000), Some(Duration::from_millis(1500))),
            (d(0, 999_999_999), Some(Duration::new(0, 999_999_999))),
            (d(1, 2_000_000_000), None),
            (d(0, 1_000_000_000), None),
            (d(0, i32::MAX), None),
            (d(2, -1), None),
            (d(-2, 1), None),
            (d(0, -200_000_000), None),
            (d(i64::MAX, 0), None),
            (d(i64::MIN, 0), None),
        ];
        for (requested, expected) in cases {
            let outcome = heartbeat(Some(&requested), default);
            assert_eq!(outcome.as_ref().ok(), expected.as_ref(), "{requested:?}");
            if let Err(error) = outcome {
                assert!(
                    error.to_string().starts_with("heartbeat_interval"),
                    "{error}"
                );
            }
        }
    }

    #[test]
    fn timestamps_keep_to_the_protobuf_range() {
        let t = |seconds, nanos| pbjson_types::Timestamp { seconds, nanos };
        let cases = [
            (t(0, 0), true),
            (t(-62_135_596_800, 0), true),
            (t(-62_135_596_801, 999_999_999), false),
            (t(253_402_300_799, 999_999_999), true),
            (t(253_402_300_800, 0), false),
            (t(i64::MIN, 0), false),
            (t(i64::MAX, 0), false),
            (t(0, -1), false),
            (t(0, 1_000_000_000), false),
            (t(-1, 500_000_000), true),
        ];
        for (value, ok) in cases {
            let outcome = timestamp("published_at", &value);
            assert_eq!(outcome.is_ok(), ok, "{value:?}: {outcome:?}");
        }
    }

    #[test]
    fn ingest_errors_quote_short_excerpts() {
        let now = jiff::Timestamp::UNIX_EPOCH;
        let long = "x".repeat(20_000);
        let mut labels = std::collections::HashMap::new();
        labels.insert(long.clone(), "v".to_string());
        let cases = [
            (
                IngestArticleRequest {
                    language: long.clone(),
                    ..request("a")
                },
                "language",
            ),
            (
                IngestArticleRequest {
                    labels,
                    ..request("a")
                },
                "label",
            ),
            (
                IngestArticleRequest {
                    published_at: Some(pbjson_types::Timestamp {
                        seconds: -62_135_596_801,
                        nanos: 0,
                    }),
                    ..request("a")
                },
                "published_at.seconds",
            ),
        ];
        for (request, field) in cases {
            let message = ingest_request(&request, 10, now)
                .expect_err("refused")
                .to_string();
            assert!(message.starts_with(field), "{message}");
            assert!(message.len() < 300, "{message}");
        }
    }
}
