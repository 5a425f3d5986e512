use super::Context;
use crate::diagnostic::Diagnostic;
use crate::json_tree::Node;
use crate::rules::declare_rule;
use crate::taskdef::schema::walk::Place;

declare_rule! {
    /// Reports a number, string or list outside the bounds the API model sets:
    /// below a minimum (the AWS CLI's own `Invalid value` / `Invalid length`
    /// message) or above a maximum (which ECS enforces when registering), and
    /// integers too large for any field.
    ///
    /// # Why it matters
    /// The registration fails; for maxima only after the round trip to ECS.
    ///
    /// # Example
    /// ```json
    /// "tags": [{ "key": "", "value": "x" }]
    /// ```
    /// A tag key must have at least 1 character.
    ///
    /// # Fix
    /// Bring the value within the bounds the message gives.
    pub static RULE = {
        id: "taskdef/out-of-range",
        severity: Error,
        summary: "A value, string or list outside the bounds the API allows",
    }
}

/// `unit` is "characters" or "items" for lengths, "" for integer values.
pub fn check(
    context: &Context,
    node: &Node,
    value: i64,
    min: Option<i64>,
    max: Option<i64>,
    place: &Place,
    unit: &str,
) -> Option<Diagnostic> {
    let (what, kind) = if unit.is_empty() {
        ("value", "value")
    } else {
        ("length", "length")
    };
    let message = match (min, max) {
        (Some(min), _) if value < min => {
            let title = if unit.is_empty() {
                "Invalid value"
            } else {
                "Invalid length"
            };
            format!(
                "{title} for parameter {}, value: {value}, valid min {kind}: {min}",
                place.display()
            )
        }
        (_, Some(max)) if value > max => {
            format!(
                "{} has {what} {value}{}, above the maximum of {max}",
                place.display(),
                suffix(unit)
            )
        }
        _ => return None,
    };
    Some(context.diagnostic(&RULE, node.span, &place.pointer, message))
}

fn suffix(unit: &str) -> String {
    if unit.is_empty() {
        String::new()
    } else {
        format!(" {unit}")
    }
}

pub fn too_large(context: &Context, node: &Node, place: &Place) -> Diagnostic {
    let message = format!("{} is too large for an integer field", place.display());
    context.diagnostic(&RULE, node.span, &place.pointer, message)
}

#[cfg(test)]
mod tests {
    use crate::rules::taskdef::fixtures::{edited, hits, VALID};

    #[test]
    fn triggers_below_a_minimum_with_botocore_words() {
        let text = edited(
            "\"family\": \"web\",",
            "\"family\": \"web\", \"tags\": [{\"key\": \"\", \"value\": \"x\"}],",
        );
        let found = hits(&text, "taskdef/out-of-range");
        assert_eq!(found.len(), 1);
        assert_eq!(
            found[0].message,
            "Invalid length for parameter tags[0].key, value: 0, valid min length: 1"
        );
    }

    #[test]
    fn triggers_above_a_maximum() {
        let key = "k".repeat(129);
        let text = edited(
            "\"family\": \"web\",",
            &format!("\"family\": \"web\", \"tags\": [{{\"key\": \"{key}\", \"value\": \"x\"}}],"),
        );
        let found = hits(&text, "taskdef/out-of-range");
        assert_eq!(
            found[0].message,
            "tags[0].key has length 129 characters, above the maximum of 128"
        );
    }

    #[test]
    fn triggers_on_integers_beyond_64_bits() {
        let text = edited("\"memory\": 512", "\"memory\": 99999999999999999999999");
        assert_eq!(
            hits(&text, "taskdef/out-of-range")[0].message,
            "containerDefinitions[0].memory is too large for an integer field"
        );
    }

    #[test]
    fn stays_quiet_within_bounds() {
        assert!(hits(VALID, "taskdef/out-of-range").is_empty());
    }
}
