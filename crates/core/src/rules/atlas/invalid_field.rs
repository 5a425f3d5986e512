use crate::diagnostic::{Diagnostic, Span};
use crate::rules::declare_rule;
use crate::source::Source;

declare_rule! {
    /// Reports a field of the deployment file that is missing, unknown, or of the
    /// wrong type, with the path to it (`services[0].desiredCount`).
    ///
    /// # Why it matters
    /// A misspelt field would otherwise be ignored silently and the diagram would
    /// show a deployment that is not the one described.
    ///
    /// # Example
    /// ```json
    /// { "id": "svc-backend", "desiredCount": "2" }
    /// ```
    /// `desiredCount` must be a number, not a string.
    ///
    /// # Fix
    /// Use the field names and types of the deployment file's JSON Schema; the
    /// message lists the names expected where a name is unknown.
    pub static RULE = {
        id: "atlas/invalid-field",
        severity: Error,
        summary: "A deployment file field is missing, unknown or of the wrong type",
    }
}

pub fn diagnostic(source: &Source, span: Span, message: String) -> Diagnostic {
    Diagnostic::at(&RULE, source, span, message)
}

#[cfg(test)]
mod tests {
    use crate::rules::atlas::fixtures::{edited, rule_hits, REFERENCE};

    #[test]
    fn triggers_on_a_wrong_type_at_the_value() {
        let text = edited("\"desiredCount\": 2,", "\"desiredCount\": \"2\",");
        let hits = rule_hits(&text, "atlas/invalid-field");
        assert_eq!(hits.len(), 1, "{hits:?}");
        assert!(
            hits[0].message.starts_with("services[1].desiredCount: invalid type"),
            "{}",
            hits[0].message
        );
        let line = text
            .lines()
            .position(|l| l.contains("\"desiredCount\": \"2\""))
            .unwrap()
            + 1;
        assert_eq!(hits[0].line, line);
    }

    #[test]
    fn triggers_on_an_unknown_field_and_names_the_expected_ones() {
        let text = edited("\"internetGateway\"", "\"internetGatway\"");
        let hits = rule_hits(&text, "atlas/invalid-field");
        assert_eq!(hits.len(), 1);
        assert!(
            hits[0].message.contains("unknown field `internetGatway`"),
            "{}",
            hits[0].message
        );
        assert!(hits[0].message.contains("internetGateway"), "{}", hits[0].message);
        let line = text.lines().position(|l| l.contains("internetGatway")).unwrap() + 1;
        assert_eq!(hits[0].line, line);
    }

    #[test]
    fn triggers_on_a_missing_field_at_its_object() {
        let text = edited("\"name\": \"inforum\",", "");
        let hits = rule_hits(&text, "atlas/invalid-field");
        assert_eq!(hits.len(), 1);
        assert!(hits[0].message.contains("missing field `name`"), "{}", hits[0].message);
        assert_eq!(hits[0].line, 1);
    }

    #[test]
    fn triggers_on_an_unknown_enum_value_at_the_value() {
        let text = edited("\"scheme\": \"internet-facing\"", "\"scheme\": \"public\"");
        let hits = rule_hits(&text, "atlas/invalid-field");
        assert_eq!(hits.len(), 1);
        assert!(
            hits[0]
                .message
                .starts_with("loadBalancers[0].scheme: unknown variant `public`"),
            "{}",
            hits[0].message
        );
        assert_eq!(&text[hits[0].span.start..hits[0].span.end], "\"public\"");
    }

    #[test]
    fn triggers_on_a_nested_missing_field_at_its_object() {
        let text = edited(
            "\"healthCheckPath\": \"/\" }\n      ]\n    },\n    {",
            "\"x\": 1 }\n      ]\n    },\n    {",
        );
        let hits = rule_hits(&text, "atlas/invalid-field");
        assert_eq!(hits.len(), 1);
        assert_eq!(hits[0].pointer.as_deref(), Some("/loadBalancers/0/targetGroups/0/x"));
        assert!(hits[0].message.contains("unknown field `x`"), "{}", hits[0].message);
        let text = edited(
            ", \"healthCheckPath\": \"/\" }\n      ]\n    },\n    {",
            " }\n      ]\n    },\n    {",
        );
        let hits = rule_hits(&text, "atlas/invalid-field");
        assert_eq!(hits.len(), 1);
        assert_eq!(hits[0].pointer.as_deref(), Some("/loadBalancers/0/targetGroups/0"));
        assert!(
            hits[0].message.contains("missing field `healthCheckPath`"),
            "{}",
            hits[0].message
        );
        let line = text
            .lines()
            .position(|l| l.contains("\"id\": \"tg-frontend\""))
            .unwrap()
            + 1;
        assert_eq!(hits[0].line, line);
    }

    #[test]
    fn stays_quiet_on_the_reference() {
        assert!(rule_hits(REFERENCE, "atlas/invalid-field").is_empty());
    }
}
