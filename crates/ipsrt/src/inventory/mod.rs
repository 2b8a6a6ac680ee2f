//! The interpersonal inventory: the people in a person's life and what each relationship is like.
//!
//! Each [`Person`] has a caller-chosen [`PersonId`] (for example `"partner"`), so that course
//! events written by hand or by an app can refer to people stably. People are added, edited and
//! removed through [`Inventory`], which validates every entry; a rejected change leaves the
//! inventory unchanged.
//!
//! ```
//! use chrono::NaiveDate;
//! use ipsrt::inventory::{Circle, Conflict, Inventory, Person, PersonFact, RelationshipChange};
//!
//! let mut inv = Inventory::default();
//! let mut p = Person::new("partner", "Sam", "partner")?;
//! // A new person's circle, conflict and confiding are "not assessed" (None), never a default.
//! assert_eq!(p.not_assessed(), [PersonFact::Circle, PersonFact::Conflict, PersonFact::Confiding]);
//! p.circle = Some(Circle::Inner);
//! p.conflict = Some(Conflict::None); // assessed: no conflict
//! p.changes.push(RelationshipChange {
//!     date: NaiveDate::from_ymd_opt(2026, 3, 1).unwrap(),
//!     description: "moved out after a row about money".into(),
//! });
//! inv.add(p)?;
//! assert!(inv.add(Person::new("partner", "Sam again", "partner")?).is_err()); // duplicate id
//!
//! let onset = NaiveDate::from_ymd_opt(2026, 4, 15).unwrap();
//! assert_eq!(inv.changes_before(onset, 90).len(), 1);
//! # Ok::<(), ipsrt::Error>(())
//! ```

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::course::CourseError;
use crate::persist::Persist;

/// Longest free-text field accepted (characters).
pub const MAX_TEXT_CHARS: usize = crate::limits::MAX_NOTE_CHARS;
/// Most items accepted in one list field (aspects, activities, changes, ...).
pub const MAX_LIST_ITEMS: usize = 100;
/// Most people in one inventory.
pub const MAX_PEOPLE: usize = 500;

/// A caller-chosen, stable identifier of a person in the inventory: 1–64 characters of
/// ASCII letters, digits, `-`, `_` or `.`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct PersonId(String);

impl TryFrom<String> for PersonId {
    type Error = CourseError;

    fn try_from(s: String) -> Result<Self, Self::Error> {
        PersonId::new(s)
    }
}

impl From<PersonId> for String {
    fn from(id: PersonId) -> String {
        id.0
    }
}

impl PersonId {
    /// A validated id.
    pub fn new(id: impl Into<String>) -> Result<Self, CourseError> {
        let id = id.into();
        let ok = !id.is_empty()
            && id.len() <= 64
            && id.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'));
        if ok { Ok(PersonId(id)) } else { Err(CourseError::InvalidPersonId { id }) }
    }

    /// The id as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    fn check(&self) -> Result<(), CourseError> {
        PersonId::new(self.0.clone()).map(|_| ())
    }
}

impl std::str::FromStr for PersonId {
    type Err = CourseError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        PersonId::new(s)
    }
}

impl std::fmt::Display for PersonId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// How close a person is (Stuart & Robertson's interpersonal circle). A person whose circle
/// was not assessed has no circle ([`Person::circle`] is `None`), never a default one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Circle {
    /// The most intimate relationships: hard to imagine life without them.
    Inner,
    /// Important but less close.
    Middle,
    /// Less close, still part of the personal network.
    Outer,
}

/// Whether the relationship is current.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RelationshipStatus {
    /// An ongoing relationship.
    #[default]
    Current,
    /// A past relationship (ended, lost touch).
    Past,
    /// The person has died.
    Deceased,
}

/// How often the patient and the person are in contact.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
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
    /// Not yet asked.
    #[default]
    Unknown,
}

/// Whether an expectation is met.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Met {
    /// Met.
    Yes,
    /// Partly met.
    Partly,
    /// Not met.
    No,
    /// Not yet known.
    #[default]
    Unknown,
}

/// Who holds an expectation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Holder {
    /// The patient expects this of the other person.
    Patient,
    /// The other person expects this of the patient.
    Other,
}

