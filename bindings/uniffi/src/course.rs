//! An IPT course (the core's `ipsrt::course`): the state machine driven by a dated event log,
//! with problem areas, the interpersonal inventory, life events and problem-area suggestions.
//!
//! [`Course`] is an Object (thread-safe, see [`crate::state`]) holding the core's `CourseLog`
//! (the event log plus the course it replays to; schema `ipsrt.course`). Course events have
//! many shapes (protocols, contracts, people), so they cross as the core's `EventRecord` JSON
//! (`{"date": "2026-09-01", "event": {"type": "session_recorded", ...}}`), the same form the
//! Rust and Python APIs read and write. The frequent steps also have typed methods
//! ([`Course::record_session`], [`Course::choose_problem_area`], ...). Read-outs are typed.

use std::sync::Arc;

use ipsrt::course as core;
use ipsrt::course::{CourseEvent, EventRecord};
use serde::{Deserialize, Serialize};

use crate::bridge::{from_core, from_json_value, persisted_object, to_core, to_json_value};
use crate::error::{IpsrtError, guard};
use crate::inventory::Person;
use crate::life_events::{LifeEvent, LifeEventKind, ProblemAreaSuggestions, suggestions};
use crate::state::Locked;
use crate::time::LocalDate;

/// A shipped treatment protocol.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum ProtocolId {
    /// Weissman, Markowitz & Klerman acute IPT (12–16 weekly sessions).
    WmkAcute,
    /// Brief IPT.
    IptBrief,
    /// The Spaarne Gasthuis protocol (seed S2).
    Spaarne,
    /// IPSRT acute phase.
    IpsrtAcute,
    /// IPT maintenance.
    IptMaintenance,
}

/// A problem-area taxonomy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, uniffi::Enum)]
#[serde(rename_all = "snake_case")]
pub enum Taxonomy {
    /// Weissman, Markowitz & Klerman: four areas.
    Wmk4,
    /// Stuart & Robertson: three areas.
    Sr3,
    /// IPSRT: the four WMK areas plus grief for the lost healthy self.
    Ipsrt5,
}

/// A problem area.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, uniffi::Enum)]
#[serde(rename_all = "snake_case")]
pub enum ProblemAreaKind {
    /// Grief.
    Grief,
    /// Role dispute.
    RoleDispute,
    /// Role transition.
    RoleTransition,
    /// Interpersonal deficits.
    InterpersonalDeficits,
    /// IPSRT: grief for the lost healthy self.
    LostHealthySelf,
}

/// The stage of a role dispute.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, uniffi::Enum)]
#[serde(rename_all = "snake_case")]
pub enum DisputeStage {
    /// Both still negotiate.
    Renegotiation,
    /// Negotiation has stalled.
    Impasse,
    /// The relationship is ending.
    Dissolution,
}

/// Whether a scheduled session took place.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, uniffi::Enum)]
#[serde(rename_all = "snake_case")]
pub enum Attendance {
    /// The session took place.
    Attended,
    /// The patient did not come.
    Missed,
    /// Cancelled and rescheduled.
    Cancelled,
}

/// The verdict of a response evaluation (the core's `ResponseVerdict`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, uniffi::Enum)]
#[serde(rename_all = "snake_case")]
pub enum ResponseVerdict {
    /// Symptoms below the remission cut-off.
    Remission,
    /// At least the response reduction (PHQ-9: ≥ 50 %).
    Response,
    /// Clear but insufficient improvement.
    PartialResponse,
    /// No or minimal benefit.
    MinimalOrNoBenefit,
}

/// The measurement behind a verdict (the core's `EvaluationBasis`).
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct EvaluationBasis {
    /// Instrument id (`"phq9"`, `"hrsd17"`, ...).
    pub instrument: String,
    /// Baseline total, if known.
    pub baseline_total: Option<f64>,
    /// Current total, if known.
    pub current_total: Option<f64>,
    /// Where the verdict's cut-offs come from.
    pub source: crate::source::SourceRef,
}

/// An evaluation that made the course a stop candidate and awaits the clinician's decision
/// (docs/course.md#the-non-response-rule): end with [`Course::end_non_response`] or continue
/// with [`Course::decline_non_response_stop`].
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct StopCandidate {
    /// The day of the evaluation.
    pub date: LocalDate,
    /// Attended sessions at the evaluation.
    pub after_sessions: i32,
    /// Its verdict.
    pub verdict: ResponseVerdict,
    /// The reduction from baseline in whole percent, when the basis has both totals.
    pub reduction_percent: Option<i32>,
    /// The protocol's stop reduction in percent, when it has one.
    pub threshold_percent: Option<i32>,
}

