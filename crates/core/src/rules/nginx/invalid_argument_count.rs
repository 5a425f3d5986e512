use crate::diagnostic::{Diagnostic, Span};
use crate::nginx::ast::Directive;
use crate::rules::declare_rule;
use crate::source::Source;

declare_rule! {
    /// Reports a directive with a number of arguments nginx does not accept
    /// for it: `invalid number of arguments in "x" directive`.
    ///
    /// # Why it matters
    /// nginx refuses to start. Often a value with a space that needed quotes
    /// (`add_header X-Frame-Options SAME ORIGIN`) or a forgotten argument.
    ///
    /// # Example
    /// ```nginx
    /// proxy_http_version;
    /// ```
    ///
    /// # Fix
    /// Give the directive the arguments its documentation lists; quote a
    /// value that contains spaces.
    pub static RULE = {
        id: "nginx/invalid-argument-count",
        severity: Error,
        summary: "A directive with a number of arguments nginx does not accept",
    }
}

pub fn diagnostic(source: &Source, directive: &Directive) -> Diagnostic {
    let end = directive.args.last().map_or(directive.name_span.end, |a| a.span.end);
    Diagnostic::at(
        &RULE,
        source,
        Span::new(directive.name_span.start, end),
        format!("invalid number of arguments in \"{}\" directive", directive.name),
    )
}

#[cfg(test)]
mod tests {
    use crate::rules::nginx::fixtures::{hits, wrap};

    #[test]
    fn triggers_on_too_few_and_too_many() {
        let found = hits(&wrap("    sendfile;"), "nginx/invalid-argument-count");
        assert_eq!(
            found[0].message,
            "invalid number of arguments in \"sendfile\" directive"
        );
        let found = hits(
            &wrap("    add_header X-Frame-Options SAME ORIGIN always;"),
            "nginx/invalid-argument-count",
        );
        assert_eq!(found.len(), 1);
    }

    #[test]
    fn stays_quiet_on_the_seeds() {
        assert!(hits(crate::reference::FRONTEND_NGINX, "nginx/invalid-argument-count").is_empty());
    }
}
