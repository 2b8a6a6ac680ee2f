//! The alert thresholds of a plan: every number is a plan value with the library's default and its
//! source. A clinic or study may change any of them; give the new value a
//! [`Source::local`](crate::source::Source::local) source.
//!
//! ```
//! use ipsrt::relapse::AlertThresholds;
//!
//! let t = AlertThresholds::default();
//! assert_eq!(t.asrm_early_warning.value, 6);
//! assert_eq!(t.asrm_early_warning.source.key, "ALTMAN-1997");
//! assert_eq!(t.deescalation_days.value, 14);
//! t.validate()?;
//! # Ok::<(), ipsrt::relapse::RelapseError>(())
//! ```

use serde::{Deserialize, Serialize};

use super::RelapseError;
use crate::source::{Cited, Evidence, Source};

/// The numbers that turn observations into alert levels. Missing fields in JSON take their
/// defaults; a field this build does not know (a misspelt name) is refused, never ignored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct AlertThresholds {
    /// Watch: PHQ-9 rise of at least this many points versus the baseline (default 5, the
    /// individual minimal important change, Löwe et al. 2004).
    pub phq9_rise_watch: Cited<u8>,
    /// Early warning: PHQ-9 total at or above (default 10, "moderate", KSW-2001). Applies
    /// **after remission** only; with residual symptoms `phq9_reliable_rise` applies instead.
    pub phq9_early_warning: Cited<u8>,
    /// Remission: a PHQ-9 total below this (default 5, NCQA DRR-E and CMS159) puts the person
    /// in remission for the alert rules.
    pub phq9_remission_below: Cited<u8>,
    /// Early warning with residual symptoms (not in remission): a PHQ-9 total at least this
    /// many points above the person's own recent level (default 6, the IAPT reliable-change
    /// criterion; 5, the minimal important change of Löwe et al. 2004, is the alternative).
    pub phq9_reliable_rise: Cited<u8>,
    /// The person's own recent level is the median of this many latest PHQ-9 totals before the
    /// new one (default 3).
    pub phq9_recent_readings: Cited<u8>,
    /// Breaking down: PHQ-9 total at or above (default 15, "moderately severe", KSW-2001).
    pub phq9_breaking_down: Cited<u8>,
    /// Watch: HRSD-17 total at or above (default 8: no longer in remission, ≤ 7 is remission).
    pub hrsd_watch: Cited<u8>,
    /// Early warning: HRSD-17 total at or above (default 14, "moderate" in the clinical bands).
    pub hrsd_early_warning: Cited<u8>,
    /// Breaking down: HRSD-17 total at or above (default 19, "severe" in the clinical bands).
    pub hrsd_breaking_down: Cited<u8>,
    /// Safety (Crisis): HRSD-17 item 3 ("suicide") rated at or above (default 3, "suicidal
    /// ideas or gesture"). Never lowered by remission state or arrival order.
    pub hrsd_item3_crisis: Cited<u8>,
    /// Breaking down (same-day safety check): HRSD-17 item 3 rated at or above (default 2,
    /// emergent suicidal ideation, Rucci et al. 2011) but below `hrsd_item3_crisis`.
    pub hrsd_item3_check: Cited<u8>,
    /// Early warning: ASRM total at or above (default 6, Altman 1997).
    pub asrm_early_warning: Cited<u8>,
    /// Breaking down: the ASRM rose this many times in a row, ending at or above the cut-off
    /// (default 2: three consecutive results, each higher than the one before).
    pub asrm_rising_results: Cited<u8>,
    /// Early warning: YMRS total at or above (default 12, Young 1978).
    pub ymrs_early_warning: Cited<u8>,
    /// Breaking down: YMRS total at or above (default 20, "moderately ill", Samara 2023).
    pub ymrs_breaking_down: Cited<u8>,
    /// Early warning: daily mood at or above this rating (−5..=5; default +3, the manic end)
    /// ...
    pub mood_manic_at: Cited<i8>,
    /// ... on at least this many consecutive days (default 3).
    pub mood_manic_days: Cited<u8>,
    /// Watch: a "no recent entries" observation of at least this many days without a diary
    /// entry or measure (default 7).
    pub no_entries_watch_days: Cited<u16>,
    /// Watch: a `missed_occurrences` observation of at least this many occurrences of one
    /// scheduled task missed in a row (default 3).
    pub missed_occurrences_watch: Cited<u16>,
    /// Watch: weekly SRM score at least this much below the mean of the recent weeks (default 1.0).
    pub srm_drop_watch: Cited<f64>,
    /// How many recent weeks form the SRM mean (default 4).
    pub srm_baseline_weeks: Cited<u8>,
    /// The fewest earlier weeks needed before an SRM drop can be judged (default 2).
    pub srm_min_baseline_weeks: Cited<u8>,
    /// Watch: a sleep anchor shifted by at least this many minutes (default 60) ...
    pub sleep_shift_minutes: Cited<u16>,
    /// ... on at least this many nights (default 2) ...
    pub sleep_shift_nights: Cited<u8>,
    /// ... within this many days (default 7).
    pub sleep_window_days: Cited<u16>,
    /// Early warning: at least this many different early warning signs (default 2) ...
    pub early_warning_min_signs: Cited<u8>,
    /// ... logged on at least this many different days (default 2) ...
    pub early_warning_min_days: Cited<u8>,
    /// ... within this many days; a logged sign counts for this long (default 7).
    pub sign_window_days: Cited<u16>,
    /// Watch: a trigger counts for this many days after it happened (default 14).
    pub trigger_watch_days: Cited<u16>,
    /// Missed medication counts for this many days (default 7).
    pub missed_medication_days: Cited<u16>,
    /// De-escalation: the lower level's condition must hold this many days before the level
    /// falls one step (default 14).
    pub deescalation_days: Cited<u16>,
}

