use std::collections::HashMap;

use crate::diagnostic::{Diagnostic, Span};
use crate::nginx::directives::Setter;
use crate::rules::declare_rule;
use crate::rules::nginx::Cx;

declare_rule! {
    /// Reports a second occurrence, in the same block, of a directive that
    /// holds a single value: `"sendfile" directive is duplicate`.
    ///
    /// nginx refuses these for every directive it reads with one of its
    /// generic setters (switches, numbers, sizes, times, single words and
    /// paths) and for many with handlers of their own (`proxy_pass`,
    /// `try_files`, `keepalive_timeout`, `expires`, `root` and `alias`, which
    /// exclude each other: `"alias" directive is duplicate, "root" directive
    /// was specified earlier`). Directives that collect values (`add_header`,
    /// `proxy_set_header`, `proxy_hide_header`) may repeat, and a nested
    /// `location` or `if` is a block of its own.
    ///
    /// # Why it matters
    /// nginx refuses to start. Usually a setting was changed by adding a line
    /// instead of editing the existing one, often far apart in a long block.
    ///
    /// # Example
    /// ```nginx
    /// http {
    ///     client_max_body_size 1m;
    ///     client_max_body_size 10m;
    /// }
    /// ```
    ///
    /// # Fix
    /// Keep one of the two lines.
    pub static RULE = {
        id: "nginx/duplicate-directive",
        severity: Error,
        summary: "A single-valued directive set twice in the same block",
    }
}

const SETTERS: &[Setter] = &[
    Setter::Flag,
    Setter::Str,
    Setter::Num,
    Setter::Size,
    Setter::Off,
    Setter::Msec,
    Setter::Sec,
    Setter::Bufs,
    Setter::Enum,
    Setter::Path,
    Setter::Access,
];

/// Directives read by a handler of their module's own that, like the
/// generic setters, refuses a second occurrence in the same block, each
/// checked in nginx's source to do so whatever the first one's value was.
const ONCE: &[(&str, &str)] = &[
    ("events", "ngx_events_module"),
    ("http", "ngx_http_module"),
    ("user", "ngx_core_module"),
    ("worker_processes", "ngx_core_module"),
    ("worker_connections", "ngx_event_core_module"),
    ("use", "ngx_event_core_module"),
    ("proxy_pass", "ngx_http_proxy_module"),
    ("fastcgi_pass", "ngx_http_fastcgi_module"),
    ("uwsgi_pass", "ngx_http_uwsgi_module"),
    ("scgi_pass", "ngx_http_scgi_module"),
    ("grpc_pass", "ngx_http_grpc_module"),
    ("memcached_pass", "ngx_http_memcached_module"),
    ("proxy_cache", "ngx_http_proxy_module"),
    ("proxy_cache_key", "ngx_http_proxy_module"),
    ("proxy_store", "ngx_http_proxy_module"),
    ("proxy_bind", "ngx_http_proxy_module"),
    ("fastcgi_cache", "ngx_http_fastcgi_module"),
    ("fastcgi_cache_key", "ngx_http_fastcgi_module"),
    ("try_files", "ngx_http_try_files_module"),
    ("keepalive_timeout", "ngx_http_core_module"),
    ("internal", "ngx_http_core_module"),
    ("resolver", "ngx_http_core_module"),
    ("open_file_cache", "ngx_http_core_module"),
    ("aio", "ngx_http_core_module"),
    ("directio", "ngx_http_core_module"),
    ("limit_except", "ngx_http_core_module"),
    ("expires", "ngx_http_headers_filter_module"),
    ("auth_request", "ngx_http_auth_request_module"),
    ("auth_basic_user_file", "ngx_http_auth_basic_module"),
    ("real_ip_header", "ngx_http_realip_module"),
    ("charset", "ngx_http_charset_filter_module"),
    ("source_charset", "ngx_http_charset_filter_module"),
    ("keepalive", "ngx_http_upstream_keepalive_module"),
];

