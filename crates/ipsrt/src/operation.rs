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

/// An operation an error message may tell the caller to perform: an event of a course, an
/// IPSRT course, a group, an employment journey or a rhythm plan (its JSON `"type"` is
/// [`Operation::json_name`]), or a function (`correct`, `recurrence_risks`, `to_json`). The
/// bindings name it after the function (or event case) their callers use for it.
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
    /// Start the termination phase of a course (`termination_started`).
    TerminationStarted,
    /// Start the intermediate (middle) phase of an IPSRT course (IPSRT event
    /// `intermediate_started`).
    IntermediateStarted,
    /// Record an IPSRT initial task as done (IPSRT event `task_done`).
    TaskDone,
    /// Add an anchor to a rhythm plan (rhythm-plan event `anchor_added`).
    AnchorAdded,
    /// Correct a recorded dose (`MedicationLog::correct`).
    DoseCorrected,
    /// Refer a person to a group (group event `referred`).
    GroupReferred,
    /// Take a participant back onto the IPS caseload (journey event `re_entered`).
    JourneyReEntered,
    /// List every recurrence figure that applies (`relapse::recurrence_risks`).
    RecurrenceRisks,
    /// Save a value as its versioned JSON envelope (`persist::to_json`).
    ToJson,
}

impl Operation {
    /// Every operation, in declaration order (for the bindings' tests of their name tables).
    pub const ALL: [Operation; 25] = [
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
        Operation::TerminationStarted,
        Operation::IntermediateStarted,
        Operation::TaskDone,
        Operation::AnchorAdded,
        Operation::DoseCorrected,
        Operation::GroupReferred,
        Operation::JourneyReEntered,
        Operation::RecurrenceRisks,
        Operation::ToJson,
    ];

    /// The Rust/JSON name: the event's `"type"` (`"person_added"`), or the Rust function's name
    /// (`"to_json"`).
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
            Operation::TerminationStarted => "termination_started",
            Operation::IntermediateStarted => "intermediate_started",
            Operation::TaskDone => "task_done",
            Operation::AnchorAdded => "anchor_added",
            Operation::DoseCorrected => "correct",
            Operation::GroupReferred => "referred",
            Operation::JourneyReEntered => "re_entered",
            Operation::RecurrenceRisks => "recurrence_risks",
            Operation::ToJson => "to_json",
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

