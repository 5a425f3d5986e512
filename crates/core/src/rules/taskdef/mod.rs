//! Rules about ECS task definitions.

use crate::rules::RuleMeta;

pub mod describe_output;
pub mod json_syntax;

pub static RULES: &[&RuleMeta] = &[&json_syntax::RULE, &describe_output::RULE];
