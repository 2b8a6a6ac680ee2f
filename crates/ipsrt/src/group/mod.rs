//! Group therapy: IPSRT groups, the long-term interpersonal process group and IPT-G, with
//! membership, waitlists and attendance.
//!
//! * [`GroupRules`] holds a format's rules, each number with its source:
//!   [`GroupType::IpsrtGroup`] (min 6 or 4, max 8, typical 6–7; seed S0),
//!   [`GroupType::ProcessGroup`] (max 9, weekly 90 min, 1–1.5 years, rolling entry after GP
//!   referral, individual intake and group-therapist intake; seed S3) and [`GroupType::IptG`]
//!   (6–9 members, 20 sessions, closed cohort, individual meetings before, midway and after;
//!   Wilfley et al. 2000).
//! * [`AdmissionCriterion`]: who the process group suits and does not suit (S3), in the rules
//!   and shown at admission; admitting someone with an unmet criterion needs a recorded reason,
//!   never a silent refusal.
//! * [`Group`] is the group's state machine ([`GroupStatus`]: forming, running, full, closed),
//!   driven by [`GroupEvent`]s. Each person has a [`Membership`] with its own
//!   [`MembershipStatus`]. Whenever a place is free and admission is open, people join from the
//!   waitlist in the order they were put on it. A group never exceeds its maximum, and a
//!   rejected event leaves the group exactly as it was.
//!
//! ```
//! use chrono::NaiveDate;
//! use ipsrt::group::{Group, GroupEvent, GroupStatus, GroupType, IntakeStep, PersonId};
//!
//! let d = |day| NaiveDate::from_ymd_opt(2026, 1, day).unwrap();
//! let mut group = Group::of_type(GroupType::ProcessGroup);
//! let ann = PersonId::new("ann")?;
//! // S3: a GP referral is required, then two intakes, then the waitlist.
//! group.apply(GroupEvent::Referred { person: ann.clone(), date: d(5), gp_referral: true })?;
//! let early = group.apply(GroupEvent::Waitlisted { person: ann.clone(), date: d(6), unmet_criteria: vec![], reason: None });
//! assert!(early.is_err()); // intakes first; the group is unchanged
//! for step in [IntakeStep::IndividualTherapistIntake, IntakeStep::GroupTherapistIntake] {
//!     group.apply(GroupEvent::IntakeCompleted { person: ann.clone(), step, date: d(7) })?;
//! }
//! let admitted = group.apply(GroupEvent::Waitlisted { person: ann.clone(), date: d(8), unmet_criteria: vec![], reason: None })?;
//! assert_eq!(admitted, vec![ann.clone()]); // a place was free: rolling entry
//! // S3's admission criteria, to show at admission: all met here.
//! assert!(group.admission_findings(&ann).unwrap().iter().all(|(_, met)| *met));
//! assert_eq!(group.status(), GroupStatus::Forming);
//! # Ok::<(), ipsrt::Error>(())
//! ```

use crate::error::ErrorKind;
use crate::limits::Excerpt;

mod admission;
mod format;
mod membership;
mod therapy_group;

pub use admission::{AdmissionCriterion, CriterionKind};
pub use format::{AdmissionPolicy, GroupRules, GroupType, IntakeStep};
pub use membership::{Departure, IndividualMeetingKind, Membership, MembershipStatus, PersonId};
pub use therapy_group::{DueMeeting, Group, GroupEvent, GroupRecord, GroupStatus, LeaveReason, Session};

