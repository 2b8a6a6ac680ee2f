//! Caseload KPIs: competitive employment rate (with the quarterly benchmarks), days to first
//! employer contact and to first job, weeks worked, job tenure, hours, caseload size.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::IpsError;
use super::journey::EmploymentJourney;
use crate::persist::Persist;
use crate::source::{Cited, Evidence, Source};

/// Target: first face-to-face employer contact within this many days of programme entry.
pub const FIRST_CONTACT_TARGET_DAYS: Cited<i64> = Cited::new(
    30,
    Source::new(
        "BECKER-2019",
        "item 15 / principle 6: first face-to-face employer contact within 30 days",
        Evidence::Verified,
    ),
);

/// Target: at most this many clients per full-time employment specialist.
pub const CASELOAD_TARGET: Cited<f64> = Cited::new(
    20.0,
    Source::new("BECKER-2019", "item 1: ≤ 20 clients per full-time employment specialist", Evidence::Verified),
);

/// Hours per week from which a job counts as "working ≥ 20 h/week".
pub const HOURS_THRESHOLD: Cited<f64> = Cited::new(
    20.0,
    Source::new("BOND-CAMPBELL-DRAKE-2012", "outcome measure 8: working ≥ 20 hours per week", Evidence::Verified),
);

/// Quarterly competitive-employment-rate benchmarks: minimal, average, excellent (fractions).
pub const EMPLOYMENT_RATE_BENCHMARKS: Cited<[f64; 3]> = Cited::new(
    [0.31, 0.41, 0.50],
    Source::new(
        "IPSWORKS",
        "supervisor FAQ: quarterly rate 31 % minimal standard, 41 % average, 50 % excellent",
        Evidence::Verified,
    ),
);

/// The benchmark band of a quarterly competitive employment rate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EmploymentRateBand {
    /// Below 31 %.
    BelowMinimal,
    /// 31 % to below 41 %.
    Minimal,
    /// 41 % to below 50 %.
    Average,
    /// 50 % or more.
    Excellent,
}

impl EmploymentRateBand {
    /// The band of a rate given as a fraction `0..=1`.
    pub fn for_rate(rate: f64) -> Result<Self, IpsError> {
        if !(rate.is_finite() && (0.0..=1.0).contains(&rate)) {
            return Err(IpsError::RateOutOfRange { rate });
        }
        let [minimal, average, excellent] = EMPLOYMENT_RATE_BENCHMARKS.value;
        // A rate at or above a benchmark meets it. A count ratio k/n is correctly rounded, so
        // 41/100 compares equal to 0.41; the 1e-9 tolerance only absorbs the float noise of
        // rates computed in other ways (0.1 + 0.31). It must not round: 3100/10001 = 30.996 %
        // is below 31 % (rounding to basis points used to call it "minimal").
        let meets = |benchmark: f64| rate + 1e-9 >= benchmark;
        Ok(if meets(excellent) {
            EmploymentRateBand::Excellent
        } else if meets(average) {
            EmploymentRateBand::Average
        } else if meets(minimal) {
            EmploymentRateBand::Minimal
        } else {
            EmploymentRateBand::BelowMinimal
        })
    }
}

/// Count, mean and median of a set of values (`None` when empty).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Summary {
    /// Number of values.
    pub n: usize,
    /// Mean.
    pub mean: Option<f64>,
    /// Median (mean of the two middle values for an even count).
    pub median: Option<f64>,
}

impl Summary {
    /// Summarises values.
    pub fn of(mut values: Vec<f64>) -> Self {
        values.retain(|v| v.is_finite());
        values.sort_by(f64::total_cmp);
        let n = values.len();
        if n == 0 {
            return Summary { n, mean: None, median: None };
        }
        let mean = values.iter().sum::<f64>() / n as f64;
        let median = if n % 2 == 1 {
            values.get(n / 2).copied()
        } else {
            match (values.get(n / 2 - 1), values.get(n / 2)) {
                (Some(a), Some(b)) => Some((a + b) / 2.0),
                _ => None,
            }
        };
        Summary { n, mean: Some(mean), median }
    }
}

