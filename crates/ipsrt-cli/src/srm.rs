//! `ipsrt srm ...`: score SRM diaries from long-format CSV (streaming), chart a participant.
//!
//! Input CSV, with a header: `participant,date,item,time[,people][,mood]`
//! * `date` is the diary day (`YYYY-MM-DD`); a bedtime of 00:30 after Monday evening is
//!   written on Monday's date with time `00:30`.
//! * `item` is an id (`out_of_bed`) or an SRM-17 number (`1`).
//! * `time` is `HH:MM`; empty (or `not_done`) = not done; `not_recorded` = nothing written.
//! * `people` is 0–3 or empty; `mood` is −5..+5 or empty (a day's first mood counts).
//!
//! Rows are streamed and grouped by participant; the file must be sorted (grouped) by
//! participant, so memory holds one participant at a time. Weeks start on each participant's
//! first diary day unless `--week-anchor` says otherwise. Duplicate rows for one
//! participant/date/item: the first `done` row wins (see the library's `Diary`).

use std::fs::File;
use std::io::{BufWriter, IsTerminal, Write};
use std::path::{Path, PathBuf};

use ipsrt::srm::long_format::{Columns, DiaryStream};
use ipsrt::srm::summary::summarize;
use ipsrt::srm::{
    Diary, Form, FormKind, HitReference, HitValues, ScoringOptions, SdKind, TrimFactor, WeekAnchor, WeekScore, Windows,
    score_week,
};

use crate::error::CliError;
use crate::srm_chart;

/// Arguments of `ipsrt srm`.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    command: SrmCommand,
}

#[derive(Debug, clap::Subcommand)]
enum SrmCommand {
    /// Score every participant-week of a long-format diary CSV.
    Score(ScoreArgs),
    /// Write an SVG chart of one participant's weeks.
    Chart(ChartArgs),
}

/// Scoring options as flags (defaults: the spec's recommended default).
#[derive(Debug, clap::Args)]
struct OptionFlags {
    /// The form the diaries were kept on.
    #[arg(long, value_enum, default_value_t = FormArg::Srm5)]
    form: FormArg,
    /// Hit window in minutes (inclusive).
    #[arg(long, default_value_t = 45)]
    hit_window: u16,
    /// Trimming factor (× SD), or "none" to disable trimming.
    #[arg(long, default_value = "1.5")]
    trim: String,
    /// SD kind.
    #[arg(long, value_enum, default_value_t = SdArg::Sample)]
    sd: SdArg,
    /// Skip trimming when SD ≤ this many minutes, inclusive (RAY 10; MoodRhythm's rule is
    /// SD < 30, so 30 differs from it at an SD of exactly 30 min).
    #[arg(long)]
    sd_floor: Option<u16>,
    /// Which values can be hits.
    #[arg(long, value_enum, default_value_t = HitValuesArg::Kept)]
    hit_values: HitValuesArg,
    /// Minimum days an item must be done to count.
    #[arg(long, default_value_t = 3)]
    min_occurrences: u8,
    /// Scoring windows.
    #[arg(long, value_enum, default_value_t = WindowsArg::Blocks)]
    windows: WindowsArg,
    /// The day weeks start on.
    #[arg(long, value_enum, default_value_t = WeekAnchorArg::FirstDiaryDay)]
    week_anchor: WeekAnchorArg,
    /// Load all options from a saved ipsrt.srm_scoring_options JSON file instead.
    #[arg(long)]
    options: Option<PathBuf>,
}

/// `--form`.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
enum FormArg {
    /// SRM-5: out of bed, first contact, start of work, dinner, to bed.
    #[value(name = "srm_5", alias = "srm5")]
    Srm5,
    /// SRM-17: the original 17 activities (and up to 2 write-ins).
    #[value(name = "srm_17", alias = "srm17")]
    Srm17,
    /// SRM-II-5: the IPSRT clinical form, with target times.
    #[value(name = "srm_ii_5", alias = "srm_ii5")]
    SrmII5,
}

/// `--sd`.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
enum SdArg {
    /// Sample standard deviation (n − 1; the default).
    Sample,
    /// Population standard deviation (n).
    Population,
}

/// `--hit-values`.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
enum HitValuesArg {
    /// Only values kept after trimming can be hits (the standard).
    Kept,
    /// Every value can be a hit, trimmed or not.
    All,
}

/// `--windows`.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
enum WindowsArg {
    /// Consecutive 7-day blocks.
    Blocks,
    /// A 7-day window starting on every diary day.
    Rolling,
}

/// `--week-anchor`.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
enum WeekAnchorArg {
    /// Weeks start on each participant's first diary day.
    #[value(name = "first_diary_day", alias = "first")]
    FirstDiaryDay,
    /// Weeks start on Monday.
    Monday,
    /// Weeks start on Sunday.
    Sunday,
}

