//! The medication adherence log: each scheduled dose of each day is taken, late or missed.
//!
//! Non-adherence to medication is one of IPSRT's three recurrence pathways (FSB-2007); IPSRT
//! trains a consistent schedule, for example by anchoring doses to rhythm anchors. The log
//! computes adherence, a non-adherence signal, and the missed doses as relapse alert-machine
//! observations ([`MedicationLog::missed_medication_observations`]).

use std::collections::HashSet;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::IpsrtError;
use super::anchor::Anchor;
use crate::limits::{MAX_ID_BYTES, MAX_NAME_CHARS, check_len};
use crate::persist::Persist;
use crate::source::{Cited, Evidence, Source};
use crate::time::{ClockTime, ZonedDateTime};

use super::due::{DstAdjustment, resolve_wall_clock};

/// One dose on the daily schedule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScheduledDose {
    /// The host's identifier of the dose (for example `"lithium-evening"`); unique in the schedule.
    pub id: String,
    /// The medication, as the host names it.
    pub medication: String,
    /// The planned clock time.
    pub time: ClockTime,
    /// The rhythm anchor the dose is tied to, if any (e.g. taken with dinner).
    #[serde(default)]
    pub anchor: Option<Anchor>,
}

/// What happened to one dose on one day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "status", rename_all = "snake_case", deny_unknown_fields)]
pub enum DoseOutcome {
    /// Taken within the tolerance of the planned time (time optional).
    Taken {
        /// When, if recorded.
        #[serde(default)]
        at: Option<ClockTime>,
    },
    /// Taken, but later than the tolerance allows.
    Late {
        /// When, if recorded.
        #[serde(default)]
        at: Option<ClockTime>,
    },
    /// Not taken.
    Missed,
}

impl DoseOutcome {
    /// Classifies an intake time against the planned time: within `tolerance_minutes` after
    /// (or any time before, up to the same tolerance) is taken, later is late. Times are
    /// compared on the 24-hour circle, so 00:10 for a 23:50 dose is 20 minutes late, not early.
    pub fn classify(planned: ClockTime, taken_at: ClockTime, tolerance_minutes: u16) -> DoseOutcome {
        let diff = (i32::from(taken_at.minutes()) - i32::from(planned.minutes())).rem_euclid(1440);
        // diff in 0..1440: treat > 720 as "early" (negative).
        let signed = if diff > 720 { diff - 1440 } else { diff };
        if signed <= i32::from(tolerance_minutes) {
            DoseOutcome::Taken { at: Some(taken_at) }
        } else {
            DoseOutcome::Late { at: Some(taken_at) }
        }
    }
}

/// When a scheduled dose is next due (for a reminder).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DoseDue {
    /// The dose id.
    pub dose: String,
    /// The day the dose belongs to.
    pub date: NaiveDate,
    /// The local moment it is due (after any daylight-saving gap adjustment).
    pub due: ZonedDateTime,
    /// The instant.
    pub instant: chrono::DateTime<chrono::Utc>,
    /// Any daylight-saving adjustment.
    pub adjustment: Option<DstAdjustment>,
}

/// One recorded dose.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DoseRecord {
    /// The scheduled dose's id.
    pub dose: String,
    /// The day.
    pub date: NaiveDate,
    /// What happened.
    pub outcome: DoseOutcome,
}

/// Default tolerance after the planned time before a dose counts as late.
pub const DEFAULT_LATE_AFTER_MINUTES: Cited<u16> = Cited::new(
    60,
    Source::new("ipsrt-design", "no published threshold for 'late'; 60 minutes, a plan value", Evidence::Design),
);

/// Counts over a period.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct AdherenceSummary {
    /// Doses scheduled in the period (schedule × days).
    pub scheduled: u32,
    /// Taken on time.
    pub taken: u32,
    /// Taken late.
    pub late: u32,
    /// Missed.
    pub missed: u32,
    /// Scheduled but nothing recorded.
    pub unrecorded: u32,
    /// `(taken + late) / recorded`, `None` with nothing recorded.
    pub adherence: Option<f64>,
    /// `taken / recorded` (on time), `None` with nothing recorded.
    pub on_time: Option<f64>,
}

