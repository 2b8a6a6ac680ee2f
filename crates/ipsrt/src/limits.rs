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

use std::borrow::Cow;
use std::fmt;

/// The most characters of a value that an error message quotes.
pub const QUOTE_CHARS: usize = 60;

/// The longest identifier a reader accepts, in bytes: participant ids (IPS), group member ids,
/// medication dose ids. Real ids are study codes, UUIDs (36 bytes) or short names; 200 bytes
/// leaves room for a composite key (`site/study/participant`) and still keeps every message,
/// table and CSV row that repeats the id small.
pub const MAX_ID_BYTES: usize = 200;

/// The longest short name a reader accepts, in characters: an employer, a job title, a
/// medication, a fidelity review's site. A name is shown in lists and reports; 200 characters
/// is more than any real one.
pub const MAX_NAME_CHARS: usize = 200;

/// The longest free-text note a reader accepts, in characters: notes of the interpersonal
/// inventory, life chart events and rhythm-plan disruptions. A note is a clinician's summary,
/// not a transcript; 2 000 characters is about a page.
pub const MAX_NOTE_CHARS: usize = 2000;

/// Checks a value against one of the limits above and says which field was too long. `max`
/// counts bytes for ids and characters for text (`unit` says which); the count stops at
/// `max + 1`, so checking a huge value costs no more than checking one just over the limit.
///
/// ```
/// use ipsrt::limits::{check_len, MAX_NAME_CHARS};
/// assert!(check_len("employer", "Acme", MAX_NAME_CHARS, false).is_ok());
/// let e = check_len("employer", &"x".repeat(10_000), MAX_NAME_CHARS, false).unwrap_err();
/// assert!(e.contains("limit of 200 characters") && e.contains("(10000 bytes)") && e.contains("shorten it"));
/// ```
pub fn check_len(field: &str, value: &str, max: usize, bytes: bool) -> Result<(), String> {
    let (len, unit) =
        if bytes { (value.len(), "bytes") } else { (value.chars().take(max.saturating_add(1)).count(), "characters") };
    if len <= max {
        return Ok(());
    }
    // Past the limit the excerpt is always cut, so it gives the value's length in bytes.
    Err(format!(
        "{field} {} is longer than the limit of {max} {unit}: shorten it, or check that the right column or field was read",
        Excerpt::new(value)
    ))
}

/// The most bytes of an error message that [`bound_message`] lets through. Every message of
/// this crate is far shorter; the bindings pass every message through [`bound_message`] so that
/// no message crossing the FFI can grow with the input.
pub const MAX_MESSAGE_BYTES: usize = 2048;

/// A quoted segment of a message (between `` ` `` or `"`) longer than this many characters is
/// cut by [`bound_message`]. Ten times [`QUOTE_CHARS`], so that an [`Excerpt`] whose every
/// character was escaped (at most ten characters, `\u{10ffff}`) is never cut a second time.
const SEGMENT_CHARS: usize = 10 * QUOTE_CHARS;

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

/// Bounds a message that may quote input it did not clip itself, such as a serde_json error
/// (`unknown variant `…``, `invalid type: string "…"`): every quoted segment longer than a few
/// hundred characters is cut to [`QUOTE_CHARS`] characters followed by `…` and its length, and
/// the whole message to [`MAX_MESSAGE_BYTES`]. A short message is returned as it is.
///
/// ```
/// use ipsrt::limits::bound_message;
///
/// let huge = "x".repeat(10_000_000);
/// let msg = format!("unknown variant `{huge}`, expected `a` or `b` at line 1 column 10000020");
/// let bounded = bound_message(&msg);
/// assert!(bounded.len() < 300);
/// assert!(bounded.ends_with("(10000000 bytes), expected `a` or `b` at line 1 column 10000020"));
/// assert_eq!(bound_message("short"), "short");
/// ```
pub fn bound_message(msg: &str) -> Cow<'_, str> {
    if msg.len() <= SEGMENT_CHARS {
        return Cow::Borrowed(msg);
    }
    let mut out = String::with_capacity(msg.len().min(MAX_MESSAGE_BYTES + 64));
    let mut rest = msg;
    let mut changed = false;
    while let Some(open) = rest.find(['`', '"']) {
        let quote = rest[open..].chars().next().unwrap_or('"');
        let body = &rest[open + 1..];
        let end = segment_end(body, quote);
        let Some(end) = end else { break };
        let inner = &body[..end];
        out.push_str(&rest[..=open]);
        match inner.char_indices().nth(SEGMENT_CHARS) {
            Some(_) => {
                let cut = inner.char_indices().nth(QUOTE_CHARS).map_or(inner.len(), |(i, _)| i);
                out.push_str(&inner[..cut]);
                out.push('…');
                out.push(quote);
                out.push_str(&format!(" ({} bytes)", inner.len()));
                changed = true;
            }
            None => {
                out.push_str(inner);
                out.push(quote);
            }
        }
        rest = &body[end + quote.len_utf8()..];
        if out.len() > MAX_MESSAGE_BYTES {
            break;
        }
    }
    out.push_str(rest);
    if out.len() > MAX_MESSAGE_BYTES {
        let total = out.len();
        let mut cut = MAX_MESSAGE_BYTES;
        while !out.is_char_boundary(cut) {
            cut -= 1;
        }
        out.truncate(cut);
        out.push_str(&format!("… (message cut: {total} bytes)"));
        changed = true;
    }
    if changed { Cow::Owned(out) } else { Cow::Borrowed(msg) }
}

