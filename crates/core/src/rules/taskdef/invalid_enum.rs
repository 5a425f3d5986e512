use super::Context;
use crate::diagnostic::{Diagnostic, Fix, TextEdit};
use crate::json_tree::Node;
use crate::rules::declare_rule;
use crate::suggest::closest;
use crate::taskdef::schema::walk::Place;

declare_rule! {
    /// Reports a value outside its field's fixed set, as the API model lists
    /// it: a `networkMode` of `bridged`, a `protocol` of `TCP`, a log driver of
    /// `cloudwatch`.
    ///
    /// # Why it matters
    /// The CLI passes such a value through and ECS rejects the registration
    /// with a `ClientException`; the list of valid values is not in that error.
    ///
    /// # Example
    /// ```json
    /// { "networkMode": "Bridge" }
    /// ```
    ///
    /// # Fix
    /// Use one of the listed values, exactly as spelled (they are case-sensitive).
    pub static RULE = {
        id: "taskdef/invalid-enum",
        severity: Error,
        summary: "A value outside the field's allowed set",
    }
}

pub fn diagnostic(context: &Context, node: &Node, value: &str, allowed: &[&str], place: &Place) -> Diagnostic {
    let message = format!(
        "Invalid value \"{value}\" for {}; valid values: {}",
        place.display(),
        allowed.join(", ")
    );
    let diagnostic = context.diagnostic(&RULE, node.span, &place.pointer, message);
    let same_but_case = allowed.iter().find(|a| a.eq_ignore_ascii_case(value));
    let suggestion = same_but_case
        .copied()
        .or_else(|| closest(value, allowed.iter().copied()));
    match suggestion {
        Some(name) => diagnostic.with_help(format!("Did you mean \"{name}\"?")).with_fix(Fix {
            title: format!("Use \"{name}\""),
            edits: vec![TextEdit {
                span: node.span,
                text: format!("\"{name}\""),
            }],
            safe: same_but_case.is_some(),
        }),
        None => diagnostic,
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::taskdef::fixtures::{edited, hits, line_of, VALID};

    #[test]
    fn triggers_on_a_wrong_case_with_a_safe_fix() {
        let text = edited("\"protocol\": \"tcp\"", "\"protocol\": \"TCP\"");
        let found = hits(&text, "taskdef/invalid-enum");
        assert_eq!(found.len(), 1);
        assert_eq!(
            found[0].message,
            "Invalid value \"TCP\" for containerDefinitions[0].portMappings[0].protocol; valid values: tcp, udp"
        );
        assert!(found[0].fix.as_ref().unwrap().safe);
        assert_eq!(
            crate::json_edit::apply(&text, &found[0].fix.clone().unwrap().edits),
            VALID
        );
        assert_eq!(found[0].line, line_of(&text, "TCP"));
    }

    #[test]
    fn triggers_on_a_near_miss_with_a_suggestion_only() {
        let text = edited("\"networkMode\": \"bridge\"", "\"networkMode\": \"bridged\"");
        let found = hits(&text, "taskdef/invalid-enum");
        assert_eq!(found[0].help.as_deref(), Some("Did you mean \"bridge\"?"));
        assert!(!found[0].fix.as_ref().unwrap().safe);
    }

    #[test]
    fn stays_quiet_on_valid_values() {
        assert!(hits(VALID, "taskdef/invalid-enum").is_empty());
        assert!(hits(crate::reference::BACKEND_TASK, "taskdef/invalid-enum").is_empty());
    }
}
