//! `ipsrt course`: replay an IPT course's event log.
//!
//! Open safety signals (a `measure_recorded` event whose score carries safety signals, not yet
//! followed by `safety_acknowledged`) are printed first, on lines starting with `!!`.

use std::path::PathBuf;

use ipsrt::course::{Course, CourseError, CourseLog, EventRecord, Phase};
use ipsrt::i18n::Localize;
use ipsrt::persist::Persist;
use serde_json::Value;

use crate::error::CliError;
use crate::format::{FormatArg, read_text};

/// Arguments of `ipsrt course`.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, clap::Subcommand)]
enum Command {
    /// Replay a course's event log and print the resulting state, or the first rejected event.
    ///
    /// FILE is a JSON array of events, an object {"events": [...]}, or a saved course
    /// ({"schema": "ipsrt.course", "version": 1, "data": {"events": [...], "snapshot": {...}}}).
    Replay {
        /// The JSON file (`-` reads standard input).
        file: PathBuf,
        /// `json` prints the course (the persisted `ipsrt.course` JSON) instead of a summary.
        #[command(flatten)]
        format: FormatArg,
    },
}

/// Runs `ipsrt course`.
pub fn run(args: Args) -> Result<(), CliError> {
    match args.command {
        Command::Replay { file, format } => replay(&file, format.is_json()),
    }
}

fn parse_events(path: &std::path::Path, text: &str) -> Result<(Vec<EventRecord>, Option<Value>), CliError> {
    let raw: Value =
        serde_json::from_str(text).map_err(|e| CliError::Input(format!("{}: not valid JSON: {e}", path.display())))?;
    let (events, envelope) = match raw {
        Value::Array(a) => (a, None),
        Value::Object(ref o) if o.contains_key("schema") => {
            let schema = o.get("schema").and_then(Value::as_str).unwrap_or_default();
            if schema != CourseLog::SCHEMA {
                return Err(CliError::Input(format!(
                    "{}: this is {schema:?} JSON, not {:?}: pass a saved course or an event list",
                    path.display(),
                    CourseLog::SCHEMA
                )));
            }
            let events =
                o.get("data").and_then(|d| d.get("events")).and_then(Value::as_array).cloned().ok_or_else(|| {
                    CliError::Input(format!("{}: the saved course has no data.events list", path.display()))
                })?;
            (events, Some(raw.clone()))
        }
        Value::Object(mut o) => match o.remove("events") {
            Some(Value::Array(a)) => {
                if let Some(extra) = o.keys().next() {
                    return Err(CliError::Input(format!(
                        "{}: unknown field {} next to \"events\": the object allows only \"events\"",
                        path.display(),
                        ipsrt::limits::Excerpt::new(extra)
                    )));
                }
                (a, None)
            }
            _ => {
                return Err(CliError::Input(format!(
                    "{}: expected a list of events, or an object with an \"events\" list",
                    path.display()
                )));
            }
        },
        _ => {
            return Err(CliError::Input(format!("{}: expected a list of events", path.display())));
        }
    };
    let mut out = Vec::with_capacity(events.len());
    for (i, v) in events.into_iter().enumerate() {
        let rec: EventRecord = ipsrt::persist::from_element("event", i, &v)
            .map_err(|e| CliError::Input(format!("{}: {e}", path.display())))?;
        out.push(rec);
    }
    Ok((out, envelope))
}

fn replay(path: &std::path::Path, json: bool) -> Result<(), CliError> {
    let text = read_text(path)?;
    let (events, envelope) = parse_events(path, &text)?;
    let course = match Course::replay(&events) {
        Ok(c) => c,
        Err(CourseError::EventRejected { index, reason }) => {
            let ty = events.get(index).map_or("?", |e| e.event.type_name());
            let date = events.get(index).map(|e| e.date.to_string()).unwrap_or_default();
            return Err(CliError::Rejected(format!(
                "event {index} (counting from 0; {ty}, {date}) was rejected: {reason}"
            )));
        }
        Err(e) => return Err(CliError::Input(format!("{}: {e}", path.display()))),
    };
    if let Some(env) = envelope {
        // The snapshot must agree with the log.
        ipsrt::persist::from_value::<CourseLog>(env)
            .map_err(|e| CliError::Input(format!("{}: {e}", path.display())))?;
    }
    if json {
        let log = CourseLog { events, snapshot: course };
        println!("{}", ipsrt::persist::to_json_pretty(&log));
        return Ok(());
    }
    print_summary(&course, events.len());
    Ok(())
}

