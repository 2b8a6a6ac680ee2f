//! Schedules (the core's `ipsrt::schedule`): what is due when, across time zones and daylight
//! saving. Everything is a value (records and enums) and every function is pure, as in the
//! core: a host keeps the schedule, the zone history and the records, and asks for the
//! occurrences and their states at "now". JSON crosses only in the `*_to_json`/`*_from_json`
//! functions (the core's versioned envelopes `ipsrt.schedule`, `ipsrt.zone_history`,
//! `ipsrt.schedule_records`).

use ipsrt::schedule as core;
use ipsrt::time::{ClockTime, ZonedDateTime};

use crate::bridge::unsigned;
use crate::course::ProtocolId;
use crate::error::{IpsrtError, guard};
use crate::source::SourceRef;
use crate::time::{Instant, LocalDate, TimeZone};

/// A day of the week.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum Weekday {
    /// Monday.
    Monday,
    /// Tuesday.
    Tuesday,
    /// Wednesday.
    Wednesday,
    /// Thursday.
    Thursday,
    /// Friday.
    Friday,
    /// Saturday.
    Saturday,
    /// Sunday.
    Sunday,
}

impl From<Weekday> for core::Weekday {
    fn from(d: Weekday) -> Self {
        match d {
            Weekday::Monday => core::Weekday::Monday,
            Weekday::Tuesday => core::Weekday::Tuesday,
            Weekday::Wednesday => core::Weekday::Wednesday,
            Weekday::Thursday => core::Weekday::Thursday,
            Weekday::Friday => core::Weekday::Friday,
            Weekday::Saturday => core::Weekday::Saturday,
            Weekday::Sunday => core::Weekday::Sunday,
        }
    }
}

impl From<core::Weekday> for Weekday {
    fn from(d: core::Weekday) -> Self {
        match d {
            core::Weekday::Monday => Weekday::Monday,
            core::Weekday::Tuesday => Weekday::Tuesday,
            core::Weekday::Wednesday => Weekday::Wednesday,
            core::Weekday::Thursday => Weekday::Thursday,
            core::Weekday::Friday => Weekday::Friday,
            core::Weekday::Saturday => Weekday::Saturday,
            core::Weekday::Sunday => Weekday::Sunday,
        }
    }
}

/// On which local dates a task falls.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Enum)]
pub enum Recurrence {
    /// Every `every` days from the start date.
    Daily {
        /// Days between occurrences, 1–366.
        every: i64,
    },
    /// On the weekdays `on` of every `every`-th week (weeks counted from the start date's week).
    Weekly {
        /// Weeks between occurrences, 1–366.
        every: i64,
        /// The weekdays.
        on: Vec<Weekday>,
    },
    /// On the dates of the listed sessions.
    AtSessions {
        /// Session numbers from 1.
        sessions: Vec<i64>,
    },
    /// On the dates of sessions `first`, `first + every`, …
    EverySessions {
        /// Sessions between occurrences.
        every: i64,
        /// The first session.
        first: i64,
    },
}

impl TryFrom<&Recurrence> for core::Recurrence {
    type Error = IpsrtError;

    fn try_from(r: &Recurrence) -> Result<Self, IpsrtError> {
        Ok(match r {
            Recurrence::Daily { every } => core::Recurrence::Daily { every: unsigned(*every, "recurrence every")? },
            Recurrence::Weekly { every, on } => core::Recurrence::Weekly {
                every: unsigned(*every, "recurrence every")?,
                on: on.iter().map(|d| (*d).into()).collect(),
            },
            Recurrence::AtSessions { sessions } => core::Recurrence::AtSessions {
                sessions: sessions.iter().map(|n| unsigned(*n, "session number")).collect::<Result<_, _>>()?,
            },
            Recurrence::EverySessions { every, first } => core::Recurrence::EverySessions {
                every: unsigned(*every, "recurrence every")?,
                first: unsigned(*first, "recurrence first")?,
            },
        })
    }
}

impl From<&core::Recurrence> for Recurrence {
    fn from(r: &core::Recurrence) -> Self {
        match r {
            core::Recurrence::Daily { every } => Recurrence::Daily { every: i64::from(*every) },
            core::Recurrence::Weekly { every, on } => {
                Recurrence::Weekly { every: i64::from(*every), on: on.iter().map(|d| (*d).into()).collect() }
            }
            core::Recurrence::AtSessions { sessions } => {
                Recurrence::AtSessions { sessions: sessions.iter().map(|n| i64::from(*n)).collect() }
            }
            core::Recurrence::EverySessions { every, first } => {
                Recurrence::EverySessions { every: i64::from(*every), first: i64::from(*first) }
            }
        }
    }
}

