//! Observations: the dated facts that drive the alert machine.
//!
//! An observation holds plain values (a PHQ-9 total, an ASRM total, a weekly SRM score, a sleep
//! shift in minutes, the id of a warning sign from the plan, ...), so any scorer can feed the
//! machine. Observations are *raw*: the machine reads them and never changes them.
//!
//! ```
//! use ipsrt::relapse::{Observation, Observed};
//!
//! let json = r#"{"date":"2026-03-02","observed":{"type":"phq9","total":7,"item9":0}}"#;
//! let obs: Observation = serde_json::from_str(json)?;
//! assert_eq!(obs.observed, Observed::Phq9 { total: Some(7), item9: Some(0) });
//! obs.validate()?;
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::RelapseError;
use crate::life_event::LifeEventKind;
use crate::persist::Persist;
use crate::time::ZonedDateTime;

/// Which sleep anchor of the SRM a shift was measured on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SleepAnchor {
    /// Going to bed.
    Bedtime,
    /// Getting out of bed.
    OutOfBed,
}

/// What was observed. Values are raw scores or facts, never interpretations.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
#[non_exhaustive]
pub enum Observed {
    /// A PHQ-9 result: the total (0–27) and the answer to item 9 (0–3). Either may be missing
    /// (an incomplete questionnaire), but not both.
    Phq9 {
        /// Total score 0–27, if the questionnaire could be scored.
        total: Option<u8>,
        /// Item 9 ("thoughts that you would be better off dead or of hurting yourself"), 0–3.
        item9: Option<u8>,
    },
    /// An ASRM total (0–20).
    Asrm {
        /// Total score 0–20.
        total: u8,
    },
    /// A YMRS total (0–60).
    Ymrs {
        /// Total score 0–60.
        total: u8,
    },
    /// An HRSD-17 total (0–52).
    Hrsd {
        /// Total score 0–52.
        total: u8,
    },
    /// A weekly SRM score (0–7) for the week starting `week_start`.
    SrmWeek {
        /// First day of the diary week.
        week_start: NaiveDate,
        /// SRM score, 0 (least regular) to 7 (most regular).
        score: f64,
    },
    /// A night's shift of a sleep anchor versus the person's habitual time, in minutes
    /// (positive = later, negative = earlier), from the SRM bedtime/out-of-bed entries.
    SleepShift {
        /// Which anchor.
        anchor: SleepAnchor,
        /// Shift in minutes, −720..=720.
        minutes: i16,
    },
    /// The person (or a supporter) logged one of the plan's warning signs, by its id.
    WarningSign {
        /// The sign's id in the plan.
        sign: String,
    },
    /// A trigger happened: a life event or rhythm disruptor.
    Trigger {
        /// What kind of event.
        kind: LifeEventKind,
        /// Free text.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        note: Option<String>,
    },
    /// Doses of medication were missed.
    MissedMedication {
        /// How many doses (at least 1).
        doses: u16,
        /// Which medication, if known.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        medication: Option<String>,
    },
    /// Nothing new: the person checked in. Moves the machine's clock forward so that
    /// de-escalation can happen when nothing is observed.
    CheckIn,
}

impl Observed {
    /// The stable name of the variant (`"phq9"`, `"srm_week"`, ...), as in the JSON `type`.
    pub fn type_name(&self) -> &'static str {
        match self {
            Observed::Phq9 { .. } => "phq9",
            Observed::Asrm { .. } => "asrm",
            Observed::Ymrs { .. } => "ymrs",
            Observed::Hrsd { .. } => "hrsd",
            Observed::SrmWeek { .. } => "srm_week",
            Observed::SleepShift { .. } => "sleep_shift",
            Observed::WarningSign { .. } => "warning_sign",
            Observed::Trigger { .. } => "trigger",
            Observed::MissedMedication { .. } => "missed_medication",
            Observed::CheckIn => "check_in",
        }
    }
}

/// One dated observation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Observation {
    /// The day the observation belongs to. Observations must be fed in date order.
    pub date: NaiveDate,
    /// The moment, when known (breaks ties between observations of the same day).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at: Option<ZonedDateTime>,
    /// What was observed.
    pub observed: Observed,
}

impl Observation {
    /// An observation on `date` with no time of day.
    pub fn new(date: NaiveDate, observed: Observed) -> Self {
        Observation { date, at: None, observed }
    }

