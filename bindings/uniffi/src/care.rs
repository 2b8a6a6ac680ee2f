//! The care record (the core's `ipsrt::care`): one patient's treatment as one append-only log,
//! rebuilt by the core. The app appends typed entries and reads typed results (alert levels
//! with plan version and evidence, due/overdue/missed items, open safety warnings); it makes
//! no clinical decision. JSON crosses only as the whole log (`ipsrt.care_log`) and the rebuilt
//! record's JSON.

use std::collections::HashMap;
use std::sync::Arc;

use ipsrt::care as core;
use ipsrt::time::{ClockTime, ZonedDateTime};

use crate::bridge::from_core;
use crate::error::{IpsrtError, guard};
use crate::measures::InstrumentId;
use crate::relapse::AlertLevel;
use crate::schedule::OccurrenceId;
use crate::state::Locked;
use crate::time::{LocalDate, LocalDateTime};

fn care_err(e: core::CareError) -> IpsrtError {
    IpsrtError::from(ipsrt::Error::from(e))
}

fn level(l: ipsrt::relapse::AlertLevel) -> Result<AlertLevel, IpsrtError> {
    from_core(&l)
}

/// What became of an entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum CareEntryState {
    /// In force.
    Active,
    /// Replaced by a correction.
    Corrected,
    /// Withdrawn by a retraction.
    Retracted,
    /// A correction or retraction of another entry.
    Amends,
}

/// One entry as the record sees it.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct CareEntryView {
    /// The entry id.
    pub id: String,
    /// Its type (`"measure_answered"`, ...).
    pub kind: String,
    /// Its clinical date.
    pub effective: LocalDate,
    /// Who recorded it.
    pub author: String,
    /// Whether it arrived after an entry with a later clinical date (kept and evaluated).
    pub late: bool,
    /// Its state.
    pub state: CareEntryState,
    /// The correction or retraction (for corrected/retracted entries), or the target (amends).
    pub state_ref: Option<String>,
}

/// One level change of the date-ordered alert history.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct CareAlert {
    /// The date of the change.
    pub date: LocalDate,
    /// The level before.
    pub from: AlertLevel,
    /// The level after.
    pub to: AlertLevel,
    /// The relapse plan in force.
    pub plan_id: Option<String>,
    /// Its version.
    pub plan_version: i32,
    /// The entry ids behind the reasons.
    pub evidence: Vec<String>,
    /// The reasons, in words.
    pub reasons: Vec<String>,
}

/// A course of the record.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct CareCourse {
    /// The course id.
    pub id: String,
    /// The course it follows.
    pub previous: Option<String>,
    /// The protocol key.
    pub protocol: String,
    /// The phase (`"initial"`, `"middle"`, `"maintenance"`, `"ended"`, ...).
    pub phase: String,
}

/// An occurrence in a status.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct CareOccurrence {
    /// The occurrence id, `TASK/YYYY-MM-DD/HH:MM`.
    pub id: String,
    /// What is due.
    pub what: String,
    /// The local due time.
    pub due_local: LocalDateTime,
    /// The state name (`upcoming`, `open`, `overdue`, `missed`, ...).
    pub state: String,
}

/// Why a safety warning is open.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum CareWarningKind {
    /// A safety item answered at or above its threshold.
    SafetyAnswer,
    /// A crisis-plan sign was logged.
    CrisisSign,
    /// Evidence of an alert was corrected or retracted; the level does not drop by itself.
    EvidenceRetracted,
}

/// A safety warning no clinician has acknowledged yet.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct CareSafetyWarning {
    /// Why.
    pub kind: CareWarningKind,
    /// The entry behind it.
    pub entry: String,
    /// Its clinical date.
    pub date: LocalDate,
    /// In words.
    pub detail: String,
}

