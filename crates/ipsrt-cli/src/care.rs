//! `ipsrt care`: replay a patient's care log; the status on a date; the chart of its score
//! series.
//!
//! Open safety warnings are printed first, on lines starting with `!!`.

use std::path::Path;
use std::path::PathBuf;

use ipsrt::care::{CareLog, CareRecord, CareStatus, Entry};
use ipsrt::persist::Persist;
use serde_json::Value;

use crate::error::CliError;
use crate::format::{Format, FormatArg, read_text};

/// Arguments of `ipsrt care`.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, clap::Subcommand)]
enum Command {
    /// Replay a care log and print the rebuilt record (deterministic JSON), or the first refused entry.
    ///
    /// FILE is a saved care log ({"schema": "ipsrt.care_log", "version": 2, "data": {"entries": [...]}}),
    /// an object {"entries": [...]}, or a JSON array of entries, in arrival order.
    Replay {
        /// The JSON file (`-` reads standard input).
        file: PathBuf,
        /// Output format: `json` (default) prints the whole rebuilt record; `text` a summary.
        #[arg(long, value_enum, default_value_t = Format::Json)]
        format: Format,
    },
    /// What is due, overdue and missed on a date, adherence per task over the last 28 days, the
    /// alert level with its plan version and evidence, and the open safety warnings, as known
    /// at the end of that day (or at `--at`).
    Status {
        /// The care log (`-` reads standard input).
        file: PathBuf,
        /// The date, YYYY-MM-DD.
        #[arg(long)]
        on: String,
        /// A local clock time on that date, HH:MM (default: the end of the day).
        #[arg(long)]
        at: Option<String>,
        #[command(flatten)]
        format: FormatArg,
    },
    /// The clinician's chart of the record's scores as SVG: per instrument, every score with its
    /// band, the response and remission thresholds and a reliable-change marker (Jacobson–Truax).
    ///
    /// Without --instrument, one chart per instrument the record has scores for, stacked in one
    /// SVG. Corrections and retractions are applied; a result typed in late is drawn at its
    /// clinical date. Results without a total are left out and named on standard error.
    Chart {
        /// The care log (`-` reads standard input).
        file: PathBuf,
        /// Only this instrument (for example phq9, asrm).
        #[arg(long)]
        instrument: Option<String>,
        /// As known at the end of this date (YYYY-MM-DD): only entries recorded by then.
        #[arg(long)]
        on: Option<String>,
        /// Baseline date (YYYY-MM-DD): the date of a score of the series (needs --instrument);
        /// default: the first score in the record.
        #[arg(long, requires = "instrument")]
        baseline: Option<String>,
        /// The SVG file to write (all or nothing); `-` or no value writes to standard output.
        #[arg(short = 'o', long)]
        output: Option<PathBuf>,
    },
    /// Migrate a patient's stored documents into one care log (JSON), checking that each
    /// machine the log rebuilds equals its stored document.
    ///
    /// Each FILE is a saved document whose envelope names its kind: ipsrt.course,
    /// ipsrt.ipsrt_course, ipsrt.relapse_plan (versions of one plan, in the order given),
    /// ipsrt.alert_machine, ipsrt.episode_course, ipsrt.rhythm_plan, ipsrt.medication_log,
    /// ipsrt.srm_diary, ipsrt.schedule, ipsrt.employment_journey. A stored score has no date:
    /// give it with --score DATE=FILE. Courses get the ids c1, c2, ... in the order given, each
    /// linked to the one before; plan versions take the plan id their courses name (else "rp").
    Migrate {
        /// The stored documents (`-` reads one from standard input).
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// The patient's id in the host system (1-64 ASCII letters, digits, '_', '-', '.', ':').
        #[arg(long)]
        patient: String,
        /// The patient's IANA time zone (for example Europe/Amsterdam).
        #[arg(long)]
        zone: String,
        /// The author the migrated entries name.
        #[arg(long, default_value = "ipsrt care migrate")]
        author: String,
        /// A stored measure score and the day it was taken: DATE=FILE (repeatable).
        #[arg(long = "score", value_name = "DATE=FILE")]
        scores: Vec<String>,
        /// Write the log even when stored facts have no care entry; they are listed on standard
        /// error. Without it they are refused. (Every document this version reads migrates
        /// whole, IPSRT courses included, so nothing is left out today.)
        #[arg(long)]
        allow_left_out: bool,
        /// The care log file to write (all or nothing); `-` or no value writes to standard output.
        #[arg(short = 'o', long)]
        output: Option<PathBuf>,
    },
}

