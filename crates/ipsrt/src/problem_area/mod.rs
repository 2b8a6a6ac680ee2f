//! Problem areas: the taxonomies (WMK-4, SR-3, IPSRT-5), role-dispute stages, and the goals and
//! strategies of each area.
//!
//! An IPT course works on one, or at most two, problem areas (the *focus*). Which areas exist
//! depends on the [`Taxonomy`] a clinic uses; a role dispute additionally carries its
//! [`DisputeStage`], a small state machine of its own.
//!
//! ```
//! use ipsrt::problem_area::{DisputeStage, ProblemAreaKind, Taxonomy, guide};
//!
//! assert!(Taxonomy::Wmk4.allows(ProblemAreaKind::InterpersonalDeficits));
//! assert!(!Taxonomy::Sr3.allows(ProblemAreaKind::InterpersonalDeficits));
//! assert!(Taxonomy::Ipsrt5.allows(ProblemAreaKind::LostHealthySelf));
//!
//! // Impasse can move back to renegotiation, but a dissolved relationship stays dissolved.
//! assert!(DisputeStage::Impasse.can_move_to(DisputeStage::Renegotiation));
//! assert!(!DisputeStage::Dissolution.can_move_to(DisputeStage::Impasse));
//!
//! let g = guide(ProblemAreaKind::Grief, Taxonomy::Wmk4);
//! assert_eq!(g.goals.len(), 2);
//! assert_eq!(g.source.key, "WMK-2000");
//! ```

use serde::{Deserialize, Serialize};

use crate::course::CourseError;
use crate::inventory::PersonId;
use crate::source::{Evidence, Source};

mod labels;

/// A problem area (the focus of the middle phase). Which areas may be chosen, and what
/// [`ProblemAreaKind::Grief`] covers, depends on the [`Taxonomy`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ProblemAreaKind {
    /// Grief: complicated bereavement after a death (WMK); "grief and loss", including
    /// non-death losses, under SR-3.
    Grief,
    /// Role dispute (interpersonal dispute): non-reciprocal role expectations.
    RoleDispute,
    /// Role transition: difficulty coping with a life change.
    RoleTransition,
    /// Interpersonal deficits: the residual area, only when no other area applies (WMK-4, IPSRT-5).
    InterpersonalDeficits,
    /// IPSRT's fifth area: grief for the lost healthy self.
    LostHealthySelf,
}

impl ProblemAreaKind {
    /// Every area, in a stable order.
    pub const ALL: [ProblemAreaKind; 5] = [
        ProblemAreaKind::Grief,
        ProblemAreaKind::RoleDispute,
        ProblemAreaKind::RoleTransition,
        ProblemAreaKind::InterpersonalDeficits,
        ProblemAreaKind::LostHealthySelf,
    ];

    /// The stable snake_case name (`"role_dispute"`), the same as the serde form.
    pub fn as_str(self) -> &'static str {
        match self {
            ProblemAreaKind::Grief => "grief",
            ProblemAreaKind::RoleDispute => "role_dispute",
            ProblemAreaKind::RoleTransition => "role_transition",
            ProblemAreaKind::InterpersonalDeficits => "interpersonal_deficits",
            ProblemAreaKind::LostHealthySelf => "lost_healthy_self",
        }
    }

    /// The area's name in `taxonomy` (SR-3 says "grief and loss" and "interpersonal disputes").
    pub fn label(self, taxonomy: Taxonomy) -> &'static str {
        match (self, taxonomy) {
            (ProblemAreaKind::Grief, Taxonomy::Sr3) => "grief and loss",
            (ProblemAreaKind::Grief, _) => "grief",
            (ProblemAreaKind::RoleDispute, Taxonomy::Sr3) => "interpersonal disputes",
            (ProblemAreaKind::RoleDispute, _) => "role dispute",
            (ProblemAreaKind::RoleTransition, _) => "role transition",
            (ProblemAreaKind::InterpersonalDeficits, _) => "interpersonal deficits",
            (ProblemAreaKind::LostHealthySelf, _) => "grief for the lost healthy self",
        }
    }
}

impl std::fmt::Display for ProblemAreaKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A problem-area taxonomy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Taxonomy {
    /// Weissman, Markowitz & Klerman: grief, role dispute, role transition, interpersonal deficits.
    Wmk4,
    /// Stuart & Robertson: grief and loss (incl. non-death loss), disputes, transitions.
    Sr3,
    /// IPSRT (Frank): the four WMK areas plus grief for the lost healthy self.
    Ipsrt5,
}

