//! Enums for every closed set (issue 19): every `String` field of a uniffi Record and every
//! exported function returning `String` (also inside `Option`/`Vec`/maps) is listed here with
//! the reason it is text and not an enum. A new one fails this test until it is listed with its
//! reason (or made an enum); a listed one that is gone fails until it is taken off the list.
//!
//! Reasons: **free** — text a person writes or reads (names, notes, sentences, labels);
//! **id** — an identifier whose values are data, not a closed set of the core (a person, a
//! task, an instrument item, a key of the bibliography, a custom instrument's own id);
//! **json** — the core's serde form (a document or an escape, see `json_doors.rs`);
//! **open** — values of a set that grows with the data or the registry, so an enum would break
//! old apps (schema names, LOINC codes, versions).
//!

use std::collections::BTreeMap;

const NOT_AUDITED: &[&str] = &[];

const TEXT: &[(&str, &str)] = &[
    // Records
    ("care::CareEntryView.id", "id: an entry id"),
    ("care_migrate::CareStoredPlan.plan_id", "id: the relapse plan's id"),
    ("care_migrate::CareLeftOut.document", "free: the stored document (its schema and id)"),
    ("care_migrate::CareLeftOut.fact", "free: the fact left out, as words"),
    ("care_migrate::CareLeftOut.why", "free: why it has no care entry"),
    ("care::CareEntryView.author", "free: who recorded the entry"),
    ("care::CareEntryView.state_ref", "id: the correcting, retracting or amended entry"),
    ("care::CareAlert.plan_id", "id: the relapse plan's id"),
    ("care::CareAlert.evidence", "id: entry ids behind the alert"),
    ("care::CareAlert.reasons", "free: the reasons as sentences"),
    ("care::CareDerivedObservation.id", "id: the derived observation's id"),
    ("care::CareDecision.entry", "id: an entry id"),
    ("care::CareDecision.plan_id", "id: the relapse plan's id"),
    ("care::CarePlanVersion.entry", "id: an entry id"),
    ("care::CarePlanVersion.plan_id", "id: the relapse plan's id"),
    ("care::CarePlanVersion.author", "free: who recorded the version"),
    ("care::CareCourse.id", "id: a course id"),
    ("care::CareCourse.previous", "id: a course id"),
    ("care::CareCourse.protocol", "open: the protocol key; a stored course may carry a protocol of its own"),
    ("care::CareOccurrence.id", "id: the occurrence id as text (task/date/slot)"),
    ("care::CareOccurrence.what", "id: the task's `what` code, chosen by the schedule's author"),
    ("care::CareTaskAdherence.task", "id: a task"),
    ("care::CareTaskAdherence.what", "id: the task's `what` code, chosen by the schedule's author"),
    ("care::CareSafetyWarning.entry", "id: an entry id"),
    ("care::CareSafetyWarning.detail", "free: the warning in words"),
    ("care::CareStatus.patient_ref", "id: the patient's reference"),
    ("care::CareStatus.plan_id", "id: the relapse plan's id"),
    ("care::CareStatus.reasons", "free: the reasons as sentences"),
    ("care::CareStatus.evidence", "id: entry ids behind the level"),
    ("care::CareStatus.late_entries", "id: entry ids"),
    ("relapse_plan::PlanActions.must", "free: actions in the person's words"),
    ("relapse_plan::PlanActions.might", "free: actions in the person's words"),
    ("relapse_plan::PlanWarningSign.id", "id: a sign of the plan, chosen by its author"),
    ("relapse_plan::PlanWarningSign.description", "free: the sign in the person's words"),
    ("relapse_plan::PlanTrigger.description", "free: the trigger in the person's words (the kind is an enum)"),
    ("relapse_plan::PlanDailyMaintenance.when_well", "free: the person's words"),
    ("relapse_plan::PlanDailyMaintenance.every_day", "free: the person's words"),
    ("relapse_plan::PlanDailyMaintenance.reminders", "free: the person's words"),
    ("relapse_plan::PlanPreferences.acceptable", "free: the person's words"),
    ("relapse_plan::PlanPreferences.avoid", "free: the person's words"),
    ("relapse_plan::PlanCrisis.when_well", "free: the person's words"),
    ("relapse_plan::PlanCrisis.supporters", "free: names"),
    ("relapse_plan::PlanCrisis.not_involved", "free: names"),
    ("relapse_plan::PlanCrisis.disagreements", "free: the person's words"),
    ("relapse_plan::PlanCrisis.home_care", "free: the person's words"),
    ("relapse_plan::PlanCrisis.inactivation", "free: the person's words"),
    ("relapse_plan::PlanPostCrisis.out_of_crisis_signs", "free: the person's words"),
    ("relapse_plan::PlanPostCrisis.steps", "free: the person's words"),
    ("relapse_plan::PlanMedication.name", "free: a medication as the clinician wrote it"),
    ("relapse_plan::PlanMedication.dose", "free: a dose as prescribed"),
    ("relapse_plan::PlanMedication.schedule", "free: when, in words"),
    ("relapse_plan::PlanMedications.notes", "free: agreements in words"),
    ("relapse_plan::PlanMaintenance.frequency", "free: a frequency as agreed"),
    ("relapse_plan::PlanMaintenance.notes", "free: agreements in words"),
    ("relapse_plan::RelapsePlanContents.toolbox", "free: the person's words"),
    ("rhythm::RhythmDisruption.protective_routines", "free: routines as the patient names them"),
    ("rhythm::RhythmDisruption.note", "free: a note"),
    ("rhythm::RhythmPlanSettings.decided_by", "free: who decided the local values"),
    ("care::log_json", "json: a stored document"),
    ("care::record_json", "json: the rebuilt record for export"),
    ("care::unevaluated", "id: entry ids"),
    ("care::ips_journey", "id: the linked journey's id"),
    ("care::patient_ref", "id: the patient's reference"),
    ("care::series_unscored", "id: entry ids"),
    ("inventory::Expectation.text", "free: an expectation in words"),
    ("inventory::RelationshipChange.description", "free: a change in words"),
    ("inventory::Person.id", "id: a person of the inventory"),
    ("inventory::Person.name", "free: a name or initials"),
    ("inventory::Person.role", "free: the relationship as the patient names it (partner, manager, ...)"),
    ("inventory::Person.shared_activities", "free: activities in words"),
    ("inventory::Person.satisfying", "free: aspects in words"),
    ("inventory::Person.unsatisfying", "free: aspects in words"),
    ("inventory::Person.desired_changes", "free: changes in words"),
    ("checks::SrmParticipantDiary.participant", "id: the participant column of an export"),
    ("checks::SrmParticipantDiary.diary_json", "json: the diary as stored"),
    ("course::MedicationPeriod.medication", "free: a medication as the clinician wrote it"),
    ("course::EvaluationBasis.instrument", "id: a course may be evaluated with any instrument, shipped or not"),
    ("course::FocusChange.reason", "free: the clinician's reason"),
    ("course::ChosenArea.person", "id: a person of the inventory"),
    ("course::DeficitsChange.person", "id: a person of the inventory"),
    ("course::DeficitsEvidence.deceased", "id: persons of the inventory"),
    ("course::DeficitsEvidence.open_conflicts", "id: persons of the inventory"),
    ("course::DeficitsNotAssessed.person", "id: a person of the inventory"),
    ("course::DeficitsAcknowledgement.by", "free: who acknowledged"),
    ("course::DeficitsAcknowledgement.reason", "free: the clinician's reason"),
    ("course::CourseWarning.message", "free: the warning as a sentence (the code is CourseWarningCode)"),
    ("course::CourseStatus.focus_text", "free: the focus as a sentence"),
    ("course::CourseStatus.medication", "free: medications as the clinician wrote them"),
    ("episode::EpisodeSuggestion.reasons", "free: sentences"),
    ("fhir::FhirImport.ignored", "free: what the import skipped, in words"),
    ("guidance::LevelGuidance.green", "free: sentences shown to the patient at the level"),
    ("guidance::LevelGuidance.watch", "free: sentences shown to the patient at the level"),
    ("guidance::LevelGuidance.early_warning", "free: sentences shown to the patient at the level"),
    ("guidance::LevelGuidance.breaking_down", "free: sentences shown to the patient at the level"),
    ("guidance::LevelGuidance.crisis", "free: sentences shown to the patient at the level"),
    ("guidance::LevelGuidance.manic_prodrome", "free: sentences for a manic prodrome"),
    ("guidance::LevelGuidance.depressive_prodrome", "free: sentences for a depressive prodrome"),
    ("group::AdmissionFinding.label", "free: the criterion in words (the criterion itself is an enum)"),
    ("group::Membership.person", "id: a group member"),
    ("group::Membership.admission_reason", "free: the clinician's reason"),
    ("group::Membership.midway_deviation", "free: the clinician's reason"),
    ("group::Departure.note", "free: a note"),
    ("group::DueMeeting.person", "id: a group member"),
    ("ips::IpsJob.employer", "free: an employer's name"),
    ("ips::IpsJob.title", "free: a job title"),
    ("ips::IpsJobPreferences.kinds_of_work", "free: the participant's words"),
    ("ips::IpsJobPreferences.locations", "free: places"),
    ("ips::IpsJobPreferences.note", "free: a note"),
    ("ips::IpsCaseloadEpisode.exit_note", "free: a note"),
    ("ips::IpsDisclosureRecord.employer", "free: an employer's name"),
    ("ips::IpsBenefitsSession.topic", "free: a topic"),
    ("ips::IpsEducationGoal.goal", "free: the goal in words"),
    ("ipsrt_course::IpsrtRecurrence.detail", "free: a note"),
    ("ipsrt_course::StabilisationInfo.depression_scale", "free: the scale's name as the criterion states it"),
    ("ipsrt_course::StabilisationInfo.mania_scale", "free: the scale's name as the criterion states it"),
    ("life_chart::MoodEpisode.note", "free: a note"),
    ("life_events::LifeEvent.person", "id: a person of the inventory"),
    ("life_events::LifeEvent.note", "free: a note"),
    ("life_events::ProblemAreaSuggestion.explanation", "free: a sentence"),
    ("life_events::RhythmDisruptor.explanation", "free: a sentence"),
    ("life_events::ProblemAreaSuggestions.notes", "free: sentences"),
    ("life_events::ProblemAreaSuggestions.json", "json: the core's form"),
    ("measures::SafetySignal.rule", "id: the instrument's safety rule, defined in its data"),
    (
        "measures::SafetySignal.instrument",
        "id: a custom instrument has its own id (MeasureScore.instrumentId is typed)",
    ),
    ("measures::SafetySignal.item", "id: an item of the instrument's data"),
    ("measures::SafetySignal.loinc", "open: a LOINC code"),
    ("measures::SafetySignal.description", "free: a sentence"),
    ("measures::MeasureFlag.id", "id: a flag of the instrument's data"),
    ("measures::MeasureBand.scheme", "id: a band scheme of the instrument's data"),
    ("measures::MeasureBand.id", "id: a band of the scheme's data"),
    ("measures::MeasureBand.label", "free: a label"),
    ("measures::ItemAnswer.item", "id: an item of the instrument's data"),
    ("measures::MeasureScore.instrument", "id: a custom instrument has its own id (instrumentId is typed)"),
    ("measures::MeasureScore.version", "open: the definition's version"),
    ("measures::MeasureScore.missing", "id: items of the instrument's data"),
    ("measures::MeasureScore.safety_unanswered", "id: items of the instrument's data"),
    ("measures::MeasureScore.json", "json: the score as stored"),
    ("measures::AnswerOptionInfo.label", "free: a label"),
    ("measures::AnswerOptionInfo.loinc", "open: a LOINC answer code"),
    ("measures::InstrumentItem.id", "id: an item of the instrument's data"),
    ("measures::InstrumentItem.loinc", "open: a LOINC code"),
    ("measures::InstrumentItem.text", "free: the item text"),
    ("measures::InstrumentItem.topic", "id: the item's topic, defined in the instrument's data"),
    ("measures::BandInfo.id", "id: a band of the scheme's data"),
    ("measures::BandInfo.label", "free: a label"),
    ("measures::BandSchemeInfo.id", "id: a band scheme of the instrument's data"),
    ("measures::FlagInfo.id", "id: a flag of the instrument's data"),
    ("measures::FlagInfo.description", "free: a sentence"),
    ("measures::InstrumentDefinition.version", "open: the definition's version"),
    ("measures::InstrumentDefinition.title", "free: a title"),
    ("measures::InstrumentDefinition.administration", "free: who fills it in and the recall window, in words"),
    ("measures::InstrumentDefinition.licence_note", "free: a sentence"),
    ("measures::InstrumentDefinition.loinc_panel", "open: a LOINC code"),
    ("measures::InstrumentDefinition.loinc_total", "open: a LOINC code"),
    ("measures::InstrumentDefinition.stem", "free: the question stem"),
    ("measures::InstrumentDefinition.json", "json: the definition's form"),
    ("measures::ChangeCriterion.rule", "free: the rule with its threshold, in words"),
    ("measures::MeasureChange.json", "json: the change's form (EpisodeCourse.suggest reads it)"),
    ("problem_areas::ProblemAreaInfo.label", "free: a label"),
    ("problem_areas::ProblemAreaGuide.label", "free: a label"),
    ("problem_areas::ProblemAreaGuide.applies_when", "free: a sentence"),
    ("problem_areas::ProblemAreaGuide.goals", "free: sentences"),
    ("problem_areas::ProblemAreaGuide.strategies", "free: sentences"),
    ("problem_areas::DisputeStageInfo.therapist_aim", "free: a sentence"),
    ("relapse::CrisisLine.name", "free: the service's name"),
    ("relapse::CrisisLine.number", "free: the number as dialled"),
    ("relapse::CrisisLine.note", "free: hours, cost, channels in words"),
    ("relapse::AlertFinding.observed", "free: what was observed, in words with values and dates"),
    ("relapse::AlertFinding.threshold", "free: the threshold in words"),
    ("relapse::PlanContact.name", "free: a name"),
    ("relapse::PlanContact.phone", "free: a number as dialled"),
    ("relapse::PlanContact.note", "free: a note"),
    ("relapse::PlannedAction.text", "free: the plan's words"),
    ("relapse::AlertTransition.json", "json: the transition's form"),
    ("relapse::AlertDecision.json", "json: the decision's form (reasons, history changes)"),
    ("relapse::RecurrenceRisk.text", "free: the figure in words"),
    ("rhythm::ScheduledDose.id", "id: a dose of the schedule"),
    ("rhythm::ScheduledDose.medication", "free: a medication's name"),
    ("schedule::ScheduledTask.id", "id: a task"),
    (
        "schedule::ScheduledTask.what",
        "id: what the task is (an instrument id, `srm_diary`, a dose id): a code the app chooses",
    ),
    ("schedule::ScheduledTask.label", "free: a label"),
    ("schedule::OccurrenceId.task", "id: a task"),
    ("schedule::Excusal.reason", "free: the reason"),
    ("schedule::Occurrence.what", "id: the task's what (see ScheduledTask.what)"),
    ("schedule::TaskAdherence.task", "id: a task"),
    ("schedule::MissedStreak.task", "id: a task"),
    ("schedule::DataGap.task", "id: a task"),
    ("schedule::DataGap.what", "id: the task's what (see ScheduledTask.what)"),
    ("series::SeriesEntry.band_id", "id: a band of the scheme's data"),
    ("series::SeriesEntry.band_label", "free: a label"),
    ("series::SeriesReport.json", "json: the report's form"),
    (
        "snapshot::SnapshotInfo.schema",
        "open: the envelope's schema name; the registry grows with every persisted type (compare with the SCHEMA constants)",
    ),
    ("source::SourceRef.key", "id: a key of the bibliography"),
    ("source::SourceRef.locator", "free: where in the work"),
    ("source::Reference.key", "id: a key of the bibliography"),
    ("source::Reference.citation", "free: the full reference"),
    ("srm::SrmWeekScore.json", "json: the week score's form"),
    (
        "srm_regularity::TimeInBedRegularity.measures",
        "free: what the numbers measure, always \"time_in_bed\" (not sleep), kept as the core's label",
    ),
    // Functions
    ("bridge::to_json", "json: a stored document"),
    ("bridge::to_json_pretty", "json: a stored document"),
    ("checks::check_snapshot_bytes", "open: the document's schema name (see SnapshotInfo.schema)"),
    ("course::medication_on", "free: medications as the clinician wrote them"),
    ("course::status_json", "json: escape"),
    ("course::missing_initial_tasks", "free: what is missing, as sentences naming the Kotlin call"),
    ("course::default_contract_json", "json: escape"),
    ("course::inventory_json", "json: escape"),
    ("course::events_json", "json: the event log as stored"),
    ("course::course_json", "json: escape"),
    ("fhir::measure_to_fhir_json", "json: a FHIR document"),
    ("group::apply", "id: the persons admitted"),
    ("group::apply_json", "id: the persons admitted"),
    ("group::members", "id: group members"),
    ("group::waitlist", "id: persons waiting"),
    ("i18n::label", "free: a label in the locale"),
    ("i18n::band_label", "free: a label in the locale"),
    ("i18n::safety_description", "free: a sentence in the locale"),
    ("i18n::error_advice", "free: a sentence in the locale"),
    ("i18n::default_guidance_json", "json: untyped"),
    ("ips::ips_caseload_kpis_json", "json: escape"),
    ("ips::ips_fidelity_review_roundtrip", "json: a stored document"),
    ("ips::ips_caseload_roundtrip", "json: a stored document"),
    ("lib::ipsrt_version", "open: the library's version"),
    ("measures::measure_score_to_json", "json: a stored document"),
    ("measures::instrument_definition_json", "json: escape"),
    ("names::operation_names", "free: function names of this binding, by the core's operation name"),
    ("relapse::disclaimer", "free: a sentence"),
    ("relapse::disclaimer_in", "free: a sentence in the locale"),
    ("relapse::crisis_contacts_json", "json: escape"),
    ("relapse::alert_disclaimer", "free: a sentence"),
    ("schedule::occurrence_id_text", "id: the occurrence id as text"),
    ("schedule::schedule_to_json", "json: a stored document"),
    ("schedule::zone_history_to_json", "json: a stored document"),
    ("schedule::schedule_records_to_json", "json: a stored document"),
    ("snapshot::normalize_snapshot", "json: a stored document"),
];

