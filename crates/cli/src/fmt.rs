//! `ecs-atlas fmt`: nginx configs in the formatter's canonical layout.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use atlas_core::nginx::format;

use crate::output::{out, outln};

/// Lines of a file's diff shown by `--check`; the rest is counted, not shown.
const DIFF_LINES: usize = 40;
/// Unchanged lines shown around a change.
const CONTEXT: usize = 2;

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
                    out!("{}", diff(&text, &output));
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

/// A unified-style diff with one hunk: the lines between the first and the
/// last that differ, with a little context, capped at `DIFF_LINES`. Enough
/// to see what the formatter would do; `fmt FILE` prints the whole result.
fn diff(before: &str, after: &str) -> String {
    // Lines keep their `\n` so a missing final newline or a `\r` is a change.
    let old: Vec<&str> = before.split_inclusive('\n').collect();
    let new: Vec<&str> = after.split_inclusive('\n').collect();
    let prefix = old.iter().zip(&new).take_while(|(a, b)| a == b).count();
    let max_suffix = old.len().min(new.len()) - prefix;
    let suffix = old
        .iter()
        .rev()
        .zip(new.iter().rev())
        .take(max_suffix)
        .take_while(|(a, b)| a == b)
        .count();
    let start = prefix.saturating_sub(CONTEXT);
    let old_end = (old.len() - suffix + CONTEXT).min(old.len());
    let new_end = (new.len() - suffix + CONTEXT).min(new.len());
    let mut lines = Vec::new();
    lines.extend(old[start..prefix].iter().map(|l| marked(' ', l)));
    lines.extend(old[prefix..old.len() - suffix].iter().map(|l| marked('-', l)));
    lines.extend(new[prefix..new.len() - suffix].iter().map(|l| marked('+', l)));
    lines.extend(old[old.len() - suffix..old_end].iter().map(|l| marked(' ', l)));
    let mut text = format!(
        "@@ -{},{} +{},{} @@\n",
        start + 1,
        old_end - start,
        start + 1,
        new_end - start
    );
    let hidden = lines.len().saturating_sub(DIFF_LINES);
    for line in lines.iter().take(DIFF_LINES) {
        text.push_str(line);
    }
    if hidden > 0 {
        text.push_str(&format!("… {hidden} more lines\n"));
    }
    text
}

/// A diff line, with diff's note when the file's last line has no newline.
fn marked(mark: char, line: &str) -> String {
    match line.strip_suffix('\n') {
        Some(line) => format!("{mark}{line}\n"),
        None => format!("{mark}{line}\n\\ No newline at end of file\n"),
    }
}

#[cfg(test)]
mod tests {
    use super::diff;

    #[test]
    fn diff_shows_the_changed_lines_with_context() {
        let before = "a;\nb;\nc;\nd;\ne;\nf;\n";
        let after = "a;\nb;\nc;\n    d;\ne;\nf;\n";
        assert_eq!(
            diff(before, after),
            "@@ -2,5 +2,5 @@\n b;\n c;\n-d;\n+    d;\n e;\n f;\n"
        );
    }

    #[test]
    fn diff_of_a_missing_final_newline_and_of_removed_lines() {
        assert_eq!(
            diff("a;\nb;", "a;\nb;\n"),
            "@@ -1,2 +1,2 @@\n a;\n-b;\n\\ No newline at end of file\n+b;\n"
        );
        assert_eq!(diff("a;\n\n\nb;\n", "a;\n\nb;\n"), "@@ -1,4 +1,3 @@\n a;\n \n-\n b;\n");
    }
}
