//! Calendar arithmetic for resolving dates written without a year or
//! relative to the publication date (nearest year, weekdays, modifiers).
//!
//! Pure functions of dates; it must not read text.

use super::lexicon::Direction;
use jiff::ToSpan;
use jiff::civil::Date;

pub fn direction_offset(direction: Direction) -> i16 {
    match direction {
        Direction::Past => -1,
        Direction::Current => 0,
        Direction::Future => 1,
    }
}

/// The year for a month (and day) written without one, given the relation
/// cue before it: منذ looks back only (the publication day included); a
/// deadline (بحلول, قبل, حتى) takes the plainly nearest year; anything else
/// as `nearest_year`.
pub fn nearest_year_for_relation(
    anchor: Date,
    month: u8,
    day: u8,
    relation: crate::proto::v1::Relation,
) -> Option<i16> {
    use crate::proto::v1::Relation;
    match relation {
        Relation::Since => {
            let month_i8 = i8::try_from(month).ok()?;
            let this_year = if day == 0 {
                Date::new(anchor.year(), month_i8, 1).ok()? <= anchor
            } else {
                Date::new(anchor.year(), month_i8, i8::try_from(day).ok()?).ok()? <= anchor
            };
            Some(if this_year {
                anchor.year()
            } else {
                anchor.year() - 1
            })
        }
        Relation::By | Relation::Before | Relation::Until => {
            year_by_distance(anchor, month, day, None, 1)
        }
        _ => nearest_year(anchor, month, day, None),
    }
}

/// The year for a month (and day) written without one: the nearest to the
/// anchor (a future candidate counts twice as far: news mostly looks back),
/// forced into the past by الماضي, the future by المقبل, the anchor's year by
/// الجاري; ties go to the past.
pub fn nearest_year(anchor: Date, month: u8, day: u8, direction: Option<Direction>) -> Option<i16> {
    year_by_distance(anchor, month, day, direction, 2)
}

/// The candidate year (anchor year ± 1) nearest to the anchor, a future
/// candidate's distance multiplied by `future_weight`.
fn year_by_distance(
    anchor: Date,
    month: u8,
    day: u8,
    direction: Option<Direction>,
    future_weight: i64,
) -> Option<i16> {
    year_by_weighted_distance(anchor, month, day, direction, 1, future_weight)
}

/// The candidate year (anchor year ± 1) nearest to the anchor, a past
/// candidate's distance multiplied by `past_weight` and a future one's by
/// `future_weight`.
fn year_by_weighted_distance(
    anchor: Date,
    month: u8,
    day: u8,
    direction: Option<Direction>,
    past_weight: i64,
    future_weight: i64,
) -> Option<i16> {
    let month_i8 = i8::try_from(month).ok()?;
    let candidate = |year: i16| -> Option<Date> {
        let first = Date::new(year, month_i8, 1).ok()?;
        if day == 0 {
            Some(first)
        } else {
            Date::new(year, month_i8, i8::try_from(day).ok()?).ok()
        }
    };
    let anchor_point = if day == 0 {
        anchor.first_of_month()
    } else {
        anchor
    };
    let years = [anchor.year() - 1, anchor.year(), anchor.year() + 1];
    let mut best: Option<(i64, bool, i16)> = None;
    for year in years {
        let Some(date) = candidate(year) else {
            continue;
        };
        let allowed = match direction {
            Some(Direction::Past) => date < anchor_point,
            Some(Direction::Future) => date > anchor_point,
            Some(Direction::Current) => year == anchor.year(),
            None => true,
        };
        if !allowed {
            continue;
        }
        let is_future = date > anchor_point;
        // News mostly looks back: a future candidate must be twice as near.
        let days = (day_number(date) - day_number(anchor_point)).abs();
        let distance = if is_future {
            days * future_weight
        } else {
            days * past_weight
        };
        let better = match best {
            None => true,
            Some((best_distance, best_future, _)) => {
                distance < best_distance || (distance == best_distance && best_future && !is_future)
            }
        };
        if better {
            best = Some((distance, is_future, year));
        }
    }
    best.map(|(_, _, year)| year)
}

