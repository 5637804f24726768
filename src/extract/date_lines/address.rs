//! The date printed in a page address (`https://site/2024/10/01/slug`),
//! which some pages print as their date line. Pure text work on one line.

use super::civil_date;
use jiff::civil::Date;

/// The date in a page address: `https://site/2024/10/01/slug`,
/// `www.site.com/news/2024-10-01/slug`.
pub(super) fn address_date(line: &str) -> Option<Date> {
    // The head is compared without a lowered copy of the line: most lines
    // asked are paragraphs with a number in them.
    let is_address = ["http://", "https://", "www."].iter().any(|start| {
        line.as_bytes()
            .get(..start.len())
            .is_some_and(|head| head.eq_ignore_ascii_case(start.as_bytes()))
    });
    if !is_address || line.contains(char::is_whitespace) {
        return None;
    }
    let lower = line.to_ascii_lowercase();
    let path = lower
        .split_once("//")
        .map_or(lower.as_str(), |(_, rest)| rest);
    let segments: Vec<&str> = path.split(['/', '?', '#']).collect();
    for (index, segment) in segments.iter().enumerate() {
        // `/2024/10/01/`
        if segment.len() == 4
            && let Some(date) = segments.get(index + 1..index + 3).and_then(|parts| {
                let number = |text: &str| {
                    (text.len() <= 2 && text.bytes().all(|b| b.is_ascii_digit()))
                        .then(|| text.parse::<u32>().ok())
                        .flatten()
                };
                civil_date(segment.parse().ok()?, number(parts[0])?, number(parts[1])?)
            })
        {
            return Some(date);
        }
        // `/2024-10-01/` or `/2024-10-01-slug`
        if let Some(head) = segment.get(..10)
            && let [year, month, day] = head.split('-').collect::<Vec<_>>()[..]
            && year.len() == 4
            && month.len() == 2
            && day.len() == 2
            && let (Ok(year), Ok(month), Ok(day)) = (year.parse(), month.parse(), day.parse())
            && let Some(date) = civil_date(year, month, day)
        {
            return Some(date);
        }
    }
    None
}
