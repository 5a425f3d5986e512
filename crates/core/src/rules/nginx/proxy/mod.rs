//! Mistakes of an nginx that proxies to an app container behind a load
//! balancer: what nginx accepts but the traffic pays for.

use super::Check;
use crate::nginx::ast::Arg;
use crate::nginx::directives::context;
use crate::nginx::tree::Tree;
use crate::rules::RuleMeta;

pub mod header_also_set_by_app;
pub mod header_without_always;
pub mod hsts_over_http;
pub mod http11_without_keepalive;
pub mod missing_forwarded_headers;
pub mod return_444_behind_load_balancer;
pub mod timeout_vs_load_balancer;
pub mod tls_without_listener;
pub mod unknown_request_method;
pub mod unresolved_include;
pub mod unused_map_variable;
pub mod upstream_resolved_once;

pub static RULES: &[&RuleMeta] = &[
    &unknown_request_method::RULE,
    &return_444_behind_load_balancer::RULE,
    &header_without_always::RULE,
    &header_also_set_by_app::RULE,
    &missing_forwarded_headers::RULE,
    &http11_without_keepalive::RULE,
    &upstream_resolved_once::RULE,
    &timeout_vs_load_balancer::RULE,
    &tls_without_listener::RULE,
    &hsts_over_http::RULE,
    &unused_map_variable::RULE,
    &unresolved_include::RULE,
];

pub static CHECKS: &[Check] = &[
    unknown_request_method::check,
    return_444_behind_load_balancer::check,
    header_without_always::check,
    header_also_set_by_app::check,
    missing_forwarded_headers::check,
    http11_without_keepalive::check,
    upstream_resolved_once::check,
    timeout_vs_load_balancer::check,
    tls_without_listener::check,
    hsts_over_http::check,
    unused_map_variable::check,
    unresolved_include::check,
];

/// The part of an argument's source text that holds its value, when the two
/// are the same characters: offsets into the value are then offsets into the
/// file. None when quotes were escaped or escapes unescaped, so a rule falls
/// back to the whole argument.
pub(crate) fn value_start(text: &str, arg: &Arg) -> Option<usize> {
    let inner = match arg.quote {
        Some(_) => arg.span.start + 1..arg.span.end.saturating_sub(1),
        None => arg.span.start..arg.span.end,
    };
    (text.get(inner.clone())? == arg.value.as_ref()).then_some(inner.start)
}

/// Headers browsers act on to protect the page, lower case.
pub(crate) const SECURITY_HEADERS: &[&str] = &[
    "strict-transport-security",
    "x-frame-options",
    "x-content-type-options",
    "content-security-policy",
    "referrer-policy",
    "permissions-policy",
    "x-xss-protection",
];

pub(crate) fn is_security_header(name: &str) -> bool {
    SECURITY_HEADERS.iter().any(|h| h.eq_ignore_ascii_case(name))
}

/// Whether the http `server` block at `server` has a listener that speaks TLS.
pub(crate) fn listens_tls(tree: &Tree, server: usize) -> bool {
    tree.children_named(Some(server), "listen")
        .any(|i| tree.node(i).args().skip(1).any(|a| matches!(a, "ssl" | "http2" | "quic")))
        // The pre-1.25 spelling, still accepted by the nginx the table follows.
        || tree.children_named(Some(server), "ssl").any(|i| tree.node(i).arg(0) == Some("on"))
}

/// Every `proxy_pass` in an http location (or an `if` or `limit_except` in
/// one) with the block it is in, whose settings it uses.
pub(crate) fn proxy_passes(tree: &Tree) -> Vec<(usize, usize)> {
    tree.named("proxy_pass")
        .filter(|(_, n)| n.in_http())
        .filter_map(|(i, n)| Some((i, n.parent?)))
        .collect()
}

/// The host of a `proxy_pass` URL, `http://host:port/path` → `host:port`.
pub(crate) fn url_authority(url: &str) -> Option<&str> {
    let rest = url.split_once("://")?.1;
    let end = rest.find(['/', '?']).unwrap_or(rest.len());
    rest.get(..end).filter(|a| !a.is_empty())
}

/// Where a new line goes before `start`: the start of its line and the
/// indentation to repeat, when only whitespace precedes it there.
pub(crate) fn line_indent(text: &str, start: usize) -> Option<(usize, &str)> {
    let before = text.get(..start)?;
    let line_start = before.rfind('\n').map_or(0, |n| n + 1);
    let indent = &before[line_start..];
    indent
        .chars()
        .all(|c| c == ' ' || c == '\t')
        .then_some((line_start, indent))
}

/// The host part of an authority: `name:8080` → `name`, `[::1]:80` → `::1`.
pub(crate) fn authority_host(authority: &str) -> &str {
    if let Some(rest) = authority.strip_prefix('[') {
        return rest.split(']').next().unwrap_or(rest);
    }
    authority.split(':').next().unwrap_or(authority)
}

/// The `upstream` block named `name`, if the config defines one.
pub(crate) fn upstream_block(tree: &Tree, name: &str) -> Option<usize> {
    tree.named("upstream")
        .find(|(_, n)| n.context == Some(context::HTTP) && n.arg(0).is_some_and(|a| a.eq_ignore_ascii_case(name)))
        .map(|(i, _)| i)
}

/// The http `server` blocks a directive at `index` applies to: every server
/// of the http block for one at http level, else the enclosing server.
pub(crate) fn servers_of(tree: &Tree, index: usize) -> Vec<usize> {
    let node = tree.node(index);
    if node.context == Some(context::HTTP) {
        return tree.children_named(node.parent, "server").collect();
    }
    tree.enclosing(index, "server").into_iter().collect()
}

#[cfg(test)]
mod tests {
    use crate::reference::{BACKEND_NGINX, FRONTEND_NGINX};

    fn fired(text: &str) -> Vec<(usize, &'static str)> {
        let ids: Vec<&str> = super::RULES.iter().map(|r| r.id).collect();
        crate::nginx::check("t.conf", text)
            .into_iter()
            .filter(|d| ids.contains(&d.rule))
            .map(|d| (d.line, d.rule))
            .collect()
    }

    /// What the reverse-proxy rules say about the reference deployment: its
    /// real mistakes, and nothing on its correct keepalive_timeout 90.
    #[test]
    fn the_seeds() {
        let common = [
            (10, "nginx/header-also-set-by-app"),
            (10, "nginx/header-without-always"),
            (11, "nginx/header-also-set-by-app"),
            (11, "nginx/header-without-always"),
            (11, "nginx/hsts-over-http"),
            (12, "nginx/header-also-set-by-app"),
            (12, "nginx/header-without-always"),
            (13, "nginx/header-also-set-by-app"),
            (13, "nginx/header-without-always"),
            (18, "nginx/tls-without-listener"),
            (19, "nginx/unresolved-include"),
            (21, "nginx/unresolved-include"),
        ];
        let mut backend = common.to_vec();
        backend.extend([
            (26, "nginx/missing-forwarded-headers"),
            (27, "nginx/http11-without-keepalive"),
            (35, "nginx/unresolved-include"),
        ]);
        assert_eq!(fired(BACKEND_NGINX), backend);
        let mut frontend = common.to_vec();
        frontend.extend([
            (26, "nginx/unknown-request-method"),
            (27, "nginx/return-444-behind-load-balancer"),
            (29, "nginx/missing-forwarded-headers"),
            (30, "nginx/http11-without-keepalive"),
            (38, "nginx/unresolved-include"),
        ]);
        assert_eq!(fired(FRONTEND_NGINX), frontend);
    }
}
