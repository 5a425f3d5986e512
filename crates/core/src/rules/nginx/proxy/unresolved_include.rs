use crate::diagnostic::{Diagnostic, Span};
use crate::rules::declare_rule;
use crate::rules::nginx::Cx;

declare_rule! {
    /// Notes each `include`: the file it names is in the container image,
    /// not in the workspace, so the checks could not read it.
    ///
    /// # Why it matters
    /// nginx reads `include`d files when it starts; the MIME types, a
    /// user-agent block list or the `conf.d/*.conf` servers of the stock
    /// image all become part of the config. Mistakes in them are not
    /// reported here, and rules that look for a setting (a `resolver`, a
    /// `server` that listens with TLS, a variable that is read) cannot see
    /// one made there. A `conf.d/default.conf` left in the image adds a
    /// second `server` on port 80 that may answer the load balancer's
    /// health checks.
    ///
    /// # Example
    /// ```nginx
    /// include /etc/nginx/conf.d/*.conf;
    /// ```
    ///
    /// # Fix
    /// Nothing is wrong with the include itself. Check the included files
    /// in the image (`docker run --rm <image> nginx -T` prints the whole
    /// config), or copy what matters into this file.
    pub static RULE = {
        id: "nginx/unresolved-include",
        severity: Info,
        summary: "An include of a file from the image that the checks cannot read",
    }
}

pub fn check(cx: &Cx, out: &mut Vec<Diagnostic>) {
    for (_, node) in cx.tree.named("include") {
        let directive = node.directive;
        let Some(arg) = directive.args.first() else { continue };
        let (what, contents) = if arg.value.contains(['*', '?', '[']) {
            ("the files matching", "mistakes in them and settings they make")
        } else {
            ("the file", "mistakes in it and settings it makes")
        };
        out.push(
            Diagnostic::at(
                &RULE,
                cx.source,
                Span::new(directive.name_span.start, arg.span.end),
                format!("\"{}\" is read from the image when nginx starts, so its contents were not checked", arg.value),
            )
            .with_help(format!(
                "The checks could not see {what} \"{}\": {contents} are not reflected here. Run \"nginx -T\" in the image to see the whole config.",
                arg.value
            )),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::reference::{BACKEND_NGINX, FRONTEND_NGINX};
    use crate::rules::nginx::fixtures::{hits, wrap};

    const ID: &str = "nginx/unresolved-include";

    #[test]
    fn notes_the_seeds_three_includes() {
        for (seed, last) in [(BACKEND_NGINX, 35), (FRONTEND_NGINX, 38)] {
            let found = hits(seed, ID);
            let lines: Vec<usize> = found.iter().map(|d| d.line).collect();
            assert_eq!(lines, [19, 21, last]);
            assert_eq!(
                found[2].message,
                "\"/etc/nginx/conf.d/*.conf\" is read from the image when nginx starts, so its contents were not checked"
            );
            assert!(found[2].help.as_deref().unwrap().contains("the files matching"));
            assert_eq!(found[2].severity, crate::diagnostic::Severity::Info);
        }
    }

    #[test]
    fn stays_quiet_without_includes() {
        let text = wrap("default_type application/octet-stream;\nserver {\nlisten 80;\n}");
        assert!(hits(&text, ID).is_empty());
    }
}
