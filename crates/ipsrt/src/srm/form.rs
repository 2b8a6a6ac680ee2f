//! The SRM forms: SRM-17, SRM-5 and the IPSRT clinical form SRM-II-5 with its target times.
//!
//! ```
//! use ipsrt::srm::{Form, ItemId, Targets};
//!
//! assert_eq!(Form::Srm5.items().len(), 5);
//! assert_eq!(Form::srm17().items().len(), 17);
//! let targets = Targets { out_of_bed: Some("07:00".parse()?), to_bed: Some("23:00".parse()?), ..Targets::default() };
//! let form = Form::SrmII5 { targets };
//! assert_eq!(form.items(), Form::Srm5.items());
//! assert_eq!(form.target(ItemId::ToBed).map(|t| t.to_string()), Some("23:00".to_string()));
//! assert_eq!(serde_json::to_string(&Form::Srm5)?, r#"{"type":"srm_5"}"#);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use serde::{Deserialize, Serialize};

use super::ItemId;
use crate::time::ClockTime;

/// The five SRM-5 items, in form order (Monk et al. 2002).
pub const SRM5_ITEMS: [ItemId; 5] =
    [ItemId::OutOfBed, ItemId::FirstContact, ItemId::StartWork, ItemId::Dinner, ItemId::ToBed];

/// Which printed form a diary was kept on.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "type")]
pub enum Form {
    /// The 17-item Social Rhythm Metric (Monk et al. 1990): 15 fixed activities and two
    /// write-in activities (items 14 and 15).
    #[serde(rename = "srm_17")]
    Srm17 {
        /// What the person wrote in for Activity A (item 14), if anything.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        activity_a: Option<String>,
        /// What the person wrote in for Activity B (item 15), if anything.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        activity_b: Option<String>,
    },
    /// The five-item SRM (Monk et al. 2002).
    #[serde(rename = "srm_5")]
    Srm5,
    /// The IPSRT clinical form (Frank 2005): the SRM-5 items, each with a target time, plus a
    /// People code per entry and a daily mood rating.
    #[serde(rename = "srm_ii_5")]
    SrmII5 {
        /// The target time the patient set for each item.
        #[serde(default)]
        targets: Targets,
    },
}

/// The target times of an SRM-II-5 form, one per item (any may be left blank).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Targets {
    /// Target time to get out of bed.
    #[serde(default)]
    pub out_of_bed: Option<ClockTime>,
    /// Target time of the first contact with another person.
    #[serde(default)]
    pub first_contact: Option<ClockTime>,
    /// Target time to start work, school, volunteer work or family care.
    #[serde(default)]
    pub start_work: Option<ClockTime>,
    /// Target dinner time.
    #[serde(default)]
    pub dinner: Option<ClockTime>,
    /// Target bedtime.
    #[serde(default)]
    pub to_bed: Option<ClockTime>,
}

impl Targets {
    /// The target for an item (`None` for items not on the SRM-II-5 or left blank).
    pub fn get(&self, item: ItemId) -> Option<ClockTime> {
        match item {
            ItemId::OutOfBed => self.out_of_bed,
            ItemId::FirstContact => self.first_contact,
            ItemId::StartWork => self.start_work,
            ItemId::Dinner => self.dinner,
            ItemId::ToBed => self.to_bed,
            _ => None,
        }
    }
}

/// The kind of a form, without its per-diary data (write-ins, targets).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum FormKind {
    /// SRM-17.
    #[serde(rename = "srm_17")]
    Srm17,
    /// SRM-5.
    #[serde(rename = "srm_5")]
    Srm5,
    /// SRM-II-5.
    #[serde(rename = "srm_ii_5")]
    SrmII5,
}

