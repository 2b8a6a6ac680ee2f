//! Group therapy: examples per format and proptest invariants (never above the maximum,
//! waitlist order kept, rejected events change nothing).

use chrono::NaiveDate;
use ipsrt::ErrorKind;
use ipsrt::group::{
    AdmissionCriterion, Group, GroupError, GroupEvent, GroupRules, GroupStatus, GroupType, IndividualMeetingKind,
    IntakeStep, LeaveReason, MembershipStatus, PersonId,
};
use ipsrt::persist::{from_json, to_json};
use ipsrt::source::Source;
use proptest::prelude::*;

fn d(day: i64) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 1, 1).unwrap() + chrono::Duration::days(day)
}

fn p(name: &str) -> PersonId {
    PersonId::new(name).unwrap()
}

/// Refers, runs the intake pathway and waitlists a person; returns who was admitted.
fn bring_in(g: &mut Group, who: &str, day: i64) -> Vec<PersonId> {
    let gp = g.rules().group_type == GroupType::ProcessGroup;
    g.apply(GroupEvent::Referred { person: p(who), date: d(day), gp_referral: gp }).unwrap();
    for step in g.rules().intake.value.clone() {
        g.apply(GroupEvent::IntakeCompleted { person: p(who), step, date: d(day) }).unwrap();
    }
    g.apply(GroupEvent::Waitlisted { person: p(who), date: d(day), unmet_criteria: vec![], reason: None }).unwrap()
}

#[test]
fn default_rules_follow_the_sources() {
    let ipsrt = GroupRules::for_type(GroupType::IpsrtGroup);
    assert_eq!((ipsrt.min_members.value, ipsrt.max_members.value, ipsrt.typical.value), (6, 8, (6, 7)));
    assert_eq!(ipsrt.max_members.source.key, "S0");
    let process = GroupRules::for_type(GroupType::ProcessGroup);
    assert_eq!(process.max_members.value, 9);
    assert_eq!(process.session_minutes.as_ref().unwrap().value, 90);
    assert_eq!(process.membership_months.as_ref().unwrap().value, (12, 18));
    assert_eq!(process.max_members.source.key, "S3");
    let iptg = GroupRules::for_type(GroupType::IptG);
    assert_eq!((iptg.min_members.value, iptg.max_members.value), (6, 9));
    assert_eq!(iptg.planned_sessions.as_ref().unwrap().value, 20);
    assert!(iptg.individual_meetings);
    // S0 also reports a minimum of 4.
    let four = ipsrt.clone().with_size(4, 8, Source::local("clinic X")).unwrap();
    assert_eq!(four.min_members.value, 4);
    assert!(ipsrt.with_size(9, 8, Source::local("x")).is_err());
}

#[test]
fn process_group_rolling_entry_in_waitlist_order() {
    let mut g = Group::of_type(GroupType::ProcessGroup);
    // No GP referral: rejected.
    let e = g.apply(GroupEvent::Referred { person: p("x"), date: d(0), gp_referral: false }).unwrap_err();
    assert!(matches!(e, GroupError::GpReferralRequired { .. }));
    // Intake steps out of order are rejected.
    g.apply(GroupEvent::Referred { person: p("x"), date: d(0), gp_referral: true }).unwrap();
    let before = g.clone();
    let e = g
        .apply(GroupEvent::IntakeCompleted { person: p("x"), step: IntakeStep::GroupTherapistIntake, date: d(0) })
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::IllegalTransition);
    assert_eq!(g, before);
    g.apply(GroupEvent::Left { person: p("x"), date: d(0), reason: LeaveReason::Withdrew, note: None }).unwrap();

    for i in 0..9 {
        assert_eq!(bring_in(&mut g, &format!("m{i}"), 1), vec![p(&format!("m{i}"))]);
    }
    assert_eq!(g.status(), GroupStatus::Full);
    assert_eq!(bring_in(&mut g, "w1", 2), vec![]);
    assert_eq!(bring_in(&mut g, "w2", 3), vec![]);
    assert_eq!(g.waitlist(), &[p("w1"), p("w2")]);
    let all: Vec<PersonId> = g.members().into_iter().cloned().collect();
    g.apply(GroupEvent::SessionHeld { date: d(7), present: all[..7].to_vec() }).unwrap();
    assert_eq!(g.sessions()[0].absent.len(), 2);
    // A member leaves after a year: the first on the waitlist takes the place.
    let admitted =
        g.apply(GroupEvent::Left { person: p("m0"), date: d(365), reason: LeaveReason::Finished, note: None }).unwrap();
    assert_eq!(admitted, vec![p("w1")]);
    assert_eq!(g.status(), GroupStatus::Full);
    assert_eq!(g.waitlist(), &[p("w2")]);
    // Rolling groups admit after many sessions too.
    let admitted =
        g.apply(GroupEvent::Left { person: p("m1"), date: d(366), reason: LeaveReason::Withdrew, note: None }).unwrap();
    assert_eq!(admitted, vec![p("w2")]);
    let admitted =
        g.apply(GroupEvent::Left { person: p("m2"), date: d(367), reason: LeaveReason::Withdrew, note: None }).unwrap();
    assert!(admitted.is_empty());
    assert_eq!(g.status(), GroupStatus::Running);
    assert_eq!(g.free_places(), 1);
    assert_eq!(g.person(&p("m0")).unwrap().status, MembershipStatus::Left);
    // Process groups have no IPT-G individual meetings.
    let e = g
        .apply(GroupEvent::IndividualMeeting {
            person: p("m3"),
            kind: IndividualMeetingKind::Midway,
            date: d(368),
            deviation: None,
        })
        .unwrap_err();
    assert!(matches!(e, GroupError::NoIndividualMeetings { .. }));
}

