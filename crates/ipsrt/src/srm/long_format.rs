//! The long diary format: one row per participant, diary day and item, with the header
//! `participant,date,item,time[,people][,mood]`. Columns may come in any order, names are
//! matched ignoring case and whitespace (`Participant`, ` DATE `), and other columns are not
//! read ([`Columns::unknown`] lists them so that a caller can warn). This is what
//! `ipsrt srm score` reads and what research exports usually look like.
//!
//! The core does no I/O: the caller splits the text into fields (the CLI uses a bounded
//! `csv-core` reader; a binding can hand over a DataFrame's columns) and pushes one row at a
//! time into a [`DiaryStream`], which parses and checks every field and hands back each
//! participant's [`Diary`]. Rows grouped by participant ([`RowOrder::Grouped`], the default)
//! stream: a diary is handed back as soon as the next participant starts, and memory holds one
//! participant plus about 16 bytes per participant seen (a 64-bit hash of the id and its last
//! line, which detects a participant whose rows are not together). Rows in any order
//! ([`RowOrder::Any`]) are held until [`DiaryStream::finish`], at most
//! [`MAX_UNGROUPED_CELLS`] of them.
//!
//! * `date` is the **diary day** `YYYY-MM-DD` (a bedtime of 00:30 belongs to the previous
//!   diary day and is written with that day's date); day-first and US dates only with an
//!   explicit [`DateOrder`];
//! * `item` is an item id (`out_of_bed`) or its SRM-17 number (`1`);
//! * `time` is `HH:MM` or `H:MM` (`HH:MM:00` is read too), empty or `not_done` for "not done",
//!   `not_recorded` for nothing written; a bare number (`7`, `705`) is refused, since it could
//!   mean several times;
//! * `people` (optional) is the People code 0–3, `mood` (optional) −5..+5; empty = not given.
//!
//! **Duplicates.** Two rows for the same participant, day and item that say the same thing
//! count once. Rows that disagree (23:03 and 18:30) are an error naming both lines, unless
//! [`Duplicates::First`] or [`Duplicates::Last`] says which to keep; the rows dropped then are
//! listed in [`ParticipantDiary::dropped`]. A day's mood given twice follows the same rule.
//!
//! Every error names the line and the field, quotes the value through
//! [`Excerpt`] and says how to fix it, and a rejected row changes
//! nothing: the stream can go on with the next row.
//!
//! ```
//! use ipsrt::srm::long_format::{Columns, DiaryStream};
//! use ipsrt::srm::Form;
//!
//! let cols = Columns::from_header(&["participant", "date", "item", "time"])?;
//! let mut stream = DiaryStream::new(Form::Srm5, cols);
//! assert!(stream.push(2, &["P1", "2026-01-05", "to_bed", "23:10"])?.is_none());
//! assert!(stream.push(3, &["P1", "2026-01-06", "to_bed", "00:20"])?.is_none());
//! // A bad row is rejected with its line and field, and changes nothing.
//! let e = stream.push(4, &["P1", "2026-01-07", "to_bed", "24:00"]).unwrap_err();
//! assert!(e.to_string().starts_with("line 4, field time:"));
//! // The next participant completes the first one's diary.
//! let done = stream.push(5, &["P2", "2026-01-05", "out_of_bed", "7:00"])?.unwrap();
//! assert_eq!((done.participant.as_str(), done.diary.entries().len()), ("P1", 2));
//! let last = stream.finish().unwrap();
//! assert_eq!(last.participant, "P2");
//! # Ok::<(), ipsrt::srm::SrmError>(())
//! ```

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;
use serde::Serialize;

use super::{Diary, Entry, Form, ItemId, Mood, PeopleCode, SrmError, Status};
use crate::limits::{Excerpt, MAX_CSV_COLUMNS, MAX_UNGROUPED_CELLS};
use crate::time::ClockTime;

/// The header every long-format file needs (for error messages).
pub const HEADER: &str = "participant,date,item,time[,people][,mood]";

/// The longest span one participant's diary may cover in the long format: 20 years
/// (7 305 days). A longer span is almost always a typo in a date (1926 for 2026), and it would
/// make every window in between a row of output; design value, not a clinical rule.
pub const MAX_SPAN_DAYS: i64 = 7_305;

/// The column names the long format reads, in [`Columns`] order (normalised: lower case).
const NAMES: [&str; 6] = ["participant", "date", "item", "time", "people", "mood"];

/// Where each column is in a row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Columns {
    /// Participant id.
    pub participant: usize,
    /// Diary day.
    pub date: usize,
    /// Item id or SRM-17 number.
    pub item: usize,
    /// Clock time, empty for not done.
    pub time: usize,
    /// People code, if the file has that column.
    pub people: Option<usize>,
    /// Mood rating, if the file has that column.
    pub mood: Option<usize>,
}

/// A header name as compared: without a byte-order mark and whitespace, in lower case.
fn normalise(name: &str) -> String {
    name.trim_start_matches('\u{feff}').chars().filter(|c| !c.is_whitespace()).flat_map(char::to_lowercase).collect()
}

/// The header's names for an error message: the first eight, each quoted through [`Excerpt`].
fn header_list<S: AsRef<str>>(header: &[S]) -> String {
    let mut names: Vec<String> = header.iter().take(8).map(|h| Excerpt::new(h.as_ref()).to_string()).collect();
    if header.len() > 8 {
        names.push(format!("… ({} columns)", header.len()));
    }
    names.join(", ")
}

