//! Conversions from scored results into alert-machine observations, so an app feeds the
//! machine the same numbers it shows (interpretation stays in the machine; scores are not
//! changed).
//!
//! * a scored PHQ-9, PHQ-9 Modified for Teens, EPDS, HRSD-17, C-SSRS screener result, ASRM or
//!   YMRS ([`crate::measures::Score`]) → [`Observed`]: each carries its total and its item-level
//!   safety answers (PHQ-9 item 9, the teen form's item 9 and its two yes/no suicide questions,
//!   EPDS item 10, HRSD-17 item 3, the C-SSRS risk level; an unanswered safety item stays `None`
//!   and the machine never lowers a level because of it), ASRM and YMRS their total. GAD-7 and
//!   WSAS have no alert rule and are refused ([`RelapseError::NoAlertRule`], `InvalidInput`);
//! * a weekly SRM result ([`crate::srm::WeekScore`]) → [`Observed::SrmWeek`] when it is scorable
//!   (a not-scorable week is `NotScorable`, never a score of 0);
//! * an SRM diary week's out-of-bed and to-bed times versus the habitual times of a baseline
//!   week → [`Observed::SleepShift`] per night ([`sleep_shift_observations`]).
//!
//! ```
//! use ipsrt::measures::phq9;
//! use ipsrt::relapse::Observed;
//!
//! let score = phq9::score_ordered(&[Some(0), Some(0), Some(0), Some(0), Some(0), Some(0), Some(0), Some(0), Some(1)], None)?;
//! let observed = Observed::try_from(&score)?;
//! assert_eq!(observed, Observed::Phq9 { total: Some(1), item9: Some(1) });
//! # Ok::<(), ipsrt::Error>(())
//! ```

use crate::error::Error;
use crate::limits::Excerpt;
use crate::measures::{MeasureError, Score};
use crate::relapse::{Observation, Observed, RelapseError, SleepAnchor};
use crate::srm::{ItemId, SrmError, Week, WeekScore};

fn total_u8(score: &Score) -> Result<Option<u8>, Error> {
    score
        .total
        .map(|t| {
            u8::try_from(t).map_err(|_| {
                Error::from(MeasureError::NoTotal {
                    which: "alert observation",
                    missing: 0,
                    policy: format!("total {t} out of range"),
                })
            })
        })
        .transpose()
}

/// A raw answer as `u8` (scored answers lie within the item's range, 0–4 for every safety item).
fn answer_u8(score: &Score, item: &str) -> Option<u8> {
    score.answers.get(item).and_then(|v| u8::try_from(v).ok())
}

fn required_total(score: &Score) -> Result<u8, Error> {
    total_u8(score)?.ok_or_else(|| {
        Error::from(MeasureError::NoTotal {
            which: "alert observation",
            missing: score.missing.len(),
            policy: score.policy.to_string(),
        })
    })
}

impl TryFrom<&Score> for Observed {
    type Error = Error;

    fn try_from(score: &Score) -> Result<Self, Error> {
        match score.instrument.as_str() {
            "phq9" => {
                let item9 = answer_u8(score, "phq9_9");
                Ok(Observed::Phq9 { total: total_u8(score)?, item9 })
            }
            "asrm" => Ok(Observed::Asrm { total: required_total(score)? }),
            "ymrs" => Ok(Observed::Ymrs { total: required_total(score)? }),
            "hrsd17" => {
                // Item 3 ("suicide") travels with the total so that its safety rule can fire.
                let item3 = answer_u8(score, "hrsd17_3");
                Ok(Observed::Hrsd { total: required_total(score)?, item3 })
            }
            "epds" => {
                // Item 10 (thoughts of harming oneself) travels with the total.
                let item10 = answer_u8(score, "epds_10");
                Ok(Observed::Epds { total: total_u8(score)?, item10 })
            }
            "phq9m" => {
                let yes = |item: &str| score.answers.get(item).map(|v| v >= 1);
                Ok(Observed::Phq9m {
                    total: total_u8(score)?,
                    item9: answer_u8(score, "phq9m_9"),
                    serious_thoughts: yes("phq9m_serious_thoughts"),
                    lifetime_attempt: yes("phq9m_lifetime_attempt"),
                })
            }
            "cssrs_screener" => match answer_u8(score, crate::measures::cssrs::RISK_ITEM) {
                Some(risk) => Ok(Observed::CssrsScreener { risk }),
                None => Err(Error::from(MeasureError::NoTotal {
                    which: "alert observation (C-SSRS screener)",
                    missing: 1,
                    policy: "enter the risk level the clinician recorded".into(),
                })),
            },
            other => Err(Error::from(RelapseError::NoAlertRule { instrument: Excerpt::new(other).to_string() })),
        }
    }
}

