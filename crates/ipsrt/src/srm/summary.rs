//! People-code and mood summaries of a week. **Project-defined, not part of the SRM**: the SRM
//! and ALI use timings and occurrences only (docs/srm.md#forms); these are descriptive aids for the
//! clinical review of social stimulation and mood.
//!
//! ```
//! use ipsrt::srm::summary::summarize;
//! use ipsrt::srm::{Form, ItemId, Mood, PeopleCode, Status, Week};
//!
//! let mut w = Week::new(Form::Srm5, "2026-01-05".parse()?);
//! w.set(ItemId::Dinner, 0, Status::Done("18:30".parse()?))?;
//! w.set_people(ItemId::Dinner, 0, Some(PeopleCode::OthersVeryStimulating))?;
//! w.set_mood(0, Some(Mood::new(2)?))?;
//! w.set_mood(1, Some(Mood::new(-1)?))?;
//! let s = summarize(&w);
//! assert_eq!(s.mood_mean, Some(0.5));
//! assert_eq!(s.share_people_2_or_more, Some(1.0));
//! assert_eq!(s.label, "project-defined; not part of the SRM");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use serde::{Deserialize, Serialize};

use super::{ItemId, Week};

/// Mean People code of one item over its coded occurrences.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ItemPeople {
    /// The item.
    pub item: ItemId,
    /// Occurrences with a People code.
    pub coded: u8,
    /// Mean code (0 alone … 3 others very stimulating).
    pub mean: f64,
}

/// People and mood summary of one week (project-defined).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WeekSummary {
    /// Always "project-defined; not part of the SRM".
    pub label: String,
    /// Mean People code per item (items with at least one coded occurrence).
    pub people_by_item: Vec<ItemPeople>,
    /// Share of coded occurrences with code ≥ 2 (others actively involved or very stimulating).
    pub share_people_2_or_more: Option<f64>,
    /// Days with a mood rating.
    pub mood_days: u8,
    /// Mean daily mood.
    pub mood_mean: Option<f64>,
    /// Lowest daily mood.
    pub mood_min: Option<i8>,
    /// Highest daily mood.
    pub mood_max: Option<i8>,
}

/// Summarises People codes (of done occurrences) and daily moods.
pub fn summarize(week: &Week) -> WeekSummary {
    let mut by_item = Vec::new();
    let (mut coded, mut high) = (0u32, 0u32);
    for iw in week.items() {
        let codes: Vec<u8> = iw
            .days
            .iter()
            .zip(&iw.people)
            .filter(|(s, _)| s.is_done())
            .filter_map(|(_, p)| p.map(|p| p.code()))
            .collect();
        if !codes.is_empty() {
            coded += codes.len() as u32;
            high += codes.iter().filter(|c| **c >= 2).count() as u32;
            let mean = codes.iter().map(|c| f64::from(*c)).sum::<f64>() / codes.len() as f64;
            by_item.push(ItemPeople { item: iw.item, coded: codes.len() as u8, mean });
        }
    }
    let moods: Vec<i8> = week.mood().iter().flatten().map(|m| m.value()).collect();
    WeekSummary {
        label: "project-defined; not part of the SRM".to_owned(),
        people_by_item: by_item,
        share_people_2_or_more: (coded > 0).then(|| f64::from(high) / f64::from(coded)),
        mood_days: moods.len() as u8,
        mood_mean: (!moods.is_empty()).then(|| moods.iter().map(|m| f64::from(*m)).sum::<f64>() / moods.len() as f64),
        mood_min: moods.iter().copied().min(),
        mood_max: moods.iter().copied().max(),
    }
}
