use super::common::REDACTION;
use crate::diagnostic::Diagnostic;
use crate::json_tree::Node;
use crate::rules::declare_rule;
use crate::rules::taskdef::Context;

declare_rule! {
    /// Reports a container secret whose `name` is also the name of another of
    /// its secrets or of one of its `environment` variables. ECS refuses it
    /// with `The secret name must be unique and not shared with any new or
    /// existing environment variables set on the container, such as 'NAME'.`
    ///
    /// # Why it matters
    /// A secret becomes an environment variable of that name; two sources for
    /// one variable are ambiguous, so the registration fails. It typically
    /// happens when a value is moved into `secrets` and the old plain-text
    /// entry stays behind.
    ///
    /// # Example
    /// ```json
    /// "environment": [{ "name": "DB_PASSWORD", "value": "hunter2" }],
    /// "secrets": [{ "name": "DB_PASSWORD", "valueFrom": "arn:aws:secretsmanager:us-east-1:123456789012:secret:db" }]
    /// ```
    ///
    /// # Fix
    /// Keep each variable in one place: remove the plain `environment` entry
    /// (and the duplicate secret), or rename one of them.
    ///
    /// # References
    /// ContainerDefinition, parameter `secrets`, and "Pass sensitive data to an
    /// Amazon ECS container" in the Amazon ECS Developer Guide.
    pub static RULE = {
        id: "taskdef/secret-name-conflict",
        severity: Error,
        summary: "A secret named like another secret or an environment variable of the container",
    }
}

/// Each entry's name node, for the entries whose name is a string.
pub fn names<'a>(container: &'a Node, field: &str) -> Vec<(usize, &'a str, &'a Node)> {
    container
        .value(field)
        .map_or(&[][..], Node::items)
        .iter()
        .enumerate()
        .filter_map(|(position, entry)| {
            let node = entry.value("name")?;
            node.as_str().map(|name| (position, name, node))
        })
        .collect()
}

pub fn check(context: &Context, out: &mut Vec<Diagnostic>) {
    for (index, container) in context.containers() {
        let environment = names(container, "environment");
        let secrets = names(container, "secrets");
        for (i, &(position, name, node)) in secrets.iter().enumerate() {
            if name.contains(REDACTION) {
                continue;
            }
            let earlier_secret = secrets[..i].iter().find(|(_, other, _)| *other == name);
            let variable = environment.iter().find(|(_, other, _)| *other == name);
            let help = match (variable, earlier_secret) {
                (Some((_, _, other)), _) => format!(
                    "'{name}' is also set in \"environment\" (line {}). Keep it in one place: if it is sensitive, \
                     remove the plain-text entry.",
                    context.source.position(other.span.start).0
                ),
                (None, Some((_, _, other))) => format!(
                    "'{name}' is already a secret of this container (line {}). Remove one of them.",
                    context.source.position(other.span.start).0
                ),
                (None, None) => continue,
            };
            let message = format!(
                "The secret name must be unique and not shared with any new or existing environment variables set \
                 on the container, such as '{name}'."
            );
            out.push(
                context
                    .diagnostic(
                        &RULE,
                        node.span,
                        &format!("/containerDefinitions/{index}/secrets/{position}/name"),
                        message,
                    )
                    .with_help(help),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::reference::{BACKEND_TASK, FRONTEND_TASK};
    use crate::rules::taskdef::fixtures::{edited, hits, line_of, VALID};

    const ID: &str = "taskdef/secret-name-conflict";

    fn with(fields: &str) -> String {
        edited(
            "\"essential\": true,",
            &format!("\"essential\": true,\n      {fields},"),
        )
    }

    #[test]
    fn triggers_on_a_secret_named_like_an_environment_variable() {
        let text = with(
            r#""environment": [{ "name": "DB_PASSWORD", "value": "x" }],
      "secrets": [{ "name": "DB_PASSWORD", "valueFrom": "arn:aws:secretsmanager:us-east-1:123456789012:secret:db" }]"#,
        );
        let found = hits(&text, ID);
        assert_eq!(found.len(), 1);
        assert_eq!(
            found[0].message,
            "The secret name must be unique and not shared with any new or existing environment variables set on \
             the container, such as 'DB_PASSWORD'."
        );
        assert_eq!(found[0].line, line_of(&text, "\"secrets\""));
        assert_eq!(
            found[0].pointer.as_deref(),
            Some("/containerDefinitions/0/secrets/0/name")
        );
        assert!(found[0]
            .help
            .as_deref()
            .unwrap()
            .contains(&format!("line {}", line_of(&text, "\"environment\""))));
    }

    #[test]
    fn triggers_on_a_repeated_secret() {
        let text = with(
            r#""secrets": [
        { "name": "TOKEN", "valueFrom": "a" },
        { "name": "TOKEN", "valueFrom": "b" }
      ]"#,
        );
        let found = hits(&text, ID);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].line, line_of(&text, "\"valueFrom\": \"b\""));
        assert_eq!(
            found[0].pointer.as_deref(),
            Some("/containerDefinitions/0/secrets/1/name")
        );
    }

    #[test]
    fn stays_quiet_on_distinct_names() {
        for text in [VALID, BACKEND_TASK, FRONTEND_TASK] {
            assert!(hits(text, ID).is_empty());
        }
        let text = with(
            r#""environment": [{ "name": "DB_USER", "value": "app" }, { "name": "DB_USER", "value": "app" }],
      "secrets": [{ "name": "DB_PASSWORD", "valueFrom": "a" }, { "name": 7, "valueFrom": "b" }]"#,
        );
        assert!(hits(&text, ID).is_empty());
    }
}
