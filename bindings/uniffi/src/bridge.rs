//! Conversions between the core's types and their uniffi mirrors, through the core's serde form.
//!
//! A mirror type (a uniffi Record or Enum declared in this crate) has the same serde form as
//! the core type it mirrors (same snake_case names, same `type` tags). Converting through
//! `serde_json::Value` keeps the binding thin (no rule is re-implemented, the core's own
//! validation in `Deserialize` runs) and makes a drift between mirror and core an error, never
//! a silent misread.

use ipsrt::persist::Persist;
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::error::IpsrtError;

/// App → core: a mirror value becomes the core value. A rejection is the app's input error,
/// naming the field (its serde path, `recurrence.every`) and, for a number out of the core's
/// range (an `Int`/`Long` from Kotlin into an unsigned core field), the range.
pub(crate) fn to_core<M: Serialize, C: DeserializeOwned>(mirror: &M) -> Result<C, IpsrtError> {
    let v = serde_json::to_value(mirror).map_err(|e| IpsrtError::internal(format!("cannot serialise a value: {e}")))?;
    serde_path_to_error::deserialize(v).map_err(|e| {
        let path = e.path().to_string();
        let inner = readable_range(&e.inner().to_string());
        if path == "." {
            IpsrtError::InvalidInput(format!("{inner}: check the value against the docs"))
        } else {
            IpsrtError::InvalidInput(format!("{path}: {inner}: check the value against the docs"))
        }
    })
}

/// serde's "expected u8" as the range an app developer reads ("a whole number from 0 to 255").
fn readable_range(message: &str) -> String {
    [
        ("expected u8", u8::MAX.to_string()),
        ("expected u16", u16::MAX.to_string()),
        ("expected u32", u32::MAX.to_string()),
        ("expected u64", i64::MAX.to_string()),
    ]
    .iter()
    .fold(message.to_owned(), |m, (from, max)| m.replace(from, &format!("expected a whole number from 0 to {max}")))
}

/// Core → app: a core value becomes its mirror. A failure means the binding is older than the core.
pub(crate) fn from_core<C: Serialize, M: DeserializeOwned>(core: &C) -> Result<M, IpsrtError> {
    let v = serde_json::to_value(core).map_err(|e| IpsrtError::internal(format!("cannot serialise a value: {e}")))?;
    serde_json::from_value(v)
        .map_err(|e| IpsrtError::internal(format!("the binding does not know a value of the core ({e}); rebuild it")))
}

/// Parses a JSON value in the core's serde form (an event, a rules object, ...).
pub(crate) fn from_json_value<C: DeserializeOwned>(what: &str, json: &str) -> Result<C, IpsrtError> {
    if json.len() > ipsrt::persist::MAX_JSON_BYTES {
        return Err(IpsrtError::Parse(format!("the {what} JSON is larger than the 64 MiB limit")));
    }
    serde_json::from_str(json).map_err(|e| {
        if e.is_data() {
            IpsrtError::InvalidInput(format!("invalid {what} JSON: {e}: use the core's serde form (see the docs)"))
        } else {
            IpsrtError::Parse(format!("could not parse the {what} JSON: {e}"))
        }
    })
}

/// Serialises a core value in its serde form (compact).
pub(crate) fn to_json_value<C: Serialize>(value: &C) -> Result<String, IpsrtError> {
    serde_json::to_string(value).map_err(|e| IpsrtError::internal(format!("cannot serialise a value: {e}")))
}

/// A count or number that Kotlin/Swift pass as a signed `Int`/`Long` (their natural integer
/// types) and the core holds unsigned: a negative or too-large value is the app's
/// `InvalidInput` error naming the argument and its range, never a wrap.
pub(crate) fn unsigned<T: TryFrom<i64> + num_max::Max>(value: i64, what: &str) -> Result<T, IpsrtError> {
    T::try_from(value).map_err(|_| {
        IpsrtError::InvalidInput(format!(
            "{what} {value} is out of range: give a whole number from 0 to {}",
            T::MAX_I64
        ))
    })
}

/// The largest value of an unsigned type, as `i64` (for [`unsigned`]'s message).
pub(crate) mod num_max {
    /// The type's maximum, saturated to `i64`.
    pub trait Max {
        /// The maximum.
        const MAX_I64: i64;
    }
    impl Max for u8 {
        const MAX_I64: i64 = u8::MAX as i64;
    }
    impl Max for u16 {
        const MAX_I64: i64 = u16::MAX as i64;
    }
    impl Max for u32 {
        const MAX_I64: i64 = u32::MAX as i64;
    }
    impl Max for u64 {
        const MAX_I64: i64 = i64::MAX;
    }
}

