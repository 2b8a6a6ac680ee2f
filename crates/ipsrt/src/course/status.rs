//! A summary of a course's state with warnings, for display.

use serde::Serialize;

use super::state::{Course, Phase};
use crate::problem_area::ChosenArea;

/// Something the clinician should look at. Warnings never block an event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "warning", rename_all = "snake_case")]
pub enum Warning {
    /// A recorded measure raised safety signals that no clinician has acknowledged yet. Shown
    /// first, in every phase, until a `safety_acknowledged` event.
    SafetySignalOpen {
        /// The day the measure was recorded.
        recorded: chrono::NaiveDate,
        /// The instrument.
        instrument: String,
        /// The highest level among its signals.
        level: crate::measures::SafetyLevel,
        /// The items that raised signals, with their raw answers (`"phq9_9=2"`).
        items: Vec<String>,
    },
    /// Termination has not been raised and the end is near.
    TerminationNotRaised {
        /// Sessions left in the contract.
        remaining: u32,
    },
    /// The contract is used up but the course is still active.
    ContractUsedUp,
    /// The focus window has passed without a chosen area.
    FocusOverdue {
        /// Sessions held.
        held: u32,
        /// Last session of the window.
        window_end: u32,
    },
    /// The protocol's evaluation window is open and no evaluation is recorded.
    EvaluationDue {
        /// First session of the window.
        first: u32,
        /// Last session of the window.
        last: u32,
    },
    /// Rules edition 2: the stop session is reached and no evaluation was made at or after it;
    /// the next attended session is refused until one is.
    FreshEvaluationDue {
        /// The protocol's stop session.
        stop: u32,
    },
    /// Rules edition 2: the latest evaluation made the course a stop candidate; the clinician
    /// ends it (`ended_non_response` with the alternative offered) or declines the stop with a
    /// reason (`non_response_stop_declined`). Sessions and completion wait for the decision.
    StopCandidate {
        /// Attended sessions at the evaluation.
        after_sessions: u32,
        /// Its verdict.
        verdict: super::ResponseVerdict,
        /// The reduction from baseline in whole percent, when the basis has both totals.
        #[serde(skip_serializing_if = "Option::is_none")]
        reduction_percent: Option<i32>,
        /// The protocol's stop reduction in percent, when it has one.
        #[serde(skip_serializing_if = "Option::is_none")]
        threshold_percent: Option<u32>,
    },
    /// The role dispute reached dissolution in the middle phase: a dissolved dispute is worked
    /// on like a role transition (WMK-2000), so the focus may switch with `focus_changed`.
    DisputeDissolved,
    /// No relapse-prevention plan yet during termination.
    RelapsePlanMissing,
    /// Consecutive missed sessions (discuss them as interpersonal material).
    ConsecutiveMissed {
        /// How many in a row, ending with the latest session.
        count: u32,
    },
}

impl std::fmt::Display for Warning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Warning::SafetySignalOpen { recorded, instrument, level, items } => write!(
                f,
                "OPEN SAFETY SIGNAL ({}) from {instrument} recorded {recorded}: {}; a clinician must review it and record safety_acknowledged (who, what was done)",
                level.as_str().replace('_', " "),
                items.join(", ")
            ),
            Warning::TerminationNotRaised { remaining } => {
                write!(
                    f,
                    "termination not yet raised, {remaining} session{} left",
                    if *remaining == 1 { "" } else { "s" }
                )
            }
            Warning::ContractUsedUp => {
                f.write_str("the contract is used up: end the course or renegotiate the contract")
            }
            Warning::FocusOverdue { held, window_end } => {
                write!(
                    f,
                    "no problem area chosen after {held} sessions; the protocol chooses the focus by session {window_end}"
                )
            }
            Warning::EvaluationDue { first, last } => {
                write!(f, "response evaluation due (protocol evaluates after sessions {first}–{last})")
            }
            Warning::FreshEvaluationDue { stop } => write!(
                f,
                "a fresh response evaluation is due: none was made at or after session {stop}, where the protocol decides on stopping"
            ),
            Warning::StopCandidate { after_sessions, verdict, reduction_percent, threshold_percent } => {
                write!(
                    f,
                    "stop candidate: the evaluation after {after_sessions} sessions found {}",
                    verdict.as_str().replace('_', " ")
                )?;
                if let Some(r) = reduction_percent {
                    write!(f, ", a {r} % reduction")?;
                    if let Some(t) = threshold_percent {
                        write!(f, " (under {t} % is no response)")?;
                    }
                }
                f.write_str("; end the course offering an alternative (ended_non_response) or record why treatment continues (non_response_stop_declined)")
            }
            Warning::DisputeDissolved => f.write_str(
                "the role dispute has reached dissolution, which is worked on like a role transition: to switch the focus, record focus_changed {area: role_transition, replaces: role_dispute, reason}",
            ),
            Warning::RelapsePlanMissing => {
                f.write_str("no relapse-prevention plan recorded yet; it is required to complete the course")
            }
            Warning::ConsecutiveMissed { count } => {
                write!(f, "{count} sessions missed in a row: discuss the absences openly")
            }
        }
    }
}

