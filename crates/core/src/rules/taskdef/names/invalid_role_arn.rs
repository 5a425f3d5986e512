use super::common::is_redacted;
use crate::diagnostic::Diagnostic;
use crate::rules::declare_rule;
use crate::rules::taskdef::Context;

declare_rule! {
    /// Reports a `taskRoleArn` or `executionRoleArn` that is neither an IAM role
    /// ARN, `arn:aws:iam::<12-digit account>:role/<path/>name`, nor a role name.
    ///
    /// # Why it matters
    /// ECS answers `Role is not valid` when registering. Common causes are an
    /// ARN of something other than a role (an instance profile, a user, a
    /// CloudFormation stack), an account id with the wrong number of digits,
    /// or a region where IAM ARNs have none.
    ///
    /// # Example
    /// ```json
    /// "executionRoleArn": "arn:aws:iam:us-east-1:12345678901:instance-profile/ecsTaskExecutionRole"
    /// ```
    ///
    /// # Fix
    /// Copy the role's ARN from the IAM console, or write the role name alone
    /// (ECS completes it with the account id when registering).
    ///
    /// # References
    /// RegisterTaskDefinition, parameters `taskRoleArn` ("The short name or
    /// full Amazon Resource Name (ARN) of the IAM role") and `executionRoleArn`
    /// (Amazon ECS API Reference); IAM identifiers and quotas (IAM User Guide):
    /// role names are up to 64 characters of letters, digits and `+=,.@_-`.
    pub static RULE = {
        id: "taskdef/invalid-role-arn",
        severity: Error,
        summary: "A task or execution role that is not an IAM role ARN or role name",
    }
}

const FIELDS: [&str; 2] = ["taskRoleArn", "executionRoleArn"];
const MAX_NAME: usize = 64;
const EXPECTED: &str = "Expected arn:aws:iam::<12-digit account id>:role/<optional path/>role-name (arn:aws-cn or arn:aws-us-gov in those partitions), or the role name alone, such as ecsTaskExecutionRole.";

pub fn check(context: &Context, out: &mut Vec<Diagnostic>) {
    for field in FIELDS {
        let Some(node) = context.body.value(field) else {
            continue;
        };
        let Some(value) = node.as_str() else {
            continue;
        };
        // An empty value is left to ECS: whether it means "no role" is not documented.
        if value.is_empty() || is_redacted(value) {
            continue;
        }
        let Err(reason) = validate(value) else {
            continue;
        };
        out.push(
            context
                .diagnostic(&RULE, node.span, &format!("/{field}"), "Role is not valid")
                .with_help(format!("\"{field}\": {reason}. {EXPECTED}")),
        );
    }
}

fn validate(value: &str) -> Result<(), String> {
    let Some(rest) = value.strip_prefix("arn:") else {
        return validate_role(value);
    };
    let parts: Vec<&str> = rest.splitn(5, ':').collect();
    let [partition, service, region, account, resource] = parts[..] else {
        return Err("an ARN has six parts separated by \":\"".into());
    };
    let known_partition = partition == "aws"
        || partition
            .strip_prefix("aws-")
            .is_some_and(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_lowercase() || c == '-'));
    if !known_partition {
        return Err(format!("\"{partition}\" is not an AWS partition"));
    }
    if service != "iam" {
        return Err(format!(
            "this is an ARN of the \"{service}\" service, not of an IAM role"
        ));
    }
    if !region.is_empty() {
        return Err(format!("IAM ARNs have no region, but this one has \"{region}\""));
    }
    if account.len() != 12 || !account.chars().all(|c| c.is_ascii_digit()) {
        return Err(format!("the account id \"{account}\" is not 12 digits"));
    }
    let Some(role) = resource.strip_prefix("role/") else {
        let kind = resource.split('/').next().unwrap_or(resource);
        return Err(format!("this ARN names an IAM \"{kind}\", not a role"));
    };
    validate_role(role)
}

