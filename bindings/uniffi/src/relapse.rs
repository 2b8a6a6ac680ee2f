//! Relapse prevention (the core's `ipsrt::relapse`): recurrence risk, the relapse-prevention
//! plan, observations and the alert-level machine (Green → Watch → Early warning → Breaking
//! down → Crisis).
//!
//! [`RelapsePlan`] and [`AlertMachine`] are Objects (thread-safe, see [`crate::state`]). The
//! plan's contents (warning signs, triggers, contacts, crisis plan, thresholds) are typed in
//! [`crate::relapse_plan`]; observations are the typed [`Observed`].

use std::sync::Arc;

use ipsrt::relapse as core;
use serde::{Deserialize, Serialize};

use crate::bridge::{from_core, from_json_value, persisted_object, to_core, to_json_value, unsigned};
use crate::error::{IpsrtError, guard};
use crate::life_events::LifeEventKind;
use crate::source::SourceRef;
use crate::state::Locked;
use ipsrt::time::ZonedDateTime;

use crate::time::LocalDate;

/// An alert level (0–4).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, uniffi::Enum)]
#[serde(rename_all = "snake_case")]
pub enum AlertLevel {
    /// 0: stable; daily maintenance plan.
    Green,
    /// 1: a trigger, a rhythm change or a small rise; monitor more often.
    Watch,
    /// 2: early warning signs or a score above its cut-off; contact the clinician within 1–2 working days.
    EarlyWarning,
    /// 3: things are breaking down; same-day clinician contact.
    BreakingDown,
    /// 4: crisis or safety concern; show the crisis plan.
    Crisis,
}

/// A region of the crisis-line directory (the core's `Region`, ISO 3166-1 codes).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, uniffi::Enum)]
pub enum Region {
    /// The Netherlands.
    #[serde(rename = "NL")]
    Nl,
    /// Belgium.
    #[serde(rename = "BE")]
    Be,
    /// Germany.
    #[serde(rename = "DE")]
    De,
    /// The United Kingdom.
    #[serde(rename = "GB")]
    Gb,
    /// Ireland.
    #[serde(rename = "IE")]
    Ie,
    /// The United States.
    #[serde(rename = "US")]
    Us,
    /// Canada.
    #[serde(rename = "CA")]
    Ca,
    /// Australia.
    #[serde(rename = "AU")]
    Au,
}

/// One crisis line or emergency number of the directory, with its source and check date.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct CrisisLine {
    /// [`ContactRole::CrisisLine`] or [`ContactRole::Emergency`].
    pub role: ContactRole,
    /// The service's name.
    pub name: String,
    /// The number as dialled.
    pub number: String,
    /// Channels, hours, cost, in words.
    pub note: String,
    /// Where the number comes from.
    pub source: SourceRef,
    /// When it was last checked against its source.
    pub checked_on: LocalDate,
}

/// The crisis lines and emergency numbers of a region.
#[uniffi::export]
pub fn crisis_lines(region: Region) -> Result<Vec<CrisisLine>, IpsrtError> {
    guard(|| {
        let region: core::Region = to_core(&region)?;
        core::crisis_lines(region)
            .iter()
            .map(|l| {
                Ok(CrisisLine {
                    role: from_core(&l.role)?,
                    name: l.name.to_owned(),
                    number: l.number.to_owned(),
                    note: l.note.to_owned(),
                    source: SourceRef::from(&l.source),
                    checked_on: l.checked_on,
                })
            })
            .collect()
    })
}

/// Which sleep anchor shifted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, uniffi::Enum)]
#[serde(rename_all = "snake_case")]
pub enum SleepAnchor {
    /// Going to bed.
    Bedtime,
    /// Getting out of bed.
    OutOfBed,
}