fn print_summary(course: &Course, n_events: usize) {
    let st = course.status();
    let loc = crate::locale::get();
    // Open safety signals come first, whatever the phase.
    for w in st.warnings.iter().filter(|w| matches!(w, ipsrt::course::Warning::SafetySignalOpen { .. })) {
        println!("!! {}", w.label_in(loc));
    }
    println!("protocol:   {} (v{}), taxonomy {}", course.protocol.name, course.protocol.version, course.taxonomy);
    let phase = match &course.phase {
        Phase::Ended { ending } => format!("{} ({})", course.phase.label_in(loc), ending_text(ending)),
        p => p.label_in(loc),
    };
    println!("phase:      {phase}");
    match (st.contract_sessions, st.remaining) {
        (Some(total), Some(rem)) => {
            let c = course
                .contract()
                .map(|c| format!(", {} × {} min", c.frequency.as_str(), c.minutes))
                .unwrap_or_default();
            println!(
                "sessions:   {} held, {} missed, {} cancelled; {rem} of {total} remaining in the contract{c}",
                st.attended, st.missed, st.cancelled
            );
        }
        _ => println!(
            "sessions:   {} held, {} missed, {} cancelled; no contract set yet",
            st.attended, st.missed, st.cancelled
        ),
    }
    if let Some(p) = st.population {
        println!("population: {}", p.label_in(loc));
    }
    if st.delivery.iter().any(|d| d.mode.is_some()) {
        let parts: Vec<String> = st
            .delivery
            .iter()
            .map(|d| {
                let mode = d.mode.map_or_else(|| "not recorded".to_owned(), |m| m.label_in(loc));
                format!("{} {mode}", d.attended)
            })
            .collect();
        println!("delivery:   {} (attended sessions)", parts.join(", "));
    }
    println!("focus:      {}", course.focus_text());
    println!("inventory:  {} people; {} life events", course.inventory.len(), course.life_events.len());
    if let Some(e) = course.evaluations.last() {
        println!("evaluation: {} after {} sessions ({})", e.verdict.as_str(), e.after_sessions, e.date);
    }
    if let Some(p) = &course.relapse_plan {
        println!(
            "relapse plan: recorded {}{}{}",
            p.date,
            p.plan_ref.as_ref().map(|r| format!(" ({r})")).unwrap_or_default(),
            if course.relapse_plan_empty() { " — empty (no reference, no summary)" } else { "" }
        );
    }
    for m in &course.medications {
        let until = m.stopped.map_or_else(|| "ongoing".to_owned(), |d| format!("stopped {d}"));
        println!("medication: {} from {} ({until}) — combined treatment", m.medication, m.started);
    }
    if !st.termination_tasks.is_empty() {
        let parts: Vec<String> = st
            .termination_tasks
            .iter()
            .map(|t| format!("{} {}", t.task.label_in(loc), t.state.label_in(loc)))
            .collect();
        println!("termination tasks: {}", parts.join("; "));
    }
    for d in &course.deviations {
        println!("deviation:  {} — {} (event #{}, {})", d.rule, d.reason, d.event_index, d.date);
    }
    for f in &course.focus_changes {
        let from = f.replaced.as_ref().map_or_else(|| "added".to_owned(), |a| format!("replaces {}", a.kind));
        println!("focus change: {} ({from}) — {} (event #{}, {})", f.area, f.reason, f.event_index, f.date);
    }
    for r in &course.recurrences {
        println!(
            "recurrence: back to acute treatment{} (event #{}, {})",
            r.detail.as_deref().map(|d| format!(" — {d}")).unwrap_or_default(),
            r.event_index,
            r.date
        );
    }
    for m in course.measures.iter().filter(|m| m.acknowledged.is_some()) {
        if let Some(a) = &m.acknowledged {
            println!(
                "safety:     {} signal(s) of {} ({}) acknowledged {} by {}: {}",
                m.safety.len(),
                m.instrument,
                m.date,
                a.date,
                a.by,
                a.action
            );
        }
    }
    for w in st.warnings.iter().filter(|w| !matches!(w, ipsrt::course::Warning::SafetySignalOpen { .. })) {
        println!("warning:    {}", w.label_in(loc));
    }
    println!("events:     {n_events} replayed, last on {}", course.last_date);
}

fn ending_text(e: &ipsrt::course::Ending) -> String {
    use ipsrt::course::Ending;
    match e {
        Ending::Completed => "completed".into(),
        Ending::NonResponse { alternative_offered: Some(a) } => format!("non-response; alternative offered: {a}"),
        Ending::NonResponse { alternative_offered: None } => "non-response".into(),
        Ending::EndedEarly { reason, .. } => format!("ended early: {}", reason.as_str()),
        Ending::Referred { to, .. } => format!("referred to {to}"),
    }
}