/// The body of a braced item that starts at `open` (the index of its `{`).
fn braced(src: &str, open: usize) -> &str {
    let mut depth = 0usize;
    for (i, c) in src[open..].char_indices() {
        match c {
            '{' => depth += 1,
            '}' => {
                depth -= 1;
                if depth == 0 {
                    return &src[open + 1..open + i];
                }
            }
            _ => {}
        }
    }
    &src[open..]
}

/// `module::Record.field` of every `String` field of a uniffi Record, and `module::function` of
/// every `pub fn` whose return type mentions `String`, in the audited `src/*.rs`.
fn text_items() -> Vec<String> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files: Vec<_> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).collect();
    files.sort();
    let mut out = Vec::new();
    for path in files {
        let file = path.file_name().unwrap().to_str().unwrap();
        if !file.ends_with(".rs") || NOT_AUDITED.contains(&file) {
            continue;
        }
        let module = file.trim_end_matches(".rs");
        let src = std::fs::read_to_string(&path).unwrap();
        // Records: `uniffi::Record)]`, attributes and docs, then `pub struct Name {`.
        for (at, _) in src.match_indices("uniffi::Record") {
            let rest = &src[at..];
            let Some(s) = rest.find("pub struct ") else { continue };
            let name: String = rest[s + 11..].chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
            let Some(open) = rest[s..].find('{') else { continue };
            for line in braced(rest, s + open).lines() {
                let Some(field) = line.trim().strip_prefix("pub ") else { continue };
                let Some((field, ty)) = field.split_once(':') else { continue };
                if ty.contains("String") {
                    out.push(format!("{module}::{name}.{}", field.trim()));
                }
            }
        }
        // Functions: the return type between `->` and the body's `{`.
        for (at, _) in src.match_indices("pub fn ") {
            let rest = &src[at + 7..];
            let name: String = rest.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
            let signature = &rest[..rest.find('{').unwrap_or(rest.len())];
            if signature.split_once("->").is_some_and(|(_, ret)| ret.contains("String")) {
                out.push(format!("{module}::{name}"));
            }
        }
    }
    out
}