/// The status of a care record on a date, as known then.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct CareStatus {
    /// The date.
    pub on: LocalDate,
    /// The patient.
    pub patient_ref: String,
    /// The zone in force.
    pub zone: String,
    /// The current alert level.
    pub alert_level: AlertLevel,
    /// The relapse plan in force.
    pub plan_id: Option<String>,
    /// Its version.
    pub plan_version: Option<i32>,
    /// Since when the level holds.
    pub since: Option<LocalDate>,
    /// Why, in words.
    pub reasons: Vec<String>,
    /// The entries behind the level.
    pub evidence: Vec<String>,
    /// Occurrences due that day.
    pub due: Vec<CareOccurrence>,
    /// Occurrences overdue.
    pub overdue: Vec<CareOccurrence>,
    /// Occurrences missed in the last 28 days.
    pub missed: Vec<CareOccurrence>,
    /// Open safety warnings.
    pub safety_warnings: Vec<CareSafetyWarning>,
    /// The courses.
    pub courses: Vec<CareCourse>,
    /// The episode state name, once started.
    pub episode: Option<String>,
    /// Entries that arrived late.
    pub late_entries: Vec<String>,
}

fn name_of<T: serde::Serialize>(v: &T) -> String {
    match serde_json::to_value(v) {
        Ok(serde_json::Value::String(s)) => s,
        Ok(v) => v.get("phase").and_then(|p| p.as_str()).map_or_else(|| v.to_string(), str::to_owned),
        Err(_) => String::new(),
    }
}

fn version(v: u32) -> i32 {
    i32::try_from(v).unwrap_or(i32::MAX)
}

fn occurrences(list: &[core::OccurrenceView]) -> Vec<CareOccurrence> {
    list.iter()
        .map(|o| CareOccurrence {
            id: o.id.clone(),
            what: o.what.clone(),
            due_local: o.due_local.local,
            state: o.state.clone(),
        })
        .collect()
}

/// A patient's care record (thread-safe): appending validates first and leaves the record
/// unchanged on error.
///
/// **Threads:** safe to share between threads. Every call takes this object's one lock for the
/// whole call (calls on it run one at a time; other objects never wait for it), never calls back
/// into the app and never blocks on I/O. A `close()` during another thread's call frees the object
/// when that call ends; a call after `close()` throws `IpsrtException.Closed`.
#[derive(uniffi::Object)]
pub struct CareRecord {
    state: Locked<core::CareRecord>,
}

impl CareRecord {
    fn append(&self, entry: core::Entry) -> Result<(), IpsrtError> {
        self.state.update(|r| r.append(entry).map_err(care_err))
    }

    #[allow(clippy::too_many_arguments)]
    fn entry(
        id: String,
        recorded_at: ZonedDateTime,
        effective: LocalDate,
        author: String,
        event: core::EntryKind,
        at: Option<ZonedDateTime>,
        occurrence: Option<OccurrenceId>,
    ) -> Result<core::Entry, IpsrtError> {
        let mut e = core::Entry::new(id, recorded_at, effective, author, event);
        e.at = at;
        if let Some(o) = occurrence {
            e.occurrence = Some(ipsrt::schedule::OccurrenceId::new(&o.task, o.date, o.slot)?);
        }
        Ok(e)
    }
}

#[uniffi::export]
impl CareRecord {
    /// An empty record.
    #[uniffi::constructor]
    pub fn new() -> Result<Arc<Self>, IpsrtError> {
        guard(|| {
            let r = core::CareRecord::replay(&core::CareLog::default()).map_err(care_err)?;
            Ok(Arc::new(CareRecord { state: Locked::new(r) }))
        })
    }

    /// Rebuilds the record from a stored log (`ipsrt.care_log` JSON, with its envelope).
    #[uniffi::constructor]
    pub fn from_log_json(json: String) -> Result<Arc<Self>, IpsrtError> {
        guard(|| {
            let log: core::CareLog = ipsrt::persist::from_json(&json)?;
            let r = core::CareRecord::replay(&log).map_err(care_err)?;
            Ok(Arc::new(CareRecord { state: Locked::new(r) }))
        })
    }

    /// The log as `ipsrt.care_log` JSON (what the app stores).
    pub fn log_json(&self) -> Result<String, IpsrtError> {
        guard(|| Ok(self.state.read(|r| ipsrt::persist::to_json(r.log()))))
    }

    /// The rebuilt record as deterministic JSON (what `ipsrt care replay` prints).
    pub fn record_json(&self) -> Result<String, IpsrtError> {
        guard(|| Ok(self.state.read(|r| r.to_json_pretty())))
    }

