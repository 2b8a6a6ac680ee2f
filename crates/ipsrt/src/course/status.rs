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
    /// Interpersonal deficits is the focus although other areas may apply, and no clinician has
    /// acknowledged it yet (rules edition 3 accepts such a choice with this warning). Shown in
    /// every phase after the choice, until `deficits_acknowledged` (who, why).
    DeficitsUnacknowledged {
        /// What points at another area.
        evidence: super::DeficitsEvidence,
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
    /// The relapse-prevention plan was recorded with neither a reference nor a summary.
    RelapsePlanEmpty,
    /// Termination tasks neither done nor left out with a reason, during termination.
    TerminationTasksOpen {
        /// The open tasks, in order.
        open: Vec<super::TerminationTask>,
    },
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
            Warning::DeficitsUnacknowledged { evidence } => write!(
                f,
                "interpersonal deficits is the focus, but other areas may apply ({}); deficits is the residual area: review this and record deficits_acknowledged (who, why), or change the focus",
                evidence.describe_in(crate::i18n::Locale::En)
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
            Warning::RelapsePlanEmpty => f.write_str(
                "the relapse-prevention plan was recorded empty (no reference, no summary): record it again with its reference or a summary",
            ),
            Warning::TerminationTasksOpen { open } => write!(
                f,
                "termination tasks open: {}; record each (termination_task_recorded) or why it is left out (termination_task_skipped)",
                open.iter().map(|t| t.as_str().replace('_', " ")).collect::<Vec<_>>().join(", ")
            ),
        }
    }
}

/// Whether a termination task is open, done or left out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TaskState {
    /// Neither done nor left out.
    Open,
    /// Done (`termination_task_recorded`).
    Done,
    /// Left out with a reason (`termination_task_skipped`, a recorded deviation).
    Skipped,
}

impl TaskState {
    /// The stable snake_case name.
    pub fn as_str(self) -> &'static str {
        match self {
            TaskState::Open => "open",
            TaskState::Done => "done",
            TaskState::Skipped => "skipped",
        }
    }
}

/// One line of the termination checklist.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct TaskStatus {
    /// The task.
    pub task: super::TerminationTask,
    /// Its state.
    pub state: TaskState,
}

/// Attended sessions in one delivery mode.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct DeliveryCount {
    /// The mode; `None` for sessions whose mode was not recorded.
    pub mode: Option<super::DeliveryMode>,
    /// Attended sessions.
    pub attended: u32,
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
    /// The population, when recorded.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub population: Option<super::Population>,
    /// Attended sessions per delivery mode (see [`Course::delivery_counts`]).
    pub delivery: Vec<DeliveryCount>,
    /// Whether medication was taken alongside the course at any time (combined treatment).
    pub combined_treatment: bool,
    /// The medication running now.
    pub medication: Vec<String>,
    /// The termination checklist (the three tasks besides the relapse plan), once termination
    /// has been raised; empty before.
    pub termination_tasks: Vec<TaskStatus>,
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
        if let Some(evidence) = self.deficits_open() {
            warnings.push(Warning::DeficitsUnacknowledged { evidence });
        }
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
            if self.relapse_plan_empty() {
                warnings.push(Warning::RelapsePlanEmpty);
            }
            if self.phase == Phase::Termination {
                let open = self.open_termination_tasks();
                if !open.is_empty() {
                    warnings.push(Warning::TerminationTasksOpen { open });
                }
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
            population: self.population,
            delivery: self
                .delivery_counts()
                .into_iter()
                .map(|(mode, attended)| DeliveryCount { mode, attended })
                .collect(),
            combined_treatment: self.combined_treatment(),
            medication: self.current_medication().into_iter().map(str::to_owned).collect(),
            termination_tasks: self.termination_checklist(),
            warnings,
        }
    }

    /// The termination checklist: each task with its state, once termination has been raised
    /// (empty before).
    pub fn termination_checklist(&self) -> Vec<TaskStatus> {
        if !self.phase_history.iter().any(|p| p.phase == super::PhaseKind::Termination) {
            return Vec::new();
        }
        super::TerminationTask::ALL
            .into_iter()
            .map(|task| TaskStatus {
                task,
                state: match self.termination_task(task) {
                    None => TaskState::Open,
                    Some(r) if r.skipped.is_some() => TaskState::Skipped,
                    Some(_) => TaskState::Done,
                },
            })
            .collect()
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
