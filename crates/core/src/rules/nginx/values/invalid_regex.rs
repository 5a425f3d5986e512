use std::ops::Range;

use super::{invalid_if_condition, span_in};
use crate::diagnostic::{Diagnostic, Span};
use crate::nginx::ast::Arg;
use crate::nginx::regex;
use crate::nginx::tree::Node;
use crate::rules::declare_rule;
use crate::rules::nginx::Cx;

declare_rule! {
    /// Reports a regular expression PCRE2 cannot compile, with nginx's
    /// message: `pcre2_compile() failed: missing closing parenthesis in
    /// "^/(api" in`. Looks at regex `location`s, `if` conditions with `~`,
    /// `rewrite`, `server_name ~...`, `map` regex keys, `proxy_redirect ~...`
    /// and `fastcgi_split_path_info`.
    ///
    /// # Why it matters
    /// nginx refuses to start.
    ///
    /// # Example
    /// ```nginx
    /// location ~ ^/(api|admin {
    ///     return 403;
    /// }
    /// ```
    ///
    /// # Fix
    /// Close every group and class; escape `(`, `)`, `[`, `{` and `\` when
    /// they are meant literally. Quote a pattern that contains `{`, `;` or
    /// spaces.
    pub static RULE = {
        id: "nginx/invalid-regex",
        severity: Error,
        summary: "A regular expression PCRE2 cannot compile",
    }
}

/// A pattern nginx compiles, and where it is in the file.
struct Pattern<'n> {
    text: &'n str,
    span: Span,
}

/// The pattern at `range` of an argument's value.
fn in_arg<'n>(cx: &Cx, arg: &'n Arg, range: Range<usize>) -> Option<Pattern<'n>> {
    Some(Pattern {
        text: arg.value.get(range.clone())?,
        span: span_in(cx, arg, range),
    })
}

/// The pattern after a `~` or `~*` prefix, if the argument has one.
fn after_tilde<'n>(cx: &Cx, arg: &'n Arg, star: bool) -> Option<Pattern<'n>> {
    let value = arg.value.as_ref();
    let skip = if star && value.starts_with("~*") {
        2
    } else if value.starts_with('~') {
        1
    } else {
        return None;
    };
    in_arg(cx, arg, skip..value.len())
}

/// The patterns nginx compiles for an accepted http directive.
fn patterns<'n>(cx: &Cx<'_, 'n, '_>, index: usize, node: &Node<'n, '_>) -> Vec<Pattern<'n>> {
    let args = &node.directive.args;
    let mut out = Vec::new();
    match node.name() {
        "location" => match (args.first(), args.get(1)) {
            (Some(m), Some(p)) if matches!(m.value.as_ref(), "~" | "~*") => {
                out.extend(in_arg(cx, p, 0..p.value.len()));
            }
            (Some(one), None) => out.extend(after_tilde(cx, one, true)),
            _ => {}
        },
        "rewrite" | "fastcgi_split_path_info" => {
            out.extend(args.first().and_then(|a| in_arg(cx, a, 0..a.value.len())));
        }
        "proxy_redirect" if args.len() == 2 => out.extend(after_tilde(cx, &args[0], true)),
        // server_name regexes are always caseless: only `~` marks them.
        "server_name" => out.extend(args.iter().filter_map(|a| after_tilde(cx, a, false))),
        "if" if invalid_if_condition::readable(node) => out.extend(if_pattern(cx, args)),
        "map" => {
            for child in cx.tree.children(Some(index)) {
                let entry = cx.tree.node(child).directive;
                let key = entry.name.as_ref();
                let skip = if key.starts_with("~*") {
                    2
                } else if key.starts_with('~') {
                    1
                } else {
                    continue;
                };
                let written = cx.source.text.get(entry.name_span.start..entry.name_span.end) == Some(key);
                out.push(Pattern {
                    text: &key[skip..],
                    span: if written {
                        Span::new(entry.name_span.start + skip, entry.name_span.end)
                    } else {
                        entry.name_span
                    },
                });
            }
        }
        _ => {}
    }
    out
}

