//! Rules about nginx configs: syntax and what nginx's own configuration
//! handler (`ngx_conf_handler`) rejects, in nginx's words.

use crate::rules::RuleMeta;

pub mod block_mismatch;
pub mod invalid_argument_count;
pub mod not_allowed_here;
pub mod syntax;
pub mod third_party_directive;
pub mod unknown_directive;

pub static RULES: &[&RuleMeta] = &[
    &syntax::RULE,
    &unknown_directive::RULE,
    &third_party_directive::RULE,
    &not_allowed_here::RULE,
    &block_mismatch::RULE,
    &invalid_argument_count::RULE,
];

#[cfg(test)]
pub(crate) mod fixtures {
    use crate::Diagnostic;

    pub fn hits(text: &str, rule: &str) -> Vec<Diagnostic> {
        crate::nginx::check("t.conf", text)
            .into_iter()
            .filter(|d| d.rule == rule)
            .collect()
    }

    /// A minimal valid config the fixtures extend.
    pub fn wrap(http_body: &str) -> String {
        format!("events {{\n}}\nhttp {{\n{http_body}\n}}\n")
    }
}