#[test]
fn ipt_g_is_a_closed_cohort_with_three_individual_meetings() {
    let mut g = Group::of_type(GroupType::IptG);
    for i in 0..5 {
        bring_in(&mut g, &format!("m{i}"), 0);
    }
    // 5 < 6: cannot start.
    let e = g.apply(GroupEvent::SessionHeld { date: d(1), present: vec![] }).unwrap_err();
    assert!(matches!(e, GroupError::TooFewToStart { members: 5, min: 6 }));
    bring_in(&mut g, "m5", 0);
    let all: Vec<PersonId> = g.members().into_iter().cloned().collect();
    g.apply(GroupEvent::SessionHeld { date: d(1), present: all.clone() }).unwrap();
    // Closed after session 1: a late-comer waits (for the next cohort) even though places are free.
    assert_eq!(bring_in(&mut g, "late", 2), vec![]);
    assert!(!g.admission_open());
    // A member leaves: the place is not refilled in a closed cohort.
    assert!(
        g.apply(GroupEvent::Left { person: p("m5"), date: d(3), reason: LeaveReason::Withdrew, note: None })
            .unwrap()
            .is_empty()
    );
    let five: Vec<PersonId> = g.members().into_iter().cloned().collect();
    for s in 2..=10 {
        g.apply(GroupEvent::SessionHeld { date: d(7 * s), present: five.clone() }).unwrap();
    }
    let due = g.due_individual_meetings();
    assert_eq!(due.len(), 5);
    assert!(due.iter().all(|m| m.kind == IndividualMeetingKind::Midway));
    g.apply(GroupEvent::IndividualMeeting {
        person: p("m0"),
        kind: IndividualMeetingKind::Midway,
        date: d(71),
        deviation: None,
    })
    .unwrap();
    let again = GroupEvent::IndividualMeeting {
        person: p("m0"),
        kind: IndividualMeetingKind::Midway,
        date: d(71),
        deviation: None,
    };
    assert!(matches!(g.apply(again), Err(GroupError::MeetingAlreadyRecorded { .. })));
    for s in 11..=20 {
        g.apply(GroupEvent::SessionHeld { date: d(7 * s), present: five.clone() }).unwrap();
    }
    let e = g.apply(GroupEvent::SessionHeld { date: d(150), present: vec![] }).unwrap_err();
    assert!(matches!(e, GroupError::AllSessionsHeld { planned: 20 }));
    let post = GroupEvent::IndividualMeeting {
        person: p("m0"),
        kind: IndividualMeetingKind::PostGroup,
        date: d(141),
        deviation: None,
    };
    assert!(matches!(g.apply(post.clone()), Err(GroupError::PostGroupBeforeClose { .. })));
    g.apply(GroupEvent::Closed { date: d(140) }).unwrap();
    assert_eq!(g.status(), GroupStatus::Closed);
    let due = g.due_individual_meetings();
    assert_eq!(due.len(), 5);
    assert!(due.iter().all(|m| m.kind == IndividualMeetingKind::PostGroup && m.due_by == Some(d(147))));
    g.apply(post).unwrap();
    assert_eq!(g.due_individual_meetings().len(), 4);
    assert!(matches!(g.apply(GroupEvent::Closed { date: d(150) }), Err(GroupError::GroupClosed)));
    assert_eq!(g.person(&p("m1")).unwrap().attendance_rate(), Some(1.0));
    assert_eq!(g.person(&p("m1")).unwrap().status, MembershipStatus::Completed);
    assert_eq!(g.person(&p("late")).unwrap().status, MembershipStatus::Waitlisted);
    // Round trip through the persisted form (rules + log, replayed).
    let back: Group = from_json(&to_json(&g)).unwrap();
    assert_eq!(back, g);
}

