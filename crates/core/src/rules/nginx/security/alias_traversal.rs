use crate::diagnostic::{Diagnostic, Fix, Span, TextEdit};
use crate::rules::declare_rule;
use crate::rules::nginx::Cx;

declare_rule! {
    /// Reports an `alias` ending in `/` inside a prefix location whose path
    /// does not: `location /files { alias /data/; }`.
    ///
    /// # Why it matters
    /// nginx replaces the location's prefix with the alias, so
    /// `/files../etc/passwd` becomes `/data/../etc/passwd`: anyone can read
    /// the directory above the alias (and with it, often the whole disk)
    /// with one request.
    ///
    /// # Example
    /// ```nginx
    /// location /files {
    ///     alias /data/;
    /// }
    /// ```
    ///
    /// # Fix
    /// End the location with a slash too: `location /files/ { alias
    /// /data/; }` (the quick fix adds it). Requests for `/files` itself then
    /// need their own `location = /files { return 301 /files/; }`.
    pub static RULE = {
        id: "nginx/alias-traversal",
        severity: Warning,
        summary: "An alias ending in a slash under a prefix location that does not, open to /prefix../",
    }
}

pub fn check(cx: &Cx, out: &mut Vec<Diagnostic>) {
    let tree = cx.tree;
    for (_, node) in tree.named("alias") {
        let (Some(alias), Some(parent)) = (node.directive.args.first(), node.parent) else {
            continue;
        };
        let location = tree.node(parent);
        if node.accepted().is_none() || location.name() != "location" || !alias.value.ends_with('/') {
            continue;
        }
        // Exact and regex locations do not strip a prefix; named ones have no path.
        let path = match location.directive.args.as_slice() {
            [path] => path,
            [modifier, path] if modifier.value == "^~" => path,
            _ => continue,
        };
        if path.value.ends_with('/') || path.value.starts_with('@') || path.value.is_empty() {
            continue;
        }
        let insert_at = if path.quote.is_some() {
            path.span.end.saturating_sub(1)
        } else {
            path.span.end
        };
        out.push(
            Diagnostic::at(
                &RULE,
                cx.source,
                path.span,
                format!(
                    "location {} lacks the trailing slash of alias {}, so {}../ reaches the directory above it",
                    path.value, alias.value, path.value
                ),
            )
            .with_help(format!("End the location with a slash: location {}/.", path.value))
            .with_fix(Fix {
                title: "Add a trailing slash to the location".into(),
                edits: vec![TextEdit {
                    span: Span::new(insert_at, insert_at),
                    text: "/".into(),
                }],
                safe: false,
            }),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::json_edit::apply;
    use crate::reference::{BACKEND_NGINX, FRONTEND_NGINX};
    use crate::rules::nginx::fixtures::{hits, wrap};

    const RULE: &str = "nginx/alias-traversal";

    fn server(body: &str) -> String {
        wrap(&format!("    server {{\n        listen 80;\n{body}\n    }}"))
    }

    #[test]
    fn triggers_on_a_prefix_location_without_its_slash() {
        let text = server("        location /files {\n            alias /data/;\n        }\n        location ^~ \"/img\" { alias /srv/img/; }");
        let found = hits(&text, RULE);
        assert_eq!(found.len(), 2);
        assert_eq!(
            found[0].message,
            "location /files lacks the trailing slash of alias /data/, so /files../ reaches the directory above it"
        );
        assert_eq!(found[0].line, 6);
        assert_eq!(&text[found[0].span.start..found[0].span.end], "/files");
        assert_eq!(found[1].line, 9);
        let mut fixed = text.clone();
        for d in found.iter().rev() {
            fixed = apply(&fixed, &d.fix.clone().unwrap().edits);
        }
        assert!(fixed.contains("location /files/ {") && fixed.contains("location ^~ \"/img/\" {"));
        assert!(hits(&fixed, RULE).is_empty());
    }

    #[test]
    fn stays_quiet_when_slashes_agree_and_on_exact_or_regex_locations() {
        let text = server(concat!(
            "        location /files/ { alias /data/; }\n",
            "        location /img { alias /srv/img; }\n",
            "        location = /favicon.ico { alias /srv/static/; }\n",
            "        location ~ ^/dl/(.+)$ { alias /srv/dl/$1; }",
        ));
        assert!(hits(&text, RULE).is_empty());
    }

    #[test]
    fn stays_quiet_on_the_seeds() {
        // The seeds proxy everything; neither serves files with alias.
        assert!(hits(FRONTEND_NGINX, RULE).is_empty());
        assert!(hits(BACKEND_NGINX, RULE).is_empty());
    }
}
