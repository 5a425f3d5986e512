use super::common::{is_fargate, is_set};
use crate::diagnostic::{Diagnostic, Span};
use crate::rules::declare_rule;
use crate::rules::taskdef::Context;

declare_rule! {
    /// Reports a task definition without `executionRoleArn` that needs one:
    ///
    /// - a container with `secrets`: `When you are specifying container
    ///   secrets, you must also specify a value for 'executionRoleArn'.`
    /// - a container with `repositoryCredentials`: `Private repository
    ///   authentication requires that the task definition specify a value for
    ///   executionRoleArn.`
    /// - log `secretOptions` or `environmentFiles`, which ECS fetches with the
    ///   execution role before the container starts.
    /// - on Fargate, the `awslogs` driver or an Amazon ECR image: `Fargate
    ///   requires task definition to have execution role ARN to support log
    ///   driver awslogs.` / `... to support ECR images.`
    ///
    /// # Why it matters
    /// The execution role is the identity ECS itself uses for the task: to
    /// pull private images, write logs and fetch secrets and environment files
    /// before your code runs. (The task role, `taskRoleArn`, is what your code
    /// gets.) Without it ECS refuses the registration or the task fails to
    /// start.
    ///
    /// # Example
    /// ```json
    /// { "family": "web", "containerDefinitions": [{ "name": "app", "secrets": [{ "name": "DB_PASSWORD", "valueFrom": "arn:aws:secretsmanager:..." }] }] }
    /// ```
    ///
    /// # Fix
    /// Add `"executionRoleArn"` naming a role that trusts
    /// `ecs-tasks.amazonaws.com` and has AmazonECSTaskExecutionRolePolicy,
    /// plus read access to the secrets, parameters or S3 objects the task
    /// uses. The account's default is usually `ecsTaskExecutionRole`.
    ///
    /// # References
    /// "Amazon ECS task execution IAM role" in the Amazon ECS Developer Guide;
    /// RegisterTaskDefinition, parameter `executionRoleArn` (Amazon ECS API
    /// Reference).
    pub static RULE = {
        id: "taskdef/execution-role-required",
        severity: Error,
        summary: "Secrets, private registries, env files or Fargate logs without an execution role",
    }
}

const SECRETS: &str =
    "When you are specifying container secrets, you must also specify a value for 'executionRoleArn'.";
const PRIVATE_REGISTRY: &str =
    "Private repository authentication requires that the task definition specify a value for executionRoleArn.";
const FARGATE_AWSLOGS: &str =
    "Fargate requires task definition to have execution role ARN to support log driver awslogs.";
const FARGATE_ECR: &str = "Fargate requires task definition to have execution role ARN to support ECR images.";

pub fn check(context: &Context, out: &mut Vec<Diagnostic>) {
    match context.body.value("executionRoleArn") {
        // A wrongly typed role is the schema rules' to report.
        Some(role) if !role.is_null() && role.as_str().is_none_or(|r| !r.trim().is_empty()) => return,
        _ => {}
    }
    let fargate = is_fargate(context.body);
    for (index, container) in context.containers() {
        let base = format!("/containerDefinitions/{index}");
        let mut report = |span: Span, field: &str, message: &str, need: &str| {
            out.push(
                context
                    .diagnostic(&RULE, span, &format!("{base}/{field}"), message)
                    .with_help(format!(
                        "ECS uses the task execution role to {need}. Add \"executionRoleArn\" with a role that has \
                         AmazonECSTaskExecutionRolePolicy (usually ecsTaskExecutionRole) and access to what it \
                         fetches."
                    )),
            );
        };
        if let Some(prop) = container.get("secrets").filter(|p| is_set(&p.value)) {
            report(
                prop.key_span,
                "secrets",
                SECRETS,
                "fetch secrets from Secrets Manager or SSM Parameter Store",
            );
        }
        if let Some(prop) = container.get("repositoryCredentials").filter(|p| is_set(&p.value)) {
            report(
                prop.key_span,
                "repositoryCredentials",
                PRIVATE_REGISTRY,
                "read the registry credentials from Secrets Manager",
            );
        }
        if let Some(prop) = container.get("environmentFiles").filter(|p| is_set(&p.value)) {
            report(
                prop.key_span,
                "environmentFiles",
                "Environment files are downloaded from Amazon S3 with the task execution role, so 'executionRoleArn' is required.",
                "download environment files from Amazon S3",
            );
        }
        let logs = container.value("logConfiguration");
        if let Some(prop) = logs.and_then(|l| l.get("secretOptions")).filter(|p| is_set(&p.value)) {
            report(
                prop.key_span,
                "logConfiguration/secretOptions",
                "Log configuration secretOptions are fetched with the task execution role, so 'executionRoleArn' is required.",
                "fetch secrets from Secrets Manager or SSM Parameter Store",
            );
        }
        if !fargate {
            continue;
        }
        if let Some(driver) = logs
            .and_then(|l| l.value("logDriver"))
            .filter(|d| d.as_str() == Some("awslogs"))
        {
            report(
                driver.span,
                "logConfiguration/logDriver",
                FARGATE_AWSLOGS,
                "write logs to CloudWatch Logs",
            );
        }
        if let Some(image) = container.value("image").filter(|i| i.as_str().is_some_and(is_ecr)) {
            report(image.span, "image", FARGATE_ECR, "pull images from Amazon ECR");
        }
    }
}

