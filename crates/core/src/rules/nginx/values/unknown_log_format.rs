use std::collections::HashSet;

use crate::diagnostic::Diagnostic;
use crate::rules::declare_rule;
use crate::rules::nginx::Cx;

declare_rule! {
    /// Reports an `access_log` that names a `log_format` nginx has not seen
    /// yet: `unknown log format "main"`.
    ///
    /// nginx reads the config top to bottom, so the `log_format` must come
    /// before the first `access_log` that uses it, in the same `http` (or
    /// `stream`) block. Only `combined` is predefined, and only in `http`;
    /// names compare without regard to case. A `stream` access log must name
    /// its format (`log format is not specified`).
    ///
    /// # Why it matters
    /// nginx refuses to start.
    ///
    /// # Example
    /// ```nginx
    /// http {
    ///     access_log /var/log/nginx/access.log main;
    ///     log_format main '$remote_addr "$request" $status';
    /// }
    /// ```
    ///
    /// # Fix
    /// Move the `log_format` above the `access_log`, or fix the name.
    pub static RULE = {
        id: "nginx/unknown-log-format",
        severity: Error,
        summary: "An access_log naming a log_format not defined before it",
    }
}

pub fn check(cx: &Cx, out: &mut Vec<Diagnostic>) {
    let tree = cx.tree;
    // The formats seen so far, by (http or stream block, lowercase name):
    // nginx knows only those defined above the access_log.
    let mut formats: HashSet<(usize, String)> = HashSet::new();
    for (index, node) in tree.iter() {
        let Some(definition) = node.accepted() else {
            continue;
        };
        let (block, predefined) = match definition.module {
            "ngx_http_log_module" => ("http", Some("combined")),
            "ngx_stream_log_module" => ("stream", None),
            _ => continue,
        };
        let Some(top) = tree.enclosing(index, block) else {
            continue;
        };
        match node.name() {
            "log_format" => {
                if let Some(name) = node.arg(0) {
                    formats.insert((top, name.to_ascii_lowercase()));
                }
                continue;
            }
            "access_log" => {}
            _ => continue,
        }
        if node.arg(0) == Some("off") {
            continue;
        }
        let Some(arg) = node.directive.args.get(1) else {
            if predefined.is_none() {
                out.push(Diagnostic::at(
                    &RULE,
                    cx.source,
                    node.directive.name_span,
                    "log format is not specified",
                ));
            }
            continue;
        };
        let name = arg.value.as_ref();
        let known = predefined.is_some_and(|p| p.eq_ignore_ascii_case(name))
            || formats.contains(&(top, name.to_ascii_lowercase()));
        if !known {
            out.push(Diagnostic::at(
                &RULE,
                cx.source,
                arg.span,
                format!("unknown log format \"{name}\""),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::nginx::fixtures::{hits, wrap};

    const RULE: &str = "nginx/unknown-log-format";

    #[test]
    fn triggers_on_formats_not_defined_before() {
        let text = wrap("    access_log /tmp/a.log main;\n    log_format main '$remote_addr';\n    server {\n        access_log /tmp/b.log mian;\n    }");
        let found: Vec<(String, usize)> = hits(&text, RULE).into_iter().map(|d| (d.message, d.line)).collect();
        assert_eq!(
            found,
            [
                ("unknown log format \"main\"".to_owned(), 4),
                ("unknown log format \"mian\"".to_owned(), 7),
            ]
        );
        let stream = "events { }\nstream {\n    access_log /tmp/s.log;\n    access_log /tmp/s.log combined;\n}\n";
        let found: Vec<String> = hits(stream, RULE).into_iter().map(|d| d.message).collect();
        assert_eq!(
            found,
            ["log format is not specified", "unknown log format \"combined\""]
        );
    }

    #[test]
    fn near_misses_stay_clean() {
        for body in [
            "    access_log /tmp/a.log;",
            "    access_log /tmp/a.log combined;",
            "    access_log /tmp/a.log COMBINED;",
            "    access_log off;",
            "    log_format Main '$remote_addr';\n    server { location / { access_log /tmp/a.log main buffer=32k; } }",
            "    log_format main '$remote_addr';\n    access_log syslog:server=127.0.0.1 main;",
        ] {
            assert!(hits(&wrap(body), RULE).is_empty(), "{body}");
        }
        for seed in [crate::reference::FRONTEND_NGINX, crate::reference::BACKEND_NGINX] {
            assert!(hits(seed, RULE).is_empty());
        }
    }
}
