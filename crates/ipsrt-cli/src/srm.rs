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

use ipsrt::srm::long_batch::{LongScorer, LongScores};
use ipsrt::srm::long_format::{
    Columns, DateOrder, DiaryStream, DroppedCell, Duplicates, ParticipantDiary, ReadOptions, RowOrder,
};
use ipsrt::srm::summary::summarize;
use ipsrt::srm::{
    Diary, Form, FormKind, HitReference, HitValues, ScoringOptions, SdKind, TrimFactor, WeekAnchor, WeekScore, Windows,
    score_week,
};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

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
    progress: Option<ProgressBar>,
}

/// Opens the diary CSV, finds the long format's columns in its header (warning about columns
/// it does not read) and sets up the progress bar.
fn open_csv(
    path: &std::path::Path,
    flags: &InputFlags,
    progress: ProgressArg,
) -> Result<(CsvReader, Columns, Option<ProgressBar>), CliError> {
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
        let shown: Vec<String> = unknown.iter().take(10).map(|u| ipsrt::limits::Excerpt::new(u).to_string()).collect();
        let more = if unknown.len() > 10 { format!(" and {} more", unknown.len() - 10) } else { String::new() };
        eprintln!(
            "ipsrt: warning: {}: columns not read: {}{more} (the diary reads participant, date, item, time, people, mood; rename a column if it holds one of those)",
            csv.name(),
            shown.join(", ")
        );
    }
    let size = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
    Ok((csv, cols, progress_bar(progress, size)))
}

/// Rows between two progress-bar updates (an update takes a lock and reads the clock).
const PROGRESS_EVERY: u64 = 4096;

/// The progress bar (`--progress`), drawn by indicatif on stderr: `auto` when stderr is a
/// terminal and the file is over 1 MiB, `always` whatever stderr is (a log then gets the bar
/// redrawn in place with carriage returns). A pipe has no size to measure progress against:
/// no bar then.
fn progress_bar(progress: ProgressArg, size: u64) -> Option<ProgressBar> {
    let target = match progress {
        ProgressArg::Never => return None,
        _ if size == 0 => return None,
        ProgressArg::Auto if std::io::stderr().is_terminal() && size > 1 << 20 => ProgressDrawTarget::stderr_with_hz(8),
        ProgressArg::Auto => return None,
        ProgressArg::Always => ProgressDrawTarget::term_like_with_hz(Box::new(StderrLine), 4),
    };
    let style = ProgressStyle::with_template(
        "scoring [{bar:25}] {percent:>3}% {binary_bytes}/{binary_total_bytes}, {eta} left",
    )
    .map(|s| s.progress_chars("#> "))
    .unwrap_or_else(|_| ProgressStyle::default_bar());
    Some(ProgressBar::with_draw_target(Some(size), target).with_style(style))
}

/// Stderr for a bar that is drawn even when stderr is not a terminal: each redraw returns to
/// the start of the line.
#[derive(Debug)]
struct StderrLine;

impl indicatif::TermLike for StderrLine {
    fn width(&self) -> u16 {
        80
    }
    fn move_cursor_up(&self, _: usize) -> std::io::Result<()> {
        Ok(())
    }
    fn move_cursor_down(&self, _: usize) -> std::io::Result<()> {
        Ok(())
    }
    fn move_cursor_right(&self, _: usize) -> std::io::Result<()> {
        Ok(())
    }
    fn move_cursor_left(&self, _: usize) -> std::io::Result<()> {
        Ok(())
    }
    fn write_line(&self, s: &str) -> std::io::Result<()> {
        std::io::stderr().write_all(s.as_bytes())
    }
    fn write_str(&self, s: &str) -> std::io::Result<()> {
        std::io::stderr().write_all(s.as_bytes())
    }
    fn clear_line(&self) -> std::io::Result<()> {
        std::io::stderr().write_all(b"\r")
    }
    fn flush(&self) -> std::io::Result<()> {
        std::io::stderr().flush()
    }
}

impl Reader {
    fn open(path: &std::path::Path, form: Form, flags: &InputFlags, progress: ProgressArg) -> Result<Reader, CliError> {
        let (csv, cols, progress) = open_csv(path, flags, progress)?;
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
                    if self.rows.is_multiple_of(PROGRESS_EVERY)
                        && let Some(p) = &self.progress
                    {
                        p.set_position(self.csv.consumed);
                    }
                    let finished = finished.map_err(|e| input(format!("{}: {e}", self.csv.name())))?;
                    if let Some(p) = finished {
                        return Ok(Some(p.into()));
                    }
                }
            }
        }
        if let Some(p) = self.progress.take() {
            p.finish();
            eprintln!();
        }
        Ok(self.stream.finish().map(Participant::from))
    }
}

