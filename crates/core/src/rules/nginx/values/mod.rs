//! What nginx's modules reject when they read a directive's arguments (the
//! rest of `nginx -t`): each rule uses nginx's own message.

use super::Check;
use crate::rules::RuleMeta;

pub static RULES: &[&RuleMeta] = &[];

pub static CHECKS: &[Check] = &[];
