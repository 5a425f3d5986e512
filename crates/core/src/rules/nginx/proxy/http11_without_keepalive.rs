use std::collections::HashMap;

use crate::diagnostic::{Diagnostic, Span};
use crate::rules::declare_rule;
use crate::rules::nginx::Cx;

use super::{authority_host, proxy_passes, upstream_block, url_authority};

declare_rule! {
    /// Reports `proxy_http_version 1.1` where nothing lets nginx keep
    /// connections to the app open: no `upstream` block with `keepalive`,
    /// or no `proxy_set_header Connection ""`.
    ///
    /// # Why it matters
    /// HTTP/1.1 to the upstream is only half of connection reuse. nginx
    /// keeps idle upstream connections only in an `upstream` block's
    /// `keepalive` pool, and by default sends `Connection: close` to the
    /// app even over HTTP/1.1. Without both, every request still opens and
    /// closes a TCP connection to the app container, and the directive looks
    /// like a tuning that is not happening.
    ///
    /// # Example
    /// ```nginx
    /// location / {
    ///     proxy_pass http://springboot:8080;
    ///     proxy_http_version 1.1;
    /// }
    /// ```
    ///
    /// # Fix
    /// ```nginx
    /// upstream springboot_pool {
    ///     server springboot:8080;
    ///     keepalive 16;
    /// }
    /// server {
    ///     location / {
    ///         proxy_pass http://springboot_pool;
    ///         proxy_http_version 1.1;
    ///         proxy_set_header Connection "";
    ///     }
    /// }
    /// ```
    /// A location that proxies WebSockets (`proxy_set_header Upgrade`) needs
    /// HTTP/1.1 for the upgrade and is left alone.
    pub static RULE = {
        id: "nginx/http11-without-keepalive",
        severity: Info,
        summary: "proxy_http_version 1.1 without an upstream keepalive pool or a cleared Connection header",
    }
}

pub fn check(cx: &Cx, out: &mut Vec<Diagnostic>) {
    let tree = cx.tree;
    // What each proxy_http_version governs, found from the proxy_passes' side:
    // one inheritance lookup per proxy_pass, not one per pair.
    let mut governed: HashMap<usize, (Vec<String>, bool)> = HashMap::new();
    for (pass, block) in proxy_passes(tree) {
        let Some(&version) = tree.in_effect(block, "proxy_http_version").last() else {
            continue;
        };
        let headers = tree.in_effect(block, "proxy_set_header");
        let header = |name: &str| {
            headers
                .iter()
                .map(|&i| tree.node(i))
                .find(|n| n.arg(0).is_some_and(|h| h.eq_ignore_ascii_case(name)))
        };
        if header("Upgrade").is_some() {
            continue;
        }
        let (pools, connection) = governed.entry(version).or_default();
        if header("Connection").is_none_or(|n| n.arg(1) != Some("")) {
            *connection = true;
        }
        let Some(url) = tree.node(pass).arg(0) else { continue };
        let Some(authority) = url_authority(url).filter(|_| !url.contains('$')) else {
            continue;
        };
        let host = authority_host(authority);
        let pooled =
            upstream_block(tree, host).is_some_and(|u| tree.children_named(Some(u), "keepalive").next().is_some());
        if !pooled && !pools.iter().any(|p| p == authority) {
            pools.push(authority.to_owned());
        }
    }
    for (version, node) in tree.named("proxy_http_version") {
        if !node.in_http() || node.arg(0) != Some("1.1") {
            continue;
        }
        let Some((pools, connection)) = governed.remove(&version) else {
            continue;
        };
        if pools.is_empty() && !connection {
            continue;
        }
        let message = match (pools.is_empty(), connection) {
            (false, true) => "proxy_http_version 1.1 without an upstream keepalive pool or proxy_set_header Connection \"\", so nginx still opens a new connection to the app for every request",
            (false, false) => "proxy_http_version 1.1 without an upstream keepalive pool, so nginx still opens a new connection to the app for every request",
            _ => "proxy_http_version 1.1 without proxy_set_header Connection \"\", so nginx still sends \"Connection: close\" and closes every upstream connection",
        };
        let mut steps: Vec<String> = pools
            .iter()
            .map(|authority| {
                let pool = format!("{}_pool", authority_host(authority).replace(|c: char| !c.is_ascii_alphanumeric(), "_"));
                format!(
                    "define \"upstream {pool} {{ server {authority}; keepalive 16; }}\" in http and proxy_pass to http://{pool} instead of http://{authority}"
                )
            })
            .collect();
        if connection {
            steps.push("add proxy_set_header Connection \"\"; next to proxy_http_version".to_owned());
        }
        let mut help = steps.join("; ");
        if let Some(first) = help.get(..1) {
            help = format!("{}{}.", first.to_uppercase(), &help[1..]);
        }
        let end = node
            .directive
            .args
            .last()
            .map_or(node.directive.name_span.end, |a| a.span.end);
        out.push(
            Diagnostic::at(
                &RULE,
                cx.source,
                Span::new(node.directive.name_span.start, end),
                message,
            )
            .with_help(help),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::reference::{BACKEND_NGINX, FRONTEND_NGINX};
    use crate::rules::nginx::fixtures::{hits, wrap};

    const ID: &str = "nginx/http11-without-keepalive";

    #[test]
    fn flags_the_seeds_with_both_steps() {
        let found = hits(BACKEND_NGINX, ID);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].line, 27);
        assert_eq!(
            found[0].message,
            "proxy_http_version 1.1 without an upstream keepalive pool or proxy_set_header Connection \"\", so nginx still opens a new connection to the app for every request"
        );
        assert_eq!(
            found[0].help.as_deref(),
            Some("Define \"upstream springboot_pool { server springboot:8080; keepalive 16; }\" in http and proxy_pass to http://springboot_pool instead of http://springboot:8080; add proxy_set_header Connection \"\"; next to proxy_http_version.")
        );
        let found = hits(FRONTEND_NGINX, ID);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].line, 30);
    }

    #[test]
    fn flags_a_pool_without_the_cleared_connection_header() {
        let text = wrap(
            "upstream app { server app:8080; keepalive 8; }\nserver {\nlocation / {\nproxy_pass http://app;\nproxy_http_version 1.1;\n}\n}",
        );
        let found = hits(&text, ID);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].line, 8);
        assert!(found[0].message.contains("Connection: close"), "{}", found[0].message);
    }

    #[test]
    fn stays_quiet_on_the_keepalive_idiom_and_websockets() {
        let pooled = wrap(
            "upstream app { server app:8080; keepalive 8; }\nproxy_http_version 1.1;\nproxy_set_header Connection \"\";\nserver {\nlocation / {\nproxy_pass http://app;\n}\n}",
        );
        assert!(hits(&pooled, ID).is_empty());
        let websocket = wrap(
            "server {\nlocation /ws {\nproxy_pass http://next:3000;\nproxy_http_version 1.1;\nproxy_set_header Upgrade $http_upgrade;\nproxy_set_header Connection \"upgrade\";\n}\n}",
        );
        assert!(hits(&websocket, ID).is_empty());
    }
}
