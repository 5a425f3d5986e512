use super::common::{anchor, label};
use crate::diagnostic::Diagnostic;
use crate::rules::declare_rule;
use crate::rules::taskdef::Context;

declare_rule! {
    /// Reports a container without a `logConfiguration`.
    ///
    /// # Why it matters
    /// Without one the container logs to whatever the Docker daemon on the
    /// instance defaults to, usually `json-file` on the instance's disk. Those
    /// logs disappear when the agent cleans up the stopped container, they are
    /// not in CloudWatch, and the console's Logs tab stays empty: exactly when
    /// a task crashes on start there is nothing to read. On Fargate there is
    /// no instance to read them from at all.
    ///
    /// # Example
    /// ```json
    /// { "name": "app", "image": "...", "essential": true }
    /// ```
    ///
    /// # Fix
    /// Send the logs somewhere that outlives the task, most simply CloudWatch
    /// Logs:
    /// ```json
    /// "logConfiguration": {
    ///   "logDriver": "awslogs",
    ///   "options": { "awslogs-group": "/ecs/web", "awslogs-region": "us-east-1", "awslogs-stream-prefix": "app" }
    /// }
    /// ```
    /// The task execution role needs `logs:CreateLogStream` and
    /// `logs:PutLogEvents` (both in AmazonECSTaskExecutionRolePolicy).
    ///
    /// # References
    /// ContainerDefinition, parameter `logConfiguration`: "By default,
    /// containers use the same logging driver that the Docker daemon uses"
    /// (Amazon ECS API Reference); "Send Amazon ECS logs to CloudWatch" in
    /// the Amazon ECS Developer Guide.
    pub static RULE = {
        id: "taskdef/missing-log-configuration",
        severity: Warning,
        summary: "A container whose logs are not sent anywhere",
    }
}

pub fn check(context: &Context, out: &mut Vec<Diagnostic>) {
    for (index, container) in context.containers() {
        // A null value is the null-value rule's to report.
        if container.get("logConfiguration").is_some() {
            continue;
        }
        let message = format!(
            "Container {} has no logConfiguration: its logs go nowhere you can read after the task stops",
            label(container, index)
        );
        out.push(
            context
                .diagnostic(
                    &RULE,
                    anchor(container),
                    &format!("/containerDefinitions/{index}"),
                    message,
                )
                .with_help(
                    "Without a log driver the output stays in the Docker daemon's default log on the instance and \
                     goes with the container. Add a logConfiguration, e.g. the awslogs driver with awslogs-group, \
                     awslogs-region and awslogs-stream-prefix, to keep it in CloudWatch Logs.",
                ),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::reference::{BACKEND_TASK, FRONTEND_TASK};
    use crate::rules::taskdef::fixtures::{edited, hits, line_of, VALID};

    const ID: &str = "taskdef/missing-log-configuration";

    #[test]
    fn triggers_on_every_seed_container() {
        for (text, names) in [
            (BACKEND_TASK, ["springboot", "nginx"]),
            (FRONTEND_TASK, ["next", "nginx"]),
        ] {
            let found = hits(text, ID);
            assert_eq!(found.len(), 2);
            for (index, (diagnostic, name)) in found.iter().zip(names).enumerate() {
                assert_eq!(
                    diagnostic.message,
                    format!(
                        "Container '{name}' has no logConfiguration: its logs go nowhere you can read after the task stops"
                    )
                );
                assert_eq!(diagnostic.line, line_of(text, &format!("\"name\": \"{name}\"")));
                assert_eq!(
                    diagnostic.pointer.as_deref(),
                    Some(&*format!("/containerDefinitions/{index}"))
                );
            }
        }
    }

    #[test]
    fn triggers_on_the_valid_fixture_which_has_no_logs() {
        assert_eq!(hits(VALID, ID).len(), 1);
    }

    #[test]
    fn stays_quiet_with_any_log_configuration() {
        let awslogs = edited(
            "\"essential\": true,",
            "\"essential\": true,\n      \"logConfiguration\": { \"logDriver\": \"awslogs\", \"options\": { \"awslogs-group\": \"/ecs/web\", \"awslogs-region\": \"us-east-1\" } },",
        );
        assert!(hits(&awslogs, ID).is_empty());
        let null = edited(
            "\"essential\": true,",
            "\"essential\": true, \"logConfiguration\": null,",
        );
        assert!(hits(&null, ID).is_empty());
    }
}
