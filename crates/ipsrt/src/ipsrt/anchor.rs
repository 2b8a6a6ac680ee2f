//! The rhythm anchors of IPSRT are SRM items: the plan, doses and reminders hang on
//! [`crate::srm::ItemId`]s, usually the five SRM-5 anchors.

use crate::srm::ItemId;

/// A rhythm anchor: an SRM item (usually one of [`SRM5_ANCHORS`]). Same type as the SRM
/// engine's item id, so plan targets and diary entries line up without conversion.
pub type Anchor = ItemId;

/// The five SRM-5 anchors in the order of the day (Monk, Frank, Potts & Kupfer 2002): out of
/// bed, first contact, start of work/activity, dinner, to bed.
pub const SRM5_ANCHORS: [Anchor; 5] =
    [ItemId::OutOfBed, ItemId::FirstContact, ItemId::StartWork, ItemId::Dinner, ItemId::ToBed];
