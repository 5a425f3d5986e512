use super::common::{find, is_redacted, listing, named_containers, quoted};
use crate::diagnostic::{Diagnostic, Fix, TextEdit};
use crate::json_tree::Node;
use crate::rules::declare_rule;
use crate::rules::taskdef::Context;
use crate::suggest::closest;

declare_rule! {
    /// Reports a `dependsOn` entry whose `containerName` is not the name of a
    /// container in the same task definition. ECS refuses it with `Cannot
    /// depend on container + 'name' because it does not exist` (the stray `+`
    /// is in ECS's message).
    ///
    /// # Why it matters
    /// Container dependencies only work inside one task: a container cannot
    /// wait for one in another task or service. A misspelt or since-renamed
    /// container name fails the registration.
    ///
    /// # Example
    /// ```json
    /// { "name": "app", "dependsOn": [{ "containerName": "migrate", "condition": "SUCCESS" }] }
    /// ```
    /// with no container named `migrate` in `containerDefinitions`.
    ///
    /// # Fix
    /// Use the exact name of a container in this task definition (names are
    /// case-sensitive), or remove the dependency. The quick fix picks the
    /// closest name when there is one.
    ///
    /// # References
    /// ContainerDependency, parameter `containerName` (Amazon ECS API
    /// Reference); "Container dependency" in the Amazon ECS Developer Guide.
    pub static RULE = {
        id: "taskdef/unknown-dependency",
        severity: Error,
        summary: "A dependsOn entry names a container that is not in the task",
    }
}

pub fn check(context: &Context, out: &mut Vec<Diagnostic>) {
    let containers = named_containers(context);
    for (index, container) in context.containers() {
        let dependencies = container.value("dependsOn").map_or(&[][..], Node::items);
        for (position, dependency) in dependencies.iter().enumerate() {
            let Some(target) = dependency.value("containerName") else {
                continue;
            };
            let Some(wanted) = target.as_str() else {
                continue;
            };
            if is_redacted(wanted) || find(&containers, wanted).is_some() {
                continue;
            }
            let pointer = format!("/containerDefinitions/{index}/dependsOn/{position}/containerName");
            let message = format!("Cannot depend on container + '{wanted}' because it does not exist");
            let names = containers.iter().map(|(_, name, _)| *name);
            let mut diagnostic = context.diagnostic(&RULE, target.span, &pointer, message);
            diagnostic = match closest(wanted, names.clone()) {
                Some(suggestion) => diagnostic
                    .with_help(format!(
                        "No container in this task definition is named '{wanted}'. Did you mean '{suggestion}'?"
                    ))
                    .with_fix(Fix {
                        title: format!("Change to '{suggestion}'"),
                        edits: vec![TextEdit {
                            span: target.span,
                            text: quoted(suggestion),
                        }],
                        safe: false,
                    }),
                None => diagnostic.with_help(format!(
                    "A container can only depend on containers of its own task definition; this one has {}.",
                    listing(names)
                )),
            };
            out.push(diagnostic);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::reference::{BACKEND_TASK, FRONTEND_TASK};
    use crate::rules::taskdef::fixtures::{hits, line_of, VALID};

    const ID: &str = "taskdef/unknown-dependency";

    /// The backend seed with `nginx` depending on `target`.
    fn depending_on(target: &str) -> String {
        BACKEND_TASK.replacen(
            "\"links\": [",
            &format!(
                "\"dependsOn\": [{{ \"containerName\": \"{target}\", \"condition\": \"START\" }}],\n      \"links\": ["
            ),
            1,
        )
    }

    #[test]
    fn triggers_on_a_misspelt_container_with_a_suggestion() {
        let text = depending_on("springbot");
        let found = hits(&text, ID);
        assert_eq!(found.len(), 1);
        assert_eq!(
            found[0].message,
            "Cannot depend on container + 'springbot' because it does not exist"
        );
        assert_eq!(found[0].line, line_of(&text, "\"springbot\""));
        assert_eq!(
            found[0].pointer.as_deref(),
            Some("/containerDefinitions/1/dependsOn/0/containerName")
        );
        let fixed = crate::json_edit::apply(&text, &found[0].fix.clone().unwrap().edits);
        assert!(fixed.contains("\"containerName\": \"springboot\""));
        assert!(hits(&fixed, ID).is_empty());
    }

    #[test]
    fn triggers_on_an_unrelated_name_and_lists_the_containers() {
        let found = hits(&depending_on("postgres"), ID);
        assert_eq!(found.len(), 1);
        assert!(found[0].fix.is_none());
        assert!(found[0].help.as_deref().unwrap().contains("'springboot', 'nginx'"));
    }

    #[test]
    fn stays_quiet_on_existing_redacted_or_unreadable_targets() {
        for text in [VALID, BACKEND_TASK, FRONTEND_TASK] {
            assert!(hits(text, ID).is_empty());
        }
        assert!(hits(&depending_on("springboot"), ID).is_empty());
        assert!(hits(&depending_on("~~"), ID).is_empty());
        let number = BACKEND_TASK.replacen(
            "\"links\": [",
            "\"dependsOn\": [{ \"containerName\": 7 }],\n\"links\": [",
            1,
        );
        assert!(hits(&number, ID).is_empty());
    }
}
