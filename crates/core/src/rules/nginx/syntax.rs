use crate::diagnostic::Diagnostic;
use crate::nginx::ParseError;
use crate::rules::declare_rule;
use crate::source::Source;

declare_rule! {
    /// Reports what nginx's configuration reader rejects before it looks at
    /// any directive: `unexpected "}"`, `unexpected end of file, expecting ";"
    /// or "}"`, `unexpected "{"`, text right after a closing quote.
    ///
    /// # Why it matters
    /// `nginx -t` fails and the container's nginx does not start; the image
    /// builds fine and the failure only shows when the task starts.
    ///
    /// # Example
    /// ```nginx
    /// location / {
    ///     proxy_pass http://app:8080
    /// }
    /// ```
    /// The `;` after `proxy_pass` is missing: nginx says `unexpected "}"`.
    ///
    /// # Fix
    /// Add the missing `;` or `}`, or remove the stray character the message
    /// names. A `#` starts a comment only at the start of a word.
    pub static RULE = {
        id: "nginx/syntax",
        severity: Error,
        summary: "The config cannot be read: a missing ; or }, or a stray character",
    }
}

pub fn diagnostic(source: &Source, error: &ParseError) -> Diagnostic {
    Diagnostic::at(&RULE, source, error.span, &error.message)
}

#[cfg(test)]
mod tests {
    use crate::rules::nginx::fixtures::{hits, wrap};

    #[test]
    fn triggers_on_a_missing_semicolon_at_nginx_line() {
        let text = wrap("    server {\n        listen 80\n    }");
        let found = hits(&text, "nginx/syntax");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].message, "unexpected \"}\"");
        assert_eq!(found[0].line, 6);
    }

    #[test]
    fn stays_quiet_on_the_seeds() {
        assert!(hits(crate::reference::FRONTEND_NGINX, "nginx/syntax").is_empty());
        assert!(hits(crate::reference::BACKEND_NGINX, "nginx/syntax").is_empty());
    }
}