#[derive(Debug, clap::Args)]
struct ScoreArgs {
    /// The diary CSV.
    file: PathBuf,
    /// Output format: csv or json (json includes per-item detail and summaries).
    #[arg(long, default_value = "csv")]
    format: String,
    #[command(flatten)]
    flags: OptionFlags,
}

#[derive(Debug, clap::Args)]
struct ChartArgs {
    /// The diary CSV.
    file: PathBuf,
    /// The participant to chart.
    #[arg(long)]
    participant: String,
    /// Output SVG file (default: stdout).
    #[arg(short, long)]
    output: Option<PathBuf>,
    #[command(flatten)]
    flags: OptionFlags,
}

/// Runs `ipsrt srm`.
pub fn run(args: Args) -> Result<(), CliError> {
    match args.command {
        SrmCommand::Score(a) => score(a),
        SrmCommand::Chart(a) => chart(a),
    }
}

fn input(msg: impl Into<String>) -> CliError {
    CliError::Input(msg.into())
}

fn parse_options(f: &OptionFlags) -> Result<(Form, ScoringOptions), CliError> {
    let kind = match f.form {
        FormArg::Srm5 => FormKind::Srm5,
        FormArg::Srm17 => FormKind::Srm17,
        FormArg::SrmII5 => FormKind::SrmII5,
    };
    if let Some(path) = &f.options {
        let text = std::fs::read_to_string(path).map_err(|e| CliError::io(path, e))?;
        let o: ScoringOptions =
            ipsrt::persist::from_json(&text).map_err(|e| input(format!("{}: {e}", path.display())))?;
        return Ok((kind.into(), o));
    }
    let trim_factor = match f.trim.as_str() {
        "none" => None,
        t => Some(
            t.parse::<f64>()
                .map_err(|_| input(format!("--trim {t:?}: give a number such as 1.5, or none")))
                .and_then(|v| TrimFactor::from_f64(v).map_err(|e| input(e.to_string())))?,
        ),
    };
    let sd = match f.sd {
        SdArg::Sample => SdKind::Sample,
        SdArg::Population => SdKind::Population,
    };
    let windows = match f.windows {
        WindowsArg::Blocks => Windows::Blocks,
        WindowsArg::Rolling => Windows::Rolling,
    };
    let hit_values = match f.hit_values {
        HitValuesArg::Kept => HitValues::Kept,
        HitValuesArg::All => HitValues::All,
    };
    let week_anchor = match f.week_anchor {
        WeekAnchorArg::FirstDiaryDay => WeekAnchor::FirstDiaryDay,
        WeekAnchorArg::Monday => WeekAnchor::Monday,
        WeekAnchorArg::Sunday => WeekAnchor::Sunday,
    };
    let o = ScoringOptions {
        hit_window_min: f.hit_window,
        trim_factor,
        sd,
        sd_floor_min: f.sd_floor,
        min_occurrences: f.min_occurrences,
        reference: HitReference::Habitual,
        hit_values,
        windows,
        week_anchor,
    };
    o.validate().map_err(|e| input(e.to_string()))?;
    Ok((kind.into(), o))
}

/// One participant's rows, parsed.
struct Participant {
    id: String,
    diary: Diary,
}

/// Streams a diary CSV one participant at a time: the `csv` crate splits the text into fields,
/// the core's [`DiaryStream`] parses, checks and groups them (so the rules live in the core).
struct Reader {
    rdr: csv::Reader<File>,
    path: PathBuf,
    stream: DiaryStream,
    record: csv::StringRecord,
    done: bool,
    progress: Option<Progress>,
}

impl Reader {
    fn open(path: &Path, form: Form, progress: bool) -> Result<Reader, CliError> {
        let file = File::open(path).map_err(|e| CliError::io(path, e))?;
        let size = file.metadata().map(|m| m.len()).unwrap_or(0);
        let mut rdr = csv::ReaderBuilder::new().flexible(false).trim(csv::Trim::All).from_reader(file);
        let headers = rdr
            .headers()
            .map_err(|e| input(format!("{}: line 1: cannot read the header: {e}", path.display())))?
            .clone();
        let header: Vec<&str> = headers.iter().collect();
        let cols = Columns::from_header(&header).map_err(|e| input(format!("{}: {e}", path.display())))?;
        let progress = (progress && std::io::stderr().is_terminal() && size > 1 << 20).then(|| Progress::new(size));
        Ok(Reader {
            rdr,
            path: path.to_owned(),
            stream: DiaryStream::new(form, cols),
            record: csv::StringRecord::new(),
            done: false,
            progress,
        })
    }

