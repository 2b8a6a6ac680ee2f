//! `ipsrt sources`: the bibliography.

use crate::error::CliError;

/// Arguments of `ipsrt sources`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Print as JSON instead of text.
    #[arg(long)]
    json: bool,
}

/// Runs `ipsrt sources`.
pub fn run(args: Args) -> Result<(), CliError> {
    if args.json {
        let text = serde_json::to_string_pretty(ipsrt::source::REFERENCES)
            .map_err(|e| CliError::Input(format!("cannot serialise the bibliography: {e}")))?;
        println!("{text}");
    } else {
        for r in ipsrt::source::REFERENCES {
            println!("{:<16} {}", r.key, r.citation);
        }
    }
    Ok(())
}
