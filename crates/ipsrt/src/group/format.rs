//! Group formats and their rules: size limits, session frame, admission policy and intake pathway.

use serde::{Deserialize, Serialize};

use super::GroupError;
use super::admission::AdmissionCriterion;
use crate::source::{Cited, Evidence, Source};

/// The three group formats the library knows. They have different rules; in particular the
/// long-term process group of seed S3 is **not** IPT-G and never gets IPT-G's closed-cohort
/// rules (docs/decisions.md#disagree-group-types).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum GroupType {
    /// Group IPSRT for bipolar disorder (seed S0: min 4 or 6, max 8, typical 6–7).
    IpsrtGroup,
    /// The long-term interpersonal (interactional, process-oriented) group of seed S3: max 8–9,
    /// weekly 90 minutes, 1–1.5 years, rolling entry when a place is free.
    ProcessGroup,
    /// Manualised group IPT (Wilfley et al. 2000): 6–9 members, 20 sessions, closed cohort,
    /// individual meetings before, midway and after.
    IptG,
}

/// When new members may join.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum AdmissionPolicy {
    /// A closed cohort: members join while the group forms and, optionally, up to a given
    /// session number. `admit_through_session: 0` means "only before session 1"; `2` means
    /// someone may still join before session 3.
    Closed {
        /// The last session after which a new member may still join (0 = before session 1 only).
        admit_through_session: u32,
    },
    /// Rolling (slow-open) admission: a waiting person joins whenever a place is free.
    Rolling,
}

/// One step of the intake pathway a referred person goes through before the waitlist.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IntakeStep {
    /// Intake with the person's individual therapist, to check the fit (S3 step 2).
    IndividualTherapistIntake,
    /// Intake with one of the group therapists; may end in "not (yet)" (S3 step 3).
    GroupTherapistIntake,
    /// IPT-G's pre-group individual meeting (about 2 h: problem areas, written goals,
    /// preparation for the group).
    PreGroupMeeting,
}

/// The rules one group runs by. Every number carries its source; build one with
/// [`GroupRules::for_type`] and adjust with [`GroupRules::with_size`] if a clinic deviates.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GroupRules {
    /// The format.
    pub group_type: GroupType,
    /// The fewest members with which the group may start (and below which it is flagged).
    pub min_members: Cited<u32>,
    /// The most members the group may have; never exceeded.
    pub max_members: Cited<u32>,
    /// The typical (target) size range, `(low, high)`.
    pub typical: Cited<(u32, u32)>,
    /// Minutes per session, when the source gives it.
    pub session_minutes: Option<Cited<u32>>,
    /// Planned number of group sessions for a time-limited group; `None` for open-ended groups.
    pub planned_sessions: Option<Cited<u32>>,
    /// Planned membership duration in months `(low, high)` for long-term groups.
    pub membership_months: Option<Cited<(u32, u32)>>,
    /// When members may join.
    pub admission: Cited<AdmissionPolicy>,
    /// The intake steps, in order, before someone can be put on the waitlist.
    pub intake: Cited<Vec<IntakeStep>>,
    /// Whether the format has individual meetings before, midway and after the group (IPT-G).
    pub individual_meetings: bool,
    /// After which group session the midway individual meeting belongs (IPT-G: between
    /// sessions 10 and 11, so `10`). A midway meeting at another point needs a recorded
    /// deviation. `None` when the format has no midway meeting.
    pub midway_after_session: Option<Cited<u32>>,
    /// Whether a referral needs a GP referral. A rule of this group (a clinic's pathway), not
    /// of the format: the process group of seed S3 requires one by default, and any group may
    /// switch it with [`GroupRules::with_gp_referral`].
    pub gp_referral_required: Cited<bool>,
    /// Who the group suits, shown when someone is admitted (the process group: seed S3's
    /// indication, requirements and contra-indication). `None` when the format's sources give
    /// none. Never a refusal: admitting someone with an unmet criterion needs a recorded reason.
    pub admission_criteria: Option<Cited<Vec<AdmissionCriterion>>>,
}

const fn src(key: &'static str, locator: &'static str, evidence: Evidence) -> Source {
    Source::new(key, locator, evidence)
}

