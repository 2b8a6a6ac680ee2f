//! PHQ-9 (Kroenke, Spitzer & Williams 2001): items, wording, LOINC codes, bands, the
//! depressive-syndrome algorithm and the item-9 safety flag.
//!
//! Free to reproduce ("no permission required", Pfizer). Total 0–27; bands 0–4 / 5–9 / 10–14 /
//! 15–19 / 20–27. The difficulty item (LOINC 69722-7) is recorded but not scored.
//!
//! **Item 9 safety flag** (`item9_positive`): any answer ≥ 1 to item 9 raises it, whatever the
//! total and whatever the missing-data policy. It is a raw fact; what to do about it (a crisis
//! workflow) is the caller's or the alert machine's decision.
//!
//! ```
//! use ipsrt::measures::phq9;
//! use ipsrt::measures::score::FlagState;
//!
//! // Item 9 at 1 with three other items missing: no total under the default (strict) policy,
//! // but the flag is raised.
//! let s = phq9::score_ordered(&[Some(0), None, Some(0), None, Some(0), None, Some(0), Some(0), Some(1)], None)?;
//! assert_eq!(s.total, None);
//! assert_eq!(s.flag(phq9::ITEM9_FLAG), Some(FlagState::Raised));
//! # Ok::<(), ipsrt::Error>(())
//! ```

use crate::measures::MeasureError;
use crate::measures::instrument::{
    AnswerOption, Band, BandScheme, ChangeRules, Cutoff, FlagDef, FlagRule, Instrument, InstrumentId, Item,
    ItemAtLeast, Licence, builtin,
};
use crate::measures::policy::MissingPolicy;
use crate::measures::safety::{self, SafetyLevel};
use crate::measures::score::{Answers, Score, ScoreOptions, score};
use crate::source::{Cited, Evidence, Source};

/// Id of the item-9 safety flag.
pub const ITEM9_FLAG: &str = "item9_positive";
/// Id of the item-9 safety rule (see [`crate::measures::safety`]).
pub const ITEM9_SAFETY: &str = "phq9_item9";
/// Id of the major depressive syndrome flag.
pub const MAJOR_SYNDROME_FLAG: &str = "major_depressive_syndrome";
/// Id of the other depressive syndrome flag.
pub const OTHER_SYNDROME_FLAG: &str = "other_depressive_syndrome";
/// Id of the (unscored) difficulty item.
pub const DIFFICULTY_ITEM: &str = "phq9_difficulty";

/// LOINC codes of items 1–9 in form order.
pub const ITEM_LOINC: [&str; 9] =
    ["44250-9", "44255-8", "44259-0", "44254-1", "44251-7", "44258-2", "44252-5", "44253-3", "44260-8"];

const ITEM_TEXT: [&str; 9] = [
    "Little interest or pleasure in doing things",
    "Feeling down, depressed, or hopeless",
    "Trouble falling or staying asleep, or sleeping too much",
    "Feeling tired or having little energy",
    "Poor appetite or overeating",
    "Feeling bad about yourself — or that you are a failure or have let yourself or your family down",
    "Trouble concentrating on things, such as reading the newspaper or watching television",
    "Moving or speaking so slowly that other people could have noticed? Or the opposite — being so fidgety or restless that you have been moving around a lot more than usual",
    "Thoughts that you would be better off dead or of hurting yourself in some way",
];

const TOPICS: [&str; 9] = [
    "anhedonia",
    "depressed_mood",
    "sleep",
    "energy",
    "appetite",
    "self_worth",
    "concentration",
    "psychomotor",
    "self_harm_thoughts",
];

fn src(locator: &'static str, evidence: Evidence) -> Source {
    Source::new("KSW-2001", locator, evidence)
}

/// The four frequency options (0 = not at all … 3 = nearly every day) with their LOINC answer
/// codes, shared by PHQ-9, PHQ-9 Modified for Teens and GAD-7.
pub(crate) fn frequency_options() -> Vec<AnswerOption> {
    [
        ("Not at all", "LA6568-5"),
        ("Several days", "LA6569-3"),
        ("More than half the days", "LA6570-1"),
        ("Nearly every day", "LA6571-9"),
    ]
    .iter()
    .zip(0..)
    .map(|(&(label, code), value)| AnswerOption { value, label: Some(label.into()), loinc: Some(code.into()) })
    .collect()
}

/// The four difficulty options of the unscored functional item with their LOINC answer codes.
pub(crate) fn difficulty_options() -> Vec<AnswerOption> {
    [
        ("Not difficult at all", "LA6572-7"),
        ("Somewhat difficult", "LA6573-5"),
        ("Very difficult", "LA6575-0"),
        ("Extremely difficult", "LA6574-3"),
    ]
    .iter()
    .zip(0..)
    .map(|(&(label, code), value)| AnswerOption { value, label: Some(label.into()), loinc: Some(code.into()) })
    .collect()
}

fn item_id(n: usize) -> String {
    format!("phq9_{n}")
}

