use crate::diagnostic::Diagnostic;
use crate::nginx::value::atoi;
use crate::rules::declare_rule;
use crate::rules::nginx::Cx;

declare_rule! {
    /// Reports a `return` whose first argument is neither a status code
    /// (0 to 999) nor, alone, an absolute URL: `invalid return code
    /// "/maintenance.html"`.
    ///
    /// # Why it matters
    /// nginx refuses to start. `return` with a lone path is a common slip:
    /// nginx only redirects on its own when the URL starts with `http://`,
    /// `https://` or `$scheme`.
    ///
    /// # Example
    /// ```nginx
    /// location /old {
    ///     return /new;
    /// }
    /// ```
    ///
    /// # Fix
    /// Give the code first: `return 301 /new;`.
    pub static RULE = {
        id: "nginx/invalid-return",
        severity: Error,
        summary: "A return without a valid status code",
    }
}

pub fn check(cx: &Cx, out: &mut Vec<Diagnostic>) {
    for (_, node) in cx.tree.named("return") {
        if node.accepted().is_none_or(|d| d.module != "ngx_http_rewrite_module") {
            continue;
        }
        let args = &node.directive.args;
        let Some(first) = args.first() else {
            continue;
        };
        let value = first.value.as_ref();
        let valid = match atoi(value.as_bytes()) {
            Some(code) => code <= 999,
            None => {
                args.len() == 1
                    && (value.starts_with("http://") || value.starts_with("https://") || value.starts_with("$scheme"))
            }
        };
        if !valid {
            out.push(Diagnostic::at(
                &RULE,
                cx.source,
                first.span,
                format!("invalid return code \"{value}\""),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::nginx::fixtures::{hits, wrap};

    const RULE: &str = "nginx/invalid-return";

    fn found(body: &str) -> Vec<String> {
        hits(&wrap(&format!("    server {{\n        {body}\n    }}")), RULE)
            .into_iter()
            .map(|d| {
                assert_eq!(d.line, 5);
                d.message
            })
            .collect()
    }

    #[test]
    fn triggers_on_missing_or_bad_codes() {
        assert_eq!(found("return /new;"), ["invalid return code \"/new\""]);
        assert_eq!(found("return 1000;"), ["invalid return code \"1000\""]);
        assert_eq!(found("return https://a/ x;"), ["invalid return code \"https://a/\""]);
        assert_eq!(
            found("location / { return HTTPS://a; }"),
            ["invalid return code \"HTTPS://a\""]
        );
    }

    #[test]
    fn near_misses_stay_clean() {
        for body in [
            "return 444;",
            "return 301 /new;",
            "return 200 \"ok\";",
            "return https://example.com$request_uri;",
            "return $scheme://example.com;",
            "location / { if ($x) { return 403; } }",
        ] {
            assert!(found(body).is_empty(), "{body}");
        }
        for seed in [crate::reference::FRONTEND_NGINX, crate::reference::BACKEND_NGINX] {
            assert!(hits(seed, RULE).is_empty());
        }
    }
}
