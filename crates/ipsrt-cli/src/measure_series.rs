//! `ipsrt measure series` and `ipsrt measure chart`: a file of dated totals of one instrument,
//! read against a baseline (bands, change, response, remission, reliable change), printed as
//! text, JSON or CSV, or drawn as an SVG chart.
//!
//! Input (`--input`):
//!
//! * **JSON**: `{"instrument": "phq9", "baseline": "2026-03-01", "points": [{"date":
//!   "2026-03-01", "total": 18}, ...]}` (`baseline` optional), or the same inside the persisted
//!   envelope (`ipsrt.score_series`); `-` reads standard input.
//! * **CSV** (a name ending `.csv`): a header with `date` and `total`, and optionally
//!   `instrument` (every row the same; or give `--instrument`). No other column is allowed, so
//!   a misnamed column is never silently dropped. Read with the diary CSV reader: encodings,
//!   delimiters and size limits as for SRM diaries.

use std::path::{Path, PathBuf};

use ipsrt::limits::Excerpt;
use ipsrt::measures::series::{ReliabilityKind, ReliableChangeParams, ScoreSeries, SeriesOptions, SeriesPoint};
use ipsrt::measures::{InstrumentId, SeriesReport};
use ipsrt::source::{Cited, Source};
use ipsrt::srm::long_format::Fields as _;

use crate::csv_input::{CsvReader, Delimiter, Encoding};
use crate::error::CliError;
use crate::output::Output;

/// Where a series comes from and how it is read (shared by `series` and `chart`).
#[derive(Debug, clap::Args)]
pub struct SeriesInput {
    /// The scores: JSON (`{"instrument", "baseline"?, "points": [{"date", "total"}]}`) or CSV
    /// with columns date,total[,instrument]; `-` reads JSON from standard input.
    #[arg(long)]
    input: PathBuf,
    /// The instrument, when the file does not name it (a CSV without an `instrument` column).
    #[arg(long)]
    instrument: Option<String>,
    /// Baseline date (YYYY-MM-DD); default: the file's baseline, else the earliest score.
    #[arg(long)]
    baseline: Option<String>,
    /// Band scheme id (default: the instrument's first scheme).
    #[arg(long)]
    band: Option<String>,
    /// Standard deviation for reliable change, instead of the published figure (needs
    /// --reliability).
    #[arg(long, requires = "reliability")]
    sd: Option<f64>,
    /// Reliability coefficient for reliable change, 0 to below 1 (needs --sd).
    #[arg(long, requires = "sd")]
    reliability: Option<f64>,
    /// Which coefficient --reliability is.
    #[arg(long, value_enum, default_value_t = KindArg::InternalConsistency, requires = "sd")]
    reliability_kind: KindArg,
    /// Where --sd and --reliability come from (recorded in the output as a local source).
    #[arg(long, default_value = "figures given on the command line", requires = "sd")]
    figures_source: String,
    /// CSV text encoding (default: UTF-8, or UTF-16 by its byte-order mark).
    #[arg(long, value_enum)]
    encoding: Option<Encoding>,
    /// CSV delimiter (default: detected from the header).
    #[arg(long, value_enum)]
    delimiter: Option<Delimiter>,
}

/// `--reliability-kind`.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
enum KindArg {
    /// Internal consistency (Cronbach's alpha).
    InternalConsistency,
    /// Test–retest correlation.
    TestRetest,
}

/// How `measure series` prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum SeriesFormat {
    /// A table for people to read, with the rules and their sources.
    #[default]
    Text,
    /// The full report as JSON.
    Json,
    /// One row per score.
    Csv,
}

/// Arguments of `ipsrt measure series`.
#[derive(Debug, clap::Args)]
pub struct SeriesArgs {
    #[command(flatten)]
    input: SeriesInput,
    /// Output format.
    #[arg(long, value_enum, default_value_t = SeriesFormat::Text)]
    format: SeriesFormat,
    /// Write to this file (all or nothing) instead of standard output.
    #[arg(short = 'o', long)]
    output: Option<PathBuf>,
}

