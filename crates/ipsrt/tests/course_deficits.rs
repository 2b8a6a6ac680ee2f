//! Interpersonal deficits as a last resort (rules edition 3, docs/course.md#deficits-as-a-last-resort):
//! the choice is accepted, the evidence (life events near onset, deceased people, open conflicts,
//! relationship changes near onset) opens a warning in every phase until a clinician acknowledges
//! it, and stored logs whose deviation acknowledged it keep loading.

use chrono::NaiveDate;
use ipsrt::course::*;
use ipsrt::inventory::{Conflict, ContactFrequency, Person, PersonFact, RelationshipChange, RelationshipStatus};
use ipsrt::life_event::{LifeEvent, LifeEventKind};
use ipsrt::persist::{from_json, to_json};
use ipsrt::problem_area::{ProblemAreaKind, Taxonomy};

fn day(n: i64) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 6, 1).unwrap() + chrono::Duration::days(n)
}

fn rec(d: i64, e: CourseEvent) -> EventRecord {
    EventRecord::new(day(d), e)
}

fn deficits(deviation: Option<&str>) -> CourseEvent {
    CourseEvent::ProblemAreaChosen {
        area: ProblemAreaKind::InterpersonalDeficits,
        dispute_stage: None,
        person: None,
        deviation: deviation.map(str::to_owned),
    }
}

/// A friend whose conflict (none) and confiding (yes) are assessed: nothing open.
fn assessed_friend() -> Person {
    let mut p = Person::new("friend", "F", "friend").unwrap();
    p.conflict = Some(Conflict::None);
    p.confiding = Some(true);
    p
}

fn ack(by: &str, reason: &str) -> CourseEvent {
    CourseEvent::DeficitsAcknowledged { by: by.into(), reason: reason.into() }
}

/// A wmk_acute course (edition 3) with onset on day 0, two sessions and an inventory of three:
/// a deceased mother, a partner in overt conflict, a manager with a change 20 days before onset
/// and one 2 years before; a death 30 days before onset and a job change 3 years before.
fn log() -> CourseLog {
    let mut mum = Person::new("mum", "Ann", "mother").unwrap();
    mum.status = RelationshipStatus::Deceased;
    mum.contact = ContactFrequency::None;
    let mut partner = Person::new("partner", "Sam", "partner").unwrap();
    partner.conflict = Some(Conflict::Overt);
    let mut boss = Person::new("boss", "K", "manager").unwrap();
    boss.changes = vec![
        RelationshipChange { date: day(-20), description: "public criticism".into() },
        RelationshipChange { date: day(-730), description: "new manager".into() },
    ];
    let events = vec![
        rec(0, CourseEvent::CourseCreated { protocol: Protocol::wmk_acute(), taxonomy: Taxonomy::Wmk4 }),
        rec(0, CourseEvent::SymptomOnsetRecorded { onset: day(0) }),
        rec(0, CourseEvent::SessionRecorded { number: 1, attendance: Attendance::Attended, at: None, mode: None }),
        rec(0, CourseEvent::PersonAdded { person: mum }),
        rec(0, CourseEvent::PersonAdded { person: partner }),
        rec(0, CourseEvent::PersonAdded { person: boss }),
        rec(0, CourseEvent::LifeEventRecorded { life_event: LifeEvent::new(LifeEventKind::Death, day(-30)) }),
        rec(0, CourseEvent::LifeEventRecorded { life_event: LifeEvent::new(LifeEventKind::JobChange, day(-1100)) }),
        rec(7, CourseEvent::SessionRecorded { number: 2, attendance: Attendance::Attended, at: None, mode: None }),
    ];
    CourseLog::from_events(events).unwrap()
}

fn warning(c: &Course) -> Option<DeficitsEvidence> {
    c.status().warnings.into_iter().find_map(|w| match w {
        Warning::DeficitsUnacknowledged { evidence } => Some(evidence),
        _ => None,
    })
}

