//! The non-response rule (rules edition 2, docs/course.md#the-non-response-rule): a fresh
//! evaluation at the stop session before the next session, stop candidates (no benefit, or a
//! reduction under the protocol's threshold), no completion after a no-benefit verdict, the
//! alternative offered recorded, and edition-1 logs replaying as before.

use chrono::NaiveDate;
use ipsrt::ErrorKind;
use ipsrt::course::*;
use ipsrt::inventory::Person;
use ipsrt::problem_area::{ProblemAreaKind, Taxonomy};
use ipsrt::source::{Evidence, Source};
use proptest::prelude::*;

fn day(n: i64) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 1, 5).unwrap() + chrono::Duration::days(n)
}

struct B {
    course: Course,
    d: i64,
}

impl B {
    fn new(protocol: Protocol) -> B {
        let course = Course::create(&EventRecord::new(
            day(0),
            CourseEvent::CourseCreated { protocol, taxonomy: Taxonomy::Wmk4 },
        ))
        .unwrap();
        B { course, d: 0 }
    }
    fn try_(&mut self, e: CourseEvent) -> Result<(), CourseError> {
        let before = serde_json::to_string(&self.course).unwrap();
        let r = self.course.apply(&EventRecord::new(day(self.d), e));
        if r.is_err() {
            assert_eq!(before, serde_json::to_string(&self.course).unwrap(), "a rejected event changed the course");
        }
        r
    }
    fn ok(&mut self, e: CourseEvent) -> &mut Self {
        self.try_(e).unwrap();
        self
    }
    fn session(&mut self) -> Result<(), CourseError> {
        self.d += 7;
        let number = self.course.sessions.last().map_or(1, |s| s.number + 1);
        self.try_(CourseEvent::SessionRecorded { number, attendance: Attendance::Attended, at: None, mode: None })
    }
    fn sessions(&mut self, n: u32) -> &mut Self {
        for _ in 0..n {
            self.session().unwrap();
        }
        self
    }
    /// Middle phase after 3 sessions, contract of 16.
    fn middle(&mut self) -> &mut Self {
        self.sessions(3)
            .ok(CourseEvent::DiagnosisRecorded { diagnosis: "MDD".into(), note: None })
            .ok(CourseEvent::SickRoleRecorded { note: None })
            .ok(CourseEvent::PersonAdded { person: Person::new("p", "P", "partner").unwrap() })
            .ok(CourseEvent::ProblemAreaChosen {
                area: ProblemAreaKind::RoleTransition,
                dispute_stage: None,
                person: None,
                deviation: None,
            })
            .ok(CourseEvent::FormulationAccepted { summary: "transition".into() })
            .ok(CourseEvent::ContractSet {
                contract: Contract { sessions: 16, frequency: Frequency::Weekly, minutes: 50 },
                deviation: None,
            })
            .ok(CourseEvent::MiddlePhaseStarted)
    }
    fn evaluate(&mut self, verdict: ResponseVerdict, totals: Option<(f64, f64)>) -> Result<(), CourseError> {
        let basis = totals.map(|(b, c)| EvaluationBasis {
            instrument: "phq9".into(),
            baseline_total: Some(b),
            current_total: Some(c),
            source: Source::new("KSW-2001", "", Evidence::Verified),
        });
        self.try_(CourseEvent::ResponseEvaluated { verdict, basis })
    }
}

fn spaarne() -> B {
    let mut b = B::new(Protocol::spaarne());
    b.middle();
    b
}

#[test]
fn spaarne_protocol_carries_the_cited_threshold_and_edition() {
    let p = Protocol::spaarne();
    assert_eq!(p.rules_edition, RULES_EDITION);
    let t = p.stop_reduction.as_ref().unwrap();
    assert_eq!(t.value, 50);
    assert!(t.source.reference().is_some());
    for p in Protocol::builtin() {
        assert_eq!(p.rules_edition, RULES_EDITION, "{}", p.key);
    }
    let mut bad = Protocol::wmk_acute();
    bad.stop_reduction = Protocol::spaarne().stop_reduction;
    assert!(bad.validate().unwrap_err().to_string().contains("stop_without_effect_after"));
    let mut bad = Protocol::spaarne();
    bad.rules_edition = RULES_EDITION + 1;
    assert!(bad.validate().unwrap_err().to_string().contains("upgrade ipsrt"));
}

