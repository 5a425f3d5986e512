//! Mistakes of an nginx that proxies to an app container behind a load
//! balancer: what nginx accepts but the traffic pays for.

use super::Check;
use crate::rules::RuleMeta;

pub static RULES: &[&RuleMeta] = &[];

pub static CHECKS: &[Check] = &[];