#[test]
fn ipsrt_group_admits_until_session_two() {
    let mut g = Group::of_type(GroupType::IpsrtGroup);
    for i in 0..6 {
        bring_in(&mut g, &format!("m{i}"), 0);
    }
    let all: Vec<PersonId> = g.members().into_iter().cloned().collect();
    g.apply(GroupEvent::SessionHeld { date: d(1), present: all.clone() }).unwrap();
    assert_eq!(bring_in(&mut g, "a", 2), vec![p("a")]);
    g.apply(GroupEvent::SessionHeld { date: d(8), present: all.clone() }).unwrap();
    assert_eq!(bring_in(&mut g, "b", 9), vec![p("b")]);
    assert_eq!(g.status(), GroupStatus::Full);
    assert_eq!(bring_in(&mut g, "c", 9), vec![]);
    g.apply(GroupEvent::SessionHeld { date: d(15), present: all }).unwrap();
    // After session 3 the window is shut: nobody is admitted even when a place frees up.
    assert!(
        g.apply(GroupEvent::Left {
            person: p("a"),
            date: d(16),
            reason: LeaveReason::Other,
            note: Some("moved away".into())
        })
        .unwrap()
        .is_empty()
    );
    assert_eq!(g.waitlist(), &[p("c")]);
    // Attendance for a non-member and duplicates are rejected.
    assert!(matches!(
        g.apply(GroupEvent::SessionHeld { date: d(22), present: vec![p("c")] }),
        Err(GroupError::NotAMember { .. })
    ));
    assert!(matches!(
        g.apply(GroupEvent::SessionHeld { date: d(22), present: vec![p("m0"), p("m0")] }),
        Err(GroupError::DuplicateAttendance { .. })
    ));
    assert!(matches!(
        g.apply(GroupEvent::SessionHeld { date: d(1), present: vec![] }),
        Err(GroupError::DateOutOfOrder { .. })
    ));
}

#[test]
fn stored_log_that_breaks_a_rule_is_refused() {
    let json = r#"{"schema":"ipsrt.group","version":1,"data":{"rules":RULES,"events":[
        {"type":"referred","person":"a","date":"2026-01-01"},
        {"type":"waitlisted","person":"a","date":"2026-01-02"}]}}"#
        .replace("RULES", &serde_json::to_string(&GroupRules::for_type(GroupType::IptG)).unwrap());
    let e = from_json::<Group>(&json).unwrap_err();
    assert!(e.to_string().contains("event 1"), "{e}");
}

#[derive(Debug, Clone)]
enum Op {
    Refer(usize, bool),
    Intake(usize, usize),
    Waitlist(usize, Vec<usize>, bool),
    Decline(usize),
    Session(Vec<usize>),
    Leave(usize, usize, bool),
    Meeting(usize, bool, bool),
    Rejoin(usize),
    Close,
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        4 => (0..14usize, prop::bool::weighted(0.9)).prop_map(|(i, gp)| Op::Refer(i, gp)),
        4 => (0..14usize, 0..3usize).prop_map(|(i, s)| Op::Intake(i, s)),
        4 => (0..14usize, prop::collection::vec(0..7usize, 0..2), prop::bool::weighted(0.3))
            .prop_map(|(i, unmet, reason)| Op::Waitlist(i, unmet, reason)),
        1 => (0..14usize).prop_map(Op::Decline),
        3 => prop::collection::vec(0..14usize, 0..10).prop_map(Op::Session),
        2 => (0..14usize, 0..3usize, any::<bool>()).prop_map(|(i, r, n)| Op::Leave(i, r, n)),
        1 => (0..14usize, any::<bool>(), any::<bool>()).prop_map(|(i, b, dev)| Op::Meeting(i, b, dev)),
        2 => (0..14usize).prop_map(Op::Rejoin),
        1 => Just(Op::Close),
    ]
}

