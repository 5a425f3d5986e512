use std::collections::HashMap;

use super::AtlasContext;
use crate::diagnostic::Diagnostic;
use crate::rules::declare_rule;

declare_rule! {
    /// Reports an id declared twice in the deployment file. Ids share one
    /// namespace (a subnet and a service cannot both be `web`), and task
    /// definitions are keyed by family.
    ///
    /// # Why it matters
    /// References would be ambiguous: a service bound to `tg-web` could mean
    /// either target group, and the diagram would draw the wrong connection.
    ///
    /// # Example
    /// ```json
    /// "subnets": [
    ///   { "id": "private-a", "kind": "private", ... },
    ///   { "id": "private-a", "kind": "private", ... }
    /// ]
    /// ```
    ///
    /// # Fix
    /// Give each thing its own id and update the references to the renamed one.
    pub static RULE = {
        id: "atlas/duplicate-id",
        severity: Error,
        summary: "An id is declared more than once",
    }
}

pub fn check(context: &AtlasContext, out: &mut Vec<Diagnostic>) {
    let mut first: HashMap<&str, String> = HashMap::new();
    for declared in context.deployment.declared_ids() {
        match first.get(declared.id) {
            Some(earlier) => {
                let (line, _) = context.source.position(context.spans.nearest(earlier).value.start);
                let span = context.spans.nearest(&declared.pointer).value;
                out.push(
                    Diagnostic::at(
                        &RULE,
                        context.source,
                        span,
                        format!("The id \"{}\" is already declared on line {line}", declared.id),
                    )
                    .with_pointer(&declared.pointer)
                    .with_help(format!(
                        "Rename this {} and the references meant for it.",
                        declared.kind.describe()
                    )),
                );
            }
            None => {
                first.insert(declared.id, declared.pointer);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::atlas::fixtures::{edited, rule_hits, REFERENCE};

    #[test]
    fn triggers_on_the_second_declaration() {
        let text = edited("\"id\": \"private-b\"", "\"id\": \"private-a\"");
        let hits = rule_hits(&text, "atlas/duplicate-id");
        assert_eq!(hits.len(), 1);
        let first = text.lines().position(|l| l.contains("\"id\": \"private-a\"")).unwrap() + 1;
        assert_eq!(hits[0].line, first + 1);
        assert!(
            hits[0].message.contains(&format!("line {first}")),
            "{}",
            hits[0].message
        );
    }

    #[test]
    fn ids_of_different_kinds_still_collide() {
        let text = edited("\"id\": \"svc-backend\"", "\"id\": \"nat\"");
        assert_eq!(rule_hits(&text, "atlas/duplicate-id").len(), 1);
    }

    #[test]
    fn stays_quiet_on_the_reference() {
        assert!(rule_hits(REFERENCE, "atlas/duplicate-id").is_empty());
    }
}
