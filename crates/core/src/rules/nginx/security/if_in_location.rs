use crate::diagnostic::Diagnostic;
use crate::nginx::directives::context;
use crate::nginx::tree::Node;
use crate::rules::declare_rule;
use crate::rules::nginx::Cx;

declare_rule! {
    /// Reports an `if` in a location that does more than `return`,
    /// `rewrite … last` (or `break`, `redirect`, `permanent`) and `set`:
    /// the "if is evil" pitfall.
    ///
    /// # Why it matters
    /// nginx runs `if` while rewriting the request, and when the condition
    /// holds it serves the request with a separate configuration built for
    /// the `if` block. Directives of other modules inside it then behave in
    /// surprising ways: `add_header` in the `if` replaces the location's
    /// headers, `try_files` of the location is skipped, and of two true `if`s
    /// only the last one's directives count. Security headers or access
    /// checks quietly stop applying to exactly the requests that matched.
    ///
    /// # Example
    /// ```nginx
    /// location / {
    ///     if ($http_x_debug) {
    ///         add_header X-Debug on;
    ///     }
    ///     try_files $uri /index.html;
    /// }
    /// ```
    ///
    /// # Fix
    /// Keep only `return`, `rewrite … last` and `set` inside the `if`; pick
    /// values with a `map` and set them outside it, or move the variant into
    /// a location of its own.
    pub static RULE = {
        id: "nginx/if-in-location",
        severity: Warning,
        summary: "An if in a location with directives other than return, rewrite and set",
    }
}

pub fn check(cx: &Cx, out: &mut Vec<Diagnostic>) {
    let tree = cx.tree;
    for (index, node) in tree.named_in("if", context::LOCATION) {
        if node.directive.block.is_none() {
            continue;
        }
        let offending: Vec<&Node> = tree
            .children(Some(index))
            .map(|i| tree.node(i))
            .filter(|n| !is_predictable(n))
            .collect();
        let Some(first) = offending.first() else {
            continue;
        };
        let mut names: Vec<&str> = Vec::new();
        for n in &offending {
            if !names.contains(&n.name()) {
                names.push(n.name());
            }
        }
        let listed = match names.split_last() {
            Some((last, [])) => (*last).to_owned(),
            Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
            None => String::new(),
        };
        out.push(
            Diagnostic::at(
                &RULE,
                cx.source,
                first.directive.name_span,
                format!("{listed} inside an if in a location may apply wrongly or not at all"),
            )
            .with_help(
                "Keep only return, rewrite … last and set in the if; choose values with a map, or use a separate location.",
            ),
        );
    }
}

/// The rewrite module's own directives, which run while the if is evaluated.
fn is_predictable(node: &Node) -> bool {
    match node.name() {
        "return" | "set" | "break" | "rewrite_log" | "uninitialized_variable_warn" => true,
        // A rewrite that ends the rewriting: with a flag that stops or
        // redirects, or an absolute replacement (a redirect).
        "rewrite" => {
            matches!(node.arg(2), Some("last" | "break" | "redirect" | "permanent"))
                || node
                    .arg(1)
                    .is_some_and(|r| r.starts_with("http://") || r.starts_with("https://") || r.starts_with("$scheme"))
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use crate::reference::{BACKEND_NGINX, FRONTEND_NGINX};
    use crate::rules::nginx::fixtures::{hits, wrap};

    const RULE: &str = "nginx/if-in-location";

    fn location(body: &str) -> String {
        wrap(&format!(
            "    server {{\n        listen 80;\n        location / {{\n{body}\n        }}\n    }}"
        ))
    }

    #[test]
    fn triggers_on_other_modules_directives() {
        let text = location(concat!(
            "            if ($http_x_debug) {\n",
            "                set $debug 1;\n",
            "                add_header X-Debug on;\n",
            "                proxy_pass http://debug:3000;\n",
            "                add_header X-Other 1;\n",
            "            }\n",
            "            if ($arg_x) { rewrite ^ /x; }",
        ));
        let found = hits(&text, RULE);
        assert_eq!(found.len(), 2);
        assert_eq!(
            found[0].message,
            "add_header and proxy_pass inside an if in a location may apply wrongly or not at all"
        );
        assert_eq!(found[0].line, 9);
        assert_eq!(&text[found[0].span.start..found[0].span.end], "add_header");
        assert_eq!(
            found[1].message,
            "rewrite inside an if in a location may apply wrongly or not at all"
        );
    }

    #[test]
    fn stays_quiet_on_return_rewrite_last_and_set_and_on_if_in_server() {
        let text = location(concat!(
            "            if ($request_method = POST) { return 405; }\n",
            "            if ($arg_v) { set $v $arg_v; rewrite ^/(.*)$ /v2/$1 last; }\n",
            "            if ($http_x_old) { rewrite ^ https://new.example.com$request_uri permanent; }",
        ));
        let text = text.replace(
            "listen 80;",
            "listen 80;\n        if ($host = old.example.com) { return 301 https://new.example.com; }",
        );
        assert!(hits(&text, RULE).is_empty(), "{:#?}", hits(&text, RULE));
    }

    #[test]
    fn stays_quiet_on_the_seeds() {
        // The frontend's if only returns 444 for unexpected methods.
        assert!(hits(FRONTEND_NGINX, RULE).is_empty());
        assert!(hits(BACKEND_NGINX, RULE).is_empty());
    }
}
