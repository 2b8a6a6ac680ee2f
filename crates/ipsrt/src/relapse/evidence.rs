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
use super::observation::{Observation, Observed, SafetyItem, SleepAnchor};
use super::plan::{Pole, RelapsePlan, SignStage};
use super::transition::{Reason, Rule};
use crate::life_event::LifeEventKind;
use crate::limits::Excerpt;
use crate::source::Cited;

/// A value with the date it was observed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Dated<T> {
    pub(crate) date: NaiveDate,
    pub(crate) value: T,
}

/// A weekly SRM score.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct SrmSeen {
    pub(crate) date: NaiveDate,
    pub(crate) week_start: NaiveDate,
    pub(crate) score: f64,
}

/// A sleep shift.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct SleepSeen {
    pub(crate) date: NaiveDate,
    pub(crate) anchor: SleepAnchor,
    pub(crate) minutes: i16,
}

/// A safety-item answer at or above its threshold: in force until a clinician acknowledges it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct SafetySeen {
    pub(crate) date: NaiveDate,
    pub(crate) item: SafetyItem,
    pub(crate) value: u8,
}

/// Where the person stands for the PHQ-9 alert rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum Phq9State {
    /// No PHQ-9 and no plan baseline yet: the absolute cut-offs apply.
    Unknown,
    /// A total below the remission cut-off was seen, and none at or above the early-warning
    /// cut-off since: "≥ 10 after remission" applies.
    Remission,
    /// Residual symptoms (or an episode): the reliable rise over the recent level applies.
    Residual,
}

/// The latest PHQ-9 total with the rule state it was read in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Phq9Seen {
    pub(crate) date: NaiveDate,
    pub(crate) value: u8,
    /// The remission state before this reading.
    pub(crate) state: Phq9State,
    /// The person's recent level before this reading (median of the latest totals, or the
    /// plan's baseline when there is none).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) recent: Option<u8>,
}

/// The most results kept per measure (bounds memory whatever the thresholds say).
const KEEP_MAX: usize = 64;

/// The most events (signs, triggers, sleep shifts, missed doses) kept per kind inside their
/// window; beyond it the oldest are forgotten. Bounds memory on hostile input (thousands of
/// events in one week); no realistic log comes near it.
pub(crate) const EVENTS_MAX: usize = 1024;

/// Recent evidence.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct EvidenceStore {
    #[serde(default)]
    pub(crate) phq9_first_total: Option<u8>,
    #[serde(default)]
    pub(crate) phq9_total: Option<Phq9Seen>,
    /// The remission state after the latest PHQ-9 (None: not yet initialised from the plan).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) phq9_state: Option<Phq9State>,
    /// The latest PHQ-9 totals, oldest first (for the recent level).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(crate) phq9_recent: Vec<u8>,
    /// Safety-item answers at or above their thresholds, not yet acknowledged.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(crate) safety: Vec<SafetySeen>,
    /// Per safety item with a same-day-check grade (other than HRSD-17 item 3, kept below), its
    /// latest answer when it is at or above the check threshold and below the crisis one.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(crate) safety_checks: Vec<SafetySeen>,
    /// The latest HRSD-17 item-3 rating at or above the safety-check threshold.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) hrsd_item3: Option<Dated<u8>>,
    /// Safety signals and crisis signs dated on or before this were acknowledged by a clinician.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) acknowledged: Option<Dated<String>>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(crate) mood: Vec<Dated<i8>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) no_entries: Option<Dated<u16>>,
    /// Per scheduled task, its latest run of missed occurrences still going (count ≥ 1), by
    /// task id.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(crate) missed_runs: Vec<MissedRun>,
    /// The date of the latest diary entry or measure.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) last_entry: Option<NaiveDate>,
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