/// The byte offset of the quote that closes a segment opened by `quote`; inside `"…"` a
/// backslash escapes the next character (Rust's `{:?}` form).
fn segment_end(body: &str, quote: char) -> Option<usize> {
    let mut escaped = false;
    for (i, c) in body.char_indices() {
        if escaped {
            escaped = false;
        } else if c == '\\' && quote == '"' {
            escaped = true;
        } else if c == quote {
            return Some(i);
        }
    }
    None
}

// --- SRM diary CSV (`ipsrt srm score`, `srm::long_format`) -------------------------------------

/// The longest record of an SRM diary CSV: 1 MiB. A diary row holds an id, a date, an item, a
/// time and two small numbers (under 100 bytes); exports add a few columns of notes. A record
/// longer than this is refused as soon as the reader has buffered this many bytes of it, so a
/// 300 MB line costs 1 MiB of memory, not 300 MB.
pub const MAX_CSV_RECORD_BYTES: usize = 1 << 20;

/// The longest single field of an SRM diary CSV: 64 KiB (a page of free-text notes fits; no
/// diary value comes near it).
pub const MAX_CSV_FIELD_BYTES: usize = 64 << 10;

/// The most columns an SRM diary CSV header may have: 1 024. The long format needs six; wide
/// study exports carry a few dozen more, which are listed in a warning and ignored.
pub const MAX_CSV_COLUMNS: usize = 1_024;

/// The most diary cells (rows) held in memory when the rows of a diary CSV are not grouped by
/// participant (`--order any`): 4 000 000, about 250 MB. Grouped input streams instead and holds
/// one participant at a time.
pub const MAX_UNGROUPED_CELLS: usize = 4_000_000;

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

    #[test]
    fn bound_message_cuts_long_segments_and_keeps_the_rest() {
        let huge = "y".repeat(5_000);
        let msg = format!("invalid type: string {:?}, expected a date at line 1 column 5002", huge);
        let b = bound_message(&msg);
        assert!(b.starts_with("invalid type: string \"yyy"));
        assert!(b.ends_with("…\" (5000 bytes), expected a date at line 1 column 5002"), "{b}");
        // Escaped quotes inside a segment do not end it.
        let tricky = format!("x {:?} y", format!("a\"{}", "z".repeat(1000)));
        let b = bound_message(&tricky);
        assert!(b.len() < 200 && b.ends_with(" y"), "{b}");
        // An unclosed quote or no quote at all: the total cap still holds.
        let open = format!("`{}", "q".repeat(100_000));
        assert!(bound_message(&open).len() <= MAX_MESSAGE_BYTES + 64);
        let plain = "p".repeat(100_000);
        let b = bound_message(&plain);
        assert!(b.len() <= MAX_MESSAGE_BYTES + 64 && b.ends_with("(message cut: 100000 bytes)"));
        // Excerpts are never cut again, even when every character was escaped.
        let ctl = "\u{1}".repeat(100);
        let m = format!("bad {}", Excerpt::new(&ctl));
        assert_eq!(bound_message(&m), m);
    }
}