/// One task of a schedule (validated when it reaches the core).
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct ScheduledTask {
    /// Unique id in the schedule (lowercase letters, digits, `_`, `-`, `.`).
    pub id: String,
    /// What it is: an instrument id (`phq9`) or an activity kind (`srm_diary`, `medication`).
    pub what: String,
    /// The label shown to people.
    pub label: String,
    /// The recurrence.
    pub recurrence: Recurrence,
    /// Local clock times of each occurrence day.
    pub slots: Vec<ClockTime>,
    /// First local date.
    pub start: LocalDate,
    /// Last local date (inclusive), if any.
    pub end: Option<LocalDate>,
    /// Minutes before the due time at which the window opens.
    pub opens_before_minutes: i64,
    /// Minutes after the due time at which the window closes.
    pub closes_after_minutes: i64,
    /// Minutes after the due time that still count as on time.
    pub grace_minutes: i64,
    /// Whether completions after the window closed count (as late).
    pub accept_after_close: bool,
    /// Where a default's cadence comes from.
    pub source: Option<SourceRef>,
}

fn task_to_core(t: &ScheduledTask) -> Result<core::ScheduledTask, IpsrtError> {
    let task = core::ScheduledTask::new(
        core::Task::new(&t.id, &t.what, &t.label)?,
        (&t.recurrence).try_into()?,
        t.slots.clone(),
        t.start,
        t.end,
        core::Window::new(
            unsigned(t.opens_before_minutes, "opens_before_minutes")?,
            unsigned(t.closes_after_minutes, "closes_after_minutes")?,
        )?,
        core::LateRule::new(unsigned(t.grace_minutes, "grace_minutes")?, t.accept_after_close)?,
    )?;
    Ok(match &t.source {
        Some(s) => task.with_source(ipsrt::source::Source::owned(s.key.clone(), s.locator.clone(), s.evidence)),
        None => task,
    })
}

fn task_from_core(t: &core::ScheduledTask) -> ScheduledTask {
    ScheduledTask {
        id: t.task().id().to_owned(),
        what: t.task().what().to_owned(),
        label: t.task().label().to_owned(),
        recurrence: t.recurrence().into(),
        slots: t.slots().to_vec(),
        start: t.start(),
        end: t.end(),
        opens_before_minutes: i64::from(t.window().opens_before_minutes()),
        closes_after_minutes: i64::from(t.window().closes_after_minutes()),
        grace_minutes: i64::from(t.late().grace_minutes()),
        accept_after_close: t.late().accept_after_close(),
        source: t.source().map(SourceRef::from),
    }
}

pub(crate) fn schedule(tasks: &[ScheduledTask]) -> Result<core::Schedule, IpsrtError> {
    Ok(core::Schedule::new(tasks.iter().map(task_to_core).collect::<Result<_, _>>()?)?)
}

/// From a local date on, the patient lives in an IANA zone.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct ZoneChange {
    /// The first local date in the zone.
    pub from: LocalDate,
    /// The IANA zone.
    pub zone: TimeZone,
}

fn zones(changes: &[ZoneChange]) -> Result<core::ZoneHistory, IpsrtError> {
    Ok(core::ZoneHistory::from_changes(
        changes.iter().map(|c| core::ZoneChange { from: c.from, zone: c.zone }).collect(),
    )?)
}

/// The identity of an occurrence: task id, local date, slot.
#[derive(Debug, Clone, PartialEq, Eq, Hash, uniffi::Record)]
pub struct OccurrenceId {
    /// The task id.
    pub task: String,
    /// The local date.
    pub date: LocalDate,
    /// The slot.
    pub slot: ClockTime,
}

fn id_to_core(id: &OccurrenceId) -> Result<core::OccurrenceId, IpsrtError> {
    Ok(core::OccurrenceId::new(&id.task, id.date, id.slot)?)
}

fn id_from_core(id: &core::OccurrenceId) -> OccurrenceId {
    OccurrenceId { task: id.task.clone(), date: id.date, slot: id.slot }
}

