//! `ipsrt srm ...`: score SRM diaries from long-format CSV (streaming), chart a participant.
//!
//! Input CSV, with a header: `participant,date,item,time[,people][,mood]` (any order; names
//! matched ignoring case and whitespace; other columns are listed in a warning and not read).
//! * Encoding: UTF-8 (with or without BOM) or UTF-16 with a BOM; a file in another encoding is
//!   refused with the one it most likely is, or read with `--encoding latin1`.
//! * Delimiter: `,`, `;` or tab, detected from the header line (`--delimiter` forces one).
//! * `date` is the diary day (`YYYY-MM-DD`; `--date-format dmy|mdy` for day-first or US
//!   dates); a bedtime of 00:30 after Monday evening is written on Monday's date.
//! * `item` is an id (`out_of_bed`) or an SRM-17 number (`1`).
//! * `time` is `HH:MM` or `H:MM` (`HH:MM:00` too); empty (or `not_done`) = not done;
//!   `not_recorded` = nothing written.
//! * `people` is 0–3 or empty; `mood` is −5..+5 or empty.
//!
//! Rows grouped by participant stream (memory holds one participant); `--order any` reads
//! rows in any order, held in memory up to `ipsrt::limits::MAX_UNGROUPED_CELLS`. Records are
//! bounded (`ipsrt::limits::MAX_CSV_*`). Duplicate cells that agree count once; conflicting
//! ones are an error naming both lines unless `--duplicates first|last`. Output goes to stdout
//! or, all or nothing, to `-o FILE` (see `output.rs`).

use std::io::{IsTerminal, Write};
use std::path::PathBuf;

use ipsrt::srm::long_format::{
    Columns, DateOrder, DiaryStream, DroppedCell, Duplicates, ParticipantDiary, ReadOptions, RowOrder,
};
use ipsrt::srm::summary::summarize;
use ipsrt::srm::{
    Diary, Form, FormKind, HitReference, HitValues, ScoringOptions, SdKind, TrimFactor, WeekAnchor, WeekScore, Windows,
    score_week,
};

use crate::csv_input::{CsvReader, Delimiter, Encoding};
use crate::error::CliError;
use crate::output::Output;
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

/// The diary form (`--form`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum FormArg {
    /// SRM-5 (5 items)
    #[value(name = "srm_5", alias = "srm5")]
    Srm5,
    /// SRM-17 (17 items)
    #[value(name = "srm_17", alias = "srm17")]
    Srm17,
    /// SRM-II-5, the IPSRT clinical form with target times
    #[value(name = "srm_ii_5", alias = "srm_ii5")]
    SrmII5,
}

/// SD kind (`--sd`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum SdArg {
    /// sample SD (n − 1), the standard
    Sample,
    /// population SD (n)
    Population,
}

/// Which values can be hits (`--hit-values`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum HitValuesArg {
    /// only values kept after trimming (the standard)
    Kept,
    /// all values
    All,
}

/// Windows (`--windows`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum WindowsArg {
    /// consecutive 7-day blocks
    Blocks,
    /// a 7-day window starting on every diary day
    Rolling,
}

/// Week anchor (`--week-anchor`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum AnchorArg {
    /// each participant's first diary day
    #[value(name = "first_diary_day", alias = "first")]
    FirstDiaryDay,
    /// Mondays
    Monday,
    /// Sundays
    Sunday,
}

/// Output format (`--format`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Format {
    /// one row per participant-week
    Csv,
    /// a JSON array of participant-weeks with per-item detail and summaries
    Json,
    /// the same objects as json, one per line (streams; each line complete)
    Ndjson,
}

/// How dates are written (`--date-format`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum DateFormatArg {
    /// YYYY-MM-DD only
    Iso,
    /// day first: DD/MM/YYYY, DD-MM-YYYY or DD.MM.YYYY (and YYYY-MM-DD)
    Dmy,
    /// month first (US): MM/DD/YYYY (and YYYY-MM-DD)
    Mdy,
}

