//! The Social Rhythm Metric (the core's `ipsrt::srm`): diary entry and weekly scoring with
//! per-item detail.
//!
//! [`SrmDiary`] is an Object (thread-safe, see [`crate::state`]): add entries as the person
//! writes them, then score a week. Scoring options (hit window, trimming, SD floor, ...) are the
//! typed [`SrmScoringOptions`] (`null` = the standard SRM defaults); a diary's form, with
//! write-in names or target times, is the typed [`SrmForm`].

use std::sync::Arc;

use ipsrt::srm as core;
use ipsrt::time::{ClockTime, ZonedDateTime};
use serde::{Deserialize, Serialize};

use crate::bridge::{from_core, from_json_value, persisted_object, to_core, to_json_value, unsigned};
use crate::error::{IpsrtError, guard};
use crate::state::Locked;
use crate::time::LocalDate;

/// An SRM activity (stable ids; SRM-17 numbers 1–17 in this order).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, uniffi::Enum)]
#[serde(rename_all = "snake_case")]
pub enum SrmItem {
    /// 1: out of bed.
    OutOfBed,
    /// 2: first contact with another person.
    FirstContact,
    /// 3: morning beverage.
    MorningBeverage,
    /// 4: breakfast.
    Breakfast,
    /// 5: go outside for the first time.
    GoOutside,
    /// 6: start work, school, housework, volunteer activities, child or family care.
    StartWork,
    /// 7: lunch.
    Lunch,
    /// 8: afternoon nap.
    AfternoonNap,
    /// 9: dinner.
    Dinner,
    /// 10: physical exercise.
    Exercise,
    /// 11: evening snack or drink.
    EveningSnack,
    /// 12: watch evening news.
    EveningNews,
    /// 13: watch another TV programme.
    OtherTv,
    /// 14: write-in activity A.
    ActivityA,
    /// 15: write-in activity B.
    ActivityB,
    /// 16: return home (last time).
    ReturnHome,
    /// 17: go to bed.
    ToBed,
}

/// One diary cell.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Enum)]
pub enum SrmStatus {
    /// Done at this local clock time (a time after midnight may belong to the previous day;
    /// the scorer handles it).
    Done {
        /// The clock time, `HH:MM`.
        time: ClockTime,
    },
    /// Marked as not done that day.
    NotDone,
    /// Nothing written.
    NotRecorded,
}

impl From<SrmStatus> for core::Status {
    fn from(s: SrmStatus) -> Self {
        match s {
            SrmStatus::Done { time } => core::Status::Done(time),
            SrmStatus::NotDone => core::Status::NotDone,
            SrmStatus::NotRecorded => core::Status::NotRecorded,
        }
    }
}

impl From<core::Status> for SrmStatus {
    fn from(s: core::Status) -> Self {
        match s {
            core::Status::Done(time) => SrmStatus::Done { time },
            core::Status::NotDone => SrmStatus::NotDone,
            core::Status::NotRecorded => SrmStatus::NotRecorded,
        }
    }
}

/// The IPSRT form's "People" code: who was involved in the activity (not used by the score).
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum SrmPeople {
    /// 0: alone.
    Alone,
    /// 1: others present.
    OthersPresent,
    /// 2: others actively involved.
    OthersInvolved,
    /// 3: others very stimulating.
    OthersVeryStimulating,
}

impl From<SrmPeople> for core::PeopleCode {
    fn from(p: SrmPeople) -> Self {
        match p {
            SrmPeople::Alone => core::PeopleCode::Alone,
            SrmPeople::OthersPresent => core::PeopleCode::OthersPresent,
            SrmPeople::OthersInvolved => core::PeopleCode::OthersInvolved,
            SrmPeople::OthersVeryStimulating => core::PeopleCode::OthersVeryStimulating,
        }
    }
}

impl From<core::PeopleCode> for SrmPeople {
    fn from(p: core::PeopleCode) -> Self {
        match p {
            core::PeopleCode::Alone => SrmPeople::Alone,
            core::PeopleCode::OthersPresent => SrmPeople::OthersPresent,
            core::PeopleCode::OthersInvolved => SrmPeople::OthersInvolved,
            core::PeopleCode::OthersVeryStimulating => SrmPeople::OthersVeryStimulating,
        }
    }
}

