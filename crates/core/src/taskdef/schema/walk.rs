//! Walks a task definition against the generated API model and reports what
//! the AWS CLI's parameter validation (botocore) would reject, with its exact
//! words, plus what the model states but the CLI leaves to the service (enum
//! values, maximum lengths and values).

use super::{Kind, Shape};
use crate::diagnostic::Diagnostic;
use crate::json_spans::escape;
use crate::json_tree::{is_integer, Node, NodeKind};
use crate::rules::taskdef::{
    invalid_enum, missing_required, null_value, out_of_range, read_only_field, unknown_field, wrong_type, Context,
};

/// Where a node sits: its JSON pointer (relative to the body) and its name as
/// botocore prints it (`containerDefinitions[0].cpu`; "" for the input itself).
#[derive(Clone)]
pub struct Place {
    pub pointer: String,
    pub name: String,
}

impl Place {
    fn root() -> Place {
        Place {
            pointer: String::new(),
            name: String::new(),
        }
    }

    fn field(&self, key: &str) -> Place {
        Place {
            pointer: format!("{}/{}", self.pointer, escape(key)),
            name: if self.name.is_empty() {
                key.to_owned()
            } else {
                format!("{}.{key}", self.name)
            },
        }
    }

    fn item(&self, index: usize) -> Place {
        Place {
            pointer: format!("{}/{index}", self.pointer),
            name: format!("{}[{index}]", self.name),
        }
    }

    /// botocore's name for the place: "input" for the top level.
    pub fn display(&self) -> &str {
        if self.name.is_empty() {
            "input"
        } else {
            &self.name
        }
    }
}

pub fn walk(context: &Context, out: &mut Vec<Diagnostic>) {
    let mut walker = Walker { context, out };
    walker.visit(context.body, super::root(), &Place::root());
}

struct Walker<'a, 'b> {
    context: &'a Context<'a>,
    out: &'b mut Vec<Diagnostic>,
}

impl Walker<'_, '_> {
    fn visit(&mut self, node: &Node, shape: &'static Shape, place: &Place) {
        if node.is_null() {
            self.out.push(null_value::diagnostic(self.context, node, shape, place));
            return;
        }
        match &shape.kind {
            Kind::Structure { members } => {
                if !node.is_object() {
                    return self.wrong_type(node, shape, place);
                }
                for (index, prop) in node.props().iter().enumerate() {
                    match members.iter().find(|m| m.name == prop.key) {
                        Some(member) if prop.value.is_null() => {
                            let member_shape = super::shape(member.shape);
                            let field = place.field(&prop.key);
                            self.out
                                .push(null_value::property(self.context, node, index, member_shape, &field));
                        }
                        Some(member) => self.visit(&prop.value, super::shape(member.shape), &place.field(&prop.key)),
                        None if place.name.is_empty() && read_only_field::is_read_only(&prop.key) => self
                            .out
                            .push(read_only_field::diagnostic(self.context, node, index, shape, place)),
                        None => self
                            .out
                            .push(unknown_field::diagnostic(self.context, node, index, shape, place)),
                    }
                }
                for member in members.iter().filter(|m| m.required) {
                    if node.get(member.name).is_none() {
                        self.out
                            .push(missing_required::diagnostic(self.context, node, member.name, place));
                    }
                }
            }
            Kind::List { member, min, max } => {
                let NodeKind::Array(items) = &node.kind else {
                    return self.wrong_type(node, shape, place);
                };
                self.bounds(node, items.len() as i64, *min, *max, place, "items");
                for (index, item) in items.iter().enumerate() {
                    self.visit(item, super::shape(*member), &place.item(index));
                }
            }
            Kind::Map { value, .. } => {
                if !node.is_object() {
                    return self.wrong_type(node, shape, place);
                }
                for prop in node.props() {
                    self.visit(&prop.value, super::shape(*value), &place.field(&prop.key));
                }
            }
            Kind::String { enum_values, min, max } => {
                let Some(text) = node.as_str() else {
                    return self.wrong_type(node, shape, place);
                };
                if !enum_values.is_empty() && !enum_values.contains(&text) {
                    self.out
                        .push(invalid_enum::diagnostic(self.context, node, text, enum_values, place));
                }
                self.bounds(node, text.chars().count() as i64, *min, *max, place, "characters");
            }
            Kind::Integer { min, max } => match &node.kind {
                NodeKind::Number(n) if is_integer(n) => match node.as_i64() {
                    Some(value) => self.bounds(node, value, *min, *max, place, ""),
                    None => self.out.push(out_of_range::too_large(self.context, node, place)),
                },
                _ => self.wrong_type(node, shape, place),
            },
            Kind::Boolean => {
                if node.as_bool().is_none() {
                    self.wrong_type(node, shape, place);
                }
            }
            Kind::Number => {
                if !matches!(node.kind, NodeKind::Number(_)) {
                    self.wrong_type(node, shape, place);
                }
            }
        }
    }

    fn wrong_type(&mut self, node: &Node, shape: &'static Shape, place: &Place) {
        self.out.push(wrong_type::diagnostic(self.context, node, shape, place));
    }

    fn bounds(&mut self, node: &Node, value: i64, min: Option<i64>, max: Option<i64>, place: &Place, unit: &str) {
        if let Some(diagnostic) = out_of_range::check(self.context, node, value, min, max, place, unit) {
            self.out.push(diagnostic);
        }
    }
}

/// A JSON value as botocore's messages print it (Python's `str()` of it).
pub fn python_value(node: &Node) -> String {
    match &node.kind {
        NodeKind::String(s) => s.clone(),
        NodeKind::Number(n) => n.clone(),
        NodeKind::Bool(true) => "True".into(),
        NodeKind::Bool(false) => "False".into(),
        NodeKind::Null => "None".into(),
        NodeKind::Object(props) if props.is_empty() => "{}".into(),
        NodeKind::Array(items) if items.is_empty() => "[]".into(),
        NodeKind::Object(_) => "{...}".into(),
        NodeKind::Array(_) => "[...]".into(),
    }
}

/// The Python type botocore names for a JSON value.
pub fn python_type(node: &Node) -> &'static str {
    match &node.kind {
        NodeKind::String(_) => "<class 'str'>",
        NodeKind::Number(n) if is_integer(n) => "<class 'int'>",
        NodeKind::Number(_) => "<class 'float'>",
        NodeKind::Bool(_) => "<class 'bool'>",
        NodeKind::Null => "<class 'NoneType'>",
        NodeKind::Object(_) => "<class 'dict'>",
        NodeKind::Array(_) => "<class 'list'>",
    }
}