/// The source of "no GP referral needed" for formats whose sources give no referral rule.
fn no_gp_rule() -> Source {
    src(
        "ipsrt-design",
        "docs/decisions.md#groups: the format's sources give no referral requirement; a clinic may require one",
        Evidence::Design,
    )
}

impl GroupRules {
    /// The default rules of a format.
    ///
    /// * IPSRT group: min 6 (the survey also reports 4; lower it with [`GroupRules::with_size`]),
    ///   max 8, typical 6–7 \[S0\]; closed or slow-open is not specified, the default is a closed
    ///   cohort admitting up to session 2 \[design\]; intake by a group therapist \[design\].
    /// * Process group: max 9 (S3 says "8 to 9"), min 3 \[design\], weekly 90 min, 12–18 months,
    ///   rolling admission, intake GP referral → individual therapist → group therapist \[S3\].
    /// * IPT-G: 6–9 members, 20 sessions, closed before session 1, pre-group meeting, midway
    ///   meeting between sessions 10 and 11 \[Wilfley 2000\].
    ///
    /// Only the process group requires a GP referral by default (S3); that is the group's rule,
    /// switchable with [`GroupRules::with_gp_referral`].
    pub fn for_type(group_type: GroupType) -> Self {
        match group_type {
            GroupType::IpsrtGroup => GroupRules {
                group_type,
                min_members: Cited::new(
                    6,
                    src("S0", "IPSRT group size: minimum 4 or 6 (answers differed)", Evidence::Seed),
                ),
                max_members: Cited::new(8, src("S0", "IPSRT group size: maximum 8", Evidence::Seed)),
                typical: Cited::new((6, 7), src("S0", "IPSRT group size: typical 6–7", Evidence::Seed)),
                session_minutes: None,
                planned_sessions: None,
                membership_months: None,
                admission: Cited::new(
                    AdmissionPolicy::Closed { admit_through_session: 2 },
                    src(
                        "ipsrt-design",
                        "docs/groups.md#three-different-kinds-of-group: closed or slow-open; closed groups admit up to session 2–3",
                        Evidence::Design,
                    ),
                ),
                intake: Cited::new(
                    vec![IntakeStep::GroupTherapistIntake],
                    src("ipsrt-design", "S0 gives no intake pathway; one group-therapist intake", Evidence::Design),
                ),
                individual_meetings: false,
                midway_after_session: None,
                gp_referral_required: Cited::new(false, no_gp_rule()),
                admission_criteria: None,
            },
            GroupType::ProcessGroup => GroupRules {
                group_type,
                min_members: Cited::new(
                    3,
                    src("ipsrt-design", "S3 gives no minimum; 3 so that the group can run", Evidence::Design),
                ),
                max_members: Cited::new(9, src("S3", "practical rules: 8 to 9 participants maximum", Evidence::Seed)),
                typical: Cited::new((8, 9), src("S3", "practical rules: 8 to 9 participants maximum", Evidence::Seed)),
                session_minutes: Some(Cited::new(
                    90,
                    src("S3", "practical rules: weekly sessions of 90 minutes", Evidence::Seed),
                )),
                planned_sessions: None,
                membership_months: Some(Cited::new(
                    (12, 18),
                    src("S3", "practical rules: duration 1 to 1.5 years", Evidence::Seed),
                )),
                admission: Cited::new(
                    AdmissionPolicy::Rolling,
                    src("S3", "admission step 4: entry when a place becomes free", Evidence::Seed),
                ),
                intake: Cited::new(
                    vec![IntakeStep::IndividualTherapistIntake, IntakeStep::GroupTherapistIntake],
                    src(
                        "S3",
                        "admission: GP referral, intake with the individual therapist, intake with a group therapist",
                        Evidence::Seed,
                    ),
                ),
                individual_meetings: false,
                midway_after_session: None,
                gp_referral_required: Cited::new(
                    true,
                    src("S3", "admission step 1: self-registration requires a GP referral", Evidence::Seed),
                ),
                admission_criteria: Some(Cited::new(
                    AdmissionCriterion::ALL.to_vec(),
                    src(
                        "S3",
                        "indication (the group can be for you if you ...), requirements and contra-indication",
                        Evidence::Seed,
                    ),
                )),
            },
            GroupType::IptG => GroupRules {
                group_type,
                min_members: Cited::new(6, src("WILFLEY-2000", "recommended group size 6–9", Evidence::Verified)),
                max_members: Cited::new(9, src("WILFLEY-2000", "recommended group size 6–9", Evidence::Verified)),
                typical: Cited::new((6, 9), src("WILFLEY-2000", "recommended group size 6–9", Evidence::Verified)),
                session_minutes: None,
                planned_sessions: Some(Cited::new(
                    20,
                    src("WILFLEY-2000", "20 sessions over about 5 months", Evidence::Verified),
                )),
                membership_months: None,
                admission: Cited::new(
                    AdmissionPolicy::Closed { admit_through_session: 0 },
                    src("WILFLEY-2000", "groups are closed, time-limited cohorts", Evidence::Verified),
                ),
                intake: Cited::new(
                    vec![IntakeStep::PreGroupMeeting],
                    src("WILFLEY-2000", "pre-group individual meeting of about 2 h", Evidence::Verified),
                ),
                individual_meetings: true,
                midway_after_session: Some(Cited::new(
                    10,
                    src(
                        "WILFLEY-2000",
                        "mid-treatment individual meeting between sessions 10 and 11",
                        Evidence::Verified,
                    ),
                )),
                gp_referral_required: Cited::new(false, no_gp_rule()),
                admission_criteria: None,
            },
        }
    }

