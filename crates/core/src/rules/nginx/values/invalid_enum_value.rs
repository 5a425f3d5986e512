use super::{is_repeat, read_by};
use crate::diagnostic::Diagnostic;
use crate::nginx::directives::{self, Setter};
use crate::rules::declare_rule;
use crate::rules::nginx::Cx;

declare_rule! {
    /// Reports a word that a directive with a fixed set of values does not
    /// know: `invalid value "2"` for `proxy_http_version 2;`, `invalid value
    /// "TLSv1.4"` in `ssl_protocols`, `invalid value "http_599"` in
    /// `proxy_next_upstream`.
    ///
    /// # Why it matters
    /// nginx refuses to start, and its message does not even name the
    /// directive: the help lists the words it accepts.
    ///
    /// # Example
    /// ```nginx
    /// proxy_http_version 2.0;
    /// ```
    ///
    /// # Fix
    /// Use one of the listed words (case does not matter).
    pub static RULE = {
        id: "nginx/invalid-enum-value",
        severity: Error,
        summary: "A value that is not one of the words the directive accepts",
    }
}

pub fn check(cx: &Cx, out: &mut Vec<Diagnostic>) {
    for (index, node, definition) in read_by(cx, &[Setter::Enum, Setter::Bitmask]) {
        let words = directives::values(definition);
        if words.is_empty() || is_repeat(cx, index) {
            continue;
        }
        // The enum setter reads one argument; the bitmask setter each in turn
        // and stops at the first it does not know.
        let read = if definition.setter == Setter::Enum {
            1
        } else {
            usize::MAX
        };
        let unknown = node
            .directive
            .args
            .iter()
            .take(read)
            .find(|arg| !words.iter().any(|w| w.eq_ignore_ascii_case(&arg.value)));
        if let Some(arg) = unknown {
            out.push(
                Diagnostic::at(&RULE, cx.source, arg.span, format!("invalid value \"{}\"", arg.value))
                    .with_help(format!("\"{}\" takes: {}.", node.name(), words.join(", "))),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::nginx::fixtures::{hits, wrap};

    const RULE: &str = "nginx/invalid-enum-value";

    #[test]
    fn triggers_on_unknown_words() {
        let text = wrap("    proxy_http_version 2.0;\n    proxy_next_upstream error http_599 foo;");
        let found = hits(&text, RULE);
        assert_eq!(found.len(), 2);
        assert_eq!(found[0].message, "invalid value \"2.0\"");
        assert_eq!(found[0].line, 4);
        assert_eq!(
            found[0].help.as_deref(),
            Some("\"proxy_http_version\" takes: 1.0, 1.1.")
        );
        assert_eq!(found[1].message, "invalid value \"http_599\"");
        assert_eq!(&text[found[1].span.start..found[1].span.end], "http_599");
        assert_eq!(
            hits(
                &wrap("    server {\n        ssl_protocols TLSv1.2 TLSv1.4;\n    }"),
                RULE
            )
            .len(),
            1
        );
    }

    #[test]
    fn near_misses_stay_clean() {
        for body in [
            "    proxy_http_version 1.1;",
            "    server_tokens BUILD;",
            "    ssl_protocols TLSv1.2 TLSv1.3;",
            "    proxy_next_upstream error timeout http_502 off;",
            "    proxy_next_upstream error error;",
            "    proxy_http_version 1.1; proxy_http_version 3;",
            "    gzip_proxied any;",
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
