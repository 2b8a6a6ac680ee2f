//! IPSRT (the core's `ipsrt::ipsrt`): the rhythm stabilisation plan, due times of the rhythm
//! anchors (with the core's daylight-saving rules), and the medication log.
//!
//! [`RhythmPlan`] and [`MedicationLog`] are Objects (thread-safe, see [`crate::state`]). Plan
//! events ([`RhythmPlanEvent`]) and local settings ([`RhythmPlanSettings`]) are typed; the
//! care record takes the same types.

use std::sync::Arc;

use ipsrt::ipsrt as core;
use ipsrt::time::{ClockTime, ZonedDateTime};
use serde::{Deserialize, Serialize};

use crate::bridge::{from_core, from_json_value, persisted_object, to_core, unsigned};
use crate::error::{IpsrtError, guard};
use crate::life_events::LifeEventKind;
use crate::source::SourceRef;
use crate::state::Locked;
use crate::time::{Instant, LocalDate};

/// A rhythm anchor (the SRM-5 activities).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, uniffi::Enum)]
#[serde(rename_all = "snake_case")]
pub enum Anchor {
    /// Out of bed.
    OutOfBed,
    /// First contact with another person.
    FirstContact,
    /// Start of work or the day's main activity.
    StartWork,
    /// Dinner.
    Dinner,
    /// To bed.
    ToBed,
}

/// How a due time was adjusted for daylight saving.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, uniffi::Enum)]
#[serde(rename_all = "snake_case")]
pub enum DstAdjustment {
    /// The local time fell in the spring gap: moved later by the gap's length (as java.time).
    MovedPastGap,
    /// The local time occurs twice (autumn): the earlier instant.
    EarlierOfTwo,
}

/// An anchor with its aimed-at clock time.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct AnchorTime {
    /// The anchor.
    pub anchor: Anchor,
    /// The clock time.
    pub time: ClockTime,
}

/// When an anchor is due.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct DueTime {
    /// The anchor.
    pub anchor: Anchor,
    /// The diary day it belongs to (a to-bed time after midnight belongs to the day before).
    pub diary_date: LocalDate,
    /// The aimed-at clock time.
    pub time: ClockTime,
    /// The local moment it is due.
    pub due: ZonedDateTime,
    /// The instant it is due.
    pub instant: Instant,
    /// Daylight-saving adjustment, if any.
    pub adjustment: Option<DstAdjustment>,
}

fn due(d: &core::DueTime) -> Result<DueTime, IpsrtError> {
    Ok(DueTime {
        anchor: from_core(&d.anchor)?,
        diary_date: d.diary_date,
        time: d.time,
        due: d.due,
        instant: d.instant,
        adjustment: d.adjustment.as_ref().map(from_core).transpose()?,
    })
}

fn anchors(list: &[AnchorTime]) -> Result<Vec<(core::Anchor, ClockTime)>, IpsrtError> {
    list.iter().map(|a| Ok((to_core(&a.anchor)?, a.time))).collect()
}

/// The next due time of each anchor after `now` (local time + zone), sorted by instant.
#[uniffi::export]
pub fn next_due(anchors_times: Vec<AnchorTime>, now: ZonedDateTime) -> Result<Vec<DueTime>, IpsrtError> {
    guard(|| core::next_due(&anchors(&anchors_times)?, &now)?.iter().map(due).collect())
}

/// A recorded anchor on a diary day (for [`overdue`]).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct RecordedAnchor {
    /// The diary day.
    pub date: LocalDate,
    /// The anchor.
    pub anchor: Anchor,
}

/// Anchors due from diary day `since` up to `now` minus `grace_minutes` and not recorded.
#[uniffi::export]
pub fn overdue(
    anchors_times: Vec<AnchorTime>,
    now: ZonedDateTime,
    since: LocalDate,
    grace_minutes: i64,
    recorded: Vec<RecordedAnchor>,
) -> Result<Vec<DueTime>, IpsrtError> {
    guard(|| {
        let recorded =
            recorded.iter().map(|r| Ok((r.date, to_core(&r.anchor)?))).collect::<Result<Vec<_>, IpsrtError>>()?;
        core::overdue(&anchors(&anchors_times)?, &now, since, unsigned(grace_minutes, "grace_minutes")?, &recorded)?
            .iter()
            .map(due)
            .collect()
    })
}

