//! Interpersonal deficits as a last resort: the evidence that another problem area may apply,
//! and the clinician's acknowledgement of it (docs/course.md#deficits-as-a-last-resort).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::state::Course;
use crate::inventory::{Conflict, PersonFact, PersonId, RelationshipStatus};
use crate::life_event::{LifeEventKind, Rank, SuggestOptions, Timing};
use crate::problem_area::ProblemAreaKind;

/// A recorded life event near onset whose primary candidate area is not interpersonal deficits.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DeficitsLifeEvent {
    /// Index of the event in the course's `life_events`.
    pub index: usize,
    /// What happened.
    pub kind: LifeEventKind,
    /// When.
    pub date: NaiveDate,
    /// The area the life-event mapping points at.
    pub area: ProblemAreaKind,
    /// Days before onset; absent when onset is not recorded (then every event counts, since
    /// none can be ruled out as distant).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub days_before_onset: Option<i64>,
}

/// A relationship change near onset, from the inventory.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DeficitsChange {
    /// The person.
    pub person: PersonId,
    /// When it changed.
    pub date: NaiveDate,
    /// Days before onset; absent when onset is not recorded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub days_before_onset: Option<i64>,
}

/// A person whose conflict or confiding was not assessed: an open question for the deficits
/// rule, since an unassessed conflict cannot rule out a role dispute and an unassessed
/// confiding relationship cannot show isolation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DeficitsNotAssessed {
    /// The person.
    pub person: PersonId,
    /// What was not assessed: [`PersonFact::Conflict`] and/or [`PersonFact::Confiding`], in that
    /// order.
    pub facts: Vec<PersonFact>,
}

/// What points at grief, a role dispute or a role transition although interpersonal deficits is
/// (or would be) the focus. Only life events and relationship changes *near onset* count: before
/// onset within the proximal window of [`SuggestOptions`] (365 days by default), or any date when
/// onset is not recorded.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DeficitsEvidence {
    /// Whether symptom onset is recorded (without it, nearness to onset cannot be judged and
    /// every dated event and change counts).
    pub onset_known: bool,
    /// Life events near onset that point at another area, in recorded order.
    pub life_events: Vec<DeficitsLifeEvent>,
    /// People in the inventory recorded as deceased (possible grief).
    pub deceased: Vec<PersonId>,
    /// People in the inventory with an overt or covert conflict (possible role dispute).
    pub open_conflicts: Vec<PersonId>,
    /// Relationship changes near onset (possible role transition or dispute), nearest first.
    pub changes_near_onset: Vec<DeficitsChange>,
    /// Open questions: people (not deceased) whose conflict or confiding was not assessed, in
    /// inventory order. Not evidence for another area, but until they are assessed another area
    /// cannot be ruled out (docs/inventory.md#not-assessed). Absent from JSON when empty.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub not_assessed: Vec<DeficitsNotAssessed>,
}

impl DeficitsEvidence {
    /// Whether nothing points at another area and no open question is left (no fact the rule
    /// needs is unassessed): the deficits warning stays closed.
    pub fn is_empty(&self) -> bool {
        !self.points_elsewhere() && self.not_assessed.is_empty()
    }

    /// Whether something recorded points at another area (life events, deceased people, open
    /// conflicts, changes near onset), open questions left aside. Only this makes a deviation
    /// given with the deficits choice count as the acknowledgement.
    pub fn points_elsewhere(&self) -> bool {
        !(self.life_events.is_empty()
            && self.deceased.is_empty()
            && self.open_conflicts.is_empty()
            && self.changes_near_onset.is_empty())
    }
}

/// A clinician's acknowledgement that interpersonal deficits stays the focus although the
/// evidence points elsewhere (`deficits_acknowledged`), or the deviation given with the choice
/// (stored logs, and a choice made with a `deviation`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DeficitsAcknowledgement {
    /// The day.
    pub date: NaiveDate,
    /// Index of the event in the log.
    pub event_index: usize,
    /// Who acknowledged; absent when the acknowledgement is the deviation given with the
    /// `problem_area_chosen` event, which names nobody.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub by: Option<String>,
    /// Why deficits stays the focus.
    pub reason: String,
}

