use super::variables;
use crate::diagnostic::{Diagnostic, Fix, TextEdit};
use crate::rules::declare_rule;
use crate::rules::nginx::Cx;

declare_rule! {
    /// Reports `$http_host` where `$host` is meant: in the `Host` sent to the
    /// app (`proxy_set_header Host $http_host`), in redirects, in headers.
    ///
    /// # Why it matters
    /// `$http_host` is the `Host` header exactly as the client wrote it,
    /// which is not always the host nginx chose the `server` block by: a
    /// request line with an absolute URL (`GET http://app.example.com/`)
    /// selects the server while a different `Host` header rides along. The
    /// app then builds links, redirects and password-reset mails for a host
    /// the attacker picked, and caches may store them. `$host` is the host
    /// nginx routed the request with, lowercased, without the port, and the
    /// `server_name` when the client sent none.
    ///
    /// # Example
    /// ```nginx
    /// location / {
    ///     proxy_set_header Host $http_host;
    ///     proxy_pass http://app:3000;
    /// }
    /// ```
    ///
    /// # Fix
    /// Use `$host` (the quick fix replaces it). Behind an AWS load balancer
    /// the `Host` header carries no port, so nothing is lost; an app on a
    /// non-standard port that needs it can append `:$server_port`.
    pub static RULE = {
        id: "nginx/host-spoofing",
        severity: Warning,
        summary: "$http_host, the client's Host header verbatim, where $host is meant",
    }
}

/// Directives that only test or log the header, where its raw value is what
/// is wanted.
const READERS: &[&str] = &["if", "map", "log_format", "valid_referers"];

pub fn check(cx: &Cx, out: &mut Vec<Diagnostic>) {
    for (_, node) in cx.tree.iter() {
        if node.context.is_none() || READERS.contains(&node.name()) {
            continue;
        }
        for arg in &node.directive.args {
            if !variables(&arg.value).iter().any(|v| v.is("http_host")) {
                continue;
            }
            let message = if node.name().ends_with("_set_header")
                && node.arg(0).is_some_and(|h| h.eq_ignore_ascii_case("host"))
            {
                format!(
                    "{} Host passes on the client's Host header verbatim ($http_host)",
                    node.name()
                )
            } else {
                format!("{} uses $http_host, the client's Host header verbatim", node.name())
            };
            let mut diagnostic = Diagnostic::at(&RULE, cx.source, arg.span, message)
                .with_help("Use $host, the host nginx routed the request with.");
            let token = cx.source.text.get(arg.span.start..arg.span.end).unwrap_or_default();
            let mut text = String::with_capacity(token.len());
            let mut copied = 0;
            for var in variables(token).into_iter().filter(|v| v.is("http_host")) {
                text.push_str(&token[copied..var.range.start]);
                text.push_str(if token[var.range.clone()].contains('{') {
                    "${host}"
                } else {
                    "$host"
                });
                copied = var.range.end;
            }
            if copied > 0 {
                text.push_str(&token[copied..]);
                diagnostic = diagnostic.with_fix(Fix {
                    title: "Use $host".into(),
                    edits: vec![TextEdit { span: arg.span, text }],
                    safe: true,
                });
            }
            out.push(diagnostic);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::json_edit::apply;
    use crate::reference::{BACKEND_NGINX, FRONTEND_NGINX};
    use crate::rules::nginx::fixtures::{hits, wrap};

    const RULE: &str = "nginx/host-spoofing";

    fn location(body: &str) -> String {
        wrap(&format!(
            "    server {{\n        listen 80;\n        location / {{\n{body}\n        }}\n    }}"
        ))
    }

    #[test]
    fn triggers_on_the_host_sent_upstream_with_a_fix() {
        let text = location("            proxy_set_header Host $http_host;\n            proxy_pass http://app:3000;");
        let found = hits(&text, RULE);
        assert_eq!(found.len(), 1);
        assert_eq!(
            found[0].message,
            "proxy_set_header Host passes on the client's Host header verbatim ($http_host)"
        );
        assert_eq!(found[0].line, 7);
        assert_eq!(&text[found[0].span.start..found[0].span.end], "$http_host");
        let fix = found[0].fix.clone().unwrap();
        assert!(fix.safe);
        let fixed = apply(&text, &fix.edits);
        assert!(fixed.contains("proxy_set_header Host $host;"));
        assert!(hits(&fixed, RULE).is_empty());
    }

    #[test]
    fn triggers_in_redirects_and_keeps_the_rest_of_the_token() {
        let text = location("            return 301 \"https://${http_host}$request_uri\";");
        let found = hits(&text, RULE);
        assert_eq!(
            found[0].message,
            "return uses $http_host, the client's Host header verbatim"
        );
        let fixed = apply(&text, &found[0].fix.clone().unwrap().edits);
        assert!(fixed.contains("return 301 \"https://${host}$request_uri\";"));
    }

    #[test]
    fn stays_quiet_on_host_and_on_tests_and_logs_of_the_header() {
        let text = location(concat!(
            "            proxy_set_header Host $host;\n",
            "            proxy_set_header X-Original-Host $http_host_original;\n",
            "            if ($http_host != \"app.example.com\") { return 421; }\n",
            "            proxy_pass http://app:3000;",
        ));
        let text = text.replace("http {\n", "http {\n    log_format h '$http_host $request';\n");
        assert!(hits(&text, RULE).is_empty(), "{:#?}", hits(&text, RULE));
    }

    #[test]
    fn stays_quiet_on_the_seeds() {
        // The seeds set no Host and log only $http_referer and friends, so the
        // apps see the Host nginx received from the load balancer.
        assert!(hits(FRONTEND_NGINX, RULE).is_empty());
        assert!(hits(BACKEND_NGINX, RULE).is_empty());
    }
}