#[test]
fn an_evaluation_at_8_does_not_cover_the_decision_at_12() {
    let mut b = spaarne();
    b.sessions(5); // 8 attended
    b.evaluate(ResponseVerdict::PartialResponse, Some((20.0, 14.0))).unwrap();
    b.sessions(4); // 12 attended
    assert!(b.course.status().warnings.iter().any(|w| matches!(w, Warning::FreshEvaluationDue { stop: 12 })));
    let e = b.session().unwrap_err();
    assert!(matches!(e, CourseError::FreshEvaluationDue { stop: 12, next: 13 }), "{e}");
    assert_eq!(e.kind(), ErrorKind::IllegalTransition);
    assert!(e.to_string().contains("record response_evaluated before session 13"));
    // A fresh evaluation at session 12 with a response: session 13 is accepted.
    b.evaluate(ResponseVerdict::Response, Some((20.0, 9.0))).unwrap();
    assert!(b.course.stop_candidate().is_none());
    b.session().unwrap();
}

#[test]
fn under_50_percent_at_12_is_a_stop_candidate_whatever_the_verdict() {
    let mut b = spaarne();
    b.sessions(9);
    // 40 % reduction, verdict "partial response": a stop candidate by the threshold.
    b.evaluate(ResponseVerdict::PartialResponse, Some((20.0, 12.0))).unwrap();
    assert_eq!(b.course.phase, Phase::Middle, "a stop candidate is the clinician's decision, not an automatic end");
    let c = b.course.stop_candidate().unwrap();
    assert_eq!((c.after_sessions, c.reduction_percent()), (12, Some(40)));
    let w = b.course.status().warnings;
    let stop = w.iter().find(|w| matches!(w, Warning::StopCandidate { .. })).unwrap();
    assert_eq!(
        stop,
        &Warning::StopCandidate {
            after_sessions: 12,
            verdict: ResponseVerdict::PartialResponse,
            reduction_percent: Some(40),
            threshold_percent: Some(50),
        }
    );
    assert!(stop.to_string().contains("40 % reduction (under 50 % is no response)"));
    // Sessions and completion wait for the decision.
    assert!(matches!(b.session(), Err(CourseError::StopDecisionPending { after_sessions: 12, .. })));
    b.ok(CourseEvent::TerminationStarted { deviation: None })
        .ok(CourseEvent::RelapsePreventionPlanRecorded { plan_ref: None, summary: Some("signs".into()) });
    assert!(matches!(b.try_(CourseEvent::CourseCompleted), Err(CourseError::StopDecisionPending { .. })));
    // The stop records the alternative offered.
    let e = b.try_(CourseEvent::EndedNonResponse { alternative_offered: None }).unwrap_err();
    assert!(matches!(e, CourseError::AlternativeMissing));
    assert_eq!(e.kind(), ErrorKind::InvalidInput);
    assert!(b.try_(CourseEvent::EndedNonResponse { alternative_offered: Some("  ".into()) }).is_err());
    b.ok(CourseEvent::EndedNonResponse { alternative_offered: Some("CBT with an antidepressant".into()) });
    assert_eq!(
        b.course.phase,
        Phase::Ended { ending: Ending::NonResponse { alternative_offered: Some("CBT with an antidepressant".into()) } }
    );
}

#[test]
fn exactly_50_percent_or_remission_is_not_a_stop_candidate() {
    let mut b = spaarne();
    b.sessions(9);
    b.evaluate(ResponseVerdict::Response, Some((20.0, 10.0))).unwrap();
    assert!(b.course.stop_candidate().is_none());
    let mut b = spaarne();
    b.sessions(9);
    // A low baseline can remit with a small reduction: remission is never a stop candidate.
    b.evaluate(ResponseVerdict::Remission, Some((6.0, 4.0))).unwrap();
    assert!(b.course.stop_candidate().is_none());
}

