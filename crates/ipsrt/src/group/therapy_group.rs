//! A therapy group: its own state, its members and waitlist, its sessions with attendance.

use std::fmt;

use chrono::{Datelike, Duration, NaiveDate};
use serde::{Deserialize, Serialize};

use super::GroupError;
use super::admission::AdmissionCriterion;
use super::format::{AdmissionPolicy, GroupRules, GroupType, IntakeStep};
use super::membership::{Departure, IndividualMeetingKind, Membership, MembershipStatus, PersonId};
use crate::limits::MAX_NOTE_CHARS;
use crate::persist::Persist;

/// The group's own state.
///
/// `Closed` if the group was closed; otherwise `Full` when it has its maximum number of
/// members; otherwise `Forming` before the first session and `Running` after it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum GroupStatus {
    /// No session held yet; collecting members.
    Forming,
    /// Sessions are being held and there is at least one free place.
    Running,
    /// Every place is taken (before or after the first session).
    Full,
    /// The group has ended; nothing more can happen.
    Closed,
}

impl fmt::Display for GroupStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            GroupStatus::Forming => "forming",
            GroupStatus::Running => "running",
            GroupStatus::Full => "full",
            GroupStatus::Closed => "closed",
        })
    }
}

/// Why someone left.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LeaveReason {
    /// Finished their own planned membership (rolling groups: after 1–1.5 years).
    Finished,
    /// Chose to stop.
    Withdrew,
    /// The therapists ended the membership (for example the group turned out not to fit).
    TherapistEnded,
    /// Referred elsewhere.
    Referred,
    /// Anything else; the `left` event must then carry a note saying why.
    Other,
}

/// Something that happened to the group. Events are applied in date order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum GroupEvent {
    /// A person is referred to the group. For the process group (S3) a GP referral is required.
    Referred {
        /// Who.
        person: PersonId,
        /// When.
        date: NaiveDate,
        /// Whether a GP referral letter is present.
        #[serde(default)]
        gp_referral: bool,
    },
    /// One intake step was completed (must be the next step of the group's pathway).
    IntakeCompleted {
        /// Who.
        person: PersonId,
        /// Which step.
        step: IntakeStep,
        /// When.
        date: NaiveDate,
    },
    /// An intake decided the person will not take part (yet).
    NotAdmitted {
        /// Who.
        person: PersonId,
        /// When.
        date: NaiveDate,
    },
    /// A person whose intake is complete is put on the waitlist (at the end). If a place is free
    /// and admission is open, the head of the waitlist joins at once. The clinician records
    /// which of the group's admission criteria are not met; with any unmet, a `reason` for
    /// admitting them all the same is required.
    Waitlisted {
        /// Who.
        person: PersonId,
        /// When.
        date: NaiveDate,
        /// The group's admission criteria that the person does not meet (empty: all met).
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        unmet_criteria: Vec<AdmissionCriterion>,
        /// Why the person is admitted despite unmet criteria (at most 2000 characters).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        reason: Option<String>,
    },
    /// A person who left (the group, the waitlist or the intake) comes back. Their referral and
    /// completed intake steps stand: with the intake unfinished they continue it, otherwise
    /// they go to the end of the waitlist and join by the usual rule (a place free and
    /// admission open).
    Rejoined {
        /// Who.
        person: PersonId,
        /// When.
        date: NaiveDate,
    },
    /// A group session was held; `present` lists the members who attended.
    SessionHeld {
        /// When.
        date: NaiveDate,
        /// Members present.
        present: Vec<PersonId>,
    },
    /// A member (or someone waiting or in intake) leaves. A freed place is filled from the
    /// waitlist in order, if admission is open.
    Left {
        /// Who.
        person: PersonId,
        /// When.
        date: NaiveDate,
        /// Why.
        reason: LeaveReason,
        /// The clinician's words on why (required when `reason` is `other`; at most 2000
        /// characters).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        note: Option<String>,
    },
    /// An individual meeting (IPT-G: midway or post-group) took place. A midway meeting held
    /// at another point than the rules' `midway_after_session` (IPT-G: between sessions 10
    /// and 11) needs a `deviation` saying why.
    IndividualMeeting {
        /// Who.
        person: PersonId,
        /// Which meeting.
        kind: IndividualMeetingKind,
        /// When.
        date: NaiveDate,
        /// Why a midway meeting is held outside its place (at most 2000 characters).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        deviation: Option<String>,
    },
    /// The group ends; every member completes it.
    Closed {
        /// When.
        date: NaiveDate,
    },
}