fn design(locator: &'static str) -> Source {
    Source::new("ipsrt-design", locator, Evidence::Design)
}

impl Default for AlertThresholds {
    fn default() -> Self {
        AlertThresholds {
            phq9_rise_watch: Cited::new(
                5,
                Source::new("LOWE-2004", "individual minimal important change of 5 points", Evidence::Verified),
            ),
            phq9_early_warning: Cited::new(
                10,
                Source::new("KSW-2001", "cut-point 10: moderate; ≥ 10 after remission", Evidence::Verified),
            ),
            phq9_remission_below: Cited::new(
                5,
                Source::new("NCQA-DRR", "remission: the most recent PHQ-9 below 5 (also CMS159)", Evidence::Verified),
            ),
            phq9_reliable_rise: Cited::new(
                6,
                Source::new(
                    "IAPT-CRITERIA",
                    "reliable change on the PHQ-9 is 6 points or more; applied to a rise over the person's recent level",
                    Evidence::Verified,
                ),
            ),
            phq9_recent_readings: Cited::new(
                3,
                design("the person's recent level is the median of the last 3 PHQ-9 totals before the new one"),
            ),
            phq9_breaking_down: Cited::new(
                15,
                Source::new("KSW-2001", "cut-point 15: moderately severe", Evidence::Verified),
            ),
            hrsd_watch: Cited::new(
                8,
                Source::new("FRANK-1991", "remission is HRSD-17 ≤ 7; level mapping is design", Evidence::Verified),
            ),
            hrsd_early_warning: Cited::new(
                14,
                Source::new(
                    "HAMILTON-1960",
                    "common clinical bands, 14–18 moderate; level mapping is design",
                    Evidence::ManualRecalled,
                ),
            ),
            hrsd_breaking_down: Cited::new(
                19,
                Source::new(
                    "HAMILTON-1960",
                    "common clinical bands, 19–22 severe; level mapping is design",
                    Evidence::ManualRecalled,
                ),
            ),
            hrsd_item3_crisis: Cited::new(
                3,
                Source::new(
                    "HAMILTON-1960",
                    "item 3 anchor 3: suicidal ideas or gesture; 4: attempt (mapping to Crisis is design)",
                    Evidence::Verified,
                ),
            ),
            hrsd_item3_check: Cited::new(
                2,
                Source::new(
                    "RUCCI-2011",
                    "treatment-emergent suicidal ideation: HDRS suicide item ≥ 2 (mapping to a same-day check is design)",
                    Evidence::Verified,
                ),
            ),
            asrm_early_warning: Cited::new(
                6,
                Source::new(
                    "ALTMAN-1997",
                    "≥ 6: high probability of a manic or hypomanic condition",
                    Evidence::Verified,
                ),
            ),
            asrm_rising_results: Cited::new(2, design("\"ASRM rising on consecutive weeks\": 2 rises in a row")),
            ymrs_early_warning: Cited::new(12, Source::new("YOUNG-1978", "≥ 12 hypomania/mania", Evidence::Verified)),
            ymrs_breaking_down: Cited::new(
                20,
                Source::new("SAMARA-2023", "YMRS 20 ≈ CGI moderately ill; level mapping is design", Evidence::Verified),
            ),
            mood_manic_at: Cited::new(3, design("daily mood +3 or higher on the −5..+5 scale: the manic end")),
            mood_manic_days: Cited::new(
                3,
                design("3 consecutive days, the upper end of \"≥ 2 early warning signs for 2–3 days\""),
            ),
            no_entries_watch_days: Cited::new(
                7,
                design("a week without any diary entry or measure: check in with the person"),
            ),
            missed_occurrences_watch: Cited::new(
                3,
                design(
                    "3 occurrences of one task missed in a row: missing data is never read as \"well\"; check in with the person",
                ),
            ),
            srm_drop_watch: Cited::new(1.0, design("SRM fall of ≥ 1 point versus the 4-week mean")),
            srm_baseline_weeks: Cited::new(4, design("the 4-week mean")),
            srm_min_baseline_weeks: Cited::new(2, design("at least 2 earlier weeks before a drop is judged")),
            sleep_shift_minutes: Cited::new(60, design("sleep shift of ≥ 1–2 h; the lower, more sensitive end")),
            sleep_shift_nights: Cited::new(2, design("on ≥ 2 nights")),
            sleep_window_days: Cited::new(7, design("the nights counted are those of the last 7 days")),
            early_warning_min_signs: Cited::new(2, design("≥ 2 personal early warning signs")),
            early_warning_min_days: Cited::new(2, design("for ≥ 2–3 days; the lower end")),
            sign_window_days: Cited::new(7, design("a logged sign counts for 7 days")),
            trigger_watch_days: Cited::new(14, design("a trigger keeps Watch for 14 days")),
            missed_medication_days: Cited::new(
                7,
                design("a missed dose counts for 7 days (FSB-2007: non-adherence pathway)"),
            ),
            deescalation_days: Cited::new(14, design("hysteresis of 14 days = the PHQ-9's 2-week recall window")),
        }
    }
}