/// Errors from [`crate::group`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum GroupError {
    /// Size limits that cannot work.
    #[error("invalid group size: minimum {min}, maximum {max}; give 1 ≤ minimum ≤ maximum (and planned sessions ≥ 1)")]
    InvalidSize {
        /// The minimum given.
        min: u32,
        /// The maximum given.
        max: u32,
    },
    /// A rule of a group's rules that cannot work (a reversed range, a zero length).
    #[error("invalid group rule {field}: {detail}")]
    InvalidRule {
        /// The rule's field (`typical`, `membership_months`, `session_minutes`).
        field: &'static str,
        /// What is wrong and what to do.
        detail: String,
    },
    /// A person identifier that is empty, too long or has control characters.
    #[error(
        "invalid person id {}: use a non-empty identifier of at most 200 bytes without control characters",
        Excerpt::new(id)
    )]
    InvalidPersonId {
        /// The identifier given.
        id: String,
    },
    /// The person was never referred to this group.
    #[error("{person} is not known in this group: refer them first ({op})", op = crate::operation::Operation::GroupReferred)]
    UnknownPerson {
        /// Who.
        person: PersonId,
    },
    /// The person was already referred.
    #[error("{person} was already referred to this group: use another id, or continue their existing record")]
    AlreadyReferred {
        /// Who.
        person: PersonId,
    },
    /// This group's rules require a GP referral (by default the process group, seed S3).
    #[error(
        "{person} cannot be referred to this group without a GP referral (its rules set gp_referral_required): obtain one and set gp_referral: true, or change the group's rules"
    )]
    GpReferralRequired {
        /// Who.
        person: PersonId,
    },
    /// An intake step that is not the next one of the pathway.
    #[error(
        "intake step {got:?} for {person} is out of order: the next step is {expected:?} (none means the intake is complete)"
    )]
    IntakeOutOfOrder {
        /// Who.
        person: PersonId,
        /// The step that is due.
        expected: Option<IntakeStep>,
        /// The step given.
        got: IntakeStep,
    },
    /// Waitlisting before the intake is complete.
    #[error("{person} cannot be put on the waitlist yet: intake step {missing:?} is still to do; record it first")]
    IntakeIncomplete {
        /// Who.
        person: PersonId,
        /// The next missing step.
        missing: IntakeStep,
    },
    /// An action the person's status does not allow.
    #[error("{person} cannot {action} while {status}")]
    WrongStatus {
        /// Who.
        person: PersonId,
        /// Their status.
        status: MembershipStatus,
        /// What was attempted.
        action: &'static str,
    },
    /// The group has closed.
    #[error("the group is closed: no more events can be recorded (start a new group for a new cohort)")]
    GroupClosed,
    /// An event dated before the previous one.
    #[error("event dated {date} comes before the previous event ({previous}): record events in date order")]
    DateOutOfOrder {
        /// The date given.
        date: chrono::NaiveDate,
        /// The previous event's date.
        previous: chrono::NaiveDate,
    },
    /// The first session needs the minimum number of members.
    #[error(
        "the group cannot start with {members} member(s): its minimum is {min}; admit more people from the waitlist or lower the minimum in the rules"
    )]
    TooFewToStart {
        /// Current members.
        members: u32,
        /// The minimum.
        min: u32,
    },
    /// A time-limited group has held all its sessions.
    #[error("all {planned} planned sessions have been held: close the group")]
    AllSessionsHeld {
        /// Planned sessions.
        planned: u32,
    },
    /// Attendance for someone who is not a current member.
    #[error("{person} is not a current member and cannot be marked present: list only current members")]
    NotAMember {
        /// Who.
        person: PersonId,
    },
    /// A person listed twice in one session's attendance.
    #[error("{person} is listed twice as present: list each member once")]
    DuplicateAttendance {
        /// Who.
        person: PersonId,
    },
    /// Individual meetings for a format that has none.
    #[error("{group_type:?} groups have no individual midway/post-group meetings (only IPT-G has)")]
    NoIndividualMeetings {
        /// The format.
        group_type: GroupType,
    },
    /// The post-group meeting recorded while the group is still open.
    #[error(
        "the post-group meeting of {person} can only be recorded after the group has closed: record `closed` first"
    )]
    PostGroupBeforeClose {
        /// Who.
        person: PersonId,
    },
    /// A meeting recorded twice.
    #[error("{person} already had the {kind:?} meeting")]
    MeetingAlreadyRecorded {
        /// Who.
        person: PersonId,
        /// Which meeting.
        kind: IndividualMeetingKind,
    },
    /// A midway individual meeting outside its place in the course (IPT-G: between sessions
    /// 10 and 11) without a recorded deviation.
    #[error(
        "the midway individual meeting of {person} belongs between sessions {after} and {next}, but {held} session(s) have been held: record it at that point, or give a deviation saying why it is held now"
    , next = after + 1)]
    MidwayOutsideWindow {
        /// Who.
        person: PersonId,
        /// Sessions held so far.
        held: u32,
        /// The session after which the meeting belongs.
        after: u32,
    },
    /// A midway-session rule that cannot work.
    #[error(
        "invalid midway_after_session {after} ({}): give a session ≥ 1 before the last planned one, on a format with individual meetings",
        planned.map_or("no planned number of sessions".to_owned(), |p| format!("{p} planned sessions"))
    )]
    InvalidMidwaySession {
        /// The session given.
        after: u32,
        /// The planned number of sessions.
        planned: Option<u32>,
    },
    /// Admission with unmet criteria but without a recorded reason.
    #[error(
        "{person} is put on the waitlist with unmet admission criteria ({}): give a reason saying why they are admitted all the same",
        unmet.iter().map(|c| c.as_str()).collect::<Vec<_>>().join(", ")
    )]
    AdmissionReasonRequired {
        /// Who.
        person: PersonId,
        /// The unmet criteria given.
        unmet: Vec<AdmissionCriterion>,
    },
    /// An unmet criterion that is not one of the group's criteria, or is listed twice.
    #[error("unmet criterion {criterion} for {person} {problem}")]
    InvalidCriterion {
        /// Who.
        person: PersonId,
        /// The criterion given.
        criterion: AdmissionCriterion,
        /// What is wrong and what to do.
        problem: &'static str,
    },
    /// A free-text field (a deviation, a reason for leaving) that is blank or too long.
    #[error("{field} {}: {problem}", Excerpt::new(value))]
    InvalidText {
        /// Which field (`"deviation"`, `"note"`).
        field: &'static str,
        /// The text given.
        value: String,
        /// What is wrong and what to do.
        problem: String,
    },
    /// Leaving for reason `other` without saying why.
    #[error("{person} leaves for reason `other`: add a note saying why (or choose a listed reason)")]
    LeaveNoteRequired {
        /// Who.
        person: PersonId,
    },
    /// Replaying a stored log failed.
    #[error("event {index} of the group log was rejected: {source}")]
    Replay {
        /// 0-based position of the event.
        index: usize,
        /// Why.
        source: Box<GroupError>,
    },
}

impl GroupError {
    /// The coarse error kind.
    pub fn kind(&self) -> ErrorKind {
        match self {
            GroupError::InvalidSize { .. }
            | GroupError::InvalidRule { .. }
            | GroupError::InvalidPersonId { .. }
            | GroupError::DateOutOfOrder { .. }
            | GroupError::DuplicateAttendance { .. }
            | GroupError::AlreadyReferred { .. }
            | GroupError::InvalidMidwaySession { .. }
            | GroupError::InvalidText { .. }
            | GroupError::LeaveNoteRequired { .. }
            | GroupError::AdmissionReasonRequired { .. }
            | GroupError::InvalidCriterion { .. }
            | GroupError::GpReferralRequired { .. } => ErrorKind::InvalidInput,
            GroupError::UnknownPerson { .. } => ErrorKind::NotFound,
            GroupError::Replay { source, .. } => source.kind(),
            _ => ErrorKind::IllegalTransition,
        }
    }
}