impl Columns {
    /// Finds the columns by name in a header row. Names are matched ignoring case and
    /// whitespace (`Participant`, ` DATE `); a leading byte-order mark is ignored.
    ///
    /// Fails when a required column is missing, a column the format reads appears twice, or
    /// the header has more than [`MAX_CSV_COLUMNS`] columns. Time is linear in the header's
    /// length.
    pub fn from_header<S: AsRef<str>>(header: &[S]) -> Result<Columns, SrmError> {
        if header.len() > MAX_CSV_COLUMNS {
            return Err(SrmError::InvalidHeader {
                detail: format!(
                    "the header has {} columns, more than the limit of {MAX_CSV_COLUMNS}; keep the diary columns ({HEADER}) and drop the others, or check that the delimiter is right",
                    header.len()
                ),
            });
        }
        let mut slots: [Option<usize>; 6] = [None; 6];
        for (i, h) in header.iter().enumerate() {
            let n = normalise(h.as_ref());
            let Some(k) = NAMES.iter().position(|x| *x == n) else { continue };
            if let Some(slot) = slots.get_mut(k) {
                if let Some(first) = *slot {
                    return Err(SrmError::InvalidHeader {
                        detail: format!(
                            "column {:?} appears twice (columns {} and {}); keep one (the header must be {HEADER})",
                            NAMES.get(k).copied().unwrap_or(""),
                            first + 1,
                            i + 1
                        ),
                    });
                }
                *slot = Some(i);
            }
        }
        let need = |k: usize| {
            slots.get(k).copied().flatten().ok_or_else(|| {
                let one = if header.len() == 1 {
                    "; a header read as one column usually means another delimiter (`--delimiter` in the CLI)"
                } else {
                    ""
                };
                SrmError::InvalidHeader {
                    detail: format!(
                        "missing column {:?}; the header must be {HEADER} (any order and case), and this one has {}{one}",
                        NAMES.get(k).copied().unwrap_or(""),
                        header_list(header)
                    ),
                }
            })
        };
        Ok(Columns {
            participant: need(0)?,
            date: need(1)?,
            item: need(2)?,
            time: need(3)?,
            people: slots.get(4).copied().flatten(),
            mood: slots.get(5).copied().flatten(),
        })
    }

    /// The names of the header's columns that the long format does not read (for a warning:
    /// a `Notes` column is fine, a misspelt `Peple` column is data that would be ignored).
    pub fn unknown<'h, S: AsRef<str>>(&self, header: &'h [S]) -> Vec<&'h str> {
        let used = [Some(self.participant), Some(self.date), Some(self.item), Some(self.time), self.people, self.mood];
        header.iter().enumerate().filter(|(i, _)| !used.contains(&Some(*i))).map(|(_, h)| h.as_ref()).collect()
    }
}

/// How dates are written in the `date` column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DateOrder {
    /// `YYYY-MM-DD` only (the default: the one unambiguous form).
    #[default]
    Iso,
    /// Day first: `31/12/2026`, `31-12-2026` or `31.12.2026` (and `YYYY-MM-DD`).
    DayFirst,
    /// Month first (US): `12/31/2026` (and `YYYY-MM-DD`).
    MonthFirst,
}

/// What to do with two rows for the same participant, day and item (or two moods of one day)
/// that disagree. Rows that agree always count once.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Duplicates {
    /// Refuse the second row with an error naming both lines (the default).
    #[default]
    Refuse,
    /// Keep the first row, list the later one in [`ParticipantDiary::dropped`].
    First,
    /// Keep the last row, list the earlier one in [`ParticipantDiary::dropped`].
    Last,
}

/// Whether the rows come grouped by participant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RowOrder {
    /// A participant's rows are together (sorted by participant, or exported per person):
    /// diaries stream out one at a time; a participant whose rows come back later is an error.
    #[default]
    Grouped,
    /// Any order (for example sorted by date): every row is held until
    /// [`DiaryStream::finish`], at most [`MAX_UNGROUPED_CELLS`] cells.
    Any,
}

/// How to read a bare number in the `time` column. Without one, a number is refused: `7`
/// could be 07:00 or 00:07, `705` could be 07:05 or 11:45.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TimeUnit {
    /// Minutes after midnight, a whole number 0–1439 (`420` = 07:00).
    Minutes,
    /// Hours after midnight, 0 ≤ h < 24, in whole minutes (`7` = 07:00, `23.5` = 23:30).
    Hours,
}

/// How a [`DiaryStream`] reads rows (every choice has a safe default).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct ReadOptions {
    /// How dates are written.
    pub dates: DateOrder,
    /// How to read bare numbers in the `time` column (`None`: refuse them).
    pub time_unit: Option<TimeUnit>,
    /// What to do with conflicting duplicate rows.
    pub duplicates: Duplicates,
    /// Whether rows are grouped by participant.
    pub order: RowOrder,
}

/// A row dropped under [`Duplicates::First`] or [`Duplicates::Last`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DroppedCell {
    /// The dropped row's line.
    pub line: u64,
    /// The line of the row kept instead.
    pub kept_line: u64,
    /// The diary day.
    pub date: NaiveDate,
    /// The item, or `None` for a day's mood.
    pub item: Option<ItemId>,
    /// What the dropped row said: a status (`23:03`, `not_done`), with `people=N` when it gave
    /// a People code, or the mood rating.
    pub value: String,
}

/// The fields of one row, by column index (a slice of strings, or a caller's record type that
/// borrows its fields from a reused buffer).
pub trait Fields {
    /// The field at `index`, or `None` when the row is shorter.
    fn field(&self, index: usize) -> Option<&str>;
}

impl<S: AsRef<str>> Fields for [S] {
    fn field(&self, index: usize) -> Option<&str> {
        self.get(index).map(AsRef::as_ref)
    }
}

impl<S: AsRef<str>, const N: usize> Fields for [S; N] {
    fn field(&self, index: usize) -> Option<&str> {
        self.get(index).map(AsRef::as_ref)
    }
}

impl<T: Fields + ?Sized> Fields for &T {
    fn field(&self, index: usize) -> Option<&str> {
        (**self).field(index)
    }
}

impl<S: AsRef<str>> Fields for Vec<S> {
    fn field(&self, index: usize) -> Option<&str> {
        self.get(index).map(AsRef::as_ref)
    }
}