/// Runs `ipsrt care`.
pub fn run(args: Args) -> Result<(), CliError> {
    match args.command {
        Command::Replay { file, format } => {
            let record = load(&file)?;
            match format {
                Format::Json => println!("{}", record.to_json_pretty()),
                Format::Text => print!("{}", summary(&record)),
            }
            Ok(())
        }
        Command::Status { file, on, at, format } => {
            let on = crate::input::parse_date(&on)?;
            let at = at
                .map(|t| {
                    t.parse::<ipsrt::time::ClockTime>()
                        .map_err(|e| CliError::Input(format!("--at {}: {e}", ipsrt::limits::Excerpt::new(&t))))
                })
                .transpose()?;
            let record = load(&file)?;
            let status = record.status_at(on, at).map_err(|e| CliError::from(ipsrt::Error::from(e)))?;
            if format.is_json() {
                println!("{}", crate::input::to_pretty(&status)?);
            } else {
                print!("{}", status_text(&status));
            }
            Ok(())
        }
        Command::Chart { file, instrument, on, baseline, output } => {
            chart(&file, instrument.as_deref(), on.as_deref(), baseline.as_deref(), output.as_deref())
        }
        Command::Migrate { files, patient, zone, author, scores, allow_left_out, output } => {
            migrate(&files, &patient, &zone, &author, &scores, allow_left_out, output.as_deref())
        }
    }
}

/// The stored documents of `ipsrt care migrate`, loaded.
#[derive(Default)]
struct Loaded {
    courses: Vec<(PathBuf, Course)>,
    plans: Vec<ipsrt::relapse::RelapsePlan>,
    alerts: Vec<ipsrt::relapse::AlertMachine>,
    episodes: Vec<ipsrt::episode::EpisodeCourse>,
    rhythm_plans: Vec<ipsrt::ipsrt::RhythmPlan>,
    medication: Vec<ipsrt::ipsrt::MedicationLog>,
    diaries: Vec<ipsrt::srm::Diary>,
    scores: Vec<(chrono::NaiveDate, ipsrt::measures::Score)>,
    schedules: Vec<ipsrt::schedule::Schedule>,
    journeys: Vec<ipsrt::ips::EmploymentJourney>,
}

enum Course {
    Ipt(Box<ipsrt::course::CourseLog>),
    Ipsrt(Box<ipsrt::ipsrt::IpsrtCourse>),
}

/// The kinds `care migrate` reads.
const MIGRATED: &str = "ipsrt.course, ipsrt.ipsrt_course, ipsrt.relapse_plan, ipsrt.alert_machine, ipsrt.episode_course, ipsrt.rhythm_plan, ipsrt.medication_log, ipsrt.srm_diary, ipsrt.schedule, ipsrt.employment_journey (and ipsrt.measure_score with --score DATE=FILE)";

fn load_doc<T: Persist>(path: &Path, text: &str) -> Result<T, CliError> {
    ipsrt::persist::from_json::<T>(text).map_err(|e| CliError::Input(format!("{}: {e}", path.display())))
}