/// The latest run of missed occurrences of one task.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct MissedRun {
    pub(crate) task: String,
    pub(crate) date: NaiveDate,
    pub(crate) count: u16,
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
        // Safety items first: every answer is checked, whatever else the observation says.
        for (item, value) in obs.observed.safety_answers() {
            let crisis = item.threshold(t).value;
            if value >= crisis {
                self.safety.push(SafetySeen { date, item, value });
                cap(&mut self.safety);
            }
            // HRSD-17 item 3 keeps its own same-day check (`hrsd_item3`, as stored plans have it).
            if item != SafetyItem::HrsdItem3
                && let Some(check) = item.check_threshold(t)
            {
                // A newer rating replaces an older one (the crisis-level signal stays in `safety`).
                self.safety_checks.retain(|s| s.item != item);
                if value >= check.value && value < crisis {
                    self.safety_checks.push(SafetySeen { date, item, value });
                }
            }
        }
        if matches!(
            obs.observed,
            Observed::Phq9 { .. }
                | Observed::Hrsd { .. }
                | Observed::Epds { .. }
                | Observed::Phq9m { .. }
                | Observed::CssrsScreener { .. }
                | Observed::Asrm { .. }
                | Observed::Ymrs { .. }
                | Observed::SrmWeek { .. }
                | Observed::SleepShift { .. }
                | Observed::DailyMood { .. }
        ) {
            self.last_entry = Some(self.last_entry.map_or(date, |d| d.max(date)));
        }
        match &obs.observed {
            Observed::Phq9 { total, .. } => {
                if let Some(total) = total {
                    if self.phq9_first_total.is_none() {
                        self.phq9_first_total = Some(*total);
                    }
                    let state = match self.phq9_state {
                        Some(s) => s,
                        None => match plan.alerts.phq9_baseline {
                            Some(b) if b < t.phq9_remission_below.value => Phq9State::Remission,
                            Some(_) => Phq9State::Residual,
                            None => Phq9State::Unknown,
                        },
                    };
                    let recent = median(&self.phq9_recent, usize::from(t.phq9_recent_readings.value))
                        .or(plan.alerts.phq9_baseline);
                    self.phq9_total = Some(Phq9Seen { date, value: *total, state, recent });
                    let next = if *total < t.phq9_remission_below.value {
                        Phq9State::Remission
                    } else if *total >= t.phq9_early_warning.value || state == Phq9State::Unknown {
                        Phq9State::Residual
                    } else {
                        state
                    };
                    self.phq9_state = Some(next);
                    self.phq9_recent.push(*total);
                    keep_last(&mut self.phq9_recent, 12);
                }
            }
            Observed::Hrsd { total, item3 } => {
                self.hrsd = Some(Dated { date, value: *total });
                if let Some(i) = item3 {
                    // A newer rating replaces an older one (the crisis-level signal stays in `safety`).
                    self.hrsd_item3 = (*i >= t.hrsd_item3_check.value).then_some(Dated { date, value: *i });
                }
            }
            Observed::DailyMood { mood } => {
                self.mood.push(Dated { date, value: *mood });
            }
            Observed::NoRecentEntries { days } => self.no_entries = Some(Dated { date, value: *days }),
            Observed::MissedOccurrences { task, count } => {
                // The latest report of a task replaces an earlier one; an ended run (0) is forgotten.
                if !self.missed_runs.iter().any(|r| &r.task == task && r.date > date) {
                    self.missed_runs.retain(|r| &r.task != task);
                    if *count > 0 {
                        self.missed_runs.push(MissedRun { task: task.clone(), date, count: *count });
                        self.missed_runs.sort_by(|a, b| a.task.cmp(&b.task));
                    }
                }
                if self.missed_runs.len() > KEEP_MAX {
                    // Keep the most recent reports (a schedule has at most 64 tasks).
                    self.missed_runs.sort_by(|a, b| b.date.cmp(&a.date).then_with(|| a.task.cmp(&b.task)));
                    self.missed_runs.truncate(KEEP_MAX);
                    self.missed_runs.sort_by(|a, b| a.task.cmp(&b.task));
                }
            }
            Observed::Acknowledged { by, action } => {
                if self.acknowledged.as_ref().is_none_or(|a| a.date <= date) {
                    self.acknowledged = Some(Dated { date, value: format!("{by}: {action}") });
                }
                self.safety.retain(|s| s.date > date);
            }
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
            // Their totals have no alert rule; their safety items were read above.
            Observed::Epds { .. } | Observed::Phq9m { .. } | Observed::CssrsScreener { .. } | Observed::CheckIn => {}
        }
        self.mood.retain(|s| within(s.date, date, t.sign_window_days.value.max(u16::from(t.mood_manic_days.value))));
        cap(&mut self.mood);
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
            safety_item: None,
        };
        let ge = |c: &Cited<u8>| format!("≥ {}", c.value);

        // Safety items: in force until a clinician acknowledges them.
        for seen in &self.safety {
            if out.iter().any(|r: &Reason| r.safety_item == Some(seen.item) && r.observed_on >= seen.date) {
                continue;
            }
            let latest = self.safety.iter().filter(|x| x.item == seen.item).max_by_key(|x| x.date).unwrap_or(seen);
            let cut = seen.item.threshold(t);
            let rule = seen.item.rule();
            out.push(Reason {
                pole: Some(Pole::Depressive),
                safety_item: Some(seen.item),
                ..reason(
                    rule,
                    AlertLevel::Crisis,
                    format!(
                        "{} answered {} on {}; in force until a clinician acknowledges it",
                        latest.item.label(),
                        latest.value,
                        latest.date
                    ),
                    format!("≥ {}, whatever the total", cut.value),
                    cut.source,
                    latest.date,
                )
            });
        }
        for seen in &self.safety_checks {
            let Some(check) = seen.item.check_threshold(t) else { continue };
            out.push(Reason {
                pole: Some(Pole::Depressive),
                safety_item: Some(seen.item),
                ..reason(
                    seen.item.rule(),
                    AlertLevel::BreakingDown,
                    format!("{} answered {} on {}: same-day safety check", seen.item.label(), seen.value, seen.date),
                    format!("≥ {}", check.value),
                    check.source,
                    seen.date,
                )
            });
        }
        if let Some(i3) = &self.hrsd_item3
            && i3.value < t.hrsd_item3_crisis.value
        {
            out.push(Reason {
                pole: Some(Pole::Depressive),
                safety_item: Some(SafetyItem::HrsdItem3),
                ..reason(
                    Rule::HrsdItem3,
                    AlertLevel::BreakingDown,
                    format!("HRSD-17 item 3 rated {} on {}: same-day safety check", i3.value, i3.date),
                    format!("≥ {}", t.hrsd_item3_check.value),
                    t.hrsd_item3_check.source.clone(),
                    i3.date,
                )
            });
        }
        // PHQ-9 total: absolute cut-offs after remission, reliable rise with residual symptoms.
        if let Some(p) = &self.phq9_total {
            let residual = p.state == Phq9State::Residual;
            let state_words = match p.state {
                Phq9State::Unknown => "remission state unknown",
                Phq9State::Remission => "after remission",
                Phq9State::Residual => "with residual symptoms",
            };
            let mut level_cut: Option<(Rule, AlertLevel, String, crate::source::Source, String)> = None;
            if (!residual || p.recent.is_some_and(|r| r < t.phq9_breaking_down.value))
                && p.value >= t.phq9_breaking_down.value
            {
                level_cut = Some((
                    Rule::Phq9Total,
                    AlertLevel::BreakingDown,
                    ge(&t.phq9_breaking_down),
                    t.phq9_breaking_down.source.clone(),
                    String::new(),
                ));
            }
            if level_cut.is_none() && !residual && p.value >= t.phq9_early_warning.value {
                level_cut = Some((
                    Rule::Phq9Total,
                    AlertLevel::EarlyWarning,
                    format!("{} ({state_words})", ge(&t.phq9_early_warning)),
                    t.phq9_early_warning.source.clone(),
                    String::new(),
                ));
            }
            if let Some((rule, level, threshold, source, extra)) = level_cut {
                out.push(Reason {
                    pole: Some(Pole::Depressive),
                    ..reason(
                        rule,
                        level,
                        format!("PHQ-9 total {} on {}{extra} ({state_words})", p.value, p.date),
                        threshold,
                        source,
                        p.date,
                    )
                });
            }
            if residual
                && let Some(r) = p.recent
                && p.value >= r.saturating_add(t.phq9_reliable_rise.value)
            {
                let (rule, level, threshold, source, extra) = (
                    Rule::Phq9ReliableRise,
                    AlertLevel::EarlyWarning,
                    format!("rise ≥ {} over the recent level (with residual symptoms)", t.phq9_reliable_rise.value),
                    t.phq9_reliable_rise.source.clone(),
                    format!(", {} above the recent level {r}", p.value - r),
                );
                out.push(Reason {
                    pole: Some(Pole::Depressive),
                    ..reason(
                        rule,
                        level,
                        format!("PHQ-9 total {} on {}{extra} ({state_words})", p.value, p.date),
                        threshold,
                        source,
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
        // Daily mood at the manic end on consecutive days.
        let mut high: Vec<NaiveDate> =
            self.mood.iter().filter(|m| m.value >= t.mood_manic_at.value).map(|m| m.date).collect();
        high.sort_unstable();
        high.dedup();
        let need = usize::from(t.mood_manic_days.value);
        let mut run_end: Option<(NaiveDate, usize)> = None;
        let mut run = 0usize;
        for (i, d) in high.iter().enumerate() {
            run = if i > 0 && high.get(i - 1).is_some_and(|p| (*d - *p).num_days() == 1) { run + 1 } else { 1 };
            if run >= need {
                run_end = Some((*d, run));
            }
        }
        if let Some((last, days)) = run_end {
            out.push(Reason {
                pole: Some(Pole::Manic),
                ..reason(
                    Rule::MoodManicDays,
                    AlertLevel::EarlyWarning,
                    format!(
                        "daily mood {:+} or higher on {days} consecutive days, last on {last}",
                        t.mood_manic_at.value
                    ),
                    format!("≥ {:+} on ≥ {} consecutive days", t.mood_manic_at.value, t.mood_manic_days.value),
                    t.mood_manic_days.source.clone(),
                    last,
                )
            });
        }
        // No diary entry or measure for a while.
        if let Some(n) = &self.no_entries
            && n.value >= t.no_entries_watch_days.value
            && self.last_entry.is_none_or(|l| (n.date - l).num_days() >= i64::from(n.value))
        {
            out.push(reason(
                Rule::NoRecentEntries,
                AlertLevel::Watch,
                format!("no diary entry or measure for {} days, reported on {}", n.value, n.date),
                format!("≥ {} days", t.no_entries_watch_days.value),
                t.no_entries_watch_days.source.clone(),
                n.date,
            ));
        }
        // Occurrences of one scheduled task missed in a row.
        for r in &self.missed_runs {
            if r.count >= t.missed_occurrences_watch.value {
                out.push(reason(
                    Rule::MissedOccurrences,
                    AlertLevel::Watch,
                    format!(
                        "{} occurrences of task {} missed in a row, reported on {}",
                        r.count,
                        Excerpt::new(&r.task),
                        r.date
                    ),
                    format!("≥ {} in a row", t.missed_occurrences_watch.value),
                    t.missed_occurrences_watch.source.clone(),
                    r.date,
                ));
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
                SignStage::Crisis if self.acknowledged.as_ref().is_some_and(|a| a.date >= s.date) => continue,
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
                    "missed medication plus symptoms at early-warning level or above".to_string(),
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

/// The median of the last `n` values (the lower middle of an even count), if any.
fn median(values: &[u8], n: usize) -> Option<u8> {
    let mut last: Vec<u8> = values.get(values.len().saturating_sub(n)..).unwrap_or(&[]).to_vec();
    last.sort_unstable();
    last.get(last.len().checked_sub(1)? / 2).copied()
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