    /// Checks value ranges (it does not check sign ids against a plan; the machine does).
    ///
    /// # Errors
    /// [`RelapseError::InvalidObservation`] naming the field, its allowed range and the fix.
    pub fn validate(&self) -> Result<(), RelapseError> {
        let bad = |field: &'static str, value: String, allowed: &'static str| {
            Err(RelapseError::InvalidObservation { date: self.date, field, value, allowed })
        };
        match &self.observed {
            Observed::Phq9 { total, item9 } => {
                if total.is_none() && item9.is_none() {
                    return bad("phq9", "no total and no item 9".into(), "a total 0–27 and/or item 9 answered 0–3");
                }
                if let Some(t) = total
                    && *t > 27
                {
                    return bad("phq9.total", t.to_string(), "0–27");
                }
                if let Some(i) = item9
                    && *i > 3
                {
                    return bad("phq9.item9", i.to_string(), "0–3");
                }
                if let (Some(t), Some(i)) = (total, item9)
                    && i > t
                {
                    return bad("phq9.item9", format!("{i} with total {t}"), "item 9 cannot exceed the total");
                }
            }
            Observed::Asrm { total } if *total > 20 => return bad("asrm.total", total.to_string(), "0–20"),
            Observed::Ymrs { total } if *total > 60 => return bad("ymrs.total", total.to_string(), "0–60"),
            Observed::Hrsd { total } if *total > 52 => return bad("hrsd.total", total.to_string(), "0–52"),
            Observed::SrmWeek { week_start, score } => {
                if !score.is_finite() || !(0.0..=7.0).contains(score) {
                    return bad("srm_week.score", score.to_string(), "a number from 0 to 7");
                }
                if *week_start > self.date {
                    return bad(
                        "srm_week.week_start",
                        week_start.to_string(),
                        "a week that started on or before the observation date",
                    );
                }
            }
            Observed::SleepShift { minutes, .. } if !(-720..=720).contains(minutes) => {
                return bad("sleep_shift.minutes", minutes.to_string(), "−720 to 720 minutes");
            }
            Observed::WarningSign { sign } if sign.trim().is_empty() => {
                return bad("warning_sign.sign", format!("{sign:?}"), "the id of a warning sign in the plan");
            }
            Observed::MissedMedication { doses: 0, .. } => {
                return bad("missed_medication.doses", "0".into(), "at least 1 (log nothing when no dose was missed)");
            }
            _ => {}
        }
        Ok(())
    }
}

/// A list of observations, as stored or exchanged (for example the CLI's `OBSERVATIONS.json`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ObservationLog {
    /// The observations, in date order.
    pub observations: Vec<Observation>,
}

impl Persist for ObservationLog {
    const SCHEMA: &'static str = "ipsrt.observation_log";
    const VERSION: u32 = 1;

    fn validate_loaded(&self) -> Result<(), String> {
        for (i, o) in self.observations.iter().enumerate() {
            o.validate().map_err(|e| format!("observation {i}: {e}"))?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn ranges_are_checked() {
        let ok = Observation::new(d("2026-01-05"), Observed::Phq9 { total: Some(27), item9: Some(3) });
        assert!(ok.validate().is_ok());
        for bad in [
            Observed::Phq9 { total: None, item9: None },
            Observed::Phq9 { total: Some(28), item9: None },
            Observed::Phq9 { total: Some(2), item9: Some(3) },
            Observed::Asrm { total: 21 },
            Observed::Ymrs { total: 61 },
            Observed::Hrsd { total: 53 },
            Observed::SrmWeek { week_start: d("2026-01-01"), score: f64::NAN },
            Observed::SrmWeek { week_start: d("2026-01-01"), score: 7.5 },
            Observed::SrmWeek { week_start: d("2026-02-01"), score: 3.0 },
            Observed::SleepShift { anchor: SleepAnchor::Bedtime, minutes: 721 },
            Observed::WarningSign { sign: " ".into() },
            Observed::MissedMedication { doses: 0, medication: None },
        ] {
            let e = Observation::new(d("2026-01-05"), bad.clone()).validate().unwrap_err();
            assert_eq!(e.kind(), crate::ErrorKind::InvalidInput, "{bad:?}");
        }
    }

    #[test]
    fn serde_form() {
        let o =
            Observation::new(d("2026-01-05"), Observed::Trigger { kind: LifeEventKind::TimeZoneTravel, note: None });
        let json = serde_json::to_string(&o).unwrap();
        assert_eq!(json, r#"{"date":"2026-01-05","observed":{"type":"trigger","kind":"time_zone_travel"}}"#);
        assert_eq!(serde_json::from_str::<Observation>(&json).unwrap(), o);
        assert_eq!(o.observed.type_name(), "trigger");
    }
}