fn event(op: &Op, day: i64) -> GroupEvent {
    let who = |i: &usize| p(&format!("p{i}"));
    let steps = [IntakeStep::IndividualTherapistIntake, IntakeStep::GroupTherapistIntake, IntakeStep::PreGroupMeeting];
    match op {
        Op::Refer(i, gp) => GroupEvent::Referred { person: who(i), date: d(day), gp_referral: *gp },
        Op::Intake(i, s) => GroupEvent::IntakeCompleted { person: who(i), step: steps[*s], date: d(day) },
        Op::Waitlist(i, unmet, reason) => GroupEvent::Waitlisted {
            person: who(i),
            date: d(day),
            unmet_criteria: unmet.iter().map(|c| AdmissionCriterion::ALL[*c]).collect(),
            reason: reason.then(|| "the intake judged the fit good enough".to_owned()),
        },
        Op::Decline(i) => GroupEvent::NotAdmitted { person: who(i), date: d(day) },
        Op::Session(v) => GroupEvent::SessionHeld { date: d(day), present: v.iter().map(who).collect() },
        Op::Leave(i, r, note) => GroupEvent::Left {
            person: who(i),
            date: d(day),
            reason: [LeaveReason::Withdrew, LeaveReason::TherapistEnded, LeaveReason::Other][*r],
            note: note.then(|| "moved to another city".to_owned()),
        },
        Op::Meeting(i, post, deviate) => GroupEvent::IndividualMeeting {
            person: who(i),
            kind: if *post { IndividualMeetingKind::PostGroup } else { IndividualMeetingKind::Midway },
            date: d(day),
            deviation: deviate.then(|| "the member was ill that week".to_owned()),
        },
        Op::Rejoin(i) => GroupEvent::Rejoined { person: who(i), date: d(day) },
        Op::Close => GroupEvent::Closed { date: d(day) },
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn invariants_hold_for_any_event_sequence(
        kind in 0..3usize,
        ops in prop::collection::vec((op(), 0..3i64), 0..120),
    ) {
        let group_type = [GroupType::IpsrtGroup, GroupType::ProcessGroup, GroupType::IptG][kind];
        let mut g = Group::of_type(group_type);
        // Lower the minimum so that sessions actually happen often.
        let rules = g.rules().clone().with_size(2, g.rules().max_members.value, Source::local("test")).unwrap();
        g = Group::new(rules).unwrap();
        let max = g.rules().max_members.value;
        let mut day = 0;
        for (op, step) in ops {
            day += step;
            let before = g.clone();
            let waitlist_before = g.waitlist().to_vec();
            match g.apply(event(&op, day)) {
                Err(_) => prop_assert_eq!(&g, &before, "a rejected event changed the group"),
                Ok(admitted) => {
                    // Admitted people are exactly the head of the waitlist, in order.
                    let waitlist_now = g.waitlist();
                    for a in &admitted {
                        prop_assert_eq!(g.person(a).map(|m| m.status), Some(MembershipStatus::Member));
                    }
                    // The remaining waitlist keeps the earlier order (a subsequence of the old one,
                    // plus at most one newcomer at the end).
                    let mut old = waitlist_before.iter().filter(|x| !admitted.contains(x));
                    let kept: Vec<&PersonId> = waitlist_now.iter().filter(|x| waitlist_before.contains(x)).collect();
                    for k in kept {
                        prop_assert!(old.any(|o| o == k), "waitlist order changed");
                    }
                    let mut expected_admitted: Vec<PersonId> = waitlist_before.clone();
                    if let GroupEvent::Waitlisted { person, .. } | GroupEvent::Rejoined { person, .. } = event(&op, day)
                        && !expected_admitted.contains(&person)
                    {
                        expected_admitted.push(person);
                    }
                    match event(&op, day) {
                        // A person who leaves has a departure with its reason; `other` always has a note.
                        GroupEvent::Left { person, reason, .. } => {
                            let m = g.person(&person).unwrap();
                            prop_assert_eq!(m.status, MembershipStatus::Left);
                            let last = m.departures.last().unwrap();
                            prop_assert_eq!(last.reason, reason);
                            prop_assert!(reason != LeaveReason::Other || last.note.is_some());
                        }
                        // A rejoining person is back in intake, on the waitlist or a member.
                        GroupEvent::Rejoined { person, .. } => {
                            let m = g.person(&person).unwrap();
                            prop_assert!(matches!(m.status, MembershipStatus::InIntake | MembershipStatus::Waitlisted | MembershipStatus::Member));
                            prop_assert!(!m.departures.is_empty());
                        }
                        // Unmet admission criteria are always recorded with a reason.
                        GroupEvent::Waitlisted { person, unmet_criteria, .. } => {
                            let m = g.person(&person).unwrap();
                            prop_assert_eq!(&m.unmet_criteria, &unmet_criteria);
                            prop_assert!(unmet_criteria.is_empty() || m.admission_reason.is_some());
                        }
                        // A midway meeting away from its place always carries a deviation.
                        GroupEvent::IndividualMeeting { kind: IndividualMeetingKind::Midway, deviation, .. } => {
                            let at = g.rules().midway_after_session.as_ref().map(|c| c.value);
                            prop_assert!(deviation.is_some() || at.is_none_or(|a| a == g.sessions().len() as u32));
                        }
                        _ => {}
                    }
                    if let GroupEvent::Left { person, .. } = event(&op, day) { expected_admitted.retain(|x| *x != person); }
                    prop_assert_eq!(&admitted[..], &expected_admitted[..admitted.len()]);
                }
            }
            prop_assert!(g.member_count() <= max, "group above its maximum");
            prop_assert_eq!(g.status() == GroupStatus::Full, g.status() != GroupStatus::Closed && g.member_count() == max);
            if g.status() != GroupStatus::Closed && g.admission_open() && g.member_count() < max {
                prop_assert!(g.waitlist().is_empty(), "a place is free but someone is still waiting");
            }
        }
        // The stored form replays to the same group.
        let back: Group = from_json(&to_json(&g)).unwrap();
        prop_assert_eq!(back, g);
    }
}

#[test]
fn process_group_members_reaching_18_months_are_listed() {
    let mut g = Group::of_type(GroupType::ProcessGroup);
    for i in 0..3 {
        bring_in(&mut g, &format!("m{i}"), 0);
    }
    bring_in(&mut g, "late", 200);
    // Joined 2026-01-01; 18 months on 2027-07-01.
    assert!(g.members_past_planned_duration(NaiveDate::from_ymd_opt(2027, 6, 30).unwrap()).is_empty());
    let due = g.members_past_planned_duration(NaiveDate::from_ymd_opt(2027, 7, 1).unwrap());
    assert_eq!(due.len(), 3);
    assert_eq!(due[0], (p("m0"), 18));
    // IPT-G has no planned membership duration in months.
    assert!(Group::of_type(GroupType::IptG).members_past_planned_duration(d(900)).is_empty());
}

#[test]
fn midway_meeting_outside_sessions_10_and_11_needs_a_deviation() {
    let mut g = Group::of_type(GroupType::IptG);
    for i in 0..6 {
        bring_in(&mut g, &format!("m{i}"), 0);
    }
    let all: Vec<PersonId> = g.members().into_iter().cloned().collect();
    for s in 1..=9 {
        g.apply(GroupEvent::SessionHeld { date: d(7 * s), present: all.clone() }).unwrap();
    }
    let early = GroupEvent::IndividualMeeting {
        person: p("m0"),
        kind: IndividualMeetingKind::Midway,
        date: d(64),
        deviation: None,
    };
    let before = g.clone();
    let e = g.apply(early).unwrap_err();
    assert!(matches!(e, GroupError::MidwayOutsideWindow { held: 9, after: 10, .. }), "{e}");
    assert!(e.to_string().contains("between sessions 10 and 11") && e.to_string().contains("deviation"), "{e}");
    assert_eq!(g, before);
    // A blank deviation is no deviation.
    let blank = GroupEvent::IndividualMeeting {
        person: p("m0"),
        kind: IndividualMeetingKind::Midway,
        date: d(64),
        deviation: Some("  ".into()),
    };
    assert!(matches!(g.apply(blank), Err(GroupError::InvalidText { field: "deviation", .. })));
    let long = "x".repeat(ipsrt::limits::MAX_NOTE_CHARS + 1);
    let e = g
        .apply(GroupEvent::IndividualMeeting {
            person: p("m0"),
            kind: IndividualMeetingKind::Midway,
            date: d(64),
            deviation: Some(long),
        })
        .unwrap_err();
    assert!(e.to_string().len() < 300, "{e}");
    g.apply(GroupEvent::IndividualMeeting {
        person: p("m0"),
        kind: IndividualMeetingKind::Midway,
        date: d(64),
        deviation: Some("on holiday during sessions 10 and 11".into()),
    })
    .unwrap();
    assert_eq!(g.person(&p("m0")).unwrap().midway_deviation.as_deref(), Some("on holiday during sessions 10 and 11"));
    g.apply(GroupEvent::SessionHeld { date: d(70), present: all.clone() }).unwrap();
    // Between sessions 10 and 11: no deviation needed.
    g.apply(GroupEvent::IndividualMeeting {
        person: p("m1"),
        kind: IndividualMeetingKind::Midway,
        date: d(71),
        deviation: None,
    })
    .unwrap();
    assert_eq!(g.person(&p("m1")).unwrap().midway_deviation, None);
    g.apply(GroupEvent::SessionHeld { date: d(77), present: all }).unwrap();
    let late = GroupEvent::IndividualMeeting {
        person: p("m2"),
        kind: IndividualMeetingKind::Midway,
        date: d(78),
        deviation: None,
    };
    assert!(matches!(g.apply(late), Err(GroupError::MidwayOutsideWindow { held: 11, .. })));
}

#[test]
fn gp_referral_is_a_rule_of_the_group() {
    // The process group requires one by default (S3) ...
    let mut g = Group::of_type(GroupType::ProcessGroup);
    let e = g.apply(GroupEvent::Referred { person: p("a"), date: d(0), gp_referral: false }).unwrap_err();
    assert!(matches!(e, GroupError::GpReferralRequired { .. }));
    assert_eq!(GroupRules::for_type(GroupType::ProcessGroup).gp_referral_required.source.key, "S3");
    // ... a clinic may drop it for its own process group ...
    let rules = GroupRules::for_type(GroupType::ProcessGroup).with_gp_referral(false, Source::local("clinic"));
    let mut g = Group::new(rules).unwrap();
    g.apply(GroupEvent::Referred { person: p("a"), date: d(0), gp_referral: false }).unwrap();
    // ... and require it for another format.
    let rules = GroupRules::for_type(GroupType::IpsrtGroup).with_gp_referral(true, Source::local("clinic"));
    let mut g = Group::new(rules).unwrap();
    assert!(g.apply(GroupEvent::Referred { person: p("a"), date: d(0), gp_referral: false }).is_err());
    g.apply(GroupEvent::Referred { person: p("a"), date: d(0), gp_referral: true }).unwrap();
}

#[test]
fn a_member_who_leaves_records_why_and_may_rejoin() {
    let mut g = Group::of_type(GroupType::ProcessGroup);
    for i in 0..9 {
        bring_in(&mut g, &format!("m{i}"), 0);
    }
    bring_in(&mut g, "w", 1);
    assert_eq!(g.waitlist(), &[p("w")]);
    // `other` needs a note.
    let bare = GroupEvent::Left { person: p("m0"), date: d(2), reason: LeaveReason::Other, note: None };
    let e = g.apply(bare).unwrap_err();
    assert!(matches!(e, GroupError::LeaveNoteRequired { .. }), "{e}");
    let admitted = g
        .apply(GroupEvent::Left {
            person: p("m0"),
            date: d(2),
            reason: LeaveReason::Other,
            note: Some("a new job with evening shifts".into()),
        })
        .unwrap();
    assert_eq!(admitted, vec![p("w")]);
    let m0 = g.person(&p("m0")).unwrap();
    assert_eq!(m0.departures.len(), 1);
    assert_eq!(m0.departures[0].from, MembershipStatus::Member);
    assert_eq!(m0.departures[0].note.as_deref(), Some("a new job with evening shifts"));
    // Only someone who left can rejoin.
    assert!(matches!(
        g.apply(GroupEvent::Rejoined { person: p("m1"), date: d(3) }),
        Err(GroupError::WrongStatus { .. })
    ));
    // Back to the end of the waitlist (the group is full), then in when a place frees up.
    assert!(g.apply(GroupEvent::Rejoined { person: p("m0"), date: d(30) }).unwrap().is_empty());
    assert_eq!(g.person(&p("m0")).unwrap().status, MembershipStatus::Waitlisted);
    assert_eq!(g.person(&p("m0")).unwrap().ended_on, None);
    let admitted =
        g.apply(GroupEvent::Left { person: p("m1"), date: d(40), reason: LeaveReason::Finished, note: None }).unwrap();
    assert_eq!(admitted, vec![p("m0")]);
    assert_eq!(g.person(&p("m0")).unwrap().joined_on, Some(d(40)));
    // Someone who left during the intake continues it on return.
    g.apply(GroupEvent::Referred { person: p("i"), date: d(41), gp_referral: true }).unwrap();
    g.apply(GroupEvent::Left { person: p("i"), date: d(42), reason: LeaveReason::Withdrew, note: None }).unwrap();
    g.apply(GroupEvent::Rejoined { person: p("i"), date: d(50) }).unwrap();
    assert_eq!(g.person(&p("i")).unwrap().status, MembershipStatus::InIntake);
    let back: Group = from_json(&to_json(&g)).unwrap();
    assert_eq!(back, g);
}

#[test]
fn version_1_group_with_a_midway_meeting_elsewhere_migrates_with_a_deviation() {
    let mut g = Group::of_type(GroupType::IptG);
    for i in 0..6 {
        bring_in(&mut g, &format!("m{i}"), 0);
    }
    let all: Vec<PersonId> = g.members().into_iter().cloned().collect();
    for s in 1..=3 {
        g.apply(GroupEvent::SessionHeld { date: d(7 * s), present: all.clone() }).unwrap();
    }
    g.apply(GroupEvent::IndividualMeeting {
        person: p("m0"),
        kind: IndividualMeetingKind::Midway,
        date: d(22),
        deviation: Some("x".into()),
    })
    .unwrap();
    // Write it as version 1 wrote it: no new rule fields, no deviation.
    let mut v: serde_json::Value = serde_json::from_str(&to_json(&g)).unwrap();
    v["version"] = 1.into();
    let rules = v["data"]["rules"].as_object_mut().unwrap();
    rules.remove("midway_after_session");
    rules.remove("gp_referral_required");
    let events = v["data"]["events"].as_array_mut().unwrap();
    events.last_mut().unwrap().as_object_mut().unwrap().remove("deviation");
    let loaded: Group = from_json(&v.to_string()).unwrap();
    let m0 = loaded.person(&p("m0")).unwrap();
    assert!(m0.midway_deviation.as_deref().is_some_and(|t| t.contains("version 1")));
    assert_eq!(loaded.rules().midway_after_session.as_ref().map(|c| c.value), Some(10));
    assert!(!loaded.rules().gp_referral_required.value);
}

#[test]
fn process_group_admission_criteria_are_shown_and_unmet_ones_need_a_reason() {
    use ipsrt::group::CriterionKind;
    let rules = GroupRules::for_type(GroupType::ProcessGroup);
    let criteria = rules.admission_criteria.as_ref().unwrap();
    assert_eq!(criteria.source.key, "S3");
    assert_eq!(criteria.value, AdmissionCriterion::ALL.to_vec());
    let kinds: Vec<CriterionKind> = criteria.value.iter().map(|c| c.kind()).collect();
    assert_eq!(kinds.iter().filter(|k| **k == CriterionKind::Indication).count(), 4);
    assert_eq!(kinds.iter().filter(|k| **k == CriterionKind::Requirement).count(), 2);
    assert_eq!(kinds.iter().filter(|k| **k == CriterionKind::ContraIndication).count(), 1);
    // IPT-G's sources give no such list: no criteria, and none can be recorded.
    assert!(GroupRules::for_type(GroupType::IptG).admission_criteria.is_none());

    let mut g = Group::of_type(GroupType::ProcessGroup);
    g.apply(GroupEvent::Referred { person: p("a"), date: d(0), gp_referral: true }).unwrap();
    for step in [IntakeStep::IndividualTherapistIntake, IntakeStep::GroupTherapistIntake] {
        g.apply(GroupEvent::IntakeCompleted { person: p("a"), step, date: d(0) }).unwrap();
    }
    let unmet = vec![AdmissionCriterion::RoomForPatterns];
    let before = g.clone();
    // An unmet criterion is not a refusal, but it needs a reason.
    let e = g
        .apply(GroupEvent::Waitlisted { person: p("a"), date: d(1), unmet_criteria: unmet.clone(), reason: None })
        .unwrap_err();
    assert!(matches!(e, GroupError::AdmissionReasonRequired { .. }), "{e}");
    assert!(e.to_string().contains("room_for_patterns") && e.to_string().contains("give a reason"), "{e}");
    assert_eq!(g, before);
    let twice = vec![AdmissionCriterion::CopingCapacity, AdmissionCriterion::CopingCapacity];
    let e = g
        .apply(GroupEvent::Waitlisted { person: p("a"), date: d(1), unmet_criteria: twice, reason: Some("x".into()) })
        .unwrap_err();
    assert!(matches!(e, GroupError::InvalidCriterion { .. }), "{e}");
    let admitted = g
        .apply(GroupEvent::Waitlisted {
            person: p("a"),
            date: d(1),
            unmet_criteria: unmet,
            reason: Some("the everyday problems are settling; agreed to review after 3 months".into()),
        })
        .unwrap();
    assert_eq!(admitted, vec![p("a")]);
    let findings = g.admission_findings(&p("a")).unwrap();
    assert_eq!(findings.len(), 7);
    assert_eq!(
        findings.iter().filter(|(_, met)| !met).map(|(c, _)| *c).collect::<Vec<_>>(),
        vec![AdmissionCriterion::RoomForPatterns]
    );
    assert!(g.person(&p("a")).unwrap().admission_reason.as_deref().unwrap().contains("review after 3 months"));
    assert_eq!(g.admission_findings(&p("nobody")), None);

    // A group without criteria refuses an unmet criterion as not its own.
    let mut ipt = Group::of_type(GroupType::IptG);
    ipt.apply(GroupEvent::Referred { person: p("b"), date: d(0), gp_referral: false }).unwrap();
    ipt.apply(GroupEvent::IntakeCompleted { person: p("b"), step: IntakeStep::PreGroupMeeting, date: d(0) }).unwrap();
    let e = ipt
        .apply(GroupEvent::Waitlisted {
            person: p("b"),
            date: d(1),
            unmet_criteria: vec![AdmissionCriterion::CopingCapacity],
            reason: Some("x".into()),
        })
        .unwrap_err();
    assert!(e.to_string().contains("not one of this group's admission criteria"), "{e}");
    assert_eq!(ipt.admission_findings(&p("b")), None);
    let back: Group = from_json(&to_json(&g)).unwrap();
    assert_eq!(back, g);
}

#[test]
fn version_1_group_with_another_planned_number_migrates_to_half_with_a_design_source() {
    let mut v: serde_json::Value = serde_json::from_str(&to_json(&Group::of_type(GroupType::IptG))).unwrap();
    v["version"] = 1.into();
    let rules = v["data"]["rules"].as_object_mut().unwrap();
    for key in ["midway_after_session", "gp_referral_required", "admission_criteria"] {
        rules.remove(key);
    }
    rules["planned_sessions"]["value"] = 16.into();
    let g: Group = from_json(&v.to_string()).unwrap();
    let midway = g.rules().midway_after_session.as_ref().unwrap();
    assert_eq!(midway.value, 8);
    assert_eq!(midway.source.key, "ipsrt-design");
    // Without individual meetings there is no midway rule.
    let mut v: serde_json::Value = serde_json::from_str(&to_json(&Group::of_type(GroupType::ProcessGroup))).unwrap();
    v["version"] = 1.into();
    let rules = v["data"]["rules"].as_object_mut().unwrap();
    for key in ["midway_after_session", "gp_referral_required", "admission_criteria"] {
        rules.remove(key);
    }
    let g: Group = from_json(&v.to_string()).unwrap();
    assert!(g.rules().midway_after_session.is_none());
    assert!(g.rules().gp_referral_required.value);
    assert_eq!(g.rules().admission_criteria.as_ref().map(|c| c.value.len()), Some(7));
}

#[test]
fn rules_with_a_reversed_or_empty_range_are_refused_naming_the_rule() {
    let base = GroupRules::for_type(GroupType::ProcessGroup);
    let src = Source::local("clinic");
    let mut typical = base.clone();
    typical.typical = ipsrt::source::Cited::new((9, 8), src.clone());
    let mut outside = base.clone();
    outside.typical = ipsrt::source::Cited::new((2, 9), src.clone());
    let mut months = base.clone();
    months.membership_months = Some(ipsrt::source::Cited::new((18, 12), src.clone()));
    let mut minutes = base.clone();
    minutes.session_minutes = Some(ipsrt::source::Cited::new(0, src));
    for (rules, field) in
        [(typical, "typical"), (outside, "typical"), (months, "membership_months"), (minutes, "session_minutes")]
    {
        let e = Group::new(rules).unwrap_err();
        assert!(matches!(e, GroupError::InvalidRule { field: f, .. } if f == field), "{e}");
        assert_eq!(e.kind(), ErrorKind::InvalidInput);
        assert!(
            e.to_string().contains(&format!("invalid group rule {field}")) && e.to_string().contains("give "),
            "{e}"
        );
    }
    for t in [GroupType::IpsrtGroup, GroupType::ProcessGroup, GroupType::IptG] {
        GroupRules::for_type(t).validate().unwrap();
        // Resizing keeps the typical range inside the limits.
        GroupRules::for_type(t).with_size(2, 12, Source::local("clinic")).unwrap().validate().unwrap();
        GroupRules::for_type(t).with_size(4, 4, Source::local("clinic")).unwrap().validate().unwrap();
    }
}