/// One diary entry as written, read back from a diary (`late` is the diary's late-entry flag
/// under its grace period).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct SrmEntry {
    /// The diary day.
    pub date: LocalDate,
    /// The activity.
    pub item: SrmItem,
    /// Done (with its time), not done, or not recorded.
    pub status: SrmStatus,
    /// Who was involved, when recorded.
    pub people: Option<SrmPeople>,
    /// When it was written down, when known.
    pub recorded_at: Option<ZonedDateTime>,
    /// Whether it was written more than the diary's grace period after the day ended.
    pub late: bool,
}

/// A day's mood rating, read back from a diary.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct SrmMood {
    /// The diary day.
    pub date: LocalDate,
    /// The rating, −5 (very depressed) … +5 (very elated).
    pub mood: i32,
}

fn entry_out(diary: &core::Diary, e: &core::Entry) -> Result<SrmEntry, IpsrtError> {
    Ok(SrmEntry {
        date: e.date,
        item: from_core(&e.item)?,
        status: e.status.into(),
        people: e.people.map(SrmPeople::from),
        recorded_at: e.recorded_at,
        late: diary.is_late(e),
    })
}

fn entries_out<'a>(
    diary: &core::Diary,
    entries: impl IntoIterator<Item = &'a core::Entry>,
) -> Result<Vec<SrmEntry>, IpsrtError> {
    entries.into_iter().map(|e| entry_out(diary, e)).collect()
}

fn entry_in(
    date: LocalDate,
    item: SrmItem,
    status: SrmStatus,
    people: Option<SrmPeople>,
    recorded_at: Option<ZonedDateTime>,
) -> Result<core::Entry, IpsrtError> {
    let mut entry = core::Entry::new(date, to_core(&item)?, status.into());
    entry.people = people.map(core::PeopleCode::from);
    entry.recorded_at = recorded_at;
    Ok(entry)
}

/// What an SRM week's hits were measured against.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, uniffi::Enum)]
#[serde(rename_all = "snake_case")]
pub enum SrmReference {
    /// The habitual time (the week's circular mean): the published method.
    Habitual,
    /// The item's target time (IPSRT's clinical form; not the standard SRM).
    Target,
}

/// The printed form a diary is kept on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum SrmFormKind {
    /// SRM-17 (Monk 1990), without write-in names.
    Srm17,
    /// SRM-5 (Monk 2002).
    Srm5,
    /// SRM-II-5 (Frank 2005), without target times (use `SrmDiary.withForm` for targets).
    SrmII5,
}

/// The target times of an SRM-II-5 form, one per item; any may be left blank (null).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, uniffi::Record)]
pub struct SrmTargets {
    /// Target time to get out of bed.
    #[uniffi(default = None)]
    pub out_of_bed: Option<ClockTime>,
    /// Target time of the first contact with another person.
    #[uniffi(default = None)]
    pub first_contact: Option<ClockTime>,
    /// Target time to start work, school, volunteer work or family care.
    #[uniffi(default = None)]
    pub start_work: Option<ClockTime>,
    /// Target dinner time.
    #[uniffi(default = None)]
    pub dinner: Option<ClockTime>,
    /// Target bedtime.
    #[uniffi(default = None)]
    pub to_bed: Option<ClockTime>,
}

/// The printed form a diary is kept on, with its per-diary data (the core's `srm::Form`).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Enum)]
pub enum SrmForm {
    /// SRM-17 (Monk 1990) with what the person wrote in for activities A and B (items 14 and
    /// 15), if anything. A given name must not be blank and has at most 200 characters.
    Srm17 {
        /// Write-in activity A.
        #[uniffi(default = None)]
        activity_a: Option<String>,
        /// Write-in activity B.
        #[uniffi(default = None)]
        activity_b: Option<String>,
    },
    /// SRM-5 (Monk 2002).
    Srm5,
    /// SRM-II-5 (Frank 2005), the IPSRT clinical form, with the patient's target times.
    SrmII5 {
        /// The target time per item.
        targets: SrmTargets,
    },
}

impl From<SrmForm> for core::Form {
    fn from(f: SrmForm) -> Self {
        match f {
            SrmForm::Srm17 { activity_a, activity_b } => core::Form::Srm17 { activity_a, activity_b },
            SrmForm::Srm5 => core::Form::Srm5,
            SrmForm::SrmII5 { targets: t } => core::Form::SrmII5 {
                targets: core::Targets {
                    out_of_bed: t.out_of_bed,
                    first_contact: t.first_contact,
                    start_work: t.start_work,
                    dinner: t.dinner,
                    to_bed: t.to_bed,
                },
            },
        }
    }
}

