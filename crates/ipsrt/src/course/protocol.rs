//! Protocols (versioned data with the source of each number) and the contract.

use serde::{Deserialize, Serialize};

use super::CourseError;
use crate::source::{Cited, Evidence, Source};

/// How often sessions take place.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[serde(rename_all = "snake_case")]
pub enum Frequency {
    /// Twice a week.
    TwiceWeekly,
    /// Once a week.
    Weekly,
    /// Every two weeks (twice a month).
    Fortnightly,
    /// Once a month.
    Monthly,
}

impl Frequency {
    /// The stable snake_case name.
    pub fn as_str(self) -> &'static str {
        match self {
            Frequency::TwiceWeekly => "twice_weekly",
            Frequency::Weekly => "weekly",
            Frequency::Fortnightly => "fortnightly",
            Frequency::Monthly => "monthly",
        }
    }
}

/// An inclusive range of whole numbers, `min ≤ max`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Range {
    /// Smallest value.
    pub min: u32,
    /// Largest value.
    pub max: u32,
}

impl Range {
    /// A range; `min ≤ max` is checked.
    pub fn new(min: u32, max: u32) -> Result<Self, CourseError> {
        if min <= max {
            Ok(Range { min, max })
        } else {
            Err(CourseError::InvalidNumber {
                what: "range",
                detail: format!("{min}–{max}: the minimum must not exceed the maximum"),
            })
        }
    }

    /// Whether `v` is inside.
    pub fn contains(self, v: u32) -> bool {
        (self.min..=self.max).contains(&v)
    }
}

impl std::fmt::Display for Range {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.min == self.max { write!(f, "{}", self.min) } else { write!(f, "{}–{}", self.min, self.max) }
    }
}

/// A protocol's response-evaluation rule: evaluate after sessions `window`, and (optionally)
/// stop for non-response when an evaluation at or after `stop_without_effect_after` sessions
/// finds minimal or no benefit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EvaluationRule {
    /// Sessions (attended) after which the response is evaluated.
    pub window: Range,
    /// Attended sessions after which minimal or no benefit ends the course as non-response.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stop_without_effect_after: Option<u32>,
}

/// Largest session count a contract or protocol accepts.
pub const MAX_SESSIONS: u32 = 200;

/// The newest edition of the course rules ([`Protocol::rules_edition`]).
///
/// * **1**: the rules of ipsrt before the non-response rule (a protocol stored without
///   `rules_edition` reads as 1, so logs written then replay exactly as they did).
/// * **2**: the non-response rule (docs/course.md#the-non-response-rule): with a stop rule, a
///   fresh evaluation at the stop session is required before the next session; a
///   `minimal_or_no_benefit` verdict or a reduction under [`Protocol::stop_reduction`] there makes
///   the course a *stop candidate* (the clinician ends it, recording the alternative offered, or
///   declines the stop with a reason) instead of ending it on the spot; a course whose latest
///   verdict is `minimal_or_no_benefit` cannot end as completed; `ended_non_response` records the
///   alternative offered.
/// * **3**: interpersonal deficits as a last resort is a warning, not a refusal
///   (docs/course.md#deficits-as-a-last-resort): choosing deficits while life events near onset,
///   deceased people, open conflicts or relationship changes near onset point at another area
///   is accepted and opens the `deficits_unacknowledged` warning until a clinician records
///   `deficits_acknowledged` (who, why). Under editions 1 and 2 such a choice still needs a
///   deviation when a life event points elsewhere. And the maintenance contract
///   (`maintenance_started`, and `contract_renegotiated` in maintenance) is checked against the
///   maintenance protocol ([`Protocol::maintenance_for`]), sessions, minutes and frequency
///   ([`Protocol::allowed_frequencies`]) included; off-protocol needs a deviation reason.
///   Under editions 1 and 2 `maintenance_started` checks only the contract's own numbers and
///   no frequency is checked.
pub const RULES_EDITION: u32 = 3;

