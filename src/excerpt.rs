//! Short, quoted excerpts of caller input for error messages. A message that
//! echoed a whole 20 KB value would overflow the gRPC metadata limit and
//! lose the real error, so every message that quotes input goes through
//! `excerpt`. Pure text handling; nothing else belongs here.

/// How many characters of a value an error message quotes.
pub const EXCERPT_CHARS: usize = 64;

/// `value` quoted and escaped like `{:?}`; a longer value is cut to its
/// first [`EXCERPT_CHARS`] characters followed by `… (N bytes)`.
pub fn excerpt(value: &str) -> String {
    match value.char_indices().nth(EXCERPT_CHARS) {
        None => format!("{value:?}"),
        Some((cut, _)) => format!("{:?}… ({} bytes)", &value[..cut], value.len()),
    }
}

/// `text` cut to at most `max_bytes`, on a character boundary.
pub fn truncate_to_char_boundary(text: &str, max_bytes: usize) -> &str {
    if text.len() <= max_bytes {
        return text;
    }
    let mut cut = max_bytes;
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    &text[..cut]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excerpts_quote_short_values_whole_and_cut_long_ones() {
        let cases = [
            ("ar", "\"ar\"".to_string()),
            ("a\nb", "\"a\\nb\"".to_string()),
            (&*"x".repeat(64), format!("\"{}\"", "x".repeat(64))),
            (
                &*"x".repeat(20_000),
                format!("\"{}\"… (20000 bytes)", "x".repeat(64)),
            ),
            (
                &*"ع".repeat(100),
                format!("\"{}\"… (200 bytes)", "ع".repeat(64)),
            ),
        ];
        for (value, expected) in cases {
            assert_eq!(excerpt(value), expected);
        }
    }

    #[test]
    fn truncation_never_splits_a_character() {
        let text = "عربي";
        assert_eq!(truncate_to_char_boundary(text, 3), "ع");
        assert_eq!(truncate_to_char_boundary(text, 4), "عر");
        assert_eq!(truncate_to_char_boundary(text, 100), text);
        assert_eq!(truncate_to_char_boundary(text, 0), "");
    }
}
