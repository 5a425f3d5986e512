//! Security mistakes nginx accepts: header and request splitting, spoofable
//! hosts, path traversal, regexes that do not match what they seem to.

use super::Check;
use crate::rules::RuleMeta;

pub static RULES: &[&RuleMeta] = &[];

pub static CHECKS: &[Check] = &[];
