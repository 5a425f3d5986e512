use std::collections::HashMap;

use super::invalid_listen::is_http_listen;
use crate::diagnostic::{Diagnostic, Span};
use crate::nginx::listen::{parse_address, parse_options, Address, Bind};
use crate::rules::declare_rule;
use crate::rules::nginx::Cx;

declare_rule! {
    /// Reports http `listen` directives that clash on one address and port:
    /// two `default_server`s (`a duplicate default server for 0.0.0.0:80`),
    /// socket options (`backlog=`, `reuseport`, `bind`, ...) given twice
    /// (`duplicate listen options for 0.0.0.0:80`), or the same address
    /// twice in one server (`a duplicate listen 0.0.0.0:80`).
    ///
    /// `listen 80`, `listen *:80` and `listen 0.0.0.0:80` are the same
    /// address; `listen 127.0.0.1:80` is another one. Socket options apply
    /// to the listening socket, which all servers on that address share, so
    /// only one `listen` may set them.
    ///
    /// # Why it matters
    /// nginx refuses to start.
    ///
    /// # Example
    /// ```nginx
    /// server { listen 80 default_server; server_name a.example; }
    /// server { listen 80 default_server; server_name b.example; }
    /// ```
    ///
    /// # Fix
    /// Keep `default_server` and the socket options on one server's
    /// `listen` only.
    pub static RULE = {
        id: "nginx/duplicate-listen",
        severity: Error,
        summary: "Two listen directives that clash on one address",
    }
}

/// What nginx remembers per address (ngx_http_conf_addr_t): the servers on
/// it, whether a listen set socket options, and the default server.
struct Seen {
    servers: Vec<Option<usize>>,
    text: String,
    set: bool,
    default_server: bool,
}

pub fn check(cx: &Cx, out: &mut Vec<Diagnostic>) {
    let tree = cx.tree;
    // One table per http block, as nginx keeps one per http main conf.
    let mut seen: HashMap<(Option<usize>, Address), Seen> = HashMap::new();
    for (index, node) in tree.named("listen") {
        if !is_http_listen(node) {
            continue;
        }
        let Some(Ok(Bind::One(address))) = node.arg(0).map(parse_address) else {
            continue;
        };
        let Ok(options) = parse_options(node.args().skip(1)) else {
            continue;
        };
        let server = tree.enclosing(index, "server");
        let http = tree.enclosing(index, "http");
        let message = match seen.get_mut(&(http, address.clone())) {
            None => {
                let text = address.text();
                seen.insert(
                    (http, address),
                    Seen {
                        servers: vec![server],
                        text,
                        set: options.set,
                        default_server: options.default_server,
                    },
                );
                continue;
            }
            Some(entry) => {
                if entry.servers.contains(&server) {
                    Some(format!("a duplicate listen {}", entry.text))
                } else if options.set && entry.set {
                    entry.servers.push(server);
                    Some(format!("duplicate listen options for {}", entry.text))
                } else if options.default_server && entry.default_server {
                    entry.servers.push(server);
                    Some(format!("a duplicate default server for {}", entry.text))
                } else {
                    entry.servers.push(server);
                    entry.set |= options.set;
                    entry.default_server |= options.default_server;
                    None
                }
            }
        };
        if let Some(message) = message {
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
}

#[cfg(test)]
mod tests {
    use crate::rules::nginx::fixtures::{hits, wrap};

    const RULE: &str = "nginx/duplicate-listen";

    fn found(body: &str) -> Vec<(String, usize)> {
        hits(&wrap(body), RULE)
            .into_iter()
            .map(|d| (d.message, d.line))
            .collect()
    }

    #[test]
    fn triggers_on_clashing_listens() {
        assert_eq!(
            found("    server {\n        listen 80 default_server;\n    }\n    server {\n        listen *:80 default_server;\n    }"),
            [("a duplicate default server for 0.0.0.0:80".to_owned(), 8)]
        );
        assert_eq!(
            found("    server { listen 8080 backlog=100; }\n    server { listen 0.0.0.0:8080 reuseport; }"),
            [("duplicate listen options for 0.0.0.0:8080".to_owned(), 5)]
        );
        assert_eq!(
            found("    server {\n        listen [::]:80;\n        listen [0::0]:80;\n    }"),
            [("a duplicate listen [::]:80".to_owned(), 6)]
        );
    }

    #[test]
    fn near_misses_stay_clean() {
        for body in [
            "    server { listen 80 default_server; } server { listen 80; } server { listen 127.0.0.1:80 default_server; }",
            "    server { listen 80 backlog=100; } server { listen 80 ssl; }",
            "    server { listen 80; listen [::]:80; listen 8080; }",
            "    server { listen app:80 default_server; } server { listen app:80 default_server; }",
            "    server { listen 80 default_server; } server { listen 81 default_server; }",
        ] {
            assert!(found(body).is_empty(), "{body}");
        }
        for seed in [crate::reference::FRONTEND_NGINX, crate::reference::BACKEND_NGINX] {
            assert!(hits(seed, RULE).is_empty());
        }
    }
}
