//! The score series of a care record: every scored result of one instrument, as the
//! [`ScoreSeries`] that `ipsrt measure series` and `ipsrt care chart` read (band, response and
//! remission, Jacobson–Truax reliable change).
//!
//! ```
//! use std::collections::BTreeMap;
//! use ipsrt::care::{CareLog, CareRecord, Entry, EntryKind};
//! use ipsrt::measures::{InstrumentId, SeriesOptions};
//! use ipsrt::time::ZonedDateTime;
//!
//! let at = |s: &str| ZonedDateTime::parse(s, "Europe/Amsterdam");
//! let phq9 = |values: [i32; 9]| EntryKind::MeasureAnswered {
//!     instrument: InstrumentId::Phq9,
//!     answers: (1..=9).map(|i| (format!("phq9_{i}"), values[i - 1])).collect::<BTreeMap<_, _>>(),
//! };
//! let mut record = CareRecord::replay(&CareLog::default())?;
//! record.append(Entry::new("e1", at("2026-03-01T09:00")?, "2026-03-01".parse()?, "dr. A",
//!     EntryKind::PatientRegistered { patient_ref: "p-001".into(), zone: "Europe/Amsterdam".into() }))?;
//! record.append(Entry::new("e2", at("2026-03-01T09:30")?, "2026-03-01".parse()?, "patient",
//!     phq9([3, 3, 2, 2, 2, 2, 2, 2, 0])))?; // 18
//! // Typed in later than the next one, it still sits at its clinical date.
//! record.append(Entry::new("e3", at("2026-04-12T09:30")?, "2026-04-12".parse()?, "patient",
//!     phq9([1, 1, 1, 1, 0, 0, 0, 0, 0])))?; // 4
//! record.append(Entry::new("e4", at("2026-04-13T10:00")?, "2026-03-15".parse()?, "dr. A",
//!     phq9([2, 2, 2, 2, 2, 1, 1, 1, 0])))?; // 13
//! assert_eq!(record.series_instruments(), [InstrumentId::Phq9]);
//! let series = record.score_series(InstrumentId::Phq9, None)?; // baseline: the first score
//! let totals: Vec<i32> = series.points().iter().map(|p| p.total).collect();
//! assert_eq!(totals, [18, 13, 4]);
//! let report = series.evaluate(&SeriesOptions::default())?;
//! assert_eq!(report.points[2].reliable_change.as_str(), "reliably_improved");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use chrono::NaiveDate;

use super::{CareError, CareRecord, MeasureResult, NotReadyReason, quote};
use crate::measures::{InstrumentId, ScoreSeries, SeriesPoint};

impl CareRecord {
    /// The instruments the record has at least one scored result for (corrections applied,
    /// retracted results left out), in [`InstrumentId::ALL`] order.
    pub fn series_instruments(&self) -> Vec<InstrumentId> {
        InstrumentId::ALL
            .into_iter()
            .filter(|id| self.measures().iter().any(|m| m.score.instrument == id.as_str() && m.score.total.is_some()))
            .collect()
    }

    /// The results of `instrument` the series leaves out because they have no total (too many
    /// items unanswered for the instrument's missing-item policy), in clinical order.
    pub fn series_unscored(&self, instrument: InstrumentId) -> Vec<&MeasureResult> {
        self.measures()
            .iter()
            .filter(|m| m.score.instrument == instrument.as_str() && m.score.total.is_none())
            .collect()
    }

    /// The score series of `instrument`: every result of the record with a total, as the
    /// record holds them (corrections applied, retracted results left out), each at its
    /// clinical date, so a result typed in late takes its place by date. Results without a
    /// total are left out (see [`CareRecord::series_unscored`]).
    ///
    /// `baseline` is the date of the score every point is compared with; `None` takes the
    /// first score in the record (the earliest clinical date), also across a later course.
    ///
    /// # Errors
    /// [`CareError::NotReady`] when the record has no scored result of `instrument` (naming the
    /// instruments it has), when two results of it share a clinical date (naming both entries:
    /// retract or correct the one entered in error), or when `baseline` is not the date of one
    /// of its scores.
    pub fn score_series(
        &self,
        instrument: InstrumentId,
        baseline: Option<NaiveDate>,
    ) -> Result<ScoreSeries, CareError> {
        let results: Vec<(&MeasureResult, i32)> = self
            .measures()
            .iter()
            .filter(|m| m.score.instrument == instrument.as_str())
            .filter_map(|m| m.score.total.map(|t| (m, t)))
            .collect();
        if results.is_empty() {
            let have: Vec<String> = self.series_instruments().iter().map(ToString::to_string).collect();
            let have = if have.is_empty() { "none".to_owned() } else { have.join(", ") };
            return Err(CareError::NotReady(NotReadyReason::Text(format!(
                "the care record has no scored {instrument} result: choose an instrument it has scores for ({have})"
            ))));
        }
        let mut by_date: Vec<(NaiveDate, &str)> = results.iter().map(|(m, _)| (m.date, m.entry.as_str())).collect();
        by_date.sort();
        for pair in by_date.windows(2) {
            if let [(d1, first), (d2, second)] = pair
                && d1 == d2
            {
                return Err(CareError::NotReady(NotReadyReason::Text(format!(
                    "entries {} and {} are both {instrument} results dated {d1}: a series has one score per date: keep one, and retract or correct the other",
                    quote(first),
                    quote(second)
                ))));
            }
        }
        let points = results.iter().map(|(m, t)| SeriesPoint::new(m.date, *t)).collect();
        ScoreSeries::new(instrument, points, baseline).map_err(|e| CareError::NotReady(NotReadyReason::error(e)))
    }
}