/// How often sessions take place (the core's `Frequency`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, uniffi::Enum)]
#[serde(rename_all = "snake_case")]
pub enum SessionFrequency {
    /// Twice a week.
    TwiceWeekly,
    /// Once a week.
    Weekly,
    /// Every two weeks.
    Fortnightly,
    /// Once a month.
    Monthly,
}

/// A treatment contract (the core's `Contract`): sessions agreed, frequency, minutes per session.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct TreatmentContract {
    /// Sessions agreed (1–200).
    pub sessions: i32,
    /// How often.
    pub frequency: SessionFrequency,
    /// Minutes per session (10–240).
    pub minutes: i32,
}

fn contract_to_core(c: &TreatmentContract) -> Result<core::Contract, IpsrtError> {
    let whole = |what: &str, v: i32| {
        u32::try_from(v)
            .map_err(|_| IpsrtError::InvalidInput(format!("contract {what} {v} is negative: give a whole number ≥ 1")))
    };
    Ok(core::Contract {
        sessions: whole("sessions", c.sessions)?,
        frequency: to_core(&c.frequency)?,
        minutes: whole("minutes", c.minutes)?,
    })
}

/// A change of focus in the middle phase (the core's `FocusChange`).
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct FocusChange {
    /// The day.
    pub date: LocalDate,
    /// The area replaced; null when an area was added.
    pub replaced: Option<ChosenArea>,
    /// The area worked on from then.
    pub area: ProblemAreaKind,
    /// Why.
    pub reason: String,
}

fn int(v: u32) -> i32 {
    i32::try_from(v).unwrap_or(i32::MAX)
}

/// A chosen problem area.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct ChosenArea {
    /// The area.
    pub kind: ProblemAreaKind,
    /// The dispute's stage (role disputes only).
    pub dispute_stage: Option<DisputeStage>,
    /// The person the area is about, by inventory id.
    pub person: Option<String>,
    /// Sessions held when it was chosen.
    pub chosen_at_session: u32,
}

/// Something the clinician should look at (never blocks an event).
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct CourseWarning {
    /// Stable snake_case code (`"termination_not_raised"`, `"relapse_plan_missing"`, ...).
    pub code: String,
    /// The message to show.
    pub message: String,
}

/// A course's state at a glance.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct CourseStatus {
    /// Phase name (`"initial"`, `"middle"`, `"termination"`, `"completed"`, ...).
    pub phase: String,
    /// Sessions attended.
    pub attended: u32,
    /// Sessions missed.
    pub missed: u32,
    /// Sessions cancelled and rescheduled.
    pub cancelled: u32,
    /// Sessions in the contract in force.
    pub contract_sessions: Option<u32>,
    /// Sessions left in the contract in force.
    pub remaining: Option<u32>,
    /// The chosen areas.
    pub focus: Vec<ChosenArea>,
    /// Warnings.
    pub warnings: Vec<CourseWarning>,
    /// A one-line description of the focus.
    pub focus_text: String,
    /// How an ended course ended (`"completed"`, `"non_response"`, `"ended_early"`,
    /// `"referred"`, ...; the core's `outcome` tag); absent while it runs.
    pub ending: Option<String>,
}

fn chosen(a: &ipsrt::problem_area::ChosenArea) -> Result<ChosenArea, IpsrtError> {
    Ok(ChosenArea {
        kind: from_core(&a.kind)?,
        dispute_stage: a.dispute_stage.as_ref().map(from_core).transpose()?,
        person: a.person.as_ref().map(|p| p.to_string()),
        chosen_at_session: a.chosen_at_session,
    })
}

