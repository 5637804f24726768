//! The folded form a token carries: borrowed from the text when folding
//! left the token unchanged, otherwise kept inline when short (nearly every
//! word) and on the heap only when long, so that tokenizing allocates no
//! string per token.
//!
//! It only stores and compares text; it must not fold anything itself
//! (that is `normalize`).

use arrayvec::ArrayString;
use std::fmt;
use std::ops::Deref;

/// The longest folded form kept inline, in bytes (eleven Arabic letters).
const INLINE_BYTES: usize = 22;

/// A token's folded form; reads as `&str`.
#[derive(Clone)]
pub enum Folded<'a> {
    /// The token's own text.
    Borrowed(&'a str),
    /// A changed form of at most `INLINE_BYTES` bytes.
    Inline(ArrayString<INLINE_BYTES>),
    /// A longer changed form.
    Owned(String),
}

impl Folded<'_> {
    /// A changed form, inline when it fits.
    pub fn changed(text: &str) -> Self {
        match ArrayString::from(text) {
            Ok(inline) => Folded::Inline(inline),
            Err(_) => Folded::Owned(text.to_string()),
        }
    }

    /// Whether this is the token's own text (folding changed nothing).
    #[cfg(test)]
    pub fn is_borrowed(&self) -> bool {
        matches!(self, Folded::Borrowed(_))
    }

    pub fn as_str(&self) -> &str {
        match self {
            Folded::Borrowed(text) => text,
            Folded::Inline(text) => text.as_str(),
            Folded::Owned(text) => text.as_str(),
        }
    }

    #[cfg(test)]
    pub fn into_owned(self) -> String {
        self.as_str().to_string()
    }
}

impl Deref for Folded<'_> {
    type Target = str;

    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl AsRef<str> for Folded<'_> {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl fmt::Debug for Folded<'_> {
    /// Written as the string itself, as the `Cow<str>` it replaces was.
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), formatter)
    }
}

impl PartialEq for Folded<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for Folded<'_> {}

impl PartialEq<str> for Folded<'_> {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for Folded<'_> {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_forms_are_inline_and_long_ones_owned_all_reading_the_same() {
        let short = "الوزاره";
        let edge = "ابتداءابتداءاب"; // 14 letters of 2 bytes = 28 bytes
        let cases = [
            ("", true),
            ("abc", true),
            (short, true),
            ("اااااااااااا"[..22].as_ref(), true),
            (edge, false),
        ];
        for (text, inline) in cases {
            let folded = Folded::changed(text);
            assert_eq!(matches!(folded, Folded::Inline(_)), inline, "{text:?}");
            assert!(!folded.is_borrowed());
            assert_eq!(folded.as_str(), text);
            assert_eq!(&*folded, text);
            assert!(folded == text);
            assert_eq!(format!("{folded:?}"), format!("{text:?}"));
            assert_eq!(folded.clone().into_owned(), text);
        }
        let borrowed = Folded::Borrowed(short);
        assert!(borrowed.is_borrowed());
        assert_eq!(borrowed, Folded::changed(short));
        assert!(borrowed != Folded::changed("قال"));
    }
}
