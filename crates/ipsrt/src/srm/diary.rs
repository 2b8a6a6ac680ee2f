//! A person's SRM diary: entries as written, daily moods, and how the diary is cut into
//! 7-day windows for scoring.
//!
//! Rules decided here (documented in `docs/srm.md`):
//!
//! * **Several entries for one item on one diary day**: the first `done` entry (in the order
//!   added) wins, because being the *first* is part of items such as "first contact" (spec
//!   docs/srm.md#scoring); a "not done" mark is kept only if no entry says done; "not recorded" never
//!   overrides anything.
//! * **A correction** ([`Diary::replace`]) is the person saying which value of a cell is right:
//!   every entry of that item on that diary day is replaced by the one correction (the file
//!   readers' "keep the last" choice for disagreeing rows, made explicit), so the corrected value
//!   is what the week scores, whatever was written before. [`Diary::remove`] deletes a cell's
//!   entries. Both refuse a cell with no entry (there is nothing to correct) and change nothing
//!   on error.
//! * **Windows** start on the first diary day (or the Monday/Sunday on or before it, see
//!   [`WeekAnchor`]) and run in consecutive 7-day blocks to the last diary day; with rolling
//!   windows, one window starts on every day from the anchor until the last full window.
//!
//! ```
//! use ipsrt::srm::{Diary, Entry, Form, ItemId, ScoringOptions, Status, score_weeks};
//!
//! let mut diary = Diary::new(Form::Srm5);
//! let start: chrono::NaiveDate = "2026-01-05".parse()?;
//! for d in 0..10u64 {
//!     let date = start + chrono::Days::new(d);
//!     diary.add(Entry::new(date, ItemId::OutOfBed, Status::Done("07:00".parse()?)))?;
//! }
//! let weeks = diary.weeks(&ScoringOptions::default());
//! assert_eq!(weeks.len(), 2);
//! let period = score_weeks(&weeks, &ScoringOptions::default())?;
//! assert_eq!(period.weeks[0].score, Some(7.0));
//! assert_eq!(period.weeks[1].score, Some(3.0));
//! assert_eq!(period.mean_score, Some(5.0));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::collections::BTreeMap;

use chrono::{Datelike, Days, NaiveDate};
use serde::{Deserialize, Serialize};

use super::options::{ScoringOptions, WeekAnchor, Windows};
use super::week::{DAYS, Week};
use super::{Entry, Form, ItemId, Mood, SrmError, Status};
use crate::persist::Persist;

/// Entries written more than this many hours after the end of their diary day are flagged as
/// late by default (design choice: a bedtime written down the next morning is normal).
pub const DEFAULT_LATE_GRACE_HOURS: u32 = 12;

/// One person's SRM diary on one form.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Diary {
    form: Form,
    entries: Vec<Entry>,
    #[serde(default)]
    moods: BTreeMap<NaiveDate, Mood>,
    #[serde(default = "default_grace")]
    late_grace_hours: u32,
    /// The first and last date of `entries`, kept by [`Diary::add`] so that a reader that asks
    /// for the span after every row stays linear. Not stored: after loading it is `None` until
    /// the next `add` (which scans once), and [`Diary::span`] scans while it is.
    #[serde(skip)]
    entry_span: Option<(NaiveDate, NaiveDate)>,
}

/// Equal when the stored parts are equal (the cached span is derived from them).
impl PartialEq for Diary {
    fn eq(&self, other: &Self) -> bool {
        self.form == other.form
            && self.entries == other.entries
            && self.moods == other.moods
            && self.late_grace_hours == other.late_grace_hours
    }
}

impl Eq for Diary {}

/// The first and last date of `dates`.
fn date_span(dates: impl Iterator<Item = NaiveDate>) -> Option<(NaiveDate, NaiveDate)> {
    dates.fold(None, |acc, d| match acc {
        None => Some((d, d)),
        Some((a, b)) => Some((a.min(d), b.max(d))),
    })
}

fn default_grace() -> u32 {
    DEFAULT_LATE_GRACE_HOURS
}