    /// The next participant's diary, or `None` at the end of the file.
    fn next_participant(&mut self) -> Result<Option<Participant>, CliError> {
        while !self.done {
            match self.rdr.read_record(&mut self.record) {
                Ok(false) => self.done = true,
                Ok(true) => {
                    let line = self.record.position().map_or(0, |p| p.line());
                    if let (Some(p), Some(pos)) = (self.progress.as_mut(), self.record.position()) {
                        p.update(pos.byte());
                    }
                    let fields: Vec<&str> = self.record.iter().collect();
                    let finished =
                        self.stream.push(line, &fields).map_err(|e| input(format!("{}: {e}", self.path.display())))?;
                    if let Some(p) = finished {
                        return Ok(Some(Participant { id: p.participant, diary: p.diary }));
                    }
                }
                Err(e) => {
                    let line = e.position().map_or(0, |p| p.line());
                    return Err(input(format!("{}: line {line}: malformed CSV: {e}", self.path.display())));
                }
            }
        }
        if let Some(mut p) = self.progress.take() {
            p.finish();
        }
        Ok(self.stream.finish().map(|p| Participant { id: p.participant, diary: p.diary }))
    }
}

/// A hand-rolled progress bar on stderr (only when stderr is a terminal).
struct Progress {
    total: u64,
    shown: u64,
}

impl Progress {
    fn new(total: u64) -> Progress {
        Progress { total: total.max(1), shown: u64::MAX }
    }

    fn update(&mut self, byte: u64) {
        let pct = (byte.min(self.total) * 100) / self.total;
        if pct != self.shown {
            self.shown = pct;
            let filled = (pct / 4) as usize;
            eprint!("\rscoring [{}{}] {pct:3}%", "#".repeat(filled), " ".repeat(25 - filled.min(25)));
        }
    }

    fn finish(&mut self) {
        self.update(self.total);
        eprintln!();
    }
}

fn fmt_score(s: Option<f64>) -> String {
    s.map_or_else(String::new, |v| format!("{v}"))
}

fn score(args: ScoreArgs) -> Result<(), CliError> {
    let (form, options) = parse_options(&args.flags)?;
    let json = match args.format.as_str() {
        "csv" => false,
        "json" => true,
        o => return Err(input(format!("--format {o:?}: use csv or json"))),
    };
    let mut reader = Reader::open(&args.file, form, true)?;
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let io = |e: std::io::Error| input(format!("cannot write the output: {e}"));
    if json {
        writeln!(out, "[").map_err(io)?;
    } else {
        writeln!(out, "participant,week_start,score,hits,counted_items,ali,days_recorded").map_err(io)?;
    }
    let mut first = true;
    while let Some(p) = reader.next_participant()? {
        for week in p.diary.weeks(&options) {
            let s: WeekScore = score_week(&week, &options).map_err(|e| input(e.to_string()))?;
            if json {
                let obj = serde_json::json!({
                    "participant": p.id,
                    "week_start": s.start,
                    "score": s.score,
                    "hits": s.hits,
                    "counted_items": s.counted_items,
                    "ali": s.ali,
                    "days_recorded": s.days_recorded,
                    "reference": s.reference,
                    "items": s.items,
                    "late_entries": week.items().iter().map(|i| i.late.iter().filter(|l| **l).count()).sum::<usize>(),
                    "summary": summarize(&week),
                });
                let text = serde_json::to_string(&obj).map_err(|e| input(e.to_string()))?;
                write!(out, "{}{text}", if first { "" } else { ",\n" }).map_err(io)?;
                first = false;
            } else {
                let who = csv_field(&p.id);
                writeln!(
                    out,
                    "{who},{},{},{},{},{},{}",
                    s.start,
                    fmt_score(s.score),
                    s.hits,
                    s.counted_items,
                    s.ali,
                    s.days_recorded
                )
                .map_err(io)?;
            }
        }
    }
    if json {
        writeln!(out, "\n]").map_err(io)?;
    }
    out.flush().map_err(io)
}

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) { format!("\"{}\"", s.replace('"', "\"\"")) } else { s.to_owned() }
}

fn chart(args: ChartArgs) -> Result<(), CliError> {
    let (form, options) = parse_options(&args.flags)?;
    let mut reader = Reader::open(&args.file, form, false)?;
    let mut found = None;
    while let Some(p) = reader.next_participant()? {
        if p.id == args.participant {
            found = Some(p);
            break;
        }
    }
    let p =
        found.ok_or_else(|| input(format!("participant {:?} is not in {}", args.participant, args.file.display())))?;
    let weeks = p.diary.weeks(&options);
    let scores = weeks
        .iter()
        .map(|w| score_week(w, &options))
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| input(e.to_string()))?;
    let svg = srm_chart::render(&p.id, &weeks, &scores, options.hit_window_min);
    match args.output {
        Some(path) => std::fs::write(&path, svg).map_err(|e| input(format!("cannot write {}: {e}", path.display()))),
        None => {
            print!("{svg}");
            Ok(())
        }
    }
}
