use crate::diagnostic::Diagnostic;
use crate::json_tree::Node;
use crate::rules::declare_rule;
use crate::rules::taskdef::Context;

declare_rule! {
    /// Reports a container `environment` value that contains an AWS access
    /// key ID: `AKIA` (a long-term IAM user key) or `ASIA` (a temporary key)
    /// followed by 16 upper-case letters and digits.
    ///
    /// # Why it matters
    /// Task definitions are plain text to anyone allowed to describe them: the
    /// console, `aws ecs describe-task-definition`, CloudTrail and every copy
    /// in source control. The secret key is rarely far from its ID, and a
    /// leaked key works from anywhere until someone deactivates it. Tasks do
    /// not need static keys at all.
    ///
    /// # Example
    /// ```json
    /// "environment": [
    ///   { "name": "AWS_ACCESS_KEY_ID", "value": "AKIAIOSFODNN7EXAMPLE" },
    ///   { "name": "AWS_SECRET_ACCESS_KEY", "value": "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY" }
    /// ]
    /// ```
    ///
    /// # Fix
    /// Deactivate and rotate the key. Give the task a `taskRoleArn` with the
    /// permissions the code needs: the AWS SDKs in the container pick up the
    /// role's credentials by themselves. A credential for something else
    /// belongs in `secrets` (Secrets Manager or SSM Parameter Store).
    ///
    /// # References
    /// "Amazon ECS task IAM role" and "Pass sensitive data to an Amazon ECS
    /// container" in the Amazon ECS Developer Guide; "Understanding unique ID
    /// prefixes" (IAM User Guide): AKIA is an access key, ASIA a temporary
    /// one.
    pub static RULE = {
        id: "taskdef/aws-access-key-in-environment",
        severity: Error,
        summary: "An AWS access key ID in a plain-text environment variable",
    }
}

pub fn check(context: &Context, out: &mut Vec<Diagnostic>) {
    for (index, container) in context.containers() {
        let environment = container.value("environment").map_or(&[][..], Node::items);
        for (position, entry) in environment.iter().enumerate() {
            let Some(value) = entry.value("value") else {
                continue;
            };
            let Some(key) = value.as_str().and_then(access_key_id) else {
                continue;
            };
            let name = entry.value("name").and_then(Node::as_str).unwrap_or("?");
            // Enough of the key to recognise it, not enough to use it.
            let shown = format!("{}…{}", key.get(..4).unwrap_or(""), key.get(16..).unwrap_or(""));
            out.push(
                context
                    .diagnostic(
                        &RULE,
                        value.span,
                        &format!("/containerDefinitions/{index}/environment/{position}/value"),
                        format!("Environment variable '{name}' holds an AWS access key ID ({shown})"),
                    )
                    .with_help(
                        "Anyone who can read the task definition can see it. Deactivate and rotate the key, and give \
                         the task a taskRoleArn instead: the AWS SDKs in the container use the role's credentials \
                         without any key.",
                    ),
            );
        }
    }
}

/// The first AWS access key ID in `text`: AKIA or ASIA and 16 upper-case
/// letters or digits, not part of a longer word.
pub fn access_key_id(text: &str) -> Option<&str> {
    let bytes = text.as_bytes();
    let word = |b: Option<&u8>| b.is_some_and(u8::is_ascii_alphanumeric);
    (0..bytes.len().saturating_sub(19)).find_map(|start| {
        let candidate = bytes.get(start..start + 20)?;
        let (prefix, rest) = candidate.split_at(4);
        let is_key = (prefix == b"AKIA" || prefix == b"ASIA")
            && rest.iter().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
            && !word(start.checked_sub(1).and_then(|i| bytes.get(i)))
            && !word(bytes.get(start + 20));
        // All 20 bytes are ASCII, so both ends are character boundaries.
        is_key.then(|| text.get(start..start + 20)).flatten()
    })
}

#[cfg(test)]
mod tests {
    use super::access_key_id;
    use crate::reference::{BACKEND_TASK, FRONTEND_TASK};
    use crate::rules::taskdef::fixtures::{edited, hits, line_of, VALID};

    const ID: &str = "taskdef/aws-access-key-in-environment";

    fn with_variable(name: &str, value: &str) -> String {
        edited(
            "\"essential\": true,",
            &format!(
                "\"essential\": true,\n      \"environment\": [{{ \"name\": \"{name}\", \"value\": \"{value}\" }}],"
            ),
        )
    }

    #[test]
    fn triggers_on_an_access_key_id() {
        let text = with_variable("AWS_ACCESS_KEY_ID", "AKIAIOSFODNN7EXAMPLE");
        let found = hits(&text, ID);
        assert_eq!(found.len(), 1);
        assert_eq!(
            found[0].message,
            "Environment variable 'AWS_ACCESS_KEY_ID' holds an AWS access key ID (AKIA…MPLE)"
        );
        assert_eq!(found[0].line, line_of(&text, "AKIA"));
        assert_eq!(
            found[0].pointer.as_deref(),
            Some("/containerDefinitions/0/environment/0/value")
        );
    }

    #[test]
    fn finds_keys_inside_longer_values() {
        assert_eq!(access_key_id("ASIAY34FZKBOKMUTVV7A"), Some("ASIAY34FZKBOKMUTVV7A"));
        assert_eq!(
            access_key_id("key=AKIAIOSFODNN7EXAMPLE;x"),
            Some("AKIAIOSFODNN7EXAMPLE")
        );
        let found = hits(&with_variable("S3_URL", "s3://AKIAIOSFODNN7EXAMPLE:x@bucket"), ID);
        assert_eq!(found.len(), 1);
    }

    #[test]
    fn stays_quiet_on_near_misses() {
        for text in [VALID, BACKEND_TASK, FRONTEND_TASK] {
            assert!(hits(text, ID).is_empty());
        }
        for value in [
            "AKIAIOSFODNN7EXAMPL",
            "AKIAIOSFODNN7EXAMPLE1",
            "XAKIAIOSFODNN7EXAMPLE",
            "AKIAiosfodnn7example",
            "BKIAIOSFODNN7EXAMPLE",
            "",
            "가AKIA",
        ] {
            assert_eq!(access_key_id(value), None, "{value}");
        }
        assert!(hits(&with_variable("AWS_REGION", "us-east-1"), ID).is_empty());
    }
}
