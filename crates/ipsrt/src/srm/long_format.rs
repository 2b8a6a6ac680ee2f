//! The long diary format: one row per participant, diary day and item, with the header
//! `participant,date,item,time[,people][,mood]` (columns in any order, extra columns ignored).
//! This is what `ipsrt srm score` reads and what research exports usually look like.
//!
//! The core does no I/O: the caller splits the text into fields (the CLI uses the `csv` crate;
//! a binding can hand over a DataFrame's columns) and pushes one row at a time into a
//! [`DiaryStream`], which parses and checks every field and hands back each participant's
//! [`Diary`] as soon as the next participant starts. For input sorted (grouped) by participant,
//! memory is bounded by one participant's rows plus 8 bytes per participant: a 64-bit hash of
//! every id seen, which detects a participant whose rows are not together.
//!
//! * `date` is the **diary day** `YYYY-MM-DD` (a bedtime of 00:30 belongs to the previous
//!   diary day and is written with that day's date);
//! * `item` is an item id (`out_of_bed`) or its SRM-17 number (`1`);
//! * `time` is `HH:MM`, or empty for "not done";
//! * `people` (optional) is the People code 0–3, `mood` (optional) −5..+5; empty = not given.
//!
//! Every error names the line and the field and says how to fix it, and a rejected row
//! changes nothing: the stream can go on with the next row.
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
//! let done = stream.push(5, &["P2", "2026-01-05", "out_of_bed", "07:00"])?.unwrap();
//! assert_eq!((done.participant.as_str(), done.diary.entries().len()), ("P1", 2));
//! let last = stream.finish().unwrap();
//! assert_eq!(last.participant, "P2");
//! # Ok::<(), ipsrt::srm::SrmError>(())
//! ```

use std::collections::HashSet;

use chrono::NaiveDate;

use super::{Diary, Entry, Form, ItemId, Mood, PeopleCode, SrmError, Status};

/// The header every long-format file needs (for error messages).
pub const HEADER: &str = "participant,date,item,time[,people][,mood]";

/// The longest span one participant's diary may cover in the long format: 20 years
/// (7 305 days). A longer span is almost always a typo in a date (1926 for 2026), and it would
/// make every window in between a row of output; design value, not a clinical rule.
pub const MAX_SPAN_DAYS: i64 = 7_305;

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