/// The non-adherence signal over a recent window, for the relapse alert machine.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NonAdherenceSignal {
    /// Last day of the window.
    pub as_of: NaiveDate,
    /// Days in the window.
    pub window_days: u32,
    /// Missed doses in the window.
    pub missed: u32,
    /// Late doses in the window.
    pub late: u32,
    /// Longest run of consecutive missed doses (in time order) within the window; unrecorded
    /// doses neither extend nor break a run.
    pub longest_missed_run: u32,
    /// Whether `missed` reached the plan's threshold.
    pub flagged: bool,
    /// Why this matters.
    pub pathway: Source,
}

/// A medication schedule and its adherence log.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MedicationLog {
    schedule: Vec<ScheduledDose>,
    late_after_minutes: u16,
    missed_doses_flag: u32,
    records: Vec<DoseRecord>,
}

impl Persist for MedicationLog {
    const SCHEMA: &'static str = "ipsrt.medication_log";
    const VERSION: u32 = 1;
    /// The same checks as [`MedicationLog::new`] and [`MedicationLog::record`], with hash sets
    /// so that loading a log is linear in its records (`record` scans the log once per call).
    fn validate_loaded(&self) -> Result<(), String> {
        MedicationLog::new(self.schedule.clone()).map_err(|e| e.to_string())?;
        let doses: HashSet<&str> = self.schedule.iter().map(|d| d.id.as_str()).collect();
        let mut seen: HashSet<(&str, NaiveDate)> = HashSet::with_capacity(self.records.len());
        for r in &self.records {
            if !doses.contains(r.dose.as_str()) {
                return Err(IpsrtError::UnknownDose { dose: r.dose.clone() }.to_string());
            }
            if !seen.insert((r.dose.as_str(), r.date)) {
                return Err(IpsrtError::DoseAlreadyRecorded { dose: r.dose.clone(), date: r.date }.to_string());
            }
        }
        Ok(())
    }
}

impl MedicationLog {
    /// A log for a daily schedule. Dose ids must be unique and non-empty.
    pub fn new(schedule: Vec<ScheduledDose>) -> Result<Self, IpsrtError> {
        {
            let mut ids = HashSet::with_capacity(schedule.len());
            for d in &schedule {
                if d.id.trim().is_empty() {
                    return Err(IpsrtError::EmptyDoseId);
                }
                let too_long = |detail| IpsrtError::TooLong { detail };
                check_len("dose id", &d.id, MAX_ID_BYTES, true).map_err(too_long)?;
                check_len("medication", &d.medication, MAX_NAME_CHARS, false).map_err(too_long)?;
                if !ids.insert(d.id.as_str()) {
                    return Err(IpsrtError::DuplicateDose { dose: d.id.clone() });
                }
            }
        }
        Ok(MedicationLog {
            schedule,
            late_after_minutes: DEFAULT_LATE_AFTER_MINUTES.value,
            missed_doses_flag: 2,
            records: Vec::new(),
        })
    }

    /// Sets the lateness tolerance (minutes after the planned time; at most 720).
    pub fn with_late_after(mut self, minutes: u16) -> Result<Self, IpsrtError> {
        if minutes > 720 {
            return Err(IpsrtError::InvalidPlanValue { what: "late_after_minutes", value: i64::from(minutes) });
        }
        self.late_after_minutes = minutes;
        Ok(self)
    }

    /// Sets how many missed doses in the signal window flag non-adherence (≥ 1; default 2 \[design\]).
    pub fn with_missed_doses_flag(mut self, missed: u32) -> Result<Self, IpsrtError> {
        if missed == 0 {
            return Err(IpsrtError::InvalidPlanValue { what: "missed_doses_flag", value: 0 });
        }
        self.missed_doses_flag = missed;
        Ok(self)
    }

    /// The schedule.
    pub fn schedule(&self) -> &[ScheduledDose] {
        &self.schedule
    }
    /// The records in the order given.
    pub fn records(&self) -> &[DoseRecord] {
        &self.records
    }
    /// Doses tied to an anchor.
    pub fn doses_at(&self, anchor: Anchor) -> impl Iterator<Item = &ScheduledDose> {
        self.schedule.iter().filter(move |d| d.anchor == Some(anchor))
    }

