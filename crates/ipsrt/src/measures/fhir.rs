//! FHIR R4 export and import (cargo feature `fhir`), with hand-written serde structs.
//!
//! * [`export`] turns a [`Score`] into a `collection` Bundle holding a QuestionnaireResponse
//!   (answers LOINC-coded where codes exist) and, when there is a total, an Observation for it
//!   (PHQ-9: LOINC 44261-6) whose `derivedFrom` points at the response. The missing-data policy
//!   and the number answered go into the Observation's `note`.
//! * [`import`] reads a QuestionnaireResponse into [`Answers`]: items are matched by LOINC code
//!   (`"44250-9"` or LHC-Forms' `"/44250-9"`) or by our item id (`"phq9_1"`, also `"phq9-1"` and `"phq9.1"`),
//!   answers by LOINC answer code (`LA6568-5` … `LA6571-9`) or `valueInteger`. Items it cannot
//!   map (for example a stored total) are listed in [`Imported::ignored`], never silently
//!   scored.
//!
//! ```
//! use ipsrt::measures::{fhir, phq9};
//!
//! let s = phq9::score_ordered(&[Some(1), Some(2), Some(0), Some(1), Some(0), Some(0), Some(1), Some(0), Some(1)], None)?;
//! let bundle = fhir::export(&s, &fhir::ExportOptions::default())?;
//! let json = serde_json::to_string(&bundle).unwrap();
//! assert!(json.contains("\"44261-6\"") && json.contains("derivedFrom"));
//!
//! let qr = serde_json::to_string(&bundle.entry[0].resource).unwrap();
//! let back = fhir::import(ipsrt::measures::builtin(ipsrt::measures::InstrumentId::Phq9), &qr)?;
//! assert_eq!(back.answers, s.answers);
//! # Ok::<(), ipsrt::Error>(())
//! ```

use serde::{Deserialize, Serialize};

use crate::measures::MeasureError;
use crate::measures::instrument::{Instrument, InstrumentId, Item, builtin};
use crate::measures::score::{Answers, Score};

/// The LOINC code system URI.
pub const LOINC: &str = "http://loinc.org";
/// Code system for ipsrt's own item and instrument ids (where no LOINC code exists).
pub const IPSRT_SYSTEM: &str = "urn:ipsrt:measures";

/// FHIR Coding.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Coding {
    /// Code system.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub system: Option<String>,
    /// Code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// Display text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub display: Option<String>,
}

/// FHIR CodeableConcept.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct CodeableConcept {
    /// Codings.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub coding: Vec<Coding>,
    /// Text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
}

/// FHIR Reference.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reference {
    /// Literal reference (`"QuestionnaireResponse/ipsrt-qr"`).
    pub reference: String,
}

/// FHIR Annotation (text only).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Annotation {
    /// The note.
    pub text: String,
}

/// FHIR Quantity.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Quantity {
    /// Value.
    pub value: f64,
    /// Unit text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// Unit system.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub system: Option<String>,
    /// Unit code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
}

/// One answer of a QuestionnaireResponse item.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct QrAnswer {
    /// Coded answer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value_coding: Option<Coding>,
    /// Integer answer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value_integer: Option<i64>,
    /// Decimal answer (read only when it is a whole number).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value_decimal: Option<f64>,
}

/// One item of a QuestionnaireResponse (groups nest).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct QrItem {
    /// Link to the Questionnaire item.
    pub link_id: String,
    /// Item text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// Answers.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub answer: Vec<QrAnswer>,
    /// Nested items.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub item: Vec<QrItem>,
}

/// FHIR R4 QuestionnaireResponse (the fields ipsrt reads and writes).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct QuestionnaireResponse {
    /// Always `"QuestionnaireResponse"`.
    pub resource_type: String,
    /// Logical id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Canonical URL of the Questionnaire.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub questionnaire: Option<String>,
    /// `completed`, `in-progress`, ...
    pub status: String,
    /// The patient.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subject: Option<Reference>,
    /// When it was answered (FHIR dateTime).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub authored: Option<String>,
    /// Items.
    #[serde(default)]
    pub item: Vec<QrItem>,
}

