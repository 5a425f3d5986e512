//! `ecs-atlas fmt`: nginx configs in the formatter's canonical layout.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use atlas_core::nginx::format;

use crate::diff;
use crate::output::{out, outln};

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Print,
    Write,
    Check,
}

/// Exit status: 0 when every file is formatted (or was written), 1 when
/// `--check` found one that would change, 2 when one cannot be read or has a
/// syntax error; every file is still looked at.
pub fn run(paths: &[PathBuf], mode: Mode) -> Result<ExitCode, String> {
    if mode == Mode::Print && paths.len() != 1 {
        return Err("fmt prints one file; give --write or --check for several".into());
    }
    let mut failed = false;
    let mut changed = false;
    for path in paths {
        match formatted(path) {
            Err(message) => {
                eprintln!("{message}");
                failed = true;
            }
            Ok((text, output)) => match mode {
                Mode::Print => out!("{output}"),
                Mode::Write if output != text => {
                    fs::write(path, &output).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
                }
                Mode::Write => {}
                Mode::Check if output != text => {
                    changed = true;
                    outln!("{}", path.display());
                    out!("{}", diff::unified(&text, &output));
                }
                Mode::Check => {}
            },
        }
    }
    Ok(if failed {
        ExitCode::from(2)
    } else if changed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

/// The file's text and its formatted form, or the message saying why not.
/// The text must be UTF-8: a lossy read would rewrite bytes the file holds.
fn formatted(path: &Path) -> Result<(String, String), String> {
    let bytes = fs::read(path).map_err(|e| format!("ecs-atlas: cannot read {}: {e}", path.display()))?;
    let text = String::from_utf8(bytes).map_err(|_| format!("ecs-atlas: {} is not UTF-8 text", path.display()))?;
    let output =
        format(&text).map_err(|e| format!("{}:{}:{}: error: {}", path.display(), e.line, e.column, e.message))?;
    Ok((text, output))
}