/// One parsed row.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// Participant id (non-empty, trimmed).
    pub participant: String,
    /// The diary entry (day, item, status, People code).
    pub entry: Entry,
    /// The day's mood rating, when the row gives one.
    pub mood: Option<Mood>,
}

/// A parsed row borrowing its participant id from the input (no allocation per row).
struct Parsed<'a> {
    participant: &'a str,
    entry: Entry,
    mood: Option<Mood>,
}

fn row_error(line: u64, field: &'static str, detail: impl std::fmt::Display) -> SrmError {
    SrmError::InvalidRow { line, field, detail: detail.to_string() }
}

/// Parses a diary time: `HH:MM`, `H:MM` or `HH:MM:00`.
fn clock_time(t: &str) -> Option<ClockTime> {
    let mut parts = t.split(':');
    let (h, m, sec) = (parts.next()?, parts.next()?, parts.next());
    if parts.next().is_some() || !(1..=2).contains(&h.len()) || m.len() != 2 || sec.is_some_and(|s| s != "00") {
        return None;
    }
    if !h.bytes().chain(m.bytes()).all(|b| b.is_ascii_digit()) {
        return None;
    }
    let (h, m) = (h.parse::<u32>().ok()?, m.parse::<u32>().ok()?);
    ClockTime::from_hm(h, m).ok()
}

/// Reads a bare number as a clock time in `unit` (whole minutes only).
fn number_time(t: &str, unit: TimeUnit) -> Result<Status, String> {
    let q = Excerpt::new(t);
    let v: f64 = t.parse().map_err(|_| format!("{q} is not a number: write the time as HH:MM"))?;
    let minutes = match unit {
        TimeUnit::Minutes => v,
        TimeUnit::Hours => v * 60.0,
    };
    let whole = minutes.round();
    if !(0.0..1440.0).contains(&whole) || (minutes - whole).abs() > 1e-6 {
        let (what, range) = match unit {
            TimeUnit::Minutes => ("minutes", "a whole number from 0 to 1439"),
            TimeUnit::Hours => ("hours", "from 0 to under 24, in whole minutes (7.5 = 07:30)"),
        };
        return Err(format!("{q} is not a clock time in {what}: give {range}, or write HH:MM"));
    }
    ClockTime::from_minutes(whole as i64).map(Status::Done).map_err(|e| e.to_string())
}

/// Parses the `time` field (already trimmed).
fn parse_status_in(t: &str, unit: Option<TimeUnit>) -> Result<Status, String> {
    match unit {
        Some(u) if !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit() || b == b'.') => number_time(t, u),
        _ => parse_status(t),
    }
}

/// Parses the `time` field (already trimmed), refusing bare numbers.
fn parse_status(t: &str) -> Result<Status, String> {
    match t {
        "" | "not_done" | "-" => return Ok(Status::NotDone),
        "not_recorded" => return Ok(Status::NotRecorded),
        _ => {}
    }
    if let Some(c) = clock_time(t) {
        return Ok(Status::Done(c));
    }
    let q = Excerpt::new(t);
    if !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit() || b == b'.') {
        return Err(format!(
            "{q} is a number, not a clock time: write the time as HH:MM (07:05, 23:30); a bare number is refused because 7, 705 and 420 could each mean several times (`time_unit=\"minutes\"` or `\"hours\"` in Python reads numbers)"
        ));
    }
    if t.matches(':').count() == 2 {
        return Err(format!("{q} has seconds: diary times are whole minutes, so write HH:MM (HH:MM:00 is read too)"));
    }
    Err(format!(
        "{q} is not a diary time: write HH:MM or H:MM (24-hour, 00:00-23:59), or leave it empty (or not_done) for not done, or not_recorded"
    ))
}

/// Parses `YYYY-MM-DD` quickly (the hot path), without allocating.
fn iso_date(t: &str) -> Option<NaiveDate> {
    let b = t.as_bytes();
    if b.len() != 10 || b.get(4) != Some(&b'-') || b.get(7) != Some(&b'-') {
        return None;
    }
    let num = |r: std::ops::Range<usize>| -> Option<u32> {
        let s = b.get(r)?;
        s.iter().try_fold(0u32, |acc, &c| c.is_ascii_digit().then(|| acc * 10 + u32::from(c - b'0')))
    };
    NaiveDate::from_ymd_opt(i32::try_from(num(0..4)?).ok()?, num(5..7)?, num(8..10)?)
}

/// Parses a day-first or month-first date with `/`, `-` or `.` and a four-digit year.
fn dmy_date(t: &str, day_first: bool) -> Option<NaiveDate> {
    let sep = t.bytes().find(|b| matches!(b, b'/' | b'-' | b'.'))?;
    let mut parts = t.split(char::from(sep));
    let (a, b, y) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || y.len() != 4 || !(1..=2).contains(&a.len()) || !(1..=2).contains(&b.len()) {
        return None;
    }
    if !a.bytes().chain(b.bytes()).chain(y.bytes()).all(|c| c.is_ascii_digit()) {
        return None;
    }
    let (a, b, y) = (a.parse::<u32>().ok()?, b.parse::<u32>().ok()?, y.parse::<i32>().ok()?);
    let (d, m) = if day_first { (a, b) } else { (b, a) };
    NaiveDate::from_ymd_opt(y, m, d)
}