/// Conflicting duplicate cells (`--duplicates`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum DuplicatesArg {
    /// refuse, naming both lines
    Error,
    /// keep the first row (json lists the dropped ones)
    First,
    /// keep the last row (json lists the dropped ones)
    Last,
}

/// Progress bar (`--progress`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum ProgressArg {
    /// on stderr when stderr is a terminal and the file is over 1 MiB
    Auto,
    /// always on stderr (for logs that want it)
    Always,
    /// never
    Never,
}

/// Row order (`--order`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum OrderArg {
    /// a participant's rows are together: streams in constant memory
    Grouped,
    /// any order (for example sorted by date): rows are held in memory, up to a limit
    Any,
}

/// Scoring options as flags (defaults: the recommended default).
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
    /// Windows.
    #[arg(long, value_enum, default_value_t = WindowsArg::Blocks)]
    windows: WindowsArg,
    /// Week anchor.
    #[arg(long, value_enum, default_value_t = AnchorArg::FirstDiaryDay)]
    week_anchor: AnchorArg,
    /// Load all options from a saved ipsrt.srm_scoring_options JSON file instead.
    #[arg(long)]
    options: Option<PathBuf>,
}

/// How the diary CSV is read.
#[derive(Debug, clap::Args)]
struct InputFlags {
    /// The field delimiter (default: detected from the header line).
    #[arg(long, value_enum)]
    delimiter: Option<Delimiter>,
    /// The file's encoding (default: UTF-8, or UTF-16 when the file starts with its
    /// byte-order mark; another encoding is refused with the one it most likely is).
    #[arg(long, value_enum)]
    encoding: Option<Encoding>,
    /// How dates are written.
    #[arg(long, value_enum, default_value_t = DateFormatArg::Iso)]
    date_format: DateFormatArg,
    /// What to do with two rows for one participant, day and item that disagree (rows that
    /// agree count once).
    #[arg(long, value_enum, default_value_t = DuplicatesArg::Error)]
    duplicates: DuplicatesArg,
    /// Whether a participant's rows are together (grouped) or in any order.
    #[arg(long, value_enum, default_value_t = OrderArg::Grouped)]
    order: OrderArg,
}

impl InputFlags {
    fn read_options(&self) -> ReadOptions {
        ReadOptions {
            dates: match self.date_format {
                DateFormatArg::Iso => DateOrder::Iso,
                DateFormatArg::Dmy => DateOrder::DayFirst,
                DateFormatArg::Mdy => DateOrder::MonthFirst,
            },
            time_unit: None,
            duplicates: match self.duplicates {
                DuplicatesArg::Error => Duplicates::Refuse,
                DuplicatesArg::First => Duplicates::First,
                DuplicatesArg::Last => Duplicates::Last,
            },
            order: match self.order {
                OrderArg::Grouped => RowOrder::Grouped,
                OrderArg::Any => RowOrder::Any,
            },
        }
    }
}