impl Diary {
    /// An empty diary.
    pub fn new(form: Form) -> Diary {
        Diary {
            form,
            entries: Vec::new(),
            moods: BTreeMap::new(),
            late_grace_hours: DEFAULT_LATE_GRACE_HOURS,
            entry_span: None,
        }
    }

    /// The form.
    pub fn form(&self) -> &Form {
        &self.form
    }

    /// The entries, in the order added.
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// The daily moods.
    pub fn moods(&self) -> &BTreeMap<NaiveDate, Mood> {
        &self.moods
    }

    /// Hours after the end of the diary day after which an entry is flagged late.
    pub fn late_grace_hours(&self) -> u32 {
        self.late_grace_hours
    }

    /// Sets the late-entry grace period in hours.
    pub fn set_late_grace_hours(&mut self, hours: u32) {
        self.late_grace_hours = hours;
    }

    /// Adds an entry. Fails (and adds nothing) when the item is not on the diary's form.
    pub fn add(&mut self, entry: Entry) -> Result<(), SrmError> {
        if !self.form.has(entry.item) {
            return Err(SrmError::ItemNotOnForm { item: entry.item, form: self.form.kind().as_str() });
        }
        let known = self.entry_span.or_else(|| date_span(self.entries.iter().map(|e| e.date)));
        self.entry_span = date_span(known.into_iter().flat_map(|(a, b)| [a, b]).chain([entry.date]));
        self.entries.push(entry);
        Ok(())
    }