/// Weekly, twice-monthly and monthly maintenance IPT, equally effective (FRANK-2007).
fn maintenance_frequencies() -> Vec<Cited<Frequency>> {
    let frank = |locator: &'static str| src("FRANK-2007", locator, Evidence::Verified);
    vec![
        Cited::new(Frequency::Weekly, frank("weekly maintenance arm; no difference in recurrence between arms")),
        Cited::new(
            Frequency::Fortnightly,
            frank("twice-monthly maintenance arm; no difference in recurrence between arms"),
        ),
        Cited::new(
            Frequency::Monthly,
            frank("monthly maintenance arm; no difference in recurrence between arms, so monthly is enough"),
        ),
    ]
}

fn rules_edition_1() -> u32 {
    1
}

fn is_rules_edition_1(v: &u32) -> bool {
    *v == 1
}

/// A treatment protocol: versioned data, every number with its source.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Protocol {
    /// Stable key (`"wmk_acute"`, `"ipt_brief"`, `"spaarne"`, `"ipsrt_acute"`, `"ipt_maintenance"`, or a custom key).
    pub key: String,
    /// Version of this protocol's data (bump when a number changes).
    pub version: u32,
    /// Human-readable name.
    pub name: String,
    /// Allowed number of sessions in the contract.
    pub sessions: Cited<Range>,
    /// Default number of sessions.
    pub default_sessions: u32,
    /// Default frequency.
    pub frequency: Cited<Frequency>,
    /// The frequencies a contract may have, each with its source (rules edition 3); empty means
    /// the frequency is not checked (the acute protocols, and every protocol stored before).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub allowed_frequencies: Vec<Cited<Frequency>>,
    /// Allowed session length in minutes.
    pub minutes: Cited<Range>,
    /// Sessions held by which the focus is chosen (the focus choice is allowed when the number
    /// of sessions held so far lies in this window).
    pub focus_window: Cited<Range>,
    /// Termination is raised at least `min` sessions before the end; a warning starts at `max`.
    pub termination_notice: Cited<Range>,
    /// The response-evaluation rule, if the protocol has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evaluation: Option<Cited<EvaluationRule>>,
    /// With a stop rule (rules edition 2): an evaluation at or after the stop session whose
    /// basis shows a reduction from baseline below this percentage is a stop candidate, whatever
    /// its verdict (docs/course.md#the-non-response-rule).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stop_reduction: Option<Cited<u32>>,
    /// The edition of the course rules a course under this protocol follows (1 or
    /// [`RULES_EDITION`]); absent in stored JSON means 1, the rules before the non-response rule.
    #[serde(default = "rules_edition_1", skip_serializing_if = "is_rules_edition_1")]
    pub rules_edition: u32,
}

const fn src(key: &'static str, locator: &'static str, evidence: Evidence) -> Source {
    Source::new(key, locator, evidence)
}

impl Protocol {
    /// IPT acute per Weissman, Markowitz & Klerman: 12–16 weekly sessions of 45–50 minutes.
    pub fn wmk_acute() -> Protocol {
        Protocol {
            key: "wmk_acute".into(),
            version: 1,
            name: "IPT acute (Weissman, Markowitz & Klerman)".into(),
            sessions: Cited::new(
                Range { min: 12, max: 16 },
                src("WMK-2000", "ch. 7: 12–16 weekly sessions", Evidence::Verified),
            ),
            default_sessions: 16,
            frequency: Cited::new(Frequency::Weekly, src("WMK-2000", "ch. 7: weekly", Evidence::Verified)),
            allowed_frequencies: Vec::new(),
            minutes: Cited::new(
                Range { min: 45, max: 50 },
                src("ISIPT", "key IPT strategies: 45–50 min", Evidence::Verified),
            ),
            focus_window: Cited::new(
                Range { min: 1, max: 4 },
                src("IPTUK", "initial phase sessions 1–4; focus about session 3", Evidence::Verified),
            ),
            termination_notice: Cited::new(
                Range { min: 2, max: 4 },
                src("WMK-2000", "ch. 7: discuss the ending at least 2–4 sessions before", Evidence::Verified),
            ),
            evaluation: None,
            stop_reduction: None,
            rules_edition: RULES_EDITION,
        }
    }