pub fn check(cx: &Cx, out: &mut Vec<Diagnostic>) {
    // The first of each name in each block, in one pass: a block may hold
    // thousands of directives. `root` and `alias` set one field, so they
    // share an entry, and whichever comes second is refused, with its own
    // words when the two differ.
    let mut first: HashMap<(Option<usize>, &str), &str> = HashMap::new();
    for (_, node) in cx.tree.iter() {
        let Some(definition) = node.accepted() else {
            continue;
        };
        let name = node.name();
        let root_or_alias = matches!(name, "root" | "alias") && definition.module == "ngx_http_core_module";
        let once = SETTERS.contains(&definition.setter) || ONCE.contains(&(name, definition.module));
        if !once && !root_or_alias {
            continue;
        }
        let key = if root_or_alias { "root" } else { name };
        let Some(&earlier) = first.get(&(node.parent, key)) else {
            first.insert((node.parent, key), name);
            continue;
        };
        let message = if earlier == name {
            format!("\"{name}\" directive is duplicate")
        } else {
            format!("\"{name}\" directive is duplicate, \"{earlier}\" directive was specified earlier")
        };
        let directive = node.directive;
        let end = directive.args.last().map_or(directive.name_span.end, |a| a.span.end);
        out.push(Diagnostic::at(
            &RULE,
            cx.source,
            Span::new(directive.name_span.start, end),
            message,
        ));
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::nginx::fixtures::{hits, wrap};

    const RULE: &str = "nginx/duplicate-directive";

    #[test]
    fn triggers_on_a_second_occurrence_in_one_block() {
        let text =
            wrap("    sendfile on;\n    server {\n        listen 80;\n    }\n    sendfile off;\n    sendfile on;");
        let found = hits(&text, RULE);
        assert_eq!(found.len(), 2);
        assert_eq!(found[0].message, "\"sendfile\" directive is duplicate");
        assert_eq!(found[0].line, 8);
        assert_eq!(found[1].line, 9);
        let text = wrap("    server {\n        location / {\n            proxy_read_timeout 5s;\n            proxy_read_timeout 6s;\n        }\n    }");
        assert_eq!(
            hits(&text, RULE)[0].message,
            "\"proxy_read_timeout\" directive is duplicate"
        );
        assert_eq!(hits(&wrap("    default_type a/b; default_type c/d;"), RULE).len(), 1);
        assert_eq!(
            hits(&wrap("    proxy_http_version 1.0; proxy_http_version 1.1;"), RULE).len(),
            1
        );
    }

    #[test]
    fn the_handler_list_names_stock_directives() {
        for (name, module) in super::ONCE {
            let found = crate::nginx::directives::lookup(name);
            assert!(
                found
                    .iter()
                    .any(|d| d.module == *module && d.setter == crate::nginx::directives::Setter::Other),
                "{name} {module}: {found:?}"
            );
        }
    }

    #[test]
    fn triggers_on_directives_with_handlers_of_their_own() {
        let found = |body: &str| -> Vec<String> { hits(&wrap(body), RULE).into_iter().map(|d| d.message).collect() };
        assert_eq!(
            found("    server { location / { proxy_pass http://a; proxy_pass http://b; } }"),
            ["\"proxy_pass\" directive is duplicate"]
        );
        assert_eq!(
            found("    keepalive_timeout 5; keepalive_timeout 6;"),
            ["\"keepalive_timeout\" directive is duplicate"]
        );
        assert_eq!(
            found("    server { location / { root /a; alias /b/; } }"),
            ["\"alias\" directive is duplicate, \"root\" directive was specified earlier"]
        );
        assert_eq!(
            found("    server { root /a; root /b; }"),
            ["\"root\" directive is duplicate"]
        );
        let text = "events { }\nevents { }\nhttp { }\n";
        assert_eq!(hits(text, RULE)[0].message, "\"events\" directive is duplicate");
    }

    #[test]
    fn near_misses_stay_clean() {
        for body in [
            "    add_header A 1; add_header B 2;",
            "    proxy_set_header A 1; proxy_set_header B 2;",
            "    proxy_hide_header A; proxy_hide_header B;",
            "    sendfile on; server { sendfile off; location / { sendfile on; if ($x) { sendfile off; } } }",
            "    server { location /a { gzip on; } location /b { gzip on; } }",
            "    ssl_protocols TLSv1.2; ssl_protocols TLSv1.3;",
            "    sendfile; sendfile on;",
            "    server { root /a; location / { root /b; } location /c { alias /d/; } }",
            "    server { location / { proxy_pass http://a; if ($x) { proxy_pass http://b; } } }",
            "    upstream u { server a; keepalive 8; } upstream v { server b; keepalive 8; }",
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