#[test]
fn every_string_of_the_kotlin_api_is_listed_with_why_it_is_not_an_enum() {
    let listed: BTreeMap<&str, &str> = TEXT.iter().copied().collect();
    assert_eq!(listed.len(), TEXT.len(), "an item is listed twice");
    let found = text_items();
    let missing: Vec<&String> = found.iter().filter(|f| !listed.contains_key(f.as_str())).collect();
    assert!(
        missing.is_empty(),
        "String fields/returns without a reason: make them enums when their values are a closed set of the core, \
         or list them in TEXT with free/id/json/open: {missing:?}"
    );
    let gone: Vec<&&str> = listed.keys().filter(|k| !found.iter().any(|f| f == *k)).collect();
    assert!(gone.is_empty(), "listed String items that no longer exist: {gone:?}");
    for (item, reason) in TEXT {
        let kind = reason.split(':').next().unwrap_or_default();
        assert!(["free", "id", "json", "open"].contains(&kind), "{item}: reason must start with free/id/json/open");
    }
}

#[test]
fn every_observation_type_of_the_core_is_an_observation_kind() {
    // The core's `Observed::type_name` lists every observation type; each must read as a
    // Kotlin/Swift `ObservationKind` (a new core case fails here, not in an app).
    let core = include_str!("../../../crates/ipsrt/src/relapse/observation.rs");
    let start = core.find("pub fn type_name").expect("Observed::type_name");
    let body = &core[start..start + core[start..].find("\n    }\n").expect("end of type_name")];
    let names: Vec<&str> = body.split("=> \"").skip(1).filter_map(|s| s.split('"').next()).collect();
    assert!(names.len() >= 16, "{names:?}");
    for name in names {
        let kind: Result<ipsrt_ffi::relapse::ObservationKind, _> = serde_json::from_value(serde_json::json!(name));
        assert!(kind.is_ok(), "the core's observation type {name:?} has no ObservationKind case");
    }
}
