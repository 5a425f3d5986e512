//! Diagnostics as text, the way rustc and ruff print them: the location line,
//! then the source line with a caret under the span, then the help.

use atlas_core::Diagnostic;

pub fn text(diagnostic: &Diagnostic, source: Option<&str>) -> String {
    let mut out = diagnostic.to_line();
    out.push('\n');
    if let Some(source) = source {
        if let Some(line_text) = source.lines().nth(diagnostic.line.saturating_sub(1)) {
            let number = diagnostic.line.to_string();
            let gutter = " ".repeat(number.len());
            let start = diagnostic.column.saturating_sub(1);
            let width = if diagnostic.end_line == diagnostic.line {
                diagnostic.end_column.saturating_sub(diagnostic.column).max(1)
            } else {
                line_text.chars().count().saturating_sub(start).max(1)
            };
            let shown: String = line_text.chars().take(200).collect();
            let indent: String = line_text
                .chars()
                .take(start)
                .map(|c| if c == '\t' { '\t' } else { ' ' })
                .collect();
            out.push_str(&format!(
                "{gutter} |\n{number} | {shown}\n{gutter} | {indent}{}\n",
                "^".repeat(width.min(200))
            ));
        }
    }
    if let Some(help) = &diagnostic.help {
        out.push_str(&format!("  = help: {help}\n"));
    }
    out
}