impl Taxonomy {
    /// The stable snake_case name (`"wmk4"`), the same as the serde form.
    pub fn as_str(self) -> &'static str {
        match self {
            Taxonomy::Wmk4 => "wmk4",
            Taxonomy::Sr3 => "sr3",
            Taxonomy::Ipsrt5 => "ipsrt5",
        }
    }

    /// The areas of this taxonomy.
    pub fn areas(self) -> &'static [ProblemAreaKind] {
        use ProblemAreaKind::*;
        match self {
            Taxonomy::Wmk4 => &[Grief, RoleDispute, RoleTransition, InterpersonalDeficits],
            Taxonomy::Sr3 => &[Grief, RoleDispute, RoleTransition],
            Taxonomy::Ipsrt5 => &[Grief, RoleDispute, RoleTransition, InterpersonalDeficits, LostHealthySelf],
        }
    }

    /// Whether `area` may be chosen under this taxonomy.
    pub fn allows(self, area: ProblemAreaKind) -> bool {
        self.areas().contains(&area)
    }

    /// Whether grief covers non-death losses (divorce, loss of health, anticipated loss): only SR-3.
    pub fn grief_covers_non_death_loss(self) -> bool {
        matches!(self, Taxonomy::Sr3)
    }

    /// Where the taxonomy comes from.
    pub fn source(self) -> Source {
        match self {
            Taxonomy::Wmk4 => {
                Source::new("WMK-2000", "four problem areas; deficits residual", Evidence::ManualRecalled)
            }
            Taxonomy::Sr3 => Source::new("SR-2012", "ch. 3: the three IPT problem areas", Evidence::Verified),
            Taxonomy::Ipsrt5 => {
                Source::new("FSB-2007", "four IPT areas plus grief for the lost healthy self", Evidence::Verified)
            }
        }
    }
}

impl std::fmt::Display for Taxonomy {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The stage of a role dispute; the therapist determines it, and it sets the intervention.
///
/// Transitions: renegotiation ⇄ impasse, and either → dissolution. Dissolution is final (the
/// relationship is irretrievably broken; the work becomes like a role transition).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DisputeStage {
    /// Both parties are still actively trying to change the situation.
    Renegotiation,
    /// Discussion has stopped and resentment smoulders.
    Impasse,
    /// The relationship is irretrievably broken.
    Dissolution,
}

impl DisputeStage {
    /// The stable snake_case name.
    pub fn as_str(self) -> &'static str {
        match self {
            DisputeStage::Renegotiation => "renegotiation",
            DisputeStage::Impasse => "impasse",
            DisputeStage::Dissolution => "dissolution",
        }
    }

    /// Whether the stage may change to `next` (a change to the same stage is not a change).
    pub fn can_move_to(self, next: DisputeStage) -> bool {
        use DisputeStage::*;
        matches!(
            (self, next),
            (Renegotiation, Impasse) | (Impasse, Renegotiation) | (Renegotiation, Dissolution) | (Impasse, Dissolution)
        )
    }

    /// Checks a stage change, with an error that says what to do.
    pub fn check_move(self, next: DisputeStage) -> Result<(), CourseError> {
        if self.can_move_to(next) { Ok(()) } else { Err(CourseError::IllegalStageChange { from: self, to: next }) }
    }

    /// The therapist's aim in this stage.
    pub fn therapist_aim(self) -> &'static str {
        match self {
            DisputeStage::Renegotiation => "calm the parties and facilitate resolution",
            DisputeStage::Impasse => "increase disharmony in order to reopen negotiation",
            DisputeStage::Dissolution => {
                "assist mourning and help the patient move on (structurally like a role transition)"
            }
        }
    }

    /// Where the stages come from.
    pub fn source() -> Source {
        Source::new("WMK-2000", "role disputes: stages of the dispute", Evidence::ManualRecalled)
    }
}

impl std::fmt::Display for DisputeStage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A problem area chosen as the focus of a course.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChosenArea {
    /// The area.
    pub kind: ProblemAreaKind,
    /// The dispute's stage; present exactly when `kind` is [`ProblemAreaKind::RoleDispute`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dispute_stage: Option<DisputeStage>,
    /// The person the area is about (the deceased, the other party of the dispute), if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub person: Option<PersonId>,
    /// The session count (sessions held) when the area was chosen.
    pub chosen_at_session: u32,
}

/// The goals and strategies of one problem area under one taxonomy, with their source.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AreaGuide {
    /// The area.
    pub kind: ProblemAreaKind,
    /// When the area applies.
    pub applies_when: &'static str,
    /// The goals, in order.
    pub goals: &'static [&'static str],
    /// The strategies.
    pub strategies: &'static [&'static str],
    /// Where the goals and strategies come from.
    pub source: Source,
}

