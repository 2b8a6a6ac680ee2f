//! Recurrence risk by number of prior episodes, always with its source.
//!
//! Sources disagree, so the library keeps every published figure side
//! by side and never returns a bare number: each [`RecurrenceRisk`] carries its [`RiskBasis`],
//! the population and time horizon it applies to, and a [`Source`].
//!
//! ```
//! use ipsrt::relapse::{recurrence_risk, recurrence_risks, RiskBasis};
//!
//! let seed = recurrence_risk(RiskBasis::SeedS2, 2)?;
//! assert_eq!(seed.percent, 80);
//! assert_eq!(seed.source.key, "S2");
//!
//! let lit = recurrence_risk(RiskBasis::Literature, 2)?;
//! assert_eq!(lit.percent, 70);
//! // Every figure that applies to a person with two prior depressive episodes, each labelled:
//! assert!(recurrence_risks(2).iter().all(|r| !r.source.key.is_empty()));
//! // The seed is silent after three episodes: that is an error, not a guess.
//! assert!(recurrence_risk(RiskBasis::SeedS2, 3).is_err());
//! # Ok::<(), ipsrt::relapse::RelapseError>(())
//! ```

use serde::{Deserialize, Serialize};

use super::RelapseError;
use crate::source::{Cited, Evidence, Source};

/// Which published set of figures a recurrence risk comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RiskBasis {
    /// Seed S2 (Spaarne patient leaflet): 50 % after one episode, 80 % after two.
    SeedS2,
    /// The commonly cited clinical figures (attributed to NIMH and APA guidelines):
    /// ≈ 50 % after one episode, ≈ 70 % after two, ≈ 90 % after three or more.
    Literature,
    /// Bipolar disorder despite maintenance medication: 73 % over 5 years (Gitlin et al. 1995).
    Bipolar,
    /// General-population cohort (Hardeveld et al. 2013): 13 % at 5, 23 % at 10, 42 % at 20 years.
    Population,
}

impl RiskBasis {
    /// Every basis, in the order the library lists them.
    pub const ALL: [RiskBasis; 4] =
        [RiskBasis::SeedS2, RiskBasis::Literature, RiskBasis::Bipolar, RiskBasis::Population];
}

/// The diagnosis a figure applies to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RiskPopulation {
    /// Major depressive disorder treated in clinical care.
    Depression,
    /// Major depression in the general population (not a treated sample).
    GeneralPopulationDepression,
    /// Bipolar disorder on maintenance medication.
    Bipolar,
}

/// Over what time the risk is stated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum RiskHorizon {
    /// The source gives no time horizon ("the chance of a new episode").
    Unstated,
    /// Within this many years.
    Years {
        /// Number of years.
        years: u8,
    },
}

/// How many prior episodes a figure applies to: `min..=max` (no `max`: "or more").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct PriorEpisodes {
    /// Fewest prior episodes the figure applies to.
    pub min: u32,
    /// Most prior episodes the figure applies to; `None` means "or more".
    pub max: Option<u32>,
}

impl PriorEpisodes {
    /// Whether `n` prior episodes fall in this range.
    pub fn contains(&self, n: u32) -> bool {
        n >= self.min && self.max.is_none_or(|m| n <= m)
    }
}

/// One published recurrence-risk figure with everything needed to present it honestly.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct RecurrenceRisk {
    /// The chance of a new episode, in percent (0–100).
    pub percent: u8,
    /// Which set of figures this is.
    pub basis: RiskBasis,
    /// Which prior-episode counts it applies to.
    pub prior_episodes: PriorEpisodes,
    /// The diagnosis it applies to.
    pub population: RiskPopulation,
    /// The time horizon.
    pub horizon: RiskHorizon,
    /// Where it comes from.
    pub source: Source,
}

impl RecurrenceRisk {
    /// The percentage as a [`Cited`] value.
    pub fn cited(&self) -> Cited<u8> {
        Cited::new(self.percent, self.source.clone())
    }
}

impl std::fmt::Display for RecurrenceRisk {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} %", self.percent)?;
        if let RiskHorizon::Years { years } = self.horizon {
            write!(f, " within {years} years")?;
        }
        write!(f, " [{}]", self.source)
    }
}

const fn fig(
    percent: u8,
    basis: RiskBasis,
    min: u32,
    max: Option<u32>,
    population: RiskPopulation,
    horizon: RiskHorizon,
    source: Source,
) -> RecurrenceRisk {
    RecurrenceRisk { percent, basis, prior_episodes: PriorEpisodes { min, max }, population, horizon, source }
}

const S2: &str = "\"after 1 episode the chance of a new one is 50 %; after 2 episodes, 80 %\"";
const LIT: &str = "≈ 50 % after one episode, ≈ 70 % after two, ≈ 90 % after three (NIMH/APA, secondary sources)";
const GITLIN: &str = "5-year relapse risk 73 % despite maintenance medication";
const HARDEVELD: &str = "general population: 13 % at 5 years, 23 % at 10, 42 % at 20";