/// The stage of a rhythm stabilisation plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, uniffi::Enum)]
#[serde(rename_all = "snake_case")]
pub enum PlanStage {
    /// Recording the baseline.
    Baseline,
    /// Anchors chosen, targets not yet set.
    AnchorsChosen,
    /// Moving the aimed-at times towards the targets step by step.
    Shifting,
    /// Every anchor at its target.
    Stable,
    /// Maintenance.
    Maintenance,
}

/// An anchor's target and the time currently aimed at.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct AnchorTarget {
    /// The anchor.
    pub anchor: Anchor,
    /// The target time.
    pub target: ClockTime,
    /// The time aimed at now.
    pub current: ClockTime,
    /// Since when `current` is aimed at.
    pub since: LocalDate,
}

/// A rhythm stabilisation plan (thread-safe).
///
/// **Threads:** safe to share between threads. Every call takes this object's one lock for the
/// whole call (calls on it run one at a time; other objects never wait for it), never calls back
/// into the app and never blocks on I/O. A `close()` during another thread's call frees the object
/// when that call ends; a call after `close()` throws `IpsrtException.Closed`.
#[derive(uniffi::Object)]
pub struct RhythmPlan {
    pub(crate) state: Locked<core::RhythmPlan>,
}

persisted_object!(RhythmPlan, core::RhythmPlan);

#[uniffi::export]
impl RhythmPlan {
    /// Starts a plan with default settings; the baseline starts on `baseline_start`.
    #[uniffi::constructor]
    pub fn start(baseline_start: LocalDate) -> Result<Arc<Self>, IpsrtError> {
        guard(|| {
            let plan = core::RhythmPlan::start(core::PlanSettings::default(), baseline_start)?;
            Ok(Arc::new(RhythmPlan { state: Locked::new(plan) }))
        })
    }

    /// Starts a plan with local settings (values left out keep the shipped default and its
    /// source; the values given are recorded under `settings.decidedBy`).
    #[uniffi::constructor]
    pub fn start_with_settings(
        settings: RhythmPlanSettings,
        baseline_start: LocalDate,
    ) -> Result<Arc<Self>, IpsrtError> {
        guard(|| {
            let settings = rhythm_settings(Some(settings))?;
            Ok(Arc::new(RhythmPlan { state: Locked::new(core::RhythmPlan::start(settings, baseline_start)?) }))
        })
    }

    /// Applies a plan event; returns the new stage. On error the plan is unchanged.
    pub fn apply(&self, event: RhythmPlanEvent) -> Result<PlanStage, IpsrtError> {
        guard(|| {
            let event: core::PlanEvent = to_core(&event)?;
            self.state.update(|p| from_core(&p.apply(event)?))
        })
    }

    /// Applies a plan event given as the core's JSON (`{"type": "anchors_chosen", ...}`; the
    /// shared vectors and imports); returns the new stage. On error the plan is unchanged.
    pub fn apply_json(&self, event_json: String) -> Result<PlanStage, IpsrtError> {
        guard(|| {
            let event: core::PlanEvent = from_json_value("rhythm plan event", &event_json)?;
            self.state.update(|p| from_core(&p.apply(event)?))
        })
    }

    /// The stage.
    pub fn stage(&self) -> Result<PlanStage, IpsrtError> {
        guard(|| self.state.read(|p| from_core(&p.stage())))
    }

    /// Targets and aimed-at times, in the order chosen.
    pub fn targets(&self) -> Result<Vec<AnchorTarget>, IpsrtError> {
        guard(|| {
            self.state.read(|p| {
                p.targets()
                    .iter()
                    .map(|t| {
                        Ok(AnchorTarget {
                            anchor: from_core(&t.anchor)?,
                            target: t.target,
                            current: t.current,
                            since: t.since,
                        })
                    })
                    .collect()
            })
        })
    }

