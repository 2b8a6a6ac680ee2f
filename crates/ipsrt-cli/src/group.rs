//! `ipsrt group`: replay a group's log, show a format's rules.

use std::path::PathBuf;

use ipsrt::group::{Group, GroupRules, GroupType};

use crate::error::CliError;
use crate::format::FormatArg;
use crate::input::{read_persisted, to_pretty};

/// Arguments of `ipsrt group`.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, clap::Subcommand)]
enum Command {
    /// Replay a group (ipsrt.group JSON: rules + events) and show its state, members, waitlist,
    /// attendance and due individual meetings.
    Replay {
        /// The group file (`-` reads standard input).
        file: PathBuf,
        #[command(flatten)]
        format: FormatArg,
    },
    /// Show the default rules of a format, with their sources.
    Rules {
        /// The group format.
        #[arg(value_enum)]
        group_type: GroupTypeArg,
    },
}

/// The group formats (the names of the `ipsrt.group` JSON).
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
enum GroupTypeArg {
    /// Group IPSRT for bipolar disorder (4–8 members, typically 6–7).
    #[value(name = "ipsrt_group", alias = "ipsrt-group")]
    IpsrtGroup,
    /// The long-term interpersonal process group: up to 9 members, weekly 90 minutes, rolling entry.
    #[value(name = "process_group", alias = "process-group")]
    ProcessGroup,
    /// Manualised group IPT (IPT-G): 6–9 members, 20 sessions, closed cohort.
    #[value(name = "ipt_g", alias = "ipt-g")]
    IptG,
}

impl From<GroupTypeArg> for GroupType {
    fn from(t: GroupTypeArg) -> Self {
        match t {
            GroupTypeArg::IpsrtGroup => GroupType::IpsrtGroup,
            GroupTypeArg::ProcessGroup => GroupType::ProcessGroup,
            GroupTypeArg::IptG => GroupType::IptG,
        }
    }
}

/// Runs `ipsrt group`.
pub fn run(args: Args) -> Result<(), CliError> {
    match args.command {
        Command::Replay { file, format } => replay(&file, format.is_json()),
        Command::Rules { group_type } => {
            println!("{}", to_pretty(&GroupRules::for_type(group_type.into()))?);
            Ok(())
        }
    }
}

fn replay(file: &std::path::Path, json: bool) -> Result<(), CliError> {
    // A log that breaks a rule is a clinical rejection (exit 1), not a parse error.
    let group: Group = read_persisted(file).map_err(|e| match e {
        CliError::Input(m) if m.contains("was rejected") => CliError::Rejected(m),
        other => other,
    })?;
    if json {
        #[derive(serde::Serialize)]
        struct Out<'a> {
            status: ipsrt::group::GroupStatus,
            free_places: u32,
            below_minimum: bool,
            admission_open: bool,
            members: Vec<&'a ipsrt::group::PersonId>,
            waitlist: &'a [ipsrt::group::PersonId],
            people: &'a [ipsrt::group::Membership],
            sessions: &'a [ipsrt::group::Session],
            due_individual_meetings: Vec<ipsrt::group::DueMeeting>,
        }
        let out = Out {
            status: group.status(),
            free_places: group.free_places(),
            below_minimum: group.below_minimum(),
            admission_open: group.admission_open(),
            members: group.members(),
            waitlist: group.waitlist(),
            people: group.people(),
            sessions: group.sessions(),
            due_individual_meetings: group.due_individual_meetings(),
        };
        println!("{}", to_pretty(&out)?);
        return Ok(());
    }
    let r = group.rules();
    println!(
        "{:?} group: {} (members {}/{}, minimum {}, {} free place(s), admission {})",
        r.group_type,
        group.status(),
        group.member_count(),
        r.max_members.value,
        r.min_members.value,
        group.free_places(),
        if group.admission_open() { "open" } else { "closed" }
    );
    if group.below_minimum() {
        println!("note: below the minimum size of {} ({})", r.min_members.value, r.min_members.source);
    }
    if let Some(c) = &r.admission_criteria {
        println!("admission criteria ({}):", c.source);
        for criterion in &c.value {
            println!("  - {}", criterion.description());
        }
    }
    println!("sessions held: {}", group.sessions().len());
    for m in group.people() {
        let rate = m.attendance_rate().map_or(String::new(), |x| {
            format!(", attended {}/{} ({:.0} %)", m.sessions_attended, m.sessions_offered, x * 100.0)
        });
        println!("  {:<12} {}{rate}", m.person.as_str(), m.status);
        if !m.unmet_criteria.is_empty() {
            let unmet: Vec<&str> = m.unmet_criteria.iter().map(|c| c.as_str()).collect();
            let why = m.admission_reason.as_deref().unwrap_or_default();
            println!("               admitted with unmet criteria {}: {why}", unmet.join(", "));
        }
        for left in &m.departures {
            let note = left.note.as_deref().map_or(String::new(), |n| format!(": {n}"));
            println!("               left {} ({:?}, was {}){note}", left.date, left.reason, left.from);
        }
        if let Some(why) = &m.midway_deviation {
            println!("               midway meeting outside its place: {why}");
        }
    }
    let wl: Vec<&str> = group.waitlist().iter().map(|p| p.as_str()).collect();
    println!("waitlist (in order): {}", if wl.is_empty() { "empty".to_owned() } else { wl.join(", ") });
    for due in group.due_individual_meetings() {
        let by = due.due_by.map_or(String::new(), |d| format!(" by {d}"));
        println!("due: {:?} individual meeting with {}{by}", due.kind, due.person);
    }
    Ok(())
}
