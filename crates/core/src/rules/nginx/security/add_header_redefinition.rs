use crate::diagnostic::{Diagnostic, Fix, Span, TextEdit};
use crate::nginx::directives::context;
use crate::nginx::tree::Tree;
use crate::rules::declare_rule;
use crate::rules::nginx::Cx;

declare_rule! {
    /// Reports a `server`, `location` or `if` block whose own `add_header`
    /// makes nginx drop every `add_header` of the enclosing blocks, and names
    /// the headers lost.
    ///
    /// # Why it matters
    /// nginx inherits `add_header` only into blocks that have none of their
    /// own. One `add_header Cache-Control no-store;` in a location silently
    /// removes the security headers set in `http` or `server` (HSTS,
    /// `X-Frame-Options`, `Content-Security-Policy`) from every response of
    /// that location, and nothing warns about it.
    ///
    /// # Example
    /// ```nginx
    /// http {
    ///     add_header X-Frame-Options SAMEORIGIN;
    ///     server {
    ///         location /api/ {
    ///             add_header Cache-Control no-store;
    ///             proxy_pass http://app:8080;
    ///         }
    ///     }
    /// }
    /// ```
    /// Responses from `/api/` carry `Cache-Control` but no `X-Frame-Options`.
    ///
    /// # Fix
    /// Repeat the inherited headers in the inner block (the quick fix copies
    /// them), or keep the shared headers in a file that every level
    /// `include`s next to its own.
    pub static RULE = {
        id: "nginx/add-header-redefinition",
        severity: Warning,
        summary: "An add_header that stops the enclosing blocks' add_header headers being sent",
    }
}

pub fn check(cx: &Cx, out: &mut Vec<Diagnostic>) {
    let tree = cx.tree;
    for (index, node) in tree.iter() {
        let (Some(parent), Some(ctx)) = (node.parent, node.context) else {
            continue;
        };
        let opens_level = match node.name() {
            "server" => ctx == context::HTTP,
            "location" => ctx & (context::SERVER | context::LOCATION) != 0,
            "if" => ctx == context::LOCATION,
            _ => false,
        };
        if !opens_level || node.directive.block.is_none() {
            continue;
        }
        let own = accepted_headers(tree, tree.children_named(Some(index), "add_header").collect());
        let Some(&first) = own.first() else {
            continue;
        };
        // An included file may repeat the shared headers (the usual cure);
        // what it holds is not known here.
        if tree.children_named(Some(index), "include").next().is_some() {
            continue;
        }
        let inherited = accepted_headers(tree, tree.in_effect(parent, "add_header"));
        let mut lost: Vec<usize> = Vec::new();
        for &i in &inherited {
            let name = header_name(tree, i);
            let redefined = own.iter().any(|&o| header_name(tree, o).eq_ignore_ascii_case(name));
            let listed = lost.iter().any(|&l| header_name(tree, l).eq_ignore_ascii_case(name));
            if !redefined && !listed {
                lost.push(i);
            }
        }
        let Some(&from) = lost.first() else {
            continue;
        };
        let names: Vec<&str> = lost.iter().map(|&i| header_name(tree, i)).collect();
        let level = tree.node(from).parent.map_or("main".to_owned(), |p| {
            let block = tree.node(p);
            match block.name() {
                "location" => format!("location {}", block.args().collect::<Vec<_>>().join(" ")),
                name => name.to_owned(),
            }
        });
        let first_directive = tree.node(first).directive;
        let message = format!(
            "add_header in this {} drops the headers inherited from {level}: {}",
            node.name(),
            names.join(", ")
        );
        let mut diagnostic = Diagnostic::at(&RULE, cx.source, first_directive.name_span, message).with_help(format!(
            "nginx inherits add_header only into blocks with none of their own: repeat {} here.",
            if names.len() == 1 { "it" } else { "them" }
        ));
        if let Some(fix) = repeat_fix(cx.source.text, tree, &lost, first_directive.name_span.start) {
            diagnostic = diagnostic.with_fix(fix);
        }
        out.push(diagnostic);
    }
}

/// The add_header directives nginx accepted (the others get their own error).
fn accepted_headers(tree: &Tree, indices: Vec<usize>) -> Vec<usize> {
    indices
        .into_iter()
        .filter(|&i| tree.node(i).accepted().is_some())
        .collect()
}

fn header_name<'t>(tree: &'t Tree, index: usize) -> &'t str {
    tree.node(index).arg(0).unwrap_or("")
}

