//! PHQ-9 Modified for Teens (PHQ-9M, from the GLAD-PC toolkit): the 9 PHQ items plus four extra
//! questions, two of them about suicide.
//!
//! Not to be confused with Johnson et al.'s multi-module PHQ-A. The total is the sum of items
//! 1–9 (0–27, bands as the PHQ-9); the extra questions are recorded but not scored:
//!
//! | item id | question (topic) | answers | safety |
//! |---|---|---|---|
//! | `phq9m_1` … `phq9m_9` | the 9 PHQ symptoms | 0–3 | item 9 ≥ 1 → safety check |
//! | `phq9m_past_year` | depressed or sad on most days in the **past year** | 0 no, 1 yes | — |
//! | `phq9m_difficulty` | how difficult the problems made daily life | 0–3 | — |
//! | `phq9m_serious_thoughts` | serious thoughts of ending one's life in the **past month** | 0 no, 1 yes | yes → safety check |
//! | `phq9m_lifetime_attempt` | any suicide attempt **ever** | 0 no, 1 yes | yes → safety check |
//!
//! Follow up any answer of 2–3 on items 1–8 (flag `symptom_follow_up`). The adolescent
//! cut-off for major depression is ≥ 11 (band scheme `richardson_2010`). The form is marked
//! "Use with Permission", so its text does not ship. LOINC panel 89206-7, total 89204-2.
//!
//! ```
//! use ipsrt::measures::{self, InstrumentId, SafetyLevel};
//!
//! let def = measures::builtin(InstrumentId::Phq9m);
//! let mut a = measures::Answers::new();
//! for n in 1..=9 { a.set(format!("phq9m_{n}"), 0); }
//! a.set("phq9m_serious_thoughts", 1);
//! let s = measures::score::score(def, &a, &Default::default())?;
//! assert_eq!(s.total, Some(0));
//! assert_eq!(s.safety.len(), 1);
//! assert_eq!(s.safety[0].item, "phq9m_serious_thoughts");
//! assert_eq!(s.safety_level(), Some(SafetyLevel::SafetyCheck));
//! // The lifetime-attempt question was not answered: listed, never read as "no".
//! assert_eq!(s.safety_unanswered, vec!["phq9m_lifetime_attempt".to_string()]);
//! # Ok::<(), ipsrt::Error>(())
//! ```

use crate::measures::instrument::{
    AnswerOption, Band, BandScheme, ChangeRules, Cutoff, FlagDef, FlagRule, Instrument, Item, ItemAtLeast, Licence,
};
use crate::measures::policy::MissingPolicy;
use crate::measures::safety::{self, SafetyLevel};
use crate::source::{Cited, Evidence, Source};

/// Id of the item-9 safety rule.
pub const ITEM9_SAFETY: &str = "phq9m_item9";
/// Id of the past-month serious-thoughts safety rule.
pub const SERIOUS_THOUGHTS_SAFETY: &str = "phq9m_serious_thoughts";
/// Id of the lifetime-attempt safety rule.
pub const LIFETIME_ATTEMPT_SAFETY: &str = "phq9m_lifetime_attempt";
/// Id of the flag raised when any of items 1–8 is answered 2 or 3.
pub const SYMPTOM_FOLLOW_UP_FLAG: &str = "symptom_follow_up";

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

fn glad(locator: &'static str) -> Source {
    Source::new("GLADPC-2010", locator, Evidence::ManualRecalled)
}

fn yes_no() -> Vec<AnswerOption> {
    vec![
        AnswerOption { value: 0, label: Some("No".into()), loinc: Some("LA32-8".into()) },
        AnswerOption { value: 1, label: Some("Yes".into()), loinc: Some("LA33-6".into()) },
    ]
}

