use crate::diagnostic::Diagnostic;
use crate::nginx::ast::Directive;
use crate::nginx::directives;
use crate::rules::declare_rule;
use crate::source::Source;
use crate::suggest::closest;

declare_rule! {
    /// Reports a directive stock nginx does not have: `unknown directive "x"`,
    /// with the closest real name.
    ///
    /// # Why it matters
    /// nginx refuses to start. A typo such as `proxy_set_headers` is easy to
    /// miss in review and only fails when the container starts.
    ///
    /// # Example
    /// ```nginx
    /// proxy_set_headers Host $host;
    /// ```
    ///
    /// # Fix
    /// Use the directive name the help suggests, or load the module that
    /// provides it.
    pub static RULE = {
        id: "nginx/unknown-directive",
        severity: Error,
        summary: "A directive stock nginx does not know",
    }
}

/// The stock directive an unknown name is most likely a typo of.
pub fn suggestion(name: &str) -> Option<&'static str> {
    closest(name, directives::all().iter().map(|d| d.name))
}

pub fn diagnostic(source: &Source, directive: &Directive, suggestion: Option<&str>) -> Diagnostic {
    let diagnostic = Diagnostic::at(
        &RULE,
        source,
        directive.name_span,
        format!("unknown directive \"{}\"", directive.name),
    );
    match suggestion {
        Some(suggestion) => diagnostic.with_help(format!("Did you mean \"{suggestion}\"?")),
        None => diagnostic,
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::nginx::fixtures::{hits, wrap};

    #[test]
    fn triggers_on_a_typo_with_a_suggestion() {
        let found = hits(&wrap("    proxy_set_headers Host $host;"), "nginx/unknown-directive");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].message, "unknown directive \"proxy_set_headers\"");
        assert_eq!(found[0].help.as_deref(), Some("Did you mean \"proxy_set_header\"?"));
        assert_eq!(found[0].line, 4);
    }

    #[test]
    fn stays_quiet_on_stock_and_third_party_directives() {
        assert!(hits(crate::reference::FRONTEND_NGINX, "nginx/unknown-directive").is_empty());
        assert!(hits(&wrap("    more_set_headers \"X: y\";"), "nginx/unknown-directive").is_empty());
    }
}