/// The local date of a numbered session.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct SessionDate {
    /// Session number from 1.
    pub number: i64,
    /// Its local date.
    pub date: LocalDate,
}

/// An occurrence was done at a moment.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Completion {
    /// The occurrence.
    pub occurrence: OccurrenceId,
    /// When (local time and zone).
    pub at: ZonedDateTime,
}

/// An occurrence is excused.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Excusal {
    /// The occurrence.
    pub occurrence: OccurrenceId,
    /// Why.
    pub reason: String,
}

/// Session dates, completions and excusals.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct ScheduleRecords {
    /// Session dates.
    pub sessions: Vec<SessionDate>,
    /// Completions.
    pub completions: Vec<Completion>,
    /// Excusals.
    pub excusals: Vec<Excusal>,
}

fn records(r: &ScheduleRecords) -> Result<core::ScheduleRecords, IpsrtError> {
    let completions = r
        .completions
        .iter()
        .map(|c| Ok(core::Completion { occurrence: id_to_core(&c.occurrence)?, at: c.at }))
        .collect::<Result<_, IpsrtError>>()?;
    let excusals = r
        .excusals
        .iter()
        .map(|e| Ok(core::Excusal { occurrence: id_to_core(&e.occurrence)?, reason: e.reason.clone() }))
        .collect::<Result<_, IpsrtError>>()?;
    let sessions = r
        .sessions
        .iter()
        .map(|s| Ok(core::SessionDate { number: unsigned(s.number, "session number")?, date: s.date }))
        .collect::<Result<_, IpsrtError>>()?;
    Ok(core::ScheduleRecords::new(sessions, completions, excusals)?)
}

fn records_from_core(r: &core::ScheduleRecords) -> ScheduleRecords {
    ScheduleRecords {
        sessions: r.sessions().iter().map(|s| SessionDate { number: i64::from(s.number), date: s.date }).collect(),
        completions: r
            .completions()
            .iter()
            .map(|c| Completion { occurrence: id_from_core(&c.occurrence), at: c.at })
            .collect(),
        excusals: r
            .excusals()
            .iter()
            .map(|e| Excusal { occurrence: id_from_core(&e.occurrence), reason: e.reason.clone() })
            .collect(),
    }
}

/// How a slot's instant was adjusted on a daylight-saving day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum SlotAdjustment {
    /// In the spring-forward gap: moved later by the gap's length (minutes).
    MovedLaterByGap {
        /// The gap's length in minutes.
        minutes: i64,
    },
    /// In the autumn overlap: the earlier of the two instants.
    EarlierOfTwo,
}

fn adjustment(a: core::SlotAdjustment) -> SlotAdjustment {
    match a {
        core::SlotAdjustment::MovedLaterByGap { minutes } => SlotAdjustment::MovedLaterByGap { minutes },
        core::SlotAdjustment::EarlierOfTwo => SlotAdjustment::EarlierOfTwo,
    }
}

/// The state of an occurrence at "now".
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Enum)]
pub enum OccurrenceState {
    /// The window has not opened.
    Upcoming,
    /// Open; a completion now is on time.
    Open,
    /// Past due plus grace, window open; a completion now is late.
    Overdue,
    /// The window closed without a completion that counts.
    Missed,
    /// Completed on time.
    CompletedOnTime {
        /// When.
        at: Instant,
    },
    /// Completed late.
    CompletedLate {
        /// When.
        at: Instant,
    },
    /// Excused.
    Excused {
        /// Why.
        reason: String,
    },
}

/// One occurrence with its timing and state.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct Occurrence {
    /// Its identity.
    pub id: OccurrenceId,
    /// What the task is.
    pub what: String,
    /// The zone in force on its local date.
    pub zone: TimeZone,
    /// The local due moment (after any daylight-saving adjustment).
    pub due_local: ZonedDateTime,
    /// The due instant.
    pub due: Instant,
    /// Any daylight-saving adjustment.
    pub adjustment: Option<SlotAdjustment>,
    /// When the window opens.
    pub opens: Instant,
    /// The last on-time instant.
    pub late_after: Instant,
    /// When the window closes.
    pub closes: Instant,
    /// The state at "now".
    pub state: OccurrenceState,
}

