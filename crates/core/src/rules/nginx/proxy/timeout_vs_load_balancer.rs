use crate::diagnostic::{Diagnostic, Fix, Severity, TextEdit};
use crate::nginx::value::parse_time;
use crate::rules::declare_rule;
use crate::rules::nginx::Cx;

declare_rule! {
    /// Compares nginx's timeouts with the load balancer's idle timeout (60
    /// seconds on an AWS ALB unless changed): a `keepalive_timeout` that is
    /// not longer than it (warning), and a `proxy_read_timeout` or
    /// `proxy_send_timeout` longer than it (info).
    ///
    /// # Why it matters
    /// The ALB keeps connections to its targets open and reuses them. If
    /// nginx closes an idle connection first (`keepalive_timeout` of 60 s or
    /// less), a request the ALB sends on it at that moment meets a closed
    /// socket and the client gets an intermittent 502 that never shows in
    /// nginx's logs. The target's keep-alive must be longer than the ALB's
    /// idle timeout.
    ///
    /// The other way round, a request that waits longer than the idle
    /// timeout for the app is answered `504 Gateway Timeout` by the ALB, so
    /// a `proxy_read_timeout 300s` only keeps nginx and the app busy for a
    /// client that is already gone.
    ///
    /// # Example
    /// ```nginx
    /// keepalive_timeout 30s;
    /// proxy_read_timeout 300s;
    /// ```
    ///
    /// # Fix
    /// Keep `keepalive_timeout` above the ALB's idle timeout
    /// (`keepalive_timeout 75s;`). For slow requests, raise the ALB's idle
    /// timeout (`idle_timeout.timeout_seconds`) together with
    /// `proxy_read_timeout`, or keep the proxy timeouts at 60 s or less.
    pub static RULE = {
        id: "nginx/timeout-vs-load-balancer",
        severity: Warning,
        summary: "keepalive_timeout not above, or proxy timeouts above, the load balancer's idle timeout",
    }
}

/// An ALB's idle timeout unless the load balancer's attribute changes it.
const IDLE_MS: u64 = 60_000;

pub fn check(cx: &Cx, out: &mut Vec<Diagnostic>) {
    for (_, node) in cx.tree.iter() {
        let name = node.name();
        if !node.in_http() || !matches!(name, "keepalive_timeout" | "proxy_read_timeout" | "proxy_send_timeout") {
            continue;
        }
        let Some(arg) = node.directive.args.first() else {
            continue;
        };
        // These directives are read in milliseconds (ngx_conf_set_msec_slot);
        // a value nginx rejects is nginx/invalid-size-or-time's to report.
        let Some(ms) = parse_time(&arg.value, false).and_then(|ms| u64::try_from(ms).ok()) else {
            continue;
        };
        let value = arg.value.as_ref();
        if name == "keepalive_timeout" {
            // 0 turns keep-alive off: nginx says "Connection: close" and the
            // ALB does not reuse the connection.
            if ms == 0 || ms > IDLE_MS {
                continue;
            }
            out.push(
                Diagnostic::at(
                    &RULE,
                    cx.source,
                    arg.span,
                    format!("keepalive_timeout {value} is not longer than the load balancer's 60 s idle timeout, so nginx may close a connection the load balancer is about to reuse"),
                )
                .with_help("Set it above the load balancer's idle timeout, e.g. \"keepalive_timeout 75s;\", so the load balancer always closes idle connections first.")
                .with_fix(Fix {
                    title: "Set keepalive_timeout to 75s".to_owned(),
                    edits: vec![TextEdit { span: arg.span, text: "75s".to_owned() }],
                    safe: false,
                }),
            );
        } else if ms > IDLE_MS {
            let mut diagnostic = Diagnostic::at(
                &RULE,
                cx.source,
                arg.span,
                format!("{name} {value} is longer than the load balancer's 60 s idle timeout, which answers 504 first"),
            )
            .with_help(format!(
                "Raise the load balancer's idle timeout (idle_timeout.timeout_seconds) to match, or set {name} to 60s or less."
            ));
            // Wasted waiting, not failed requests.
            diagnostic.severity = Severity::Info;
            out.push(diagnostic);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::diagnostic::Severity;
    use crate::reference::{BACKEND_NGINX, FRONTEND_NGINX};
    use crate::rules::nginx::fixtures::{hits, wrap};

    const ID: &str = "nginx/timeout-vs-load-balancer";

    #[test]
    fn warns_on_keepalive_at_or_below_the_idle_timeout() {
        let text = wrap("keepalive_timeout 60;\nserver {\nkeepalive_timeout 30s 30s;\n}");
        let found = hits(&text, ID);
        let lines: Vec<usize> = found.iter().map(|d| d.line).collect();
        assert_eq!(lines, [4, 6]);
        assert_eq!(found[0].severity, Severity::Warning);
        assert_eq!(
            found[0].message,
            "keepalive_timeout 60 is not longer than the load balancer's 60 s idle timeout, so nginx may close a connection the load balancer is about to reuse"
        );
        assert_eq!(found[1].fix.as_ref().unwrap().edits[0].text, "75s");
    }

    #[test]
    fn informs_on_proxy_timeouts_above_the_idle_timeout() {
        let text = wrap("server {\nlocation / {\nproxy_read_timeout 5m;\nproxy_send_timeout 60s;\nproxy_pass http://app:8080;\n}\n}");
        let found = hits(&text, ID);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].line, 6);
        assert_eq!(found[0].severity, Severity::Info);
        assert_eq!(
            found[0].message,
            "proxy_read_timeout 5m is longer than the load balancer's 60 s idle timeout, which answers 504 first"
        );
    }

    #[test]
    fn stays_quiet_on_the_seeds_keepalive_90_and_on_zero() {
        assert!(hits(BACKEND_NGINX, ID).is_empty());
        assert!(hits(FRONTEND_NGINX, ID).is_empty());
        let text = wrap("keepalive_timeout 75s;\nserver {\nkeepalive_timeout 0;\nlocation / { proxy_read_timeout 60s; proxy_pass http://app; }\n}");
        assert!(hits(&text, ID).is_empty());
    }
}
