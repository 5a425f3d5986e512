use super::Context;
use crate::diagnostic::Diagnostic;
use crate::json_edit::removal_fix;
use crate::json_tree::Node;
use crate::rules::declare_rule;
use crate::taskdef::schema::walk::Place;
use crate::taskdef::schema::Shape;

declare_rule! {
    /// Reports a field that `describe-task-definition` prints but
    /// `register-task-definition` does not accept: `taskDefinitionArn`,
    /// `revision`, `status`, `requiresAttributes`, `compatibilities`,
    /// `registeredAt`, `registeredBy`, `deregisteredAt`, `deleteRequestedAt`.
    ///
    /// # Why it matters
    /// Registering a file copied from describe output fails at once with the AWS
    /// CLI's `Unknown parameter in input` error, one field at a time. ECS
    /// assigns these values itself.
    ///
    /// # Example
    /// ```json
    /// { "taskDefinitionArn": "arn:aws:ecs:...:task-definition/web:49", "revision": 49, ... }
    /// ```
    ///
    /// # Fix
    /// Remove the field. The quick fix does it; the export leaves all of them out.
    pub static RULE = {
        id: "taskdef/read-only-field",
        severity: Error,
        summary: "A field that only describe output has, which registering rejects",
    }
}

const READ_ONLY: [&str; 9] = [
    "taskDefinitionArn",
    "revision",
    "status",
    "requiresAttributes",
    "compatibilities",
    "registeredAt",
    "registeredBy",
    "deregisteredAt",
    "deleteRequestedAt",
];

pub fn is_read_only(key: &str) -> bool {
    READ_ONLY.contains(&key)
}

pub fn diagnostic(context: &Context, object: &Node, index: usize, shape: &Shape, place: &Place) -> Diagnostic {
    let prop = &object.props()[index];
    let message = format!(
        "Unknown parameter in {}: \"{}\", must be one of: {}",
        place.display(),
        prop.key,
        shape.member_list()
    );
    let mut diagnostic = context
        .diagnostic(
            &RULE,
            prop.key_span,
            &format!("{}/{}", place.pointer, prop.key),
            message,
        )
        .with_help(format!(
            "\"{}\" is read-only: describe-task-definition prints it, ECS sets it. Remove it before registering.",
            prop.key
        ));
    if let Some(fix) = removal_fix(object, index, true) {
        diagnostic = diagnostic.with_fix(fix);
    }
    diagnostic
}

#[cfg(test)]
mod tests {
    use crate::json_edit::apply;
    use crate::reference::BACKEND_TASK;
    use crate::rules::taskdef::fixtures::{edited, hits, line_of, VALID};

    #[test]
    fn triggers_on_each_read_only_field_of_describe_output_with_the_cli_text() {
        let found = hits(BACKEND_TASK, "taskdef/read-only-field");
        let keys: Vec<_> = found.iter().map(|d| d.pointer.clone().unwrap()).collect();
        assert_eq!(
            keys,
            [
                "/taskDefinitionArn",
                "/revision",
                "/status",
                "/requiresAttributes",
                "/compatibilities",
                "/registeredAt",
                "/registeredBy"
            ]
        );
        assert!(found[0].message.starts_with(
            "Unknown parameter in input: \"taskDefinitionArn\", must be one of: family, taskRoleArn, executionRoleArn, networkMode, containerDefinitions, volumes"
        ));
        assert_eq!(found[1].line, line_of(BACKEND_TASK, "\"revision\""));
    }

    #[test]
    fn the_fixes_remove_every_read_only_field_and_leave_valid_json() {
        let found = hits(BACKEND_TASK, "taskdef/read-only-field");
        let edits: Vec<_> = found.iter().flat_map(|d| d.fix.clone().unwrap().edits).collect();
        let fixed = apply(BACKEND_TASK, &edits);
        assert!(crate::json_tree::parse(&fixed).error.is_none(), "{fixed}");
        assert!(hits(&fixed, "taskdef/read-only-field").is_empty());
        assert!(fixed.contains("\"family\": \"ecs-backend-task\""));
    }

    #[test]
    fn inside_describe_output_the_pointer_includes_the_wrapper() {
        let text = format!(
            "{{\"taskDefinition\": {}}}",
            edited("\"family\": \"web\",", "\"family\": \"web\", \"revision\": 3,")
        );
        let found = hits(&text, "taskdef/read-only-field");
        assert_eq!(found[0].pointer.as_deref(), Some("/taskDefinition/revision"));
    }

    #[test]
    fn stays_quiet_on_a_register_ready_file() {
        assert!(hits(VALID, "taskdef/read-only-field").is_empty());
        // The same names are ordinary fields deeper down.
        let text = edited(
            "\"name\": \"app\",",
            "\"name\": \"app\", \"environment\": [{\"name\": \"status\", \"value\": \"revision\"}],",
        );
        assert!(hits(&text, "taskdef/read-only-field").is_empty());
    }
}
