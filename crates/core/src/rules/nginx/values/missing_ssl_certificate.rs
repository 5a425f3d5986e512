use super::includes_other_files;
use super::invalid_listen::is_http_listen;
use crate::diagnostic::Diagnostic;
use crate::nginx::listen::{parse_address, parse_options, Address, Bind};
use crate::rules::declare_rule;
use crate::rules::nginx::Cx;

declare_rule! {
    /// Reports a server that accepts TLS on an address (`listen 443 ssl`,
    /// here or in another server on the same address) without a certificate:
    /// `no "ssl_certificate" is defined for the "listen ... ssl" directive`.
    ///
    /// nginx checks the default server of each address that any `listen`
    /// marks `ssl`; when that server rejects handshakes
    /// (`ssl_reject_handshake on`), it checks every other server on the
    /// address instead. A certificate set in `http` counts for every server.
    /// A server with certificates needs as many `ssl_certificate_key`s
    /// (its own or inherited): `no "ssl_certificate_key" is defined for
    /// certificate "a.pem"` (nginx reports that one without a line; here it
    /// is at the certificate). The check stays silent when the config
    /// includes other files, which may hold the certificate.
    ///
    /// # Why it matters
    /// nginx refuses to start.
    ///
    /// # Example
    /// ```nginx
    /// server {
    ///     listen 443 ssl;
    ///     server_name example.com;
    /// }
    /// ```
    ///
    /// # Fix
    /// Add `ssl_certificate` and `ssl_certificate_key` to the server (or to
    /// `http`), or drop `ssl` from the `listen` when TLS ends at the load
    /// balancer.
    pub static RULE = {
        id: "nginx/missing-ssl-certificate",
        severity: Error,
        summary: "A server taking TLS connections without a certificate",
    }
}

/// One address of ngx_http_add_listen's table, in the order nginx fills it.
struct Entry {
    address: Address,
    ssl: bool,
    default_server: usize,
    servers: Vec<usize>,
}

