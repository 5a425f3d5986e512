//! Rules about nginx configs. The files at this level are syntax and what
//! nginx's own configuration handler (`ngx_conf_handler`) rejects, in nginx's
//! words; `values/` holds the rest of what `nginx -t` rejects (the modules'
//! own argument checks), `security/` the classic security mistakes and
//! `proxy/` the reverse-proxy mistakes of an nginx in front of an app
//! container behind a load balancer.

use crate::diagnostic::Diagnostic;
use crate::nginx::ast::Config;
use crate::nginx::tree::Tree;
use crate::rules::RuleMeta;
use crate::source::Source;

pub mod block_mismatch;
pub mod invalid_argument_count;
pub mod newer_directive;
pub mod not_allowed_here;
pub mod syntax;
pub mod third_party_directive;
pub mod unknown_directive;

pub mod proxy;
pub mod security;
pub mod values;

/// What a check sees: the file, its parse tree and the indexed view of it.
pub struct Cx<'s, 't, 'a> {
    pub source: &'s Source<'s>,
    pub tree: &'s Tree<'t, 'a>,
    pub config: &'s Config<'a>,
}

/// A check over a whole config; it pushes whatever it finds.
pub type Check = fn(&Cx, &mut Vec<Diagnostic>);

/// Every check after the handler's, in order: values first, as nginx would
/// stop there.
pub fn checks() -> impl Iterator<Item = &'static Check> {
    values::CHECKS.iter().chain(security::CHECKS).chain(proxy::CHECKS)
}

/// Every nginx rule.
pub fn all() -> impl Iterator<Item = &'static RuleMeta> {
    RULES
        .iter()
        .chain(values::RULES)
        .chain(security::RULES)
        .chain(proxy::RULES)
        .copied()
}

pub static RULES: &[&RuleMeta] = &[
    &syntax::RULE,
    &unknown_directive::RULE,
    &third_party_directive::RULE,
    &newer_directive::RULE,
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