/// FHIR R4 Observation for a total score.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Observation {
    /// Always `"Observation"`.
    pub resource_type: String,
    /// Logical id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// `final`.
    pub status: String,
    /// `survey`.
    pub category: Vec<CodeableConcept>,
    /// The total's code (PHQ-9: LOINC 44261-6).
    pub code: CodeableConcept,
    /// The patient.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subject: Option<Reference>,
    /// When (FHIR dateTime).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub effective_date_time: Option<String>,
    /// The total.
    pub value_quantity: Quantity,
    /// The QuestionnaireResponse it was computed from.
    pub derived_from: Vec<Reference>,
    /// Policy, number answered, instrument version and source.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub note: Vec<Annotation>,
}

/// A resource in a Bundle.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Resource {
    /// A QuestionnaireResponse.
    QuestionnaireResponse(QuestionnaireResponse),
    /// An Observation.
    Observation(Observation),
}

/// A Bundle entry.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BundleEntry {
    /// Full URL (`"urn:uuid:..."` or a relative URL).
    pub full_url: String,
    /// The resource.
    pub resource: Resource,
}

/// A `collection` Bundle.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Bundle {
    /// Always `"Bundle"`.
    pub resource_type: String,
    /// Always `"collection"`.
    #[serde(rename = "type")]
    pub bundle_type: String,
    /// QuestionnaireResponse first, then the total's Observation when there is a total, then
    /// one Observation per safety signal.
    pub entry: Vec<BundleEntry>,
}

/// Options for [`export`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportOptions {
    /// Prefix of the logical ids (`"<prefix>-qr"`, `"<prefix>-total"`).
    pub id_prefix: String,
    /// Patient reference (`"Patient/123"`).
    pub subject: Option<String>,
    /// When it was answered (FHIR dateTime, `"2026-05-01T09:30:00+02:00"`).
    pub authored: Option<String>,
}

impl Default for ExportOptions {
    fn default() -> Self {
        ExportOptions { id_prefix: "ipsrt".into(), subject: None, authored: None }
    }
}

fn definition_of(score: &Score) -> Result<&'static Instrument, MeasureError> {
    let id: InstrumentId = score.instrument.parse()?;
    Ok(builtin(id))
}

fn answer_for(item: &Item, value: i32) -> QrAnswer {
    match item.options.iter().find(|o| o.value == value && o.loinc.is_some()) {
        Some(o) => QrAnswer {
            value_coding: Some(Coding { system: Some(LOINC.into()), code: o.loinc.clone(), display: o.label.clone() }),
            ..QrAnswer::default()
        },
        None => QrAnswer { value_integer: Some(i64::from(value)), ..QrAnswer::default() },
    }
}