/// Reads one stored document into `loaded`, by the kind its envelope names.
fn read_stored(path: &Path, loaded: &mut Loaded) -> Result<(), CliError> {
    use ipsrt::{course, episode, ips, ipsrt as ip, relapse, schedule, srm};
    let text = read_text(path)?;
    let raw: Value =
        serde_json::from_str(&text).map_err(|e| CliError::Input(format!("{}: not valid JSON: {e}", path.display())))?;
    let Some(schema) = raw.get("schema").and_then(Value::as_str) else {
        return Err(CliError::Input(format!(
            "{}: no envelope: care migrate reads saved documents ({{\"schema\": ..., \"version\": N, \"data\": ...}}) and takes their kind from the schema; save the document with ipsrt first",
            path.display()
        )));
    };
    match schema {
        s if s == course::CourseLog::SCHEMA => {
            loaded.courses.push((path.to_owned(), Course::Ipt(Box::new(load_doc(path, &text)?))));
        }
        s if s == ip::IpsrtCourse::SCHEMA => {
            loaded.courses.push((path.to_owned(), Course::Ipsrt(Box::new(load_doc(path, &text)?))));
        }
        s if s == relapse::RelapsePlan::SCHEMA => loaded.plans.push(load_doc(path, &text)?),
        s if s == relapse::AlertMachine::SCHEMA => loaded.alerts.push(load_doc(path, &text)?),
        s if s == episode::EpisodeCourse::SCHEMA => loaded.episodes.push(load_doc(path, &text)?),
        s if s == ip::RhythmPlan::SCHEMA => loaded.rhythm_plans.push(load_doc(path, &text)?),
        s if s == ip::MedicationLog::SCHEMA => loaded.medication.push(load_doc(path, &text)?),
        s if s == srm::Diary::SCHEMA => loaded.diaries.push(load_doc(path, &text)?),
        s if s == schedule::Schedule::SCHEMA => loaded.schedules.push(load_doc(path, &text)?),
        s if s == ips::EmploymentJourney::SCHEMA => loaded.journeys.push(load_doc(path, &text)?),
        s if s == ipsrt::measures::Score::SCHEMA => {
            return Err(CliError::Input(format!(
                "{}: a stored {s} has no date: give it as --score DATE=FILE (the day the questionnaire was answered)",
                path.display()
            )));
        }
        other => {
            return Err(CliError::Input(format!(
                "{}: {} documents have no care entry kind, so they cannot be migrated: care migrate reads {MIGRATED}",
                path.display(),
                ipsrt::limits::Excerpt::new(other)
            )));
        }
    }
    Ok(())
}

