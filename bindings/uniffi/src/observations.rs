//! Observations for the alert machine, made by the core's converters (the core's
//! `ipsrt::relapse::{Observation, ObservationLog, convert}` and
//! `ipsrt::ipsrt::MedicationLog::missed_medication_observations`), so an app never
//! re-implements a rule: it hands over what it has (a scored questionnaire, an SRM week and a
//! baseline week, the medication log) and gets dated [`Observation`]s back, keeps them in an
//! [`ObservationLog`] (a stored document, `ipsrt.observation_log`) and feeds them to an
//! `AlertMachine` with `observeAll`.
//!
//! ```
//! use ipsrt_ffi::observations::ObservationLog;
//! use ipsrt_ffi::relapse::Observed;
//!
//! let log = ObservationLog::new();
//! let day = "2026-03-02".parse().unwrap();
//! log.add(day, Observed::CheckIn, None, None).unwrap();
//! assert_eq!(log.count().unwrap(), 1);
//! // A value out of range is refused and the log is unchanged.
//! let bad = Observed::Phq9 { total: Some(30), item9: None };
//! assert_eq!(log.add(day, bad, None, None).unwrap_err().kind_name(), "invalid_input");
//! assert_eq!(log.count().unwrap(), 1);
//! ```

use std::sync::Arc;

use ipsrt::relapse as core;
use ipsrt::time::ZonedDateTime;
use serde::{Deserialize, Serialize};

use crate::bridge::{from_core, from_json_value, persisted_object, to_core};
use crate::error::{IpsrtError, guard};
use crate::measures::MeasureScore;
use crate::relapse::{AlertAssessment, AlertMachine, Observed, RelapsePlan, assessment};
use crate::rhythm::MedicationLog;
use crate::srm::{SrmDiary, SrmWeekScore};
use crate::state::Locked;
use crate::time::LocalDate;

/// One dated observation (the core's `Observation`): what was observed, on which clinical
/// date, and optionally the moment it happened and when it reached the app.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, uniffi::Record)]
pub struct Observation {
    /// The day the observation belongs to (its clinical date).
    pub date: LocalDate,
    /// What was observed.
    pub observed: Observed,
    /// The moment, when known (orders observations of the same day).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[uniffi(default = None)]
    pub at: Option<ZonedDateTime>,
    /// When it reached the app or server (a phone's sync time), when known; never used to order.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[uniffi(default = None)]
    pub received_at: Option<ZonedDateTime>,
}

/// App → core: the observation, its ranges checked by the core (`Observation::validate`).
fn core_observation(o: &Observation, index: Option<usize>) -> Result<core::Observation, IpsrtError> {
    let obs: core::Observation = to_core(o).map_err(|e| at_index(e, index))?;
    obs.validate().map_err(|e| at_index(IpsrtError::from(e), index))?;
    Ok(obs)
}

/// Prefixes an error with the list index it belongs to (when the call took a list).
fn at_index(e: IpsrtError, index: Option<usize>) -> IpsrtError {
    let Some(i) = index else { return e };
    match e {
        IpsrtError::InvalidInput(m) => IpsrtError::InvalidInput(format!("observation {i}: {m}")),
        other => other,
    }
}

fn observations(list: &[core::Observation]) -> Result<Vec<Observation>, IpsrtError> {
    list.iter().map(from_core).collect()
}

/// The alert-machine observation of a scored weekly SRM result (`Observed.SrmWeek`); a week
/// that is not scorable is `NotScorable` (never a score of 0).
#[uniffi::export]
pub fn observed_from_srm_week(week: SrmWeekScore) -> Result<Observed, IpsrtError> {
    guard(|| {
        let core_week: ipsrt::srm::WeekScore = from_json_value("SRM week score", &week.json)?;
        check_week_record(&week, &core_week)?;
        from_core(&core::Observed::try_from(&core_week)?)
    })
}