/// Arguments of `ipsrt measure chart`.
#[derive(Debug, clap::Args)]
pub struct ChartArgs {
    #[command(flatten)]
    input: SeriesInput,
    /// The SVG file to write (all or nothing); `-` or no value writes to standard output.
    #[arg(short = 'o', long)]
    output: Option<PathBuf>,
    /// Title shown above the chart (for example a person's study id).
    #[arg(long, default_value = "")]
    title: String,
}

fn input(msg: String) -> CliError {
    CliError::Input(msg)
}

fn parse_instrument(text: &str, what: &str) -> Result<InstrumentId, CliError> {
    text.parse::<InstrumentId>().map_err(|e| input(format!("{what}: {e}")))
}

fn is_csv(path: &Path) -> bool {
    path.extension().and_then(|e| e.to_str()).is_some_and(|e| e.eq_ignore_ascii_case("csv"))
}

const CSV_EXPECTED: &str = "the header date,total (and optionally instrument) and one row per score";

fn read_csv(args: &SeriesInput) -> Result<(InstrumentId, Vec<SeriesPoint>), CliError> {
    let mut csv = CsvReader::open_expecting(&args.input, args.encoding, args.delimiter, CSV_EXPECTED)?;
    let name = csv.name().to_owned();
    let header: Vec<String> =
        csv.header().iter().map(|h| h.trim().trim_start_matches('\u{feff}').to_ascii_lowercase()).collect();
    let col = |want: &str| header.iter().position(|h| h == want);
    if let Some(extra) = header.iter().find(|h| !matches!(h.as_str(), "date" | "total" | "instrument")) {
        return Err(input(format!(
            "{name}: line 1: unknown column {}: a score series has the columns date,total and optionally instrument; rename or remove it",
            Excerpt::new(extra)
        )));
    }
    for (i, h) in header.iter().enumerate() {
        if header.iter().skip(i + 1).any(|o| o == h) {
            return Err(input(format!("{name}: line 1: column {} appears twice; keep one", Excerpt::new(h))));
        }
    }
    let (Some(date_col), Some(total_col)) = (col("date"), col("total")) else {
        return Err(input(format!(
            "{name}: line 1: the header needs the columns date and total (found {})",
            Excerpt::new(&header.join(","))
        )));
    };
    let instrument_col = col("instrument");
    let mut instrument = args.instrument.as_deref().map(|t| parse_instrument(t, "--instrument")).transpose()?;
    if instrument.is_none() && instrument_col.is_none() {
        return Err(input(format!("{name}: no instrument: add an instrument column or give --instrument phq9")));
    }
    let mut points = Vec::new();
    let mut seen = std::collections::HashMap::new();
    while let Some(rec) = csv.next_record()? {
        let line = rec.line;
        let field = |i: usize| rec.field(i).unwrap_or("").trim();
        let date_text = field(date_col);
        let date = ipsrt::time::parse_date(date_text).map_err(|_| {
            input(format!(
                "{name}: line {line}, field date: {} is not a date: write YYYY-MM-DD",
                Excerpt::new(date_text)
            ))
        })?;
        let total_text = field(total_col);
        let total = total_text.parse::<i32>().map_err(|_| {
            input(format!(
                "{name}: line {line}, field total: {} is not a whole number: give the questionnaire's total score",
                Excerpt::new(total_text)
            ))
        })?;
        if let Some(c) = instrument_col {
            let text = field(c);
            let id = parse_instrument(text, &format!("{name}: line {line}, field instrument"))?;
            match instrument {
                None => instrument = Some(id),
                Some(prev) if prev != id => {
                    return Err(input(format!(
                        "{name}: line {line}, field instrument: {} but the series is {prev}: a series holds one instrument; split the file",
                        Excerpt::new(text)
                    )));
                }
                Some(_) => {}
            }
        }
        let Some(id) = instrument else {
            return Err(input(format!(
                "{name}: line {line}: no instrument: add an instrument column or give --instrument phq9"
            )));
        };
        let (lo, hi) = ipsrt::measures::builtin(id).total_range();
        if total < lo || total > hi {
            return Err(input(format!(
                "{name}: line {line}, field total: {total} is outside the {id} range {lo}–{hi}: give the questionnaire's total score"
            )));
        }
        if let Some(first) = seen.insert(date, line) {
            return Err(input(format!(
                "{name}: line {line}, field date: {date} is also the date on line {first}: a series has at most one score a day; keep one (for a correction, the corrected score)"
            )));
        }
        points.push(SeriesPoint::new(date, total));
    }
    let instrument =
        instrument.ok_or_else(|| input(format!("{name}: no rows, 0 scores read; write {CSV_EXPECTED}")))?;
    Ok((instrument, points))
}