#[test]
fn evidence_counts_only_what_is_near_onset_and_reads_the_inventory() {
    let c = log().snapshot;
    let e = c.deficits_evidence();
    assert!(e.onset_known);
    // The death 30 days before onset counts; the job change 3 years before does not.
    assert_eq!(e.life_events.len(), 1, "{e:?}");
    let l = &e.life_events[0];
    assert_eq!(
        (l.index, l.kind, l.area, l.days_before_onset),
        (0, LifeEventKind::Death, ProblemAreaKind::Grief, Some(30))
    );
    assert_eq!(e.deceased, vec!["mum".parse().unwrap()]);
    assert_eq!(e.open_conflicts, vec!["partner".parse().unwrap()]);
    // The change 20 days before onset counts; the one 2 years before does not.
    assert_eq!(e.changes_near_onset.len(), 1);
    assert_eq!(e.changes_near_onset[0].days_before_onset, Some(20));
    // Open questions: the partner's confiding and the manager's conflict and confiding were
    // not assessed (the deceased mother is already listed as deceased).
    let open: Vec<(&str, &[PersonFact])> =
        e.not_assessed.iter().map(|n| (n.person.as_str(), n.facts.as_slice())).collect();
    assert_eq!(
        open,
        [("partner", &[PersonFact::Confiding][..]), ("boss", &[PersonFact::Conflict, PersonFact::Confiding][..])]
    );
    // Nothing is chosen yet, so no warning.
    assert!(warning(&c).is_none());
}

/// A course whose only person was added with a name and role: conflict and confiding not assessed.
fn unassessed_log(deviation: Option<&str>) -> CourseLog {
    CourseLog::from_events(vec![
        rec(0, CourseEvent::CourseCreated { protocol: Protocol::wmk_acute(), taxonomy: Taxonomy::Wmk4 }),
        rec(0, CourseEvent::SymptomOnsetRecorded { onset: day(0) }),
        rec(0, CourseEvent::PersonAdded { person: Person::new("friend", "F", "friend").unwrap() }),
        rec(0, CourseEvent::SessionRecorded { number: 1, attendance: Attendance::Attended, at: None, mode: None }),
        rec(0, deficits(deviation)),
    ])
    .unwrap()
}

#[test]
fn facts_not_assessed_are_open_questions_never_a_no() {
    // Not assessed is not "no conflict": the warning opens with the open question.
    let mut log = unassessed_log(None);
    let w = warning(&log.snapshot).expect("unassessed facts open the warning");
    assert!(!w.points_elsewhere());
    assert!(w.open_conflicts.is_empty());
    assert_eq!(w.not_assessed.len(), 1);
    assert_eq!(w.not_assessed[0].facts, [PersonFact::Conflict, PersonFact::Confiding]);
    let text = Warning::DeficitsUnacknowledged { evidence: w.clone() }.to_string();
    assert!(text.contains("not assessed, so other areas cannot be ruled out: friend (conflict, confiding)"), "{text}");
    assert!(text.contains("assess them (person_updated) before relying on deficits"), "{text}");
    let nl = w.describe_in(ipsrt::i18n::Locale::Nl);
    assert!(nl.contains("niet beoordeeld") && nl.contains("friend (conflict, confiding)"), "{nl}");
    // It is never a refusal, and no deviation is recorded for it.
    assert!(log.snapshot.deviations.is_empty());
    // Assessing the facts closes it: an assessed "no conflict" and a confiding relationship.
    log.apply(rec(1, CourseEvent::PersonUpdated { person: assessed_friend() })).unwrap();
    assert!(warning(&log.snapshot).is_none());
    // Assessing only the conflict leaves the confiding question open.
    let mut p = assessed_friend();
    p.confiding = None;
    log.apply(rec(2, CourseEvent::PersonUpdated { person: p })).unwrap();
    assert_eq!(warning(&log.snapshot).unwrap().not_assessed[0].facts, [PersonFact::Confiding]);
    // Or a clinician acknowledges it.
    log.apply(rec(3, ack("dr. A", "isolation is lifelong; the friend is a distant contact"))).unwrap();
    assert!(warning(&log.snapshot).is_none());
    // A deceased person's conflict and confiding are not asked about (they are listed as deceased).
    let mut c = unassessed_log(None).snapshot;
    let mut p = Person::new("friend", "F", "friend").unwrap();
    p.status = RelationshipStatus::Deceased;
    p.contact = ContactFrequency::None;
    c.apply(&rec(1, CourseEvent::PersonUpdated { person: p })).unwrap();
    let e = c.deficits_evidence();
    assert!(e.not_assessed.is_empty() && e.deceased.len() == 1, "{e:?}");
}

