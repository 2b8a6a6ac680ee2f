//! The directory of crisis lines and emergency numbers by region (ISO 3166-1 country code).
//!
//! There is **no default country**: a [`RelapsePlan`](super::RelapsePlan) names its
//! [`Region`] or lists its own crisis and emergency contacts, and
//! [`RelapsePlan::validate`](super::RelapsePlan::validate) refuses a plan with neither. Every
//! entry carries the published source it was taken from and the date the entry was checked
//! against that source ([`CrisisLine::checked_on`]); entries whose source is a secondary page
//! (a news item, a local page) say so in their source's evidence. Re-check the table for every
//! release: numbers and opening hours change (the Dutch 113 became free to call in October 2025).
//!
//! ```
//! use ipsrt::relapse::crisis_lines::{crisis_lines, Region};
//! use ipsrt::relapse::ContactRole;
//!
//! let uk = crisis_lines(Region::Gb);
//! assert!(uk.iter().any(|l| l.role == ContactRole::CrisisLine && l.number == "116 123"));
//! assert!(uk.iter().any(|l| l.role == ContactRole::Emergency && l.number == "999"));
//! // Every line has a source from the bibliography and a check date.
//! assert!(Region::ALL.iter().flat_map(|r| crisis_lines(*r)).all(|l| ipsrt::source::reference(&l.source.key).is_some()));
//! // "UK" is accepted for Great Britain and Northern Ireland; unknown codes are refused.
//! assert_eq!("UK".parse::<Region>()?, Region::Gb);
//! assert!("FR".parse::<Region>().is_err());
//! # Ok::<(), ipsrt::relapse::RelapseError>(())
//! ```

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::RelapseError;
use super::alert::AlertLevel;
use super::plan::{Contact, ContactRole};
use crate::source::{Evidence, Source};

/// A region with an entry in the crisis-line directory (ISO 3166-1 alpha-2 code).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[non_exhaustive]
pub enum Region {
    /// The Netherlands (`"NL"`).
    #[serde(rename = "NL")]
    Nl,
    /// Belgium (`"BE"`).
    #[serde(rename = "BE")]
    Be,
    /// Germany (`"DE"`).
    #[serde(rename = "DE")]
    De,
    /// The United Kingdom (`"GB"`; `"UK"` is read as `"GB"`).
    #[serde(rename = "GB", alias = "UK")]
    Gb,
    /// Ireland (`"IE"`).
    #[serde(rename = "IE")]
    Ie,
    /// The United States (`"US"`).
    #[serde(rename = "US")]
    Us,
    /// Canada (`"CA"`).
    #[serde(rename = "CA")]
    Ca,
    /// Australia (`"AU"`).
    #[serde(rename = "AU")]
    Au,
}

impl Region {
    /// Every region in the directory.
    pub const ALL: [Region; 8] =
        [Region::Nl, Region::Be, Region::De, Region::Gb, Region::Ie, Region::Us, Region::Ca, Region::Au];

    /// The ISO 3166-1 alpha-2 code (`"NL"`, `"GB"`, ...).
    pub fn code(self) -> &'static str {
        match self {
            Region::Nl => "NL",
            Region::Be => "BE",
            Region::De => "DE",
            Region::Gb => "GB",
            Region::Ie => "IE",
            Region::Us => "US",
            Region::Ca => "CA",
            Region::Au => "AU",
        }
    }

    /// The country's name in English.
    pub fn name(self) -> &'static str {
        match self {
            Region::Nl => "the Netherlands",
            Region::Be => "Belgium",
            Region::De => "Germany",
            Region::Gb => "the United Kingdom",
            Region::Ie => "Ireland",
            Region::Us => "the United States",
            Region::Ca => "Canada",
            Region::Au => "Australia",
        }
    }
}

impl std::fmt::Display for Region {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

impl std::str::FromStr for Region {
    type Err = RelapseError;

