use super::common::{is_fargate, label, requires};
use crate::diagnostic::Diagnostic;
use crate::json_tree::Node;
use crate::rules::declare_rule;
use crate::rules::taskdef::Context;

declare_rule! {
    /// Reports a container `logConfiguration` that cannot work where the task
    /// runs:
    ///
    /// - a log driver the launch type does not offer. Fargate supports
    ///   `awslogs`, `splunk` and `awsfirelens`; ECS Managed Instances those
    ///   and `json-file`; EC2 instances all eight drivers of the API.
    /// - the `awslogs` driver without the options `awslogs-group` and
    ///   `awslogs-region`, or on Fargate without `awslogs-stream-prefix`.
    ///
    /// # Why it matters
    /// The driver is set up when the container is created: a missing log group
    /// or region, or a driver Fargate does not have, keeps the container from
    /// starting, and on Fargate the logs of a container without a stream
    /// prefix do not show in the console.
    ///
    /// # Example
    /// ```json
    /// "requiresCompatibilities": ["FARGATE"],
    /// ...
    /// "logConfiguration": { "logDriver": "awslogs", "options": { "awslogs-group": "/ecs/web" } }
    /// ```
    /// lacks `awslogs-region` and `awslogs-stream-prefix`.
    ///
    /// # Fix
    /// Add the missing options, e.g. `"awslogs-region": "us-east-1"` and
    /// `"awslogs-stream-prefix": "web"`; on Fargate, route other destinations
    /// through `awsfirelens` (FireLens) instead of the Docker driver.
    ///
    /// # References
    /// LogConfiguration (Amazon ECS API Reference): "For tasks on Fargate, the
    /// supported log drivers are awslogs, splunk, and awsfirelens";
    /// awslogs-region "Required: Yes", awslogs-group "Required: Yes",
    /// awslogs-stream-prefix "Required: Yes, when using Fargate".
    pub static RULE = {
        id: "taskdef/invalid-log-configuration",
        severity: Error,
        summary: "A log driver the launch type lacks, or awslogs without its required options",
    }
}

/// Launch types with a narrower choice of drivers than EC2, and that choice.
const PLATFORMS: [(&str, &str, &[&str]); 2] = [
    ("FARGATE", "Fargate", &["awslogs", "splunk", "awsfirelens"]),
    (
        "MANAGED_INSTANCES",
        "ECS Managed Instances",
        &["awslogs", "splunk", "awsfirelens", "json-file"],
    ),
];

pub fn check(context: &Context, out: &mut Vec<Diagnostic>) {
    let fargate = is_fargate(context.body);
    for (index, container) in context.containers() {
        let Some(config) = container.value("logConfiguration").filter(|c| c.is_object()) else {
            continue;
        };
        let Some(driver_node) = config.value("logDriver") else {
            continue;
        };
        let Some(driver) = driver_node.as_str() else {
            continue;
        };
        let base = format!("/containerDefinitions/{index}/logConfiguration");
        for (launch_type, platform, drivers) in PLATFORMS {
            if requires(context.body, launch_type) && !drivers.contains(&driver) {
                out.push(
                    context
                        .diagnostic(
                            &RULE,
                            driver_node.span,
                            &format!("{base}/logDriver"),
                            format!(
                                "Log driver '{driver}' is not supported on {platform}, which supports {}",
                                drivers.join(", ")
                            ),
                        )
                        .with_help(
                            "Use awslogs for CloudWatch Logs, or awsfirelens to route logs to other destinations \
                             through a FireLens (Fluent Bit) sidecar.",
                        ),
                );
            }
        }
        if driver != "awslogs" {
            continue;
        }
        let options = config.value("options");
        // Unreadable options are the schema rules' to report.
        if options.is_some_and(|o| !o.is_object() && !o.is_null()) {
            continue;
        }
        let present = |key: &str| {
            options
                .and_then(|o| o.value(key))
                .and_then(Node::as_str)
                .is_some_and(|v| !v.trim().is_empty())
        };
        let mut missing: Vec<&str> = ["awslogs-group", "awslogs-region"]
            .into_iter()
            .filter(|k| !present(k))
            .collect();
        if fargate && !present("awslogs-stream-prefix") {
            missing.push("awslogs-stream-prefix");
        }
        if missing.is_empty() {
            continue;
        }
        let (span, pointer) = match config.get("options") {
            Some(prop) => (prop.key_span, format!("{base}/options")),
            None => (driver_node.span, format!("{base}/logDriver")),
        };
        let list = missing.join(", ");
        let message = if missing == ["awslogs-stream-prefix"] {
            format!(
                "On Fargate the awslogs log driver requires the option awslogs-stream-prefix (container {})",
                label(container, index)
            )
        } else {
            format!(
                "The awslogs log driver requires the options {list} (container {})",
                label(container, index)
            )
        };
        out.push(context.diagnostic(&RULE, span, &pointer, message).with_help(format!(
            "Add {list} to \"options\": the log group to write to, the region it is in{}.",
            if missing.contains(&"awslogs-stream-prefix") {
                ", and a prefix for the stream names (Fargate requires it; streams are named prefix/container/task-id)"
            } else {
                ""
            }
        )));
    }
}