/// `ipsrt care migrate`.
fn migrate(
    files: &[PathBuf],
    patient: &str,
    zone: &str,
    author: &str,
    scores: &[String],
    allow_left_out: bool,
    output: Option<&Path>,
) -> Result<(), CliError> {
    use ipsrt::care::migrate::StoredCare;
    let mut paths: Vec<&Path> = files.iter().map(PathBuf::as_path).collect();
    let mut dated: Vec<(chrono::NaiveDate, PathBuf)> = Vec::new();
    for s in scores {
        let Some((date, file)) = s.split_once('=') else {
            return Err(CliError::Input(format!(
                "--score {}: give DATE=FILE, for example --score 2026-03-02=phq9.json",
                ipsrt::limits::Excerpt::new(s)
            )));
        };
        let date = crate::input::parse_date(date).map_err(|e| CliError::Input(format!("--score {s}: {e}")))?;
        dated.push((date, PathBuf::from(file)));
    }
    paths.extend(dated.iter().map(|(_, p)| p.as_path()));
    crate::format::at_most_one_stdin(&paths)?;
    let mut loaded = Loaded::default();
    for f in files {
        read_stored(f, &mut loaded)?;
    }
    for (date, path) in &dated {
        let text = read_text(path)?;
        loaded.scores.push((*date, load_doc(path, &text)?));
    }
    // The plan id: the one the courses name, if they name one.
    let mut named: Vec<String> = Vec::new();
    for (_, c) in &loaded.courses {
        let events: Vec<&ipsrt::course::CourseEvent> = match c {
            Course::Ipt(log) => log.events.iter().map(|r| &r.event).collect(),
            Course::Ipsrt(c) => c
                .events()
                .iter()
                .filter_map(|e| match e {
                    ipsrt::ipsrt::IpsrtEvent::Course { record } => Some(&record.event),
                    _ => None,
                })
                .collect(),
        };
        for e in events {
            if let ipsrt::course::CourseEvent::RelapsePreventionPlanRecorded { plan_ref: Some(r), .. } = e
                && !named.contains(r)
            {
                named.push(r.clone());
            }
        }
    }
    let plan_id = match named.as_slice() {
        [one] => one.clone(),
        _ => "rp".to_owned(),
    };
    let ids: Vec<String> = (1..=loaded.courses.len()).map(|k| format!("c{k}")).collect();
    let mut stored = StoredCare::new(patient, zone, author);
    for ((_, c), id) in loaded.courses.iter().zip(&ids) {
        stored = match c {
            Course::Ipt(log) => stored.course(id, log),
            Course::Ipsrt(c) => stored.ipsrt_course(id, c),
        };
    }
    for p in &loaded.plans {
        stored = stored.plan(&plan_id, p);
    }
    for m in &loaded.alerts {
        stored = stored.alerts(m);
    }
    for e in &loaded.episodes {
        stored = stored.episode(e);
    }
    for p in &loaded.rhythm_plans {
        stored = stored.rhythm_plan(p);
    }
    for m in &loaded.medication {
        stored = stored.medication(m);
    }
    for d in &loaded.diaries {
        stored = stored.diary(d);
    }
    for (date, s) in &loaded.scores {
        stored = stored.measure(*date, s);
    }
    for s in &loaded.schedules {
        stored = stored.schedule(s);
    }
    for j in &loaded.journeys {
        stored = stored.ips_journey(j);
    }
    let migration = ipsrt::care::migrate::migrate(&stored).map_err(care_err)?;
    let course_file = |document: &str| -> String {
        ids.iter()
            .zip(&loaded.courses)
            .find(|(id, _)| document.ends_with(&format!("\"{id}\"")))
            .map(|(_, (p, _))| format!(" ({})", p.display()))
            .unwrap_or_default()
    };
    let lines: Vec<String> = migration
        .left_out
        .iter()
        .map(|l| format!("{}{}: {}: {}", l.document, course_file(&l.document), l.fact, l.why))
        .collect();
    if !lines.is_empty() {
        if !allow_left_out {
            return Err(CliError::Input(format!(
                "{} stored fact(s) have no care entry, so the care log would not hold them:\n  {}\nkeep those documents, and pass --allow-left-out to write the log without them",
                lines.len(),
                lines.join("\n  ")
            )));
        }
        for l in &lines {
            eprintln!("note: not migrated: {l}");
        }
    }
    let json = ipsrt::persist::to_json_pretty(&migration.log) + "\n";
    let path = output.filter(|p| *p != Path::new("-"));
    let mut out = crate::output::Output::create(path)?;
    use std::io::Write as _;
    out.write_all(json.as_bytes()).map_err(|e| CliError::Input(format!("cannot write the care log: {e}")))?;
    out.commit()
}

fn care_err(e: ipsrt::care::CareError) -> CliError {
    CliError::from(ipsrt::Error::from(e))
}

/// `ipsrt care chart`.
fn chart(
    file: &Path,
    instrument: Option<&str>,
    on: Option<&str>,
    baseline: Option<&str>,
    output: Option<&Path>,
) -> Result<(), CliError> {
    let instrument = instrument
        .map(|t| {
            t.parse::<ipsrt::measures::InstrumentId>()
                .map_err(|e| CliError::Input(format!("--instrument {}: {e}", ipsrt::limits::Excerpt::new(t))))
        })
        .transpose()?;
    let on = on.map(crate::input::parse_date).transpose()?;
    let baseline = baseline.map(crate::input::parse_date).transpose()?;
    let mut record = load(file)?;
    if let Some(on) = on {
        record = record.known_by(on, None).map_err(care_err)?;
    }
    let instruments = match instrument {
        Some(i) => vec![i],
        None => record.series_instruments(),
    };
    if instruments.is_empty() {
        let when = on.map(|d| format!(" recorded by the end of {d}")).unwrap_or_default();
        return Err(CliError::Input(format!(
            "{}: the care record has no scored measure{when}: there is nothing to chart",
            file.display()
        )));
    }
    let title = record.patient_ref().unwrap_or("").to_owned();
    let mut reports = Vec::with_capacity(instruments.len());
    for id in instruments {
        let series = record.score_series(id, baseline).map_err(care_err)?;
        let report = series
            .evaluate(&ipsrt::measures::SeriesOptions::default())
            .map_err(|e| CliError::from(ipsrt::Error::from(e)))?;
        for m in record.series_unscored(id) {
            eprintln!(
                "note: {id} result of entry {} dated {} has no total ({} items unanswered) and is not drawn",
                m.entry,
                m.date,
                m.score.missing.len()
            );
        }
        reports.push(report);
    }
    let svg = crate::series_chart::render_all(&title, &reports);
    let path = output.filter(|p| *p != Path::new("-"));
    let mut out = crate::output::Output::create(path)?;
    use std::io::Write as _;
    out.write_all(svg.as_bytes()).map_err(|e| CliError::Input(format!("cannot write the chart: {e}")))?;
    out.commit()
}

