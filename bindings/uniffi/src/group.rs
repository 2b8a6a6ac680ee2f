//! Group therapy (the core's `ipsrt::group`): formats, the membership and waitlist machine.
//!
//! [`Group`] is an Object (thread-safe, see [`crate::state`]); events are the typed
//! [`GroupEvent`] (one case per core event) and rules the typed [`GroupRules`], every number
//! with its source. `applyJson` reads the core's event form (the one in `test-vectors/group/`)
//! for tools and imports.

use std::sync::Arc;

use ipsrt::group as core;
use serde::{Deserialize, Serialize};

use crate::bridge::{from_core, from_json_value, persisted_object, to_core, unsigned};
use crate::error::{IpsrtError, guard};
use crate::source::SourceRef;
use crate::state::Locked;
use crate::time::LocalDate;
use ipsrt::source::{Cited, Source};

/// A group format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, uniffi::Enum)]
#[serde(rename_all = "snake_case")]
pub enum GroupType {
    /// IPSRT group (S0): 6–8 members.
    IpsrtGroup,
    /// Long-term interpersonal process group (S3), rolling admission.
    ProcessGroup,
    /// IPT-G (Wilfley): closed, 20 sessions, individual meetings.
    IptG,
}

/// A step of a group's intake pathway.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, uniffi::Enum)]
#[serde(rename_all = "snake_case")]
pub enum IntakeStep {
    /// Intake with the individual therapist.
    IndividualTherapistIntake,
    /// Intake with the group therapist.
    GroupTherapistIntake,
    /// Pre-group individual meeting (IPT-G).
    PreGroupMeeting,
}

/// Where a person stands with the group.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, uniffi::Enum)]
#[serde(rename_all = "snake_case")]
pub enum MembershipStatus {
    /// Referred; intake steps under way.
    InIntake,
    /// Intake complete, waiting for a place.
    Waitlisted,
    /// A member.
    Member,
    /// Completed the group.
    Completed,
    /// Left early.
    Left,
    /// Not admitted after intake.
    NotAdmitted,
}

/// Kind of an individual meeting during a group (IPT-G).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, uniffi::Enum)]
#[serde(rename_all = "snake_case")]
pub enum IndividualMeetingKind {
    /// Midway through the group.
    Midway,
    /// After the group ended.
    PostGroup,
}

/// One admission criterion of a group, worded as what suits it (the process group's seven
/// come from seed S3); "unmet" is always the unfavourable finding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, uniffi::Enum)]
#[serde(rename_all = "snake_case")]
pub enum AdmissionCriterion {
    /// Has psychological complaints (anxiety, mood) that get in the way.
    ComplaintsInTheWay,
    /// Wants to understand where the complaints come from, in order to change them.
    WantsToUnderstand,
    /// Can imagine that the problems involve recurring patterns in relationships.
    RecurringPatterns,
    /// Is interested in themself.
    InterestedInSelf,
    /// Has enough coping capacity.
    CopingCapacity,
    /// Has at least a minimally supportive social environment in which to practise.
    SupportiveEnvironment,
    /// Everyday problems do not dominate (unmet = the contra-indication is present).
    RoomForPatterns,
}

/// Indication, requirement or (worded positively) contra-indication.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, uniffi::Enum)]
#[serde(rename_all = "snake_case")]
pub enum CriterionKind {
    /// "The group can be for you if you ...".
    Indication,
    /// A requirement for taking part.
    Requirement,
    /// Unmet when the contra-indication is present.
    ContraIndication,
}

/// One admission criterion with the finding recorded when the person was waitlisted: what to
/// show when someone is admitted.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct AdmissionFinding {
    /// The criterion.
    pub criterion: AdmissionCriterion,
    /// Its kind.
    pub kind: CriterionKind,
    /// The criterion in the requested language.
    pub label: String,
    /// Whether the person met it.
    pub met: bool,
}

/// The status of the group as a whole.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, uniffi::Enum)]
#[serde(rename_all = "snake_case")]
pub enum GroupStatus {
    /// Not started yet.
    Forming,
    /// Sessions are being held, with free places.
    Running,
    /// Sessions are being held, no free place.
    Full,
    /// The group has ended.
    Closed,
}

