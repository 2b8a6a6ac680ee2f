//! `ipsrt ipsrt`: rhythm-plan due times and reviews, medication adherence, the life chart.

use std::path::PathBuf;

use ipsrt::ipsrt::{IpsrtCourse, LifeChart, MedicationLog, RhythmPlan};
use ipsrt::time::ZonedDateTime;

use crate::error::CliError;
use crate::format::FormatArg;
use crate::input::{parse_date, read_persisted, to_pretty};

/// Arguments of `ipsrt ipsrt`.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, clap::Subcommand)]
enum Command {
    /// Show a rhythm stabilisation plan (ipsrt.rhythm_plan): stage, targets, steps due.
    Plan {
        /// The plan file (`-` reads standard input).
        file: PathBuf,
        /// The day to report steps due for (YYYY-MM-DD); default: none.
        #[arg(long)]
        on: Option<String>,
        #[command(flatten)]
        format: FormatArg,
    },
    /// When each anchor of a plan is next due, and which diary entries are overdue, in a time zone.
    Due {
        /// The plan file (`-` reads standard input).
        file: PathBuf,
        /// Local date-time now, YYYY-MM-DDTHH:MM.
        #[arg(long)]
        now: String,
        /// IANA time zone, e.g. Europe/Amsterdam.
        #[arg(long)]
        zone: String,
        /// Also list entries overdue since this diary day (YYYY-MM-DD); nothing is counted as recorded.
        #[arg(long)]
        overdue_since: Option<String>,
        /// Minutes after the due time before an entry is overdue.
        #[arg(long, default_value_t = 60)]
        grace: u32,
        #[command(flatten)]
        format: FormatArg,
    },
    /// Medication adherence (ipsrt.medication_log) over a period, and the non-adherence signal.
    Medication {
        /// The log file (`-` reads standard input).
        file: PathBuf,
        /// First day (YYYY-MM-DD).
        #[arg(long)]
        from: String,
        /// Last day, inclusive (YYYY-MM-DD).
        #[arg(long)]
        to: String,
        /// Days in the signal window ending on --to.
        #[arg(long, default_value_t = 7)]
        window: u32,
    },
    /// Show an IPSRT course (ipsrt.ipsrt_course): phase, tasks still to do, maintenance visits.
    Course {
        /// The course file (`-` reads standard input).
        file: PathBuf,
    },
    /// Summarise a life chart (ipsrt.life_chart): episodes and what preceded them.
    LifeChart {
        /// The chart file (`-` reads standard input).
        file: PathBuf,
        /// Look-back window before each episode, in days.
        #[arg(long, default_value_t = 56)]
        lookback: u32,
    },
}

/// Runs `ipsrt ipsrt`.
pub fn run(args: Args) -> Result<(), CliError> {
    match args.command {
        Command::Plan { file, on, format } => plan(&file, on.as_deref(), format.is_json()),
        Command::Due { file, now, zone, overdue_since, grace, format } => {
            due(&file, &now, &zone, overdue_since.as_deref(), grace, format.is_json())
        }
        Command::Medication { file, from, to, window } => medication(&file, &from, &to, window),
        Command::LifeChart { file, lookback } => life_chart(&file, lookback),
        Command::Course { file } => course(&file),
    }
}

fn read_plan(file: &std::path::Path) -> Result<RhythmPlan, CliError> {
    read_persisted(file).map_err(|e| match e {
        CliError::Input(m) if m.contains("was rejected") => CliError::Rejected(m),
        other => other,
    })
}

fn plan(file: &std::path::Path, on: Option<&str>, json: bool) -> Result<(), CliError> {
    let plan = read_plan(file)?;
    if json {
        println!("{}", to_pretty(&plan)?);
        return Ok(());
    }
    let s = plan.settings();
    println!("stage: {:?} (baseline from {})", plan.stage(), plan.baseline_start());
    println!(
        "settings: baseline ≥ {} days, ≤ {} initial anchors, steps of {} min held {} days ({}), hit window ±{} min",
        s.min_baseline_days.value,
        s.max_initial_anchors.value,
        s.step_minutes.value,
        s.hold_days.value,
        s.step_minutes.source,
        s.hit_window_minutes.value
    );
    for t in plan.targets() {
        println!(
            "  {:<13} aimed at {} (since {}), target {}, {} step(s) left",
            t.anchor.as_str(),
            t.current,
            t.since,
            t.target,
            t.steps_left(s.step_minutes.value)
        );
    }
    for d in plan.disruptions() {
        println!("  planned disruption {:?} {} to {}: {}", d.kind, d.from, d.to, d.protective_routines.join("; "));
    }
    if let Some(on) = on {
        let day = parse_date(on)?;
        let due: Vec<&str> = plan.steps_due(day).iter().map(|a| a.as_str()).collect();
        println!("steps due on {day}: {}", if due.is_empty() { "none".to_owned() } else { due.join(", ") });
    }
    Ok(())
}

