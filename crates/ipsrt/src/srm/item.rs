//! The SRM items (activities): stable ids, their SRM-17 numbers and the form wording.
//!
//! ```
//! use ipsrt::srm::ItemId;
//!
//! let bed: ItemId = "to_bed".parse()?;
//! assert_eq!(bed.number(), 17);
//! assert_eq!("17".parse::<ItemId>()?, bed);
//! assert_eq!(ItemId::from_number(9), Some(ItemId::Dinner));
//! assert_eq!(bed.as_str(), "to_bed");
//! # Ok::<(), ipsrt::Error>(())
//! ```

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use super::SrmError;

/// One SRM activity, identified by a stable snake_case id and numbered as on the SRM-17 form
/// (Monk et al. 1990; numbering of items 1, 2, 6, 9 and 17 checked against the RAY fixtures).
///
/// The enum's order is the SRM-17 order, which is also the order of the SRM-5 items.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[repr(u8)]
pub enum ItemId {
    /// 1. Out of bed.
    OutOfBed = 1,
    /// 2. First contact (in person or by telephone) with another person.
    FirstContact = 2,
    /// 3. Have morning beverage.
    MorningBeverage = 3,
    /// 4. Have breakfast.
    Breakfast = 4,
    /// 5. Go outside for the first time.
    GoOutside = 5,
    /// 6. Start work, school, housework, volunteer activities, child or family care.
    StartWork = 6,
    /// 7. Have lunch.
    Lunch = 7,
    /// 8. Take an afternoon nap.
    AfternoonNap = 8,
    /// 9. Have dinner.
    Dinner = 9,
    /// 10. Physical exercise.
    Exercise = 10,
    /// 11. Have an evening snack/drink.
    EveningSnack = 11,
    /// 12. Watch evening TV news program.
    EveningNews = 12,
    /// 13. Watch another TV program.
    OtherTv = 13,
    /// 14. Activity A (write-in).
    ActivityA = 14,
    /// 15. Activity B (write-in).
    ActivityB = 15,
    /// 16. Return home (last time).
    ReturnHome = 16,
    /// 17. Go to bed.
    ToBed = 17,
}

impl ItemId {
    /// All 17 items in SRM-17 order.
    pub const ALL: [ItemId; 17] = [
        ItemId::OutOfBed,
        ItemId::FirstContact,
        ItemId::MorningBeverage,
        ItemId::Breakfast,
        ItemId::GoOutside,
        ItemId::StartWork,
        ItemId::Lunch,
        ItemId::AfternoonNap,
        ItemId::Dinner,
        ItemId::Exercise,
        ItemId::EveningSnack,
        ItemId::EveningNews,
        ItemId::OtherTv,
        ItemId::ActivityA,
        ItemId::ActivityB,
        ItemId::ReturnHome,
        ItemId::ToBed,
    ];

    /// The item's number on the SRM-17 form, `1..=17`.
    pub fn number(self) -> u8 {
        self as u8
    }

    /// The item with this SRM-17 number, if `1..=17`.
    pub fn from_number(number: u8) -> Option<ItemId> {
        ItemId::ALL.get(usize::from(number).checked_sub(1)?).copied()
    }

    /// The stable id, for example `"out_of_bed"`.
    pub fn as_str(self) -> &'static str {
        match self {
            ItemId::OutOfBed => "out_of_bed",
            ItemId::FirstContact => "first_contact",
            ItemId::MorningBeverage => "morning_beverage",
            ItemId::Breakfast => "breakfast",
            ItemId::GoOutside => "go_outside",
            ItemId::StartWork => "start_work",
            ItemId::Lunch => "lunch",
            ItemId::AfternoonNap => "afternoon_nap",
            ItemId::Dinner => "dinner",
            ItemId::Exercise => "exercise",
            ItemId::EveningSnack => "evening_snack",
            ItemId::EveningNews => "evening_news",
            ItemId::OtherTv => "other_tv",
            ItemId::ActivityA => "activity_a",
            ItemId::ActivityB => "activity_b",
            ItemId::ReturnHome => "return_home",
            ItemId::ToBed => "to_bed",
        }
    }

    /// The activity as worded on the SRM-17 form (wording is from secondary sources, see
    /// `docs/srm.md`).
    pub fn label(self) -> &'static str {
        match self {
            ItemId::OutOfBed => "Out of bed",
            ItemId::FirstContact => "First contact (in person or by telephone) with another person",
            ItemId::MorningBeverage => "Have morning beverage",
            ItemId::Breakfast => "Have breakfast",
            ItemId::GoOutside => "Go outside for the first time",
            ItemId::StartWork => "Start work, school, housework, volunteer activities, child or family care",
            ItemId::Lunch => "Have lunch",
            ItemId::AfternoonNap => "Take an afternoon nap",
            ItemId::Dinner => "Have dinner",
            ItemId::Exercise => "Physical exercise",
            ItemId::EveningSnack => "Have an evening snack/drink",
            ItemId::EveningNews => "Watch evening TV news program",
            ItemId::OtherTv => "Watch another TV program",
            ItemId::ActivityA => "Activity A (write-in)",
            ItemId::ActivityB => "Activity B (write-in)",
            ItemId::ReturnHome => "Return home (last time)",
            ItemId::ToBed => "Go to bed",
        }
    }
}

impl fmt::Display for ItemId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for ItemId {
    type Err = SrmError;

    /// Parses a stable id (`"to_bed"`) or an SRM-17 number (`"17"`).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let t = s.trim();
        if let Ok(n) = t.parse::<u8>() {
            return ItemId::from_number(n).ok_or_else(|| SrmError::UnknownItem { text: s.to_owned() });
        }
        ItemId::ALL
            .iter()
            .copied()
            .find(|i| i.as_str() == t)
            .ok_or_else(|| SrmError::UnknownItem { text: s.to_owned() })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_round_trip() {
        for (i, item) in ItemId::ALL.iter().enumerate() {
            assert_eq!(usize::from(item.number()), i + 1);
            assert_eq!(ItemId::from_number(item.number()), Some(*item));
            assert_eq!(item.as_str().parse::<ItemId>().unwrap(), *item);
            assert_eq!(serde_json::to_string(item).unwrap(), format!("\"{}\"", item.as_str()));
        }
        assert_eq!(ItemId::from_number(0), None);
        assert_eq!(ItemId::from_number(18), None);
        assert!("bedtime".parse::<ItemId>().is_err());
        assert!("0".parse::<ItemId>().is_err());
    }
}
