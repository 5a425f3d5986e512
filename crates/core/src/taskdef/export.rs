//! Register-ready JSON: what `aws ecs register-task-definition
//! --cli-input-json` accepts, built from whatever the user has (plain or
//! describe output).
//!
//! Fields follow the API model's order, so exports of the same definition are
//! byte-identical and diff cleanly; read-only fields, nulls and empty lists or
//! objects are left out. Keys the API does not know are kept (at the end of
//! their object) rather than silently dropped: the diagnostics that still
//! block registration come back with the JSON.

use super::check::check;
use super::schema::{self, Kind, Shape};
use crate::diagnostic::{Diagnostic, Severity};
use crate::json_tree::{Node, NodeKind};
use crate::rules::taskdef::read_only_field::is_read_only;

pub struct RegisterExport {
    /// The register-ready JSON, when the file could be read at all.
    pub json: Option<String>,
    /// File name to save it as: `<family>.json`.
    pub file_name: String,
    /// The command that registers it.
    pub command: String,
    /// Errors the export does not resolve; registering will fail until they are fixed.
    pub blocking: Vec<Diagnostic>,
}

/// Rules whose problems the export itself resolves.
const RESOLVED_BY_EXPORT: [&str; 4] = [
    "taskdef/read-only-field",
    "taskdef/null-value",
    "taskdef/empty-tags",
    "taskdef/describe-output",
];

pub fn register_json(file: &str, text: &str) -> RegisterExport {
    let checked = check(file, text);
    let blocking: Vec<Diagnostic> = checked
        .diagnostics
        .into_iter()
        .filter(|d| d.severity == Severity::Error && !RESOLVED_BY_EXPORT.contains(&d.rule))
        .collect();
    let family = if checked.model.family.is_empty() {
        "task-definition".to_owned()
    } else {
        checked.model.family
    };
    let file_name = format!("{}.json", safe_file_stem(&family));
    let json = checked.document.body().filter(|b| b.is_object()).map(|body| {
        let mut out = String::new();
        write_value(&mut out, body, Some(schema::root()), 0, true);
        out.push('\n');
        out
    });
    RegisterExport {
        json,
        command: format!("aws ecs register-task-definition --cli-input-json file://{file_name}"),
        file_name,
        blocking,
    }
}

/// Family names are already restricted to safe characters; anything else in a
/// broken file becomes `_` so the suggested command stays one shell word.
fn safe_file_stem(family: &str) -> String {
    family
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect()
}

/// True when the value carries nothing: null, [] or {} (after dropping).
fn is_empty(node: &Node, shape: Option<&'static Shape>) -> bool {
    match &node.kind {
        NodeKind::Null => true,
        NodeKind::Array(items) => items
            .iter()
            .all(|i| is_empty(i, None) && !matches!(i.kind, NodeKind::Object(_))),
        NodeKind::Object(_) => fields(node, shape, false).is_empty(),
        _ => false,
    }
}

/// The properties to write, in the model's order, then unknown keys in the
/// file's order. `top` drops the read-only fields of describe output.
fn fields<'a>(
    node: &'a Node,
    shape: Option<&'static Shape>,
    top: bool,
) -> Vec<(&'a str, &'a Node, Option<&'static Shape>)> {
    let dropped = |key: &str, value: &Node, member_shape: Option<&'static Shape>| {
        (top && is_read_only(key)) || is_empty(value, member_shape)
    };
    let keep = |key: &str, value: &Node, member_shape| !dropped(key, value, member_shape);
    let mut out = Vec::new();
    match shape.map(|s| &s.kind) {
        Some(Kind::Structure { members }) => {
            for member in members.iter() {
                if let Some(value) = node.value(member.name) {
                    let member_shape = schema::shape(member.shape);
                    if keep(member.name, value, Some(member_shape)) {
                        out.push((member.name, value, Some(member_shape)));
                    }
                }
            }
            let mut seen = std::collections::HashSet::new();
            for prop in node.props().iter().rev() {
                let known = members.iter().any(|m| m.name == prop.key);
                if !known && seen.insert(prop.key.as_str()) && keep(&prop.key, &prop.value, None) {
                    out.push((prop.key.as_str(), &prop.value, None));
                }
            }
            let unknown_start = out.iter().position(|(_, _, s)| s.is_none()).unwrap_or(out.len());
            out[unknown_start..].reverse();
        }
        Some(Kind::Map { value, .. }) => {
            let value_shape = schema::shape(*value);
            for prop in node.props() {
                if keep(&prop.key, &prop.value, Some(value_shape)) {
                    out.push((prop.key.as_str(), &prop.value, Some(value_shape)));
                }
            }
        }
        _ => {
            for prop in node.props() {
                if keep(&prop.key, &prop.value, None) {
                    out.push((prop.key.as_str(), &prop.value, None));
                }
            }
        }
    }
    out
}