fn score(args: ScoreArgs) -> Result<(), CliError> {
    let (form, options) = parse_options(&args.flags)?;
    if args.format == Format::Csv {
        return score_csv(&args, form, options);
    }
    let mut reader = Reader::open(&args.file, form, &args.input, args.progress)?;
    let mut out = Output::create(args.output.as_deref())?;
    let io = |e: std::io::Error| input(format!("cannot write the output: {e}"));
    if args.format == Format::Json {
        writeln!(out, "[").map_err(io)?;
    }
    let (mut first, mut weeks, mut participants, mut dropped) = (true, 0u64, 0u64, 0usize);
    while let Some(p) = reader.next_participant()? {
        participants += 1;
        dropped += p.dropped.len();
        for week in p.diary.weeks(&options) {
            let s: WeekScore = score_week(&week, &options).map_err(|e| input(e.to_string()))?;
            weeks += 1;
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
    finish_score(&args, &name, reader.rows, participants, weeks, dropped, out)
}

/// The end of `ipsrt srm score`: refuses a file without rows, commits the output and says
/// what was scored (and dropped) on stderr.
fn finish_score(
    args: &ScoreArgs,
    name: &str,
    rows: u64,
    participants: u64,
    weeks: u64,
    dropped: usize,
    out: Output,
) -> Result<(), CliError> {
    if rows == 0 {
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
    eprintln!("ipsrt: {name}: {rows} rows scored: {participants} participant(s), {weeks} participant-week(s)");
    Ok(())
}

/// `ipsrt srm score --format csv`: byte records from the CSV reader into the core's
/// [`LongScorer`] (the long format's rules, then the batch kernel a few thousand weeks at a
/// time), the scored weeks written as they come with `csv::Writer`. Memory does not grow with
/// the file (grouped rows).
fn score_csv(args: &ScoreArgs, form: Form, options: ScoringOptions) -> Result<(), CliError> {
    let (mut csv, cols, progress) = open_csv(&args.file, &args.input, args.progress)?;
    let mut scorer =
        LongScorer::new(form, cols, args.input.read_options(), options).map_err(|e| input(e.to_string()))?;
    let mut out = csv::Writer::from_writer(Output::create(args.output.as_deref())?);
    let io = |e: csv::Error| input(format!("cannot write the output: {e}"));
    out.write_record(["participant", "week_start", "score", "hits", "counted_items", "ali", "days_recorded"])
        .map_err(io)?;
    let mut weeks = 0u64;
    let mut text = String::new();
    let mut write = |out: &mut csv::Writer<Output>, s: &LongScores| -> Result<(), CliError> {
        use std::fmt::Write as _;
        for i in 0..s.len() {
            out.write_field(s.keys.participant_id(i).unwrap_or("")).map_err(io)?;
            let mut field = |f: std::fmt::Arguments<'_>| {
                text.clear();
                let _ = text.write_fmt(f);
                out.write_field(text.as_bytes()).map_err(io)
            };
            let (score, hits, counted, ali) = (s.score[i], s.hits[i], s.counted_items[i], s.ali[i]);
            field(format_args!("{}", s.keys.week_start[i]))?;
            if score.is_nan() {
                field(format_args!(""))?
            } else {
                field(format_args!("{score}"))?
            };
            field(format_args!("{hits}"))?;
            field(format_args!("{counted}"))?;
            field(format_args!("{ali}"))?;
            field(format_args!("{}", s.keys.days_recorded[i]))?;
            out.write_record(None::<&[u8]>).map_err(io)?;
        }
        weeks += s.len() as u64;
        Ok(())
    };
    let name = csv.name().to_owned();
    let err = |e: ipsrt::srm::SrmError| input(format!("{name}: {e}"));
    while let Some(record) = csv.next_record()? {
        scorer.push(record.line, &record).map_err(err)?;
        if scorer.has_scored() {
            write(&mut out, &scorer.take_scored())?;
        }
        if scorer.rows().is_multiple_of(PROGRESS_EVERY)
            && let Some(p) = &progress
        {
            p.set_position(csv.consumed);
        }
    }
    scorer.finish().map_err(err)?;
    write(&mut out, &scorer.take_scored())?;
    if let Some(p) = progress {
        p.finish();
        eprintln!();
    }
    let out = out.into_inner().map_err(|e| input(format!("cannot write the output: {}", e.error())))?;
    finish_score(args, &name, scorer.rows(), scorer.participants(), weeks, scorer.dropped(), out)
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
