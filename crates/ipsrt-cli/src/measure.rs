//! `ipsrt measure`: score outcome measures, compare two results, show a definition.
//!
//! ```text
//! ipsrt measure score phq9 --answers 1,2,0,1,1,0,0,1,1          # text summary
//! ipsrt measure score phq9 --answers 1,2,,1,1,0,0,1,1 --policy prorate:2 --band --format json
//! ipsrt measure score hrsd17 --input answers.json --format json # {"hrsd17_1": 2, ...} or {"answers": {...}}
//! ipsrt measure compare baseline.json follow_up.json            # two `--format json` outputs
//! ipsrt measure show asrm                                       # the definition as JSON
//! ipsrt measure score gad7 --answers 1,1,1,1,1,1,1 --band        # total 7, mild
//! ipsrt measure score --input answers.csv -o scores.csv        # id,instrument,item1..itemN per row
//! ipsrt measure series --input phq9_scores.csv                  # date,total[,instrument] per row
//! ipsrt measure chart --input phq9_scores.json -o phq9.svg      # bands, reliable change, thresholds
//! ```
//!
//! Safety signals (PHQ-9 item 9, HRSD-17 item 3, EPDS item 10, the teen PHQ-9's suicide
//! questions, a C-SSRS screener result) are printed first, on lines starting with `!!`, whatever
//! the total; unanswered safety items are listed too. In `--json` they are `safety` and
//! `safety_unanswered`.

use std::path::{Path, PathBuf};

use ipsrt::measures::change::compare;
use ipsrt::measures::score::{Answers, Score, ScoreOptions, TotalStatus, score};
use ipsrt::measures::{InstrumentId, MissingPolicy, builtin};

use crate::error::CliError;

/// Arguments of `ipsrt measure`.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    command: MeasureCommand,
}

#[derive(Debug, clap::Subcommand)]
enum MeasureCommand {
    /// Score one questionnaire.
    Score(ScoreArgs),
    /// Response, remission and minimal important change between two scored results (JSON).
    Compare {
        /// Baseline result (output of `measure score --format json`; `-` reads standard input).
        baseline: PathBuf,
        /// Follow-up result.
        follow_up: PathBuf,
    },
    /// A series of dated totals of one instrument read against a baseline: band, change,
    /// response, remission and Jacobson–Truax reliable change per score.
    Series(crate::measure_series::SeriesArgs),
    /// Draw a series as an SVG chart: bands, points marked by reliable change, remission and
    /// response thresholds.
    Chart(crate::measure_series::ChartArgs),
    /// Print an instrument definition as JSON (items, LOINC codes, bands, flags, sources).
    Show {
        /// The instrument.
        #[arg(value_enum)]
        instrument: InstrumentArg,
    },
}

#[derive(Debug, clap::Args)]
struct ScoreArgs {
    /// The instrument (optional with a CSV file, whose rows name theirs).
    #[arg(value_enum)]
    instrument: Option<InstrumentArg>,
    /// Answers in form order, comma-separated; leave a value empty (or write `-`) for an
    /// unanswered item. Example: 1,2,0,,3,0,1,1,0
    #[arg(long, allow_hyphen_values = true, conflicts_with = "input")]
    answers: Option<String>,
    /// JSON file of answers keyed by item id (`{"phq9_1": 1, ...}` or `{"answers": {...}}`);
    /// `-` reads stdin. A file ending `.csv` is a file of answer sets, one per row, with the
    /// header id,instrument[,date],item1,...,itemN; every row is scored and written as CSV.
    #[arg(long)]
    input: Option<PathBuf>,
    /// With a CSV input: write the scores to this file (all or nothing) instead of stdout.
    #[arg(short = 'o', long, requires = "input")]
    output: Option<PathBuf>,
    /// With a CSV input: its text encoding (default: UTF-8, or UTF-16 by its byte-order mark).
    #[arg(long, value_enum, requires = "input")]
    encoding: Option<crate::csv_input::Encoding>,
    /// With a CSV input: its delimiter (default: detected from the header).
    #[arg(long, value_enum, requires = "input")]
    delimiter: Option<crate::csv_input::Delimiter>,
    /// Missing-data policy: strict, zero, or prorate:N. Default: the instrument's published rule.
    #[arg(long)]
    policy: Option<String>,
    /// Add a band (opt-in interpretation); give a scheme id, or no value for the default scheme.
    #[arg(long, num_args = 0..=1, default_missing_value = "")]
    band: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ScoreFormat::Text)]
    format: ScoreFormat,
    /// Deprecated: use `--format json`.
    #[arg(long, hide = true, conflicts_with_all = ["format", "fhir"])]
    json: bool,
    /// Deprecated: use `--format fhir`.
    #[arg(long, hide = true, conflicts_with = "format")]
    fhir: bool,
}