/// An expectation in a relationship and whether it is met.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Expectation {
    /// Who holds it.
    pub held_by: Holder,
    /// What is expected.
    pub text: String,
    /// Whether it is met.
    #[serde(default)]
    pub met: Met,
}

/// The balance of give and take.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Reciprocity {
    /// Balanced.
    Balanced,
    /// The patient gives more.
    PatientGivesMore,
    /// The other person gives more.
    OtherGivesMore,
}

/// Conflict in the relationship, once assessed. `None` is an assessed "no conflict"; a
/// relationship whose conflict was not assessed has no value ([`Person::conflict`] is `None`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Conflict {
    /// No conflict (assessed).
    None,
    /// Open fights.
    Overt,
    /// Unspoken reproaches.
    Covert,
}

/// An assessment fact of a [`Person`] that may be "not assessed" (see [`Person::not_assessed`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PersonFact {
    /// The interpersonal circle ([`Person::circle`]).
    Circle,
    /// Conflict in the relationship ([`Person::conflict`]).
    Conflict,
    /// Whether the patient confides in the person ([`Person::confiding`]).
    Confiding,
}

impl PersonFact {
    /// The field name (`"circle"`, `"conflict"`, `"confiding"`), the same as the serde form.
    pub fn as_str(self) -> &'static str {
        match self {
            PersonFact::Circle => "circle",
            PersonFact::Conflict => "conflict",
            PersonFact::Confiding => "confiding",
        }
    }
}

/// A dated change in a relationship (so "changes before onset" is a query).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RelationshipChange {
    /// When it changed.
    pub date: NaiveDate,
    /// What changed.
    pub description: String,
}

/// One person in the inventory (docs/inventory.md#fields-per-person: the union of the WMK and SR fields).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Person {
    /// Stable id, chosen by the caller.
    pub id: PersonId,
    /// Name or initials.
    pub name: String,
    /// Relationship role ("partner", "mother", "manager").
    pub role: String,
    /// Interpersonal circle; `None` (absent in JSON) = not assessed.
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "circle_or_not_assessed")]
    pub circle: Option<Circle>,
    /// Current, past or deceased.
    #[serde(default)]
    pub status: RelationshipStatus,
    /// Frequency of contact.
    #[serde(default)]
    pub contact: ContactFrequency,
    /// Activities shared.
    #[serde(default)]
    pub shared_activities: Vec<String>,
    /// Satisfying aspects, with examples.
    #[serde(default)]
    pub satisfying: Vec<String>,
    /// Unsatisfying aspects, with examples.
    #[serde(default)]
    pub unsatisfying: Vec<String>,
    /// Expectations of each party and whether they are met.
    #[serde(default)]
    pub expectations: Vec<Expectation>,
    /// Reciprocity, once assessed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reciprocity: Option<Reciprocity>,
    /// Conflict; `None` (absent in JSON) = not assessed, `Some(Conflict::None)` = assessed, no
    /// conflict.
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "conflict_or_not_assessed")]
    pub conflict: Option<Conflict>,
    /// Potential as a source of social support, 0 (none) to 3 (high), once assessed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub support_potential: Option<u8>,
    /// Whether the patient confides in this person; `None` (absent in JSON) = not assessed.
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "confiding_or_not_assessed")]
    pub confiding: Option<bool>,
    /// Dated changes in the relationship.
    #[serde(default)]
    pub changes: Vec<RelationshipChange>,
    /// Changes the patient would like, in their own behaviour or in the other.
    #[serde(default)]
    pub desired_changes: Vec<String>,
}

/// Reads an assessment fact that may be not assessed: absent or `null` is `None`; any other
/// value must be one of `expected`, and the error says so and how to write "not assessed"
/// (writing `"unknown"` or `"not_assessed"` is a natural mistake, since `contact` has `unknown`).
fn fact_or_not_assessed<'de, D, T>(d: D, field: &str, expected: &str) -> Result<Option<T>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: serde::de::DeserializeOwned,
{
    use serde::de::Error as _;
    let value: Option<serde_json::Value> = Option::deserialize(d)?;
    match value {
        None | Some(serde_json::Value::Null) => Ok(None),
        Some(v) => serde_json::from_value(v.clone()).map(Some).map_err(|_| {
            let shown = match &v {
                serde_json::Value::String(s) => crate::limits::Excerpt::new(s).to_string(),
                other => crate::limits::Excerpt::new(&other.to_string()).to_string(),
            };
            D::Error::custom(format!(
                "{field} {shown} is not one of {expected}; leave {field} out (or null) when it was not assessed"
            ))
        }),
    }
}

