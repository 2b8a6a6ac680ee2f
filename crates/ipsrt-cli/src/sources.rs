//! `ipsrt sources`: the bibliography.

use crate::error::CliError;
use crate::format::FormatArg;

/// Arguments of `ipsrt sources`.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    format: FormatArg,
}

/// Runs `ipsrt sources`.
pub fn run(args: Args) -> Result<(), CliError> {
    if args.format.is_json() {
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
