//! `ipsrt measure score --input answers.csv`: scores a file of answer sets, one per row,
//! streaming: each row is read, scored and written before the next is read, so memory does not
//! grow with the file.
//!
//! The file is **wide**: a header `id,instrument,item1,...,itemN` (optionally
//! `id,instrument,date,item1,...`), then one answer set per row. `itemK` is the K-th item in
//! the instrument's form order (as `--answers` takes them; unscored items such as the PHQ-9
//! difficulty question count too), so one file can hold several instruments: a row's items
//! beyond its instrument's count must be empty. An empty cell is an unanswered item. Any other
//! column, a gap in the item numbers, a non-whole number, an answer outside its item's range or
//! an unknown instrument is refused with the line, the column and the value; nothing is
//! written then with `-o`.
//!
//! Output (CSV, `csv::Writer`), one row per answer set: `id`, `instrument`, (`date`), `total`
//! (empty when the policy gives no total), `status`, `n_missing`, `band`, `band_label`,
//! `safety_level` (the highest safety signal, empty when none), `safety_items`,
//! `safety_unanswered`, `flags` (`id=state` pairs separated by `;`).

use std::io::Write as _;
use std::path::Path;

use ipsrt::limits::Excerpt;
use ipsrt::measures::score::{Answers, ScoreOptions, TotalStatus, score};
use ipsrt::measures::{InstrumentId, MissingPolicy, builtin};
use ipsrt::srm::long_format::Fields as _;

use crate::csv_input::{CsvReader, Delimiter, Encoding};
use crate::error::CliError;
use crate::output::Output;

const EXPECTED: &str = "the header id,instrument,item1,item2,... and one row per answer set";

fn input(msg: String) -> CliError {
    CliError::Input(msg)
}

/// Options of a file scoring run.
pub struct BatchOptions<'a> {
    /// Every row must be of this instrument, when given.
    pub instrument: Option<InstrumentId>,
    /// Missing-data policy (`None`: each instrument's default).
    pub policy: Option<MissingPolicy>,
    /// Band scheme (`Some("")` = default scheme; `None` = the default scheme too: a file's
    /// output always has a band column).
    pub band: Option<&'a str>,
    /// CSV encoding.
    pub encoding: Option<Encoding>,
    /// CSV delimiter.
    pub delimiter: Option<Delimiter>,
    /// Output file (`None`: stdout).
    pub output: Option<&'a Path>,
}

