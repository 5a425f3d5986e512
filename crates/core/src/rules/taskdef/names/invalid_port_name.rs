use super::common::{describe_char, is_redacted};
use crate::diagnostic::{Diagnostic, Fix, TextEdit};
use crate::rules::declare_rule;
use crate::rules::taskdef::Context;

declare_rule! {
    /// Reports a port mapping `name` that breaks ECS's rule for it: up to 64
    /// lowercase letters, numbers, underscores and hyphens, not starting with a
    /// hyphen.
    ///
    /// # Why it matters
    /// The name is how a service's Service Connect and VPC Lattice
    /// configuration pick the port (`portName`), and it becomes part of the
    /// Cloud Map discovery name. Capital letters, dots or spaces copied from
    /// a container name are not allowed there.
    ///
    /// # Example
    /// ```json
    /// "portMappings": [{ "name": "Web.HTTP", "containerPort": 80 }]
    /// ```
    ///
    /// # Fix
    /// Use lowercase letters, numbers, `_` and `-`, such as `web-http`, and the
    /// same name in the services that refer to it. The quick fix lowercases the
    /// name and replaces other characters with hyphens.
    ///
    /// # References
    /// PortMapping, parameter `name` (Amazon ECS API Reference): "The name can
    /// include up to 64 characters. The characters can include lowercase
    /// letters, numbers, underscores (_), and hyphens (-). The name can't start
    /// with a hyphen."
    pub static RULE = {
        id: "taskdef/invalid-port-name",
        severity: Error,
        summary: "A port mapping name that is not 1-64 lowercase letters, numbers, _ and -",
    }
}

const MAX: usize = 64;
const ALLOWED: &str = "A port mapping name can include up to 64 lowercase letters, numbers, underscores (_) and hyphens (-), and can't start with a hyphen.";

fn is_port_name_char(c: char) -> bool {
    c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '-'
}

/// The name made valid, if there is one close to it.
fn repaired(name: &str) -> Option<String> {
    let mapped: String = name
        .chars()
        .map(|c| c.to_ascii_lowercase())
        .map(|c| if is_port_name_char(c) { c } else { '-' })
        .collect();
    let trimmed = mapped.trim_start_matches('-');
    (!trimmed.is_empty() && trimmed.len() <= MAX).then(|| trimmed.to_owned())
}

pub fn check(context: &Context, out: &mut Vec<Diagnostic>) {
    for (c_index, container) in context.containers() {
        let mappings = container.value("portMappings").map_or(&[][..], |m| m.items());
        for (m_index, mapping) in mappings.iter().enumerate() {
            let Some(node) = mapping.value("name") else {
                continue;
            };
            let Some(name) = node.as_str() else {
                continue;
            };
            if is_redacted(name) {
                continue;
            }
            let length = name.chars().count();
            let message = if name.is_empty() {
                "The port mapping name is empty.".to_owned()
            } else if let Some(c) = name.chars().find(|c| !is_port_name_char(*c)) {
                let what = if c.is_ascii_uppercase() {
                    "an uppercase letter, ".to_owned()
                } else {
                    String::new()
                };
                format!(
                    "The port mapping name \"{name}\" contains {what}{}, which is not allowed.",
                    describe_char(c)
                )
            } else if name.starts_with('-') {
                format!("The port mapping name \"{name}\" starts with a hyphen.")
            } else if length > MAX {
                format!("The port mapping name is {length} characters long; at most {MAX} are allowed.")
            } else {
                continue;
            };
            let pointer = format!("/containerDefinitions/{c_index}/portMappings/{m_index}/name");
            let mut diagnostic = context
                .diagnostic(&RULE, node.span, &pointer, message)
                .with_help(ALLOWED);
            if let Some(fixed) = repaired(name) {
                diagnostic = diagnostic.with_fix(Fix {
                    title: format!("Rename the port mapping to \"{fixed}\""),
                    edits: vec![TextEdit {
                        span: node.span,
                        text: format!("\"{fixed}\""),
                    }],
                    // Services refer to the port by this name.
                    safe: false,
                });
            }
            out.push(diagnostic);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::repaired;
    use crate::json_edit::apply;
    use crate::reference::{BACKEND_TASK, FRONTEND_TASK};
    use crate::rules::taskdef::fixtures::{edited, hits, line_of, VALID};

    const ID: &str = "taskdef/invalid-port-name";

    fn with_name(name: &str) -> String {
        edited(
            "{ \"containerPort\": 8080,",
            &format!("{{ \"name\": {name}, \"containerPort\": 8080,"),
        )
    }

    #[test]
    fn triggers_on_uppercase_with_a_lowercasing_fix() {
        let text = with_name("\"Web.HTTP\"");
        let found = hits(&text, ID);
        assert_eq!(found.len(), 1);
        assert_eq!(
            found[0].message,
            "The port mapping name \"Web.HTTP\" contains an uppercase letter, \"W\", which is not allowed."
        );
        assert_eq!(found[0].line, line_of(&text, "\"Web.HTTP\""));
        assert_eq!(
            found[0].pointer.as_deref(),
            Some("/containerDefinitions/0/portMappings/0/name")
        );
        let fixed = apply(&text, &found[0].fix.clone().unwrap().edits);
        assert!(fixed.contains("\"name\": \"web-http\""), "{fixed}");
        assert!(hits(&fixed, ID).is_empty());
    }

    #[test]
    fn triggers_on_a_leading_hyphen_an_empty_name_and_65_characters() {
        let found = hits(&with_name("\"-web\""), ID);
        assert_eq!(found[0].message, "The port mapping name \"-web\" starts with a hyphen.");
        assert_eq!(found[0].fix.as_ref().unwrap().edits[0].text, "\"web\"");
        let found = hits(&with_name("\"\""), ID);
        assert_eq!(found[0].message, "The port mapping name is empty.");
        assert!(found[0].fix.is_none());
        let found = hits(&with_name(&format!("\"{}\"", "p".repeat(65))), ID);
        assert_eq!(
            found[0].message,
            "The port mapping name is 65 characters long; at most 64 are allowed."
        );
        assert!(hits(&with_name(&format!("\"{}\"", "p".repeat(64))), ID).is_empty());
    }

    #[test]
    fn stays_quiet_on_valid_redacted_or_wrongly_typed_names() {
        assert!(hits(VALID, ID).is_empty());
        assert!(hits(BACKEND_TASK, ID).is_empty());
        assert!(hits(FRONTEND_TASK, ID).is_empty());
        for name in ["\"nginx-80-tcp\"", "\"_web_2\"", "\"9\"", "\"~~\"", "80"] {
            assert!(hits(&with_name(name), ID).is_empty(), "{name}");
        }
    }

    #[test]
    fn repairs_only_what_can_be_repaired() {
        assert_eq!(repaired("Web App").as_deref(), Some("web-app"));
        assert_eq!(repaired("--x").as_deref(), Some("x"));
        assert_eq!(repaired("..."), None);
    }
}
