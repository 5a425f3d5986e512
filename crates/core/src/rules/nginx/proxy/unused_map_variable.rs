use crate::diagnostic::Diagnostic;
use crate::nginx::ast::Arg;
use crate::rules::declare_rule;
use crate::rules::nginx::Cx;

declare_rule! {
    /// Reports a variable defined by `map`, `geo` or `split_clients` that
    /// nothing in the file reads.
    ///
    /// # Why it matters
    /// nginx evaluates these variables only when something reads them, so
    /// the block does nothing: a rate limit keyed on it, a header or a
    /// redirect it was written for is not in place. Usually the variable was
    /// renamed on one side, or the directive that used it was removed.
    ///
    /// # Example
    /// ```nginx
    /// map $http_upgrade $connection_upgrade {
    ///     default upgrade;
    ///     ''      close;
    /// }
    /// # no proxy_set_header Connection $connection_upgrade;
    /// ```
    ///
    /// # Fix
    /// Use the variable where it was meant to apply, or remove the block.
    pub static RULE = {
        id: "nginx/unused-map-variable",
        severity: Info,
        summary: "A map, geo or split_clients variable nothing reads",
    }
}

pub fn check(cx: &Cx, out: &mut Vec<Diagnostic>) {
    let tree = cx.tree;
    for (index, node) in tree.iter() {
        let args = &node.directive.args;
        let defined = match (node.name(), args.len()) {
            ("map" | "split_clients", 2) => &args[1],
            ("geo", 1) => &args[0],
            ("geo", 2) => &args[1],
            _ => continue,
        };
        if node.context.is_none() || node.directive.block.is_none() {
            continue;
        }
        let Some(name) = defined.value.strip_prefix('$').filter(|n| !n.is_empty()) else {
            continue;
        };
        let used = tree.iter().any(|(i, other)| {
            other
                .directive
                .args
                .iter()
                .filter(|a| !(i == index && std::ptr::eq(*a, defined as &Arg)))
                .any(|a| reads(&a.value, name))
        });
        if used {
            continue;
        }
        let mut help = format!(
            "Use ${name} where it was meant to apply, or remove this {}.",
            node.name()
        );
        if tree.named("include").next().is_some() {
            help.push_str(" (An included file, which these checks cannot see, may read it.)");
        }
        out.push(
            Diagnostic::at(
                &RULE,
                cx.source,
                defined.span,
                format!("${name} is defined by {} but never used in this file", node.name()),
            )
            .with_help(help),
        );
    }
}

/// Whether `text` reads `$name` or `${name}`; nginx variable names ignore case.
fn reads(text: &str, name: &str) -> bool {
    let bytes = text.as_bytes();
    let name = name.as_bytes();
    let mut at = 0;
    while let Some(found) = text.get(at..).and_then(|t| t.find('$')) {
        let start = at + found + 1;
        at = start;
        let (from, braced) = match bytes.get(start) {
            Some(b'{') => (start + 1, true),
            _ => (start, false),
        };
        let Some(candidate) = bytes.get(from..from + name.len()) else {
            continue;
        };
        if !candidate.eq_ignore_ascii_case(name) {
            continue;
        }
        let next = bytes.get(from + name.len());
        let ends = if braced {
            next == Some(&b'}')
        } else {
            !next.is_some_and(|b| b.is_ascii_alphanumeric() || *b == b'_')
        };
        if ends {
            return true;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::reads;
    use crate::reference::{BACKEND_NGINX, FRONTEND_NGINX};
    use crate::rules::nginx::fixtures::{hits, wrap};

    const ID: &str = "nginx/unused-map-variable";

    #[test]
    fn finds_references() {
        assert!(reads("$a", "a"));
        assert!(reads("x${a}y", "a"));
        assert!(reads("$A-", "a"));
        assert!(!reads("$ab", "a"));
        assert!(!reads("${ab}", "a"));
        assert!(!reads("a$", "a"));
        assert!(reads("$b $a", "a"));
        assert!(!reads("가$", "a"));
    }

    #[test]
    fn flags_unread_map_geo_and_split_clients_variables() {
        let text = wrap(
            "map $http_upgrade $connection_upgrade {\ndefault upgrade;\n'' close;\n}\ngeo $office {\ndefault 0;\n10.0.0.0/8 1;\n}\nsplit_clients \"${remote_addr}\" $variant {\n50% a;\n* b;\n}",
        );
        let found = hits(&text, ID);
        let lines: Vec<usize> = found.iter().map(|d| d.line).collect();
        assert_eq!(lines, [4, 8, 12]);
        assert_eq!(
            found[0].message,
            "$connection_upgrade is defined by map but never used in this file"
        );
        assert_eq!(&text[found[0].span.start..found[0].span.end], "$connection_upgrade");
    }

    #[test]
    fn stays_quiet_when_read_anywhere() {
        assert!(hits(BACKEND_NGINX, ID).is_empty());
        assert!(hits(FRONTEND_NGINX, ID).is_empty());
        let text = wrap(
            "map $http_upgrade $connection_upgrade {\ndefault upgrade;\n'' close;\n}\nmap $remote_addr $limited {\ndefault $connection_upgrade;\n}\ngeo $remote_addr $office {\ndefault 0;\n}\nlog_format main '$office ${LIMITED}';\nserver {\nlocation / {\nproxy_set_header Connection $connection_upgrade;\nproxy_pass http://app:3000;\n}\n}",
        );
        assert!(hits(&text, ID).is_empty());
    }
}
