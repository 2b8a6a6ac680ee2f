//! The message catalogue: every message id exists in every locale, every placeholder is used
//! in every locale, the resources parse without errors, and every variant of every labelled
//! type (and every band, flag and safety rule of the shipped instruments) has a text in every
//! locale. A variant added later without a label fails here, by name.

use std::collections::{BTreeMap, BTreeSet};

use fluent_syntax::ast;
use ipsrt::ErrorKind;
use ipsrt::course::{DeliveryMode, PhaseKind, Population, TaskState, TerminationTask, Warning};
use ipsrt::i18n::{Locale, Localize, has_message, message};
use ipsrt::measures::{FlagState, InstrumentId, SafetyLevel, builtin};
use ipsrt::problem_area::{DisputeStage, ProblemAreaKind, Taxonomy};
use ipsrt::relapse::{AlertLevel, LevelGuidance, Region, RelapsePlan};
use ipsrt::schedule::OccurrenceState;

/// Message id → the placeholders (`$name`) it uses, for one locale.
fn catalogue(locale: Locale) -> BTreeMap<String, BTreeSet<String>> {
    let mut out = BTreeMap::new();
    for (file, source) in locale.resources() {
        let resource = match fluent_syntax::parser::parse(*source) {
            Ok(r) => r,
            Err((_, errors)) => panic!("{locale}/{file} has syntax errors: {errors:?}"),
        };
        for entry in resource.body {
            let (id, value, attributes) = match entry {
                ast::Entry::Message(m) => (m.id.name.to_string(), m.value, m.attributes),
                ast::Entry::Term(t) => (format!("-{}", t.id.name), Some(t.value), t.attributes),
                _ => continue,
            };
            let mut vars = BTreeSet::new();
            if let Some(p) = &value {
                pattern_vars(p, &mut vars);
            }
            for a in &attributes {
                pattern_vars(&a.value, &mut vars);
            }
            assert!(value.is_some(), "{locale}/{file}: message {id} has no value");
            assert!(out.insert(id.clone(), vars).is_none(), "{locale}/{file}: message id {id} is defined twice");
        }
    }
    out
}

fn pattern_vars(p: &ast::Pattern<&str>, out: &mut BTreeSet<String>) {
    for el in &p.elements {
        if let ast::PatternElement::Placeable { expression } = el {
            expression_vars(expression, out);
        }
    }
}

fn expression_vars(e: &ast::Expression<&str>, out: &mut BTreeSet<String>) {
    match e {
        ast::Expression::Select { selector, variants } => {
            inline_vars(selector, out);
            for v in variants {
                pattern_vars(&v.value, out);
            }
        }
        ast::Expression::Inline(i) => inline_vars(i, out),
    }
}

fn inline_vars(i: &ast::InlineExpression<&str>, out: &mut BTreeSet<String>) {
    match i {
        ast::InlineExpression::VariableReference { id } => {
            out.insert(id.name.to_string());
        }
        ast::InlineExpression::Placeable { expression } => expression_vars(expression, out),
        ast::InlineExpression::FunctionReference { arguments, .. }
        | ast::InlineExpression::TermReference { arguments: Some(arguments), .. } => {
            for a in &arguments.positional {
                inline_vars(a, out);
            }
            for a in &arguments.named {
                inline_vars(&a.value, out);
            }
        }
        _ => {}
    }
}

#[test]
fn every_id_and_placeholder_exists_in_every_locale() {
    let en = catalogue(Locale::En);
    assert!(en.len() > 100, "the English catalogue has only {} messages", en.len());
    for locale in Locale::ALL {
        let other = catalogue(locale);
        let missing: Vec<&String> = en.keys().filter(|k| !other.contains_key(*k)).collect();
        let extra: Vec<&String> = other.keys().filter(|k| !en.contains_key(*k)).collect();
        assert!(missing.is_empty(), "{locale} lacks messages {missing:?}");
        assert!(extra.is_empty(), "{locale} has messages English lacks: {extra:?}");
        for (id, vars) in &en {
            assert_eq!(&other[id], vars, "{locale}: message {id} must use exactly the placeholders {vars:?}");
        }
    }
}

/// Asserts that `id` exists in every locale and returns its English text.
fn require(id: &str) -> String {
    for locale in Locale::ALL {
        assert!(has_message(locale, id), "no {locale} text for {id}: add it to crates/ipsrt/locales/{locale}/*.ftl");
    }
    message(Locale::En, id).unwrap_or_default()
}

