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
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
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
    /// An HRSD-17 result: the total (0–52) and, when rated, item 3 ("suicide", 0–4), whose
    /// answer at or above the plan's `hrsd_item3_crisis` threshold is a safety signal.
    Hrsd {
        /// Total score 0–52.
        total: u8,
        /// Item 3 ("suicide"): 0 absent, 1 feels life is not worth living, 2 wishes to be dead,
        /// 3 suicidal ideas or gesture, 4 attempt.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        item3: Option<u8>,
    },
    /// The daily mood rating of the SRM form, −5 (very depressed) to +5 (very elated).
    DailyMood {
        /// The rating, −5..=5.
        mood: i8,
    },
    /// No diary entry or measure has been recorded for this many days (the app counts them).
    NoRecentEntries {
        /// Days without a diary entry or measure, at least 1.
        days: u16,
    },
    /// A clinician acknowledged the alert: who, and what was done. Its date (and `at`) is
    /// when. It resolves the safety signals and crisis signs dated on or before it and lets the
    /// level fall at once to what the rest of the evidence asks for.
    Acknowledged {
        /// Who acknowledged (name or role of the clinician).
        by: String,
        /// What was done (for example "safety plan reviewed by phone; C-SSRS screen negative").
        action: String,
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
            Observed::DailyMood { .. } => "daily_mood",
            Observed::NoRecentEntries { .. } => "no_recent_entries",
            Observed::Acknowledged { .. } => "acknowledged",
        }
    }

    /// The item-level safety answers this observation carries (PHQ-9 item 9, HRSD-17 item 3),
    /// as raw answers. Whether an answer raises the safety signal is the plan's rule
    /// ([`SafetyItem::threshold`]).
    pub fn safety_answers(&self) -> Vec<(SafetyItem, u8)> {
        match self {
            Observed::Phq9 { item9: Some(i), .. } => vec![(SafetyItem::Phq9Item9, *i)],
            Observed::Hrsd { item3: Some(i), .. } => vec![(SafetyItem::HrsdItem3, *i)],
            _ => Vec::new(),
        }
    }
}

/// An item of an instrument that asks about suicidal thoughts or self-harm. Such an item is
/// checked on every observation, whatever the total, the remission state or the arrival order.
///
/// This is the place for further instruments' safety items (EPDS item 10, the PHQ-9 modified
/// for teens, C-SSRS results): add a variant, its threshold in
/// [`AlertThresholds`](super::AlertThresholds) and the observation field that carries it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum SafetyItem {
    /// PHQ-9 item 9 (thoughts of being better off dead or of self-harm), 0–3.
    Phq9Item9,
    /// HRSD-17 item 3 ("suicide"), 0–4.
    HrsdItem3,
}

impl SafetyItem {
    /// The item's name in words.
    pub fn label(self) -> &'static str {
        match self {
            SafetyItem::Phq9Item9 => "PHQ-9 item 9",
            SafetyItem::HrsdItem3 => "HRSD-17 item 3",
        }
    }

    /// The answer at or above which the item raises the safety signal (Crisis), with its source.
    pub fn threshold(self, thresholds: &super::AlertThresholds) -> crate::source::Cited<u8> {
        match self {
            SafetyItem::Phq9Item9 => super::alert::item9_rule(),
            SafetyItem::HrsdItem3 => thresholds.hrsd_item3_crisis.clone(),
        }
    }
}

/// One dated observation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Observation {
    /// The day the observation belongs to (its clinical date). Observations may arrive in any
    /// order: the machine keeps its timeline in date order.
    pub date: NaiveDate,
    /// The moment, when known (orders observations of the same day).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at: Option<ZonedDateTime>,
    /// When the observation reached the app or server, if the caller knows (for example a
    /// phone's sync time). Recorded with late entries; never used to order the timeline.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub received_at: Option<ZonedDateTime>,
    /// What was observed.
    pub observed: Observed,
}

impl Observation {
    /// An observation on `date` with no time of day.
    pub fn new(date: NaiveDate, observed: Observed) -> Self {
        Observation { date, at: None, received_at: None, observed }
    }

    /// Sets when the observation was received.
    pub fn received(mut self, at: ZonedDateTime) -> Self {
        self.received_at = Some(at);
        self
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
            Observed::Hrsd { total, item3 } => {
                if *total > 52 {
                    return bad("hrsd.total", total.to_string(), "0–52");
                }
                if let Some(i) = item3 {
                    if *i > 4 {
                        return bad("hrsd.item3", i.to_string(), "0–4");
                    }
                    if i > total {
                        return bad("hrsd.item3", format!("{i} with total {total}"), "item 3 cannot exceed the total");
                    }
                }
            }
            Observed::DailyMood { mood } if !(-5..=5).contains(mood) => {
                return bad("daily_mood.mood", mood.to_string(), "−5 (very depressed) to +5 (very elated)");
            }
            Observed::NoRecentEntries { days: 0 } => {
                return bad("no_recent_entries.days", "0".into(), "at least 1 day without a diary entry or measure");
            }
            Observed::Acknowledged { by, action } => {
                if by.trim().is_empty() {
                    return bad(
                        "acknowledged.by",
                        format!("{by:?}"),
                        "the name or role of the clinician who acknowledged",
                    );
                }
                if action.trim().is_empty() {
                    return bad("acknowledged.action", format!("{action:?}"), "what was done, in words");
                }
            }
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
#[serde(deny_unknown_fields)]
pub struct ObservationLog {
    /// The observations, in the order they arrived (not necessarily date order).
    pub observations: Vec<Observation>,
}

impl Persist for ObservationLog {
    const SCHEMA: &'static str = "ipsrt.observation_log";
    /// Version 2 adds HRSD-17 item 3, daily mood, "no recent entries", acknowledgements and
    /// `received_at`; a version-1 reader would have dropped item 3 silently.
    const VERSION: u32 = 2;

    fn migrate(from: u32, data: serde_json::Value) -> Result<serde_json::Value, String> {
        match from {
            // Version 1 is a subset of version 2.
            1 => Ok(data),
            _ => Err(format!("no migration from version {from} is known")),
        }
    }

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
            Observed::Hrsd { total: 53, item3: None },
            Observed::Hrsd { total: 20, item3: Some(5) },
            Observed::Hrsd { total: 2, item3: Some(3) },
            Observed::DailyMood { mood: 6 },
            Observed::NoRecentEntries { days: 0 },
            Observed::Acknowledged { by: " ".into(), action: "called".into() },
            Observed::Acknowledged { by: "Dr A".into(), action: "".into() },
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

    #[test]
    fn unknown_fields_are_refused() {
        for bad in [
            r#"{"date":"2026-01-05","observed":{"type":"phq9","total":3,"item_9":1}}"#,
            r#"{"date":"2026-01-05","dat":"2026-01-04","observed":{"type":"check_in"}}"#,
        ] {
            let e = serde_json::from_str::<Observation>(bad).unwrap_err().to_string();
            assert!(e.contains("unknown field"), "{e}");
        }
        let old: Observation =
            serde_json::from_str(r#"{"date":"2026-01-05","observed":{"type":"hrsd","total":9}}"#).unwrap();
        assert_eq!(old.observed, Observed::Hrsd { total: 9, item3: None });
    }
}
