use super::{invalid_if_condition, span_in};
use crate::diagnostic::Diagnostic;
use crate::nginx::script::{compiled_arguments, if_condition, references};
use crate::rules::declare_rule;
use crate::rules::nginx::Cx;

declare_rule! {
    /// Reports a `$` that does not start a variable name in a value nginx
    /// reads variables from: `invalid variable name`, and `${name` without
    /// its `}`: `the closing bracket in "name" variable is missing`.
    ///
    /// # Why it matters
    /// nginx refuses to start. A literal dollar sign in `return`,
    /// `add_header` or `set` values cannot be written as `$`.
    ///
    /// # Example
    /// ```nginx
    /// return 200 "price: 5$";
    /// ```
    ///
    /// # Fix
    /// Write the name after the `$` (`${name}` when letters follow it), or,
    /// for a literal `$`, define one: `geo $dollar { default "$"; }` and use
    /// `$dollar`.
    pub static RULE = {
        id: "nginx/invalid-variable-name",
        severity: Error,
        summary: "A $ that does not start a variable name",
    }
}

pub fn check(cx: &Cx, out: &mut Vec<Diagnostic>) {
    for (_, node) in cx.tree.iter() {
        let Some(definition) = node.accepted() else {
            continue;
        };
        if !definition.module.starts_with("ngx_http_") {
            continue;
        }
        let mut compiled = compiled_arguments(node);
        if node.name() == "if" && invalid_if_condition::readable(node) {
            compiled.extend(if_condition(node).1);
        }
        for arg in compiled {
            if let Err(error) = references(&arg.value) {
                out.push(Diagnostic::at(
                    &RULE,
                    cx.source,
                    span_in(cx, arg, error.range),
                    error.message,
                ));
                break;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::nginx::fixtures::{hits, wrap};

    const RULE: &str = "nginx/invalid-variable-name";

    #[test]
    fn triggers_on_bare_dollars_and_open_brackets() {
        let text = wrap("    server {\n        return 200 \"price: 5$\";\n    }");
        let found = hits(&text, RULE);
        assert_eq!(found[0].message, "invalid variable name");
        assert_eq!(found[0].line, 5);
        assert_eq!(&text[found[0].span.start..found[0].span.end], "$");
        let found = hits(&wrap("    server { location / { set $a \"${host\"; } }"), RULE);
        assert_eq!(found[0].message, "the closing bracket in \"host\" variable is missing");
    }

    #[test]
    fn near_misses_stay_clean() {
        for body in [
            "    server { location ~ ^/a$ { return 200 \"$host\"; } }",
            "    server { location / { rewrite ^/(.*)$ /$1 break; } }",
            "    server { location / { if ($uri ~ \"^/x$\") { return 404; } } }",
            "    server { add_header X-A \"no dollars\"; }",
            "    log_format x '$remote_addr $';",
        ] {
            assert!(hits(&wrap(body), RULE).is_empty(), "{body}");
        }
        for seed in [crate::reference::FRONTEND_NGINX, crate::reference::BACKEND_NGINX] {
            assert!(hits(seed, RULE).is_empty());
        }
    }
}
