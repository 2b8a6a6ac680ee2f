//! Every exported function of the Kotlin/Swift API whose name ends in `json` (Kotlin `...Json`),
//! and every parameter of an exported function whose name ends in `json` (`event_json`,
//! `options_json`, ...), each with the reason it is a JSON door and not a typed call. A new one
//! fails this test until it is listed here with its reason; a removed one fails until it is
//! taken off the list.
//!
//! Reasons: **document** — it loads or saves a whole stored document (a versioned envelope or a
//! list the app keeps as a file); **escape** — the typed call exists and this takes or gives the
//! core's serde form for tools and tests (the shared vectors); **untyped** — no typed call yet:
//! an app needs the JSON form today (listed in docs/mobile.md as work left).

use std::collections::BTreeMap;

const DOORS: &[(&str, &str)] = &[
    ("bridge::from_json", "document: loads a stored object (versioned envelope) of any wrapped type"),
    ("bridge::to_json", "document: saves a wrapped object as its versioned envelope"),
    ("bridge::to_json_pretty", "document: the same, pretty-printed for people"),
    ("care::from_log_json", "document: loads a stored care log (versioned envelope) and replays it"),
    ("care::log_json", "document: saves the care log as its versioned envelope"),
    ("care::record_json", "document: the whole rebuilt record for export or display (what `ipsrt care replay` prints)"),
    (
        "course::apply_event_json",
        "escape: every course event has a typed method; this applies the core's event form (tools, vectors)",
    ),
    (
        "course::apply_json",
        "escape: applies a dated EventRecord as stored in a course's log (import from another system)",
    ),
    ("course::check_json", "escape: checks a dated EventRecord without applying it (import preview)"),
    (
        "course::course_json",
        "escape: the whole core state for inspection; status() and the typed read-outs are the app's view",
    ),
    ("course::default_contract_json", "escape: defaultContract() is the typed form"),
    ("course::events_json", "document: the event log, each record as stored (replay() reads it back)"),
    ("course::inventory_json", "escape: inventory() is the typed form"),
    ("course::status_json", "escape: status() is the typed form; the vectors compare this JSON"),
    (
        "fhir::measure_from_fhir_json",
        "document: reads a FHIR R4 QuestionnaireResponse received from another system (an EHR, a form app) into typed answers",
    ),
    (
        "fhir::measure_to_fhir_json",
        "document: writes a score as a FHIR R4 Bundle to send to another system (an EHR, a FHIR server)",
    ),
    (
        "fhir::score_fhir_json",
        "document: reads and scores a FHIR R4 QuestionnaireResponse received from another system",
    ),
    (
        "group::apply_json",
        "escape: apply() takes the typed GroupEvent, which has a case for every core group event; this reads the core's event form (vectors, imports)",
    ),
    (
        "i18n::default_guidance_json",
        "escape: defaultGuidance() is the typed form (RelapsePlan.setGuidance takes it); this gives the plan's `alerts.guidance` section for a plan document written as JSON",
    ),
    ("ips::apply_json", "escape: apply() takes the typed IpsJourneyEvent; this reads the core's event form (vectors)"),
    (
        "ips::ips_caseload_kpis_json",
        "escape: ipsCaseloadKpis() is the typed form; this reads a bare caseload (vectors)",
    ),
    ("ips::ips_fidelity_score_json", "escape: ipsFidelityScore takes the typed ratings"),
    ("life_chart::add_event_json", "escape: addEvent takes the typed ChartEvent"),
    (
        "measures::instrument_definition_json",
        "escape: instrumentDefinition() is the typed form; this adds the flag and change rules",
    ),
    ("measures::measure_score_from_json", "document: loads a stored score (ipsrt.measure_score envelope)"),
    ("measures::measure_score_to_json", "document: saves a score as its versioned envelope"),
    ("relapse::crisis_contacts_json", "escape: crisisContacts() is the typed form"),
    (
        "relapse::from_plan_json",
        "escape: RelapsePlan.withContents takes the typed RelapsePlanContents; this reads the core's bare plan form (the shared vectors, the plans inside stored care logs)",
    ),
    ("relapse::observe_json", "escape: observe() takes the typed Observed; this reads the core's observation form"),
    (
        "rhythm::apply_json",
        "escape: apply() takes the typed RhythmPlanEvent; this reads the core's event form (vectors)",
    ),
    (
        "rhythm::record_json",
        "escape: record() takes the typed dose and outcome; this reads the core's record form (vectors)",
    ),
    ("schedule::schedule_from_json", "document: loads a stored schedule"),
    ("schedule::schedule_records_from_json", "document: loads stored schedule records"),
    ("schedule::schedule_records_to_json", "document: saves schedule records"),
    ("schedule::schedule_to_json", "document: saves a schedule"),
    ("schedule::zone_history_from_json", "document: loads a stored zone history"),
    ("schedule::zone_history_to_json", "document: saves a zone history"),
    (
        "srm::add_json",
        "escape: add() takes the typed entry (with People code and recorded time); this reads the core's entry form",
    ),
    (
        "srm::srm_score_week_json",
        "escape: SrmDiary.scoreWeek is the typed path; this scores a stored Week (the shared vectors)",
    ),
];

