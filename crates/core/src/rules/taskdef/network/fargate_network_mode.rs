use crate::diagnostic::{Diagnostic, Fix, Span, TextEdit};
use crate::json_tree::NodeKind;
use crate::rules::declare_rule;
use crate::rules::taskdef::sizing::is_fargate;
use crate::rules::taskdef::Context;

declare_rule! {
    /// Reports a Fargate task definition (one whose `requiresCompatibilities`
    /// lists `FARGATE`) whose `networkMode` is not `awsvpc`, or is missing:
    /// without it ECS assumes `bridge`.
    ///
    /// # Why it matters
    /// Fargate gives every task its own network interface and supports no
    /// other mode, so ECS refuses the registration with `Fargate only supports
    /// network mode ‘awsvpc’.`
    ///
    /// # Example
    /// ```json
    /// { "requiresCompatibilities": ["FARGATE"], "networkMode": "bridge" }
    /// ```
    ///
    /// # Fix
    /// Set `"networkMode": "awsvpc"`. Then drop `hostPort` or make it equal
    /// `containerPort`, and remove `links`: containers of an awsvpc task reach
    /// each other on `localhost`.
    ///
    /// # References
    /// `networkMode` in RegisterTaskDefinition (Amazon ECS API Reference):
    /// "For Amazon ECS tasks on Fargate, the awsvpc network mode is required."
    pub static RULE = {
        id: "taskdef/fargate-network-mode",
        severity: Error,
        summary: "A Fargate task whose networkMode is not awsvpc",
    }
}

const MESSAGE: &str = "Fargate only supports network mode ‘awsvpc’.";

pub fn check(context: &Context, out: &mut Vec<Diagnostic>) {
    let body = context.body;
    if !is_fargate(body) {
        return;
    }
    let fix_title = "Set \"networkMode\" to \"awsvpc\"".to_owned();
    match body.value("networkMode") {
        Some(node) => {
            // Other types are the schema rules' to report.
            let NodeKind::String(mode) = &node.kind else {
                return;
            };
            if mode == "awsvpc" {
                return;
            }
            out.push(
                context
                    .diagnostic(&RULE, node.span, "/networkMode", MESSAGE)
                    .with_help(format!("\"{mode}\" is for tasks on EC2 instances; Fargate tasks always get their own network interface."))
                    .with_fix(Fix {
                        title: fix_title,
                        edits: vec![TextEdit {
                            span: node.span,
                            text: "\"awsvpc\"".into(),
                        }],
                        safe: false,
                    }),
            );
        }
        None => {
            let Some(compatibilities) = body.value("requiresCompatibilities") else {
                return;
            };
            let fargate = compatibilities
                .items()
                .iter()
                .find(|c| c.as_str() == Some("FARGATE"))
                .map_or(compatibilities.span, |c| c.span);
            let mut diagnostic = context
                .diagnostic(&RULE, fargate, "/requiresCompatibilities", MESSAGE)
                .with_help("Without \"networkMode\" ECS assumes \"bridge\", which Fargate does not offer.");
            if let Some(edit) = insert_first(context, "\"networkMode\": \"awsvpc\",") {
                diagnostic = diagnostic.with_fix(Fix {
                    title: "Add \"networkMode\": \"awsvpc\"".into(),
                    edits: vec![edit],
                    safe: false,
                });
            }
            out.push(diagnostic);
        }
    }
}

/// Inserts `property` before the body's first property, on its own line
/// when the object is laid out one property per line.
fn insert_first(context: &Context, property: &str) -> Option<TextEdit> {
    let first = context.body.props().first()?;
    let start = first.key_span.start;
    let text = context.source.text;
    let before = text.get(context.body.span.start + 1..start)?;
    // The layout between `{` and the first key separates the new property too;
    // comments or nothing there get a single space.
    let separator = if !before.is_empty() && before.trim().is_empty() {
        before
    } else {
        " "
    };
    Some(TextEdit {
        span: Span::new(start, start),
        text: format!("{property}{separator}"),
    })
}

#[cfg(test)]
mod tests {
    use crate::json_edit::apply;
    use crate::reference::{BACKEND_TASK, FRONTEND_TASK};
    use crate::rules::taskdef::fixtures::{edited, hits, line_of, VALID};

    const ID: &str = "taskdef/fargate-network-mode";

    fn fargate(mode: &str) -> String {
        edited(
            "\"networkMode\": \"bridge\",",
            &format!("{mode}\n  \"requiresCompatibilities\": [\"FARGATE\"],"),
        )
    }

    #[test]
    fn triggers_on_bridge_with_a_fix_to_awsvpc() {
        let text = fargate("\"networkMode\": \"bridge\",");
        let found = hits(&text, ID);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].message, "Fargate only supports network mode ‘awsvpc’.");
        assert_eq!(found[0].line, line_of(&text, "\"networkMode\""));
        assert_eq!(found[0].pointer.as_deref(), Some("/networkMode"));
        let fixed = apply(&text, &found[0].fix.clone().unwrap().edits);
        assert!(fixed.contains("\"networkMode\": \"awsvpc\","));
        assert!(hits(&fixed, ID).is_empty());
    }

    #[test]
    fn triggers_on_a_missing_mode_at_fargate_with_an_insert() {
        let text = fargate("");
        let found = hits(&text, ID);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].line, line_of(&text, "\"FARGATE\""));
        assert_eq!(found[0].pointer.as_deref(), Some("/requiresCompatibilities"));
        let fixed = apply(&text, &found[0].fix.clone().unwrap().edits);
        assert!(fixed.starts_with("{\n  \"networkMode\": \"awsvpc\",\n  \"family\": \"web\","));
        assert!(crate::json_tree::parse(&fixed).error.is_none());
        assert!(hits(&fixed, ID).is_empty());
    }

    #[test]
    fn stays_quiet_on_awsvpc_ec2_and_the_seeds() {
        assert!(hits(&fargate("\"networkMode\": \"awsvpc\","), ID).is_empty());
        assert!(hits(VALID, ID).is_empty());
        assert!(hits(BACKEND_TASK, ID).is_empty());
        assert!(hits(FRONTEND_TASK, ID).is_empty());
        assert!(hits(&fargate("\"networkMode\": 7,"), ID).is_empty());
    }
}
