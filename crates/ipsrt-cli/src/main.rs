//! The `ipsrt` command-line tool.
//!
//! Exit codes: `0` success; `1` the input was read but rejected by a clinical rule (for
//! example a course event that is not allowed); `2` bad input or usage (malformed file,
//! unknown option), with a message naming the line and field.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{CommandFactory, FromArgMatches, Parser, Subcommand};

mod care;
mod course;
mod csv_input;
mod error;
mod format;
mod group;
mod input;
mod ips;
mod ipsrt_cmd;
mod locale;
mod measure;
mod measure_batch;
mod measure_series;
mod output;
mod plan;
mod series_chart;
mod sources;
mod srm;
mod srm_chart;
mod svg;

use error::CliError;

/// The exit codes, shown at the end of every `--help`.
const EXIT_CODES: &str = "\
Exit codes:
  0  success
  1  the input was read, but a clinical rule rejected it (for example a course event that is not allowed)
  2  bad input or usage: a malformed file or an unknown option; the message names the line, field and value";

/// ipsrt: Interpersonal Psychotherapy (IPT) and Interpersonal and Social Rhythm Therapy (IPSRT).
///
/// Every subcommand that reads a file reads standard input when the file is `-`; `--format`
/// chooses text or JSON output.
#[derive(Debug, Parser)]
#[command(name = "ipsrt", version, about, long_about = None)]
struct Cli {
    /// Language of labels and messages in text output: en or nl. Default: from LC_ALL,
    /// LC_MESSAGES or LANG (nl_NL.UTF-8, nl_BE, ...), else en. JSON output keeps its codes.
    #[arg(long, global = true, value_enum)]
    locale: Option<locale::LocaleArg>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// List the bibliography every clinical rule and number cites.
    Sources(sources::Args),
    /// Group therapy: replay a group's log, show a format's rules.
    Group(group::Args),
    /// IPS supported employment: IPS-25 fidelity, caseload KPIs, principles.
    Ips(ips::Args),
    /// A patient's care record: `ipsrt care replay FILE`, `ipsrt care status FILE --on DATE`.
    Care(care::Args),
    /// Replay an IPT course's event log: `ipsrt course replay FILE.json`.
    Course(course::Args),
    /// Relapse-prevention plans: evaluate alert levels from observations; recurrence risk.
    Plan(plan::Args),
    /// IPSRT: rhythm-plan due times, medication adherence, life chart.
    Ipsrt(ipsrt_cmd::Args),
    /// Score outcome measures (PHQ-9, HRSD-17, ASRM, YMRS, daily mood) and compare results.
    Measure(measure::Args),
    /// Social Rhythm Metric: score diaries (streaming CSV), chart a participant.
    Srm(Box<srm::Args>),
    /// Print a shell completion script.
    ///
    /// Bash: `ipsrt completions bash > ~/.local/share/bash-completion/completions/ipsrt`.
    /// Zsh: `ipsrt completions zsh > ~/.zfunc/_ipsrt` (with `fpath+=~/.zfunc` before `compinit`).
    /// Fish: `ipsrt completions fish > ~/.config/fish/completions/ipsrt.fish`.
    /// PowerShell: `ipsrt completions powershell >> $PROFILE`.
    Completions {
        /// The shell.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Write the man pages: one page per subcommand into DIR, or the main page to stdout.
    ///
    /// Example: `ipsrt man /usr/local/share/man/man1`, then `man ipsrt-srm-score`.
    Man {
        /// The directory to write `ipsrt.1`, `ipsrt-srm.1`, `ipsrt-srm-score.1`, ... into
        /// (created if missing). Without it, the page of `ipsrt` itself goes to stdout.
        dir: Option<PathBuf>,
    },
}

/// The command with its subcommands, the exit codes added to every `--help`.
fn command() -> clap::Command {
    fn with_exit_codes(cmd: clap::Command) -> clap::Command {
        cmd.after_help(EXIT_CODES).mut_subcommands(with_exit_codes)
    }
    with_exit_codes(Cli::command())
}

fn main() -> ExitCode {
    let matches = command().get_matches();
    let cli = match Cli::from_arg_matches(&matches) {
        Ok(cli) => cli,
        Err(e) => e.exit(),
    };
    let loc = locale::init(cli.locale);
    let result: Result<(), CliError> = match cli.command {
        Command::Sources(args) => sources::run(args),
        Command::Group(args) => group::run(args),
        Command::Ips(args) => ips::run(args),
        Command::Care(args) => care::run(args),
        Command::Course(args) => course::run(args),
        Command::Plan(args) => plan::run(args),
        Command::Ipsrt(args) => ipsrt_cmd::run(args),
        Command::Measure(args) => measure::run(args),
        Command::Srm(args) => srm::run(*args),
        Command::Completions { shell } => {
            let mut script = Vec::new();
            clap_complete::generate(shell, &mut command(), "ipsrt", &mut script);
            write_stdout(&script)
        }
        Command::Man { dir } => man(dir),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            if loc == ipsrt::i18n::Locale::En {
                eprintln!("ipsrt: {e}");
            } else {
                // The headline in the chosen language; the detail (which quotes the input's
                // field names and values) stays English.
                let headline = if e.exit_code() == 1 { "cli-error-rejected" } else { "cli-error-input" };
                eprintln!("ipsrt: {}: {e}", locale::text(headline, &[]));
            }
            ExitCode::from(e.exit_code())
        }
    }
}

/// Writes bytes to stdout; a closed pipe (`| head`) ends quietly.
fn write_stdout(bytes: &[u8]) -> Result<(), CliError> {
    use std::io::Write as _;
    match std::io::stdout().lock().write_all(bytes) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            Err(CliError::Input(format!("cannot write to stdout: {e}")))
        }
        _ => Ok(()),
    }
}

/// `ipsrt man [DIR]`.
fn man(dir: Option<PathBuf>) -> Result<(), CliError> {
    let cmd = command();
    match dir {
        None => {
            let mut page = Vec::new();
            clap_mangen::Man::new(cmd)
                .render(&mut page)
                .map_err(|e| CliError::Input(format!("cannot render the man page: {e}")))?;
            write_stdout(&page)
        }
        Some(dir) => {
            std::fs::create_dir_all(&dir)
                .map_err(|e| CliError::Input(format!("cannot create {}: {e}", dir.display())))?;
            // One page per subcommand (`Man::render` alone would not document subcommand
            // arguments).
            clap_mangen::generate_to(cmd, &dir)
                .map_err(|e| CliError::Input(format!("cannot write the man pages to {}: {e}", dir.display())))?;
            let mut pages: Vec<String> = std::fs::read_dir(&dir)
                .map_err(|e| CliError::Input(format!("cannot list {}: {e}", dir.display())))?
                .filter_map(|e| e.ok().map(|e| e.file_name().to_string_lossy().into_owned()))
                .filter(|n| n.starts_with("ipsrt") && n.ends_with(".1"))
                .collect();
            pages.sort();
            println!("wrote {} man pages to {}", pages.len(), dir.display());
            Ok(())
        }
    }
}
