use super::common::{label, quoted};
use crate::diagnostic::{Diagnostic, Fix, Span, TextEdit};
use crate::json_tree::{Node, NodeKind};
use crate::rules::declare_rule;
use crate::rules::taskdef::Context;

declare_rule! {
    /// Reports a container `healthCheck` that ECS cannot run as written:
    ///
    /// - a `command` that does not start with `CMD` (run the arguments
    ///   directly) or `CMD-SHELL` (run one string with the container's shell).
    ///   `["NONE"]`, Docker's way to switch off an image's own check, is
    ///   accepted.
    /// - an `interval` outside 5–300 seconds, a `timeout` outside 2–60
    ///   seconds, `retries` outside 1–10, or a `startPeriod` outside 0–300
    ///   seconds.
    ///
    /// # Why it matters
    /// The API model types these fields as plain integers and strings, so the
    /// AWS CLI passes them on; the bounds and the command form are ECS's and
    /// Docker's, and a check that cannot run never reports the container
    /// healthy.
    ///
    /// # Example
    /// ```json
    /// "healthCheck": { "command": ["curl -f http://localhost/ || exit 1"], "interval": 3 }
    /// ```
    /// The command lacks `CMD-SHELL` and 3 seconds is below the minimum
    /// interval.
    ///
    /// # Fix
    /// Start the command with `"CMD-SHELL"` for a shell command line, or
    /// `"CMD"` followed by the program and its arguments; bring the timings
    /// within the bounds. The quick fixes add `CMD-SHELL`, correct the case
    /// of `cmd-shell`, or move a value to the nearest bound.
    ///
    /// # References
    /// HealthCheck (Amazon ECS API Reference): "The string array must start
    /// with CMD to run the command arguments directly, or CMD-SHELL to run the
    /// command with the container's default shell"; interval "between 5 and
    /// 300 seconds", timeout "between 2 and 60 seconds", retries "between 1
    /// and 10 retries", startPeriod "between 0 and 300 seconds".
    pub static RULE = {
        id: "taskdef/invalid-health-check",
        severity: Error,
        summary: "A health check whose command form or timings ECS does not accept",
    }
}

/// Each timing field with its bounds and unit, from the HealthCheck reference.
const BOUNDS: [(&str, i64, i64, &str); 4] = [
    ("interval", 5, 300, "seconds"),
    ("timeout", 2, 60, "seconds"),
    ("retries", 1, 10, "retries"),
    ("startPeriod", 0, 300, "seconds"),
];

pub fn check(context: &Context, out: &mut Vec<Diagnostic>) {
    for (index, container) in context.containers() {
        let Some(health) = container.value("healthCheck").filter(|h| h.is_object()) else {
            continue;
        };
        let base = format!("/containerDefinitions/{index}/healthCheck");
        if let Some(command) = health.value("command") {
            if let Some(diagnostic) = command_problem(context, command, &base, &label(container, index)) {
                out.push(diagnostic);
            }
        }
        for (field, min, max, unit) in BOUNDS {
            let Some(node) = health.value(field) else {
                continue;
            };
            let Some(value) = node.as_i64() else {
                continue;
            };
            if (min..=max).contains(&value) {
                continue;
            }
            let nearest = value.clamp(min, max);
            let shown = if unit == "seconds" {
                format!("{value} seconds")
            } else {
                value.to_string()
            };
            out.push(
                context
                    .diagnostic(
                        &RULE,
                        node.span,
                        &format!("{base}/{field}"),
                        format!(
                            "healthCheck {field} of {shown} is out of range: you may specify between {min} and {max} {unit}"
                        ),
                    )
                    .with_fix(Fix {
                        title: format!("Set {field} to {nearest}"),
                        edits: vec![TextEdit {
                            span: node.span,
                            text: nearest.to_string(),
                        }],
                        safe: false,
                    }),
            );
        }
    }
}

fn command_problem(context: &Context, command: &Node, base: &str, container: &str) -> Option<Diagnostic> {
    let NodeKind::Array(items) = &command.kind else {
        return None;
    };
    let pointer = format!("{base}/command");
    let Some(first) = items.first() else {
        return Some(
            context
                .diagnostic(
                    &RULE,
                    command.span,
                    &pointer,
                    "The health check command must start with \"CMD\" or \"CMD-SHELL\"",
                )
                .with_help(format!(
                    "Container {container} has an empty health check command. Use [\"CMD-SHELL\", \"<command line>\"], \
                     or remove the healthCheck."
                )),
        );
    };
    let word = first.as_str()?;
    if word == "CMD" || word == "CMD-SHELL" || (word == "NONE" && items.len() == 1) {
        return None;
    }
    let pointer = format!("{pointer}/0");
    let message = format!(
        "The health check command must start with \"CMD\" or \"CMD-SHELL\", not {}",
        quoted(word)
    );
    let diagnostic = context.diagnostic(&RULE, first.span, &pointer, message);
    let known = ["CMD", "CMD-SHELL", "NONE"]
        .into_iter()
        .find(|k| k.eq_ignore_ascii_case(word));
    Some(match known {
        Some(keyword) => diagnostic
            .with_help(format!("Docker only recognises \"{keyword}\" in upper case."))
            .with_fix(Fix {
                title: format!("Change to \"{keyword}\""),
                edits: vec![TextEdit {
                    span: first.span,
                    text: quoted(keyword),
                }],
                safe: true,
            }),
        None => {
            // One string is a shell command line; several are a program and its arguments.
            let keyword = if items.len() == 1 { "CMD-SHELL" } else { "CMD" };
            diagnostic
                .with_help(
                    "Without the keyword Docker cannot tell how to run the check. \"CMD-SHELL\" runs one command \
                     line with the container's shell (e.g. [\"CMD-SHELL\", \"curl -f http://localhost/ || exit \
                     1\"]); \"CMD\" runs a program with its arguments.",
                )
                .with_fix(Fix {
                    title: format!("Start the command with \"{keyword}\""),
                    edits: vec![TextEdit {
                        span: Span::new(first.span.start, first.span.start),
                        text: format!("\"{keyword}\", "),
                    }],
                    safe: false,
                })
        }
    })
}

