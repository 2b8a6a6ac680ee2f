//! `ipsrt plan`: evaluate a relapse-prevention plan against observations; recurrence risk.

use std::path::{Path, PathBuf};

use ipsrt::i18n::Localize;
use ipsrt::persist::{self, Persist};
use ipsrt::relapse::{
    AlertMachine, Assessment, Decision, Direction, Observation, ObservationLog, RelapsePlan, RiskBasis,
    recurrence_risk, recurrence_risks,
};
use serde::Serialize;

use crate::error::CliError;
use crate::format::FormatArg;

/// Arguments of `ipsrt plan`.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    command: PlanCommand,
}

#[derive(Debug, clap::Subcommand)]
enum PlanCommand {
    /// Feed observations through the plan's alert-level machine and print the level history with reasons.
    Evaluate {
        /// The relapse plan (ipsrt.relapse_plan JSON, with or without its envelope; `-` reads standard input).
        plan: PathBuf,
        /// The observations (ipsrt.observation_log JSON, or a bare array of observations), in the
        /// order they arrived; late entries (dated before one already fed) are kept in date order
        /// (`-` reads standard input).
        observations: PathBuf,
        #[command(flatten)]
        format: FormatArg,
        /// Also print the assessment after every observation (text: one line each; JSON: `assessments`).
        #[arg(long)]
        all: bool,
    },
    /// Recurrence risk after a number of prior episodes, every figure with its source.
    Risk {
        /// Number of prior episodes (at least 1).
        #[arg(long)]
        episodes: u32,
        /// Only this basis.
        #[arg(long, value_enum)]
        basis: Option<BasisArg>,
        #[command(flatten)]
        format: FormatArg,
    },
}

/// The source of a recurrence-risk figure.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
enum BasisArg {
    /// The Spaarne patient leaflet: 50 % after one episode, 80 % after two.
    SeedS2,
    /// The commonly cited clinical figures: about 50 %, 70 %, 90 % after one, two, three episodes.
    Literature,
    /// Bipolar disorder despite maintenance medication: 73 % over 5 years.
    Bipolar,
    /// A general-population cohort: 13 % at 5, 23 % at 10, 42 % at 20 years.
    Population,
}

impl From<BasisArg> for RiskBasis {
    fn from(b: BasisArg) -> Self {
        match b {
            BasisArg::SeedS2 => RiskBasis::SeedS2,
            BasisArg::Literature => RiskBasis::Literature,
            BasisArg::Bipolar => RiskBasis::Bipolar,
            BasisArg::Population => RiskBasis::Population,
        }
    }
}

/// Runs `ipsrt plan`.
pub fn run(args: Args) -> Result<(), CliError> {
    match args.command {
        PlanCommand::Evaluate { plan, observations, format, all } => {
            crate::format::at_most_one_stdin(&[&plan, &observations])?;
            evaluate(&plan, &observations, format.is_json(), all)
        }
        PlanCommand::Risk { episodes, basis, format } => risk(episodes, basis.map(Into::into), format.is_json()),
    }
}

fn read(path: &Path) -> Result<String, CliError> {
    crate::format::read_text(path)
}

fn parse_value(path: &Path, text: &str) -> Result<serde_json::Value, CliError> {
    serde_json::from_str(text).map_err(|e| CliError::Input(format!("{}: not valid JSON: {e}", path.display())))
}

fn is_envelope(v: &serde_json::Value) -> bool {
    v.as_object().is_some_and(|o| o.contains_key("schema") && o.contains_key("version"))
}

/// Loads a value with or without its envelope; bare data is checked like loaded data.
fn load<T: Persist>(path: &Path, value: serde_json::Value) -> Result<T, CliError> {
    if is_envelope(&value) {
        return persist::from_value(value).map_err(|e| CliError::Input(format!("{}: {e}", path.display())));
    }
    let v: T = serde_json::from_value(value).map_err(|e| {
        let hint = if e.to_string().starts_with("unknown field") {
            "; fix the spelling of the field (the allowed names are listed) or remove it"
        } else {
            ""
        };
        CliError::Input(format!("{}: not {} JSON: {e}{hint}", path.display(), T::SCHEMA))
    })?;
    v.validate_loaded().map_err(|e| CliError::Input(format!("{}: {e}", path.display())))?;
    Ok(v)
}

fn load_observations(path: &Path) -> Result<Vec<Observation>, CliError> {
    let value = parse_value(path, &read(path)?)?;
    if let serde_json::Value::Array(items) = value {
        let mut observations = Vec::with_capacity(items.len());
        for (i, item) in items.into_iter().enumerate() {
            let o: Observation = ipsrt::persist::from_element("observation", i, &item)
                .map_err(|e| CliError::Input(format!("{}: {e}", path.display())))?;
            observations.push(o);
        }
        return Ok(observations);
    }
    Ok(load::<ObservationLog>(path, value)?.observations)
}

#[derive(Serialize)]
struct Report<'a> {
    plan_version: u32,
    observations: usize,
    level: ipsrt::relapse::AlertLevel,
    history_level: ipsrt::relapse::AlertLevel,
    calm_since: Option<chrono::NaiveDate>,
    history: &'a [ipsrt::relapse::Transition],
    decisions: &'a [Decision],
    #[serde(skip_serializing_if = "Option::is_none")]
    assessments: Option<&'a [Assessment]>,
    crisis_contacts: Vec<ipsrt::relapse::Contact>,
    disclaimer: String,
}