fn status(c: &core::Course) -> Result<CourseStatus, IpsrtError> {
    let s = c.status();
    let warnings = s
        .warnings
        .iter()
        .map(|w| {
            let code = serde_json::to_value(w)
                .ok()
                .and_then(|v| v.get("warning").and_then(|x| x.as_str()).map(str::to_owned))
                .unwrap_or_default();
            CourseWarning { code, message: w.to_string() }
        })
        .collect();
    Ok(CourseStatus {
        phase: s.phase.clone(),
        attended: s.attended,
        missed: s.missed,
        cancelled: s.cancelled,
        contract_sessions: s.contract_sessions,
        remaining: s.remaining,
        focus: s.focus.iter().map(chosen).collect::<Result<_, _>>()?,
        warnings,
        focus_text: c.focus_text(),
        ending: match &c.phase {
            core::Phase::Ended { ending } => serde_json::to_value(ending)
                .ok()
                .and_then(|v| v.get("outcome").and_then(|o| o.as_str()).map(str::to_owned)),
            _ => None,
        },
    })
}

fn protocol(id: ProtocolId) -> core::Protocol {
    match id {
        ProtocolId::WmkAcute => core::Protocol::wmk_acute(),
        ProtocolId::IptBrief => core::Protocol::ipt_brief(),
        ProtocolId::Spaarne => core::Protocol::spaarne(),
        ProtocolId::IpsrtAcute => core::Protocol::ipsrt_acute(),
        ProtocolId::IptMaintenance => core::Protocol::ipt_maintenance(),
    }
}

/// An IPT course with its event log (thread-safe).
#[derive(uniffi::Object)]
pub struct Course {
    state: Locked<core::CourseLog>,
}

persisted_object!(Course, core::CourseLog);

impl Course {
    fn apply_record(&self, record: EventRecord) -> Result<(), IpsrtError> {
        self.state.update(|log| Ok(log.apply(record)?))
    }
}

#[uniffi::export]
impl Course {
    /// Creates a course on `date` with a shipped protocol and a taxonomy (the `course_created` event).
    #[uniffi::constructor]
    pub fn create(date: LocalDate, protocol_id: ProtocolId, taxonomy: Taxonomy) -> Result<Arc<Self>, IpsrtError> {
        guard(|| {
            let event = CourseEvent::CourseCreated { protocol: protocol(protocol_id), taxonomy: to_core(&taxonomy)? };
            let log = core::CourseLog::from_events(vec![EventRecord::new(date, event)])?;
            Ok(Arc::new(Course { state: Locked::new(log) }))
        })
    }

    /// Rebuilds a course from its event log (each an `EventRecord` JSON); the error names the
    /// first event that does not apply.
    #[uniffi::constructor]
    pub fn replay(events_json: Vec<String>) -> Result<Arc<Self>, IpsrtError> {
        guard(|| {
            let events = events_json
                .iter()
                .map(|j| from_json_value::<EventRecord>("course event", j))
                .collect::<Result<Vec<_>, _>>()?;
            Ok(Arc::new(Course { state: Locked::new(core::CourseLog::from_events(events)?) }))
        })
    }

    /// Applies one event given as `EventRecord` JSON. On error the course is unchanged.
    pub fn apply_json(&self, record_json: String) -> Result<(), IpsrtError> {
        guard(|| self.apply_record(from_json_value("course event", &record_json)?))
    }

    /// Applies one event on `date`, the event given as the core's `CourseEvent` JSON
    /// (`{"type": "middle_phase_started"}`). On error the course is unchanged.
    pub fn apply_event_json(&self, date: LocalDate, event_json: String) -> Result<(), IpsrtError> {
        guard(|| {
            let event: CourseEvent = from_json_value("course event", &event_json)?;
            self.apply_record(EventRecord::new(date, event))
        })
    }

    /// Checks an `EventRecord` JSON without applying it.
    pub fn check_json(&self, record_json: String) -> Result<(), IpsrtError> {
        guard(|| {
            let record: EventRecord = from_json_value("course event", &record_json)?;
            self.state.read(|log| Ok(log.snapshot.check(&record)?))
        })
    }

    /// Records a scored measure (`measure_recorded`, the score's core JSON is re-checked
    /// against its answers). A score with safety signals opens a `safety_signal_open` warning
    /// in `status()` until `acknowledgeSafety`. On error the course is unchanged.
    pub fn record_measure(&self, date: LocalDate, score: crate::measures::MeasureScore) -> Result<(), IpsrtError> {
        guard(|| {
            let score: ipsrt::measures::Score = from_json_value("measure score", &score.json)?;
            self.apply_record(EventRecord::new(date, CourseEvent::MeasureRecorded { score: Box::new(score) }))
        })
    }

