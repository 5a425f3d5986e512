use crate::diagnostic::{Diagnostic, Fix, Span, TextEdit};
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

/// `key` is the `"taskDefinition"` key, `inner` the object it holds; the fix
/// keeps only that object's text (the wrapper's other fields, such as its
/// `tags`, belong to the describe call, not to the task definition).
pub fn diagnostic(source: &Source, key: Span, inner: Span) -> Diagnostic {
    let end = source.text.len();
    Diagnostic::at(
        &RULE,
        source,
        key,
        "This is describe-task-definition output; the task definition inside \"taskDefinition\" is used",
    )
    .with_fix(Fix {
        title: "Keep only the task definition".into(),
        edits: vec![
            TextEdit {
                span: Span::new(0, inner.start),
                text: String::new(),
            },
            TextEdit {
                span: Span::new(inner.end, end),
                text: "\n".into(),
            },
        ],
        safe: true,
    })
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
    fn the_fix_unwraps_the_task_definition() {
        let text = format!("{{\"taskDefinition\": {}, \"tags\": []}}", BACKEND_TASK.trim_end());
        let note = parse("t.json", &text)
            .diagnostics
            .into_iter()
            .find(|d| d.rule == "taskdef/describe-output")
            .unwrap();
        let fixed = crate::json_edit::apply(&text, &note.fix.unwrap().edits);
        assert_eq!(fixed, BACKEND_TASK);
    }

    #[test]
    fn stays_quiet_on_a_plain_task_definition() {
        assert!(parse("t.json", BACKEND_TASK)
            .diagnostics
            .iter()
            .all(|d| d.rule != "taskdef/describe-output"));
    }
}
