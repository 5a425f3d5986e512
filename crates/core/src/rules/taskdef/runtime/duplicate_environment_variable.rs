use super::common::{label, REDACTION};
use super::secret_name_conflict::names;
use crate::diagnostic::Diagnostic;
use crate::rules::declare_rule;
use crate::rules::taskdef::Context;

declare_rule! {
    /// Reports an `environment` variable set more than once in the same
    /// container.
    ///
    /// # Why it matters
    /// The container gets only one of the values, and which one is not
    /// something a reader of the file can tell: typically a later edit added
    /// the variable again instead of changing it, and the two copies drift.
    ///
    /// # Example
    /// ```json
    /// "environment": [
    ///   { "name": "LOG_LEVEL", "value": "info" },
    ///   { "name": "LOG_LEVEL", "value": "debug" }
    /// ]
    /// ```
    ///
    /// # Fix
    /// Keep one entry per variable, with the value you mean.
    ///
    /// # References
    /// ContainerDefinition, parameter `environment` (Amazon ECS API
    /// Reference); `environmentFiles`: "We recommend that you use unique
    /// variable names."
    pub static RULE = {
        id: "taskdef/duplicate-environment-variable",
        severity: Warning,
        summary: "An environment variable set twice in one container",
    }
}

pub fn check(context: &Context, out: &mut Vec<Diagnostic>) {
    for (index, container) in context.containers() {
        let environment = names(container, "environment");
        for (i, &(position, name, node)) in environment.iter().enumerate() {
            if name.contains(REDACTION) {
                continue;
            }
            let Some((_, _, first)) = environment[..i].iter().find(|(_, other, _)| *other == name) else {
                continue;
            };
            let message = format!(
                "Environment variable '{name}' is set more than once in container {}",
                label(container, index)
            );
            out.push(
                context
                    .diagnostic(
                        &RULE,
                        node.span,
                        &format!("/containerDefinitions/{index}/environment/{position}/name"),
                        message,
                    )
                    .with_help(format!(
                        "It is first set on line {}. Only one of the values reaches the container: keep one entry.",
                        context.source.position(first.span.start).0
                    )),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::reference::{BACKEND_TASK, FRONTEND_TASK};
    use crate::rules::taskdef::fixtures::{edited, hits, line_of, VALID};

    const ID: &str = "taskdef/duplicate-environment-variable";

    fn with_environment(entries: &str) -> String {
        edited(
            "\"essential\": true,",
            &format!("\"essential\": true,\n      \"environment\": [\n{entries}\n      ],"),
        )
    }

    #[test]
    fn triggers_on_a_repeated_variable() {
        let text = with_environment(
            "        { \"name\": \"LOG_LEVEL\", \"value\": \"info\" },\n        { \"name\": \"LOG_LEVEL\", \"value\": \"debug\" }",
        );
        let found = hits(&text, ID);
        assert_eq!(found.len(), 1);
        assert_eq!(
            found[0].message,
            "Environment variable 'LOG_LEVEL' is set more than once in container 'app'"
        );
        assert_eq!(found[0].line, line_of(&text, "debug"));
        assert_eq!(
            found[0].pointer.as_deref(),
            Some("/containerDefinitions/0/environment/1/name")
        );
        assert!(found[0]
            .help
            .as_deref()
            .unwrap()
            .contains(&format!("line {}", line_of(&text, "info"))));
    }

    #[test]
    fn stays_quiet_on_distinct_or_differently_cased_names() {
        for text in [VALID, BACKEND_TASK, FRONTEND_TASK] {
            assert!(hits(text, ID).is_empty());
        }
        let text = with_environment(
            "        { \"name\": \"LOG_LEVEL\", \"value\": \"info\" },\n        { \"name\": \"log_level\", \"value\": \"debug\" },\n        { \"name\": 1 }",
        );
        assert!(hits(&text, ID).is_empty());
    }
}