/// Reads the entries (each refused with its index, field and value) and replays them.
fn load(path: &Path) -> Result<CareRecord, CliError> {
    let text = read_text(path)?;
    let raw: Value =
        serde_json::from_str(&text).map_err(|e| CliError::Input(format!("{}: not valid JSON: {e}", path.display())))?;
    let items = match raw {
        Value::Array(a) => a,
        Value::Object(mut o) if o.contains_key("schema") => {
            let schema = o.get("schema").and_then(Value::as_str).unwrap_or_default().to_owned();
            if schema != CareLog::SCHEMA {
                return Err(CliError::Input(format!(
                    "{}: this is {} JSON, not {:?}: pass a saved care log or a list of entries",
                    path.display(),
                    ipsrt::limits::Excerpt::new(&schema),
                    CareLog::SCHEMA
                )));
            }
            let version = o.get("version").and_then(Value::as_u64).unwrap_or(0);
            if version != u64::from(CareLog::VERSION) {
                return Err(CliError::Input(format!(
                    "{}: {} version {version} is not one this build reads (it reads version {}): upgrade ipsrt, or check the file",
                    path.display(),
                    CareLog::SCHEMA,
                    CareLog::VERSION
                )));
            }
            match o.remove("data").and_then(|mut d| d.get_mut("entries").map(Value::take)) {
                Some(Value::Array(a)) => a,
                _ => {
                    return Err(CliError::Input(format!(
                        "{}: the saved care log has no data.entries list",
                        path.display()
                    )));
                }
            }
        }
        Value::Object(mut o) => match o.remove("entries") {
            Some(Value::Array(a)) if o.is_empty() => a,
            _ => {
                return Err(CliError::Input(format!(
                    "{}: expected a list of entries, or an object with only an \"entries\" list",
                    path.display()
                )));
            }
        },
        _ => {
            return Err(CliError::Input(format!(
                "{}: expected a list of entries, or an object with an \"entries\" list",
                path.display()
            )));
        }
    };
    let mut entries: Vec<Entry> = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        let e = ipsrt::persist::from_element("entry", i, item)
            .map_err(|e| CliError::Input(format!("{}: {e}", path.display())))?;
        entries.push(e);
    }
    CareRecord::replay(&CareLog::new(entries)).map_err(|e| match CliError::from(ipsrt::Error::from(e)) {
        CliError::Input(m) => CliError::Input(format!("{}: {m}", path.display())),
        CliError::Rejected(m) => CliError::Rejected(format!("{}: {m}", path.display())),
    })
}

