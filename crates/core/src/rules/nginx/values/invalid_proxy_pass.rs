use crate::diagnostic::Diagnostic;
use crate::nginx::url::parse_upstream;
use crate::rules::declare_rule;
use crate::rules::nginx::Cx;

declare_rule! {
    /// Reports a `proxy_pass` nginx rejects: a URL without `http://` or
    /// `https://` (`invalid URL prefix`), an address it cannot read
    /// (`invalid port in upstream "app:80a"`), or a URI part where nginx
    /// cannot replace the matched location with it: in a regex or named
    /// location, inside `if` or `limit_except`.
    ///
    /// # Why it matters
    /// nginx refuses to start. `proxy_pass http://app/;` in
    /// `location ~ ^/api/` is a classic: nginx cannot know which part of the
    /// URI a regex matched, so it has nothing to replace with `/`.
    ///
    /// # Example
    /// ```nginx
    /// location ~ ^/api/ {
    ///     proxy_pass http://app:3000/;
    /// }
    /// ```
    ///
    /// # Fix
    /// Start the URL with `http://` or `https://`. In regex locations, drop
    /// the URI (`proxy_pass http://app:3000;`) and `rewrite` the path first
    /// if it must change.
    pub static RULE = {
        id: "nginx/invalid-proxy-pass",
        severity: Error,
        summary: "A proxy_pass URL nginx rejects",
    }
}

pub fn check(cx: &Cx, out: &mut Vec<Diagnostic>) {
    let tree = cx.tree;
    for (index, node) in tree.named("proxy_pass") {
        if node.accepted().is_none_or(|d| d.module != "ngx_http_proxy_module") {
            continue;
        }
        // A second one stops at "is duplicate" (duplicate-directive).
        if tree
            .children_named(node.parent, "proxy_pass")
            .take_while(|&i| i < index)
            .any(|i| tree.node(i).accepted().is_some())
        {
            continue;
        }
        let Some(arg) = node.directive.args.first() else {
            continue;
        };
        let url = arg.value.as_ref();
        // With variables nginx resolves the URL per request.
        if url.contains('$') {
            continue;
        }
        let bytes = url.as_bytes();
        let rest = if bytes.len() >= 7 && bytes[..7].eq_ignore_ascii_case(b"http://") {
            &url[7..]
        } else if bytes.len() >= 8 && bytes[..8].eq_ignore_ascii_case(b"https://") {
            &url[8..]
        } else {
            out.push(Diagnostic::at(&RULE, cx.source, arg.span, "invalid URL prefix"));
            continue;
        };
        let parsed = match parse_upstream(rest, true) {
            Ok(parsed) => parsed,
            Err(err) => {
                out.push(Diagnostic::at(
                    &RULE,
                    cx.source,
                    arg.span,
                    format!("{err} in upstream \"{rest}\""),
                ));
                continue;
            }
        };
        if parsed.has_uri && !replaceable_location(cx, node.parent) {
            out.push(Diagnostic::at(
                &RULE,
                cx.source,
                arg.span,
                "\"proxy_pass\" cannot have URI part in location given by regular expression, or inside named \
                 location, or inside \"if\" statement, or inside \"limit_except\" block",
            ));
        }
    }
}

/// Whether the block is a prefix or exact location, whose matched part
/// nginx can replace with proxy_pass's URI.
fn replaceable_location(cx: &Cx, block: Option<usize>) -> bool {
    let Some(block) = block else {
        return true;
    };
    let node = cx.tree.node(block);
    match node.name() {
        "location" => match (node.arg(0), node.arg(1)) {
            (Some(m), Some(_)) => !matches!(m, "~" | "~*"),
            (Some(one), None) => !one.starts_with('~') && !one.starts_with('@'),
            _ => true,
        },
        "if" | "limit_except" => false,
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::nginx::fixtures::{hits, wrap};

    const RULE: &str = "nginx/invalid-proxy-pass";

    fn found(location: &str) -> Vec<String> {
        let text = wrap(&format!("    server {{\n        {location}\n    }}"));
        hits(&text, RULE).into_iter().map(|d| d.message).collect()
    }

    #[test]
    fn triggers_on_urls_nginx_rejects() {
        assert_eq!(found("location / { proxy_pass app:3000; }"), ["invalid URL prefix"]);
        assert_eq!(
            found("location / { proxy_pass http://app:80a; }"),
            ["invalid port in upstream \"app:80a\""]
        );
        assert_eq!(
            found("location / { proxy_pass http://; }"),
            ["no host in upstream \"\""]
        );
        let uri = "\"proxy_pass\" cannot have URI part in location given by regular expression, or inside named \
                   location, or inside \"if\" statement, or inside \"limit_except\" block";
        assert_eq!(found("location ~ ^/api/ { proxy_pass http://app:3000/; }"), [uri]);
        assert_eq!(found("location @fallback { proxy_pass http://app/x; }"), [uri]);
        assert_eq!(found("location / { if ($x) { proxy_pass http://app?a=1; } }"), [uri]);
        let text = wrap("    server {\n        location / {\n            proxy_pass localhost:3000;\n        }\n    }");
        let hit = &hits(&text, RULE)[0];
        assert_eq!(hit.line, 6);
        assert_eq!(&text[hit.span.start..hit.span.end], "localhost:3000");
    }

    #[test]
    fn near_misses_stay_clean() {
        for location in [
            "location / { proxy_pass http://app:3000; }",
            "location /api/ { proxy_pass HTTPS://app/v1/; }",
            "location = /x { proxy_pass http://127.0.0.1:8080/y; }",
            "location ~ ^/api/ { proxy_pass http://app:3000; }",
            "location ~ ^/(.*)$ { proxy_pass http://app/$1; }",
            "location / { set $u app; proxy_pass $u; }",
            "location / { proxy_pass http://unix:/run/app.sock:; }",
            "location / { proxy_pass http://[::1]:8080; }",
            "location ^~ /s/ { location ~ x { } proxy_pass http://app/; }",
        ] {
            assert!(found(location).is_empty(), "{location}: {:?}", found(location));
        }
        for seed in [crate::reference::FRONTEND_NGINX, crate::reference::BACKEND_NGINX] {
            assert!(hits(seed, RULE).is_empty());
        }
    }
}
