use crate::diagnostic::Diagnostic;
use crate::rules::declare_rule;
use crate::rules::nginx::Cx;

declare_rule! {
    /// Reports a `limit_except` method nginx does not know:
    /// `invalid method "OPTION"`.
    ///
    /// nginx knows GET, HEAD, POST, PUT, DELETE, MKCOL, COPY, MOVE, OPTIONS,
    /// PROPFIND, PROPPATCH, LOCK, UNLOCK and PATCH (in any case).
    ///
    /// # Why it matters
    /// nginx refuses to start.
    ///
    /// # Example
    /// ```nginx
    /// location /api/ {
    ///     limit_except GET OPTION { deny all; }
    /// }
    /// ```
    ///
    /// # Fix
    /// Spell the method as HTTP does (`OPTIONS`); methods nginx does not
    /// list (TRACE, CONNECT) cannot be allowed here.
    pub static RULE = {
        id: "nginx/invalid-method",
        severity: Error,
        summary: "A limit_except method nginx does not know",
    }
}

/// `ngx_methods_names` of ngx_http_core_module.c.
const METHODS: &[&str] = &[
    "GET",
    "HEAD",
    "POST",
    "PUT",
    "DELETE",
    "MKCOL",
    "COPY",
    "MOVE",
    "OPTIONS",
    "PROPFIND",
    "PROPPATCH",
    "LOCK",
    "UNLOCK",
    "PATCH",
];

pub fn check(cx: &Cx, out: &mut Vec<Diagnostic>) {
    for (_, node) in cx.tree.named("limit_except") {
        if node.accepted().is_none() {
            continue;
        }
        // nginx stops at the first unknown one.
        let unknown = node
            .directive
            .args
            .iter()
            .find(|a| !METHODS.iter().any(|m| m.eq_ignore_ascii_case(&a.value)));
        if let Some(arg) = unknown {
            out.push(
                Diagnostic::at(&RULE, cx.source, arg.span, format!("invalid method \"{}\"", arg.value))
                    .with_help(format!("nginx knows {}.", METHODS.join(", "))),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::nginx::fixtures::{hits, wrap};

    const RULE: &str = "nginx/invalid-method";

    #[test]
    fn triggers_on_unknown_methods() {
        let text = wrap("    server {\n        location / {\n            limit_except GET OPTION TRACE { deny all; }\n        }\n    }");
        let found = hits(&text, RULE);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].message, "invalid method \"OPTION\"");
        assert_eq!(found[0].line, 6);
        assert_eq!(&text[found[0].span.start..found[0].span.end], "OPTION");
    }

    #[test]
    fn near_misses_stay_clean() {
        let text = wrap("    server {\n        location / {\n            limit_except get Head PATCH propfind { deny all; }\n        }\n    }");
        assert!(hits(&text, RULE).is_empty());
        // The seed's `if` regex names OPTION too, but that is only a pattern.
        for seed in [crate::reference::FRONTEND_NGINX, crate::reference::BACKEND_NGINX] {
            assert!(hits(seed, RULE).is_empty());
        }
    }
}
