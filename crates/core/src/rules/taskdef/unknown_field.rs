use super::Context;
use crate::diagnostic::{Diagnostic, Fix};
use crate::json_edit::rename_key;
use crate::json_tree::Node;
use crate::rules::declare_rule;
use crate::suggest::closest;
use crate::taskdef::schema::walk::Place;
use crate::taskdef::schema::Shape;

declare_rule! {
    /// Reports a key the RegisterTaskDefinition API does not have at that
    /// place, with the AWS CLI's exact words and the name that was probably
    /// meant: a typo (`memoryReservaton`), CloudFormation's PascalCase
    /// (`ContainerDefinitions`) or Terraform's snake_case (`container_definitions`).
    ///
    /// # Why it matters
    /// The CLI refuses the whole file; other tools silently drop the field, so a
    /// setting you wrote never takes effect.
    ///
    /// # Example
    /// ```json
    /// { "name": "app", "Image": "nginx:1.25", "memory_reservation": 256 }
    /// ```
    ///
    /// # Fix
    /// Use the API's camelCase name. When the key differs only in case or
    /// underscores, the quick fix renames it.
    pub static RULE = {
        id: "taskdef/unknown-field",
        severity: Error,
        summary: "A key the task definition API does not have at that place",
    }
}

/// `container_definitions` → `containerdefinitions`, to compare spellings.
fn folded(name: &str) -> String {
    name.chars()
        .filter(|c| *c != '_' && *c != '-')
        .flat_map(char::to_lowercase)
        .collect()
}

pub fn diagnostic(context: &Context, object: &Node, index: usize, shape: &Shape, place: &Place) -> Diagnostic {
    let prop = &object.props()[index];
    let message = format!(
        "Unknown parameter in {}: \"{}\", must be one of: {}",
        place.display(),
        prop.key,
        shape.member_list()
    );
    let pointer = format!("{}/{}", place.pointer, crate::json_spans::escape(&prop.key));
    let diagnostic = context.diagnostic(&RULE, prop.key_span, &pointer, message);
    let names = shape.members().iter().map(|m| m.name);
    let same_but_spelling = shape
        .members()
        .iter()
        .map(|m| m.name)
        .find(|n| folded(n) == folded(&prop.key));
    if let Some(name) = same_but_spelling {
        return diagnostic
            .with_help(format!("The API spells it \"{name}\" (camelCase)."))
            .with_fix(Fix {
                title: format!("Rename to \"{name}\""),
                edits: vec![rename_key(prop.key_span, name)],
                safe: true,
            });
    }
    match closest(&prop.key, names) {
        Some(name) => diagnostic.with_help(format!("Did you mean \"{name}\"?")).with_fix(Fix {
            title: format!("Rename to \"{name}\""),
            edits: vec![rename_key(prop.key_span, name)],
            safe: false,
        }),
        None => diagnostic,
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::taskdef::fixtures::{edited, hits, line_of, VALID};

    #[test]
    fn triggers_on_a_typo_with_a_suggestion() {
        let text = edited("\"memory\": 512", "\"memoryReservaton\": 512");
        let found = hits(&text, "taskdef/unknown-field");
        assert_eq!(found.len(), 1);
        assert!(found[0].message.starts_with(
            "Unknown parameter in containerDefinitions[0]: \"memoryReservaton\", must be one of: name, image, repositoryCredentials, cpu, memory, memoryReservation"
        ), "{}", found[0].message);
        assert_eq!(found[0].help.as_deref(), Some("Did you mean \"memoryReservation\"?"));
        assert!(!found[0].fix.as_ref().unwrap().safe);
        assert_eq!(found[0].line, line_of(&text, "memoryReservaton"));
        assert_eq!(
            found[0].pointer.as_deref(),
            Some("/containerDefinitions/0/memoryReservaton")
        );
    }

    #[test]
    fn pascal_and_snake_case_get_a_safe_rename() {
        for wrong in ["NetworkMode", "network_mode"] {
            let text = edited("\"networkMode\"", &format!("\"{wrong}\""));
            let found = hits(&text, "taskdef/unknown-field");
            assert_eq!(found.len(), 1, "{wrong}");
            let fix = found[0].fix.clone().unwrap();
            assert!(fix.safe);
            assert_eq!(crate::json_edit::apply(&text, &fix.edits), VALID);
        }
    }

    #[test]
    fn triggers_at_the_top_level_as_input() {
        let text = edited("\"family\": \"web\",", "\"family\": \"web\", \"billing\": true,");
        let found = hits(&text, "taskdef/unknown-field");
        assert!(found[0].message.starts_with("Unknown parameter in input: \"billing\""));
        assert!(found[0].help.is_none());
    }

    #[test]
    fn stays_quiet_on_known_fields() {
        assert!(hits(VALID, "taskdef/unknown-field").is_empty());
        assert!(hits(crate::reference::FRONTEND_TASK, "taskdef/unknown-field").is_empty());
    }
}
