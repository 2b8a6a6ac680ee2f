//! Reading a diary CSV as people export it: the encoding (UTF-8, UTF-16 with a byte-order
//! mark, or Latin-1 when asked), the delimiter (`,`, `;` or tab, detected from the header or
//! forced), and records bounded in size before they are buffered whole.
//!
//! The records come from `csv-core` into two fixed buffers (one record's bytes, at most
//! [`MAX_CSV_RECORD_BYTES`], and its field ends, at most [`MAX_CSV_COLUMNS`]), reused for every
//! row: a longer record or a wider row is refused as soon as a buffer is full, so memory does
//! not depend on what the file holds, and reading a row allocates nothing.

use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::Path;

use ipsrt::limits::{Excerpt, MAX_CSV_COLUMNS, MAX_CSV_FIELD_BYTES, MAX_CSV_RECORD_BYTES};
use ipsrt::srm::long_format::{Fields, HEADER};

use crate::error::CliError;

/// How many bytes of the file are looked at to detect the encoding and the delimiter.
const SAMPLE_BYTES: usize = 64 << 10;

/// The text encoding of a diary CSV (`--encoding`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Encoding {
    /// UTF-8 (a byte-order mark is skipped).
    Utf8,
    /// Latin-1 / ISO-8859-1, read as its superset windows-1252 (older Excel exports).
    #[value(alias = "windows-1252", alias = "iso-8859-1", alias = "cp1252")]
    Latin1,
    /// UTF-16 little-endian ("Unicode text" from Excel on Windows).
    Utf16le,
    /// UTF-16 big-endian.
    Utf16be,
}

/// The field delimiter (`--delimiter`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Delimiter {
    /// `,`
    Comma,
    /// `;` (Excel in locales with a decimal comma: Dutch, German, French, ...)
    Semicolon,
    /// a tab character
    Tab,
}

impl Delimiter {
    fn byte(self) -> u8 {
        match self {
            Delimiter::Comma => b',',
            Delimiter::Semicolon => b';',
            Delimiter::Tab => b'\t',
        }
    }
}

fn delimiter_name(d: u8) -> &'static str {
    match d {
        b';' => "semicolon",
        b'\t' => "tab",
        _ => "comma",
    }
}

/// One record, borrowing the reader's buffers.
pub struct Record<'a> {
    text: &'a str,
    ends: &'a [usize],
    /// The line the record starts on (the header is line 1).
    pub line: u64,
}

impl Fields for Record<'_> {
    fn field(&self, index: usize) -> Option<&str> {
        let end = *self.ends.get(index)?;
        let start = if index == 0 { 0 } else { *self.ends.get(index - 1)? };
        self.text.get(start..end)
    }
}

/// A bounded, streaming CSV reader over a decoded (UTF-8) byte stream.
pub struct CsvReader {
    src: Box<dyn BufRead>,
    core: csv_core::Reader,
    buf: Vec<u8>,
    ends: Vec<usize>,
    name: String,
    header: Vec<String>,
    delimiter: u8,
    /// Whether the bytes are read as UTF-8 without transcoding (then a non-UTF-8 byte
    /// deserves the `--encoding latin1` hint).
    raw_utf8: bool,
    /// Bytes of (decoded) input consumed so far.
    pub consumed: u64,
}

fn input(msg: String) -> CliError {
    CliError::Input(msg)
}

/// Reads up to `SAMPLE_BYTES` from `file`.
fn sample(file: &mut File, path: &Path) -> Result<Vec<u8>, CliError> {
    let mut prefix = Vec::with_capacity(SAMPLE_BYTES);
    file.by_ref().take(SAMPLE_BYTES as u64).read_to_end(&mut prefix).map_err(|e| CliError::io(path, e))?;
    Ok(prefix)
}

