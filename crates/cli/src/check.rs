use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use atlas_core::workspace::Workspace;
use atlas_core::{diagnostic, reference, taskdef, Diagnostic, Severity};

use crate::inputs::{classify, Input};
use crate::output::outln;
use crate::{load, render, Format};

/// Everything checked: diagnostics, and each file's text for the caret view.
#[derive(Default)]
struct Report {
    diagnostics: Vec<Diagnostic>,
    sources: HashMap<String, String>,
    files: usize,
}

impl Report {
    fn add_workspace(&mut self, workspace: Workspace) {
        self.diagnostics.extend(workspace.analyze().diagnostics);
        self.files += 1 + workspace.artifacts.len();
        self.sources
            .insert(workspace.deployment.name, workspace.deployment.text);
        for file in workspace.artifacts {
            self.sources.insert(file.name, file.text);
        }
    }

    fn add_nginx_config(&mut self, name: String, text: String) {
        self.diagnostics.extend(atlas_core::nginx::check(&name, &text));
        self.files += 1;
        self.sources.insert(name, text);
    }

    fn add_task_definition(&mut self, name: String, text: String) {
        self.diagnostics.extend(taskdef::check(&name, &text).diagnostics);
        self.files += 1;
        self.sources.insert(name, text);
    }
}

/// Exit status: 0 when nothing is an error, 1 when something is.
pub fn run(paths: &[PathBuf], use_reference: bool, format: Format) -> Result<ExitCode, String> {
    let mut report = Report::default();
    if use_reference {
        report.add_workspace(reference::workspace());
    }
    for path in paths {
        match classify(path)? {
            Input::Deployment => report.add_workspace(load::workspace(path)?),
            Input::TaskDefinition { text } => report.add_task_definition(display_name(path), text),
            Input::NginxConfig { text } => report.add_nginx_config(display_name(path), text),
        }
    }
    let Report {
        mut diagnostics,
        sources,
        files,
    } = report;
    diagnostic::sort(&mut diagnostics);
    match format {
        Format::Json => {
            let report = serde_json::json!({ "diagnostics": diagnostics });
            let json = serde_json::to_string_pretty(&report).map_err(|e| e.to_string())?;
            outln!("{json}");
        }
        Format::Text => {
            for d in &diagnostics {
                outln!("{}", render::text(d, sources.get(&d.file).map(String::as_str)));
            }
            let count = |s| diagnostics.iter().filter(|d| d.severity == s).count();
            outln!(
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

/// The path as given, so an editor or CI log can open it.
fn display_name(path: &Path) -> String {
    path.to_string_lossy().into_owned()
}
