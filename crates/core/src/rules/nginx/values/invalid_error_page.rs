use crate::diagnostic::Diagnostic;
use crate::nginx::ast::Arg;
use crate::nginx::value::atoi;
use crate::rules::declare_rule;
use crate::rules::nginx::Cx;

declare_rule! {
    /// Reports an `error_page` status nginx does not take: `invalid value
    /// "50x"`, `value "200" must be between 300 and 599`, or a response code
    /// after `=` that is not a number.
    ///
    /// # Why it matters
    /// nginx refuses to start. Each status must be written out: there are
    /// no wildcards such as `50x`, and only error statuses (300 to 599,
    /// except 499) can be caught.
    ///
    /// # Example
    /// ```nginx
    /// error_page 50x /50x.html;
    /// ```
    ///
    /// # Fix
    /// List the statuses: `error_page 500 502 503 504 /50x.html;`.
    pub static RULE = {
        id: "nginx/invalid-error-page",
        severity: Error,
        summary: "An error_page status nginx does not take",
    }
}

/// What ngx_http_core_error_page says about the statuses, if anything.
fn judge<'n, 'a>(args: &'n [Arg<'a>]) -> Option<(&'n Arg<'a>, String)> {
    let invalid = |arg: &'n Arg<'a>| Some((arg, format!("invalid value \"{}\"", arg.value)));
    let before_uri = args.len().checked_sub(2)?;
    let answer = &args[before_uri];
    let statuses = if let Some(code) = answer.value.strip_prefix('=') {
        if before_uri == 0 || (!code.is_empty() && atoi(code.as_bytes()).is_none()) {
            return invalid(answer);
        }
        &args[..before_uri]
    } else {
        &args[..=before_uri]
    };
    for arg in statuses {
        match atoi(arg.value.as_bytes()) {
            None | Some(499) => return invalid(arg),
            Some(status) if !(300..=599).contains(&status) => {
                return Some((arg, format!("value \"{}\" must be between 300 and 599", arg.value)));
            }
            Some(_) => {}
        }
    }
    None
}

pub fn check(cx: &Cx, out: &mut Vec<Diagnostic>) {
    for (_, node) in cx.tree.named("error_page") {
        if node.accepted().is_none_or(|d| d.module != "ngx_http_core_module") {
            continue;
        }
        if let Some((arg, message)) = judge(&node.directive.args) {
            out.push(Diagnostic::at(&RULE, cx.source, arg.span, message));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::nginx::fixtures::{hits, wrap};

    const RULE: &str = "nginx/invalid-error-page";

    fn found(line: &str) -> Vec<String> {
        hits(&wrap(&format!("    server {{\n        {line}\n    }}")), RULE)
            .into_iter()
            .map(|d| {
                assert_eq!(d.line, 5);
                d.message
            })
            .collect()
    }

    #[test]
    fn triggers_on_statuses_nginx_does_not_take() {
        assert_eq!(found("error_page 50x /50x.html;"), ["invalid value \"50x\""]);
        assert_eq!(
            found("error_page 404 200 /x;"),
            ["value \"200\" must be between 300 and 599"]
        );
        assert_eq!(found("error_page 499 /x;"), ["invalid value \"499\""]);
        assert_eq!(found("error_page 404 =2x0 /x;"), ["invalid value \"=2x0\""]);
        assert_eq!(found("error_page =200 /x;"), ["invalid value \"=200\""]);
        let text = wrap("    server {\n        error_page 500 50x /50x.html;\n    }");
        let hit = &hits(&text, RULE)[0];
        assert_eq!(&text[hit.span.start..hit.span.end], "50x");
    }

    #[test]
    fn near_misses_stay_clean() {
        for line in [
            "error_page 500 502 503 504 /50x.html;",
            "error_page 404 = /fallback;",
            "error_page 404 =200 /empty.gif;",
            "error_page 404 @fallback;",
            "error_page 403 http://example.com/forbidden.html;",
            "location / { error_page 404 =301 http://example.com/; }",
        ] {
            assert!(found(line).is_empty(), "{line}");
        }
        for seed in [crate::reference::FRONTEND_NGINX, crate::reference::BACKEND_NGINX] {
            assert!(hits(seed, RULE).is_empty());
        }
    }
}
