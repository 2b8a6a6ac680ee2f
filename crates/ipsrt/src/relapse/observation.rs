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
use crate::limits::{Excerpt, MAX_ID_BYTES, MAX_NAME_CHARS, MAX_NOTE_CHARS};
use crate::measures::safety::{SafetyItemDef, SafetyLevel, SafetyThreshold};
use crate::persist::Persist;
use crate::source::{Cited, Evidence, Source};
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
    /// An EPDS result: the total (0–30) and item 10 (thoughts of harming oneself, 0–3, the
    /// scored value). Either may be missing (an incomplete questionnaire), but not both. Item 10
    /// at or above its threshold is a safety signal.
    Epds {
        /// Total score 0–30, if the questionnaire could be scored.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        total: Option<u8>,
        /// Item 10 (thoughts of harming oneself), 0–3.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        item10: Option<u8>,
    },
    /// A PHQ-9 Modified for Teens result: the total of items 1–9 (0–27) and its suicide
    /// questions (item 9, 0–3; serious thoughts of ending one's life in the past month, yes/no;
    /// a suicide attempt ever, yes/no). At least one must be present; every answered suicide
    /// question at or above its threshold is a safety signal.
    Phq9m {
        /// Total of items 1–9, 0–27, if it could be scored.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        total: Option<u8>,
        /// Item 9 (thoughts of being better off dead or of self-harm), 0–3.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        item9: Option<u8>,
        /// "Serious thoughts about ending your life in the past month": yes or no.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        serious_thoughts: Option<bool>,
        /// "Ever tried to kill yourself or made a suicide attempt": yes or no.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        lifetime_attempt: Option<bool>,
    },
    /// A C-SSRS screener result entered by a clinician: the risk level 0 (no risk identified),
    /// 1 (low), 2 (moderate) or 3 (high).
    CssrsScreener {
        /// The risk level, 0–3.
        risk: u8,
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
    /// Occurrences of one scheduled task missed in a row (a completion of the task ends the
    /// run): the task id and how many, as the schedule reports them on the observation's
    /// date. A later observation of the same task replaces it; `count: 0` says the run has
    /// ended (the task was completed again).
    MissedOccurrences {
        /// The schedule task's id (`"srm"`, `"phq9"`, ...).
        task: String,
        /// Missed occurrences in a row, still going on the observation's date (0: the run ended).
        count: u16,
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
            Observed::Epds { .. } => "epds",
            Observed::Phq9m { .. } => "phq9m",
            Observed::CssrsScreener { .. } => "cssrs_screener",
            Observed::SrmWeek { .. } => "srm_week",
            Observed::SleepShift { .. } => "sleep_shift",
            Observed::WarningSign { .. } => "warning_sign",
            Observed::Trigger { .. } => "trigger",
            Observed::MissedMedication { .. } => "missed_medication",
            Observed::CheckIn => "check_in",
            Observed::DailyMood { .. } => "daily_mood",
            Observed::NoRecentEntries { .. } => "no_recent_entries",
            Observed::MissedOccurrences { .. } => "missed_occurrences",
            Observed::Acknowledged { .. } => "acknowledged",
        }
    }

    /// The item-level safety answers this observation carries (PHQ-9 item 9, HRSD-17 item 3,
    /// EPDS item 10, the PHQ-9 Modified for Teens suicide questions, the C-SSRS screener risk
    /// level), as raw answers (a yes/no question as 1/0). Unanswered items are left out.
    /// Whether an answer raises the safety signal is [`SafetyItem::threshold`].
    pub fn safety_answers(&self) -> Vec<(SafetyItem, u8)> {
        match self {
            Observed::Phq9 { item9: Some(i), .. } => vec![(SafetyItem::Phq9Item9, *i)],
            Observed::Hrsd { item3: Some(i), .. } => vec![(SafetyItem::HrsdItem3, *i)],
            Observed::Epds { item10: Some(i), .. } => vec![(SafetyItem::EpdsItem10, *i)],
            Observed::Phq9m { item9, serious_thoughts, lifetime_attempt, .. } => {
                let mut out = Vec::new();
                if let Some(i) = item9 {
                    out.push((SafetyItem::Phq9mItem9, *i));
                }
                if let Some(yes) = serious_thoughts {
                    out.push((SafetyItem::Phq9mSeriousThoughts, u8::from(*yes)));
                }
                if let Some(yes) = lifetime_attempt {
                    out.push((SafetyItem::Phq9mLifetimeAttempt, u8::from(*yes)));
                }
                out
            }
            Observed::CssrsScreener { risk } => vec![(SafetyItem::CssrsRisk, *risk)],
            _ => Vec::new(),
        }
    }
}