/// The ISO-8601 partial date 2021, 2021-12 or 2021-12-09 (no month: the
/// year alone; no day: year and month), written digit by digit instead of
/// through `format!` for the years 0–9999 it nearly always is.
pub fn calendar_value(year: i16, month: u8, day: u8) -> String {
    let plain_year = u16::try_from(year).ok().filter(|year| *year <= 9999);
    let Some(year) = plain_year.filter(|_| month <= 99 && day <= 99) else {
        return match (month, day) {
            (0, _) => format!("{year:04}"),
            (month, 0) => format!("{year:04}-{month:02}"),
            (month, day) => format!("{year:04}-{month:02}-{day:02}"),
        };
    };
    let digit = |value: u16| char::from(b'0' + (value % 10) as u8);
    let mut value = String::with_capacity(10);
    for place in [1000, 100, 10, 1] {
        value.push(digit(year / place));
    }
    for part in [month, day] {
        if part == 0 {
            break;
        }
        value.push('-');
        value.push(digit(u16::from(part / 10)));
        value.push(digit(u16::from(part)));
    }
    value
}

/// The number of days from 1970-01-01 to `date` in the proleptic Gregorian
/// calendar (what `Date::until` counts, without its general machinery).
fn day_number(date: Date) -> i64 {
    let (month, day) = (i64::from(date.month()), i64::from(date.day()));
    // Years counted from March, so that the leap day ends the year.
    let year = i64::from(date.year()) - i64::from(month <= 2);
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let day_of_year = (153 * ((month + 9) % 12) + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

/// The year for a month (and day) without one that the text puts ahead (a
/// future verb): the nearest, a past candidate counting three times as far,
/// so that a date just gone (`المقرر في 5 مايو` on 15 May) stays in the past.
pub fn year_ahead(anchor: Date, month: u8, day: u8) -> Option<i16> {
    year_by_weighted_distance(anchor, month, day, None, 3, 1)
}

/// A weekday relative to the anchor: most recent on or before it; الماضي =
/// strictly before; المقبل = strictly after.
pub fn resolve_weekday(
    anchor: Date,
    monday_offset: i8,
    direction: Option<Direction>,
) -> Option<Date> {
    let anchor_offset = anchor.weekday().to_monday_zero_offset();
    let back = i64::from((anchor_offset - monday_offset).rem_euclid(7));
    match direction {
        Some(Direction::Future) => {
            let forward = i64::from((monday_offset - anchor_offset).rem_euclid(7));
            let forward = if forward == 0 { 7 } else { forward };
            anchor.checked_add(forward.days()).ok()
        }
        Some(Direction::Past) => {
            let back = if back == 0 { 7 } else { back };
            anchor.checked_sub(back.days()).ok()
        }
        _ => anchor.checked_sub(back.days()).ok(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn day_numbers_count_days_as_jiff_does() {
        let epoch = jiff::civil::date(1970, 1, 1);
        assert_eq!(day_number(epoch), 0);
        let mut date = jiff::civil::date(1896, 2, 20);
        let last = jiff::civil::date(2104, 3, 5);
        while date <= last {
            let expected = epoch.until(date).expect("a span of days").get_days();
            assert_eq!(day_number(date), i64::from(expected), "{date}");
            date = date.checked_add(13.days()).expect("a date in range");
        }
    }

    #[test]
    fn calendar_values_read_as_formatted() {
        for year in [-12i16, 0, 7, 999, 1999, 2024, 9999, 10000, i16::MAX] {
            for month in [0u8, 1, 9, 10, 12, 100, 255] {
                for day in [0u8, 1, 9, 31, 100] {
                    let expected = match (month, day) {
                        (0, _) => format!("{year:04}"),
                        (month, 0) => format!("{year:04}-{month:02}"),
                        (month, day) => format!("{year:04}-{month:02}-{day:02}"),
                    };
                    assert_eq!(calendar_value(year, month, day), expected);
                }
            }
        }
    }
}
