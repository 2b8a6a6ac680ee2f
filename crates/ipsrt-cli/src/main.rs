//! The `ipsrt` command-line tool.
//!
//! Exit codes: `0` success; `1` the input was read but rejected by a clinical rule (for
//! example a course event that is not allowed); `2` bad input or usage (malformed file,
//! unknown option), with a message naming the line and field.

use std::process::ExitCode;

use clap::{Parser, Subcommand};

mod course;
mod csv_input;
mod error;
mod group;
mod input;
mod ips;
mod ipsrt_cmd;
mod measure;
mod output;
mod plan;
mod sources;
mod srm;
mod srm_chart;

use error::CliError;

/// ipsrt: Interpersonal Psychotherapy (IPT) and Interpersonal and Social Rhythm Therapy (IPSRT).
#[derive(Debug, Parser)]
#[command(name = "ipsrt", version, about, long_about = None)]
struct Cli {
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
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result: Result<(), CliError> = match cli.command {
        Command::Sources(args) => sources::run(args),
        Command::Group(args) => group::run(args),
        Command::Ips(args) => ips::run(args),
        Command::Course(args) => course::run(args),
        Command::Plan(args) => plan::run(args),
        Command::Ipsrt(args) => ipsrt_cmd::run(args),
        Command::Measure(args) => measure::run(args),
        Command::Srm(args) => srm::run(*args),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("ipsrt: {e}");
            ExitCode::from(e.exit_code())
        }
    }
}