/// An item of an instrument that asks about suicidal thoughts or self-harm. Such an item is
/// checked on every observation, whatever the total, the remission state or the arrival order.
///
/// One rule, one place: the alert level an answer raises is derived from the instrument's
/// shipped safety rule ([`crate::measures::safety::SafetyItemDef`], the same thresholds that put
/// [`crate::measures::safety::SafetySignal`]s on a scored measure), see
/// [`SafetyItem::threshold`] and [`SafetyItem::check_threshold`]. PHQ-9 item 9 and HRSD-17 item 3
/// keep the thresholds stored plans carry ([`item9_rule`](super::item9_rule), the plan's
/// `hrsd_item3_crisis` / `hrsd_item3_check`); their defaults agree with that derivation, and a
/// plan's own values win for those two items.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum SafetyItem {
    /// PHQ-9 item 9 (thoughts of being better off dead or of self-harm), 0–3.
    Phq9Item9,
    /// HRSD-17 item 3 ("suicide"), 0–4.
    HrsdItem3,
    /// EPDS item 10 (thoughts of harming oneself), 0–3.
    EpdsItem10,
    /// PHQ-9 Modified for Teens item 9, 0–3.
    Phq9mItem9,
    /// PHQ-9 Modified for Teens: serious thoughts of ending one's life in the past month (1 yes).
    Phq9mSeriousThoughts,
    /// PHQ-9 Modified for Teens: a suicide attempt ever (1 yes).
    Phq9mLifetimeAttempt,
    /// The C-SSRS screener risk level entered by a clinician, 0–3.
    CssrsRisk,
}

impl SafetyItem {
    /// Every safety item the alert machine reads.
    pub const ALL: [SafetyItem; 7] = [
        SafetyItem::Phq9Item9,
        SafetyItem::HrsdItem3,
        SafetyItem::EpdsItem10,
        SafetyItem::Phq9mItem9,
        SafetyItem::Phq9mSeriousThoughts,
        SafetyItem::Phq9mLifetimeAttempt,
        SafetyItem::CssrsRisk,
    ];

