use super::{mappings, mode, Mode};
use crate::diagnostic::{Diagnostic, Fix, TextEdit};
use crate::rules::declare_rule;
use crate::rules::taskdef::Context;

declare_rule! {
    /// Reports a port mapping whose `hostPort` differs from its
    /// `containerPort` in a task with the `awsvpc` or `host` network mode, a
    /// `hostPort` of 0 included.
    ///
    /// # Why it matters
    /// In these modes the container's port is the port of the task's network
    /// interface or of the instance itself: there is no mapping to make, and
    /// no dynamic port. ECS refuses the registration with `When
    /// networkMode=awsvpc, the host ports and container ports in port mappings
    /// must match.`
    ///
    /// # Example
    /// ```json
    /// { "networkMode": "awsvpc", "containerDefinitions": [ { "name": "app",
    ///   "portMappings": [ { "containerPort": 8080, "hostPort": 80 } ] } ] }
    /// ```
    ///
    /// # Fix
    /// Remove `hostPort` or set it to the `containerPort`. To serve on another
    /// port, change the port the application listens on, or let the load
    /// balancer's listener use the port you want.
    ///
    /// # References
    /// `portMappings` and `hostPort` in ContainerDefinition and PortMapping
    /// (Amazon ECS API Reference): "If you use containers in a task with the
    /// awsvpc or host network mode, the hostPort can either be left blank or
    /// set to the same value as the containerPort."
    pub static RULE = {
        id: "taskdef/host-port-mismatch",
        severity: Error,
        summary: "A hostPort that differs from containerPort in awsvpc or host mode",
    }
}

pub fn check(context: &Context, out: &mut Vec<Diagnostic>) {
    let Some(mode @ (Mode::Awsvpc | Mode::Host)) = mode(context.body) else {
        return;
    };
    for mapping in mappings(context) {
        let (Some((container, _)), Some((host, node))) = (mapping.container_port(), mapping.host_port()) else {
            continue;
        };
        if host == container {
            continue;
        }
        let why = if host == 0 {
            "hostPort 0 asks for a dynamic port, which only bridge mode has".to_owned()
        } else {
            format!("hostPort {host} cannot differ from containerPort {container}")
        };
        out.push(
            context
                .diagnostic(
                    &RULE,
                    node.span,
                    &mapping.pointer("/hostPort"),
                    format!(
                        "When networkMode={}, the host ports and container ports in port mappings must match.",
                        mode.name()
                    ),
                )
                .with_help(format!(
                    "In {} mode the container's port is the task's own port, so {why}. Remove hostPort or set it to {container}.",
                    mode.name()
                ))
                .with_fix(Fix {
                    title: format!("Set hostPort to {container}"),
                    edits: vec![TextEdit {
                        span: node.span,
                        text: container.to_string(),
                    }],
                    safe: false,
                }),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::json_edit::apply;
    use crate::reference::{BACKEND_TASK, FRONTEND_TASK};
    use crate::rules::taskdef::fixtures::{edited, hits, line_of, VALID};

    const ID: &str = "taskdef/host-port-mismatch";

    fn awsvpc(host_port: &str) -> String {
        edited("\"networkMode\": \"bridge\"", "\"networkMode\": \"awsvpc\"")
            .replace("\"hostPort\": 0", &format!("\"hostPort\": {host_port}"))
    }

    #[test]
    fn triggers_on_a_different_host_port_with_a_fix() {
        let text = awsvpc("80");
        let found = hits(&text, ID);
        assert_eq!(found.len(), 1);
        assert_eq!(
            found[0].message,
            "When networkMode=awsvpc, the host ports and container ports in port mappings must match."
        );
        assert_eq!(found[0].line, line_of(&text, "\"hostPort\": 80"));
        assert_eq!(
            found[0].pointer.as_deref(),
            Some("/containerDefinitions/0/portMappings/0/hostPort")
        );
        let fixed = apply(&text, &found[0].fix.clone().unwrap().edits);
        assert!(fixed.contains("\"hostPort\": 8080"));
        assert!(hits(&fixed, ID).is_empty());
    }

    #[test]
    fn triggers_on_a_dynamic_port_in_host_mode() {
        let text = edited("\"networkMode\": \"bridge\"", "\"networkMode\": \"host\"");
        let found = hits(&text, ID);
        assert_eq!(found.len(), 1);
        assert!(found[0].message.starts_with("When networkMode=host,"));
        assert!(found[0].help.as_deref().unwrap().contains("only bridge mode has"));
    }

    #[test]
    fn stays_quiet_on_matching_or_absent_host_ports_and_in_bridge_mode() {
        assert!(hits(&awsvpc("8080"), ID).is_empty());
        let absent =
            edited("\"networkMode\": \"bridge\"", "\"networkMode\": \"awsvpc\"").replace(", \"hostPort\": 0", "");
        assert!(hits(&absent, ID).is_empty());
        assert!(hits(VALID, ID).is_empty());
        assert!(hits(&edited("\"hostPort\": 0", "\"hostPort\": 80"), ID).is_empty());
        assert!(hits(BACKEND_TASK, ID).is_empty());
        assert!(hits(FRONTEND_TASK, ID).is_empty());
    }
}
