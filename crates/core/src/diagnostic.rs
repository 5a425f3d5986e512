//! The one diagnostic type every parser and rule produces.
//!
//! Its JSON form is the CLI's `--format json` output, a public interface: field
//! names and meanings only ever grow.

use serde::Serialize;

use crate::rules::RuleMeta;
use crate::source::Source;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    Info,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

/// A half-open byte range into the file's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        Span {
            start,
            end: end.max(start),
        }
    }
}

/// One replacement of `span` by `text`; a fix is a list of them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TextEdit {
    pub span: Span,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Fix {
    pub title: String,
    pub edits: Vec<TextEdit>,
    /// Mechanical and meaning-preserving: "Fix all" may apply it unasked.
    pub safe: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    /// Stable id, `area/kebab-name`.
    pub rule: &'static str,
    pub severity: Severity,
    /// Name of the file the span points into, as the workspace knows it.
    pub file: String,
    pub span: Span,
    /// 1-based.
    pub line: usize,
    /// 1-based, in characters.
    pub column: usize,
    /// Line and column of the span's end (exclusive), 1-based.
    pub end_line: usize,
    pub end_column: usize,
    /// RFC 6901 pointer to the JSON value concerned, for JSON files.
    pub pointer: Option<String>,
    pub message: String,
    pub help: Option<String>,
    pub fix: Option<Fix>,
    /// Where the rule is documented, relative to the site: `#/rules/<id>`.
    pub docs: String,
}

impl Diagnostic {
    /// A diagnostic of `rule` at `span` in `source`, with the rule's default severity.
    pub fn at(rule: &RuleMeta, source: &Source, span: Span, message: impl Into<String>) -> Self {
        let (line, column) = source.position(span.start);
        let (end_line, end_column) = source.position(span.end);
        Diagnostic {
            rule: rule.id,
            severity: rule.severity,
            file: source.name.to_owned(),
            span,
            line,
            column,
            end_line,
            end_column,
            pointer: None,
            message: message.into(),
            help: None,
            fix: None,
            docs: format!("#/rules/{}", rule.id),
        }
    }

    pub fn with_pointer(mut self, pointer: impl Into<String>) -> Self {
        self.pointer = Some(pointer.into());
        self
    }

    pub fn with_fix(mut self, fix: Fix) -> Self {
        self.fix = Some(fix);
        self
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// `file:line:column: severity[rule]: message`, the form editors and CI logs link.
    pub fn to_line(&self) -> String {
        format!(
            "{}:{}:{}: {}[{}]: {}",
            self.file,
            self.line,
            self.column,
            self.severity.as_str(),
            self.rule,
            self.message
        )
    }
}

/// Sorts by file, then position, then severity: the order every list shows.
pub fn sort(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by(|a, b| {
        (a.file.as_str(), a.span.start, a.severity, a.rule).cmp(&(b.file.as_str(), b.span.start, b.severity, b.rule))
    });
}
