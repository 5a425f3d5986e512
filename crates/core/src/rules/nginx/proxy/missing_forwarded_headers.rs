use crate::diagnostic::{Diagnostic, Fix, Span, TextEdit};
use crate::rules::declare_rule;
use crate::rules::nginx::Cx;

use super::{authority_host, line_indent, proxy_passes, url_authority};

declare_rule! {
    /// Reports a `proxy_pass` that does not pass on what the load balancer
    /// knows about the request: the `Host` the client asked for, the
    /// client's address (`X-Forwarded-For`) and scheme
    /// (`X-Forwarded-Proto`), and a server that does not restore the
    /// client's address for its own logs (`set_real_ip_from` +
    /// `real_ip_header X-Forwarded-For`).
    ///
    /// # Why it matters
    /// Without `proxy_set_header Host`, nginx sends the upstream's name: the
    /// app sees `Host: springboot:8080` and builds links, redirects and
    /// cookies for that name. (An upstream reached by a DNS name with dots,
    /// such as an S3 bucket or another load balancer, routes on `Host` and
    /// needs its own name, so Host is not asked for there.)
    ///
    /// Without `X-Forwarded-Proto`, the app believes every request came over
    /// plain HTTP (TLS ended at the load balancer) and redirects HTTPS users
    /// to `http://` URLs, or marks cookies insecure.
    ///
    /// Without `X-Forwarded-For`, the app sees nginx as the client: rate
    /// limits, audit logs and geo-IP all use one address.
    ///
    /// Without real-IP handling, nginx's own access log and `allow`/`deny`
    /// rules see the load balancer's address instead of the client's.
    ///
    /// A block with any `proxy_set_header` of its own does not inherit the
    /// ones from enclosing blocks, so headers set in `server` are lost in a
    /// location that sets one more.
    ///
    /// # Example
    /// ```nginx
    /// location / {
    ///     proxy_pass http://springboot:8080;
    /// }
    /// ```
    ///
    /// # Fix
    /// ```nginx
    /// set_real_ip_from 10.0.0.0/16;   # the load balancer's subnets (the VPC CIDR)
    /// real_ip_header X-Forwarded-For;
    /// location / {
    ///     proxy_set_header Host $host;
    ///     proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
    ///     proxy_set_header X-Forwarded-Proto $http_x_forwarded_proto;
    ///     proxy_pass http://springboot:8080;
    /// }
    /// ```
    /// `$http_x_forwarded_proto` passes on the load balancer's value;
    /// `$scheme` would always say `http` behind it.
    pub static RULE = {
        id: "nginx/missing-forwarded-headers",
        severity: Warning,
        summary: "A proxy_pass that does not forward Host, client address and scheme",
    }
}

const HEADERS: &[(&str, &str)] = &[
    ("Host", "$host"),
    ("X-Forwarded-For", "$proxy_add_x_forwarded_for"),
    ("X-Forwarded-Proto", "$http_x_forwarded_proto"),
];

pub fn check(cx: &Cx, out: &mut Vec<Diagnostic>) {
    let tree = cx.tree;
    for (pass, block) in proxy_passes(tree) {
        let in_effect = tree.in_effect(block, "proxy_set_header");
        let set = |list: &[usize], name: &str| {
            list.iter()
                .any(|&i| tree.node(i).arg(0).is_some_and(|h| h.eq_ignore_ascii_case(name)))
        };
        let node = tree.node(pass);
        let authority = node.arg(0).and_then(url_authority);
        // A service reached by its DNS name (S3, API Gateway, a load balancer
        // with host rules) routes on Host and needs its own name, which is
        // what nginx sends by default.
        let by_dns_name = authority.is_some_and(|a| {
            authority_host(a).contains(|c: char| c.is_ascii_alphabetic()) && authority_host(a).contains('.')
        });
        let missing: Vec<(&str, &str)> = HEADERS
            .iter()
            .copied()
            .filter(|(h, _)| !(set(&in_effect, h) || (by_dns_name && *h == "Host")))
            .collect();
        let real_ip = tree.in_effect(block, "real_ip_header").iter().any(|&i| {
            tree.node(i)
                .arg(0)
                .is_some_and(|h| h.eq_ignore_ascii_case("X-Forwarded-For"))
        }) && !tree.in_effect(block, "set_real_ip_from").is_empty();
        if missing.is_empty() && real_ip {
            continue;
        }
        let target = authority.unwrap_or("the upstream");
        let names: Vec<&str> = missing.iter().map(|(h, _)| *h).collect();
        let message = match (names.as_slice(), real_ip) {
            ([], _) => {
                "client addresses are not restored from X-Forwarded-For, so logs show the load balancer's address"
                    .to_owned()
            }
            (_, true) => format!("proxy_pass to {target} does not set {}", list(&names)),
            (_, false) => format!(
                "proxy_pass to {target} does not set {}, and client addresses are not restored from X-Forwarded-For",
                list(&names)
            ),
        };
        let mut help = String::new();
        if !missing.is_empty() {
            let lines: Vec<String> = missing
                .iter()
                .map(|(h, v)| format!("\"proxy_set_header {h} {v};\""))
                .collect();
            help.push_str(&format!("Add {} next to the proxy_pass", list_with(&lines, "and")));
            if missing.iter().any(|(h, _)| {
                tree.ancestors(block)
                    .any(|a| set(&tree.children_named(Some(a), "proxy_set_header").collect::<Vec<_>>(), h))
            }) {
                help.push_str(" (this block's own proxy_set_header hides the ones set in enclosing blocks)");
            }
            help.push('.');
            if names.contains(&"Host") {
                help.push_str(&format!(" Without Host the app sees \"{target}\" as its host name."));
            }
            if names.contains(&"X-Forwarded-Proto") {
                help.push_str(
                    " $http_x_forwarded_proto passes on the load balancer's scheme; $scheme is always http here.",
                );
            }
        }
        if !real_ip {
            if !help.is_empty() {
                help.push(' ');
            }
            help.push_str("Add \"set_real_ip_from <load balancer subnets>;\" and \"real_ip_header X-Forwarded-For;\" in http or server so logs and allow/deny see the client's address.");
        }
        let mut diagnostic = Diagnostic::at(&RULE, cx.source, node.directive.name_span, message).with_help(help);
        // Only where nothing is inherited: a first proxy_set_header in this
        // block would otherwise hide the enclosing blocks' ones.
        let own = in_effect.first().is_none_or(|&i| tree.node(i).parent == Some(block));
        if let (false, true, Some((line_start, indent))) = (
            missing.is_empty(),
            own,
            line_indent(cx.source.text, node.directive.name_span.start),
        ) {
            let text: String = missing
                .iter()
                .map(|(h, v)| format!("{indent}proxy_set_header {h} {v};\n"))
                .collect();
            diagnostic = diagnostic.with_fix(Fix {
                title: format!("Set {}", list_with(&names, "and")),
                edits: vec![TextEdit {
                    span: Span::new(line_start, line_start),
                    text,
                }],
                safe: false,
            });
        }
        out.push(diagnostic);
    }
}