    /// Brief IPT (IPT-B): 8 weekly sessions.
    pub fn ipt_brief() -> Protocol {
        Protocol {
            key: "ipt_brief".into(),
            version: 1,
            name: "Brief IPT (IPT-B, 8 sessions)".into(),
            sessions: Cited::new(
                Range { min: 8, max: 8 },
                src("ISIPT", "an 8-session brief format has been tested", Evidence::Verified),
            ),
            default_sessions: 8,
            frequency: Cited::new(Frequency::Weekly, src("ISIPT", "weekly sessions", Evidence::Verified)),
            allowed_frequencies: Vec::new(),
            minutes: Cited::new(
                Range { min: 45, max: 50 },
                src("ISIPT", "key IPT strategies: 45–50 min", Evidence::Verified),
            ),
            focus_window: Cited::new(
                Range { min: 1, max: 3 },
                src("ipsrt-design", "compressed initial phase of the brief format", Evidence::Design),
            ),
            termination_notice: Cited::new(
                Range { min: 2, max: 2 },
                src("WMK-2000", "ch. 7: at least 2 sessions before the end", Evidence::Verified),
            ),
            evaluation: None,
            stop_reduction: None,
            rules_edition: RULES_EDITION,
        }
    }

    /// The Spaarne clinic rule (seed S2): evaluate after 8–12 sessions; after 12 sessions without
    /// (or with minimal) effect, or with less than a 50 % reduction, the course is a stop
    /// candidate (docs/course.md#the-non-response-rule).
    pub fn spaarne() -> Protocol {
        Protocol {
            key: "spaarne".into(),
            // 2: the 50 % stop reduction and rules edition 2 (a stop is the clinician's decision).
            version: 2,
            name: "IPT, Spaarne Gasthuis clinic rule".into(),
            sessions: Cited::new(
                Range { min: 8, max: 16 },
                src(
                    "S2",
                    "result discussed after 8–12 sessions; upper bound 16 is NL practice (CORDAAN), a design margin",
                    Evidence::Seed,
                ),
            ),
            default_sessions: 12,
            frequency: Cited::new(Frequency::Weekly, src("WMK-2000", "ch. 7: weekly", Evidence::Verified)),
            allowed_frequencies: Vec::new(),
            minutes: Cited::new(
                Range { min: 45, max: 50 },
                src("ISIPT", "key IPT strategies: 45–50 min", Evidence::Verified),
            ),
            focus_window: Cited::new(
                Range { min: 2, max: 4 },
                src("S2", "after about 3 sessions the focus is chosen", Evidence::Seed),
            ),
            termination_notice: Cited::new(
                Range { min: 2, max: 4 },
                src("WMK-2000", "ch. 7: discuss the ending at least 2–4 sessions before", Evidence::Verified),
            ),
            evaluation: Some(Cited::new(
                EvaluationRule { window: Range { min: 8, max: 12 }, stop_without_effect_after: Some(12) },
                src(
                    "S2",
                    "after 8 to 12 sessions the result is discussed; if IPT has not helped, or hardly, after 12 sessions, the treatment stops",
                    Evidence::Seed,
                ),
            )),
            stop_reduction: Some(Cited::new(
                50,
                src(
                    "KSW-2001",
                    "response = a reduction of at least 50 %; under 50 % at the stop session is read as no response (docs/decisions.md#non-response-stop)",
                    Evidence::Verified,
                ),
            )),
            rules_edition: RULES_EDITION,
        }
    }

