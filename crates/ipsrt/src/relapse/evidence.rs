//! The machine's memory of recent observations, and the rules that turn it into findings
//! (one [`Reason`] per rule that fires, each asking for a level).
//!
//! How long evidence counts:
//! * scores (PHQ-9, HRSD, ASRM, YMRS, weekly SRM) stay in force until a newer result of the same
//!   measure replaces them: only a new measurement can show improvement;
//! * events (signs, triggers, sleep shifts, missed doses) count for a window of days set in the
//!   plan's thresholds.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::alert::AlertLevel;
use super::observation::{Observation, Observed, SleepAnchor};
use super::plan::{Pole, RelapsePlan, SignStage};
use super::transition::{Reason, Rule};
use crate::life_event::LifeEventKind;
use crate::source::Cited;

/// A value with the date it was observed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct Dated<T> {
    pub(crate) date: NaiveDate,
    pub(crate) value: T,
}

/// A weekly SRM score.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct SrmSeen {
    pub(crate) date: NaiveDate,
    pub(crate) week_start: NaiveDate,
    pub(crate) score: f64,
}

/// A sleep shift.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct SleepSeen {
    pub(crate) date: NaiveDate,
    pub(crate) anchor: SleepAnchor,
    pub(crate) minutes: i16,
}

/// The most results kept per measure (bounds memory whatever the thresholds say).
const KEEP_MAX: usize = 64;

/// The most events (signs, triggers, sleep shifts, missed doses) kept per kind inside their
/// window; beyond it the oldest are forgotten. Bounds memory on hostile input (thousands of
/// events in one week); no realistic log comes near it.
pub(crate) const EVENTS_MAX: usize = 1024;

/// Recent evidence.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub(crate) struct EvidenceStore {
    #[serde(default)]
    pub(crate) phq9_first_total: Option<u8>,
    #[serde(default)]
    pub(crate) phq9_total: Option<Dated<u8>>,
    #[serde(default)]
    pub(crate) phq9_item9: Option<Dated<u8>>,
    #[serde(default)]
    pub(crate) hrsd: Option<Dated<u8>>,
    #[serde(default)]
    pub(crate) ymrs: Option<Dated<u8>>,
    #[serde(default)]
    pub(crate) asrm: Vec<Dated<u8>>,
    #[serde(default)]
    pub(crate) srm: Vec<SrmSeen>,
    #[serde(default)]
    pub(crate) sleep: Vec<SleepSeen>,
    #[serde(default)]
    pub(crate) signs: Vec<Dated<String>>,
    #[serde(default)]
    pub(crate) triggers: Vec<Dated<LifeEventKind>>,
    #[serde(default)]
    pub(crate) missed: Vec<Dated<u16>>,
}

fn within(date: NaiveDate, today: NaiveDate, days: u16) -> bool {
    let age = (today - date).num_days();
    (0..i64::from(days)).contains(&age)
}

fn cap<T>(v: &mut Vec<T>) {
    if v.len() > EVENTS_MAX {
        v.drain(..v.len() - EVENTS_MAX);
    }
}

fn keep_last<T>(v: &mut Vec<T>, n: usize) {
    let n = n.min(KEEP_MAX);
    if v.len() > n {
        v.drain(..v.len() - n);
    }
}

impl EvidenceStore {
    /// Records an (already validated) observation and forgets what no rule can use any more.
    pub(crate) fn record(&mut self, obs: &Observation, plan: &RelapsePlan) {
        let t = &plan.alerts.thresholds;
        let date = obs.date;
        match &obs.observed {
            Observed::Phq9 { total, item9 } => {
                if let Some(total) = total {
                    if self.phq9_first_total.is_none() {
                        self.phq9_first_total = Some(*total);
                    }
                    self.phq9_total = Some(Dated { date, value: *total });
                }
                // An unanswered item 9 does not clear an earlier positive answer.
                if let Some(i) = item9 {
                    self.phq9_item9 = Some(Dated { date, value: *i });
                }
            }
            Observed::Hrsd { total } => self.hrsd = Some(Dated { date, value: *total }),
            Observed::Ymrs { total } => self.ymrs = Some(Dated { date, value: *total }),
            Observed::Asrm { total } => {
                self.asrm.push(Dated { date, value: *total });
                keep_last(&mut self.asrm, usize::from(t.asrm_rising_results.value) + 1);
            }
            Observed::SrmWeek { week_start, score } => {
                let seen = SrmSeen { date, week_start: *week_start, score: *score };
                match self.srm.binary_search_by(|s| s.week_start.cmp(week_start)) {
                    Ok(i) => {
                        if let Some(slot) = self.srm.get_mut(i) {
                            *slot = seen;
                        }
                    }
                    Err(i) => self.srm.insert(i, seen),
                }
                keep_last(&mut self.srm, usize::from(t.srm_baseline_weeks.value) + 1);
            }
            Observed::SleepShift { anchor, minutes } => {
                self.sleep.push(SleepSeen { date, anchor: *anchor, minutes: *minutes })
            }
            Observed::WarningSign { sign } => self.signs.push(Dated { date, value: sign.clone() }),
            Observed::Trigger { kind, .. } => self.triggers.push(Dated { date, value: *kind }),
            Observed::MissedMedication { doses, .. } => self.missed.push(Dated { date, value: *doses }),
            Observed::CheckIn => {}
        }
        self.sleep.retain(|s| within(s.date, date, t.sleep_window_days.value));
        self.signs.retain(|s| within(s.date, date, t.sign_window_days.value));
        self.triggers.retain(|s| within(s.date, date, t.trigger_watch_days.value));
        self.missed.retain(|s| within(s.date, date, t.missed_medication_days.value));
        cap(&mut self.sleep);
        cap(&mut self.signs);
        cap(&mut self.triggers);
        cap(&mut self.missed);
    }

