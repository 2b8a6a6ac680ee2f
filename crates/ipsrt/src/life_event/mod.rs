//! Life events and rhythm disruptors, and the suggestion of candidate problem areas from them.
//!
//! [`suggest_problem_areas`] applies the mapping table of docs/problem-areas.md to recorded
//! [`LifeEvent`]s, taking into account when each event happened relative to symptom onset and
//! which [`Taxonomy`] the clinic uses. Every [`Suggestion`] explains itself and names its
//! source. Nothing is chosen automatically: the therapist decides (a course records the choice
//! with a `problem_area_chosen` event).
//!
//! ```
//! use chrono::NaiveDate;
//! use ipsrt::life_event::{LifeEvent, LifeEventKind, SuggestOptions, Rank, suggest_problem_areas};
//! use ipsrt::problem_area::{ProblemAreaKind, Taxonomy};
//!
//! let onset = NaiveDate::from_ymd_opt(2026, 5, 1).unwrap();
//! let events = [LifeEvent::new(LifeEventKind::Death, NaiveDate::from_ymd_opt(2026, 3, 10).unwrap())];
//! let s = suggest_problem_areas(&events, Some(onset), Taxonomy::Wmk4, &SuggestOptions::default());
//! let first = &s.candidates[0];
//! assert_eq!(first.area, ProblemAreaKind::Grief);
//! assert_eq!(first.rank, Rank::Primary);
//! assert!(first.explanation.contains("52 days before symptom onset"));
//! ```

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::course::CourseError;
use crate::inventory::{PersonId, check_optional_text};
use crate::problem_area::{DisputeStage, ProblemAreaKind, Taxonomy};
use crate::source::{Cited, Evidence, Source};

/// The kind of a life event (the seed list of S2, plus IPSRT's social-rhythm disruptors).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum LifeEventKind {
    /// Death of a significant other.
    Death,
    /// The person's own illness (somatic or psychiatric).
    OwnIllness,
    /// Illness of a partner, friend or family member.
    IllnessOfOther,
    /// A conflict with someone significant.
    Conflict,
    /// Divorce or separation.
    DivorceSeparation,
    /// Marriage or moving in together.
    Marriage,
    /// Reconciliation.
    Reconciliation,
    /// Pregnancy or birth (also a major social-rhythm disruptor: night feeds).
    PregnancyBirth,
    /// A change of job.
    JobChange,
    /// Dismissal or job loss.
    Dismissal,
    /// Retirement.
    Retirement,
    /// Moving house (no published source maps it; a design choice, docs/decisions.md#life-event-relocation).
    Relocation,
    /// Travel across time zones (rhythm disruptor).
    TimeZoneTravel,
    /// Shift work or a change of shifts (rhythm disruptor).
    ShiftWork,
    /// Exams or another period of deadlines (rhythm disruptor).
    Exams,
    /// Holidays (rhythm disruptor).
    Holiday,
    /// A daylight-saving clock change (rhythm disruptor).
    DaylightSavingChange,
    /// Anything else; describe it in the event's note.
    Other,
}

impl LifeEventKind {
    /// Whether this is an IPSRT social-rhythm disruptor (handled by rhythm planning, not an IPT
    /// problem area). Pregnancy/birth is both a life event and a disruptor.
    pub fn is_rhythm_disruptor(self) -> bool {
        matches!(
            self,
            LifeEventKind::TimeZoneTravel
                | LifeEventKind::ShiftWork
                | LifeEventKind::Exams
                | LifeEventKind::Holiday
                | LifeEventKind::DaylightSavingChange
                | LifeEventKind::PregnancyBirth
        )
    }

