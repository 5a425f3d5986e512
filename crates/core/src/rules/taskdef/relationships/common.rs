//! What the relationship rules share: reading container names, the
//! `essential` flag, and the names a reference may point at.

use crate::json_tree::Node;
use crate::rules::taskdef::Context;

/// The seed files' author replaced account ids and hosts with `~~`. A name
/// containing it may well match once restored, so references to it are not
/// judged.
pub const REDACTION: &str = "~~";

pub fn is_redacted(text: &str) -> bool {
    text.contains(REDACTION)
}

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
pub fn quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The names as a message lists them: `'a', 'b'` or "none".
pub fn listing<'a>(names: impl IntoIterator<Item = &'a str>) -> String {
    let names: Vec<String> = names.into_iter().map(|n| format!("'{n}'")).collect();
    if names.is_empty() {
        "none".to_owned()
    } else {
        names.join(", ")
    }
}
