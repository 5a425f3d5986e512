use super::{mappings, mode, Mode};
use crate::diagnostic::Diagnostic;
use crate::rules::declare_rule;
use crate::rules::taskdef::Context;

declare_rule! {
    /// Reports a static host port that ECS reserves on every container
    /// instance by default: 22 (SSH), 2375 and 2376 (Docker), 51678 to 51680
    /// (the ECS container agent). In `bridge` mode that is a non-zero
    /// `hostPort`; in `host` mode, any container port.
    ///
    /// # Why it matters
    /// The agent registers these ports as taken, so no instance ever has the
    /// port free: ECS cannot place the task anywhere, and a service keeps
    /// reporting that no container instance met its requirements.
    ///
    /// # Example
    /// ```json
    /// "portMappings": [ { "containerPort": 22, "hostPort": 22 } ]
    /// ```
    ///
    /// # Fix
    /// Map the container port to another host port, or use `hostPort` 0 in
    /// `bridge` mode for a dynamic one.
    ///
    /// # References
    /// `hostPort` in PortMapping (Amazon ECS API Reference): "The default
    /// reserved ports are 22 for SSH, the Docker ports 2375 and 2376, and the
    /// Amazon ECS container agent ports 51678-51680."
    pub static RULE = {
        id: "taskdef/reserved-host-port",
        severity: Error,
        summary: "A static host port ECS reserves on container instances",
    }
}

/// What holds each port ECS reserves by default.
pub fn reserved_by(port: u16) -> Option<&'static str> {
    match port {
        22 => Some("SSH"),
        2375 | 2376 => Some("the Docker daemon"),
        51678..=51680 => Some("the ECS container agent"),
        _ => None,
    }
}

pub fn check(context: &Context, out: &mut Vec<Diagnostic>) {
    // awsvpc ports belong to the task's own network interface, not the instance.
    let Some(mode @ (Mode::Bridge | Mode::Host)) = mode(context.body) else {
        return;
    };
    for mapping in mappings(context) {
        let Some((port, node)) = mapping.static_host_port(mode) else {
            continue;
        };
        let Some(holder) = reserved_by(port) else {
            continue;
        };
        let pointer = mapping.pointer(if mapping.host_port().is_some() {
            "/hostPort"
        } else {
            "/containerPort"
        });
        out.push(
            context
                .diagnostic(
                    &RULE,
                    node.span,
                    &pointer,
                    format!("Host port {port} is reserved on ECS container instances (for {holder})."),
                )
                .with_help(
                    "ECS reserves it on every instance, so no instance can offer it and the task is never placed. Use another host port, or hostPort 0 in bridge mode for a dynamic one.",
                ),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::reference::{BACKEND_TASK, FRONTEND_TASK};
    use crate::rules::taskdef::fixtures::{edited, hits, line_of, VALID};

    const ID: &str = "taskdef/reserved-host-port";

    #[test]
    fn triggers_on_the_ssh_port_in_bridge_mode() {
        let text = edited("\"hostPort\": 0", "\"hostPort\": 22");
        let found = hits(&text, ID);
        assert_eq!(found.len(), 1);
        assert_eq!(
            found[0].message,
            "Host port 22 is reserved on ECS container instances (for SSH)."
        );
        assert_eq!(found[0].line, line_of(&text, "\"hostPort\": 22"));
        assert_eq!(
            found[0].pointer.as_deref(),
            Some("/containerDefinitions/0/portMappings/0/hostPort")
        );
    }

    #[test]
    fn triggers_on_an_agent_port_in_host_mode() {
        let text = edited("\"networkMode\": \"bridge\"", "\"networkMode\": \"host\"")
            .replace("\"containerPort\": 8080, \"hostPort\": 0,", "\"containerPort\": 51679,");
        let found = hits(&text, ID);
        assert_eq!(found.len(), 1);
        assert!(found[0].message.contains("the ECS container agent"));
        assert_eq!(
            found[0].pointer.as_deref(),
            Some("/containerDefinitions/0/portMappings/0/containerPort")
        );
    }

    #[test]
    fn stays_quiet_on_container_ports_in_bridge_and_awsvpc_modes() {
        assert!(hits(&edited("\"containerPort\": 8080", "\"containerPort\": 22"), ID).is_empty());
        let awsvpc = edited("\"networkMode\": \"bridge\"", "\"networkMode\": \"awsvpc\"")
            .replace("\"containerPort\": 8080, \"hostPort\": 0,", "\"containerPort\": 22,");
        assert!(hits(&awsvpc, ID).is_empty());
        assert!(hits(VALID, ID).is_empty());
        assert!(hits(BACKEND_TASK, ID).is_empty());
        assert!(hits(FRONTEND_TASK, ID).is_empty());
    }
}