/// The dated observation of a scored measure: [`crate::relapse::observed_from_score`] on `date`.
#[uniffi::export(default(at = None))]
pub fn observation_from_score(
    date: LocalDate,
    score: MeasureScore,
    at: Option<ZonedDateTime>,
) -> Result<Observation, IpsrtError> {
    guard(|| {
        let observed = crate::relapse::observed_from_score(score)?;
        Ok(Observation { date, at, received_at: None, observed })
    })
}

/// A week score record whose typed fields disagree with its `json` (edited by hand) is
/// refused rather than read from either side.
fn check_week_record(week: &SrmWeekScore, core_week: &ipsrt::srm::WeekScore) -> Result<(), IpsrtError> {
    if week.start != core_week.start || week.score != core_week.score {
        return Err(IpsrtError::InvalidInput(format!(
            "the SRM week score starting {} (score {:?}) does not match its json (start {}, score {:?}): pass the record as scoreWeek returned it",
            week.start, week.score, core_week.start, core_week.score
        )));
    }
    Ok(())
}

#[uniffi::export]
impl SrmDiary {
    /// The sleep shifts of the 7-day window starting on `week_start` as alert-machine
    /// observations: for each day with an out-of-bed or to-bed time, the signed shift in
    /// minutes versus that anchor's habitual time in `baseline` (a week scored earlier, by
    /// `scoreWeek`), the short way round the clock, dated on the diary day. Every recorded
    /// night is reported; the plan's thresholds decide what counts. `InvalidInput` when the
    /// baseline has a habitual time for neither anchor.
    pub fn sleep_shift_observations(
        &self,
        week_start: LocalDate,
        baseline: SrmWeekScore,
    ) -> Result<Vec<Observation>, IpsrtError> {
        guard(|| {
            let core_baseline: ipsrt::srm::WeekScore = from_json_value("SRM week score", &baseline.json)?;
            check_week_record(&baseline, &core_baseline)?;
            let week = self.state.read(|d| d.week_starting(week_start));
            observations(&core::convert::sleep_shift_observations(&week, &core_baseline)?)
        })
    }
}

#[uniffi::export]
impl MedicationLog {
    /// The missed doses from `from` to `to` (inclusive, at most 366 days) as alert-machine
    /// observations: one per medication and day with its number of missed doses. Unrecorded
    /// doses are not counted as missed.
    pub fn missed_medication_observations(
        &self,
        from: LocalDate,
        to: LocalDate,
    ) -> Result<Vec<Observation>, IpsrtError> {
        guard(|| self.state.read(|log| observations(&log.missed_medication_observations(from, to)?)))
    }
}

#[uniffi::export]
impl AlertMachine {
    /// Feeds observations in the order given (their arrival order) and returns one assessment
    /// each. Stops at the first rejected observation with an error naming its index; the
    /// machine is then unchanged (none of the list is applied). Takes the plan's lock, copies
    /// the plan and releases it before taking this machine's lock.
    pub fn observe_all(
        &self,
        plan: Arc<RelapsePlan>,
        observations: Vec<Observation>,
    ) -> Result<Vec<AlertAssessment>, IpsrtError> {
        guard(|| {
            let plan = plan.state.read(Clone::clone);
            let list: Vec<core::Observation> = observations
                .iter()
                .enumerate()
                .map(|(i, o)| to_core(o).map_err(|e| at_index(e, Some(i))))
                .collect::<Result<_, _>>()?;
            self.state.update(|m| m.observe_all(&plan, &list)?.iter().map(assessment).collect())
        })
    }
}

/// A list of observations as stored or exchanged (the core's `ObservationLog`, schema
/// `ipsrt.observation_log`; the CLI's `OBSERVATIONS.json`), in arrival order. Thread-safe.
/// Every observation is range-checked when it is added or loaded.
///
/// **Threads:** safe to share between threads. Every call takes this object's one lock for the
/// whole call (calls on it run one at a time; other objects never wait for it), never calls back
/// into the app and never blocks on I/O. A `close()` during another thread's call frees the object
/// when that call ends; a call after `close()` throws `IpsrtException.Closed`.
#[derive(uniffi::Object)]
pub struct ObservationLog {
    state: Locked<core::ObservationLog>,
}

