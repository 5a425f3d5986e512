use crate::diagnostic::Diagnostic;
use crate::nginx::ast::Directive;
use crate::nginx::directives::{self, context};
use crate::rules::declare_rule;
use crate::source::Source;

declare_rule! {
    /// Reports a directive in a block where nginx does not accept it:
    /// `"x" directive is not allowed here`, with where it is allowed.
    ///
    /// # Why it matters
    /// nginx refuses to start. Common cases: `proxy_pass` directly in
    /// `server`, `worker_connections` outside `events`, `server` outside `http`.
    ///
    /// # Example
    /// ```nginx
    /// http {
    ///     worker_connections 1024;
    /// }
    /// ```
    ///
    /// # Fix
    /// Move the directive into one of the blocks the help lists.
    pub static RULE = {
        id: "nginx/not-allowed-here",
        severity: Error,
        summary: "A directive in a block where nginx does not accept it",
    }
}

pub fn diagnostic(source: &Source, directive: &Directive) -> Diagnostic {
    let name = directive.name.as_ref();
    let mut places: Vec<&str> = Vec::new();
    for known in directives::lookup(name) {
        for place in context::names(known.contexts) {
            if !places.contains(&place) {
                places.push(place);
            }
        }
    }
    Diagnostic::at(
        &RULE,
        source,
        directive.name_span,
        format!("\"{name}\" directive is not allowed here"),
    )
    .with_help(format!("It is allowed in: {}.", places.join(", ")))
}

#[cfg(test)]
mod tests {
    use crate::rules::nginx::fixtures::{hits, wrap};

    #[test]
    fn triggers_outside_its_context() {
        let found = hits(&wrap("    worker_connections 1024;"), "nginx/not-allowed-here");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].message, "\"worker_connections\" directive is not allowed here");
        assert!(
            found[0].help.as_deref().unwrap().contains("events"),
            "{:?}",
            found[0].help
        );
    }

    #[test]
    fn stays_quiet_on_the_seeds_and_in_nested_locations_and_ifs() {
        assert!(hits(crate::reference::FRONTEND_NGINX, "nginx/not-allowed-here").is_empty());
        let text = wrap("    server {\n        location / {\n            location /a { proxy_pass http://a; }\n            if ($x) { return 403; }\n        }\n    }");
        assert!(hits(&text, "nginx/not-allowed-here").is_empty());
    }
}
