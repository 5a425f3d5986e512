use std::path::Path;
use std::process::ExitCode;

use atlas_core::{reference, Severity};

use crate::{load, Format};

/// Exit status: 0 when nothing is an error, 1 when something is.
pub fn run(path: Option<&Path>, use_reference: bool, format: Format) -> Result<ExitCode, String> {
    let workspace = match (path, use_reference) {
        (_, true) => reference::workspace(),
        (Some(path), false) => load::workspace(path)?,
        (None, false) => return Err("give the path of atlas.json or its folder, or --reference".into()),
    };
    let analysis = workspace.analyze();
    let diagnostics = &analysis.diagnostics;
    match format {
        Format::Json => {
            let report = serde_json::json!({ "diagnostics": diagnostics });
            let json = serde_json::to_string_pretty(&report).map_err(|e| e.to_string())?;
            println!("{json}");
        }
        Format::Human => {
            for d in diagnostics {
                println!("{}", d.to_line());
                if let Some(help) = &d.help {
                    println!("  help: {help}");
                }
            }
            let count = |s| diagnostics.iter().filter(|d| d.severity == s).count();
            let files = 1 + workspace.artifacts.len();
            println!(
                "checked {files} files: {} errors, {} warnings, {} notes",
                count(Severity::Error),
                count(Severity::Warning),
                count(Severity::Info)
            );
        }
    }
    let failed = diagnostics.iter().any(|d| d.severity == Severity::Error);
    Ok(if failed { ExitCode::FAILURE } else { ExitCode::SUCCESS })
}
