//! The IPS-25 Supported Employment Fidelity Scale: 25 items rated 1–5, total 25–125, and its
//! four bands.
//!
//! Item names are stored; the anchor texts of the scale are copyrighted (Fidelity Review
//! Manual) and are supplied by the host through [`AnchorTexts`].

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::IpsError;
use crate::persist::Persist;
use crate::source::{Cited, Evidence, Source};

/// The three sections of the scale.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FidelitySection {
    /// Items 1–3.
    Staffing,
    /// Items 4–11.
    Organisation,
    /// Items 12–25.
    Services,
}

macro_rules! items {
    ($( $n:literal $var:ident $sec:ident $name:literal ),* $(,)?) => {
        /// One of the 25 items of the IPS-25 (names per docs/ips.md#fidelity, from the 2008/2019 scale).
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum FidelityItem {
            $( #[doc = concat!("Item ", $n, ": ", $name, ".")] $var, )*
        }

        /// The 25 items in scale order.
        pub const FIDELITY_ITEMS: [FidelityItem; 25] = [ $( FidelityItem::$var, )* ];

        impl FidelityItem {
            /// 1-based item number.
            pub fn number(self) -> u8 {
                match self { $( FidelityItem::$var => $n, )* }
            }
            /// The section the item belongs to.
            pub fn section(self) -> FidelitySection {
                match self { $( FidelityItem::$var => FidelitySection::$sec, )* }
            }
            /// The item's name.
            pub fn name(self) -> &'static str {
                match self { $( FidelityItem::$var => $name, )* }
            }
        }
    };
}

items! {
    1 CaseloadSize Staffing "Caseload size",
    2 EmploymentServicesStaff Staffing "Employment services staff",
    3 VocationalGeneralists Staffing "Vocational generalists",
    4 IntegrationTeamAssignment Organisation "Integration of rehabilitation with mental health treatment through team assignment",
    5 IntegrationTeamContact Organisation "Integration of rehabilitation with mental health treatment through frequent team member contact",
    6 CollaborationWithVr Organisation "Collaboration between employment specialists and Vocational Rehabilitation counsellors",
    7 VocationalUnit Organisation "Vocational unit",
    8 EmploymentSupervisorRole Organisation "Role of employment supervisor",
    9 ZeroExclusion Organisation "Zero exclusion criteria",
    10 AgencyFocusCompetitiveEmployment Organisation "Agency focus on competitive employment",
    11 ExecutiveTeamSupport Organisation "Executive team support for supported employment",
    12 WorkIncentivesPlanning Services "Work incentives planning",
    13 Disclosure Services "Disclosure",
    14 WorkBasedAssessment Services "Ongoing, work-based vocational assessment",
    15 RapidJobSearch Services "Rapid job search for competitive job",
    16 IndividualisedJobSearch Services "Individualised job search",
    17 JobDevelopmentFrequentContact Services "Job development: frequent employer contact",
    18 JobDevelopmentQualityContact Services "Job development: quality of employer contact",
    19 DiversityOfJobTypes Services "Diversity of job types",
    20 DiversityOfEmployers Services "Diversity of employers",
    21 CompetitiveJobs Services "Competitive jobs",
    22 IndividualisedFollowAlong Services "Individualised follow-along supports",
    23 TimeUnlimitedFollowAlong Services "Time-unlimited follow-along supports",
    24 CommunityBasedServices Services "Community-based services",
    25 AssertiveEngagement Services "Assertive engagement and outreach by integrated treatment team",
}

impl FidelityItem {
    /// The item with a given 1-based number.
    pub fn from_number(n: u8) -> Option<Self> {
        FIDELITY_ITEMS.get(usize::from(n).checked_sub(1)?).copied()
    }
}

/// A complete IPS-25 rating: each of the 25 items rated 1–5. Constructing one checks that
/// every item is present once and in range, so a value that exists can always be scored.
///
/// JSON form: an object from item name to rating, `{"caseload_size": 5, "employment_services_staff": 4, ...}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "BTreeMap<FidelityItem, u8>", into = "BTreeMap<FidelityItem, u8>")]
pub struct FidelityRatings([u8; 25]);

impl FidelityRatings {
    /// Ratings in scale order (item 1 first).
    pub fn from_array(ratings: [u8; 25]) -> Result<Self, IpsError> {
        for (item, r) in FIDELITY_ITEMS.iter().zip(ratings) {
            if !(1..=5).contains(&r) {
                return Err(IpsError::RatingOutOfRange { item: *item, rating: i64::from(r) });
            }
        }
        Ok(FidelityRatings(ratings))
    }