/// A raw observation that drives the alert machine (the core's `Observed`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, uniffi::Enum)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Observed {
    /// A PHQ-9 result: total (absent if not computable) and item 9.
    Phq9 {
        /// Total 0–27.
        total: Option<i32>,
        /// Item 9 (thoughts of death or self-harm), 0–3.
        item9: Option<i32>,
    },
    /// An ASRM total.
    Asrm {
        /// Total.
        total: i32,
    },
    /// A YMRS total.
    Ymrs {
        /// Total.
        total: i32,
    },
    /// An HRSD-17 result: the total and, when rated, item 3 ("suicide", 0–4; ≥ 3 is a
    /// safety signal).
    Hrsd {
        /// Total.
        total: i32,
        /// Item 3, 0–4.
        item3: Option<i32>,
    },
    /// An EPDS result: the total (0–30) and item 10 (thoughts of harming oneself, 0–3; ≥ 1 is
    /// a safety signal). Either may be absent, not both.
    Epds {
        /// Total 0–30.
        total: Option<i32>,
        /// Item 10, 0–3.
        item10: Option<i32>,
    },
    /// A PHQ-9 Modified for Teens result: the total of items 1–9 (0–27) and its suicide
    /// questions (item 9, 0–3; serious thoughts of ending one's life in the past month; a
    /// suicide attempt ever). Item 9 ≥ 1 or a "yes" is a safety signal. At least one present.
    Phq9m {
        /// Total 0–27.
        total: Option<i32>,
        /// Item 9, 0–3.
        item9: Option<i32>,
        /// Serious thoughts of ending one's life in the past month.
        serious_thoughts: Option<bool>,
        /// A suicide attempt ever.
        lifetime_attempt: Option<bool>,
    },
    /// A C-SSRS screener result entered by a clinician: 0 no risk identified, 1 low,
    /// 2 moderate (same-day safety check), 3 high (Crisis).
    CssrsScreener {
        /// The risk level, 0–3.
        risk: i32,
    },
    /// The daily mood rating, −5 (very depressed) to +5 (very elated).
    DailyMood {
        /// The rating.
        mood: i8,
    },
    /// No diary entry or measure for this many days.
    NoRecentEntries {
        /// Days without an entry.
        days: i32,
    },
    /// Occurrences of one scheduled task missed in a row on the observation's date (a
    /// completion of the task ends the run; `count` 0 says the run has ended). A later
    /// observation of the same task replaces it.
    MissedOccurrences {
        /// The schedule task's id.
        task: String,
        /// Missed occurrences in a row (0: the run ended).
        count: i32,
    },
    /// A clinician acknowledged the alert (who, and what was done); the observation's date
    /// and time are when.
    Acknowledged {
        /// Who acknowledged.
        by: String,
        /// What was done.
        action: String,
    },
    /// A weekly SRM score.
    SrmWeek {
        /// First day of the week.
        week_start: LocalDate,
        /// The SRM score.
        score: f64,
    },
    /// A shift of a sleep anchor from its habitual time.
    SleepShift {
        /// Which anchor.
        anchor: SleepAnchor,
        /// Shift in minutes (positive = later).
        minutes: i16,
    },
    /// A warning sign from the plan was noticed (by its id).
    WarningSign {
        /// The sign's id in the plan.
        sign: String,
    },
    /// A trigger (life event or rhythm disruptor).
    Trigger {
        /// What kind.
        kind: LifeEventKind,
        /// Free text.
        note: Option<String>,
    },
    /// Missed medication doses.
    MissedMedication {
        /// How many doses.
        doses: i32,
        /// Which medication.
        medication: Option<String>,
    },
    /// A check-in without news (lets de-escalation time pass).
    CheckIn,
}

/// One rule that fires, with the observed value, the threshold and its source.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct AlertFinding {
    /// The rule that fired.
    pub rule: AlertRule,
    /// The level the rule asks for.
    pub level: AlertLevel,
    /// What was observed.
    pub observed: String,
    /// The threshold it met.
    pub threshold: String,
    /// Where the threshold comes from.
    pub source: SourceRef,
    /// When it was observed.
    pub observed_on: LocalDate,
}

/// The rule behind an alert finding (the core's `relapse::transition::Rule`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, uniffi::Enum)]
#[serde(rename_all = "snake_case")]
pub enum AlertRule {
    /// PHQ-9 item 9 answered ≥ 1: crisis, whatever the total.
    Phq9Item9,

    /// HRSD-17 item 3 ("suicide") rated at or above a threshold: crisis (or a same-day check).
    HrsdItem3,

    /// EPDS item 10 (thoughts of harming oneself) answered at or above its threshold.
    EpdsItem10,

    /// A suicide question of the PHQ-9 Modified for Teens (item 9, serious thoughts of ending
    /// one's life in the past month, lifetime attempt) answered at or above its threshold.
    Phq9mSuicide,

    /// A clinician-entered C-SSRS screener risk level at or above a threshold.
    CssrsRisk,

    /// A crisis-plan sign ("others should take over") was logged.
    CrisisSign,