/// Why someone left.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, uniffi::Enum)]
#[serde(rename_all = "snake_case")]
pub enum LeaveReason {
    /// Finished their planned membership.
    Finished,
    /// Withdrew.
    Withdrew,
    /// The therapist ended the membership.
    TherapistEnded,
    /// Referred elsewhere.
    Referred,
    /// Other; the `Left` event must then carry a note saying why.
    Other,
}

/// Something that happened to a group (the core's `ipsrt::group::GroupEvent`). Apply in date order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, uniffi::Enum)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum GroupEvent {
    /// A person is referred (the process group requires a GP referral).
    Referred {
        /// Who (a non-empty id of your choice).
        person: String,
        /// When.
        date: LocalDate,
        /// Whether a GP referral letter is present.
        gp_referral: bool,
    },
    /// One intake step was completed (the next step of the group's pathway).
    IntakeCompleted {
        /// Who.
        person: String,
        /// Which step.
        step: IntakeStep,
        /// When.
        date: LocalDate,
    },
    /// An intake decided the person will not take part (yet).
    NotAdmitted {
        /// Who.
        person: String,
        /// When.
        date: LocalDate,
    },
    /// Intake complete: put on the waitlist (joins at once if a place is free). Unmet
    /// admission criteria of the group need a `reason` for admitting the person all the same.
    Waitlisted {
        /// Who.
        person: String,
        /// When.
        date: LocalDate,
        /// The group's admission criteria the person does not meet (empty: all met).
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        #[uniffi(default = [])]
        unmet_criteria: Vec<AdmissionCriterion>,
        /// Why the person is admitted despite unmet criteria.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[uniffi(default = None)]
        reason: Option<String>,
    },
    /// A session was held; `present` lists the members who attended.
    SessionHeld {
        /// When.
        date: LocalDate,
        /// Members present.
        present: Vec<String>,
    },
    /// Someone leaves; a freed place is filled from the waitlist in order.
    Left {
        /// Who.
        person: String,
        /// When.
        date: LocalDate,
        /// Why.
        reason: LeaveReason,
        /// The clinician's words on why (required for `LeaveReason::Other`).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[uniffi(default = None)]
        note: Option<String>,
    },
    /// Someone who left comes back: to their unfinished intake, or to the end of the waitlist.
    Rejoined {
        /// Who.
        person: String,
        /// When.
        date: LocalDate,
    },
    /// An individual meeting (IPT-G) took place. A midway meeting away from its place
    /// (IPT-G: between sessions 10 and 11) needs a `deviation` saying why.
    IndividualMeeting {
        /// Who.
        person: String,
        /// Which meeting.
        kind: IndividualMeetingKind,
        /// When.
        date: LocalDate,
        /// Why a midway meeting is held outside its place.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[uniffi(default = None)]
        deviation: Option<String>,
    },
    /// The group ends; every member completes it.
    Closed {
        /// When.
        date: LocalDate,
    },
}

/// One person's membership (read-out of the core's `Membership`).
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct Membership {
    /// Who.
    pub person: String,
    /// Where they stand.
    pub status: MembershipStatus,
    /// Referral date.
    pub referred_on: LocalDate,
    /// Completed intake steps with their dates, in order.
    pub intake_done: Vec<IntakeStepDone>,
    /// When they were put on the waitlist.
    pub waitlisted_on: Option<LocalDate>,
    /// When they joined.
    pub joined_on: Option<LocalDate>,
    /// When their membership ended.
    pub ended_on: Option<LocalDate>,
    /// Sessions held while a member.
    pub sessions_offered: i64,
    /// Sessions attended.
    pub sessions_attended: i64,
    /// `sessions_attended / sessions_offered`, absent before the first session.
    pub attendance_rate: Option<f64>,
    /// Admission criteria not met when the person was waitlisted.
    pub unmet_criteria: Vec<AdmissionCriterion>,
    /// Why the person was admitted despite them.
    pub admission_reason: Option<String>,
    /// Why the midway meeting was held outside its place, when it was.
    pub midway_deviation: Option<String>,
    /// Every time the person left, with why (earlier ones if they rejoined).
    pub departures: Vec<Departure>,
}