fn parse_date(t: &str, order: DateOrder) -> Result<NaiveDate, String> {
    if let Some(d) = iso_date(t) {
        return Ok(d);
    }
    let parsed = match order {
        DateOrder::Iso => None,
        DateOrder::DayFirst => dmy_date(t, true),
        DateOrder::MonthFirst => dmy_date(t, false),
    };
    if let Some(d) = parsed {
        return Ok(d);
    }
    let q = Excerpt::new(t);
    Err(match order {
        DateOrder::Iso if t.contains(['/', '.']) || (t.len() == 10 && t.get(2..3) == Some("-")) => format!(
            "{q} is not a date: write it as YYYY-MM-DD (2026-01-05); for day-first or US dates give the order explicitly (`--date-format dmy` or `mdy` in the CLI, `date_format=` in Python)"
        ),
        DateOrder::Iso => format!("{q} is not a date: write it as YYYY-MM-DD (2026-01-05; it must exist)"),
        DateOrder::DayFirst => {
            format!("{q} is not a day-first date: write DD/MM/YYYY (31/12/2026) or YYYY-MM-DD (it must exist)")
        }
        DateOrder::MonthFirst => {
            format!("{q} is not a month-first date: write MM/DD/YYYY (12/31/2026) or YYYY-MM-DD (it must exist)")
        }
    })
}

fn parse_fields<'a, F: Fields + ?Sized>(
    cols: &Columns,
    form: &Form,
    options: &ReadOptions,
    line: u64,
    fields: &'a F,
) -> Result<Parsed<'a>, SrmError> {
    let get = |i: usize| fields.field(i).map_or("", str::trim);
    let participant = get(cols.participant);
    if participant.is_empty() {
        return Err(row_error(line, "participant", "empty; give a participant id"));
    }
    let date = parse_date(get(cols.date), options.dates).map_err(|e| row_error(line, "date", e))?;
    let item_text = get(cols.item);
    let item: ItemId = item_text.parse().map_err(|_| {
        row_error(
            line,
            "item",
            format!(
                "unknown SRM item {}: use an id such as out_of_bed, first_contact, start_work, dinner, to_bed, or an SRM-17 number 1-17",
                Excerpt::new(item_text)
            ),
        )
    })?;
    if !form.has(item) {
        return Err(row_error(
            line,
            "item",
            format!(
                "{item} is not on the {} form; use the SRM-17 form (`--form srm_17` in the CLI)",
                form.kind().as_str()
            ),
        ));
    }
    let status = parse_status_in(get(cols.time), options.time_unit).map_err(|e| row_error(line, "time", e))?;
    let mut entry = Entry::new(date, item, status);
    if let Some(c) = cols.people {
        let t = get(c);
        if !t.is_empty() {
            let code: u8 = t.parse().map_err(|_| {
                row_error(
                    line,
                    "people",
                    format!("{} is not a People code: use 0, 1, 2 or 3 (or leave empty)", Excerpt::new(t)),
                )
            })?;
            entry.people = Some(PeopleCode::try_from(code).map_err(|e| row_error(line, "people", e))?);
        }
    }
    let mut mood = None;
    if let Some(c) = cols.mood {
        let t = get(c);
        if !t.is_empty() {
            let v: i64 = t.parse().map_err(|_| {
                row_error(
                    line,
                    "mood",
                    format!(
                        "{} is not a mood rating: use a whole number from -5 to 5 (or leave empty)",
                        Excerpt::new(t)
                    ),
                )
            })?;
            mood = Some(Mood::new(v).map_err(|e| row_error(line, "mood", e))?);
        }
    }
    Ok(Parsed { participant, entry, mood })
}

/// Parses one row of `form` (ISO dates). `line` is the row's line number in the file (for
/// errors).
pub fn parse_row<S: AsRef<str>>(cols: &Columns, form: &Form, line: u64, fields: &[S]) -> Result<Row, SrmError> {
    let p = parse_fields(cols, form, &ReadOptions::default(), line, fields)?;
    Ok(Row { participant: p.participant.to_owned(), entry: p.entry, mood: p.mood })
}

/// One participant's diary, complete.
#[derive(Debug, Clone, PartialEq)]
pub struct ParticipantDiary {
    /// Participant id.
    pub participant: String,
    /// Their diary.
    pub diary: Diary,
    /// Rows dropped as conflicting duplicates under [`Duplicates::First`] or
    /// [`Duplicates::Last`] (empty otherwise), in line order.
    pub dropped: Vec<DroppedCell>,
}

/// One diary cell as read.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Cell {
    line: u64,
    status: Status,
    people: Option<PeopleCode>,
}

fn cell_text(status: Status, people: Option<PeopleCode>) -> String {
    match people {
        Some(p) => format!("{status} people={}", p.code()),
        None => status.to_string(),
    }
}

/// What a row does to a participant's cells (decided before anything changes).
#[derive(Debug, Clone, Copy, PartialEq)]
enum Plan {
    /// A new cell (or mood).
    Insert,
    /// The same as the cell already there: counts once.
    Same,
    /// Conflicts; the earlier one is kept and this row dropped.
    DropNew(u64),
    /// Conflicts; this row replaces the earlier one, which is dropped.
    ReplaceOld,
    /// No mood on this row.
    Nothing,
}

/// One participant's rows so far.
#[derive(Debug, Clone, PartialEq)]
struct Pending {
    participant: String,
    cells: BTreeMap<(NaiveDate, ItemId), Cell>,
    moods: BTreeMap<NaiveDate, (u64, Mood)>,
    span: (NaiveDate, NaiveDate),
    dropped: Vec<DroppedCell>,
    last_line: u64,
}

impl Pending {
    fn new(participant: &str, date: NaiveDate) -> Pending {
        Pending {
            participant: participant.to_owned(),
            cells: BTreeMap::new(),
            moods: BTreeMap::new(),
            span: (date, date),
            dropped: Vec::new(),
            last_line: 0,
        }
    }

