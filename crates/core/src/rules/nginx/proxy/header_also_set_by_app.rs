use crate::diagnostic::Diagnostic;
use crate::rules::declare_rule;
use crate::rules::nginx::Cx;

use super::{is_security_header, proxy_passes};

declare_rule! {
    /// Reports a security header that nginx adds to responses it proxies
    /// from an app without hiding the app's own copy
    /// (`proxy_hide_header`).
    ///
    /// # Why it matters
    /// `add_header` does not replace a header the upstream sent; it adds a
    /// second one. Frameworks set these headers themselves (Spring Security
    /// sends `X-Frame-Options: DENY`, `X-Content-Type-Options: nosniff` and
    /// `X-XSS-Protection` by default), so the browser receives two
    /// `X-Frame-Options` with different values. Browsers handle the conflict
    /// differently: some ignore both, which turns the protection off, and
    /// security scanners report it.
    ///
    /// # Example
    /// ```nginx
    /// add_header X-Frame-Options SAMEORIGIN always;
    /// location / {
    ///     proxy_pass http://springboot:8080;
    /// }
    /// ```
    ///
    /// # Fix
    /// Decide who owns the header. To keep nginx's, drop the app's where
    /// the proxy is: `proxy_hide_header X-Frame-Options;`. Otherwise remove
    /// the `add_header` and let the app set it.
    pub static RULE = {
        id: "nginx/header-also-set-by-app",
        severity: Info,
        summary: "A security header nginx adds on top of the app's own copy",
    }
}

pub fn check(cx: &Cx, out: &mut Vec<Diagnostic>) {
    let tree = cx.tree;
    let mut reported: Vec<usize> = Vec::new();
    for (pass, block) in proxy_passes(tree) {
        let hidden: Vec<&str> = tree
            .in_effect(block, "proxy_hide_header")
            .into_iter()
            .filter_map(|i| tree.node(i).arg(0))
            .collect();
        for header in tree.in_effect(block, "add_header") {
            let node = tree.node(header);
            let Some(name) = node.arg(0) else { continue };
            if !node.in_http()
                || !is_security_header(name)
                || hidden.iter().any(|h| h.eq_ignore_ascii_case(name))
                || reported.contains(&header)
            {
                continue;
            }
            reported.push(header);
            let target = tree.node(pass).arg(0).unwrap_or_default();
            out.push(
                Diagnostic::at(
                    &RULE,
                    cx.source,
                    node.directive.name_span,
                    format!(
                        "{name} is added to responses proxied from {target} (line {}), which may carry the app's own {name}",
                        tree.node(pass).directive.line
                    ),
                )
                .with_help(format!(
                    "Add \"proxy_hide_header {name};\" next to the proxy_pass so clients get only this value, or remove this add_header and let the app set it."
                )),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::reference::{BACKEND_NGINX, FRONTEND_NGINX};
    use crate::rules::nginx::fixtures::{hits, wrap};

    const ID: &str = "nginx/header-also-set-by-app";

    #[test]
    fn flags_the_seeds_inherited_headers_once_each() {
        let found = hits(BACKEND_NGINX, ID);
        let lines: Vec<usize> = found.iter().map(|d| d.line).collect();
        assert_eq!(lines, [10, 11, 12, 13]);
        assert_eq!(
            found[3].message,
            "X-Frame-Options is added to responses proxied from http://springboot:8080 (line 26), which may carry the app's own X-Frame-Options"
        );
        assert_eq!(hits(FRONTEND_NGINX, ID).len(), 4);
    }

    #[test]
    fn flags_headers_added_in_the_location_itself() {
        let text = wrap(
            "server {\nlocation /a {\nproxy_pass http://app:8080;\nadd_header Referrer-Policy no-referrer always;\n}\nlocation /b {\nproxy_pass http://app:8080;\n}\n}",
        );
        let found = hits(&text, ID);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].line, 7);
    }

    #[test]
    fn stays_quiet_when_hidden_not_proxied_or_not_a_security_header() {
        let hidden = wrap(
            "add_header X-Frame-Options SAMEORIGIN always;\nproxy_hide_header x-frame-options;\nserver {\nlocation / {\nproxy_pass http://app:8080;\n}\n}",
        );
        assert!(hits(&hidden, ID).is_empty());
        let static_files =
            wrap("add_header X-Frame-Options SAMEORIGIN always;\nserver {\nlocation / {\nroot /srv;\n}\n}");
        assert!(hits(&static_files, ID).is_empty());
        let other =
            wrap("add_header Cache-Control no-store;\nserver {\nlocation / {\nproxy_pass http://app:8080;\n}\n}");
        assert!(hits(&other, ID).is_empty());
    }
}