#[test]
fn a_deviation_acknowledges_what_points_elsewhere_not_open_questions() {
    // With only open questions, a deviation given with the choice is not an acknowledgement:
    // the warning stays open until the facts are assessed or a clinician acknowledges it.
    let only_open = unassessed_log(Some("isolation is lifelong")).snapshot;
    assert!(only_open.deficits_acknowledgement.is_none());
    assert!(only_open.deviations.is_empty());
    assert!(warning(&only_open).is_some());
    // With evidence pointing elsewhere it is, and the recorded deviation names only that evidence.
    let mut log = log();
    log.apply(rec(7, deficits(Some("the death was long processed")))).unwrap();
    assert!(log.snapshot.deficits_acknowledgement.is_some());
    let rule = &log.snapshot.deviations[0].rule;
    assert!(rule.contains("deceased: mum") && !rule.contains("not assessed"), "{rule}");
}

#[test]
fn deficits_is_accepted_with_a_warning_until_acknowledged_in_every_phase() {
    let mut log = log();
    log.apply(rec(7, deficits(None))).unwrap();
    assert!(log.snapshot.deviations.is_empty());
    let w = warning(&log.snapshot).expect("the warning is open");
    assert_eq!(w, log.snapshot.deficits_evidence());
    let text = Warning::DeficitsUnacknowledged { evidence: w.clone() }.to_string();
    for part in [
        "death 2026-05-02 → grief",
        "deceased: mum",
        "open conflicts: partner",
        "boss 2026-05-12",
        "record deficits_acknowledged",
    ] {
        assert!(text.contains(part), "{text}");
    }
    // Into the middle phase: the warning stays.
    for e in [
        CourseEvent::DiagnosisRecorded { diagnosis: "MDD".into(), note: None },
        CourseEvent::SickRoleRecorded { note: None },
        CourseEvent::FormulationAccepted { summary: "isolation".into() },
        CourseEvent::ContractSet { contract: Protocol::wmk_acute().default_contract(), deviation: None },
        CourseEvent::MiddlePhaseStarted,
    ] {
        log.apply(rec(7, e)).unwrap();
    }
    assert_eq!(log.snapshot.phase.name(), "middle");
    assert!(warning(&log.snapshot).is_some());
    // Bad acknowledgements change nothing.
    let before = log.clone();
    for bad in [ack(" ", "r"), ack("dr. A", "")] {
        assert!(matches!(log.apply(rec(8, bad)), Err(CourseError::InvalidText { .. })));
        assert_eq!(log, before);
    }
    log.apply(rec(8, ack("dr. A", "the mother died 20 years ago and was mourned; isolation is lifelong"))).unwrap();
    assert!(warning(&log.snapshot).is_none());
    let a = log.snapshot.deficits_acknowledgement.clone().unwrap();
    assert_eq!((a.by.as_deref(), a.date, a.event_index), (Some("dr. A"), day(8), 15));
    // A second acknowledgement is refused and changes nothing.
    let before = log.clone();
    let e = log.apply(rec(9, ack("dr. A", "again"))).unwrap_err();
    assert!(matches!(e, CourseError::NoDeficitsWarning { .. }));
    assert!(e.to_string().contains("already acknowledged"), "{e}");
    assert_eq!(e.kind(), ipsrt::ErrorKind::IllegalTransition);
    assert_eq!(log, before);
    // The log round-trips through the persisted form.
    let back: CourseLog = from_json(&to_json(&log)).unwrap();
    assert_eq!(back, log);
}

