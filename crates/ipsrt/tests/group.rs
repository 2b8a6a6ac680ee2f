//! Group therapy: examples per format and proptest invariants (never above the maximum,
//! waitlist order kept, rejected events change nothing).

use chrono::NaiveDate;
use ipsrt::ErrorKind;
use ipsrt::group::{
    Group, GroupError, GroupEvent, GroupRules, GroupStatus, GroupType, IndividualMeetingKind, IntakeStep, LeaveReason,
    MembershipStatus, PersonId,
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
    g.apply(GroupEvent::Waitlisted { person: p(who), date: d(day) }).unwrap()
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
    g.apply(GroupEvent::Left { person: p("x"), date: d(0), reason: LeaveReason::Withdrew }).unwrap();

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
    let admitted = g.apply(GroupEvent::Left { person: p("m0"), date: d(365), reason: LeaveReason::Finished }).unwrap();
    assert_eq!(admitted, vec![p("w1")]);
    assert_eq!(g.status(), GroupStatus::Full);
    assert_eq!(g.waitlist(), &[p("w2")]);
    // Rolling groups admit after many sessions too.
    let admitted = g.apply(GroupEvent::Left { person: p("m1"), date: d(366), reason: LeaveReason::Withdrew }).unwrap();
    assert_eq!(admitted, vec![p("w2")]);
    let admitted = g.apply(GroupEvent::Left { person: p("m2"), date: d(367), reason: LeaveReason::Withdrew }).unwrap();
    assert!(admitted.is_empty());
    assert_eq!(g.status(), GroupStatus::Running);
    assert_eq!(g.free_places(), 1);
    assert_eq!(g.person(&p("m0")).unwrap().status, MembershipStatus::Left);
    // Process groups have no IPT-G individual meetings.
    let e = g
        .apply(GroupEvent::IndividualMeeting { person: p("m3"), kind: IndividualMeetingKind::Midway, date: d(368) })
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
        g.apply(GroupEvent::Left { person: p("m5"), date: d(3), reason: LeaveReason::Withdrew }).unwrap().is_empty()
    );
    let five: Vec<PersonId> = g.members().into_iter().cloned().collect();
    for s in 2..=10 {
        g.apply(GroupEvent::SessionHeld { date: d(7 * s), present: five.clone() }).unwrap();
    }
    let due = g.due_individual_meetings();
    assert_eq!(due.len(), 5);
    assert!(due.iter().all(|m| m.kind == IndividualMeetingKind::Midway));
    g.apply(GroupEvent::IndividualMeeting { person: p("m0"), kind: IndividualMeetingKind::Midway, date: d(71) })
        .unwrap();
    let again = GroupEvent::IndividualMeeting { person: p("m0"), kind: IndividualMeetingKind::Midway, date: d(71) };
    assert!(matches!(g.apply(again), Err(GroupError::MeetingAlreadyRecorded { .. })));
    for s in 11..=20 {
        g.apply(GroupEvent::SessionHeld { date: d(7 * s), present: five.clone() }).unwrap();
    }
    let e = g.apply(GroupEvent::SessionHeld { date: d(150), present: vec![] }).unwrap_err();
    assert!(matches!(e, GroupError::AllSessionsHeld { planned: 20 }));
    let post = GroupEvent::IndividualMeeting { person: p("m0"), kind: IndividualMeetingKind::PostGroup, date: d(141) };
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
    assert!(g.apply(GroupEvent::Left { person: p("a"), date: d(16), reason: LeaveReason::Other }).unwrap().is_empty());
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
    Waitlist(usize),
    Decline(usize),
    Session(Vec<usize>),
    Leave(usize),
    Meeting(usize, bool),
    Close,
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        4 => (0..14usize, prop::bool::weighted(0.9)).prop_map(|(i, gp)| Op::Refer(i, gp)),
        4 => (0..14usize, 0..3usize).prop_map(|(i, s)| Op::Intake(i, s)),
        4 => (0..14usize).prop_map(Op::Waitlist),
        1 => (0..14usize).prop_map(Op::Decline),
        3 => prop::collection::vec(0..14usize, 0..10).prop_map(Op::Session),
        2 => (0..14usize).prop_map(Op::Leave),
        1 => (0..14usize, any::<bool>()).prop_map(|(i, b)| Op::Meeting(i, b)),
        1 => Just(Op::Close),
    ]
}

fn event(op: &Op, day: i64) -> GroupEvent {
    let who = |i: &usize| p(&format!("p{i}"));
    let steps = [IntakeStep::IndividualTherapistIntake, IntakeStep::GroupTherapistIntake, IntakeStep::PreGroupMeeting];
    match op {
        Op::Refer(i, gp) => GroupEvent::Referred { person: who(i), date: d(day), gp_referral: *gp },
        Op::Intake(i, s) => GroupEvent::IntakeCompleted { person: who(i), step: steps[*s], date: d(day) },
        Op::Waitlist(i) => GroupEvent::Waitlisted { person: who(i), date: d(day) },
        Op::Decline(i) => GroupEvent::NotAdmitted { person: who(i), date: d(day) },
        Op::Session(v) => GroupEvent::SessionHeld { date: d(day), present: v.iter().map(who).collect() },
        Op::Leave(i) => GroupEvent::Left { person: who(i), date: d(day), reason: LeaveReason::Withdrew },
        Op::Meeting(i, post) => GroupEvent::IndividualMeeting {
            person: who(i),
            kind: if *post { IndividualMeetingKind::PostGroup } else { IndividualMeetingKind::Midway },
            date: d(day),
        },
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
                    if let GroupEvent::Waitlisted { person, .. } = event(&op, day) { expected_admitted.push(person); }
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
