//! What nginx's modules reject when they read a directive's arguments (the
//! rest of `nginx -t`): each rule uses nginx's own message. Every check looks
//! only at directives the handler accepted (`Node::accepted`), so a directive
//! that is already wrong in name, place or argument count gets one error.

use super::{Check, Cx};
use crate::nginx::directives::{self, Setter};
use crate::nginx::tree::Node;
use crate::rules::RuleMeta;

pub mod duplicate_directive;
pub mod duplicate_listen;
pub mod duplicate_location;
pub mod invalid_enum_value;
pub mod invalid_flag_value;
pub mod invalid_listen;
pub mod invalid_method;
pub mod invalid_size_or_time;
pub mod unknown_log_format;

pub static RULES: &[&RuleMeta] = &[
    &invalid_flag_value::RULE,
    &invalid_enum_value::RULE,
    &invalid_size_or_time::RULE,
    &duplicate_directive::RULE,
    &duplicate_location::RULE,
    &invalid_listen::RULE,
    &duplicate_listen::RULE,
    &invalid_method::RULE,
    &unknown_log_format::RULE,
];

pub static CHECKS: &[Check] = &[
    invalid_flag_value::check,
    invalid_enum_value::check,
    invalid_size_or_time::check,
    duplicate_directive::check,
    duplicate_location::check,
    invalid_listen::check,
    duplicate_listen::check,
    invalid_method::check,
    unknown_log_format::check,
];

/// The accepted directives read by one of `setters`, with their definition.
fn read_by<'c, 't, 'a>(
    cx: &'c Cx<'_, 't, 'a>,
    setters: &'c [Setter],
) -> impl Iterator<Item = (usize, &'c Node<'t, 'a>, &'static directives::Directive)> + 'c {
    cx.tree.iter().filter_map(move |(i, node)| {
        let definition = node.accepted?;
        setters.contains(&definition.setter).then_some((i, node, definition))
    })
}

/// Whether an earlier directive of the same name in the same block makes
/// nginx's setter stop at "is duplicate" before it reads this one's value.
fn is_repeat(cx: &Cx, index: usize) -> bool {
    let node = cx.tree.node(index);
    let Some(definition) = node.accepted else {
        return false;
    };
    definition.setter.rejects_duplicates()
        && cx
            .tree
            .children_named(node.parent, node.name())
            .take_while(|&i| i < index)
            .any(|i| cx.tree.node(i).accepted.is_some())
}