    /// Anchors whose next step is due on `date`.
    pub fn steps_due(&self, date: LocalDate) -> Result<Vec<Anchor>, IpsrtError> {
        guard(|| self.state.read(|p| from_core(&p.steps_due(date))))
    }

    /// The next due time of each aimed-at anchor after `now`.
    pub fn next_due(&self, now: ZonedDateTime) -> Result<Vec<DueTime>, IpsrtError> {
        guard(|| self.state.read(|p| p.next_due(&now)?.iter().map(due).collect()))
    }
}

/// What happened to a scheduled dose.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, uniffi::Enum)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum DoseOutcome {
    /// Taken within the tolerance.
    Taken {
        /// When, if known.
        at: Option<ClockTime>,
    },
    /// Taken late.
    Late {
        /// When, if known.
        at: Option<ClockTime>,
    },
    /// Not taken.
    Missed,
}

/// Classifies a dose taken at `taken_at` against its planned time: taken within
/// `late_after_minutes` (across midnight too), otherwise late.
#[uniffi::export]
pub fn classify_dose(
    planned: ClockTime,
    taken_at: ClockTime,
    late_after_minutes: i32,
) -> Result<DoseOutcome, IpsrtError> {
    guard(|| {
        let late_after_minutes = unsigned(i64::from(late_after_minutes), "late_after_minutes")?;
        from_core(&core::DoseOutcome::classify(planned, taken_at, late_after_minutes))
    })
}

/// A scheduled dose.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, uniffi::Record)]
pub struct ScheduledDose {
    /// Stable id of this dose in the schedule (`"lithium-evening"`).
    pub id: String,
    /// Medication name.
    pub medication: String,
    /// Planned clock time.
    pub time: ClockTime,
    /// The rhythm anchor it is tied to, if any.
    pub anchor: Option<Anchor>,
}

/// Adherence over a period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, uniffi::Record)]
pub struct AdherenceSummary {
    /// Doses scheduled.
    pub scheduled: i64,
    /// Taken on time.
    pub taken: i64,
    /// Taken late.
    pub late: i64,
    /// Missed.
    pub missed: i64,
    /// Nothing recorded.
    pub unrecorded: i64,
    /// (taken + late) / recorded, when anything is recorded.
    pub adherence: Option<f64>,
    /// taken / recorded, when anything is recorded.
    pub on_time: Option<f64>,
}

/// A non-adherence signal over a window (raw counts; `flagged` per the plan's threshold).
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct NonAdherenceSignal {
    /// The last day of the window.
    pub as_of: LocalDate,
    /// Window length.
    pub window_days: i64,
    /// Missed doses in the window.
    pub missed: i64,
    /// Late doses in the window.
    pub late: i64,
    /// Longest run of missed doses.
    pub longest_missed_run: i64,
    /// Whether the plan's threshold is met.
    pub flagged: bool,
    /// Where the pathway comes from.
    pub pathway: SourceRef,
}

/// A medication log (thread-safe).
///
/// **Threads:** safe to share between threads. Every call takes this object's one lock for the
/// whole call (calls on it run one at a time; other objects never wait for it), never calls back
/// into the app and never blocks on I/O. A `close()` during another thread's call frees the object
/// when that call ends; a call after `close()` throws `IpsrtException.Closed`.
#[derive(uniffi::Object)]
pub struct MedicationLog {
    pub(crate) state: Locked<core::MedicationLog>,
}

persisted_object!(MedicationLog, core::MedicationLog);

#[uniffi::export]
impl MedicationLog {
    /// A log for a schedule (ids must be unique).
    #[uniffi::constructor]
    pub fn new(schedule: Vec<ScheduledDose>) -> Result<Arc<Self>, IpsrtError> {
        guard(|| {
            let schedule: Vec<core::ScheduledDose> = to_core(&schedule)?;
            Ok(Arc::new(MedicationLog { state: Locked::new(core::MedicationLog::new(schedule)?) }))
        })
    }