impl From<&core::Form> for SrmForm {
    fn from(f: &core::Form) -> Self {
        match f {
            core::Form::Srm17 { activity_a, activity_b } => {
                SrmForm::Srm17 { activity_a: activity_a.clone(), activity_b: activity_b.clone() }
            }
            core::Form::Srm5 => SrmForm::Srm5,
            core::Form::SrmII5 { targets: t } => SrmForm::SrmII5 {
                targets: SrmTargets {
                    out_of_bed: t.out_of_bed,
                    first_contact: t.first_contact,
                    start_work: t.start_work,
                    dinner: t.dinner,
                    to_bed: t.to_bed,
                },
            },
        }
    }
}

/// Which standard deviation trimming (and the SD floor) uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, uniffi::Enum)]
#[serde(rename_all = "snake_case")]
pub enum SrmSdKind {
    /// Sample SD, denominator n − 1 (the default).
    Sample,
    /// Population SD, denominator n (offered for comparison).
    Population,
}

/// What a hit is measured against.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, uniffi::Enum)]
#[serde(rename_all = "snake_case")]
pub enum SrmHitReference {
    /// The habitual time (mean of the kept values): the SRM as published (the default).
    Habitual,
    /// **Non-standard**: the SRM-II-5 target time ("adherence to target"); it is not the SRM.
    Target,
}

/// Which values can be hits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, uniffi::Enum)]
#[serde(rename_all = "snake_case")]
pub enum SrmHitValues {
    /// Only the values kept after trimming (the default).
    Kept,
    /// Every done value, excluded ones too, against the habitual time of the kept values.
    All,
}

/// How a diary is cut into 7-day windows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, uniffi::Enum)]
#[serde(rename_all = "snake_case")]
pub enum SrmWindows {
    /// Consecutive, non-overlapping 7-day blocks (the default).
    Blocks,
    /// A 7-day window starting on every diary day.
    Rolling,
}

/// Where the first 7-day window of a diary starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, uniffi::Enum)]
#[serde(rename_all = "snake_case")]
pub enum SrmWeekAnchor {
    /// On the first day that has any entry (the default).
    FirstDiaryDay,
    /// On the last Monday on or before the first diary day.
    Monday,
    /// On the last Sunday on or before the first diary day (the SRM-II-5 sheet's week).
    Sunday,
}

/// How SRM diaries are scored: every field of the core's `srm::ScoringOptions`.
/// `srmDefaultScoringOptions()` gives the standard SRM (every case of docs/srm.md#golden-cases);
/// change what a study needs with `copy(...)`. The numbers default to the standard ones; the
/// enum fields have no default argument, because uniffi 0.32's proc-macros cannot give an
/// enum-typed field one. The core checks every range when the options are used
/// (`IpsrtException.InvalidInput` naming the field).
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct SrmScoringOptions {
    /// A kept value is a hit within this many minutes of the reference, inclusive: 0–720
    /// (default 45, Monk 1990).
    #[uniffi(default = 45)]
    pub hit_window_min: i32,
    /// Exclude values farther than `trimFactor · SD` from the mean: 0.001–10 with at most three
    /// decimals (default 1.5); null switches trimming off.
    #[uniffi(default = Some(1.5))]
    pub trim_factor: Option<f64>,
    /// Sample (default) or population SD.
    pub sd: SrmSdKind,
    /// Skip trimming when the SD is at most this many minutes: 0–720 (default null: never skip;
    /// RAY's rule is 10).
    #[uniffi(default = None)]
    pub sd_floor_min: Option<i32>,
    /// An item counts when done on at least this many days of the window: 1–7 (default 3).
    #[uniffi(default = 3)]
    pub min_occurrences: i32,
    /// What hits are measured against (default habitual).
    pub reference: SrmHitReference,
    /// Which values can be hits (default kept).
    pub hit_values: SrmHitValues,
    /// 7-day blocks (default) or rolling windows.
    pub windows: SrmWindows,
    /// Where the first window starts (default the first diary day).
    pub week_anchor: SrmWeekAnchor,
}

