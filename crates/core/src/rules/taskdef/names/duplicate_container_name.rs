use super::common::{repeated_names, Repeat};
use crate::diagnostic::Diagnostic;
use crate::rules::declare_rule;
use crate::rules::taskdef::Context;

declare_rule! {
    /// Reports a container whose `name` another container of the same task
    /// definition already has, at the second one.
    ///
    /// # Why it matters
    /// ECS rejects the task definition with `Container names must be unique
    /// within a Task Definition.` It happens most when a container block is
    /// copied to start a sidecar and the name is left as it was.
    ///
    /// # Example
    /// ```json
    /// "containerDefinitions": [
    ///   { "name": "app", "image": "app:1" },
    ///   { "name": "app", "image": "fluent-bit:2" }
    /// ]
    /// ```
    ///
    /// # Fix
    /// Rename one of them, and every `links`, `dependsOn` and `volumesFrom`
    /// entry meant for it.
    ///
    /// # References
    /// ContainerDefinition, parameter `name` (Amazon ECS API Reference); the
    /// message is ECS's RegisterTaskDefinition error.
    pub static RULE = {
        id: "taskdef/duplicate-container-name",
        severity: Error,
        summary: "Two containers with the same name",
    }
}

pub fn check(context: &Context, out: &mut Vec<Diagnostic>) {
    for Repeat {
        index,
        node,
        name,
        first_line,
    } in repeated_names(context, context.containers())
    {
        let message = format!(
            "Container names must be unique within a Task Definition. \"{name}\" is also the name of the container on line {first_line}."
        );
        let pointer = format!("/containerDefinitions/{index}/name");
        out.push(
            context
                .diagnostic(&RULE, node.span, &pointer, message)
                .with_help("Give this container a name of its own, and update the references meant for it."),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::reference::{BACKEND_TASK, FRONTEND_TASK};
    use crate::rules::taskdef::fixtures::{edited, hits, VALID};

    const ID: &str = "taskdef/duplicate-container-name";

    fn with_second(name: &str) -> String {
        edited(
            "\"portMappings\": [{ \"containerPort\": 8080, \"hostPort\": 0, \"protocol\": \"tcp\" }]\n    }",
            &format!(
                "\"portMappings\": [{{ \"containerPort\": 8080, \"hostPort\": 0, \"protocol\": \"tcp\" }}]\n    }},\n    {{\n      \"name\": {name},\n      \"image\": \"fluent/fluent-bit:2.2\",\n      \"memory\": 128\n    }}"
            ),
        )
    }

    #[test]
    fn triggers_at_the_second_container_naming_the_first_line() {
        let text = with_second("\"app\"");
        let found = hits(&text, ID);
        assert_eq!(found.len(), 1);
        assert_eq!(
            found[0].message,
            "Container names must be unique within a Task Definition. \"app\" is also the name of the container on line 6."
        );
        let lines: Vec<&str> = text.lines().collect();
        let second_line = lines.iter().rposition(|l| l.contains("\"name\": \"app\"")).unwrap() + 1;
        assert_eq!((found[0].line, second_line), (13, 13));
        assert_eq!(found[0].pointer.as_deref(), Some("/containerDefinitions/1/name"));
    }

    #[test]
    fn stays_quiet_on_distinct_redacted_or_differently_cased_names() {
        assert!(hits(VALID, ID).is_empty());
        assert!(hits(BACKEND_TASK, ID).is_empty());
        assert!(hits(FRONTEND_TASK, ID).is_empty());
        for name in ["\"sidecar\"", "\"App\"", "3"] {
            assert!(hits(&with_second(name), ID).is_empty(), "{name}");
        }
    }
}
