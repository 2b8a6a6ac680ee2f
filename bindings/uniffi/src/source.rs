//! Provenance across the boundary: the bibliography and the `Source` of every clinical number.

use ipsrt::source::{Evidence, Source};

use crate::error::{IpsrtError, guard};

/// How sure a rule or number is (the core's `ipsrt::source::Evidence`).
#[uniffi::remote(Enum)]
pub enum Evidence {
    /// Stated in one of the five founding clinical documents, S0–S4.
    Seed,
    /// Read in the cited source.
    Verified,
    /// Checked by running an existing implementation on the case.
    Checked,
    /// From a standard manual or secondary literature that could not be read in full.
    ManualRecalled,
    /// A design choice of this library, not a clinical rule. Always configurable.
    Design,
}

/// Where a rule or number comes from (the core's `ipsrt::source::Source`, with owned strings).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize, uniffi::Record)]
pub struct SourceRef {
    /// Key into the bibliography ([`references`]), for example `"WMK-2000"`.
    pub key: String,
    /// Where inside the work, or a short quotation of the rule.
    pub locator: String,
    /// How sure the statement is.
    pub evidence: Evidence,
}

impl From<&Source> for SourceRef {
    fn from(s: &Source) -> Self {
        SourceRef { key: s.key.to_string(), locator: s.locator.to_string(), evidence: s.evidence }
    }
}

/// One entry of the bibliography (the core's `ipsrt::source::Reference`).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Reference {
    /// The short key used in [`SourceRef::key`].
    pub key: String,
    /// Year of publication (0 for the library's own design notes).
    pub year: i32,
    /// Full citation.
    pub citation: String,
}

fn reference(r: &ipsrt::source::Reference) -> Reference {
    Reference { key: r.key.to_owned(), year: i32::from(r.year), citation: r.citation.to_owned() }
}

/// Every work the library cites, in the core's order.
#[uniffi::export]
pub fn references() -> Result<Vec<Reference>, IpsrtError> {
    guard(|| Ok(ipsrt::source::REFERENCES.iter().map(reference).collect()))
}

/// The bibliography entry for a key, or `NotFound`.
#[uniffi::export]
pub fn reference_for(key: String) -> Result<Reference, IpsrtError> {
    guard(|| {
        ipsrt::source::reference(&key).map(reference).ok_or_else(|| {
            IpsrtError::NotFound(format!("no reference with key {key:?}: call references() for the list of keys"))
        })
    })
}
