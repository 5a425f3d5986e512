use super::is_repeat;
use crate::diagnostic::Diagnostic;
use crate::nginx::ast::Arg;
use crate::nginx::directives::Setter;
use crate::nginx::tree::Node;
use crate::nginx::value::{atoi, parse_offset, parse_size, parse_time};
use crate::rules::declare_rule;
use crate::rules::nginx::Cx;

declare_rule! {
    /// Reports a number, size or time nginx cannot read:
    /// `"client_max_body_size" directive invalid value`,
    /// `"keepalive_requests" directive invalid number`.
    ///
    /// Sizes are a whole number with an optional `k` or `m` (and `g` where
    /// the value is a file size or offset, such as `client_max_body_size`);
    /// no decimals, no `kb`. Times combine units in decreasing order without
    /// repeats: `y M w d h m s ms` (`1h30m`, `90s`, `500ms`); a bare number is
    /// seconds. Timeouts measured in milliseconds take no `y` or `M`.
    ///
    /// # Why it matters
    /// nginx refuses to start.
    ///
    /// # Example
    /// ```nginx
    /// client_max_body_size 1.5m;
    /// proxy_read_timeout 2min;
    /// ```
    ///
    /// # Fix
    /// Write whole numbers with nginx's units: `1536k`, `2m`.
    pub static RULE = {
        id: "nginx/invalid-size-or-time",
        severity: Error,
        summary: "A number, size or time nginx cannot read",
    }
}

const SETTERS: &[Setter] = &[
    Setter::Num,
    Setter::Size,
    Setter::Off,
    Setter::Msec,
    Setter::Sec,
    Setter::Bufs,
];

pub fn check(cx: &Cx, out: &mut Vec<Diagnostic>) {
    for (index, node) in cx.tree.iter() {
        let Some(definition) = node.accepted() else {
            continue;
        };
        let found = if SETTERS.contains(&definition.setter) {
            generic(node, definition.setter)
        } else {
            own_handler(node, definition.module)
        };
        let Some((arg, message)) = found else {
            continue;
        };
        // A repeat stops at "is duplicate" first (duplicate-directive).
        let repeat = is_repeat(cx, index)
            || cx
                .tree
                .children_named(node.parent, node.name())
                .take_while(|&i| i < index)
                .any(|i| cx.tree.node(i).accepted().is_some());
        if repeat {
            continue;
        }
        out.push(Diagnostic::at(&RULE, cx.source, arg.span, message));
    }
}

/// What the generic setter says about the value, if it rejects it.
fn generic<'n, 'a>(node: &'n Node<'n, 'a>, setter: Setter) -> Option<(&'n Arg<'a>, String)> {
    let args = &node.directive.args;
    let first = args.first()?;
    let value = first.value.as_ref();
    let (bad, words) = match setter {
        Setter::Num => (atoi(value.as_bytes()).is_none().then_some(first), "invalid number"),
        Setter::Size => (parse_size(value).is_none().then_some(first), "invalid value"),
        Setter::Off => (parse_offset(value).is_none().then_some(first), "invalid value"),
        Setter::Msec => (parse_time(value, false).is_none().then_some(first), "invalid value"),
        Setter::Sec => (parse_time(value, true).is_none().then_some(first), "invalid value"),
        // `number size`, neither of them zero.
        _ => {
            let bad = if !matches!(atoi(value.as_bytes()), Some(n) if n > 0) {
                Some(first)
            } else {
                args.get(1)
                    .filter(|a| !matches!(parse_size(&a.value), Some(n) if n > 0))
            };
            (bad, "invalid value")
        }
    };
    Some((bad?, format!("\"{}\" directive {words}", node.name())))
}

/// The same checks in the handlers of their own of a few common directives.
fn own_handler<'n, 'a>(node: &'n Node<'n, 'a>, module: &str) -> Option<(&'n Arg<'a>, String)> {
    let args = &node.directive.args;
    let first = args.first()?;
    let invalid = || format!("\"{}\" directive invalid value", node.name());
    match (node.name(), module) {
        // ngx_http_core_keepalive: a timeout in ms, then the header's in s.
        ("keepalive_timeout", "ngx_http_core_module") => {
            if parse_time(&first.value, false).is_none() {
                Some((first, invalid()))
            } else {
                let header = args.get(1).filter(|a| parse_time(&a.value, true).is_none())?;
                Some((header, invalid()))
            }
        }
        ("worker_processes", "ngx_core_module") => {
            (first.value != "auto" && atoi(first.value.as_bytes()).is_none()).then(|| (first, invalid()))
        }
        ("worker_connections", "ngx_event_core_module") => atoi(first.value.as_bytes())
            .is_none()
            .then(|| (first, format!("invalid number \"{}\"", first.value))),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::nginx::fixtures::{hits, wrap};

    const RULE: &str = "nginx/invalid-size-or-time";

    #[test]
    fn triggers_on_values_nginx_cannot_read() {
        let text = wrap(
            "    client_max_body_size 1.5m;\n    keepalive_requests 1k;\n    send_timeout 1M;\n    proxy_buffers 8 0;",
        );
        let found = hits(&text, RULE);
        let messages: Vec<(&str, usize)> = found.iter().map(|d| (d.message.as_str(), d.line)).collect();
        assert_eq!(
            messages,
            [
                ("\"client_max_body_size\" directive invalid value", 4),
                ("\"keepalive_requests\" directive invalid number", 5),
                ("\"send_timeout\" directive invalid value", 6),
                ("\"proxy_buffers\" directive invalid value", 7),
            ]
        );
        assert_eq!(&text[found[0].span.start..found[0].span.end], "1.5m");
        assert_eq!(&text[found[3].span.start..found[3].span.end], "0");
        // Sizes in memory take no g; file sizes do.
        assert_eq!(hits(&wrap("    client_body_buffer_size 1g;"), RULE).len(), 1);
        assert_eq!(hits(&wrap("    proxy_read_timeout 2min;"), RULE).len(), 1);
        assert_eq!(hits(&wrap("    ssl_session_timeout 10ms;"), RULE).len(), 1);
        let found: Vec<String> = hits(&wrap("    keepalive_timeout 75s 1ms;"), RULE)
            .into_iter()
            .map(|d| d.message)
            .collect();
        assert_eq!(found, ["\"keepalive_timeout\" directive invalid value"]);
        let text = "worker_processes 2x;\nevents {\n    worker_connections 1k;\n}\n";
        let found: Vec<String> = hits(text, RULE).into_iter().map(|d| d.message).collect();
        assert_eq!(
            found,
            ["\"worker_processes\" directive invalid value", "invalid number \"1k\""]
        );
    }

    #[test]
    fn near_misses_stay_clean() {
        for body in [
            "    client_max_body_size 1g;",
            "    client_max_body_size 0;",
            "    client_body_buffer_size 16K;",
            "    send_timeout 1h30m;",
            "    send_timeout 500ms;",
            "    send_timeout \"1m 30s\";",
            "    ssl_session_timeout 1y;",
            "    keepalive_requests 1000;",
            "    proxy_buffers 8 16k;",
            "    keepalive_timeout 75s 60s;",
            "    keepalive_timeout 0;",
            "    client_max_body_size 1m; client_max_body_size x;",
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