    /// Checks a row against this participant's rows; changes nothing.
    fn plan(&self, row: &Parsed<'_>, line: u64, duplicates: Duplicates) -> Result<(Plan, Plan), SrmError> {
        let date = row.entry.date;
        let (lo, hi) = (self.span.0.min(date), self.span.1.max(date));
        if (hi - lo).num_days() >= MAX_SPAN_DAYS {
            return Err(row_error(
                line,
                "date",
                format!(
                    "{date} would make {}'s diary span {lo} to {hi}, more than 20 years; check the date (a typo in the year?)",
                    Excerpt::new(row.participant)
                ),
            ));
        }
        let who = Excerpt::new(row.participant);
        let conflict = |field: &'static str, what: String, old_line: u64, old: String, new: String| {
            row_error(
                line,
                field,
                format!(
                    "{who} already has {what} at line {old_line} ({old}), and this row says {new}; remove one of the two rows, or choose which to keep (`--duplicates first|last` in the CLI, `duplicates=` in Python)"
                ),
            )
        };
        let item = row.entry.item;
        let cell = match self.cells.get(&(date, item)) {
            None => Plan::Insert,
            Some(old) if old.status == row.entry.status && old.people == row.entry.people => Plan::Same,
            Some(old) => match duplicates {
                Duplicates::Refuse => {
                    let field = if old.status == row.entry.status { "people" } else { "time" };
                    return Err(conflict(
                        field,
                        format!("{item} on {date}"),
                        old.line,
                        cell_text(old.status, old.people),
                        cell_text(row.entry.status, row.entry.people),
                    ));
                }
                Duplicates::First => Plan::DropNew(old.line),
                Duplicates::Last => Plan::ReplaceOld,
            },
        };
        let mood = match (row.mood, self.moods.get(&date)) {
            (None, _) => Plan::Nothing,
            (Some(_), None) => Plan::Insert,
            (Some(new), Some((_, old))) if new == *old => Plan::Same,
            (Some(new), Some((old_line, old))) => match duplicates {
                Duplicates::Refuse => {
                    return Err(conflict(
                        "mood",
                        format!("a mood for {date}"),
                        *old_line,
                        old.value().to_string(),
                        new.value().to_string(),
                    ));
                }
                Duplicates::First => Plan::DropNew(*old_line),
                Duplicates::Last => Plan::ReplaceOld,
            },
        };
        Ok((cell, mood))
    }

    /// Applies a planned row (cannot fail).
    fn apply(&mut self, row: &Parsed<'_>, line: u64, (cell, mood): (Plan, Plan)) {
        let date = row.entry.date;
        let item = row.entry.item;
        self.span = (self.span.0.min(date), self.span.1.max(date));
        self.last_line = self.last_line.max(line);
        let new = Cell { line, status: row.entry.status, people: row.entry.people };
        match cell {
            Plan::Insert => {
                self.cells.insert((date, item), new);
            }
            Plan::DropNew(kept_line) => self.dropped.push(DroppedCell {
                line,
                kept_line,
                date,
                item: Some(item),
                value: cell_text(new.status, new.people),
            }),
            Plan::ReplaceOld => {
                if let Some(old) = self.cells.insert((date, item), new) {
                    self.dropped.push(DroppedCell {
                        line: old.line,
                        kept_line: line,
                        date,
                        item: Some(item),
                        value: cell_text(old.status, old.people),
                    });
                }
            }
            Plan::Same | Plan::Nothing => {}
        }
        if let Some(m) = row.mood {
            match mood {
                Plan::Insert => {
                    self.moods.insert(date, (line, m));
                }
                Plan::DropNew(kept_line) => {
                    self.dropped.push(DroppedCell { line, kept_line, date, item: None, value: m.value().to_string() })
                }
                Plan::ReplaceOld => {
                    if let Some((old_line, old)) = self.moods.insert(date, (line, m)) {
                        self.dropped.push(DroppedCell {
                            line: old_line,
                            kept_line: line,
                            date,
                            item: None,
                            value: old.value().to_string(),
                        });
                    }
                }
                Plan::Same | Plan::Nothing => {}
            }
        }
    }

    fn grows(plan: (Plan, Plan)) -> bool {
        plan.0 == Plan::Insert
    }

    /// The finished diary (every item was checked against the form when its row was read).
    fn into_diary(self, form: &Form) -> ParticipantDiary {
        let entries = self
            .cells
            .into_iter()
            .map(|((date, item), cell)| {
                let mut entry = Entry::new(date, item, cell.status);
                entry.people = cell.people;
                entry
            })
            .collect();
        let moods = self.moods.into_iter().map(|(date, (_, mood))| (date, mood)).collect();
        let mut dropped = self.dropped;
        dropped.sort_by_key(|d| d.line);
        ParticipantDiary {
            participant: self.participant,
            diary: Diary::from_checked(form.clone(), entries, moods),
            dropped,
        }
    }
}

/// Groups parsed rows into one [`Diary`] per participant (see the module docs).
#[derive(Debug, Clone, PartialEq)]
pub struct DiaryStream {
    form: Form,
    cols: Columns,
    options: ReadOptions,
    /// The participant being read ([`RowOrder::Grouped`]).
    current: Option<Pending>,
    /// Hashes of the finished participants' ids with their last line (16 bytes each, not the
    /// ids themselves).
    seen: HashMap<u64, u64>,
    /// Every participant, in first-appearance order ([`RowOrder::Any`]).
    open: Vec<Pending>,
    index: HashMap<String, usize>,
    /// Cells held in `open`.
    held: usize,
    started: usize,
}

/// The hash that stands for a participant id in [`DiaryStream`]'s "seen" set (SipHash, fixed
/// keys, so it is the same in every run). Two ids colliding in 64 bits would make the second
/// one's first row an "appears again" error; for a million participants the chance is about
/// 3·10⁻⁸.
fn id_hash(id: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::hash::DefaultHasher::new();
    id.hash(&mut h);
    h.finish()
}

impl DiaryStream {
    /// A stream of diaries of `form` whose rows have these columns, with the default
    /// [`ReadOptions`] (ISO dates, conflicting duplicates refused, rows grouped by participant).
    pub fn new(form: Form, cols: Columns) -> DiaryStream {
        DiaryStream::with_options(form, cols, ReadOptions::default())
    }

