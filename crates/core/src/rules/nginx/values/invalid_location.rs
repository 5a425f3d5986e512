use crate::diagnostic::Diagnostic;
use crate::nginx::tree::Node;
use crate::rules::declare_rule;
use crate::rules::nginx::Cx;

declare_rule! {
    /// Reports a `location` nginx rejects as written or where it is:
    /// an unknown modifier (`invalid location modifier "~/"`), a location
    /// nested in an exact or named location, a named location (`@name`)
    /// below the server level, and a nested prefix location that does not
    /// start with its parent's path (`location "/b" is outside location "/a"`).
    ///
    /// # Why it matters
    /// nginx refuses to start.
    ///
    /// # Example
    /// ```nginx
    /// location /api/ {
    ///     location /static/ { }
    /// }
    /// ```
    ///
    /// # Fix
    /// Use one of the modifiers `=`, `^~`, `~`, `~*` followed by a space;
    /// move the nested location out, or give it a path under its parent's.
    pub static RULE = {
        id: "nginx/invalid-location",
        severity: Error,
        summary: "A location with an unknown modifier or nested where nginx refuses it",
    }
}

/// A location as ngx_http_core_location sees it.
struct Location<'n> {
    name: &'n str,
    exact: bool,
    regex: bool,
    named: bool,
}

/// The location's name and kind, or the bad modifier.
fn read<'n>(node: &'n Node) -> Result<Location<'n>, &'n str> {
    let plain = |name: &'n str| Location {
        name,
        exact: false,
        regex: false,
        named: false,
    };
    match (node.arg(0).unwrap_or(""), node.arg(1)) {
        ("=", Some(name)) => Ok(Location {
            exact: true,
            ..plain(name)
        }),
        ("^~", Some(name)) => Ok(plain(name)),
        ("~" | "~*", Some(name)) => Ok(Location {
            regex: true,
            ..plain(name)
        }),
        (modifier, Some(_)) => Err(modifier),
        (one, None) => Ok(if let Some(name) = one.strip_prefix('=') {
            Location {
                exact: true,
                ..plain(name)
            }
        } else if let Some(name) = one.strip_prefix("^~") {
            plain(name)
        } else if let Some(name) = one.strip_prefix('~') {
            Location {
                regex: true,
                ..plain(name.strip_prefix('*').unwrap_or(name))
            }
        } else {
            Location {
                named: one.starts_with('@'),
                ..plain(one)
            }
        }),
    }
}

pub fn check(cx: &Cx, out: &mut Vec<Diagnostic>) {
    let tree = cx.tree;
    for (_, node) in tree.named("location") {
        if node.accepted().is_none() {
            continue;
        }
        let directive = node.directive;
        let location = match read(node) {
            Ok(location) => location,
            Err(modifier) => {
                out.push(Diagnostic::at(
                    &RULE,
                    cx.source,
                    directive.args[0].span,
                    format!("invalid location modifier \"{modifier}\""),
                ));
                continue;
            }
        };
        let Some(parent) = node.parent.map(|p| tree.node(p)).filter(|p| p.name() == "location") else {
            continue;
        };
        let Ok(outer) = read(parent) else {
            continue;
        };
        let name = location.name;
        let message = if outer.exact {
            format!(
                "location \"{name}\" cannot be inside the exact location \"{}\"",
                outer.name
            )
        } else if outer.named {
            format!(
                "location \"{name}\" cannot be inside the named location \"{}\"",
                outer.name
            )
        } else if location.named {
            format!("named location \"{name}\" can be on the server level only")
        } else if !location.regex && !name.as_bytes().starts_with(outer.name.as_bytes()) {
            format!("location \"{name}\" is outside location \"{}\"", outer.name)
        } else {
            continue;
        };
        let end = directive.args.last().map_or(directive.name_span.end, |a| a.span.end);
        out.push(Diagnostic::at(
            &RULE,
            cx.source,
            crate::diagnostic::Span::new(directive.name_span.start, end),
            message,
        ));
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::nginx::fixtures::{hits, wrap};

    const RULE: &str = "nginx/invalid-location";

    fn found(body: &str) -> Vec<String> {
        hits(&wrap(&format!("    server {{\n        {body}\n    }}")), RULE)
            .into_iter()
            .map(|d| {
                assert_eq!(d.line, 5);
                d.message
            })
            .collect()
    }

    #[test]
    fn triggers_on_bad_modifiers_and_nesting() {
        assert_eq!(found("location ~/ /a { }"), ["invalid location modifier \"~/\""]);
        assert_eq!(
            found("location /api/ { location /static/ { } }"),
            ["location \"/static/\" is outside location \"/api/\""]
        );
        assert_eq!(
            found("location = /a { location /a/b { } }"),
            ["location \"/a/b\" cannot be inside the exact location \"/a\""]
        );
        assert_eq!(
            found("location @a { location /b { } }"),
            ["location \"/b\" cannot be inside the named location \"@a\""]
        );
        assert_eq!(
            found("location / { location @b { } }"),
            ["named location \"@b\" can be on the server level only"]
        );
        assert_eq!(
            found("location ~ ^/a { location /b { } }"),
            ["location \"/b\" is outside location \"^/a\""]
        );
    }

    #[test]
    fn near_misses_stay_clean() {
        for body in [
            "location /api/ { location /api/v1/ { } location ~ \\.json$ { } location ^~ /api/x { } location = /api/ { } }",
            "location ~* \\.(png|gif)$ { } location @fallback { } location =/ { } location ^~/s/ { }",
            "location / { location /a { location /a/b { } } }",
            "location ~ ^/a { location ~ b { } }",
        ] {
            assert!(found(body).is_empty(), "{body}: {:?}", found(body));
        }
        for seed in [crate::reference::FRONTEND_NGINX, crate::reference::BACKEND_NGINX] {
            assert!(hits(seed, RULE).is_empty());
        }
    }
}