    /// PHQ-9 total at or above a level's cut-off.
    Phq9Total,

    /// PHQ-9 rose by at least the minimal important change versus the baseline.
    Phq9Rise,

    /// With residual symptoms: PHQ-9 rose reliably over the person's recent level.
    Phq9ReliableRise,

    /// Daily mood at the manic end on consecutive days.
    MoodManicDays,

    /// No diary entry or measure for a number of days.
    NoRecentEntries,

    /// Occurrences of one scheduled task missed in a row.
    MissedOccurrences,

    /// HRSD-17 total at or above a level's cut-off.
    HrsdTotal,

    /// ASRM total at or above the cut-off.
    AsrmTotal,

    /// ASRM rising on consecutive results, ending at or above the cut-off.
    AsrmRising,

    /// YMRS total at or above a level's cut-off.
    YmrsTotal,

    /// Weekly SRM score dropped versus the recent mean.
    SrmDrop,

    /// A sleep anchor shifted on several nights.
    SleepShift,

    /// Several early warning signs on several days.
    EarlyWarningSigns,

    /// One early warning sign.
    EarlyWarningSign,

    /// A "breaking down" sign was logged.
    BreakingDownSign,

    /// A trigger (life event or rhythm disruptor) happened.
    Trigger,

    /// Missed medication.
    MissedMedication,

    /// Missed medication together with symptoms at early-warning level or above.
    MissedMedicationWithSymptoms,

    /// De-escalation: no condition for the old level held for the hysteresis time.
    HysteresisElapsed,

    /// De-escalation: a clinician acknowledged the alert and recorded what was done.
    ClinicianAcknowledged,

    /// A late entry would have lowered the level: the level already raised is held until
    /// its own calm period has passed or a clinician acknowledges it.
    Held,
}

/// Whether an alert level went up or down.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, uniffi::Enum)]
#[serde(rename_all = "snake_case")]
pub enum AlertDirection {
    /// Up: immediate.
    Escalation,
    /// Down: one step, after the hysteresis time.
    Deescalation,
}

/// Who a plan contact is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, uniffi::Enum)]
#[serde(rename_all = "snake_case")]
pub enum ContactRole {
    /// A family member or friend who agreed to help.
    Supporter,
    /// The treating clinician.
    Clinician,
    /// The psychiatrist.
    Psychiatrist,
    /// A crisis line.
    CrisisLine,
    /// The emergency number.
    Emergency,
}

/// A person or service in a relapse plan (the core's `relapse::Contact`, same serde form).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, uniffi::Record)]
pub struct PlanContact {
    /// Name (or service name).
    pub name: String,
    /// Role.
    pub role: ContactRole,
    /// Telephone number(s) as written.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    /// Notes (hours, what they agreed to do).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// The lowest alert level at which the contact is listed with an alert (a contact from
    /// `GREEN` is kept in the plan but never listed with an alert).
    pub from_level: AlertLevel,
    /// Where a service number comes from.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<SourceRef>,
}

fn plan_contact(c: &core::Contact) -> Result<PlanContact, IpsrtError> {
    Ok(PlanContact {
        name: c.name.clone(),
        role: from_core(&c.role)?,
        phone: c.phone.clone(),
        note: c.note.clone(),
        from_level: from_core(&c.from_level)?,
        source: c.source.as_ref().map(SourceRef::from),
    })
}

/// Where a planned action comes from in the plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, uniffi::Enum)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ActionOrigin {
    /// The plan's words for the level.
    Level,
    /// The daily maintenance plan.
    DailyMaintenance,
    /// A trigger's action plan.
    Trigger {
        /// The trigger.
        kind: LifeEventKind,
    },
    /// A warning sign's action plan.
    Sign {
        /// The sign's id.
        id: String,
    },
    /// The "breaking down" section.
    BreakingDown,
    /// The manic prodrome section.
    ManicProdrome,
    /// The depressive prodrome section.
    DepressiveProdrome,
}

/// One thing to do, from the plan, shown with an alert.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct PlannedAction {
    /// What to do, in the plan's words.
    pub text: String,
    /// A "must" (agreed) rather than a "might" (suggested) action.
    pub must: bool,
    /// Where it comes from in the plan.
    pub origin: ActionOrigin,
}

fn planned_action(a: &core::transition::PlannedAction) -> Result<PlannedAction, IpsrtError> {
    Ok(PlannedAction { text: a.text.clone(), must: a.must, origin: from_core(&a.origin)? })
}

