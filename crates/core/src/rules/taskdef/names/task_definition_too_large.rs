use crate::diagnostic::{Diagnostic, Span};
use crate::json_tree::Node;
use crate::rules::declare_rule;
use crate::rules::taskdef::read_only_field::is_read_only;
use crate::rules::taskdef::Context;

declare_rule! {
    /// Reports a task definition larger than 64 KiB (65,536 bytes), counted as
    /// the JSON without whitespace and without the fields only describe output
    /// has.
    ///
    /// # Why it matters
    /// ECS rejects the registration with `Actual length: '...'. Max allowed
    /// length is '65536' bytes.` The limit is a fixed service quota. Long
    /// environment lists, inline scripts in `command` and many `secrets` reach
    /// it, and indentation in the file does not count, so the file can look
    /// larger or smaller than what ECS measures.
    ///
    /// # Example
    /// ```json
    /// "environment": [ { "name": "CONFIG_0001", "value": "..." }, ... 900 more ... ]
    /// ```
    ///
    /// # Fix
    /// Move bulk configuration out of the task definition: an S3 file in
    /// `environmentFiles`, a Secrets Manager secret or Parameter Store
    /// parameter in `secrets`, or configuration the application reads itself.
    ///
    /// # References
    /// Amazon ECS service quotas (Amazon ECS Developer Guide): "Task definition
    /// size limit", 64 KiB, not adjustable. The message is ECS's
    /// RegisterTaskDefinition error.
    pub static RULE = {
        id: "taskdef/task-definition-too-large",
        severity: Error,
        summary: "A task definition over the 64 KiB size limit",
    }
}

const MAX: usize = 65_536;

pub fn check(context: &Context, out: &mut Vec<Diagnostic>) {
    let size = register_size(context.source.text, context.body);
    if size <= MAX {
        return;
    }
    // The whole body is the culprit; underline only its opening brace.
    let start = context.body.span.start;
    let span = Span::new(start, (start + 1).min(context.body.span.end));
    out.push(
        context
            .diagnostic(
                &RULE,
                span,
                "",
                format!("Actual length: '{size}'. Max allowed length is '{MAX}' bytes."),
            )
            .with_help(format!(
                "The task definition is {size} bytes without whitespace, {} over the 64 KiB limit. Move large environment lists to environmentFiles or secrets.",
                size - MAX
            )),
    );
}

/// Bytes of the body as registering sends it: whitespace outside strings and
/// describe-only fields do not count.
fn register_size(text: &str, body: &Node) -> usize {
    let slice = |span: Span| text.get(span.start..span.end).map_or(0, minified_len);
    let props: Vec<_> = body.props().iter().filter(|p| !is_read_only(&p.key)).collect();
    let members: usize = props.iter().map(|p| slice(p.key_span) + 1 + slice(p.value.span)).sum();
    2 + members + props.len().saturating_sub(1)
}

fn minified_len(json: &str) -> usize {
    let mut length = 0;
    let mut in_string = false;
    let mut escaped = false;
    for c in json.chars() {
        if in_string {
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                in_string = false;
            }
        } else if c == '"' {
            in_string = true;
        } else if c.is_whitespace() {
            continue;
        }
        length += c.len_utf8();
    }
    length
}

#[cfg(test)]
mod tests {
    use super::minified_len;
    use crate::reference::{BACKEND_TASK, FRONTEND_TASK};
    use crate::rules::taskdef::fixtures::{edited, hits, VALID};

    const ID: &str = "taskdef/task-definition-too-large";

    /// `VALID` with `count` environment variables, each `indent` spaces deep.
    fn with_environment(count: usize, indent: usize) -> String {
        let pad = " ".repeat(indent);
        let variables: Vec<String> = (0..count)
            .map(|i| {
                format!(
                    "{pad}{{ \"name\": \"VARIABLE_{i:05}\", \"value\": \"{}\" }}",
                    "v".repeat(60)
                )
            })
            .collect();
        edited(
            "\"essential\": true,",
            &format!(
                "\"essential\": true,\n      \"environment\": [\n{}\n      ],",
                variables.join(",\n")
            ),
        )
    }

    #[test]
    fn triggers_above_64_kib() {
        let text = with_environment(800, 8);
        let found = hits(&text, ID);
        assert_eq!(found.len(), 1);
        assert!(found[0].message.starts_with("Actual length: '"), "{}", found[0].message);
        assert!(found[0].message.ends_with("'. Max allowed length is '65536' bytes."));
        assert_eq!(found[0].line, 1);
        assert_eq!(found[0].pointer.as_deref(), Some(""));
        let inner = format!("{{\"taskDefinition\": {text}}}");
        assert_eq!(hits(&inner, ID)[0].pointer.as_deref(), Some("/taskDefinition"));
    }

    #[test]
    fn counts_what_is_sent_not_the_indentation() {
        // About 70 KB on disk, but under 64 KiB without the indentation.
        let text = with_environment(600, 30);
        assert!(text.len() > 70_000, "{}", text.len());
        assert!(hits(&text, ID).is_empty());
        assert!(hits(VALID, ID).is_empty());
        assert!(hits(BACKEND_TASK, ID).is_empty());
        assert!(hits(FRONTEND_TASK, ID).is_empty());
    }

    #[test]
    fn minifies_outside_strings_only() {
        assert_eq!(
            minified_len("{ \"a b\" : [ 1 , \"\\\" x\" ] }"),
            "{\"a b\":[1,\"\\\" x\"]}".len()
        );
    }
}
