//! Operations that error messages tell the caller to perform, named in the caller's language.
//!
//! A message such as "person anna is not in the inventory: add them first (person_added)" names
//! an operation. In Rust and in JSON that operation is the course event `person_added`; a Kotlin
//! or Swift app calls `addPerson`, a Python script `add_person`. Messages therefore never write
//! the name as text: they format an [`Operation`], whose [`Display`](std::fmt::Display) writes
//! the Rust/JSON name ([`Operation::json_name`]) unless a binding has installed its own names
//! with [`with_names`] while it renders the message. Each binding keeps one table
//! (`Operation` → its function name) and a test that checks every name in it against the
//! binding's real functions, so renaming a function breaks that test rather than the message.
//!
//! ```
//! use ipsrt::operation::{Operation, with_names};
//!
//! assert_eq!(Operation::PersonAdded.to_string(), "person_added");
//! fn camel(op: Operation) -> &'static str {
//!     match op {
//!         Operation::PersonAdded => "addPerson",
//!         other => other.json_name(),
//!     }
//! }
//! let text = with_names(camel, || format!("add them first ({})", Operation::PersonAdded));
//! assert_eq!(text, "add them first (addPerson)");
//! // Outside `with_names` the Rust/JSON name is back.
//! assert_eq!(Operation::PersonAdded.to_string(), "person_added");
//! ```

use std::cell::Cell;

/// An operation an error message may tell the caller to perform. Each is a course event (its
/// JSON `"type"` is [`Operation::json_name`]); the bindings name it after the function that
/// records it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Operation {
    /// Record the diagnosis (`diagnosis_recorded`).
    DiagnosisRecorded,
    /// Record the sick role (`sick_role_recorded`).
    SickRoleRecorded,
    /// Add a person to the interpersonal inventory (`person_added`).
    PersonAdded,
    /// Edit a person of the inventory (`person_updated`).
    PersonUpdated,
    /// Choose a problem area (`problem_area_chosen`).
    ProblemAreaChosen,
    /// Remove a chosen problem area (`problem_area_removed`).
    ProblemAreaRemoved,
    /// Change the stage of a role dispute (`dispute_stage_changed`).
    DisputeStageChanged,
    /// Accept the formulation (`formulation_accepted`).
    FormulationAccepted,
    /// Set the contract (`contract_set`).
    ContractSet,
    /// Renegotiate the contract (`contract_renegotiated`).
    ContractRenegotiated,
    /// Record a response evaluation (`response_evaluated`).
    ResponseEvaluated,
    /// End the course for non-response (`ended_non_response`).
    EndedNonResponse,
    /// Decline a stop for non-response, with a reason (`non_response_stop_declined`).
    NonResponseStopDeclined,
    /// Record the relapse-prevention plan (`relapse_prevention_plan_recorded`).
    RelapsePreventionPlanRecorded,
    /// Record an outcome measure (`measure_recorded`).
    MeasureRecorded,
    /// Stop a medication (`medication_stopped`).
    MedicationStopped,
}

impl Operation {
    /// Every operation, in declaration order (for the bindings' tests of their name tables).
    pub const ALL: [Operation; 16] = [
        Operation::DiagnosisRecorded,
        Operation::SickRoleRecorded,
        Operation::PersonAdded,
        Operation::PersonUpdated,
        Operation::ProblemAreaChosen,
        Operation::ProblemAreaRemoved,
        Operation::DisputeStageChanged,
        Operation::FormulationAccepted,
        Operation::ContractSet,
        Operation::ContractRenegotiated,
        Operation::ResponseEvaluated,
        Operation::EndedNonResponse,
        Operation::NonResponseStopDeclined,
        Operation::RelapsePreventionPlanRecorded,
        Operation::MeasureRecorded,
        Operation::MedicationStopped,
    ];