/// Refuses a sample that is not UTF-8, naming the encoding it most likely is.
fn check_utf8(prefix: &[u8], name: &str) -> Result<(), CliError> {
    if prefix.contains(&0) {
        return Err(input(format!(
            "{name}: the file holds NUL bytes, so it is most likely UTF-16 without a byte-order mark; save it as UTF-8 (Excel: \"CSV UTF-8\"), or read it with --encoding utf16le (or utf16be)"
        )));
    }
    let err = match std::str::from_utf8(prefix) {
        Ok(_) => return Ok(()),
        // Cut in the middle of a character at the end of the sample: not an error.
        Err(e) if e.error_len().is_none() => return Ok(()),
        Err(e) => e,
    };
    let at = err.valid_up_to();
    let line = prefix.get(..at).map_or(0, |p| p.iter().filter(|b| **b == b'\n').count()) + 1;
    let byte = prefix.get(at).copied().unwrap_or(0);
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(prefix, prefix.len() < SAMPLE_BYTES);
    let guess = detector.guess(None, chardetng::Utf8Detection::Allow);
    let fix = if guess == encoding_rs::WINDOWS_1252 || guess.name().starts_with("ISO-8859") {
        "read it with --encoding latin1, or save it as UTF-8 (Excel: \"CSV UTF-8\")".to_owned()
    } else {
        format!(
            "ipsrt reads UTF-8, UTF-16 and Latin-1 only: save it as UTF-8 (Excel: \"CSV UTF-8\"); if it is Latin-1 after all, read it with --encoding latin1 (guessed {})",
            guess.name()
        )
    };
    Err(input(format!(
        "{name}: line {line}: byte 0x{byte:02X} is not UTF-8; the file is most likely {} (Latin-1), not UTF-8: {fix}",
        if guess == encoding_rs::WINDOWS_1252 { "windows-1252" } else { guess.name() }
    )))
}