fn indent(out: &mut String, depth: usize) {
    for _ in 0..depth {
        out.push_str("  ");
    }
}

fn write_string(out: &mut String, text: &str) {
    out.push_str(&crate::json_edit::quote(text));
}

fn write_value(out: &mut String, node: &Node, shape: Option<&'static Shape>, depth: usize, top: bool) {
    match &node.kind {
        NodeKind::Object(_) => {
            let fields = fields(node, shape, top);
            if fields.is_empty() {
                out.push_str("{}");
                return;
            }
            out.push_str("{\n");
            for (i, (key, value, member_shape)) in fields.iter().enumerate() {
                indent(out, depth + 1);
                write_string(out, key);
                out.push_str(": ");
                write_value(out, value, *member_shape, depth + 1, false);
                if i + 1 < fields.len() {
                    out.push(',');
                }
                out.push('\n');
            }
            indent(out, depth);
            out.push('}');
        }
        NodeKind::Array(items) => {
            let item_shape = match shape.map(|s| &s.kind) {
                Some(Kind::List { member, .. }) => Some(schema::shape(*member)),
                _ => None,
            };
            let items: Vec<&Node> = items.iter().filter(|i| !i.is_null()).collect();
            if items.is_empty() {
                out.push_str("[]");
                return;
            }
            out.push_str("[\n");
            for (i, item) in items.iter().enumerate() {
                indent(out, depth + 1);
                write_value(out, item, item_shape, depth + 1, false);
                if i + 1 < items.len() {
                    out.push(',');
                }
                out.push('\n');
            }
            indent(out, depth);
            out.push(']');
        }
        NodeKind::String(s) => write_string(out, s),
        NodeKind::Number(n) => out.push_str(n),
        NodeKind::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        NodeKind::Null => out.push_str("null"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reference::{BACKEND_TASK, FRONTEND_TASK};

    #[test]
    fn the_backend_seed_exports_register_ready_json() {
        let export = register_json("b.json", BACKEND_TASK);
        let json = export.json.unwrap();
        insta::assert_snapshot!(json);
        for read_only in [
            "taskDefinitionArn",
            "revision",
            "status",
            "requiresAttributes",
            "registeredAt",
            "\"tags\"",
        ] {
            assert!(!json.contains(read_only), "{read_only} left in");
        }
        assert_eq!(export.file_name, "ecs-backend-task.json");
        assert_eq!(
            export.command,
            "aws ecs register-task-definition --cli-input-json file://ecs-backend-task.json"
        );
        // What is left is clean of schema errors.
        let again = crate::taskdef::check("x.json", &json);
        let schema_errors: Vec<_> = again
            .diagnostics
            .iter()
            .filter(|d| RESOLVED_BY_EXPORT.contains(&d.rule) || d.rule == "taskdef/json-syntax")
            .collect();
        assert!(schema_errors.is_empty(), "{schema_errors:#?}");
    }

    #[test]
    fn export_is_stable_and_idempotent() {
        let first = register_json("f.json", FRONTEND_TASK).json.unwrap();
        let second = register_json("f.json", &first).json.unwrap();
        assert_eq!(first, second);
    }

    #[test]
    fn describe_output_is_unwrapped_and_unknown_keys_are_kept_last() {
        let text = r#"{"taskDefinition": {"containerDefinitions": [{"name": "a", "image": "nginx:1", "bogus": 1, "memory": 64}], "family": "web"}, "tags": []}"#;
        let export = register_json("w.json", text);
        let json = export.json.unwrap();
        assert!(
            json.starts_with("{\n  \"family\": \"web\",\n  \"containerDefinitions\""),
            "{json}"
        );
        let memory = json.find("\"memory\"").unwrap();
        assert!(json.find("\"bogus\"").unwrap() > memory, "{json}");
        assert!(export.blocking.iter().any(|d| d.rule == "taskdef/unknown-field"));
    }

    #[test]
    fn strings_are_escaped_as_json() {
        let mut out = String::new();
        write_string(&mut out, "a\"b\\c\nd\u{1}가");
        assert_eq!(out, r#""a\"b\\c\nd\u0001가""#);
    }

    #[test]
    fn only_an_object_exports() {
        for text in ["[", "\"just a string\"", "", "\u{0}garbage"] {
            assert!(register_json("x.json", text).json.is_none(), "{text:?}");
        }
        let empty = register_json("x.json", "{}");
        assert_eq!(empty.json.as_deref(), Some("{}\n"));
        assert!(empty.blocking.iter().any(|d| d.rule == "taskdef/missing-required"));
        assert_eq!(empty.file_name, "task-definition.json");
    }
}