    /// The Rust/JSON name: the course event's `"type"` (`"person_added"`).
    pub fn json_name(self) -> &'static str {
        match self {
            Operation::DiagnosisRecorded => "diagnosis_recorded",
            Operation::SickRoleRecorded => "sick_role_recorded",
            Operation::PersonAdded => "person_added",
            Operation::PersonUpdated => "person_updated",
            Operation::ProblemAreaChosen => "problem_area_chosen",
            Operation::ProblemAreaRemoved => "problem_area_removed",
            Operation::DisputeStageChanged => "dispute_stage_changed",
            Operation::FormulationAccepted => "formulation_accepted",
            Operation::ContractSet => "contract_set",
            Operation::ContractRenegotiated => "contract_renegotiated",
            Operation::ResponseEvaluated => "response_evaluated",
            Operation::EndedNonResponse => "ended_non_response",
            Operation::NonResponseStopDeclined => "non_response_stop_declined",
            Operation::RelapsePreventionPlanRecorded => "relapse_prevention_plan_recorded",
            Operation::MeasureRecorded => "measure_recorded",
            Operation::MedicationStopped => "medication_stopped",
        }
    }

    /// The operation whose Rust/JSON name is `name`, if any.
    pub fn from_json_name(name: &str) -> Option<Operation> {
        Operation::ALL.into_iter().find(|op| op.json_name() == name)
    }
}

/// A binding's names: the function a caller of that binding uses for each operation.
pub type Names = fn(Operation) -> &'static str;

thread_local! {
    static NAMES: Cell<Option<Names>> = const { Cell::new(None) };
}

/// Puts the previous names back when dropped (also when `f` of [`with_names`] unwinds).
struct Restore(Option<Names>);

impl Drop for Restore {
    fn drop(&mut self) {
        NAMES.with(|n| n.set(self.0));
    }
}

/// Runs `f` (typically `|| error.to_string()`) with every [`Operation`] displayed by `names`
/// on this thread, then restores the previous names. Nested calls are allowed.
pub fn with_names<R>(names: Names, f: impl FnOnce() -> R) -> R {
    let _restore = Restore(NAMES.with(|n| n.replace(Some(names))));
    f()
}

impl std::fmt::Display for Operation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let name = NAMES.with(Cell::get).map_or_else(|| self.json_name(), |names| names(*self));
        f.write_str(name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::course::CourseEvent;

    #[test]
    fn every_operation_is_a_course_event_type_and_round_trips() {
        for op in Operation::ALL {
            assert_eq!(Operation::from_json_name(op.json_name()), Some(op));
            // The name is a real event tag: deserialising `{"type": name}` fails, if at all,
            // on a missing field, never on an unknown variant.
            let err = serde_json::from_str::<CourseEvent>(&format!(r#"{{"type":"{}"}}"#, op.json_name()))
                .err()
                .map(|e| e.to_string())
                .unwrap_or_default();
            assert!(!err.contains("unknown variant"), "{op:?}: {err}");
        }
        assert_eq!(Operation::from_json_name("nothing"), None);
    }

    #[test]
    fn a_refusal_names_the_operation_in_the_callers_language() {
        let id = crate::inventory::PersonId::new("anna").unwrap();
        let e = crate::Error::from(crate::course::CourseError::PersonNotFound { id });
        assert!(e.to_string().ends_with("add them first (person_added)"), "{e}");
        fn kotlin(op: Operation) -> &'static str {
            if op == Operation::PersonAdded { "addPerson" } else { op.json_name() }
        }
        assert!(with_names(kotlin, || e.to_string()).ends_with("add them first (addPerson)"));
    }

    #[test]
    fn course_error_messages_never_write_an_operation_as_text() {
        // Messages format an `Operation`; only doc comments and `InitialTask::todo` (the
        // Rust/JSON phrase kept for callers of `todo`) spell the names out.
        let source = include_str!("course/error.rs");
        for (n, line) in source.lines().enumerate() {
            let code = line.trim_start();
            if code.starts_with("//") || code.contains("InitialTask::") {
                continue;
            }
            for op in Operation::ALL {
                let name = op.json_name();
                let hit = code.match_indices(name).any(|(i, _)| {
                    let before = code[..i].chars().next_back();
                    let after = code[i + name.len()..].chars().next();
                    let ident = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric() || c == '_');
                    !ident(before) && !ident(after)
                });
                assert!(!hit, "course/error.rs line {}: writes {name} as text; format Op::{op:?}", n + 1);
            }
        }
    }

    #[test]
    fn names_are_restored_after_a_panic() {
        fn shout(_: Operation) -> &'static str {
            "SHOUT"
        }
        let caught = std::panic::catch_unwind(|| with_names(shout, || panic!("inside")));
        assert!(caught.is_err());
        assert_eq!(Operation::ContractSet.to_string(), "contract_set");
        assert_eq!(with_names(shout, || with_names(shout, || Operation::ContractSet.to_string())), "SHOUT");
        assert_eq!(Operation::ContractSet.to_string(), "contract_set");
    }
}