/// One time a person left, with why.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct Departure {
    /// When.
    pub date: LocalDate,
    /// Why.
    pub reason: LeaveReason,
    /// The clinician's note.
    pub note: Option<String>,
    /// The status the person left from.
    pub from: MembershipStatus,
}

/// Whether a group requires a GP referral, and the source of that rule.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct GpReferralRule {
    /// Whether referrals need a GP referral.
    pub required: bool,
    /// Where the rule comes from (S3 for the process group, or the clinic).
    pub source: SourceRef,
}

/// A completed intake step.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct IntakeStepDone {
    /// The step.
    pub step: IntakeStep,
    /// When.
    pub date: LocalDate,
}

/// An individual meeting that is due (IPT-G).
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct DueMeeting {
    /// Who.
    pub person: String,
    /// Which meeting.
    pub kind: IndividualMeetingKind,
    /// Due by, when the format fixes it.
    pub due_by: Option<LocalDate>,
}

/// The size limits of a group's rules, with their sources.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct GroupSize {
    /// Fewest members to start.
    pub min_members: i64,
    /// Source of `min_members`.
    pub min_source: SourceRef,
    /// Most members; never exceeded.
    pub max_members: i64,
    /// Source of `max_members`.
    pub max_source: SourceRef,
}

/// A count of a group's rules (members, minutes, sessions) with its source.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct CitedCount {
    /// The number (0 … 4294967295; each rule says its range).
    pub value: i64,
    /// Where it comes from (`SourceRef("local", "clinic policy 2026", Evidence.DESIGN)` for a
    /// clinic's own number).
    pub source: SourceRef,
}

/// A range of a group's rules (`low`–`high`) with its source.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct CitedRange {
    /// The low end.
    pub low: i64,
    /// The high end (≥ `low`).
    pub high: i64,
    /// Where it comes from.
    pub source: SourceRef,
}

/// A yes/no rule of a group's rules with its source.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct CitedFlag {
    /// The rule.
    pub value: bool,
    /// Where it comes from.
    pub source: SourceRef,
}

/// When new members may join (the core's `AdmissionPolicy`).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Enum)]
pub enum AdmissionPolicy {
    /// A closed cohort: members join while the group forms and up to a session number.
    Closed {
        /// The last session after which a new member may still join (0 = before session 1
        /// only; 2 = someone may still join before session 3).
        admit_through_session: i64,
    },
    /// Rolling (slow-open) admission: a waiting person joins whenever a place is free.
    Rolling,
}

/// A group's admission policy with its source.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct CitedAdmission {
    /// The policy.
    pub policy: AdmissionPolicy,
    /// Where it comes from.
    pub source: SourceRef,
}

/// A group's intake pathway with its source.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct CitedIntake {
    /// The steps before someone can be put on the waitlist, in order.
    pub steps: Vec<IntakeStep>,
    /// Where it comes from.
    pub source: SourceRef,
}

/// A group's admission criteria with their source.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct CitedCriteria {
    /// Who the group suits, shown when someone is admitted.
    pub criteria: Vec<AdmissionCriterion>,
    /// Where they come from.
    pub source: SourceRef,
}

/// The rules one group runs by (every field of the core's `group::GroupRules`), every number
/// with its source. Start from `groupDefaultRules(type)` or `Group.rules()` and change what the
/// clinic decided with `copy(...)`; `Group.withRules(rules)` checks them in the core (a count
/// out of range, a reversed range, a midway meeting after the last session: `InvalidInput`
/// naming the rule).
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct GroupRules {
    /// The format.
    pub group_type: GroupType,
    /// The fewest members with which the group may start (≥ 1).
    pub min_members: CitedCount,
    /// The most members; never exceeded (≥ `min_members`).
    pub max_members: CitedCount,
    /// The typical (target) size range, inside `min_members`–`max_members`.
    pub typical: CitedRange,
    /// Minutes per session (1–1440), when the source gives it.
    pub session_minutes: Option<CitedCount>,
    /// Planned number of sessions of a time-limited group (≥ 1); null for open-ended groups.
    pub planned_sessions: Option<CitedCount>,
    /// Planned membership in months (`low`–`high`) of a long-term group.
    pub membership_months: Option<CitedRange>,
    /// When members may join.
    pub admission: CitedAdmission,
    /// The intake steps, in order.
    pub intake: CitedIntake,
    /// Whether the format has individual meetings before, midway and after (IPT-G).
    pub individual_meetings: bool,
    /// After which session the midway individual meeting belongs (IPT-G: 10); needs
    /// `individual_meetings` and lies before the last planned session.
    pub midway_after_session: Option<CitedCount>,
    /// Whether a referral needs a GP referral.
    pub gp_referral_required: CitedFlag,
    /// Who the group suits, shown at admission (null when the format's sources give none).
    pub admission_criteria: Option<CitedCriteria>,
}