impl GroupEvent {
    /// The event's date.
    pub fn date(&self) -> NaiveDate {
        match self {
            GroupEvent::Referred { date, .. }
            | GroupEvent::IntakeCompleted { date, .. }
            | GroupEvent::NotAdmitted { date, .. }
            | GroupEvent::Waitlisted { date, .. }
            | GroupEvent::Rejoined { date, .. }
            | GroupEvent::SessionHeld { date, .. }
            | GroupEvent::Left { date, .. }
            | GroupEvent::IndividualMeeting { date, .. }
            | GroupEvent::Closed { date } => *date,
        }
    }
}

/// A held session.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Session {
    /// 1-based session number.
    pub number: u32,
    /// When.
    pub date: NaiveDate,
    /// Members present.
    pub present: Vec<PersonId>,
    /// Members absent.
    pub absent: Vec<PersonId>,
}

/// An individual meeting that is due (IPT-G).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DueMeeting {
    /// Who.
    pub person: PersonId,
    /// Which meeting.
    pub kind: IndividualMeetingKind,
    /// The latest date it should take place (midway: before the next session, unknown, so
    /// `None`; post-group: one week after the last session).
    pub due_by: Option<NaiveDate>,
}

/// A therapy group, driven by [`GroupEvent`]s. See the [module docs](crate::group).
///
/// Persisted (`ipsrt.group`) as its rules and event log, and rebuilt by replaying the log on
/// load, so a stored group is always one the rules allow.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(into = "GroupRecord", try_from = "GroupRecord")]
pub struct Group {
    rules: GroupRules,
    status: GroupStatus,
    people: Vec<Membership>,
    waitlist: Vec<PersonId>,
    sessions: Vec<Session>,
    closed_on: Option<NaiveDate>,
    events: Vec<GroupEvent>,
}

/// The stored form of a [`Group`]: its rules and its event log.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GroupRecord {
    /// The rules.
    pub rules: GroupRules,
    /// Every accepted event, in order.
    pub events: Vec<GroupEvent>,
}

impl From<Group> for GroupRecord {
    fn from(g: Group) -> Self {
        GroupRecord { rules: g.rules, events: g.events }
    }
}

impl TryFrom<GroupRecord> for Group {
    type Error = GroupError;
    fn try_from(r: GroupRecord) -> Result<Self, GroupError> {
        Group::replay(r.rules, r.events)
    }
}

impl Persist for Group {
    const SCHEMA: &'static str = "ipsrt.group";
    const VERSION: u32 = 2;