    /// A stream with explicit [`ReadOptions`].
    pub fn with_options(form: Form, cols: Columns, options: ReadOptions) -> DiaryStream {
        DiaryStream {
            form,
            cols,
            options,
            current: None,
            seen: HashMap::new(),
            open: Vec::new(),
            index: HashMap::new(),
            held: 0,
            started: 0,
        }
    }

    /// The columns.
    pub fn columns(&self) -> &Columns {
        &self.cols
    }

    /// Adds one row (its fields, and its line number for errors). With grouped rows, returns
    /// the previous participant's finished diary when this row starts a new participant; with
    /// rows in any order, always `None` (the diaries come from [`DiaryStream::finish`]).
    ///
    /// Fails, changing nothing, on a malformed field, a conflicting duplicate (unless the
    /// options say which to keep), a participant whose rows are not together (grouped rows),
    /// or more than [`MAX_UNGROUPED_CELLS`] cells held (rows in any order).
    pub fn push<F: Fields + ?Sized>(&mut self, line: u64, fields: &F) -> Result<Option<ParticipantDiary>, SrmError> {
        let row = parse_fields(&self.cols, &self.form, &self.options, line, fields)?;
        let duplicates = self.options.duplicates;
        match self.options.order {
            RowOrder::Grouped => {
                if let Some(current) = self.current.as_mut().filter(|c| c.participant == row.participant) {
                    let plan = current.plan(&row, line, duplicates)?;
                    current.apply(&row, line, plan);
                    return Ok(None);
                }
                let hash = id_hash(row.participant);
                if let Some(last) = self.seen.get(&hash) {
                    return Err(row_error(
                        line,
                        "participant",
                        format!(
                            "{} appears again after other participants (its rows ended at line {last}); sort the file by participant (rows of one participant together), or read rows in any order (`--order any` in the CLI)",
                            Excerpt::new(row.participant)
                        ),
                    ));
                }
                let mut next = Pending::new(row.participant, row.entry.date);
                let plan = next.plan(&row, line, duplicates)?;
                let finished = self.current.take().map(|done| {
                    self.seen.insert(id_hash(&done.participant), done.last_line);
                    done.into_diary(&self.form)
                });
                next.apply(&row, line, plan);
                self.current = Some(next);
                self.started += 1;
                Ok(finished)
            }
            RowOrder::Any => {
                let existing = self.index.get(row.participant).copied();
                let plan = match existing.and_then(|i| self.open.get(i)) {
                    Some(p) => p.plan(&row, line, duplicates)?,
                    None => Pending::new(row.participant, row.entry.date).plan(&row, line, duplicates)?,
                };
                if Pending::grows(plan) && self.held >= MAX_UNGROUPED_CELLS {
                    return Err(row_error(
                        line,
                        "participant",
                        format!(
                            "more than {MAX_UNGROUPED_CELLS} diary cells would be held in memory because the rows are read in any order; sort the file by participant and read it grouped (it then streams in constant memory), or split it"
                        ),
                    ));
                }
                let pending = match existing.and_then(|i| self.open.get_mut(i)) {
                    Some(p) => p,
                    None => {
                        self.index.insert(row.participant.to_owned(), self.open.len());
                        self.open.push(Pending::new(row.participant, row.entry.date));
                        self.started += 1;
                        match self.open.last_mut() {
                            Some(p) => p,
                            None => return Ok(None),
                        }
                    }
                };
                pending.apply(&row, line, plan);
                if Pending::grows(plan) {
                    self.held += 1;
                }
                Ok(None)
            }
        }
    }

    /// Ends the input and hands back the diaries not handed back yet, one per call, in
    /// first-appearance order; `None` when there are none left. With grouped rows that is
    /// the last participant; with rows in any order, every participant.
    pub fn finish(&mut self) -> Option<ParticipantDiary> {
        if let Some(done) = self.current.take() {
            self.seen.insert(id_hash(&done.participant), done.last_line);
            return Some(done.into_diary(&self.form));
        }
        if !self.index.is_empty() {
            self.index.clear();
            self.open.reverse();
        }
        let next = self.open.pop()?;
        self.held = self.held.saturating_sub(next.cells.len());
        Some(next.into_diary(&self.form))
    }