/// How `measure score` prints its result.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum ScoreFormat {
    /// A summary for people to read.
    Text,
    /// The full result as JSON (what `measure compare` reads).
    Json,
    /// A FHIR R4 Bundle: QuestionnaireResponse and the total as an Observation.
    Fhir,
    /// One CSV row per answer set (the output of a CSV input; the default there).
    Csv,
}

/// An instrument the library ships, as a command-line value (its stable id).
#[derive(Debug, Clone, Copy)]
struct InstrumentArg(InstrumentId);

impl clap::ValueEnum for InstrumentArg {
    fn value_variants<'a>() -> &'a [Self] {
        static ALL: std::sync::LazyLock<Vec<InstrumentArg>> =
            std::sync::LazyLock::new(|| InstrumentId::ALL.iter().map(|&id| InstrumentArg(id)).collect());
        &ALL
    }

    fn to_possible_value(&self) -> Option<clap::builder::PossibleValue> {
        let value = clap::builder::PossibleValue::new(self.0.as_str()).help(builtin(self.0).title.clone());
        Some(match self.0 {
            InstrumentId::Hrsd17 => value.alias("hamd"),
            InstrumentId::DailyMood => value.alias("mood"),
            _ => value,
        })
    }
}

/// Runs `ipsrt measure`.
pub fn run(args: Args) -> Result<(), CliError> {
    match args.command {
        MeasureCommand::Score(a) => run_score(a),
        MeasureCommand::Series(a) => crate::measure_series::run_series(a),
        MeasureCommand::Chart(a) => crate::measure_series::run_chart(a),
        MeasureCommand::Compare { baseline, follow_up } => {
            crate::format::at_most_one_stdin(&[&baseline, &follow_up])?;
            let b = read_score(&baseline)?;
            let f = read_score(&follow_up)?;
            let c = compare(&b, &f).map_err(ipsrt::Error::from)?;
            emit(&to_pretty(&c)?)?;
            Ok(())
        }
        MeasureCommand::Show { instrument } => {
            emit(&to_pretty(builtin(instrument.0))?)?;
            Ok(())
        }
    }
}

fn to_pretty<T: serde::Serialize>(v: &T) -> Result<String, CliError> {
    serde_json::to_string_pretty(v).map_err(|e| CliError::Input(format!("cannot write JSON: {e}")))
}

fn read_text(path: &Path) -> Result<String, CliError> {
    if path == Path::new("-") {
        let mut s = String::new();
        std::io::Read::read_to_string(&mut std::io::stdin(), &mut s)
            .map_err(|e| CliError::Input(format!("cannot read stdin: {e}")))?;
        Ok(s)
    } else {
        std::fs::read_to_string(path).map_err(|e| CliError::io(path, e))
    }
}

fn read_score(path: &Path) -> Result<Score, CliError> {
    let text = read_text(path)?;
    // Accept both the bare result and the persisted envelope.
    let value: serde_json::Value =
        serde_json::from_str(&text).map_err(|e| CliError::Input(format!("{}: not JSON: {e}", path.display())))?;
    if value.get("schema").is_some() {
        return ipsrt::persist::from_value::<Score>(value).map_err(|e| CliError::from(ipsrt::Error::from(e)));
    }
    serde_json::from_value(value).map_err(|e| {
        CliError::Input(format!(
            "{}: not a scored result ({e}); write it with `ipsrt measure score --format json`",
            path.display()
        ))
    })
}

