//! The persisted form of a course: its event log and a snapshot.

use serde::{Deserialize, Serialize};

use super::{Course, CourseError, EventRecord};
use crate::persist::Persist;

/// A course's event log with the course it replays to (schema `ipsrt.course`, version 6).
///
/// Loading with [`crate::persist::from_json`] replays the log and refuses a snapshot that
/// disagrees with it, so a hand-edited snapshot can never smuggle in an illegal state.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CourseLog {
    /// The events, oldest first.
    pub events: Vec<EventRecord>,
    /// The course the events replay to.
    pub snapshot: Course,
}

impl CourseLog {
    /// Replays `events` and pairs them with the result.
    pub fn from_events(events: Vec<EventRecord>) -> Result<CourseLog, CourseError> {
        let snapshot = Course::replay(&events)?;
        Ok(CourseLog { events, snapshot })
    }

    /// Applies one event to the snapshot and, if accepted, appends it to the log. On error
    /// nothing changes.
    pub fn apply(&mut self, record: EventRecord) -> Result<(), CourseError> {
        self.snapshot.apply(&record)?;
        self.events.push(record);
        Ok(())
    }
}

impl Persist for CourseLog {
    const SCHEMA: &'static str = "ipsrt.course";
    const VERSION: u32 = 6;

    /// Version 2 added the `measure_recorded`, `safety_acknowledged` and `diagnosis_revised`
    /// events and the snapshot's `measures` and `diagnosis_revisions`; a version-1 log has
    /// none, so its JSON is read unchanged.
    ///
    /// Version 3 added the non-response rule: the protocol's `rules_edition` and
    /// `stop_reduction`, the `non_response_stop_declined` event and the evaluations'
    /// `stop_candidate` and `stop_declined`. A version-2 protocol has no `rules_edition`, which
    /// reads as edition 1, so an older log replays under the rules it was written with and its
    /// JSON is read unchanged.
    ///
    /// Version 4 added the course attributes: termination tasks (`termination_task_recorded`,
    /// `termination_task_skipped`), combined treatment (`medication_started`,
    /// `medication_stopped`), the population (`population_set`), the delivery `mode` of a
    /// session, and the snapshot's `termination_tasks`, `medications` and `population`. A
    /// version-3 log has none of them (absent means not recorded), so its JSON is read unchanged.
    ///
    /// Version 5 added rules edition 3 (docs/course.md#deficits-as-a-last-resort): the
    /// `deficits_acknowledged` event and the snapshot's `deficits_acknowledgement`. An older log has
    /// no such event, but a deficits choice made with a deviation because a life event pointed
    /// elsewhere counts as the acknowledgement (docs/decisions.md#deficits-last-resort), so the
    /// snapshot gains that field: the migration replays the log and, when the replayed course
    /// equals the stored snapshot apart from the new field, stores the replayed snapshot. A
    /// snapshot that disagrees otherwise is left as it was and refused on load as before.
    ///
    /// Version 6 records "not assessed" in the inventory (docs/inventory.md#not-assessed): a
    /// person's `circle`, `conflict` and `confiding` are absent when not assessed. Older versions
    /// wrote `"middle"`, `"none"` and `false` by default, which cannot be told from an
    /// assessment, so the migration drops those values wherever a person appears (events and
    /// snapshot alike) and they read as not assessed (docs/decisions.md#inventory-not-assessed).
    /// The replay is unchanged by this: open questions never change what an event does.
    fn migrate(from: u32, mut data: serde_json::Value) -> Result<serde_json::Value, String> {
        match from {
            1..=4 => Ok(add_deficits_acknowledgement(data)),
            5 => {
                crate::inventory::migrate_unassessed_defaults(&mut data);
                Ok(data)
            }
            _ => Err(format!("no migration from version {from} is known")),
        }
    }

    fn validate_loaded(&self) -> Result<(), String> {
        self.check_loaded().map_err(|e| e.to_string())
    }

    /// The replay's error is kept whole (its message names operations in the caller's language).
    fn check_loaded(&self) -> Result<(), crate::persist::LoadRefusal> {
        let replayed = Course::replay(&self.events).map_err(crate::persist::LoadRefusal::error)?;
        if replayed != self.snapshot {
            return Err("the snapshot disagrees with the event log: drop the snapshot and rebuild it with CourseLog::from_events".to_owned().into());
        }
        Ok(())
    }
}

/// The version-4 → 5 step: fills the snapshot's `deficits_acknowledgement` from a replay of the
/// log when that is the only difference. Anything unreadable is passed on unchanged, so the
/// ordinary load reports it.
fn add_deficits_acknowledgement(mut data: serde_json::Value) -> serde_json::Value {
    let replayed = (|| {
        let events: Vec<EventRecord> = serde_json::from_value(data.get("events")?.clone()).ok()?;
        let stored: Course = serde_json::from_value(data.get("snapshot")?.clone()).ok()?;
        let replayed = Course::replay(&events).ok()?;
        replayed.deficits_acknowledgement.as_ref()?;
        let mut without = replayed.clone();
        without.deficits_acknowledgement = None;
        (without == stored).then_some(replayed)
    })();
    if let Some(course) = replayed
        && let Ok(snapshot) = serde_json::to_value(&course)
        && let Some(obj) = data.as_object_mut()
    {
        obj.insert("snapshot".into(), snapshot);
    }
    data
}
