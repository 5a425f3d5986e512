//! Task definition rules: sizing. One rule per file; each file's check runs from `check` below.

use crate::diagnostic::Diagnostic;
use crate::json_tree::{Node, NodeKind};
use crate::rules::taskdef::Context;
use crate::rules::RuleMeta;
use crate::units;

pub mod container_cpu_exceeds_task;
pub mod container_memory_exceeds_task;
pub mod container_memory_missing;
pub mod container_memory_overcommit;
pub mod container_memory_too_small;
pub mod ec2_task_cpu_range;
pub mod fargate_task_size;
pub mod memory_reservation_above_limit;
pub mod task_size_format;

pub static RULES: &[&RuleMeta] = &[
    &task_size_format::RULE,
    &fargate_task_size::RULE,
    &ec2_task_cpu_range::RULE,
    &memory_reservation_above_limit::RULE,
    &container_memory_too_small::RULE,
    &container_cpu_exceeds_task::RULE,
    &container_memory_exceeds_task::RULE,
    &container_memory_overcommit::RULE,
    &container_memory_missing::RULE,
];

pub fn check(context: &Context, out: &mut Vec<Diagnostic>) {
    task_size_format::check(context, out);
    fargate_task_size::check(context, out);
    ec2_task_cpu_range::check(context, out);
    memory_reservation_above_limit::check(context, out);
    container_memory_too_small::check(context, out);
    container_cpu_exceeds_task::check(context, out);
    container_memory_exceeds_task::check(context, out);
    container_memory_overcommit::check(context, out);
    container_memory_missing::check(context, out);
}

/// True when `requiresCompatibilities` lists `FARGATE`: ECS then validates
/// the definition against Fargate's rules even if `EC2` is listed too.
pub fn is_fargate(body: &Node) -> bool {
    crate::rules::taskdef::requires(body, "FARGATE")
}

/// Task-level `cpu` in CPU units with its value node, when it is written in a
/// notation ECS reads. A number is read too: the wrong-type rule reports it,
/// and the size rules should not pile a second error on the same value.
pub fn task_cpu(body: &Node) -> Option<(u64, &Node)> {
    task_value(body, "cpu", units::cpu_units)
}

/// Task-level `memory` in MiB with its value node; see [`task_cpu`].
pub fn task_memory(body: &Node) -> Option<(u64, &Node)> {
    task_value(body, "memory", units::memory_mib)
}

fn task_value<'a>(body: &'a Node, key: &str, parse: fn(&str) -> Option<u64>) -> Option<(u64, &'a Node)> {
    let node = body.value(key)?;
    let value = match &node.kind {
        NodeKind::String(text) => parse(text)?,
        NodeKind::Number(_) => node.as_u64()?,
        _ => return None,
    };
    Some((value, node))
}

/// The container's name for messages: its `name`, or its position when it has none.
pub fn container_label(container: &Node, index: usize) -> String {
    match container.value("name").and_then(Node::as_str) {
        Some(name) if !name.is_empty() => name.to_owned(),
        _ => format!("#{index}"),
    }
}

/// A container's integer field with its node.
pub fn integer<'a>(container: &'a Node, key: &str) -> Option<(u64, &'a Node)> {
    let node = container.value(key)?;
    Some((node.as_u64()?, node))
}