persisted_object!(ObservationLog, core::ObservationLog);

#[uniffi::export]
impl ObservationLog {
    /// An empty log.
    #[uniffi::constructor]
    pub fn new() -> Arc<Self> {
        Arc::new(ObservationLog { state: Locked::new(core::ObservationLog::default()) })
    }

    /// Appends one observation; returns it. On error (a value out of range) the log is unchanged.
    #[uniffi::method(default(at = None, received_at = None))]
    pub fn add(
        &self,
        date: LocalDate,
        observed: Observed,
        at: Option<ZonedDateTime>,
        received_at: Option<ZonedDateTime>,
    ) -> Result<Observation, IpsrtError> {
        guard(|| {
            let o = Observation { date, at, received_at, observed };
            let obs = core_observation(&o, None)?;
            self.state.update(|log| {
                log.observations.push(obs);
                Ok(o)
            })
        })
    }

    /// Appends observations (as the converters return them), all or none: an error names the
    /// index of the first one out of range and leaves the log unchanged.
    pub fn add_all(&self, observations: Vec<Observation>) -> Result<(), IpsrtError> {
        guard(|| {
            let list: Vec<core::Observation> =
                observations.iter().enumerate().map(|(i, o)| core_observation(o, Some(i))).collect::<Result<_, _>>()?;
            self.state.update(|log| {
                log.observations.extend(list);
                Ok(())
            })
        })
    }

    /// The observations, in arrival order.
    pub fn observations(&self) -> Result<Vec<Observation>, IpsrtError> {
        guard(|| self.state.read(|log| observations(&log.observations)))
    }

    /// How many observations the log holds.
    pub fn count(&self) -> Result<i64, IpsrtError> {
        guard(|| Ok(self.state.read(|log| i64::try_from(log.observations.len()).unwrap_or(i64::MAX))))
    }

