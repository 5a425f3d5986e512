use super::{is_repeat, read_by};
use crate::diagnostic::{Diagnostic, Span};
use crate::nginx::directives::Setter;
use crate::rules::declare_rule;
use crate::rules::nginx::Cx;

declare_rule! {
    /// Reports a second occurrence, in the same block, of a directive that
    /// holds a single value: `"sendfile" directive is duplicate`.
    ///
    /// nginx refuses these for every directive it reads with one of its
    /// generic setters (switches, numbers, sizes, times, single words and
    /// paths). Directives that collect values (`add_header`,
    /// `proxy_set_header`, `proxy_hide_header`) may repeat, and a nested
    /// `location` or `if` is a block of its own.
    ///
    /// # Why it matters
    /// nginx refuses to start. Usually a setting was changed by adding a line
    /// instead of editing the existing one, often far apart in a long block.
    ///
    /// # Example
    /// ```nginx
    /// http {
    ///     client_max_body_size 1m;
    ///     client_max_body_size 10m;
    /// }
    /// ```
    ///
    /// # Fix
    /// Keep one of the two lines.
    pub static RULE = {
        id: "nginx/duplicate-directive",
        severity: Error,
        summary: "A single-valued directive set twice in the same block",
    }
}

const SETTERS: &[Setter] = &[
    Setter::Flag,
    Setter::Str,
    Setter::Num,
    Setter::Size,
    Setter::Off,
    Setter::Msec,
    Setter::Sec,
    Setter::Bufs,
    Setter::Enum,
    Setter::Path,
    Setter::Access,
];

pub fn check(cx: &Cx, out: &mut Vec<Diagnostic>) {
    for (index, node, _) in read_by(cx, SETTERS) {
        if !is_repeat(cx, index) {
            continue;
        }
        let directive = node.directive;
        let end = directive.args.last().map_or(directive.name_span.end, |a| a.span.end);
        out.push(Diagnostic::at(
            &RULE,
            cx.source,
            Span::new(directive.name_span.start, end),
            format!("\"{}\" directive is duplicate", node.name()),
        ));
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::nginx::fixtures::{hits, wrap};

    const RULE: &str = "nginx/duplicate-directive";

    #[test]
    fn triggers_on_a_second_occurrence_in_one_block() {
        let text =
            wrap("    sendfile on;\n    server {\n        listen 80;\n    }\n    sendfile off;\n    sendfile on;");
        let found = hits(&text, RULE);
        assert_eq!(found.len(), 2);
        assert_eq!(found[0].message, "\"sendfile\" directive is duplicate");
        assert_eq!(found[0].line, 8);
        assert_eq!(found[1].line, 9);
        let text = wrap("    server {\n        location / {\n            proxy_read_timeout 5s;\n            proxy_read_timeout 6s;\n        }\n    }");
        assert_eq!(
            hits(&text, RULE)[0].message,
            "\"proxy_read_timeout\" directive is duplicate"
        );
        assert_eq!(hits(&wrap("    default_type a/b; default_type c/d;"), RULE).len(), 1);
        assert_eq!(
            hits(&wrap("    proxy_http_version 1.0; proxy_http_version 1.1;"), RULE).len(),
            1
        );
    }

    #[test]
    fn near_misses_stay_clean() {
        for body in [
            "    add_header A 1; add_header B 2;",
            "    proxy_set_header A 1; proxy_set_header B 2;",
            "    proxy_hide_header A; proxy_hide_header B;",
            "    sendfile on; server { sendfile off; location / { sendfile on; if ($x) { sendfile off; } } }",
            "    server { location /a { gzip on; } location /b { gzip on; } }",
            "    ssl_protocols TLSv1.2; ssl_protocols TLSv1.3;",
            "    sendfile; sendfile on;",
        ] {
            assert!(hits(&wrap(body), RULE).is_empty(), "{body}");
        }
    }

    #[test]
    fn stays_quiet_on_the_seeds() {
        for seed in [crate::reference::FRONTEND_NGINX, crate::reference::BACKEND_NGINX] {
            assert!(hits(seed, RULE).is_empty());
        }
    }
}
