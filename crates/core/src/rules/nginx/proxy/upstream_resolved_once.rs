use crate::diagnostic::Diagnostic;
use crate::rules::declare_rule;
use crate::rules::nginx::Cx;

use super::{authority_host, upstream_block, url_authority};

declare_rule! {
    /// Reports an upstream given as a DNS name that can change (a name with
    /// dots, such as a load balancer's or a Cloud Map service's) that nginx
    /// resolves only once, when it starts: a literal `proxy_pass` URL, or an
    /// `upstream` server without `resolve`.
    ///
    /// # Why it matters
    /// nginx looks the name up at start-up and keeps those addresses for the
    /// life of the process. An internal ALB changes its addresses as it
    /// scales, and a Cloud Map name follows tasks as they are replaced:
    /// after the next change nginx sends requests to addresses that are gone
    /// and answers 502 or times out until the container is restarted.
    /// Single-label names such as `springboot` (container links, fixed in
    /// `/etc/hosts` for the task's life), IP addresses and `localhost` are
    /// not reported.
    ///
    /// # Example
    /// ```nginx
    /// location /api/ {
    ///     proxy_pass http://internal-api-123.ap-northeast-2.elb.amazonaws.com;
    /// }
    /// ```
    ///
    /// # Fix
    /// Give nginx a resolver and put the name in a variable, which nginx
    /// resolves again as the record's TTL (or `valid=`) expires:
    /// ```nginx
    /// resolver 169.254.169.253 valid=30s;   # the VPC's DNS server
    /// location /api/ {
    ///     set $api http://internal-api-123.ap-northeast-2.elb.amazonaws.com;
    ///     proxy_pass $api;
    /// }
    /// ```
    /// In an `upstream` block, add `resolve` to the `server` (nginx 1.27.3
    /// or later) next to a `resolver`.
    pub static RULE = {
        id: "nginx/upstream-resolved-once",
        severity: Warning,
        summary: "An upstream DNS name nginx resolves only once, at start-up",
    }
}

pub fn check(cx: &Cx, out: &mut Vec<Diagnostic>) {
    let tree = cx.tree;
    for (_, node) in tree.named("proxy_pass") {
        let Some(arg) = node.directive.args.first() else {
            continue;
        };
        if !node.in_http() || arg.value.contains('$') {
            continue;
        }
        let Some(host) = url_authority(&arg.value).map(authority_host) else {
            continue;
        };
        if !changeable(host) || upstream_block(tree, host).is_some() {
            continue;
        }
        out.push(
            Diagnostic::at(
                &RULE,
                cx.source,
                arg.span,
                format!("\"{host}\" is resolved once when nginx starts, so requests keep going to its old addresses after DNS changes"),
            )
            .with_help(format!(
                "Add a resolver (\"resolver 169.254.169.253 valid=30s;\", the VPC's DNS) and proxy through a variable: \"set $upstream {}; proxy_pass $upstream;\".",
                arg.value
            )),
        );
    }
    for (_, node) in tree.named_in("server", crate::nginx::directives::context::UPSTREAM) {
        let Some(arg) = node.directive.args.first() else {
            continue;
        };
        if node.args().any(|a| a == "resolve") || arg.value.starts_with("unix:") {
            continue;
        }
        let host = authority_host(&arg.value);
        if !changeable(host) {
            continue;
        }
        out.push(
            Diagnostic::at(
                &RULE,
                cx.source,
                arg.span,
                format!("\"{host}\" is resolved once when nginx starts, so requests keep going to its old addresses after DNS changes"),
            )
            .with_help(
                "Add \"resolve\" to this server and a \"resolver 169.254.169.253 valid=30s;\" in http (nginx 1.27.3 or later), or proxy_pass through a variable with a resolver instead of this upstream.",
            ),
        );
    }
}

/// A DNS name with dots: not an IP literal, not `localhost`, not a
/// single-label name (container links and /etc/hosts entries).
fn changeable(host: &str) -> bool {
    let host = host.trim_end_matches('.');
    host.contains('.')
        && !host.contains(':')
        && !host.bytes().all(|b| b.is_ascii_digit() || b == b'.')
        && !host.eq_ignore_ascii_case("localhost")
        && !host.to_ascii_lowercase().ends_with(".localhost")
}

#[cfg(test)]
mod tests {
    use super::changeable;
    use crate::reference::{BACKEND_NGINX, FRONTEND_NGINX};
    use crate::rules::nginx::fixtures::{hits, wrap};

    const ID: &str = "nginx/upstream-resolved-once";

    #[test]
    fn flags_literal_fqdns_in_proxy_pass_and_upstream_servers() {
        let text = wrap(
            "upstream api { server api.inforum.internal:8080; server 10.0.1.5:8080; }\nserver {\nlocation / {\nproxy_pass http://internal-api-1.ap-northeast-2.elb.amazonaws.com/v1/;\n}\nlocation /b { proxy_pass http://api; }\n}",
        );
        let found = hits(&text, ID);
        assert_eq!(found.len(), 2, "{found:#?}");
        assert_eq!(found[1].line, 7);
        assert_eq!(
            found[1].message,
            "\"internal-api-1.ap-northeast-2.elb.amazonaws.com\" is resolved once when nginx starts, so requests keep going to its old addresses after DNS changes"
        );
        assert_eq!(found[0].line, 4);
        assert!(found[0].message.starts_with("\"api.inforum.internal\""));
    }

    #[test]
    fn stays_quiet_on_links_ips_localhost_variables_and_resolve() {
        assert!(hits(BACKEND_NGINX, ID).is_empty());
        assert!(hits(FRONTEND_NGINX, ID).is_empty());
        let text = wrap(
            "resolver 169.254.169.253 valid=30s;\nupstream api { zone api 64k; server api.inforum.internal:8080 resolve; server unix:/run/app.sock; }\nserver {\nlocation /a { proxy_pass http://127.0.0.1:8080; }\nlocation /b { proxy_pass http://localhost:3000; }\nlocation /c { set $api http://api.inforum.internal; proxy_pass $api; }\nlocation /d { proxy_pass http://[::1]:8080; }\nlocation /e { proxy_pass http://next:3000; }\n}",
        );
        assert!(hits(&text, ID).is_empty(), "{:#?}", hits(&text, ID));
        assert!(!changeable("10.0.0.1") && !changeable("springboot") && changeable("a.b"));
    }
}