fn source_in(s: &SourceRef) -> Source {
    Source::owned(s.key.clone(), s.locator.clone(), s.evidence)
}

fn count_in(c: &CitedCount, field: &str) -> Result<Cited<u32>, IpsrtError> {
    Ok(Cited::new(unsigned(c.value, field)?, source_in(&c.source)))
}

fn count_out(c: &Cited<u32>) -> CitedCount {
    CitedCount { value: i64::from(c.value), source: SourceRef::from(&c.source) }
}

fn range_in(r: &CitedRange, field: &str) -> Result<Cited<(u32, u32)>, IpsrtError> {
    let low = unsigned(r.low, &format!("{field}.low"))?;
    let high = unsigned(r.high, &format!("{field}.high"))?;
    Ok(Cited::new((low, high), source_in(&r.source)))
}

fn range_out(r: &Cited<(u32, u32)>) -> CitedRange {
    CitedRange { low: i64::from(r.value.0), high: i64::from(r.value.1), source: SourceRef::from(&r.source) }
}

impl GroupRules {
    /// The core's rules; numbers out of the core's range are `InvalidInput` naming the rule
    /// (coherence is checked by the core when a group is made from them).
    fn to_core(&self) -> Result<core::GroupRules, IpsrtError> {
        let admission = match &self.admission.policy {
            AdmissionPolicy::Closed { admit_through_session } => core::AdmissionPolicy::Closed {
                admit_through_session: unsigned(*admit_through_session, "admission.admit_through_session")?,
            },
            AdmissionPolicy::Rolling => core::AdmissionPolicy::Rolling,
        };
        Ok(core::GroupRules {
            group_type: to_core(&self.group_type)?,
            min_members: count_in(&self.min_members, "min_members")?,
            max_members: count_in(&self.max_members, "max_members")?,
            typical: range_in(&self.typical, "typical")?,
            session_minutes: self.session_minutes.as_ref().map(|c| count_in(c, "session_minutes")).transpose()?,
            planned_sessions: self.planned_sessions.as_ref().map(|c| count_in(c, "planned_sessions")).transpose()?,
            membership_months: self.membership_months.as_ref().map(|r| range_in(r, "membership_months")).transpose()?,
            admission: Cited::new(admission, source_in(&self.admission.source)),
            intake: Cited::new(to_core(&self.intake.steps)?, source_in(&self.intake.source)),
            individual_meetings: self.individual_meetings,
            midway_after_session: self
                .midway_after_session
                .as_ref()
                .map(|c| count_in(c, "midway_after_session"))
                .transpose()?,
            gp_referral_required: Cited::new(
                self.gp_referral_required.value,
                source_in(&self.gp_referral_required.source),
            ),
            admission_criteria: self
                .admission_criteria
                .as_ref()
                .map(|c| Ok::<_, IpsrtError>(Cited::new(to_core(&c.criteria)?, source_in(&c.source))))
                .transpose()?,
        })
    }

