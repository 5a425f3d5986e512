use std::collections::HashMap;

use super::{mappings, mode};
use crate::diagnostic::Diagnostic;
use crate::rules::declare_rule;
use crate::rules::taskdef::Context;

declare_rule! {
    /// Reports a host port that two port mappings of one task both bind with
    /// the same protocol: the same non-zero `hostPort` in `bridge` mode, or
    /// the same `containerPort` in `awsvpc` and `host` modes, where every
    /// container port is also the task's port.
    ///
    /// # Why it matters
    /// Only one socket can listen on a port: the second container cannot bind
    /// it, so the task cannot start as written.
    ///
    /// # Example
    /// ```json
    /// { "networkMode": "awsvpc", "containerDefinitions": [
    ///   { "name": "app", "portMappings": [ { "containerPort": 8080 } ] },
    ///   { "name": "metrics", "portMappings": [ { "containerPort": 8080 } ] } ] }
    /// ```
    ///
    /// # Fix
    /// Give each mapping its own port, or remove the duplicate. In `bridge`
    /// mode, `hostPort` 0 lets ECS pick a free port for each.
    ///
    /// # References
    /// PortMapping (Amazon ECS API Reference): `hostPort`; "Amazon ECS task
    /// networking options for EC2" (Amazon ECS Developer Guide).
    pub static RULE = {
        id: "taskdef/duplicate-host-port",
        severity: Error,
        summary: "A host port two port mappings of the task both bind",
    }
}

pub fn check(context: &Context, out: &mut Vec<Diagnostic>) {
    let Some(mode) = mode(context.body) else {
        return;
    };
    let mut seen: HashMap<(u16, &str), (String, String)> = HashMap::new();
    for mapping in mappings(context) {
        let Some((port, node)) = mapping.static_host_port(mode) else {
            continue;
        };
        let protocol = mapping.protocol();
        let here = (mapping.container_name(), mapping.pointer(""));
        let Some((first_name, first_pointer)) = seen.get(&(port, protocol)) else {
            seen.insert((port, protocol), here);
            continue;
        };
        let pointer = mapping.pointer(if mapping.host_port().is_some() {
            "/hostPort"
        } else {
            "/containerPort"
        });
        let whose = if *first_name == here.0 {
            "this container maps it already".to_owned()
        } else {
            format!("container '{first_name}' maps it already")
        };
        out.push(
            context
                .diagnostic(
                    &RULE,
                    node.span,
                    &pointer,
                    format!("Host port {port}/{protocol} is mapped twice: {whose}."),
                )
                .with_help(format!(
                    "The first mapping is at {}{first_pointer}. Only one container can listen on a port; in {} mode {}.",
                    context.base,
                    mode.name(),
                    if mode == super::Mode::Bridge {
                        "use another hostPort, or 0 for a dynamic one"
                    } else {
                        "every containerPort is a port of the task itself, so each must be different"
                    }
                )),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::reference::{BACKEND_TASK, FRONTEND_TASK};
    use crate::rules::taskdef::fixtures::{hits, line_of, VALID};

    const ID: &str = "taskdef/duplicate-host-port";

    fn task(mode: &str, first: &str, second: &str) -> String {
        format!(
            r#"{{
  "family": "web",
  "networkMode": "{mode}",
  "containerDefinitions": [
    {{ "name": "app", "image": "a", "memory": 256, "portMappings": [{first}] }},
    {{ "name": "metrics", "image": "b", "memory": 64,
      "portMappings": [{second}] }}
  ]
}}"#
        )
    }

    #[test]
    fn triggers_on_a_static_host_port_used_twice_in_bridge_mode() {
        let text = task(
            "bridge",
            r#"{"containerPort": 80, "hostPort": 8080}"#,
            r#"{"containerPort": 9090, "hostPort": 8080}"#,
        );
        let found = hits(&text, ID);
        assert_eq!(found.len(), 1);
        assert_eq!(
            found[0].message,
            "Host port 8080/tcp is mapped twice: container 'app' maps it already."
        );
        assert_eq!(
            found[0].line,
            line_of(&text, "\"portMappings\": [{\"containerPort\": 9090")
        );
        assert_eq!(
            found[0].pointer.as_deref(),
            Some("/containerDefinitions/1/portMappings/0/hostPort")
        );
    }

    #[test]
    fn triggers_on_the_same_container_port_in_awsvpc_mode() {
        let text = task(
            "awsvpc",
            r#"{"containerPort": 8080}"#,
            r#"{"containerPort": 8080, "protocol": "tcp"}"#,
        );
        let found = hits(&text, ID);
        assert_eq!(found.len(), 1);
        assert_eq!(
            found[0].pointer.as_deref(),
            Some("/containerDefinitions/1/portMappings/0/containerPort")
        );
        assert!(found[0]
            .help
            .as_deref()
            .unwrap()
            .contains("awsvpc mode every containerPort"));
    }

    #[test]
    fn stays_quiet_on_dynamic_ports_other_protocols_and_bridge_container_ports() {
        let dynamic = task(
            "bridge",
            r#"{"containerPort": 80, "hostPort": 0}"#,
            r#"{"containerPort": 80}"#,
        );
        assert!(hits(&dynamic, ID).is_empty());
        let udp = task(
            "host",
            r#"{"containerPort": 53}"#,
            r#"{"containerPort": 53, "protocol": "udp"}"#,
        );
        assert!(hits(&udp, ID).is_empty());
        assert!(hits(VALID, ID).is_empty());
        assert!(hits(BACKEND_TASK, ID).is_empty());
        assert!(hits(FRONTEND_TASK, ID).is_empty());
    }
}
