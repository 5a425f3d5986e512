use super::{tainted, tainted_sets, Matcher, Taint};
use crate::diagnostic::Diagnostic;
use crate::nginx::ast::Arg;
use crate::nginx::regex_lint::{self, Capture};
use crate::nginx::tree::Node;
use crate::rules::declare_rule;
use crate::rules::nginx::Cx;

declare_rule! {
    /// Reports a variable that can hold a line break written into a header
    /// or a request line: `$uri` or a regex capture of the URL in
    /// `add_header`, a redirect (`return 302`, `rewrite … redirect`),
    /// `proxy_set_header` or `proxy_pass`. The same class of mistake is known
    /// from gixy as `http_splitting`.
    ///
    /// # Why it matters
    /// nginx decodes the URL before matching it: a request for
    /// `/x%0d%0aSet-Cookie:%20session=evil` makes `$uri` (and a capture like
    /// `([^/]+)` or `(\s*)`) contain a real line break. Written into a header
    /// it ends that header and starts one the attacker wrote: cookies set
    /// for your domain, cache poisoning, a rewritten request to the app.
    ///
    /// # Example
    /// ```nginx
    /// location / {
    ///     return 301 https://example.com$uri;
    /// }
    /// ```
    ///
    /// # Fix
    /// Use `$request_uri`, the URL exactly as sent and never decoded
    /// (`return 301 https://example.com$request_uri;`), or capture with a
    /// class that excludes line breaks: `([^/\r\n]+)` rather than `([^/]+)`.
    pub static RULE = {
        id: "nginx/http-splitting",
        severity: Warning,
        summary: "A variable that can hold a decoded line break written into a header or request line",
    }
}

/// Line breaks reach a variable through the decoded URL; the raw request
/// line and headers cannot hold one.
struct LineBreaks;

impl Taint for LineBreaks {
    fn builtin(&self, name: &str) -> bool {
        matches!(
            name,
            "uri" | "document_uri" | "request_filename" | "fastcgi_script_name" | "fastcgi_path_info"
        )
    }

    fn capture(&self, matcher: &Matcher, capture: &Capture, subject: bool) -> bool {
        subject
            && regex_lint::can_match_line_break(
                capture.alternatives,
                matcher.pattern,
                regex_lint::dot_all(matcher.pattern),
            )
    }
}

pub fn check(cx: &Cx, out: &mut Vec<Diagnostic>) {
    let tree = cx.tree;
    let mut set: Option<Vec<String>> = None;
    for (index, node) in tree.iter() {
        if node.context.is_none() {
            continue;
        }
        let Some((arg, upstream)) = sink(node) else {
            continue;
        };
        if !arg.value.contains('$') {
            continue;
        }
        let set = set.get_or_insert_with(|| tainted_sets(tree, &LineBreaks));
        let found = tainted(tree, index, &arg.value, &LineBreaks, set);
        let mut names: Vec<String> = Vec::new();
        // A redirecting rewrite percent-encodes the numbered captures it
        // copies when the request URL was encoded, line breaks included.
        let escaped = node.name() == "rewrite";
        for var in found.iter().filter(|v| !(escaped && v.is_capture())) {
            let text = format!("${}", var.name);
            if !names.contains(&text) {
                names.push(text);
            }
        }
        if names.is_empty() {
            continue;
        }
        let target = if upstream {
            "the request to the upstream"
        } else {
            "the response headers"
        };
        out.push(
            Diagnostic::at(
                &RULE,
                cx.source,
                arg.span,
                format!(
                    "{} in {} can hold a line break decoded from the URL (%0d%0a), splitting {target}",
                    names.join(" and "),
                    node.name()
                ),
            )
            .with_help(
                "Use $request_uri, which nginx never decodes, or capture with a class that excludes \\r and \\n, such as ([^/\\r\\n]+).",
            ),
        );
    }
}

