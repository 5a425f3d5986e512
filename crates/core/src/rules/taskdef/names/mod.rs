//! Task definition rules: names. One rule per file; each file's check runs from `check` below.

use crate::diagnostic::Diagnostic;
use crate::rules::taskdef::Context;
use crate::rules::RuleMeta;

mod common;
pub mod duplicate_container_name;
pub mod duplicate_port_name;
pub mod duplicate_tag_key;
pub mod duplicate_volume_name;
pub mod invalid_container_name;
pub mod invalid_family;
pub mod invalid_image;
pub mod invalid_port_name;
pub mod invalid_role_arn;
pub mod invalid_volume_name;
pub mod redacted_value;
pub mod reserved_tag_key;
pub mod task_definition_too_large;
pub mod too_many_containers;

pub static RULES: &[&RuleMeta] = &[
    &invalid_family::RULE,
    &invalid_container_name::RULE,
    &duplicate_container_name::RULE,
    &invalid_volume_name::RULE,
    &duplicate_volume_name::RULE,
    &invalid_port_name::RULE,
    &duplicate_port_name::RULE,
    &invalid_image::RULE,
    &invalid_role_arn::RULE,
    &duplicate_tag_key::RULE,
    &reserved_tag_key::RULE,
    &redacted_value::RULE,
    &task_definition_too_large::RULE,
    &too_many_containers::RULE,
];

pub fn check(context: &Context, out: &mut Vec<Diagnostic>) {
    invalid_family::check(context, out);
    invalid_container_name::check(context, out);
    duplicate_container_name::check(context, out);
    invalid_volume_name::check(context, out);
    duplicate_volume_name::check(context, out);
    invalid_port_name::check(context, out);
    duplicate_port_name::check(context, out);
    invalid_image::check(context, out);
    invalid_role_arn::check(context, out);
    duplicate_tag_key::check(context, out);
    reserved_tag_key::check(context, out);
    redacted_value::check(context, out);
    task_definition_too_large::check(context, out);
    too_many_containers::check(context, out);
}