    /// IPSRT acute treatment: about 20 weekly sessions (FSB-2007; docs/decisions.md#disagree-session-counts).
    pub fn ipsrt_acute() -> Protocol {
        Protocol {
            key: "ipsrt_acute".into(),
            // 2: session length 45–60 min (ipsrt.org; was 45–50).
            version: 2,
            name: "IPSRT acute (Frank)".into(),
            sessions: Cited::new(
                Range { min: 16, max: 24 },
                src("FSB-2007", "acute phase about 20 weeks; range is a design margin", Evidence::ManualRecalled),
            ),
            default_sessions: 20,
            frequency: Cited::new(Frequency::Weekly, src("FSB-2007", "weekly sessions", Evidence::Verified)),
            allowed_frequencies: Vec::new(),
            minutes: Cited::new(
                Range { min: 45, max: 60 },
                src("IPSRT-ORG", "overview: individual sessions are 45–60 min weekly", Evidence::Verified),
            ),
            focus_window: Cited::new(
                Range { min: 3, max: 5 },
                src("FSB-2007", "initial phase 3–5 sessions", Evidence::Verified),
            ),
            termination_notice: Cited::new(
                Range { min: 2, max: 4 },
                src("WMK-2000", "ch. 7: discuss the ending at least 2–4 sessions before", Evidence::Verified),
            ),
            evaluation: None,
            stop_reduction: None,
            rules_edition: RULES_EDITION,
        }
    }

    /// Maintenance IPT (IPT-M): a new contract, monthly by default, typically 2–3 years; weekly,
    /// twice-monthly (fortnightly) and monthly are all allowed (FRANK-2007 found them equally
    /// effective).
    pub fn ipt_maintenance() -> Protocol {
        Protocol {
            key: "ipt_maintenance".into(),
            // 2: the session-range source no longer credits the 1974 trial's "weekly for 6
            // months" to FRANK-2007 (docs/decisions.md#maintenance-dose).
            // 3: the allowed frequencies (rules edition 3).
            version: 3,
            name: "Maintenance IPT (IPT-M)".into(),
            sessions: Cited::new(
                Range { min: 6, max: 36 },
                src(
                    "FRANK-2007",
                    "2 years of weekly, twice-monthly or monthly maintenance; the range also spans FRANK-1990 (monthly for 3 years); weekly for 6 months was KLERMAN-1974, not this trial",
                    Evidence::Verified,
                ),
            ),
            default_sessions: 24,
            frequency: Cited::new(
                Frequency::Monthly,
                src(
                    "FRANK-2007",
                    "weekly, twice-monthly or monthly: no difference; monthly is enough",
                    Evidence::Verified,
                ),
            ),
            allowed_frequencies: maintenance_frequencies(),
            minutes: Cited::new(
                Range { min: 45, max: 50 },
                src("ISIPT", "key IPT strategies: 45–50 min", Evidence::Verified),
            ),
            focus_window: Cited::new(
                Range { min: 0, max: 36 },
                src("ipsrt-design", "maintenance keeps the acute focus", Evidence::Design),
            ),
            termination_notice: Cited::new(
                Range { min: 2, max: 4 },
                src("WMK-2000", "ch. 7: discuss the ending at least 2–4 sessions before", Evidence::Verified),
            ),
            evaluation: None,
            stop_reduction: None,
            rules_edition: RULES_EDITION,
        }
    }

