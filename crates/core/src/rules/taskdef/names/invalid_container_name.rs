use super::common::{describe_char, is_redacted, name_problem, NameProblem};
use crate::diagnostic::Diagnostic;
use crate::rules::declare_rule;
use crate::rules::taskdef::Context;

declare_rule! {
    /// Reports a container `name` that ECS does not accept: empty, longer than
    /// 255 characters, or with a character other than letters, numbers,
    /// underscores and hyphens.
    ///
    /// # Why it matters
    /// ECS rejects the whole task definition with `Container.name contains
    /// invalid characters.` The name is also what `links`, `dependsOn`,
    /// `volumesFrom` and load balancers refer to, so a space or a dot copied
    /// from a compose file stops the registration.
    ///
    /// # Example
    /// ```json
    /// "containerDefinitions": [{ "name": "web.app", "image": "nginx:1.25" }]
    /// ```
    ///
    /// # Fix
    /// Use up to 255 letters, numbers, underscores and hyphens, such as
    /// `web-app`, and rename every reference to the container with it.
    ///
    /// # References
    /// ContainerDefinition, parameter `name` (Amazon ECS API Reference): "Up
    /// to 255 letters (uppercase and lowercase), numbers, underscores, and
    /// hyphens are allowed."
    pub static RULE = {
        id: "taskdef/invalid-container-name",
        severity: Error,
        summary: "A container name that is empty, too long, or has characters ECS rejects",
    }
}

const MAX: usize = 255;
const ALLOWED: &str = "Up to 255 letters (uppercase and lowercase), numbers, underscores, and hyphens are allowed.";

pub fn check(context: &Context, out: &mut Vec<Diagnostic>) {
    for (index, container) in context.containers() {
        let Some(node) = container.value("name") else {
            continue;
        };
        let Some(name) = node.as_str() else {
            continue;
        };
        if is_redacted(name) {
            continue;
        }
        let Some(problem) = name_problem(name, MAX) else {
            continue;
        };
        let (message, help) = match problem {
            NameProblem::Empty => (
                "Container.name should not be null or empty.".to_owned(),
                format!("Name the container. {ALLOWED}"),
            ),
            NameProblem::InvalidCharacter(c) => (
                "Container.name contains invalid characters.".to_owned(),
                format!("{} is not allowed in \"{name}\". {ALLOWED}", describe_char(c)),
            ),
            NameProblem::TooLong(length) => (
                format!("Container.name is {length} characters long; at most {MAX} are allowed."),
                ALLOWED.to_owned(),
            ),
        };
        let pointer = format!("/containerDefinitions/{index}/name");
        out.push(context.diagnostic(&RULE, node.span, &pointer, message).with_help(help));
    }
}

#[cfg(test)]
mod tests {
    use crate::reference::{BACKEND_TASK, FRONTEND_TASK};
    use crate::rules::taskdef::fixtures::{edited, hits, line_of, VALID};

    const ID: &str = "taskdef/invalid-container-name";

    #[test]
    fn triggers_on_invalid_characters() {
        let text = edited("\"name\": \"app\"", "\"name\": \"web.app\"");
        let found = hits(&text, ID);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].message, "Container.name contains invalid characters.");
        assert_eq!(found[0].line, line_of(&text, "\"web.app\""));
        assert_eq!(found[0].pointer.as_deref(), Some("/containerDefinitions/0/name"));
        assert!(found[0]
            .help
            .as_deref()
            .unwrap()
            .starts_with("\".\" is not allowed in \"web.app\"."));
    }

    #[test]
    fn triggers_on_empty_and_overlong_names() {
        let text = edited("\"name\": \"app\"", "\"name\": \"\"");
        let found = hits(&text, ID);
        assert_eq!(found[0].message, "Container.name should not be null or empty.");
        assert_eq!(found[0].line, line_of(&text, "\"name\": \"\""));
        let text = edited("\"name\": \"app\"", &format!("\"name\": \"{}\"", "x".repeat(300)));
        let found = hits(&text, ID);
        assert_eq!(
            found[0].message,
            "Container.name is 300 characters long; at most 255 are allowed."
        );
    }

    #[test]
    fn stays_quiet_on_valid_redacted_or_wrongly_typed_names() {
        assert!(hits(VALID, ID).is_empty());
        assert!(hits(BACKEND_TASK, ID).is_empty());
        assert!(hits(FRONTEND_TASK, ID).is_empty());
        for name in ["\"Web_App-2\"", "\"~~\"", "7"] {
            let text = edited("\"name\": \"app\"", &format!("\"name\": {name}"));
            assert!(hits(&text, ID).is_empty(), "{name}");
        }
        // Other objects' "name" fields follow other rules.
        let text = edited(
            "\"essential\": true,",
            "\"essential\": true, \"environment\": [{\"name\": \"A.B C\", \"value\": \"1\"}],",
        );
        assert!(hits(&text, ID).is_empty());
    }
}