    /// Whether this is on the S2 seed list of events that change relationships.
    pub fn is_seed_event(self) -> bool {
        matches!(
            self,
            LifeEventKind::Death
                | LifeEventKind::OwnIllness
                | LifeEventKind::IllnessOfOther
                | LifeEventKind::Conflict
                | LifeEventKind::DivorceSeparation
                | LifeEventKind::Marriage
                | LifeEventKind::Reconciliation
                | LifeEventKind::PregnancyBirth
                | LifeEventKind::JobChange
                | LifeEventKind::Dismissal
                | LifeEventKind::Retirement
        )
    }
}

/// A dated life event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LifeEvent {
    /// What happened.
    pub kind: LifeEventKind,
    /// When (the day; for a period, its first day).
    pub date: NaiveDate,
    /// The person concerned, if they are in the inventory.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub person: Option<PersonId>,
    /// The event is still contested with someone (non-reciprocal expectations about it): makes
    /// a role dispute a candidate.
    #[serde(default)]
    pub contested: bool,
    /// For an own illness: the illness is chronic or bipolar (IPSRT: grief for the lost healthy self).
    #[serde(default)]
    pub chronic: bool,
    /// Free text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl LifeEvent {
    /// An event of `kind` on `date`, with no person, not contested, not chronic, no note.
    pub fn new(kind: LifeEventKind, date: NaiveDate) -> Self {
        LifeEvent { kind, date, person: None, contested: false, chronic: false, note: None }
    }

    /// Checks the free text.
    pub fn validate(&self) -> Result<(), CourseError> {
        check_optional_text("life_event.note", self.note.as_deref())
    }
}

/// How strongly the mapping table points at an area for an event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Rank {
    /// The table's primary candidate for the event.
    Primary,
    /// An alternative in the table, under the stated condition.
    Alternative,
}

/// When an event happened relative to symptom onset.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "relation", rename_all = "snake_case")]
pub enum Timing {
    /// Within the proximal window before onset (or on the onset day).
    ProximalBeforeOnset {
        /// Days before onset.
        days: i64,
    },
    /// Before onset, but further back than the proximal window.
    DistantBeforeOnset {
        /// Days before onset.
        days: i64,
    },
    /// After onset: may maintain, rather than trigger, the episode.
    AfterOnset {
        /// Days after onset.
        days: i64,
    },
    /// Onset is not recorded.
    OnsetUnknown,
}

/// Options of [`suggest_problem_areas`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SuggestOptions {
    /// Events this many days or fewer before onset count as proximal (default 365, a design
    /// choice: the manuals say "proximal to onset" without a number).
    pub proximal_days: Cited<u32>,
}

impl Default for SuggestOptions {
    fn default() -> Self {
        SuggestOptions {
            proximal_days: Cited::new(
                365,
                Source::new("ipsrt-design", "proximal window before onset; manuals give no number", Evidence::Design),
            ),
        }
    }
}

/// One candidate problem area, with why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Suggestion {
    /// The candidate area.
    pub area: ProblemAreaKind,
    /// Primary or alternative.
    pub rank: Rank,
    /// For a role dispute: the stage the table suggests, if it suggests one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dispute_stage: Option<DisputeStage>,
    /// Index of the event in the input (none for the residual deficits suggestion).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub event_index: Option<usize>,
    /// Timing relative to onset.
    pub timing: Timing,
    /// A sentence for the clinician.
    pub explanation: String,
    /// Where the mapping comes from.
    pub source: Source,
}

/// A rhythm disruptor found among the events (IPSRT: plan for it; not an IPT area).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RhythmNote {
    /// Index of the event in the input.
    pub event_index: usize,
    /// The kind.
    pub kind: LifeEventKind,
    /// A sentence for the clinician.
    pub explanation: String,
    /// Source.
    pub source: Source,
}

/// The result of [`suggest_problem_areas`].
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Suggestions {
    /// Candidates: proximal before onset first, then after onset, then distant; primary before
    /// alternative; then by event order.
    pub candidates: Vec<Suggestion>,
    /// Rhythm disruptors (IPSRT).
    pub rhythm_disruptors: Vec<RhythmNote>,
    /// General remarks (for example that SR-3 has no deficits area).
    pub notes: Vec<String>,
}

