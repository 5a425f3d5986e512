use super::{is_repeat, read_by};
use crate::diagnostic::Diagnostic;
use crate::nginx::directives::Setter;
use crate::rules::declare_rule;
use crate::rules::nginx::Cx;

declare_rule! {
    /// Reports an on/off directive given anything but `on` or `off`:
    /// `invalid value "yes" in "sendfile" directive, it must be "on" or "off"`.
    ///
    /// # Why it matters
    /// nginx refuses to start. nginx takes neither `yes`/`no` nor
    /// `true`/`false` nor `1`/`0` for its switches (upper case is fine).
    ///
    /// # Example
    /// ```nginx
    /// sendfile yes;
    /// ```
    ///
    /// # Fix
    /// Write `on` or `off`.
    pub static RULE = {
        id: "nginx/invalid-flag-value",
        severity: Error,
        summary: "An on/off directive with a value other than on or off",
    }
}

pub fn check(cx: &Cx, out: &mut Vec<Diagnostic>) {
    for (index, node, _) in read_by(cx, &[Setter::Flag]) {
        let Some(arg) = node.directive.args.first() else {
            continue;
        };
        let value = arg.value.as_ref();
        if value.eq_ignore_ascii_case("on") || value.eq_ignore_ascii_case("off") || is_repeat(cx, index) {
            continue;
        }
        out.push(Diagnostic::at(
            &RULE,
            cx.source,
            arg.span,
            format!(
                "invalid value \"{value}\" in \"{}\" directive, it must be \"on\" or \"off\"",
                node.name()
            ),
        ));
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::nginx::fixtures::{hits, wrap};

    const RULE: &str = "nginx/invalid-flag-value";

    #[test]
    fn triggers_on_words_nginx_does_not_take() {
        let text = wrap("    sendfile yes;\n    server {\n        ssl 1;\n    }");
        let found = hits(&text, RULE);
        assert_eq!(found.len(), 2);
        assert_eq!(
            found[0].message,
            "invalid value \"yes\" in \"sendfile\" directive, it must be \"on\" or \"off\""
        );
        assert_eq!(found[0].line, 4);
        assert_eq!(&text[found[0].span.start..found[0].span.end], "yes");
        assert_eq!(
            found[1].message,
            "invalid value \"1\" in \"ssl\" directive, it must be \"on\" or \"off\""
        );
        // A TAKE1 directive that nginx reads with the flag setter all the same.
        assert_eq!(hits(&wrap("    uwsgi_cache_background_update true;"), RULE).len(), 1);
    }

    #[test]
    fn near_misses_stay_clean() {
        for body in [
            "    sendfile ON;",
            "    sendfile \"off\";",
            "    gzip_static always;",
            "    sendfile;",
            "    sendfile on; sendfile maybe;",
            "    server { location / { tcp_nopush Off; } }",
        ] {
            assert!(hits(&wrap(body), RULE).is_empty(), "{body}");
        }
        // Not accepted by the handler: one error, from invalid-argument-count.
        assert!(hits(&wrap("    sendfile on off;"), RULE).is_empty());
    }

    #[test]
    fn stays_quiet_on_the_seeds() {
        for seed in [crate::reference::FRONTEND_NGINX, crate::reference::BACKEND_NGINX] {
            assert!(hits(seed, RULE).is_empty());
        }
    }
}