/// Exports a scored result of a shipped instrument as a FHIR R4 Bundle.
pub fn export(score: &Score, options: &ExportOptions) -> Result<Bundle, MeasureError> {
    let def = definition_of(score)?;
    let subject = options.subject.clone().map(|reference| Reference { reference });
    let qr_id = format!("{}-qr", options.id_prefix);
    let items = def
        .items
        .iter()
        .filter_map(|item| {
            score.answers.get(&item.id).map(|v| QrItem {
                link_id: item.loinc.clone().unwrap_or_else(|| item.id.clone()),
                text: item.text.clone(),
                answer: vec![answer_for(item, v)],
                item: Vec::new(),
            })
        })
        .collect();
    let questionnaire = def
        .loinc_panel
        .as_ref()
        .map_or_else(|| format!("{IPSRT_SYSTEM}:{}|{}", def.id, def.version), |p| format!("http://loinc.org/q/{p}"));
    let qr = QuestionnaireResponse {
        resource_type: "QuestionnaireResponse".into(),
        id: Some(qr_id.clone()),
        questionnaire: Some(questionnaire),
        status: "completed".into(),
        subject: subject.clone(),
        authored: options.authored.clone(),
        item: items,
    };
    let mut entry = vec![BundleEntry {
        full_url: format!("QuestionnaireResponse/{qr_id}"),
        resource: Resource::QuestionnaireResponse(qr),
    }];
    if let Some(total) = score.total {
        let coding = match &def.loinc_total {
            Some(code) => Coding {
                system: Some(LOINC.into()),
                code: Some(code.clone()),
                display: Some(format!("{} total score", def.title)),
            },
            None => Coding {
                system: Some(IPSRT_SYSTEM.into()),
                code: Some(format!("{}_total", def.id)),
                display: Some(format!("{} total score", def.title)),
            },
        };
        let obs_id = format!("{}-total", options.id_prefix);
        let obs = Observation {
            resource_type: "Observation".into(),
            id: Some(obs_id.clone()),
            status: "final".into(),
            category: vec![CodeableConcept {
                coding: vec![Coding {
                    system: Some("http://terminology.hl7.org/CodeSystem/observation-category".into()),
                    code: Some("survey".into()),
                    display: Some("Survey".into()),
                }],
                text: None,
            }],
            code: CodeableConcept { coding: vec![coding], text: None },
            subject: subject.clone(),
            effective_date_time: options.authored.clone(),
            value_quantity: Quantity {
                value: f64::from(total),
                unit: Some("{score}".into()),
                system: Some("http://unitsofmeasure.org".into()),
                code: Some("{score}".into()),
            },
            derived_from: vec![Reference { reference: format!("QuestionnaireResponse/{qr_id}") }],
            note: vec![Annotation {
                text: format!(
                    "ipsrt {} v{}: {}/{} items answered, missing-data policy {}, status {:?}; source {}",
                    score.instrument,
                    score.version,
                    score.n_answered,
                    score.n_items,
                    score.policy,
                    score.status,
                    score.source
                ),
            }],
        };
        entry.push(BundleEntry { full_url: format!("Observation/{obs_id}"), resource: Resource::Observation(obs) });
    }
    // One Observation per safety signal (the item, its raw answer, the level and the source),
    // whether or not there is a total.
    for sig in &score.safety {
        let coding = match &sig.loinc {
            Some(code) => Coding { system: Some(LOINC.into()), code: Some(code.clone()), display: None },
            None => Coding { system: Some(IPSRT_SYSTEM.into()), code: Some(sig.item.clone()), display: None },
        };
        let obs_id = format!("{}-safety-{}", options.id_prefix, sig.item);
        let obs = Observation {
            resource_type: "Observation".into(),
            id: Some(obs_id.clone()),
            status: "final".into(),
            category: vec![CodeableConcept {
                coding: vec![Coding {
                    system: Some("http://terminology.hl7.org/CodeSystem/observation-category".into()),
                    code: Some("survey".into()),
                    display: Some("Survey".into()),
                }],
                text: None,
            }],
            code: CodeableConcept { coding: vec![coding], text: Some(sig.description.clone()) },
            subject: subject.clone(),
            effective_date_time: options.authored.clone(),
            value_quantity: Quantity { value: f64::from(sig.answer), unit: None, system: None, code: None },
            derived_from: vec![Reference { reference: format!("QuestionnaireResponse/{qr_id}") }],
            note: vec![Annotation {
                text: format!(
                    "ipsrt safety signal {}: {} item {} answered {} (threshold ≥ {}), level {}; source {}",
                    sig.rule, sig.instrument, sig.item_number, sig.answer, sig.at_least, sig.level, sig.source
                ),
            }],
        };
        entry.push(BundleEntry { full_url: format!("Observation/{obs_id}"), resource: Resource::Observation(obs) });
    }
    Ok(Bundle { resource_type: "Bundle".into(), bundle_type: "collection".into(), entry })
}