#[test]
fn a_deviation_with_the_choice_is_the_acknowledgement() {
    let mut log = log();
    log.apply(rec(7, deficits(Some("the losses were long ago and mourned")))).unwrap();
    assert!(warning(&log.snapshot).is_none());
    assert_eq!(log.snapshot.deviations.len(), 1);
    assert!(log.snapshot.deviations[0].rule.contains("other areas may apply"), "{:?}", log.snapshot.deviations);
    assert_eq!(log.snapshot.deficits_acknowledgement.as_ref().unwrap().by, None);
}

#[test]
fn nothing_to_acknowledge_is_refused() {
    // Deficits not chosen.
    let mut log = log();
    let e = log.apply(rec(7, ack("dr. A", "r"))).unwrap_err();
    assert!(e.to_string().contains("not the focus"), "{e}");
    // Deficits chosen, but nothing points elsewhere and nothing is left unassessed.
    let mut log = CourseLog::from_events(vec![
        rec(0, CourseEvent::CourseCreated { protocol: Protocol::wmk_acute(), taxonomy: Taxonomy::Wmk4 }),
        rec(0, CourseEvent::PersonAdded { person: assessed_friend() }),
        rec(0, CourseEvent::SessionRecorded { number: 1, attendance: Attendance::Attended, at: None, mode: None }),
        rec(0, deficits(None)),
    ])
    .unwrap();
    assert!(warning(&log.snapshot).is_none());
    let e = log.apply(rec(1, ack("dr. A", "r"))).unwrap_err();
    assert!(e.to_string().contains("nothing points at another area"), "{e}");
}

#[test]
fn removing_deficits_clears_the_acknowledgement() {
    let mut log = log();
    log.apply(rec(7, deficits(None))).unwrap();
    log.apply(rec(7, ack("dr. A", "r"))).unwrap();
    log.apply(rec(7, CourseEvent::ProblemAreaRemoved { area: ProblemAreaKind::InterpersonalDeficits })).unwrap();
    assert!(log.snapshot.deficits_acknowledgement.is_none());
    log.apply(rec(7, deficits(None))).unwrap();
    assert!(warning(&log.snapshot).is_some(), "a new choice needs a new acknowledgement");
}

#[test]
fn onset_unknown_counts_every_dated_event() {
    let mut log = CourseLog::from_events(vec![
        rec(0, CourseEvent::CourseCreated { protocol: Protocol::wmk_acute(), taxonomy: Taxonomy::Wmk4 }),
        rec(0, CourseEvent::LifeEventRecorded { life_event: LifeEvent::new(LifeEventKind::JobChange, day(-1100)) }),
        rec(0, CourseEvent::PersonAdded { person: assessed_friend() }),
        rec(0, CourseEvent::SessionRecorded { number: 1, attendance: Attendance::Attended, at: None, mode: None }),
        rec(0, deficits(None)),
    ])
    .unwrap();
    let e = warning(&log.snapshot).unwrap();
    assert!(!e.onset_known);
    assert_eq!(e.life_events[0].days_before_onset, None);
    assert!(Warning::DeficitsUnacknowledged { evidence: e }.to_string().contains("onset is not recorded"));
    // Once onset is recorded, an event 3 years before it no longer counts.
    log.apply(rec(1, CourseEvent::SymptomOnsetRecorded { onset: day(0) })).unwrap();
    assert!(warning(&log.snapshot).is_none());
}

/// What version 4 wrote for a rules-edition-2 course whose deficits choice carried a deviation:
/// the log and snapshot without the `deficits_acknowledgement` field.
fn v4_document() -> String {
    let mut protocol = Protocol::wmk_acute();
    protocol.rules_edition = 2;
    let log = CourseLog::from_events(vec![
        rec(0, CourseEvent::CourseCreated { protocol, taxonomy: Taxonomy::Wmk4 }),
        rec(0, CourseEvent::SessionRecorded { number: 1, attendance: Attendance::Attended, at: None, mode: None }),
        rec(0, CourseEvent::PersonAdded { person: Person::new("friend", "F", "friend").unwrap() }),
        rec(0, CourseEvent::LifeEventRecorded { life_event: LifeEvent::new(LifeEventKind::Death, day(-30)) }),
        rec(0, deficits(Some("the death was long processed; isolation is lifelong"))),
    ])
    .unwrap();
    assert!(log.snapshot.deficits_acknowledgement.is_some());
    let mut v: serde_json::Value = serde_json::from_str(&to_json(&log)).unwrap();
    v["version"] = 4.into();
    v["data"]["snapshot"].as_object_mut().unwrap().remove("deficits_acknowledgement").unwrap();
    serde_json::to_string_pretty(&v).unwrap()
}

