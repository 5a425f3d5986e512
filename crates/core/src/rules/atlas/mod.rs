//! Rules about the deployment file itself.

use crate::deployment::Deployment;
use crate::diagnostic::Diagnostic;
use crate::json_spans::SpanIndex;
use crate::rules::RuleMeta;
use crate::source::Source;

pub mod duplicate_id;
pub mod invalid_field;
pub mod json_syntax;
pub mod missing_artifact;
pub mod unknown_reference;

pub static RULES: &[&RuleMeta] = &[
    &json_syntax::RULE,
    &invalid_field::RULE,
    &duplicate_id::RULE,
    &unknown_reference::RULE,
    &missing_artifact::RULE,
];

/// What the checks of a readable deployment file look at.
pub struct AtlasContext<'a> {
    pub deployment: &'a Deployment,
    pub spans: &'a SpanIndex,
    pub source: &'a Source<'a>,
}

/// Runs every check that needs only the deployment file.
pub fn check(context: &AtlasContext, out: &mut Vec<Diagnostic>) {
    duplicate_id::check(context, out);
    unknown_reference::check(context, out);
}

#[cfg(test)]
pub(crate) mod fixtures {
    use crate::deployment::{load, Loaded};

    /// The reference deployment file, which every must-not-trigger fixture starts from.
    pub const REFERENCE: &str = include_str!("../../../reference/atlas.json");

    /// The reference file with one exact piece of text replaced.
    pub fn edited(from: &str, to: &str) -> String {
        assert!(REFERENCE.contains(from), "fixture text {from:?} not in the reference");
        REFERENCE.replacen(from, to, 1)
    }

    pub fn rule_hits(text: &str, rule: &str) -> Vec<crate::Diagnostic> {
        let Loaded { diagnostics, .. } = load("atlas.json", text);
        diagnostics.into_iter().filter(|d| d.rule == rule).collect()
    }
}
