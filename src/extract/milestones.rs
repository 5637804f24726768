//! Turns date mentions found in an article body into `Milestone`s: the
//! `When` value, the expression and its span, the event sentence, the
//! happened/due status and the link to the statement the date sits in.
//!
//! The page's own date line (`نشر في: …`) is no milestone. It decides
//! nothing about what is a date (that is `dates`) and never
//! changes the body; spans are character offsets into the body it is given.

use super::char_text::CharText;
use super::dates::{DateMention, Period, find_dates, is_page_date};
use super::span_id;
use super::tokens::Token;
use crate::proto::v1::{Milestone, MilestoneStatus, Part, Relation, Span, Statement, When};
use jiff::ToSpan;
use jiff::civil::Date;

/// Builds the milestones of one article body.
#[cfg(test)]
pub fn build_milestones(
    body: &str,
    tokens: &[Token],
    anchor: Option<Date>,
    article_id: &str,
    statements: &[Statement],
) -> Vec<Milestone> {
    build_milestones_in(&CharText::new(body), tokens, anchor, article_id, statements)
}

/// `build_milestones` over a body already indexed by character.
pub fn build_milestones_in(
    text: &CharText,
    tokens: &[Token],
    anchor: Option<Date>,
    article_id: &str,
    statements: &[Statement],
) -> Vec<Milestone> {
    find_dates(tokens, anchor)
        .into_iter()
        .filter(|mention| !is_page_date(tokens, mention))
        .filter_map(|mention| {
            let first = tokens.get(mention.first_token)?;
            let last = tokens.get(mention.end_token.checked_sub(1)?)?;
            Some(milestone(
                text,
                &mention,
                first.start..last.end,
                first.byte_start..last.byte_end,
                anchor,
                article_id,
                statements,
            ))
        })
        .collect()
}

/// The milestone of a mention covering characters `chars` (bytes `bytes`)
/// of the body.
fn milestone(
    text: &CharText,
    mention: &DateMention,
    chars: std::ops::Range<usize>,
    bytes: std::ops::Range<usize>,
    anchor: Option<Date>,
    article_id: &str,
    statements: &[Statement],
) -> Milestone {
    let (start, end) = (chars.start, chars.end);
    let expression = text
        .as_str()
        .get(bytes.clone())
        .unwrap_or_default()
        .to_string();
    let value = mention.value();
    // A week is placed on its Monday; everything else on what the text gave.
    let (year, month, day) = match mention.period {
        Period::Week(monday) => (
            i32::from(monday.year()),
            monday.month().unsigned_abs().into(),
            monday.day().unsigned_abs().into(),
        ),
        _ => (
            i32::from(mention.year),
            u32::from(mention.month),
            u32::from(mention.day),
        ),
    };
    let statement_id = statements
        .iter()
        .find(|statement| {
            statement
                .span
                .as_ref()
                .is_some_and(|span| span.start as usize <= start && end <= span.end as usize)
        })
        .map(|statement| statement.id.clone())
        .unwrap_or_default();
    let status = anchor.map_or(MilestoneStatus::Unspecified, |anchor| {
        status_of(mention, anchor)
    });
    Milestone {
        id: span_id(article_id, "milestone", start..end, Some(&value)),
        article_id: article_id.to_string(),
        when: Some(When {
            value,
            year,
            month,
            day,
            period: mention.period_value(),
            part: mention.part as i32,
            relation: if mention.relation == Relation::Unspecified {
                Relation::On
            } else {
                mention.relation
            } as i32,
        }),
        expression,
        event: sentence_around_bytes(text, start, end, bytes),
        status: status as i32,
        span: Some(Span {
            start: start as u32,
            end: end as u32,
        }),
        statement_id,
    }
}