    /// Records that a dose was taken at a clock time; returns taken or late (per the log's
    /// tolerance). On error the log is unchanged.
    pub fn record_taken_at(&self, dose: String, date: LocalDate, at: ClockTime) -> Result<DoseOutcome, IpsrtError> {
        guard(|| self.state.update(|l| from_core(&l.record_taken_at(&dose, date, at)?)))
    }

    /// Records an outcome (for example `Missed`).
    pub fn record(&self, dose: String, date: LocalDate, outcome: DoseOutcome) -> Result<(), IpsrtError> {
        guard(|| {
            let outcome: core::DoseOutcome = to_core(&outcome)?;
            self.state.update(|l| Ok(l.record(core::DoseRecord { dose, date, outcome })?))
        })
    }

    /// Records a `DoseRecord` given as the core's JSON (`{"dose": ..., "date": ..., "outcome": {"status": ...}}`).
    pub fn record_json(&self, record_json: String) -> Result<(), IpsrtError> {
        guard(|| {
            let record: core::DoseRecord = from_json_value("dose record", &record_json)?;
            self.state.update(|l| Ok(l.record(record)?))
        })
    }

    /// Corrects an earlier record.
    pub fn correct(&self, dose: String, date: LocalDate, outcome: DoseOutcome) -> Result<(), IpsrtError> {
        guard(|| {
            let outcome: core::DoseOutcome = to_core(&outcome)?;
            self.state.update(|l| Ok(l.correct(&dose, date, outcome)?))
        })
    }

    /// Adherence from `from` to `to` (inclusive).
    pub fn adherence(&self, from: LocalDate, to: LocalDate) -> Result<AdherenceSummary, IpsrtError> {
        guard(|| self.state.read(|l| from_core(&l.adherence(from, to)?)))
    }

    /// The non-adherence signal over the `window_days` ending on `as_of`.
    pub fn non_adherence_signal(&self, as_of: LocalDate, window_days: i64) -> Result<NonAdherenceSignal, IpsrtError> {
        guard(|| {
            let window_days = unsigned(window_days, "window_days")?;
            self.state.read(|l| {
                let s = l.non_adherence_signal(as_of, window_days)?;
                Ok(NonAdherenceSignal {
                    as_of: s.as_of,
                    window_days: i64::from(s.window_days),
                    missed: i64::from(s.missed),
                    late: i64::from(s.late),
                    longest_missed_run: i64::from(s.longest_missed_run),
                    flagged: s.flagged,
                    pathway: SourceRef::from(&s.pathway),
                })
            })
        })
    }

    /// The schedule.
    pub fn schedule(&self) -> Result<Vec<ScheduledDose>, IpsrtError> {
        guard(|| self.state.read(|l| from_core(&l.schedule())))
    }
}

/// A rhythm-plan target: an anchor, its habitual (baseline) time and its target time.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct RhythmTargetSetting {
    /// The anchor.
    pub anchor: Anchor,
    /// Its baseline time, where the gradual shift starts.
    pub habitual: ClockTime,
    /// The target time.
    pub target: ClockTime,
}

fn targets_ser<S: serde::Serializer>(t: &[RhythmTargetSetting], s: S) -> Result<S::Ok, S::Error> {
    let v: Vec<serde_json::Value> =
        t.iter().map(|t| serde_json::json!([t.anchor, t.habitual.to_string(), t.target.to_string()])).collect();
    serde::Serialize::serialize(&v, s)
}

fn time_ser<S: serde::Serializer>(t: &ClockTime, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&t.to_string())
}