fn circle_or_not_assessed<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<Circle>, D::Error> {
    fact_or_not_assessed(d, "circle", "inner, middle, outer")
}

fn conflict_or_not_assessed<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<Conflict>, D::Error> {
    fact_or_not_assessed(d, "conflict", "none (assessed: no conflict), overt, covert")
}

fn confiding_or_not_assessed<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<bool>, D::Error> {
    fact_or_not_assessed(d, "confiding", "true, false")
}

fn check_text(field: &'static str, text: &str, required: bool) -> Result<(), CourseError> {
    if required && text.trim().is_empty() {
        return Err(CourseError::InvalidText { field, detail: "is empty; write a short description".into() });
    }
    let n = text.chars().count();
    if n > MAX_TEXT_CHARS {
        return Err(CourseError::InvalidText {
            field,
            detail: format!("has {n} characters, more than {MAX_TEXT_CHARS}; shorten it"),
        });
    }
    Ok(())
}

pub(crate) fn check_optional_text(field: &'static str, text: Option<&str>) -> Result<(), CourseError> {
    text.map_or(Ok(()), |t| check_text(field, t, false))
}

pub(crate) fn check_required_text(field: &'static str, text: &str) -> Result<(), CourseError> {
    check_text(field, text, true)
}

fn check_list<'a>(field: &'static str, items: impl ExactSizeIterator<Item = &'a str>) -> Result<(), CourseError> {
    if items.len() > MAX_LIST_ITEMS {
        return Err(CourseError::InvalidText {
            field,
            detail: format!("has {} items, more than {MAX_LIST_ITEMS}; keep the essentials", items.len()),
        });
    }
    for item in items {
        check_text(field, item, true)?;
    }
    Ok(())
}

impl Person {
    /// A person with an id, a name and a role, current, and nothing else recorded: circle,
    /// conflict, confiding, reciprocity and support potential not assessed, contact `unknown`,
    /// empty lists.
    pub fn new(id: &str, name: &str, role: &str) -> Result<Self, CourseError> {
        let p = Person {
            id: PersonId::new(id)?,
            name: name.to_owned(),
            role: role.to_owned(),
            circle: None,
            status: RelationshipStatus::default(),
            contact: ContactFrequency::default(),
            shared_activities: Vec::new(),
            satisfying: Vec::new(),
            unsatisfying: Vec::new(),
            expectations: Vec::new(),
            reciprocity: None,
            conflict: None,
            support_potential: None,
            confiding: None,
            changes: Vec::new(),
            desired_changes: Vec::new(),
        };
        p.validate()?;
        Ok(p)
    }

    /// Checks every field: id, non-empty name and role, text lengths, support potential 0–3,
    /// and that a deceased person has contact `none` or `unknown`.
    pub fn validate(&self) -> Result<(), CourseError> {
        self.id.check()?;
        check_required_text("person.name", &self.name)?;
        check_required_text("person.role", &self.role)?;
        check_list("person.shared_activities", self.shared_activities.iter().map(String::as_str))?;
        check_list("person.satisfying", self.satisfying.iter().map(String::as_str))?;
        check_list("person.unsatisfying", self.unsatisfying.iter().map(String::as_str))?;
        check_list("person.expectations", self.expectations.iter().map(|e| e.text.as_str()))?;
        check_list("person.changes", self.changes.iter().map(|c| c.description.as_str()))?;
        check_list("person.desired_changes", self.desired_changes.iter().map(String::as_str))?;
        if let Some(s) = self.support_potential
            && s > 3
        {
            return Err(CourseError::InvalidPerson {
                id: self.id.clone(),
                detail: format!("support_potential {s} is out of range: use 0 (none) to 3 (high)"),
            });
        }
        if self.status == RelationshipStatus::Deceased
            && !matches!(self.contact, ContactFrequency::None | ContactFrequency::Unknown)
        {
            return Err(CourseError::InvalidPerson {
                id: self.id.clone(),
                detail: "is recorded as deceased but has ongoing contact: set contact to \"none\"".into(),
            });
        }
        Ok(())
    }