/// A stored version-4 log (rules edition 2) whose deficits choice carried a deviation loads:
/// the deviation becomes the acknowledgement (docs/decisions.md#deficits-last-resort).
#[test]
fn stored_v4_log_with_deviation_loads_acknowledged() {
    let text = v4_document();
    let log: CourseLog = from_json(&text).unwrap();
    let a = log.snapshot.deficits_acknowledgement.clone().expect("the deviation is the acknowledgement");
    assert_eq!((a.by, a.event_index), (None, 4));
    assert_eq!(log.snapshot.protocol.rules_edition, 2);
    assert!(log.snapshot.status().warnings.iter().all(|w| w.code() != "deficits_unacknowledged"));
    // A hand-edited old snapshot is still refused.
    let edited = text.replace("\"events_applied\": 5", "\"events_applied\": 4");
    assert_ne!(edited, text);
    assert!(from_json::<CourseLog>(&edited).unwrap_err().to_string().contains("snapshot disagrees"));
}

/// The version-5 scenario: deficits chosen despite the evidence, acknowledged in the middle phase;
/// maintenance started twice weekly, off the maintenance protocol, with a deviation.
fn v5_scenario() -> CourseLog {
    let mut log = log();
    for (d, e) in [
        (7, deficits(None)),
        (7, CourseEvent::DiagnosisRecorded { diagnosis: "MDD".into(), note: None }),
        (7, CourseEvent::SickRoleRecorded { note: None }),
        (7, CourseEvent::FormulationAccepted { summary: "isolation".into() }),
        (7, CourseEvent::ContractSet { contract: Protocol::wmk_acute().default_contract(), deviation: None }),
        (7, CourseEvent::MiddlePhaseStarted),
        (14, ack("dr. A", "the mother died 20 years ago and was mourned; isolation is lifelong")),
        (21, CourseEvent::TerminationStarted { deviation: None }),
        (21, CourseEvent::RelapsePreventionPlanRecorded { plan_ref: Some("plan-1".into()), summary: None }),
        (
            21,
            CourseEvent::MaintenanceStarted {
                contract: Contract { sessions: 24, frequency: Frequency::TwiceWeekly, minutes: 50 },
                deviation: Some("early relapse signs; twice weekly for the first months".into()),
            },
        ),
    ] {
        log.apply(rec(d, e)).unwrap();
    }
    log
}

fn v5_path() -> String {
    format!("{}/../../test-vectors/persist/ipsrt.course.v5.json", env!("CARGO_MANIFEST_DIR"))
}

/// Writes the frozen fixture; run once by hand with `--ignored` when v5 is introduced, never
/// after (the fixture is frozen).
#[test]
#[ignore]
fn write_v5_fixture() {
    let v: serde_json::Value = serde_json::from_str(&to_json(&v5_scenario())).unwrap();
    std::fs::write(v5_path(), serde_json::to_string_pretty(&v).unwrap() + "\n").unwrap();
}

#[test]
fn v5_fixture_loads_and_replays() {
    let log: CourseLog = from_json(&std::fs::read_to_string(v5_path()).unwrap()).unwrap();
    assert_eq!(log, v5_scenario());
    assert_eq!(log.snapshot.deficits_acknowledgement.as_ref().and_then(|a| a.by.as_deref()), Some("dr. A"));
    assert_eq!(log.snapshot.phase, Phase::Maintenance);
    let d = log.snapshot.deviations.last().unwrap();
    assert!(
        d.rule.contains("frequency twice_weekly lies outside the ipt_maintenance protocol's frequencies"),
        "{}",
        d.rule
    );
}
