use super::common::essential;
use crate::diagnostic::{Diagnostic, Fix, TextEdit};
use crate::rules::declare_rule;
use crate::rules::taskdef::Context;

declare_rule! {
    /// Reports a task definition in which every container is marked
    /// `"essential": false`. ECS refuses it with `Task definition doesn't have
    /// any essential container.`
    ///
    /// # Why it matters
    /// An essential container is the one the task lives for: when it stops,
    /// ECS stops the task. With none, ECS would not know when the task is
    /// done, so it does not register the task definition at all.
    ///
    /// # Example
    /// ```json
    /// "containerDefinitions": [
    ///   { "name": "app", "essential": false, ... },
    ///   { "name": "proxy", "essential": false, ... }
    /// ]
    /// ```
    ///
    /// # Fix
    /// Mark the container the task exists for `"essential": true`, or remove
    /// its `essential` field: an absent `essential` means true. With a single
    /// container the quick fix sets it to true.
    ///
    /// # References
    /// ContainerDefinition, parameter `essential` (Amazon ECS API Reference):
    /// "If this parameter is omitted, a container is assumed to be essential.
    /// All tasks must have at least one essential container."
    pub static RULE = {
        id: "taskdef/no-essential-container",
        severity: Error,
        summary: "No container is essential",
    }
}

pub fn check(context: &Context, out: &mut Vec<Diagnostic>) {
    let Some(prop) = context.body.get("containerDefinitions") else {
        return;
    };
    let containers: Vec<_> = context.containers().collect();
    // Only when every container says false: an unreadable flag might be true.
    if containers.is_empty() || !containers.iter().all(|(_, c)| essential(c) == Some(false)) {
        return;
    }
    let mut diagnostic = context
        .diagnostic(
            &RULE,
            prop.key_span,
            "/containerDefinitions",
            "Task definition doesn't have any essential container.",
        )
        .with_help(
            "Every container here is \"essential\": false. ECS stops a task when an essential container stops, and \
             needs at least one: set \"essential\": true on the container the task exists for (an absent \
             \"essential\" means true).",
        );
    if let [(_, container)] = containers.as_slice() {
        if let Some(flag) = container.value("essential") {
            diagnostic = diagnostic.with_fix(Fix {
                title: "Set \"essential\": true".into(),
                edits: vec![TextEdit {
                    span: flag.span,
                    text: "true".into(),
                }],
                safe: true,
            });
        }
    }
    out.push(diagnostic);
}

#[cfg(test)]
mod tests {
    use crate::reference::{BACKEND_TASK, FRONTEND_TASK};
    use crate::rules::taskdef::fixtures::{edited, hits, line_of, VALID};

    const ID: &str = "taskdef/no-essential-container";

    #[test]
    fn triggers_when_the_only_container_is_not_essential() {
        let text = edited("\"essential\": true", "\"essential\": false");
        let found = hits(&text, ID);
        assert_eq!(found.len(), 1);
        assert_eq!(
            found[0].message,
            "Task definition doesn't have any essential container."
        );
        assert_eq!(found[0].line, line_of(&text, "\"containerDefinitions\""));
        assert_eq!(found[0].pointer.as_deref(), Some("/containerDefinitions"));
        let fixed = crate::json_edit::apply(&text, &found[0].fix.clone().unwrap().edits);
        assert_eq!(fixed, VALID);
    }

    #[test]
    fn triggers_when_no_container_of_several_is_essential() {
        let text = BACKEND_TASK.replace("\"essential\": true", "\"essential\": false");
        let found = hits(&text, ID);
        assert_eq!(found.len(), 1);
        assert!(
            found[0].fix.is_none(),
            "which container should be essential is the user's call"
        );
    }

    #[test]
    fn stays_quiet_when_one_container_is_or_defaults_to_essential() {
        assert!(hits(VALID, ID).is_empty());
        assert!(hits(BACKEND_TASK, ID).is_empty());
        assert!(hits(FRONTEND_TASK, ID).is_empty());
        let absent = edited("\"essential\": true,", "");
        assert!(hits(&absent, ID).is_empty());
        let unreadable = edited("\"essential\": true", "\"essential\": \"false\"");
        assert!(hits(&unreadable, ID).is_empty());
        let empty = r#"{"family": "web", "containerDefinitions": []}"#;
        assert!(hits(empty, ID).is_empty());
    }
}
