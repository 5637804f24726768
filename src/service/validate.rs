//! Request validation: every check on caller input that does not need the
//! store, each with a message that says what to change. Pure functions.

use super::error::{ServiceError, ServiceResult};
use crate::proto::v1::{IngestArticleRequest, TimeRange};
use std::time::Duration;

pub const DEFAULT_PAGE_SIZE: usize = 50;
pub const MAX_PAGE_SIZE: usize = 1000;
const MAX_ID_BYTES: usize = 256;
const MAX_URL_BYTES: usize = 4096;
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

/// Protobuf timestamps have nanos in 0..1e9 (negative instants borrow from
/// the seconds), and jiff's range covers every valid one.
fn timestamp(name: &str, value: &pbjson_types::Timestamp) -> ServiceResult<jiff::Timestamp> {
    let nanos_ok = (0..1_000_000_000).contains(&value.nanos);
    let instant = jiff::Timestamp::new(value.seconds, value.nanos)
        .ok()
        .filter(|_| nanos_ok);
    instant.ok_or_else(|| {
        ServiceError::invalid(format!(
            "{name} is not a valid timestamp (seconds {}, nanos {})",
            value.seconds, value.nanos
        ))
    })
}

pub fn time_range(name: &str, range: Option<&TimeRange>) -> ServiceResult<()> {
    let Some(range) = range else { return Ok(()) };
    let start = range
        .start
        .as_ref()
        .map(|t| timestamp(&format!("{name}.start"), t))
        .transpose()?;
    let end = range
        .end
        .as_ref()
        .map(|t| timestamp(&format!("{name}.end"), t))
        .transpose()?;
    if let (Some(start), Some(end)) = (start, end)
        && start > end
    {
        return Err(ServiceError::invalid(format!(
            "{name}.start ({start}) is after {name}.end ({end})"
        )));
    }
    Ok(())
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
    let language_ok = request.language.len() <= 35
        && request
            .language
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-');
    if !language_ok {
        return Err(ServiceError::invalid(format!(
            "language {:?} is not a BCP-47 tag such as \"ar\" or \"en-GB\"",
            request.language
        )));
    }
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
                "label {key:?}: keys must be 1..={MAX_LABEL_KEY_BYTES} bytes and values at most {MAX_LABEL_VALUE_BYTES} bytes"
            )));
        }
    }
    let Some(published_at) = &request.published_at else {
        return Ok(None);
    };
    let published_at = timestamp("published_at", published_at)?;
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
}
