//! Problem areas (the core's `ipsrt::problem_area`): the taxonomies, the areas' labels, goals
//! and strategies, and the role-dispute stages, typed for app screens (a focus picker, a
//! guide card). Everything comes from the core; nothing is decided here.

use ipsrt::problem_area as core;

use crate::bridge::{from_core, to_core};
use crate::course::{DisputeStage, ProblemAreaKind, Taxonomy};
use crate::error::{IpsrtError, guard};
use crate::source::SourceRef;

/// One area of a taxonomy, with its name in that taxonomy.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct ProblemAreaInfo {
    /// The area.
    pub kind: ProblemAreaKind,
    /// Its display name in the taxonomy (SR-3 says "grief and loss", "interpersonal disputes").
    pub label: String,
}

/// A taxonomy: its areas in order and where it comes from.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct TaxonomyInfo {
    /// The taxonomy.
    pub taxonomy: Taxonomy,
    /// The areas that may be chosen, in order.
    pub areas: Vec<ProblemAreaInfo>,
    /// Whether grief covers non-death losses (SR-3 only).
    pub grief_covers_non_death_loss: bool,
    /// Where the taxonomy comes from.
    pub source: SourceRef,
}

/// The goals and strategies of one area under one taxonomy (docs/problem-areas.md#taxonomies).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct ProblemAreaGuide {
    /// The area.
    pub kind: ProblemAreaKind,
    /// Its display name in the taxonomy.
    pub label: String,
    /// When the area applies.
    pub applies_when: String,
    /// The goals, in order.
    pub goals: Vec<String>,
    /// The strategies.
    pub strategies: Vec<String>,
    /// Where the goals and strategies come from.
    pub source: SourceRef,
}

/// A role-dispute stage: the therapist's aim in it and the stages it may move to.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct DisputeStageInfo {
    /// The stage.
    pub stage: DisputeStage,
    /// The therapist's aim in this stage.
    pub therapist_aim: String,
    /// The stages it may change to (dissolution is final).
    pub can_move_to: Vec<DisputeStage>,
    /// Where the stages come from.
    pub source: SourceRef,
}

/// A taxonomy's areas, labels and source.
#[uniffi::export]
pub fn taxonomy_info(taxonomy: Taxonomy) -> Result<TaxonomyInfo, IpsrtError> {
    guard(|| {
        let t: core::Taxonomy = to_core(&taxonomy)?;
        Ok(TaxonomyInfo {
            taxonomy,
            areas: t
                .areas()
                .iter()
                .map(|a| Ok(ProblemAreaInfo { kind: from_core(a)?, label: a.label(t).to_owned() }))
                .collect::<Result<_, IpsrtError>>()?,
            grief_covers_non_death_loss: t.grief_covers_non_death_loss(),
            source: SourceRef::from(&t.source()),
        })
    })
}

/// The goals and strategies of `kind` under `taxonomy`. An area the taxonomy does not have
/// (interpersonal deficits under SR-3) is `InvalidInput`.
#[uniffi::export]
pub fn problem_area_guide(kind: ProblemAreaKind, taxonomy: Taxonomy) -> Result<ProblemAreaGuide, IpsrtError> {
    guard(|| {
        let t: core::Taxonomy = to_core(&taxonomy)?;
        let k: core::ProblemAreaKind = to_core(&kind)?;
        if !t.allows(k) {
            return Err(IpsrtError::InvalidInput(format!(
                "the {} taxonomy has no {} area: choose one of {:?} (taxonomyInfo lists them)",
                t.as_str(),
                k.as_str(),
                t.areas().iter().map(|a| a.as_str()).collect::<Vec<_>>()
            )));
        }
        let g = core::guide(k, t);
        Ok(ProblemAreaGuide {
            kind,
            label: k.label(t).to_owned(),
            applies_when: g.applies_when.to_owned(),
            goals: g.goals.iter().map(|s| (*s).to_owned()).collect(),
            strategies: g.strategies.iter().map(|s| (*s).to_owned()).collect(),
            source: SourceRef::from(&g.source),
        })
    })
}

/// A role-dispute stage's aim and allowed moves.
#[uniffi::export]
pub fn dispute_stage_info(stage: DisputeStage) -> Result<DisputeStageInfo, IpsrtError> {
    guard(|| {
        let s: core::DisputeStage = to_core(&stage)?;
        let all = [core::DisputeStage::Renegotiation, core::DisputeStage::Impasse, core::DisputeStage::Dissolution];
        Ok(DisputeStageInfo {
            stage,
            therapist_aim: s.therapist_aim().to_owned(),
            can_move_to: all.iter().filter(|n| s.can_move_to(**n)).map(from_core).collect::<Result<_, _>>()?,
            source: SourceRef::from(&core::DisputeStage::source()),
        })
    })
}