/// The first and last day of the period a mention names, narrowed by its
/// part (a week runs Monday to Sunday, a season over its three months,
/// winter over January and February): START = the first third, MID = the middle third, END = the last.
fn period(mention: &DateMention) -> Option<(Date, Date)> {
    let month = i8::try_from(mention.month).ok()?;
    let day = i8::try_from(mention.day).ok()?;
    let (first, last) = match (mention.period, month, day) {
        (Period::Week(monday), _, _) => (monday, monday.checked_add(6.days()).ok()?),
        (Period::Season(code), _, _) => {
            let (first_month, last_month) = match code {
                "SP" => (3, 5),
                "SU" => (6, 8),
                "FA" => (9, 11),
                _ => (1, 2),
            };
            (
                Date::new(mention.year, first_month, 1).ok()?,
                Date::new(mention.year, last_month, 1).ok()?.last_of_month(),
            )
        }
        (_, 0, _) => (
            Date::new(mention.year, 1, 1).ok()?,
            Date::new(mention.year, 12, 31).ok()?,
        ),
        (_, month, 0) => {
            let first = Date::new(mention.year, month, 1).ok()?;
            (first, first.last_of_month())
        }
        (_, month, day) => {
            let date = Date::new(mention.year, month, day).ok()?;
            (date, date)
        }
    };
    let length = i64::from(first.until(last).ok()?.get_days());
    let third = length / 3;
    Some(match mention.part {
        Part::Start => (first, first.checked_add(third.days()).ok()?),
        Part::Mid => (
            first.checked_add(third.days()).ok()?,
            last.checked_sub(third.days()).ok()?,
        ),
        Part::End => (last.checked_sub(third.days()).ok()?, last),
        Part::Unspecified => (first, last),
    })
}

/// HAPPENED when the period (narrowed by its part) ended on or before the
/// publication date, DUE when it starts after it. When the publication date
/// falls inside the period, a deadline (BY, BEFORE, UNTIL) or the end of a
/// period (نهاية العام الجاري) is still DUE and anything else counts as
/// HAPPENED (it is under way).
fn status_of(mention: &DateMention, anchor: Date) -> MilestoneStatus {
    let Some((first, last)) = period(mention) else {
        return MilestoneStatus::Unspecified;
    };
    let is_deadline = matches!(
        mention.relation,
        Relation::By | Relation::Before | Relation::Until
    );
    if last <= anchor {
        MilestoneStatus::Happened
    } else if first > anchor || is_deadline || mention.part == Part::End {
        MilestoneStatus::Due
    } else {
        MilestoneStatus::Happened
    }
}

/// How far the event sentence may reach each way, in characters.
const MAX_EVENT_REACH: usize = 400;

/// The sentence that holds [start, end): from the previous sentence end to
/// the next one, trimmed.
/// The search stops after `MAX_EVENT_REACH` characters each way so that
/// one endless sentence cannot make the work quadratic.
#[cfg(test)]
pub fn sentence_around(text: &CharText, start: usize, end: usize) -> String {
    let length = text.char_count();
    let start = start.min(length);
    let end = end.clamp(start, length);
    let bytes = text.byte_of(start)..text.byte_of(end);
    sentence_around_bytes(text, start, end, bytes)
}

/// `sentence_around` for characters [start, end) that are bytes `bytes`
/// of the text (known from the tokens: only the window is looked up).
fn sentence_around_bytes(
    text: &CharText,
    start: usize,
    end: usize,
    bytes: std::ops::Range<usize>,
) -> String {
    let length = text.char_count();
    let window_start = text.byte_of(start.min(length).saturating_sub(MAX_EVENT_REACH));
    let window_end = text.byte_of((end + MAX_EVENT_REACH).min(length));
    let (start, end) = (bytes.start, bytes.end.max(bytes.start));
    let body = text.as_str();
    let bytes = body.as_bytes();
    let from = bytes
        .get(window_start..start)
        .and_then(last_boundary_end)
        .map_or(window_start, |at| window_start + at);
    let to = bytes
        .get(end..window_end)
        .and_then(first_boundary)
        .map_or(window_end, |at| end + at);
    body.get(from..to).unwrap_or_default().trim().to_string()
}

/// The second byte of ؟ (U+061F, D8 9F); every other sentence boundary is
/// one ASCII byte. D8 only ever leads a character, so D8 9F is always ؟.
const QUESTION_MARK_TAIL: u8 = 0x9F;