/// The goals and strategies of `kind` under `taxonomy` (docs/problem-areas.md#taxonomies).
pub fn guide(kind: ProblemAreaKind, taxonomy: Taxonomy) -> AreaGuide {
    match kind {
        ProblemAreaKind::Grief => AreaGuide {
            kind,
            applies_when: if taxonomy.grief_covers_non_death_loss() {
                "a loss (a death, or a non-death loss such as divorce, loss of health or an anticipated loss) is associated with onset or maintenance"
            } else {
                "the death of a significant person is associated with onset or maintenance"
            },
            goals: &[
                "facilitate mourning (catharsis)",
                "help re-establish interests and relationships that can partly substitute for what was lost",
            ],
            strategies: &[
                "review the depressive symptoms and relate their onset to the death",
                "reconstruct the relationship with the deceased",
                "describe the sequence and consequences of events just before, during and after the death",
                "explore the associated feelings, negative as well as positive",
                "consider ways of becoming involved with others",
            ],
            source: if taxonomy.grief_covers_non_death_loss() {
                Source::new("SR-2012", "grief and loss, including non-death losses", Evidence::ManualRecalled)
            } else {
                Source::new("WMK-2000", "grief: goals and strategies", Evidence::Verified)
            },
        },
        ProblemAreaKind::RoleDispute => AreaGuide {
            kind,
            applies_when: "a significant relationship in which the two parties hold non-reciprocal role expectations",
            goals: &[
                "identify the dispute",
                "choose a plan of action",
                "modify expectations or faulty communication to reach a satisfactory resolution",
            ],
            strategies: &[
                "relate symptom onset to an overt or covert dispute",
                "determine the stage of the dispute (renegotiation, impasse, dissolution)",
                "work out how the non-reciprocal expectations relate to the dispute: issues, differences in expectations and values, options, alternatives, resources for change",
                "look for parallels in other relationships",
                "ask what the patient gains, which unspoken assumptions lie behind the behaviour, and how the dispute is perpetuated",
                "look for wishes that fit that relationship (S2)",
            ],
            source: Source::new("WMK-2000", "role disputes: goals and strategies", Evidence::ManualRecalled),
        },
        ProblemAreaKind::RoleTransition => AreaGuide {
            kind,
            applies_when: "difficulty coping with a life change (employment, relationship status, physical health, living conditions, socio-economic status)",
            goals: &[
                "mourn and accept the loss of the old role",
                "help the patient see the new role as more positive",
                "restore self-esteem through a sense of mastery of the new role's demands",
            ],
            strategies: &[
                "relate the symptoms to the change",
                "review the positive and negative aspects of the old and the new role",
                "explore feelings about what was lost and about the change itself",
                "explore the opportunities in the new role",
                "evaluate realistically what was lost",
                "encourage appropriate release of affect",
                "develop a social support system and the new skills the role requires",
            ],
            source: Source::new("WMK-2000", "role transitions: goals and strategies", Evidence::ManualRecalled),
        },
        ProblemAreaKind::InterpersonalDeficits => AreaGuide {
            kind,
            applies_when: "only when no grief, dispute or transition applies: minimal relationships, no life changes, a paucity of attachments",
            goals: &["reduce social isolation", "encourage new relationships"],
            strategies: &[
                "relate the symptoms to isolation or unfulfilment",
                "review past significant relationships, positive and negative",
                "explore repetitive patterns",
                "discuss the patient's feelings toward the therapist and look for parallels",
                "review expectations of relationships and adjust unrealistic ones (S2)",
            ],
            source: Source::new("WMK-2018", "ch. 8: interpersonal deficits as a residual area", Evidence::Verified),
        },
        ProblemAreaKind::LostHealthySelf => AreaGuide {
            kind,
            applies_when: "a chronic or life-long illness (bipolar disorder) has taken away the person one was or might have become",
            goals: &[
                "mourn the lost healthy self",
                "reach a realistic re-appraisal of goals, roles and plans given the illness",
                "identify what is still possible and build a life around it",
                "integrate the illness into one's self-concept",
            ],
            strategies: &[
                "give room to express grief and anger about the lost healthy self",
                "come to grips with the illness's effect on one's life",
                "work toward accepting the life-long nature of the illness (reduces denial, supports medication adherence)",
            ],
            source: Source::new("FRANK-2005", "grief for the lost healthy self", Evidence::ManualRecalled),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn taxonomies_have_the_spec_areas() {
        assert_eq!(Taxonomy::Wmk4.areas().len(), 4);
        assert_eq!(Taxonomy::Sr3.areas().len(), 3);
        assert_eq!(Taxonomy::Ipsrt5.areas().len(), 5);
        assert!(!Taxonomy::Wmk4.allows(ProblemAreaKind::LostHealthySelf));
        assert_eq!(ProblemAreaKind::Grief.label(Taxonomy::Sr3), "grief and loss");
    }

    #[test]
    fn dispute_stage_machine() {
        use DisputeStage::*;
        for from in [Renegotiation, Impasse, Dissolution] {
            assert!(!from.can_move_to(from));
            assert!(!Dissolution.can_move_to(from));
        }
        assert!(Renegotiation.check_move(Impasse).is_ok());
        let e = Dissolution.check_move(Renegotiation).unwrap_err();
        assert!(e.to_string().contains("dissolution"));
    }

    #[test]
    fn every_area_has_goals_and_sourced_guides() {
        for t in [Taxonomy::Wmk4, Taxonomy::Sr3, Taxonomy::Ipsrt5] {
            for &a in t.areas() {
                let g = guide(a, t);
                assert!(!g.goals.is_empty() && !g.strategies.is_empty());
                assert!(g.source.reference().is_some(), "{a}: unknown source key");
            }
        }
    }
}