    /// Version 1 had no `midway_after_session`, `gp_referral_required` and `admission_criteria`
    /// in its rules: the GP referral was a rule of the process-group format, a midway meeting
    /// could be held at any point, and there were no admission criteria. The migration adds
    /// them as version 1 behaved: the process group requires a GP referral, a midway meeting
    /// belongs after half of the planned sessions (when version 1's `due_individual_meetings`
    /// listed it), and the format's admission criteria are added with nobody's recorded as
    /// unmet. A version-1 midway meeting held elsewhere gets a deviation saying it was
    /// recorded before deviations were asked for.
    fn migrate(from: u32, mut data: serde_json::Value) -> Result<serde_json::Value, String> {
        use serde_json::Value;
        if from != 1 {
            return Err(format!("no migration from version {from} is known"));
        }
        let rules = data.get_mut("rules").and_then(Value::as_object_mut).ok_or("expected group rules")?;
        let group_type: GroupType = serde_json::from_value(rules.get("group_type").cloned().unwrap_or(Value::Null))
            .map_err(|e| format!("rules.group_type: {e}"))?;
        let defaults = GroupRules::for_type(group_type);
        let planned = rules.get("planned_sessions").and_then(|p| p.get("value")).and_then(Value::as_u64);
        let meetings = rules.get("individual_meetings").and_then(Value::as_bool).unwrap_or(false);
        let midway = match (meetings, planned) {
            (true, Some(p)) if p >= 2 => {
                let after = u32::try_from(p / 2).map_err(|_| "rules.planned_sessions is too large")?;
                // IPT-G's own 10 of 20 keeps its source; any other planned number was a
                // version-1 rule of this library (half of the planned sessions).
                let wilfley = GroupRules::for_type(GroupType::IptG).midway_after_session;
                let source = match wilfley {
                    Some(w) if w.value == after => w.source,
                    _ => crate::source::Source::new(
                        "ipsrt-design",
                        "group record version 1: the midway meeting after half of the planned sessions",
                        crate::source::Evidence::Design,
                    ),
                };
                Some(crate::source::Cited::new(after, source))
            }
            _ => None,
        };
        let json = |e: serde_json::Error| e.to_string();
        rules.insert("midway_after_session".into(), serde_json::to_value(&midway).map_err(json)?);
        rules
            .insert("gp_referral_required".into(), serde_json::to_value(&defaults.gp_referral_required).map_err(json)?);
        rules.insert("admission_criteria".into(), serde_json::to_value(&defaults.admission_criteria).map_err(json)?);
        let after = midway.map(|m| m.value);
        let events = data.get_mut("events").and_then(Value::as_array_mut).ok_or("expected a group event log")?;
        let mut held = 0u32;
        for event in events.iter_mut() {
            let Some(obj) = event.as_object_mut() else { continue };
            match obj.get("type").and_then(Value::as_str) {
                Some("session_held") => held = held.saturating_add(1),
                Some("individual_meeting")
                    if obj.get("kind").and_then(Value::as_str) == Some("midway")
                        && after.is_some_and(|a| a != held) =>
                {
                    obj.insert("deviation".into(), Value::String(V1_MIDWAY_DEVIATION.to_owned()));
                }
                _ => {}
            }
        }
        Ok(data)
    }
}

/// The deviation the version-1 → 2 migration gives a midway meeting held outside its place.
pub(crate) const V1_MIDWAY_DEVIATION: &str =
    "recorded with version 1 of the group record, which did not ask for a deviation";

impl Group {
    /// A new, empty group in `Forming`.
    pub fn new(rules: GroupRules) -> Result<Self, GroupError> {
        rules.validate()?;
        Ok(Group {
            rules,
            status: GroupStatus::Forming,
            people: Vec::new(),
            waitlist: Vec::new(),
            sessions: Vec::new(),
            closed_on: None,
            events: Vec::new(),
        })
    }

    /// A new group of a format with its default rules.
    pub fn of_type(group_type: GroupType) -> Self {
        let rules = GroupRules::for_type(group_type);
        Group {
            rules,
            status: GroupStatus::Forming,
            people: Vec::new(),
            waitlist: Vec::new(),
            sessions: Vec::new(),
            closed_on: None,
            events: Vec::new(),
        }
    }

    /// Rebuilds a group from its rules and event log; the first rejected event is reported with
    /// its position.
    pub fn replay(rules: GroupRules, events: impl IntoIterator<Item = GroupEvent>) -> Result<Self, GroupError> {
        let mut g = Group::new(rules)?;
        for (index, event) in events.into_iter().enumerate() {
            g.apply(event).map_err(|e| GroupError::Replay { index, source: Box::new(e) })?;
        }
        Ok(g)
    }

    /// The rules.
    pub fn rules(&self) -> &GroupRules {
        &self.rules
    }
    /// The group's state.
    pub fn status(&self) -> GroupStatus {
        self.status
    }
    /// Everyone ever referred, in referral order.
    pub fn people(&self) -> &[Membership] {
        &self.people
    }
    /// The record of one person.
    pub fn person(&self, person: &PersonId) -> Option<&Membership> {
        self.people.iter().find(|m| &m.person == person)
    }
    /// Current members, in order of joining.
    pub fn members(&self) -> Vec<&PersonId> {
        let mut m: Vec<&Membership> = self.people.iter().filter(|m| m.status == MembershipStatus::Member).collect();
        m.sort_by_key(|m| m.joined_on);
        m.into_iter().map(|m| &m.person).collect()
    }
    /// Number of current members.
    pub fn member_count(&self) -> u32 {
        self.people.iter().filter(|m| m.status == MembershipStatus::Member).count() as u32
    }
    /// The waitlist, first in line first.
    pub fn waitlist(&self) -> &[PersonId] {
        &self.waitlist
    }
    /// Sessions held.
    pub fn sessions(&self) -> &[Session] {
        &self.sessions
    }
    /// The accepted events.
    pub fn events(&self) -> &[GroupEvent] {
        &self.events
    }
    /// Free places (0 when full or closed).
    pub fn free_places(&self) -> u32 {
        if self.status == GroupStatus::Closed {
            return 0;
        }
        self.rules.max_members.value.saturating_sub(self.member_count())
    }
    /// Whether a running group has fallen below its minimum size (a signal for the
    /// therapists, not an automatic action).
    pub fn below_minimum(&self) -> bool {
        self.status != GroupStatus::Closed && self.member_count() < self.rules.min_members.value
    }
    /// Whether a waiting person could join now (the group is not closed and, for a closed
    /// cohort, the admission window is still open).
    pub fn admission_open(&self) -> bool {
        if self.status == GroupStatus::Closed {
            return false;
        }
        match self.rules.admission.value {
            AdmissionPolicy::Rolling => true,
            AdmissionPolicy::Closed { admit_through_session } => self.sessions.len() as u32 <= admit_through_session,
        }
    }