    /// Appends questionnaire answers (item id → answer); the core scores them.
    #[allow(clippy::too_many_arguments)]
    pub fn append_measure(
        &self,
        id: String,
        recorded_at: ZonedDateTime,
        effective: LocalDate,
        author: String,
        instrument: InstrumentId,
        answers: HashMap<String, i32>,
        at: Option<ZonedDateTime>,
        occurrence: Option<OccurrenceId>,
    ) -> Result<(), IpsrtError> {
        guard(|| {
            let instrument: ipsrt::measures::InstrumentId = crate::bridge::to_core(&instrument)?;
            let event = core::EntryKind::MeasureAnswered { instrument, answers: answers.into_iter().collect() };
            self.append(Self::entry(id, recorded_at, effective, author, event, at, occurrence)?)
        })
    }

    /// Appends an SRM diary day's mood (−5..=5) and bedtime, completing the diary occurrence.
    #[allow(clippy::too_many_arguments)]
    pub fn append_diary_mood(
        &self,
        id: String,
        recorded_at: ZonedDateTime,
        effective: LocalDate,
        author: String,
        mood: i32,
        to_bed: Option<ClockTime>,
        occurrence: Option<OccurrenceId>,
    ) -> Result<(), IpsrtError> {
        guard(|| {
            let mood = i8::try_from(mood).map_err(|_| {
                IpsrtError::InvalidInput(format!("mood {mood} is invalid: the SRM mood rating runs from -5 to +5"))
            })?;
            let items = to_bed
                .map(|t| core::DiaryItem {
                    item: ipsrt::srm::ItemId::ToBed,
                    status: ipsrt::srm::Status::Done(t),
                    people: None,
                })
                .into_iter()
                .collect();
            let event = core::EntryKind::DiaryDay { items, mood: Some(mood) };
            self.append(Self::entry(id, recorded_at, effective, author, event, None, occurrence)?)
        })
    }

    /// Appends a clinician's acknowledgement with what was done.
    pub fn append_acknowledged(
        &self,
        id: String,
        recorded_at: ZonedDateTime,
        effective: LocalDate,
        author: String,
        action: String,
    ) -> Result<(), IpsrtError> {
        guard(|| {
            let event = core::EntryKind::Acknowledged { action };
            self.append(Self::entry(id, recorded_at, effective, author, event, None, None)?)
        })
    }

    /// Appends a retraction of an earlier entry (entered in error), with the reason.
    pub fn append_retraction(
        &self,
        id: String,
        recorded_at: ZonedDateTime,
        effective: LocalDate,
        author: String,
        target: String,
        reason: String,
    ) -> Result<(), IpsrtError> {
        guard(|| {
            let event = core::EntryKind::Retraction { target, reason };
            self.append(Self::entry(id, recorded_at, effective, author, event, None, None)?)
        })
    }

    /// The patient's reference.
    pub fn patient_ref(&self) -> Option<String> {
        self.state.read(|r| r.patient_ref().map(str::to_owned))
    }

    /// The current alert level.
    pub fn alert_level(&self) -> Result<AlertLevel, IpsrtError> {
        guard(|| self.state.read(|r| level(r.alert_level())))
    }

    /// Every level change, with plan version and evidence.
    pub fn alerts(&self) -> Result<Vec<CareAlert>, IpsrtError> {
        guard(|| {
            self.state.read(|r| {
                r.alerts()
                    .iter()
                    .map(|a| {
                        Ok(CareAlert {
                            date: a.transition.date,
                            from: level(a.transition.from)?,
                            to: level(a.transition.to)?,
                            plan_id: a.plan_id.clone(),
                            plan_version: version(a.plan_version),
                            evidence: a.evidence.clone(),
                            reasons: a.transition.reasons.iter().map(|x| x.observed.clone()).collect(),
                        })
                    })
                    .collect()
            })
        })
    }

    /// Every entry with its state and lateness, in arrival order.
    pub fn entries(&self) -> Vec<CareEntryView> {
        self.state.read(|r| {
            r.entries()
                .iter()
                .map(|v| {
                    let (state, state_ref) = match &v.state {
                        core::EntryState::Active => (CareEntryState::Active, None),
                        core::EntryState::Corrected { by } => (CareEntryState::Corrected, Some(by.clone())),
                        core::EntryState::Retracted { by } => (CareEntryState::Retracted, Some(by.clone())),
                        core::EntryState::Amends { target } => (CareEntryState::Amends, Some(target.clone())),
                    };
                    CareEntryView {
                        id: v.id.clone(),
                        kind: v.kind.clone(),
                        effective: v.effective,
                        author: v.author.clone(),
                        late: v.late,
                        state,
                        state_ref,
                    }
                })
                .collect()
        })
    }