impl SrmScoringOptions {
    /// The core's options; every range checked (`InvalidInput` naming the field).
    pub(crate) fn to_core(&self) -> Result<core::ScoringOptions, IpsrtError> {
        let trim_factor = self.trim_factor.map(core::TrimFactor::from_f64).transpose()?;
        let options = core::ScoringOptions {
            hit_window_min: unsigned(i64::from(self.hit_window_min), "hit_window_min")?,
            trim_factor,
            sd: to_core(&self.sd)?,
            sd_floor_min: self.sd_floor_min.map(|f| unsigned(i64::from(f), "sd_floor_min")).transpose()?,
            min_occurrences: unsigned(i64::from(self.min_occurrences), "min_occurrences")?,
            reference: to_core(&self.reference)?,
            hit_values: to_core(&self.hit_values)?,
            windows: to_core(&self.windows)?,
            week_anchor: to_core(&self.week_anchor)?,
        };
        options.validate()?;
        Ok(options)
    }

    /// The mirror of the core's options.
    pub(crate) fn from_core(o: &core::ScoringOptions) -> Result<Self, IpsrtError> {
        Ok(SrmScoringOptions {
            hit_window_min: i32::from(o.hit_window_min),
            trim_factor: o.trim_factor.map(core::TrimFactor::as_f64),
            sd: from_core(&o.sd)?,
            sd_floor_min: o.sd_floor_min.map(i32::from),
            min_occurrences: i32::from(o.min_occurrences),
            reference: from_core(&o.reference)?,
            hit_values: from_core(&o.hit_values)?,
            windows: from_core(&o.windows)?,
            week_anchor: from_core(&o.week_anchor)?,
        })
    }
}

/// What happened to one day's value of one item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, uniffi::Enum)]
#[serde(rename_all = "snake_case")]
pub enum DayOutcome {
    /// Not done or not recorded.
    NoOccurrence,
    /// Done, but the item was done on too few days to count.
    NotCounted,
    /// Excluded as an outlier.
    Excluded,
    /// Kept, but outside the hit window.
    Miss,
    /// A hit.
    Hit,
}

/// Per-item detail of a scored week.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct SrmItemScore {
    /// The activity.
    pub item: SrmItem,
    /// Days it was done.
    pub n: i32,
    /// Whether it counts (done on at least `min_occurrences` days).
    pub counted: bool,
    /// Values kept after trimming.
    pub kept: i32,
    /// Hits.
    pub hits: i32,
    /// The habitual time, rounded to the minute, when counted.
    pub habitual: Option<ClockTime>,
    /// The habitual time in fractional minutes after midnight, when counted.
    pub habitual_minutes: Option<f64>,
    /// The SD in minutes, when counted.
    pub sd_minutes: Option<f64>,
    /// Whether the SD floor switched trimming off.
    pub floor_applied: bool,
    /// The values excluded as outliers, in day order.
    pub excluded: Vec<ClockTime>,
    /// Per day (7): hit, miss, excluded, not counted or no occurrence.
    pub days: Vec<DayOutcome>,
    /// The target time used under the (non-standard) target reference.
    pub target: Option<ClockTime>,
}

/// A scored 7-day window (the core's `WeekScore`; `json` is its full serde form).
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct SrmWeekScore {
    /// First day of the window.
    pub start: LocalDate,
    /// `hits / counted_items`; absent when no item counts (not scorable, never 0).
    pub score: Option<f64>,
    /// Total hits over counted items.
    pub hits: i64,
    /// Items that count.
    pub counted_items: i64,
    /// Activity Level Index.
    pub ali: i64,
    /// Days with anything written.
    pub days_recorded: i32,
    /// What hits were measured against.
    pub reference: SrmReference,
    /// Per-item detail, in form order.
    pub items: Vec<SrmItemScore>,
    /// The core's JSON form of the whole result.
    pub json: String,
}