#[cfg(test)]
mod tests {
    use crate::reference::{BACKEND_TASK, FRONTEND_TASK};
    use crate::rules::taskdef::fixtures::{edited, hits, line_of, VALID};

    const ID: &str = "taskdef/invalid-health-check";

    fn with_health_check(check: &str) -> String {
        edited(
            "\"essential\": true,",
            &format!("\"essential\": true,\n      \"healthCheck\": {check},"),
        )
    }

    #[test]
    fn triggers_on_a_command_without_cmd_shell_and_fixes_it() {
        let text = with_health_check(r#"{ "command": ["curl -f http://localhost:8080/ || exit 1"] }"#);
        let found = hits(&text, ID);
        assert_eq!(found.len(), 1);
        assert_eq!(
            found[0].message,
            "The health check command must start with \"CMD\" or \"CMD-SHELL\", not \"curl -f http://localhost:8080/ || exit 1\""
        );
        assert_eq!(found[0].line, line_of(&text, "\"healthCheck\""));
        assert_eq!(
            found[0].pointer.as_deref(),
            Some("/containerDefinitions/0/healthCheck/command/0")
        );
        let fixed = crate::json_edit::apply(&text, &found[0].fix.clone().unwrap().edits);
        assert!(fixed.contains(r#"["CMD-SHELL", "curl -f"#));
        assert!(hits(&fixed, ID).is_empty());
    }

    #[test]
    fn corrects_the_case_of_the_keyword() {
        let text = with_health_check(r#"{ "command": ["cmd-shell", "true"] }"#);
        let found = hits(&text, ID);
        assert_eq!(found.len(), 1);
        let fix = found[0].fix.clone().unwrap();
        assert!(fix.safe);
        assert!(hits(&crate::json_edit::apply(&text, &fix.edits), ID).is_empty());
    }

    #[test]
    fn triggers_on_each_timing_out_of_bounds() {
        let text = with_health_check(
            r#"{ "command": ["CMD", "true"], "interval": 3, "timeout": 61, "retries": 0, "startPeriod": 301 }"#,
        );
        let found = hits(&text, ID);
        let messages: Vec<_> = found.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(
            messages,
            [
                "healthCheck interval of 3 seconds is out of range: you may specify between 5 and 300 seconds",
                "healthCheck timeout of 61 seconds is out of range: you may specify between 2 and 60 seconds",
                "healthCheck retries of 0 is out of range: you may specify between 1 and 10 retries",
                "healthCheck startPeriod of 301 seconds is out of range: you may specify between 0 and 300 seconds",
            ]
        );
        assert_eq!(
            found[0].pointer.as_deref(),
            Some("/containerDefinitions/0/healthCheck/interval")
        );
        let fixed = crate::json_edit::apply(&text, &found[0].fix.clone().unwrap().edits);
        assert!(fixed.contains("\"interval\": 5"));
    }

    #[test]
    fn triggers_on_an_empty_command() {
        let found = hits(&with_health_check(r#"{ "command": [] }"#), ID);
        assert_eq!(found.len(), 1);
        assert_eq!(
            found[0].message,
            "The health check command must start with \"CMD\" or \"CMD-SHELL\""
        );
    }

    #[test]
    fn stays_quiet_on_valid_or_unreadable_checks() {
        for text in [VALID, BACKEND_TASK, FRONTEND_TASK] {
            assert!(hits(text, ID).is_empty());
        }
        for check in [
            r#"{ "command": ["CMD-SHELL", "curl -f http://localhost/ || exit 1"], "interval": 30, "timeout": 5, "retries": 3, "startPeriod": 0 }"#,
            r#"{ "command": ["CMD", "/bin/healthcheck"], "interval": 5, "timeout": 2, "retries": 10, "startPeriod": 300 }"#,
            r#"{ "command": ["NONE"] }"#,
            r#"{ "command": "CMD-SHELL true", "interval": "3" }"#,
            r#"{ "command": [7] }"#,
            r#""CMD-SHELL true""#,
        ] {
            assert!(hits(&with_health_check(check), ID).is_empty(), "{check}");
        }
    }
}