    /// IPSRT continuation/maintenance as in the MTBD trial: 3 months twice-monthly, then 21
    /// months monthly (about 27 sessions in 2 years), 45–60 minutes; twice-monthly and monthly
    /// allowed. The maintenance protocol of a course whose protocol is `ipsrt_acute`
    /// ([`Protocol::maintenance_for`]).
    pub fn ipsrt_maintenance() -> Protocol {
        let mtbd = |locator: &'static str| src("MTBD", locator, Evidence::Verified);
        Protocol {
            key: "ipsrt_maintenance".into(),
            version: 1,
            name: "IPSRT maintenance (MTBD schedule)".into(),
            sessions: Cited::new(
                Range { min: 12, max: 36 },
                src(
                    "MTBD",
                    "3 months twice-monthly, then 21 months monthly (about 27 sessions); the range 12–36 is a design margin",
                    Evidence::Design,
                ),
            ),
            default_sessions: 27,
            frequency: Cited::new(Frequency::Monthly, mtbd("21 months monthly after 3 months twice-monthly")),
            allowed_frequencies: vec![
                Cited::new(Frequency::Fortnightly, mtbd("3 months twice-monthly")),
                Cited::new(Frequency::Monthly, mtbd("then 21 months monthly")),
            ],
            minutes: Cited::new(
                Range { min: 45, max: 60 },
                src("IPSRT-ORG", "overview: individual sessions are 45–60 min", Evidence::Verified),
            ),
            focus_window: Cited::new(
                Range { min: 0, max: 36 },
                src("ipsrt-design", "maintenance keeps the acute focus", Evidence::Design),
            ),
            termination_notice: Cited::new(
                Range { min: 2, max: 4 },
                src("WMK-2000", "ch. 7: discuss the ending at least 2–4 sessions before", Evidence::Verified),
            ),
            evaluation: None,
            stop_reduction: None,
            rules_edition: RULES_EDITION,
        }
    }

    /// The maintenance protocol a maintenance contract of a course under `self` is checked
    /// against (rules edition 3): [`Protocol::ipsrt_maintenance`] for `ipsrt_acute`,
    /// [`Protocol::ipt_maintenance`] for every other protocol.
    pub fn maintenance_for(&self) -> Protocol {
        if self.key == "ipsrt_acute" { Protocol::ipsrt_maintenance() } else { Protocol::ipt_maintenance() }
    }

    /// A clinic's own protocol. Every number is attributed to `who` ([`Source::local`]).
    pub fn custom(
        key: &str,
        name: &str,
        sessions: Range,
        frequency: Frequency,
        minutes: Range,
        who: &str,
    ) -> Result<Protocol, CourseError> {
        let s = Source::local(who);
        let p = Protocol {
            key: key.to_owned(),
            version: 1,
            name: name.to_owned(),
            sessions: Cited::new(sessions, s.clone()),
            default_sessions: sessions.max,
            frequency: Cited::new(frequency, s.clone()),
            allowed_frequencies: Vec::new(),
            minutes: Cited::new(minutes, s.clone()),
            focus_window: Cited::new(
                Range { min: 1, max: 4 },
                src("IPTUK", "initial phase sessions 1–4", Evidence::Verified),
            ),
            termination_notice: Cited::new(
                Range { min: 2, max: 4 },
                src("WMK-2000", "ch. 7: discuss the ending at least 2–4 sessions before", Evidence::Verified),
            ),
            evaluation: None,
            stop_reduction: None,
            rules_edition: RULES_EDITION,
        };
        p.validate()?;
        Ok(p)
    }

    /// Every built-in protocol.
    pub fn builtin() -> Vec<Protocol> {
        vec![
            Protocol::wmk_acute(),
            Protocol::ipt_brief(),
            Protocol::spaarne(),
            Protocol::ipsrt_acute(),
            Protocol::ipt_maintenance(),
        ]
    }

