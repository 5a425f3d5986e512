use super::Context;
use crate::diagnostic::Diagnostic;
use crate::json_tree::Node;
use crate::rules::declare_rule;
use crate::taskdef::schema::walk::{python_type, python_value, Place};
use crate::taskdef::schema::Shape;

declare_rule! {
    /// Reports a value of the wrong JSON type for its field, with the AWS CLI's
    /// exact `Invalid type for parameter` message: a number written as a
    /// string (`"cpu": "256"` in a container), an object where a list belongs.
    ///
    /// # Why it matters
    /// The CLI refuses the file before anything reaches ECS. Task-level `cpu` and
    /// `memory` are strings while container-level ones are integers, which trips
    /// people up constantly.
    ///
    /// # Example
    /// ```json
    /// { "name": "app", "cpu": "256", "essential": "true" }
    /// ```
    ///
    /// # Fix
    /// Write the value with the type the message names: `<class 'int'>` is a
    /// JSON number without quotes, `<class 'str'>` a quoted string,
    /// `<class 'bool'>` `true` or `false`, `<class 'list'>` an array,
    /// `<class 'dict'>` an object.
    pub static RULE = {
        id: "taskdef/wrong-type",
        severity: Error,
        summary: "A value of the wrong JSON type for its field",
    }
}

pub fn diagnostic(context: &Context, node: &Node, shape: &Shape, place: &Place) -> Diagnostic {
    let message = format!(
        "Invalid type for parameter {}, value: {}, type: {}, valid types: {}",
        place.display(),
        python_value(node),
        python_type(node),
        shape.python_types()
    );
    context.diagnostic(&RULE, node.span, &place.pointer, message)
}

#[cfg(test)]
mod tests {
    use crate::rules::taskdef::fixtures::{edited, hits, line_of, VALID};

    #[test]
    fn triggers_on_a_quoted_number_with_botocore_words() {
        let text = edited("\"memory\": 512", "\"memory\": \"512\"");
        let found = hits(&text, "taskdef/wrong-type");
        assert_eq!(found.len(), 1);
        assert_eq!(
            found[0].message,
            "Invalid type for parameter containerDefinitions[0].memory, value: 512, type: <class 'str'>, valid types: <class 'int'>"
        );
        assert_eq!(found[0].line, line_of(&text, "\"memory\""));
        assert_eq!(&text[found[0].span.start..found[0].span.end], "\"512\"");
    }

    #[test]
    fn triggers_on_structure_mismatches_and_floats() {
        let text = edited("\"essential\": true", "\"essential\": \"true\"");
        assert_eq!(
            hits(&text, "taskdef/wrong-type")[0]
                .message
                .split(", value")
                .next()
                .unwrap(),
            "Invalid type for parameter containerDefinitions[0].essential"
        );
        let text = edited("\"containerPort\": 8080", "\"containerPort\": 80.5");
        assert!(hits(&text, "taskdef/wrong-type")[0]
            .message
            .contains("type: <class 'float'>, valid types: <class 'int'>"));
        let text = edited("\"portMappings\": [", "\"portMappings\": {\"x\": [");
        let text = text.replacen("}]\n    }", "}]}\n    }", 1);
        assert!(hits(&text, "taskdef/wrong-type")[0]
            .message
            .contains("valid types: <class 'list'>, <class 'tuple'>"));
    }

    #[test]
    fn stays_quiet_on_correct_types() {
        assert!(hits(VALID, "taskdef/wrong-type").is_empty());
        assert!(hits(crate::reference::BACKEND_TASK, "taskdef/wrong-type").is_empty());
    }
}
