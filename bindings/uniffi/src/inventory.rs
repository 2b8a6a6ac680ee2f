//! The interpersonal inventory (the core's `ipsrt::inventory`), typed for app screens.
//!
//! [`Person`] mirrors the core's `Person` field for field (same serde form), so an app can show
//! and edit an inventory entry without touching JSON. Start from [`new_person`] (the core's
//! defaults, validated) and change fields with Kotlin's `copy(...)` / a Swift `var`; the course
//! records it with `Course.addPerson` / `updatePerson` / `removePerson` (the core's
//! `person_added` / `person_updated` / `person_removed` events, which validate every field).

use serde::{Deserialize, Serialize};

use crate::bridge::from_core;
use crate::error::{IpsrtError, guard};
use crate::time::LocalDate;

/// How close a person is (Stuart & Robertson's interpersonal circle). Not assessed is
/// `null` in [`Person::circle`], never a default circle.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, uniffi::Enum)]
#[serde(rename_all = "snake_case")]
pub enum Circle {
    /// The most intimate relationships.
    Inner,
    /// Important but less close.
    Middle,
    /// Less close, still part of the personal network.
    Outer,
}

/// Whether the relationship is current.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, uniffi::Enum)]
#[serde(rename_all = "snake_case")]
pub enum RelationshipStatus {
    /// An ongoing relationship (the default).
    Current,
    /// A past relationship.
    Past,
    /// The person has died (contact must then be `None` or `Unknown`).
    Deceased,
}

/// How often the patient and the person are in contact.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, uniffi::Enum)]
#[serde(rename_all = "snake_case")]
pub enum ContactFrequency {
    /// Daily or almost daily.
    Daily,
    /// About weekly.
    Weekly,
    /// About monthly.
    Monthly,
    /// A few times a year or less.
    Rarely,
    /// No contact (required for a deceased person).
    None,
    /// Not yet asked (the default).
    Unknown,
}

/// Whether an expectation is met.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, uniffi::Enum)]
#[serde(rename_all = "snake_case")]
pub enum Met {
    /// Met.
    Yes,
    /// Partly met.
    Partly,
    /// Not met.
    No,
    /// Not yet known (the default).
    Unknown,
}

/// Who holds an expectation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, uniffi::Enum)]
#[serde(rename_all = "snake_case")]
pub enum Holder {
    /// The patient expects this of the other person.
    Patient,
    /// The other person expects this of the patient.
    Other,
}

/// The balance of give and take.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, uniffi::Enum)]
#[serde(rename_all = "snake_case")]
pub enum Reciprocity {
    /// Balanced.
    Balanced,
    /// The patient gives more.
    PatientGivesMore,
    /// The other person gives more.
    OtherGivesMore,
}

/// Conflict in the relationship, once assessed: `None` is an assessed "no conflict"; not
/// assessed is `null` in [`Person::conflict`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, uniffi::Enum)]
#[serde(rename_all = "snake_case")]
pub enum RelationshipConflict {
    /// No conflict (assessed).
    None,
    /// Open fights.
    Overt,
    /// Unspoken reproaches.
    Covert,
}

/// An expectation in a relationship and whether it is met.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, uniffi::Record)]
pub struct Expectation {
    /// Who holds it.
    pub held_by: Holder,
    /// What is expected.
    pub text: String,
    /// Whether it is met.
    pub met: Met,
}

/// A dated change in a relationship.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, uniffi::Record)]
pub struct RelationshipChange {
    /// When it changed.
    pub date: LocalDate,
    /// What changed.
    pub description: String,
}

/// One person in the interpersonal inventory (the core's `ipsrt::inventory::Person`, see
/// docs/inventory.md#fields-per-person). The core checks every field when the course records it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, uniffi::Record)]
pub struct Person {
    /// Stable id, chosen by the app (used by problem areas and life events).
    pub id: String,
    /// Name or initials.
    pub name: String,
    /// Relationship role ("partner", "mother", "manager").
    pub role: String,
    /// Interpersonal circle; null = not assessed (docs/inventory.md#not-assessed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[uniffi(default = None)]
    pub circle: Option<Circle>,
    /// Current, past or deceased.
    pub status: RelationshipStatus,
    /// Frequency of contact.
    pub contact: ContactFrequency,
    /// Activities shared.
    pub shared_activities: Vec<String>,
    /// Satisfying aspects, with examples.
    pub satisfying: Vec<String>,
    /// Unsatisfying aspects, with examples.
    pub unsatisfying: Vec<String>,
    /// Expectations of each party and whether they are met.
    pub expectations: Vec<Expectation>,
    /// Reciprocity, once assessed.
    pub reciprocity: Option<Reciprocity>,
    /// Conflict; null = not assessed, `RelationshipConflict.None` = assessed, no conflict.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[uniffi(default = None)]
    pub conflict: Option<RelationshipConflict>,
    /// Potential as a source of social support, 0 (none) to 3 (high), once assessed.
    pub support_potential: Option<i32>,
    /// Whether the patient confides in this person; null = not assessed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[uniffi(default = None)]
    pub confiding: Option<bool>,
    /// Dated changes in the relationship.
    pub changes: Vec<RelationshipChange>,
    /// Changes the patient would like, in their own behaviour or in the other.
    pub desired_changes: Vec<String>,
}

/// An assessment fact of a [`Person`] that may be not assessed (the core's `PersonFact`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, uniffi::Enum)]
#[serde(rename_all = "snake_case")]
pub enum PersonFact {
    /// The interpersonal circle.
    Circle,
    /// Conflict in the relationship.
    Conflict,
    /// Whether the patient confides in the person.
    Confiding,
}

/// The facts of `person` that were not assessed (circle, conflict, confiding, in that order;
/// the core's `Person::not_assessed`).
#[uniffi::export]
pub fn person_not_assessed(person: Person) -> Result<Vec<PersonFact>, IpsrtError> {
    guard(|| {
        let core: ipsrt::inventory::Person = crate::bridge::to_core(&person)?;
        core.not_assessed().iter().map(from_core).collect()
    })
}

/// A person with an id, a name and a role, current, with nothing else recorded: circle,
/// conflict, confiding, reciprocity and support potential null (not assessed), contact
/// `Unknown`, empty lists (checked by the core: the id, name and role must be non-empty and
/// short).
#[uniffi::export]
pub fn new_person(id: String, name: String, role: String) -> Result<Person, IpsrtError> {
    guard(|| from_core(&ipsrt::inventory::Person::new(&id, &name, &role)?))
}
