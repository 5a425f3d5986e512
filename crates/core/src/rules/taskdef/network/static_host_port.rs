use super::{mappings, mode, Mode};
use crate::diagnostic::Diagnostic;
use crate::rules::declare_rule;
use crate::rules::taskdef::Context;

declare_rule! {
    /// Notes a task that binds static host ports: a non-zero `hostPort` in
    /// `bridge` mode, or any port mapping in `host` mode. Reported once per
    /// task, at the first such port.
    ///
    /// # Why it matters
    /// A second copy of the task would need the same host port, so at most one
    /// copy fits on each container instance. A service scaled past its
    /// instance count, or a rolling deployment that starts new tasks before
    /// stopping old ones, then waits for instances that never come free.
    ///
    /// # Example
    /// ```json
    /// { "networkMode": "bridge", "containerDefinitions": [ { "name": "web",
    ///   "portMappings": [ { "containerPort": 80, "hostPort": 80 } ] } ] }
    /// ```
    ///
    /// # Fix
    /// If several copies per instance are wanted, use `hostPort` 0 in `bridge`
    /// mode (a load balancer target group follows the dynamic port), or the
    /// `awsvpc` mode, where each task has its own network interface.
    ///
    /// # References
    /// `networkMode` in RegisterTaskDefinition (Amazon ECS API Reference): "If
    /// the network mode is host, you cannot run multiple instantiations of the
    /// same task on a single container instance when port mappings are used."
    pub static RULE = {
        id: "taskdef/static-host-port",
        severity: Info,
        summary: "Static host ports that allow one copy of the task per instance",
    }
}

pub fn check(context: &Context, out: &mut Vec<Diagnostic>) {
    let Some(mode @ (Mode::Bridge | Mode::Host)) = mode(context.body) else {
        return;
    };
    let all = mappings(context);
    let bound: Vec<_> = all
        .iter()
        .filter_map(|m| Some((m, m.static_host_port(mode)?)))
        .collect();
    let Some((first, (_, node))) = bound.first() else {
        return;
    };
    let mut ports: Vec<String> = Vec::new();
    for (mapping, (port, _)) in &bound {
        let port = format!("{port}/{}", mapping.protocol());
        if !ports.contains(&port) {
            ports.push(port);
        }
    }
    let pointer = first.pointer(if first.host_port().is_some() {
        "/hostPort"
    } else {
        "/containerPort"
    });
    let (what, fix) = if mode == Mode::Host {
        (
            "In host mode every container port is a port of the instance",
            "To run several copies per instance, use awsvpc, or bridge with hostPort 0.",
        )
    } else {
        (
            "A second copy of the task would need the same host port",
            "To run several copies per instance, set hostPort to 0 (or leave it out): ECS then picks a free port for each copy.",
        )
    };
    out.push(
        context
            .diagnostic(
                &RULE,
                node.span,
                &pointer,
                format!(
                    "This task binds static host ports ({}), so at most one copy of it fits on each container instance.",
                    ports.join(", ")
                ),
            )
            .with_help(format!("{what}. {fix}")),
    );
}

#[cfg(test)]
mod tests {
    use crate::reference::{BACKEND_TASK, FRONTEND_TASK};
    use crate::rules::taskdef::fixtures::{edited, hits, line_of, VALID};

    const ID: &str = "taskdef/static-host-port";

    #[test]
    fn notes_a_static_bridge_port_once() {
        let text = edited(
            "{ \"containerPort\": 8080, \"hostPort\": 0, \"protocol\": \"tcp\" }",
            "{ \"containerPort\": 8080, \"hostPort\": 80 }, { \"containerPort\": 8443, \"hostPort\": 443 }",
        );
        let found = hits(&text, ID);
        assert_eq!(found.len(), 1);
        assert_eq!(
            found[0].message,
            "This task binds static host ports (80/tcp, 443/tcp), so at most one copy of it fits on each container instance."
        );
        assert_eq!(found[0].severity, crate::diagnostic::Severity::Info);
        assert_eq!(found[0].line, line_of(&text, "\"hostPort\": 80"));
        assert_eq!(
            found[0].pointer.as_deref(),
            Some("/containerDefinitions/0/portMappings/0/hostPort")
        );
    }

    #[test]
    fn notes_any_mapping_in_host_mode() {
        let text = edited("\"networkMode\": \"bridge\"", "\"networkMode\": \"host\"").replace(", \"hostPort\": 0", "");
        let found = hits(&text, ID);
        assert_eq!(found.len(), 1);
        assert_eq!(
            found[0].pointer.as_deref(),
            Some("/containerDefinitions/0/portMappings/0/containerPort")
        );
        assert!(found[0].help.as_deref().unwrap().starts_with("In host mode"));
    }

    #[test]
    fn stays_quiet_on_dynamic_ports_and_awsvpc() {
        assert!(hits(VALID, ID).is_empty());
        assert!(hits(
            &edited("\"networkMode\": \"bridge\"", "\"networkMode\": \"awsvpc\""),
            ID
        )
        .is_empty());
        assert!(hits(BACKEND_TASK, ID).is_empty());
        assert!(hits(FRONTEND_TASK, ID).is_empty());
    }
}