/// A known rhythm disruptor planned for (the core's `PlannedDisruption`).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, uniffi::Record)]
pub struct RhythmDisruption {
    /// What kind (time-zone travel, shift work, exams, ...).
    pub kind: LifeEventKind,
    /// First day.
    pub from: LocalDate,
    /// Last day.
    pub to: LocalDate,
    /// The protective routines agreed.
    pub protective_routines: Vec<String>,
    /// Free text.
    pub note: String,
}

/// An event of the IPSRT rhythm stabilisation plan (the core's `PlanEvent`), for
/// [`RhythmPlan::apply`] and the care record (where its `date` must be the entry's clinical date).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, uniffi::Enum)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum RhythmPlanEvent {
    /// The first anchors are chosen (after the baseline).
    AnchorsChosen {
        /// When.
        date: LocalDate,
        /// Which anchors.
        anchors: Vec<Anchor>,
    },
    /// Target times are set for exactly the chosen anchors.
    TargetsSet {
        /// When.
        date: LocalDate,
        /// Per chosen anchor: habitual and target time.
        #[serde(serialize_with = "targets_ser")]
        targets: Vec<RhythmTargetSetting>,
    },
    /// One step toward the target for one anchor.
    StepTaken {
        /// When.
        date: LocalDate,
        /// Which anchor.
        anchor: Anchor,
    },
    /// A further anchor is added once every current anchor is at its target.
    AnchorAdded {
        /// When.
        date: LocalDate,
        /// The anchor.
        anchor: Anchor,
        /// Its habitual time.
        #[serde(serialize_with = "time_ser")]
        habitual: ClockTime,
        /// Its target.
        #[serde(serialize_with = "time_ser")]
        target: ClockTime,
    },
    /// Maintenance starts (every anchor at its target).
    MaintenanceStarted {
        /// When.
        date: LocalDate,
    },
    /// A known disruptor is planned for.
    DisruptionPlanned {
        /// When it was planned.
        date: LocalDate,
        /// The disruption.
        disruption: RhythmDisruption,
    },
}

/// Local values of the rhythm plan's settings (absent: the shipped default with its source).
/// A value given here is recorded with `decided_by` as its source, e.g. `"clinic protocol 2026"`.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct RhythmPlanSettings {
    /// Days of baseline diary before anchors may be chosen.
    #[uniffi(default = None)]
    pub min_baseline_days: Option<i64>,
    /// The most anchors chosen at the start.
    #[uniffi(default = None)]
    pub max_initial_anchors: Option<i64>,
    /// Minutes one step moves an anchor's aimed-at time toward its target.
    #[uniffi(default = None)]
    pub step_minutes: Option<i64>,
    /// Days each step is held before the next.
    #[uniffi(default = None)]
    pub hold_days: Option<i64>,
    /// A diary time within this many minutes of the aimed-at time is a hit.
    #[uniffi(default = None)]
    pub hit_window_minutes: Option<i64>,
    /// Who decided the local values (their source).
    pub decided_by: String,
}

/// The core's plan settings: the shipped defaults, with the values given in `s` recorded under
/// its `decided_by` as their source.
pub(crate) fn rhythm_settings(s: Option<RhythmPlanSettings>) -> Result<core::PlanSettings, IpsrtError> {
    let mut out = core::PlanSettings::default();
    let Some(s) = s else { return Ok(out) };
    let src = || ipsrt::source::Source::local(s.decided_by.clone());
    let set = |slot: &mut ipsrt::source::Cited<u32>, v: Option<i64>, what: &str| -> Result<(), IpsrtError> {
        if let Some(v) = v {
            *slot = ipsrt::source::Cited::new(unsigned(v, what)?, src());
        }
        Ok(())
    };
    set(&mut out.min_baseline_days, s.min_baseline_days, "min_baseline_days")?;
    set(&mut out.max_initial_anchors, s.max_initial_anchors, "max_initial_anchors")?;
    set(&mut out.step_minutes, s.step_minutes, "step_minutes")?;
    set(&mut out.hold_days, s.hold_days, "hold_days")?;
    set(&mut out.hit_window_minutes, s.hit_window_minutes, "hit_window_minutes")?;
    Ok(out)
}