    /// The assessment facts of this person that were not assessed (circle, conflict,
    /// confiding), in that order. Empty when all three are recorded.
    pub fn not_assessed(&self) -> Vec<PersonFact> {
        let mut out = Vec::new();
        if self.circle.is_none() {
            out.push(PersonFact::Circle);
        }
        if self.conflict.is_none() {
            out.push(PersonFact::Conflict);
        }
        if self.confiding.is_none() {
            out.push(PersonFact::Confiding);
        }
        out
    }

    /// The relationship changes dated in `[from, to]`.
    pub fn changes_between(&self, from: NaiveDate, to: NaiveDate) -> impl Iterator<Item = &RelationshipChange> {
        self.changes.iter().filter(move |c| c.date >= from && c.date <= to)
    }
}

/// A change found by [`Inventory::changes_before`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ChangeNearOnset<'a> {
    /// The person.
    pub person: &'a Person,
    /// The change.
    pub change: &'a RelationshipChange,
    /// Days from the change to onset (0 = same day).
    pub days_before_onset: i64,
}

/// The interpersonal inventory: people in insertion order, ids unique.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Inventory {
    people: Vec<Person>,
}

impl Inventory {
    /// The people, in the order they were added.
    pub fn people(&self) -> &[Person] {
        &self.people
    }

    /// The number of people.
    pub fn len(&self) -> usize {
        self.people.len()
    }

    /// Whether the inventory is empty.
    pub fn is_empty(&self) -> bool {
        self.people.is_empty()
    }

    /// The person with `id`.
    pub fn get(&self, id: &PersonId) -> Option<&Person> {
        self.people.iter().find(|p| &p.id == id)
    }

    /// Whether a person with `id` exists.
    pub fn contains(&self, id: &PersonId) -> bool {
        self.get(id).is_some()
    }

    /// Checks that `person` could be added (valid, id unused, room left).
    pub fn check_add(&self, person: &Person) -> Result<(), CourseError> {
        person.validate()?;
        if self.contains(&person.id) {
            return Err(CourseError::DuplicatePerson { id: person.id.clone() });
        }
        if self.people.len() >= MAX_PEOPLE {
            return Err(CourseError::InventoryFull { max: MAX_PEOPLE });
        }
        Ok(())
    }

    /// Adds a person.
    pub fn add(&mut self, person: Person) -> Result<(), CourseError> {
        self.check_add(&person)?;
        self.people.push(person);
        Ok(())
    }

    /// Checks that `person` could replace the entry with the same id.
    pub fn check_update(&self, person: &Person) -> Result<(), CourseError> {
        person.validate()?;
        if !self.contains(&person.id) {
            return Err(CourseError::PersonNotFound { id: person.id.clone() });
        }
        Ok(())
    }

    /// Replaces the entry with the same id (an edit).
    pub fn update(&mut self, person: Person) -> Result<(), CourseError> {
        self.check_update(&person)?;
        if let Some(slot) = self.people.iter_mut().find(|p| p.id == person.id) {
            *slot = person;
        }
        Ok(())
    }

    /// Checks that `id` could be removed.
    pub fn check_remove(&self, id: &PersonId) -> Result<(), CourseError> {
        if self.contains(id) { Ok(()) } else { Err(CourseError::PersonNotFound { id: id.clone() }) }
    }

    /// Removes a person, returning the entry.
    pub fn remove(&mut self, id: &PersonId) -> Result<Person, CourseError> {
        self.check_remove(id)?;
        let pos = self
            .people
            .iter()
            .position(|p| &p.id == id)
            .ok_or_else(|| CourseError::PersonNotFound { id: id.clone() })?;
        Ok(self.people.remove(pos))
    }