fn timing_of(date: NaiveDate, onset: Option<NaiveDate>, proximal: u32) -> Timing {
    match onset {
        None => Timing::OnsetUnknown,
        Some(onset) => {
            let d = (onset - date).num_days();
            if d < 0 {
                Timing::AfterOnset { days: -d }
            } else if d <= i64::from(proximal) {
                Timing::ProximalBeforeOnset { days: d }
            } else {
                Timing::DistantBeforeOnset { days: d }
            }
        }
    }
}

fn timing_phrase(t: Timing) -> String {
    match t {
        Timing::ProximalBeforeOnset { days: 0 } => "on the day of symptom onset".into(),
        Timing::ProximalBeforeOnset { days } => format!("{days} days before symptom onset (proximal)"),
        Timing::DistantBeforeOnset { days } => {
            format!("{days} days before symptom onset, outside the proximal window: a weaker link")
        }
        Timing::AfterOnset { days } => {
            format!("{days} days after symptom onset: it may maintain rather than trigger the episode")
        }
        Timing::OnsetUnknown => "symptom onset is not recorded, so the timing cannot be weighed".into(),
    }
}

fn timing_order(t: Timing) -> (u8, i64) {
    match t {
        Timing::ProximalBeforeOnset { days } => (0, days),
        Timing::OnsetUnknown => (1, 0),
        Timing::AfterOnset { days } => (2, days),
        Timing::DistantBeforeOnset { days } => (3, days),
    }
}

/// Where each row of the life-event mapping comes from. The hospital leaflet (S2) only lists
/// the events; each mapping cites what supports it (docs/decisions.md#life-event-mapping).
mod src {
    use crate::source::{Evidence, Source};

    pub const DEATH_GRIEF: Source = Source::new("S1", "grief: the death of a close person", Evidence::Seed);
    pub const CONFLICT_S1: Source = Source::new(
        "S1",
        "interpersonal conflict: with a partner, between parents and children, or with others (for example at work)",
        Evidence::Seed,
    );
    pub const DIVORCE_OR_NEW_JOB_S1: Source =
        Source::new("S1", "role change: for example after a divorce or with a new job", Evidence::Seed);
    pub const ROLE_CHANGE_S2: Source =
        Source::new("S2", "role change: for example one's own illness or having a child", Evidence::Seed);
    pub const TRANSITION_DEFINITION: Source = Source::new(
        "ISIPT",
        "role transitions: a life change in employment, relationship status, health or living conditions",
        Evidence::Verified,
    );
    pub const DISPUTE_DEFINITION: Source = Source::new(
        "ISIPT",
        "role disputes: non-reciprocal role expectations in a significant relationship",
        Evidence::Verified,
    );
    pub const DISSOLUTION: Source = Source::new(
        "WMK-2000",
        "role-dispute stage dissolution: the relationship is irretrievably broken",
        Evidence::ManualRecalled,
    );
    pub const RENEGOTIATION: Source = Source::new(
        "WMK-2000",
        "role-dispute stage renegotiation: both parties still try to change things",
        Evidence::ManualRecalled,
    );
    pub const LOST_HEALTHY_SELF: Source = Source::new(
        "FRANK-2005",
        "IPSRT's fifth area: grief for the lost healthy self, for one's own bipolar or chronic illness",
        Evidence::ManualRecalled,
    );
    pub const SR_GRIEF_AND_LOSS: Source = Source::new(
        "SR-2012",
        "ch. 3: grief and loss includes non-death losses (divorce, loss of health, anticipated loss)",
        Evidence::Verified,
    );
    pub const BECOMING_A_CARER: Source = Source::new(
        "ipsrt-design",
        "docs/decisions.md#life-event-mapping: becoming a carer read as a role transition",
        Evidence::Design,
    );
    pub const RELOCATION: Source = Source::new(
        "ipsrt-design",
        "docs/decisions.md#life-event-relocation: no source maps moving house; treated as a role transition",
        Evidence::Design,
    );
}