fn occurrence(o: &core::Occurrence) -> Occurrence {
    Occurrence {
        id: id_from_core(&o.id),
        what: o.what.clone(),
        zone: o.zone,
        due_local: o.due_local,
        due: o.due,
        adjustment: o.adjustment.map(adjustment),
        opens: o.opens,
        late_after: o.late_after,
        closes: o.closes,
        state: match &o.state {
            core::OccurrenceState::Upcoming => OccurrenceState::Upcoming,
            core::OccurrenceState::Open => OccurrenceState::Open,
            core::OccurrenceState::Overdue => OccurrenceState::Overdue,
            core::OccurrenceState::Missed => OccurrenceState::Missed,
            core::OccurrenceState::CompletedOnTime { at } => OccurrenceState::CompletedOnTime { at: *at },
            core::OccurrenceState::CompletedLate { at } => OccurrenceState::CompletedLate { at: *at },
            core::OccurrenceState::Excused { reason } => OccurrenceState::Excused { reason: reason.clone() },
        },
    }
}

fn occurrence_to_core(o: &Occurrence) -> Result<core::Occurrence, IpsrtError> {
    Ok(core::Occurrence {
        id: id_to_core(&o.id)?,
        what: o.what.clone(),
        zone: o.zone,
        due_local: o.due_local,
        due: o.due,
        adjustment: o.adjustment.map(|a| match a {
            SlotAdjustment::MovedLaterByGap { minutes } => core::SlotAdjustment::MovedLaterByGap { minutes },
            SlotAdjustment::EarlierOfTwo => core::SlotAdjustment::EarlierOfTwo,
        }),
        opens: o.opens,
        late_after: o.late_after,
        closes: o.closes,
        state: match &o.state {
            OccurrenceState::Upcoming => core::OccurrenceState::Upcoming,
            OccurrenceState::Open => core::OccurrenceState::Open,
            OccurrenceState::Overdue => core::OccurrenceState::Overdue,
            OccurrenceState::Missed => core::OccurrenceState::Missed,
            OccurrenceState::CompletedOnTime { at } => core::OccurrenceState::CompletedOnTime { at: *at },
            OccurrenceState::CompletedLate { at } => core::OccurrenceState::CompletedLate { at: *at },
            OccurrenceState::Excused { reason } => core::OccurrenceState::Excused { reason: reason.clone() },
        },
    })
}

/// Adherence of one task.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct TaskAdherence {
    /// The task id.
    pub task: String,
    /// Completed on time.
    pub on_time: i64,
    /// Completed late.
    pub late: i64,
    /// Missed.
    pub missed: i64,
    /// Excused.
    pub excused: i64,
    /// Upcoming, open or overdue.
    pub pending: i64,
    /// Completed plus missed.
    pub expected: i64,
    /// Completed / expected, if anything was expected.
    pub completion_rate: Option<f64>,
    /// On time / completed, if anything was completed.
    pub on_time_share: Option<f64>,
}

/// Consecutive missed occurrences of one task.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct MissedStreak {
    /// The task id.
    pub task: String,
    /// Missed since the last completion.
    pub current: i64,
    /// Longest run.
    pub longest: i64,
    /// The last missed occurrence.
    pub last_missed: Option<OccurrenceId>,
}

/// "No data for N days" of one task.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct DataGap {
    /// The task id.
    pub task: String,
    /// What the task is.
    pub what: String,
    /// The last completion known at now.
    pub last_completed: Option<Instant>,
    /// The local date the gap counts from.
    pub since: LocalDate,
    /// Whole local days without data.
    pub days: i64,
}

/// Every occurrence with a local date from `from` to `to` (inclusive) and its state at `now`,
/// by due instant. Records naming an occurrence the schedule lacks are a `NotFound` error.
#[uniffi::export]
pub fn schedule_evaluate(
    tasks: Vec<ScheduledTask>,
    zone_history: Vec<ZoneChange>,
    records: ScheduleRecords,
    from: LocalDate,
    to: LocalDate,
    now: Instant,
) -> Result<Vec<Occurrence>, IpsrtError> {
    guard(|| {
        let out = schedule(&tasks)?.evaluate(&zones(&zone_history)?, &self::records(&records)?, from, to, now)?;
        Ok(out.iter().map(occurrence).collect())
    })
}

/// Checks the records against the schedule (each names an occurrence; no completion precedes
/// its window).
#[uniffi::export]
pub fn schedule_check_records(
    tasks: Vec<ScheduledTask>,
    zone_history: Vec<ZoneChange>,
    records: ScheduleRecords,
) -> Result<(), IpsrtError> {
    guard(|| Ok(schedule(&tasks)?.check_records(&zones(&zone_history)?, &self::records(&records)?)?))
}

