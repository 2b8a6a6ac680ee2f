//! One person's way into, through and out of a group.

use std::fmt;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::GroupError;
use super::admission::AdmissionCriterion;
use super::format::IntakeStep;
use super::therapy_group::LeaveReason;

/// The identifier a host uses for a (prospective) group member. Non-empty, at most 200 bytes,
/// no control characters.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct PersonId(String);

impl PersonId {
    /// Validates and wraps an identifier.
    pub fn new(id: impl Into<String>) -> Result<Self, GroupError> {
        let id = id.into();
        if id.trim().is_empty() || id.len() > crate::limits::MAX_ID_BYTES || id.chars().any(char::is_control) {
            return Err(GroupError::InvalidPersonId { id });
        }
        Ok(PersonId(id))
    }

    /// The identifier as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for PersonId {
    type Error = GroupError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        PersonId::new(s)
    }
}

impl From<PersonId> for String {
    fn from(p: PersonId) -> String {
        p.0
    }
}

impl fmt::Display for PersonId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Where a person stands with respect to the group.
///
/// ```text
/// InIntake ──all intake steps done──▶ Waitlisted ──place free & admission open──▶ Member ──group closes──▶ Completed
///    │  └──intake says "not (yet)"──▶ NotAdmitted                                   │
///    └───────────── withdraws ─────────▶ Left ◀──────────── leaves ──────────────────┘
///                                         │
///             rejoins: back to InIntake (intake unfinished) or to the end of the waitlist
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MembershipStatus {
    /// Referred; going through the intake steps.
    InIntake,
    /// All intake steps done; waiting for a place, in order of waitlisting.
    Waitlisted,
    /// A current member.
    Member,
    /// Was a member when the group closed (finished the group).
    Completed,
    /// Left the group, the waitlist or the intake early.
    Left,
    /// An intake decided against taking part (now).
    NotAdmitted,
}

impl MembershipStatus {
    /// The status's stable name.
    pub fn as_str(self) -> &'static str {
        match self {
            MembershipStatus::InIntake => "in_intake",
            MembershipStatus::Waitlisted => "waitlisted",
            MembershipStatus::Member => "member",
            MembershipStatus::Completed => "completed",
            MembershipStatus::Left => "left",
            MembershipStatus::NotAdmitted => "not_admitted",
        }
    }
}

impl fmt::Display for MembershipStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The individual meetings of IPT-G besides the pre-group meeting (which is an [`IntakeStep`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IndividualMeetingKind {
    /// Mid-treatment meeting, between group sessions 10 and 11 of 20.
    Midway,
    /// Post-group meeting, within one week after the last session.
    PostGroup,
}

/// One person's record in a group.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Membership {
    /// Who.
    pub person: PersonId,
    /// Current status.
    pub status: MembershipStatus,
    /// Date of referral.
    pub referred_on: NaiveDate,
    /// Intake steps done, in order, with their dates.
    pub intake_done: Vec<(IntakeStep, NaiveDate)>,
    /// When the person was put on the waitlist.
    pub waitlisted_on: Option<NaiveDate>,
    /// When the person became a member.
    pub joined_on: Option<NaiveDate>,
    /// When membership (or the intake or the wait) ended.
    pub ended_on: Option<NaiveDate>,
    /// Group sessions held while the person was a member.
    pub sessions_offered: u32,
    /// Of those, the sessions the person attended.
    pub sessions_attended: u32,
    /// Individual meetings (IPT-G midway and post-group) with their dates.
    pub individual_meetings: Vec<(IndividualMeetingKind, NaiveDate)>,
    /// Admission criteria of the group that were not met when the person was put on the
    /// waitlist (the latest time, if they rejoined), as the clinician recorded them.
    pub unmet_criteria: Vec<AdmissionCriterion>,
    /// Why the person was admitted despite `unmet_criteria`.
    pub admission_reason: Option<String>,
    /// Why the midway meeting was held outside its place in the course, when it was.
    pub midway_deviation: Option<String>,
    /// Every time the person left (the group, the waitlist or the intake), with why; a person
    /// who rejoined has earlier departures here.
    pub departures: Vec<Departure>,
}

/// One time a person left, with why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Departure {
    /// When.
    pub date: NaiveDate,
    /// Why.
    pub reason: LeaveReason,
    /// The clinician's note on why (required for [`LeaveReason::Other`]).
    pub note: Option<String>,
    /// The status the person left from (member, waitlisted or in intake).
    pub from: MembershipStatus,
}

impl Membership {
    /// Share of offered sessions attended, `None` before the first session.
    pub fn attendance_rate(&self) -> Option<f64> {
        (self.sessions_offered > 0).then(|| f64::from(self.sessions_attended) / f64::from(self.sessions_offered))
    }
}