pub(crate) fn week_score(s: &core::WeekScore) -> Result<SrmWeekScore, IpsrtError> {
    let items = s
        .items
        .iter()
        .map(|i| {
            Ok(SrmItemScore {
                item: from_core(&i.item)?,
                n: i32::from(i.n),
                counted: i.counted,
                kept: i32::from(i.kept),
                hits: i32::from(i.hits),
                habitual: i.habitual,
                habitual_minutes: i.habitual_minutes,
                sd_minutes: i.sd_minutes,
                floor_applied: i.floor_applied,
                excluded: i.excluded.clone(),
                days: from_core(&i.days)?,
                target: i.target,
            })
        })
        .collect::<Result<_, IpsrtError>>()?;
    let reference = from_core(&s.reference)?;
    Ok(SrmWeekScore {
        start: s.start,
        score: s.score,
        hits: i64::from(s.hits),
        counted_items: i64::from(s.counted_items),
        ali: i64::from(s.ali),
        days_recorded: i32::from(s.days_recorded),
        reference,
        items,
        json: to_json_value(s)?,
    })
}

fn options(options: Option<SrmScoringOptions>) -> Result<core::ScoringOptions, IpsrtError> {
    options.map_or_else(|| Ok(core::ScoringOptions::default()), |o| o.to_core())
}

/// Scores one week given as the core's `Week` JSON (a stored week, as in `test-vectors/srm/`),
/// with the typed options (null = the standard SRM).
#[uniffi::export(default(options = None))]
pub fn srm_score_week_json(week_json: String, options: Option<SrmScoringOptions>) -> Result<SrmWeekScore, IpsrtError> {
    guard(|| {
        let week: core::Week = from_json_value("SRM week", &week_json)?;
        week_score(&core::score_week(&week, &self::options(options)?)?)
    })
}

/// The standard scoring options (the core's defaults: a starting point for a study's choices,
/// changed with `copy(...)`).
#[uniffi::export]
pub fn srm_default_scoring_options() -> Result<SrmScoringOptions, IpsrtError> {
    guard(|| SrmScoringOptions::from_core(&core::ScoringOptions::default()))
}

/// A person's SRM diary (thread-safe).
///
/// **Threads:** safe to share between threads. Every call takes this object's one lock for the
/// whole call (calls on it run one at a time; other objects never wait for it), never calls back
/// into the app and never blocks on I/O. A `close()` during another thread's call frees the object
/// when that call ends; a call after `close()` throws `IpsrtException.Closed`.
#[derive(uniffi::Object)]
pub struct SrmDiary {
    pub(crate) state: Locked<core::Diary>,
}

persisted_object!(SrmDiary, core::Diary);

#[uniffi::export]
impl SrmDiary {
    /// An empty diary on a form.
    #[uniffi::constructor]
    pub fn new(form: SrmFormKind) -> Arc<Self> {
        let form = match form {
            SrmFormKind::Srm17 => core::Form::Srm17 { activity_a: None, activity_b: None },
            SrmFormKind::Srm5 => core::Form::Srm5,
            SrmFormKind::SrmII5 => core::Form::SrmII5 { targets: core::Targets::default() },
        };
        Arc::new(SrmDiary { state: Locked::new(core::Diary::new(form)) })
    }

    /// An empty diary on a form with its write-in names or target times. A blank or too long
    /// write-in name is `IpsrtException.InvalidInput`.
    #[uniffi::constructor]
    pub fn with_form(form: SrmForm) -> Result<Arc<Self>, IpsrtError> {
        guard(|| {
            let form = core::Form::from(form);
            form.validate()?;
            Ok(Arc::new(SrmDiary { state: Locked::new(core::Diary::new(form)) }))
        })
    }

    /// The diary's form, with its write-in names or target times.
    pub fn form(&self) -> Result<SrmForm, IpsrtError> {
        guard(|| Ok(self.state.read(|d| SrmForm::from(d.form()))))
    }

    /// Writes one cell. `recorded_at` (when it was written down) drives the late-entry flag;
    /// `people` is the IPSRT form's People code. On error the diary is unchanged.
    #[uniffi::method(default(recorded_at = None, people = None))]
    pub fn add(
        &self,
        date: LocalDate,
        item: SrmItem,
        status: SrmStatus,
        recorded_at: Option<ZonedDateTime>,
        people: Option<SrmPeople>,
    ) -> Result<(), IpsrtError> {
        guard(|| {
            let entry = entry_in(date, item, status, people, recorded_at)?;
            self.state.update(|d| Ok(d.add(entry)?))
        })
    }