    /// Parses an ISO 3166-1 alpha-2 code, case-insensitively (`"UK"` is read as `"GB"`).
    fn from_str(s: &str) -> Result<Self, RelapseError> {
        let code = s.trim().to_ascii_uppercase();
        let code = if code == "UK" { "GB".to_string() } else { code };
        Region::ALL
            .into_iter()
            .find(|r| r.code() == code)
            .ok_or_else(|| RelapseError::UnknownRegion { region: crate::limits::Excerpt::new(s).to_string() })
    }
}

/// One entry of the directory: a crisis line or an emergency number of a region.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CrisisLine {
    /// The region.
    pub region: Region,
    /// [`ContactRole::CrisisLine`] or [`ContactRole::Emergency`].
    pub role: ContactRole,
    /// The service's name.
    pub name: &'static str,
    /// The number as dialled in the region.
    pub number: &'static str,
    /// Channels, hours, cost and who it is for, in words.
    pub note: &'static str,
    /// Where the number comes from (a key of the bibliography).
    pub source: Source,
    /// When the entry was last checked against its source.
    pub checked_on: NaiveDate,
}

impl CrisisLine {
    /// The entry as a plan contact, listed from [`AlertLevel::Crisis`].
    pub fn to_contact(&self) -> Contact {
        Contact {
            name: self.name.to_string(),
            role: self.role,
            phone: Some(self.number.to_string()),
            note: Some(format!("{} (checked {})", self.note, self.checked_on)),
            from_level: AlertLevel::Crisis,
            source: Some(self.source.clone()),
        }
    }
}

/// The date the directory was last checked against its sources.
fn checked() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, 7).unwrap_or_default()
}

fn line(
    region: Region,
    role: ContactRole,
    name: &'static str,
    number: &'static str,
    note: &'static str,
    source: Source,
) -> CrisisLine {
    CrisisLine { region, role, name, number, note, source, checked_on: checked() }
}