    /// Corrects a cell: removes every entry of `entry.item` on `entry.date` and adds `entry`
    /// in their place (see the module docs). Returns the entries it replaced, in the order
    /// added. Fails, changing nothing, when the item is not on the form or the cell has no entry.
    ///
    /// ```
    /// use ipsrt::srm::{Diary, Entry, Form, ItemId, Status};
    ///
    /// let mut diary = Diary::new(Form::Srm5);
    /// let day: chrono::NaiveDate = "2026-01-05".parse()?;
    /// diary.add(Entry::new(day, ItemId::ToBed, Status::Done("23:03".parse()?)))?;
    /// let old = diary.replace(Entry::new(day, ItemId::ToBed, Status::Done("22:30".parse()?)))?;
    /// assert_eq!(old.len(), 1);
    /// assert_eq!(diary.status(day, ItemId::ToBed), Status::Done("22:30".parse()?));
    /// assert!(diary.replace(Entry::new(day, ItemId::Dinner, Status::NotDone)).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn replace(&mut self, entry: Entry) -> Result<Vec<Entry>, SrmError> {
        if !self.form.has(entry.item) {
            return Err(SrmError::ItemNotOnForm { item: entry.item, form: self.form.kind().as_str() });
        }
        let removed = self.take_cell(entry.date, entry.item)?;
        self.entries.push(entry);
        self.entry_span = date_span(self.entries.iter().map(|e| e.date));
        Ok(removed)
    }

    /// Removes every entry of `item` on diary day `date` and returns them, in the order added.
    /// Fails, changing nothing, when the cell has no entry.
    pub fn remove(&mut self, date: NaiveDate, item: ItemId) -> Result<Vec<Entry>, SrmError> {
        let removed = self.take_cell(date, item)?;
        self.entry_span = date_span(self.entries.iter().map(|e| e.date));
        Ok(removed)
    }

    /// Takes the entries of one cell out of `entries`; an error (and no change) when there is none.
    fn take_cell(&mut self, date: NaiveDate, item: ItemId) -> Result<Vec<Entry>, SrmError> {
        if !self.entries.iter().any(|e| e.date == date && e.item == item) {
            return Err(SrmError::NoEntry { date, item });
        }
        let (removed, kept) =
            std::mem::take(&mut self.entries).into_iter().partition(|e| e.date == date && e.item == item);
        self.entries = kept;
        Ok(removed)
    }

    /// The entries of one cell (`item` on diary day `date`), in the order added.
    pub fn entries_for(&self, date: NaiveDate, item: ItemId) -> impl Iterator<Item = &Entry> {
        self.entries.iter().filter(move |e| e.date == date && e.item == item)
    }

    /// The status a cell scores with, after the rule for several entries (see the module
    /// docs): [`Status::NotRecorded`] when the cell has no entry or the item is not on the form.
    pub fn status(&self, date: NaiveDate, item: ItemId) -> Status {
        self.week_from(date, self.entries_for(date, item)).status(item, 0)
    }

    /// Removes the mood rating of a diary day and returns it (`None` when there was none).
    pub fn remove_mood(&mut self, date: NaiveDate) -> Option<Mood> {
        self.moods.remove(&date)
    }

    /// Whether an entry counts as late under this diary's grace period (see [`Entry::is_late`]).
    pub fn is_late(&self, entry: &Entry) -> bool {
        entry.is_late(self.late_grace_hours)
    }

    /// A diary from entries whose items the caller has already checked against `form` (the
    /// long-format reader, which refuses such rows with their line).
    pub(crate) fn from_checked(form: Form, entries: Vec<Entry>, moods: BTreeMap<NaiveDate, Mood>) -> Diary {
        let entry_span = date_span(entries.iter().map(|e| e.date));
        Diary { form, entries, moods, late_grace_hours: DEFAULT_LATE_GRACE_HOURS, entry_span }
    }

    /// Records the mood of a diary day (replacing an earlier rating of that day).
    pub fn set_mood(&mut self, date: NaiveDate, mood: Mood) {
        self.moods.insert(date, mood);
    }

    /// The first and last diary day with an entry or a mood.
    ///
    /// Constant time after [`Diary::add`] (the moods are sorted; the entries' span is kept as
    /// they are added); a diary just loaded from JSON scans its entries until the next `add`.
    pub fn span(&self) -> Option<(NaiveDate, NaiveDate)> {
        let entries = self.entry_span.or_else(|| date_span(self.entries.iter().map(|e| e.date)));
        let moods = self.moods.keys().next().copied().into_iter().chain(self.moods.keys().next_back().copied());
        date_span(entries.into_iter().flat_map(|(a, b)| [a, b]).chain(moods))
    }

    /// Entries written late (see [`Entry::is_late`]).
    pub fn late_entries(&self) -> impl Iterator<Item = &Entry> {
        self.entries.iter().filter(|e| e.is_late(self.late_grace_hours))
    }

    /// The start dates of the scoring windows.
    pub fn window_starts(&self, options: &ScoringOptions) -> Vec<NaiveDate> {
        let Some((first, last)) = self.span() else { return Vec::new() };
        let anchor = anchor_date(first, options.week_anchor);
        let mut out = Vec::new();
        let step = match options.windows {
            Windows::Blocks => 7,
            Windows::Rolling => 1,
        };
        let mut s = anchor;
        loop {
            let window_end = s.checked_add_days(Days::new(6)).unwrap_or(NaiveDate::MAX);
            let done = match options.windows {
                Windows::Blocks => s > last,
                // Full windows only, but always at least one.
                Windows::Rolling => window_end > last && !out.is_empty(),
            };
            if done {
                break;
            }
            out.push(s);
            if options.windows == Windows::Rolling && window_end >= last {
                break;
            }
            match s.checked_add_days(Days::new(step)) {
                Some(n) => s = n,
                None => break,
            }
        }
        out
    }

    /// The scoring windows (see the module docs for how entries are resolved).
    ///
    /// Linear in the entries plus the windows (after one sort by date): each window reads only
    /// the entries of its own seven days, not the whole diary.
    pub fn weeks(&self, options: &ScoringOptions) -> Vec<Week> {
        // A stable sort keeps the order of entries of one day as added, which decides which
        // entry wins a cell.
        let mut by_date: Vec<&Entry> = self.entries.iter().collect();
        by_date.sort_by_key(|e| e.date);
        self.window_starts(options)
            .into_iter()
            .map(|start| {
                let lo = by_date.partition_point(|e| e.date < start);
                let hi = match start.checked_add_days(Days::new(DAYS as u64)) {
                    Some(end) => by_date.partition_point(|e| e.date < end),
                    None => by_date.len(),
                };
                self.week_from(start, by_date.get(lo..hi).unwrap_or_default().iter().copied())
            })
            .collect()
    }

    /// The 7-day window starting on `start`.
    pub fn week_starting(&self, start: NaiveDate) -> Week {
        self.week_from(start, self.entries.iter())
    }

    /// The window starting on `start`, from `entries` (in the order added; entries outside the
    /// window are skipped).
    fn week_from<'a>(&self, start: NaiveDate, entries: impl Iterator<Item = &'a Entry>) -> Week {
        let mut week = Week::new(self.form.clone(), start);
        let mut set = vec![[false; DAYS]; self.form.items().len()];
        for e in entries {
            let Some(day) = day_index(start, e.date) else { continue };
            let Some(pos) = self.form.position(e.item) else { continue };
            let current = week.status(e.item, day);
            // First done wins; "not done" only fills an empty cell; "not recorded" never overrides.
            let take = !matches!(
                (current, e.status),
                (_, Status::NotRecorded) | (Status::Done(_), _) | (Status::NotDone, Status::NotDone)
            );
            if take {
                // Both calls are infallible here: the item is on the form and day < 7.
                let _ = week.set(e.item, day, e.status);
                let _ = week.set_people(e.item, day, e.people);
                let _ = week.set_late(e.item, day, e.is_late(self.late_grace_hours));
                if let Some(row) = set.get_mut(pos)
                    && let Some(c) = row.get_mut(day)
                {
                    *c = true;
                }
            }
        }
        for (date, mood) in self.moods.range(start..) {
            let Some(day) = day_index(start, *date) else { break };
            let _ = week.set_mood(day, Some(*mood));
        }
        week
    }
}