pub fn check(cx: &Cx, out: &mut Vec<Diagnostic>) {
    if includes_other_files(cx) {
        return;
    }
    let tree = cx.tree;
    // nginx merges each server's settings, and checks the keys then, before
    // it looks at the listens.
    let mut reported = Vec::new();
    for (server, node) in tree.named("server") {
        if node.accepted().is_none_or(|d| d.module != "ngx_http_core_module") {
            continue;
        }
        let enabled = tree
            .in_effect(server, "ssl")
            .last()
            .and_then(|&i| tree.node(i).arg(0))
            .is_some_and(|v| v.eq_ignore_ascii_case("on"));
        let certificates = tree.in_effect(server, "ssl_certificate");
        let keys = tree.in_effect(server, "ssl_certificate_key");
        let Some(&last) = certificates.last() else {
            continue;
        };
        if enabled || keys.len() >= certificates.len() || reported.contains(&last) {
            continue;
        }
        reported.push(last);
        let arg = &tree.node(last).directive.args[0];
        out.push(Diagnostic::at(
            &RULE,
            cx.source,
            arg.span,
            format!(
                "no \"ssl_certificate_key\" is defined for certificate \"{}\"",
                arg.value
            ),
        ));
    }
    if !reported.is_empty() {
        return;
    }
    for (http, _) in tree.named("http") {
        let mut entries: Vec<Entry> = Vec::new();
        let mut implicit = false;
        for server in tree.children_named(Some(http), "server") {
            let listens: Vec<usize> = tree
                .children_named(Some(server), "listen")
                .filter(|&i| is_http_listen(tree.node(i)))
                .collect();
            if listens.is_empty() {
                implicit = true;
            }
            for listen in listens {
                let node = tree.node(listen);
                let (Some(Ok(bind)), Ok(options)) =
                    (node.arg(0).map(parse_address), parse_options(node.args().skip(1)))
                else {
                    // nginx stops at the bad listen (invalid-listen).
                    return;
                };
                // A name or range resolves at start-up: which server is the
                // default on an address is then not known here.
                let Bind::One(address) = bind else {
                    return;
                };
                match entries.iter_mut().find(|e| e.address == address) {
                    Some(entry) => {
                        entry.ssl |= options.ssl;
                        if options.default_server {
                            entry.default_server = server;
                        }
                        if !entry.servers.contains(&server) {
                            entry.servers.push(server);
                        }
                    }
                    None => entries.push(Entry {
                        address,
                        ssl: options.ssl,
                        default_server: server,
                        servers: vec![server],
                    }),
                }
            }
        }
        let has_certificate = |server: usize| !tree.in_effect(server, "ssl_certificate").is_empty();
        let rejects = |server: usize| {
            tree.in_effect(server, "ssl_reject_handshake")
                .last()
                .and_then(|&i| tree.node(i).arg(0))
                .is_some_and(|v| v.eq_ignore_ascii_case("on"))
        };
        for entry in entries.iter().filter(|e| e.ssl) {
            // A server without listen gets *:80 or *:8000 (by user), which
            // may make it the default on those.
            if implicit && matches!(entry.address, Address::V4([0, 0, 0, 0], 80 | 8000)) {
                continue;
            }
            let default = entry.default_server;
            let missing: Vec<usize> = if has_certificate(default) {
                Vec::new()
            } else if !rejects(default) {
                vec![default]
            } else {
                entry
                    .servers
                    .iter()
                    .copied()
                    .filter(|&s| !has_certificate(s) && !rejects(s))
                    .collect()
            };
            if let Some(&server) = missing.first() {
                out.push(
                    Diagnostic::at(
                        &RULE,
                        cx.source,
                        tree.node(server).directive.name_span,
                        "no \"ssl_certificate\" is defined for the \"listen ... ssl\" directive",
                    )
                    .with_help(format!(
                        "This server takes TLS connections on {}.",
                        entry.address.text()
                    )),
                );
                // nginx stops at the first.
                return;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::nginx::fixtures::{hits, wrap};

    const RULE: &str = "nginx/missing-ssl-certificate";

    fn lines(body: &str) -> Vec<usize> {
        hits(&wrap(body), RULE).into_iter().map(|d| d.line).collect()
    }

    #[test]
    fn triggers_on_tls_without_certificate() {
        let text = wrap("    server {\n        listen 443 ssl;\n    }");
        let found = hits(&text, RULE);
        assert_eq!(
            found[0].message,
            "no \"ssl_certificate\" is defined for the \"listen ... ssl\" directive"
        );
        assert_eq!(found[0].line, 4);
        assert_eq!(&text[found[0].span.start..found[0].span.end], "server");
        // The ssl of another server's listen counts for the address.
        assert_eq!(
            lines("    server {\n        listen 8443;\n    }\n    server {\n        listen 8443 ssl;\n        ssl_certificate a.pem;\n        ssl_certificate_key a.key;\n    }"),
            [4]
        );
        // Behind a default server that rejects handshakes, every server is checked.
        assert_eq!(
            lines("    server {\n        listen 443 ssl;\n        ssl_reject_handshake on;\n    }\n    server {\n        listen 443 ssl;\n        server_name a;\n    }"),
            [8]
        );
    }

    #[test]
    fn triggers_on_certificates_without_keys() {
        let text = wrap("    ssl_certificate a.pem;\n    server {\n        listen 443 ssl;\n    }\n    server {\n        listen 8443 ssl;\n        ssl_certificate b.pem;\n        ssl_certificate c.pem;\n        ssl_certificate_key b.key;\n    }");
        let found: Vec<(String, usize)> = hits(&text, RULE).into_iter().map(|d| (d.message, d.line)).collect();
        assert_eq!(
            found,
            [
                (
                    "no \"ssl_certificate_key\" is defined for certificate \"a.pem\"".to_owned(),
                    4
                ),
                (
                    "no \"ssl_certificate_key\" is defined for certificate \"c.pem\"".to_owned(),
                    11
                ),
            ]
        );
    }

    #[test]
    fn near_misses_stay_clean() {
        for body in [
            "    server { listen 443 ssl; ssl_certificate a.pem; ssl_certificate_key a.key; }",
            "    ssl_certificate a.pem;\n    ssl_certificate_key a.key;\n    server { listen 443 ssl; }",
            "    ssl_certificate_key a.key;\n    server { listen 443 ssl; ssl_certificate a.pem; }",
            "    server { listen 443 ssl; ssl_reject_handshake on; }",
            "    server { listen 443 ssl; ssl_certificate a.pem; ssl_certificate_key a.key; } server { listen 443 ssl; server_name b; }",
            "    server { listen 80; }",
            "    server { listen app:443 ssl; }",
            "    include /etc/nginx/conf.d/*.conf;\n    server { listen 443 ssl; }",
            "    server { include snippets/ssl.conf; listen 443 ssl; }",
        ] {
            assert!(lines(body).is_empty(), "{body}");
        }
        for seed in [crate::reference::FRONTEND_NGINX, crate::reference::BACKEND_NGINX] {
            assert!(hits(seed, RULE).is_empty());
        }
    }
}