    /// The item's name in words.
    pub fn label(self) -> &'static str {
        match self {
            SafetyItem::Phq9Item9 => "PHQ-9 item 9",
            SafetyItem::HrsdItem3 => "HRSD-17 item 3",
            SafetyItem::EpdsItem10 => "EPDS item 10",
            SafetyItem::Phq9mItem9 => "PHQ-9 Modified for Teens item 9",
            SafetyItem::Phq9mSeriousThoughts => "PHQ-9 Modified for Teens serious thoughts of ending life (past month)",
            SafetyItem::Phq9mLifetimeAttempt => "PHQ-9 Modified for Teens suicide attempt (lifetime)",
            SafetyItem::CssrsRisk => "C-SSRS screener risk level",
        }
    }

    /// The alert rule a signal of this item is reported under.
    pub fn rule(self) -> super::Rule {
        match self {
            SafetyItem::Phq9Item9 => super::Rule::Phq9Item9,
            SafetyItem::HrsdItem3 => super::Rule::HrsdItem3,
            SafetyItem::EpdsItem10 => super::Rule::EpdsItem10,
            SafetyItem::Phq9mItem9 | SafetyItem::Phq9mSeriousThoughts | SafetyItem::Phq9mLifetimeAttempt => {
                super::Rule::Phq9mSuicide
            }
            SafetyItem::CssrsRisk => super::Rule::CssrsRisk,
        }
    }

    /// The shipped safety rule of the instrument for this item (the thresholds scored measures
    /// use).
    pub fn builtin_rule(self) -> Option<&'static SafetyItemDef> {
        use crate::measures::{InstrumentId, builtin, cssrs, epds, phq9m};
        let (instrument, id) = match self {
            SafetyItem::Phq9Item9 => (InstrumentId::Phq9, None),
            SafetyItem::HrsdItem3 => (InstrumentId::Hrsd17, None),
            SafetyItem::EpdsItem10 => (InstrumentId::Epds, Some(epds::ITEM10_SAFETY)),
            SafetyItem::Phq9mItem9 => (InstrumentId::Phq9m, Some(phq9m::ITEM9_SAFETY)),
            SafetyItem::Phq9mSeriousThoughts => (InstrumentId::Phq9m, Some(phq9m::SERIOUS_THOUGHTS_SAFETY)),
            SafetyItem::Phq9mLifetimeAttempt => (InstrumentId::Phq9m, Some(phq9m::LIFETIME_ATTEMPT_SAFETY)),
            SafetyItem::CssrsRisk => (InstrumentId::CssrsScreener, Some(cssrs::RISK_SAFETY)),
        };
        let rules = &builtin(instrument).safety;
        match id {
            Some(id) => rules.iter().find(|r| r.id == id),
            // PHQ-9 and HRSD-17 each have exactly one safety item.
            None => rules.first(),
        }
    }

    /// The answer at or above which the item raises the safety signal (Crisis, in force until a
    /// clinician acknowledges it), with its source.
    ///
    /// PHQ-9 item 9: [`item9_rule`](super::item9_rule); HRSD-17 item 3: the plan's
    /// `hrsd_item3_crisis`. Every other item: derived from [`SafetyItem::builtin_rule`] — the
    /// lowest threshold at the item's highest level (an item that asks for a safety check at
    /// most, like PHQ-9 item 9, raises Crisis at its safety-check threshold; an item graded up to
    /// crisis raises Crisis at its crisis threshold).
    pub fn threshold(self, thresholds: &super::AlertThresholds) -> Cited<u8> {
        match self {
            SafetyItem::Phq9Item9 => super::alert::item9_rule(),
            SafetyItem::HrsdItem3 => thresholds.hrsd_item3_crisis.clone(),
            _ => self.builtin_rule().and_then(|r| derived(r).0).unwrap_or_else(missing_rule),
        }
    }

    /// The answer at or above which (and below [`SafetyItem::threshold`]) the item asks for a
    /// same-day safety check (Breaking down), when it has such a grade: HRSD-17 item 3 (the
    /// plan's `hrsd_item3_check`) and, derived from the shipped rule, an item graded up to
    /// crisis whose next lower threshold is a safety check (the C-SSRS screener's moderate
    /// risk). Notice thresholds raise no alert level (they stay on the scored measure).
    pub fn check_threshold(self, thresholds: &super::AlertThresholds) -> Option<Cited<u8>> {
        match self {
            SafetyItem::Phq9Item9 => None,
            SafetyItem::HrsdItem3 => Some(thresholds.hrsd_item3_check.clone()),
            _ => self.builtin_rule().and_then(|r| derived(r).1),
        }
    }
}