    /// The same rules with another size range (a clinic's own numbers, e.g. the IPSRT minimum
    /// of 4 that S0 also reports). Checks `1 ≤ min ≤ max`.
    pub fn with_size(mut self, min: u32, max: u32, source: Source) -> Result<Self, GroupError> {
        if min == 0 || min > max {
            return Err(GroupError::InvalidSize { min, max });
        }
        self.min_members = Cited::new(min, source.clone());
        self.max_members = Cited::new(max, source.clone());
        let (lo, hi) = self.typical.value;
        if lo < min || hi > max {
            self.typical = Cited::new((min, max), source);
        }
        Ok(self)
    }

    /// The same rules with another referral rule: whether this group requires a GP referral,
    /// with the source of that rule (a clinic's pathway: `Source::local("clinic")`).
    ///
    /// ```
    /// use ipsrt::group::{GroupRules, GroupType};
    /// use ipsrt::source::Source;
    /// let rules = GroupRules::for_type(GroupType::IpsrtGroup).with_gp_referral(true, Source::local("clinic pathway"));
    /// assert!(rules.gp_referral_required.value);
    /// ```
    pub fn with_gp_referral(mut self, required: bool, source: Source) -> Self {
        self.gp_referral_required = Cited::new(required, source);
        self
    }

    /// Checks the rules are coherent (used after loading from JSON).
    pub fn validate(&self) -> Result<(), GroupError> {
        let (min, max) = (self.min_members.value, self.max_members.value);
        if min == 0 || min > max {
            return Err(GroupError::InvalidSize { min, max });
        }
        if self.planned_sessions.as_ref().is_some_and(|p| p.value == 0) {
            return Err(GroupError::InvalidSize { min, max: 0 });
        }
        let (lo, hi) = self.typical.value;
        if lo == 0 || lo > hi || lo < min || hi > max {
            return Err(GroupError::InvalidRule {
                field: "typical",
                detail: format!(
                    "{lo}–{hi} is not a range inside the size limits {min}–{max}: give min_members ≤ low ≤ high ≤ max_members"
                ),
            });
        }
        if let Some(m) = &self.membership_months
            && (m.value.0 == 0 || m.value.0 > m.value.1)
        {
            return Err(GroupError::InvalidRule {
                field: "membership_months",
                detail: format!("{}–{} is not a range of months: give 1 ≤ low ≤ high", m.value.0, m.value.1),
            });
        }
        if self.session_minutes.as_ref().is_some_and(|m| m.value == 0 || m.value > 24 * 60) {
            return Err(GroupError::InvalidRule {
                field: "session_minutes",
                detail: "is outside 1–1440: give the length of one session in minutes, or none".to_owned(),
            });
        }
        if let Some(after) = &self.midway_after_session {
            let planned = self.planned_sessions.as_ref().map(|p| p.value);
            if !self.individual_meetings || after.value == 0 || planned.is_some_and(|p| after.value >= p) {
                return Err(GroupError::InvalidMidwaySession { after: after.value, planned });
            }
        }
        Ok(())
    }
}