/// Picks the delimiter the header line uses most among `,`, `;` and tab (outside quotes);
/// `,` when it has none.
fn sniff(sample: &[u8]) -> u8 {
    let line = sample.split(|b| *b == b'\n').next().unwrap_or(sample);
    let (mut quoted, mut counts) = (false, [0usize; 3]);
    for b in line {
        match b {
            b'"' => quoted = !quoted,
            b',' if !quoted => counts[0] += 1,
            b';' if !quoted => counts[1] += 1,
            b'\t' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    let best = (0..3).max_by_key(|i| (counts[*i], 3 - *i)).unwrap_or(0);
    if counts[best] == 0 { b',' } else { [b',', b';', b'\t'][best] }
}

impl CsvReader {
    /// Opens `path`, detects its encoding (or uses `encoding`) and delimiter (or uses
    /// `delimiter`), and reads the header.
    pub fn open(path: &Path, encoding: Option<Encoding>, delimiter: Option<Delimiter>) -> Result<CsvReader, CliError> {
        Self::open_expecting(
            path,
            encoding,
            delimiter,
            &format!("the header {HEADER} and one row per participant, day and item"),
        )
    }

    /// As [`CsvReader::open`], for a file of another layout: `expected` says what to write in a
    /// file that is empty or has no header ("the header id,instrument,... and one row per
    /// answer set").
    pub fn open_expecting(
        path: &Path,
        encoding: Option<Encoding>,
        delimiter: Option<Delimiter>,
        expected: &str,
    ) -> Result<CsvReader, CliError> {
        let name = path.display().to_string();
        let mut file = File::open(path).map_err(|e| CliError::io(path, e))?;
        let prefix = sample(&mut file, path)?;
        if prefix.is_empty() {
            return Err(input(format!("{name}: the file is empty, 0 rows scored; write {expected}")));
        }
        let bom16 = match prefix.get(..2) {
            Some([0xFF, 0xFE]) => Some(encoding_rs::UTF_16LE),
            Some([0xFE, 0xFF]) => Some(encoding_rs::UTF_16BE),
            _ => None,
        };
        let chosen = match encoding {
            Some(Encoding::Utf8) => None,
            Some(Encoding::Latin1) => Some(encoding_rs::WINDOWS_1252),
            Some(Encoding::Utf16le) => Some(encoding_rs::UTF_16LE),
            Some(Encoding::Utf16be) => Some(encoding_rs::UTF_16BE),
            None => bom16,
        };
        if encoding.is_none() && chosen.is_none() {
            check_utf8(&prefix, &name)?;
        }
        let raw = std::io::Cursor::new(prefix).chain(file);
        let src: Box<dyn BufRead> = match chosen {
            None => Box::new(BufReader::with_capacity(SAMPLE_BYTES, raw)),
            Some(enc) => Box::new(BufReader::with_capacity(
                SAMPLE_BYTES,
                encoding_rs_io::DecodeReaderBytesBuilder::new()
                    .encoding(Some(enc))
                    .bom_override(true)
                    .strip_bom(true)
                    .build(raw),
            )),
        };
        let mut reader = CsvReader {
            src,
            core: csv_core::Reader::new(),
            buf: vec![0; MAX_CSV_RECORD_BYTES],
            ends: vec![0; MAX_CSV_COLUMNS + 1],
            name,
            header: Vec::new(),
            delimiter: b',',
            raw_utf8: chosen.is_none(),
            consumed: 0,
        };
        let d = match delimiter {
            Some(d) => d.byte(),
            None => {
                let available = reader.src.fill_buf().map_err(|e| CliError::io(path, e))?;
                sniff(available.strip_prefix(b"\xef\xbb\xbf").unwrap_or(available))
            }
        };
        reader.delimiter = d;
        reader.core = csv_core::ReaderBuilder::new().delimiter(d).build();
        let header = match reader.read(true)? {
            Some(rec) => (0..rec.ends.len()).map(|i| rec.field(i).unwrap_or("").to_owned()).collect::<Vec<_>>(),
            None => {
                return Err(input(format!(
                    "{}: the file has no header (only blank lines), 0 rows scored; write {expected}",
                    reader.name
                )));
            }
        };
        reader.header = header;
        Ok(reader)
    }

    /// The header's names.
    pub fn header(&self) -> &[String] {
        &self.header
    }

    /// The file name for messages.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The delimiter in use, by name (for messages).
    pub fn delimiter_name(&self) -> &'static str {
        delimiter_name(self.delimiter)
    }

    fn field_name(&self, index: usize) -> String {
        match self.header.get(index) {
            Some(h) => Excerpt::new(h).to_string(),
            None => format!("{}", index + 1),
        }
    }

    /// The next record (blank lines skipped), or `None` at the end of the file.
    pub fn next_record(&mut self) -> Result<Option<Record<'_>>, CliError> {
        self.read(false)
    }

    /// Reads the next non-blank record into the buffers: `(bytes, fields, line)`.
    fn fill(&mut self, is_header: bool) -> Result<Option<(usize, usize, u64)>, CliError> {
        loop {
            let (mut nout, mut nend) = (0usize, 0usize);
            let last_byte;
            loop {
                let input = self.src.fill_buf().map_err(|e| {
                    CliError::Input(format!(
                        "{}: cannot read: {e}{}",
                        self.name,
                        if e.kind() == std::io::ErrorKind::InvalidData {
                            " (the file is not in the encoding given; check --encoding)"
                        } else {
                            ""
                        }
                    ))
                })?;
                let out = self.buf.get_mut(nout..).unwrap_or_default();
                let ends = self.ends.get_mut(nend..).unwrap_or_default();
                let (res, nin, o, e) = self.core.read_record(input, out, ends);
                let last = nin.checked_sub(1).and_then(|i| input.get(i)).copied();
                self.src.consume(nin);
                self.consumed += nin as u64;
                nout += o;
                nend += e;
                match res {
                    csv_core::ReadRecordResult::InputEmpty => continue,
                    csv_core::ReadRecordResult::OutputFull => return Err(self.too_long(nout, nend)),
                    csv_core::ReadRecordResult::OutputEndsFull => return Err(self.too_wide(nout, is_header)),
                    csv_core::ReadRecordResult::End => return Ok(None),
                    csv_core::ReadRecordResult::Record => {
                        last_byte = last;
                        break;
                    }
                }
            }
            if nout == 0 && nend <= 1 {
                continue; // a blank line
            }
            let embedded = self.buf.get(..nout).map_or(0, |b| b.iter().filter(|b| **b == b'\n').count()) as u64;
            let line = self.core.line().saturating_sub(u64::from(last_byte == Some(b'\n'))).saturating_sub(embedded);
            return Ok(Some((nout, nend, line)));
        }
    }

    fn read(&mut self, is_header: bool) -> Result<Option<Record<'_>>, CliError> {
        let Some((nout, nend, line)) = self.fill(is_header)? else { return Ok(None) };
        let bytes = self.buf.get(..nout).unwrap_or(&[]);
        let ends = self.ends.get(..nend).unwrap_or(&[]);
        let mut start = 0;
        for (i, &end) in ends.iter().enumerate() {
            if end - start > MAX_CSV_FIELD_BYTES {
                let value = Excerpt::bytes(bytes.get(start..end).unwrap_or(&[])).to_string();
                return Err(input(format!(
                    "{}: line {line}, field {}: {value} is longer than the limit of {} KiB per field; check for a missing closing quote, or shorten the value",
                    self.name,
                    self.field_name(i),
                    MAX_CSV_FIELD_BYTES >> 10
                )));
            }
            start = end;
        }
        let text = match std::str::from_utf8(bytes) {
            Ok(t) if ends.iter().all(|e| t.is_char_boundary(*e)) => t,
            Ok(_) => return Err(self.not_utf8(line, bytes, ends, 0)),
            Err(e) => return Err(self.not_utf8(line, bytes, ends, e.valid_up_to())),
        };
        if !is_header && nend != self.header.len() {
            return Err(input(format!(
                "{}: line {line}: {nend} fields, but the header has {}; check the quoting and the delimiter (reading with {}; force another with --delimiter)",
                self.name,
                self.header.len(),
                delimiter_name(self.delimiter)
            )));
        }
        Ok(Some(Record { text, ends, line }))
    }

    fn not_utf8(&self, line: u64, bytes: &[u8], ends: &[usize], at: usize) -> CliError {
        let field = ends.iter().position(|e| *e > at).unwrap_or(0);
        let start = if field == 0 { 0 } else { ends.get(field - 1).copied().unwrap_or(0) };
        let value = Excerpt::bytes(bytes.get(start..).unwrap_or(&[]));
        let hint = if self.raw_utf8 {
            "the file is most likely Latin-1 (windows-1252): read it with --encoding latin1, or save it as UTF-8"
        } else {
            "check --encoding, or save the file as UTF-8"
        };
        input(format!("{}: line {line}, field {}: not UTF-8 after {value}; {hint}", self.name, self.field_name(field)))
    }

    fn line_now(&self, nout: usize) -> u64 {
        let embedded = self.buf.get(..nout).map_or(0, |b| b.iter().filter(|b| **b == b'\n').count()) as u64;
        self.core.line().saturating_sub(embedded)
    }

    fn too_long(&self, nout: usize, nend: usize) -> CliError {
        let start = nend.checked_sub(1).and_then(|i| self.ends.get(i)).copied().unwrap_or(0);
        let field = self.buf.get(start..nout).unwrap_or(&[]);
        let head = Excerpt::bytes(field.get(..60).unwrap_or(field));
        input(format!(
            "{}: line {}, field {}: the record is longer than the limit of {} MiB (the field starts {head}… and has over {} bytes); check for a missing closing quote or line break, or split the value",
            self.name,
            self.line_now(nout),
            self.field_name(nend),
            MAX_CSV_RECORD_BYTES >> 20,
            field.len()
        ))
    }

    fn too_wide(&self, nout: usize, is_header: bool) -> CliError {
        let what = if is_header { "the header" } else { "the row" };
        input(format!(
            "{}: line {}: {what} has more than {MAX_CSV_COLUMNS} columns, the limit; keep the diary columns ({HEADER}) and drop the others, or check the delimiter (reading with {})",
            self.name,
            self.line_now(nout),
            delimiter_name(self.delimiter)
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffs_the_header_delimiter() {
        assert_eq!(sniff(b"participant;date;item;time\nP,1,2,3"), b';');
        assert_eq!(sniff(b"participant\tdate\titem\ttime"), b'\t');
        assert_eq!(sniff(b"participant,date,item,time"), b',');
        assert_eq!(sniff(b"\"a;b\",c,d"), b',');
        assert_eq!(sniff(b"participant"), b',');
    }

    mod props {
        use super::*;
        use proptest::prelude::*;

        fn quote(field: &str, d: char) -> String {
            if field.contains([d, '"', '\n', '\r']) || field.is_empty() {
                format!("\"{}\"", field.replace('"', "\"\""))
            } else {
                field.to_owned()
            }
        }

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(64))]
            /// Whatever the fields hold (delimiters, quotes, line breaks, non-ASCII), a file
            /// written with CSV quoting reads back field for field, with each record's first
            /// line number, for every delimiter and line ending.
            #[test]
            fn records_read_back_with_their_lines(
                rows in prop::collection::vec(prop::collection::vec("[a-c,;\t\"\n\r é]{0,6}", 3), 1..12),
                d in 0..3usize,
                crlf in any::<bool>(),
            ) {
                let delim = [Delimiter::Comma, Delimiter::Semicolon, Delimiter::Tab][d];
                let dc = char::from(delim.byte());
                let eol = if crlf { "\r\n" } else { "\n" };
                let mut text = format!("h1{dc}h2{dc}h3{eol}");
                let mut lines = Vec::new();
                let mut line = 2u64;
                for r in &rows {
                    lines.push(line);
                    let rec: Vec<String> = r.iter().map(|f| quote(f, dc)).collect();
                    let rec = rec.join(&dc.to_string());
                    line += rec.matches('\n').count() as u64 + 1;
                    text += &rec;
                    text += eol;
                }
                let path = std::env::temp_dir().join(format!("ipsrt-csv-prop-{}-{:?}.csv", std::process::id(), std::thread::current().id()));
                std::fs::write(&path, &text).unwrap();
                let mut reader = CsvReader::open(&path, None, Some(delim)).unwrap();
                prop_assert_eq!(reader.header(), ["h1", "h2", "h3"]);
                for (r, want_line) in rows.iter().zip(&lines) {
                    let rec = reader.next_record().unwrap().unwrap();
                    let got: Vec<&str> = (0..3).map(|i| rec.field(i).unwrap()).collect();
                    prop_assert_eq!(&got, r);
                    prop_assert_eq!(rec.line, *want_line);
                }
                prop_assert!(reader.next_record().unwrap().is_none());
                std::fs::remove_file(&path).ok();
            }
        }
    }
}
