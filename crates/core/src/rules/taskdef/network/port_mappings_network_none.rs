use super::{mode, Mode};
use crate::diagnostic::Diagnostic;
use crate::json_edit::removal_fix;
use crate::rules::declare_rule;
use crate::rules::taskdef::sizing::container_label;
use crate::rules::taskdef::Context;

declare_rule! {
    /// Reports port mappings in a task whose `networkMode` is `none`.
    ///
    /// # Why it matters
    /// A task in `none` mode has no network beyond its own loopback: there is
    /// no host or interface port to map to. ECS does not allow port mappings
    /// in this mode.
    ///
    /// # Example
    /// ```json
    /// { "networkMode": "none", "containerDefinitions": [ { "name": "batch",
    ///   "portMappings": [ { "containerPort": 8080 } ] } ] }
    /// ```
    ///
    /// # Fix
    /// Remove the port mappings, or choose a network mode that has a network:
    /// `awsvpc`, or `bridge` on EC2.
    ///
    /// # References
    /// `networkMode` in RegisterTaskDefinition (Amazon ECS API Reference): "If
    /// the network mode is set to none, you cannot specify port mappings in
    /// your container definitions, and the tasks containers do not have
    /// external connectivity."
    pub static RULE = {
        id: "taskdef/port-mappings-network-none",
        severity: Error,
        summary: "Port mappings in a task with networkMode none",
    }
}

pub fn check(context: &Context, out: &mut Vec<Diagnostic>) {
    if mode(context.body) != Some(Mode::None) {
        return;
    }
    for (index, container) in context.containers() {
        let Some(position) = container.props().iter().rposition(|p| p.key == "portMappings") else {
            continue;
        };
        let prop = &container.props()[position];
        if prop.value.items().is_empty() {
            continue;
        }
        let name = container_label(container, index);
        let mut diagnostic = context
            .diagnostic(
                &RULE,
                prop.key_span,
                &format!("/containerDefinitions/{index}/portMappings"),
                format!("Container '{name}' has port mappings, but networkMode \"none\" gives the task no network to map them to."),
            )
            .with_help("Remove \"portMappings\", or use the awsvpc (or, on EC2, bridge) network mode.");
        if let Some(fix) = removal_fix(container, position, false) {
            diagnostic = diagnostic.with_fix(fix);
        }
        out.push(diagnostic);
    }
}

#[cfg(test)]
mod tests {
    use crate::json_edit::apply;
    use crate::reference::{BACKEND_TASK, FRONTEND_TASK};
    use crate::rules::taskdef::fixtures::{edited, hits, line_of, VALID};

    const ID: &str = "taskdef/port-mappings-network-none";

    #[test]
    fn triggers_at_the_port_mappings_key() {
        let text = edited("\"networkMode\": \"bridge\"", "\"networkMode\": \"none\"");
        let found = hits(&text, ID);
        assert_eq!(found.len(), 1);
        assert_eq!(
            found[0].message,
            "Container 'app' has port mappings, but networkMode \"none\" gives the task no network to map them to."
        );
        assert_eq!(found[0].line, line_of(&text, "\"portMappings\""));
        assert_eq!(
            found[0].pointer.as_deref(),
            Some("/containerDefinitions/0/portMappings")
        );
        let fixed = apply(&text, &found[0].fix.clone().unwrap().edits);
        assert!(!fixed.contains("portMappings"));
        assert!(crate::json_tree::parse(&fixed).error.is_none());
    }

    #[test]
    fn stays_quiet_on_empty_mappings_and_other_modes() {
        let empty = edited("\"networkMode\": \"bridge\"", "\"networkMode\": \"none\"").replace(
            "[{ \"containerPort\": 8080, \"hostPort\": 0, \"protocol\": \"tcp\" }]",
            "[]",
        );
        assert!(hits(&empty, ID).is_empty());
        assert!(hits(VALID, ID).is_empty());
        assert!(hits(BACKEND_TASK, ID).is_empty());
        assert!(hits(FRONTEND_TASK, ID).is_empty());
    }
}
