//! What the relationship rules share: reading container names, the
//! `essential` flag, and the names a reference may point at.

use crate::json_tree::Node;
use crate::rules::taskdef::Context;

pub use crate::rules::taskdef::{is_redacted, REDACTION};

pub fn name(container: &Node) -> Option<&str> {
    container.value("name").and_then(Node::as_str)
}

/// Whether a container is essential: ECS's default for an absent flag is
/// true. `None` for a wrongly typed or null value, which the schema rules
/// report and which could mean either.
pub fn essential(container: &Node) -> Option<bool> {
    match container.value("essential") {
        None => Some(true),
        Some(value) => value.as_bool(),
    }
}

/// Every container with a string name, with its index.
pub fn named_containers<'a>(context: &'a Context) -> Vec<(usize, &'a str, &'a Node)> {
    context
        .containers()
        .filter_map(|(index, container)| name(container).map(|n| (index, n, container)))
        .collect()
}

/// The first container named `wanted`.
pub fn find<'a>(containers: &[(usize, &'a str, &'a Node)], wanted: &str) -> Option<(usize, &'a Node)> {
    containers
        .iter()
        .find(|(_, name, _)| *name == wanted)
        .map(|(index, _, container)| (*index, *container))
}

/// "'app'" for a named container, "containerDefinitions[2]" otherwise.
pub fn label(container: &Node, index: usize) -> String {
    match name(container) {
        Some(name) => format!("'{name}'"),
        None => format!("containerDefinitions[{index}]"),
    }
}

/// `text` as a JSON string literal, for fixes.
pub use crate::json_edit::quote as quoted;

/// The names as a message lists them: `'a', 'b'` or "none".
pub fn listing<'a>(names: impl IntoIterator<Item = &'a str>) -> String {
    let names: Vec<String> = names.into_iter().map(|n| format!("'{n}'")).collect();
    if names.is_empty() {
        "none".to_owned()
    } else {
        names.join(", ")
    }
}
