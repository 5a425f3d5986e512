use crate::diagnostic::{Diagnostic, Span};
use crate::rules::declare_rule;
use crate::source::Source;

declare_rule! {
    /// Notes that a task definition is the output of `aws ecs
    /// describe-task-definition`, wrapped in `{"taskDefinition": {...}}`, and is
    /// read from inside the wrapper.
    ///
    /// # Why it matters
    /// `register-task-definition` takes the inner object only; registering the
    /// wrapper fails with `Unknown parameter in input: "taskDefinition"`.
    ///
    /// # Example
    /// ```json
    /// { "taskDefinition": { "family": "ecs-backend-task", ... }, "tags": [] }
    /// ```
    ///
    /// # Fix
    /// Nothing to do here: the export gives the register-ready inner object.
    pub static RULE = {
        id: "taskdef/describe-output",
        severity: Info,
        summary: "The file is describe-task-definition output; its inner object is used",
    }
}

pub fn diagnostic(source: &Source, key: Span) -> Diagnostic {
    Diagnostic::at(
        &RULE,
        source,
        key,
        "This is describe-task-definition output; the task definition inside \"taskDefinition\" is used",
    )
}

#[cfg(test)]
mod tests {
    use crate::reference::BACKEND_TASK;
    use crate::taskdef::check as parse;

    #[test]
    fn triggers_on_the_wrapper_and_reads_inside_it() {
        let text = format!("{{\"taskDefinition\": {BACKEND_TASK}, \"tags\": []}}");
        let parsed = parse("t.json", &text);
        let notes: Vec<_> = parsed
            .diagnostics
            .iter()
            .filter(|d| d.rule == "taskdef/describe-output")
            .collect();
        assert_eq!(notes.len(), 1);
        assert_eq!(notes[0].line, 1);
        assert_eq!(parsed.model.family, "ecs-backend-task");
        assert_eq!(parsed.model.containers.len(), 2);
    }

    #[test]
    fn stays_quiet_on_a_plain_task_definition() {
        assert!(parse("t.json", BACKEND_TASK)
            .diagnostics
            .iter()
            .all(|d| d.rule != "taskdef/describe-output"));
    }
}