fn due(
    file: &std::path::Path,
    now: &str,
    zone: &str,
    since: Option<&str>,
    grace: u32,
    json: bool,
) -> Result<(), CliError> {
    let plan = read_plan(file)?;
    let now = ZonedDateTime::parse(now, zone).map_err(|e| CliError::Input(e.to_string()))?;
    let next = plan.next_due(&now).map_err(ipsrt::Error::from)?;
    let overdue = match since {
        Some(s) => plan.overdue(&now, parse_date(s)?, grace, &[]).map_err(ipsrt::Error::from)?,
        None => Vec::new(),
    };
    if json {
        println!("{}", to_pretty(&serde_json::json!({ "next_due": next, "overdue": overdue }))?);
        return Ok(());
    }
    if next.is_empty() {
        println!("no anchors with times yet (plan stage {:?})", plan.stage());
    }
    for d in &next {
        let adj = d.adjustment.map_or(String::new(), |a| format!(" ({a:?})"));
        println!("next {:<13} {} = {}{adj}", d.anchor.as_str(), d.due, d.instant.to_rfc3339());
    }
    for d in &overdue {
        println!("overdue {:<13} diary day {}, due {}", d.anchor.as_str(), d.diary_date, d.due);
    }
    Ok(())
}

fn medication(file: &std::path::Path, from: &str, to: &str, window: u32) -> Result<(), CliError> {
    let log: MedicationLog = read_persisted(file)?;
    let (from, to) = (parse_date(from)?, parse_date(to)?);
    let s = log.adherence(from, to).map_err(ipsrt::Error::from)?;
    let pct = |x: Option<f64>| x.map_or("n/a".to_owned(), |v| format!("{:.1} %", v * 100.0));
    println!(
        "{from} to {to}: {} scheduled, {} taken, {} late, {} missed, {} unrecorded; adherence {} (on time {})",
        s.scheduled,
        s.taken,
        s.late,
        s.missed,
        s.unrecorded,
        pct(s.adherence),
        pct(s.on_time)
    );
    let sig = log.non_adherence_signal(to, window).map_err(ipsrt::Error::from)?;
    println!(
        "last {} days: {} missed (longest run {}), {} late; {} ({})",
        sig.window_days,
        sig.missed,
        sig.longest_missed_run,
        sig.late,
        if sig.flagged { "FLAGGED: non-adherence" } else { "not flagged" },
        sig.pathway
    );
    Ok(())
}

fn life_chart(file: &std::path::Path, lookback: u32) -> Result<(), CliError> {
    let chart: LifeChart = read_persisted(file)?;
    for e in chart.with_antecedents(lookback) {
        let end = e.episode.end.map_or("ongoing".to_owned(), |d| d.to_string());
        println!(
            "{:?} episode {} to {end}{}",
            e.episode.polarity,
            e.episode.start,
            if e.episode.hospitalised { " (hospitalised)" } else { "" }
        );
        for ev in e.preceded_by {
            println!("    preceded by {:?} on {}", ev.pathway(), ev.date());
        }
    }
    println!("episodes per polarity: {:?}", chart.counts());
    println!("episodes preceded by each pathway within {lookback} days: {:?}", chart.pathway_counts(lookback));
    println!("well intervals (days): {:?}", chart.well_intervals_days());
    Ok(())
}

fn course(file: &std::path::Path) -> Result<(), CliError> {
    let c: IpsrtCourse = read_persisted(file).map_err(|e| match e {
        CliError::Input(m) if m.contains("was rejected") => CliError::Rejected(m),
        other => other,
    })?;
    println!("IPSRT phase: {:?} (course model phase: {})", c.phase(), c.course().phase.name());
    for (phase, date) in c.phase_starts() {
        println!("  {phase:?} from {date}");
    }
    let missing = c.tasks_missing();
    if !missing.is_empty() {
        println!("IPSRT initial tasks still to do: {missing:?}");
    }
    let ipt: Vec<&str> = c.course().missing_initial_tasks().iter().map(|t| t.todo()).collect();
    if !ipt.is_empty() {
        println!("IPT initial tasks still to do: {}", ipt.join("; "));
    }
    println!("focus: {}", c.course().focus_text());
    let s = &c.protocol().stabilisation;
    println!(
        "stabilisation criterion: {} weeks, {} mean < {}, {} < {} ({})",
        s.weeks.value,
        s.depression_scale,
        s.depression_mean_below.value,
        s.mania_scale,
        s.mania_below.value,
        s.weeks.source
    );
    let visits = c.maintenance_dates();
    if let (Some(first), Some(last)) = (visits.first(), visits.last()) {
        println!("maintenance visits planned: {} from {first} to {last}", visits.len());
    }
    Ok(())
}