/// The argument a directive writes into a header or request line, and
/// whether it goes to the upstream rather than the client.
fn sink<'t>(node: &Node<'t, '_>) -> Option<(&'t Arg<'t>, bool)> {
    let args = &node.directive.args;
    let redirect = |url: &str| url.starts_with("http://") || url.starts_with("https://") || url.starts_with("$scheme");
    match node.name() {
        "add_header" | "add_trailer" => Some((args.get(1)?, false)),
        "proxy_set_header" | "grpc_set_header" => Some((args.get(1)?, true)),
        "proxy_pass" => Some((args.first()?, true)),
        "return" => match args.as_slice() {
            [code, url] if matches!(code.value.as_ref(), "301" | "302" | "303" | "307" | "308") => Some((url, false)),
            [url] if redirect(&url.value) => Some((url, false)),
            _ => None,
        },
        "rewrite" => {
            let replacement = args.get(1)?;
            let flag = args.get(2).map(|f| f.value.as_ref());
            (matches!(flag, Some("redirect" | "permanent")) || redirect(&replacement.value))
                .then_some((replacement, false))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use crate::reference::{BACKEND_NGINX, FRONTEND_NGINX};
    use crate::rules::nginx::fixtures::{hits, wrap};

    const RULE: &str = "nginx/http-splitting";

    fn server(body: &str) -> String {
        wrap(&format!("    server {{\n        listen 80;\n{body}\n    }}"))
    }

    #[test]
    fn triggers_on_uri_in_a_redirect_and_a_header() {
        let text = server(concat!(
            "        location / {\n",
            "            return 301 https://example.com$uri;\n",
            "        }\n",
            "        location /a/ { add_header X-Path \"$document_uri\"; proxy_pass http://app:3000; }",
        ));
        let found = hits(&text, RULE);
        assert_eq!(found.len(), 2);
        assert_eq!(
            found[0].message,
            "$uri in return can hold a line break decoded from the URL (%0d%0a), splitting the response headers"
        );
        assert_eq!(found[0].line, 7);
        assert_eq!(&text[found[0].span.start..found[0].span.end], "https://example.com$uri");
        assert_eq!(found[1].line, 9);
    }

    #[test]
    fn triggers_on_captures_that_take_a_line_break() {
        let text = server(concat!(
            "        location ~ /v1/((?<action>[^.]*)\\.json)?$ {\n",
            "            add_header X-Action $action;\n",
            "            proxy_set_header X-Id $1;\n",
            "            proxy_pass http://app:3000;\n",
            "        }\n",
            "        location /old/ {\n",
            "            rewrite ^/old/(?<rest>\\s*.*)$ https://new.example.com/$rest permanent;\n",
            "            set $path $uri;\n",
            "        }\n",
            "        location /p/ { proxy_pass http://app:3000$path; }",
        ));
        let found: Vec<(usize, String)> = hits(&text, RULE).into_iter().map(|d| (d.line, d.message)).collect();
        assert_eq!(
            found,
            [
                (
                    7,
                    "$action in add_header can hold a line break decoded from the URL (%0d%0a), splitting the response headers".to_owned()
                ),
                (
                    8,
                    "$1 in proxy_set_header can hold a line break decoded from the URL (%0d%0a), splitting the request to the upstream".to_owned()
                ),
                (
                    12,
                    "$rest in rewrite can hold a line break decoded from the URL (%0d%0a), splitting the response headers".to_owned()
                ),
                (
                    15,
                    "$path in proxy_pass can hold a line break decoded from the URL (%0d%0a), splitting the request to the upstream".to_owned()
                ),
            ]
        );
    }

    #[test]
    fn stays_quiet_on_request_uri_and_captures_without_line_breaks() {
        let text = server(concat!(
            "        location / {\n",
            "            return 301 https://$host$request_uri;\n",
            "        }\n",
            "        location ~ ^/api/(.*)$ {\n",
            "            proxy_set_header X-Path $1;\n",
            "            add_header X-Seen $http_user_agent;\n",
            "            proxy_pass http://app:8080/$1$is_args$args;\n",
            "        }\n",
            "        location ~ ^/u/([^/\\r\\n]+)$ { return 302 /users/$1; }\n",
            "        location /r/ { rewrite ^/r/([^/]+)$ /internal/$1 last; }\n",
            "        location /s/ { rewrite ^/s/([^/]+)$ https://new.example.com/$1 redirect; }\n",
            "        location /b/ { return 200 \"$uri\"; }",
        ));
        assert!(hits(&text, RULE).is_empty(), "{:#?}", hits(&text, RULE));
    }

    #[test]
    fn stays_quiet_on_the_seeds() {
        // The seeds pass requests through with proxy_pass and no variables.
        assert!(hits(FRONTEND_NGINX, RULE).is_empty());
        assert!(hits(BACKEND_NGINX, RULE).is_empty());
    }
}
