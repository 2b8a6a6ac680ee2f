//! Conversions from scored results into alert-machine observations, so an app feeds the
//! machine the same numbers it shows (interpretation stays in the machine; scores are not
//! changed).
//!
//! * a scored PHQ-9, ASRM, YMRS or HRSD-17 ([`crate::measures::Score`]) → [`Observed`]: PHQ-9 carries its
//!   total and item 9 (an unanswered item 9 stays `None`; the machine never lowers a level
//!   because of it), the others their total; other instruments are an `InvalidInput` error;
//! * a weekly SRM result ([`crate::srm::WeekScore`]) → [`Observed::SrmWeek`] when it is scorable
//!   (a not-scorable week is `NotScorable`, never a score of 0).
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
use crate::measures::{MeasureError, Score};
use crate::relapse::Observed;
use crate::srm::{SrmError, WeekScore};

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
                let item9 = score.answers.get("phq9_9").and_then(|v| u8::try_from(v).ok());
                Ok(Observed::Phq9 { total: total_u8(score)?, item9 })
            }
            "asrm" => Ok(Observed::Asrm { total: required_total(score)? }),
            "ymrs" => Ok(Observed::Ymrs { total: required_total(score)? }),
            "hrsd17" => Ok(Observed::Hrsd { total: required_total(score)? }),
            other => Err(Error::from(MeasureError::UnknownInstrument {
                id: format!("{other} (the alert machine reads phq9, asrm, ymrs and hrsd17)"),
            })),
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
