use super::{if_condition, written_at};
use crate::diagnostic::{Diagnostic, Fix, Span, TextEdit};
use crate::nginx::regex::{self, GroupKind, Kind, Node, Sequence};
use crate::nginx::regex_lint;
use crate::rules::declare_rule;
use crate::rules::nginx::Cx;

declare_rule! {
    /// Reports a regex that checks `$http_origin` or `$http_referer` (in an
    /// `if` or a `map`) and lets other sites through: a `.` left unescaped
    /// in a host name, no `^` at the start, no `$` at the end of an origin,
    /// or a referer host not closed by `/`.
    ///
    /// # Why it matters
    /// These checks usually decide who may make credentialed cross-origin
    /// requests (CORS) or who may embed or hotlink. `^https?://example.com`
    /// also accepts `https://exampleXcom.net` and `https://example.com.evil.net`,
    /// domains anyone can register, so the attacker's page gets the
    /// `Access-Control-Allow-Origin` it needs to read your users' data.
    ///
    /// # Example
    /// ```nginx
    /// if ($http_origin ~* ^https?://(www.)?example.com) {
    ///     add_header Access-Control-Allow-Origin $http_origin;
    /// }
    /// ```
    ///
    /// # Fix
    /// Anchor both ends and escape every dot:
    /// `^https://(www\.)?example\.com$` for an origin,
    /// `^https://(www\.)?example\.com/` for a referer. The quick fixes
    /// escape the dots and add the anchors.
    pub static RULE = {
        id: "nginx/origin-regex",
        severity: Warning,
        summary: "An Origin or Referer check whose regex lets other sites through",
    }
}

