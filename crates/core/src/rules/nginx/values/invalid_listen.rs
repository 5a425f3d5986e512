use crate::diagnostic::Diagnostic;
use crate::nginx::listen::{parse_address, parse_options};
use crate::nginx::tree::Node;
use crate::rules::declare_rule;
use crate::rules::nginx::Cx;

declare_rule! {
    /// Reports an http `listen` whose address or parameters nginx cannot
    /// read, in nginx's words: `invalid port in "127.0.0.1:80a" of the
    /// "listen" directive`, `no host in ":80" of the "listen" directive`,
    /// `invalid parameter "defualt_server"`, `invalid backlog "backlog=0"`.
    ///
    /// Host names are not looked up: whether `listen app:80` resolves
    /// depends on the machine nginx runs on. `quic` (nginx 1.25 and later)
    /// is accepted, as the image may run a newer nginx.
    ///
    /// # Why it matters
    /// nginx refuses to start.
    ///
    /// # Example
    /// ```nginx
    /// server {
    ///     listen 443 ssl defualt_server;
    /// }
    /// ```
    ///
    /// # Fix
    /// Write the address as `port`, `address:port`, `[ipv6]:port` or
    /// `unix:/path`, and spell the parameters as nginx's documentation does
    /// (they are case-sensitive).
    pub static RULE = {
        id: "nginx/invalid-listen",
        severity: Error,
        summary: "A listen address or parameter nginx cannot read",
    }
}

/// Whether the node is the http `listen` that ngx_http_core_listen reads.
pub(super) fn is_http_listen(node: &Node) -> bool {
    node.name() == "listen" && node.accepted().is_some_and(|d| d.module == "ngx_http_core_module")
}

pub fn check(cx: &Cx, out: &mut Vec<Diagnostic>) {
    for (_, node) in cx.tree.named("listen") {
        if !is_http_listen(node) {
            continue;
        }
        let args = &node.directive.args;
        let Some(url) = args.first() else {
            continue;
        };
        if let Err(err) = parse_address(&url.value) {
            out.push(Diagnostic::at(
                &RULE,
                cx.source,
                url.span,
                format!("{err} in \"{}\" of the \"listen\" directive", url.value),
            ));
            continue;
        }
        if let Err((i, message)) = parse_options(args[1..].iter().map(|a| a.value.as_ref())) {
            out.push(Diagnostic::at(&RULE, cx.source, args[1 + i].span, message));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::nginx::fixtures::{hits, wrap};

    const RULE: &str = "nginx/invalid-listen";

    fn listen(line: &str) -> Vec<String> {
        hits(&wrap(&format!("    server {{\n        listen {line};\n    }}")), RULE)
            .into_iter()
            .map(|d| {
                assert_eq!(d.line, 5);
                d.message
            })
            .collect()
    }

    #[test]
    fn triggers_on_bad_addresses_and_parameters() {
        assert_eq!(
            listen("127.0.0.1:80a"),
            ["invalid port in \"127.0.0.1:80a\" of the \"listen\" directive"]
        );
        assert_eq!(listen(":80"), ["no host in \":80\" of the \"listen\" directive"]);
        assert_eq!(
            listen("65536"),
            ["invalid port in \"65536\" of the \"listen\" directive"]
        );
        assert_eq!(
            listen("[zz]:80"),
            ["invalid IPv6 address in \"[zz]:80\" of the \"listen\" directive"]
        );
        assert_eq!(
            listen("80 ssl defualt_server"),
            ["invalid parameter \"defualt_server\""]
        );
        assert_eq!(listen("80 backlog=0"), ["invalid backlog \"backlog=0\""]);
        let text = wrap("    server {\n        listen 80 SSL;\n    }");
        let found = hits(&text, RULE);
        assert_eq!(&text[found[0].span.start..found[0].span.end], "SSL");
    }

    #[test]
    fn near_misses_stay_clean() {
        for line in [
            "80",
            "8080 default_server",
            "443 ssl http2 default",
            "127.0.0.1:8080 bind backlog=511 rcvbuf=64k reuseport deferred",
            "[::]:80 ipv6only=on",
            "unix:/run/nginx.sock",
            "app:80",
            "localhost",
            "80 proxy_protocol so_keepalive=30m::10",
            "8080-8090",
            "*:80 fastopen=0",
        ] {
            assert!(listen(line).is_empty(), "{line}");
        }
        for seed in [crate::reference::FRONTEND_NGINX, crate::reference::BACKEND_NGINX] {
            assert!(hits(seed, RULE).is_empty());
        }
    }
}