/// A change of alert level. `json` is the core's full transition (actions, contacts).
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct AlertTransition {
    /// When.
    pub date: LocalDate,
    /// From level.
    pub from: AlertLevel,
    /// To level.
    pub to: AlertLevel,
    /// Up or down.
    pub direction: AlertDirection,
    /// Why.
    pub reasons: Vec<AlertFinding>,
    /// What to do, from the plan: the guidance to show the patient with the new level.
    pub actions: Vec<PlannedAction>,
    /// Whom to contact at the new level (crisis lines stay listed at every level).
    pub contacts: Vec<PlanContact>,
    /// The core's JSON form of the whole transition.
    pub json: String,
}

/// The machine's answer to one observation.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct AlertAssessment {
    /// The observation's date.
    pub date: LocalDate,
    /// The level after the observation.
    pub level: AlertLevel,
    /// The highest level the evidence asks for (below `level` while a de-escalation waits).
    pub target: AlertLevel,
    /// Every rule that currently fires.
    pub findings: Vec<AlertFinding>,
    /// The level change this observation caused, if any.
    pub transition: Option<AlertTransition>,
    /// While the level waits to fall: since when no condition for it has held.
    pub calm_since: Option<LocalDate>,
    /// The observation's arrival number, counting from 0.
    pub arrival: i64,
    /// Whether it arrived after an observation with a later date.
    pub late: bool,
    /// Whether Crisis was raised now for a Crisis that would have fired on its date.
    pub retrospective: bool,
    /// The level of the date-ordered history (below `level` while a raised level is held).
    pub history_level: AlertLevel,
}

/// The kind of an observation: the case of [`Observed`] (its JSON `"type"`), as in
/// [`AlertDecision::observed`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, uniffi::Enum)]
#[serde(rename_all = "snake_case")]
pub enum ObservationKind {
    /// A PHQ-9 result.
    Phq9,
    /// An ASRM result.
    Asrm,
    /// A YMRS result.
    Ymrs,
    /// An HRSD-17 result.
    Hrsd,
    /// An EPDS result.
    Epds,
    /// A PHQ-9 Modified for Teens result.
    Phq9m,
    /// A C-SSRS screener result.
    CssrsScreener,
    /// A scored SRM week.
    SrmWeek,
    /// A sleep-time shift.
    SleepShift,
    /// A warning sign of the plan was noticed.
    WarningSign,
    /// A trigger happened.
    Trigger,
    /// Missed medication.
    MissedMedication,
    /// A check-in with nothing new.
    CheckIn,
    /// A daily mood rating.
    DailyMood,
    /// No entries for some days.
    NoRecentEntries,
    /// Occurrences of one scheduled task missed in a row.
    MissedOccurrences,
    /// A clinician acknowledged the alert.
    Acknowledged,
}

/// A decision made when an observation arrived (late, or changing the reported level).
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct AlertDecision {
    /// The arrival number.
    pub arrival: i64,
    /// The observation's own date.
    pub date: LocalDate,
    /// The observation's kind.
    pub observed: ObservationKind,
    /// Whether it arrived late.
    pub late: bool,
    /// Whether Crisis was raised now for its date.
    pub retrospective: bool,
    /// The reported level before.
    pub from: AlertLevel,
    /// The reported level after.
    pub to: AlertLevel,
    /// The level of the date-ordered history after.
    pub history_level: AlertLevel,
    /// The core's JSON form (reasons, history changes, received_at).
    pub json: String,
}

fn decision(d: &core::Decision) -> Result<AlertDecision, IpsrtError> {
    Ok(AlertDecision {
        arrival: i64::try_from(d.arrival).unwrap_or(i64::MAX),
        date: d.date,
        observed: from_core(&d.observed)?,
        late: d.late,
        retrospective: d.retrospective,
        from: from_core(&d.from)?,
        to: from_core(&d.to)?,
        history_level: from_core(&d.history_level)?,
        json: to_json_value(d)?,
    })
}

fn finding(r: &core::transition::Reason) -> Result<AlertFinding, IpsrtError> {
    Ok(AlertFinding {
        rule: from_core(&r.rule)?,
        level: from_core(&r.level)?,
        observed: r.observed.clone(),
        threshold: r.threshold.clone(),
        source: SourceRef::from(&r.source),
        observed_on: r.observed_on,
    })
}