/// Builds the PHQ-9 Modified for Teens definition (use [`crate::measures::builtin`]).
pub fn definition() -> Instrument {
    let mut items: Vec<Item> = (0..9)
        .map(|i| Item {
            id: format!("phq9m_{}", i + 1),
            number: (i + 1) as u8,
            loinc: None,
            min: 0,
            max: 3,
            scored: true,
            text: None,
            topic: TOPICS.get(i).map_or_else(String::new, |s| (*s).to_string()),
            options: crate::measures::phq9::frequency_options()
                .into_iter()
                .map(|o| AnswerOption { label: None, ..o })
                .collect(),
            reverse_scored: false,
        })
        .collect();
    let extra = |id: &str, number: u8, topic: &str, max: i32, options: Vec<AnswerOption>| Item {
        id: id.into(),
        number,
        loinc: None,
        min: 0,
        max,
        scored: false,
        text: None,
        topic: topic.into(),
        options,
        reverse_scored: false,
    };
    items.push(extra("phq9m_past_year", 10, "depressed_most_days_past_year", 1, yes_no()));
    items.push(extra(
        "phq9m_difficulty",
        11,
        "functional_difficulty",
        3,
        crate::measures::phq9::difficulty_options().into_iter().map(|o| AnswerOption { label: None, ..o }).collect(),
    ));
    items.push(extra("phq9m_serious_thoughts", 12, "serious_thoughts_of_ending_life_past_month", 1, yes_no()));
    items.push(extra("phq9m_lifetime_attempt", 13, "suicide_attempt_lifetime", 1, yes_no()));
    let band = |id: &str, label: &str, min, max| Band { id: id.into(), label: label.into(), min, max };
    Instrument {
        id: "phq9m".into(),
        version: "1".into(),
        title: "PHQ-9 Modified for Teens (PHQ-9M)".into(),
        administration: "self-report (adolescents); items 1–9: the last 2 weeks; extra questions: past year, past month, lifetime".into(),
        source: glad("PHQ-9 Modified for Teens: items 1–9 scored 0–27 plus four unscored questions"),
        licence: Licence::ItemTextNotShipped {
            note: "the GLAD-PC form is marked \"Use with Permission\" and its exact terms could not be confirmed, so the item text is not shipped; a host holding permission supplies it".into(),
        },
        loinc_panel: Some("89206-7".into()),
        loinc_total: Some("89204-2".into()),
        stem: None,
        items,
        band_schemes: vec![
            BandScheme {
                id: "kroenke_2001".into(),
                bands: vec![
                    band("minimal", "Minimal or none", 0, 4),
                    band("mild", "Mild", 5, 9),
                    band("moderate", "Moderate", 10, 14),
                    band("moderately_severe", "Moderately severe", 15, 19),
                    band("severe", "Severe", 20, 27),
                ],
                source: Source::new("KSW-2001", "PHQ-9 severity cut-points 5, 10, 15, 20, used as on the PHQ-9", Evidence::Verified),
            },
            BandScheme {
                id: "richardson_2010".into(),
                bands: vec![
                    band("below_cutoff", "Below the adolescent cut-off of 11", 0, 10),
                    band("at_or_above_cutoff", "At or above the adolescent cut-off of 11 (major depression likely)", 11, 27),
                ],
                source: Source::new("RICHARDSON-2010", "adolescent cut-off ≥ 11 (sensitivity 89.5 %, specificity 77.5 %)", Evidence::Verified),
            },
        ],
        flags: vec![FlagDef {
            id: SYMPTOM_FOLLOW_UP_FLAG.into(),
            description: "Any of items 1–8 answered 2 or 3: follow the symptom up".into(),
            rule: FlagRule::CountAtLeast {
                conditions: (1..=8).map(|n| ItemAtLeast { item: format!("phq9m_{n}"), at_least: 2 }).collect(),
                required_any: Vec::new(),
                min_count: 1,
                max_count: None,
            },
            source: glad("follow up any answer of 2–3 on items 1–8"),
        }],
        default_policy: Cited::new(
            MissingPolicy::Strict,
            Source::new("ipsrt-design", "as the PHQ-9: no prorating unless chosen", Evidence::Design),
        ),
        change: ChangeRules {
            response_reduction_percent: Some(Cited::new(
                50,
                Source::new("NCQA-DRR", "response: at least 50 % lower than the index score (PHQ-9 or PHQ-9M, ages 12+)", Evidence::Verified),
            )),
            remission: Some(Cited::new(
                Cutoff::LessThan(5),
                Source::new("NCQA-DRR", "remission: < 5 (PHQ-9 or PHQ-9M, ages 12+)", Evidence::Verified),
            )),
            minimal_important_change: None,
            relapse: None,
        },
        safety: vec![
            safety::rule(
                ITEM9_SAFETY,
                "phq9m_9",
                "thoughts of being better off dead or of self-harm: evaluate suicide risk whatever the total",
                vec![(1, SafetyLevel::SafetyCheck, glad("follow up any answer ≥ 1 on item 9"))],
            ),
            safety::rule(
                SERIOUS_THOUGHTS_SAFETY,
                "phq9m_serious_thoughts",
                "serious thoughts of ending one's life in the past month: evaluate suicide risk",
                vec![(1, SafetyLevel::SafetyCheck, glad("follow up any \"yes\" to the suicide questions"))],
            ),
            safety::rule(
                LIFETIME_ATTEMPT_SAFETY,
                "phq9m_lifetime_attempt",
                "a suicide attempt at any time in life: evaluate suicide risk",
                vec![(1, SafetyLevel::SafetyCheck, glad("follow up any \"yes\" to the suicide questions"))],
            ),
        ],
    }
}
