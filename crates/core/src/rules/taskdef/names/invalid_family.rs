use super::common::{describe_char, is_name_char, is_redacted, name_problem, NameProblem};
use crate::diagnostic::{Diagnostic, Fix, TextEdit};
use crate::rules::declare_rule;
use crate::rules::taskdef::Context;

declare_rule! {
    /// Reports a `family` that ECS does not accept as a name: empty, longer than
    /// 255 characters, or with a character other than letters, numbers,
    /// underscores and hyphens.
    ///
    /// # Why it matters
    /// The family names the task definition and every revision of it. The AWS
    /// CLI sends any string, and ECS answers `Family contains invalid
    /// characters.` or `Family can not be blank.` only when registering.
    ///
    /// # Example
    /// ```json
    /// { "family": "web app.v2", "containerDefinitions": [ ... ] }
    /// ```
    ///
    /// # Fix
    /// Use up to 255 letters, numbers, underscores and hyphens, such as
    /// `web-app-v2`. The quick fix replaces each other character with a hyphen.
    ///
    /// # References
    /// RegisterTaskDefinition, parameter `family` (Amazon ECS API Reference):
    /// "Up to 255 letters (uppercase and lowercase), numbers, underscores, and
    /// hyphens are allowed."
    pub static RULE = {
        id: "taskdef/invalid-family",
        severity: Error,
        summary: "A family name that is empty, too long, or has characters ECS rejects",
    }
}

const MAX: usize = 255;
const ALLOWED: &str = "Up to 255 letters (uppercase and lowercase), numbers, underscores, and hyphens are allowed.";

pub fn check(context: &Context, out: &mut Vec<Diagnostic>) {
    let Some(node) = context.body.value("family") else {
        return;
    };
    let Some(family) = node.as_str() else {
        return;
    };
    if is_redacted(family) {
        return;
    }
    let Some(problem) = name_problem(family, MAX) else {
        return;
    };
    let diagnostic = match problem {
        NameProblem::Empty => context
            .diagnostic(&RULE, node.span, "/family", "Family can not be blank.")
            .with_help(format!("Name the task definition family. {ALLOWED}")),
        NameProblem::InvalidCharacter(c) => {
            let fixed: String = family.chars().map(|c| if is_name_char(c) { c } else { '-' }).collect();
            context
                .diagnostic(&RULE, node.span, "/family", "Family contains invalid characters.")
                .with_help(format!(
                    "{} is not allowed in \"{family}\". {ALLOWED}",
                    describe_char(c)
                ))
                .with_fix(Fix {
                    title: format!("Rename the family to \"{fixed}\""),
                    edits: vec![TextEdit {
                        span: node.span,
                        text: format!("\"{fixed}\""),
                    }],
                    // A new family name starts a new revision history.
                    safe: false,
                })
        }
        NameProblem::TooLong(length) => context
            .diagnostic(
                &RULE,
                node.span,
                "/family",
                format!("Family is {length} characters long; at most {MAX} are allowed."),
            )
            .with_help(ALLOWED),
    };
    out.push(diagnostic);
}

#[cfg(test)]
mod tests {
    use crate::json_edit::apply;
    use crate::reference::{BACKEND_TASK, FRONTEND_TASK};
    use crate::rules::taskdef::fixtures::{edited, hits, line_of, VALID};

    const ID: &str = "taskdef/invalid-family";

    #[test]
    fn triggers_on_invalid_characters_with_a_fix() {
        let text = edited("\"family\": \"web\"", "\"family\": \"web app.v2\"");
        let found = hits(&text, ID);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].message, "Family contains invalid characters.");
        assert_eq!(found[0].line, line_of(&text, "\"family\""));
        assert_eq!(found[0].pointer.as_deref(), Some("/family"));
        assert!(found[0].help.as_deref().unwrap().starts_with("a space is not allowed"));
        let fixed = apply(&text, &found[0].fix.clone().unwrap().edits);
        assert!(fixed.contains("\"family\": \"web-app-v2\""), "{fixed}");
        assert!(hits(&fixed, ID).is_empty());
    }

    #[test]
    fn triggers_on_an_empty_family() {
        let text = edited("\"family\": \"web\"", "\"family\": \"\"");
        let found = hits(&text, ID);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].message, "Family can not be blank.");
        assert_eq!(found[0].line, line_of(&text, "\"family\""));
    }

    #[test]
    fn triggers_above_255_characters() {
        let long = "a".repeat(256);
        let text = edited("\"family\": \"web\"", &format!("\"family\": \"{long}\""));
        let found = hits(&text, ID);
        assert_eq!(
            found[0].message,
            "Family is 256 characters long; at most 255 are allowed."
        );
        let exact = edited("\"family\": \"web\"", &format!("\"family\": \"{}\"", "a".repeat(255)));
        assert!(hits(&exact, ID).is_empty());
    }

    #[test]
    fn stays_quiet_on_valid_redacted_or_wrongly_typed_families() {
        assert!(hits(VALID, ID).is_empty());
        assert!(hits(BACKEND_TASK, ID).is_empty());
        assert!(hits(FRONTEND_TASK, ID).is_empty());
        for family in ["\"Web_App-2\"", "\"~~family\"", "42", "null"] {
            let text = edited("\"family\": \"web\"", &format!("\"family\": {family}"));
            assert!(hits(&text, ID).is_empty(), "{family}");
        }
        assert!(hits(&edited("\"family\": \"web\",", ""), ID).is_empty());
    }
}