/// Loads a persisted value from its envelope, with the Kotlin/Swift names installed: an error
/// the core writes while loading (a stored IPSRT course or rhythm plan whose events no longer
/// replay is refused inside serde, which keeps only text) names operations as the app calls them
/// (`addPerson`).
pub(crate) fn load<T: Persist>(json: &str) -> Result<T, IpsrtError> {
    Ok(ipsrt::operation::with_names(crate::names::foreign_name, || ipsrt::persist::from_json::<T>(json))?)
}

/// Declares the JSON snapshot methods (`fromJson` constructor, `toJson`, `toJsonPretty`) of an
/// Object that wraps a [`Persist`] core value in a `Locked`.
macro_rules! persisted_object {
    ($object:ident, $core:ty) => {
        #[uniffi::export]
        impl $object {
            /// Loads a snapshot written by `toJson` (in any language), checking schema and version.
            #[uniffi::constructor]
            pub fn from_json(json: String) -> Result<std::sync::Arc<Self>, $crate::error::IpsrtError> {
                $crate::error::guard(|| {
                    let value: $core = $crate::bridge::load(&json)?;
                    Ok(std::sync::Arc::new($object { state: $crate::state::Locked::new(value) }))
                })
            }

            /// The snapshot in its versioned envelope (`{"schema": "ipsrt.<thing>", "version": 1, "data": ...}`), compact.
            pub fn to_json(&self) -> Result<String, $crate::error::IpsrtError> {
                $crate::error::guard(|| Ok(self.state.read(|v| ipsrt::persist::to_json(v))))
            }

            /// The snapshot, pretty-printed.
            pub fn to_json_pretty(&self) -> Result<String, $crate::error::IpsrtError> {
                $crate::error::guard(|| Ok(self.state.read(|v| ipsrt::persist::to_json_pretty(v))))
            }
        }
    };
}

pub(crate) use persisted_object;

#[cfg(test)]
mod tests {
    use super::*;

    /// Every variant of a mirror enum converts to the core type and back unchanged (a variant
    /// renamed or removed in the core fails here, not in an app).
    fn round_trips<M, C>(variants: &[M])
    where
        M: Serialize + DeserializeOwned + PartialEq + std::fmt::Debug,
        C: Serialize + DeserializeOwned,
    {
        for v in variants {
            let core: C = to_core(v).unwrap_or_else(|e| panic!("{v:?} is not a core value: {e}"));
            let back: M = from_core(&core).unwrap();
            assert_eq!(&back, v);
        }
    }

