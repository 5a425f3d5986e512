use super::Context;
use crate::diagnostic::{Diagnostic, Span};
use crate::json_tree::Node;
use crate::rules::declare_rule;
use crate::taskdef::schema::walk::Place;

declare_rule! {
    /// Reports a required field that is absent, with the AWS CLI's exact
    /// `Missing required parameter` message: `family` and `containerDefinitions`
    /// at the top, and the required members of nested objects (a volume's
    /// `name`, a health check's `command`, a secret's `valueFrom`, …).
    ///
    /// # Why it matters
    /// The CLI refuses the file; nothing is registered.
    ///
    /// # Example
    /// ```json
    /// { "containerDefinitions": [ ... ] }
    /// ```
    /// has no `family`.
    ///
    /// # Fix
    /// Add the field the message names.
    pub static RULE = {
        id: "taskdef/missing-required",
        severity: Error,
        summary: "A required field is missing",
    }
}

pub fn diagnostic(context: &Context, object: &Node, name: &str, place: &Place) -> Diagnostic {
    let message = format!("Missing required parameter in {}: \"{name}\"", place.display());
    // The opening brace: the object that lacks the field.
    let span = Span::new(object.span.start, object.span.start + 1);
    context.diagnostic(&RULE, span, &place.pointer, message)
}

#[cfg(test)]
mod tests {
    use crate::rules::taskdef::fixtures::{edited, hits, line_of, VALID};

    #[test]
    fn triggers_on_a_missing_family() {
        let text = edited("\"family\": \"web\",", "");
        let found = hits(&text, "taskdef/missing-required");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].message, "Missing required parameter in input: \"family\"");
        assert_eq!(found[0].line, 1);
    }

    #[test]
    fn triggers_on_a_nested_missing_member() {
        let text = edited(
            "\"essential\": true,",
            "\"essential\": true,\n      \"healthCheck\": { \"interval\": 30 },",
        );
        let found = hits(&text, "taskdef/missing-required");
        assert_eq!(found.len(), 1);
        assert_eq!(
            found[0].message,
            "Missing required parameter in containerDefinitions[0].healthCheck: \"command\""
        );
        assert_eq!(found[0].line, line_of(&text, "healthCheck"));
    }

    #[test]
    fn stays_quiet_when_everything_required_is_there() {
        assert!(hits(VALID, "taskdef/missing-required").is_empty());
    }
}