fn list(names: &[&str]) -> String {
    list_with(names, "or")
}

fn list_with<S: AsRef<str>>(items: &[S], conjunction: &str) -> String {
    match items {
        [] => String::new(),
        [one] => one.as_ref().to_owned(),
        [init @ .., last] => {
            let init: Vec<&str> = init.iter().map(AsRef::as_ref).collect();
            format!("{} {conjunction} {}", init.join(", "), last.as_ref())
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::reference::{BACKEND_NGINX, FRONTEND_NGINX};
    use crate::rules::nginx::fixtures::{hits, wrap};

    const ID: &str = "nginx/missing-forwarded-headers";

    #[test]
    fn flags_the_seeds_bare_proxy_pass() {
        let found = hits(BACKEND_NGINX, ID);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].line, 26);
        assert_eq!(
            found[0].message,
            "proxy_pass to springboot:8080 does not set Host, X-Forwarded-For or X-Forwarded-Proto, and client addresses are not restored from X-Forwarded-For"
        );
        let fix = found[0].fix.as_ref().unwrap();
        let mut fixed = BACKEND_NGINX.to_owned();
        fixed.replace_range(fix.edits[0].span.start..fix.edits[0].span.end, &fix.edits[0].text);
        assert!(fixed.contains(
            "proxy_set_header Host $host;\nproxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;\nproxy_set_header X-Forwarded-Proto $http_x_forwarded_proto;\nproxy_pass http://springboot:8080;"
        ));
        let found = hits(FRONTEND_NGINX, ID);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].line, 29);
    }

    #[test]
    fn a_location_with_its_own_proxy_set_header_loses_the_servers() {
        let text = wrap(
            "set_real_ip_from 10.0.0.0/16;\nreal_ip_header X-Forwarded-For;\nserver {\nproxy_set_header Host $host;\nproxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;\nproxy_set_header X-Forwarded-Proto $http_x_forwarded_proto;\nlocation /ws {\n  proxy_set_header Upgrade $http_upgrade;\n  proxy_pass http://app:8080;\n}\n}",
        );
        let found = hits(&text, ID);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].line, 12);
        assert_eq!(
            found[0].message,
            "proxy_pass to app:8080 does not set Host, X-Forwarded-For or X-Forwarded-Proto"
        );
        assert!(found[0]
            .help
            .as_deref()
            .unwrap()
            .contains("hides the ones set in enclosing blocks"));
        let fix = found[0].fix.as_ref().unwrap();
        assert_eq!(fix.edits[0].text.lines().next(), Some("  proxy_set_header Host $host;"));
    }

    #[test]
    fn stays_quiet_on_the_full_idiom_inherited_from_server() {
        let text = wrap(
            "set_real_ip_from 10.0.0.0/16;\nreal_ip_header X-Forwarded-For;\nserver {\nlisten 80;\nproxy_set_header Host $host;\nproxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;\nproxy_set_header X-Forwarded-Proto $http_x_forwarded_proto;\nlocation / {\nproxy_pass http://springboot:8080;\n}\n}",
        );
        assert!(hits(&text, ID).is_empty());
    }

    #[test]
    fn does_not_ask_for_host_towards_a_service_reached_by_dns_name() {
        let text = wrap(
            "server {\nlocation /files/ {\nproxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;\nproxy_set_header X-Forwarded-Proto $http_x_forwarded_proto;\nproxy_pass https://assets.s3.ap-northeast-2.amazonaws.com/;\n}\n}",
        );
        let found = hits(&text, ID);
        assert_eq!(found.len(), 1);
        assert!(
            found[0].message.starts_with("client addresses are not restored"),
            "{}",
            found[0].message
        );
    }

    #[test]
    fn reports_real_ip_alone() {
        let text = wrap(
            "server {\nlocation / {\nproxy_set_header Host $host;\nproxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;\nproxy_set_header X-Forwarded-Proto $http_x_forwarded_proto;\nproxy_pass http://app:8080;\n}\n}",
        );
        let found = hits(&text, ID);
        assert_eq!(found.len(), 1);
        assert!(found[0].message.starts_with("client addresses are not restored"));
        assert!(found[0].fix.is_none());
    }
}
