//! `ipsrt ips`: IPS-25 fidelity reviews, caseload KPIs and the eight principles.

use std::path::PathBuf;

use chrono::NaiveDate;
use ipsrt::ips::{Caseload, FIDELITY_ITEMS, FidelityReview, PRINCIPLES};

use crate::error::CliError;
use crate::format::FormatArg;
use crate::input::{parse_date, read_persisted};

/// Arguments of `ipsrt ips`.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, clap::Subcommand)]
enum Command {
    /// Score an IPS-25 fidelity review (ipsrt.ips_fidelity_review JSON): total, sections, band.
    Fidelity {
        /// The review file (`-` reads standard input).
        file: PathBuf,
        #[command(flatten)]
        format: FormatArg,
    },
    /// Caseload KPIs (ipsrt.ips_caseload JSON) over a period: give --quarter or --from and --to.
    Kpis {
        /// The caseload file (`-` reads standard input).
        file: PathBuf,
        /// A calendar quarter, e.g. 2026Q1.
        #[arg(long, conflicts_with_all = ["from", "to"])]
        quarter: Option<String>,
        /// First day (YYYY-MM-DD).
        #[arg(long, requires = "to")]
        from: Option<String>,
        /// Last day, inclusive (YYYY-MM-DD).
        #[arg(long, requires = "from")]
        to: Option<String>,
        #[command(flatten)]
        format: FormatArg,
    },
    /// List the eight IPS principles.
    Principles,
}

/// Runs `ipsrt ips`.
pub fn run(args: Args) -> Result<(), CliError> {
    match args.command {
        Command::Fidelity { file, format } => fidelity(&file, format.is_json()),
        Command::Kpis { file, quarter, from, to, format } => {
            let (from, to) = period(quarter.as_deref(), from.as_deref(), to.as_deref())?;
            kpis(&file, from, to, format.is_json())
        }
        Command::Principles => {
            for p in PRINCIPLES {
                println!("{}. {}: {}", p.number(), p.name(), p.description());
            }
            println!("(source: {})", ipsrt::ips::Principle::RapidJobSearch.source());
            Ok(())
        }
    }
}

fn fidelity(file: &std::path::Path, json: bool) -> Result<(), CliError> {
    let review: FidelityReview = read_persisted(file)?;
    let report = review.report().map_err(ipsrt::Error::from)?;
    if json {
        println!("{}", crate::input::to_pretty(&report)?);
        return Ok(());
    }
    if let Some(site) = &review.site {
        println!("site: {site}");
    }
    if let Some(date) = review.date {
        println!("date: {date}");
    }
    for item in FIDELITY_ITEMS {
        let r = review.ratings.rating(item);
        let anchor = review.anchors.text(item, r).map(|t| format!("  [{t}]")).unwrap_or_default();
        println!("{:>2}. {:<95} {r}{anchor}", item.number(), item.name());
    }
    let s = report.score;
    println!("staffing {}/15, organisation {}/40, services {}/70", s.staffing, s.organisation, s.services);
    println!("total {}/125: {} ({})", s.total, report.band.label(), report.band_source);
    if !report.items_below_4.is_empty() {
        let list: Vec<String> = report.items_below_4.iter().map(|i| i.number().to_string()).collect();
        println!("items rated below 4: {}", list.join(", "));
    }
    Ok(())
}

fn period(quarter: Option<&str>, from: Option<&str>, to: Option<&str>) -> Result<(NaiveDate, NaiveDate), CliError> {
    match (quarter, from, to) {
        (Some(q), _, _) => parse_quarter(q),
        (None, Some(f), Some(t)) => Ok((parse_date(f)?, parse_date(t)?)),
        _ => Err(CliError::Input("give the reporting period: --quarter 2026Q1, or --from and --to".into())),
    }
}

fn parse_quarter(q: &str) -> Result<(NaiveDate, NaiveDate), CliError> {
    let bad = || CliError::Input(format!("invalid quarter {q:?}: write it as YYYYQn, for example 2026Q1"));
    let (year, n) = q.split_once(['Q', 'q']).ok_or_else(bad)?;
    let year: i32 = year.parse().map_err(|_| bad())?;
    let n: u32 = n.parse().map_err(|_| bad())?;
    if !(1..=4).contains(&n) {
        return Err(bad());
    }
    let from = NaiveDate::from_ymd_opt(year, 3 * n - 2, 1).ok_or_else(bad)?;
    let next =
        if n == 4 { NaiveDate::from_ymd_opt(year + 1, 1, 1) } else { NaiveDate::from_ymd_opt(year, 3 * n + 1, 1) };
    let to = next.and_then(|d| d.pred_opt()).ok_or_else(bad)?;
    Ok((from, to))
}

fn kpis(file: &std::path::Path, from: NaiveDate, to: NaiveDate, json: bool) -> Result<(), CliError> {
    let caseload: Caseload = read_persisted(file)?;
    let k = caseload.kpis(from, to).map_err(ipsrt::Error::from)?;
    if json {
        println!("{}", crate::input::to_pretty(&k)?);
        return Ok(());
    }
    let pct = |x: Option<f64>| x.map_or("n/a".to_owned(), |v| format!("{:.1} %", v * 100.0));
    let num = |x: Option<f64>| x.map_or("n/a".to_owned(), |v| format!("{v:.1}"));
    println!("period {} to {}: {} active participants", k.from, k.to, k.active);
    let band = k.employment_rate_band.map_or("n/a".to_owned(), |b| format!("{b:?}"));
    println!(
        "competitive employment rate: {} ({} employed); benchmark band {band} (31/41/50 %, {})",
        pct(k.competitive_employment_rate),
        k.employed,
        ipsrt::ips::EMPLOYMENT_RATE_BENCHMARKS.source
    );
    println!(
        "days to first employer contact: median {}, mean {} (n = {}); within 30 days: {} of {} eligible",
        num(k.days_to_first_employer_contact.median),
        num(k.days_to_first_employer_contact.mean),
        k.days_to_first_employer_contact.n,
        k.first_contact_within_30_days,
        k.first_contact_eligible
    );
    println!(
        "days to first job: median {}, mean {} (n = {}); job starts in period: {}",
        num(k.days_to_first_job.median),
        num(k.days_to_first_job.mean),
        k.days_to_first_job.n,
        k.job_starts
    );
    println!(
        "weeks worked (employed): mean {}; longest-job tenure: mean {} weeks; employed ≥ 90 days: {}",
        num(k.weeks_worked.mean),
        num(k.longest_job_tenure_weeks.mean),
        k.employed_90_days_or_more
    );
    println!(
        "working ≥ 20 h/week: {} of {} employed; total hours {:.1}",
        k.working_20_hours_or_more, k.employed, k.total_hours
    );
    match (k.caseload_per_specialist, k.caseload_within_target) {
        (Some(c), Some(ok)) => {
            println!("caseload per FTE specialist: {c:.1} ({})", if ok { "within ≤ 20" } else { "above 20" })
        }
        _ => println!("caseload per FTE specialist: n/a (give specialists_fte)"),
    }
    println!("exits in period: {}", k.exits);
    if k.non_competitive_employed > 0 || k.non_competitive_job_starts > 0 {
        println!(
            "non-competitive jobs (not counted above): {} participants, {} job starts in period",
            k.non_competitive_employed, k.non_competitive_job_starts
        );
    }
    Ok(())
}