    /// Current members whose membership has reached the upper end of the format's planned
    /// duration by `as_of` (process group: 18 months, S3), with the months so far. A signal
    /// for the therapists to plan the goodbye; nothing changes automatically.
    pub fn members_past_planned_duration(&self, as_of: NaiveDate) -> Vec<(PersonId, u32)> {
        let Some(months) = self.rules.membership_months.as_ref().map(|m| m.value.1) else {
            return Vec::new();
        };
        self.people
            .iter()
            .filter(|m| m.status == MembershipStatus::Member)
            .filter_map(|m| {
                let joined = m.joined_on?;
                let so_far = whole_months(joined, as_of);
                (so_far >= months).then(|| (m.person.clone(), so_far))
            })
            .collect()
    }

    /// Individual meetings that are due and not yet recorded (IPT-G only): the midway meeting
    /// for members once the rules' `midway_after_session` sessions are held (IPT-G: 10), and
    /// the post-group meeting for those who completed, due within one week after the last
    /// session.
    pub fn due_individual_meetings(&self) -> Vec<DueMeeting> {
        if !self.rules.individual_meetings {
            return Vec::new();
        }
        let held = self.sessions.len() as u32;
        let half = self.rules.midway_after_session.as_ref().map(|p| p.value);
        let last = self.sessions.last().map(|s| s.date);
        let mut due = Vec::new();
        for m in &self.people {
            let has = |k| m.individual_meetings.iter().any(|(kind, _)| *kind == k);
            if m.status == MembershipStatus::Member
                && half.is_some_and(|h| held >= h)
                && !has(IndividualMeetingKind::Midway)
            {
                due.push(DueMeeting { person: m.person.clone(), kind: IndividualMeetingKind::Midway, due_by: None });
            }
            if m.status == MembershipStatus::Completed && !has(IndividualMeetingKind::PostGroup) {
                due.push(DueMeeting {
                    person: m.person.clone(),
                    kind: IndividualMeetingKind::PostGroup,
                    due_by: last.map(|d| d + Duration::days(7)),
                });
            }
        }
        due
    }

    /// The group's admission criteria with whether `person` met each, as recorded when they
    /// were put on the waitlist: what to show when someone is admitted. Empty when the group
    /// has no criteria; `None` for someone never referred or not yet waitlisted.
    pub fn admission_findings(&self, person: &PersonId) -> Option<Vec<(AdmissionCriterion, bool)>> {
        let m = self.person(person)?;
        m.waitlisted_on?;
        let criteria = self.rules.admission_criteria.as_ref().map_or(&[][..], |c| &c.value[..]);
        Some(criteria.iter().map(|c| (*c, !m.unmet_criteria.contains(c))).collect())
    }

    /// Applies one event. Returns the people admitted from the waitlist as a consequence, in
    /// order. On error nothing changes.
    pub fn apply(&mut self, event: GroupEvent) -> Result<Vec<PersonId>, GroupError> {
        self.check(&event)?;
        Ok(self.commit(event))
    }

    fn index_of(&self, person: &PersonId) -> Result<usize, GroupError> {
        self.people
            .iter()
            .position(|m| &m.person == person)
            .ok_or_else(|| GroupError::UnknownPerson { person: person.clone() })
    }

