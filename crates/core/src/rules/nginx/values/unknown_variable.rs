use std::collections::HashSet;

use super::{includes_other_files, invalid_if_condition, span_in};
use crate::diagnostic::Diagnostic;
use crate::nginx::ast::Arg;
use crate::nginx::directives;
use crate::nginx::script::{
    compiled_arguments, defined_variable, if_condition, log_format_arguments, log_format_references, named_captures,
    references,
};
use crate::nginx::variables::{is_builtin, Family};
use crate::rules::declare_rule;
use crate::rules::nginx::Cx;

declare_rule! {
    /// Reports a variable that neither nginx nor the config defines:
    /// `unknown "request_ip" variable`.
    ///
    /// nginx knows its modules' variables (`$remote_addr`, `$request_uri`,
    /// ...), any `$http_*`, `$sent_http_*`, `$cookie_*`, `$arg_*` and
    /// `$upstream_http_*`, and those the config defines with `set`, `map`,
    /// `geo`, `split_clients`, `auth_request_set` or as a named regex capture
    /// (`(?<slug>...)`); the variables a newer nginx (1.26.3) adds count
    /// too, as the image may run it. Names ignore case. nginx itself reports this after
    /// reading the whole config, without a line; here it is at the
    /// variable.
    ///
    /// Only `$` in arguments nginx compiles are looked at (values of
    /// `return`, `add_header`, `proxy_set_header`, `set`, `proxy_pass`,
    /// `log_format`, `if` conditions, ...), not regexes. The check stays
    /// silent when the config includes other files (other than mime.types
    /// and the `*_params` files) or uses modules outside stock nginx, since
    /// those can define variables of their own.
    ///
    /// # Why it matters
    /// nginx refuses to start. Usually a typo (`$remote_address`), a
    /// variable from a module that is not loaded, or a header variable
    /// written with dashes (`$http_x-api-key` reads `$http_x` then `-api-key`).
    ///
    /// # Example
    /// ```nginx
    /// add_header X-Client $remote_address;
    /// ```
    ///
    /// # Fix
    /// Fix the name, or define the variable with `set` or `map` first.
    pub static RULE = {
        id: "nginx/unknown-variable",
        severity: Error,
        summary: "A variable neither nginx nor the config defines",
    }
}

/// Whether every variable the config can define is in this file.
fn self_contained(cx: &Cx) -> bool {
    !includes_other_files(cx)
        && cx
            .tree
            .iter()
            .all(|(_, node)| node.context.is_none() || !directives::lookup(node.name()).is_empty())
}

pub fn check(cx: &Cx, out: &mut Vec<Diagnostic>) {
    if !self_contained(cx) {
        return;
    }
    let tree = cx.tree;
    let mut defined: HashSet<String> = HashSet::new();
    for (_, node) in tree.iter() {
        if let Some(name) = defined_variable(node) {
            defined.insert(name.to_ascii_lowercase());
        }
        for arg in node
            .directive
            .args
            .iter()
            .map(|a| a.value.as_ref())
            .chain([node.name()])
        {
            defined.extend(named_captures(arg).map(str::to_ascii_lowercase));
        }
    }
    let known = |name: &str| is_builtin(Family::Http, name) || defined.contains(&name.to_ascii_lowercase());
    let mut report = |arg: &Arg, name: &str, range: std::ops::Range<usize>| {
        if !known(name) {
            out.push(Diagnostic::at(
                &RULE,
                cx.source,
                span_in(cx, arg, range),
                format!("unknown \"{}\" variable", name.to_ascii_lowercase()),
            ));
        }
    };
    for (index, node) in tree.iter() {
        let Some(definition) = node.accepted() else {
            continue;
        };
        if !definition.module.starts_with("ngx_http_") {
            continue;
        }
        let mut compiled = compiled_arguments(node);
        if node.name() == "if" && invalid_if_condition::readable(node) {
            let (variable, operand) = if_condition(node);
            if let Some((arg, range)) = variable {
                let name = arg.value.get(range.start + 1..range.end).unwrap_or("");
                report(arg, name, range);
            }
            compiled.extend(operand);
        }
        if node.name() == "map" {
            // The values of the map's body are compiled; its keys are not.
            for child in tree.children(Some(index)) {
                let entry = tree.node(child);
                if !matches!(entry.name(), "hostnames" | "volatile" | "include") {
                    compiled.extend(entry.directive.args.first());
                }
            }
        }
        for arg in compiled {
            for r in references(&arg.value).unwrap_or_default() {
                report(arg, r.name, r.range);
            }
        }
        if node.name() == "log_format" {
            for arg in log_format_arguments(node) {
                for r in log_format_references(&arg.value) {
                    report(arg, r.name, r.range);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::nginx::fixtures::{hits, wrap};

    const RULE: &str = "nginx/unknown-variable";

    fn found(body: &str) -> Vec<String> {
        hits(&wrap(body), RULE).into_iter().map(|d| d.message).collect()
    }

    #[test]
    fn triggers_on_unknown_names() {
        let text = wrap("    server {\n        listen 80;\n        add_header X-Client \"ip=$Remote_Address\";\n    }");
        let hit = &hits(&text, RULE)[0];
        assert_eq!(hit.message, "unknown \"remote_address\" variable");
        assert_eq!(hit.line, 6);
        assert_eq!(&text[hit.span.start..hit.span.end], "$Remote_Address");
        assert_eq!(
            found("    log_format main '$remote_addr $requets';"),
            ["unknown \"requets\" variable"]
        );
        assert_eq!(
            found("    server { if ($nope) { return 404; } }"),
            ["unknown \"nope\" variable"]
        );
        assert_eq!(
            found("    server { location / { if (-f $doc_root/x) { return 404; } return 200 \"${a}$0\"; } }"),
            [
                "unknown \"doc_root\" variable",
                "unknown \"a\" variable",
                "unknown \"0\" variable"
            ]
        );
        assert_eq!(
            found("    map $host $m { default $nope; }\n    proxy_set_header X $m;"),
            ["unknown \"nope\" variable"]
        );
    }

    #[test]
    fn near_misses_stay_clean() {
        for body in [
            "    server { location / { return 200 \"$scheme://$host$request_uri $http_x_api_key $cookie_a $arg_b\"; } }",
            "    map $http_upgrade $connection_upgrade { default upgrade; '' close; }\n    server { location / { proxy_set_header Connection $connection_upgrade; } }",
            "    server { location / { set $target http://a; proxy_pass $target; } }",
            "    server { location ~ ^/(?<slug>[a-z]+)$ { return 200 $slug; } }",
            "    server { location / { rewrite ^/(.*)$ /x/$1 last; } }",
            "    server { location / { if ($request_method !~ ^(GET|HEAD)$) { return 405; } } }",
            "    split_clients $remote_addr $variant { 50% a; * b; }\n    server { return 200 $variant; }",
            "    server { location / { return 200 $UPSTREAM_ADDR$later; } set $later 1; }",
            "    server { location / { add_header X-Price \"5 dollars\"; } }",
            "    include /etc/nginx/conf.d/*.conf;\n    server { return 200 $defined_elsewhere; }",
            "    more_set_headers \"X: $y\";\n    server { return 200 $from_a_module; }",
            "    server { location ~ \\.php$ { fastcgi_pass unix:/run/php.sock; } }",
        ] {
            assert!(found(body).is_empty(), "{body}: {:?}", found(body));
        }
        for seed in [crate::reference::FRONTEND_NGINX, crate::reference::BACKEND_NGINX] {
            assert!(hits(seed, RULE).is_empty());
        }
    }
}