/// Reads and evaluates the series the options name.
pub fn load(args: &SeriesInput) -> Result<SeriesReport, CliError> {
    let baseline = args.baseline.as_deref().map(crate::input::parse_date).transpose()?;
    let series = if is_csv(&args.input) {
        let (instrument, points) = read_csv(args)?;
        ScoreSeries::new(instrument, points, baseline).map_err(|e| input(format!("{}: {e}", args.input.display())))?
    } else {
        let from_file: ScoreSeries = crate::input::read_persisted(&args.input)?;
        if let Some(t) = &args.instrument {
            let id = parse_instrument(t, "--instrument")?;
            if id != from_file.instrument() {
                return Err(input(format!(
                    "--instrument {id} but {} holds a {} series: drop --instrument or give the right file",
                    args.input.display(),
                    from_file.instrument()
                )));
            }
        }
        match baseline {
            Some(b) => ScoreSeries::new(from_file.instrument(), from_file.points().to_vec(), Some(b))
                .map_err(|e| input(format!("{}: {e}", args.input.display())))?,
            None => from_file,
        }
    };
    let reliable_change = match (args.sd, args.reliability) {
        (Some(sd), Some(r)) => Some(
            ReliableChangeParams::new(
                Cited::new(sd, Source::local(args.figures_source.clone())),
                Cited::new(r, Source::local(args.figures_source.clone())),
                match args.reliability_kind {
                    KindArg::InternalConsistency => ReliabilityKind::InternalConsistency,
                    KindArg::TestRetest => ReliabilityKind::TestRetest,
                },
            )
            .map_err(ipsrt::Error::from)?,
        ),
        _ => None,
    };
    Ok(series
        .evaluate(&SeriesOptions { band_scheme: args.band.clone(), reliable_change })
        .map_err(ipsrt::Error::from)?)
}

/// Runs `ipsrt measure series`.
pub fn run_series(args: SeriesArgs) -> Result<(), CliError> {
    let report = load(&args.input)?;
    let mut out = Output::create(args.output.as_deref())?;
    use std::io::Write as _;
    let werr = |e: std::io::Error| input(format!("cannot write the series: {e}"));
    match args.format {
        SeriesFormat::Json => {
            let text = crate::input::to_pretty(&report)?;
            writeln!(out, "{text}").map_err(werr)?;
        }
        SeriesFormat::Csv => write_csv(&mut out, &report)?,
        SeriesFormat::Text => out.write_all(text(&report).as_bytes()).map_err(werr)?,
    }
    out.commit()
}

/// Runs `ipsrt measure chart`.
pub fn run_chart(args: ChartArgs) -> Result<(), CliError> {
    let report = load(&args.input)?;
    let svg = crate::series_chart::render(&args.title, &report);
    let path = args.output.as_deref().filter(|p| *p != Path::new("-"));
    let mut out = Output::create(path)?;
    use std::io::Write as _;
    out.write_all(svg.as_bytes()).map_err(|e| input(format!("cannot write the chart: {e}")))?;
    out.commit()
}

fn f3(v: Option<f64>) -> String {
    v.map_or_else(String::new, |v| format!("{v:.3}"))
}