    /// Records a dose outcome. Unknown dose ids and a second record for the same dose and day
    /// are rejected (use [`MedicationLog::correct`] to change one).
    pub fn record(&mut self, record: DoseRecord) -> Result<(), IpsrtError> {
        self.find_dose(&record.dose)?;
        if self.records.iter().any(|r| r.dose == record.dose && r.date == record.date) {
            return Err(IpsrtError::DoseAlreadyRecorded { dose: record.dose, date: record.date });
        }
        self.records.push(record);
        Ok(())
    }

    /// Records a dose by its intake time, classifying it as taken or late with the log's tolerance.
    pub fn record_taken_at(&mut self, dose: &str, date: NaiveDate, at: ClockTime) -> Result<DoseOutcome, IpsrtError> {
        let planned = self.find_dose(dose)?.time;
        let outcome = DoseOutcome::classify(planned, at, self.late_after_minutes);
        self.record(DoseRecord { dose: dose.to_owned(), date, outcome })?;
        Ok(outcome)
    }

    /// Replaces the outcome of an existing record.
    pub fn correct(&mut self, dose: &str, date: NaiveDate, outcome: DoseOutcome) -> Result<(), IpsrtError> {
        let r = self
            .records
            .iter_mut()
            .find(|r| r.dose == dose && r.date == date)
            .ok_or_else(|| IpsrtError::NoSuchRecord { dose: dose.to_owned(), date })?;
        r.outcome = outcome;
        Ok(())
    }

    /// The next time each scheduled dose is due strictly after `now` (wall-clock times in
    /// `now`'s zone, right across daylight-saving changes), sorted by instant.
    pub fn next_doses(&self, now: &ZonedDateTime) -> Vec<DoseDue> {
        let now_instant = now.to_utc_lenient();
        let today = ZonedDateTime::from_utc(now_instant, now.zone).date();
        let mut out: Vec<DoseDue> = self
            .schedule
            .iter()
            .filter_map(|dose| {
                today.iter_days().take(3).find_map(|date| {
                    let (due, instant, adjustment) = resolve_wall_clock(date, dose.time, now.zone);
                    (instant > now_instant).then(|| DoseDue { dose: dose.id.clone(), date, due, instant, adjustment })
                })
            })
            .collect();
        out.sort_by_key(|d| d.instant);
        out
    }

    fn find_dose(&self, id: &str) -> Result<&ScheduledDose, IpsrtError> {
        self.schedule.iter().find(|d| d.id == id).ok_or_else(|| IpsrtError::UnknownDose { dose: id.to_owned() })
    }

    fn outcome(&self, dose: &str, date: NaiveDate) -> Option<DoseOutcome> {
        self.records.iter().find(|r| r.dose == dose && r.date == date).map(|r| r.outcome)
    }

    /// Adherence over `[from, to]` (inclusive).
    pub fn adherence(&self, from: NaiveDate, to: NaiveDate) -> Result<AdherenceSummary, IpsrtError> {
        if to < from {
            return Err(IpsrtError::InvalidPeriod { from, to });
        }
        let mut s = AdherenceSummary {
            scheduled: 0,
            taken: 0,
            late: 0,
            missed: 0,
            unrecorded: 0,
            adherence: None,
            on_time: None,
        };
        for day in from.iter_days().take_while(|d| *d <= to) {
            for dose in &self.schedule {
                s.scheduled += 1;
                match self.outcome(&dose.id, day) {
                    Some(DoseOutcome::Taken { .. }) => s.taken += 1,
                    Some(DoseOutcome::Late { .. }) => s.late += 1,
                    Some(DoseOutcome::Missed) => s.missed += 1,
                    None => s.unrecorded += 1,
                }
            }
        }
        let recorded = s.taken + s.late + s.missed;
        if recorded > 0 {
            s.adherence = Some(f64::from(s.taken + s.late) / f64::from(recorded));
            s.on_time = Some(f64::from(s.taken) / f64::from(recorded));
        }
        Ok(s)
    }