    /// Every rule that fires now (after the latest [`EvidenceStore::record`]), each as a reason with the level it asks for.
    pub(crate) fn findings(&self, plan: &RelapsePlan) -> Vec<Reason> {
        let t = &plan.alerts.thresholds;
        let mut out = Vec::new();
        let reason = |rule: Rule, level: AlertLevel, observed: String, threshold: String, c_source, on| Reason {
            rule,
            level,
            observed,
            threshold,
            source: c_source,
            observed_on: on,
            pole: None,
            sign: None,
            trigger: None,
        };
        let ge = |c: &Cited<u8>| format!("≥ {}", c.value);

        // PHQ-9.
        if let Some(i9) = &self.phq9_item9
            && i9.value >= 1
        {
            out.push(Reason {
                pole: Some(Pole::Depressive),
                ..reason(
                    Rule::Phq9Item9,
                    AlertLevel::Crisis,
                    format!("PHQ-9 item 9 answered {} on {}", i9.value, i9.date),
                    "≥ 1, whatever the total".into(),
                    super::alert::item9_rule().source,
                    i9.date,
                )
            });
        }
        if let Some(p) = &self.phq9_total {
            let level_cut = if p.value >= t.phq9_breaking_down.value {
                Some((AlertLevel::BreakingDown, &t.phq9_breaking_down))
            } else if p.value >= t.phq9_early_warning.value {
                Some((AlertLevel::EarlyWarning, &t.phq9_early_warning))
            } else {
                None
            };
            if let Some((level, cut)) = level_cut {
                out.push(Reason {
                    pole: Some(Pole::Depressive),
                    ..reason(
                        Rule::Phq9Total,
                        level,
                        format!("PHQ-9 total {} on {}", p.value, p.date),
                        ge(cut),
                        cut.source.clone(),
                        p.date,
                    )
                });
            }
            let baseline = plan.alerts.phq9_baseline.or(self.phq9_first_total);
            if let Some(b) = baseline
                && p.value >= b.saturating_add(t.phq9_rise_watch.value)
            {
                let which = if plan.alerts.phq9_baseline.is_some() { "the plan's baseline" } else { "the first PHQ-9" };
                out.push(Reason {
                    pole: Some(Pole::Depressive),
                    ..reason(
                        Rule::Phq9Rise,
                        AlertLevel::Watch,
                        format!("PHQ-9 total {} on {}, {} points above {which} ({b})", p.value, p.date, p.value - b),
                        format!("rise ≥ {}", t.phq9_rise_watch.value),
                        t.phq9_rise_watch.source.clone(),
                        p.date,
                    )
                });
            }
        }
        // HRSD-17.
        if let Some(h) = &self.hrsd {
            let cut = if h.value >= t.hrsd_breaking_down.value {
                Some((AlertLevel::BreakingDown, &t.hrsd_breaking_down))
            } else if h.value >= t.hrsd_early_warning.value {
                Some((AlertLevel::EarlyWarning, &t.hrsd_early_warning))
            } else if h.value >= t.hrsd_watch.value {
                Some((AlertLevel::Watch, &t.hrsd_watch))
            } else {
                None
            };
            if let Some((level, cut)) = cut {
                out.push(Reason {
                    pole: Some(Pole::Depressive),
                    ..reason(
                        Rule::HrsdTotal,
                        level,
                        format!("HRSD-17 total {} on {}", h.value, h.date),
                        ge(cut),
                        cut.source.clone(),
                        h.date,
                    )
                });
            }
        }
        // ASRM.
        if let Some(last) = self.asrm.last()
            && last.value >= t.asrm_early_warning.value
        {
            out.push(Reason {
                pole: Some(Pole::Manic),
                ..reason(
                    Rule::AsrmTotal,
                    AlertLevel::EarlyWarning,
                    format!("ASRM total {} on {}", last.value, last.date),
                    ge(&t.asrm_early_warning),
                    t.asrm_early_warning.source.clone(),
                    last.date,
                )
            });
            let rises = usize::from(t.asrm_rising_results.value);
            if self.asrm.len() > rises {
                let tail = self.asrm.get(self.asrm.len() - rises - 1..).unwrap_or(&[]);
                if tail.len() == rises + 1 && tail.windows(2).all(|w| matches!(w, [a, b] if b.value > a.value)) {
                    let values: Vec<String> = tail.iter().map(|d| format!("{} ({})", d.value, d.date)).collect();
                    out.push(Reason {
                        pole: Some(Pole::Manic),
                        ..reason(
                            Rule::AsrmRising,
                            AlertLevel::BreakingDown,
                            format!("ASRM rising: {}", values.join(" → ")),
                            format!("{rises} rises in a row ending {}", ge(&t.asrm_early_warning)),
                            t.asrm_rising_results.source.clone(),
                            last.date,
                        )
                    });
                }
            }
        }
        // YMRS.
        if let Some(y) = &self.ymrs {
            let cut = if y.value >= t.ymrs_breaking_down.value {
                Some((AlertLevel::BreakingDown, &t.ymrs_breaking_down))
            } else if y.value >= t.ymrs_early_warning.value {
                Some((AlertLevel::EarlyWarning, &t.ymrs_early_warning))
            } else {
                None
            };
            if let Some((level, cut)) = cut {
                out.push(Reason {
                    pole: Some(Pole::Manic),
                    ..reason(
                        Rule::YmrsTotal,
                        level,
                        format!("YMRS total {} on {}", y.value, y.date),
                        ge(cut),
                        cut.source.clone(),
                        y.date,
                    )
                });
            }
        }
        // SRM drop: the latest week versus the mean of the weeks before it.
        if let Some((latest, earlier)) = self.srm.split_last() {
            let n = usize::from(t.srm_baseline_weeks.value);
            let base = earlier.get(earlier.len().saturating_sub(n)..).unwrap_or(&[]);
            if !base.is_empty() && base.len() >= usize::from(t.srm_min_baseline_weeks.value) {
                let mean = base.iter().map(|s| s.score).sum::<f64>() / base.len() as f64;
                let drop = mean - latest.score;
                // A small tolerance so that a drop of exactly the threshold counts despite rounding.
                if drop + 1e-9 >= t.srm_drop_watch.value {
                    out.push(reason(
                        Rule::SrmDrop,
                        AlertLevel::Watch,
                        format!(
                            "SRM {:.2} for the week of {}, {:.2} below the mean {:.2} of the {} weeks before",
                            latest.score,
                            latest.week_start,
                            drop,
                            mean,
                            base.len()
                        ),
                        format!("drop ≥ {}", t.srm_drop_watch.value),
                        t.srm_drop_watch.source.clone(),
                        latest.date,
                    ));
                }
            }
        }
        // Sleep shifts.
        let mut nights: Vec<NaiveDate> = self
            .sleep
            .iter()
            .filter(|s| s.minutes.unsigned_abs() >= t.sleep_shift_minutes.value)
            .map(|s| s.date)
            .collect();
        nights.sort();
        nights.dedup();
        if let Some(last) = nights.last()
            && nights.len() >= usize::from(t.sleep_shift_nights.value)
        {
            out.push(reason(
                Rule::SleepShift,
                AlertLevel::Watch,
                format!(
                    "sleep shifted ≥ {} min on {} nights, last on {last}",
                    t.sleep_shift_minutes.value,
                    nights.len()
                ),
                format!(
                    "≥ {} min on ≥ {} nights within {} days",
                    t.sleep_shift_minutes.value, t.sleep_shift_nights.value, t.sleep_window_days.value
                ),
                t.sleep_shift_minutes.source.clone(),
                *last,
            ));
        }
        // Warning signs.
        let mut early: Vec<(&str, NaiveDate, Pole)> = Vec::new();
        for s in &self.signs {
            let Some((sign, stage)) = plan.find_sign(&s.value) else { continue };
            let (rule, level) = match stage {
                SignStage::Crisis => (Rule::CrisisSign, AlertLevel::Crisis),
                SignStage::BreakingDown => (Rule::BreakingDownSign, AlertLevel::BreakingDown),
                SignStage::EarlyWarning => {
                    early.push((sign.id.as_str(), s.date, sign.pole));
                    continue;
                }
            };
            if out.iter().any(|r: &Reason| r.sign.as_deref() == Some(sign.id.as_str())) {
                continue;
            }
            out.push(Reason {
                pole: Some(sign.pole),
                sign: Some(sign.id.clone()),
                ..reason(
                    rule,
                    level,
                    format!("sign {:?} ({}) logged on {}", sign.id, sign.description, s.date),
                    format!("any {} sign within {} days", stage_name(stage), t.sign_window_days.value),
                    crate::source::Source::new(
                        "COPELAND-1997",
                        match stage {
                            SignStage::Crisis => "crisis plan part 2: symptoms that mean others should take over",
                            _ => "when things are breaking down",
                        },
                        crate::source::Evidence::Verified,
                    ),
                    s.date,
                )
            });
        }
        if !early.is_empty() {
            let mut ids: Vec<&str> = early.iter().map(|e| e.0).collect();
            ids.sort_unstable();
            ids.dedup();
            let mut days: Vec<NaiveDate> = early.iter().map(|e| e.1).collect();
            days.sort_unstable();
            days.dedup();
            let several = ids.len() >= usize::from(t.early_warning_min_signs.value)
                && days.len() >= usize::from(t.early_warning_min_days.value);
            let (rule, level, threshold, source) = if several {
                (
                    Rule::EarlyWarningSigns,
                    AlertLevel::EarlyWarning,
                    format!(
                        "≥ {} signs on ≥ {} days within {} days",
                        t.early_warning_min_signs.value, t.early_warning_min_days.value, t.sign_window_days.value
                    ),
                    t.early_warning_min_signs.source.clone(),
                )
            } else {
                (
                    Rule::EarlyWarningSign,
                    AlertLevel::Watch,
                    format!("any early warning sign within {} days", t.sign_window_days.value),
                    t.sign_window_days.source.clone(),
                )
            };
            for id in ids {
                let Some(last) = early.iter().filter(|e| e.0 == id).max_by_key(|e| e.1) else { continue };
                let days_of: usize =
                    early.iter().filter(|e| e.0 == id).map(|e| e.1).collect::<std::collections::BTreeSet<_>>().len();
                out.push(Reason {
                    pole: Some(last.2),
                    sign: Some(id.to_string()),
                    ..reason(
                        rule,
                        level,
                        format!("early warning sign {id:?} logged on {days_of} day(s), last on {}", last.1),
                        threshold.clone(),
                        source.clone(),
                        last.1,
                    )
                });
            }
        }
        // Triggers.
        for tr in &self.triggers {
            if out.iter().any(|r: &Reason| r.trigger == Some(tr.value)) {
                continue;
            }
            let last = self.triggers.iter().filter(|x| x.value == tr.value).map(|x| x.date).max().unwrap_or(tr.date);
            out.push(Reason {
                trigger: Some(tr.value),
                ..reason(
                    Rule::Trigger,
                    AlertLevel::Watch,
                    format!("trigger {} on {last}", kind_name(tr.value)),
                    format!("any trigger within {} days", t.trigger_watch_days.value),
                    t.trigger_watch_days.source.clone(),
                    last,
                )
            });
        }
        // Missed medication, alone or with symptoms.
        if let Some(last) = self.missed.iter().map(|m| m.date).max() {
            let doses: u32 = self.missed.iter().map(|m| u32::from(m.value)).sum();
            let symptoms = out.iter().any(|r| {
                r.level >= AlertLevel::EarlyWarning
                    && !matches!(r.rule, Rule::Trigger | Rule::SleepShift | Rule::SrmDrop)
            });
            let (rule, level, threshold) = if symptoms {
                (
                    Rule::MissedMedicationWithSymptoms,
                    AlertLevel::BreakingDown,
                    "missed medication plus symptoms at early-warning level or above (docs/relapse.md#alert-levels)"
                        .to_string(),
                )
            } else {
                (
                    Rule::MissedMedication,
                    AlertLevel::Watch,
                    format!("any missed dose within {} days", t.missed_medication_days.value),
                )
            };
            out.push(reason(
                rule,
                level,
                format!("{doses} missed dose(s) within {} days, last on {last}", t.missed_medication_days.value),
                threshold,
                t.missed_medication_days.source.clone(),
                last,
            ));
        }
        out
    }
}

fn stage_name(s: SignStage) -> &'static str {
    match s {
        SignStage::EarlyWarning => "early-warning",
        SignStage::BreakingDown => "breaking-down",
        SignStage::Crisis => "crisis-plan",
    }
}

fn kind_name(k: LifeEventKind) -> String {
    serde_json::to_value(k).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_else(|| format!("{k:?}"))
}
