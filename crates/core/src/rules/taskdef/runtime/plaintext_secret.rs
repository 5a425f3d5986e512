use super::aws_access_key_in_environment::access_key_id;
use crate::diagnostic::Diagnostic;
use crate::json_tree::Node;
use crate::rules::declare_rule;
use crate::rules::taskdef::Context;

declare_rule! {
    /// Reports a container `environment` variable whose name says it holds a
    /// credential (`PASSWORD`, `PASSWD`, `SECRET`, `TOKEN`, `API_KEY`,
    /// `APIKEY`, `PRIVATE_KEY`, `ACCESS_KEY`) and whose value is a literal.
    ///
    /// Names that point at a credential rather than hold one (`…_ARN`,
    /// `…_FILE`, `…_PATH`, `…_NAME`, `…_ID`, `…_URL`, …) and values that are
    /// plainly settings (numbers, `true`/`false`, ARNs) are left alone.
    ///
    /// # Why it matters
    /// Plain environment values are part of the task definition: visible in
    /// the console, in `describe-task-definition`, in CloudTrail and in every
    /// revision kept forever. Rotating the credential means registering a new
    /// revision, and the old ones still show the old value.
    ///
    /// # Example
    /// ```json
    /// "environment": [{ "name": "DB_PASSWORD", "value": "hunter2" }]
    /// ```
    ///
    /// # Fix
    /// Put the value in AWS Secrets Manager or SSM Parameter Store (as a
    /// SecureString) and reference it instead:
    /// ```json
    /// "secrets": [{ "name": "DB_PASSWORD", "valueFrom": "arn:aws:secretsmanager:us-east-1:123456789012:secret:db-password" }]
    /// ```
    /// The task execution role needs read access to it.
    ///
    /// # References
    /// ContainerDefinition, parameter `environment`: "We don't recommend that
    /// you use plaintext environment variables for sensitive information, such
    /// as credential data" (Amazon ECS API Reference); "Pass sensitive data to
    /// an Amazon ECS container" in the Amazon ECS Developer Guide.
    pub static RULE = {
        id: "taskdef/plaintext-secret",
        severity: Warning,
        summary: "A credential-like environment variable with a plain-text value",
    }
}

const SENSITIVE: [&str; 8] = [
    "PASSWORD",
    "PASSWD",
    "SECRET",
    "TOKEN",
    "API_KEY",
    "APIKEY",
    "PRIVATE_KEY",
    "ACCESS_KEY",
];

/// Suffixes of names that refer to a credential or configure its use.
const REFERENCES: [&str; 16] = [
    "_ARN",
    "_FILE",
    "_PATH",
    "_NAME",
    "_ID",
    "_URL",
    "_URI",
    "_ENDPOINT",
    "_HOST",
    "_PORT",
    "_HEADER",
    "_TTL",
    "_EXPIRY",
    "_TIMEOUT",
    "_LENGTH",
    "_REGION",
];

pub fn check(context: &Context, out: &mut Vec<Diagnostic>) {
    for (index, container) in context.containers() {
        let environment = container.value("environment").map_or(&[][..], Node::items);
        for (position, entry) in environment.iter().enumerate() {
            let Some(name) = entry.value("name").and_then(Node::as_str) else {
                continue;
            };
            let Some(value_node) = entry.value("value") else {
                continue;
            };
            let Some(value) = value_node.as_str() else {
                continue;
            };
            if !looks_sensitive(name) || !looks_literal(value) {
                continue;
            }
            out.push(
                context
                    .diagnostic(
                        &RULE,
                        value_node.span,
                        &format!("/containerDefinitions/{index}/environment/{position}/value"),
                        format!("Environment variable '{name}' looks like a credential but holds a plain-text value"),
                    )
                    .with_help(format!(
                        "Anyone who can read the task definition can read it, in every revision. Store it in \
                         Secrets Manager or SSM Parameter Store and reference it in \"secrets\" instead: \
                         {{ \"name\": \"{name}\", \"valueFrom\": \"<secret or parameter ARN>\" }}."
                    )),
            );
        }
    }
}

fn looks_sensitive(name: &str) -> bool {
    let upper = name.to_ascii_uppercase();
    SENSITIVE.iter().any(|word| upper.contains(word)) && !REFERENCES.iter().any(|suffix| upper.ends_with(suffix))
}

/// A value that could be the credential itself. An access key ID is the
/// access-key rule's to report.
fn looks_literal(value: &str) -> bool {
    let value = value.trim();
    !value.is_empty()
        && !value.starts_with("arn:")
        && !value.chars().all(|c| c.is_ascii_digit())
        && !value.eq_ignore_ascii_case("true")
        && !value.eq_ignore_ascii_case("false")
        && access_key_id(value).is_none()
}

#[cfg(test)]
mod tests {
    use crate::reference::{BACKEND_TASK, FRONTEND_TASK};
    use crate::rules::taskdef::fixtures::{edited, hits, line_of, VALID};

    const ID: &str = "taskdef/plaintext-secret";

    fn with_variable(name: &str, value: &str) -> String {
        edited(
            "\"essential\": true,",
            &format!(
                "\"essential\": true,\n      \"environment\": [{{ \"name\": \"{name}\", \"value\": \"{value}\" }}],"
            ),
        )
    }

    #[test]
    fn triggers_on_a_literal_password() {
        let text = with_variable("DB_PASSWORD", "hunter2");
        let found = hits(&text, ID);
        assert_eq!(found.len(), 1);
        assert_eq!(
            found[0].message,
            "Environment variable 'DB_PASSWORD' looks like a credential but holds a plain-text value"
        );
        assert_eq!(found[0].line, line_of(&text, "hunter2"));
        assert_eq!(
            found[0].pointer.as_deref(),
            Some("/containerDefinitions/0/environment/0/value")
        );
    }

    #[test]
    fn triggers_on_each_kind_of_credential_name() {
        for name in [
            "JWT_SECRET",
            "github_token",
            "STRIPE_API_KEY",
            "SENDGRID_APIKEY",
            "SSH_PRIVATE_KEY",
            "MYSQL_PASSWD",
        ] {
            assert_eq!(hits(&with_variable(name, "s3cr3t-value"), ID).len(), 1, "{name}");
        }
    }

    #[test]
    fn stays_quiet_on_references_settings_and_other_names() {
        for text in [VALID, BACKEND_TASK, FRONTEND_TASK] {
            assert!(hits(text, ID).is_empty());
        }
        for (name, value) in [
            ("DB_PASSWORD", ""),
            ("DB_PASSWORD_FILE", "/run/secrets/db"),
            (
                "DB_SECRET_ARN",
                "arn:aws:secretsmanager:us-east-1:123456789012:secret:db",
            ),
            ("JWT_SECRET", "arn:aws:ssm:us-east-1:123456789012:parameter/jwt"),
            ("TOKEN_TTL", "3600"),
            ("REQUIRE_PASSWORD", "true"),
            ("OAUTH_TOKEN_URL", "https://example.com/token"),
            ("AWS_ACCESS_KEY_ID", "AKIAIOSFODNN7EXAMPLE"),
            ("LOG_LEVEL", "debug"),
        ] {
            assert!(hits(&with_variable(name, value), ID).is_empty(), "{name}");
        }
    }
}