#[derive(Debug, clap::Args)]
struct ScoreArgs {
    /// The diary CSV.
    file: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Csv)]
    format: Format,
    /// Write the output to this file, all or nothing (a failure leaves no file). Default:
    /// stdout, which streams (see docs/srm.md).
    #[arg(short, long)]
    output: Option<PathBuf>,
    /// Progress bar on stderr.
    #[arg(long, value_enum, default_value_t = ProgressArg::Auto)]
    progress: ProgressArg,
    #[command(flatten)]
    input: InputFlags,
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
    /// Output SVG file, written all or nothing (default: stdout).
    #[arg(short, long)]
    output: Option<PathBuf>,
    #[command(flatten)]
    input: InputFlags,
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
                .map_err(|_| {
                    input(format!("--trim {}: give a number such as 1.5, or none", ipsrt::limits::Excerpt::new(t)))
                })
                .and_then(|v| TrimFactor::from_f64(v).map_err(|e| input(e.to_string())))?,
        ),
    };
    let o = ScoringOptions {
        hit_window_min: f.hit_window,
        trim_factor,
        sd: match f.sd {
            SdArg::Sample => SdKind::Sample,
            SdArg::Population => SdKind::Population,
        },
        sd_floor_min: f.sd_floor,
        min_occurrences: f.min_occurrences,
        reference: HitReference::Habitual,
        hit_values: match f.hit_values {
            HitValuesArg::Kept => HitValues::Kept,
            HitValuesArg::All => HitValues::All,
        },
        windows: match f.windows {
            WindowsArg::Blocks => Windows::Blocks,
            WindowsArg::Rolling => Windows::Rolling,
        },
        week_anchor: match f.week_anchor {
            AnchorArg::FirstDiaryDay => WeekAnchor::FirstDiaryDay,
            AnchorArg::Monday => WeekAnchor::Monday,
            AnchorArg::Sunday => WeekAnchor::Sunday,
        },
    };
    o.validate().map_err(|e| input(e.to_string()))?;
    Ok((kind.into(), o))
}

/// One participant's rows, parsed.
struct Participant {
    id: String,
    diary: Diary,
    dropped: Vec<DroppedCell>,
}

impl From<ParticipantDiary> for Participant {
    fn from(p: ParticipantDiary) -> Self {
        Participant { id: p.participant, diary: p.diary, dropped: p.dropped }
    }
}

/// Streams a diary CSV one participant at a time: [`CsvReader`] splits the text into bounded
/// fields, the core's [`DiaryStream`] parses, checks and groups them (so the rules live in the
/// core).
struct Reader {
    csv: CsvReader,
    stream: DiaryStream,
    done: bool,
    rows: u64,
    progress: Option<Progress>,
}

impl Reader {
    fn open(path: &std::path::Path, form: Form, flags: &InputFlags, progress: ProgressArg) -> Result<Reader, CliError> {
        let csv = CsvReader::open(path, flags.encoding, flags.delimiter)?;
        let cols = Columns::from_header(csv.header()).map_err(|e| {
            input(format!(
                "{}: {e} (read with the {} delimiter; force another with --delimiter)",
                csv.name(),
                csv.delimiter_name()
            ))
        })?;
        let unknown = cols.unknown(csv.header());
        if !unknown.is_empty() {
            let shown: Vec<String> =
                unknown.iter().take(10).map(|u| ipsrt::limits::Excerpt::new(u).to_string()).collect();
            let more = if unknown.len() > 10 { format!(" and {} more", unknown.len() - 10) } else { String::new() };
            eprintln!(
                "ipsrt: warning: {}: columns not read: {}{more} (the diary reads participant, date, item, time, people, mood; rename a column if it holds one of those)",
                csv.name(),
                shown.join(", ")
            );
        }
        let size = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
        let show = match progress {
            ProgressArg::Always => true,
            ProgressArg::Never => false,
            ProgressArg::Auto => std::io::stderr().is_terminal() && size > 1 << 20,
        };
        // A pipe has no size to measure progress against: no bar then.
        let progress = (show && size > 0).then(|| Progress::new(size));
        Ok(Reader {
            csv,
            stream: DiaryStream::with_options(form, cols, flags.read_options()),
            done: false,
            rows: 0,
            progress,
        })
    }

    /// The next participant's diary, or `None` at the end of the file.
    fn next_participant(&mut self) -> Result<Option<Participant>, CliError> {
        while !self.done {
            match self.csv.next_record()? {
                None => self.done = true,
                Some(record) => {
                    self.rows += 1;
                    let line = record.line;
                    let finished = self.stream.push(line, &record);
                    if let Some(p) = self.progress.as_mut() {
                        p.update(self.csv.consumed);
                    }
                    let finished = finished.map_err(|e| input(format!("{}: {e}", self.csv.name())))?;
                    if let Some(p) = finished {
                        return Ok(Some(p.into()));
                    }
                }
            }
        }
        if let Some(mut p) = self.progress.take() {
            p.finish();
        }
        Ok(self.stream.finish().map(Participant::from))
    }
}