/// The crisis lines and emergency numbers of `region`, crisis lines first.
pub fn crisis_lines(region: Region) -> Vec<CrisisLine> {
    use ContactRole::{CrisisLine as Crisis, Emergency};
    let v = Evidence::Verified;
    let secondary = Evidence::ManualRecalled;
    let eu112 = Source::new("EC-112", "112 is the emergency number in every EU member state", v);
    match region {
        Region::Nl => vec![
            line(
                region,
                Crisis,
                "113 Zelfmoordpreventie",
                "113 or 0800-0113",
                "suicide prevention, 24/7, call free; chat at 113.nl; 113 is free to call since October 2025",
                Source::new("NL-113", "\"Bel gratis 113\"; 0800-0113", v),
            ),
            line(region, Emergency, "Emergency (112)", "112", "police, fire, ambulance", eu112),
        ],
        Region::Be => vec![
            line(
                region,
                Crisis,
                "Zelfmoordlijn 1813",
                "1813",
                "suicide prevention, 24/7, Dutch-speaking (Flanders); chat at zelfmoord1813.be",
                Source::new("BE-1813", "Zelfmoordlijn 1813, 24/7", v),
            ),
            line(
                region,
                Crisis,
                "Centre de Prévention du Suicide",
                "0800 32 123",
                "suicide prevention, free, 24/7, French-speaking",
                Source::new("BE-CPS", "0800 32 123, free, 24/7", v),
            ),
            line(region, Emergency, "Emergency (112)", "112", "police, fire, ambulance", eu112),
        ],
        Region::De => vec![
            line(
                region,
                Crisis,
                "TelefonSeelsorge",
                "0800 111 0 111 or 0800 111 0 222",
                "free, 24/7, anonymous",
                Source::new("DE-TS", "TelefonSeelsorge 0800 111 0 111 and 0800 111 0 222", v),
            ),
            line(
                region,
                Crisis,
                "TelefonSeelsorge (116 123)",
                "116 123",
                "the same service on the European helpline number; confirm on telefonseelsorge.de",
                Source::new("DE-116123", "116 123 (a local church-district page, not the service's own)", secondary),
            ),
            line(region, Emergency, "Emergency (112)", "112", "police, fire, ambulance", eu112),
        ],
        Region::Gb => vec![
            line(
                region,
                Crisis,
                "Samaritans",
                "116 123",
                "free from any phone, 24/7",
                Source::new("UK-SAMARITANS", "contact page: 116 123", v),
            ),
            line(
                region,
                Crisis,
                "NHS 111 (mental health option)",
                "111, option 2",
                "urgent mental-health help in England and Wales (option 2 since April 2024); Scotland: NHS 24",
                Source::new("UK-NHS111", "NHS 111 option 2 for a mental-health crisis", v),
            ),
            line(
                region,
                Emergency,
                "Emergency (999)",
                "999",
                "police, fire, ambulance",
                Source::new("UK-LPFT", "\"Need help now\": 999 in an emergency", v),
            ),
        ],
        Region::Ie => vec![
            line(
                region,
                Crisis,
                "Samaritans",
                "116 123",
                "free, 24/7",
                Source::new("IE-116123", "Samaritans on 116 123", v),
            ),
            line(
                region,
                Crisis,
                "Pieta",
                "1800 247 247",
                "suicide and self-harm crisis line, free, 24/7",
                Source::new("IE-PIETA", "Pieta 1800 247 247 (a news report)", secondary),
            ),
            line(
                region,
                Crisis,
                "Text 50808",
                "text 50808",
                "crisis text line, HSE-funded, 24/7",
                Source::new("IE-50808", "text 50808 (a news report)", secondary),
            ),
            line(
                region,
                Emergency,
                "Emergency (112 or 999)",
                "112 or 999",
                "both free",
                Source::new("IE-HSE", "when to call 112 or 999", v),
            ),
        ],
        Region::Us => vec![
            line(
                region,
                Crisis,
                "988 Suicide & Crisis Lifeline",
                "988",
                "call or text, 24/7, since 16 July 2022",
                Source::new("US-988", "988 launched nationwide on 16 July 2022", v),
            ),
            line(
                region,
                Emergency,
                "Emergency (911)",
                "911",
                "police, fire, ambulance",
                Source::new("US-911", "Get help: 911 in an emergency", v),
            ),
        ],
        Region::Ca => vec![
            line(
                region,
                Crisis,
                "9-8-8 Suicide Crisis Helpline",
                "988",
                "call or text, English and French, 24/7, since 30 November 2023",
                Source::new("CA-988", "Government of Canada launch, 30 November 2023", v),
            ),
            line(
                region,
                Emergency,
                "Emergency (911)",
                "911",
                "police, fire, ambulance",
                Source::new("CA-911", "911 in Canada (not confirmed from an official page)", secondary),
            ),
        ],
        Region::Au => vec![
            line(
                region,
                Crisis,
                "Lifeline",
                "13 11 14",
                "24/7; free from mobiles, a local-call charge from landlines",
                Source::new("AU-LIFELINE", "Lifeline 13 11 14; emergency 000", v),
            ),
            line(
                region,
                Emergency,
                "Emergency (000)",
                "000",
                "police, fire, ambulance",
                Source::new("AU-LIFELINE", "Lifeline FAQ: call 000 in an emergency", v),
            ),
        ],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_region_has_a_crisis_line_and_an_emergency_number_with_a_source() {
        for r in Region::ALL {
            let lines = crisis_lines(r);
            assert!(lines.iter().any(|l| l.role == ContactRole::CrisisLine), "{r}");
            assert!(lines.iter().any(|l| l.role == ContactRole::Emergency), "{r}");
            for l in &lines {
                assert!(crate::source::reference(&l.source.key).is_some(), "{r}: {}", l.source.key);
                assert_eq!(l.region, r);
            }
            assert_eq!(r.code().parse::<Region>().unwrap(), r);
            let json = serde_json::to_string(&r).unwrap();
            assert_eq!(json, format!("\"{}\"", r.code()));
        }
        assert_eq!(serde_json::from_str::<Region>("\"UK\"").unwrap(), Region::Gb);
        let e = "XX".parse::<Region>().unwrap_err();
        assert!(e.to_string().contains("XX") && e.to_string().contains("NL"), "{e}");
    }
}