    /// A clinician acknowledges every open safety signal (`safety_acknowledged`): who and what
    /// was done. Refused (illegal transition) when nothing is open.
    pub fn acknowledge_safety(
        &self,
        date: LocalDate,
        by: String,
        action: String,
        note: Option<String>,
    ) -> Result<(), IpsrtError> {
        guard(|| self.apply_record(EventRecord::new(date, CourseEvent::SafetyAcknowledged { by, action, note })))
    }

    /// The number of recorded measures whose safety signals are still open.
    pub fn open_safety_count(&self) -> Result<u32, IpsrtError> {
        guard(|| self.state.read(|log| Ok(u32::try_from(log.snapshot.open_safety().count()).unwrap_or(u32::MAX))))
    }

    /// Records a response evaluation (`response_evaluated`) with its verdict and, optionally,
    /// the measurement behind it. Under the non-response rule an evaluation at or after the
    /// protocol's stop session may make the course a stop candidate ([`Course::stop_candidate`]).
    /// On error the course is unchanged.
    pub fn evaluate_response(
        &self,
        date: LocalDate,
        verdict: ResponseVerdict,
        basis: Option<EvaluationBasis>,
    ) -> Result<(), IpsrtError> {
        guard(|| {
            let basis = basis.map(|b| core::EvaluationBasis {
                instrument: b.instrument,
                baseline_total: b.baseline_total,
                current_total: b.current_total,
                source: ipsrt::source::Source::owned(b.source.key, b.source.locator, b.source.evidence),
            });
            let verdict: core::ResponseVerdict = to_core(&verdict)?;
            self.apply_record(EventRecord::new(date, CourseEvent::ResponseEvaluated { verdict, basis }))
        })
    }

    /// The evaluation awaiting the clinician's stop decision, or null when none is pending.
    pub fn stop_candidate(&self) -> Result<Option<StopCandidate>, IpsrtError> {
        guard(|| {
            self.state.read(|log| {
                let c = &log.snapshot;
                c.stop_candidate()
                    .map(|e| {
                        Ok(StopCandidate {
                            date: e.date,
                            after_sessions: int(e.after_sessions),
                            verdict: from_core(&e.verdict)?,
                            reduction_percent: e.reduction_percent(),
                            threshold_percent: c.protocol.stop_reduction.as_ref().map(|t| int(t.value)),
                        })
                    })
                    .transpose()
            })
        })
    }

    /// Ends the course for non-response (`ended_non_response`), recording the alternative
    /// offered (required: what was offered, or that nothing was and why).
    pub fn end_non_response(&self, date: LocalDate, alternative_offered: String) -> Result<(), IpsrtError> {
        guard(|| {
            let event = CourseEvent::EndedNonResponse { alternative_offered: Some(alternative_offered) };
            self.apply_record(EventRecord::new(date, event))
        })
    }

    /// Continues the course although the latest evaluation made it a stop candidate
    /// (`non_response_stop_declined`); the reason is recorded as a deviation. Refused
    /// (illegal transition) when no stop candidate is pending.
    pub fn decline_non_response_stop(&self, date: LocalDate, reason: String) -> Result<(), IpsrtError> {
        guard(|| self.apply_record(EventRecord::new(date, CourseEvent::NonResponseStopDeclined { reason })))
    }

    /// Completes the course (`course_completed`): needs the relapse-prevention plan, and is
    /// refused while the latest verdict is minimal or no benefit or a stop decision is pending.
    pub fn complete(&self, date: LocalDate) -> Result<(), IpsrtError> {
        guard(|| self.apply_record(EventRecord::new(date, CourseEvent::CourseCompleted)))
    }

    /// Records a session (`session_recorded`).
    pub fn record_session(&self, date: LocalDate, number: u32, attendance: Attendance) -> Result<(), IpsrtError> {
        guard(|| {
            let attendance: core::Attendance = to_core(&attendance)?;
            self.apply_record(EventRecord::new(date, CourseEvent::SessionRecorded { number, attendance, at: None }))
        })
    }

    /// Chooses a problem area (`problem_area_chosen`); `person` is an inventory id.
    pub fn choose_problem_area(
        &self,
        date: LocalDate,
        area: ProblemAreaKind,
        dispute_stage: Option<DisputeStage>,
        person: Option<String>,
        deviation: Option<String>,
    ) -> Result<(), IpsrtError> {
        guard(|| {
            let event = serde_json::json!({
                "type": "problem_area_chosen",
                "area": area,
                "dispute_stage": dispute_stage,
                "person": person,
                "deviation": deviation,
            });
            let event: CourseEvent = to_core(&event)?;
            self.apply_record(EventRecord::new(date, event))
        })
    }