impl FormKind {
    /// The items of this form, in form order.
    pub fn items(self) -> &'static [ItemId] {
        match self {
            FormKind::Srm17 => &ItemId::ALL,
            FormKind::Srm5 | FormKind::SrmII5 => &SRM5_ITEMS,
        }
    }

    /// The stable name (`"srm_17"`, `"srm_5"`, `"srm_ii_5"`).
    pub fn as_str(self) -> &'static str {
        match self {
            FormKind::Srm17 => "srm_17",
            FormKind::Srm5 => "srm_5",
            FormKind::SrmII5 => "srm_ii_5",
        }
    }
}

impl Form {
    /// The SRM-17 form without write-in labels.
    pub fn srm17() -> Form {
        Form::Srm17 { activity_a: None, activity_b: None }
    }

    /// The kind of this form.
    pub fn kind(&self) -> FormKind {
        match self {
            Form::Srm17 { .. } => FormKind::Srm17,
            Form::Srm5 => FormKind::Srm5,
            Form::SrmII5 { .. } => FormKind::SrmII5,
        }
    }

    /// The items of this form, in form order.
    pub fn items(&self) -> &'static [ItemId] {
        self.kind().items()
    }

    /// Whether the item is on this form.
    pub fn has(&self, item: ItemId) -> bool {
        self.items().contains(&item)
    }

    /// The target time for an item (only the SRM-II-5 has targets).
    pub fn target(&self, item: ItemId) -> Option<ClockTime> {
        match self {
            Form::SrmII5 { targets } => targets.get(item),
            _ => None,
        }
    }

    /// Checks the SRM-17 write-in names: each given name is not blank and at most
    /// [`crate::limits::MAX_NAME_CHARS`] characters (leave a write-in out rather than blank).
    ///
    /// ```
    /// use ipsrt::srm::Form;
    /// assert!(Form::Srm17 { activity_a: Some("guitar".into()), activity_b: None }.validate().is_ok());
    /// assert!(Form::Srm17 { activity_a: Some("  ".into()), activity_b: None }.validate().is_err());
    /// ```
    pub fn validate(&self) -> Result<(), super::SrmError> {
        let Form::Srm17 { activity_a, activity_b } = self else { return Ok(()) };
        for (field, name) in [("activity_a", activity_a), ("activity_b", activity_b)] {
            let Some(name) = name else { continue };
            if name.trim().is_empty() {
                return Err(super::SrmError::InvalidWriteIn {
                    field,
                    detail: "is blank: write what the person does, or leave the write-in out (null)".to_owned(),
                });
            }
            crate::limits::check_len("", name, crate::limits::MAX_NAME_CHARS, false)
                .map_err(|detail| super::SrmError::InvalidWriteIn { field, detail: detail.trim_start().to_owned() })?;
        }
        Ok(())
    }

    /// The position of an item on this form, if it is on it.
    pub fn position(&self, item: ItemId) -> Option<usize> {
        self.items().iter().position(|i| *i == item)
    }
}

impl From<FormKind> for Form {
    fn from(kind: FormKind) -> Form {
        match kind {
            FormKind::Srm17 => Form::srm17(),
            FormKind::Srm5 => Form::Srm5,
            FormKind::SrmII5 => Form::SrmII5 { targets: Targets::default() },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms_serde() {
        let f = Form::SrmII5 { targets: Targets { dinner: Some("18:30".parse().unwrap()), ..Targets::default() } };
        let json = serde_json::to_string(&f).unwrap();
        assert_eq!(
            json,
            r#"{"type":"srm_ii_5","targets":{"out_of_bed":null,"first_contact":null,"start_work":null,"dinner":"18:30","to_bed":null}}"#
        );
        assert_eq!(serde_json::from_str::<Form>(&json).unwrap(), f);
        assert_eq!(serde_json::from_str::<Form>(r#"{"type":"srm_17"}"#).unwrap(), Form::srm17());
        assert!(serde_json::from_str::<Form>(r#"{"type":"srm_6"}"#).is_err());
        assert_eq!(Form::srm17().position(ItemId::ToBed), Some(16));
        assert_eq!(Form::Srm5.position(ItemId::Lunch), None);
    }
}
