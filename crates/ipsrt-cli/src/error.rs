//! CLI errors and exit codes.

use std::fmt;

/// An error the CLI reports on stderr before exiting.
#[derive(Debug)]
pub enum CliError {
    /// Bad input or usage: exit code 2.
    Input(String),
    /// The input was read but a clinical rule rejected it: exit code 1.
    Rejected(String),
}

impl CliError {
    /// The process exit code for this error.
    pub fn exit_code(&self) -> u8 {
        match self {
            CliError::Input(_) => 2,
            CliError::Rejected(_) => 1,
        }
    }

    /// A bad-input error for a file that could not be read.
    #[allow(dead_code)] // used by the subcommands that read files
    pub fn io(path: &std::path::Path, e: std::io::Error) -> Self {
        CliError::Input(format!("cannot read {}: {e}", path.display()))
    }
}

impl fmt::Display for CliError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CliError::Input(m) | CliError::Rejected(m) => f.write_str(m),
        }
    }
}

impl From<ipsrt::Error> for CliError {
    fn from(e: ipsrt::Error) -> Self {
        match e.kind() {
            ipsrt::ErrorKind::IllegalTransition | ipsrt::ErrorKind::NotScorable => CliError::Rejected(e.to_string()),
            _ => CliError::Input(e.to_string()),
        }
    }
}
