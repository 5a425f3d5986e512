use super::AtlasContext;
use crate::diagnostic::Diagnostic;
use crate::rules::declare_rule;
use crate::suggest::closest;

declare_rule! {
    /// Reports a reference to an id the deployment file does not declare, or
    /// declares as something else: a service bound to a target group that does
    /// not exist, a DNS alias to an unknown load balancer, a subnet in an unknown
    /// availability zone.
    ///
    /// # Why it matters
    /// The diagram cannot draw the connection and request paths stop at the
    /// broken link; in AWS the same mistake fails the deployment.
    ///
    /// # Example
    /// ```json
    /// "loadBalancer": { "targetGroup": "tg-backnd", ... }
    /// ```
    ///
    /// # Fix
    /// Use an id that is declared with the right kind; the message suggests the
    /// closest one.
    pub static RULE = {
        id: "atlas/unknown-reference",
        severity: Error,
        summary: "A reference names an id that is not declared",
    }
}

pub fn check(context: &AtlasContext, out: &mut Vec<Diagnostic>) {
    let declared = context.deployment.declared_ids();
    for reference in context.deployment.references() {
        let same_kind = || declared.iter().filter(|d| d.kind == reference.kind).map(|d| d.id);
        if same_kind().any(|id| id == reference.id) {
            continue;
        }
        let kind = reference.kind.describe();
        let mut message = format!("No {kind} has the id \"{}\"", reference.id);
        if let Some(other) = declared.iter().find(|d| d.id == reference.id) {
            message = format!("\"{}\" is a {}, not a {kind}", reference.id, other.kind.describe());
        }
        let span = context.spans.nearest(&reference.pointer).value;
        let mut diagnostic = Diagnostic::at(&RULE, context.source, span, message).with_pointer(&reference.pointer);
        diagnostic = match closest(reference.id, same_kind()) {
            Some(suggestion) => diagnostic.with_help(format!("Did you mean \"{suggestion}\"?")),
            None => {
                let known: Vec<_> = same_kind().collect();
                if known.is_empty() {
                    diagnostic.with_help(format!("The file declares no {kind}."))
                } else {
                    diagnostic.with_help(format!("Known: {}.", known.join(", ")))
                }
            }
        };
        out.push(diagnostic);
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::atlas::fixtures::{edited, rule_hits, REFERENCE};

    #[test]
    fn triggers_on_a_misspelt_target_group_with_a_suggestion() {
        let text = edited("\"targetGroup\": \"tg-backend\"", "\"targetGroup\": \"tg-backnd\"");
        let hits = rule_hits(&text, "atlas/unknown-reference");
        assert_eq!(hits.len(), 1);
        assert_eq!(hits[0].message, "No target group has the id \"tg-backnd\"");
        assert_eq!(hits[0].help.as_deref(), Some("Did you mean \"tg-backend\"?"));
        let line = text.lines().position(|l| l.contains("tg-backnd")).unwrap() + 1;
        assert_eq!(hits[0].line, line);
        assert_eq!(&text[hits[0].span.start..hits[0].span.end], "\"tg-backnd\"");
    }

    #[test]
    fn triggers_on_an_id_of_the_wrong_kind() {
        let text = edited("\"aliasTarget\": \"alb-backend\"", "\"aliasTarget\": \"tg-backend\"");
        let hits = rule_hits(&text, "atlas/unknown-reference");
        assert_eq!(hits.len(), 1);
        assert_eq!(hits[0].message, "\"tg-backend\" is a target group, not a load balancer");
    }

    #[test]
    fn triggers_on_an_unlisted_task_definition_family() {
        let text = edited(
            "\"taskDefinition\": \"ecs-front-task\",\n",
            "\"taskDefinition\": \"billing\",\n",
        );
        let hits = rule_hits(&text, "atlas/unknown-reference");
        assert_eq!(hits.len(), 1);
        assert_eq!(
            hits[0].help.as_deref(),
            Some("Known: ecs-front-task, ecs-backend-task.")
        );
    }

    #[test]
    fn stays_quiet_on_the_reference() {
        assert!(rule_hits(REFERENCE, "atlas/unknown-reference").is_empty());
    }
}
