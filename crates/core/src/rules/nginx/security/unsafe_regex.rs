use super::{if_condition, written_at};
use crate::diagnostic::{Diagnostic, Fix, Severity, Span, TextEdit};
use crate::nginx::regex::{self, GroupKind, Kind, Node, Regex};
use crate::nginx::regex_lint;
use crate::rules::declare_rule;
use crate::rules::nginx::Cx;

declare_rule! {
    /// Reports a regex with a nested repeat that backtracks catastrophically
    /// (`(a+)+`, `(.*)*`, `(\w+\s?)*`), and, as information, a location
    /// regex for a file extension without `$` (`location ~ \.php`).
    ///
    /// # Why it matters
    /// nginx matches these regexes against what the client sends. On a URL
    /// that almost matches, a nested repeat makes PCRE try exponentially many
    /// ways of splitting it before giving up: a handful of requests keep
    /// every worker busy, and the container stops answering its health
    /// check. An extension regex without `$` matches more than the
    /// extension: `\.php` also takes `/uploads/cat.php.jpg` (handing an
    /// uploaded image to PHP) and `\.(js|css)` takes `/api/data.json`.
    ///
    /// # Example
    /// ```nginx
    /// location ~ ^/(\w+\s?)*$ {
    ///     return 404;
    /// }
    /// location ~ \.php {
    ///     fastcgi_pass php:9000;
    /// }
    /// ```
    ///
    /// # Fix
    /// Repeat one thing at a time, with a separator each round must consume
    /// (`^/(\w+/)*\w*$`), or use a possessive `++` or an atomic group
    /// `(?>…)`. End extension regexes with `$`: `\.php$` (the quick fix adds
    /// it).
    pub static RULE = {
        id: "nginx/unsafe-regex",
        severity: Warning,
        summary: "A regex that backtracks catastrophically, or an extension regex without $",
    }
}

pub fn check(cx: &Cx, out: &mut Vec<Diagnostic>) {
    let tree = cx.tree;
    for (index, node) in tree.iter() {
        let args = &node.directive.args;
        let mut patterns: Vec<(&str, Span, Option<usize>)> = Vec::new();
        let mut location = false;
        match node.name() {
            "location" => {
                if let [modifier, pattern] = args.as_slice() {
                    if matches!(modifier.value.as_ref(), "~" | "~*") {
                        location = true;
                        patterns.push((
                            &pattern.value,
                            pattern.span,
                            written_at(cx.source.text, pattern.span, &pattern.value),
                        ));
                    }
                }
            }
            "if" => {
                if let [_, op, pattern] = if_condition(args).as_slice() {
                    if matches!(op.value, "~" | "~*" | "!~" | "!~*") {
                        patterns.push((
                            pattern.value,
                            pattern.span,
                            written_at(cx.source.text, pattern.span, pattern.value),
                        ));
                    }
                }
            }
            "rewrite" | "fastcgi_split_path_info" => {
                if let Some(pattern) = args.first() {
                    patterns.push((&pattern.value, pattern.span, None));
                }
            }
            "server_name" => {
                for arg in args {
                    if let Some(pattern) = arg.value.strip_prefix('~') {
                        patterns.push((pattern, arg.span, None));
                    }
                }
            }
            "map" => {
                for key in tree.children(Some(index)).map(|i| tree.node(i).directive) {
                    if let Some(pattern) = key.name.strip_prefix("~*").or_else(|| key.name.strip_prefix('~')) {
                        patterns.push((pattern, key.name_span, None));
                    }
                }
            }
            _ => continue,
        }
        for (pattern, span, base) in patterns {
            let Ok(regex) = regex::parse(pattern) else {
                continue;
            };
            for repeat in regex_lint::catastrophic_repeats(&regex, pattern) {
                let text = pattern.get(repeat).unwrap_or_default();
                out.push(
                    Diagnostic::at(
                        &RULE,
                        cx.source,
                        span,
                        format!("The nested repeat {text} in this regex can backtrack exponentially on a near-miss, tying up a worker"),
                    )
                    .with_help("Give each round a separator it must consume, or make the inner repeat possessive (++) or atomic ((?>…))."),
                );
            }
            if location {
                if let Some(diagnostic) = open_extension(cx, &regex, pattern, span, base) {
                    out.push(diagnostic);
                }
            }
        }
    }
}