    /// Ratings given per item; every item must be present.
    pub fn from_items(ratings: impl IntoIterator<Item = (FidelityItem, u8)>) -> Result<Self, IpsError> {
        let mut out = [0u8; 25];
        for (item, r) in ratings {
            let slot =
                out.get_mut(usize::from(item.number()) - 1).ok_or(IpsError::MissingItems { missing: vec![item] })?;
            if *slot != 0 {
                return Err(IpsError::DuplicateItem { item });
            }
            if !(1..=5).contains(&r) {
                return Err(IpsError::RatingOutOfRange { item, rating: i64::from(r) });
            }
            *slot = r;
        }
        let missing: Vec<FidelityItem> =
            FIDELITY_ITEMS.iter().zip(out).filter(|(_, r)| *r == 0).map(|(i, _)| *i).collect();
        if !missing.is_empty() {
            return Err(IpsError::MissingItems { missing });
        }
        Ok(FidelityRatings(out))
    }

    /// The rating of one item.
    pub fn rating(&self, item: FidelityItem) -> u8 {
        self.0.get(usize::from(item.number()) - 1).copied().unwrap_or(0)
    }

    /// Ratings in scale order.
    pub fn as_array(&self) -> &[u8; 25] {
        &self.0
    }

    /// The raw score: the total and the per-section sums (no interpretation).
    pub fn score(&self) -> FidelityScore {
        let mut s = FidelityScore { total: 0, staffing: 0, organisation: 0, services: 0 };
        for (item, r) in FIDELITY_ITEMS.iter().zip(self.0) {
            let r = u32::from(r);
            s.total += r;
            match item.section() {
                FidelitySection::Staffing => s.staffing += r,
                FidelitySection::Organisation => s.organisation += r,
                FidelitySection::Services => s.services += r,
            }
        }
        s
    }

    /// Items on which two reviewers' ratings differ, with both ratings (the scale is rated by
    /// at least two reviewers who then agree a consensus rating).
    pub fn disagreements(&self, other: &FidelityRatings) -> Vec<(FidelityItem, u8, u8)> {
        FIDELITY_ITEMS
            .iter()
            .zip(self.0.iter().zip(other.0))
            .filter(|(_, (a, b))| **a != *b)
            .map(|(i, (a, b))| (*i, *a, b))
            .collect()
    }

    /// Items rated below `threshold` (for an improvement plan), in scale order.
    pub fn items_below(&self, threshold: u8) -> Vec<FidelityItem> {
        FIDELITY_ITEMS.iter().zip(self.0).filter(|(_, r)| *r < threshold).map(|(i, _)| *i).collect()
    }
}

impl TryFrom<BTreeMap<FidelityItem, u8>> for FidelityRatings {
    type Error = IpsError;
    fn try_from(m: BTreeMap<FidelityItem, u8>) -> Result<Self, IpsError> {
        FidelityRatings::from_items(m)
    }
}

impl From<FidelityRatings> for BTreeMap<FidelityItem, u8> {
    fn from(r: FidelityRatings) -> Self {
        FIDELITY_ITEMS.iter().copied().zip(r.0).collect()
    }
}

/// The raw IPS-25 score.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct FidelityScore {
    /// Total, 25–125.
    pub total: u32,
    /// Items 1–3, 3–15.
    pub staffing: u32,
    /// Items 4–11, 8–40.
    pub organisation: u32,
    /// Items 12–25, 14–70.
    pub services: u32,
}

/// The interpretation band of an IPS-25 total.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FidelityBand {
    /// 115–125.
    Exemplary,
    /// 100–114.
    Good,
    /// 74–99.
    Fair,
    /// ≤ 73: not supported employment.
    NotSupportedEmployment,
}

/// The lower bounds of the bands (exemplary, good, fair); below fair is "not supported employment".
pub const FIDELITY_BAND_LOWER_BOUNDS: Cited<[u32; 3]> = Cited::new(
    [115, 100, 74],
    Source::new(
        "BECKER-2019",
        "IPS-25 total: 115–125 exemplary, 100–114 good, 74–99 fair, ≤ 73 not supported employment (fair 74–99 verified in the UK version)",
        Evidence::ManualRecalled,
    ),
);

impl FidelityBand {
    /// The band of a total; totals outside 25–125 cannot come from the scale and are rejected.
    pub fn for_total(total: u32) -> Result<Self, IpsError> {
        if !(25..=125).contains(&total) {
            return Err(IpsError::TotalOutOfRange { total });
        }
        let [exemplary, good, fair] = FIDELITY_BAND_LOWER_BOUNDS.value;
        Ok(if total >= exemplary {
            FidelityBand::Exemplary
        } else if total >= good {
            FidelityBand::Good
        } else if total >= fair {
            FidelityBand::Fair
        } else {
            FidelityBand::NotSupportedEmployment
        })
    }