    /// Checks the protocol's numbers (used when a course is created from caller-supplied data).
    pub fn validate(&self) -> Result<(), CourseError> {
        let bad = |what: &'static str, detail: String| Err(CourseError::InvalidNumber { what, detail });
        if self.key.trim().is_empty() || self.key.len() > 64 {
            return bad("protocol key", "must be 1–64 characters".into());
        }
        crate::inventory::check_required_text("protocol.name", &self.name)?;
        if self.version == 0 {
            return bad("protocol version", "versions start at 1".into());
        }
        let s = self.sessions.value;
        if s.min == 0 || s.min > s.max || s.max > MAX_SESSIONS {
            return bad("protocol sessions", format!("{s} must be a range within 1–{MAX_SESSIONS}"));
        }
        if !s.contains(self.default_sessions) {
            return bad(
                "protocol default_sessions",
                format!("{} lies outside the sessions range {s}", self.default_sessions),
            );
        }
        let m = self.minutes.value;
        if m.min < 10 || m.min > m.max || m.max > 240 {
            return bad("protocol minutes", format!("{m} must be a range within 10–240"));
        }
        let f = self.focus_window.value;
        if f.min > f.max || f.max > s.max {
            return bad("protocol focus_window", format!("{f} must be a range ending by the last session {}", s.max));
        }
        let t = self.termination_notice.value;
        if t.min > t.max || t.max > s.max {
            return bad("protocol termination_notice", format!("{t} must be a range not longer than the course"));
        }
        if let Some(e) = &self.evaluation {
            let w = e.value.window;
            if w.min == 0 || w.min > w.max || w.max > MAX_SESSIONS {
                return bad("protocol evaluation window", format!("{w} must be a range within 1–{MAX_SESSIONS}"));
            }
            if e.value.stop_without_effect_after == Some(0) {
                return bad("protocol stop_without_effect_after", "must be at least 1".into());
            }
        }
        if let Some(r) = &self.stop_reduction {
            if !(1..=100).contains(&r.value) {
                return bad("protocol stop_reduction", format!("{} % must be 1–100", r.value));
            }
            if self.evaluation.as_ref().and_then(|e| e.value.stop_without_effect_after).is_none() {
                return bad(
                    "protocol stop_reduction",
                    "needs an evaluation rule with stop_without_effect_after: add one or drop stop_reduction".into(),
                );
            }
        }
        let allowed = &self.allowed_frequencies;
        if !allowed.is_empty() && !allowed.iter().any(|f| f.value == self.frequency.value) {
            return bad(
                "protocol allowed_frequencies",
                format!("do not include the default frequency {}: add it", self.frequency.value.as_str()),
            );
        }
        if allowed.iter().enumerate().any(|(i, f)| allowed.iter().take(i).any(|g| g.value == f.value)) {
            return bad("protocol allowed_frequencies", "list a frequency twice: keep one of each".into());
        }
        if !(1..=RULES_EDITION).contains(&self.rules_edition) {
            return bad(
                "protocol rules_edition",
                format!("{} is unknown: use 1–{RULES_EDITION} (upgrade ipsrt for a newer edition)", self.rules_edition),
            );
        }
        Ok(())
    }

    /// The default contract of this protocol.
    pub fn default_contract(&self) -> Contract {
        Contract { sessions: self.default_sessions, frequency: self.frequency.value, minutes: self.minutes.value.max }
    }
}

/// The treatment contract: number of sessions, frequency and session length. Changing it needs
/// an explicit renegotiation event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Contract {
    /// Sessions agreed (attended and missed sessions both count against it).
    pub sessions: u32,
    /// Frequency.
    pub frequency: Frequency,
    /// Minutes per session.
    pub minutes: u32,
}

impl Contract {
    /// Checks the contract's own numbers (1–200 sessions, 10–240 minutes).
    pub fn validate(&self) -> Result<(), CourseError> {
        if self.sessions == 0 || self.sessions > MAX_SESSIONS {
            return Err(CourseError::InvalidNumber {
                what: "contract sessions",
                detail: format!("{} must be 1–{MAX_SESSIONS}", self.sessions),
            });
        }
        if !(10..=240).contains(&self.minutes) {
            return Err(CourseError::InvalidNumber {
                what: "contract minutes",
                detail: format!("{} must be 10–240", self.minutes),
            });
        }
        Ok(())
    }