/// Every recurrence figure the library knows, each with its source.
pub fn recurrence_figures() -> Vec<RecurrenceRisk> {
    use RiskBasis as B;
    use RiskHorizon::{Unstated, Years};
    use RiskPopulation as P;
    vec![
        fig(50, B::SeedS2, 1, Some(1), P::Depression, Unstated, Source::new("S2", S2, Evidence::Seed)),
        fig(80, B::SeedS2, 2, Some(2), P::Depression, Unstated, Source::new("S2", S2, Evidence::Seed)),
        fig(
            50,
            B::Literature,
            1,
            Some(1),
            P::Depression,
            Unstated,
            Source::new("NIMH-APA", LIT, Evidence::ManualRecalled),
        ),
        fig(
            70,
            B::Literature,
            2,
            Some(2),
            P::Depression,
            Unstated,
            Source::new("NIMH-APA", LIT, Evidence::ManualRecalled),
        ),
        fig(
            90,
            B::Literature,
            3,
            None,
            P::Depression,
            Unstated,
            Source::new("NIMH-APA", LIT, Evidence::ManualRecalled),
        ),
        fig(
            73,
            B::Bipolar,
            1,
            None,
            P::Bipolar,
            Years { years: 5 },
            Source::new("GITLIN-1995", GITLIN, Evidence::Verified),
        ),
        fig(
            13,
            B::Population,
            1,
            None,
            P::GeneralPopulationDepression,
            Years { years: 5 },
            Source::new("HARDEVELD-2013", HARDEVELD, Evidence::Verified),
        ),
        fig(
            23,
            B::Population,
            1,
            None,
            P::GeneralPopulationDepression,
            Years { years: 10 },
            Source::new("HARDEVELD-2013", HARDEVELD, Evidence::Verified),
        ),
        fig(
            42,
            B::Population,
            1,
            None,
            P::GeneralPopulationDepression,
            Years { years: 20 },
            Source::new("HARDEVELD-2013", HARDEVELD, Evidence::Verified),
        ),
    ]
}

/// The figure of one basis for `prior_episodes` prior episodes.
///
/// Where a basis gives several horizons (the population cohort), the shortest is returned; use
/// [`recurrence_figures`] for all of them.
///
/// # Errors
/// [`RelapseError::NoPriorEpisode`] when `prior_episodes` is 0 (recurrence needs an episode),
/// [`RelapseError::NoRiskFigure`] when the basis states no figure for that count (seed S2 is
/// silent after two episodes).
pub fn recurrence_risk(basis: RiskBasis, prior_episodes: u32) -> Result<RecurrenceRisk, RelapseError> {
    if prior_episodes == 0 {
        return Err(RelapseError::NoPriorEpisode);
    }
    recurrence_figures()
        .into_iter()
        .find(|f| f.basis == basis && f.prior_episodes.contains(prior_episodes))
        .ok_or(RelapseError::NoRiskFigure { basis, prior_episodes })
}

/// Every figure, of every basis, that applies to `prior_episodes` prior episodes (empty for 0).
pub fn recurrence_risks(prior_episodes: u32) -> Vec<RecurrenceRisk> {
    if prior_episodes == 0 {
        return Vec::new();
    }
    recurrence_figures().into_iter().filter(|f| f.prior_episodes.contains(prior_episodes)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seed_and_literature_figures() {
        assert_eq!(recurrence_risk(RiskBasis::SeedS2, 1).unwrap().percent, 50);
        assert_eq!(recurrence_risk(RiskBasis::SeedS2, 2).unwrap().percent, 80);
        assert!(matches!(
            recurrence_risk(RiskBasis::SeedS2, 3),
            Err(RelapseError::NoRiskFigure { basis: RiskBasis::SeedS2, prior_episodes: 3 })
        ));
        let lit: Vec<u8> = (1..=5).map(|n| recurrence_risk(RiskBasis::Literature, n).unwrap().percent).collect();
        assert_eq!(lit, vec![50, 70, 90, 90, 90]);
        let bip = recurrence_risk(RiskBasis::Bipolar, 4).unwrap();
        assert_eq!((bip.percent, bip.horizon), (73, RiskHorizon::Years { years: 5 }));
        assert_eq!(recurrence_risk(RiskBasis::Literature, 0), Err(RelapseError::NoPriorEpisode));
    }

    #[test]
    fn every_figure_has_a_known_source() {
        for f in recurrence_figures() {
            assert!(f.source.reference().is_some(), "{} has no bibliography entry", f.source.key);
            assert!(f.percent <= 100);
            assert!(f.to_string().contains('%'));
        }
    }
}