/// The (crisis, same-day check) thresholds an alert derives from a shipped safety rule.
fn derived(rule: &SafetyItemDef) -> (Option<Cited<u8>>, Option<Cited<u8>>) {
    let cited = |t: &SafetyThreshold| u8::try_from(t.at_least).ok().map(|v| Cited::new(v, t.source.clone()));
    let Some(top) = rule.thresholds.iter().map(|t| t.level).max() else { return (None, None) };
    let crisis = rule.thresholds.iter().find(|t| t.level == top).and_then(cited);
    let check = if top == SafetyLevel::Crisis {
        rule.thresholds.iter().rev().find(|t| t.level == SafetyLevel::SafetyCheck).and_then(cited)
    } else {
        None
    };
    (crisis, check)
}

/// Never reached with the shipped definitions; if a rule were missing, the lowest possible
/// positive answer raises the signal (never silently lower).
fn missing_rule() -> Cited<u8> {
    Cited::new(
        1,
        Source::new(
            "ipsrt-design",
            "no shipped safety rule found: any positive answer raises the signal",
            Evidence::Design,
        ),
    )
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
            Observed::Epds { total, item10 } => {
                if total.is_none() && item10.is_none() {
                    return bad("epds", "no total and no item 10".into(), "a total 0–30 and/or item 10 answered 0–3");
                }
                if let Some(t) = total
                    && *t > 30
                {
                    return bad("epds.total", t.to_string(), "0–30");
                }
                if let Some(i) = item10 {
                    if *i > 3 {
                        return bad("epds.item10", i.to_string(), "0–3 (the scored value)");
                    }
                    if let Some(t) = total
                        && i > t
                    {
                        return bad("epds.item10", format!("{i} with total {t}"), "item 10 cannot exceed the total");
                    }
                }
            }
            Observed::Phq9m { total, item9, serious_thoughts, lifetime_attempt } => {
                if total.is_none() && item9.is_none() && serious_thoughts.is_none() && lifetime_attempt.is_none() {
                    return bad(
                        "phq9m",
                        "no total and no suicide question".into(),
                        "a total 0–27 and/or item 9 (0–3), serious_thoughts or lifetime_attempt (true/false)",
                    );
                }
                if let Some(t) = total
                    && *t > 27
                {
                    return bad("phq9m.total", t.to_string(), "0–27");
                }
                if let Some(i) = item9 {
                    if *i > 3 {
                        return bad("phq9m.item9", i.to_string(), "0–3");
                    }
                    if let Some(t) = total
                        && i > t
                    {
                        return bad("phq9m.item9", format!("{i} with total {t}"), "item 9 cannot exceed the total");
                    }
                }
            }
            Observed::CssrsScreener { risk } if *risk > 3 => {
                return bad(
                    "cssrs_screener.risk",
                    risk.to_string(),
                    "0 (no risk identified), 1 (low), 2 (moderate) or 3 (high)",
                );
            }
            Observed::DailyMood { mood } if !(-5..=5).contains(mood) => {
                return bad("daily_mood.mood", mood.to_string(), "−5 (very depressed) to +5 (very elated)");
            }
            Observed::NoRecentEntries { days: 0 } => {
                return bad("no_recent_entries.days", "0".into(), "at least 1 day without a diary entry or measure");
            }
            Observed::MissedOccurrences { task, .. } if task.trim().is_empty() || task.len() > MAX_ID_BYTES => {
                return bad(
                    "missed_occurrences.task",
                    Excerpt::new(task).to_string(),
                    "the schedule task's id: not empty, at most 200 bytes",
                );
            }
            Observed::Acknowledged { by, action } => {
                if by.chars().nth(MAX_NAME_CHARS).is_some() {
                    return bad(
                        "acknowledged.by",
                        Excerpt::new(by).to_string(),
                        "the clinician's name or role, at most 200 characters",
                    );
                }
                if action.chars().nth(MAX_NOTE_CHARS).is_some() {
                    return bad("acknowledged.action", Excerpt::new(action).to_string(), "at most 2000 characters");
                }
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
            Observed::WarningSign { sign } if sign.len() > MAX_ID_BYTES => {
                return bad(
                    "warning_sign.sign",
                    Excerpt::new(sign).to_string(),
                    "a warning-sign id of at most 200 bytes",
                );
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
    /// `received_at`; a version-1 reader would have dropped item 3 silently. The EPDS,
    /// PHQ-9 Modified for Teens and C-SSRS screener observations are new variants within
    /// version 2: a reader without them refuses the unknown `type` (never misreads it), so they
    /// need no version of their own.
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
    fn long_texts_are_refused_with_a_short_message() {
        let huge = "x".repeat(10_000_000);
        for observed in [
            Observed::WarningSign { sign: huge.clone() },
            Observed::Acknowledged { by: huge.clone(), action: "called".into() },
            Observed::Acknowledged { by: "dr. a".into(), action: huge.clone() },
        ] {
            let msg = Observation::new(d("2026-01-05"), observed).validate().unwrap_err().to_string();
            assert!(msg.contains("(10000000 bytes)") && msg.len() < 400, "{msg}");
        }
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
            Observed::Epds { total: None, item10: None },
            Observed::Epds { total: Some(31), item10: None },
            Observed::Epds { total: Some(9), item10: Some(4) },
            Observed::Epds { total: Some(1), item10: Some(2) },
            Observed::Phq9m { total: None, item9: None, serious_thoughts: None, lifetime_attempt: None },
            Observed::Phq9m { total: Some(28), item9: None, serious_thoughts: None, lifetime_attempt: None },
            Observed::Phq9m { total: Some(9), item9: Some(4), serious_thoughts: None, lifetime_attempt: None },
            Observed::CssrsScreener { risk: 4 },
            Observed::DailyMood { mood: 6 },
            Observed::NoRecentEntries { days: 0 },
            Observed::MissedOccurrences { task: " ".into(), count: 3 },
            Observed::MissedOccurrences { task: "t".repeat(201), count: 3 },
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
    fn new_instruments_carry_their_safety_answers() {
        let t = crate::relapse::AlertThresholds::default();
        let teen =
            Observed::Phq9m { total: Some(4), item9: Some(0), serious_thoughts: Some(true), lifetime_attempt: None };
        assert_eq!(teen.safety_answers(), vec![(SafetyItem::Phq9mItem9, 0), (SafetyItem::Phq9mSeriousThoughts, 1)]);
        assert_eq!(
            Observed::Epds { total: Some(3), item10: Some(1) }.safety_answers(),
            vec![(SafetyItem::EpdsItem10, 1)]
        );
        // Derived from the shipped rules: single-grade items at 1; the C-SSRS crisis at high risk,
        // a same-day check at moderate, nothing at low.
        for item in [
            SafetyItem::EpdsItem10,
            SafetyItem::Phq9mItem9,
            SafetyItem::Phq9mSeriousThoughts,
            SafetyItem::Phq9mLifetimeAttempt,
        ] {
            assert_eq!(item.threshold(&t).value, 1, "{item:?}");
            assert_eq!(item.check_threshold(&t), None, "{item:?}");
        }
        assert_eq!(SafetyItem::CssrsRisk.threshold(&t).value, 3);
        assert_eq!(SafetyItem::CssrsRisk.check_threshold(&t).map(|c| c.value), Some(2));
    }

    #[test]
    fn plan_thresholds_agree_with_the_shipped_rules() {
        // PHQ-9 item 9 and HRSD-17 item 3 keep the thresholds plans carry; their defaults must be
        // what the shipped definitions derive.
        let t = crate::relapse::AlertThresholds::default();
        for item in [SafetyItem::Phq9Item9, SafetyItem::HrsdItem3] {
            let (crisis, check) = derived(item.builtin_rule().unwrap());
            assert_eq!(crisis.map(|c| c.value), Some(item.threshold(&t).value), "{item:?}");
            assert_eq!(check.map(|c| c.value), item.check_threshold(&t).map(|c| c.value), "{item:?}");
        }
        for item in SafetyItem::ALL {
            assert!(item.builtin_rule().is_some(), "{item:?}");
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