    /// Human-readable label.
    pub fn label(self) -> &'static str {
        match self {
            FidelityBand::Exemplary => "exemplary fidelity",
            FidelityBand::Good => "good fidelity",
            FidelityBand::Fair => "fair fidelity",
            FidelityBand::NotSupportedEmployment => "not supported employment",
        }
    }
}

/// The rating of item 1 (caseload size) for a number of clients per full-time employment
/// specialist: 5 = ≤ 20, 4 = 21–25, 3 = 26–30, 2 = 31–40, 1 = ≥ 41 (clients per FTE rounded up).
pub fn caseload_size_rating(clients: u32, specialists_fte: f64) -> Result<u8, IpsError> {
    if !(specialists_fte.is_finite() && specialists_fte > 0.0) {
        return Err(IpsError::InvalidFte { fte: specialists_fte });
    }
    let per = (f64::from(clients) / specialists_fte).ceil();
    Ok(match per {
        p if p <= 20.0 => 5,
        p if p <= 25.0 => 4,
        p if p <= 30.0 => 3,
        p if p <= 40.0 => 2,
        _ => 1,
    })
}

/// Source of [`caseload_size_rating`].
pub const CASELOAD_SIZE_ANCHORS: Source = Source::new(
    "BECKER-2019",
    "item 1: 5 = ≤ 20 per FTE ES; 4 = 21–25; 3 = 26–30; 2 = 31–40; 1 = ≥ 41 (UK version)",
    Evidence::Verified,
);

/// Anchor texts for the items, supplied by the host (the scale's texts are copyrighted):
/// item → rating (1–5) → text.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(
    try_from = "BTreeMap<FidelityItem, BTreeMap<u8, String>>",
    into = "BTreeMap<FidelityItem, BTreeMap<u8, String>>"
)]
pub struct AnchorTexts(BTreeMap<FidelityItem, BTreeMap<u8, String>>);

impl AnchorTexts {
    /// Checks that every rating key is 1–5.
    pub fn new(texts: BTreeMap<FidelityItem, BTreeMap<u8, String>>) -> Result<Self, IpsError> {
        for (item, m) in &texts {
            if let Some(bad) = m.keys().find(|k| !(1..=5).contains(*k)) {
                return Err(IpsError::RatingOutOfRange { item: *item, rating: i64::from(*bad) });
            }
        }
        Ok(AnchorTexts(texts))
    }

    /// The text for an item's rating, when supplied.
    pub fn text(&self, item: FidelityItem, rating: u8) -> Option<&str> {
        self.0.get(&item)?.get(&rating).map(String::as_str)
    }
}

impl TryFrom<BTreeMap<FidelityItem, BTreeMap<u8, String>>> for AnchorTexts {
    type Error = IpsError;
    fn try_from(m: BTreeMap<FidelityItem, BTreeMap<u8, String>>) -> Result<Self, IpsError> {
        AnchorTexts::new(m)
    }
}

impl From<AnchorTexts> for BTreeMap<FidelityItem, BTreeMap<u8, String>> {
    fn from(a: AnchorTexts) -> Self {
        a.0
    }
}

/// A fidelity review of one programme: who, when, the consensus ratings and optional anchors.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FidelityReview {
    /// The programme or site reviewed.
    #[serde(default)]
    pub site: Option<String>,
    /// The date of the review.
    #[serde(default)]
    pub date: Option<NaiveDate>,
    /// The consensus ratings.
    pub ratings: FidelityRatings,
    /// Host-supplied anchor texts, for reports.
    #[serde(default)]
    pub anchors: AnchorTexts,
}

impl Persist for FidelityReview {
    const SCHEMA: &'static str = "ipsrt.ips_fidelity_review";
    const VERSION: u32 = 1;
}

/// A scored review: the raw score and, separately, its band.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FidelityReport {
    /// The raw score.
    pub score: FidelityScore,
    /// The interpretation of the total.
    pub band: FidelityBand,
    /// Where the band thresholds come from.
    pub band_source: Source,
    /// Items rated below 4 (candidates for the improvement plan), in scale order.
    pub items_below_4: Vec<FidelityItem>,
}

impl FidelityReview {
    /// Scores the review and interprets the total.
    pub fn report(&self) -> Result<FidelityReport, IpsError> {
        let score = self.ratings.score();
        Ok(FidelityReport {
            score,
            band: FidelityBand::for_total(score.total)?,
            band_source: FIDELITY_BAND_LOWER_BOUNDS.source.clone(),
            items_below_4: self.ratings.items_below(4),
        })
    }
}