pub fn check(cx: &Cx, out: &mut Vec<Diagnostic>) {
    let tree = cx.tree;
    for (index, node) in tree.iter() {
        match node.name() {
            "if" if node.context.is_some() => {
                if let [subject, op, pattern] = if_condition(&node.directive.args).as_slice() {
                    if matches!(op.value, "~" | "~*" | "!~" | "!~*") {
                        if let Some(header) = header(subject.value) {
                            let base = written_at(cx.source.text, pattern.span, pattern.value);
                            judge(cx, header, pattern.value, pattern.span, base, out);
                        }
                    }
                }
            }
            "map" => {
                let Some(header) = node.arg(0).and_then(header) else {
                    continue;
                };
                for key in tree.children(Some(index)).map(|i| tree.node(i).directive) {
                    let Some(pattern) = key.name.strip_prefix("~*").or_else(|| key.name.strip_prefix('~')) else {
                        continue;
                    };
                    let prefix = key.name.len() - pattern.len();
                    let base = written_at(cx.source.text, key.name_span, &key.name).map(|b| b + prefix);
                    judge(cx, header, pattern, key.name_span, base, out);
                }
            }
            _ => {}
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Header {
    Origin,
    Referer,
}

fn header(variable: &str) -> Option<Header> {
    let name = variable.strip_prefix('$')?;
    if name.eq_ignore_ascii_case("http_origin") {
        Some(Header::Origin)
    } else if name.eq_ignore_ascii_case("http_referer") {
        Some(Header::Referer)
    } else {
        None
    }
}

/// Reports what lets other sites through `pattern`, the token at `span`,
/// whose text starts at `base` in the file when it is written as is.
fn judge(cx: &Cx, header: Header, pattern: &str, span: Span, base: Option<usize>, out: &mut Vec<Diagnostic>) {
    let Ok(regex) = regex::parse(pattern) else {
        return;
    };
    let variable = match header {
        Header::Origin => "$http_origin",
        Header::Referer => "$http_referer",
    };
    let diagnostic = |message: String, help: &str, edit: Option<(usize, &str, &str)>| {
        let mut d = Diagnostic::at(&RULE, cx.source, span, message).with_help(help.to_owned());
        if let (Some(base), Some((at, text, title))) = (base, edit) {
            d = d.with_fix(Fix {
                title: title.to_owned(),
                edits: vec![TextEdit {
                    span: Span::new(base + at, base + at),
                    text: text.to_owned(),
                }],
                safe: true,
            });
        }
        d
    };
    let single = regex.alternatives.len() == 1;
    for (dot, before, after) in regex_lint::lone_dots(&regex) {
        out.push(diagnostic(
            format!("The . in {before}.{after} is unescaped in this {variable} regex, so {before}X{after} passes too"),
            "Escape the dot: \\.",
            Some((dot.start, "\\", "Escape the dot")),
        ));
    }
    if !regex.anchored_start() {
        out.push(diagnostic(
            format!("This {variable} regex has no ^, so a value that merely contains a match passes"),
            "Start the pattern with ^.",
            single.then_some((0, "^", "Anchor the start")),
        ));
    }
    match header {
        Header::Origin if !regex.anchored_end() => out.push(diagnostic(
            format!("This {variable} regex has no $, so an origin that merely starts with a match (….evil.net) passes"),
            "End the pattern with $.",
            (single && !pattern.ends_with('\\')).then_some((pattern.len(), "$", "Anchor the end")),
        )),
        Header::Referer if !regex.anchored_end() && !regex.alternatives.iter().all(host_closed) => {
            out.push(diagnostic(
                format!("This {variable} regex does not end the host with /, so a referer from a longer host name (….evil.net) passes"),
                "Follow the host name with / (or $).",
                (single && !pattern.ends_with('\\')).then_some((pattern.len(), "/", "End the host with /")),
            ))
        }
        _ => {}
    }
}

/// Whether the host of a URL pattern is followed by a `/` or the end: after
/// the scheme's `//`, some item must be one of them (or a group all of
/// whose branches hold one).
fn host_closed(sequence: &Sequence) -> bool {
    let literal = |n: &Node, c: char| matches!(n.kind, Kind::Literal(l) if l == c);
    let after_scheme = sequence
        .windows(3)
        .position(|w| literal(&w[0], ':') && literal(&w[1], '/') && literal(&w[2], '/'))
        .map_or(0, |at| at + 3);
    sequence.get(after_scheme..).unwrap_or(&[]).iter().any(closes)
}

fn closes(node: &Node) -> bool {
    match &node.kind {
        Kind::Literal('/') | Kind::End => true,
        Kind::Group(group) if !matches!(group.kind, GroupKind::Lookaround { .. }) => {
            group.alternatives.iter().all(|a| a.iter().any(closes))
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use crate::json_edit::apply;
    use crate::reference::{BACKEND_NGINX, FRONTEND_NGINX};
    use crate::rules::nginx::fixtures::{hits, wrap};

    const RULE: &str = "nginx/origin-regex";

    fn location(body: &str) -> String {
        wrap(&format!(
            "    server {{\n        listen 80;\n        location / {{\n{body}\n            proxy_pass http://app:3000;\n        }}\n    }}"
        ))
    }

    #[test]
    fn triggers_on_dots_and_missing_anchors_with_fixes() {
        let text = location("            if ($http_origin ~* ^https?://(www.)?example.com) {\n                add_header Access-Control-Allow-Origin $http_origin;\n            }");
        let found = hits(&text, RULE);
        let messages: Vec<&str> = found.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(
            messages,
            [
                "The . in www. is unescaped in this $http_origin regex, so wwwX passes too",
                "The . in example.com is unescaped in this $http_origin regex, so exampleXcom passes too",
                "This $http_origin regex has no $, so an origin that merely starts with a match (….evil.net) passes",
            ]
        );
        assert!(found.iter().all(|d| d.line == 7));
        assert_eq!(
            &text[found[0].span.start..found[0].span.end],
            "^https?://(www.)?example.com"
        );
        let mut fixed = text.clone();
        for d in found.iter().rev() {
            fixed = apply(&fixed, &d.fix.clone().unwrap().edits);
        }
        assert!(
            fixed.contains(r"if ($http_origin ~* ^https?://(www\.)?example\.com$) {"),
            "{fixed}"
        );
        assert!(hits(&fixed, RULE).is_empty());
    }

    #[test]
    fn triggers_on_referer_checks_and_map_keys() {
        let text = location("            if ($http_referer !~ \"https://example\\.com\") { return 403; }").replace(
            "    server {",
            "    map $http_origin $cors {\n        default \"\";\n        ~^https://app\\.example\\.com$ $http_origin;\n        ~^https://admin.example\\.com $http_origin;\n    }\n    server {",
        );
        let found: Vec<(usize, String)> = hits(&text, RULE).into_iter().map(|d| (d.line, d.message)).collect();
        assert_eq!(
            found,
            [
                (
                    7,
                    "The . in admin.example is unescaped in this $http_origin regex, so adminXexample passes too".to_owned()
                ),
                (
                    7,
                    "This $http_origin regex has no $, so an origin that merely starts with a match (….evil.net) passes".to_owned()
                ),
                (
                    12,
                    "This $http_referer regex has no ^, so a value that merely contains a match passes".to_owned()
                ),
                (
                    12,
                    "This $http_referer regex does not end the host with /, so a referer from a longer host name (….evil.net) passes".to_owned()
                ),
            ]
        );
        let fixed = hits(&text, RULE)
            .iter()
            .rev()
            .fold(text.clone(), |t, d| apply(&t, &d.fix.clone().unwrap().edits));
        assert!(
            fixed.contains(r#"if ($http_referer !~ "^https://example\.com/") { return 403; }"#),
            "{fixed}"
        );
        assert!(
            fixed.contains(r"~^https://admin\.example\.com$ $http_origin;"),
            "{fixed}"
        );
    }

    #[test]
    fn stays_quiet_on_anchored_escaped_patterns() {
        let text = location(concat!(
            "            if ($http_origin ~* ^https://(www\\.|app\\.)?example\\.com$) { set $cors 1; }\n",
            "            if ($http_referer ~ ^https://example\\.com(/|$)) { set $ok 1; }\n",
            "            if ($http_referer ~ ^https://example\\.com/.*) { set $ok 1; }\n",
            "            if ($http_origin = https://example.com) { set $cors 1; }\n",
            "            if ($request_uri ~ example.com) { set $x 1; }",
        ));
        assert!(hits(&text, RULE).is_empty(), "{:#?}", hits(&text, RULE));
    }

    #[test]
    fn stays_quiet_on_the_seeds() {
        // The seeds only log $http_referer; the frontend's one regex tests
        // the request method.
        assert!(hits(FRONTEND_NGINX, RULE).is_empty());
        assert!(hits(BACKEND_NGINX, RULE).is_empty());
    }
}