    /// How many participants have been started so far.
    pub fn participants_seen(&self) -> usize {
        self.started
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stream() -> DiaryStream {
        let cols = Columns::from_header(&["participant", "date", "item", "time", "people", "mood"]).unwrap();
        DiaryStream::new(Form::Srm5, cols)
    }

    #[test]
    fn header_errors_name_the_column() {
        let e = Columns::from_header(&["participant", "date", "time"]).unwrap_err();
        assert_eq!(
            e.to_string(),
            format!(
                "line 1: missing column \"item\"; the header must be {HEADER} (any order and case), and this one has \"participant\", \"date\", \"time\""
            )
        );
        let e = Columns::from_header(&["participant", "date", "item", "time", "Date"]).unwrap_err();
        assert!(e.to_string().contains("\"date\" appears twice (columns 2 and 5)"), "{e}");
        // Any order, extra columns listed, names trimmed, case and whitespace ignored.
        let header = ["x", " time", "ITEM ", "Date", "\u{feff}Participant", "People", " m ood", "note"];
        let c = Columns::from_header(&header).unwrap();
        assert_eq!((c.participant, c.date, c.item, c.time, c.people, c.mood), (4, 3, 2, 1, Some(5), Some(6)));
        assert_eq!(c.unknown(&header), ["x", "note"]);
        // One column holding the whole header: the delimiter is wrong.
        let e = Columns::from_header(&["participant;date;item;time"]).unwrap_err();
        assert!(e.to_string().contains("another delimiter"), "{e}");
    }

    #[test]
    fn wide_headers_are_refused_quickly_and_quoted_briefly() {
        let wide: Vec<String> = (0..2_000_000).map(|i| format!("c{i}")).collect();
        let e = Columns::from_header(&wide).unwrap_err();
        assert!(e.to_string().contains("more than the limit of 1024"), "{e}");
        let mut just: Vec<String> = (0..MAX_CSV_COLUMNS - 4).map(|i| format!("c{i}")).collect();
        just.extend(["participant", "date", "item"].map(String::from));
        let e = Columns::from_header(&just).unwrap_err();
        assert!(e.to_string().len() < 1_000, "{e}");
        let long = "x".repeat(10_000_000);
        let e = Columns::from_header(&[long.as_str()]).unwrap_err();
        assert!(e.to_string().len() < 1_000);
    }

    #[test]
    fn times_dates_and_quoting() {
        let ok = |t: &str| parse_status(t).map(|s| s.to_string());
        assert_eq!(ok("7:05").unwrap(), "07:05");
        assert_eq!(ok("07:05").unwrap(), "07:05");
        assert_eq!(ok("23:03:00").unwrap(), "23:03");
        assert_eq!(ok("").unwrap(), "not_done");
        assert!(ok("23:03:30").unwrap_err().contains("seconds"));
        for n in ["7", "23", "705", "420.5"] {
            assert!(ok(n).unwrap_err().contains("is a number, not a clock time"), "{n}");
        }
        for bad in ["24:00", "7:5", "07:60", "7am", "-1:00", "007:05", "٠٧:٠٥"] {
            assert!(ok(bad).is_err(), "{bad}");
        }
        let long = "1".repeat(10_000_000);
        assert!(ok(&long).unwrap_err().len() < 1_000);
        let unit = |t: &str, u| parse_status_in(t, Some(u)).map(|s| s.to_string());
        assert_eq!(unit("7", TimeUnit::Hours).unwrap(), "07:00");
        assert_eq!(unit("23.5", TimeUnit::Hours).unwrap(), "23:30");
        assert_eq!(unit("420", TimeUnit::Minutes).unwrap(), "07:00");
        assert_eq!(unit("07:05", TimeUnit::Minutes).unwrap(), "07:05");
        for (t, u) in [
            ("24", TimeUnit::Hours),
            ("7.01", TimeUnit::Hours),
            ("1440", TimeUnit::Minutes),
            ("420.5", TimeUnit::Minutes),
            ("1.2.3", TimeUnit::Hours),
        ] {
            assert!(unit(t, u).is_err(), "{t}");
        }
        assert!(unit(&long, TimeUnit::Minutes).unwrap_err().len() < 1_000);
        let d = |t: &str, o| parse_date(t, o).map(|d| d.to_string());
        assert_eq!(d("2026-01-05", DateOrder::Iso).unwrap(), "2026-01-05");
        assert!(d("05/01/2026", DateOrder::Iso).unwrap_err().contains("--date-format dmy"));
        assert_eq!(d("05/01/2026", DateOrder::DayFirst).unwrap(), "2026-01-05");
        assert_eq!(d("5.1.2026", DateOrder::DayFirst).unwrap(), "2026-01-05");
        assert_eq!(d("01/05/2026", DateOrder::MonthFirst).unwrap(), "2026-01-05");
        assert_eq!(d("2026-01-05", DateOrder::MonthFirst).unwrap(), "2026-01-05");
        assert!(d("13/13/2026", DateOrder::DayFirst).is_err());
        assert!(d("05/01/26", DateOrder::DayFirst).is_err());
        assert!(d("2026-02-30", DateOrder::Iso).is_err());
    }

    #[test]
    fn rejected_rows_change_nothing() {
        let mut s = stream();
        s.push(2, &["P1", "2026-01-05", "to_bed", "23:00", "1", "2"]).unwrap();
        let bad: [&[&str]; 11] = [
            &["P1", "2026-01-05", "to_bed", "18:30", "", ""],
            &["P1", "2026-01-05", "to_bed", "23:00", "", "3"],
            &["", "2026-01-05", "to_bed", "23:00", "", ""],
            &["P1", "2026-13-01", "to_bed", "23:00", "", ""],
            &["P1", "2026-01-06", "bedtime", "23:00", "", ""],
            &["P1", "2026-01-06", "7", "23:00", "", ""],
            &["P1", "2026-01-06", "to_bed", "24:00", "", ""],
            &["P1", "2026-01-06", "to_bed", "7:5", "", ""],
            &["P1", "2026-01-06", "to_bed", "23:00", "4", ""],
            &["P1", "2026-01-06", "to_bed", "23:00", "", "6"],
            &["P1", "1926-01-06", "to_bed", "23:00", "", ""],
        ];
        for (i, fields) in bad.iter().enumerate() {
            let before = s.clone();
            let e = s.push(3 + i as u64, fields).unwrap_err();
            assert!(e.to_string().starts_with(&format!("line {}, field ", 3 + i)), "{e}");
            assert_eq!(s, before, "row {fields:?} changed the stream");
        }
    }

    #[test]
    fn groups_participants_and_rejects_unsorted_input() {
        let mut s = stream();
        assert!(s.push(2, &["A", "2026-01-05", "dinner", "18:00", "", "-1"]).unwrap().is_none());
        assert!(s.push(3, &["A", "2026-01-05", "to_bed", "", "", "-1"]).unwrap().is_none());
        let a = s.push(4, &["B", "2026-01-05", "dinner", "18:30", "", ""]).unwrap().unwrap();
        assert_eq!(a.participant, "A");
        assert_eq!(a.diary.entries().len(), 2);
        // The first mood of a day counts.
        let day = NaiveDate::from_ymd_opt(2026, 1, 5).unwrap();
        assert_eq!(a.diary.moods().get(&day), Some(&Mood::new(-1).unwrap()));
        let before = s.clone();
        let e = s.push(5, &["A", "2026-01-06", "dinner", "18:00", "", ""]).unwrap_err();
        assert!(e.to_string().contains("sort the file by participant"), "{e}");
        assert!(e.to_string().contains("ended at line 3"), "{e}");
        assert_eq!(s, before);
        assert_eq!(s.finish().unwrap().participant, "B");
        assert!(s.finish().is_none());
        assert_eq!(s.participants_seen(), 2);
    }

    #[test]
    fn duplicates_count_once_conflict_or_are_chosen() {
        let rows: [[&str; 6]; 3] = [
            ["P1", "2026-01-05", "to_bed", "23:03", "", "1"],
            ["P1", "2026-01-05", "to_bed", "23:03", "", "1"],
            ["P1", "2026-01-05", "to_bed", "18:30", "", "1"],
        ];
        // Identical rows count once; a conflicting one names both lines.
        let mut s = stream();
        s.push(2, &rows[0]).unwrap();
        s.push(3, &rows[1]).unwrap();
        let e = s.push(4, &rows[2]).unwrap_err().to_string();
        assert!(e.starts_with("line 4, field time:") && e.contains("at line 2 (23:03)") && e.contains("18:30"), "{e}");
        let p = s.finish().unwrap();
        assert_eq!((p.diary.entries().len(), p.dropped.len()), (1, 0));
        for (policy, kept, dropped) in [(Duplicates::First, "23:03", "18:30"), (Duplicates::Last, "18:30", "23:03")] {
            let cols = Columns::from_header(&["participant", "date", "item", "time", "people", "mood"]).unwrap();
            let opts = ReadOptions { duplicates: policy, ..ReadOptions::default() };
            let mut s = DiaryStream::with_options(Form::Srm5, cols, opts);
            for (i, r) in rows.iter().enumerate() {
                s.push(i as u64 + 2, r).unwrap();
            }
            let p = s.finish().unwrap();
            assert_eq!(p.diary.entries()[0].status.to_string(), kept);
            assert_eq!(p.dropped.len(), 1);
            assert_eq!(p.dropped[0].value, dropped);
        }
        // Moods of one day that disagree.
        let mut s = stream();
        s.push(2, &["P1", "2026-01-05", "to_bed", "23:03", "", "1"]).unwrap();
        let e = s.push(3, &["P1", "2026-01-05", "dinner", "18:03", "", "2"]).unwrap_err().to_string();
        assert!(e.starts_with("line 3, field mood:") && e.contains("line 2"), "{e}");
    }

    #[test]
    fn rows_in_any_order_are_grouped_in_memory() {
        let cols = Columns::from_header(&["participant", "date", "item", "time"]).unwrap();
        let opts = ReadOptions { order: RowOrder::Any, ..ReadOptions::default() };
        let mut s = DiaryStream::with_options(Form::Srm5, cols, opts);
        for (i, r) in [
            ["A", "2026-01-05", "dinner", "18:00"],
            ["B", "2026-01-05", "dinner", "19:00"],
            ["A", "2026-01-06", "dinner", "18:10"],
        ]
        .iter()
        .enumerate()
        {
            assert!(s.push(i as u64 + 2, r).unwrap().is_none());
        }
        let a = s.finish().unwrap();
        let b = s.finish().unwrap();
        assert!(s.finish().is_none());
        assert_eq!((a.participant.as_str(), a.diary.entries().len()), ("A", 2));
        assert_eq!((b.participant.as_str(), b.diary.entries().len()), ("B", 1));
        assert_eq!(s.participants_seen(), 2);
    }

    mod props {
        use super::*;
        use proptest::prelude::*;

        fn cell() -> impl Strategy<Value = [String; 6]> {
            (0..3u8, 0..4u8, 0..5usize, prop::option::of(0..1440u16), prop::option::of(-6..7i8)).prop_map(
                |(p, d, i, t, m)| {
                    [
                        format!("P{p}"),
                        format!("2026-01-0{}", 5 + d),
                        ["out_of_bed", "first_contact", "start_work", "dinner", "to_bed"][i].to_owned(),
                        t.map_or(String::new(), |t| format!("{}:{:02}", t / 60, t % 60)),
                        String::new(),
                        m.map_or(String::new(), |m| m.to_string()),
                    ]
                },
            )
        }

        proptest! {
            /// A rejected row leaves the stream exactly as it was, in both row orders and
            /// under every duplicates policy; and reading rows in any order gives the same
            /// diaries as reading them grouped.
            #[test]
            fn rejected_rows_change_nothing_and_orders_agree(rows in prop::collection::vec(cell(), 0..40), pol in 0..3u8) {
                let duplicates = [Duplicates::Refuse, Duplicates::First, Duplicates::Last][pol as usize];
                let cols = Columns::from_header(&["participant", "date", "item", "time", "people", "mood"]).unwrap();
                let any = ReadOptions { duplicates, order: RowOrder::Any, ..ReadOptions::default() };
                let grouped = ReadOptions { duplicates, ..ReadOptions::default() };
                let mut a = DiaryStream::with_options(Form::Srm5, cols, any);
                let mut g = DiaryStream::with_options(Form::Srm5, cols, grouped);
                let mut sorted: Vec<(usize, &[String; 6])> = rows.iter().enumerate().collect();
                sorted.sort_by(|x, y| x.1[0].cmp(&y.1[0]).then(x.0.cmp(&y.0)));
                let mut from_a = Vec::new();
                for (i, r) in rows.iter().enumerate() {
                    let before = a.clone();
                    if a.push(i as u64 + 2, r).is_err() {
                        prop_assert_eq!(&a, &before);
                    }
                }
                while let Some(p) = a.finish() { from_a.push(p); }
                let mut from_g = Vec::new();
                for (i, r) in &sorted {
                    let before = g.clone();
                    match g.push(*i as u64 + 2, *r) {
                        Ok(done) => from_g.extend(done),
                        Err(_) => prop_assert_eq!(&g, &before),
                    }
                }
                from_g.extend(g.finish());
                from_a.sort_by(|x, y| x.participant.cmp(&y.participant));
                prop_assert_eq!(from_a, from_g);
            }
        }
    }
}