#[test]
fn declining_the_stop_is_a_recorded_deviation() {
    let mut b = spaarne();
    b.sessions(9);
    assert!(matches!(
        b.try_(CourseEvent::NonResponseStopDeclined { reason: "x".into() }),
        Err(CourseError::NoStopCandidate)
    ));
    b.evaluate(ResponseVerdict::MinimalOrNoBenefit, None).unwrap();
    assert!(b.try_(CourseEvent::NonResponseStopDeclined { reason: " ".into() }).is_err());
    b.ok(CourseEvent::NonResponseStopDeclined { reason: "medication started two weeks ago".into() });
    assert!(b.course.stop_candidate().is_none());
    let dev = b.course.deviations.last().unwrap();
    assert!(dev.rule.contains("stop candidate"), "{}", dev.rule);
    assert_eq!(dev.reason, "medication started two weeks ago");
    b.session().unwrap();
    // The latest verdict is still "no benefit": the course cannot end as completed.
    b.ok(CourseEvent::TerminationStarted { deviation: None })
        .ok(CourseEvent::RelapsePreventionPlanRecorded { plan_ref: None, summary: Some("signs".into()) });
    let e = b.try_(CourseEvent::CourseCompleted).unwrap_err();
    assert!(matches!(e, CourseError::CompletedAfterNoBenefit { after_sessions: 12, .. }), "{e}");
    assert!(e.to_string().contains("ended_non_response"));
    // A fresh evaluation with a response lets it complete.
    b.evaluate(ResponseVerdict::Response, Some((20.0, 8.0))).unwrap();
    b.ok(CourseEvent::CourseCompleted);
    assert_eq!(b.course.phase, Phase::Ended { ending: Ending::Completed });
}

#[test]
fn no_completion_after_no_benefit_in_any_protocol() {
    let mut b = B::new(Protocol::wmk_acute());
    b.middle().sessions(9).ok(CourseEvent::TerminationStarted { deviation: None });
    b.ok(CourseEvent::RelapsePreventionPlanRecorded { plan_ref: None, summary: Some("signs".into()) });
    b.evaluate(ResponseVerdict::MinimalOrNoBenefit, None).unwrap();
    assert!(b.course.stop_candidate().is_none(), "wmk_acute has no stop rule");
    assert!(matches!(b.try_(CourseEvent::CourseCompleted), Err(CourseError::CompletedAfterNoBenefit { .. })));
    b.ok(CourseEvent::EndedNonResponse { alternative_offered: Some("referral to a psychiatrist".into()) });
}

/// A protocol stored before rules edition 2 (no `rules_edition`, no `stop_reduction`) keeps
/// its rules: the stop ends the course on the spot, completion after no benefit is accepted.
fn edition1_spaarne() -> Protocol {
    let mut json = serde_json::to_value(Protocol::spaarne()).unwrap();
    let o = json.as_object_mut().unwrap();
    o.remove("rules_edition");
    o.remove("stop_reduction");
    o.insert("version".into(), 1.into());
    serde_json::from_value(json).unwrap()
}

#[test]
fn edition_1_logs_replay_as_before() {
    let p = edition1_spaarne();
    assert_eq!(p.rules_edition, 1);
    assert!(!serde_json::to_string(&p).unwrap().contains("rules_edition"), "edition 1 writes no field");
    let mut b = B::new(p);
    b.middle().sessions(5);
    b.evaluate(ResponseVerdict::PartialResponse, None).unwrap();
    b.sessions(6); // 14 attended, no fresh evaluation needed under edition 1
    b.evaluate(ResponseVerdict::MinimalOrNoBenefit, None).unwrap();
    assert_eq!(b.course.phase, Phase::Ended { ending: Ending::NonResponse { alternative_offered: None } });
    let mut b = B::new(edition1_spaarne());
    b.middle().sessions(5).ok(CourseEvent::TerminationStarted { deviation: None });
    b.ok(CourseEvent::RelapsePreventionPlanRecorded { plan_ref: None, summary: None });
    b.evaluate(ResponseVerdict::MinimalOrNoBenefit, None).unwrap();
    b.ok(CourseEvent::CourseCompleted);
}