/// A role name, with the optional IAM path in front of it.
fn validate_role(role: &str) -> Result<(), String> {
    let (path, name) = role.rsplit_once('/').unwrap_or(("", role));
    if name.is_empty() {
        return Err("the role name is empty".into());
    }
    if let Some(c) = name
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || "+=,.@_-".contains(*c)))
    {
        let shown = if c == ' ' {
            "a space".to_owned()
        } else {
            format!("\"{c}\"")
        };
        return Err(format!("{shown} is not allowed in the role name \"{name}\""));
    }
    let length = name.chars().count();
    if length > MAX_NAME {
        return Err(format!("the role name is {length} characters long, above {MAX_NAME}"));
    }
    // IAM paths are printable ASCII between slashes.
    if !path.is_empty() && !path.chars().all(|c| c.is_ascii_graphic()) {
        return Err(format!("the role path \"{path}/\" has characters IAM does not allow"));
    }
    if path.split('/').skip(1).any(str::is_empty) {
        return Err(format!("the role path \"{path}/\" has an empty part"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::validate;
    use crate::reference::{BACKEND_TASK, FRONTEND_TASK};
    use crate::rules::taskdef::fixtures::{edited, hits, line_of, VALID};

    const ID: &str = "taskdef/invalid-role-arn";

    fn with_roles(task: &str, execution: &str) -> String {
        edited(
            "\"family\": \"web\",",
            &format!("\"family\": \"web\",\n  \"taskRoleArn\": {task},\n  \"executionRoleArn\": {execution},"),
        )
    }

    #[test]
    fn triggers_on_an_instance_profile_arn() {
        let text = with_roles(
            "\"app-task\"",
            "\"arn:aws:iam::123456789012:instance-profile/ecsInstanceRole\"",
        );
        let found = hits(&text, ID);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].message, "Role is not valid");
        assert_eq!(found[0].line, line_of(&text, "\"executionRoleArn\""));
        assert_eq!(found[0].pointer.as_deref(), Some("/executionRoleArn"));
        assert!(found[0]
            .help
            .as_deref()
            .unwrap()
            .starts_with("\"executionRoleArn\": this ARN names an IAM \"instance-profile\", not a role."));
    }

    #[test]
    fn triggers_on_each_malformed_field() {
        let text = with_roles(
            "\"arn:aws:iam::12345:role/app\"",
            "\"arn:aws:iam:us-east-1:123456789012:role/x\"",
        );
        let found = hits(&text, ID);
        let pointers: Vec<_> = found.iter().map(|d| d.pointer.clone().unwrap()).collect();
        assert_eq!(pointers, ["/taskRoleArn", "/executionRoleArn"]);
        assert!(found[0].help.as_deref().unwrap().contains("\"12345\" is not 12 digits"));
        assert!(found[1].help.as_deref().unwrap().contains("IAM ARNs have no region"));
    }

    #[test]
    fn accepts_arns_names_and_paths() {
        for value in [
            "arn:aws:iam::123456789012:role/ecsTaskExecutionRole",
            "arn:aws-cn:iam::123456789012:role/service-role/app+x=y,z.w@v_u-t",
            "arn:aws-us-gov:iam::123456789012:role/a/b/c",
            "ecsTaskExecutionRole",
            "service-role/app",
        ] {
            assert_eq!(validate(value), Ok(()), "{value}");
        }
        for value in [
            "arn:aws:ecs:us-east-1:123456789012:role/x",
            "arn:azure:iam::123456789012:role/x",
            "arn:aws:iam::123456789012:role/",
            "arn:aws:iam::123456789012:user/bob",
            "arn:aws:iam::123456789012",
            "my role",
            "role:name",
        ] {
            assert!(validate(value).is_err(), "{value}");
        }
        assert!(validate(&"r".repeat(65)).is_err());
        assert!(validate(&"r".repeat(64)).is_ok());
    }

    #[test]
    fn stays_quiet_on_valid_redacted_empty_or_wrongly_typed_roles() {
        assert!(hits(VALID, ID).is_empty());
        assert!(hits(BACKEND_TASK, ID).is_empty());
        assert!(hits(FRONTEND_TASK, ID).is_empty());
        let text = with_roles("\"~~/ecsTaskExecutionRole\"", "\"~~ecsTaskExecutionRole\"");
        assert!(hits(&text, ID).is_empty());
        assert!(hits(&with_roles("\"\"", "7"), ID).is_empty());
        let text = with_roles(
            "\"app-task\"",
            "\"arn:aws:iam::123456789012:role/ecsTaskExecutionRole\"",
        );
        assert!(hits(&text, ID).is_empty());
    }
}