/// A caseload to report on: the journeys of one programme (or one specialist) and the
/// employment specialists' full-time equivalents.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Caseload {
    /// Employment specialists in FTE (for the caseload-size KPI); optional.
    #[serde(default)]
    pub specialists_fte: Option<f64>,
    /// The participants' journeys.
    pub journeys: Vec<EmploymentJourney>,
}

impl Persist for Caseload {
    const SCHEMA: &'static str = "ipsrt.ips_caseload";
    /// Version 2: the journeys are `ipsrt.employment_journey` version 2 records.
    const VERSION: u32 = 2;

    fn migrate(from: u32, mut data: serde_json::Value) -> Result<serde_json::Value, String> {
        match from {
            1 => {
                if let Some(journeys) = data.get_mut("journeys").and_then(serde_json::Value::as_array_mut) {
                    journeys.iter_mut().for_each(super::journey::migrate_record_v1);
                }
                Ok(data)
            }
            _ => Err(format!("no migration from version {from} is known")),
        }
    }
}

/// The KPIs of a caseload over a reporting period (raw values; interpretation in the
/// `*_band`/`*_within_target` fields, with the targets' sources in [`FIRST_CONTACT_TARGET_DAYS`],
/// [`CASELOAD_TARGET`], [`HOURS_THRESHOLD`] and [`EMPLOYMENT_RATE_BENCHMARKS`]).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CaseloadKpis {
    /// First day of the period.
    pub from: NaiveDate,
    /// Last day of the period (inclusive).
    pub to: NaiveDate,
    /// Participants on the caseload at some time in the period.
    pub active: usize,
    /// Of those, participants who held a competitive job at some time in the period.
    pub employed: usize,
    /// `employed / active` (`None` with no active participants).
    pub competitive_employment_rate: Option<f64>,
    /// The benchmark band of the rate (meant for quarterly periods).
    pub employment_rate_band: Option<EmploymentRateBand>,
    /// Days from entry to first employer contact, over active participants who had one by `to`.
    pub days_to_first_employer_contact: Summary,
    /// Active participants who entered at least 30 days before `to`.
    pub first_contact_eligible: usize,
    /// Of those, the ones whose first employer contact came within 30 days.
    pub first_contact_within_30_days: usize,
    /// Days from entry to first job, over active participants who had one by `to`.
    pub days_to_first_job: Summary,
    /// Competitive jobs that started in the period.
    pub job_starts: usize,
    /// Weeks worked in the period, over the employed participants.
    pub weeks_worked: Summary,
    /// Tenure in weeks of each employed participant's longest-held job, as of `to`.
    pub longest_job_tenure_weeks: Summary,
    /// Employed participants whose longest job has lasted ≥ 90 days by `to`.
    pub employed_90_days_or_more: usize,
    /// Employed participants with a job of ≥ 20 h/week in the period.
    pub working_20_hours_or_more: usize,
    /// Total hours worked in the period (hours per week × weeks).
    pub total_hours: f64,
    /// Total wages in the period, over jobs with a recorded wage.
    pub total_wages: f64,
    /// Active participants per FTE specialist, when the FTE is known.
    pub caseload_per_specialist: Option<f64>,
    /// Whether the caseload is within the ≤ 20 per FTE target.
    pub caseload_within_target: Option<bool>,
    /// Participants who exited during the period.
    pub exits: usize,
    /// Active participants who held a non-competitive job in the period (reported, never
    /// counted in `employed` or the rate).
    pub non_competitive_employed: usize,
    /// Non-competitive jobs that started in the period (not in `job_starts`).
    pub non_competitive_job_starts: usize,
}