    /// Corrects a cell: every entry of `item` on `date` is replaced by this one, which is then
    /// what the week scores. Returns the entries it replaced. A cell with no entry is
    /// `IpsrtException.NotFound`; on error the diary is unchanged.
    #[uniffi::method(default(recorded_at = None, people = None))]
    pub fn replace(
        &self,
        date: LocalDate,
        item: SrmItem,
        status: SrmStatus,
        recorded_at: Option<ZonedDateTime>,
        people: Option<SrmPeople>,
    ) -> Result<Vec<SrmEntry>, IpsrtError> {
        guard(|| {
            let entry = entry_in(date, item, status, people, recorded_at)?;
            self.state.update(|d| {
                let removed = d.replace(entry)?;
                entries_out(d, &removed)
            })
        })
    }

    /// Removes every entry of `item` on `date` and returns them. A cell with no entry is
    /// `IpsrtException.NotFound`; on error the diary is unchanged.
    pub fn remove(&self, date: LocalDate, item: SrmItem) -> Result<Vec<SrmEntry>, IpsrtError> {
        guard(|| {
            let item: core::ItemId = to_core(&item)?;
            self.state.update(|d| {
                let removed = d.remove(date, item)?;
                entries_out(d, &removed)
            })
        })
    }

    /// Every entry, in the order written, with its late flag.
    pub fn entries(&self) -> Result<Vec<SrmEntry>, IpsrtError> {
        guard(|| self.state.read(|d| entries_out(d, d.entries())))
    }

    /// The entries of one cell (`item` on `date`), in the order written.
    pub fn entries_for(&self, date: LocalDate, item: SrmItem) -> Result<Vec<SrmEntry>, IpsrtError> {
        guard(|| {
            let item: core::ItemId = to_core(&item)?;
            self.state.read(|d| entries_out(d, d.entries_for(date, item)))
        })
    }

    /// The entries written late (more than the grace period after their day ended).
    pub fn late_entries(&self) -> Result<Vec<SrmEntry>, IpsrtError> {
        guard(|| self.state.read(|d| entries_out(d, d.late_entries())))
    }

    /// What a cell scores with, after the rule for several entries of one cell (the first
    /// "done" wins; a correction replaces them all).
    pub fn status(&self, date: LocalDate, item: SrmItem) -> Result<SrmStatus, IpsrtError> {
        guard(|| {
            let item: core::ItemId = to_core(&item)?;
            Ok(self.state.read(|d| d.status(date, item)).into())
        })
    }

    /// The daily mood ratings, by date.
    pub fn moods(&self) -> Result<Vec<SrmMood>, IpsrtError> {
        guard(|| {
            Ok(self.state.read(|d| {
                d.moods().iter().map(|(date, m)| SrmMood { date: *date, mood: i32::from(m.value()) }).collect()
            }))
        })
    }

    /// Removes a day's mood rating; returns it, or null when there was none.
    pub fn remove_mood(&self, date: LocalDate) -> Result<Option<i32>, IpsrtError> {
        guard(|| self.state.update(|d| Ok(d.remove_mood(date).map(|m| i32::from(m.value())))))
    }

    /// Hours after the end of a diary day after which an entry is flagged late.
    pub fn late_grace_hours(&self) -> Result<i64, IpsrtError> {
        guard(|| Ok(i64::from(self.state.read(|d| d.late_grace_hours()))))
    }

    /// Sets the late-entry grace period (0 … 4294967295 hours).
    pub fn set_late_grace_hours(&self, hours: i64) -> Result<(), IpsrtError> {
        guard(|| {
            let hours = u32::try_from(hours).map_err(|_| {
                IpsrtError::InvalidInput(format!(
                    "late grace hours {hours} is out of range: give a whole number of hours from 0 to {}",
                    u32::MAX
                ))
            })?;
            self.state.update(|d| {
                d.set_late_grace_hours(hours);
                Ok(())
            })
        })
    }

    /// Writes one cell given as the core's `Entry` JSON (with a People code, for example).
    pub fn add_json(&self, entry_json: String) -> Result<(), IpsrtError> {
        guard(|| {
            let entry: core::Entry = from_json_value("SRM entry", &entry_json)?;
            self.state.update(|d| Ok(d.add(entry)?))
        })
    }

    /// Records the day's mood rating (−5 … +5).
    pub fn set_mood(&self, date: LocalDate, mood: i64) -> Result<(), IpsrtError> {
        guard(|| {
            let mood = core::Mood::new(mood)?;
            self.state.update(|d| {
                d.set_mood(date, mood);
                Ok(())
            })
        })
    }

