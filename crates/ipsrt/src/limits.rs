//! Input limits and bounded quoting: the one place where every reader's size limits are
//! declared, and the helper every error message uses to quote a value it was given.
//!
//! ipsrt reads files and strings that its callers did not write (uploads, synced JSON, study
//! exports). Two rules keep that safe:
//!
//! * **Bounded messages.** An error that quotes input quotes at most [`QUOTE_CHARS`] characters
//!   of it, followed by `…` and the value's full length, through [`Excerpt`]. A 10 MB field
//!   therefore gives a message of a few hundred bytes, in Rust and in every binding.
//! * **Bounded records.** Every reader refuses a value past its limit before buffering it whole.
//!   The limits are the constants of this module; `docs/reliability.md` lists them with the
//!   reason for each.
//!
//! This is a leaf module: it imports nothing from the rest of the crate.
//!
//! ```
//! use ipsrt::limits::Excerpt;
//!
//! assert_eq!(Excerpt::new("07:05").to_string(), "\"07:05\"");
//! let long = "x".repeat(10_000_000);
//! let quoted = Excerpt::new(&long).to_string();
//! assert!(quoted.len() < 100);
//! assert!(quoted.ends_with("…\" (10000000 bytes)"));
//! ```

use std::fmt;

/// The most characters of a value that an error message quotes.
pub const QUOTE_CHARS: usize = 60;

/// A value quoted for an error message: at most [`QUOTE_CHARS`] characters, with `…` and the
/// full length in bytes when it was cut. Control characters are escaped, so a value cannot
/// break a terminal or a log line.
#[derive(Debug, Clone, Copy)]
pub struct Excerpt<'a> {
    text: &'a str,
}

impl<'a> Excerpt<'a> {
    /// Quotes `text`.
    pub fn new(text: &'a str) -> Self {
        Excerpt { text }
    }

    /// Quotes bytes that may not be UTF-8: the longest valid UTF-8 prefix is quoted, so the
    /// message still shows where the value starts.
    pub fn bytes(bytes: &'a [u8]) -> Self {
        let text = match std::str::from_utf8(bytes) {
            Ok(t) => t,
            // `valid_up_to` is always a char boundary, so this cannot fail.
            Err(e) => std::str::from_utf8(&bytes[..e.valid_up_to()]).unwrap_or(""),
        };
        Excerpt { text }
    }
}

impl fmt::Display for Excerpt<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("\"")?;
        let mut chars = self.text.char_indices();
        let mut cut = false;
        for (n, (_, c)) in chars.by_ref().enumerate() {
            if n == QUOTE_CHARS {
                cut = true;
                break;
            }
            match c {
                '"' => f.write_str("\\\"")?,
                '\\' => f.write_str("\\\\")?,
                c if c.is_control() => write!(f, "{}", c.escape_default())?,
                c => write!(f, "{c}")?,
            }
        }
        if cut { write!(f, "…\" ({} bytes)", self.text.len()) } else { f.write_str("\"") }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_values_are_quoted_whole() {
        assert_eq!(Excerpt::new("").to_string(), "\"\"");
        assert_eq!(Excerpt::new("a\"b").to_string(), "\"a\\\"b\"");
        assert_eq!(Excerpt::new("a\nb").to_string(), "\"a\\nb\"");
        let sixty = "é".repeat(QUOTE_CHARS);
        assert_eq!(Excerpt::new(&sixty).to_string(), format!("\"{sixty}\""));
    }

    #[test]
    fn long_values_are_cut_with_their_length() {
        let s = "é".repeat(QUOTE_CHARS + 1);
        let q = Excerpt::new(&s).to_string();
        assert_eq!(q, format!("\"{}…\" ({} bytes)", "é".repeat(QUOTE_CHARS), s.len()));
    }

    #[test]
    fn bytes_quote_the_valid_prefix() {
        assert_eq!(Excerpt::bytes(b"ab\xffcd").to_string(), "\"ab\"");
        assert_eq!(Excerpt::bytes(b"07:05").to_string(), "\"07:05\"");
    }
}
