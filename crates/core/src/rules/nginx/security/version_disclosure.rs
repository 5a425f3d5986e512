use crate::diagnostic::{Diagnostic, Fix, Severity, Span, TextEdit};
use crate::nginx::directives::context;
use crate::rules::declare_rule;
use crate::rules::nginx::Cx;

declare_rule! {
    /// Reports `server_tokens on` (or `build`), and, as information, an
    /// `http` block that never turns `server_tokens` off (it is on by
    /// default).
    ///
    /// # Why it matters
    /// nginx then names its exact version in the `Server` header of every
    /// response and at the foot of its error pages. A scanner that sees
    /// `nginx/1.22.1` looks up that version's known vulnerabilities instead
    /// of probing blindly; hiding the version costs nothing.
    ///
    /// # Example
    /// ```nginx
    /// http {
    ///     server_tokens on;
    /// }
    /// ```
    ///
    /// # Fix
    /// Put `server_tokens off;` in `http` (the quick fix does), and remove
    /// any `server_tokens on` further in.
    pub static RULE = {
        id: "nginx/version-disclosure",
        severity: Warning,
        summary: "server_tokens left on: the nginx version in every response",
    }
}

pub fn check(cx: &Cx, out: &mut Vec<Diagnostic>) {
    let tree = cx.tree;
    for (_, node) in tree.named("server_tokens") {
        let Some(arg) = node.directive.args.first() else {
            continue;
        };
        if node.accepted().is_none() || !matches!(arg.value.as_ref(), "on" | "build") {
            continue;
        }
        out.push(
            Diagnostic::at(
                &RULE,
                cx.source,
                arg.span,
                format!(
                    "server_tokens {} shows the nginx version in the Server header and error pages",
                    arg.value
                ),
            )
            .with_help("Use server_tokens off.")
            .with_fix(Fix {
                title: "Turn server_tokens off".into(),
                edits: vec![TextEdit {
                    span: arg.span,
                    text: "off".into(),
                }],
                safe: false,
            }),
        );
    }
    for (http, node) in tree.named_in("http", context::MAIN) {
        let Some(block) = &node.directive.block else {
            continue;
        };
        if tree.children_named(Some(http), "server_tokens").next().is_some() {
            continue;
        }
        let servers: Vec<usize> = tree.children_named(Some(http), "server").collect();
        let every_server_sets_it = !servers.is_empty()
            && servers
                .iter()
                .all(|&s| tree.children_named(Some(s), "server_tokens").next().is_some());
        if every_server_sets_it {
            continue;
        }
        let indent = tree
            .children(Some(http))
            .next()
            .and_then(|first| {
                let start = tree.node(first).directive.name_span.start;
                let text = cx.source.text.get(..start)?;
                let line = &text[text.rfind('\n').map_or(0, |n| n + 1)..];
                line.chars().all(|c| c == ' ' || c == '\t').then_some(line)
            })
            .unwrap_or("    ");
        let mut diagnostic = Diagnostic::at(
            &RULE,
            cx.source,
            node.directive.name_span,
            "http does not set server_tokens off, so nginx shows its version in the Server header and error pages",
        )
        .with_help("Add server_tokens off; to http (unless an included file already does).")
        .with_fix(Fix {
            title: "Add server_tokens off".into(),
            edits: vec![TextEdit {
                span: Span::new(block.open.end, block.open.end),
                text: format!("\n{indent}server_tokens off;"),
            }],
            safe: false,
        });
        diagnostic.severity = Severity::Info;
        out.push(diagnostic);
    }
}

#[cfg(test)]
mod tests {
    use crate::diagnostic::Severity;
    use crate::json_edit::apply;
    use crate::reference::{BACKEND_NGINX, FRONTEND_NGINX};
    use crate::rules::nginx::fixtures::{hits, wrap};

    const RULE: &str = "nginx/version-disclosure";

    #[test]
    fn warns_on_server_tokens_turned_on() {
        let text = wrap("    server_tokens off;\n    server {\n        listen 80;\n        server_tokens on;\n    }");
        let found = hits(&text, RULE);
        assert_eq!(found.len(), 1);
        assert_eq!(
            found[0].message,
            "server_tokens on shows the nginx version in the Server header and error pages"
        );
        assert_eq!(found[0].severity, Severity::Warning);
        assert_eq!(found[0].line, 7);
        assert_eq!(&text[found[0].span.start..found[0].span.end], "on");
    }

    #[test]
    fn informs_when_nothing_turns_it_off() {
        let text = wrap("    server {\n        listen 80;\n    }");
        let found = hits(&text, RULE);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].severity, Severity::Info);
        assert_eq!(found[0].line, 3);
        assert_eq!(
            found[0].message,
            "http does not set server_tokens off, so nginx shows its version in the Server header and error pages"
        );
        let fixed = apply(&text, &found[0].fix.clone().unwrap().edits);
        assert!(fixed.contains("http {\n    server_tokens off;\n    server {"));
        assert!(hits(&fixed, RULE).is_empty());
    }

    #[test]
    fn stays_quiet_when_off_in_http_or_in_every_server() {
        assert!(hits(&wrap("    server_tokens off;"), RULE).is_empty());
        let text = wrap("    server { listen 80; server_tokens off; }\n    server { listen 81; server_tokens off; }");
        assert!(hits(&text, RULE).is_empty());
    }

    #[test]
    fn stays_quiet_on_the_seeds() {
        // Both seeds put server_tokens off in http.
        assert!(hits(FRONTEND_NGINX, RULE).is_empty());
        assert!(hits(BACKEND_NGINX, RULE).is_empty());
    }
}
