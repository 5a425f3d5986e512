//! What the runtime rules share: where the task runs (Fargate, Windows), how
//! a container is named in messages, and where a container-level diagnostic
//! goes when there is no key to point at.

use crate::diagnostic::Span;
use crate::json_tree::{Node, NodeKind};

pub use crate::rules::taskdef::{requires, REDACTION};

/// A task definition validated for Fargate. One without
/// `requiresCompatibilities` is validated for EC2 only, and ECS reports the
/// mismatch when it is run on Fargate, not before.
pub fn is_fargate(body: &Node) -> bool {
    requires(body, "FARGATE")
}

/// `runtimePlatform.operatingSystemFamily` when it names a Windows Server.
pub fn windows_family(body: &Node) -> Option<&Node> {
    body.value("runtimePlatform")?
        .value("operatingSystemFamily")
        .filter(|family| family.as_str().is_some_and(|f| f.starts_with("WINDOWS")))
}

pub fn is_windows(body: &Node) -> bool {
    windows_family(body).is_some()
}

pub fn name(container: &Node) -> Option<&str> {
    container.value("name").and_then(Node::as_str)
}

/// "'app'" for a named container, "containerDefinitions[2]" otherwise.
pub fn label(container: &Node, index: usize) -> String {
    match name(container) {
        Some(name) => format!("'{name}'"),
        None => format!("containerDefinitions[{index}]"),
    }
}

/// Where to report something a container lacks: its name, or else its
/// opening brace.
pub fn anchor(container: &Node) -> Span {
    match container.value("name") {
        Some(name) => name.span,
        None => Span::new(container.span.start, container.span.start + 1),
    }
}

/// Whether a field's value asks for something: true, a number, or a
/// non-empty string, list or object. `false`, null and empty values are what
/// describe output and generated files carry for "unset".
pub fn is_set(value: &Node) -> bool {
    match &value.kind {
        NodeKind::Bool(b) => *b,
        NodeKind::Null => false,
        NodeKind::Number(_) => true,
        NodeKind::String(s) => !s.is_empty(),
        NodeKind::Array(items) => !items.is_empty(),
        NodeKind::Object(props) => !props.is_empty(),
    }
}