    /// Where the contract lies outside `protocol` (sessions, minutes, or a frequency not among
    /// the protocol's [`Protocol::allowed_frequencies`] when it lists any), as a sentence.
    pub fn outside(&self, protocol: &Protocol) -> Option<String> {
        let s = protocol.sessions.value;
        let m = protocol.minutes.value;
        if !s.contains(self.sessions) {
            Some(format!(
                "{} sessions lies outside the {} protocol's {s} sessions ({})",
                self.sessions, protocol.key, protocol.sessions.source
            ))
        } else if !m.contains(self.minutes) {
            Some(format!(
                "{} minutes lies outside the {} protocol's {m} minutes ({})",
                self.minutes, protocol.key, protocol.minutes.source
            ))
        } else if !protocol.allowed_frequencies.is_empty()
            && !protocol.allowed_frequencies.iter().any(|f| f.value == self.frequency)
        {
            let allowed = protocol
                .allowed_frequencies
                .iter()
                .map(|f| format!("{} ({})", f.value.as_str(), f.source))
                .collect::<Vec<_>>()
                .join(", ");
            Some(format!(
                "frequency {} lies outside the {} protocol's frequencies {allowed}",
                self.frequency.as_str(),
                protocol.key
            ))
        } else {
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtins_are_valid_and_sourced() {
        for p in Protocol::builtin().into_iter().chain([Protocol::ipsrt_maintenance()]) {
            for f in &p.allowed_frequencies {
                assert!(f.source.reference().is_some(), "{}: unknown source key {}", p.key, f.source.key);
            }
            p.validate().unwrap();
            for s in [
                &p.sessions.source,
                &p.frequency.source,
                &p.minutes.source,
                &p.focus_window.source,
                &p.termination_notice.source,
            ] {
                assert!(s.reference().is_some(), "{}: unknown source key {}", p.key, s.key);
            }
            if let Some(e) = &p.evaluation {
                assert!(e.source.reference().is_some());
            }
            assert!(p.default_contract().outside(&p).is_none());
        }
        assert_eq!(Protocol::wmk_acute().sessions.value, Range { min: 12, max: 16 });
        assert_eq!(Protocol::ipt_brief().default_sessions, 8);
        // IPSRT sessions are 45–60 min (ipsrt.org overview, docs/ipsrt.md#the-ipsrt-course), not IPT's 45–50.
        let ipsrt = Protocol::ipsrt_acute();
        assert_eq!(ipsrt.minutes.value, Range { min: 45, max: 60 });
        assert_eq!(ipsrt.minutes.source.key, "IPSRT-ORG");
        assert_eq!(ipsrt.default_contract().minutes, 60);
        let freqs = |p: Protocol| p.allowed_frequencies.iter().map(|f| f.value).collect::<Vec<_>>();
        assert_eq!(freqs(Protocol::ipt_maintenance()), [Frequency::Weekly, Frequency::Fortnightly, Frequency::Monthly]);
        assert_eq!(freqs(Protocol::ipsrt_maintenance()), [Frequency::Fortnightly, Frequency::Monthly]);
        assert_eq!(Protocol::ipsrt_acute().maintenance_for().key, "ipsrt_maintenance");
        assert_eq!(Protocol::spaarne().maintenance_for().key, "ipt_maintenance");
        let mut bad = Protocol::ipt_maintenance();
        bad.allowed_frequencies.remove(2);
        assert!(bad.validate().unwrap_err().to_string().contains("default frequency monthly"));
        let mut bad = Protocol::ipt_maintenance();
        bad.allowed_frequencies.push(bad.frequency.clone());
        assert!(bad.validate().unwrap_err().to_string().contains("twice"));
        let sp = Protocol::spaarne().evaluation.unwrap().value;
        assert_eq!((sp.window.min, sp.window.max, sp.stop_without_effect_after), (8, 12, Some(12)));
    }

    #[test]
    fn custom_is_validated() {
        assert!(
            Protocol::custom("c", "C", Range { min: 10, max: 5 }, Frequency::Weekly, Range { min: 45, max: 50 }, "x")
                .is_err()
        );
        assert!(Range::new(3, 2).is_err());
        let p = Protocol::custom(
            "c",
            "C",
            Range { min: 6, max: 10 },
            Frequency::Weekly,
            Range { min: 45, max: 60 },
            "clinic",
        )
        .unwrap();
        assert_eq!(p.sessions.source.key, "local");
        assert!(Contract { sessions: 0, frequency: Frequency::Weekly, minutes: 50 }.validate().is_err());
    }
}
