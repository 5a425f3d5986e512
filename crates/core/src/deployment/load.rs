//! `atlas.json` text → [`Deployment`] plus diagnostics. Never fails.

use super::Deployment;
use crate::diagnostic::Diagnostic;
use crate::json_spans::{display_path, escape, SpanIndex};
use crate::rules::atlas::{self, AtlasContext};
use crate::source::Source;

#[derive(Debug, Clone, Default)]
pub struct Loaded {
    /// The deployment; empty when the text could not be read as one.
    pub deployment: Deployment,
    /// True when the text was read into `deployment` (it may still have diagnostics).
    pub readable: bool,
    pub diagnostics: Vec<Diagnostic>,
    /// Where each value of the file sits; empty when the file is not valid JSON.
    pub spans: SpanIndex,
}

/// Reads a deployment file named `file` and checks what can be checked within it.
pub fn load(file: &str, text: &str) -> Loaded {
    let source = Source::new(file, text);
    let spans = match SpanIndex::parse(text) {
        Ok(spans) => spans,
        Err(error) => {
            return Loaded {
                diagnostics: vec![atlas::json_syntax::diagnostic(&source, &error)],
                ..Loaded::default()
            }
        }
    };
    let deployment: Deployment = match serde_json::from_str(text) {
        Ok(deployment) => deployment,
        Err(error) => {
            return Loaded {
                diagnostics: vec![field_error(&source, &spans, &error)],
                spans,
                ..Loaded::default()
            }
        }
    };
    let mut diagnostics = Vec::new();
    let context = AtlasContext {
        deployment: &deployment,
        spans: &spans,
        source: &source,
    };
    atlas::check(&context, &mut diagnostics);
    Loaded {
        deployment,
        readable: true,
        diagnostics,
        spans,
    }
}

/// serde_json reports a schema error by line and column only: just past the
/// offending value or key, or at the closing brace of an object that misses a
/// field. The innermost node before that position names the field; an unknown
/// field is then found by the name serde quotes.
fn field_error(source: &Source, spans: &SpanIndex, error: &serde_json::Error) -> Diagnostic {
    let line_start = source.offset(error.line(), 1);
    let offset = (line_start + error.column()).min(source.text.len());
    let (mut pointer, located) = spans
        .innermost_at(offset.saturating_sub(1))
        .map(|(p, l)| (p.to_owned(), l))
        .unwrap_or_else(|| (String::new(), spans.nearest("")));
    let message = strip_position(&error.to_string());
    let mut span = located.value;
    if let Some(field) = unknown_field(&message) {
        let child = format!("{pointer}/{}", escape(field));
        if let Some(found) = spans.get(&child) {
            span = found.key_or_value();
            pointer = child;
        }
    }
    let path = display_path(&pointer);
    let message = if path.is_empty() {
        message
    } else {
        format!("{path}: {message}")
    };
    atlas::invalid_field::diagnostic(source, span, message).with_pointer(pointer)
}

/// The name in serde's "unknown field `name`, expected …".
fn unknown_field(message: &str) -> Option<&str> {
    let rest = message.strip_prefix("unknown field `")?;
    rest.split_once('`').map(|(name, _)| name)
}

/// serde_json appends " at line L column C"; the diagnostic carries the position itself.
fn strip_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(cut) => message[..cut].to_owned(),
        None => message.to_owned(),
    }
}