    #[test]
    fn mirror_enums_match_the_core() {
        use crate::life_events::LifeEventKind as L;
        round_trips::<_, ipsrt::life_event::LifeEventKind>(&[
            L::Death,
            L::OwnIllness,
            L::IllnessOfOther,
            L::Conflict,
            L::DivorceSeparation,
            L::Marriage,
            L::Reconciliation,
            L::PregnancyBirth,
            L::JobChange,
            L::Dismissal,
            L::Retirement,
            L::Relocation,
            L::TimeZoneTravel,
            L::ShiftWork,
            L::Exams,
            L::Holiday,
            L::DaylightSavingChange,
            L::Other,
        ]);
        use crate::srm::SrmItem as S;
        round_trips::<_, ipsrt::srm::ItemId>(&[
            S::OutOfBed,
            S::FirstContact,
            S::MorningBeverage,
            S::Breakfast,
            S::GoOutside,
            S::StartWork,
            S::Lunch,
            S::AfternoonNap,
            S::Dinner,
            S::Exercise,
            S::EveningSnack,
            S::EveningNews,
            S::OtherTv,
            S::ActivityA,
            S::ActivityB,
            S::ReturnHome,
            S::ToBed,
        ]);
        use crate::relapse::AlertLevel as A;
        round_trips::<_, ipsrt::relapse::AlertLevel>(&[
            A::Green,
            A::Watch,
            A::EarlyWarning,
            A::BreakingDown,
            A::Crisis,
        ]);
        use crate::measures::InstrumentId as I;
        round_trips::<_, ipsrt::measures::InstrumentId>(&[I::Phq9, I::Hrsd17, I::Asrm, I::Ymrs, I::DailyMood]);
        use crate::course::ProblemAreaKind as P;
        round_trips::<_, ipsrt::problem_area::ProblemAreaKind>(&[
            P::Grief,
            P::RoleDispute,
            P::RoleTransition,
            P::InterpersonalDeficits,
            P::LostHealthySelf,
        ]);
        use crate::rhythm::Anchor as R;
        round_trips::<_, ipsrt::ipsrt::Anchor>(&[R::OutOfBed, R::FirstContact, R::StartWork, R::Dinner, R::ToBed]);
        use crate::group::GroupType as G;
        round_trips::<_, ipsrt::group::GroupType>(&[G::IpsrtGroup, G::ProcessGroup, G::IptG]);
        use crate::group::AdmissionCriterion as Ac;
        round_trips::<_, ipsrt::group::AdmissionCriterion>(&[
            Ac::ComplaintsInTheWay,
            Ac::WantsToUnderstand,
            Ac::RecurringPatterns,
            Ac::InterestedInSelf,
            Ac::CopingCapacity,
            Ac::SupportiveEnvironment,
            Ac::RoomForPatterns,
        ]);
        use crate::group::{GroupEvent as E, IndividualMeetingKind as K, LeaveReason as Why};
        let day = chrono::NaiveDate::from_ymd_opt(2026, 3, 2).unwrap();
        round_trips::<_, ipsrt::group::GroupEvent>(&[
            E::Left { person: "a".into(), date: day, reason: Why::Other, note: Some("moved".into()) },
            E::Left { person: "a".into(), date: day, reason: Why::Withdrew, note: None },
            E::Rejoined { person: "a".into(), date: day },
            E::Waitlisted { person: "a".into(), date: day, unmet_criteria: vec![], reason: None },
            E::Waitlisted {
                person: "a".into(),
                date: day,
                unmet_criteria: vec![crate::group::AdmissionCriterion::RoomForPatterns],
                reason: Some("why".into()),
            },
            E::IndividualMeeting { person: "a".into(), kind: K::Midway, date: day, deviation: Some("ill".into()) },
            E::IndividualMeeting { person: "a".into(), kind: K::PostGroup, date: day, deviation: None },
        ]);
        use crate::inventory as inv;
        round_trips::<_, ipsrt::inventory::Circle>(&[inv::Circle::Inner, inv::Circle::Middle, inv::Circle::Outer]);
        round_trips::<_, ipsrt::inventory::RelationshipStatus>(&[
            inv::RelationshipStatus::Current,
            inv::RelationshipStatus::Past,
            inv::RelationshipStatus::Deceased,
        ]);
        use inv::ContactFrequency as C;
        round_trips::<_, ipsrt::inventory::ContactFrequency>(&[
            C::Daily,
            C::Weekly,
            C::Monthly,
            C::Rarely,
            C::None,
            C::Unknown,
        ]);
        round_trips::<_, ipsrt::inventory::Met>(&[inv::Met::Yes, inv::Met::Partly, inv::Met::No, inv::Met::Unknown]);
        round_trips::<_, ipsrt::inventory::Holder>(&[inv::Holder::Patient, inv::Holder::Other]);
        round_trips::<_, ipsrt::inventory::Reciprocity>(&[
            inv::Reciprocity::Balanced,
            inv::Reciprocity::PatientGivesMore,
            inv::Reciprocity::OtherGivesMore,
        ]);
        round_trips::<_, ipsrt::inventory::Conflict>(&[
            inv::RelationshipConflict::None,
            inv::RelationshipConflict::Overt,
            inv::RelationshipConflict::Covert,
        ]);
        round_trips::<_, ipsrt::inventory::PersonFact>(&[
            inv::PersonFact::Circle,
            inv::PersonFact::Conflict,
            inv::PersonFact::Confiding,
        ]);
        use crate::life_events::SuggestionRank as SR;
        round_trips::<_, ipsrt::life_event::Rank>(&[SR::Primary, SR::Alternative]);
        use crate::relapse::{RiskBasis as RB, RiskPopulation as RP};
        round_trips::<_, ipsrt::relapse::RiskBasis>(&[RB::SeedS2, RB::Literature, RB::Bipolar, RB::Population]);
        round_trips::<_, ipsrt::relapse::RiskPopulation>(&[
            RP::Depression,
            RP::GeneralPopulationDepression,
            RP::Bipolar,
        ]);
        use crate::episode::{EpisodeEvent as EE, EpisodeState as ES};
        round_trips::<_, ipsrt::episode::EpisodeState>(&[ES::Episode, ES::Response, ES::Remission, ES::Recovery]);
        round_trips::<_, ipsrt::episode::EpisodeEvent>(&[
            EE::Respond,
            EE::Remit,
            EE::Worsen,
            EE::Relapse,
            EE::Recover,
            EE::Recur,
        ]);
        use crate::life_chart::{EpisodePolarity as EP, Pathway as PW};
        round_trips::<_, ipsrt::ipsrt::EpisodePolarity>(&[EP::Depressive, EP::Manic, EP::Hypomanic, EP::Mixed]);
        round_trips::<_, ipsrt::ipsrt::Pathway>(&[PW::Medication, PW::LifeEvent, PW::RhythmDisruption]);
        use crate::relapse::ContactRole as CR;
        round_trips::<_, ipsrt::relapse::ContactRole>(&[
            CR::Supporter,
            CR::Clinician,
            CR::Psychiatrist,
            CR::CrisisLine,
            CR::Emergency,
        ]);
        use crate::relapse::{AlertDirection as AD, AlertRule as AR};
        round_trips::<_, ipsrt::relapse::transition::Direction>(&[AD::Escalation, AD::Deescalation]);
        round_trips::<_, ipsrt::relapse::transition::Rule>(&[
            AR::Phq9Item9,
            AR::HrsdItem3,
            AR::EpdsItem10,
            AR::Phq9mSuicide,
            AR::CssrsRisk,
            AR::CrisisSign,
            AR::Phq9Total,
            AR::Phq9Rise,
            AR::Phq9ReliableRise,
            AR::MoodManicDays,
            AR::NoRecentEntries,
            AR::MissedOccurrences,
            AR::HrsdTotal,
            AR::AsrmTotal,
            AR::AsrmRising,
            AR::YmrsTotal,
            AR::SrmDrop,
            AR::SleepShift,
            AR::EarlyWarningSigns,
            AR::EarlyWarningSign,
            AR::BreakingDownSign,
            AR::Trigger,
            AR::MissedMedication,
            AR::MissedMedicationWithSymptoms,
            AR::HysteresisElapsed,
            AR::ClinicianAcknowledged,
            AR::Held,
        ]);
        use crate::course::{CoursePhase as CP, EarlyEndReason as ER, Frequency as F, ResponseVerdict as RV};
        round_trips::<_, ipsrt::course::PhaseKind>(&[
            CP::Initial,
            CP::Middle,
            CP::Termination,
            CP::Maintenance,
            CP::Ended,
        ]);
        round_trips::<_, ipsrt::course::EarlyEndReason>(&[ER::PatientWithdrew, ER::TherapistEnded, ER::NoShows]);
        round_trips::<_, ipsrt::course::Frequency>(&[F::TwiceWeekly, F::Weekly, F::Fortnightly, F::Monthly]);
        round_trips::<_, ipsrt::course::ResponseVerdict>(&[
            RV::Remission,
            RV::Response,
            RV::PartialResponse,
            RV::MinimalOrNoBenefit,
        ]);
        use crate::ips::EmploymentRateBand as EB;
        round_trips::<_, ipsrt::ips::EmploymentRateBand>(&[EB::BelowMinimal, EB::Minimal, EB::Average, EB::Excellent]);
    }