/// Candidate areas for one event: (area, rank, stage, reason, source).
type Row = (ProblemAreaKind, Rank, Option<DisputeStage>, &'static str, Source);

fn rows_for(ev: &LifeEvent, taxonomy: Taxonomy) -> Vec<Row> {
    use LifeEventKind as K;
    use ProblemAreaKind as A;
    use Rank::*;
    let sr = taxonomy.grief_covers_non_death_loss();
    let mut rows: Vec<Row> = Vec::new();
    match ev.kind {
        K::Death => {
            rows.push((A::Grief, Primary, None, "a death of a significant other maps to grief", src::DEATH_GRIEF))
        }
        K::OwnIllness => {
            if taxonomy == Taxonomy::Ipsrt5 && ev.chronic {
                rows.push((
                    A::LostHealthySelf,
                    Primary,
                    None,
                    "a chronic or bipolar illness of one's own maps, in IPSRT, to grief for the lost healthy self",
                    src::LOST_HEALTHY_SELF,
                ));
                rows.push((
                    A::RoleTransition,
                    Alternative,
                    None,
                    "one's own illness is also a transition from healthy to ill",
                    src::ROLE_CHANGE_S2,
                ));
            } else {
                rows.push((
                    A::RoleTransition,
                    Primary,
                    None,
                    "one's own illness is a transition from healthy to ill",
                    src::ROLE_CHANGE_S2,
                ));
            }
            if sr {
                rows.push((
                    A::Grief,
                    Alternative,
                    None,
                    "under SR-3, loss of health is a grief and loss",
                    src::SR_GRIEF_AND_LOSS,
                ));
            }
        }
        K::IllnessOfOther => {
            rows.push((
                A::RoleTransition,
                Primary,
                None,
                "illness of someone close is a transition into becoming a carer",
                src::BECOMING_A_CARER,
            ));
            rows.push((
                A::RoleDispute,
                Alternative,
                None,
                "a role dispute if there is conflict over the care",
                src::DISPUTE_DEFINITION,
            ));
            if sr {
                rows.push((
                    A::Grief,
                    Alternative,
                    None,
                    "under SR-3, an anticipated loss is a grief and loss",
                    src::SR_GRIEF_AND_LOSS,
                ));
            }
        }
        K::Conflict => rows.push((
            A::RoleDispute,
            Primary,
            None,
            "a conflict maps to a role dispute; set its stage (renegotiation, impasse or dissolution)",
            src::CONFLICT_S1,
        )),
        K::DivorceSeparation => {
            rows.push((
                A::RoleTransition,
                Primary,
                None,
                "a divorce or separation is a role transition",
                src::DIVORCE_OR_NEW_JOB_S1,
            ));
            rows.push((
                A::RoleDispute,
                Alternative,
                Some(DisputeStage::Dissolution),
                "a role dispute at the dissolution stage if it is still contested",
                src::DISSOLUTION,
            ));
            if sr {
                rows.push((
                    A::Grief,
                    Alternative,
                    None,
                    "under SR-3, a divorce can be a grief and loss",
                    src::SR_GRIEF_AND_LOSS,
                ));
            }
        }
        K::Marriage => {
            rows.push((
                A::RoleTransition,
                Primary,
                None,
                "marriage or moving in together is a role transition",
                src::TRANSITION_DEFINITION,
            ));
            rows.push((
                A::RoleDispute,
                Alternative,
                None,
                "a role dispute if the partners' expectations are non-reciprocal",
                src::DISPUTE_DEFINITION,
            ));
        }
        K::Reconciliation => {
            rows.push((
                A::RoleTransition,
                Primary,
                None,
                "a reconciliation is a role transition",
                src::TRANSITION_DEFINITION,
            ));
            rows.push((
                A::RoleDispute,
                Alternative,
                Some(DisputeStage::Renegotiation),
                "a role dispute at the renegotiation stage if the terms are still contested",
                src::RENEGOTIATION,
            ));
        }
        K::PregnancyBirth => {
            rows.push((
                A::RoleTransition,
                Primary,
                None,
                "pregnancy or birth is a transition into becoming a parent",
                src::ROLE_CHANGE_S2,
            ));
            rows.push((
                A::RoleDispute,
                Alternative,
                None,
                "a role dispute with the partner over roles",
                src::DISPUTE_DEFINITION,
            ));
        }
        K::JobChange | K::Dismissal | K::Retirement | K::Relocation => {
            rows.push((
                A::RoleTransition,
                Primary,
                None,
                "a change of work or home is a role transition",
                match ev.kind {
                    K::JobChange => src::DIVORCE_OR_NEW_JOB_S1,
                    K::Relocation => src::RELOCATION,
                    _ => src::TRANSITION_DEFINITION,
                },
            ));
            rows.push((
                A::RoleDispute,
                Alternative,
                None,
                "a role dispute with an employer or colleague",
                src::CONFLICT_S1,
            ));
        }
        K::TimeZoneTravel | K::ShiftWork | K::Exams | K::Holiday | K::DaylightSavingChange | K::Other => {}
    }
    // `contested` promotes the dispute alternative's relevance; keep only areas the taxonomy has.
    rows.retain(|r| taxonomy.allows(r.0));
    if !ev.contested {
        // Without a recorded disagreement the dispute rows stay, as alternatives to consider.
        return rows;
    }
    if !rows.iter().any(|r| r.0 == A::RoleDispute) && taxonomy.allows(A::RoleDispute) {
        rows.push((
            A::RoleDispute,
            Alternative,
            None,
            "the event is recorded as contested with someone",
            src::DISPUTE_DEFINITION,
        ));
    }
    rows
}

/// Suggests candidate problem areas from life events (the table in
/// docs/problem-areas.md#life-events-and-suggested-areas), their timing relative to
/// `onset` and the `taxonomy`. The therapist decides; nothing here is a choice.
///
/// * Each IPT-relevant event yields its table row's primary candidate and alternatives.
/// * Rhythm disruptors (travel across time zones, shift work, exams, holidays, clock changes,
///   and the night feeds of a birth) are listed separately for IPSRT rhythm planning.
/// * When no event points at grief, dispute or transition, interpersonal deficits is suggested
///   as the residual area (WMK-4 and IPSRT-5 only; SR-3 has no such area).
pub fn suggest_problem_areas(
    events: &[LifeEvent],
    onset: Option<NaiveDate>,
    taxonomy: Taxonomy,
    options: &SuggestOptions,
) -> Suggestions {
    let mut out = Suggestions::default();
    let proximal = options.proximal_days.value;
    for (i, ev) in events.iter().enumerate() {
        let timing = timing_of(ev.date, onset, proximal);
        let when = timing_phrase(timing);
        for (area, rank, stage, reason, source) in rows_for(ev, taxonomy) {
            let kind_name = serde_json::to_value(ev.kind).ok().and_then(|v| v.as_str().map(str::to_owned));
            let kind_name = kind_name.unwrap_or_else(|| "event".into());
            let label = area.label(taxonomy);
            let rank_word = match rank {
                Rank::Primary => "primary candidate",
                Rank::Alternative => "alternative",
            };
            out.candidates.push(Suggestion {
                area,
                rank,
                dispute_stage: stage,
                event_index: Some(i),
                timing,
                explanation: format!(
                    "{label} ({rank_word}): event #{i} ({kind_name}, {}) happened {when}; {reason}. The therapist confirms the area.",
                    ev.date
                ),
                source,
            });
        }
        if ev.kind.is_rhythm_disruptor() {
            out.rhythm_disruptors.push(RhythmNote {
                event_index: i,
                kind: ev.kind,
                explanation: format!(
                    "event #{i} on {} disrupts social rhythms: plan for it with social-rhythm therapy (not an IPT problem area)",
                    ev.date
                ),
                source: Source::new("FSB-2007", "rhythm disruption events; handle with SRT planning", Evidence::Verified),
            });
        }
        if ev.kind == LifeEventKind::Other {
            out.notes.push(format!(
                "event #{i} is of kind \"other\": the mapping table has no row for it; judge it from its note"
            ));
        }
    }
    let any_main = out.candidates.iter().any(|s| {
        matches!(s.area, ProblemAreaKind::Grief | ProblemAreaKind::RoleDispute | ProblemAreaKind::RoleTransition)
    });
    if !any_main {
        if taxonomy.allows(ProblemAreaKind::InterpersonalDeficits) {
            out.candidates.push(Suggestion {
                area: ProblemAreaKind::InterpersonalDeficits,
                rank: Rank::Primary,
                dispute_stage: None,
                event_index: None,
                timing: Timing::OnsetUnknown,
                explanation: "interpersonal deficits (residual): no recorded event points at grief, a dispute or a transition; choose it only if, after the inventory, none of those applies and there is social isolation".into(),
                source: Source::new("WMK-2018", "ch. 8: deficits only if no other area applies", Evidence::Verified),
            });
        } else {
            out.notes.push("no recorded event points at an area, and SR-3 has no interpersonal-deficits area: SR treats it as an attachment vulnerability in the formulation".into());
        }
    }
    out.candidates.sort_by_key(|s| (timing_order(s.timing), s.rank, s.event_index));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn seed_list_maps_per_table() {
        let onset = Some(d(2026, 6, 1));
        let o = SuggestOptions::default();
        let primary = |k: LifeEventKind, t: Taxonomy| {
            let s = suggest_problem_areas(&[LifeEvent::new(k, d(2026, 5, 1))], onset, t, &o);
            s.candidates.iter().find(|c| c.rank == Rank::Primary).map(|c| c.area)
        };
        use LifeEventKind as K;
        use ProblemAreaKind as A;
        assert_eq!(primary(K::Death, Taxonomy::Wmk4), Some(A::Grief));
        assert_eq!(primary(K::Conflict, Taxonomy::Wmk4), Some(A::RoleDispute));
        for k in [
            K::DivorceSeparation,
            K::Marriage,
            K::Reconciliation,
            K::PregnancyBirth,
            K::JobChange,
            K::Dismissal,
            K::Retirement,
            K::OwnIllness,
            K::IllnessOfOther,
        ] {
            assert_eq!(primary(k, Taxonomy::Wmk4), Some(A::RoleTransition), "{k:?}");
        }
        let mut bipolar = LifeEvent::new(K::OwnIllness, d(2026, 5, 1));
        bipolar.chronic = true;
        let s = suggest_problem_areas(std::slice::from_ref(&bipolar), onset, Taxonomy::Ipsrt5, &o);
        assert_eq!(s.candidates[0].area, A::LostHealthySelf);
        let s = suggest_problem_areas(&[bipolar], onset, Taxonomy::Wmk4, &o);
        assert_eq!(s.candidates[0].area, A::RoleTransition);
    }

    #[test]
    fn each_mapping_row_cites_what_supports_it() {
        use LifeEventKind as K;
        use ProblemAreaKind as A;
        let onset = Some(d(2026, 6, 1));
        let o = SuggestOptions::default();
        let source = |ev: LifeEvent, t: Taxonomy, area: A| {
            let s = suggest_problem_areas(&[ev], onset, t, &o);
            s.candidates.iter().find(|c| c.area == area).map(|c| c.source.clone()).unwrap()
        };
        let ev = |k: K| LifeEvent::new(k, d(2026, 5, 1));
        // The practice page (S1) gives divorce and a new job as role changes, death as grief.
        assert_eq!(source(ev(K::DivorceSeparation), Taxonomy::Wmk4, A::RoleTransition).key, "S1");
        assert_eq!(source(ev(K::JobChange), Taxonomy::Wmk4, A::RoleTransition).key, "S1");
        assert_eq!(source(ev(K::Death), Taxonomy::Wmk4, A::Grief).key, "S1");
        // The leaflet (S2) gives own illness and having a child as examples of a role change.
        assert_eq!(source(ev(K::OwnIllness), Taxonomy::Wmk4, A::RoleTransition).key, "S2");
        assert_eq!(source(ev(K::PregnancyBirth), Taxonomy::Wmk4, A::RoleTransition).key, "S2");
        // Grief for the lost healthy self is Frank's IPSRT manual.
        let mut bipolar = ev(K::OwnIllness);
        bipolar.chronic = true;
        assert_eq!(source(bipolar, Taxonomy::Ipsrt5, A::LostHealthySelf).key, "FRANK-2005");
        // Relocation has no source: a design choice.
        let reloc = source(ev(K::Relocation), Taxonomy::Wmk4, A::RoleTransition);
        assert_eq!((reloc.key.as_ref(), reloc.evidence), ("ipsrt-design", Evidence::Design));
        // Every row of every kind under every taxonomy names a work of the bibliography.
        for t in [Taxonomy::Wmk4, Taxonomy::Sr3, Taxonomy::Ipsrt5] {
            for k in [
                K::Death,
                K::OwnIllness,
                K::IllnessOfOther,
                K::Conflict,
                K::DivorceSeparation,
                K::Marriage,
                K::Reconciliation,
                K::PregnancyBirth,
                K::JobChange,
                K::Dismissal,
                K::Retirement,
                K::Relocation,
            ] {
                let mut e = ev(k);
                e.contested = true;
                e.chronic = true;
                for c in suggest_problem_areas(&[e], onset, t, &o).candidates {
                    assert!(c.source.reference().is_some(), "{k:?} {t:?}: {}", c.source);
                }
            }
        }
    }

    #[test]
    fn sr3_grief_covers_divorce_and_has_no_deficits() {
        let s = suggest_problem_areas(
            &[LifeEvent::new(LifeEventKind::DivorceSeparation, d(2026, 1, 1))],
            None,
            Taxonomy::Sr3,
            &SuggestOptions::default(),
        );
        assert!(s.candidates.iter().any(|c| c.area == ProblemAreaKind::Grief));
        let none = suggest_problem_areas(&[], None, Taxonomy::Sr3, &SuggestOptions::default());
        assert!(none.candidates.is_empty());
        assert_eq!(none.notes.len(), 1);
        let wmk = suggest_problem_areas(&[], None, Taxonomy::Wmk4, &SuggestOptions::default());
        assert_eq!(wmk.candidates[0].area, ProblemAreaKind::InterpersonalDeficits);
    }

    #[test]
    fn timing_orders_and_explains() {
        let onset = Some(d(2026, 6, 1));
        let events = [
            LifeEvent::new(LifeEventKind::JobChange, d(2024, 1, 1)),
            LifeEvent::new(LifeEventKind::Death, d(2026, 5, 20)),
            LifeEvent::new(LifeEventKind::Conflict, d(2026, 7, 1)),
            LifeEvent::new(LifeEventKind::TimeZoneTravel, d(2026, 5, 25)),
        ];
        let s = suggest_problem_areas(&events, onset, Taxonomy::Wmk4, &SuggestOptions::default());
        assert_eq!(s.candidates[0].area, ProblemAreaKind::Grief);
        assert!(s.candidates[0].explanation.contains("12 days before symptom onset"));
        let last = s.candidates.last().unwrap();
        assert!(matches!(last.timing, Timing::DistantBeforeOnset { .. }));
        assert!(s.candidates.iter().any(|c| c.explanation.contains("after symptom onset")));
        assert_eq!(s.rhythm_disruptors.len(), 1);
        assert!(s.candidates.iter().all(|c| c.source.reference().is_some()));
    }
}