    /// The mirror of the core's rules.
    fn from_core(r: &core::GroupRules) -> Result<Self, IpsrtError> {
        let policy = match r.admission.value {
            core::AdmissionPolicy::Closed { admit_through_session } => {
                AdmissionPolicy::Closed { admit_through_session: i64::from(admit_through_session) }
            }
            core::AdmissionPolicy::Rolling => AdmissionPolicy::Rolling,
        };
        Ok(GroupRules {
            group_type: from_core(&r.group_type)?,
            min_members: count_out(&r.min_members),
            max_members: count_out(&r.max_members),
            typical: range_out(&r.typical),
            session_minutes: r.session_minutes.as_ref().map(count_out),
            planned_sessions: r.planned_sessions.as_ref().map(count_out),
            membership_months: r.membership_months.as_ref().map(range_out),
            admission: CitedAdmission { policy, source: SourceRef::from(&r.admission.source) },
            intake: CitedIntake { steps: from_core(&r.intake.value)?, source: SourceRef::from(&r.intake.source) },
            individual_meetings: r.individual_meetings,
            midway_after_session: r.midway_after_session.as_ref().map(count_out),
            gp_referral_required: CitedFlag {
                value: r.gp_referral_required.value,
                source: SourceRef::from(&r.gp_referral_required.source),
            },
            admission_criteria: r
                .admission_criteria
                .as_ref()
                .map(|c| {
                    Ok::<_, IpsrtError>(CitedCriteria {
                        criteria: from_core(&c.value)?,
                        source: SourceRef::from(&c.source),
                    })
                })
                .transpose()?,
        })
    }
}

/// The default rules of a group format, every number with its source (a starting point for a
/// clinic's own rules: change them with `copy(...)` and pass them to `Group.withRules`).
#[uniffi::export]
pub fn group_default_rules(group_type: GroupType) -> Result<GroupRules, IpsrtError> {
    guard(|| {
        let t: core::GroupType = to_core(&group_type)?;
        GroupRules::from_core(&core::GroupRules::for_type(t))
    })
}

fn membership(m: &core::Membership) -> Result<Membership, IpsrtError> {
    let intake_done = m
        .intake_done
        .iter()
        .map(|(step, date)| Ok(IntakeStepDone { step: from_core(step)?, date: *date }))
        .collect::<Result<_, IpsrtError>>()?;
    Ok(Membership {
        person: m.person.as_str().to_owned(),
        status: from_core(&m.status)?,
        referred_on: m.referred_on,
        intake_done,
        waitlisted_on: m.waitlisted_on,
        joined_on: m.joined_on,
        ended_on: m.ended_on,
        sessions_offered: i64::from(m.sessions_offered),
        sessions_attended: i64::from(m.sessions_attended),
        attendance_rate: m.attendance_rate(),
        unmet_criteria: from_core(&m.unmet_criteria)?,
        admission_reason: m.admission_reason.clone(),
        midway_deviation: m.midway_deviation.clone(),
        departures: m
            .departures
            .iter()
            .map(|d| {
                Ok(Departure {
                    date: d.date,
                    reason: from_core(&d.reason)?,
                    note: d.note.clone(),
                    from: from_core(&d.from)?,
                })
            })
            .collect::<Result<_, IpsrtError>>()?,
    })
}

fn person_id(person: &str) -> Result<core::PersonId, IpsrtError> {
    core::PersonId::new(person).map_err(IpsrtError::from)
}

/// A therapy group: rules, members, waitlist, sessions and the event log (thread-safe).
///
/// **Threads:** safe to share between threads. Every call takes this object's one lock for the
/// whole call (calls on it run one at a time; other objects never wait for it), never calls back
/// into the app and never blocks on I/O. A `close()` during another thread's call frees the object
/// when that call ends; a call after `close()` throws `IpsrtException.Closed`.
#[derive(uniffi::Object)]
pub struct Group {
    state: Locked<core::Group>,
}

persisted_object!(Group, core::Group);

#[uniffi::export]
impl Group {
    /// A new, forming group with the default rules of a format.
    #[uniffi::constructor]
    pub fn new(group_type: GroupType) -> Result<Arc<Self>, IpsrtError> {
        guard(|| {
            let t: core::GroupType = to_core(&group_type)?;
            Ok(Arc::new(Group { state: Locked::new(core::Group::of_type(t)) }))
        })
    }

