use crate::diagnostic::Diagnostic;
use crate::nginx::ast::Directive;
use crate::nginx::directives::{Newer, NEWER_VERSION, NGINX_VERSION};
use crate::rules::declare_rule;
use crate::source::Source;

declare_rule! {
    /// Reports a directive that the nginx these checks describe (1.22.1, the
    /// version of Debian 12) does not have but a newer stock nginx does, such
    /// as `http2 on;` (added in 1.25.1) or `server_name` in a stream server.
    ///
    /// # Why it matters
    /// Whether the config starts depends on the nginx in the image: the
    /// official `nginx` image has these directives, an image built on
    /// Debian 12's package refuses to start with `unknown directive`. The
    /// checks cannot look inside the image, so they tell you which version
    /// the config needs instead of calling it a typo.
    ///
    /// # Example
    /// ```nginx
    /// server {
    ///     listen 443 ssl;
    ///     http2 on;
    /// }
    /// ```
    ///
    /// # Fix
    /// Make sure the container's image runs an nginx at least as new as the
    /// one named in the message, or use the older form (`listen 443 ssl
    /// http2;`).
    pub static RULE = {
        id: "nginx/newer-directive",
        severity: Warning,
        summary: "A directive only a newer nginx than the pinned one knows",
    }
}

pub fn diagnostic(source: &Source, directive: &Directive, newer: &Newer) -> Diagnostic {
    Diagnostic::at(
        &RULE,
        source,
        directive.name_span,
        format!(
            "\"{}\" directive is not in nginx {NGINX_VERSION}; nginx {NEWER_VERSION} has it",
            directive.name
        ),
    )
    .with_help(format!(
        "nginx {NGINX_VERSION} (Debian 12) stops here; the image must run nginx {NEWER_VERSION} or newer ({}).",
        newer.module
    ))
}

#[cfg(test)]
mod tests {
    use crate::rules::nginx::fixtures::{hits, wrap};

    #[test]
    fn triggers_on_directives_of_a_newer_nginx() {
        let text = wrap("    server {\n        listen 443 ssl;\n        http2 on;\n    }");
        let found = hits(&text, "nginx/newer-directive");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].line, 6);
        assert!(found[0]
            .message
            .starts_with("\"http2\" directive is not in nginx 1.22.1"));
        assert!(hits(&text, "nginx/unknown-directive").is_empty());

        let stream =
            "events { }\nstream {\n    server {\n        listen 53;\n        server_name dns.example;\n    }\n}\n";
        assert_eq!(hits(stream, "nginx/newer-directive").len(), 1);
        assert!(hits(stream, "nginx/not-allowed-here").is_empty());
    }

    #[test]
    fn stays_quiet_on_old_directives_and_typos() {
        assert!(hits(crate::reference::FRONTEND_NGINX, "nginx/newer-directive").is_empty());
        let text = wrap("    server {\n        htp2 on;\n        location / { server_name x; }\n    }");
        assert!(hits(&text, "nginx/newer-directive").is_empty());
        assert_eq!(hits(&text, "nginx/unknown-directive").len(), 1);
        assert_eq!(hits(&text, "nginx/not-allowed-here").len(), 1);
    }
}
