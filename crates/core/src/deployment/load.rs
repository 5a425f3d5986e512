//! `atlas.json` text → [`Deployment`] plus diagnostics. Never fails.

use serde_path_to_error::Segment;

use super::Deployment;
use crate::diagnostic::Diagnostic;
use crate::json_spans::{escape, SpanIndex};
use crate::rules::atlas::{self, AtlasContext};
use crate::source::Source;

#[derive(Debug, Clone, Default)]
pub struct Loaded {
    /// The deployment; empty when the text could not be read as one.
    pub deployment: Deployment,
    /// True when the text was read into `deployment` (it may still have diagnostics).
    pub readable: bool,
    pub diagnostics: Vec<Diagnostic>,
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
    let mut json = serde_json::Deserializer::from_str(text);
    let deployment: Deployment = match serde_path_to_error::deserialize(&mut json) {
        Ok(deployment) => deployment,
        Err(error) => {
            let pointer = pointer_of(error.path());
            let located = spans.nearest(&pointer);
            let span = located.key_or_value();
            let message = strip_position(&error.inner().to_string());
            let shown_path = error.path().to_string();
            let message = if shown_path == "." { message } else { format!("{shown_path}: {message}") };
            return Loaded {
                diagnostics: vec![atlas::invalid_field::diagnostic(&source, span, message)],
                ..Loaded::default()
            };
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
    }
}

fn pointer_of(path: &serde_path_to_error::Path) -> String {
    let mut pointer = String::new();
    for segment in path.iter() {
        match segment {
            Segment::Seq { index } => pointer.push_str(&format!("/{index}")),
            Segment::Map { key } => {
                pointer.push('/');
                pointer.push_str(&escape(key));
            }
            Segment::Enum { .. } | Segment::Unknown => {}
        }
    }
    pointer
}

/// serde_json appends " at line L column C"; our diagnostic carries the position itself.
fn strip_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(cut) => message[..cut].to_owned(),
        None => message.to_owned(),
    }
}
