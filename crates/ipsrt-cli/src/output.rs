//! Where a command's output goes: a file written all or nothing, or stdout.
//!
//! * `-o FILE`: the output is written to a temporary file beside `FILE` (same directory, so
//!   the rename cannot cross file systems), flushed and synced to disk, then renamed over
//!   `FILE`, and the directory is synced. If the command fails, the temporary file is removed
//!   and `FILE` is left as it was (absent, or its old contents).
//! * stdout: the first [`HOLD_BYTES`] of output are held back, so a command that fails early
//!   (a bad row in the first few thousand participants, rows that turn out not to be grouped)
//!   prints nothing. Past that, output streams, and a failure leaves what was written: the exit
//!   status is then non-zero and a CSV on stdout is incomplete; a JSON array is left unclosed,
//!   so no JSON parser takes it for a complete result. Use `-o` for all or nothing.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use crate::error::CliError;

/// How much stdout output is held back before it streams: 8 MiB (about 200 000 CSV rows of 40 bytes).
pub const HOLD_BYTES: usize = 8 << 20;

enum Sink {
    File { tmp: io::BufWriter<tempfile::NamedTempFile>, path: PathBuf },
    Stdout { held: Vec<u8>, streaming: bool, out: io::Stdout },
}

/// A command's output (see the module docs). Dropping it without [`Output::commit`] discards
/// a file's temporary copy and stdout's held-back part.
pub struct Output {
    sink: Sink,
}

fn write_err(what: &str, e: io::Error) -> CliError {
    CliError::Input(format!("cannot write {what}: {e}"))
}

impl Output {
    /// Output to `path` (all or nothing), or to stdout when `None`.
    pub fn create(path: Option<&Path>) -> Result<Output, CliError> {
        let sink = match path {
            None => Sink::Stdout { held: Vec::new(), streaming: false, out: io::stdout() },
            Some(p) => {
                let dir = match p.parent() {
                    Some(d) if !d.as_os_str().is_empty() => d,
                    _ => Path::new("."),
                };
                let mut builder = tempfile::Builder::new();
                builder.prefix(".ipsrt-").suffix(".tmp");
                // A new file gets the usual mode (0666 less the umask), a replaced one keeps
                // its mode, rather than the temporary file's private 0600.
                #[cfg(unix)]
                {
                    use std::os::unix::fs::PermissionsExt;
                    let mode = std::fs::metadata(p).map_or(0o666, |m| m.permissions().mode() & 0o7777);
                    builder.permissions(std::fs::Permissions::from_mode(mode));
                }
                let tmp = builder.tempfile_in(dir).map_err(|e| {
                    write_err(&format!("{} (creating a temporary file in {})", p.display(), dir.display()), e)
                })?;
                Sink::File { tmp: io::BufWriter::with_capacity(1 << 16, tmp), path: p.to_owned() }
            }
        };
        Ok(Output { sink })
    }

    /// Finishes: renames the file into place (after syncing it), or writes what stdout held.
    pub fn commit(self) -> Result<(), CliError> {
        match self.sink {
            Sink::Stdout { held, mut out, .. } => {
                out.write_all(&held).and_then(|()| out.flush()).map_err(|e| write_err("stdout", e))
            }
            Sink::File { tmp, path } => {
                let what = path.display().to_string();
                let tmp = tmp.into_inner().map_err(|e| write_err(&what, e.into_error()))?;
                tmp.as_file().sync_all().map_err(|e| write_err(&what, e))?;
                tmp.persist(&path).map_err(|e| {
                    write_err(
                        &what,
                        io::Error::new(
                            e.error.kind(),
                            format!("{} (if another program has the file open, close it and retry)", e.error),
                        ),
                    )
                })?;
                if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty())
                    && let Ok(d) = std::fs::File::open(dir)
                {
                    // Best effort: makes the rename itself durable where the OS allows it.
                    let _ = d.sync_all();
                }
                Ok(())
            }
        }
    }
}

impl Write for Output {
    fn write(&mut self, data: &[u8]) -> io::Result<usize> {
        match &mut self.sink {
            Sink::File { tmp, .. } => tmp.write(data),
            Sink::Stdout { held, streaming, out } => {
                held.extend_from_slice(data);
                let limit = if *streaming { 1 << 16 } else { HOLD_BYTES };
                if held.len() >= limit {
                    out.write_all(held)?;
                    held.clear();
                    *streaming = true;
                }
                Ok(data.len())
            }
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        // Stdout is flushed only by `commit`: flushing earlier would defeat the hold-back.
        match &mut self.sink {
            Sink::File { tmp, .. } => tmp.flush(),
            Sink::Stdout { .. } => Ok(()),
        }
    }
}