/// Scores every row of `path`; returns the number of rows scored.
pub fn score_file(path: &Path, opts: &BatchOptions<'_>) -> Result<u64, CliError> {
    let mut csv = CsvReader::open_expecting(path, opts.encoding, opts.delimiter, EXPECTED)?;
    let name = csv.name().to_owned();
    let header: Vec<String> =
        csv.header().iter().map(|h| h.trim().trim_start_matches('\u{feff}').to_ascii_lowercase()).collect();
    let bad_header = |detail: String| input(format!("{name}: line 1: {detail}; write {EXPECTED}"));
    if header.first().map(String::as_str) != Some("id") || header.get(1).map(String::as_str) != Some("instrument") {
        return Err(bad_header(format!(
            "the header starts {}, not id,instrument",
            Excerpt::new(&header.iter().take(2).cloned().collect::<Vec<_>>().join(","))
        )));
    }
    let has_date = header.get(2).map(String::as_str) == Some("date");
    let first_item = if has_date { 3 } else { 2 };
    for (k, h) in header.iter().enumerate().skip(first_item) {
        let want = format!("item{}", k - first_item + 1);
        if *h != want {
            return Err(bad_header(format!(
                "column {} is {}, expected {want}: item columns are item1, item2, ... in form order, with no gap and nothing after them",
                k + 1,
                Excerpt::new(h)
            )));
        }
    }
    let n_cols = header.len() - first_item;

    let mut out = Output::create(opts.output)?;
    let mut rows = 0u64;
    {
        let mut w = csv::Writer::from_writer(&mut out);
        let werr = |e: csv::Error| input(format!("cannot write the scores: {e}"));
        let mut head = vec!["id", "instrument"];
        if has_date {
            head.push("date");
        }
        head.extend([
            "total",
            "status",
            "n_missing",
            "band",
            "band_label",
            "safety_level",
            "safety_items",
            "safety_unanswered",
            "flags",
        ]);
        w.write_record(&head).map_err(werr)?;
        let band_scheme = Some(opts.band.unwrap_or("").to_owned());
        let mut values: Vec<Option<i32>> = Vec::with_capacity(n_cols);
        while let Some(rec) = csv.next_record()? {
            let line = rec.line;
            let field = |i: usize| rec.field(i).unwrap_or("").trim();
            let at = |col: usize| format!("{name}: line {line}, field {}", header.get(col).map_or("?", String::as_str));
            let id = field(0);
            if id.is_empty() {
                return Err(input(format!("{}: the id is empty: give every answer set an id", at(0))));
            }
            ipsrt::limits::check_len("id", id, ipsrt::limits::MAX_ID_BYTES, true)
                .map_err(|e| input(format!("{}: {e}", at(0))))?;
            let inst_text = field(1);
            let instrument: InstrumentId = inst_text.parse().map_err(|e| input(format!("{}: {e}", at(1))))?;
            if let Some(only) = opts.instrument
                && only != instrument
            {
                return Err(input(format!(
                    "{}: {} but the command scores {only}: drop the instrument argument to score every instrument in the file",
                    at(1),
                    Excerpt::new(inst_text)
                )));
            }
            let date = if has_date {
                let t = field(2);
                ipsrt::time::parse_date(t)
                    .map_err(|_| input(format!("{}: {} is not a date: write YYYY-MM-DD", at(2), Excerpt::new(t))))?;
                Some(t)
            } else {
                None
            };
            let def = builtin(instrument);
            values.clear();
            for k in 0..n_cols {
                let col = first_item + k;
                let cell = field(col);
                if cell.is_empty() {
                    values.push(None);
                    continue;
                }
                if k >= def.items.len() {
                    return Err(input(format!(
                        "{}: {} but {instrument} has {} items: keep item{} onwards empty for {instrument}",
                        at(col),
                        Excerpt::new(cell),
                        def.items.len(),
                        def.items.len() + 1
                    )));
                }
                let v = cell.parse::<i32>().map_err(|_| {
                    input(format!(
                        "{}: {} is not a whole number: give the item's answer as a whole number, or leave the cell empty for unanswered",
                        at(col),
                        Excerpt::new(cell)
                    ))
                })?;
                values.push(Some(v));
            }
            let used = values.len().min(def.items.len());
            let answers = Answers::from_ordered(def, values.get(..used).unwrap_or(&[]))
                .map_err(|e| input(format!("{name}: line {line}: {e}")))?;
            let options = ScoreOptions { policy: opts.policy, band_scheme: band_scheme.clone() };
            let s = score(def, &answers, &options).map_err(|e| {
                let col = match &e {
                    ipsrt::measures::MeasureError::AnswerOutOfRange { item, .. } => {
                        def.items.iter().position(|i| &i.id == item).map(|p| format!(", field item{}", p + 1))
                    }
                    _ => None,
                };
                input(format!("{name}: line {line}{}: {e}", col.unwrap_or_default()))
            })?;
            let status = match s.status {
                TotalStatus::Complete => "complete",
                TotalStatus::Prorated { .. } => "prorated",
                TotalStatus::MissingAsZero { .. } => "missing_as_zero",
                TotalStatus::Incomplete { .. } => "incomplete",
            };
            let flags = s
                .flags
                .iter()
                .map(|f| {
                    let state = match f.state {
                        ipsrt::measures::FlagState::Raised => "raised",
                        ipsrt::measures::FlagState::NotRaised => "not_raised",
                        ipsrt::measures::FlagState::Indeterminate => "indeterminate",
                    };
                    format!("{}={state}", f.id)
                })
                .collect::<Vec<_>>()
                .join(";");
            let safety_items = s.safety.iter().map(|sig| sig.item.as_str()).collect::<Vec<_>>().join(";");
            let mut row: Vec<String> = vec![id.to_owned(), instrument.as_str().to_owned()];
            if let Some(d) = date {
                row.push(d.to_owned());
            }
            row.extend([
                s.total.map_or_else(String::new, |t| t.to_string()),
                status.to_owned(),
                s.missing.len().to_string(),
                s.band.as_ref().map_or_else(String::new, |b| b.band.id.clone()),
                s.band.as_ref().map_or_else(String::new, |b| b.band.label.clone()),
                s.safety_level().map_or_else(String::new, |l| l.as_str().to_owned()),
                safety_items,
                s.safety_unanswered.join(";"),
                flags,
            ]);
            w.write_record(&row).map_err(werr)?;
            rows += 1;
        }
        w.flush().map_err(|e| input(format!("cannot write the scores: {e}")))?;
    }
    if rows == 0 {
        return Err(input(format!("{name}: no rows, 0 answer sets scored; write {EXPECTED}")));
    }
    out.flush().map_err(|e| input(format!("cannot write the scores: {e}")))?;
    out.commit()?;
    Ok(rows)
}
