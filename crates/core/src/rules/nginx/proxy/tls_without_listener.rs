use crate::diagnostic::{Diagnostic, Span};
use crate::nginx::directives::context;
use crate::rules::declare_rule;
use crate::rules::nginx::Cx;

use super::{listens_tls, servers_of};

declare_rule! {
    /// Reports `ssl_*` directives in a server with no TLS listener
    /// (`listen ... ssl`), including ones set at http level that every
    /// server inherits.
    ///
    /// # Why it matters
    /// They have no effect: nginx only reads them for connections on a TLS
    /// listener. Behind an AWS load balancer that terminates TLS, nginx gets
    /// plain HTTP, and the certificate, protocols and ciphers that clients
    /// see are the load balancer listener's security policy. The directives
    /// suggest a TLS hardening that is not happening, and the real settings
    /// go unreviewed.
    ///
    /// # Example
    /// ```nginx
    /// http {
    ///     ssl_prefer_server_ciphers on;
    ///     server {
    ///         listen 80;
    ///     }
    /// }
    /// ```
    ///
    /// # Fix
    /// Remove them and choose the ALB listener's security policy instead; or,
    /// if nginx should serve TLS itself, add `listen 443 ssl` with a
    /// certificate.
    pub static RULE = {
        id: "nginx/tls-without-listener",
        severity: Info,
        summary: "ssl_* directives in a server with no TLS listener",
    }
}

pub fn check(cx: &Cx, out: &mut Vec<Diagnostic>) {
    let tree = cx.tree;
    for (index, node) in tree.iter() {
        if !node.name().starts_with("ssl_") || node.context.is_none_or(|c| c & (context::HTTP | context::SERVER) == 0) {
            continue;
        }
        let servers = servers_of(tree, index);
        if servers.is_empty() || servers.iter().any(|&s| listens_tls(tree, s)) {
            continue;
        }
        let directive = node.directive;
        let end = directive.args.last().map_or(directive.name_span.end, |a| a.span.end);
        let mut help = "TLS is terminated at the load balancer, so nginx only receives plain HTTP: remove it and set TLS in the load balancer listener's security policy, or add \"listen 443 ssl\" if nginx should serve TLS itself.".to_owned();
        if node.context == Some(context::HTTP) && tree.children_named(node.parent, "include").next().is_some() {
            help.push_str(" Keep it only if a server in an included file listens with TLS.");
        }
        out.push(
            Diagnostic::at(
                &RULE,
                cx.source,
                Span::new(directive.name_span.start, end),
                format!("{} has no effect: no server here listens with TLS", directive.name),
            )
            .with_help(help),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::reference::{BACKEND_NGINX, FRONTEND_NGINX};
    use crate::rules::nginx::fixtures::{hits, wrap};

    const ID: &str = "nginx/tls-without-listener";

    #[test]
    fn flags_the_seeds_http_level_cipher_preference() {
        for seed in [BACKEND_NGINX, FRONTEND_NGINX] {
            let found = hits(seed, ID);
            assert_eq!(found.len(), 1);
            assert_eq!(found[0].line, 18);
            assert_eq!(
                found[0].message,
                "ssl_prefer_server_ciphers has no effect: no server here listens with TLS"
            );
        }
    }

    #[test]
    fn flags_server_level_directives_of_a_plain_server() {
        let text = wrap(
            "server {\nlisten 443 ssl;\nssl_certificate /c.pem;\nssl_certificate_key /k.pem;\n}\nserver {\nlisten 80;\nssl_protocols TLSv1.2;\n}",
        );
        let found = hits(&text, ID);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].line, 11);
    }

    #[test]
    fn stays_quiet_when_a_server_listens_with_tls() {
        let text = wrap(
            "ssl_protocols TLSv1.2 TLSv1.3;\nserver {\nlisten 80;\n}\nserver {\nlisten 443 ssl http2;\nssl_certificate /c.pem;\nssl_certificate_key /k.pem;\n}",
        );
        assert!(hits(&text, ID).is_empty());
    }
}
