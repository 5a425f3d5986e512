use crate::diagnostic::{Diagnostic, Fix, TextEdit};
use crate::rules::declare_rule;
use crate::rules::nginx::Cx;

declare_rule! {
    /// Reports `return 444`, nginx's "close the connection without a
    /// response", in a config that runs behind a load balancer.
    ///
    /// # Why it matters
    /// 444 is meant to drop abusive clients on the floor. Behind an AWS
    /// Application Load Balancer the client never talks to nginx: the ALB
    /// sees its connection to the target closed without a response, answers
    /// the client `502 Bad Gateway` itself and counts a target error. The
    /// client gets a misleading server error, your 5xx alarms fire on
    /// ordinary rejected requests, and the ALB's connection to nginx is
    /// thrown away.
    ///
    /// # Example
    /// ```nginx
    /// if ($request_method !~ ^(GET|HEAD|POST|OPTIONS)$) {
    ///     return 444;
    /// }
    /// ```
    ///
    /// # Fix
    /// Answer with a status the client can understand: `return 405;` for a
    /// method filter, `return 403;` otherwise. Blocking abusive clients
    /// before they reach nginx is the load balancer's job (AWS WAF).
    pub static RULE = {
        id: "nginx/return-444-behind-load-balancer",
        severity: Warning,
        summary: "return 444 behind a load balancer, which turns it into a 502",
    }
}

pub fn check(cx: &Cx, out: &mut Vec<Diagnostic>) {
    for (index, node) in cx.tree.named("return") {
        if !node.in_http() || node.arg(0) != Some("444") {
            continue;
        }
        let Some(code) = node.directive.args.first() else {
            continue;
        };
        let status = if filters_methods(cx, index) { "405" } else { "403" };
        out.push(
            Diagnostic::at(
                &RULE,
                cx.source,
                code.span,
                "return 444 closes the connection without a response, which the load balancer turns into a 502",
            )
            .with_help(format!(
                "Return {status} instead: the client gets a clear answer and the load balancer does not count a target error."
            ))
            .with_fix(Fix {
                title: format!("Return {status} instead"),
                edits: vec![TextEdit {
                    span: code.span,
                    text: status.to_owned(),
                }],
                // Clients now get a response: what the rule asks for, but a
                // change of behaviour to confirm.
                safe: false,
            }),
        );
    }
}

/// Whether the `return` only runs for some request methods: in a
/// `limit_except`, or in an `if` that tests `$request_method`.
fn filters_methods(cx: &Cx, index: usize) -> bool {
    let Some(parent) = cx.tree.node(index).parent else {
        return false;
    };
    let block = cx.tree.node(parent);
    match block.name() {
        "limit_except" => true,
        "if" => block
            .args()
            .next()
            .is_some_and(|a| a.trim_start_matches('(').eq_ignore_ascii_case("$request_method")),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use crate::reference::{BACKEND_NGINX, FRONTEND_NGINX};
    use crate::rules::nginx::fixtures::{hits, wrap};

    const ID: &str = "nginx/return-444-behind-load-balancer";

    #[test]
    fn flags_the_frontend_seeds_method_filter_with_405() {
        let found = hits(FRONTEND_NGINX, ID);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].line, 27);
        assert_eq!(
            found[0].message,
            "return 444 closes the connection without a response, which the load balancer turns into a 502"
        );
        let fix = found[0].fix.as_ref().unwrap();
        assert_eq!(fix.edits[0].text, "405");
        assert_eq!(&FRONTEND_NGINX[fix.edits[0].span.start..fix.edits[0].span.end], "444");
        assert!(!fix.safe);
        assert!(hits(BACKEND_NGINX, ID).is_empty());
    }

    #[test]
    fn suggests_403_outside_a_method_filter() {
        let text = wrap("server {\nlisten 80;\nif ($http_user_agent ~* curl) {\nreturn 444;\n}\n}");
        let found = hits(&text, ID);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].line, 7);
        assert_eq!(found[0].fix.as_ref().unwrap().edits[0].text, "403");
    }

    #[test]
    fn stays_quiet_on_real_status_codes() {
        let text = wrap(
            "server {\nlisten 80;\nlocation / {\nif ($request_method !~ ^(GET|HEAD|POST|OPTIONS)$) {\nreturn 405;\n}\nreturn 403;\n}\nlocation /x { return 301 https://$host$request_uri; }\n}",
        );
        assert!(hits(&text, ID).is_empty());
    }
}