    /// Changes the focus in the middle phase (`focus_changed`): `area` replaces the chosen area
    /// `replaces`, or without it is added as a second area; `reason` is required and recorded.
    /// A role dispute needs `dispute_stage`; `person` is an inventory id. On error the course is
    /// unchanged.
    pub fn change_focus(
        &self,
        date: LocalDate,
        area: ProblemAreaKind,
        dispute_stage: Option<DisputeStage>,
        person: Option<String>,
        replaces: Option<ProblemAreaKind>,
        reason: String,
    ) -> Result<(), IpsrtError> {
        guard(|| {
            let event = CourseEvent::FocusChanged {
                area: to_core(&area)?,
                dispute_stage: dispute_stage.as_ref().map(to_core).transpose()?,
                person: person.map(ipsrt::inventory::PersonId::new).transpose()?,
                replaces: replaces.as_ref().map(to_core).transpose()?,
                reason,
            };
            self.apply_record(EventRecord::new(date, event))
        })
    }

    /// A recurrence during maintenance (`recurrence_recorded`): the course returns to acute
    /// treatment (middle phase) under `contract`, checked against the course's protocol (give
    /// `deviation` when it departs from it). On error the course is unchanged.
    pub fn record_recurrence(
        &self,
        date: LocalDate,
        contract: TreatmentContract,
        deviation: Option<String>,
        detail: Option<String>,
    ) -> Result<(), IpsrtError> {
        guard(|| {
            let contract = contract_to_core(&contract)?;
            self.apply_record(EventRecord::new(date, CourseEvent::RecurrenceRecorded { contract, deviation, detail }))
        })
    }

    /// How many recurrences in maintenance returned the course to acute treatment.
    pub fn recurrence_count(&self) -> Result<i32, IpsrtError> {
        guard(|| Ok(self.state.read(|log| int(u32::try_from(log.snapshot.recurrences.len()).unwrap_or(u32::MAX)))))
    }

    /// The focus changes of the middle phase, oldest first.
    pub fn focus_changes(&self) -> Result<Vec<FocusChange>, IpsrtError> {
        guard(|| {
            self.state.read(|log| {
                log.snapshot
                    .focus_changes
                    .iter()
                    .map(|f| {
                        Ok(FocusChange {
                            date: f.date,
                            replaced: f.replaced.as_ref().map(chosen).transpose()?,
                            area: from_core(&f.area)?,
                            reason: f.reason.clone(),
                        })
                    })
                    .collect()
            })
        })
    }

    /// Records a life event (`life_event_recorded`).
    pub fn record_life_event(
        &self,
        date: LocalDate,
        kind: LifeEventKind,
        happened_on: LocalDate,
        note: Option<String>,
    ) -> Result<(), IpsrtError> {
        guard(|| {
            let mut life_event = ipsrt::life_event::LifeEvent::new(to_core(&kind)?, happened_on);
            life_event.note = note;
            self.apply_record(EventRecord::new(date, CourseEvent::LifeEventRecorded { life_event }))
        })
    }

    /// The course at a glance, with warnings.
    pub fn status(&self) -> Result<CourseStatus, IpsrtError> {
        guard(|| self.state.read(|log| status(&log.snapshot)))
    }

    /// The core's `CourseStatus` as JSON (the form `test-vectors/course/replay.json` checks).
    pub fn status_json(&self) -> Result<String, IpsrtError> {
        guard(|| self.state.read(|log| to_json_value(&log.snapshot.status())))
    }

    /// The phase name.
    pub fn phase(&self) -> Result<String, IpsrtError> {
        guard(|| Ok(self.state.read(|log| log.snapshot.phase.name().to_owned())))
    }

    /// What the initial phase still needs before the middle phase may start (empty when ready).
    pub fn missing_initial_tasks(&self) -> Result<Vec<String>, IpsrtError> {
        guard(|| {
            Ok(self
                .state
                .read(|log| log.snapshot.missing_initial_tasks().iter().map(|t| t.todo().to_owned()).collect()))
        })
    }