    /// A new group with the default rules of a format but another size range, as decided by
    /// the clinic (`decided_by` becomes the source of both numbers, e.g. `"clinic policy 2026"`).
    #[uniffi::constructor]
    pub fn with_size(
        group_type: GroupType,
        min_members: i64,
        max_members: i64,
        decided_by: String,
    ) -> Result<Arc<Self>, IpsrtError> {
        guard(|| {
            let t: core::GroupType = to_core(&group_type)?;
            let rules = core::GroupRules::for_type(t).with_size(
                unsigned(min_members, "min_members")?,
                unsigned(max_members, "max_members")?,
                ipsrt::source::Source::local(decided_by),
            )?;
            Ok(Arc::new(Group { state: Locked::new(core::Group::new(rules)?) }))
        })
    }

    /// A new group with the default rules of a format but the clinic's own GP-referral rule
    /// (`decided_by` becomes its source, e.g. `"clinic pathway 2026"`).
    #[uniffi::constructor]
    pub fn with_gp_referral(
        group_type: GroupType,
        required: bool,
        decided_by: String,
    ) -> Result<Arc<Self>, IpsrtError> {
        guard(|| {
            let t: core::GroupType = to_core(&group_type)?;
            let rules =
                core::GroupRules::for_type(t).with_gp_referral(required, ipsrt::source::Source::local(decided_by));
            Ok(Arc::new(Group { state: Locked::new(core::Group::new(rules)?) }))
        })
    }

    /// A new, forming group with the clinic's own rules (start from `groupDefaultRules(type)`).
    /// Rules that cannot work are `InvalidInput` naming the rule: a count out of range, sizes
    /// not `1 ≤ min ≤ max`, a typical range outside them, a reversed range, a midway meeting
    /// after the last planned session.
    #[uniffi::constructor]
    pub fn with_rules(rules: GroupRules) -> Result<Arc<Self>, IpsrtError> {
        guard(|| {
            let rules = rules.to_core()?;
            Ok(Arc::new(Group { state: Locked::new(core::Group::new(rules)?) }))
        })
    }

    /// Rebuilds a group from its default rules and an event log; the error names the first
    /// event that does not apply.
    #[uniffi::constructor]
    pub fn replay(group_type: GroupType, events: Vec<GroupEvent>) -> Result<Arc<Self>, IpsrtError> {
        guard(|| {
            let t: core::GroupType = to_core(&group_type)?;
            let events: Vec<core::GroupEvent> = to_core(&events)?;
            let g = core::Group::replay(core::GroupRules::for_type(t), events)?;
            Ok(Arc::new(Group { state: Locked::new(g) }))
        })
    }

    /// Applies one event; returns the people admitted from the waitlist as a consequence.
    /// On error the group is unchanged.
    pub fn apply(&self, event: GroupEvent) -> Result<Vec<String>, IpsrtError> {
        guard(|| {
            let event: core::GroupEvent = to_core(&event)?;
            self.state.update(|g| {
                let admitted = g.apply(event)?;
                Ok(admitted.iter().map(|p| p.as_str().to_owned()).collect())
            })
        })
    }

    /// Applies one event given as JSON in the core's serde form (`{"type": "referred", ...}`),
    /// as in `test-vectors/group/` (tools and imports; `apply` takes the typed event).
    pub fn apply_json(&self, event_json: String) -> Result<Vec<String>, IpsrtError> {
        guard(|| {
            let event: core::GroupEvent = from_json_value("group event", &event_json)?;
            self.state.update(|g| {
                let admitted = g.apply(event)?;
                Ok(admitted.iter().map(|p| p.as_str().to_owned()).collect())
            })
        })
    }

    /// Checks an event without applying it.
    pub fn check(&self, event: GroupEvent) -> Result<(), IpsrtError> {
        guard(|| {
            let event: core::GroupEvent = to_core(&event)?;
            self.state.read(|g| g.check(&event).map_err(IpsrtError::from))
        })
    }

    /// The group's status.
    pub fn status(&self) -> Result<GroupStatus, IpsrtError> {
        guard(|| self.state.read(|g| from_core(&g.status())))
    }

    /// Everyone who was ever referred, in referral order.
    pub fn people(&self) -> Result<Vec<Membership>, IpsrtError> {
        guard(|| self.state.read(|g| g.people().iter().map(membership).collect()))
    }

