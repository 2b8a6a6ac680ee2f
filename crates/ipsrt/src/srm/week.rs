//! One 7-day window of a diary: per item and day a [`Status`] (and People code), per day a
//! mood. This is what the scorer takes.
//!
//! ```
//! use ipsrt::srm::{Form, ItemId, Status, Week};
//!
//! let mut week = Week::new(Form::Srm5, "2026-01-05".parse()?);
//! for (day, t) in ["23:30", "23:50", "00:10", "00:30", "23:40", "00:05", "01:30"].iter().enumerate() {
//!     week.set(ItemId::ToBed, day, Status::Done(t.parse()?))?;
//! }
//! assert_eq!(week.status(ItemId::ToBed, 2), Status::Done("00:10".parse()?));
//! assert_eq!(week.days_recorded(), 7);
//! assert!(week.set(ItemId::Lunch, 0, Status::NotDone).is_err()); // not on the SRM-5
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{Form, ItemId, Mood, PeopleCode, SrmError, Status};

/// Days in a window.
pub const DAYS: usize = 7;

/// One item's week: status and People code per day, day 0 = the window's first day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemWeek {
    /// The activity.
    pub item: ItemId,
    /// Status per day.
    pub days: [Status; DAYS],
    /// People code per day, when recorded.
    pub people: [Option<PeopleCode>; DAYS],
    /// Whether the day's entry was written late (see [`super::Entry::is_late`]).
    pub late: [bool; DAYS],
}

impl ItemWeek {
    fn empty(item: ItemId) -> ItemWeek {
        ItemWeek { item, days: [Status::NotRecorded; DAYS], people: [None; DAYS], late: [false; DAYS] }
    }

    /// The clock minutes of each day's occurrence, `None` when not done.
    pub fn minutes(&self) -> [Option<u16>; DAYS] {
        self.days.map(|s| s.time().map(|t| t.minutes()))
    }

    /// How many days the activity was done.
    pub fn occurrences(&self) -> usize {
        self.days.iter().filter(|s| s.is_done()).count()
    }
}

/// A 7-day window of one person's diary, on one form. Every item of the form is present
/// (unrecorded cells are [`Status::NotRecorded`]), in form order.
///
/// Serialised as `{"form": .., "start": "YYYY-MM-DD", "items": {"to_bed": [7 statuses]},
/// "people": {"to_bed": [7 codes or null]}, "mood": [7 ratings or null]}`; `people` and
/// `mood` may be omitted, and items that are not given are not recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "WeekRepr", into = "WeekRepr")]
pub struct Week {
    form: Form,
    start: NaiveDate,
    items: Vec<ItemWeek>,
    mood: [Option<Mood>; DAYS],
}

impl Week {
    /// An empty window (nothing recorded) starting on `start`.
    pub fn new(form: Form, start: NaiveDate) -> Week {
        let items = form.items().iter().map(|i| ItemWeek::empty(*i)).collect();
        Week { form, start, items, mood: [None; DAYS] }
    }

    /// A window from clock times, one row per item of the form in form order, `None` = not
    /// done. Convenient for tests and for data already in grid form.
    pub fn from_times(
        form: Form,
        start: NaiveDate,
        rows: &[[Option<crate::time::ClockTime>; DAYS]],
    ) -> Result<Week, SrmError> {
        let mut week = Week::new(form, start);
        if rows.len() != week.items.len() {
            return Err(SrmError::WrongItemCount {
                form: week.form.kind().as_str(),
                expected: week.items.len(),
                got: rows.len(),
            });
        }
        for (iw, row) in week.items.iter_mut().zip(rows) {
            iw.days = row.map(|t| t.map_or(Status::NotDone, Status::Done));
        }
        Ok(week)
    }

    /// The form.
    pub fn form(&self) -> &Form {
        &self.form
    }

    /// The first day of the window.
    pub fn start(&self) -> NaiveDate {
        self.start
    }

    /// The items, in form order.
    pub fn items(&self) -> &[ItemWeek] {
        &self.items
    }

    /// The mood rating per day.
    pub fn mood(&self) -> &[Option<Mood>; DAYS] {
        &self.mood
    }

    fn slot(&mut self, item: ItemId, day: usize) -> Result<&mut ItemWeek, SrmError> {
        if day >= DAYS {
            return Err(SrmError::DayOutOfRange { day });
        }
        let kind = self.form.kind();
        self.items.iter_mut().find(|w| w.item == item).ok_or(SrmError::ItemNotOnForm { item, form: kind.as_str() })
    }

    /// Sets the status of `item` on day `day` (0–6).
    pub fn set(&mut self, item: ItemId, day: usize, status: Status) -> Result<(), SrmError> {
        let w = self.slot(item, day)?;
        if let Some(s) = w.days.get_mut(day) {
            *s = status;
        }
        Ok(())
    }