impl Columns {
    /// Finds the columns by name in a header row (names trimmed, case-sensitive).
    ///
    /// Fails when a required column is missing or a column name appears twice.
    pub fn from_header<S: AsRef<str>>(header: &[S]) -> Result<Columns, SrmError> {
        let names: Vec<&str> = header.iter().map(|h| h.as_ref().trim()).collect();
        for (i, name) in names.iter().enumerate() {
            if !name.is_empty() && names.iter().skip(i + 1).any(|other| other == name) {
                return Err(SrmError::InvalidHeader {
                    detail: format!("column {name:?} appears twice; keep one (the header must be {HEADER})"),
                });
            }
        }
        let find = |name: &str| names.iter().position(|h| *h == name);
        let need = |name: &str| {
            find(name).ok_or_else(|| SrmError::InvalidHeader {
                detail: format!("missing column {name:?}; the header must be {HEADER}"),
            })
        };
        Ok(Columns {
            participant: need("participant")?,
            date: need("date")?,
            item: need("item")?,
            time: need("time")?,
            people: find("people"),
            mood: find("mood"),
        })
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

fn row_error(line: u64, field: &'static str, detail: impl std::fmt::Display) -> SrmError {
    SrmError::InvalidRow { line, field, detail: detail.to_string() }
}

/// Parses one row of `form`. `line` is the row's line number in the file (for errors).
pub fn parse_row<S: AsRef<str>>(cols: &Columns, form: &Form, line: u64, fields: &[S]) -> Result<Row, SrmError> {
    let get = |i: usize| fields.get(i).map_or("", |f| f.as_ref().trim());
    let participant = get(cols.participant);
    if participant.is_empty() {
        return Err(row_error(line, "participant", "empty; give a participant id"));
    }
    let date: NaiveDate = crate::time::parse_date(get(cols.date)).map_err(|e| row_error(line, "date", e))?;
    let item: ItemId = get(cols.item).parse().map_err(|e| row_error(line, "item", e))?;
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
    let status = Status::parse(get(cols.time)).map_err(|e| row_error(line, "time", e))?;
    let mut entry = Entry::new(date, item, status);
    if let Some(c) = cols.people {
        let t = get(c);
        if !t.is_empty() {
            let code: u8 = t.parse().map_err(|_| row_error(line, "people", "use 0, 1, 2 or 3 (or leave empty)"))?;
            entry.people = Some(PeopleCode::try_from(code).map_err(|e| row_error(line, "people", e))?);
        }
    }
    let mut mood = None;
    if let Some(c) = cols.mood {
        let t = get(c);
        if !t.is_empty() {
            let v: i64 =
                t.parse().map_err(|_| row_error(line, "mood", "use a whole number from -5 to 5 (or leave empty)"))?;
            mood = Some(Mood::new(v).map_err(|e| row_error(line, "mood", e))?);
        }
    }
    Ok(Row { participant: participant.to_owned(), entry, mood })
}

/// One participant's diary, complete.
#[derive(Debug, Clone, PartialEq)]
pub struct ParticipantDiary {
    /// Participant id.
    pub participant: String,
    /// Their diary.
    pub diary: Diary,
}

/// Groups parsed rows into one [`Diary`] per participant, streaming (see the module docs).
#[derive(Debug, Clone, PartialEq)]
pub struct DiaryStream {
    form: Form,
    cols: Columns,
    current: Option<ParticipantDiary>,
    /// Hashes of the participant ids started so far (8 bytes each, not the ids themselves).
    seen: HashSet<u64>,
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
    /// A stream of diaries of `form` whose rows have these columns.
    pub fn new(form: Form, cols: Columns) -> DiaryStream {
        DiaryStream { form, cols, current: None, seen: HashSet::new() }
    }

    /// The columns.
    pub fn columns(&self) -> &Columns {
        &self.cols
    }

    /// Adds one row (its fields, and its line number for errors). Returns the previous
    /// participant's finished diary when this row starts a new participant.
    ///
    /// Fails, changing nothing, on a malformed field or when a participant's rows are not
    /// together (the input must be sorted, or at least grouped, by participant).
    pub fn push<S: AsRef<str>>(&mut self, line: u64, fields: &[S]) -> Result<Option<ParticipantDiary>, SrmError> {
        let row = parse_row(&self.cols, &self.form, line, fields)?;
        let same = self.current.as_ref().is_some_and(|c| c.participant == row.participant);
        if same {
            if let Some(current) = self.current.as_mut() {
                if let Some((first, last)) = current.diary.span() {
                    let date = row.entry.date;
                    let (lo, hi) = (first.min(date), last.max(date));
                    if (hi - lo).num_days() >= MAX_SPAN_DAYS {
                        return Err(row_error(
                            line,
                            "date",
                            format!(
                                "{date} would make {:?}'s diary span {lo} to {hi}, more than 20 years; check the date (a typo in the year?)",
                                row.participant
                            ),
                        ));
                    }
                }
                add(&mut current.diary, row)?;
            }
            return Ok(None);
        }
        let hash = id_hash(&row.participant);
        if self.seen.contains(&hash) {
            return Err(row_error(
                line,
                "participant",
                format!(
                    "{:?} appears again after other participants; sort the file by participant (rows of one participant together)",
                    row.participant
                ),
            ));
        }
        let mut diary = Diary::new(self.form.clone());
        let participant = row.participant.clone();
        add(&mut diary, row)?;
        self.seen.insert(hash);
        Ok(self.current.replace(ParticipantDiary { participant, diary }))
    }

    /// Ends the input: the last participant's diary, if any.
    pub fn finish(&mut self) -> Option<ParticipantDiary> {
        self.current.take()
    }

    /// How many participants have been started so far.
    pub fn participants_seen(&self) -> usize {
        self.seen.len()
    }
}

/// Adds a parsed row to a diary: the entry, and the day's mood when none is recorded yet (the
/// first rating of a day wins; later rows usually repeat it).
fn add(diary: &mut Diary, row: Row) -> Result<(), SrmError> {
    let date = row.entry.date;
    diary.add(row.entry)?;
    if let Some(mood) = row.mood
        && !diary.moods().contains_key(&date)
    {
        diary.set_mood(date, mood);
    }
    Ok(())
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
        assert_eq!(e.to_string(), format!("line 1: missing column \"item\"; the header must be {HEADER}"));
        let e = Columns::from_header(&["participant", "date", "item", "time", "date"]).unwrap_err();
        assert!(e.to_string().contains("\"date\" appears twice"), "{e}");
        // Any order, extra columns ignored, names trimmed.
        let c = Columns::from_header(&["x", " time", "item ", "date", "participant"]).unwrap();
        assert_eq!((c.participant, c.date, c.item, c.time, c.people, c.mood), (4, 3, 2, 1, None, None));
    }

    #[test]
    fn rejected_rows_change_nothing() {
        let mut s = stream();
        s.push(2, &["P1", "2026-01-05", "to_bed", "23:00", "1", "2"]).unwrap();
        let bad: [&[&str]; 9] = [
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
        assert!(s.push(3, &["A", "2026-01-05", "to_bed", "", "", "3"]).unwrap().is_none());
        let a = s.push(4, &["B", "2026-01-05", "dinner", "18:30", "", ""]).unwrap().unwrap();
        assert_eq!(a.participant, "A");
        assert_eq!(a.diary.entries().len(), 2);
        // The first mood of a day counts.
        let day = NaiveDate::from_ymd_opt(2026, 1, 5).unwrap();
        assert_eq!(a.diary.moods().get(&day), Some(&Mood::new(-1).unwrap()));
        let before = s.clone();
        let e = s.push(5, &["A", "2026-01-06", "dinner", "18:00", "", ""]).unwrap_err();
        assert!(e.to_string().contains("sort the file by participant"), "{e}");
        assert_eq!(s, before);
        assert_eq!(s.finish().unwrap().participant, "B");
        assert!(s.finish().is_none());
        assert_eq!(s.participants_seen(), 2);
    }
}