/// A small progress bar on stderr (`--progress`), redrawn when the percentage changes.
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
    let mut reader = Reader::open(&args.file, form, &args.input, args.progress)?;
    let mut out = Output::create(args.output.as_deref())?;
    let io = |e: std::io::Error| input(format!("cannot write the output: {e}"));
    match args.format {
        Format::Json => writeln!(out, "[").map_err(io)?,
        Format::Csv => {
            writeln!(out, "participant,week_start,score,hits,counted_items,ali,days_recorded").map_err(io)?
        }
        Format::Ndjson => {}
    }
    let (mut first, mut weeks, mut participants, mut dropped) = (true, 0u64, 0u64, 0usize);
    let mut line = String::new();
    while let Some(p) = reader.next_participant()? {
        participants += 1;
        dropped += p.dropped.len();
        for week in p.diary.weeks(&options) {
            let s: WeekScore = score_week(&week, &options).map_err(|e| input(e.to_string()))?;
            weeks += 1;
            if args.format == Format::Csv {
                line.clear();
                csv_field_into(&mut line, &p.id);
                use std::fmt::Write as _;
                let _ = writeln!(
                    line,
                    ",{},{},{},{},{},{}",
                    s.start,
                    fmt_score(s.score),
                    s.hits,
                    s.counted_items,
                    s.ali,
                    s.days_recorded
                );
                out.write_all(line.as_bytes()).map_err(io)?;
                continue;
            }
            let end = s.start + chrono::Duration::days(6);
            let in_week: Vec<&DroppedCell> = p.dropped.iter().filter(|d| d.date >= s.start && d.date <= end).collect();
            let mut obj = serde_json::json!({
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
            if !in_week.is_empty()
                && let Some(map) = obj.as_object_mut()
            {
                map.insert("dropped_duplicates".into(), serde_json::json!(in_week));
            }
            let text = serde_json::to_string(&obj).map_err(|e| input(e.to_string()))?;
            match args.format {
                Format::Json => write!(out, "{}{text}", if first { "" } else { ",\n" }).map_err(io)?,
                _ => writeln!(out, "{text}").map_err(io)?,
            }
            first = false;
        }
    }
    if args.format == Format::Json {
        writeln!(out, "{}]", if first { "" } else { "\n" }).map_err(io)?;
    }
    let name = reader.csv.name().to_owned();
    if reader.rows == 0 {
        return Err(input(format!(
            "{name}: the file has a header but no rows, 0 rows scored; add one row per participant, day and item"
        )));
    }
    out.commit()?;
    let policy = match args.input.duplicates {
        DuplicatesArg::First => "first",
        _ => "last",
    };
    if dropped > 0 {
        let list = if args.format == Format::Csv {
            "; --format json lists them"
        } else {
            " (listed under dropped_duplicates)"
        };
        eprintln!("ipsrt: warning: {name}: {dropped} conflicting duplicate row(s) dropped, keeping the {policy}{list}");
    }
    eprintln!("ipsrt: {name}: {} rows scored: {participants} participant(s), {weeks} participant-week(s)", reader.rows);
    Ok(())
}

fn csv_field_into(out: &mut String, s: &str) {
    if s.contains([',', '"', '\n', '\r']) {
        out.push('"');
        out.push_str(&s.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(s);
    }
}

fn chart(args: ChartArgs) -> Result<(), CliError> {
    let (form, options) = parse_options(&args.flags)?;
    let mut reader = Reader::open(&args.file, form, &args.input, ProgressArg::Never)?;
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
    let mut out = Output::create(args.output.as_deref())?;
    out.write_all(svg.as_bytes()).map_err(|e| input(format!("cannot write the chart: {e}")))?;
    out.commit()
}