    /// The courses.
    pub fn courses(&self) -> Vec<CareCourse> {
        self.state.read(|r| {
            r.courses()
                .iter()
                .map(|c| CareCourse {
                    id: c.id.clone(),
                    previous: c.previous.clone(),
                    protocol: c.course.protocol.key.clone(),
                    phase: name_of(&c.course.phase),
                })
                .collect()
        })
    }

    /// The record as known at the end of the day `on` (or at the local clock time `at`):
    /// replayed from only the entries recorded by then.
    pub fn known_by(&self, on: LocalDate, at: Option<ClockTime>) -> Result<Arc<CareRecord>, IpsrtError> {
        guard(|| {
            let r = self.state.read(|r| r.known_by(on, at)).map_err(care_err)?;
            Ok(Arc::new(CareRecord { state: Locked::new(r) }))
        })
    }

    /// The instruments the record has scored results for.
    pub fn series_instruments(&self) -> Result<Vec<InstrumentId>, IpsrtError> {
        guard(|| self.state.read(|r| r.series_instruments().iter().map(from_core).collect()))
    }

    /// The score series of `instrument`: every result with a total, corrections applied,
    /// retracted results left out, late results at their clinical date. `baseline` absent =
    /// the first score in the record. Throws `IpsrtException.InvalidInput` when the record has
    /// no scored result of it (naming those it has), when two results share a date (naming
    /// both entries), or on a baseline without a score.
    pub fn score_series(
        &self,
        instrument: InstrumentId,
        baseline: Option<LocalDate>,
    ) -> Result<Arc<crate::series::ScoreSeries>, IpsrtError> {
        guard(|| {
            let id: ipsrt::measures::InstrumentId = crate::bridge::to_core(&instrument)?;
            let series = self.state.read(|r| r.score_series(id, baseline)).map_err(care_err)?;
            Ok(crate::series::ScoreSeries::wrap(series))
        })
    }

    /// The entry ids of the results of `instrument` the series leaves out because they have
    /// no total (too many items unanswered), in clinical order.
    pub fn series_unscored(&self, instrument: InstrumentId) -> Result<Vec<String>, IpsrtError> {
        guard(|| {
            let id: ipsrt::measures::InstrumentId = crate::bridge::to_core(&instrument)?;
            Ok(self.state.read(|r| r.series_unscored(id).iter().map(|m| m.entry.clone()).collect()))
        })
    }

    /// The status on `on` as known at the end of that day, or at the local clock time `at`.
    pub fn status(&self, on: LocalDate, at: Option<ClockTime>) -> Result<CareStatus, IpsrtError> {
        guard(|| {
            let s = self.state.read(|r| r.status_at(on, at)).map_err(care_err)?;
            Ok(CareStatus {
                on: s.on,
                patient_ref: s.patient_ref.clone(),
                zone: s.zone.clone(),
                alert_level: level(s.alert.level)?,
                plan_id: s.alert.plan_id.clone(),
                plan_version: s.alert.plan_version.map(version),
                since: s.alert.since,
                reasons: s.alert.reasons.iter().map(|x| x.observed.clone()).collect(),
                evidence: s.alert.evidence.clone(),
                due: occurrences(&s.due),
                overdue: occurrences(&s.overdue),
                missed: occurrences(&s.missed),
                safety_warnings: s
                    .safety_warnings
                    .iter()
                    .map(|w| CareSafetyWarning {
                        kind: match w.kind {
                            core::WarningKind::SafetyAnswer => CareWarningKind::SafetyAnswer,
                            core::WarningKind::CrisisSign => CareWarningKind::CrisisSign,
                            core::WarningKind::EvidenceRetracted => CareWarningKind::EvidenceRetracted,
                        },
                        entry: w.entry.clone(),
                        date: w.date,
                        detail: w.detail.clone(),
                    })
                    .collect(),
                courses: s
                    .courses
                    .iter()
                    .map(|c| CareCourse {
                        id: c.id.clone(),
                        previous: c.previous.clone(),
                        protocol: c.protocol.clone(),
                        phase: c.phase.clone(),
                    })
                    .collect(),
                episode: s.episode.map(|e| name_of(&e)),
                late_entries: s.late_entries.clone(),
            })
        })
    }
}