/// `module::function(parameter)` of every parameter whose name ends in `json`, with its reason
/// (the same three kinds as [`DOORS`]).
const JSON_PARAMETERS: &[(&str, &str)] = &[
    ("bridge::from_json(json)", "document: the stored envelope"),
    ("care::from_log_json(json)", "document: the stored care log"),
    ("course::apply_event_json(event_json)", "escape: the core's event form (see course::apply_event_json)"),
    ("course::apply_json(record_json)", "escape: a dated EventRecord as stored in a course's log"),
    ("course::check_json(record_json)", "escape: a dated EventRecord as stored in a course's log"),
    ("course::replay(events_json)", "document: the stored event log, one record per element"),
    ("fhir::measure_from_fhir_json(json)", "document: a FHIR R4 QuestionnaireResponse"),
    ("fhir::score_fhir_json(json)", "document: a FHIR R4 QuestionnaireResponse"),
    ("group::apply_json(event_json)", "escape: the core's event form (see group::apply_json)"),
    ("ips::apply_json(event_json)", "escape: the core's event form (see ips::apply_json)"),
    ("ips::ips_caseload_kpis_json(caseload_json)", "escape: a bare caseload (see ips::ips_caseload_kpis_json)"),
    ("ips::ips_caseload_roundtrip(caseload_json)", "document: a stored caseload (ipsrt.ips_caseload envelope)"),
    (
        "ips::ips_fidelity_review_roundtrip(review_json)",
        "document: a stored fidelity review (ipsrt.ips_fidelity_review envelope)",
    ),
    ("ips::ips_fidelity_score_json(ratings_json)", "escape: see ips::ips_fidelity_score_json"),
    ("life_chart::add_event_json(event_json)", "escape: see life_chart::add_event_json"),
    ("measures::measure_score_from_json(json)", "document: the stored score"),
    ("relapse::from_plan_json(plan_json)", "escape: see relapse::from_plan_json"),
    ("relapse::observe_json(observation_json)", "escape: see relapse::observe_json"),
    ("rhythm::apply_json(event_json)", "escape: see rhythm::apply_json"),
    ("rhythm::record_json(record_json)", "escape: see rhythm::record_json"),
    ("schedule::schedule_from_json(json)", "document: the stored schedule"),
    ("schedule::schedule_records_from_json(json)", "document: the stored schedule records"),
    ("schedule::zone_history_from_json(json)", "document: the stored zone history"),
    ("snapshot::normalize_snapshot(json)", "document: a stored envelope of any schema"),
    ("snapshot::snapshot_info(json)", "document: a stored envelope of any schema"),
    ("srm::add_json(entry_json)", "escape: the core's entry form (see srm::add_json)"),
    ("srm::srm_score_week_json(week_json)", "escape: a stored Week (the shared vectors); its options are typed"),
];