fn day_index(start: NaiveDate, date: NaiveDate) -> Option<usize> {
    let d = (date - start).num_days();
    (0..DAYS as i64).contains(&d).then_some(d as usize)
}

fn anchor_date(first: NaiveDate, anchor: WeekAnchor) -> NaiveDate {
    let back = match anchor {
        WeekAnchor::FirstDiaryDay => 0,
        WeekAnchor::Monday => first.weekday().num_days_from_monday(),
        WeekAnchor::Sunday => first.weekday().num_days_from_sunday(),
    };
    first.checked_sub_days(Days::new(u64::from(back))).unwrap_or(first)
}

impl Persist for Diary {
    const SCHEMA: &'static str = "ipsrt.srm_diary";
    const VERSION: u32 = 1;

    fn validate_loaded(&self) -> Result<(), String> {
        match self.entries.iter().find(|e| !self.form.has(e.item)) {
            Some(e) => Err(SrmError::ItemNotOnForm { item: e.item, form: self.form.kind().as_str() }.to_string()),
            None => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn first_done_entry_wins() {
        let mut diary = Diary::new(Form::Srm5);
        let day = d("2026-01-05");
        diary.add(Entry::new(day, ItemId::FirstContact, Status::NotRecorded)).unwrap();
        diary.add(Entry::new(day, ItemId::FirstContact, Status::NotDone)).unwrap();
        diary.add(Entry::new(day, ItemId::FirstContact, Status::Done("08:00".parse().unwrap()))).unwrap();
        diary.add(Entry::new(day, ItemId::FirstContact, Status::Done("07:00".parse().unwrap()))).unwrap();
        let w = diary.week_starting(day);
        assert_eq!(w.status(ItemId::FirstContact, 0), Status::Done("08:00".parse().unwrap()));
        assert!(diary.add(Entry::new(day, ItemId::Lunch, Status::NotDone)).is_err());
        assert_eq!(diary.entries().len(), 4);
    }

    #[test]
    fn windows() {
        let mut diary = Diary::new(Form::Srm5);
        // Wednesday 2026-01-07 .. Friday 2026-01-16 (10 days).
        diary.add(Entry::new(d("2026-01-07"), ItemId::OutOfBed, Status::NotDone)).unwrap();
        diary.add(Entry::new(d("2026-01-16"), ItemId::OutOfBed, Status::NotDone)).unwrap();
        let o = ScoringOptions::default();
        assert_eq!(diary.window_starts(&o), vec![d("2026-01-07"), d("2026-01-14")]);
        let o = ScoringOptions { week_anchor: WeekAnchor::Monday, ..ScoringOptions::default() };
        assert_eq!(diary.window_starts(&o), vec![d("2026-01-05"), d("2026-01-12")]);
        let o = ScoringOptions { week_anchor: WeekAnchor::Sunday, ..ScoringOptions::default() };
        assert_eq!(diary.window_starts(&o), vec![d("2026-01-04"), d("2026-01-11")]);
        let o = ScoringOptions { windows: Windows::Rolling, ..ScoringOptions::default() };
        assert_eq!(diary.window_starts(&o).len(), 4);
        assert_eq!(diary.window_starts(&o).last(), Some(&d("2026-01-10")));
        let mut short = Diary::new(Form::Srm5);
        short.add(Entry::new(d("2026-01-07"), ItemId::OutOfBed, Status::NotDone)).unwrap();
        assert_eq!(short.window_starts(&o), vec![d("2026-01-07")]);
        assert!(Diary::new(Form::Srm5).window_starts(&o).is_empty());
    }
}

#[cfg(test)]
mod correction_tests {
    use super::*;
    use crate::ErrorKind;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn done(t: &str) -> Status {
        Status::Done(t.parse().unwrap())
    }

    #[test]
    fn a_correction_replaces_every_entry_of_the_cell() {
        let mut diary = Diary::new(Form::Srm5);
        let day = d("2026-01-05");
        diary.add(Entry::new(day, ItemId::ToBed, done("23:03"))).unwrap();
        diary.add(Entry::new(day, ItemId::ToBed, done("18:30"))).unwrap();
        diary.add(Entry::new(day, ItemId::OutOfBed, done("07:00"))).unwrap();
        assert_eq!(diary.status(day, ItemId::ToBed), done("23:03"));
        let old = diary.replace(Entry::new(day, ItemId::ToBed, done("18:30"))).unwrap();
        assert_eq!(old.len(), 2);
        assert_eq!(diary.status(day, ItemId::ToBed), done("18:30"));
        assert_eq!(diary.entries_for(day, ItemId::ToBed).count(), 1);
        assert_eq!(diary.entries().len(), 2);
    }

    #[test]
    fn refusals_change_nothing() {
        let mut diary = Diary::new(Form::Srm5);
        let day = d("2026-01-05");
        diary.add(Entry::new(day, ItemId::ToBed, done("23:03"))).unwrap();
        let before = diary.clone();
        assert_eq!(
            diary.replace(Entry::new(day, ItemId::Dinner, done("18:00"))).unwrap_err().kind(),
            ErrorKind::NotFound
        );
        assert!(matches!(
            diary.replace(Entry::new(day, ItemId::Lunch, done("12:00"))),
            Err(SrmError::ItemNotOnForm { .. })
        ));
        assert!(matches!(diary.remove(d("2026-01-06"), ItemId::ToBed), Err(SrmError::NoEntry { .. })));
        assert_eq!(diary, before);
        assert_eq!(diary.span(), Some((day, day)));
    }

    #[test]
    fn removing_the_last_day_shrinks_the_span() {
        let mut diary = Diary::new(Form::Srm5);
        diary.add(Entry::new(d("2026-01-05"), ItemId::ToBed, done("23:00"))).unwrap();
        diary.add(Entry::new(d("2026-01-20"), ItemId::ToBed, done("23:00"))).unwrap();
        assert_eq!(diary.remove(d("2026-01-20"), ItemId::ToBed).unwrap().len(), 1);
        assert_eq!(diary.span(), Some((d("2026-01-05"), d("2026-01-05"))));
        assert_eq!(diary.weeks(&ScoringOptions::default()).len(), 1);
        diary.set_mood(d("2026-01-06"), Mood::new(2).unwrap());
        assert_eq!(diary.remove_mood(d("2026-01-06")), Some(Mood::new(2).unwrap()));
        assert_eq!(diary.remove_mood(d("2026-01-06")), None);
        assert_eq!(diary.status(d("2026-01-05"), ItemId::Lunch), Status::NotRecorded);
    }
}