#[cfg(test)]
mod tests {
    use crate::reference::{BACKEND_TASK, FRONTEND_TASK};
    use crate::rules::taskdef::fixtures::{edited, hits, line_of, VALID};

    const ID: &str = "taskdef/invalid-log-configuration";

    fn with_logs(config: &str, fargate: bool) -> String {
        let text = edited(
            "\"essential\": true,",
            &format!("\"essential\": true,\n      \"logConfiguration\": {config},"),
        );
        if fargate {
            text.replacen(
                "\"family\": \"web\",",
                "\"family\": \"web\",\n  \"requiresCompatibilities\": [\"FARGATE\"],",
                1,
            )
        } else {
            text
        }
    }

    #[test]
    fn triggers_on_a_driver_fargate_lacks() {
        let text = with_logs(r#"{ "logDriver": "json-file" }"#, true);
        let found = hits(&text, ID);
        assert_eq!(found.len(), 1);
        assert_eq!(
            found[0].message,
            "Log driver 'json-file' is not supported on Fargate, which supports awslogs, splunk, awsfirelens"
        );
        assert_eq!(found[0].line, line_of(&text, "json-file"));
        assert_eq!(
            found[0].pointer.as_deref(),
            Some("/containerDefinitions/0/logConfiguration/logDriver")
        );
    }

    #[test]
    fn triggers_on_awslogs_without_group_and_region() {
        let text = with_logs(
            r#"{ "logDriver": "awslogs", "options": { "awslogs-stream-prefix": "app" } }"#,
            false,
        );
        let found = hits(&text, ID);
        assert_eq!(found.len(), 1);
        assert_eq!(
            found[0].message,
            "The awslogs log driver requires the options awslogs-group, awslogs-region (container 'app')"
        );
        assert_eq!(
            found[0].pointer.as_deref(),
            Some("/containerDefinitions/0/logConfiguration/options")
        );
    }

    #[test]
    fn triggers_on_fargate_awslogs_without_a_stream_prefix() {
        let text = with_logs(
            r#"{ "logDriver": "awslogs", "options": { "awslogs-group": "/ecs/web", "awslogs-region": "us-east-1" } }"#,
            true,
        );
        let found = hits(&text, ID);
        assert_eq!(found.len(), 1);
        assert_eq!(
            found[0].message,
            "On Fargate the awslogs log driver requires the option awslogs-stream-prefix (container 'app')"
        );
        let no_options = hits(&with_logs(r#"{ "logDriver": "awslogs" }"#, true), ID);
        assert_eq!(no_options.len(), 1);
        assert_eq!(
            no_options[0].pointer.as_deref(),
            Some("/containerDefinitions/0/logConfiguration/logDriver")
        );
    }

    #[test]
    fn stays_quiet_on_complete_or_unreadable_configurations() {
        for text in [VALID, BACKEND_TASK, FRONTEND_TASK] {
            assert!(hits(text, ID).is_empty());
        }
        let complete = r#"{ "logDriver": "awslogs", "options": { "awslogs-group": "/ecs/web", "awslogs-region": "us-east-1", "awslogs-stream-prefix": "app" } }"#;
        assert!(hits(&with_logs(complete, true), ID).is_empty());
        let ec2 =
            r#"{ "logDriver": "awslogs", "options": { "awslogs-group": "/ecs/web", "awslogs-region": "us-east-1" } }"#;
        assert!(hits(&with_logs(ec2, false), ID).is_empty());
        assert!(hits(&with_logs(r#"{ "logDriver": "json-file" }"#, false), ID).is_empty());
        assert!(hits(&with_logs(r#"{ "logDriver": "awsfirelens" }"#, true), ID).is_empty());
        assert!(hits(&with_logs(r#"{ "logDriver": "awslogs", "options": "x" }"#, false), ID).is_empty());
        assert!(hits(&with_logs(r#"{ "logDriver": 3 }"#, true), ID).is_empty());
    }
}