/// The pattern of `if ($var ~ pattern)` (and `~*`, `!~`, `!~*`): the last
/// word without its `)`, or the word before a lone `)`.
fn if_pattern<'n>(cx: &Cx, args: &'n [Arg]) -> Option<Pattern<'n>> {
    let last = args.last()?;
    let (end, trim) = if last.value == ")" {
        (args.len().checked_sub(2)?, 0)
    } else {
        (args.len() - 1, usize::from(last.value.ends_with(')')))
    };
    let op = args.get(end.checked_sub(1)?)?;
    if !matches!(op.value.as_ref(), "~" | "~*" | "!~" | "!~*") {
        return None;
    }
    let pattern = &args[end];
    in_arg(cx, pattern, 0..pattern.value.len() - trim)
}

pub fn check(cx: &Cx, out: &mut Vec<Diagnostic>) {
    for (index, node) in cx.tree.iter() {
        let Some(definition) = node.accepted() else {
            continue;
        };
        if !definition.module.starts_with("ngx_http_") {
            continue;
        }
        for pattern in patterns(cx, index, node) {
            if let Err(error) = regex::parse(pattern.text) {
                out.push(Diagnostic::at(
                    &RULE,
                    cx.source,
                    pattern.span,
                    error.nginx_message(pattern.text),
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::nginx::fixtures::{hits, wrap};

    const RULE: &str = "nginx/invalid-regex";

    fn found(body: &str) -> Vec<String> {
        hits(&wrap(body), RULE).into_iter().map(|d| d.message).collect()
    }

    #[test]
    fn triggers_on_patterns_pcre_rejects() {
        let text = wrap("    server {\n        location ~ ^/(api|admin {\n        }\n    }");
        let hit = &hits(&text, RULE)[0];
        assert_eq!(
            hit.message,
            "pcre2_compile() failed: missing closing parenthesis in \"^/(api|admin\""
        );
        assert_eq!(hit.line, 5);
        assert_eq!(&text[hit.span.start..hit.span.end], "^/(api|admin");
        assert_eq!(
            found("    server { if ($uri ~ \"a)\") { return 404; } }"),
            ["pcre2_compile() failed: unmatched closing parenthesis in \"a)\" at \")\""]
        );
        assert_eq!(found("    server { if ($uri ~* [a) { return 404; } }").len(), 1);
        assert_eq!(found("    server { location ~*[a { } }").len(), 1);
        assert_eq!(found("    server { rewrite ^(x /y; }").len(), 1);
        assert_eq!(found("    server { server_name a.example ~^(www; }").len(), 1);
        assert_eq!(found("    map $uri $m { ~^(a 1; default 0; }").len(), 1);
        assert_eq!(found("    server { location / { proxy_redirect ~^(x /y; } }").len(), 1);
    }

    #[test]
    fn near_misses_stay_clean() {
        for body in [
            "    server { location ~ ^/(api|admin)/ { } location ~* \\.(png|jpe?g)$ { } location /(a { } }",
            "    server { location ^~ /( { } location = /( { } }",
            "    server { if ($request_method !~ ^(GET|HEAD|POST)$) { return 405; } }",
            "    server { if ($uri = \"(\") { return 404; } }",
            "    server { server_name (a.example; rewrite ^/(?<x>.*)$ /$x; }",
            "    map $uri $m { (a 1; \\~(b 2; }",
            "    server { location / { proxy_redirect http://(a /y; } }",
        ] {
            assert!(found(body).is_empty(), "{body}: {:?}", found(body));
        }
        for seed in [crate::reference::FRONTEND_NGINX, crate::reference::BACKEND_NGINX] {
            assert!(hits(seed, RULE).is_empty());
        }
    }
}