    /// Candidate problem areas from the recorded life events and symptom onset (explained,
    /// with timing and sources).
    pub fn suggest_problem_areas(&self) -> Result<ProblemAreaSuggestions, IpsrtError> {
        guard(|| {
            let s = self
                .state
                .read(|log| log.snapshot.suggest_problem_areas(&ipsrt::life_event::SuggestOptions::default()));
            suggestions(&s)
        })
    }

    /// Records a life event with all its fields (person, contested, chronic, note).
    pub fn record_life_event_full(&self, date: LocalDate, life_event: LifeEvent) -> Result<(), IpsrtError> {
        guard(|| {
            let life_event: ipsrt::life_event::LifeEvent = to_core(&life_event)?;
            self.apply_record(EventRecord::new(date, CourseEvent::LifeEventRecorded { life_event }))
        })
    }

    /// The recorded life events, in the order recorded.
    pub fn life_events(&self) -> Result<Vec<LifeEvent>, IpsrtError> {
        guard(|| self.state.read(|log| from_core(&log.snapshot.life_events)))
    }

    /// The course's problem-area taxonomy.
    pub fn taxonomy(&self) -> Result<Taxonomy, IpsrtError> {
        guard(|| self.state.read(|log| from_core(&log.snapshot.taxonomy)))
    }

    /// The symptom onset, when recorded.
    pub fn symptom_onset(&self) -> Result<Option<LocalDate>, IpsrtError> {
        guard(|| Ok(self.state.read(|log| log.snapshot.symptom_onset)))
    }

    /// The interpersonal inventory, typed, in the order people were added.
    pub fn inventory(&self) -> Result<Vec<Person>, IpsrtError> {
        guard(|| self.state.read(|log| from_core(&log.snapshot.inventory.people())))
    }

    /// One inventory entry by id, or `NotFound`.
    pub fn person(&self, id: String) -> Result<Person, IpsrtError> {
        guard(|| {
            let pid = ipsrt::inventory::PersonId::new(id.clone())?;
            self.state.read(|log| match log.snapshot.inventory.get(&pid) {
                Some(p) => from_core(p),
                None => Err(IpsrtError::NotFound(format!(
                    "no person {id:?} in the inventory: add them with addPerson, or call inventory() for the ids"
                ))),
            })
        })
    }

    /// Adds a person to the inventory (`person_added`); the core checks every field.
    pub fn add_person(&self, date: LocalDate, person: Person) -> Result<(), IpsrtError> {
        guard(|| {
            let person: ipsrt::inventory::Person = to_core(&person)?;
            self.apply_record(EventRecord::new(date, CourseEvent::PersonAdded { person }))
        })
    }

    /// Replaces an inventory entry, matched by id (`person_updated`).
    pub fn update_person(&self, date: LocalDate, person: Person) -> Result<(), IpsrtError> {
        guard(|| {
            let person: ipsrt::inventory::Person = to_core(&person)?;
            self.apply_record(EventRecord::new(date, CourseEvent::PersonUpdated { person }))
        })
    }

    /// Removes a person from the inventory (`person_removed`).
    pub fn remove_person(&self, date: LocalDate, person_id: String) -> Result<(), IpsrtError> {
        guard(|| {
            let person_id = ipsrt::inventory::PersonId::new(person_id)?;
            self.apply_record(EventRecord::new(date, CourseEvent::PersonRemoved { person_id }))
        })
    }

    /// The protocol's default contract as the core's JSON (for a `contract_set` event).
    pub fn default_contract_json(&self) -> Result<String, IpsrtError> {
        guard(|| self.state.read(|log| to_json_value(&log.snapshot.protocol.default_contract())))
    }

    /// The interpersonal inventory as the core's JSON (use [`Course::inventory`] for the typed form).
    pub fn inventory_json(&self) -> Result<String, IpsrtError> {
        guard(|| self.state.read(|log| to_json_value(&log.snapshot.inventory)))
    }

    /// The event log, each an `EventRecord` JSON, oldest first.
    pub fn events_json(&self) -> Result<Vec<String>, IpsrtError> {
        guard(|| self.state.read(|log| log.events.iter().map(to_json_value).collect()))
    }

    /// The whole course state as the core's JSON (phases, sessions, contracts, ...).
    pub fn course_json(&self) -> Result<String, IpsrtError> {
        guard(|| self.state.read(|log| to_json_value(&log.snapshot)))
    }
}