impl Caseload {
    /// Computes the KPIs over `[from, to]` (inclusive). A quarter is the usual period for the
    /// employment-rate benchmark.
    pub fn kpis(&self, from: NaiveDate, to: NaiveDate) -> Result<CaseloadKpis, IpsError> {
        if to < from {
            return Err(IpsError::InvalidPeriod { from, to });
        }
        if let Some(fte) = self.specialists_fte
            && !(fte.is_finite() && fte > 0.0)
        {
            return Err(IpsError::InvalidFte { fte });
        }
        let active: Vec<&EmploymentJourney> = self.journeys.iter().filter(|j| j.active_during(from, to)).collect();
        let employed: Vec<&EmploymentJourney> =
            active.iter().copied().filter(|j| j.employed_during(from, to)).collect();
        let rate = (!active.is_empty()).then(|| employed.len() as f64 / active.len() as f64);
        let target = FIRST_CONTACT_TARGET_DAYS.value;
        let eligible: Vec<&&EmploymentJourney> =
            active.iter().filter(|j| (to - j.enrolled_on()).num_days() >= target).collect();
        let within = eligible
            .iter()
            .filter(|j| {
                j.days_to_first_employer_contact().is_some_and(|d| d <= target)
                    && j.first_employer_contact().is_some_and(|d| d <= to)
            })
            .count();
        let mut total_hours = 0.0;
        let mut total_wages = 0.0;
        let mut twenty = 0;
        for j in &employed {
            let mut any20 = false;
            for s in j.competitive_jobs().filter(|s| s.overlaps(from, to)) {
                let hours = s.days_within(from, to) as f64 / 7.0 * s.job.hours_per_week;
                total_hours += hours;
                total_wages += s.job.hourly_wage.map_or(0.0, |w| w * hours);
                any20 |= s.job.hours_per_week >= HOURS_THRESHOLD.value;
            }
            twenty += usize::from(any20);
        }
        let per = self.specialists_fte.map(|fte| active.len() as f64 / fte);
        Ok(CaseloadKpis {
            from,
            to,
            active: active.len(),
            employed: employed.len(),
            competitive_employment_rate: rate,
            employment_rate_band: rate.map(EmploymentRateBand::for_rate).transpose()?,
            days_to_first_employer_contact: Summary::of(
                active
                    .iter()
                    .filter(|j| j.first_employer_contact().is_some_and(|d| d <= to))
                    .filter_map(|j| j.days_to_first_employer_contact())
                    .map(|d| d as f64)
                    .collect(),
            ),
            first_contact_eligible: eligible.len(),
            first_contact_within_30_days: within,
            days_to_first_job: Summary::of(
                active
                    .iter()
                    .filter(|j| j.competitive_jobs().next().is_some_and(|s| s.start <= to))
                    .filter_map(|j| j.days_to_first_job())
                    .map(|d| d as f64)
                    .collect(),
            ),
            job_starts: active
                .iter()
                .flat_map(|j| j.competitive_jobs())
                .filter(|s| s.start >= from && s.start <= to)
                .count(),
            weeks_worked: Summary::of(employed.iter().map(|j| j.weeks_worked(from, to)).collect()),
            longest_job_tenure_weeks: Summary::of(employed.iter().filter_map(|j| j.longest_tenure_weeks(to)).collect()),
            employed_90_days_or_more: employed
                .iter()
                .filter(|j| j.competitive_jobs().any(|s| s.start <= to && s.days_within(s.start, to) >= 90))
                .count(),
            working_20_hours_or_more: twenty,
            total_hours,
            total_wages,
            caseload_per_specialist: per,
            caseload_within_target: per.map(|p| p <= CASELOAD_TARGET.value),
            exits: active
                .iter()
                .filter(|j| j.episodes().iter().any(|e| e.exited_on.is_some_and(|d| d >= from && d <= to)))
                .count(),
            non_competitive_employed: active.iter().filter(|j| j.non_competitive_during(from, to)).count(),
            non_competitive_job_starts: active
                .iter()
                .flat_map(|j| j.jobs())
                .filter(|s| !s.job.competitive && s.start >= from && s.start <= to)
                .count(),
        })
    }
}