fn write_csv(out: &mut Output, report: &SeriesReport) -> Result<(), CliError> {
    let mut w = csv::Writer::from_writer(out);
    let werr = |e: csv::Error| input(format!("cannot write the series: {e}"));
    w.write_record([
        "date",
        "instrument",
        "total",
        "is_baseline",
        "band",
        "change",
        "percent_change",
        "response",
        "remission",
        "rci",
        "reliable_change",
        "clinical_significance",
    ])
    .map_err(werr)?;
    for p in &report.points {
        w.write_record([
            p.date.to_string(),
            report.instrument.to_string(),
            p.total.to_string(),
            p.is_baseline.to_string(),
            p.band.as_ref().map_or_else(String::new, |b| b.id.clone()),
            p.change.to_string(),
            f3(p.percent_change),
            p.response.as_str().to_string(),
            p.remission.as_str().to_string(),
            f3(p.rci),
            p.reliable_change.as_str().to_string(),
            p.clinical_significance.as_str().to_string(),
        ])
        .map_err(werr)?;
    }
    w.flush().map_err(|e| input(format!("cannot write the series: {e}")))
}

fn text(report: &SeriesReport) -> String {
    use std::fmt::Write as _;
    let mut s = String::new();
    let _ = writeln!(
        s,
        "{} v{}: {} scores; baseline {} = {}",
        report.instrument,
        report.version,
        report.points.len(),
        report.baseline.date,
        report.baseline.total
    );
    match &report.band_scheme {
        Some(b) => {
            let _ = writeln!(s, "bands: {}  [{}]", b.id, b.source);
        }
        None => {
            let _ = writeln!(s, "bands: none defined");
        }
    }
    match &report.response {
        Some(r) => {
            let _ = writeln!(s, "response: reduction ≥ {} % of baseline  [{}]", r.value, r.source);
        }
        None => {
            let _ = writeln!(s, "response: not defined for this instrument");
        }
    }
    match &report.remission {
        Some(r) => {
            let _ = writeln!(s, "remission: total {}  [{}]", r.value, r.source);
        }
        None => {
            let _ = writeln!(s, "remission: not defined for this instrument");
        }
    }
    match &report.reliable_change {
        Some(rc) => {
            let _ = writeln!(
                s,
                "reliable change: |RCI| > {} (a change of more than {:.2} points); S_diff {:.3} from SD {} [{}] and reliability {} [{}]  [{}]",
                rc.critical,
                rc.points_needed,
                rc.s_diff,
                rc.params.sd.value,
                rc.params.sd.source,
                rc.params.reliability.value,
                rc.params.reliability.source,
                rc.source.key
            );
        }
        None => {
            let _ = writeln!(
                s,
                "reliable change: not defined (no published SD and reliability; give --sd and --reliability)"
            );
        }
    }
    if let Some(c) = &report.clinical_cutoff {
        let _ = writeln!(s, "clinical significance: non-case total {}  [{}]", c.value, c.source);
    }
    let _ = writeln!(
        s,
        "{:<10}  {:>5}  {:<18}  {:>6}  {:>8}  {:<11}  {:<11}  {:>6}  {:<18}  clinical",
        "date", "total", "band", "change", "% change", "response", "remission", "RCI", "reliable change"
    );
    for p in &report.points {
        let band = p.band.as_ref().map_or("", |b| b.label.as_str());
        let pct = p.percent_change.map_or_else(|| "—".to_string(), |v| format!("{v:+.1}"));
        let rci = p.rci.map_or_else(|| "—".to_string(), |v| format!("{v:+.2}"));
        let _ = writeln!(
            s,
            "{:<10}  {:>5}  {:<18}  {:>+6}  {:>8}  {:<11}  {:<11}  {:>6}  {:<18}  {}{}",
            p.date,
            p.total,
            band,
            p.change,
            pct,
            p.response.as_str(),
            p.remission.as_str(),
            rci,
            p.reliable_change.as_str(),
            p.clinical_significance.as_str(),
            if p.is_baseline { "  (baseline)" } else { "" }
        );
    }
    s
}
