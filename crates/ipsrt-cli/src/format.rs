//! The one `--format` option of the subcommands that print a result, and reading a file or
//! standard input (`-`).

use std::io::Read as _;
use std::path::Path;

use crate::error::CliError;

/// How a subcommand prints its result.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Format {
    /// A summary for people to read.
    #[default]
    Text,
    /// The full result as pretty-printed JSON, for programs.
    Json,
}

/// `--format text|json`, with the deprecated `--json` flag of 0.1 kept as a hidden alias.
#[derive(Debug, Clone, Copy, clap::Args)]
pub struct FormatArg {
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// Deprecated: use `--format json`.
    #[arg(long, hide = true, conflicts_with = "format")]
    json: bool,
}

impl FormatArg {
    /// The chosen format; `--json` means `--format json` and says on stderr that it is deprecated.
    pub fn get(self) -> Format {
        if self.json {
            eprintln!("ipsrt: --json is deprecated and will be removed; use --format json");
            return Format::Json;
        }
        self.format
    }

    /// Whether the result is printed as JSON.
    pub fn is_json(self) -> bool {
        self.get() == Format::Json
    }
}

/// Reads a whole text file; the path `-` reads standard input.
pub fn read_text(path: &Path) -> Result<String, CliError> {
    if path == Path::new("-") {
        let mut text = String::new();
        std::io::stdin()
            .read_to_string(&mut text)
            .map_err(|e| CliError::Input(format!("cannot read standard input: {e}")))?;
        return Ok(text);
    }
    std::fs::read_to_string(path).map_err(|e| CliError::io(path, e))
}

/// Refuses two `-` paths in one command: standard input can be read only once.
pub fn at_most_one_stdin(paths: &[&Path]) -> Result<(), CliError> {
    if paths.iter().filter(|p| **p == Path::new("-")).count() > 1 {
        return Err(CliError::Input(
            "only one input can be read from standard input (-): give the others as files".into(),
        ));
    }
    Ok(())
}