fn evaluate(plan_path: &Path, obs_path: &Path, json: bool, all: bool) -> Result<(), CliError> {
    let loc = crate::locale::get();
    let plan: RelapsePlan = load(plan_path, parse_value(plan_path, &read(plan_path)?)?)?;
    let observations = load_observations(obs_path)?;
    let mut machine = AlertMachine::new();
    let assessments = machine.observe_all(&plan, &observations).map_err(|e| CliError::from(ipsrt::Error::from(e)))?;
    if json {
        let report = Report {
            plan_version: plan.version,
            observations: observations.len(),
            level: machine.level(),
            history_level: machine.history_level(),
            calm_since: machine.calm_since(),
            history: machine.history(),
            decisions: machine.decisions(),
            assessments: all.then_some(assessments.as_slice()),
            crisis_contacts: plan.crisis_contacts(),
            disclaimer: plan.disclaimer(),
        };
        let text = serde_json::to_string_pretty(&report)
            .map_err(|e| CliError::Input(format!("cannot serialise the report: {e}")))?;
        println!("{text}");
        return Ok(());
    }
    println!(
        "Alert-level history: plan version {} (effective {}), {} observations",
        plan.version,
        plan.effective_from,
        observations.len()
    );
    if all {
        for a in &assessments {
            let waiting = a.calm_since.map(|d| format!(", waiting to fall since {d}")).unwrap_or_default();
            let late = if a.late { format!(" [late: arrived as #{}]", a.arrival) } else { String::new() };
            println!("  {}  level {} (evidence asks for {}{waiting}){late}", a.date, a.level, a.target);
        }
    }
    let late: Vec<&Decision> = machine.decisions().iter().filter(|d| d.late).collect();
    if !late.is_empty() {
        println!("\nLate entries (dated before an observation that had already arrived):");
        for d in &late {
            let received = d.received_at.as_ref().map(|r| format!(", received {r}")).unwrap_or_default();
            let what = if d.retrospective {
                format!("raised {} now (retrospective: it would have fired on {})", d.to, d.date)
            } else if d.to == d.from {
                format!("level stays {}", d.to)
            } else {
                format!("level {} → {}", d.from, d.to)
            };
            println!("  {} {} arrived as #{}{received}: {what}", d.date, d.observed, d.arrival);
        }
    }
    println!("\nDate-ordered history (what happened when):");
    if machine.history().is_empty() {
        println!("\nNo change of level: Green throughout.");
    }
    for t in machine.history() {
        let dir = match t.direction {
            Direction::Escalation => "escalation",
            Direction::Deescalation => "de-escalation",
        };
        let late_mark = if late.iter().any(|d| d.date == t.date && d.history_changes.contains(t)) {
            "  [from a late entry]"
        } else {
            ""
        };
        println!("\n{}  {} → {}  ({dir}){late_mark}", t.date, t.from.label_in(loc), t.to.label_in(loc));
        for r in &t.reasons {
            println!("    because  {} [threshold {}; source {}]", r.observed, r.threshold, r.source);
        }
        for a in &t.actions {
            println!("    {}  {}", if a.must { "do      " } else { "might do" }, a.text);
        }
        for c in &t.contacts {
            let phone = c.phone.as_deref().map(|p| format!(": {p}")).unwrap_or_default();
            println!("    contact  {}{phone}", c.name);
        }
    }
    print!("\nCurrent level: {}", machine.level().label_in(loc));
    if machine.history_level() < machine.level() {
        print!(
            " (held: the date-ordered history is at {}; a late entry never lowers the level without its own calm period or a clinician's acknowledgement)",
            machine.history_level()
        );
    } else if let Some(d) = machine.calm_since() {
        print!(" (no condition for it since {d}; it falls one level after the hysteresis time)");
    }
    println!("\n\n{}", plan.disclaimer_in(loc));
    Ok(())
}

fn risk(episodes: u32, basis: Option<RiskBasis>, json: bool) -> Result<(), CliError> {
    let figures = match basis {
        Some(b) => vec![recurrence_risk(b, episodes).map_err(|e| CliError::from(ipsrt::Error::from(e)))?],
        None => {
            let all = recurrence_risks(episodes);
            if all.is_empty() {
                return Err(CliError::Input(
                    "recurrence risk needs at least 1 prior episode: pass --episodes 1 or more".into(),
                ));
            }
            all
        }
    };
    if json {
        let text = serde_json::to_string_pretty(&figures)
            .map_err(|e| CliError::Input(format!("cannot serialise the figures: {e}")))?;
        println!("{text}");
    } else {
        println!("Recurrence risk after {episodes} prior episode(s):");
        for f in &figures {
            let population = match f.population {
                ipsrt::relapse::RiskPopulation::Depression => "depression",
                ipsrt::relapse::RiskPopulation::GeneralPopulationDepression => "depression, general population",
                ipsrt::relapse::RiskPopulation::Bipolar => "bipolar, on maintenance",
            };
            println!("  {:<11} {population:<31} {f}", format!("{:?}", f.basis));
        }
    }
    Ok(())
}