#[derive(Debug, Clone)]
enum Step {
    Session,
    Evaluate(u8, u8),
    Decline,
    EndNonResponse(bool),
    Complete,
    Terminate,
    Plan,
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        6 => Just(Step::Session),
        2 => (0u8..4, 0u8..21).prop_map(|(v, c)| Step::Evaluate(v, c)),
        1 => Just(Step::Decline),
        1 => any::<bool>().prop_map(Step::EndNonResponse),
        1 => Just(Step::Complete),
        1 => Just(Step::Terminate),
        1 => Just(Step::Plan),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    /// Invariants of the non-response rule on arbitrary sequences: no attended session past the
    /// stop session without an evaluation at or after it, none while a stop candidate is
    /// pending, never completed with a latest no-benefit verdict, every non-response ending
    /// under edition 2 names the alternative offered; a rejected event changes nothing.
    #[test]
    fn non_response_invariants(steps in proptest::collection::vec(step(), 0..40)) {
        let mut b = spaarne();
        for s in steps {
            let pending_before = b.course.stop_candidate().is_some();
            let held_before = b.course.attended();
            let e = match s {
                Step::Session => {
                    let r = b.session();
                    if r.is_ok() {
                        prop_assert!(!pending_before, "a session was accepted while a stop candidate was pending");
                        if held_before >= 12 {
                            prop_assert!(b.course.evaluations.iter().any(|e| e.after_sessions >= 12));
                        }
                    }
                    continue;
                }
                Step::Evaluate(v, c) => {
                    let verdict = [ResponseVerdict::Remission, ResponseVerdict::Response, ResponseVerdict::PartialResponse, ResponseVerdict::MinimalOrNoBenefit][usize::from(v)];
                    let _ = b.evaluate(verdict, Some((20.0, f64::from(c))));
                    continue;
                }
                Step::Decline => CourseEvent::NonResponseStopDeclined { reason: "continue".into() },
                Step::EndNonResponse(alt) => CourseEvent::EndedNonResponse { alternative_offered: alt.then(|| "CBT".to_owned()) },
                Step::Complete => CourseEvent::CourseCompleted,
                Step::Terminate => CourseEvent::TerminationStarted { deviation: Some("late".into()) },
                Step::Plan => CourseEvent::RelapsePreventionPlanRecorded { plan_ref: None, summary: None },
            };
            let _ = b.try_(e);
            match &b.course.phase {
                Phase::Ended { ending: Ending::Completed } => {
                    prop_assert_ne!(b.course.latest_evaluation().map(|e| e.verdict), Some(ResponseVerdict::MinimalOrNoBenefit));
                }
                Phase::Ended { ending: Ending::NonResponse { alternative_offered } } => {
                    prop_assert!(alternative_offered.is_some());
                }
                _ => {}
            }
        }
    }
}

fn fixture(name: &str) -> String {
    std::fs::read_to_string(format!("{}/../../test-vectors/persist/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

#[test]
fn frozen_v3_fixture_has_the_decline_and_the_alternative() {
    let log: CourseLog = ipsrt::persist::from_json(&fixture("ipsrt.course.v3.json")).unwrap();
    let c = &log.snapshot;
    assert_eq!(c.protocol.rules_edition, 2);
    assert!(c.evaluations[0].stop_candidate);
    assert!(c.evaluations[0].stop_declined.is_some());
    assert!(matches!(&c.phase, Phase::Ended { ending: Ending::NonResponse { alternative_offered: Some(_) } }));
    // Older logs read as rules edition 1.
    for v in ["v1", "v2"] {
        let old: CourseLog = ipsrt::persist::from_json(&fixture(&format!("ipsrt.course.{v}.json"))).unwrap();
        assert_eq!(old.snapshot.protocol.rules_edition, 1, "{v}");
    }
}