/// `(module, text)` of every `src/*.rs`, in name order.
fn sources() -> Vec<(String, String)> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files: Vec<_> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).collect();
    files.sort();
    files
        .into_iter()
        .filter(|p| p.extension().and_then(|e| e.to_str()) == Some("rs"))
        .map(|p| (p.file_stem().unwrap().to_str().unwrap().to_owned(), std::fs::read_to_string(&p).unwrap()))
        .collect()
}

/// `module::function` of every `pub fn` whose name contains `json` in `src/*.rs`.
fn exported_json_functions() -> Vec<String> {
    let mut out = Vec::new();
    for (module, text) in sources() {
        for line in text.lines() {
            let Some(rest) = line.trim_start().strip_prefix("pub fn ") else { continue };
            let name: String = rest.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
            if name.contains("json") {
                out.push(format!("{module}::{name}"));
            }
        }
    }
    out
}

/// `module::function(parameter)` of every parameter whose name ends in `json` of every `pub fn`
/// in `src/*.rs` (signatures may span lines).
fn json_parameters() -> Vec<String> {
    let mut out = Vec::new();
    for (module, text) in sources() {
        let mut rest = text.as_str();
        while let Some(at) = rest.find("pub fn ") {
            rest = &rest[at + "pub fn ".len()..];
            let name: String = rest.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
            let Some(open) = rest.find('(') else { break };
            // The parameter list: up to the matching parenthesis; split at depth-0 commas.
            let (mut depth, mut params, mut current) = (0usize, Vec::new(), String::new());
            for c in rest[open + 1..].chars() {
                let arrow = c == '>' && current.ends_with(['-', '=']);
                match c {
                    '(' | '<' | '[' => depth += 1,
                    ')' if depth == 0 => break,
                    ')' | '>' | ']' if !arrow => depth = depth.saturating_sub(1),
                    ',' if depth == 0 => {
                        params.push(std::mem::take(&mut current));
                        continue;
                    }
                    _ => {}
                }
                current.push(c);
            }
            params.push(current);
            for p in params {
                let Some((param, _)) = p.split_once(':') else { continue };
                let param = param.trim().trim_start_matches("mut ");
                if param.ends_with("json") {
                    out.push(format!("{module}::{name}({param})"));
                }
            }
        }
    }
    out
}

/// Every item found is listed, every listed item is found, each once, and every reason starts
/// with its kind.
fn check_listed(what: &str, list: &[(&str, &str)], found: &[String]) {
    let listed: BTreeMap<&str, &str> = list.iter().copied().collect();
    assert_eq!(listed.len(), list.len(), "a {what} is listed twice");
    let missing: Vec<&String> = found.iter().filter(|f| !listed.contains_key(f.as_str())).collect();
    assert!(missing.is_empty(), "{what}s without a reason (list them with one, or make them typed): {missing:?}");
    let gone: Vec<&&str> = listed.keys().filter(|k| !found.iter().any(|f| f == *k)).collect();
    assert!(gone.is_empty(), "listed {what}s that no longer exist: {gone:?}");
    for (item, reason) in list {
        let kind = reason.split(':').next().unwrap_or_default();
        assert!(
            ["document", "escape", "untyped"].contains(&kind),
            "{item}: reason must start with document/escape/untyped"
        );
    }
}

#[test]
fn every_json_parameter_is_listed_with_its_reason() {
    check_listed("JSON parameter", JSON_PARAMETERS, &json_parameters());
}

#[test]
fn every_json_door_is_listed_with_its_reason() {
    check_listed("JSON door", DOORS, &exported_json_functions());
}
