use crate::diagnostic::Diagnostic;
use crate::nginx::ast::Directive;
use crate::rules::declare_rule;
use crate::source::Source;

declare_rule! {
    /// Reports a block directive written without a block (`directive "x" has
    /// no opening "{"`) and a simple directive followed by a block
    /// (`directive "x" is not terminated by ";"`).
    ///
    /// # Why it matters
    /// nginx refuses to start; the second form often means a `;` is missing
    /// and the next line's `{` was taken as part of this directive.
    ///
    /// # Example
    /// ```nginx
    /// location /api
    /// proxy_pass http://app { }
    /// ```
    ///
    /// # Fix
    /// Give block directives (`server`, `location`, `upstream`, `if`, …) a
    /// `{ … }` and end every other directive with `;`.
    pub static RULE = {
        id: "nginx/block-mismatch",
        severity: Error,
        summary: "A block directive without a block, or a block after a simple directive",
    }
}

pub fn missing_block(source: &Source, directive: &Directive) -> Diagnostic {
    let span = directive.terminator.unwrap_or(directive.name_span);
    Diagnostic::at(
        &RULE,
        source,
        span,
        format!("directive \"{}\" has no opening \"{{\"", directive.name),
    )
}

pub fn unexpected_block(source: &Source, directive: &Directive) -> Diagnostic {
    let span = directive.block.as_ref().map_or(directive.name_span, |b| b.open);
    Diagnostic::at(
        &RULE,
        source,
        span,
        format!("directive \"{}\" is not terminated by \";\"", directive.name),
    )
}

#[cfg(test)]
mod tests {
    use crate::rules::nginx::fixtures::{hits, wrap};

    #[test]
    fn triggers_both_ways() {
        let found = hits(&wrap("    server;"), "nginx/block-mismatch");
        assert_eq!(found[0].message, "directive \"server\" has no opening \"{\"");
        let found = hits(
            &wrap("    server {\n        listen 80 { }\n    }"),
            "nginx/block-mismatch",
        );
        assert_eq!(found[0].message, "directive \"listen\" is not terminated by \";\"");
        assert_eq!(found[0].line, 5);
    }

    #[test]
    fn stays_quiet_on_the_seeds() {
        assert!(hits(crate::reference::BACKEND_NGINX, "nginx/block-mismatch").is_empty());
    }
}