    /// One person's membership, or `NotFound`.
    pub fn person(&self, person: String) -> Result<Membership, IpsrtError> {
        guard(|| {
            let id = person_id(&person)?;
            self.state.read(|g| {
                g.person(&id).map(membership).unwrap_or_else(|| {
                    Err(IpsrtError::NotFound(format!("{person:?} was never referred to this group: check the id")))
                })
            })
        })
    }

    /// Current members.
    pub fn members(&self) -> Result<Vec<String>, IpsrtError> {
        guard(|| Ok(self.state.read(|g| g.members().iter().map(|p| p.as_str().to_owned()).collect())))
    }

    /// Number of current members.
    pub fn member_count(&self) -> Result<i64, IpsrtError> {
        guard(|| Ok(self.state.read(|g| i64::from(g.member_count()))))
    }

    /// The waitlist, in order.
    pub fn waitlist(&self) -> Result<Vec<String>, IpsrtError> {
        guard(|| Ok(self.state.read(|g| g.waitlist().iter().map(|p| p.as_str().to_owned()).collect())))
    }

    /// Free places.
    pub fn free_places(&self) -> Result<i64, IpsrtError> {
        guard(|| Ok(self.state.read(|g| i64::from(g.free_places()))))
    }

    /// Whether the group is below its minimum size.
    pub fn below_minimum(&self) -> Result<bool, IpsrtError> {
        guard(|| Ok(self.state.read(|g| g.below_minimum())))
    }

    /// Whether new members may join now.
    pub fn admission_open(&self) -> Result<bool, IpsrtError> {
        guard(|| Ok(self.state.read(|g| g.admission_open())))
    }

    /// Individual meetings that are due (IPT-G).
    pub fn due_individual_meetings(&self) -> Result<Vec<DueMeeting>, IpsrtError> {
        guard(|| {
            self.state.read(|g| {
                g.due_individual_meetings()
                    .iter()
                    .map(|d| {
                        Ok(DueMeeting {
                            person: d.person.as_str().to_owned(),
                            kind: from_core(&d.kind)?,
                            due_by: d.due_by,
                        })
                    })
                    .collect()
            })
        })
    }

    /// Number of sessions held.
    pub fn sessions_held(&self) -> Result<i64, IpsrtError> {
        guard(|| Ok(self.state.read(|g| i64::try_from(g.sessions().len()).unwrap_or(i64::MAX))))
    }

    /// The size limits of the rules, with sources.
    pub fn size(&self) -> Result<GroupSize, IpsrtError> {
        guard(|| {
            Ok(self.state.read(|g| {
                let r = g.rules();
                GroupSize {
                    min_members: i64::from(r.min_members.value),
                    min_source: SourceRef::from(&r.min_members.source),
                    max_members: i64::from(r.max_members.value),
                    max_source: SourceRef::from(&r.max_members.source),
                }
            }))
        })
    }

    /// What to show when `person` is admitted: the group's admission criteria with whether the
    /// person met each (as recorded when waitlisted), labelled in `locale`. Empty when the
    /// group has no criteria; null before the person is waitlisted (`NotFound` if never
    /// referred).
    pub fn admission_findings(
        &self,
        person: String,
        locale: crate::i18n::LabelLocale,
    ) -> Result<Option<Vec<AdmissionFinding>>, IpsrtError> {
        use ipsrt::i18n::Localize;
        guard(|| {
            let id = person_id(&person)?;
            self.state.read(|g| {
                if g.person(&id).is_none() {
                    return Err(IpsrtError::NotFound(format!(
                        "{person:?} was never referred to this group: check the id"
                    )));
                }
                let Some(findings) = g.admission_findings(&id) else { return Ok(None) };
                findings
                    .into_iter()
                    .map(|(c, met)| {
                        Ok(AdmissionFinding {
                            criterion: from_core(&c)?,
                            kind: from_core(&c.kind())?,
                            label: c.label_in(locale.into()),
                            met,
                        })
                    })
                    .collect::<Result<Vec<_>, IpsrtError>>()
                    .map(Some)
            })
        })
    }