    /// The missed doses of `[from, to]` (inclusive) as relapse alert-machine observations, so
    /// the log feeds the machine directly (non-adherence is IPSRT's first recurrence pathway,
    /// FSB-2007): one [`Observed::MissedMedication`](crate::relapse::Observed::MissedMedication)
    /// per day and medication with at least one dose recorded as missed, with the number of
    /// missed doses of that medication that day, in date order (then schedule order). Late and
    /// unrecorded doses are not missed (the library does not guess).
    ///
    /// # Errors
    /// [`IpsrtError::InvalidPeriod`] when `to` is before `from` or the period is longer than
    /// 366 days (feed long logs a year at a time).
    ///
    /// ```
    /// use ipsrt::ipsrt::{DoseOutcome, DoseRecord, MedicationLog, ScheduledDose};
    /// use ipsrt::relapse::{AlertLevel, AlertMachine, Observed, RelapsePlan};
    ///
    /// let d = |s: &str| s.parse::<chrono::NaiveDate>().unwrap();
    /// let dose = ScheduledDose { id: "li-pm".into(), medication: "lithium".into(), time: "21:00".parse()?, anchor: None };
    /// let mut log = MedicationLog::new(vec![dose])?;
    /// log.record(DoseRecord { dose: "li-pm".into(), date: d("2026-03-02"), outcome: DoseOutcome::Missed })?;
    /// let obs = log.missed_medication_observations(d("2026-03-01"), d("2026-03-07"))?;
    /// assert_eq!(obs[0].observed, Observed::MissedMedication { doses: 1, medication: Some("lithium".into()) });
    ///
    /// let plan = RelapsePlan::new(d("2026-03-01"), ipsrt::relapse::Region::Nl);
    /// let mut m = AlertMachine::new();
    /// m.observe_all(&plan, &obs)?;
    /// assert_eq!(m.level(), AlertLevel::Watch);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn missed_medication_observations(
        &self,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<Vec<crate::relapse::Observation>, IpsrtError> {
        if to < from || (to - from).num_days() > 365 {
            return Err(IpsrtError::InvalidPeriod { from, to });
        }
        let mut out = Vec::new();
        for day in from.iter_days().take_while(|d| *d <= to) {
            // Missed doses of the day per medication, in schedule order of first appearance.
            let mut per: Vec<(&str, u16)> = Vec::new();
            for dose in &self.schedule {
                if self.outcome(&dose.id, day) != Some(DoseOutcome::Missed) {
                    continue;
                }
                match per.iter_mut().find(|(m, _)| *m == dose.medication) {
                    Some((_, n)) => *n = n.saturating_add(1),
                    None => per.push((dose.medication.as_str(), 1)),
                }
            }
            out.extend(per.into_iter().map(|(medication, doses)| {
                crate::relapse::Observation::new(
                    day,
                    crate::relapse::Observed::MissedMedication {
                        doses,
                        medication: (!medication.trim().is_empty()).then(|| medication.to_owned()),
                    },
                )
            }));
        }
        Ok(out)
    }

    /// The non-adherence signal over the `window_days` days ending on `as_of`. Unrecorded doses
    /// are not counted as missed (the library does not guess).
    pub fn non_adherence_signal(&self, as_of: NaiveDate, window_days: u32) -> Result<NonAdherenceSignal, IpsrtError> {
        if window_days == 0 {
            return Err(IpsrtError::InvalidPlanValue { what: "window_days", value: 0 });
        }
        let from = as_of - chrono::Duration::days(i64::from(window_days) - 1);
        let s = self.adherence(from, as_of)?;
        let mut doses: Vec<&ScheduledDose> = self.schedule.iter().collect();
        doses.sort_by_key(|d| d.time);
        let (mut run, mut longest) = (0u32, 0u32);
        for day in from.iter_days().take_while(|d| *d <= as_of) {
            for dose in &doses {
                match self.outcome(&dose.id, day) {
                    Some(DoseOutcome::Missed) => {
                        run += 1;
                        longest = longest.max(run);
                    }
                    Some(_) => run = 0,
                    None => {}
                }
            }
        }
        Ok(NonAdherenceSignal {
            as_of,
            window_days,
            missed: s.missed,
            late: s.late,
            longest_missed_run: longest,
            flagged: s.missed >= self.missed_doses_flag,
            pathway: Source::new("FSB-2007", "recurrence pathway 1: non-adherence to medication", Evidence::Verified),
        })
    }
}