    fn status_of(&self, person: &PersonId) -> Result<MembershipStatus, GroupError> {
        let i = self.index_of(person)?;
        Ok(self.people.get(i).map_or(MembershipStatus::Left, |m| m.status))
    }

    /// Validates `event` against the current state without changing anything.
    pub fn check(&self, event: &GroupEvent) -> Result<(), GroupError> {
        if let Some(previous) = self.events.last().map(GroupEvent::date)
            && event.date() < previous
        {
            return Err(GroupError::DateOutOfOrder { date: event.date(), previous });
        }
        let wrong = |person: &PersonId, status, action: &'static str| {
            Err(GroupError::WrongStatus { person: person.clone(), status, action })
        };
        if self.status == GroupStatus::Closed {
            // After the close only IPT-G's post-group individual meeting may still be recorded.
            let GroupEvent::IndividualMeeting { person, kind: IndividualMeetingKind::PostGroup, .. } = event else {
                return Err(GroupError::GroupClosed);
            };
            if !self.rules.individual_meetings {
                return Err(GroupError::NoIndividualMeetings { group_type: self.rules.group_type });
            }
            let m = self
                .people
                .get(self.index_of(person)?)
                .ok_or_else(|| GroupError::UnknownPerson { person: person.clone() })?;
            if m.status != MembershipStatus::Completed {
                return wrong(person, m.status, "have a post-group individual meeting");
            }
            if m.individual_meetings.iter().any(|(k, _)| *k == IndividualMeetingKind::PostGroup) {
                return Err(GroupError::MeetingAlreadyRecorded {
                    person: person.clone(),
                    kind: IndividualMeetingKind::PostGroup,
                });
            }
            if let GroupEvent::IndividualMeeting { deviation: Some(text), .. } = event {
                check_text("deviation", text)?;
            }
            return Ok(());
        }
        match event {
            GroupEvent::Referred { person, gp_referral, .. } => {
                if self.index_of(person).is_ok() {
                    return Err(GroupError::AlreadyReferred { person: person.clone() });
                }
                if self.rules.gp_referral_required.value && !gp_referral {
                    return Err(GroupError::GpReferralRequired { person: person.clone() });
                }
            }
            GroupEvent::IntakeCompleted { person, step, .. } => {
                let m = self
                    .people
                    .get(self.index_of(person)?)
                    .ok_or_else(|| GroupError::UnknownPerson { person: person.clone() })?;
                if m.status != MembershipStatus::InIntake {
                    return wrong(person, m.status, "complete an intake step");
                }
                let expected = self.rules.intake.value.get(m.intake_done.len()).copied();
                if expected != Some(*step) {
                    return Err(GroupError::IntakeOutOfOrder { person: person.clone(), expected, got: *step });
                }
            }
            GroupEvent::NotAdmitted { person, .. } => {
                let s = self.status_of(person)?;
                if s != MembershipStatus::InIntake {
                    return wrong(person, s, "be declined at intake");
                }
            }
            GroupEvent::Waitlisted { person, unmet_criteria, reason, .. } => {
                let m = self
                    .people
                    .get(self.index_of(person)?)
                    .ok_or_else(|| GroupError::UnknownPerson { person: person.clone() })?;
                if m.status != MembershipStatus::InIntake {
                    return wrong(person, m.status, "be put on the waitlist");
                }
                if let Some(missing) = self.rules.intake.value.get(m.intake_done.len()) {
                    return Err(GroupError::IntakeIncomplete { person: person.clone(), missing: *missing });
                }
                let criteria = self.rules.admission_criteria.as_ref().map_or(&[][..], |c| &c.value[..]);
                for (i, c) in unmet_criteria.iter().enumerate() {
                    let problem = if !criteria.contains(c) {
                        "is not one of this group's admission criteria: list only criteria from its rules"
                    } else if unmet_criteria.get(..i).is_some_and(|before| before.contains(c)) {
                        "is listed twice: list each criterion once"
                    } else {
                        continue;
                    };
                    return Err(GroupError::InvalidCriterion { person: person.clone(), criterion: *c, problem });
                }
                match reason {
                    Some(text) => check_text("reason", text)?,
                    None if !unmet_criteria.is_empty() => {
                        return Err(GroupError::AdmissionReasonRequired {
                            person: person.clone(),
                            unmet: unmet_criteria.clone(),
                        });
                    }
                    None => {}
                }
            }
            GroupEvent::SessionHeld { present, .. } => {
                let members = self.member_count();
                if self.sessions.is_empty() && members < self.rules.min_members.value {
                    return Err(GroupError::TooFewToStart { members, min: self.rules.min_members.value });
                }
                if let Some(planned) = &self.rules.planned_sessions
                    && self.sessions.len() as u32 >= planned.value
                {
                    return Err(GroupError::AllSessionsHeld { planned: planned.value });
                }
                for (i, p) in present.iter().enumerate() {
                    if self.status_of(p)? != MembershipStatus::Member {
                        return Err(GroupError::NotAMember { person: p.clone() });
                    }
                    if present.get(..i).is_some_and(|before| before.contains(p)) {
                        return Err(GroupError::DuplicateAttendance { person: p.clone() });
                    }
                }
            }
            GroupEvent::Left { person, reason, note, .. } => {
                let s = self.status_of(person)?;
                if !matches!(s, MembershipStatus::InIntake | MembershipStatus::Waitlisted | MembershipStatus::Member) {
                    return wrong(person, s, "leave");
                }
                if let Some(note) = note {
                    check_text("note", note)?;
                } else if *reason == LeaveReason::Other {
                    return Err(GroupError::LeaveNoteRequired { person: person.clone() });
                }
            }
            GroupEvent::Rejoined { person, .. } => {
                let s = self.status_of(person)?;
                if s != MembershipStatus::Left {
                    return wrong(person, s, "rejoin (only someone who left can)");
                }
            }
            GroupEvent::IndividualMeeting { person, kind, deviation, .. } => {
                if !self.rules.individual_meetings {
                    return Err(GroupError::NoIndividualMeetings { group_type: self.rules.group_type });
                }
                let m = self
                    .people
                    .get(self.index_of(person)?)
                    .ok_or_else(|| GroupError::UnknownPerson { person: person.clone() })?;
                // The post-group meeting follows the group's close, so only the midway meeting
                // can be recorded while the group is open.
                if *kind == IndividualMeetingKind::PostGroup {
                    return Err(GroupError::PostGroupBeforeClose { person: person.clone() });
                }
                if m.status != MembershipStatus::Member {
                    return wrong(person, m.status, "have a midway individual meeting");
                }
                if m.individual_meetings.iter().any(|(k, _)| k == kind) {
                    return Err(GroupError::MeetingAlreadyRecorded { person: person.clone(), kind: *kind });
                }
                match (deviation, &self.rules.midway_after_session) {
                    (Some(text), _) => check_text("deviation", text)?,
                    (None, Some(after)) if self.sessions.len() as u32 != after.value => {
                        return Err(GroupError::MidwayOutsideWindow {
                            person: person.clone(),
                            held: self.sessions.len() as u32,
                            after: after.value,
                        });
                    }
                    (None, _) => {}
                }
            }
            GroupEvent::Closed { .. } => {}
        }
        Ok(())
    }

    fn commit(&mut self, event: GroupEvent) -> Vec<PersonId> {
        match &event {
            GroupEvent::Referred { person, date, .. } => self.people.push(Membership {
                person: person.clone(),
                status: MembershipStatus::InIntake,
                referred_on: *date,
                intake_done: Vec::new(),
                waitlisted_on: None,
                joined_on: None,
                ended_on: None,
                sessions_offered: 0,
                sessions_attended: 0,
                individual_meetings: Vec::new(),
                unmet_criteria: Vec::new(),
                admission_reason: None,
                midway_deviation: None,
                departures: Vec::new(),
            }),
            GroupEvent::IntakeCompleted { person, step, date } => {
                if let Some(m) = self.people.iter_mut().find(|m| &m.person == person) {
                    m.intake_done.push((*step, *date));
                }
            }
            GroupEvent::NotAdmitted { person, date } => self.end(person, *date, MembershipStatus::NotAdmitted),
            GroupEvent::Waitlisted { person, date, unmet_criteria, reason } => {
                if let Some(m) = self.people.iter_mut().find(|m| &m.person == person) {
                    m.status = MembershipStatus::Waitlisted;
                    m.waitlisted_on = Some(*date);
                    m.unmet_criteria.clone_from(unmet_criteria);
                    m.admission_reason.clone_from(reason);
                }
                self.waitlist.push(person.clone());
            }
            GroupEvent::SessionHeld { date, present } => {
                let number = self.sessions.len() as u32 + 1;
                let mut absent = Vec::new();
                for m in self.people.iter_mut().filter(|m| m.status == MembershipStatus::Member) {
                    m.sessions_offered += 1;
                    if present.contains(&m.person) {
                        m.sessions_attended += 1;
                    } else {
                        absent.push(m.person.clone());
                    }
                }
                self.sessions.push(Session { number, date: *date, present: present.clone(), absent });
            }
            GroupEvent::Left { person, date, reason, note } => {
                self.waitlist.retain(|p| p != person);
                if let Some(m) = self.people.iter_mut().find(|m| &m.person == person) {
                    m.departures.push(Departure { date: *date, reason: *reason, note: note.clone(), from: m.status });
                }
                self.end(person, *date, MembershipStatus::Left);
            }
            GroupEvent::Rejoined { person, date } => {
                let steps = self.rules.intake.value.len();
                if let Some(m) = self.people.iter_mut().find(|m| &m.person == person) {
                    m.ended_on = None;
                    if m.intake_done.len() < steps {
                        m.status = MembershipStatus::InIntake;
                    } else {
                        m.status = MembershipStatus::Waitlisted;
                        m.waitlisted_on = Some(*date);
                        self.waitlist.push(person.clone());
                    }
                }
            }
            GroupEvent::IndividualMeeting { person, kind, date, deviation } => {
                if let Some(m) = self.people.iter_mut().find(|m| &m.person == person) {
                    m.individual_meetings.push((*kind, *date));
                    if *kind == IndividualMeetingKind::Midway {
                        m.midway_deviation.clone_from(deviation);
                    }
                }
            }
            GroupEvent::Closed { date } => {
                for m in self.people.iter_mut().filter(|m| m.status == MembershipStatus::Member) {
                    m.status = MembershipStatus::Completed;
                    m.ended_on = Some(*date);
                }
                self.closed_on = Some(*date);
            }
        }
        let date = event.date();
        self.events.push(event);
        if self.closed_on.is_some() {
            self.status = GroupStatus::Closed;
            return Vec::new();
        }
        let admitted = self.admit_from_waitlist(date);
        self.status = if self.member_count() >= self.rules.max_members.value {
            GroupStatus::Full
        } else if self.sessions.is_empty() {
            GroupStatus::Forming
        } else {
            GroupStatus::Running
        };
        admitted
    }

    fn end(&mut self, person: &PersonId, date: NaiveDate, status: MembershipStatus) {
        if let Some(m) = self.people.iter_mut().find(|m| &m.person == person) {
            m.status = status;
            m.ended_on = Some(date);
        }
    }

    fn admit_from_waitlist(&mut self, date: NaiveDate) -> Vec<PersonId> {
        let mut admitted = Vec::new();
        while self.admission_open() && self.member_count() < self.rules.max_members.value && !self.waitlist.is_empty() {
            let next = self.waitlist.remove(0);
            if let Some(m) = self.people.iter_mut().find(|m| m.person == next) {
                m.status = MembershipStatus::Member;
                m.joined_on = Some(date);
            }
            admitted.push(next);
        }
        admitted
    }
}

/// Whole calendar months from `from` to `to` (0 if `to` is earlier).
fn whole_months(from: NaiveDate, to: NaiveDate) -> u32 {
    let months =
        (to.year() - from.year()) * 12 + to.month() as i32 - from.month() as i32 - i32::from(to.day() < from.day());
    u32::try_from(months).unwrap_or(0)
}

/// Checks a free-text field of an event: not blank, at most [`MAX_NOTE_CHARS`] characters.
fn check_text(field: &'static str, value: &str) -> Result<(), GroupError> {
    let problem = if value.trim().is_empty() {
        "is blank: write in a few words why".to_owned()
    } else if value.chars().nth(MAX_NOTE_CHARS).is_some() {
        format!(
            "is longer than the limit of {MAX_NOTE_CHARS} characters: shorten it, or check that the right text was given"
        )
    } else {
        return Ok(());
    };
    Err(GroupError::InvalidText { field, value: value.to_owned(), problem })
}
