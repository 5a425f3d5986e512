use crate::diagnostic::Diagnostic;
use crate::json_spans::SyntaxError;
use crate::rules::declare_rule;
use crate::source::Source;

declare_rule! {
    /// Reports a task definition that is not valid JSON, at the character where
    /// reading stopped.
    ///
    /// # Why it matters
    /// `aws ecs register-task-definition --cli-input-json` rejects the whole file
    /// with a terse parse error; here the exact line and column are shown while
    /// you type, and the rest of the workspace keeps working.
    ///
    /// # Example
    /// ```json
    /// "portMappings": [
    ///   { "containerPort": 80, "hostPort": 0, }
    /// ]
    /// ```
    ///
    /// # Fix
    /// Remove the trailing comma, close the bracket or quote the diagnostic points at.
    pub static RULE = {
        id: "taskdef/json-syntax",
        severity: Error,
        summary: "The task definition is not valid JSON",
    }
}

pub fn diagnostic(source: &Source, error: &SyntaxError) -> Diagnostic {
    Diagnostic::at(&RULE, source, error.span, &error.message)
        .with_help("Task definitions are strict JSON: no comments, no trailing commas, double quotes only.")
}

#[cfg(test)]
mod tests {
    use crate::reference::BACKEND_TASK;
    use crate::taskdef::check as parse;

    #[test]
    fn triggers_at_the_line_of_the_error() {
        let text = BACKEND_TASK.replacen("\"hostPort\": 0,", "\"hostPort\": 0,,", 1);
        let parsed = parse("t.json", &text);
        let syntax: Vec<_> = parsed
            .diagnostics
            .iter()
            .filter(|d| d.rule == "taskdef/json-syntax")
            .collect();
        assert_eq!(syntax.len(), 1);
        let line = text.lines().position(|l| l.contains("\"hostPort\": 0,,")).unwrap() + 1;
        assert_eq!(syntax[0].line, line);
        // The rest of the document is still read.
        assert_eq!(parsed.model.containers.len(), 2);
        assert_eq!(parsed.model.family, "ecs-backend-task");
    }

    #[test]
    fn triggers_on_truncation_and_garbage() {
        for text in [&BACKEND_TASK[..BACKEND_TASK.len() - 3], "\u{0}\u{7f}", ""] {
            let parsed = parse("t.json", text);
            assert!(
                parsed.diagnostics.iter().any(|d| d.rule == "taskdef/json-syntax"),
                "{text:?}"
            );
        }
    }

    #[test]
    fn stays_quiet_on_the_reference() {
        assert!(parse("t.json", BACKEND_TASK)
            .diagnostics
            .iter()
            .all(|d| d.rule != "taskdef/json-syntax"));
    }
}
