//! The eight principles of IPS.

use serde::{Deserialize, Serialize};

use crate::source::{Evidence, Source};

/// One of the eight IPS principles (current model; older literature, including seed S4, counted
/// seven, without [`Principle::SystematicJobDevelopment`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Principle {
    /// 1. Focus on competitive employment.
    CompetitiveEmployment,
    /// 2. Eligibility based on client choice (zero exclusion).
    ZeroExclusion,
    /// 3. Integration of employment services with mental health treatment.
    IntegratedServices,
    /// 4. Attention to worker preferences.
    WorkerPreferences,
    /// 5. Personalised benefits counselling (work-incentives planning).
    BenefitsCounselling,
    /// 6. Rapid job search (first face-to-face employer contact within 30 days).
    RapidJobSearch,
    /// 7. Systematic job development (added after the seven-principle count).
    SystematicJobDevelopment,
    /// 8. Time-unlimited, individualised support.
    TimeUnlimitedSupport,
}

/// The eight principles in their conventional order.
pub const PRINCIPLES: [Principle; 8] = [
    Principle::CompetitiveEmployment,
    Principle::ZeroExclusion,
    Principle::IntegratedServices,
    Principle::WorkerPreferences,
    Principle::BenefitsCounselling,
    Principle::RapidJobSearch,
    Principle::SystematicJobDevelopment,
    Principle::TimeUnlimitedSupport,
];

impl Principle {
    /// 1-based number in the conventional order.
    pub fn number(self) -> u8 {
        PRINCIPLES.iter().position(|p| *p == self).map_or(0, |i| i as u8 + 1)
    }

    /// Short name.
    pub fn name(self) -> &'static str {
        match self {
            Principle::CompetitiveEmployment => "Focus on competitive employment",
            Principle::ZeroExclusion => "Eligibility based on client choice (zero exclusion)",
            Principle::IntegratedServices => "Integration of employment services with mental health treatment",
            Principle::WorkerPreferences => "Attention to worker preferences",
            Principle::BenefitsCounselling => "Personalised benefits counselling",
            Principle::RapidJobSearch => "Rapid job search",
            Principle::SystematicJobDevelopment => "Systematic job development",
            Principle::TimeUnlimitedSupport => "Time-unlimited and individualised support",
        }
    }

    /// One-sentence description for a non-specialist.
    pub fn description(self) -> &'static str {
        match self {
            Principle::CompetitiveEmployment => {
                "Community jobs anyone can apply for, paying at least the minimum or prevailing wage, not set aside for people with disabilities."
            }
            Principle::ZeroExclusion => {
                "Nobody who wants to work is excluded for readiness, diagnosis, symptoms, substance use, hospitalisations, homelessness, disability or legal-system involvement."
            }
            Principle::IntegratedServices => "Employment specialists work inside the mental health treatment team.",
            Principle::WorkerPreferences => "Job type, hours and disclosure follow what the person wants.",
            Principle::BenefitsCounselling => "Each person gets individual advice on how work affects their benefits.",
            Principle::RapidJobSearch => {
                "No lengthy pre-employment assessment or training; the first face-to-face employer contact is within 30 days."
            }
            Principle::SystematicJobDevelopment => {
                "Employment specialists visit employers, guided by the person's preferences."
            }
            Principle::TimeUnlimitedSupport => {
                "Support continues as long as the worker wants and needs it (on average about a year on the caseload)."
            }
        }
    }

    /// Whether the principle was already in the older seven-principle count (seed S4).
    pub fn in_seven_principle_count(self) -> bool {
        self != Principle::SystematicJobDevelopment
    }

    /// Where the principle comes from.
    pub fn source(self) -> Source {
        Source::new("IPSWORKS", "IPS practice and principles; docs/ips.md#principles", Evidence::Verified)
    }
}