fn transition(t: &core::transition::Transition) -> Result<AlertTransition, IpsrtError> {
    Ok(AlertTransition {
        date: t.date,
        from: from_core(&t.from)?,
        to: from_core(&t.to)?,
        direction: from_core(&t.direction)?,
        reasons: t.reasons.iter().map(finding).collect::<Result<_, _>>()?,
        actions: t.actions.iter().map(planned_action).collect::<Result<_, _>>()?,
        contacts: t.contacts.iter().map(plan_contact).collect::<Result<_, _>>()?,
        json: to_json_value(t)?,
    })
}

pub(crate) fn assessment(a: &core::Assessment) -> Result<AlertAssessment, IpsrtError> {
    Ok(AlertAssessment {
        date: a.date,
        level: from_core(&a.level)?,
        target: from_core(&a.target)?,
        findings: a.findings.iter().map(finding).collect::<Result<_, _>>()?,
        transition: a.transition.as_ref().map(transition).transpose()?,
        calm_since: a.calm_since,
        arrival: i64::try_from(a.arrival).unwrap_or(i64::MAX),
        late: a.late,
        retrospective: a.retrospective,
        history_level: from_core(&a.history_level)?,
    })
}

/// A relapse-prevention plan (thread-safe). Build and edit its contents typed
/// (`withContents`, `contents()`, `setContents`, see [`crate::relapse_plan`]); the core checks
/// every plan it is given.
///
/// **Threads:** safe to share between threads. Every call takes this object's one lock for the
/// whole call (calls on it run one at a time; other objects never wait for it), never calls back
/// into the app and never blocks on I/O. A `close()` during another thread's call frees the object
/// when that call ends; a call after `close()` throws `IpsrtException.Closed`.
#[derive(uniffi::Object)]
pub struct RelapsePlan {
    pub(crate) state: Locked<core::RelapsePlan>,
}

persisted_object!(RelapsePlan, core::RelapsePlan);

#[uniffi::export]
impl RelapsePlan {
    /// An empty plan with the default thresholds, effective from a date, for a region whose
    /// crisis lines and emergency number are listed at Crisis (there is no default region).
    #[uniffi::constructor]
    pub fn new(effective_from: LocalDate, region: Region) -> Result<Arc<Self>, IpsrtError> {
        guard(|| {
            let region: core::Region = to_core(&region)?;
            Ok(Arc::new(RelapsePlan { state: Locked::new(core::RelapsePlan::new(effective_from, region)) }))
        })
    }

    /// The statement to show with alert levels, naming the plan's crisis lines and emergency
    /// numbers.
    pub fn disclaimer(&self) -> Result<String, IpsrtError> {
        guard(|| Ok(self.state.read(|p| p.disclaimer())))
    }

    /// The same statement in `locale`, the patient's language (contact names stay as stored).
    pub fn disclaimer_in(&self, locale: crate::i18n::LabelLocale) -> Result<String, IpsrtError> {
        guard(|| Ok(self.state.read(|p| p.disclaimer_in(locale.into()))))
    }

    /// The plan's crisis lines and emergency numbers (its own and its region's). Keep them
    /// reachable at every level.
    pub fn crisis_contacts(&self) -> Result<Vec<PlanContact>, IpsrtError> {
        guard(|| self.state.read(|p| p.crisis_contacts().iter().map(plan_contact).collect()))
    }

    /// The contacts listed at an alert level (those whose `fromLevel` is at or below it).
    pub fn contacts_for(&self, level: AlertLevel) -> Result<Vec<PlanContact>, IpsrtError> {
        guard(|| {
            let level: core::AlertLevel = to_core(&level)?;
            self.state.read(|p| p.contacts_for(level).iter().map(plan_contact).collect())
        })
    }

    /// The same crisis contacts as the core's JSON list.
    pub fn crisis_contacts_json(&self) -> Result<String, IpsrtError> {
        guard(|| self.state.read(|p| to_json_value(&p.crisis_contacts())))
    }

    /// A plan from the core's bare JSON form (no envelope; omitted parts take their defaults),
    /// as in `test-vectors/relapse/` and inside stored care logs. `withContents` is the typed
    /// call.
    #[uniffi::constructor]
    pub fn from_plan_json(plan_json: String) -> Result<Arc<Self>, IpsrtError> {
        guard(|| {
            let plan: core::RelapsePlan = from_json_value("relapse plan", &plan_json)?;
            Ok(Arc::new(RelapsePlan { state: Locked::new(plan) }))
        })
    }
}