impl Course {
    /// What points at another problem area than interpersonal deficits: life events near onset
    /// whose primary candidate is grief, a dispute or a transition, deceased people, open
    /// conflicts and relationship changes near onset in the inventory; and, as open questions,
    /// people whose conflict or confiding was not assessed (never read as "no conflict" or "does
    /// not confide"). Computed whether or not deficits is chosen.
    pub fn deficits_evidence(&self) -> DeficitsEvidence {
        let options = SuggestOptions::default();
        let window = options.proximal_days.value;
        let suggestions = self.suggest_problem_areas(&options);
        let mut life_events: Vec<DeficitsLifeEvent> = Vec::new();
        for c in &suggestions.candidates {
            if c.rank != Rank::Primary || c.area == ProblemAreaKind::InterpersonalDeficits {
                continue;
            }
            let days = match c.timing {
                Timing::ProximalBeforeOnset { days } => Some(days),
                Timing::OnsetUnknown => None,
                Timing::DistantBeforeOnset { .. } | Timing::AfterOnset { .. } => continue,
            };
            let Some(index) = c.event_index else { continue };
            let Some(ev) = self.life_events.get(index) else { continue };
            if life_events.iter().any(|l| l.index == index) {
                continue;
            }
            life_events.push(DeficitsLifeEvent {
                index,
                kind: ev.kind,
                date: ev.date,
                area: c.area,
                days_before_onset: days,
            });
        }
        life_events.sort_by_key(|l| l.index);
        let people = self.inventory.people();
        let changes_near_onset = match self.symptom_onset {
            Some(onset) => self
                .inventory
                .changes_before(onset, window)
                .into_iter()
                .map(|c| DeficitsChange {
                    person: c.person.id.clone(),
                    date: c.change.date,
                    days_before_onset: Some(c.days_before_onset),
                })
                .collect(),
            None => people
                .iter()
                .flat_map(|p| {
                    p.changes.iter().map(|c| DeficitsChange {
                        person: p.id.clone(),
                        date: c.date,
                        days_before_onset: None,
                    })
                })
                .collect(),
        };
        DeficitsEvidence {
            onset_known: self.symptom_onset.is_some(),
            life_events,
            deceased: people
                .iter()
                .filter(|p| p.status == RelationshipStatus::Deceased)
                .map(|p| p.id.clone())
                .collect(),
            open_conflicts: people
                .iter()
                .filter(|p| matches!(p.conflict, Some(Conflict::Overt | Conflict::Covert)))
                .map(|p| p.id.clone())
                .collect(),
            changes_near_onset,
            not_assessed: people
                .iter()
                .filter(|p| p.status != RelationshipStatus::Deceased)
                .filter_map(|p| {
                    let facts: Vec<PersonFact> = p
                        .not_assessed()
                        .into_iter()
                        .filter(|f| matches!(f, PersonFact::Conflict | PersonFact::Confiding))
                        .collect();
                    (!facts.is_empty()).then(|| DeficitsNotAssessed { person: p.id.clone(), facts })
                })
                .collect(),
        }
    }

    /// The evidence of an open deficits warning: interpersonal deficits is chosen, something
    /// points at another area, and no clinician has acknowledged it yet (`deficits_acknowledged`,
    /// or a deviation given with the choice). `None` when nothing is open.
    pub fn deficits_open(&self) -> Option<DeficitsEvidence> {
        if self.area(ProblemAreaKind::InterpersonalDeficits).is_none() || self.deficits_acknowledgement.is_some() {
            return None;
        }
        Some(self.deficits_evidence()).filter(|e| !e.is_empty())
    }
}

fn kind_name(kind: LifeEventKind) -> String {
    serde_json::to_value(kind).ok().and_then(|v| v.as_str().map(|s| s.replace('_', " "))).unwrap_or_default()
}

impl DeficitsEvidence {
    /// The evidence as one phrase in `locale`, parts separated by `"; "` (for example
    /// `"life events near onset: death 2026-03-01 → grief; open conflicts: partner"`).
    pub fn describe_in(&self, locale: crate::i18n::Locale) -> String {
        use crate::i18n::{Localize, text_or};
        let mut parts: Vec<String> = Vec::new();
        let mut part = |id: &str, fallback: &str, items: Vec<String>| {
            if !items.is_empty() {
                let items = items.join(", ");
                parts.push(text_or(locale, id, &[("items", items.as_str().into())], &format!("{fallback}: {items}")));
            }
        };
        part(
            "deficits-life-events",
            "life events near onset",
            self.life_events
                .iter()
                .map(|l| format!("{} {} → {}", kind_name(l.kind), l.date, l.area.label_in(locale)))
                .collect(),
        );
        part("deficits-deceased", "deceased", self.deceased.iter().map(ToString::to_string).collect());
        part(
            "deficits-open-conflicts",
            "open conflicts",
            self.open_conflicts.iter().map(ToString::to_string).collect(),
        );
        part(
            "deficits-changes",
            "relationship changes near onset",
            self.changes_near_onset.iter().map(|c| format!("{} {}", c.person, c.date)).collect(),
        );
        part(
            "deficits-not-assessed",
            "not assessed, so other areas cannot be ruled out",
            self.not_assessed
                .iter()
                .map(|n| {
                    let facts: Vec<&str> = n.facts.iter().map(|f| f.as_str()).collect();
                    format!("{} ({})", n.person, facts.join(", "))
                })
                .collect(),
        );
        if !self.not_assessed.is_empty() {
            parts.push(text_or(
                locale,
                "deficits-assess",
                &[],
                "assess them (person_updated) before relying on deficits",
            ));
        }
        if !self.onset_known && (!self.life_events.is_empty() || !self.changes_near_onset.is_empty()) {
            parts.push(text_or(
                locale,
                "deficits-onset-unknown",
                &[],
                "symptom onset is not recorded, so every dated event counts",
            ));
        }
        parts.join("; ")
    }
}
