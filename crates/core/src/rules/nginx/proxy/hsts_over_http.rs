use crate::diagnostic::{Diagnostic, Span};
use crate::rules::declare_rule;
use crate::rules::nginx::Cx;

use super::{listens_tls, servers_of};

declare_rule! {
    /// Reports `Strict-Transport-Security` added by a server that listens
    /// only on plain HTTP.
    ///
    /// # Why it matters
    /// Browsers ignore HSTS received over plain HTTP. When a load balancer
    /// terminates TLS in front of nginx (an ALB with an HTTPS listener, as in
    /// a typical ECS service), nginx's plain-HTTP responses reach the browser
    /// over HTTPS and the header works: then this note only confirms the
    /// design. If nginx faced clients directly on port 80, the header would
    /// do nothing, and if the load balancer only has an HTTP listener, no
    /// browser ever stores it.
    ///
    /// # Example
    /// ```nginx
    /// server {
    ///     listen 80;
    ///     add_header Strict-Transport-Security "max-age=63072000" always;
    /// }
    /// ```
    ///
    /// # Fix
    /// Nothing, behind an HTTPS load balancer listener. Otherwise, serve the
    /// site over TLS (`listen 443 ssl`) and send the header from there, with
    /// the plain-HTTP server only redirecting to HTTPS.
    pub static RULE = {
        id: "nginx/hsts-over-http",
        severity: Info,
        summary: "HSTS sent by a server that only listens on plain HTTP",
    }
}

pub fn check(cx: &Cx, out: &mut Vec<Diagnostic>) {
    let tree = cx.tree;
    for (index, node) in tree.named("add_header") {
        if !node.in_http()
            || !node
                .arg(0)
                .is_some_and(|h| h.eq_ignore_ascii_case("Strict-Transport-Security"))
        {
            continue;
        }
        let servers = servers_of(tree, index);
        if servers.is_empty() || servers.iter().any(|&s| listens_tls(tree, s)) {
            continue;
        }
        let directive = node.directive;
        let end = directive.args.last().map_or(directive.name_span.end, |a| a.span.end);
        out.push(
            Diagnostic::at(
                &RULE,
                cx.source,
                Span::new(directive.name_span.start, end),
                "Strict-Transport-Security is sent by a server that listens only on plain HTTP",
            )
            .with_help(
                "Correct only behind a load balancer that terminates TLS (an ALB with an HTTPS listener): browsers then receive the header over HTTPS. If nginx faced clients directly, browsers would ignore it; serve the site with \"listen 443 ssl\" and send the header there.",
            ),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::reference::{BACKEND_NGINX, FRONTEND_NGINX};
    use crate::rules::nginx::fixtures::{hits, wrap};

    const ID: &str = "nginx/hsts-over-http";

    #[test]
    fn notes_the_seeds_http_only_hsts() {
        for seed in [BACKEND_NGINX, FRONTEND_NGINX] {
            let found = hits(seed, ID);
            assert_eq!(found.len(), 1);
            assert_eq!(found[0].line, 11);
            assert_eq!(
                found[0].message,
                "Strict-Transport-Security is sent by a server that listens only on plain HTTP"
            );
            assert!(found[0]
                .help
                .as_deref()
                .unwrap()
                .starts_with("Correct only behind a load balancer"));
        }
    }

    #[test]
    fn notes_hsts_in_a_plain_servers_location() {
        let text =
            wrap("server {\nlisten 80;\nlocation / {\nadd_header strict-transport-security max-age=300 always;\n}\n}");
        let found = hits(&text, ID);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].line, 7);
    }

    #[test]
    fn stays_quiet_on_a_tls_server() {
        let text = wrap(
            "add_header Strict-Transport-Security \"max-age=63072000\" always;\nserver {\nlisten 443 ssl;\nssl_certificate /c.pem;\nssl_certificate_key /k.pem;\n}",
        );
        assert!(hits(&text, ID).is_empty());
    }
}