/// An Amazon ECR image: `<account>.dkr.ecr.<region>.amazonaws.com[.cn]/repo…`.
fn is_ecr(image: &str) -> bool {
    let registry = image.split('/').next().unwrap_or_default();
    image.contains('/') && registry.contains(".dkr.ecr.") && registry.contains(".amazonaws.com")
}

#[cfg(test)]
mod tests {
    use crate::reference::{BACKEND_TASK, FRONTEND_TASK};
    use crate::rules::taskdef::fixtures::{edited, hits, line_of, VALID};

    const ID: &str = "taskdef/execution-role-required";

    fn with_container_field(field: &str) -> String {
        edited("\"essential\": true,", &format!("\"essential\": true,\n      {field},"))
    }

    #[test]
    fn triggers_on_secrets_without_an_execution_role() {
        let text = with_container_field(
            r#""secrets": [{ "name": "DB_PASSWORD", "valueFrom": "arn:aws:ssm:us-east-1:123456789012:parameter/db" }]"#,
        );
        let found = hits(&text, ID);
        assert_eq!(found.len(), 1);
        assert_eq!(
            found[0].message,
            "When you are specifying container secrets, you must also specify a value for 'executionRoleArn'."
        );
        assert_eq!(found[0].line, line_of(&text, "\"secrets\""));
        assert_eq!(found[0].pointer.as_deref(), Some("/containerDefinitions/0/secrets"));
    }

    #[test]
    fn triggers_on_repository_credentials_and_environment_files() {
        let text = with_container_field(
            r#""repositoryCredentials": { "credentialsParameter": "arn:aws:secretsmanager:us-east-1:123456789012:secret:hub" },
      "environmentFiles": [{ "value": "arn:aws:s3:::bucket/app.env", "type": "s3" }]"#,
        );
        let found = hits(&text, ID);
        assert_eq!(found.len(), 2);
        assert_eq!(
            found[0].message,
            "Private repository authentication requires that the task definition specify a value for executionRoleArn."
        );
        assert_eq!(
            found[1].pointer.as_deref(),
            Some("/containerDefinitions/0/environmentFiles")
        );
    }

    #[test]
    fn triggers_on_fargate_awslogs_and_ecr_images() {
        let text = with_container_field(r#""logConfiguration": { "logDriver": "awslogs" }"#).replacen(
            "\"family\": \"web\",",
            "\"family\": \"web\", \"requiresCompatibilities\": [\"FARGATE\"],",
            1,
        );
        let found = hits(&text, ID);
        let messages: Vec<_> = found.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(
            messages,
            [
                "Fargate requires task definition to have execution role ARN to support ECR images.",
                "Fargate requires task definition to have execution role ARN to support log driver awslogs.",
            ]
        );
        assert_eq!(found[0].line, line_of(&text, "\"image\""));
    }

    #[test]
    fn stays_quiet_with_a_role_or_nothing_that_needs_one() {
        for text in [VALID, BACKEND_TASK, FRONTEND_TASK] {
            assert!(hits(text, ID).is_empty());
        }
        let with_role = with_container_field(r#""secrets": [{ "name": "A", "valueFrom": "a" }]"#).replacen(
            "\"family\": \"web\",",
            "\"family\": \"web\", \"executionRoleArn\": \"ecsTaskExecutionRole\",",
            1,
        );
        assert!(hits(&with_role, ID).is_empty());
        assert!(hits(&with_container_field(r#""secrets": []"#), ID).is_empty());
        // ECR on EC2 is pulled with the instance role.
        assert!(hits(
            &with_container_field(r#""logConfiguration": { "logDriver": "awslogs" }"#),
            ID
        )
        .is_empty());
    }

    #[test]
    fn recognises_ecr_images() {
        assert!(super::is_ecr("123456789012.dkr.ecr.us-east-1.amazonaws.com/app:1"));
        assert!(super::is_ecr("123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn/app"));
        assert!(!super::is_ecr("public.ecr.aws/nginx/nginx:1.25"));
        assert!(!super::is_ecr("nginx:1.25"));
        assert!(!super::is_ecr("~~/backend-nginx:latest"));
    }
}