/// The occurrence ids from `from` to `to` (inclusive), given the session dates.
#[uniffi::export]
pub fn schedule_occurrence_ids(
    tasks: Vec<ScheduledTask>,
    sessions: Vec<SessionDate>,
    from: LocalDate,
    to: LocalDate,
) -> Result<Vec<OccurrenceId>, IpsrtError> {
    guard(|| {
        let sessions: Vec<core::SessionDate> = sessions
            .iter()
            .map(|s| Ok(core::SessionDate { number: unsigned(s.number, "session number")?, date: s.date }))
            .collect::<Result<_, IpsrtError>>()?;
        Ok(schedule(&tasks)?.occurrence_ids(&sessions, from, to)?.iter().map(id_from_core).collect())
    })
}

/// "No data for N days" per started task at `now`.
#[uniffi::export]
pub fn schedule_data_gaps(
    tasks: Vec<ScheduledTask>,
    zone_history: Vec<ZoneChange>,
    records: ScheduleRecords,
    now: Instant,
) -> Result<Vec<DataGap>, IpsrtError> {
    guard(|| {
        let gaps = schedule(&tasks)?.data_gaps(&zones(&zone_history)?, &self::records(&records)?, now)?;
        Ok(gaps
            .into_iter()
            .map(|g| DataGap {
                task: g.task,
                what: g.what,
                last_completed: g.last_completed,
                since: g.since,
                days: i64::from(g.days),
            })
            .collect())
    })
}

/// Adherence per task (sorted by task id) over evaluated occurrences.
#[uniffi::export]
pub fn schedule_adherence(occurrences: Vec<Occurrence>) -> Result<Vec<TaskAdherence>, IpsrtError> {
    guard(|| {
        let occ = occurrences.iter().map(occurrence_to_core).collect::<Result<Vec<_>, _>>()?;
        Ok(core::adherence(&occ)
            .into_iter()
            .map(|(task, a)| TaskAdherence {
                task,
                on_time: i64::from(a.on_time),
                late: i64::from(a.late),
                missed: i64::from(a.missed),
                excused: i64::from(a.excused),
                pending: i64::from(a.pending),
                expected: i64::from(a.expected()),
                completion_rate: a.completion_rate(),
                on_time_share: a.on_time_share(),
            })
            .collect())
    })
}

/// Missed runs per task (sorted by task id) over evaluated occurrences.
#[uniffi::export]
pub fn schedule_missed_streaks(occurrences: Vec<Occurrence>) -> Result<Vec<MissedStreak>, IpsrtError> {
    guard(|| {
        let occ = occurrences.iter().map(occurrence_to_core).collect::<Result<Vec<_>, _>>()?;
        Ok(core::missed_streaks(&occ)
            .into_iter()
            .map(|s| MissedStreak {
                task: s.task,
                current: i64::from(s.current),
                longest: i64::from(s.longest),
                last_missed: s.last_missed.as_ref().map(id_from_core),
            })
            .collect())
    })
}

/// Parses `TASK/YYYY-MM-DD/HH:MM`.
#[uniffi::export]
pub fn parse_occurrence_id(text: String) -> Result<OccurrenceId, IpsrtError> {
    guard(|| Ok(id_from_core(&core::OccurrenceId::parse(&text)?)))
}

/// Writes `TASK/YYYY-MM-DD/HH:MM`.
#[uniffi::export]
pub fn occurrence_id_text(id: OccurrenceId) -> Result<String, IpsrtError> {
    guard(|| Ok(id_to_core(&id)?.to_string()))
}

/// The local due moment, instant and adjustment of a slot on a local date in a zone.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct ResolvedSlot {
    /// The local due moment (after any adjustment).
    pub local: ZonedDateTime,
    /// The instant.
    pub instant: Instant,
    /// Any daylight-saving adjustment.
    pub adjustment: Option<SlotAdjustment>,
}

/// Resolves a slot on a local date in a zone (gap: later by the gap; overlap: earlier instant).
#[uniffi::export]
pub fn resolve_slot(date: LocalDate, slot: ClockTime, zone: TimeZone) -> Result<ResolvedSlot, IpsrtError> {
    guard(|| {
        let (local, instant, adj) = core::resolve_slot(date, slot, zone);
        Ok(ResolvedSlot { local, instant, adjustment: adj.map(adjustment) })
    })
}