/// A course's state at a glance.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CourseStatus {
    /// The phase's name (`"initial"`, `"middle"`, …; see [`super::PhaseKind::as_str`]). A string so
    /// that bindings can pass it through unchanged.
    pub phase: String,
    /// Sessions attended (whole course).
    pub attended: u32,
    /// Sessions missed (whole course).
    pub missed: u32,
    /// Sessions cancelled and rescheduled (whole course).
    pub cancelled: u32,
    /// Sessions in the contract in force.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub contract_sessions: Option<u32>,
    /// Sessions remaining in the contract in force.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub remaining: Option<u32>,
    /// The chosen areas.
    pub focus: Vec<ChosenArea>,
    /// Warnings.
    pub warnings: Vec<Warning>,
}

impl Course {
    /// The course's state at a glance, with warnings.
    pub fn status(&self) -> CourseStatus {
        let mut warnings: Vec<Warning> = self
            .open_safety()
            .map(|m| Warning::SafetySignalOpen {
                recorded: m.date,
                instrument: m.instrument.clone(),
                level: crate::measures::safety::highest(&m.safety).unwrap_or(crate::measures::SafetyLevel::Notice),
                items: m.safety.iter().map(|g| format!("{}={}", g.item, g.answer)).collect(),
            })
            .collect();
        let remaining = self.remaining();
        let active = !self.phase.is_ended();
        let notice_max = self.protocol.termination_notice.value.max;
        if active {
            if let (Phase::Middle | Phase::Initial, Some(r)) = (&self.phase, remaining)
                && r <= notice_max
                && r > 0
            {
                warnings.push(Warning::TerminationNotRaised { remaining: r });
            }
            if remaining == Some(0) {
                warnings.push(Warning::ContractUsedUp);
            }
            let w = self.protocol.focus_window.value;
            if self.phase == Phase::Initial && self.areas.is_empty() && self.attended() > w.max {
                warnings.push(Warning::FocusOverdue { held: self.attended(), window_end: w.max });
            }
            if let Some(rule) = &self.protocol.evaluation
                && matches!(self.phase, Phase::Middle | Phase::Termination)
            {
                let win = rule.value.window;
                if self.attended() >= win.min && !self.evaluations.iter().any(|e| e.after_sessions >= win.min) {
                    warnings.push(Warning::EvaluationDue { first: win.min, last: win.max });
                }
            }
            if let Some(stop) = self.protocol.evaluation.as_ref().and_then(|r| r.value.stop_without_effect_after)
                && self.protocol.rules_edition >= 2
                && matches!(self.phase, Phase::Middle | Phase::Termination)
                && self.attended() >= stop
                && !self.evaluations.iter().any(|e| e.after_sessions >= stop)
            {
                warnings.push(Warning::FreshEvaluationDue { stop });
            }
            if let Some(e) = self.stop_candidate() {
                warnings.push(Warning::StopCandidate {
                    after_sessions: e.after_sessions,
                    verdict: e.verdict,
                    reduction_percent: e.reduction_percent(),
                    threshold_percent: self.protocol.stop_reduction.as_ref().map(|t| t.value),
                });
            }
            if self.phase == Phase::Middle
                && self
                    .area(crate::problem_area::ProblemAreaKind::RoleDispute)
                    .is_some_and(|a| a.dispute_stage == Some(crate::problem_area::DisputeStage::Dissolution))
            {
                warnings.push(Warning::DisputeDissolved);
            }
            if self.phase == Phase::Termination && self.relapse_plan.is_none() {
                warnings.push(Warning::RelapsePlanMissing);
            }
            let missed_run = self
                .sessions
                .iter()
                .rev()
                .filter(|s| s.attendance != super::event::Attendance::Cancelled)
                .take_while(|s| s.attendance == super::event::Attendance::Missed)
                .count() as u32;
            if missed_run >= 2 {
                warnings.push(Warning::ConsecutiveMissed { count: missed_run });
            }
        }
        CourseStatus {
            phase: self.phase.kind().as_str().to_owned(),
            attended: self.attended(),
            missed: self.missed(),
            cancelled: self.cancelled(),
            contract_sessions: self.contract().map(|c| c.sessions),
            remaining,
            focus: self.areas.clone(),
            warnings,
        }
    }

    /// The focus as text, e.g. `"role dispute (impasse, with partner)"`.
    pub fn focus_text(&self) -> String {
        if self.areas.is_empty() {
            return "not chosen".into();
        }
        self.areas
            .iter()
            .map(|a| {
                let mut s = a.kind.label(self.taxonomy).to_owned();
                let mut extra = Vec::new();
                if let Some(st) = a.dispute_stage {
                    extra.push(st.as_str().to_owned());
                }
                if let Some(p) = &a.person {
                    extra.push(format!("with {p}"));
                }
                if !extra.is_empty() {
                    s.push_str(&format!(" ({})", extra.join(", ")));
                }
                s
            })
            .collect::<Vec<_>>()
            .join(" + ")
    }
}
