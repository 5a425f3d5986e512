//! Task definition rules: names. One rule per file; each file's check runs from `check` below.

use crate::diagnostic::Diagnostic;
use crate::rules::taskdef::Context;
use crate::rules::RuleMeta;

pub static RULES: &[&RuleMeta] = &[];

pub fn check(_context: &Context, _out: &mut Vec<Diagnostic>) {}