/// Copies of the lost directives, as written, inserted before the block's
/// first add_header with its indentation.
fn repeat_fix(text: &str, tree: &Tree, lost: &[usize], at: usize) -> Option<Fix> {
    let line_start = text.get(..at)?.rfind('\n').map_or(0, |n| n + 1);
    let indent = text.get(line_start..at)?;
    // On a line of its own, each copy gets a line of its own; inside a
    // one-line block, a space keeps it one line.
    let separator = if indent.chars().all(|c| c == ' ' || c == '\t') {
        format!("\n{indent}")
    } else {
        " ".to_owned()
    };
    let mut copies = String::new();
    for &i in lost {
        let directive = tree.node(i).directive;
        let end = directive.terminator?.end;
        copies.push_str(text.get(directive.name_span.start..end)?);
        copies.push_str(&separator);
    }
    Some(Fix {
        title: "Repeat the inherited add_header directives here".into(),
        edits: vec![TextEdit {
            span: Span::new(at, at),
            text: copies,
        }],
        safe: false,
    })
}

#[cfg(test)]
mod tests {
    use crate::json_edit::apply;
    use crate::reference::{BACKEND_NGINX, FRONTEND_NGINX};
    use crate::rules::nginx::fixtures::{hits, wrap};

    const RULE: &str = "nginx/add-header-redefinition";

    #[test]
    fn names_the_headers_a_location_loses() {
        let text = wrap(concat!(
            "    add_header X-Frame-Options SAMEORIGIN;\n",
            "    add_header X-Content-Type-Options nosniff always;\n",
            "    server {\n",
            "        listen 80;\n",
            "        location /api/ {\n",
            "            add_header Cache-Control no-store;\n",
            "            add_header x-frame-options DENY;\n",
            "        }\n",
            "    }",
        ));
        let found = hits(&text, RULE);
        assert_eq!(found.len(), 1);
        assert_eq!(
            found[0].message,
            "add_header in this location drops the headers inherited from http: X-Content-Type-Options"
        );
        assert_eq!(found[0].line, 9);
        assert_eq!(&text[found[0].span.start..found[0].span.end], "add_header");
        let fixed = apply(&text, &found[0].fix.clone().unwrap().edits);
        assert!(fixed.contains(concat!(
            "        location /api/ {\n",
            "            add_header X-Content-Type-Options nosniff always;\n",
            "            add_header Cache-Control no-store;\n",
        )));
        assert!(hits(&fixed, RULE).is_empty());
    }

    #[test]
    fn follows_server_location_and_if_levels() {
        let text = wrap(concat!(
            "    server {\n",
            "        listen 80;\n",
            "        add_header A 1;\n",
            "        location / {\n",
            "            add_header B 2;\n",
            "            location /x/ { add_header C 3; }\n",
            "            if ($arg_x) { add_header D 4; }\n",
            "        }\n",
            "    }",
        ));
        let found: Vec<(usize, String)> = hits(&text, RULE).into_iter().map(|d| (d.line, d.message)).collect();
        assert_eq!(
            found,
            [
                (
                    8,
                    "add_header in this location drops the headers inherited from server: A".to_owned()
                ),
                (
                    9,
                    "add_header in this location drops the headers inherited from location /: B".to_owned()
                ),
                (
                    10,
                    "add_header in this if drops the headers inherited from location /: B".to_owned()
                ),
            ]
        );
    }

    #[test]
    fn the_fix_keeps_a_one_line_block_on_one_line() {
        let text = wrap("    add_header A 1;\n    add_header B \"2 3\";\n    server { listen 80; add_header C 4; }");
        let found = hits(&text, RULE);
        let fixed = apply(&text, &found[0].fix.clone().unwrap().edits);
        assert!(fixed.contains("server { listen 80; add_header A 1; add_header B \"2 3\"; add_header C 4; }"));
    }

    #[test]
    fn stays_quiet_when_inner_blocks_repeat_include_or_add_nothing() {
        let text = wrap(concat!(
            "    add_header X-Frame-Options SAMEORIGIN;\n",
            "    server {\n",
            "        listen 80;\n",
            "        location / { proxy_pass http://app:3000; }\n",
            "        location /static/ {\n",
            "            add_header X-Frame-Options SAMEORIGIN;\n",
            "            add_header Cache-Control \"public, max-age=31536000\";\n",
            "        }\n",
            "    }\n",
            "    server { listen 81; }\n",
            "    server { listen 82; include security-headers.conf; add_header X-Robots-Tag noindex; }",
        ));
        assert!(hits(&text, RULE).is_empty(), "{:#?}", hits(&text, RULE));
    }

    #[test]
    fn stays_quiet_on_the_seeds() {
        // Both seeds set their headers in http only; no server or location
        // adds any of its own, so all four reach every response.
        assert!(hits(FRONTEND_NGINX, RULE).is_empty());
        assert!(hits(BACKEND_NGINX, RULE).is_empty());
    }
}
