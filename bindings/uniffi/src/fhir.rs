//! FHIR R4 export and import of questionnaire results (the core's `ipsrt::measures::fhir`).
//!
//! A FHIR resource is a document exchanged with another system (an EHR, a FHIR server, a
//! form app), so it crosses as JSON text: [`measure_to_fhir_json`] writes a score as a
//! `collection` Bundle (the QuestionnaireResponse with LOINC-coded answers, the total's
//! Observation, one Observation per safety signal); [`measure_from_fhir_json`] reads a
//! QuestionnaireResponse into typed answers, and [`score_fhir_json`] scores it in one step.
//! Items the reader cannot map (for example a stored total) are listed, never scored.
//!
//! ```
//! use ipsrt_ffi::fhir::{measure_from_fhir_json, measure_to_fhir_json};
//! use ipsrt_ffi::measures::{InstrumentId, score_measure};
//!
//! let answers = [1, 2, 0, 1, 0, 0, 1, 0, 1].map(Some).to_vec();
//! let score = score_measure(InstrumentId::Phq9, answers, None, None).unwrap();
//! let bundle = measure_to_fhir_json(score.clone(), None, None, None).unwrap();
//! assert!(bundle.contains("\"44261-6\""));
//! // The bundle's first entry is the QuestionnaireResponse.
//! let v: serde_json::Value = serde_json::from_str(&bundle).unwrap();
//! let qr = v["entry"][0]["resource"].to_string();
//! let back = measure_from_fhir_json(InstrumentId::Phq9, qr).unwrap();
//! assert_eq!(back.answers, score.answers);
//! assert!(back.ignored.is_empty());
//! ```

use ipsrt::measures as core;
use ipsrt::measures::fhir;

use crate::bridge::{from_json_value, to_core, to_json_value};
use crate::error::{IpsrtError, guard};
use crate::measures::{InstrumentId, ItemAnswer, MeasureScore, MissingPolicy, score_record};

/// Answers read from a FHIR QuestionnaireResponse.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct FhirImport {
    /// The answers, by item id, ready for `scoreMeasureItems` (range checks happen there).
    pub answers: Vec<ItemAnswer>,
    /// linkIds that carried answers but map to no item of the instrument (for example a
    /// stored total, LOINC 44261-6): reported, not scored.
    pub ignored: Vec<String>,
}

/// Text from outside is bounded before it is parsed (the same 64 MiB limit as every JSON input).
fn bounded(json: &str) -> Result<(), IpsrtError> {
    if json.len() > ipsrt::persist::MAX_JSON_BYTES {
        return Err(IpsrtError::Parse("the FHIR JSON is larger than the 64 MiB limit".into()));
    }
    Ok(())
}

fn import(instrument: InstrumentId, json: &str) -> Result<(&'static core::Instrument, fhir::Imported), IpsrtError> {
    bounded(json)?;
    let id: core::InstrumentId = to_core(&instrument)?;
    let def = core::builtin(id);
    let imported = fhir::import(def, json)?;
    Ok((def, imported))
}

/// A scored result as a FHIR R4 `collection` Bundle (JSON text): the QuestionnaireResponse
/// (answers LOINC-coded where codes exist), the total's Observation when there is a total, and
/// one Observation per safety signal. `id_prefix` (default `"ipsrt"`) names the resources
/// (`"<prefix>-qr"`, `"<prefix>-total"`); `subject` is a patient reference (`"Patient/123"`);
/// `authored` a FHIR dateTime (`"2026-05-01T09:30:00+02:00"`).
#[uniffi::export(default(id_prefix = None, subject = None, authored = None))]
pub fn measure_to_fhir_json(
    score: MeasureScore,
    id_prefix: Option<String>,
    subject: Option<String>,
    authored: Option<String>,
) -> Result<String, IpsrtError> {
    guard(|| {
        let core_score: core::Score = from_json_value("measure score", &score.json)?;
        let mut options = fhir::ExportOptions { subject, authored, ..Default::default() };
        if let Some(p) = id_prefix {
            options.id_prefix = p;
        }
        to_json_value(&fhir::export(&core_score, &options)?)
    })
}

/// Reads a FHIR QuestionnaireResponse (JSON text) for a shipped instrument: items matched by
/// LOINC code (`"44250-9"`, LHC-Forms' `"/44250-9"`) or item id (`"phq9_1"`, `"phq9-1"`),
/// answers by LOINC answer code or whole `valueInteger`. An unknown answer code, an item
/// answered twice or text that is not a QuestionnaireResponse is a `Parse` error naming it.
#[uniffi::export]
pub fn measure_from_fhir_json(instrument: InstrumentId, json: String) -> Result<FhirImport, IpsrtError> {
    guard(|| {
        let (_, imported) = import(instrument, &json)?;
        Ok(FhirImport {
            answers: imported
                .answers
                .0
                .iter()
                .map(|(item, value)| ItemAnswer { item: item.clone(), value: *value })
                .collect(),
            ignored: imported.ignored,
        })
    })
}

/// Reads a FHIR QuestionnaireResponse and scores it (`measureFromFhirJson` then
/// `scoreMeasureItems`): `policy` absent = the instrument's default; `band_scheme` absent = no
/// band, `""` = the default scheme. Linked ids that map to no item are not scored (see
/// `measureFromFhirJson` to list them).
#[uniffi::export(default(policy = None, band_scheme = None))]
pub fn score_fhir_json(
    instrument: InstrumentId,
    json: String,
    policy: Option<MissingPolicy>,
    band_scheme: Option<String>,
) -> Result<MeasureScore, IpsrtError> {
    guard(|| {
        let (def, imported) = import(instrument, &json)?;
        let policy: Option<core::MissingPolicy> = policy.as_ref().map(to_core).transpose()?;
        let score = core::score::score(def, &imported.answers, &core::ScoreOptions { policy, band_scheme })?;
        score_record(&score)
    })
}
