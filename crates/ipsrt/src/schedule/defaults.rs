//! Protocol defaults: tasks as the protocols and instruments suggest them, each with the
//! source of its cadence.
//!
//! Only the cadence (which dates or sessions) has a published source. Slots, windows and late
//! rules are design choices of this library (a plan value, always configurable: build the task
//! with [`ScheduledTask::new`] to change them) and are listed in `docs/schedules.md`.
//!
//! ```
//! use chrono::NaiveDate;
//! use ipsrt::course::Protocol;
//! use ipsrt::schedule::{Recurrence, defaults};
//!
//! let start = NaiveDate::from_ymd_opt(2026, 9, 1).unwrap();
//! let phq9 = defaults::phq9_for_protocol(&Protocol::spaarne(), start)?;
//! assert_eq!(phq9.recurrence(), &Recurrence::AtSessions { sessions: vec![1, 8, 12] });
//! assert_eq!(phq9.source().unwrap().key, "S2");
//! let phq9 = defaults::phq9_for_protocol(&Protocol::wmk_acute(), start)?;
//! assert_eq!(phq9.recurrence(), &Recurrence::EverySessions { every: 4, first: 1 });
//! # Ok::<(), ipsrt::Error>(())
//! ```

use chrono::NaiveDate;

use super::ScheduleError;
use super::task::{LateRule, Recurrence, ScheduledTask, Task, Weekday, Window};
use crate::course::Protocol;
use crate::source::{Evidence, Source};
use crate::time::ClockTime;

const DAY: u32 = 24 * 60;

fn at(h: u32, m: u32) -> Result<ClockTime, ScheduleError> {
    ClockTime::from_hm(h, m).map_err(|_| ScheduleError::InvalidNumber {
        field: "slot",
        value: i64::from(h * 60 + m),
        detail: "a slot is a clock time from 00:00 to 23:59",
    })
}

/// A session-linked PHQ-9: due from 00:00 on the session's local date, open from two days
/// before to two days after, on time until the end of that day (design choices).
fn phq9_sessions(recurrence: Recurrence, start: NaiveDate, source: Source) -> Result<ScheduledTask, ScheduleError> {
    Ok(ScheduledTask::new(
        Task::new("phq9", "phq9", "PHQ-9")?,
        recurrence,
        vec![at(0, 0)?],
        start,
        None,
        Window::new(2 * DAY, 3 * DAY)?,
        LateRule::new(DAY, true)?,
    )?
    .with_source(source))
}

/// PHQ-9 every 4 sessions from the first (intake) session: sessions 1, 5, 9, 13, …
pub fn phq9_every_four_sessions(start: NaiveDate) -> Result<ScheduledTask, ScheduleError> {
    phq9_sessions(
        Recurrence::EverySessions { every: 4, first: 1 },
        start,
        Source::new(
            "IPTI",
            "training standard: PHQ-9 (and GAD-7) every 4 sessions; counted from the intake session (design)",
            Evidence::Verified,
        ),
    )
}

/// PHQ-9 at the intake session and at the first and last session of the protocol's
/// response-evaluation window (Spaarne: sessions 1, 8 and 12); `None` when the protocol has no
/// evaluation rule.
pub fn phq9_at_evaluation(protocol: &Protocol, start: NaiveDate) -> Result<Option<ScheduledTask>, ScheduleError> {
    let Some(rule) = &protocol.evaluation else { return Ok(None) };
    let mut sessions = vec![1, rule.value.window.min, rule.value.window.max];
    sessions.sort_unstable();
    sessions.dedup();
    let locator = format!("{} (PHQ-9 at intake, session 1, is a design choice)", rule.source.locator);
    let source = Source::owned(rule.source.key.to_string(), locator, rule.source.evidence);
    phq9_sessions(Recurrence::AtSessions { sessions }, start, source).map(Some)
}

/// The PHQ-9 default for a protocol: at its evaluation sessions when it has an evaluation
/// rule ([`phq9_at_evaluation`]), otherwise every 4 sessions ([`phq9_every_four_sessions`]).
pub fn phq9_for_protocol(protocol: &Protocol, start: NaiveDate) -> Result<ScheduledTask, ScheduleError> {
    match phq9_at_evaluation(protocol, start)? {
        Some(t) => Ok(t),
        None => phq9_every_four_sessions(start),
    }
}

/// PHQ-9 every two weeks on `weekday` at 09:00 (its recall window is the past two weeks);
/// open for three days, on time the same day.
pub fn phq9_every_two_weeks(start: NaiveDate, weekday: Weekday) -> Result<ScheduledTask, ScheduleError> {
    Ok(ScheduledTask::new(
        Task::new("phq9", "phq9", "PHQ-9")?,
        Recurrence::Weekly { every: 2, on: vec![weekday] },
        vec![at(9, 0)?],
        start,
        None,
        Window::new(0, 3 * DAY)?,
        LateRule::new(15 * 60, true)?,
    )?
    .with_source(Source::new(
        "KSW-2001",
        "recall window of the past two weeks; one rating every two weeks covers every day (cadence is a design choice)",
        Evidence::Design,
    )))
}

/// The SRM diary every day, due at 21:00 (opens 18:00, on time until 03:00, closes 21:00 the
/// next day).
pub fn srm_diary_daily(start: NaiveDate) -> Result<ScheduledTask, ScheduleError> {
    Ok(ScheduledTask::new(
        Task::new("srm", "srm_diary", "Social Rhythm Metric diary")?,
        Recurrence::Daily { every: 1 },
        vec![at(21, 0)?],
        start,
        None,
        Window::new(3 * 60, DAY)?,
        LateRule::new(6 * 60, true)?,
    )?
    .with_source(Source::new("MONK-1990", "the SRM is a daily diary", Evidence::Verified)))
}

/// The ASRM once a week on `weekday` at 20:00 (its recall window is the past week); open for
/// three days, on time the same day.
pub fn asrm_weekly(start: NaiveDate, weekday: Weekday) -> Result<ScheduledTask, ScheduleError> {
    Ok(ScheduledTask::new(
        Task::new("asrm", "asrm", "Altman Self-Rating Mania Scale")?,
        Recurrence::Weekly { every: 1, on: vec![weekday] },
        vec![at(20, 0)?],
        start,
        None,
        Window::new(0, 3 * DAY)?,
        LateRule::new(4 * 60, true)?,
    )?
    .with_source(Source::new(
        "ALTMAN-1997",
        "recall window of the past week; one rating a week covers every day (cadence is a design choice)",
        Evidence::Design,
    )))
}

/// Medication every day at the given dose times: open from 60 minutes before each dose, on
/// time until 60 minutes after (the medication log's default tolerance), closed 12 hours after.
pub fn medication_daily(
    id: &str,
    label: &str,
    start: NaiveDate,
    doses: Vec<ClockTime>,
) -> Result<ScheduledTask, ScheduleError> {
    Ok(ScheduledTask::new(
        Task::new(id, "medication", label)?,
        Recurrence::Daily { every: 1 },
        doses,
        start,
        None,
        Window::new(60, 12 * 60)?,
        LateRule::new(60, false)?,
    )?
    .with_source(Source::new(
        "FSB-2007",
        "IPSRT trains a consistent medication schedule, doses anchored to daily rhythms",
        Evidence::Verified,
    )))
}