fn protocol(id: ProtocolId) -> ipsrt::course::Protocol {
    use ipsrt::course::Protocol;
    match id {
        ProtocolId::WmkAcute => Protocol::wmk_acute(),
        ProtocolId::IptBrief => Protocol::ipt_brief(),
        ProtocolId::Spaarne => Protocol::spaarne(),
        ProtocolId::IpsrtAcute => Protocol::ipsrt_acute(),
        ProtocolId::IptMaintenance => Protocol::ipt_maintenance(),
    }
}

/// The protocol's PHQ-9 default: at its evaluation sessions, else every 4 sessions.
#[uniffi::export]
pub fn schedule_default_phq9(protocol_id: ProtocolId, start: LocalDate) -> Result<ScheduledTask, IpsrtError> {
    guard(|| Ok(task_from_core(&core::defaults::phq9_for_protocol(&protocol(protocol_id), start)?)))
}

/// PHQ-9 every two weeks on a weekday.
#[uniffi::export]
pub fn schedule_default_phq9_every_two_weeks(start: LocalDate, weekday: Weekday) -> Result<ScheduledTask, IpsrtError> {
    guard(|| Ok(task_from_core(&core::defaults::phq9_every_two_weeks(start, weekday.into())?)))
}

/// The SRM diary every day at 21:00.
#[uniffi::export]
pub fn schedule_default_srm_diary(start: LocalDate) -> Result<ScheduledTask, IpsrtError> {
    guard(|| Ok(task_from_core(&core::defaults::srm_diary_daily(start)?)))
}

/// The ASRM weekly on a weekday at 20:00.
#[uniffi::export]
pub fn schedule_default_asrm(start: LocalDate, weekday: Weekday) -> Result<ScheduledTask, IpsrtError> {
    guard(|| Ok(task_from_core(&core::defaults::asrm_weekly(start, weekday.into())?)))
}

/// Medication every day at the dose times.
#[uniffi::export]
pub fn schedule_default_medication(
    id: String,
    label: String,
    start: LocalDate,
    doses: Vec<ClockTime>,
) -> Result<ScheduledTask, IpsrtError> {
    guard(|| Ok(task_from_core(&core::defaults::medication_daily(&id, &label, start, doses)?)))
}

/// The schedule's versioned JSON (`ipsrt.schedule`).
#[uniffi::export]
pub fn schedule_to_json(tasks: Vec<ScheduledTask>) -> Result<String, IpsrtError> {
    guard(|| Ok(ipsrt::persist::to_json(&schedule(&tasks)?)))
}

/// Loads a schedule's versioned JSON.
#[uniffi::export]
pub fn schedule_from_json(json: String) -> Result<Vec<ScheduledTask>, IpsrtError> {
    guard(|| Ok(crate::bridge::load::<core::Schedule>(&json)?.tasks().iter().map(task_from_core).collect()))
}

/// The zone history's versioned JSON (`ipsrt.zone_history`).
#[uniffi::export]
pub fn zone_history_to_json(zone_history: Vec<ZoneChange>) -> Result<String, IpsrtError> {
    guard(|| Ok(ipsrt::persist::to_json(&zones(&zone_history)?)))
}

/// Loads a zone history's versioned JSON.
#[uniffi::export]
pub fn zone_history_from_json(json: String) -> Result<Vec<ZoneChange>, IpsrtError> {
    guard(|| {
        Ok(crate::bridge::load::<core::ZoneHistory>(&json)?
            .changes()
            .iter()
            .map(|c| ZoneChange { from: c.from, zone: c.zone })
            .collect())
    })
}

/// The records' versioned JSON (`ipsrt.schedule_records`).
#[uniffi::export]
pub fn schedule_records_to_json(records: ScheduleRecords) -> Result<String, IpsrtError> {
    guard(|| Ok(ipsrt::persist::to_json(&self::records(&records)?)))
}

/// Loads records' versioned JSON.
#[uniffi::export]
pub fn schedule_records_from_json(json: String) -> Result<ScheduleRecords, IpsrtError> {
    guard(|| Ok(records_from_core(&crate::bridge::load::<core::ScheduleRecords>(&json)?)))
}