    /// Relationship changes dated within `window_days` before `onset` (inclusive of onset day),
    /// nearest first: "what changed in the network before the complaints began" (S1, S2).
    pub fn changes_before(&self, onset: NaiveDate, window_days: u32) -> Vec<ChangeNearOnset<'_>> {
        let mut out: Vec<ChangeNearOnset<'_>> = self
            .people
            .iter()
            .flat_map(|p| p.changes.iter().map(move |c| (p, c)))
            .filter_map(|(person, change)| {
                let d = (onset - change.date).num_days();
                (0..=i64::from(window_days)).contains(&d).then_some(ChangeNearOnset {
                    person,
                    change,
                    days_before_onset: d,
                })
            })
            .collect();
        out.sort_by_key(|c| c.days_before_onset);
        out
    }

    fn validate_all(&self) -> Result<(), CourseError> {
        let mut check = Inventory::default();
        for p in &self.people {
            check.check_add(p)?;
            check.people.push(p.clone());
        }
        Ok(())
    }
}

/// The step that makes "not assessed" explicit in JSON written before it existed (version 1 of
/// `ipsrt.inventory`, 5 of `ipsrt.course`, 2 of `ipsrt.ipsrt_course`, 1 of `ipsrt.care_log`).
///
/// Those versions always wrote `circle`, `conflict` and `confiding`, filling in `"middle"`,
/// `"none"` and `false` when nothing was assessed, so these values cannot be told apart from an
/// assessment. They are read as *not assessed* (the field is dropped): a default "no conflict"
/// must not hide a possible role dispute from the deficits rule, and a default "does not
/// confide" must not pass for an assessed isolation (docs/decisions.md#inventory-not-assessed).
/// Every other value (`inner`, `outer`, `overt`, `covert`, `true`) is kept. The step walks the
/// whole document and changes every object that has the shape of a person (string `id`, `name`
/// and `role`), so it reaches people in an inventory, in a course snapshot and in
/// `person_added`/`person_updated` events alike.
pub(crate) fn migrate_unassessed_defaults(value: &mut serde_json::Value) {
    use serde_json::Value;
    match value {
        Value::Object(obj) => {
            let is_person = ["id", "name", "role"].iter().all(|k| obj.get(*k).is_some_and(Value::is_string));
            if is_person {
                for (field, default) in [
                    ("circle", Value::from("middle")),
                    ("conflict", Value::from("none")),
                    ("confiding", Value::from(false)),
                ] {
                    if obj.get(field) == Some(&default) {
                        obj.remove(field);
                    }
                }
            }
            for v in obj.values_mut() {
                migrate_unassessed_defaults(v);
            }
        }
        Value::Array(items) => items.iter_mut().for_each(migrate_unassessed_defaults),
        _ => {}
    }
}

impl Persist for Inventory {
    const SCHEMA: &'static str = "ipsrt.inventory";
    const VERSION: u32 = 2;

    /// Version 2 records "not assessed": `circle`, `conflict` and `confiding` are absent when
    /// not assessed. Version 1 wrote `"middle"`, `"none"` and `false` for them by default; the
    /// migration reads those values as not assessed (see docs/decisions.md#inventory-not-assessed).
    fn migrate(from: u32, mut data: serde_json::Value) -> Result<serde_json::Value, String> {
        match from {
            1 => {
                migrate_unassessed_defaults(&mut data);
                Ok(data)
            }
            _ => Err(format!("no migration from version {from} is known")),
        }
    }