/// The result of [`import`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Imported {
    /// The answers, keyed by our item ids.
    pub answers: Answers,
    /// linkIds that carried answers but map to no item (for example a stored total 44261-6).
    pub ignored: Vec<String>,
}

fn match_item<'a>(def: &'a Instrument, link_id: &str) -> Option<&'a Item> {
    let trimmed = link_id.trim();
    let tail = trimmed.rsplit('/').next().unwrap_or(trimmed);
    let norm = trimmed.to_ascii_lowercase().replace(['-', '.'], "_");
    def.items.iter().find(|i| i.loinc.as_deref() == Some(trimmed) || i.loinc.as_deref() == Some(tail) || i.id == norm)
}

fn answer_value(item: &Item, answer: &QrAnswer) -> Result<i32, MeasureError> {
    let err = |detail: String| MeasureError::Fhir { resource: "QuestionnaireResponse", detail };
    if let Some(code) = answer.value_coding.as_ref().and_then(|c| c.code.as_deref()) {
        return item.options.iter().find(|o| o.loinc.as_deref() == Some(code)).map(|o| o.value).ok_or_else(|| {
            let known: Vec<&str> = item.options.iter().filter_map(|o| o.loinc.as_deref()).collect();
            err(format!("answer code {code:?} to item {:?} is not one of its LOINC answer codes {known:?}", item.id))
        });
    }
    let whole = answer
        .value_integer
        .or_else(|| answer.value_decimal.filter(|d| d.fract() == 0.0 && d.abs() < 1e6).map(|d| d as i64));
    match whole.and_then(|v| i32::try_from(v).ok()) {
        Some(v) => Ok(v),
        None => Err(err(format!(
            "item {:?} has no usable answer: give valueCoding with a LOINC answer code, or a whole valueInteger",
            item.id
        ))),
    }
}

fn walk(def: &Instrument, items: &[QrItem], out: &mut Imported, depth: usize) -> Result<(), MeasureError> {
    if depth > 16 {
        return Err(MeasureError::Fhir {
            resource: "QuestionnaireResponse",
            detail: "items nest deeper than 16 levels".into(),
        });
    }
    for qi in items {
        if !qi.answer.is_empty() {
            match match_item(def, &qi.link_id) {
                Some(item) => {
                    let [answer] = qi.answer.as_slice() else {
                        return Err(MeasureError::Fhir {
                            resource: "QuestionnaireResponse",
                            detail: format!("item {:?} has {} answers; give exactly one", qi.link_id, qi.answer.len()),
                        });
                    };
                    let v = answer_value(item, answer)?;
                    if out.answers.0.insert(item.id.clone(), v).is_some() {
                        return Err(MeasureError::Fhir {
                            resource: "QuestionnaireResponse",
                            detail: format!("item {:?} is answered twice", item.id),
                        });
                    }
                }
                None => out.ignored.push(qi.link_id.clone()),
            }
        }
        walk(def, &qi.item, out, depth + 1)?;
    }
    Ok(())
}

/// Reads a QuestionnaireResponse (JSON text) into answers for `instrument`. Score the result
/// with [`crate::measures::score::score`]; range checks happen there.
pub fn import(instrument: &Instrument, json: &str) -> Result<Imported, MeasureError> {
    let qr: QuestionnaireResponse = serde_json::from_str(json).map_err(|e| MeasureError::Fhir {
        resource: "QuestionnaireResponse",
        detail: format!("not a readable QuestionnaireResponse: {e}"),
    })?;
    if qr.resource_type != "QuestionnaireResponse" {
        return Err(MeasureError::Fhir {
            resource: "QuestionnaireResponse",
            detail: format!("resourceType is {:?}; give a QuestionnaireResponse", qr.resource_type),
        });
    }
    let mut out = Imported { answers: Answers::new(), ignored: Vec::new() };
    walk(instrument, &qr.item, &mut out, 0)?;
    Ok(out)
}