#[test]
fn every_variant_of_every_labelled_type_has_a_text() {
    for l in Locale::ALL {
        require("locale-name");
        assert!(!l.label_in(Locale::En).is_empty());
    }
    for a in ProblemAreaKind::ALL {
        assert_eq!(require(&format!("problem-area-{}", a.as_str())), a.label(Taxonomy::Wmk4));
        for t in [Taxonomy::Wmk4, Taxonomy::Sr3, Taxonomy::Ipsrt5] {
            assert_eq!(a.label_in_taxonomy(t, Locale::En), a.label(t), "{a} under {t}");
        }
    }
    for s in DisputeStage::ALL {
        assert_eq!(require(&format!("dispute-stage-{}", s.as_str())), s.as_str());
    }
    for p in PhaseKind::ALL {
        assert_eq!(require(&format!("phase-{}", p.as_str())), p.as_str());
    }
    for t in TerminationTask::ALL {
        assert_eq!(require(&format!("termination-task-{}", t.as_str())), t.as_str().replace('_', " "));
        assert_ne!(t.label_in(Locale::Nl), t.label_in(Locale::En), "{t:?}");
    }
    for s in [TaskState::Open, TaskState::Done, TaskState::Skipped] {
        assert_eq!(require(&format!("task-state-{}", s.as_str())), s.as_str());
    }
    for m in DeliveryMode::ALL {
        assert_eq!(require(&format!("delivery-mode-{}", m.as_str())), m.as_str().replace('_', " "));
    }
    for p in Population::ALL {
        assert_eq!(require(&format!("population-{}", p.as_str())), p.as_str().replace('_', " "));
        assert_ne!(p.label_in(Locale::Nl), p.label_in(Locale::En), "{p:?}");
    }
    for a in AlertLevel::ALL {
        assert_eq!(require(&format!("alert-level-{}", a.as_str())), a.to_string());
    }
    for c in ipsrt::group::AdmissionCriterion::ALL {
        assert_eq!(require(&format!("admission-criterion-{}", c.as_str())), c.description());
    }
    for r in Region::ALL {
        assert_eq!(require(&format!("region-{}", r.code().to_ascii_lowercase())), r.name());
        let plan = RelapsePlan::new(chrono::NaiveDate::from_ymd_opt(2026, 1, 5).unwrap(), r);
        assert_eq!(plan.disclaimer_in(Locale::En), plan.disclaimer(), "{r}");
        assert_ne!(plan.disclaimer_in(Locale::Nl), plan.disclaimer(), "{r}");
    }
    require("disclaimer");
    let own = RelapsePlan::with_own_crisis_contacts(chrono::NaiveDate::from_ymd_opt(2026, 1, 5).unwrap(), Vec::new());
    assert_eq!(own.disclaimer_in(Locale::En), own.disclaimer());
    for s in SafetyLevel::ALL {
        assert_eq!(require(&format!("safety-level-{}", s.as_str())), s.as_str().replace('_', " "));
    }
    for f in FlagState::ALL {
        require(&format!("flag-state-{}", f.as_str()));
    }
    for k in ErrorKind::ALL {
        require(&format!("error-kind-{}", k.as_str()));
        require(&format!("error-advice-{}", k.as_str()));
    }
    let at = chrono::DateTime::<chrono::Utc>::UNIX_EPOCH;
    let states = [
        OccurrenceState::Upcoming,
        OccurrenceState::Open,
        OccurrenceState::Overdue,
        OccurrenceState::Missed,
        OccurrenceState::CompletedOnTime { at },
        OccurrenceState::CompletedLate { at },
        OccurrenceState::Excused { reason: "ill".into() },
    ];
    for s in &states {
        require(&format!("occurrence-{}", s.name()));
    }
}

#[test]
fn every_instrument_band_flag_and_safety_rule_has_a_text_equal_to_the_definition_in_english() {
    for id in InstrumentId::ALL {
        let def = builtin(id);
        assert_eq!(require(&format!("instrument-{}", def.id)), def.title, "{id}");
        for scheme in &def.band_schemes {
            for band in &scheme.bands {
                let en = require(&format!("band-{}-{}", def.id, band.id));
                assert_eq!(en, band.label, "{id} band {} (scheme {})", band.id, scheme.id);
            }
        }
        for flag in &def.flags {
            assert_eq!(require(&format!("flag-{}-{}", def.id, flag.id)), flag.description, "{id} flag {}", flag.id);
        }
        for rule in &def.safety {
            assert_eq!(require(&format!("safety-{}", rule.id)), rule.description, "{id} safety rule {}", rule.id);
        }
        for item in &def.items {
            // Item texts ship only where the licence allows them; a catalogue text must belong to
            // an item whose English text ships too.
            for locale in Locale::ALL {
                if has_message(locale, &format!("item-{}", item.id)) {
                    assert!(
                        item.text.is_some(),
                        "{locale} has a text for {} whose English text is not shipped",
                        item.id
                    );
                }
            }
        }
    }
}

