//! Provenance: where every clinical rule and number comes from.
//!
//! The library never presents a clinical number without its source. A number is wrapped in
//! [`Cited`], which pairs the value with a [`Source`]: a key into the [`REFERENCES`]
//! bibliography, a locator inside that work (chapter, table, page), and how sure we are
//! ([`Evidence`]).
//!
//! ```
//! use ipsrt::source::{Cited, Evidence, Source};
//!
//! let sessions = Cited::new(16_u32, Source::new("WMK-2000", "ch. 7: 12–16 weekly sessions", Evidence::Verified));
//! assert_eq!(sessions.value, 16);
//! assert_eq!(sessions.source.reference().map(|r| r.year), Some(2000));
//! ```

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

/// How sure a rule or number is (the tags are explained in docs/sources.md).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Evidence {
    /// Stated in one of the five founding (Dutch) clinical documents, S0–S4.
    Seed,
    /// Read in the cited source.
    Verified,
    /// Checked by running an existing implementation on the case.
    Checked,
    /// From a standard manual or secondary literature that could not be read in full: treat as
    /// likely and configurable.
    ManualRecalled,
    /// A design choice of this library, not a clinical rule. Always configurable.
    Design,
}

/// Where a rule or number comes from.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// Key into [`REFERENCES`] (for example `"WMK-2000"`, `"S2"`, `"KSW-2001"`, `"ipsrt-design"`).
    pub key: Cow<'static, str>,
    /// Where inside the work, or a short quotation of the rule (for example `"ch. 7"`).
    pub locator: Cow<'static, str>,
    /// How sure the statement is.
    pub evidence: Evidence,
}

impl Source {
    /// A source from static strings; usable in `const` context.
    pub const fn new(key: &'static str, locator: &'static str, evidence: Evidence) -> Self {
        Source { key: Cow::Borrowed(key), locator: Cow::Borrowed(locator), evidence }
    }

    /// A source from owned strings (for user- or study-supplied values).
    pub fn owned(key: impl Into<String>, locator: impl Into<String>, evidence: Evidence) -> Self {
        Source { key: Cow::Owned(key.into()), locator: Cow::Owned(locator.into()), evidence }
    }

    /// A value chosen by the deploying clinic or study, not by a published source.
    pub fn local(who: impl Into<String>) -> Self {
        Source::owned("local", who, Evidence::Design)
    }

    /// The bibliography entry for [`Source::key`], when the key is a known reference.
    pub fn reference(&self) -> Option<&'static Reference> {
        reference(&self.key)
    }
}

impl std::fmt::Display for Source {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.locator.is_empty() { write!(f, "{}", self.key) } else { write!(f, "{}, {}", self.key, self.locator) }
    }
}

/// A value together with the source it comes from.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Cited<T> {
    /// The value.
    pub value: T,
    /// Where the value comes from.
    pub source: Source,
}

impl<T> Cited<T> {
    /// Pairs a value with its source.
    pub const fn new(value: T, source: Source) -> Self {
        Cited { value, source }
    }
}

/// One entry of the bibliography.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub struct Reference {
    /// The short key used in [`Source::key`].
    pub key: &'static str,
    /// Year of publication (0 for this library's own design notes).
    pub year: u16,
    /// Full citation.
    pub citation: &'static str,
}

/// Looks up a bibliography entry by key.
pub fn reference(key: &str) -> Option<&'static Reference> {
    REFERENCES.iter().find(|r| r.key == key)
}

