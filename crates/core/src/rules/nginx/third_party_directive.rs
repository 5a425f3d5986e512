use crate::diagnostic::Diagnostic;
use crate::nginx::ast::Directive;
use crate::nginx::directives::Directive as Known;
use crate::rules::declare_rule;
use crate::source::Source;

declare_rule! {
    /// Reports a directive that stock nginx does not have but a widely
    /// packaged third-party module does (`more_set_headers` from headers-more,
    /// `js_content` from njs, `content_by_lua_block` from lua-nginx-module).
    /// nginx says `unknown directive` unless the module is loaded.
    ///
    /// # Why it matters
    /// The official `nginx` image does not include these modules; the config
    /// only works in an image that installs and loads them (`load_module`).
    ///
    /// # Example
    /// ```nginx
    /// more_set_headers "Server: web";
    /// ```
    ///
    /// # Fix
    /// Make sure the image installs the module and loads it with
    /// `load_module` at the top of nginx.conf, or use a stock directive.
    pub static RULE = {
        id: "nginx/third-party-directive",
        severity: Warning,
        summary: "A directive that needs a third-party module loaded",
    }
}

pub fn diagnostic(source: &Source, directive: &Directive, known: &Known) -> Diagnostic {
    Diagnostic::at(
        &RULE,
        source,
        directive.name_span,
        format!(
            "\"{}\" comes from the third-party module {}",
            directive.name, known.module
        ),
    )
    .with_help("Stock nginx says unknown directive unless the image loads this module with load_module.")
}

#[cfg(test)]
mod tests {
    use crate::rules::nginx::fixtures::{hits, wrap};

    #[test]
    fn triggers_on_headers_more() {
        let found = hits(
            &wrap("    more_set_headers \"Server: web\";"),
            "nginx/third-party-directive",
        );
        assert_eq!(found.len(), 1);
        assert!(found[0]
            .message
            .starts_with("\"more_set_headers\" comes from the third-party module"));
    }

    #[test]
    fn stays_quiet_on_stock_directives() {
        assert!(hits(crate::reference::BACKEND_NGINX, "nginx/third-party-directive").is_empty());
    }
}
