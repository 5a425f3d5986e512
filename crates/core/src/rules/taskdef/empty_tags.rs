use super::Context;
use crate::diagnostic::Diagnostic;
use crate::json_edit::removal_fix;
use crate::rules::declare_rule;

declare_rule! {
    /// Reports `"tags": []`. `describe-task-definition` prints it for a task
    /// definition without tags, but ECS rejects it on registration with
    /// `Tags can not be empty.`
    ///
    /// # Why it matters
    /// The AWS CLI accepts the file, so the error only comes back from ECS, and
    /// it is the last thing anyone suspects in a file ECS itself printed.
    ///
    /// # Example
    /// ```json
    /// { "family": "web", "containerDefinitions": [ ... ], "tags": [] }
    /// ```
    ///
    /// # Fix
    /// Remove `tags`, or give it at least one tag. The quick fix removes it.
    pub static RULE = {
        id: "taskdef/empty-tags",
        severity: Error,
        summary: "An empty tags list, which ECS rejects",
    }
}

pub fn check(context: &Context, out: &mut Vec<Diagnostic>) {
    let body = context.body;
    let Some(index) = body.props().iter().rposition(|p| p.key == "tags") else {
        return;
    };
    let prop = &body.props()[index];
    if !prop.value.items().is_empty() || !matches!(prop.value.kind, crate::json_tree::NodeKind::Array(_)) {
        return;
    }
    let mut diagnostic = context
        .diagnostic(&RULE, prop.value.span, "/tags", "Tags can not be empty.")
        .with_help("Remove \"tags\" or add at least one tag.");
    if let Some(fix) = removal_fix(body, index, true) {
        diagnostic = diagnostic.with_fix(fix);
    }
    out.push(diagnostic);
}

#[cfg(test)]
mod tests {
    use crate::reference::BACKEND_TASK;
    use crate::rules::taskdef::fixtures::{edited, hits, line_of, VALID};

    #[test]
    fn triggers_on_the_seeds_empty_tags() {
        let found = hits(BACKEND_TASK, "taskdef/empty-tags");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].message, "Tags can not be empty.");
        assert_eq!(found[0].line, line_of(BACKEND_TASK, "\"tags\": []"));
        let fixed = crate::json_edit::apply(BACKEND_TASK, &found[0].fix.clone().unwrap().edits);
        assert!(!fixed.contains("\"tags\""));
        assert!(crate::json_tree::parse(&fixed).error.is_none());
    }

    #[test]
    fn stays_quiet_without_tags_or_with_some() {
        assert!(hits(VALID, "taskdef/empty-tags").is_empty());
        let text = edited(
            "\"family\": \"web\",",
            "\"family\": \"web\", \"tags\": [{\"key\": \"team\", \"value\": \"web\"}],",
        );
        assert!(hits(&text, "taskdef/empty-tags").is_empty());
    }
}
