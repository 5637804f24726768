//! Converts a Hijri (Islamic lunar) date to the Gregorian calendar with the
//! arithmetic (tabular, civil-epoch) Islamic calendar: 30-year cycles of
//! 354- and 355-day years, months of 30 and 29 days alternating.
//!
//! Pure arithmetic on numbers; it must not read text. The tabular calendar
//! agrees with the Umm al-Qura calendar printed by Gulf papers to within a
//! day (it is one day late on some months); a page that prints both
//! calendars is read by its Gregorian date, so this is only used for a
//! Hijri-only date line, whose printed weekday then corrects the day.

use jiff::ToSpan;
use jiff::civil::Date;

/// 1 Muharram 1 AH in the civil (Friday) epoch, as a Gregorian date.
fn epoch() -> Option<Date> {
    Date::new(622, 7, 19).ok()
}

/// The Gregorian date of Hijri `day` `month` `year`, for years 1 to 2000
/// AH; None for a day or month out of range.
pub fn hijri_to_gregorian(year: i32, month: u8, day: u8) -> Option<Date> {
    if !(1..=2000).contains(&year) || !(1..=12).contains(&month) || !(1..=30).contains(&day) {
        return None;
    }
    let month = i32::from(month);
    // Days before the month in its year: 30, 29, 30, ... (ceil(29.5 m)).
    let before_month = (59 * (month - 1) + 1) / 2;
    // Days before the year: 354 a year plus the leap days of the cycle.
    let before_year = (year - 1) * 354 + (3 + 11 * year) / 30;
    let days_after_epoch = before_year + before_month + i32::from(day) - 1;
    epoch()?
        .checked_add(i64::from(days_after_epoch).days())
        .ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hijri_dates_convert_to_their_gregorian_day() {
        // Dates whose tabular and Umm al-Qura days agree.
        let cases = [
            ((1, 1, 1), "0622-07-19"),
            ((1442, 11, 14), "2021-06-24"),
            ((1445, 9, 26), "2024-04-05"),
            ((1444, 9, 1), "2023-03-23"),
        ];
        for ((year, month, day), expected) in cases {
            assert_eq!(
                hijri_to_gregorian(year, month, day),
                expected.parse().ok(),
                "{year}-{month}-{day}"
            );
        }
    }

    #[test]
    fn out_of_range_parts_give_nothing() {
        assert_eq!(hijri_to_gregorian(1445, 13, 1), None);
        assert_eq!(hijri_to_gregorian(1445, 0, 1), None);
        assert_eq!(hijri_to_gregorian(1445, 1, 31), None);
        assert_eq!(hijri_to_gregorian(0, 1, 1), None);
    }
}
