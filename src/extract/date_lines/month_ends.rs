//! A one-byte test of whether a text may end in a month name, asked
//! before the month names are compared one by one. Pure text work; it
//! must not decide whether a line is a date line.

use super::MONTHS;

/// Whether `text` ends in a byte that ends some month name of `MONTHS`
/// (an empty name would end every text): a one-byte test before the names
/// are compared, exact because `ends_with` needs the last bytes equal.
fn may_end_a_month(text: &str) -> bool {
    static LAST_BYTES: std::sync::OnceLock<[bool; 256]> = std::sync::OnceLock::new();
    let last_bytes = LAST_BYTES.get_or_init(|| {
        let mut table = [false; 256];
        for (first, _, _) in MONTHS {
            match first.as_bytes().last() {
                Some(&last) => table[usize::from(last)] = true,
                None => table = [true; 256],
            }
        }
        table
    });
    match text.as_bytes().last() {
        Some(&last) => last_bytes[usize::from(last)],
        // The empty text ends only the empty name.
        None => MONTHS.iter().any(|(first, _, _)| first.is_empty()),
    }
}

/// Whether `text` ends in the first word of a month name of `MONTHS`.
pub(super) fn ends_in_month(text: &str) -> bool {
    may_end_a_month(text) && MONTHS.iter().any(|(first, _, _)| text.ends_with(first))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The test never says no where a month name ends the text.
    #[test]
    fn agrees_with_comparing_every_month_name() {
        let mut texts: Vec<String> = vec![String::new(), "2024".into(), "الخميس".into()];
        for (first, _, _) in MONTHS {
            texts.push((*first).to_string());
            texts.push(format!("و{first}"));
            texts.push(format!("{first}ي"));
        }
        for text in &texts {
            let compared = MONTHS.iter().any(|(first, _, _)| text.ends_with(first));
            assert!(!compared || may_end_a_month(text), "{text}");
        }
        assert!(ends_in_month("ومارس"));
        assert!(!ends_in_month("مارسي"));
        assert!(!may_end_a_month("2024"));
        assert!(!may_end_a_month(""));
    }
}