/// The alert-level machine (thread-safe). Feed it observations in any arrival order with a
/// plan: late ones are kept in date order and marked.
///
/// **Threads:** safe to share between threads. Every call takes this object's one lock for the
/// whole call (calls on it run one at a time; other objects never wait for it), never calls back
/// into the app and never blocks on I/O. `observe(plan, …)` copies the plan under the plan's lock
/// and releases it before it takes this machine's lock, so it never holds two locks. A `close()`
/// during another thread's call frees the object when that call ends; a call after `close()` throws
/// `IpsrtException.Closed`.
#[derive(uniffi::Object)]
pub struct AlertMachine {
    pub(crate) state: Locked<core::AlertMachine>,
}

persisted_object!(AlertMachine, core::AlertMachine);

#[uniffi::export]
impl AlertMachine {
    /// A machine at level Green with no history.
    #[uniffi::constructor]
    pub fn new() -> Arc<Self> {
        Arc::new(AlertMachine { state: Locked::new(core::AlertMachine::new()) })
    }

    /// Records one observation and returns the assessment. Takes the plan's lock first and
    /// releases it (the plan is copied) before taking this machine's lock, so two locks are
    /// never held at once. On error the machine is unchanged.
    #[uniffi::method(default(at = None))]
    pub fn observe(
        &self,
        plan: Arc<RelapsePlan>,
        date: LocalDate,
        observed: Observed,
        at: Option<ZonedDateTime>,
    ) -> Result<AlertAssessment, IpsrtError> {
        guard(|| {
            let plan = plan.state.read(Clone::clone);
            let observed: core::Observed = to_core(&observed)?;
            let mut obs = core::Observation::new(date, observed);
            obs.at = at;
            self.state.update(|m| assessment(&m.observe(&plan, obs)?))
        })
    }

    /// Records one observation with the time it was received (a phone's sync time); late
    /// observations are accepted and marked.
    pub fn observe_received(
        &self,
        plan: Arc<RelapsePlan>,
        date: LocalDate,
        observed: Observed,
        at: Option<ZonedDateTime>,
        received_at: Option<ZonedDateTime>,
    ) -> Result<AlertAssessment, IpsrtError> {
        guard(|| {
            let plan = plan.state.read(Clone::clone);
            let observed: core::Observed = to_core(&observed)?;
            let mut obs = core::Observation::new(date, observed);
            obs.at = at;
            obs.received_at = received_at;
            self.state.update(|m| assessment(&m.observe(&plan, obs)?))
        })
    }

    /// Records one observation given as the core's JSON (`{"date": ..., "observed": {"type": ...}}`).
    pub fn observe_json(
        &self,
        plan: Arc<RelapsePlan>,
        observation_json: String,
    ) -> Result<AlertAssessment, IpsrtError> {
        guard(|| {
            let plan = plan.state.read(Clone::clone);
            let obs: core::Observation = from_json_value("observation", &observation_json)?;
            self.state.update(|m| assessment(&m.observe(&plan, obs)?))
        })
    }

    /// The current level.
    pub fn level(&self) -> Result<AlertLevel, IpsrtError> {
        guard(|| self.state.read(|m| from_core(&m.level())))
    }

    /// Every level change so far, oldest first.
    pub fn history(&self) -> Result<Vec<AlertTransition>, IpsrtError> {
        guard(|| self.state.read(|m| m.history().iter().map(transition).collect()))
    }

    /// The last observation's date.
    pub fn last_observed(&self) -> Result<Option<LocalDate>, IpsrtError> {
        guard(|| Ok(self.state.read(|m| m.last_observed())))
    }

    /// The level of the date-ordered history.
    pub fn history_level(&self) -> Result<AlertLevel, IpsrtError> {
        guard(|| self.state.read(|m| from_core(&m.history_level())))
    }

    /// The decisions made at arrival (late arrivals and level changes), in arrival order.
    pub fn decisions(&self) -> Result<Vec<AlertDecision>, IpsrtError> {
        guard(|| self.state.read(|m| m.decisions().iter().map(decision).collect()))
    }
}

/// The disclaimer to show with every alert level (the core's `DISCLAIMER`).
#[uniffi::export]
pub fn alert_disclaimer() -> String {
    core::DISCLAIMER.to_owned()
}

