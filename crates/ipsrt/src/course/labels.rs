//! The labels of the course model in every [`Locale`]: phases and warnings.
//!
//! ```
//! use ipsrt::course::{PhaseKind, Warning};
//! use ipsrt::i18n::{Locale, Localize};
//!
//! assert_eq!(PhaseKind::Middle.label_in(Locale::En), "middle");
//! assert_eq!(PhaseKind::Middle.label_in(Locale::Nl), "middenfase (werken aan de focus)");
//! let w = Warning::TerminationNotRaised { remaining: 1 };
//! assert_eq!(w.label_in(Locale::En), w.to_string());
//! assert_eq!(w.label_in(Locale::Nl), "afsluiting nog niet besproken, nog 1 sessie over");
//! ```

use super::state::{Phase, PhaseKind};
use super::status::Warning;
use crate::i18n::{self, Arg, Locale, Localize};

impl PhaseKind {
    /// Every phase, in phase order.
    pub const ALL: [PhaseKind; 5] =
        [PhaseKind::Initial, PhaseKind::Middle, PhaseKind::Termination, PhaseKind::Maintenance, PhaseKind::Ended];
}

impl Localize for PhaseKind {
    /// The phase's name (`"middle"`, `"middenfase (werken aan de focus)"`).
    fn label_in(&self, locale: Locale) -> String {
        i18n::text_or(locale, &format!("phase-{}", self.as_str()), &[], self.as_str())
    }
}

impl Localize for Phase {
    /// The name of the phase's kind.
    fn label_in(&self, locale: Locale) -> String {
        self.kind().label_in(locale)
    }
}

impl Localize for super::ResponseVerdict {
    /// The verdict's name (`"partial response"`, `"gedeeltelijke respons"`).
    fn label_in(&self, locale: Locale) -> String {
        i18n::text_or(locale, &format!("verdict-{}", self.as_str()), &[], &self.as_str().replace('_', " "))
    }
}

impl Localize for super::TerminationTask {
    /// The task's name (`"independent competence"`, `"eigen competentie erkend"`).
    fn label_in(&self, locale: Locale) -> String {
        i18n::text_or(locale, &format!("termination-task-{}", self.as_str()), &[], &self.as_str().replace('_', " "))
    }
}

impl Localize for super::TaskState {
    /// The state's name (`"open"`, `"gedaan"`).
    fn label_in(&self, locale: Locale) -> String {
        i18n::text_or(locale, &format!("task-state-{}", self.as_str()), &[], self.as_str())
    }
}

impl Localize for super::DeliveryMode {
    /// The mode's name (`"in person"`, `"video"`).
    fn label_in(&self, locale: Locale) -> String {
        i18n::text_or(locale, &format!("delivery-mode-{}", self.as_str()), &[], &self.as_str().replace('_', " "))
    }
}

impl Localize for super::Population {
    /// The population's name (`"older adult"`, `"ouderen"`).
    fn label_in(&self, locale: Locale) -> String {
        i18n::text_or(locale, &format!("population-{}", self.as_str()), &[], &self.as_str().replace('_', " "))
    }
}

impl Warning {
    /// The warning's stable snake_case code (`"termination_not_raised"`), the same as the
    /// `warning` tag of its serde form.
    pub fn code(&self) -> &'static str {
        match self {
            Warning::SafetySignalOpen { .. } => "safety_signal_open",
            Warning::DeficitsUnacknowledged { .. } => "deficits_unacknowledged",
            Warning::TerminationNotRaised { .. } => "termination_not_raised",
            Warning::ContractUsedUp => "contract_used_up",
            Warning::FocusOverdue { .. } => "focus_overdue",
            Warning::EvaluationDue { .. } => "evaluation_due",
            Warning::FreshEvaluationDue { .. } => "fresh_evaluation_due",
            Warning::StopCandidate { .. } => "stop_candidate",
            Warning::DisputeDissolved => "dispute_dissolved",
            Warning::RelapsePlanMissing => "relapse_plan_missing",
            Warning::RelapsePlanEmpty => "relapse_plan_empty",
            Warning::TerminationTasksOpen { .. } => "termination_tasks_open",
            Warning::ConsecutiveMissed { .. } => "consecutive_missed",
        }
    }
}

impl Localize for Warning {
    /// The warning as a sentence; in English the same text as its `Display`.
    fn label_in(&self, locale: Locale) -> String {
        let args: Vec<(&str, Arg<'_>)> = match self {
            Warning::SafetySignalOpen { recorded, instrument, level, items } => vec![
                ("level", level.label_in(locale).into()),
                ("instrument", instrument.as_str().into()),
                ("recorded", recorded.to_string().into()),
                ("items", items.join(", ").into()),
            ],
            Warning::DeficitsUnacknowledged { evidence } => vec![("evidence", evidence.describe_in(locale).into())],
            Warning::TerminationNotRaised { remaining } => vec![("remaining", (*remaining).into())],
            Warning::ContractUsedUp
            | Warning::RelapsePlanMissing
            | Warning::RelapsePlanEmpty
            | Warning::DisputeDissolved => Vec::new(),
            Warning::TerminationTasksOpen { open } => {
                vec![("open", open.iter().map(|t| t.label_in(locale)).collect::<Vec<_>>().join(", ").into())]
            }
            Warning::FreshEvaluationDue { stop } => vec![("stop", (*stop).into())],
            Warning::StopCandidate { after_sessions, verdict, reduction_percent, threshold_percent } => {
                let or_none = |v: Option<Arg<'static>>| v.unwrap_or_else(|| "none".into());
                vec![
                    ("after_sessions", (*after_sessions).into()),
                    ("verdict", verdict.label_in(locale).into()),
                    ("reduction", or_none(reduction_percent.map(Arg::from))),
                    ("threshold", or_none(threshold_percent.map(Arg::from))),
                ]
            }
            Warning::FocusOverdue { held, window_end } => {
                vec![("held", (*held).into()), ("window_end", (*window_end).into())]
            }
            Warning::EvaluationDue { first, last } => vec![("first", (*first).into()), ("last", (*last).into())],
            Warning::ConsecutiveMissed { count } => vec![("count", (*count).into())],
        };
        i18n::text_or(locale, &format!("warning-{}", self.code()), &args, &self.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::course::ResponseVerdict;

    /// The rules-edition-2 warnings read in English exactly as their `Display`, with and
    /// without the optional reduction, and have a Dutch text of their own.
    #[test]
    fn new_warnings_match_display_and_have_dutch() {
        let warnings = [
            Warning::FreshEvaluationDue { stop: 12 },
            Warning::StopCandidate {
                after_sessions: 12,
                verdict: ResponseVerdict::PartialResponse,
                reduction_percent: Some(40),
                threshold_percent: Some(50),
            },
            Warning::StopCandidate {
                after_sessions: 12,
                verdict: ResponseVerdict::MinimalOrNoBenefit,
                reduction_percent: Some(10),
                threshold_percent: None,
            },
            Warning::StopCandidate {
                after_sessions: 12,
                verdict: ResponseVerdict::MinimalOrNoBenefit,
                reduction_percent: None,
                threshold_percent: Some(50),
            },
            Warning::DisputeDissolved,
        ];
        for w in &warnings {
            assert_eq!(w.label_in(Locale::En), w.to_string());
            let nl = w.label_in(Locale::Nl);
            assert_ne!(nl, w.to_string(), "{nl}");
        }
        let nl = warnings[1].label_in(Locale::Nl);
        assert!(nl.contains("gedeeltelijke respons, een afname van 40 % (onder 50 % is geen respons);"), "{nl}");
    }
}