    /// Whether `{"type": name}` names a variant of the event enum `E` (it fails, if at all, on
    /// a missing field, never on an unknown variant).
    fn is_event_of<E: serde::de::DeserializeOwned>(name: &str) -> bool {
        let err = serde_json::from_str::<E>(&format!(r#"{{"type":"{name}"}}"#)).err().map(|e| e.to_string());
        !err.is_some_and(|e| e.contains("unknown variant"))
    }

    #[test]
    fn every_operation_is_a_real_event_type_or_function_and_round_trips() {
        use crate::{group, ips, ipsrt};
        for op in Operation::ALL {
            let name = op.json_name();
            assert_eq!(Operation::from_json_name(name), Some(op));
            let real = match op {
                Operation::IntermediateStarted | Operation::TaskDone => is_event_of::<ipsrt::IpsrtEvent>(name),
                Operation::AnchorAdded => is_event_of::<ipsrt::PlanEvent>(name),
                Operation::GroupReferred => is_event_of::<group::GroupEvent>(name),
                Operation::JourneyReEntered => is_event_of::<ips::JourneyEvent>(name),
                // Functions: the names of `MedicationLog::correct`, `relapse::recurrence_risks`
                // and `persist::to_json` (a rename breaks these paths at compile time).
                Operation::DoseCorrected => {
                    let _ = ipsrt::MedicationLog::correct;
                    true
                }
                Operation::RecurrenceRisks => {
                    let _ = crate::relapse::recurrence_risks;
                    true
                }
                Operation::ToJson => {
                    let _ = crate::persist::to_json::<crate::relapse::AlertMachine>;
                    true
                }
                _ => is_event_of::<CourseEvent>(name),
            };
            assert!(real, "{op:?}: {name} is not what it says it is");
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
    fn error_messages_never_write_an_operation_as_text() {
        // Messages format an `Operation`; only doc comments and `InitialTask::todo` (the
        // Rust/JSON phrase kept for callers of `todo`) spell the names out. Outside the course
        // only names with an underscore are checked ("referred" and "correct" are words too).
        for (file, source, all) in [
            ("course/error.rs", include_str!("course/error.rs"), true),
            ("group/mod.rs", include_str!("group/mod.rs"), false),
            ("ips/mod.rs", include_str!("ips/mod.rs"), false),
            ("ipsrt/mod.rs", include_str!("ipsrt/mod.rs"), false),
            ("relapse/mod.rs", include_str!("relapse/mod.rs"), false),
            ("persist.rs", include_str!("persist.rs"), false),
        ] {
            error_source_never_writes_an_operation(file, source, all);
        }
    }

    fn error_source_never_writes_an_operation(file: &str, source: &str, all: bool) {
        for (n, line) in source.lines().enumerate() {
            let code = line.trim_start();
            // The rhythm plan's stages name its event types, which every binding writes as
            // JSON (its `maintenance_started` is not the course's).
            let rhythm_stages = file == "ipsrt/mod.rs" && code.contains("follow baseline → anchors_chosen");
            // Messages are string literals: lines without one are code (`pub use`, paths).
            if code.starts_with("//") || code.contains("InitialTask::") || rhythm_stages || !code.contains('"') {
                continue;
            }
            for op in Operation::ALL {
                let name = op.json_name();
                if !all && !name.contains('_') {
                    continue;
                }
                let hit = code.match_indices(name).any(|(i, _)| {
                    let before = code[..i].chars().next_back();
                    let after = code[i + name.len()..].chars().next();
                    let ident = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric() || c == '_');
                    !ident(before) && !ident(after)
                });
                assert!(!hit, "{file} line {}: writes {name} as text; format Operation::{op:?}", n + 1);
            }
        }
    }

    #[test]
    fn refusals_outside_the_course_name_the_operation_in_the_callers_language() {
        use crate::group::{Group, GroupEvent, GroupType, LeaveReason, PersonId};
        fn kotlin(op: Operation) -> &'static str {
            match op {
                Operation::GroupReferred => "GroupEvent.Referred",
                Operation::RecurrenceRisks => "recurrenceRisks",
                Operation::ToJson => "toJson",
                other => other.json_name(),
            }
        }
        let risk = crate::relapse::recurrence_risk(crate::relapse::RiskBasis::SeedS2, 3).unwrap_err();
        assert!(risk.to_string().contains("use recurrence_risks to list"), "{risk}");
        assert!(with_names(kotlin, || risk.to_string()).contains("use recurrenceRisks to list"));
        let mut group = Group::of_type(GroupType::ProcessGroup);
        let date = chrono::NaiveDate::from_ymd_opt(2026, 1, 5).unwrap();
        let left =
            GroupEvent::Left { person: PersonId::new("ann").unwrap(), date, reason: LeaveReason::Withdrew, note: None };
        let unknown = group.apply(left).unwrap_err();
        assert!(unknown.to_string().ends_with("refer them first (referred)"), "{unknown}");
        assert!(with_names(kotlin, || unknown.to_string()).ends_with("refer them first (GroupEvent.Referred)"));
        let stored = crate::persist::from_json::<crate::relapse::AlertMachine>("{}").unwrap_err();
        assert!(with_names(kotlin, || stored.to_string()).contains("write it with toJson"), "{stored}");
    }

    fn kotlin_person(op: Operation) -> &'static str {
        if op == Operation::PersonAdded { "addPerson" } else { op.json_name() }
    }

    /// The course refusal `person_removed` of a person who is not in the inventory.
    fn remove_anna() -> crate::course::CourseEvent {
        crate::course::CourseEvent::PersonRemoved { person_id: crate::inventory::PersonId::new("anna").unwrap() }
    }

    #[test]
    fn a_course_refusal_inside_an_ipsrt_course_names_the_operation_in_the_callers_language() {
        use crate::course::EventRecord;
        use crate::ipsrt::{IpsrtCourse, IpsrtEvent, IpsrtProtocol};
        let date = chrono::NaiveDate::from_ymd_opt(2026, 1, 5).unwrap();
        let mut c = IpsrtCourse::create(IpsrtProtocol::frank(), date).unwrap();
        let e = c.apply(IpsrtEvent::Course { record: Box::new(EventRecord::new(date, remove_anna())) }).unwrap_err();
        // The kind is the IPSRT course's own (unchanged since messages were rendered eagerly).
        assert_eq!(e.kind(), crate::ErrorKind::InvalidInput);
        let rust = e.to_string();
        assert!(rust.starts_with("the course model rejected the event: person anna"), "{rust}");
        assert!(rust.ends_with("add them first (person_added)"), "{rust}");
        let kotlin = with_names(kotlin_person, || e.to_string());
        assert_eq!(kotlin, rust.replace("(person_added)", "(addPerson)"));
        // The course's error is kept whole, as the error's source.
        assert!(std::error::Error::source(&e).is_some_and(|s| s.to_string().starts_with("person anna")));
    }

    #[test]
    fn a_course_refusal_inside_a_care_record_names_the_operation_in_the_callers_language() {
        use crate::care::{CareLog, CareRecord, Entry};
        let stored: serde_json::Value =
            serde_json::from_str(include_str!("../../../examples/care_record.json")).unwrap();
        let entries = stored["data"]["entries"].as_array().unwrap();
        // Up to and including `course_started` (entry e-0005).
        let first: Vec<Entry> = entries[..5].iter().map(|e| serde_json::from_value(e.clone()).unwrap()).collect();
        assert_eq!(entries[4]["event"]["type"], "course_started");
        let mut record = CareRecord::replay(&CareLog::new(first)).unwrap();
        let mut bad = entries[9].clone();
        assert_eq!(bad["event"]["type"], "course_event");
        bad["event"]["event"] = serde_json::json!({"type": "person_removed", "person_id": "anna"});
        let e = crate::Error::from(record.append(serde_json::from_value(bad).unwrap()).unwrap_err());
        assert_eq!(e.kind(), crate::ErrorKind::NotFound);
        let rust = e.to_string();
        assert!(rust.ends_with("add them first (person_added)"), "{rust}");
        assert_eq!(with_names(kotlin_person, || e.to_string()), rust.replace("(person_added)", "(addPerson)"));
    }

    #[test]
    fn a_course_refusal_in_a_stored_log_that_does_not_replay_names_the_operation_in_the_callers_language() {
        let mut stored: serde_json::Value =
            serde_json::from_str(include_str!("../../../test-vectors/persist/ipsrt.course.v6.json")).unwrap();
        let events = stored["data"]["events"].as_array_mut().unwrap();
        let date = events.last().unwrap()["date"].clone();
        events.push(serde_json::json!({"date": date, "event": {"type": "person_removed", "person_id": "anna"}}));
        let e = crate::persist::from_json::<crate::course::CourseLog>(&stored.to_string()).unwrap_err();
        assert_eq!(e.kind(), crate::ErrorKind::InvalidInput);
        let rust = e.to_string();
        assert!(rust.contains("add them first (person_added)"), "{rust}");
        let kotlin = with_names(kotlin_person, || e.to_string());
        assert_eq!(kotlin, rust.replace("(person_added)", "(addPerson)"));
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
