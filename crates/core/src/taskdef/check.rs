//! Reads a task definition and runs every task definition rule on it.

use crate::diagnostic::{self, Diagnostic};
use crate::rules::taskdef::{self as rules, describe_output, json_syntax};
use crate::source::Source;
use crate::taskdef::document::Document;
use crate::taskdef::model::TaskDefinition;

pub struct Checked {
    pub model: TaskDefinition,
    pub document: Document,
    /// Sorted by position.
    pub diagnostics: Vec<Diagnostic>,
}

/// Checks one task definition file: syntax, the API contract, and every rule.
pub fn check(file: &str, text: &str) -> Checked {
    let source = Source::new(file, text);
    let document = Document::parse(text);
    let mut diagnostics = Vec::new();
    if let Some(error) = &document.syntax_error {
        diagnostics.push(json_syntax::diagnostic(&source, error));
    }
    if let (Some(key), Some(inner)) = (document.wrapper_key, document.body()) {
        diagnostics.push(describe_output::diagnostic(&source, key, inner.span));
    }
    let model = document.body().map(TaskDefinition::read).unwrap_or_default();
    if let Some(body) = document.body() {
        let context = rules::Context {
            source: &source,
            body,
            base: document.base(),
            model: &model,
        };
        rules::check(&context, &mut diagnostics);
    }
    diagnostic::sort(&mut diagnostics);
    Checked {
        model,
        document,
        diagnostics,
    }
}
