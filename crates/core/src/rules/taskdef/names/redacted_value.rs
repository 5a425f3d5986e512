use super::common::{is_redacted, REDACTION};
use crate::diagnostic::Diagnostic;
use crate::json_spans::escape;
use crate::json_tree::{Node, NodeKind};
use crate::rules::declare_rule;
use crate::rules::taskdef::read_only_field::is_read_only;
use crate::rules::taskdef::Context;

declare_rule! {
    /// Reports a string value containing `~~`, the mark left where an account
    /// id, registry host or role was cut out of a task definition before
    /// sharing it, as in `"image": "~~/backend-nginx:latest"`.
    ///
    /// # Why it matters
    /// A redacted file is fine to read and discuss, but registering it would
    /// point containers at an image that does not exist and roles that cannot
    /// be found, so it is an error. One diagnostic per value says so, instead of one for
    /// each rule the shortened value breaks: the image and role rules skip
    /// redacted values. Describe-only fields such as `taskDefinitionArn` are
    /// left out, since they are removed before registering anyway.
    ///
    /// # Example
    /// ```json
    /// "executionRoleArn": "~~ecsTaskExecutionRole"
    /// ```
    ///
    /// # Fix
    /// Put the real value back, for example
    /// `arn:aws:iam::123456789012:role/ecsTaskExecutionRole`, or the registry
    /// host of the image, before registering.
    pub static RULE = {
        id: "taskdef/redacted-value",
        severity: Error,
        summary: "A value with the ~~ redaction mark, to restore before registering",
    }
}

pub fn check(context: &Context, out: &mut Vec<Diagnostic>) {
    for prop in context.body.props() {
        if is_read_only(&prop.key) {
            continue;
        }
        visit(context, &prop.value, &format!("/{}", escape(&prop.key)), out);
    }
}

/// Says what the value fails to be, where the field tells.
fn message(pointer: &str) -> String {
    let field = pointer.rsplit('/').next().unwrap_or_default();
    let what = match field {
        "image" => "This image is not a valid image reference: it looks redacted",
        "taskRoleArn" | "executionRoleArn" => "This role is not a valid IAM role ARN: it looks redacted",
        _ => "This value looks redacted",
    };
    format!("{what} (\"{REDACTION}\"); restore the real value before applying")
}

fn visit(context: &Context, node: &Node, pointer: &str, out: &mut Vec<Diagnostic>) {
    match &node.kind {
        NodeKind::String(text) if is_redacted(text) => out.push(
            context
                .diagnostic(&RULE, node.span, pointer, message(pointer))
                .with_help("\"~~\" marks text cut out of the file before it was shared. ECS would take it literally."),
        ),
        NodeKind::Object(props) => {
            for prop in props {
                visit(context, &prop.value, &format!("{pointer}/{}", escape(&prop.key)), out);
            }
        }
        NodeKind::Array(items) => {
            for (index, item) in items.iter().enumerate() {
                visit(context, item, &format!("{pointer}/{index}"), out);
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use crate::reference::{BACKEND_TASK, FRONTEND_TASK};
    use crate::rules::taskdef::fixtures::{edited, hits, line_of, VALID};

    const ID: &str = "taskdef/redacted-value";

    #[test]
    fn triggers_once_per_redacted_value_of_the_seeds() {
        let found = hits(BACKEND_TASK, ID);
        let pointers: Vec<_> = found.iter().map(|d| d.pointer.clone().unwrap()).collect();
        assert_eq!(
            pointers,
            [
                "/containerDefinitions/0/image",
                "/containerDefinitions/1/image",
                "/taskRoleArn",
                "/executionRoleArn"
            ]
        );
        let messages: Vec<_> = found.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(
            messages,
            [
                "This image is not a valid image reference: it looks redacted (\"~~\"); restore the real value before applying",
                "This image is not a valid image reference: it looks redacted (\"~~\"); restore the real value before applying",
                "This role is not a valid IAM role ARN: it looks redacted (\"~~\"); restore the real value before applying",
                "This role is not a valid IAM role ARN: it looks redacted (\"~~\"); restore the real value before applying",
            ]
        );
        assert!(found.iter().all(|d| d.severity == crate::Severity::Error));
        assert_eq!(found[1].line, line_of(BACKEND_TASK, "~~/backend-nginx:latest"));
        assert_eq!(found[3].line, line_of(BACKEND_TASK, "\"executionRoleArn\""));
        assert_eq!(hits(FRONTEND_TASK, ID).len(), 4);
    }

    #[test]
    fn the_redacted_values_get_no_syntax_errors() {
        for rule in ["taskdef/invalid-image", "taskdef/invalid-role-arn"] {
            assert!(hits(BACKEND_TASK, rule).is_empty(), "{rule}");
            assert!(hits(FRONTEND_TASK, rule).is_empty(), "{rule}");
        }
    }

    #[test]
    fn triggers_at_any_depth_with_an_escaped_pointer() {
        let text = edited(
            "\"essential\": true,",
            "\"essential\": true, \"dockerLabels\": {\"a/b\": \"x~~y\"},",
        );
        let found = hits(&text, ID);
        assert_eq!(found.len(), 1);
        assert_eq!(
            found[0].pointer.as_deref(),
            Some("/containerDefinitions/0/dockerLabels/a~1b")
        );
        assert_eq!(found[0].line, line_of(&text, "x~~y"));
    }

    #[test]
    fn stays_quiet_on_plain_values_and_describe_only_fields() {
        assert!(hits(VALID, ID).is_empty());
        let text = edited(
            "\"family\": \"web\",",
            "\"family\": \"web\", \"registeredBy\": \"~~\", \"taskDefinitionArn\": \"~~web:3\", \"tags\": [{\"key\": \"a~b\", \"value\": \"~\"}],",
        );
        assert!(hits(&text, ID).is_empty());
    }
}
