use super::{tainted, tainted_sets, Matcher, Taint};
use crate::diagnostic::Diagnostic;
use crate::nginx::regex_lint::{self, Capture};
use crate::rules::declare_rule;
use crate::rules::nginx::Cx;

declare_rule! {
    /// Reports a `proxy_pass` (or `grpc_pass`) whose upstream host comes from
    /// the request: a header (`$http_*`), a query argument (`$arg_*`), a
    /// cookie, `$host`, or a regex capture of the URL, in a location that is
    /// not `internal`.
    ///
    /// # Why it matters
    /// Anyone can then make nginx fetch any address its network reaches: the
    /// other containers of the task, services inside the VPC, and the
    /// link-local AWS endpoints (instance metadata at `169.254.169.254`,
    /// task metadata at `169.254.170.2`) that describe the deployment and can
    /// hand out credentials. This is server-side request forgery, and the
    /// response comes straight back to the attacker.
    ///
    /// # Example
    /// ```nginx
    /// location ~ ^/proxy/(.*)$ {
    ///     proxy_pass http://$1;
    /// }
    /// ```
    ///
    /// # Fix
    /// Choose the upstream from a fixed list: a `map` from the request value
    /// to known hosts, with a safe `default`, or a capture that only allows
    /// fixed words (`^/(api|auth)/`). If only nginx itself reaches the
    /// location (`X-Accel-Redirect`, `error_page`), mark it `internal;`.
    pub static RULE = {
        id: "nginx/ssrf-proxy-pass",
        severity: Warning,
        summary: "A proxy_pass whose upstream host comes from the request",
    }
}

/// What the client chooses freely. The URL variables are left out: they
/// start with `/`, so they only ever fill the path; what a regex captures
/// from them is the client's choice, though.
struct ClientChosen;

impl Taint for ClientChosen {
    fn builtin(&self, name: &str) -> bool {
        name.starts_with("http_")
            || name.starts_with("arg_")
            || name.starts_with("cookie_")
            || matches!(name, "host" | "args" | "query_string" | "request_body")
    }

    fn capture(&self, matcher: &Matcher, capture: &Capture, subject: bool) -> bool {
        let url = ["uri", "document_uri", "request_uri"]
            .iter()
            .any(|u| matcher.subject.eq_ignore_ascii_case(u));
        (subject || url) && !regex_lint::is_fixed_words(capture.alternatives)
    }
}

pub fn check(cx: &Cx, out: &mut Vec<Diagnostic>) {
    let tree = cx.tree;
    let mut set: Option<Vec<String>> = None;
    for (index, node) in tree.iter() {
        if !matches!(node.name(), "proxy_pass" | "grpc_pass") || node.accepted().is_none() {
            continue;
        }
        let Some(arg) = node.directive.args.first() else {
            continue;
        };
        let host = host_part(&arg.value);
        if !host.contains('$') {
            continue;
        }
        let internal = tree
            .enclosing(index, "location")
            .is_some_and(|l| tree.children_named(Some(l), "internal").next().is_some());
        if internal {
            continue;
        }
        let set = set.get_or_insert_with(|| tainted_sets(tree, &ClientChosen));
        let found = tainted(tree, index, host, &ClientChosen, set);
        let Some(var) = found.first() else {
            continue;
        };
        out.push(
            Diagnostic::at(
                &RULE,
                cx.source,
                arg.span,
                format!(
                    "{} takes its upstream host from ${}, which the client chooses",
                    node.name(),
                    var.name
                ),
            )
            .with_help(
                "Pick the upstream from a fixed list (a map with a safe default), or mark the location internal; if only nginx reaches it.",
            ),
        );
    }
}

/// The scheme and host of a proxy_pass URL (all of it when it is one
/// variable): everything before the first `/` after `://`.
fn host_part(url: &str) -> &str {
    let start = url.find("://").map_or(0, |at| at + 3);
    let end = url[start..].find('/').map_or(url.len(), |at| start + at);
    &url[..end]
}

#[cfg(test)]
mod tests {
    use crate::reference::{BACKEND_NGINX, FRONTEND_NGINX};
    use crate::rules::nginx::fixtures::{hits, wrap};

    const RULE: &str = "nginx/ssrf-proxy-pass";

    fn server(body: &str) -> String {
        wrap(&format!(
            "    resolver 10.0.0.2;\n    server {{\n        listen 80;\n{body}\n    }}"
        ))
    }

    #[test]
    fn triggers_on_hosts_from_the_request() {
        let text = server(concat!(
            "        location ~ ^/proxy/(.*)$ {\n",
            "            proxy_pass http://$1;\n",
            "        }\n",
            "        location /fetch {\n",
            "            set $target $arg_url;\n",
            "            proxy_pass $target;\n",
            "        }\n",
            "        location /h/ { proxy_pass https://$http_x_backend:8443/h/; }\n",
            "        location /g/ { proxy_pass http://$host; }",
        ));
        let found: Vec<(usize, String)> = hits(&text, RULE).into_iter().map(|d| (d.line, d.message)).collect();
        assert_eq!(
            found,
            [
                (
                    8,
                    "proxy_pass takes its upstream host from $1, which the client chooses".to_owned()
                ),
                (
                    12,
                    "proxy_pass takes its upstream host from $target, which the client chooses".to_owned()
                ),
                (
                    14,
                    "proxy_pass takes its upstream host from $http_x_backend, which the client chooses".to_owned()
                ),
                (
                    15,
                    "proxy_pass takes its upstream host from $host, which the client chooses".to_owned()
                ),
            ]
        );
        let found = hits(&text, RULE);
        assert_eq!(&text[found[0].span.start..found[0].span.end], "http://$1");
    }

    #[test]
    fn stays_quiet_on_fixed_hosts_paths_maps_and_internal_locations() {
        let text = server(concat!(
            "        location / { proxy_pass http://next:3000; proxy_set_header Host $host; }\n",
            "        location ~ ^/(api|auth)/(.*)$ { proxy_pass http://$1-svc:8080/$2$is_args$args; }\n",
            "        location /p/ { proxy_pass http://app:8080$uri; }\n",
            "        location /m/ { proxy_pass http://$backend; }\n",
            "        location ~ ^/internal/(.*)$ { internal; proxy_pass http://$1; }",
        ))
        .replace(
            "    resolver",
            "    map $http_x_tenant $backend {\n        default app-a;\n        b app-b;\n    }\n    resolver",
        );
        assert!(hits(&text, RULE).is_empty(), "{:#?}", hits(&text, RULE));
    }

    #[test]
    fn stays_quiet_on_the_seeds() {
        // Both seeds proxy to a fixed container name (next:3000, springboot:8080).
        assert!(hits(FRONTEND_NGINX, RULE).is_empty());
        assert!(hits(BACKEND_NGINX, RULE).is_empty());
    }
}
