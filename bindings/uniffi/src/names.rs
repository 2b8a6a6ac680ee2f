//! Operations named in Kotlin and Swift: an error message that tells the app to perform an
//! operation names the method the app calls (`addPerson`), not the core's event name
//! (`person_added`). See `ipsrt::operation`; the Kotlin test `ErrorTests.kt` checks every name
//! here against the real methods (of `Course`, `IpsrtCourse`, `MedicationLog`, the top-level
//! functions) and event cases (`GroupEvent.Referred`), so a rename breaks that test.

use std::collections::HashMap;

use ipsrt::operation::Operation;

/// The Kotlin/Swift name (uniffi's lowerCamel of the exported method) of each operation: a
/// method of `Course` for course events, of `IpsrtCourse` or `MedicationLog`, a top-level
/// function, or the event case an app passes to `apply` (`GroupEvent.Referred`; Swift writes
/// the case lowerCamel, `.referred`). Rhythm-plan events go across as JSON, so theirs is the
/// event type.
pub(crate) fn foreign_name(op: Operation) -> &'static str {
    match op {
        Operation::DiagnosisRecorded => "recordDiagnosis",
        Operation::SickRoleRecorded => "recordSickRole",
        Operation::PersonAdded => "addPerson",
        Operation::PersonUpdated => "updatePerson",
        Operation::ProblemAreaChosen => "chooseProblemArea",
        Operation::ProblemAreaRemoved => "removeProblemArea",
        Operation::DisputeStageChanged => "changeDisputeStage",
        Operation::FormulationAccepted => "acceptFormulation",
        Operation::ContractSet => "setContract",
        Operation::ContractRenegotiated => "renegotiateContract",
        Operation::ResponseEvaluated => "evaluateResponse",
        Operation::EndedNonResponse => "endNonResponse",
        Operation::NonResponseStopDeclined => "declineNonResponseStop",
        Operation::RelapsePreventionPlanRecorded => "recordRelapsePreventionPlan",
        Operation::MeasureRecorded => "recordMeasure",
        Operation::MedicationStopped => "stopMedication",
        Operation::TerminationStarted => "startTermination",
        Operation::IntermediateStarted => "startIntermediate",
        Operation::TaskDone => "recordTaskDone",
        Operation::AnchorAdded => "RhythmPlanEvent.AnchorAdded",
        Operation::DoseCorrected => "correct",
        Operation::GroupReferred => "GroupEvent.Referred",
        Operation::JourneyReEntered => "IpsJourneyEvent.ReEntered",
        Operation::RecurrenceRisks => "recurrenceRisks",
        Operation::ToJson => "toJson",
        // `Operation` is non-exhaustive: an operation added to the core later keeps its
        // Rust/JSON name here until it gets a row (the Kotlin test then fails).
        other => other.json_name(),
    }
}

/// The operations error messages may name, keyed by their Rust/JSON name (`"person_added"`),
/// each mapped to the method, function or event case that performs it in Kotlin and Swift
/// (`"addPerson"`, `"recurrenceRisks"`, `"GroupEvent.Referred"`).
/// Messages use these names; an app that shows its own text can map them back.
#[uniffi::export]
pub fn operation_names() -> HashMap<String, String> {
    Operation::ALL.into_iter().map(|op| (op.json_name().to_owned(), foreign_name(op).to_owned())).collect()
}
