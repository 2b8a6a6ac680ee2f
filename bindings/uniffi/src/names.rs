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

#[cfg(test)]
mod tests {
    use crate::care::{CareEvent, CareRecord};
    use crate::course::{ProtocolId, Taxonomy};
    use crate::course_events::IptEvent;
    use crate::error::IpsrtError;
    use crate::ipsrt_course::IpsrtCourse;

    fn date() -> chrono::NaiveDate {
        chrono::NaiveDate::from_ymd_opt(2026, 1, 5).unwrap()
    }

    fn removal() -> IptEvent {
        IptEvent::PersonRemoved { person_id: "anna".into() }
    }

    #[test]
    fn a_course_refusal_inside_an_ipsrt_course_names_the_kotlin_method() {
        let c = IpsrtCourse::create(date()).unwrap();
        let e = c.apply_ipt_event(date(), removal()).unwrap_err();
        let IpsrtError::InvalidInput(m) = &e else { panic!("{e:?}") };
        assert!(m.starts_with("the course model rejected the event: person anna"), "{m}");
        assert!(m.ends_with("add them first (addPerson)"), "{m}");
    }

    #[test]
    fn a_course_refusal_inside_a_care_record_names_the_kotlin_method() {
        let record = CareRecord::new().unwrap();
        let at = ipsrt::time::ZonedDateTime::new(date().and_hms_opt(9, 0, 0).unwrap(), chrono_tz::Europe::Amsterdam);
        let mut n = 0;
        let mut append = |event: CareEvent| {
            n += 1;
            record.append(format!("e-{n}"), at, date(), "dr".into(), event, None, None)
        };
        append(CareEvent::PatientRegistered { patient_ref: "P-1".into(), zone: chrono_tz::Europe::Amsterdam }).unwrap();
        append(CareEvent::CourseStarted {
            course: "c1".into(),
            previous: None,
            protocol: ProtocolId::WmkAcute,
            taxonomy: Taxonomy::Wmk4,
        })
        .unwrap();
        let e = append(CareEvent::CourseEvent { course: "c1".into(), event: removal() }).unwrap_err();
        let IpsrtError::NotFound(m) = &e else { panic!("{e:?}") };
        assert!(m.ends_with("add them first (addPerson)"), "{m}");
    }
}
