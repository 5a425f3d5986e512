use super::Context;
use crate::diagnostic::Diagnostic;
use crate::json_edit::removal_fix;
use crate::json_tree::Node;
use crate::rules::declare_rule;
use crate::taskdef::schema::walk::Place;
use crate::taskdef::schema::Shape;

declare_rule! {
    /// Reports a `null` value. The AWS CLI rejects it with `Invalid type for
    /// parameter …, value: None`; leaving the field out is how the API spells
    /// "not set".
    ///
    /// # Why it matters
    /// Tools that export task definitions (Terraform state, some SDK dumps) write
    /// `null` for unset fields; registering such a file fails.
    ///
    /// # Example
    /// ```json
    /// { "name": "app", "image": "nginx:1.25", "healthCheck": null }
    /// ```
    ///
    /// # Fix
    /// Remove the field; the quick fix does.
    pub static RULE = {
        id: "taskdef/null-value",
        severity: Error,
        summary: "A null value, which the API rejects; leave the field out instead",
    }
}

fn message(shape: &Shape, place: &Place) -> String {
    format!(
        "Invalid type for parameter {}, value: None, type: <class 'NoneType'>, valid types: {}",
        place.display(),
        shape.python_types()
    )
}

/// A null item of a list (no fix: removing it would shift the others).
pub fn diagnostic(context: &Context, node: &Node, shape: &Shape, place: &Place) -> Diagnostic {
    context.diagnostic(&RULE, node.span, &place.pointer, message(shape, place))
}

/// A property whose value is null, with the fix that removes it.
pub fn property(context: &Context, object: &Node, index: usize, shape: &Shape, place: &Place) -> Diagnostic {
    let prop = &object.props()[index];
    let mut diagnostic = context.diagnostic(&RULE, prop.value.span, &place.pointer, message(shape, place));
    if let Some(fix) = removal_fix(object, index, true) {
        diagnostic = diagnostic.with_fix(fix);
    }
    diagnostic
}

#[cfg(test)]
mod tests {
    use crate::json_edit::apply;
    use crate::rules::taskdef::fixtures::{edited, hits, line_of, VALID};

    #[test]
    fn triggers_on_a_null_field_with_botocore_words_and_a_removal() {
        let text = edited(
            "\"essential\": true,",
            "\"essential\": true,\n      \"healthCheck\": null,",
        );
        let found = hits(&text, "taskdef/null-value");
        assert_eq!(found.len(), 1);
        assert_eq!(
            found[0].message,
            "Invalid type for parameter containerDefinitions[0].healthCheck, value: None, type: <class 'NoneType'>, valid types: <class 'dict'>"
        );
        assert_eq!(found[0].line, line_of(&text, "healthCheck"));
        let fixed = apply(&text, &found[0].fix.clone().unwrap().edits);
        assert_eq!(fixed, VALID);
    }

    #[test]
    fn triggers_on_a_null_list_item() {
        let text = edited(
            "\"networkMode\": \"bridge\",",
            "\"networkMode\": \"bridge\", \"requiresCompatibilities\": [null],",
        );
        let found = hits(&text, "taskdef/null-value");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].pointer.as_deref(), Some("/requiresCompatibilities/0"));
        assert!(found[0].fix.is_none());
    }

    #[test]
    fn stays_quiet_without_nulls() {
        assert!(hits(VALID, "taskdef/null-value").is_empty());
        let text = edited(
            "\"name\": \"app\",",
            "\"name\": \"app\", \"environment\": [{\"name\": \"X\", \"value\": \"null\"}],",
        );
        assert!(hits(&text, "taskdef/null-value").is_empty());
    }
}