/// Where the last sentence boundary of `bytes` ends (the byte after it),
/// searched with `memchr` rather than character by character.
fn last_boundary_end(bytes: &[u8]) -> Option<usize> {
    let ascii = memchr::memrchr3(b'.', b'!', b'?', bytes)
        .max(memchr::memrchr(b'\n', bytes))
        .map(|at| at + 1);
    let mut limit = bytes.len();
    let mut arabic = None;
    while let Some(at) = memchr::memrchr(QUESTION_MARK_TAIL, &bytes[..limit]) {
        if at > 0 && bytes[at - 1] == 0xD8 {
            arabic = Some(at + 1);
            break;
        }
        limit = at;
    }
    ascii.max(arabic)
}

/// Where the first sentence boundary of `bytes` starts.
fn first_boundary(bytes: &[u8]) -> Option<usize> {
    let ascii = [
        memchr::memchr3(b'.', b'!', b'?', bytes),
        memchr::memchr(b'\n', bytes),
    ]
    .into_iter()
    .flatten()
    .min();
    let mut from = 0;
    let mut arabic = None;
    while let Some(found) = memchr::memchr(QUESTION_MARK_TAIL, &bytes[from..]) {
        let at = from + found;
        if at > 0 && bytes[at - 1] == 0xD8 {
            arabic = Some(at - 1);
            break;
        }
        from = at + 1;
    }
    match (ascii, arabic) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::tokens::tokenize;

    fn check(body: &str, published: &str, expected: &[(&str, &str, MilestoneStatus)]) {
        let anchor: Option<Date> = published.parse().ok();
        let tokens = tokenize(body);
        let milestones = build_milestones(body, &tokens, anchor, "article", &[]);
        let got: Vec<(String, String, MilestoneStatus)> = milestones
            .iter()
            .map(|milestone| {
                let value = milestone
                    .when
                    .as_ref()
                    .map(|when| when.value.clone())
                    .unwrap_or_default();
                (value, milestone.expression.clone(), milestone.status())
            })
            .collect();
        let expected: Vec<(String, String, MilestoneStatus)> = expected
            .iter()
            .map(|(value, text, status)| (value.to_string(), text.to_string(), *status))
            .collect();
        assert_eq!(got, expected, "milestones of {body:?}");
        for milestone in &milestones {
            let span = milestone.span.unwrap_or_default();
            let slice: String = body
                .chars()
                .skip(span.start as usize)
                .take((span.end - span.start) as usize)
                .collect();
            assert_eq!(slice, milestone.expression);
        }
    }

    use MilestoneStatus::{Due, Happened};

    type StatusCase<'a> = (&'a str, &'a str, &'a [(&'a str, &'a str, MilestoneStatus)]);

    #[test]
    fn statuses() {
        let cases: &[StatusCase] = &[
            (
                "افتتح الجسر امس.",
                "2022-05-10",
                &[("2022-05-09", "امس", Happened)],
            ),
            (
                "سيفتتح الجسر بحلول 31 ديسمبر 2022.",
                "2022-05-10",
                &[("2022-12-31", "بحلول 31 ديسمبر 2022", Due)],
            ),
            (
                "سينتهي العمل قبل نهاية العام الجاري.",
                "2022-05-10",
                &[("2022", "قبل نهاية العام الجاري", Due)],
            ),
            (
                "بدأ العمل مطلع العام الجاري.",
                "2022-05-10",
                &[("2022", "مطلع العام الجاري", Happened)],
            ),
            (
                "يستمر العمل خلال الشهر الجاري.",
                "2022-05-10",
                &[("2022-05", "الشهر الجاري", Happened)],
            ),
            (
                "نشر في: الخميس 14 مارس 2019 | آخر تحديث: الخميس 14 مارس 2019\nوافتتح الجسر امس.",
                "2019-03-14",
                &[("2019-03-13", "امس", Happened)],
            ),
            (
                "وستطلق الحملة الأسبوع المقبل.",
                "2023-10-05",
                &[("2023-W41", "الأسبوع المقبل", Due)],
            ),
            (
                "وتكتمل المحطة في صيف 2024.",
                "2024-03-01",
                &[("2024", "صيف 2024", Due)],
            ),
            (
                "ويستمر العمل حتى أيلول 2026.",
                "2022-05-10",
                &[("2026-09", "حتى أيلول 2026", Due)],
            ),
        ];
        for (body, published, expected) in cases {
            check(body, published, expected);
        }
    }

    /// The calendar fields of a week and a season: a week's value is its ISO
    /// week and its fields its Monday; a season's value is its year, its
    /// period the season.
    #[test]
    fn weeks_and_seasons_carry_their_period() {
        // (value, period, year, month, day)
        type Fields<'a> = (&'a str, &'a str, i32, u32, u32);
        let cases: &[(&str, &str, Fields)] = &[
            (
                "وستطلق الحملة الأسبوع المقبل.",
                "2023-10-05",
                ("2023-W41", "2023-W41", 2023, 10, 9),
            ),
            (
                "وتبدأ المرحلة الأولى الأسبوع القادم.",
                "2024-12-26",
                ("2025-W01", "2025-W01", 2024, 12, 30),
            ),
            (
                "وتكتمل المحطة في صيف 2024.",
                "2024-03-01",
                ("2024", "2024-SU", 2024, 0, 0),
            ),
            (
                "وتعود الرحلات في يونيو 2024.",
                "2024-03-01",
                ("2024-06", "", 2024, 6, 0),
            ),
        ];
        for (body, published, (value, period, year, month, day)) in cases {
            let anchor: Option<Date> = published.parse().ok();
            let milestones = build_milestones(body, &tokenize(body), anchor, "article", &[]);
            let when = milestones
                .first()
                .and_then(|milestone| milestone.when.clone())
                .unwrap_or_default();
            assert_eq!(
                (
                    when.value.as_str(),
                    when.period.as_str(),
                    when.year,
                    when.month,
                    when.day
                ),
                (*value, *period, *year, *month, *day),
                "{body:?}"
            );
        }
    }

    #[test]
    fn event_stops_at_every_boundary_mark() {
        for mark in ['.', '!', '?', '؟', '\n'] {
            let body = format!("جملة أولى{mark} وافتتح الجسر امس{mark} جملة ثالثة");
            let text = CharText::new(&body);
            let at = body
                .find("امس")
                .map_or(0, |byte| body[..byte].chars().count());
            assert_eq!(
                sentence_around(&text, at, at + 3),
                "وافتتح الجسر امس",
                "{mark:?}"
            );
        }
        // Other letters whose second byte is 9F (ٟ U+065F) are no boundary.
        let body = "الفٟ امس ثم";
        let text = CharText::new(body);
        assert_eq!(sentence_around(&text, 5, 8), "الفٟ امس ثم");
    }

    #[test]
    fn boundaries_are_found_on_bytes() {
        let text = "أ. ب؟ جٟ د! هـ";
        let bytes = text.as_bytes();
        // Each boundary byte position, read character by character.
        let marks: Vec<(usize, usize)> = text
            .char_indices()
            .filter(|&(_, c)| matches!(c, '.' | '!' | '?' | '؟' | '\n'))
            .map(|(at, c)| (at, at + c.len_utf8()))
            .collect();
        for cut in 0..=bytes.len() {
            let before = marks.iter().rev().find(|&&(_, end)| end <= cut);
            assert_eq!(
                last_boundary_end(&bytes[..cut]),
                before.map(|&(_, end)| end),
                "{cut}"
            );
            let after = marks.iter().find(|&&(at, _)| at >= cut);
            let found = first_boundary(&bytes[cut..]).map(|at| at + cut);
            if text.is_char_boundary(cut) {
                assert_eq!(found, after.map(|&(at, _)| at), "{cut}");
            }
        }
        assert_eq!(first_boundary(b""), None);
        assert_eq!(last_boundary_end(b""), None);
    }

    #[test]
    fn event_is_the_sentence() {
        let text = CharText::new("جملة أولى. وافتتح الجسر امس في المدينة. جملة ثالثة");
        assert_eq!(
            sentence_around(&text, 24, 27),
            "وافتتح الجسر امس في المدينة"
        );
    }
}