impl AlertThresholds {
    /// Checks that every threshold is in range and that the levels are ordered.
    ///
    /// # Errors
    /// [`RelapseError::InvalidThreshold`] naming the threshold and the allowed range.
    pub fn validate(&self) -> Result<(), RelapseError> {
        fn check(ok: bool, name: &'static str, value: String, allowed: &'static str) -> Result<(), RelapseError> {
            if ok { Ok(()) } else { Err(RelapseError::InvalidThreshold { name, value, allowed }) }
        }
        let t = self;
        check(
            (1..=27).contains(&t.phq9_rise_watch.value),
            "phq9_rise_watch",
            t.phq9_rise_watch.value.to_string(),
            "1–27",
        )?;
        check(
            (1..=27).contains(&t.phq9_early_warning.value),
            "phq9_early_warning",
            t.phq9_early_warning.value.to_string(),
            "1–27",
        )?;
        check(
            t.phq9_breaking_down.value > t.phq9_early_warning.value && t.phq9_breaking_down.value <= 27,
            "phq9_breaking_down",
            t.phq9_breaking_down.value.to_string(),
            "above phq9_early_warning and at most 27",
        )?;
        check(
            (1..=26).contains(&t.phq9_remission_below.value)
                && t.phq9_remission_below.value <= t.phq9_early_warning.value,
            "phq9_remission_below",
            t.phq9_remission_below.value.to_string(),
            "1 to phq9_early_warning",
        )?;
        check(
            (1..=27).contains(&t.phq9_reliable_rise.value),
            "phq9_reliable_rise",
            t.phq9_reliable_rise.value.to_string(),
            "1–27",
        )?;
        check(
            (1..=12).contains(&t.phq9_recent_readings.value),
            "phq9_recent_readings",
            t.phq9_recent_readings.value.to_string(),
            "1–12",
        )?;
        check(
            (1..=4).contains(&t.hrsd_item3_crisis.value),
            "hrsd_item3_crisis",
            t.hrsd_item3_crisis.value.to_string(),
            "1–4",
        )?;
        check(
            (1..=4).contains(&t.hrsd_item3_check.value) && t.hrsd_item3_check.value <= t.hrsd_item3_crisis.value,
            "hrsd_item3_check",
            t.hrsd_item3_check.value.to_string(),
            "1 to hrsd_item3_crisis",
        )?;
        check(
            (-5..=5).contains(&t.mood_manic_at.value) && t.mood_manic_at.value >= 1,
            "mood_manic_at",
            t.mood_manic_at.value.to_string(),
            "1 to 5 (the elated half of the −5..+5 scale)",
        )?;
        check(
            (1..=30).contains(&t.mood_manic_days.value),
            "mood_manic_days",
            t.mood_manic_days.value.to_string(),
            "1–30 days",
        )?;
        check((1..=52).contains(&t.hrsd_watch.value), "hrsd_watch", t.hrsd_watch.value.to_string(), "1–52")?;
        check(
            t.hrsd_early_warning.value > t.hrsd_watch.value && t.hrsd_early_warning.value <= 52,
            "hrsd_early_warning",
            t.hrsd_early_warning.value.to_string(),
            "above hrsd_watch and at most 52",
        )?;
        check(
            t.hrsd_breaking_down.value > t.hrsd_early_warning.value && t.hrsd_breaking_down.value <= 52,
            "hrsd_breaking_down",
            t.hrsd_breaking_down.value.to_string(),
            "above hrsd_early_warning and at most 52",
        )?;
        check(
            (1..=20).contains(&t.asrm_early_warning.value),
            "asrm_early_warning",
            t.asrm_early_warning.value.to_string(),
            "1–20",
        )?;
        check(
            (1..=10).contains(&t.asrm_rising_results.value),
            "asrm_rising_results",
            t.asrm_rising_results.value.to_string(),
            "1–10",
        )?;
        check(
            (1..=60).contains(&t.ymrs_early_warning.value),
            "ymrs_early_warning",
            t.ymrs_early_warning.value.to_string(),
            "1–60",
        )?;
        check(
            t.ymrs_breaking_down.value > t.ymrs_early_warning.value && t.ymrs_breaking_down.value <= 60,
            "ymrs_breaking_down",
            t.ymrs_breaking_down.value.to_string(),
            "above ymrs_early_warning and at most 60",
        )?;
        let drop = t.srm_drop_watch.value;
        check(
            drop.is_finite() && drop > 0.0 && drop <= 7.0,
            "srm_drop_watch",
            drop.to_string(),
            "more than 0, at most 7",
        )?;
        check(
            (1..=52).contains(&t.srm_baseline_weeks.value),
            "srm_baseline_weeks",
            t.srm_baseline_weeks.value.to_string(),
            "1–52",
        )?;
        check(
            t.srm_min_baseline_weeks.value >= 1 && t.srm_min_baseline_weeks.value <= t.srm_baseline_weeks.value,
            "srm_min_baseline_weeks",
            t.srm_min_baseline_weeks.value.to_string(),
            "1 to srm_baseline_weeks",
        )?;
        check(
            (1..=366).contains(&t.missed_occurrences_watch.value),
            "missed_occurrences_watch",
            t.missed_occurrences_watch.value.to_string(),
            "1–366 occurrences",
        )?;
        check(
            (1..=720).contains(&t.sleep_shift_minutes.value),
            "sleep_shift_minutes",
            t.sleep_shift_minutes.value.to_string(),
            "1–720",
        )?;
        for (name, v) in [
            ("sleep_window_days", t.sleep_window_days.value),
            ("sign_window_days", t.sign_window_days.value),
            ("trigger_watch_days", t.trigger_watch_days.value),
            ("missed_medication_days", t.missed_medication_days.value),
            ("deescalation_days", t.deescalation_days.value),
            ("no_entries_watch_days", t.no_entries_watch_days.value),
        ] {
            check((1..=366).contains(&v), name, v.to_string(), "1–366 days")?;
        }
        check(
            t.sleep_shift_nights.value >= 1 && u16::from(t.sleep_shift_nights.value) <= t.sleep_window_days.value,
            "sleep_shift_nights",
            t.sleep_shift_nights.value.to_string(),
            "1 to sleep_window_days",
        )?;
        check(
            t.early_warning_min_signs.value >= 1,
            "early_warning_min_signs",
            t.early_warning_min_signs.value.to_string(),
            "at least 1",
        )?;
        check(
            t.early_warning_min_days.value >= 1
                && u16::from(t.early_warning_min_days.value) <= t.sign_window_days.value,
            "early_warning_min_days",
            t.early_warning_min_days.value.to_string(),
            "1 to sign_window_days",
        )?;
        Ok(())
    }
}

