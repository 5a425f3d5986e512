use super::common::REDACTION;
use crate::diagnostic::Diagnostic;
use crate::json_tree::Node;
use crate::rules::declare_rule;
use crate::rules::taskdef::Context;

declare_rule! {
    /// Reports a `taskRoleArn` that names the same IAM role as
    /// `executionRoleArn`. Roles are compared by name: the part after the last
    /// `/` of an ARN, or the short name, ignoring case as IAM does.
    ///
    /// # Why it matters
    /// The two roles serve different parties. The execution role is ECS's: it
    /// pulls images, writes logs and reads the task's secrets. The task role
    /// is your application's: every process in the containers can use it.
    /// Sharing one hands the application the right to read every secret the
    /// execution role can, and grows the agent's role with whatever the
    /// application needs: the opposite of least privilege.
    ///
    /// # Example
    /// ```json
    /// "taskRoleArn": "arn:aws:iam::123456789012:role/ecsTaskExecutionRole",
    /// "executionRoleArn": "arn:aws:iam::123456789012:role/ecsTaskExecutionRole"
    /// ```
    ///
    /// # Fix
    /// Create a task role for this application with only the AWS calls its
    /// code makes (or drop `taskRoleArn` if it makes none), and keep the
    /// execution role for ECS.
    ///
    /// # References
    /// "Amazon ECS task IAM role" and "Amazon ECS task execution IAM role" in
    /// the Amazon ECS Developer Guide; "Apply least-privilege permissions"
    /// (IAM best practices).
    pub static RULE = {
        id: "taskdef/task-role-is-execution-role",
        severity: Warning,
        summary: "The task role is also the execution role",
    }
}

pub fn check(context: &Context, out: &mut Vec<Diagnostic>) {
    let body = context.body;
    let Some(task) = body.value("taskRoleArn") else {
        return;
    };
    let (Some(task_role), Some(execution_role)) = (
        task.as_str().and_then(role_name),
        body.value("executionRoleArn")
            .and_then(Node::as_str)
            .and_then(role_name),
    ) else {
        return;
    };
    if !task_role.eq_ignore_ascii_case(execution_role) {
        return;
    }
    out.push(
        context
            .diagnostic(
                &RULE,
                task.span,
                "/taskRoleArn",
                format!("The task role and the execution role are the same role, '{task_role}'"),
            )
            .with_help(
                "The execution role is for ECS (pulling images, writing logs, reading secrets); the task role is what \
                 your code runs with. Give the task a role of its own with only the permissions the application \
                 needs, or remove taskRoleArn if it calls no AWS API.",
            ),
    );
}

/// The role's name: after the last `/` or `:` of an ARN (the name cannot
/// contain either), and after a `~~` redaction, which in the seed files
/// replaces the ARN's prefix.
fn role_name(role: &str) -> Option<&str> {
    let name = role.rsplit(['/', ':']).next()?;
    let name = name.rsplit(REDACTION).next()?.trim();
    (!name.is_empty()).then_some(name)
}

#[cfg(test)]
mod tests {
    use super::role_name;
    use crate::reference::{BACKEND_TASK, FRONTEND_TASK};
    use crate::rules::taskdef::fixtures::{edited, hits, line_of, VALID};

    const ID: &str = "taskdef/task-role-is-execution-role";

    fn with_roles(task: &str, execution: &str) -> String {
        edited(
            "\"family\": \"web\",",
            &format!("\"family\": \"web\",\n  \"taskRoleArn\": \"{task}\",\n  \"executionRoleArn\": \"{execution}\","),
        )
    }

    #[test]
    fn triggers_on_the_same_role_by_arn_or_name() {
        let text = with_roles(
            "arn:aws:iam::123456789012:role/ecsTaskExecutionRole",
            "ecsTaskExecutionRole",
        );
        let found = hits(&text, ID);
        assert_eq!(found.len(), 1);
        assert_eq!(
            found[0].message,
            "The task role and the execution role are the same role, 'ecsTaskExecutionRole'"
        );
        assert_eq!(found[0].line, line_of(&text, "\"taskRoleArn\""));
        assert_eq!(found[0].pointer.as_deref(), Some("/taskRoleArn"));
    }

    #[test]
    fn triggers_on_both_seeds_despite_the_redaction() {
        for text in [BACKEND_TASK, FRONTEND_TASK] {
            let found = hits(text, ID);
            assert_eq!(found.len(), 1);
            assert_eq!(found[0].line, line_of(text, "\"taskRoleArn\""));
        }
    }

    #[test]
    fn stays_quiet_on_distinct_or_missing_roles() {
        assert!(hits(VALID, ID).is_empty());
        let distinct = with_roles(
            "arn:aws:iam::123456789012:role/web-task",
            "arn:aws:iam::123456789012:role/ecsTaskExecutionRole",
        );
        assert!(hits(&distinct, ID).is_empty());
        assert!(hits(&with_roles("~~", "~~"), ID).is_empty());
        let only_task = edited("\"family\": \"web\",", "\"family\": \"web\", \"taskRoleArn\": \"app\",");
        assert!(hits(&only_task, ID).is_empty());
    }

    #[test]
    fn reads_role_names() {
        assert_eq!(role_name("arn:aws:iam::123456789012:role/path/to/app"), Some("app"));
        assert_eq!(role_name("app"), Some("app"));
        assert_eq!(role_name("~~ecsTaskExecutionRole"), Some("ecsTaskExecutionRole"));
        assert_eq!(role_name("arn:aws:iam::123456789012:role/"), None);
    }
}