impl TryFrom<&WeekScore> for Observed {
    type Error = Error;

    fn try_from(week: &WeekScore) -> Result<Self, Error> {
        match week.score {
            Some(score) => Ok(Observed::SrmWeek { week_start: week.start, score }),
            None => Err(Error::from(SrmError::NotScorable { start: week.start })),
        }
    }
}

/// The sleep shifts of one SRM diary week as alert-machine observations ("sleep
/// shift of ≥ 1–2 h on ≥ 2 nights", measured "from the SRM bedtime/out-of-bed times"): for each
/// day of `week` with an out-of-bed or to-bed time, the signed shift in minutes versus that
/// anchor's habitual time in `baseline` (positive = later), taken the short way round the clock
/// so that a bedtime of 00:30 against a habitual 23:30 is +60, not −1380. Rounded to the
/// minute; dated on the diary day; out of bed before to bed on each day. Every recorded night
/// is reported, shifted or not: the plan's thresholds, not this function, decide what counts.
///
/// `baseline` is a scored earlier week (or the last of a baseline period), so that a lasting
/// change is measured against the person's usual times rather than against itself. An anchor
/// without a habitual time in `baseline` (done on fewer than 3 days) is skipped.
///
/// # Errors
/// [`RelapseError::InvalidObservation`] when `baseline` has a habitual time for neither anchor.
///
/// ```
/// use ipsrt::relapse::convert::sleep_shift_observations;
/// use ipsrt::relapse::{Observed, SleepAnchor};
/// use ipsrt::srm::{score_week, Form, ItemId, ScoringOptions, Status, Week};
///
/// let mut base = Week::new(Form::Srm5, "2026-01-05".parse()?);
/// for day in 0..7 { base.set(ItemId::ToBed, day, Status::Done("23:30".parse()?))?; }
/// let baseline = score_week(&base, &ScoringOptions::default())?;
/// let mut week = Week::new(Form::Srm5, "2026-01-12".parse()?);
/// week.set(ItemId::ToBed, 0, Status::Done("00:45".parse()?))?;
/// let obs = sleep_shift_observations(&week, &baseline)?;
/// assert_eq!(obs[0].observed, Observed::SleepShift { anchor: SleepAnchor::Bedtime, minutes: 75 });
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn sleep_shift_observations(week: &Week, baseline: &WeekScore) -> Result<Vec<Observation>, Error> {
    let anchors = [(ItemId::OutOfBed, SleepAnchor::OutOfBed), (ItemId::ToBed, SleepAnchor::Bedtime)];
    let habitual: Vec<(usize, SleepAnchor, f64)> = anchors
        .iter()
        .filter_map(|&(item, anchor)| {
            let h = baseline.item(item)?.habitual_minutes?;
            let i = week.items().iter().position(|w| w.item == item)?;
            Some((i, anchor, h))
        })
        .collect();
    if habitual.is_empty() {
        return Err(Error::from(RelapseError::InvalidObservation {
            date: baseline.start,
            field: "baseline",
            value: "no habitual out-of-bed or to-bed time".into(),
            allowed: "a scored week with out of bed and/or to bed done on at least 3 days, on a form that has them",
        }));
    }
    let mut out = Vec::new();
    for (day, date) in week.dates().into_iter().enumerate() {
        for &(i, anchor, h) in &habitual {
            let Some(minutes) = week.items().get(i).and_then(|w| w.minutes().get(day).copied().flatten()) else {
                continue;
            };
            // Signed difference on the 24-hour circle, in (−720, 720].
            let mut d = f64::from(minutes) - h;
            d = d.rem_euclid(1440.0);
            if d > 720.0 {
                d -= 1440.0;
            }
            let shift = d.round().clamp(-720.0, 720.0) as i16;
            out.push(Observation::new(date, Observed::SleepShift { anchor, minutes: shift }));
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::measures::instrument::{InstrumentId, builtin};
    use crate::measures::score::{Answers, ScoreOptions, score};

    #[test]
    fn hrsd_score_carries_item3() {
        let mut a = Answers::new();
        for i in 1..=17 {
            a.set(format!("hrsd17_{i}"), if i == 3 { 3 } else { 1 });
        }
        let s = score(builtin(InstrumentId::Hrsd17), &a, &ScoreOptions::default()).unwrap();
        let observed = Observed::try_from(&s).unwrap();
        assert_eq!(observed, Observed::Hrsd { total: 19, item3: Some(3) });
        assert_eq!(observed.safety_answers(), vec![(crate::relapse::SafetyItem::HrsdItem3, 3)]);
    }

    fn scored(id: InstrumentId, answers: &[(&str, i32)]) -> crate::measures::Score {
        let mut a = Answers::new();
        for (item, v) in answers {
            a.set(*item, *v);
        }
        score(builtin(id), &a, &ScoreOptions::default()).unwrap()
    }

    #[test]
    fn new_instruments_convert_with_their_safety_items() {
        let mut epds: Vec<(String, i32)> = (1..=9).map(|i| (format!("epds_{i}"), 0)).collect();
        epds.push(("epds_10".into(), 2));
        let refs: Vec<(&str, i32)> = epds.iter().map(|(k, v)| (k.as_str(), *v)).collect();
        let o = Observed::try_from(&scored(InstrumentId::Epds, &refs)).unwrap();
        assert_eq!(o, Observed::Epds { total: Some(2), item10: Some(2) });

        let mut teen: Vec<(String, i32)> = (1..=9).map(|i| (format!("phq9m_{i}"), 0)).collect();
        teen.push(("phq9m_serious_thoughts".into(), 1));
        let refs: Vec<(&str, i32)> = teen.iter().map(|(k, v)| (k.as_str(), *v)).collect();
        let o = Observed::try_from(&scored(InstrumentId::Phq9m, &refs)).unwrap();
        assert_eq!(
            o,
            Observed::Phq9m { total: Some(0), item9: Some(0), serious_thoughts: Some(true), lifetime_attempt: None }
        );

        let o = Observed::try_from(&scored(InstrumentId::CssrsScreener, &[("cssrs_risk", 3)])).unwrap();
        assert_eq!(o, Observed::CssrsScreener { risk: 3 });
    }

    #[test]
    fn instruments_without_an_alert_rule_are_refused_by_name() {
        let gad: Vec<(String, i32)> = (1..=7).map(|i| (format!("gad7_{i}"), 1)).collect();
        let refs: Vec<(&str, i32)> = gad.iter().map(|(k, v)| (k.as_str(), *v)).collect();
        let e = Observed::try_from(&scored(InstrumentId::Gad7, &refs)).unwrap_err();
        assert_eq!(e.kind(), crate::ErrorKind::InvalidInput);
        let msg = e.to_string();
        assert!(msg.contains("\"gad7\" has no alert rule") && msg.contains("cssrs_screener"), "{msg}");
    }
}