/// The default words of the plan for each level (actions per level, prodrome actions). A plan
/// may replace any list. At Crisis only the `crisis` words (the safety workflow) are given.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct LevelGuidance {
    /// Green.
    pub green: Vec<String>,
    /// Watch.
    pub watch: Vec<String>,
    /// Early warning.
    pub early_warning: Vec<String>,
    /// Breaking down.
    pub breaking_down: Vec<String>,
    /// Crisis.
    pub crisis: Vec<String>,
    /// Added below Crisis when a (hypo)manic sign or score is among the reasons.
    pub manic_prodrome: Vec<String>,
    /// Added below Crisis when a depressive sign or score is among the reasons.
    pub depressive_prodrome: Vec<String>,
    /// Where these words come from.
    pub source: Source,
}

fn strings(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| (*s).to_string()).collect()
}

impl Default for LevelGuidance {
    fn default() -> Self {
        LevelGuidance {
            green: strings(&["Follow the daily maintenance plan."]),
            watch: strings(&["Follow the trigger action plan.", "Monitor more often (mood, sleep, SRM)."]),
            early_warning: strings(&[
                "Follow the early-warning action plan.",
                "Contact the clinician within 1–2 working days.",
            ]),
            breaking_down: strings(&["Contact the clinician the same day.", "Activate supporters."]),
            crisis: strings(&[
                "Start the safety workflow now: show the crisis plan.",
                "Call the crisis line or the emergency number listed with this alert.",
                "Notify the clinician if consented.",
            ]),
            manic_prodrome: strings(&[
                "Reduce stimulation: cut back social activities, avoid evening stimulation.",
                "Protect the bedtime and rest.",
                "Avoid caffeine, alcohol and drugs.",
                "Contact the psychiatrist for a medication review, or use the agreed as-needed medication.",
                "Involve supporters.",
            ]),
            depressive_prodrome: strings(&[
                "Keep the wake time fixed and avoid naps.",
                "Keep activity and social contact up.",
                "Contact the clinician.",
            ]),
            source: Source::new(
                "FSB-2007",
                "actions per alert level; prodrome actions (FRANK-2005, recalled)",
                Evidence::ManualRecalled,
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_are_valid_and_cited() {
        let t = AlertThresholds::default();
        t.validate().unwrap();
        let json = serde_json::to_value(&t).unwrap();
        for (name, v) in json.as_object().unwrap() {
            let key = v["source"]["key"].as_str().unwrap();
            assert!(crate::source::reference(key).is_some(), "{name}: unknown source {key}");
        }
    }

    #[test]
    fn bad_thresholds_are_rejected() {
        let mut t = AlertThresholds::default();
        t.phq9_breaking_down.value = 9;
        assert!(matches!(t.validate(), Err(RelapseError::InvalidThreshold { name: "phq9_breaking_down", .. })));
        let mut t = AlertThresholds::default();
        t.srm_drop_watch.value = f64::NAN;
        assert!(t.validate().is_err());
        let mut t = AlertThresholds::default();
        t.deescalation_days.value = 0;
        assert!(t.validate().is_err());
        let mut t = AlertThresholds::default();
        t.missed_occurrences_watch.value = 0;
        assert!(matches!(t.validate(), Err(RelapseError::InvalidThreshold { name: "missed_occurrences_watch", .. })));
    }

    #[test]
    fn omitted_fields_take_defaults() {
        let t: AlertThresholds = serde_json::from_str(
            r#"{"asrm_early_warning":{"value":7,"source":{"key":"local","locator":"clinic","evidence":"design"}}}"#,
        )
        .unwrap();
        assert_eq!(t.asrm_early_warning.value, 7);
        assert_eq!(t.phq9_early_warning.value, 10);
    }

    #[test]
    fn misspelt_fields_are_refused() {
        let e = serde_json::from_str::<AlertThresholds>(
            r#"{"phq9_earlywarning":{"value":14,"source":{"key":"local","locator":"clinic","evidence":"design"}}}"#,
        )
        .unwrap_err()
        .to_string();
        assert!(e.contains("phq9_earlywarning") && e.contains("phq9_early_warning"), "{e}");
    }
}