    /// Sets the People code of `item` on day `day` (0–6).
    pub fn set_people(&mut self, item: ItemId, day: usize, people: Option<PeopleCode>) -> Result<(), SrmError> {
        let w = self.slot(item, day)?;
        if let Some(p) = w.people.get_mut(day) {
            *p = people;
        }
        Ok(())
    }

    /// Marks the entry of `item` on `day` as written late.
    pub fn set_late(&mut self, item: ItemId, day: usize, late: bool) -> Result<(), SrmError> {
        let w = self.slot(item, day)?;
        if let Some(p) = w.late.get_mut(day) {
            *p = late;
        }
        Ok(())
    }

    /// Sets the mood rating of day `day` (0–6).
    pub fn set_mood(&mut self, day: usize, mood: Option<Mood>) -> Result<(), SrmError> {
        let slot = self.mood.get_mut(day).ok_or(SrmError::DayOutOfRange { day })?;
        *slot = mood;
        Ok(())
    }

    /// The status of `item` on `day` (not recorded for items not on the form or days ≥ 7).
    pub fn status(&self, item: ItemId, day: usize) -> Status {
        self.items.iter().find(|w| w.item == item).and_then(|w| w.days.get(day).copied()).unwrap_or(Status::NotRecorded)
    }

    /// Days on which anything (a time or a "not done" mark) was written for any item.
    pub fn days_recorded(&self) -> u8 {
        (0..DAYS).filter(|d| self.items.iter().any(|w| w.days.get(*d).is_some_and(|s| s.is_recorded()))).count() as u8
    }

    /// The dates of the window's days.
    pub fn dates(&self) -> [NaiveDate; DAYS] {
        let mut out = [self.start; DAYS];
        for (d, slot) in out.iter_mut().enumerate() {
            *slot = self.start.checked_add_days(chrono::Days::new(d as u64)).unwrap_or(self.start);
        }
        out
    }
}

/// The serde form of [`Week`].
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct WeekRepr {
    form: Form,
    start: NaiveDate,
    items: BTreeMap<ItemId, [Status; DAYS]>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    people: BTreeMap<ItemId, [Option<PeopleCode>; DAYS]>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    late: BTreeMap<ItemId, [bool; DAYS]>,
    #[serde(default, skip_serializing_if = "all_none")]
    mood: [Option<Mood>; DAYS],
}

fn all_none(m: &[Option<Mood>; DAYS]) -> bool {
    m.iter().all(Option::is_none)
}

impl TryFrom<WeekRepr> for Week {
    type Error = SrmError;
    fn try_from(r: WeekRepr) -> Result<Week, SrmError> {
        let mut week = Week::new(r.form, r.start);
        let kind = week.form.kind().as_str();
        for (item, days) in r.items {
            week.items.iter_mut().find(|w| w.item == item).ok_or(SrmError::ItemNotOnForm { item, form: kind })?.days =
                days;
        }
        for (item, people) in r.people {
            week.items
                .iter_mut()
                .find(|w| w.item == item)
                .ok_or(SrmError::ItemNotOnForm { item, form: kind })?
                .people = people;
        }
        for (item, late) in r.late {
            week.items.iter_mut().find(|w| w.item == item).ok_or(SrmError::ItemNotOnForm { item, form: kind })?.late =
                late;
        }
        week.mood = r.mood;
        Ok(week)
    }
}

impl From<Week> for WeekRepr {
    fn from(w: Week) -> WeekRepr {
        let people =
            w.items.iter().filter(|i| i.people.iter().any(Option::is_some)).map(|i| (i.item, i.people)).collect();
        let late = w.items.iter().filter(|i| i.late.iter().any(|l| *l)).map(|i| (i.item, i.late)).collect();
        WeekRepr {
            items: w.items.iter().map(|i| (i.item, i.days)).collect(),
            people,
            late,
            mood: w.mood,
            form: w.form,
            start: w.start,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn week_serde_round_trip() {
        let json = r#"{"form":{"type":"srm_5"},"start":"2026-01-05","items":{"out_of_bed":["07:00","07:10","not_recorded","06:50",null,"07:05","not_done"]},"mood":[1,null,null,null,null,null,-2]}"#;
        let w: Week = serde_json::from_str(json).unwrap();
        assert_eq!(w.status(ItemId::OutOfBed, 6), Status::NotDone);
        assert_eq!(w.status(ItemId::OutOfBed, 4), Status::NotRecorded);
        assert_eq!(w.status(ItemId::ToBed, 0), Status::NotRecorded);
        assert_eq!(w.days_recorded(), 5);
        let back: Week = serde_json::from_str(&serde_json::to_string(&w).unwrap()).unwrap();
        assert_eq!(back, w);
        let bad =
            r#"{"form":{"type":"srm_5"},"start":"2026-01-05","items":{"lunch":[null,null,null,null,null,null,null]}}"#;
        assert!(serde_json::from_str::<Week>(bad).is_err());
    }
}
