use crate::diagnostic::{Diagnostic, Fix, Span, TextEdit};
use crate::rules::declare_rule;
use crate::rules::nginx::Cx;

use super::is_security_header;

declare_rule! {
    /// Reports a security header (`Strict-Transport-Security`,
    /// `X-Frame-Options`, `X-Content-Type-Options`, `Content-Security-Policy`,
    /// `Referrer-Policy`, `Permissions-Policy`, `X-XSS-Protection`) added
    /// without `always`.
    ///
    /// # Why it matters
    /// Without `always`, nginx adds the header only to responses with status
    /// 200, 201, 204, 206, 301, 302, 303, 304, 307 or 308. Every 4xx and 5xx
    /// response (error pages, login failures, the app's own 404 page) goes
    /// out without it, so those pages can be framed or sniffed, and a scanner
    /// reports the header as missing.
    ///
    /// # Example
    /// ```nginx
    /// add_header X-Frame-Options SAMEORIGIN;
    /// ```
    ///
    /// # Fix
    /// Add `always` as the last argument:
    /// `add_header X-Frame-Options SAMEORIGIN always;`
    pub static RULE = {
        id: "nginx/header-without-always",
        severity: Info,
        summary: "A security header nginx leaves off error responses (no always)",
    }
}

pub fn check(cx: &Cx, out: &mut Vec<Diagnostic>) {
    for (_, node) in cx.tree.named("add_header") {
        let args = &node.directive.args;
        if !node.in_http() || args.len() != 2 || !is_security_header(&args[0].value) {
            continue;
        }
        let name = args[0].value.as_ref();
        let end = args[1].span.end;
        out.push(
            Diagnostic::at(
                &RULE,
                cx.source,
                Span::new(node.directive.name_span.start, end),
                format!("{name} is added without \"always\", so error responses go out without it"),
            )
            .with_help("Add \"always\" after the value so nginx adds the header to every response.")
            .with_fix(Fix {
                title: "Add \"always\"".to_owned(),
                edits: vec![TextEdit {
                    span: Span::new(end, end),
                    text: " always".to_owned(),
                }],
                safe: true,
            }),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::reference::{BACKEND_NGINX, FRONTEND_NGINX};
    use crate::rules::nginx::fixtures::{hits, wrap};

    const ID: &str = "nginx/header-without-always";

    #[test]
    fn flags_the_seeds_four_headers_with_a_fix() {
        for seed in [FRONTEND_NGINX, BACKEND_NGINX] {
            let found = hits(seed, ID);
            let lines: Vec<usize> = found.iter().map(|d| d.line).collect();
            assert_eq!(lines, [10, 11, 12, 13]);
            assert_eq!(
                found[3].message,
                "X-Frame-Options is added without \"always\", so error responses go out without it"
            );
            let edit = &found[3].fix.as_ref().unwrap().edits[0];
            let mut fixed = seed.to_owned();
            fixed.replace_range(edit.span.start..edit.span.end, &edit.text);
            assert!(fixed.contains("add_header X-Frame-Options SAMEORIGIN always;\n"));
        }
    }

    #[test]
    fn flags_quoted_values_in_locations() {
        let text = wrap("server {\nlocation / {\nadd_header Content-Security-Policy \"default-src 'self'\";\n}\n}");
        let found = hits(&text, ID);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].line, 6);
        let edit = &found[0].fix.as_ref().unwrap().edits[0];
        assert_eq!(&text[edit.span.start - 1..edit.span.start], "\"");
    }

    #[test]
    fn stays_quiet_with_always_and_on_other_headers() {
        let text = wrap(
            "add_header X-Frame-Options SAMEORIGIN always;\nadd_header Strict-Transport-Security \"max-age=63072000\" always;\nadd_header Cache-Control no-store;",
        );
        assert!(hits(&text, ID).is_empty());
    }
}