/// An extension regex (`\.php`, `\.(js|css)`) that ends without `$`.
fn open_extension(cx: &Cx, regex: &Regex, pattern: &str, span: Span, base: Option<usize>) -> Option<Diagnostic> {
    let [sequence] = regex.alternatives.as_slice() else {
        return None;
    };
    if regex.anchored_end() {
        return None;
    }
    // The extension's first word, and where its `\.` starts.
    let (word, dot) = match sequence.as_slice() {
        [.., dot, Node {
            kind: Kind::Group(group),
            ..
        }] if is_dot(dot) && matches!(group.kind, GroupKind::Capture { .. } | GroupKind::NonCapture) => {
            let words: Option<Vec<String>> = group.alternatives.iter().map(|a| word(a)).collect();
            (words?.into_iter().next()?, dot)
        }
        _ => {
            let letters = sequence.iter().rev().take_while(|n| is_letter(n)).count();
            let dot = sequence.len().checked_sub(letters + 1).map(|i| &sequence[i])?;
            if letters == 0 || !is_dot(dot) {
                return None;
            }
            (word(&sequence[sequence.len() - letters..])?, dot)
        }
    };
    let extension = pattern.get(dot.span.start..)?;
    let mut diagnostic = Diagnostic::at(
        &RULE,
        cx.source,
        span,
        format!("This location regex ends in {extension} without $, so /x.{word}.jpg and /x.{word}/y match it too"),
    )
    .with_help("End the pattern with $.");
    if let Some(base) = base.filter(|_| !pattern.ends_with('\\')) {
        let at = base + pattern.len();
        diagnostic = diagnostic.with_fix(Fix {
            title: "Anchor the end with $".into(),
            edits: vec![TextEdit {
                span: Span::new(at, at),
                text: "$".into(),
            }],
            safe: false,
        });
    }
    diagnostic.severity = Severity::Info;
    Some(diagnostic)
}

fn is_dot(node: &Node) -> bool {
    matches!(node.kind, Kind::Literal('.'))
}

fn is_letter(node: &Node) -> bool {
    matches!(node.kind, Kind::Literal(c) if c.is_ascii_alphanumeric())
}

/// The text of a sequence of letters and digits.
fn word(sequence: &[Node]) -> Option<String> {
    sequence
        .iter()
        .map(|n| match n.kind {
            Kind::Literal(c) if c.is_ascii_alphanumeric() => Some(c),
            _ => None,
        })
        .collect::<Option<String>>()
        .filter(|w| !w.is_empty())
}

#[cfg(test)]
mod tests {
    use crate::diagnostic::Severity;
    use crate::json_edit::apply;
    use crate::reference::{BACKEND_NGINX, FRONTEND_NGINX};
    use crate::rules::nginx::fixtures::{hits, wrap};

    const RULE: &str = "nginx/unsafe-regex";

    fn server(body: &str) -> String {
        wrap(&format!("    server {{\n        listen 80;\n{body}\n    }}"))
    }

    #[test]
    fn warns_on_nested_repeats_wherever_regexes_go() {
        let text = server(concat!(
            "        location ~ ^/(\\w+\\s?)*$ { return 404; }\n",
            "        location / {\n",
            "            if ($http_user_agent ~* (a+)+b) { return 403; }\n",
            "            rewrite ^/(.*,)+x$ /y last;\n",
            "        }",
        ));
        let found: Vec<(usize, String, Severity)> = hits(&text, RULE)
            .into_iter()
            .map(|d| (d.line, d.message, d.severity))
            .collect();
        let message = |r: &str| {
            format!("The nested repeat {r} in this regex can backtrack exponentially on a near-miss, tying up a worker")
        };
        assert_eq!(
            found,
            [
                (6, message(r"(\w+\s?)*"), Severity::Warning),
                (8, message("(a+)+"), Severity::Warning),
                (9, message("(.*,)+"), Severity::Warning),
            ]
        );
        let first = &hits(&text, RULE)[0];
        assert_eq!(&text[first.span.start..first.span.end], r"^/(\w+\s?)*$");
    }

    #[test]
    fn informs_on_extension_locations_without_an_end_anchor() {
        let text = server("        location ~ \\.php {\n            fastcgi_pass php:9000;\n        }\n        location ~* \\.(js|css) { expires 1y; }");
        let found = hits(&text, RULE);
        assert_eq!(found.len(), 2);
        assert_eq!(
            found[0].message,
            r"This location regex ends in \.php without $, so /x.php.jpg and /x.php/y match it too"
        );
        assert_eq!(found[0].severity, Severity::Info);
        assert_eq!(found[0].line, 6);
        assert_eq!(
            found[1].message,
            r"This location regex ends in \.(js|css) without $, so /x.js.jpg and /x.js/y match it too"
        );
        let fixed = found
            .iter()
            .rev()
            .fold(text.clone(), |t, d| apply(&t, &d.fix.clone().unwrap().edits));
        assert!(fixed.contains(r"location ~ \.php$ {") && fixed.contains(r"location ~* \.(js|css)$ {"));
        assert!(hits(&fixed, RULE).is_empty());
    }

    #[test]
    fn stays_quiet_on_linear_regexes() {
        let text = server(concat!(
            "        server_name ~^(?<sub>[a-z0-9-]+)\\.example\\.com$;\n",
            "        location ~ ^/(\\d+\\.)+\\d+$ { return 404; }\n",
            "        location ~* \\.(?:css|js|png)$ { expires 1y; }\n",
            "        location ~ ^/api/(.*)$ { proxy_pass http://app:8080/$1; }\n",
            "        location ~ ^/static/ { root /srv; }\n",
            "        location / { rewrite ^/old/(.*)$ /new/$1 permanent; }",
        ));
        assert!(hits(&text, RULE).is_empty(), "{:#?}", hits(&text, RULE));
    }

    #[test]
    fn stays_quiet_on_the_seeds() {
        // The frontend's one regex, ^(GET|HEAD|POST|OPTION)$, repeats nothing.
        assert!(hits(FRONTEND_NGINX, RULE).is_empty());
        assert!(hits(BACKEND_NGINX, RULE).is_empty());
    }
}