fn all_warnings() -> Vec<Warning> {
    vec![
        Warning::SafetySignalOpen {
            recorded: chrono::NaiveDate::from_ymd_opt(2026, 3, 1).unwrap(),
            instrument: "phq9".into(),
            level: SafetyLevel::SafetyCheck,
            items: vec!["phq9_9=2".into()],
        },
        Warning::TerminationNotRaised { remaining: 1 },
        Warning::TerminationNotRaised { remaining: 3 },
        Warning::ContractUsedUp,
        Warning::FocusOverdue { held: 5, window_end: 4 },
        Warning::EvaluationDue { first: 8, last: 12 },
        Warning::RelapsePlanMissing,
        Warning::RelapsePlanEmpty,
        Warning::TerminationTasksOpen { open: TerminationTask::ALL.to_vec() },
        Warning::TerminationTasksOpen { open: vec![TerminationTask::AftercareAgreed] },
        Warning::ConsecutiveMissed { count: 2 },
    ]
}

#[test]
fn warnings_read_the_same_in_english_and_fill_every_placeholder_in_dutch() {
    for w in all_warnings() {
        require(&format!("warning-{}", w.code()));
        assert_eq!(w.label_in(Locale::En), w.to_string());
        let nl = w.label_in(Locale::Nl);
        assert_ne!(nl, w.to_string(), "{w:?} is not translated");
        assert!(!nl.contains('{') && !nl.contains('\u{2068}'), "{nl}");
    }
    let nl = Warning::SafetySignalOpen {
        recorded: chrono::NaiveDate::from_ymd_opt(2026, 3, 1).unwrap(),
        instrument: "phq9".into(),
        level: SafetyLevel::SafetyCheck,
        items: vec!["phq9_9=2".into()],
    }
    .label_in(Locale::Nl);
    assert!(
        nl.starts_with("OPEN VEILIGHEIDSSIGNAAL (veiligheidsbeoordeling) van phq9, vastgelegd op 2026-03-01: phq9_9=2"),
        "{nl}"
    );
    assert_eq!(
        Warning::TerminationNotRaised { remaining: 3 }.label_in(Locale::Nl),
        "afsluiting nog niet besproken, nog 3 sessies over"
    );
}

#[test]
fn default_guidance_has_the_same_lists_in_every_locale() {
    let en = LevelGuidance::default();
    assert_eq!(LevelGuidance::default_in(Locale::En), en);
    for locale in Locale::ALL {
        let g = LevelGuidance::default_in(locale);
        let lens = |g: &LevelGuidance| {
            [
                &g.green,
                &g.watch,
                &g.early_warning,
                &g.breaking_down,
                &g.crisis,
                &g.manic_prodrome,
                &g.depressive_prodrome,
            ]
            .map(Vec::len)
        };
        assert_eq!(lens(&g), lens(&en), "{locale}");
        assert_eq!(g.source, en.source);
    }
    assert_ne!(LevelGuidance::default_in(Locale::Nl).crisis, en.crisis);
}

#[test]
fn dutch_clinical_terms() {
    let nl = |a: ProblemAreaKind| a.label_in(Locale::Nl);
    assert_eq!(nl(ProblemAreaKind::Grief), "rouw");
    assert_eq!(nl(ProblemAreaKind::RoleDispute), "rolconflict");
    assert_eq!(nl(ProblemAreaKind::RoleTransition), "rolverandering");
    assert_eq!(nl(ProblemAreaKind::InterpersonalDeficits), "interpersoonlijke tekorten");
    assert_eq!(
        builtin(InstrumentId::Phq9).band_label("moderately_severe", Locale::Nl).as_deref(),
        Some("Matig ernstig")
    );
    // No Dutch item text ships (and never EPDS or C-SSRS text, in any language).
    for id in InstrumentId::ALL {
        for item in &builtin(id).items {
            assert_eq!(builtin(id).item_text(&item.id, Locale::Nl), None, "{}", item.id);
        }
    }
    for id in [InstrumentId::Epds, InstrumentId::CssrsScreener] {
        assert!(builtin(id).items.iter().all(|i| builtin(id).item_text(&i.id, Locale::En).is_none()));
    }
}
