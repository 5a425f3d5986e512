use std::collections::HashMap;

use crate::nginx::script::variables;

use crate::diagnostic::Diagnostic;
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
    // Every variable read anywhere, counted once per argument that names it,
    // so each definition is a lookup rather than a scan of the file.
    let mut reads_of: HashMap<String, usize> = HashMap::new();
    for (_, node) in tree.iter() {
        for arg in &node.directive.args {
            let mut seen: Vec<String> = variables(&arg.value)
                .iter()
                .filter(|v| !v.is_capture())
                .map(|v| v.name.to_ascii_lowercase())
                .collect();
            seen.sort_unstable();
            seen.dedup();
            for name in seen {
                *reads_of.entry(name).or_default() += 1;
            }
        }
    }
    for (_, node) in tree.iter() {
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
        // The defining argument names the variable too.
        let used = reads_of.get(&name.to_ascii_lowercase()).copied().unwrap_or(0) > 1;
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
#[cfg(test)]
fn reads(text: &str, name: &str) -> bool {
    variables(text).iter().any(|v| v.is(name))
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