fn summary(r: &CareRecord) -> String {
    let mut out = String::new();
    let mut line = |s: String| {
        out.push_str(&s);
        out.push('\n');
    };
    line(format!(
        "care record of {}: {} entries ({} late, {} corrected or retracted)",
        r.patient_ref().unwrap_or("(no patient registered)"),
        r.entries().len(),
        r.entries().iter().filter(|e| e.late).count(),
        r.entries()
            .iter()
            .filter(|e| matches!(
                e.state,
                ipsrt::care::EntryState::Corrected { .. } | ipsrt::care::EntryState::Retracted { .. }
            ))
            .count()
    ));
    for c in r.courses() {
        let follows = c.previous.as_deref().map(|p| format!(", follows {p}")).unwrap_or_default();
        let ipt = c.course.ipt();
        let ipsrt = c
            .course
            .ipsrt_phase()
            .and_then(|p| serde_json::to_value(p).ok())
            .and_then(|v| v.as_str().map(|name| format!(", IPSRT phase {name}")))
            .unwrap_or_default();
        line(format!("course {} ({}{follows}{ipsrt}): {} sessions", c.id, ipt.protocol.key, ipt.sessions.len()));
    }
    if let Some(e) = r.episode() {
        line(format!("episode: {:?} since {} (episode {})", e.state(), e.since(), e.episode_number()));
    }
    if let Some(p) = r.plan_in_force() {
        line(format!(
            "relapse plan {} version {} in force ({} versions kept)",
            p.plan_id,
            p.version,
            r.relapse_plans().len()
        ));
    }
    line(format!("alert level: {}", r.alert_level()));
    for a in r.alerts() {
        line(format!(
            "  {} {} -> {} (plan {} v{}; evidence {})",
            a.transition.date,
            a.transition.from,
            a.transition.to,
            a.plan_id.as_deref().unwrap_or("?"),
            a.plan_version,
            a.evidence
                .iter()
                .cloned()
                .chain(a.derived_evidence.iter().map(derived_text))
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    let derived = r.derived_observations();
    if !derived.is_empty() {
        let runs = derived.iter().filter(|d| matches!(d.evidence, ipsrt::care::DerivedEvidence::MissedRun { .. }));
        let n = runs.clone().count();
        line(format!(
            "derived from the log and read by the alert machine: {} data gap(s), {n} run(s) of missed occurrences",
            derived.len() - n
        ));
        // The latest run per task, when it is still going.
        let mut latest: std::collections::BTreeMap<&str, &ipsrt::care::DerivedEvidence> = Default::default();
        for d in runs {
            if let ipsrt::care::DerivedEvidence::MissedRun { task, .. } = &d.evidence {
                latest.insert(task.as_str(), &d.evidence);
            }
        }
        for e in latest.values() {
            if matches!(e, ipsrt::care::DerivedEvidence::MissedRun { count, .. } if *count > 0) {
                line(format!("  {}", derived_text(e)));
            }
        }
    }
    line(format!("measures: {}; diary days: {}", r.measures().len(), r.diary().map_or(0, |d| d.moods().len())));
    out
}

fn occurrences(out: &mut String, title: &str, list: &[ipsrt::care::OccurrenceView]) {
    out.push_str(&format!("{title} ({}):\n", list.len()));
    for o in list {
        out.push_str(&format!(
            "  {}  {}  due {}  {}\n",
            o.id,
            o.what,
            o.due_local.local.format("%Y-%m-%d %H:%M"),
            o.state
        ));
    }
}

/// An observation derived from the log (a data gap, a run of missed occurrences), in words.
fn derived_text(e: &ipsrt::care::DerivedEvidence) -> String {
    match e {
        ipsrt::care::DerivedEvidence::MissedRun {
            task, what, occurrences, count: 0, ended_by, observed_on, ..
        } => {
            format!(
                "the run of missed {task} ({what}) occurrences ended by {} on {observed_on}{}",
                ended_by.as_deref().unwrap_or("a completion"),
                occurrences.last().map(|o| format!(" (last missed {o})")).unwrap_or_default()
            )
        }
        ipsrt::care::DerivedEvidence::MissedRun { task, what, occurrences, count, observed_on, .. } => format!(
            "{count} {task} ({what}) occurrence(s) missed in a row on {observed_on}: {}{}",
            occurrences.join(", "),
            if (*count as usize) > occurrences.len() { " (the latest listed)" } else { "" }
        ),
        ipsrt::care::DerivedEvidence::DataGap { tasks, since, last_entry, observed_on, days, .. } => format!(
            "no self-report ({}) for {days} day(s) on {observed_on}, since {since}{}",
            tasks.join(", "),
            last_entry.as_deref().map(|l| format!(" (entry {l})")).unwrap_or_default()
        ),
        _ => String::new(),
    }
}

/// Adherence per task as a table: rate = completed / (completed + missed); excused and
/// pending occurrences are not misses.
fn adherence_table(out: &mut String, a: &ipsrt::care::StatusAdherence) {
    out.push_str(&format!(
        "adherence {} to {} (rate = completed / (completed + missed); excused and pending are not misses):\n",
        a.from, a.to
    ));
    if a.tasks.is_empty() {
        out.push_str("  nothing scheduled\n");
        return;
    }
    let w = a.tasks.iter().map(|t| t.task.len().max(t.what.len())).max().unwrap_or(4).max(4);
    out.push_str(&format!(
        "  {:<w$}  {:<w$}  {:>7}  {:>4}  {:>6}  {:>7}  {:>7}  {:>5}\n",
        "task", "what", "on time", "late", "missed", "excused", "pending", "rate"
    ));
    for t in &a.tasks {
        let c = t.counts;
        let rate = t.completion_rate.map_or_else(|| "-".to_owned(), |r| format!("{:.0}%", r * 100.0));
        out.push_str(&format!(
            "  {:<w$}  {:<w$}  {:>7}  {:>4}  {:>6}  {:>7}  {:>7}  {:>5}\n",
            t.task, t.what, c.on_time, c.late, c.missed, c.excused, c.pending, rate
        ));
    }
}

fn status_text(s: &CareStatus) -> String {
    let mut out = String::new();
    if !s.safety_warnings.is_empty() {
        out.push_str(&format!(
            "!! {} open safety warning(s): a clinician acknowledges each one\n",
            s.safety_warnings.len()
        ));
        for w in &s.safety_warnings {
            out.push_str(&format!("!!   {} {:?} (entry {}): {}\n", w.date, w.kind, w.entry, w.detail));
        }
    }
    out.push_str(&format!(
        "care status of {} on {} ({}), as known at {} UTC\n",
        s.patient_ref,
        s.on,
        s.zone,
        s.now.format("%Y-%m-%d %H:%M:%S")
    ));
    let plan = match (&s.alert.plan_id, s.alert.plan_version) {
        (Some(id), Some(v)) => format!("relapse plan {id} version {v}"),
        _ => "no relapse plan".into(),
    };
    let since = s.alert.since.map(|d| format!(", since {d}")).unwrap_or_default();
    out.push_str(&format!("alert level: {} ({plan}{since})\n", s.alert.level));
    for r in &s.alert.reasons {
        out.push_str(&format!("  because: {} [{}]\n", r.observed, r.threshold));
    }
    if !s.alert.evidence.is_empty() {
        out.push_str(&format!("  evidence: {}\n", s.alert.evidence.join(", ")));
    }
    for e in &s.alert.derived_evidence {
        out.push_str(&format!("  evidence: {}\n", derived_text(e)));
    }
    for o in &s.derived_observations {
        out.push_str(&format!(
            "  derived from the schedule: {} on {}\n",
            serde_json::to_string(&o.observed).unwrap_or_default(),
            o.date
        ));
    }
    occurrences(&mut out, "due", &s.due);
    occurrences(&mut out, "overdue", &s.overdue);
    occurrences(&mut out, "missed in the last 28 days", &s.missed);
    for m in &s.missed_streaks {
        out.push_str(&format!(
            "missed in a row: {} x{} (last {})\n",
            m.task,
            m.current,
            m.last_missed.as_ref().map(ToString::to_string).unwrap_or_default()
        ));
    }
    for g in &s.data_gaps {
        out.push_str(&format!("no data: {} ({}) for {} day(s), since {}\n", g.task, g.what, g.days, g.since));
    }
    adherence_table(&mut out, &s.adherence);
    for c in &s.courses {
        let follows = c.previous.as_deref().map(|p| format!(", follows {p}")).unwrap_or_default();
        out.push_str(&format!("course {} ({}{follows}): {}\n", c.id, c.protocol, c.phase));
    }
    if let Some(e) = s.episode {
        out.push_str(&format!("episode: {e:?}\n"));
    }
    if !s.late_entries.is_empty() {
        out.push_str(&format!("late entries (kept and evaluated): {}\n", s.late_entries.join(", ")));
    }
    out
}