/// The bibliography of every source the library cites. `docs/sources.md` lists the same works.
pub const REFERENCES: &[Reference] = &[
    Reference {
        key: "S0",
        year: 0,
        citation: "Seed S0: \"IPSRT introductie\", slides from a Dutch KenBis survey (founding document).",
    },
    Reference { key: "S1", year: 0, citation: "Seed S1: IPT page of a Belgian practice (founding document)." },
    Reference {
        key: "S2",
        year: 2018,
        citation: "Seed S2: Spaarne Gasthuis patient leaflet \"IPT – behandeling bij een depressie\", folder dsg-924, 2 May 2018 (founding document).",
    },
    Reference {
        key: "S3",
        year: 0,
        citation: "Seed S3: Apanta-ggz \"Interpersoonlijke psychotherapie\" group leaflet (founding document).",
    },
    Reference {
        key: "S4",
        year: 2015,
        citation: "Seed S4: report of a Phrenos meeting on IPS, 6 Nov 2015 (founding document).",
    },
    Reference {
        key: "WMK-2000",
        year: 2000,
        citation: "Weissman MM, Markowitz JC, Klerman GL. Comprehensive Guide to Interpersonal Psychotherapy. Basic Books, 2000.",
    },
    Reference {
        key: "WMK-2018",
        year: 2018,
        citation: "Weissman MM, Markowitz JC, Klerman GL. The Guide to Interpersonal Psychotherapy, Updated and Expanded Edition. OUP, 2018.",
    },
    Reference {
        key: "KWRC-1984",
        year: 1984,
        citation: "Klerman GL, Weissman MM, Rounsaville BJ, Chevron ES. Interpersonal Psychotherapy of Depression. Basic Books, 1984.",
    },
    Reference {
        key: "SR-2012",
        year: 2012,
        citation: "Stuart S, Robertson M. Interpersonal Psychotherapy: A Clinician's Guide, 2nd ed. Hodder Arnold/CRC, 2012.",
    },
    Reference {
        key: "ISIPT",
        year: 0,
        citation: "International Society of Interpersonal Psychotherapy, \"Key IPT strategies\", interpersonalpsychotherapy.org/ipt-basics/key-ipt-strategies.",
    },
    Reference { key: "IPTUK", year: 0, citation: "IPTUK, \"Stages of IPT\", iptuk.net/stages-of-ipt.html." },
    Reference {
        key: "FRANK-2005",
        year: 2005,
        citation: "Frank E. Treating Bipolar Disorder: A Clinician's Guide to Interpersonal and Social Rhythm Therapy. Guilford, 2005.",
    },
    Reference {
        key: "FSB-2007",
        year: 2007,
        citation: "Frank E, Swartz HA, Boland E. Interpersonal and social rhythm therapy: an intervention addressing rhythm dysregulation in bipolar disorder. Dialogues Clin Neurosci 2007;9(3):325–332.",
    },
    Reference {
        key: "FK-2005",
        year: 2005,
        citation: "Frank E, Kupfer DJ, Thase ME, et al. Two-year outcomes for interpersonal and social rhythm therapy in individuals with bipolar I disorder. Arch Gen Psychiatry 2005;62:996–1004.",
    },
    Reference {
        key: "FRANK-1991",
        year: 1991,
        citation: "Frank E, Prien RF, Jarrett RB, et al. Conceptualization and rationale for consensus definitions of terms in major depressive disorder: remission, recovery, relapse, and recurrence. Arch Gen Psychiatry 1991;48:851–855.",
    },
    Reference {
        key: "FRANK-2007",
        year: 2007,
        citation: "Frank E, Kupfer DJ, Buysse DJ, et al. Randomized trial of weekly, twice-monthly, and monthly interpersonal psychotherapy as maintenance treatment for women with recurrent depression. Am J Psychiatry 2007;164:761–767.",
    },
    Reference {
        key: "FRANK-1990",
        year: 1990,
        citation: "Frank E, Kupfer DJ, Perel JM, et al. Three-year outcomes for maintenance therapies in recurrent depression. Arch Gen Psychiatry 1990;47:1093–1099.",
    },
    Reference {
        key: "KLERMAN-1974",
        year: 1974,
        citation: "Klerman GL, DiMascio A, Weissman M, Prusoff B, Paykel ES. Treatment of depression by drugs and psychotherapy. Am J Psychiatry 1974;131:186–191.",
    },
    Reference {
        key: "KSW-2001",
        year: 2001,
        citation: "Kroenke K, Spitzer RL, Williams JBW. The PHQ-9: validity of a brief depression severity measure. J Gen Intern Med 2001;16:606–613.",
    },
    Reference {
        key: "HAMILTON-1960",
        year: 1960,
        citation: "Hamilton M. A rating scale for depression. J Neurol Neurosurg Psychiatry 1960;23:56–62.",
    },
    Reference {
        key: "ZIMMERMAN-2013",
        year: 2013,
        citation: "Zimmerman M, Martinez JH, Young D, Chelminski I, Dalrymple K. Severity classification on the Hamilton Depression Rating Scale. J Affect Disord 2013;150:384–388.",
    },
    Reference {
        key: "ALTMAN-1997",
        year: 1997,
        citation: "Altman EG, Hedeker D, Peterson JL, Davis JM. The Altman Self-Rating Mania Scale. Biol Psychiatry 1997;42:948–955.",
    },
    Reference {
        key: "YOUNG-1978",
        year: 1978,
        citation: "Young RC, Biggs JT, Ziegler VE, Meyer DA. A rating scale for mania: reliability, validity and sensitivity. Br J Psychiatry 1978;133:429–435.",
    },
    Reference {
        key: "COPELAND-1997",
        year: 1997,
        citation: "Copeland ME. Wellness Recovery Action Plan. Peach Press, 1997 (structure only; the WRAP name is a trademark and is not used by this library).",
    },
    Reference {
        key: "MONK-1990",
        year: 1990,
        citation: "Monk TH, Flaherty JF, Frank E, Hoskinson K, Kupfer DJ. The Social Rhythm Metric: an instrument to quantify the daily rhythms of life. J Nerv Ment Dis 1990;178(2):120–126.",
    },
    Reference {
        key: "MONK-1997",
        year: 1997,
        citation: "Monk TH, Reynolds CF, Kupfer DJ, Hoch CC, Carrier J, Houck PR. Differences over the life span in daily life-style regularity. Chronobiol Int 1997;14(3):295–306.",
    },
    Reference {
        key: "MONK-2002",
        year: 2002,
        citation: "Monk TH, Frank E, Potts JM, Kupfer DJ. A simple way to measure daily lifestyle regularity. J Sleep Res 2002;11:183–190.",
    },
    Reference {
        key: "ABDULLAH-2016",
        year: 2016,
        citation: "Abdullah S, Matthews M, Frank E, Doherty G, Gay G, Choudhury T. Automatic detection of social rhythms in bipolar disorder. JAMIA 2016;23(3):538–543.",
    },
    Reference {
        key: "PHILLIPS-2017",
        year: 2017,
        citation: "Phillips AJK, Clerx WM, O'Brien CS, et al. Irregular sleep/wake patterns are associated with poorer academic performance and delayed circadian and sleep/wake timing. Sci Rep 2017;7:3216.",
    },
    Reference {
        key: "WITTING-1990",
        year: 1990,
        citation: "Witting W, Kwa IH, Eikelenboom P, Mirmiran M, Swaab DF. Alterations in the circadian rest-activity rhythm in aging and Alzheimer's disease. Biol Psychiatry 1990;27:563–572.",
    },
    Reference {
        key: "VANSOMEREN-1999",
        year: 1999,
        citation: "Van Someren EJW, Swaab DF, Colenda CC, et al. Bright light therapy: improved sensitivity to its effects on rest-activity rhythms in Alzheimer patients by application of nonparametric methods. Chronobiol Int 1999;16(4):505–518.",
    },
    Reference {
        key: "RAY-SRM",
        year: 0,
        citation: "cbrenner04/srm_testing (RAY / CBITS Ruby SRM scorer and fixtures); numbers used as facts, code not used.",
    },
    Reference {
        key: "MOODRHYTHM",
        year: 2016,
        citation: "saeed-abdullah/Anvil anvil/circadian.py (MoodRhythm SRM scorer); behaviour described, code not used.",
    },
    Reference {
        key: "BECKER-2019",
        year: 2019,
        citation: "Becker DR, Swanson SJ, Reese SL, Bond GR, McLeman BM. Supported Employment Fidelity Review Manual, 4th ed. IPS Employment Center, Westat, 2019.",
    },
    Reference {
        key: "BOND-2012",
        year: 2012,
        citation: "Bond GR, Peterson AE, Becker DR, Drake RE. Validation of the revised IPS Fidelity Scale (IPS-25). Psychiatr Serv 2012;63(8):758–763.",
    },
    Reference {
        key: "ipsrt-design",
        year: 0,
        citation: "A design choice of the ipsrt library, documented in docs/decisions.md and the area pages of docs/; not a clinical rule and always configurable.",
    },
    Reference {
        key: "WILFLEY-2000",
        year: 2000,
        citation: "Wilfley DE, MacKenzie KR, Welch RR, Ayres VE, Weissman MM. Interpersonal Psychotherapy for Group. Basic Books, 2000.",
    },
    Reference {
        key: "IPSRT-ORG",
        year: 0,
        citation: "IPSRT Institute, \"Overview\" and \"Background\", ipsrt.org/overview and ipsrt.org/background (acute phase about 20 weeks; individual sessions 45–60 min weekly).",
    },
    Reference {
        key: "MTBD",
        year: 0,
        citation: "Maintenance Therapies in Bipolar Disorder trial (Frank et al.), design as described at alpfmedical.info/bipolar-disorder/preliminary-findings-study-design.html (stabilisation criterion).",
    },
    Reference {
        key: "BOND-CAMPBELL-DRAKE-2012",
        year: 2012,
        citation: "Bond GR, Campbell K, Drake RE. Standardizing measures in four domains of employment outcomes for individual placement and support. Psychiatr Serv 2012;63(8):751–757.",
    },
    Reference {
        key: "IPSWORKS",
        year: 0,
        citation: "IPS Employment Center, \"IPS practice and principles\" and supervisor FAQ (quarterly competitive employment benchmarks 31/41/50 %), ipsworks.org.",
    },
    Reference {
        key: "NIMH-APA",
        year: 0,
        citation: "Recurrence after one, two and three depressive episodes (≈ 50 / 70 / 90 %), commonly attributed to NIMH and APA practice guidelines; secondary statements, e.g. faqs.org \"Depressive Disorders – Prognosis\".",
    },
    Reference {
        key: "GITLIN-1995",
        year: 1995,
        citation: "Gitlin MJ, Swendsen J, Heller TL, Hammen C. Relapse and impairment in bipolar disorder. Am J Psychiatry 1995;152:1635–1640.",
    },
    Reference {
        key: "HARDEVELD-2013",
        year: 2013,
        citation: "Hardeveld F, Spijker J, De Graaf R, Nolen WA, Beekman ATF. Recurrence of major depressive disorder and its predictors in the general population. Psychol Med 2013;43:39–48.",
    },
    Reference {
        key: "LOWE-2004",
        year: 2004,
        citation: "Löwe B, Unützer J, Callahan CM, Perkins AJ, Kroenke K. Monitoring depression treatment outcomes with the Patient Health Questionnaire-9. Med Care 2004;42(12):1194–1201.",
    },
    Reference {
        key: "NCQA-DRR",
        year: 0,
        citation: "National Committee for Quality Assurance (NCQA). HEDIS measure Depression Remission or Response for Adolescents and Adults (DRR-E): remission = most recent PHQ-9 < 5 and response = PHQ-9 at least 50 % lower than the index score, in a 120–240-day follow-up window; ncqa.org.",
    },
    Reference {
        key: "MII-PRO",
        year: 0,
        citation: "Medizininformatik-Initiative (MII), FHIR Implementation Guide for patient-reported outcomes (kerndatensatzmodul-proms), PHQ-9 page: item 9 requires immediate clinical evaluation for any positive response, regardless of the total score; build.fhir.org/ig/medizininformatik-initiative/kerndatensatzmodul-proms.",
    },
    Reference {
        key: "RUCCI-2011",
        year: 2011,
        citation: "Rucci P, Frank E, Scocco P, et al. Treatment-emergent suicidal ideation during 4 months of acute management of unipolar major depression with SSRI pharmacotherapy or interpersonal psychotherapy in a randomized clinical trial. Depress Anxiety 2011;28:303–309 (HDRS suicide item ≥ 2 after a baseline ≤ 1).",
    },
    Reference {
        key: "SPITZER-2006",
        year: 2006,
        citation: "Spitzer RL, Kroenke K, Williams JBW, Löwe B. A brief measure for assessing generalized anxiety disorder: the GAD-7. Arch Intern Med 2006;166:1092–1097.",
    },
    Reference {
        key: "TOUSSAINT-2020",
        year: 2020,
        citation: "Toussaint A, Hüsing P, Gumz A, et al. Sensitivity to change and minimal clinically important difference of the 7-item Generalized Anxiety Disorder Questionnaire (GAD-7). J Affect Disord 2020;265:395–401.",
    },
    Reference {
        key: "COX-1987",
        year: 1987,
        citation: "Cox JL, Holden JM, Sagovsky R. Detection of postnatal depression: development of the 10-item Edinburgh Postnatal Depression Scale. Br J Psychiatry 1987;150:782–786. Scale © 1987 The Royal College of Psychiatrists; copying for distribution or republication (print, online or any other medium) needs its written permission.",
    },
    Reference {
        key: "GLADPC-2010",
        year: 2010,
        citation: "GLAD-PC (Guidelines for Adolescent Depression in Primary Care) toolkit: \"PHQ-9 Modified for Teens\" with scoring instructions, version 2, 2010; form marked \"Use with Permission\".",
    },
    Reference {
        key: "RICHARDSON-2010",
        year: 2010,
        citation: "Richardson LP, McCauley E, Grossman DC, et al. Evaluation of the Patient Health Questionnaire-9 item for detecting major depression among adolescents. Pediatrics 2010;126:1117–1123.",
    },
    Reference {
        key: "MUNDT-2002",
        year: 2002,
        citation: "Mundt JC, Marks IM, Shear MK, Greist JH. The Work and Social Adjustment Scale: a simple measure of impairment in functioning. Br J Psychiatry 2002;180:461–464.",
    },
    Reference {
        key: "POSNER-2011",
        year: 2011,
        citation: "Posner K, Brown GK, Stanley B, et al. The Columbia–Suicide Severity Rating Scale: initial validity and internal consistency findings from three multisite studies with adolescents and adults. Am J Psychiatry 2011;168:1266–1277. Electronic versions are licensed exclusively through Clario.",
    },
    Reference {
        key: "CSSRS-TRIAGE",
        year: 0,
        citation: "The Columbia Lighthouse Project, C-SSRS Screener with clinical triage guidelines: \"yes\" to question 4 or 5 (past month) or suicidal behaviour in the past 3 months is high risk (immediate referral and safety precautions); cssrs.columbia.edu.",
    },
    Reference {
        key: "CMS159",
        year: 0,
        citation: "CMS159 Depression Remission at Twelve Months (eCQI; MN Community Measurement): index PHQ-9 > 9; remission PHQ-9 < 5 at 12 months ± 60 days; ecqi.healthit.gov/ecqm/measures/cms159v4.",
    },
    Reference {
        key: "SAMARA-2023",
        year: 2023,
        citation: "Samara MT, Levine SZ, Leucht S. Linkage of Young Mania Rating Scale to Clinical Global Impression scale to enhance utility in clinical practice and research trials. Pharmacopsychiatry 2023;56:18–24.",
    },
    Reference {
        key: "CORDAAN",
        year: 0,
        citation: "Cordaan, \"Interpersoonlijke psychotherapie\", cordaan.nl/interpersoonlijke-psychotherapie (NL practice: usually 12 to 16 sessions; add or switch treatment without effect in the agreed time).",
    },
    Reference {
        key: "IPTI",
        year: 0,
        citation: "IPT Institute, IPT training slides (monitor symptoms regularly: PHQ-9 and GAD-7 every 4 sessions), studylib.net/doc/25532296/ipt-slides.",
    },
    Reference {
        key: "MARKOWITZ-SWARTZ-1997",
        year: 1997,
        citation: "Markowitz JC, Swartz HA. Case formulation in interpersonal psychotherapy of depression. In: Eells TD (ed.), Handbook of Psychotherapy Case Formulation. Guilford, 1997 (explicit patient agreement with the formulation).",
    },
    // Safety: crisis lines by region and the remission-aware alert rules (relapse module).
    Reference {
        key: "IAPT-CRITERIA",
        year: 2021,
        citation: "NHS Talking Therapies (IAPT) outcome criteria as restated in the outcome definitions of trial NCT05134103: reliable change on the PHQ-9 is a change of 6 points or more; caseness is a PHQ-9 total above 9.",
    },
    Reference {
        key: "NL-113",
        year: 2025,
        citation: "113 Zelfmoordpreventie, 113.nl (\"Bel gratis 113\"; 0800-0113; chat); 113 free to call since October 2025 (ANP/upday, 3 October 2025, \"Nummer 113 nu gratis\").",
    },
    Reference {
        key: "EC-112",
        year: 0,
        citation: "European Commission, \"112 – the single European emergency number\", ec.europa.eu/information_society/activities/112.",
    },
    Reference {
        key: "BE-1813",
        year: 0,
        citation: "Zelfmoordlijn 1813 (Centrum ter Preventie van Zelfdoding), zelfmoord1813.be: call 1813, 24/7; chat.",
    },
    Reference {
        key: "BE-CPS",
        year: 2022,
        citation: "Centre de Prévention du Suicide, preventionsuicide.be (rapport d'activités 2022): 0800 32 123, free, 24/7.",
    },
    Reference {
        key: "DE-TS",
        year: 0,
        citation: "domradio.de, glossary \"TelefonSeelsorge\": 0800 111 0 111 and 0800 111 0 222, free, 24/7.",
    },
    Reference {
        key: "DE-116123",
        year: 0,
        citation: "Ev. Dekanat Ansbach, \"Jeder braucht mal Hilfe\", ansbach-evangelisch.de (TelefonSeelsorge also on 116 123); secondary, confirm on telefonseelsorge.de.",
    },
    Reference {
        key: "UK-SAMARITANS",
        year: 0,
        citation: "Samaritans, \"Contact a Samaritan\", samaritans.org/how-we-can-help/contact-samaritan: 116 123, free from any phone, 24/7.",
    },
    Reference {
        key: "UK-NHS111",
        year: 2024,
        citation: "NHS 111 option 2 for a mental-health crisis in England from April 2024 (Ellison View Surgery, NHS, April 2024) and in Wales (Aneurin Bevan University Health Board, \"Mental health crisis\").",
    },
    Reference {
        key: "UK-LPFT",
        year: 0,
        citation: "Lincolnshire Partnership NHS Foundation Trust, \"Need help now\", lpft.nhs.uk/contact-us/need-help-now (NHS 111; 999 in an emergency).",
    },
    Reference {
        key: "IE-HSE",
        year: 0,
        citation: "HSE, \"When to call 112 or 999\", www2.hse.ie/emergencies/when-to-call-112-or-999 (both free).",
    },
    Reference {
        key: "IE-116123",
        year: 2013,
        citation: "Houses of the Oireachtas, written answer of 10 December 2013 (Samaritans on 116 123).",
    },
    Reference {
        key: "IE-PIETA",
        year: 0,
        citation: "Avondhu Press, \"Having someone to talk to in the middle of the night actually keeps you alive\" (Pieta 1800 247 247); a news report, confirm on pieta.ie.",
    },
    Reference {
        key: "IE-50808",
        year: 0,
        citation: "Irish Examiner, arid-31005605 (text 50808, HSE-funded crisis text line); a news report, confirm on 50808.ie.",
    },
    Reference {
        key: "US-988",
        year: 2022,
        citation: "WellPower, \"988 launches nationwide: here's what you need to know\" (988 Suicide & Crisis Lifeline, call or text, from 16 July 2022).",
    },
    Reference {
        key: "US-911",
        year: 0,
        citation: "Contact Listens (a 988 centre), \"Get help\", contactlistens.org/get-help (911 in an emergency).",
    },
    Reference {
        key: "CA-988",
        year: 2023,
        citation: "Government of Canada news release, 30 November 2023: \"Government of Canada launches three-digit suicide crisis helpline\" (9-8-8, call or text, English and French, 24/7).",
    },
    Reference {
        key: "CA-911",
        year: 0,
        citation: "911 as Canada's emergency number (general knowledge; not confirmed from an official page here).",
    },
    Reference {
        key: "AU-LIFELINE",
        year: 0,
        citation: "Lifeline Harbour to Hawkesbury, \"Telephone crisis support: FAQs\", lifelineh2h.org.au (13 11 14; free from mobiles, local-call charge from landlines; 000 in an emergency).",
    },
    Reference {
        key: "LOUZON-2016",
        year: 2016,
        citation: "Louzon SA, Bossarte R, McCarthy JF, Katz IR. Does suicidal ideation as measured by the PHQ-9 predict suicide among VA patients? Psychiatr Serv 2016;67(5):517–522 (71.6 % of suicides followed a most recent item-9 answer of \"not at all\").",
    },
    Reference {
        key: "JACOBSON-TRUAX-1991",
        year: 1991,
        citation: "Jacobson NS, Truax P. Clinical significance: a statistical approach to defining meaningful change in psychotherapy research. J Consult Clin Psychol 1991;59(1):12–19 (reliable change index RC = (x2 − x1) / S_diff, S_diff = √(2·SE²), SE = s1·√(1 − r_xx); |RC| > 1.96 is reliable change).",
    },
    Reference {
        key: "MAASSEN-2004",
        year: 2004,
        citation: "Maassen GH. The standard error in the Jacobson and Truax Reliable Change Index: the classical approach to the assessment of reliable change. J Int Neuropsychol Soc 2004;10(6):888–893.",
    },
    Reference {
        key: "NL-PSYIMAGE-IPT",
        year: 0,
        citation: "De Groot K. \"Interpersoonlijke psychotherapie bij depressie\", Psy-Image, psy-image.nl (Dutch IPT terms: probleemgebieden rouw, interpersoonlijk conflict, rolverandering, interpersoonlijk tekort; the phases).",
    },
    Reference {
        key: "NL-CCGT-IPT",
        year: 0,
        citation: "CCGT Kenniscentrum, \"Interpersoonlijke psychotherapie\", ccgt.nl/kenniscentrum/psychotherapieen/interpersoonlijke-psychotherapie (Dutch IPT terms and phases).",
    },
    Reference {
        key: "NL-DIMENCE-IPSRT",
        year: 0,
        citation: "Dimence, \"Interpersoonlijke sociaal ritme therapie\", dimence.nl/behandelingen/interpersoonlijke-sociaal-ritme-therapie (Dutch IPSRT terms: rouw, (rol)conflicten, rolverandering, eenzaamheid).",
    },
    Reference {
        key: "NL-QIT-PHQ9",
        year: 0,
        citation: "QIT online, \"PHQ-9 – Personal Health Questionnaire-9\", qitonline.com/vragenlijsten/phq-9-personal-health-questionnaire-9 (Dutch PHQ-9, free; norm categories geen, mild, matig, matig ernstig, ernstig).",
    },
    Reference {
        key: "NL-VMDB-SIGNAL",
        year: 0,
        citation: "VMDB (Vereniging voor manisch-depressieven en betrokkenen), \"Noodplan en signaleringsplan\", vmdb.nl/bipolair/noodplan-signaleringsplan (the Dutch bipolar signalling plan: vroege signalen, crisis).",
    },
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reference_keys_are_unique() {
        for (i, a) in REFERENCES.iter().enumerate() {
            for b in &REFERENCES[i + 1..] {
                assert_ne!(a.key, b.key, "duplicate reference key");
            }
        }
    }

    #[test]
    fn source_round_trips_through_json() {
        let s = Source::new("KSW-2001", "Table 1", Evidence::Verified);
        let json = serde_json::to_string(&s).unwrap();
        assert_eq!(json, r#"{"key":"KSW-2001","locator":"Table 1","evidence":"verified"}"#);
        let back: Source = serde_json::from_str(&json).unwrap();
        assert_eq!(back, s);
        assert_eq!(back.reference().map(|r| r.year), Some(2001));
        assert!(Source::new("nope", "", Evidence::Design).reference().is_none());
    }
}
