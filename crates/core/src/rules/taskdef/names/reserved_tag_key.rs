use crate::diagnostic::Diagnostic;
use crate::rules::declare_rule;
use crate::rules::taskdef::Context;

declare_rule! {
    /// Reports a tag `key` that starts with `aws:`, in any mix of upper and
    /// lower case. The prefix is reserved for tags AWS itself applies.
    ///
    /// # Why it matters
    /// ECS rejects tags with the reserved prefix. Such keys usually arrive by
    /// copying the tags of a resource that CloudFormation or another AWS
    /// service created, where `aws:cloudformation:stack-name` and the like are
    /// added automatically.
    ///
    /// # Example
    /// ```json
    /// "tags": [{ "key": "aws:cloudformation:stack-name", "value": "web" }]
    /// ```
    ///
    /// # Fix
    /// Remove the tag (AWS adds its own tags itself), or use a key of your own,
    /// such as `stack-name`.
    ///
    /// # References
    /// RegisterTaskDefinition, parameter `tags` (Amazon ECS API Reference):
    /// "Do not use aws:, AWS:, or any upper or lowercase combination of such as
    /// a prefix for either keys or values as it is reserved for Amazon Web
    /// Services use."
    pub static RULE = {
        id: "taskdef/reserved-tag-key",
        severity: Error,
        summary: "A tag key with the reserved aws: prefix",
    }
}

const PREFIX: &str = "aws:";

pub fn check(context: &Context, out: &mut Vec<Diagnostic>) {
    let tags = context.body.value("tags").map_or(&[][..], |t| t.items());
    for (index, tag) in tags.iter().enumerate() {
        let Some(node) = tag.value("key") else {
            continue;
        };
        let Some(key) = node.as_str() else {
            continue;
        };
        let reserved = key
            .get(..PREFIX.len())
            .is_some_and(|start| start.eq_ignore_ascii_case(PREFIX));
        if !reserved {
            continue;
        }
        let prefix = &key[..PREFIX.len()];
        out.push(
            context
                .diagnostic(
                    &RULE,
                    node.span,
                    &format!("/tags/{index}/key"),
                    format!("The tag key \"{key}\" starts with \"{prefix}\", a prefix reserved for AWS use."),
                )
                .with_help(
                    "Tag keys starting with aws: in any case are reserved for AWS. Remove this tag or rename its key.",
                ),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::reference::{BACKEND_TASK, FRONTEND_TASK};
    use crate::rules::taskdef::fixtures::{edited, hits, line_of, VALID};

    const ID: &str = "taskdef/reserved-tag-key";

    fn with_key(key: &str) -> String {
        edited(
            "\"family\": \"web\",",
            &format!("\"family\": \"web\",\n  \"tags\": [{{ \"key\": {key}, \"value\": \"aws:x\" }}],"),
        )
    }

    #[test]
    fn triggers_on_the_prefix_in_any_case() {
        let text = with_key("\"aws:cloudformation:stack-name\"");
        let found = hits(&text, ID);
        assert_eq!(found.len(), 1);
        assert_eq!(
            found[0].message,
            "The tag key \"aws:cloudformation:stack-name\" starts with \"aws:\", a prefix reserved for AWS use."
        );
        assert_eq!(found[0].line, line_of(&text, "aws:cloudformation"));
        assert_eq!(found[0].pointer.as_deref(), Some("/tags/0/key"));
        let found = hits(&with_key("\"AwS:team\""), ID);
        assert!(found[0].message.contains("starts with \"AwS:\""));
    }

    #[test]
    fn stays_quiet_on_other_keys() {
        assert!(hits(VALID, ID).is_empty());
        assert!(hits(BACKEND_TASK, ID).is_empty());
        assert!(hits(FRONTEND_TASK, ID).is_empty());
        for key in ["\"aws\"", "\"aws-team\"", "\"my:aws:x\"", "\"é:\"", "\"\"", "5"] {
            assert!(hits(&with_key(key), ID).is_empty(), "{key}");
        }
    }
}
