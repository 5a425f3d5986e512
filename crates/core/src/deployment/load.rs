//! `atlas.json` text → [`Deployment`] plus diagnostics. Never fails.

use super::Deployment;
use crate::diagnostic::Diagnostic;
use crate::json_spans::{display_path, SpanIndex};
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

/// serde reports a schema error by position only. The position is just past
/// the offending key or value (or at the closing brace of an object missing a
/// field), so the innermost node before it names the field. Tracking the path
/// during deserialization instead (serde_path_to_error) doubles the
/// deserializer's code in the wasm bundle for the same answer.
fn field_error(source: &Source, spans: &SpanIndex, error: &serde_json::Error) -> Diagnostic {
    let line_start = source.offset(error.line(), 1);
    let offset = (line_start + error.column()).min(source.text.len());
    let (pointer, located) = spans
        .innermost_at(offset.saturating_sub(1))
        .map(|(p, l)| (p.to_owned(), l))
        .unwrap_or_else(|| (String::new(), spans.nearest("")));
    let message = strip_position(&error.to_string());
    let path = display_path(&pointer);
    let message = if path.is_empty() {
        message
    } else {
        format!("{path}: {message}")
    };
    atlas::invalid_field::diagnostic(source, located.key_or_value(), message).with_pointer(pointer)
}

/// serde_json appends " at line L column C"; our diagnostic carries the position itself.
fn strip_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(cut) => message[..cut].to_owned(),
        None => message.to_owned(),
    }
}