    /// Number of entries.
    pub fn entry_count(&self) -> Result<i64, IpsrtError> {
        guard(|| Ok(self.state.read(|d| i64::try_from(d.entries().len()).unwrap_or(i64::MAX))))
    }

    /// First and last diary day, when there is any entry.
    pub fn span(&self) -> Result<Option<Vec<LocalDate>>, IpsrtError> {
        guard(|| Ok(self.state.read(|d| d.span().map(|(a, b)| vec![a, b]))))
    }

    /// Scores the 7-day window that starts on `start` (`options` null = the standard SRM).
    #[uniffi::method(default(options = None))]
    pub fn score_week(&self, start: LocalDate, options: Option<SrmScoringOptions>) -> Result<SrmWeekScore, IpsrtError> {
        guard(|| {
            let opts = self::options(options)?;
            let week = self.state.read(|d| d.week_starting(start));
            week_score(&core::score_week(&week, &opts)?)
        })
    }

    /// Scores every window of the diary, cut as the options say (blocks or rolling, anchored
    /// on the first diary day or a weekday; `options` null = the standard SRM).
    #[uniffi::method(default(options = None))]
    pub fn score_weeks(&self, options: Option<SrmScoringOptions>) -> Result<Vec<SrmWeekScore>, IpsrtError> {
        guard(|| {
            let opts = self::options(options)?;
            let weeks = self.state.read(|d| d.weeks(&opts));
            weeks.iter().map(|w| week_score(&core::score_week(w, &opts)?)).collect()
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The typed options carry every field of the core's options; ranges are the core's.
    #[test]
    fn typed_options_round_trip_and_are_range_checked() {
        let ray = core::ScoringOptions {
            sd_floor_min: Some(10),
            trim_factor: Some(core::TrimFactor::from_thousandths(1250).unwrap()),
            sd: core::SdKind::Population,
            reference: core::HitReference::Target,
            hit_values: core::HitValues::All,
            windows: core::Windows::Rolling,
            week_anchor: core::WeekAnchor::Sunday,
            hit_window_min: 30,
            min_occurrences: 4,
        };
        for o in [core::ScoringOptions::default(), ray, core::ScoringOptions { trim_factor: None, ..ray }] {
            assert_eq!(SrmScoringOptions::from_core(&o).unwrap().to_core().unwrap(), o);
        }
        let typed = SrmScoringOptions::from_core(&core::ScoringOptions::default()).unwrap();
        for (bad, says) in [
            (SrmScoringOptions { min_occurrences: 9, ..typed.clone() }, "min_occurrences"),
            (SrmScoringOptions { hit_window_min: -5, ..typed.clone() }, "hit_window_min -5 is out of range"),
            (SrmScoringOptions { hit_window_min: 721, ..typed.clone() }, "hit_window_min"),
            (SrmScoringOptions { trim_factor: Some(1.2345), ..typed.clone() }, "trim_factor"),
            (SrmScoringOptions { sd_floor_min: Some(70_000), ..typed.clone() }, "sd_floor_min 70000"),
        ] {
            let e = bad.to_core().unwrap_err();
            assert_eq!(e.kind_name(), "invalid_input");
            assert!(e.to_string().contains(says), "{e}");
        }
    }

    /// Forms: write-ins and targets reach the core; a blank write-in is refused.
    #[test]
    fn typed_forms() {
        let t = |s: &str| Some(s.parse::<ClockTime>().unwrap());
        let forms = [
            SrmForm::Srm17 { activity_a: Some("guitar".into()), activity_b: None },
            SrmForm::Srm5,
            SrmForm::SrmII5 {
                targets: SrmTargets { out_of_bed: t("07:00"), to_bed: t("23:00"), ..SrmTargets::default() },
            },
        ];
        for f in forms {
            let d = SrmDiary::with_form(f.clone()).unwrap();
            assert_eq!(d.form().unwrap(), f);
        }
        let blank = SrmDiary::with_form(SrmForm::Srm17 { activity_a: None, activity_b: Some(" ".into()) });
        let e = blank.err().unwrap();
        assert!(e.to_string().contains("activity_b is blank"), "{e}");
        let long = SrmDiary::with_form(SrmForm::Srm17 { activity_a: Some("x".repeat(201)), activity_b: None });
        assert!(long.err().unwrap().to_string().contains("activity_a \"xxx"));
    }
}
