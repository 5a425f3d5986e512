use std::collections::HashSet;

use crate::diagnostic::{Diagnostic, Span};
use crate::nginx::tree::Node;
use crate::rules::declare_rule;
use crate::rules::nginx::Cx;

declare_rule! {
    /// Reports a second prefix or exact `location` with the same path in the
    /// same `server` (or the same enclosing location): `duplicate location "/"`.
    ///
    /// `location /a` and `location ^~ /a` count as the same (both are prefix
    /// locations); `location = /a` is a different one. Regex and named
    /// locations may repeat, and nginx then uses the first.
    ///
    /// # Why it matters
    /// nginx refuses to start. Usually a block was copied to change one of its
    /// settings and the original left behind.
    ///
    /// # Example
    /// ```nginx
    /// server {
    ///     location / { proxy_pass http://app; }
    ///     location / { return 404; }
    /// }
    /// ```
    ///
    /// # Fix
    /// Merge the two blocks into one.
    pub static RULE = {
        id: "nginx/duplicate-location",
        severity: Error,
        summary: "Two prefix or exact locations with the same path in one block",
    }
}

#[derive(PartialEq, Eq, Hash)]
enum Kind {
    Exact,
    Prefix,
}

/// The kind and path nginx sorts a location by (ngx_http_core_location),
/// or None for regex, named and malformed ones, which it never compares.
fn key<'n>(node: &'n Node) -> Option<(Kind, &'n str)> {
    match (node.arg(0)?, node.arg(1)) {
        ("=", Some(path)) => Some((Kind::Exact, path)),
        ("^~", Some(path)) => Some((Kind::Prefix, path)),
        (_, Some(_)) => None,
        (one, None) => {
            if let Some(path) = one.strip_prefix('=') {
                Some((Kind::Exact, path))
            } else if let Some(path) = one.strip_prefix("^~") {
                Some((Kind::Prefix, path))
            } else if one.starts_with('~') || one.starts_with('@') {
                None
            } else {
                Some((Kind::Prefix, one))
            }
        }
    }
}

pub fn check(cx: &Cx, out: &mut Vec<Diagnostic>) {
    // Each block's locations by kind and path, in one pass: a server may hold
    // thousands of them.
    let mut seen: HashSet<(Option<usize>, Kind, &str)> = HashSet::new();
    for (_, node) in cx.tree.named("location") {
        if node.accepted().is_none() {
            continue;
        }
        let Some((kind, path)) = key(node) else {
            continue;
        };
        if seen.insert((node.parent, kind, path)) {
            continue;
        }
        let directive = node.directive;
        let end = directive.args.last().map_or(directive.name_span.end, |a| a.span.end);
        out.push(Diagnostic::at(
            &RULE,
            cx.source,
            Span::new(directive.name_span.start, end),
            format!("duplicate location \"{path}\""),
        ));
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::nginx::fixtures::{hits, wrap};

    const RULE: &str = "nginx/duplicate-location";

    #[test]
    fn triggers_on_the_same_path_twice() {
        let text = wrap("    server {\n        location / { }\n        location /a { location /a/b { } location ^~ /a/b { } }\n        location = /x { }\n        location =/x { }\n        location / { }\n    }");
        let found: Vec<(String, usize)> = hits(&text, RULE).into_iter().map(|d| (d.message, d.line)).collect();
        assert_eq!(
            found,
            [
                ("duplicate location \"/a/b\"".to_owned(), 6),
                ("duplicate location \"/x\"".to_owned(), 8),
                ("duplicate location \"/\"".to_owned(), 9),
            ]
        );
    }

    #[test]
    fn near_misses_stay_clean() {
        for body in [
            "    server { location = /a { } location /a { } }",
            "    server { location ~ a { } location ~ a { } }",
            "    server { location @a { } location @a { } }",
            "    server { location /a { } location /A { } }",
            "    server { location / { } } server { location / { } }",
            "    server { location /a { location /a/b { } } location /c { location /a/b { } } }",
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