fn parse_answers(text: &str) -> Result<Vec<Option<i32>>, CliError> {
    text.split(',')
        .enumerate()
        .map(|(i, v)| {
            let v = v.trim();
            if v.is_empty() || v == "-" || v.eq_ignore_ascii_case("null") {
                Ok(None)
            } else {
                v.parse::<i32>().map(Some).map_err(|_| {
                    CliError::Input(format!(
                        "--answers value {} is {v:?}: give whole numbers separated by commas, empty or - for unanswered",
                        i + 1
                    ))
                })
            }
        })
        .collect()
}

fn run_score(a: ScoreArgs) -> Result<(), CliError> {
    if let Some(path) = a.input.as_deref().filter(|p| p.extension().is_some_and(|e| e.eq_ignore_ascii_case("csv"))) {
        if !matches!(a.format, ScoreFormat::Text | ScoreFormat::Csv) || a.json || a.fhir {
            return Err(CliError::Input(
                "a CSV input is scored to CSV, one row per answer set: drop --format (or give --format csv)".into(),
            ));
        }
        let policy = a.policy.as_deref().map(str::parse::<MissingPolicy>).transpose().map_err(ipsrt::Error::from)?;
        crate::measure_batch::score_file(
            path,
            &crate::measure_batch::BatchOptions {
                instrument: a.instrument.map(|i| i.0),
                policy,
                band: a.band.as_deref(),
                encoding: a.encoding,
                delimiter: a.delimiter,
                output: a.output.as_deref(),
            },
        )?;
        return Ok(());
    }
    if a.output.is_some() || a.encoding.is_some() || a.delimiter.is_some() {
        return Err(CliError::Input(
            "-o, --encoding and --delimiter apply to a CSV input (--input answers.csv) only".into(),
        ));
    }
    let Some(instrument) = a.instrument else {
        return Err(CliError::Input(
            "name the instrument (ipsrt measure score phq9 ...); only a CSV input names it per row".into(),
        ));
    };
    if a.format == ScoreFormat::Csv {
        return Err(CliError::Input("--format csv is the output of a CSV input (--input answers.csv)".into()));
    }
    let def = builtin(instrument.0);
    let answers = match (&a.answers, &a.input) {
        (Some(text), None) => Answers::from_ordered(def, &parse_answers(text)?).map_err(ipsrt::Error::from)?,
        (None, Some(path)) => {
            let text = read_text(path)?;
            let mut value: serde_json::Value = serde_json::from_str(&text)
                .map_err(|e| CliError::Input(format!("{}: not JSON: {e}", path.display())))?;
            if let Some(obj) = value.as_object_mut()
                && obj.contains_key("answers")
            {
                // The wrapper form {"answers": {...}} has no other field: a misspelt or extra
                // field is refused rather than ignored.
                if let Some(extra) = obj.keys().find(|k| *k != "answers") {
                    return Err(CliError::Input(format!(
                        "{}: unknown field {} next to \"answers\": the wrapper allows only \"answers\"; give {{\"answers\": {{\"phq9_1\": 2, ...}}}} or the bare item map",
                        path.display(),
                        ipsrt::limits::Excerpt::new(extra)
                    )));
                }
                if let Some(inner) = obj.get_mut("answers") {
                    value = inner.take();
                }
            }
            serde_json::from_value::<Answers>(value).map_err(|e| {
                CliError::Input(format!(
                    "{}: answers must be an object of item id → whole number, e.g. {{\"phq9_1\": 2}} ({e})",
                    path.display()
                ))
            })?
        }
        _ => return Err(CliError::Input("give the answers with --answers 1,2,0,... or --input FILE.json".into())),
    };
    let policy = a.policy.as_deref().map(str::parse::<MissingPolicy>).transpose().map_err(ipsrt::Error::from)?;
    let options = ScoreOptions { policy, band_scheme: a.band.clone() };
    let s = score(def, &answers, &options).map_err(ipsrt::Error::from)?;
    let format = match (a.json, a.fhir) {
        (true, _) => {
            eprintln!("ipsrt: --json is deprecated and will be removed; use --format json");
            ScoreFormat::Json
        }
        (_, true) => {
            eprintln!("ipsrt: --fhir is deprecated and will be removed; use --format fhir");
            ScoreFormat::Fhir
        }
        _ => a.format,
    };
    match format {
        ScoreFormat::Fhir => return print_fhir(&s),
        ScoreFormat::Json => return emit(&to_pretty(&s)?),
        ScoreFormat::Text | ScoreFormat::Csv => {}
    }
    use crate::locale::text;
    use ipsrt::i18n::{Arg, Localize};
    use std::fmt::Write as _;
    let loc = crate::locale::get();
    let n = |v: u8| Arg::from(v.to_string());
    let total = s.total.map_or_else(|| text("cli-measure-not-computed", &[]), |t| t.to_string());
    let status = match s.status {
        TotalStatus::Complete => text("cli-measure-status-complete", &[]),
        TotalStatus::Prorated { missing } => text("cli-measure-status-prorated", &[("missing", n(missing))]),
        TotalStatus::MissingAsZero { missing } => text("cli-measure-status-zero", &[("missing", n(missing))]),
        TotalStatus::Incomplete { missing } => text("cli-measure-status-incomplete", &[("missing", n(missing))]),
    };
    let mut out = String::new();
    // Safety signals come first, whatever the total, band or missing-data policy.
    for sig in &s.safety {
        let line = text(
            "cli-measure-safety",
            &[
                ("level", sig.level.label_in(loc).to_uppercase().into()),
                ("number", n(sig.item_number)),
                ("item", sig.item.as_str().into()),
                ("answer", sig.answer.to_string().into()),
                ("at_least", sig.at_least.to_string().into()),
                ("description", sig.description_in(loc).into()),
                ("source", sig.source.to_string().into()),
            ],
        );
        let _ = writeln!(out, "{line}");
    }
    if !s.safety.is_empty() {
        let _ = writeln!(out, "{}", text("cli-measure-safety-review", &[]));
    }
    for item in &s.safety_unanswered {
        let _ = writeln!(out, "{}", text("cli-measure-safety-unanswered", &[("item", item.as_str().into())]));
    }
    let line = text(
        "cli-measure-total",
        &[
            ("instrument", s.instrument.as_str().into()),
            ("version", s.version.as_str().into()),
            ("total", total.into()),
            ("status", status.into()),
        ],
    );
    let _ = writeln!(out, "{line}");
    let line = text(
        "cli-measure-answered",
        &[("answered", n(s.n_answered)), ("items", n(s.n_items)), ("policy", s.policy.to_string().into())],
    );
    let _ = writeln!(out, "{line}");
    if !s.missing.is_empty() {
        let _ = writeln!(out, "{}", text("cli-measure-missing", &[("items", s.missing.join(", ").into())]));
    }
    for f in &s.flags {
        let line = text(
            "cli-measure-flag",
            &[
                ("id", f.id.as_str().into()),
                ("state", f.state.label_in(loc).into()),
                ("source", f.source.to_string().into()),
            ],
        );
        let _ = writeln!(out, "{line}");
    }
    if let Some(b) = &s.band {
        let line = text(
            "cli-measure-band",
            &[
                ("scheme", b.scheme.as_str().into()),
                ("label", s.band_label(loc).unwrap_or_else(|| b.band.label.clone()).into()),
                ("min", b.band.min.to_string().into()),
                ("max", b.band.max.to_string().into()),
                ("source", b.source.to_string().into()),
            ],
        );
        let _ = writeln!(out, "{line}");
    }
    let _ = write!(out, "{}", text("cli-measure-source", &[("source", s.source.to_string().into())]));
    emit(&out)
}

fn print_fhir(s: &Score) -> Result<(), CliError> {
    let bundle = ipsrt::measures::fhir::export(s, &ipsrt::measures::fhir::ExportOptions::default())
        .map_err(ipsrt::Error::from)?;
    emit(&to_pretty(&bundle)?)
}

/// Writes one block to stdout; a closed pipe (`| head`) ends quietly.
fn emit(text: &str) -> Result<(), CliError> {
    use std::io::Write as _;
    match writeln!(std::io::stdout().lock(), "{text}") {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            Err(CliError::Input(format!("cannot write to stdout: {e}")))
        }
        _ => Ok(()),
    }
}