/// Builds the PHQ-9 definition (use [`builtin`] for the shared copy).
pub fn definition() -> Instrument {
    let mut items: Vec<Item> = (0..9)
        .map(|i| Item {
            id: item_id(i + 1),
            number: (i + 1) as u8,
            loinc: ITEM_LOINC.get(i).map(|s| (*s).to_string()),
            min: 0,
            max: 3,
            scored: true,
            text: ITEM_TEXT.get(i).map(|s| (*s).to_string()),
            topic: TOPICS.get(i).map_or_else(String::new, |s| (*s).to_string()),
            options: frequency_options(),
            reverse_scored: false,
        })
        .collect();
    items.push(Item {
        id: DIFFICULTY_ITEM.into(),
        number: 10,
        loinc: Some("69722-7".into()),
        min: 0,
        max: 3,
        scored: false,
        text: Some("If you checked off any problems, how difficult have these problems made it for you to do your work, take care of things at home, or get along with other people?".into()),
        topic: "functional_difficulty".into(),
        options: difficulty_options(),
        reverse_scored: false,
    });
    let band = |id: &str, label: &str, min, max| Band { id: id.into(), label: label.into(), min, max };
    // Item 9 counts towards the syndromes if present at all (≥ 1); items 1–8 at ≥ 2.
    let conditions: Vec<ItemAtLeast> =
        (1..=9).map(|n| ItemAtLeast { item: item_id(n), at_least: if n == 9 { 1 } else { 2 } }).collect();
    let required = vec![item_id(1), item_id(2)];
    Instrument {
        id: "phq9".into(),
        version: "2".into(),
        title: "Patient Health Questionnaire-9 (PHQ-9)".into(),
        administration: "self-report; recall window: the last 2 weeks".into(),
        source: src("PHQ-9 definition: 9 items 0–3, total 0–27", Evidence::Verified),
        licence: Licence::Free {
            note: "© Pfizer; \"no permission required to reproduce, translate, display or distribute\" (phqscreeners.com terms, restated by LOINC and HL7 US Core)".into(),
        },
        loinc_panel: Some("44249-1".into()),
        loinc_total: Some("44261-6".into()),
        stem: Some("Over the last 2 weeks, how often have you been bothered by any of the following problems?".into()),
        items,
        band_schemes: vec![BandScheme {
            id: "kroenke_2001".into(),
            bands: vec![
                band("minimal", "Minimal or none", 0, 4),
                band("mild", "Mild", 5, 9),
                band("moderate", "Moderate", 10, 14),
                band("moderately_severe", "Moderately severe", 15, 19),
                band("severe", "Severe", 20, 27),
            ],
            source: src("severity cut-points 5, 10, 15, 20", Evidence::Verified),
        }],
        flags: vec![
            FlagDef {
                id: ITEM9_FLAG.into(),
                description: "Item 9 (thoughts of being better off dead or of self-harm) answered ≥ 1, whatever the total".into(),
                rule: FlagRule::ItemAtLeast(ItemAtLeast { item: item_id(9), at_least: 1 }),
                source: Source::new("KSW-2001", "item 9", Evidence::Verified),
            },
            FlagDef {
                id: MAJOR_SYNDROME_FLAG.into(),
                description: "Major depressive syndrome: ≥ 5 of the 9 items at ≥ 2 (item 9 at ≥ 1), one of them item 1 or 2".into(),
                rule: FlagRule::CountAtLeast {
                    conditions: conditions.clone(),
                    required_any: required.clone(),
                    min_count: 5,
                    max_count: None,
                },
                source: Source::new("KSW-2001", "diagnostic algorithm (Spitzer 1999)", Evidence::ManualRecalled),
            },
            FlagDef {
                id: OTHER_SYNDROME_FLAG.into(),
                description: "Other depressive syndrome: 2–4 of the 9 items at ≥ 2 (item 9 at ≥ 1), one of them item 1 or 2".into(),
                rule: FlagRule::CountAtLeast { conditions, required_any: required, min_count: 2, max_count: Some(4) },
                source: Source::new("KSW-2001", "diagnostic algorithm (Spitzer 1999)", Evidence::ManualRecalled),
            },
        ],
        default_policy: Cited::new(
            MissingPolicy::Strict,
            Source::new(
                "KSW-2001",
                "the original instructions have no prorating; choose prorate:2 explicitly to score with up to 2 missing",
                Evidence::Design,
            ),
        ),
        safety: vec![safety::rule(
            ITEM9_SAFETY,
            &item_id(9),
            "thoughts of being better off dead or of self-harm: evaluate suicide risk whatever the total",
            vec![(
                1,
                SafetyLevel::SafetyCheck,
                Source::new("MII-PRO", "item 9: any positive response needs immediate clinical evaluation, regardless of the total score", Evidence::Verified),
            )],
        )],
        change: ChangeRules {
            response_reduction_percent: Some(Cited::new(
                50,
                Source::new("NCQA-DRR", "response: PHQ-9 at least 50 % lower than the index score", Evidence::Verified),
            )),
            remission: Some(Cited::new(
                Cutoff::LessThan(5),
                Source::new("NCQA-DRR", "remission: PHQ-9 < 5", Evidence::Verified),
            )),
            minimal_important_change: Some(Cited::new(
                5,
                Source::new("LOWE-2004", "MCID 5 points for an individual", Evidence::Verified),
            )),
            relapse: Some(Cited::new(
                Cutoff::AtLeast(10),
                Source::new(
                    "CMS159",
                    "PHQ-9 > 9 is the elevated (index) score; used after remission as the absolute relapse cut-off, an engineering operationalisation with no single published source",
                    Evidence::Design,
                ),
            )),
        },
    }
}

/// Scores PHQ-9 answers given in form order (items 1–9, then optionally the difficulty item),
/// with `policy` or the default (strict).
pub fn score_ordered(values: &[Option<i32>], policy: Option<MissingPolicy>) -> Result<Score, MeasureError> {
    let def = builtin(InstrumentId::Phq9);
    let answers = Answers::from_ordered(def, values)?;
    score(def, &answers, &ScoreOptions { policy, band_scheme: None })
}