/// Which published set of recurrence figures (the core's `RiskBasis`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, uniffi::Enum)]
#[serde(rename_all = "snake_case")]
pub enum RiskBasis {
    /// Seed S2 (Spaarne patient leaflet): 50 % after one episode, 80 % after two.
    SeedS2,
    /// The commonly cited clinical figures (NIMH/APA): ≈ 50 %, ≈ 70 %, ≈ 90 % after 1, 2, 3+.
    Literature,
    /// Bipolar disorder despite maintenance medication: 73 % over 5 years (Gitlin et al. 1995).
    Bipolar,
    /// General-population cohort (Hardeveld et al. 2013): 13 % at 5, 23 % at 10, 42 % at 20 years.
    Population,
}

/// The diagnosis a figure applies to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, uniffi::Enum)]
#[serde(rename_all = "snake_case")]
pub enum RiskPopulation {
    /// Major depressive disorder treated in clinical care.
    Depression,
    /// Major depression in the general population.
    GeneralPopulationDepression,
    /// Bipolar disorder on maintenance medication.
    Bipolar,
}

/// Over what time a risk is stated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, uniffi::Enum)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum RiskHorizon {
    /// The source gives no time horizon.
    Unstated,
    /// Within this many years.
    Years {
        /// Number of years.
        years: i32,
    },
}

/// One published recurrence-risk figure with everything needed to present it honestly.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct RecurrenceRisk {
    /// The chance of a new episode, in percent (0–100).
    pub percent: i32,
    /// Which set of figures.
    pub basis: RiskBasis,
    /// Fewest prior episodes the figure applies to.
    pub prior_episodes_min: i64,
    /// Most prior episodes it applies to; absent means "or more".
    pub prior_episodes_max: Option<i64>,
    /// The diagnosis it applies to.
    pub population: RiskPopulation,
    /// The time horizon.
    pub horizon: RiskHorizon,
    /// Where it comes from.
    pub source: SourceRef,
    /// The core's one-line rendering (`"50 % [S2: ...]"`).
    pub text: String,
}

fn risk(r: &core::risk::RecurrenceRisk) -> Result<RecurrenceRisk, IpsrtError> {
    Ok(RecurrenceRisk {
        percent: i32::from(r.percent),
        basis: from_core(&r.basis)?,
        prior_episodes_min: i64::from(r.prior_episodes.min),
        prior_episodes_max: r.prior_episodes.max.map(i64::from),
        population: from_core(&r.population)?,
        horizon: from_core(&r.horizon)?,
        source: SourceRef::from(&r.source),
        text: r.to_string(),
    })
}

/// The figure of one basis for a number of prior episodes. 0 prior episodes, or a basis
/// silent for that count (seed S2 after two), is an error whose message says so.
#[uniffi::export]
pub fn recurrence_risk(basis: RiskBasis, prior_episodes: i64) -> Result<RecurrenceRisk, IpsrtError> {
    guard(|| risk(&core::risk::recurrence_risk(to_core(&basis)?, unsigned(prior_episodes, "prior_episodes")?)?))
}

/// Every figure, of every basis, that applies to a number of prior episodes (empty for 0).
#[uniffi::export]
pub fn recurrence_risks(prior_episodes: i64) -> Result<Vec<RecurrenceRisk>, IpsrtError> {
    guard(|| core::risk::recurrence_risks(unsigned(prior_episodes, "prior_episodes")?).iter().map(risk).collect())
}

/// Every recurrence figure the library knows, of every basis and horizon.
#[uniffi::export]
pub fn recurrence_figures() -> Result<Vec<RecurrenceRisk>, IpsrtError> {
    guard(|| core::risk::recurrence_figures().iter().map(risk).collect())
}

/// The alert-machine observation of a scored measure (PHQ-9, PHQ-9 Modified for Teens, EPDS,
/// HRSD-17, C-SSRS screener result, ASRM, YMRS) with its total and item-level safety answers.
/// An instrument without an alert rule (GAD-7, WSAS) is `InvalidInput`, naming the instruments
/// that convert; a missing required total is `NotScorable`.
#[uniffi::export]
pub fn observed_from_score(score: crate::measures::MeasureScore) -> Result<Observed, IpsrtError> {
    guard(|| {
        let core_score: ipsrt::measures::Score = from_json_value("measure score", &score.json)?;
        let observed = core::Observed::try_from(&core_score)?;
        from_core(&observed)
    })
}
