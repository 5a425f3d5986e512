//! Task definition rules: relationships. One rule per file; each file's check runs from `check` below.

use crate::diagnostic::Diagnostic;
use crate::rules::taskdef::Context;
use crate::rules::RuleMeta;

mod common;
pub mod dependency_condition;
pub mod dependency_cycle;
pub mod health_check_timeout;
pub mod invalid_health_check;
pub mod linked_container_not_essential;
pub mod no_essential_container;
pub mod unknown_dependency;
pub mod unknown_source_volume;
pub mod unknown_volumes_from;

pub static RULES: &[&RuleMeta] = &[
    &no_essential_container::RULE,
    &unknown_dependency::RULE,
    &dependency_cycle::RULE,
    &dependency_condition::RULE,
    &unknown_volumes_from::RULE,
    &unknown_source_volume::RULE,
    &invalid_health_check::RULE,
    &health_check_timeout::RULE,
    &linked_container_not_essential::RULE,
];

pub fn check(context: &Context, out: &mut Vec<Diagnostic>) {
    no_essential_container::check(context, out);
    unknown_dependency::check(context, out);
    dependency_cycle::check(context, out);
    dependency_condition::check(context, out);
    unknown_volumes_from::check(context, out);
    unknown_source_volume::check(context, out);
    invalid_health_check::check(context, out);
    health_check_timeout::check(context, out);
    linked_container_not_essential::check(context, out);
}