    /// Feeds the whole log to `machine` with `plan` (`AlertMachine.observeAll`): one assessment
    /// per observation; the first rejected one names its index and leaves the machine unchanged.
    /// Copies the log under its lock and releases it before the machine's call.
    pub fn feed(&self, machine: Arc<AlertMachine>, plan: Arc<RelapsePlan>) -> Result<Vec<AlertAssessment>, IpsrtError> {
        guard(|| {
            let list = self.observations()?;
            machine.observe_all(plan, list)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> LocalDate {
        s.parse().unwrap()
    }

    #[test]
    fn add_all_is_all_or_none_and_names_the_index() {
        let log = ObservationLog::new();
        let ok = Observation { date: d("2026-03-02"), at: None, received_at: None, observed: Observed::CheckIn };
        let bad = Observation {
            date: d("2026-03-03"),
            at: None,
            received_at: None,
            observed: Observed::MissedMedication { doses: 0, medication: None },
        };
        let e = log.add_all(vec![ok.clone(), bad]).unwrap_err();
        assert_eq!(e.kind_name(), "invalid_input");
        assert!(e.to_string().starts_with("observation 1: "), "{e}");
        assert_eq!(log.count().unwrap(), 0);
        log.add_all(vec![ok.clone()]).unwrap();
        assert_eq!(log.observations().unwrap(), vec![ok]);
        let back = ObservationLog::from_json(log.to_json().unwrap()).unwrap();
        assert_eq!(back.count().unwrap(), 1);
    }

    #[test]
    fn observe_all_leaves_the_machine_unchanged_on_error() {
        let plan = RelapsePlan::new(d("2026-03-01"), crate::relapse::Region::Nl).unwrap();
        let m = AlertMachine::new();
        let list = vec![
            Observation {
                date: d("2026-03-02"),
                at: None,
                received_at: None,
                observed: Observed::MissedMedication { doses: 1, medication: None },
            },
            Observation {
                date: d("2026-03-03"),
                at: None,
                received_at: None,
                observed: Observed::WarningSign { sign: "no-such-sign".into() },
            },
        ];
        let e = m.observe_all(plan.clone(), list.clone()).unwrap_err();
        assert!(e.to_string().contains('1'), "{e}");
        assert!(m.history().unwrap().is_empty());
        let out = m.observe_all(plan, list[..1].to_vec()).unwrap();
        assert_eq!(out.len(), 1);
    }

    #[test]
    fn a_patient_week_through_the_converters() {
        use crate::measures::{InstrumentId, score_measure};
        use crate::relapse::AlertRule;
        use crate::rhythm::{DoseOutcome, ScheduledDose};
        use crate::srm::{SrmFormKind, SrmItem, SrmStatus};
        let t = |h: i32, m: i32| crate::checks::clock_time_from_hm(h, m).unwrap();
        let week1 = d("2026-03-02");
        let week2 = d("2026-03-09");
        let diary = SrmDiary::new(SrmFormKind::Srm5);
        for day in 0..14u64 {
            let date = week1 + chrono::Days::new(day);
            let late = (9..=11).contains(&day);
            diary.add(date, SrmItem::OutOfBed, SrmStatus::Done { time: t(7, 0) }, None, None).unwrap();
            let bed = if late { t(1, 30) } else { t(23, 0) };
            diary.add(date, SrmItem::ToBed, SrmStatus::Done { time: bed }, None, None).unwrap();
        }
        let baseline = diary.score_week(week1, None).unwrap();
        let shifts = diary.sleep_shift_observations(week2, baseline).unwrap();
        assert_eq!(shifts.len(), 14);
        let this_week = diary.score_week(week2, None).unwrap();
        let meds = MedicationLog::new(vec![ScheduledDose {
            id: "li-pm".into(),
            medication: "lithium".into(),
            time: t(21, 0),
            anchor: None,
        }])
        .unwrap();
        for day in 0..7u64 {
            let date = week2 + chrono::Days::new(day);
            let outcome = if day == 3 || day == 4 { DoseOutcome::Missed } else { DoseOutcome::Taken { at: None } };
            meds.record("li-pm".into(), date, outcome).unwrap();
        }
        let missed = meds.missed_medication_observations(week2, week2 + chrono::Days::new(6)).unwrap();
        assert_eq!(missed.len(), 2);
        let phq1 =
            score_measure(InstrumentId::Phq9, [1, 1, 0, 1, 0, 0, 1, 0, 0].map(Some).to_vec(), None, None).unwrap();
        let phq2 =
            score_measure(InstrumentId::Phq9, [2, 2, 1, 2, 1, 1, 1, 1, 0].map(Some).to_vec(), None, None).unwrap();
        let log = ObservationLog::new();
        log.add_all(vec![observation_from_score(week1 + chrono::Days::new(6), phq1, None).unwrap()]).unwrap();
        log.add_all(shifts).unwrap();
        log.add_all(missed).unwrap();
        log.add(week2 + chrono::Days::new(7), observed_from_srm_week(this_week).unwrap(), None, None).unwrap();
        log.add_all(vec![observation_from_score(week2 + chrono::Days::new(6), phq2, None).unwrap()]).unwrap();
        let plan = RelapsePlan::new(week1, crate::relapse::Region::Nl).unwrap();
        let m = AlertMachine::new();
        let out = log.feed(m.clone(), plan).unwrap();
        assert_eq!(out.len(), 19);
        let last = out.last().unwrap();
        assert_eq!(last.level, crate::relapse::AlertLevel::BreakingDown);
        let rules: Vec<_> = last.findings.iter().map(|f| f.rule).collect();
        assert!(
            rules.contains(&AlertRule::SleepShift) && rules.contains(&AlertRule::MissedMedicationWithSymptoms),
            "{rules:?}"
        );
        assert_eq!(m.level().unwrap(), crate::relapse::AlertLevel::BreakingDown);
        assert_eq!(m.history().unwrap().len(), 2);
    }
}
