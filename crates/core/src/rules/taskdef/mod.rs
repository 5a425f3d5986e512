//! Rules about ECS task definitions. The schema-level rules (types, required
//! and unknown fields, enums, bounds) are driven by the walk in
//! `taskdef::schema::walk`; the rest look at the document and its model.

use crate::diagnostic::{Diagnostic, Span};
use crate::json_tree::Node;
use crate::rules::RuleMeta;
use crate::source::Source;
use crate::taskdef::model::TaskDefinition;
use crate::taskdef::schema;

pub mod describe_output;
pub mod empty_tags;
pub mod invalid_enum;
pub mod json_syntax;
pub mod missing_required;
pub mod names;
pub mod network;
pub mod null_value;
pub mod out_of_range;
pub mod read_only_field;
pub mod relationships;
pub mod runtime;
pub mod sizing;
pub mod unknown_field;
pub mod wrong_type;

/// The rules that read the document against the API model, and syntax.
static SCHEMA_RULES: &[&RuleMeta] = &[
    &json_syntax::RULE,
    &describe_output::RULE,
    &read_only_field::RULE,
    &unknown_field::RULE,
    &null_value::RULE,
    &wrong_type::RULE,
    &missing_required::RULE,
    &invalid_enum::RULE,
    &out_of_range::RULE,
    &empty_tags::RULE,
];

/// Every task definition rule.
pub fn all() -> impl Iterator<Item = &'static RuleMeta> {
    let groups = [
        SCHEMA_RULES,
        names::RULES,
        sizing::RULES,
        network::RULES,
        relationships::RULES,
        runtime::RULES,
    ];
    groups.into_iter().flatten().copied()
}

/// The seed files' author replaced account ids, hosts and role names with
/// `~~`. Such a value gets one `taskdef/redacted-value` diagnostic; the other
/// rules skip it, so one redaction does not fan out into several errors.
pub const REDACTION: &str = "~~";

pub fn is_redacted(text: &str) -> bool {
    text.contains(REDACTION)
}

/// Whether `requiresCompatibilities` lists `launch_type` (`"FARGATE"`, `"EC2"`).
pub fn requires(body: &Node, launch_type: &str) -> bool {
    body.value("requiresCompatibilities")
        .map_or(&[][..], Node::items)
        .iter()
        .any(|c| c.as_str() == Some(launch_type))
}

/// What every task definition rule looks at.
pub struct Context<'a> {
    pub source: &'a Source<'a>,
    /// The task definition object (inside the describe wrapper, if any).
    pub body: &'a Node,
    /// JSON pointer of `body`: "" or "/taskDefinition".
    pub base: &'a str,
    pub model: &'a TaskDefinition,
}

impl Context<'_> {
    /// A diagnostic of `rule` at `span`, with the pointer `base + pointer`.
    pub fn diagnostic(&self, rule: &RuleMeta, span: Span, pointer: &str, message: impl Into<String>) -> Diagnostic {
        Diagnostic::at(rule, self.source, span, message).with_pointer(format!("{}{pointer}", self.base))
    }

    /// Each container definition object with its index.
    pub fn containers(&self) -> impl Iterator<Item = (usize, &Node)> {
        self.body
            .value("containerDefinitions")
            .map_or(&[][..], Node::items)
            .iter()
            .enumerate()
            .filter(|(_, c)| c.is_object())
    }
}

/// Runs every task definition rule.
pub fn check(context: &Context, out: &mut Vec<Diagnostic>) {
    schema::walk::walk(context, out);
    empty_tags::check(context, out);
    names::check(context, out);
    sizing::check(context, out);
    network::check(context, out);
    relationships::check(context, out);
    runtime::check(context, out);
}

#[cfg(test)]
pub(crate) mod fixtures {
    use crate::taskdef::check;
    use crate::Diagnostic;

    /// A small valid task definition: the must-not-trigger baseline.
    pub const VALID: &str = r#"{
  "family": "web",
  "networkMode": "bridge",
  "containerDefinitions": [
    {
      "name": "app",
      "image": "123456789012.dkr.ecr.us-east-1.amazonaws.com/app:1.4.2",
      "memory": 512,
      "essential": true,
      "portMappings": [{ "containerPort": 8080, "hostPort": 0, "protocol": "tcp" }]
    }
  ]
}"#;

    pub fn hits(text: &str, rule: &str) -> Vec<Diagnostic> {
        check("t.json", text)
            .diagnostics
            .into_iter()
            .filter(|d| d.rule == rule)
            .collect()
    }

    /// `VALID` with one exact piece of text replaced.
    pub fn edited(from: &str, to: &str) -> String {
        assert!(VALID.contains(from), "fixture text {from:?} not in VALID");
        VALID.replacen(from, to, 1)
    }

    /// 1-based line of the first line containing `needle`.
    pub fn line_of(text: &str, needle: &str) -> usize {
        text.lines().position(|l| l.contains(needle)).expect(needle) + 1
    }
}