    #[test]
    fn a_default_person_round_trips_through_the_mirror() {
        let p = crate::inventory::new_person("partner".into(), "Sam".into(), "partner".into()).unwrap();
        let core: ipsrt::inventory::Person = to_core(&p).unwrap();
        assert_eq!(core, ipsrt::inventory::Person::new("partner", "Sam", "partner").unwrap());
        let back: crate::inventory::Person = from_core(&core).unwrap();
        assert_eq!(back, p);
    }

    #[test]
    fn every_core_level_and_instrument_has_a_mirror() {
        for id in ipsrt::measures::InstrumentId::ALL {
            let _: crate::measures::InstrumentId = from_core(&id).unwrap();
        }
        for item in ipsrt::srm::ItemId::ALL {
            let _: crate::srm::SrmItem = from_core(&item).unwrap();
        }
    }

    #[test]
    fn a_signed_value_out_of_the_core_range_names_the_field_and_range() {
        let e =
            to_core::<_, ipsrt::relapse::Observed>(&crate::relapse::Observed::Phq9 { total: Some(300), item9: None })
                .unwrap_err();
        assert_eq!(e.kind_name(), "invalid_input");
        // Inside an internally tagged enum serde cannot track the field path; the value and range show.
        assert!(e.to_string().contains("300"), "{e}");
        assert!(e.to_string().contains("a whole number from 0 to 255"), "{e}");
        let e = unsigned::<u32>(-1, "prior_episodes").unwrap_err();
        assert!(e.to_string().contains("prior_episodes -1 is out of range") && e.to_string().contains("4294967295"));
        let n: u32 = unsigned(12, "prior_episodes").unwrap();
        assert_eq!(n, 12);
    }

    #[test]
    fn a_panic_becomes_internal() {
        let e = crate::error::guard::<u32>(|| panic!("boom")).unwrap_err();
        assert_eq!(e.kind_name(), "internal");
        assert!(e.to_string().contains("boom"));
    }
}
