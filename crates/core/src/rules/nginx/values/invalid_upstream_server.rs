use crate::diagnostic::Diagnostic;
use crate::nginx::url::parse_upstream;
use crate::nginx::value::{atoi, parse_time};
use crate::rules::declare_rule;
use crate::rules::nginx::Cx;

declare_rule! {
    /// Reports a `server` line of an http `upstream` block whose parameters
    /// or address nginx cannot read: `invalid parameter "weight=0"`,
    /// `invalid host in upstream "http://app:3000"`.
    ///
    /// An upstream server is an address (`host:port`, `unix:/path`), not a
    /// URL: the scheme and any path belong to `proxy_pass`. Host names are
    /// not looked up, as whether they resolve depends on the machine.
    ///
    /// # Why it matters
    /// nginx refuses to start.
    ///
    /// # Example
    /// ```nginx
    /// upstream app {
    ///     server http://app:3000;
    /// }
    /// ```
    ///
    /// # Fix
    /// Write `server app:3000;` and keep `http://` in
    /// `proxy_pass http://app;`.
    pub static RULE = {
        id: "nginx/invalid-upstream-server",
        severity: Error,
        summary: "An upstream server line nginx cannot read",
    }
}

/// Whether ngx_http_upstream_server takes the parameter (what the balancing
/// method allows aside).
fn valid_parameter(value: &str) -> bool {
    let number = |prefix: &str| value.strip_prefix(prefix).map(|n| atoi(n.as_bytes()));
    if let Some(weight) = number("weight=") {
        return weight.is_some_and(|w| w != 0);
    }
    if let Some(n) = number("max_conns=").or_else(|| number("max_fails=")) {
        return n.is_some();
    }
    if let Some(timeout) = value.strip_prefix("fail_timeout=") {
        return parse_time(timeout, true).is_some();
    }
    matches!(value, "backup" | "down")
}

pub fn check(cx: &Cx, out: &mut Vec<Diagnostic>) {
    for (_, node) in cx.tree.named("server") {
        if node.accepted().is_none_or(|d| d.module != "ngx_http_upstream_module") {
            continue;
        }
        let args = &node.directive.args;
        // nginx reads the parameters before the address.
        if let Some(bad) = args.iter().skip(1).find(|a| !valid_parameter(&a.value)) {
            out.push(Diagnostic::at(
                &RULE,
                cx.source,
                bad.span,
                format!("invalid parameter \"{}\"", bad.value),
            ));
            continue;
        }
        let Some(address) = args.first() else {
            continue;
        };
        if let Err(err) = parse_upstream(&address.value, false) {
            out.push(Diagnostic::at(
                &RULE,
                cx.source,
                address.span,
                format!("{err} in upstream \"{}\"", address.value),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::nginx::fixtures::{hits, wrap};

    const RULE: &str = "nginx/invalid-upstream-server";

    fn found(line: &str) -> Vec<String> {
        hits(&wrap(&format!("    upstream app {{\n        {line}\n    }}")), RULE)
            .into_iter()
            .map(|d| {
                assert_eq!(d.line, 5);
                d.message
            })
            .collect()
    }

    #[test]
    fn triggers_on_urls_and_bad_parameters() {
        assert_eq!(
            found("server http://app:3000;"),
            ["invalid host in upstream \"http://app:3000\""]
        );
        assert_eq!(found("server app:3000/;"), ["invalid host in upstream \"app:3000/\""]);
        assert_eq!(found("server app:80a;"), ["invalid port in upstream \"app:80a\""]);
        assert_eq!(found("server app weight=0;"), ["invalid parameter \"weight=0\""]);
        assert_eq!(
            found("server app fail_timeout=10x;"),
            ["invalid parameter \"fail_timeout=10x\""]
        );
        assert_eq!(found("server app:80a bakup;"), ["invalid parameter \"bakup\""]);
    }

    #[test]
    fn near_misses_stay_clean() {
        for line in [
            "server app:3000;",
            "server 10.0.0.1:3000 weight=5 max_fails=3 fail_timeout=30s max_conns=100;",
            "server unix:/run/app.sock backup;",
            "server [::1]:3000 down;",
            "server app.internal;",
        ] {
            assert!(found(line).is_empty(), "{line}");
        }
        // The http server block is not an upstream server.
        assert!(hits(&wrap("    server {\n        listen 80;\n    }"), RULE).is_empty());
        for seed in [crate::reference::FRONTEND_NGINX, crate::reference::BACKEND_NGINX] {
            assert!(hits(seed, RULE).is_empty());
        }
    }
}
