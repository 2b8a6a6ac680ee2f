//! Reading input files for the group and IPS subcommands.

use std::path::Path;

use chrono::NaiveDate;
use ipsrt::persist::{Persist, PersistError, from_json};
use serde::Serialize;

use crate::error::CliError;

/// Reads a persisted value from a file: the versioned envelope written by `to_json`, or (for
/// hand-written files) the bare data object.
pub fn read_persisted<T: Persist>(path: &Path) -> Result<T, CliError> {
    let text = crate::format::read_text(path)?;
    match from_json::<T>(&text) {
        Ok(v) => Ok(v),
        Err(PersistError::MissingEnvelope { .. }) => serde_json::from_str::<T>(&text)
            .map_err(|e| CliError::Input(format!("{}: not valid {} JSON: {e}", path.display(), T::SCHEMA))),
        Err(e) => Err(CliError::Input(format!("{}: {e}", path.display()))),
    }
}

/// Parses a `YYYY-MM-DD` option.
pub fn parse_date(text: &str) -> Result<NaiveDate, CliError> {
    ipsrt::time::parse_date(text).map_err(|e| CliError::Input(e.to_string()))
}

/// Pretty JSON for output.
pub fn to_pretty<T: Serialize>(value: &T) -> Result<String, CliError> {
    serde_json::to_string_pretty(value).map_err(|e| CliError::Input(format!("cannot serialise the result: {e}")))
}