    /// Whether this group requires a GP referral, with the rule's source.
    pub fn gp_referral_rule(&self) -> Result<GpReferralRule, IpsrtError> {
        guard(|| {
            Ok(self.state.read(|g| {
                let r = &g.rules().gp_referral_required;
                GpReferralRule { required: r.value, source: SourceRef::from(&r.source) }
            }))
        })
    }

    /// The group's rules, every number with its source.
    pub fn rules(&self) -> Result<GroupRules, IpsrtError> {
        guard(|| self.state.read(|g| GroupRules::from_core(g.rules())))
    }

    /// The event log.
    pub fn events(&self) -> Result<Vec<GroupEvent>, IpsrtError> {
        guard(|| self.state.read(|g| from_core(&g.events())))
    }
}

/// Parses a date written `YYYY-MM-DD` (a convenience for Swift, where dates are strings).
#[uniffi::export]
pub fn parse_local_date(text: String) -> Result<LocalDate, IpsrtError> {
    guard(|| Ok(ipsrt::time::parse_date(&text)?))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    /// One core event of every kind, each with its optional parts filled: the typed
    /// `GroupEvent` must carry each to Kotlin and back unchanged (the match is exhaustive, so a
    /// new core event fails to compile here until it has a typed case).
    #[test]
    fn typed_events_cover_every_core_event() {
        let d = NaiveDate::from_ymd_opt(2026, 1, 5).unwrap();
        let p = core::PersonId::new("ann").unwrap();
        let events = vec![
            core::GroupEvent::Referred { person: p.clone(), date: d, gp_referral: true },
            core::GroupEvent::IntakeCompleted { person: p.clone(), step: core::IntakeStep::PreGroupMeeting, date: d },
            core::GroupEvent::NotAdmitted { person: p.clone(), date: d },
            core::GroupEvent::Waitlisted {
                person: p.clone(),
                date: d,
                unmet_criteria: vec![core::AdmissionCriterion::CopingCapacity],
                reason: Some("review after 3 months".into()),
            },
            core::GroupEvent::Rejoined { person: p.clone(), date: d },
            core::GroupEvent::SessionHeld { date: d, present: vec![p.clone()] },
            core::GroupEvent::Left {
                person: p.clone(),
                date: d,
                reason: core::LeaveReason::Other,
                note: Some("evening shifts".into()),
            },
            core::GroupEvent::IndividualMeeting {
                person: p.clone(),
                kind: core::IndividualMeetingKind::Midway,
                date: d,
                deviation: Some("moves abroad".into()),
            },
            core::GroupEvent::Closed { date: d },
        ];
        let mut seen = std::collections::BTreeSet::new();
        for e in &events {
            seen.insert(match e {
                core::GroupEvent::Referred { .. } => 0,
                core::GroupEvent::IntakeCompleted { .. } => 1,
                core::GroupEvent::NotAdmitted { .. } => 2,
                core::GroupEvent::Waitlisted { .. } => 3,
                core::GroupEvent::Rejoined { .. } => 4,
                core::GroupEvent::SessionHeld { .. } => 5,
                core::GroupEvent::Left { .. } => 6,
                core::GroupEvent::IndividualMeeting { .. } => 7,
                core::GroupEvent::Closed { .. } => 8,
            });
            let typed: GroupEvent = from_core(e).unwrap();
            let back: core::GroupEvent = to_core(&typed).unwrap();
            assert_eq!(&back, e);
        }
        assert_eq!(seen.len(), 9, "one event of every kind");
    }

    /// The typed rules carry every field of the core's rules, sources included, for every format.
    #[test]
    fn typed_rules_round_trip() {
        for t in [core::GroupType::IpsrtGroup, core::GroupType::ProcessGroup, core::GroupType::IptG] {
            let rules = core::GroupRules::for_type(t);
            let typed = GroupRules::from_core(&rules).unwrap();
            assert_eq!(typed.to_core().unwrap(), rules);
        }
        let mut bad = GroupRules::from_core(&core::GroupRules::for_type(core::GroupType::IptG)).unwrap();
        bad.max_members.value = -1;
        let e = bad.to_core().unwrap_err().to_string();
        assert!(e.contains("max_members -1 is out of range"), "{e}");
    }
}