    fn validate_loaded(&self) -> Result<(), String> {
        self.validate_all().map_err(|e| e.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn add_edit_remove_with_validation() {
        let mut inv = Inventory::default();
        inv.add(Person::new("mum", "Ann", "mother").unwrap()).unwrap();
        assert!(matches!(PersonId::new(""), Err(CourseError::InvalidPersonId { .. })));
        assert!(PersonId::new("a b").is_err());
        let mut p = inv.get(&PersonId::new("mum").unwrap()).unwrap().clone();
        p.support_potential = Some(4);
        let before = inv.clone();
        assert!(inv.update(p.clone()).is_err());
        assert_eq!(inv, before);
        p.support_potential = Some(3);
        p.status = RelationshipStatus::Deceased;
        p.contact = ContactFrequency::Weekly;
        assert!(inv.update(p.clone()).unwrap_err().to_string().contains("deceased"));
        p.contact = ContactFrequency::None;
        inv.update(p).unwrap();
        assert!(inv.remove(&PersonId::new("dad").unwrap()).is_err());
        inv.remove(&PersonId::new("mum").unwrap()).unwrap();
        assert!(inv.is_empty());
    }

    #[test]
    fn changes_before_onset_query() {
        let mut inv = Inventory::default();
        let mut p = Person::new("boss", "K", "manager").unwrap();
        p.changes = vec![
            RelationshipChange { date: d(2026, 1, 1), description: "new manager".into() },
            RelationshipChange { date: d(2026, 3, 20), description: "public criticism".into() },
            RelationshipChange { date: d(2026, 5, 1), description: "after onset".into() },
        ];
        inv.add(p).unwrap();
        let near = inv.changes_before(d(2026, 4, 1), 30);
        assert_eq!(near.len(), 1);
        assert_eq!(near[0].days_before_onset, 12);
        assert_eq!(inv.changes_before(d(2026, 4, 1), 365).len(), 2);
    }

    #[test]
    fn not_assessed_is_absent_and_never_a_default() {
        let mut p = Person::new("x", "X", "friend").unwrap();
        assert_eq!(p.not_assessed(), [PersonFact::Circle, PersonFact::Conflict, PersonFact::Confiding]);
        let json = serde_json::to_value(&p).unwrap();
        assert!(json.get("circle").is_none() && json.get("conflict").is_none() && json.get("confiding").is_none());
        p.conflict = Some(Conflict::None);
        p.confiding = Some(false);
        let json = serde_json::to_value(&p).unwrap();
        assert_eq!((json["conflict"].as_str(), json["confiding"].as_bool()), (Some("none"), Some(false)));
        assert_eq!(p.not_assessed(), [PersonFact::Circle]);
        let back: Person = serde_json::from_value(json).unwrap();
        assert_eq!(back, p);
        // JSON null reads as not assessed too.
        let null: Person =
            serde_json::from_str(r#"{"id":"x","name":"X","role":"friend","conflict":null,"circle":null}"#).unwrap();
        assert_eq!((null.circle, null.conflict), (None, None));
        assert_eq!(PersonFact::Confiding.as_str(), "confiding");
        // A made-up "not assessed" value is refused, saying how to write it.
        for (json, needle) in [
            (
                r#""conflict":"not_assessed""#,
                "conflict \"not_assessed\" is not one of none (assessed: no conflict), overt, covert; leave conflict out",
            ),
            (
                r#""circle":"unknown""#,
                "circle \"unknown\" is not one of inner, middle, outer; leave circle out (or null)",
            ),
            (r#""confiding":"yes""#, "confiding \"yes\" is not one of true, false"),
            (r#""confiding":2"#, "confiding \"2\" is not one of true, false"),
        ] {
            let text = format!(r#"{{"id":"x","name":"X","role":"friend",{json}}}"#);
            let e = serde_json::from_str::<Person>(&text).unwrap_err().to_string();
            assert!(e.contains(needle), "{e}");
        }
    }

    #[test]
    fn migration_reads_old_defaults_as_not_assessed_wherever_a_person_is() {
        let mut doc = serde_json::json!({
            "people": [
                {"id": "a", "name": "A", "role": "r", "circle": "middle", "conflict": "none", "confiding": false},
                {"id": "b", "name": "B", "role": "r", "circle": "inner", "conflict": "covert", "confiding": true},
            ],
            "events": [{"event": {"type": "person_added", "person": {"id": "c", "name": "C", "role": "r", "conflict": "none"}}}],
            "other": {"id": "g", "name": "not a person", "conflict": "none"},
        });
        migrate_unassessed_defaults(&mut doc);
        let a = &doc["people"][0];
        assert!(a.get("circle").is_none() && a.get("conflict").is_none() && a.get("confiding").is_none());
        let b = &doc["people"][1];
        assert_eq!(
            (b["circle"].as_str(), b["conflict"].as_str(), b["confiding"].as_bool()),
            (Some("inner"), Some("covert"), Some(true))
        );
        assert!(doc["events"][0]["event"]["person"].get("conflict").is_none());
        // Something without a role is not a person and is left alone.
        assert_eq!(doc["other"]["conflict"].as_str(), Some("none"));
    }

    #[test]
    fn text_limits() {
        let mut p = Person::new("x", "X", "friend").unwrap();
        p.satisfying = vec!["a".repeat(MAX_TEXT_CHARS + 1)];
        assert!(p.validate().is_err());
        p.satisfying = vec![String::new()];
        assert!(p.validate().is_err());
        assert!(Person::new("y", " ", "friend").is_err());
    }
}
