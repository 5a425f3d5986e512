//! `atlas.json` text → [`Deployment`] plus diagnostics. Never fails.

use super::Deployment;
use crate::diagnostic::Diagnostic;
use crate::json_spans::{display_path, SpanIndex};
use crate::rules::atlas::{self, AtlasContext};
use crate::source::Source;
use crate::{json_de, json_tree};

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
    let parsed = json_tree::parse(text);
    let mut diagnostics = Vec::new();
    if let Some(error) = &parsed.error {
        diagnostics.push(atlas::json_syntax::diagnostic(&source, error));
    }
    // A recovered tree still yields a model when what was read is complete
    // enough; otherwise the syntax error alone is reported.
    let Some(root) = parsed.root else {
        return Loaded {
            diagnostics,
            ..Loaded::default()
        };
    };
    let spans = SpanIndex::from_node(&root);
    let deployment: Deployment = match json_de::from_node(&root) {
        Ok(deployment) => deployment,
        Err(error) => {
            if parsed.error.is_none() {
                diagnostics.push(field_error(&source, &spans, &error));
            }
            return Loaded {
                diagnostics,
                spans,
                ..Loaded::default()
            };
        }
    };
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

/// The deserializer names the node it was reading: the offending value, the
/// key of an unknown field, or the object that lacks a field.
fn field_error(source: &Source, spans: &SpanIndex, error: &json_de::Error) -> Diagnostic {
    let span = error.span.unwrap_or_else(|| spans.nearest("").value);
    let pointer = spans
        .innermost_at(span.start)
        .map(|(p, _)| p.to_owned())
        .unwrap_or_default();
    let path = display_path(&pointer);
    let message = if path.is_empty() {
        error.message.clone()
    } else {
        format!("{path}: {}", error.message)
    };
    atlas::invalid_field::diagnostic(source, span, message).with_pointer(pointer)
}
