use super::reserved_host_port::reserved_by;
use super::{mappings, mode, Mode};
use crate::diagnostic::Diagnostic;
use crate::rules::declare_rule;
use crate::rules::taskdef::Context;

declare_rule! {
    /// Reports a static `hostPort` of 32768 or above in `bridge` mode: a port
    /// in, or likely in, the instance's ephemeral range, which ECS uses for
    /// dynamic host ports.
    ///
    /// # Why it matters
    /// ECS gives tasks with `hostPort` 0 a free port from the ephemeral range.
    /// When one of them gets this port first, this task no longer fits on that
    /// instance, which shows up as tasks that place on some instances and not
    /// on others. On Linux the range is the kernel's `ip_local_port_range`
    /// (32768 to 60999 by default), or 49153 to 65535 when that is unavailable.
    ///
    /// # Example
    /// ```json
    /// "portMappings": [ { "containerPort": 8080, "hostPort": 50000 } ]
    /// ```
    ///
    /// # Fix
    /// Use a static host port below 32768, or `hostPort` 0 for a dynamic port.
    ///
    /// # References
    /// `hostPort` in PortMapping (Amazon ECS API Reference): "Do not attempt
    /// to specify a host port in the ephemeral port range as these are
    /// reserved for automatic assignment. In general, ports below 32768 are
    /// outside of the ephemeral port range."
    pub static RULE = {
        id: "taskdef/ephemeral-host-port",
        severity: Warning,
        summary: "A static bridge host port inside the ephemeral port range",
    }
}

/// "In general, ports below 32768 are outside of the ephemeral port range."
const EPHEMERAL_START: u16 = 32_768;

pub fn check(context: &Context, out: &mut Vec<Diagnostic>) {
    if mode(context.body) != Some(Mode::Bridge) {
        return;
    }
    for mapping in mappings(context) {
        let Some((port, node)) = mapping.static_host_port(Mode::Bridge) else {
            continue;
        };
        // A reserved port is already an error of its own.
        if port < EPHEMERAL_START || reserved_by(port).is_some() {
            continue;
        }
        out.push(
            context
                .diagnostic(
                    &RULE,
                    node.span,
                    &mapping.pointer("/hostPort"),
                    format!("Host port {port} is in the ephemeral port range, which ECS uses for dynamic host ports."),
                )
                .with_help(
                    "A task given a dynamic port can take this one first, and then this task no longer fits on that instance. Use a port below 32768, or hostPort 0 for a dynamic one.",
                ),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::reference::{BACKEND_TASK, FRONTEND_TASK};
    use crate::rules::taskdef::fixtures::{edited, hits, line_of, VALID};

    const ID: &str = "taskdef/ephemeral-host-port";

    #[test]
    fn triggers_on_a_static_port_in_the_range() {
        let text = edited("\"hostPort\": 0", "\"hostPort\": 50000");
        let found = hits(&text, ID);
        assert_eq!(found.len(), 1);
        assert_eq!(
            found[0].message,
            "Host port 50000 is in the ephemeral port range, which ECS uses for dynamic host ports."
        );
        assert_eq!(found[0].severity, crate::diagnostic::Severity::Warning);
        assert_eq!(found[0].line, line_of(&text, "\"hostPort\": 50000"));
        assert_eq!(
            found[0].pointer.as_deref(),
            Some("/containerDefinitions/0/portMappings/0/hostPort")
        );
    }

    #[test]
    fn stays_quiet_below_the_range_on_reserved_ports_and_outside_bridge_mode() {
        assert!(hits(&edited("\"hostPort\": 0", "\"hostPort\": 32767"), ID).is_empty());
        assert!(hits(&edited("\"hostPort\": 0", "\"hostPort\": 51678"), ID).is_empty());
        let host = edited("\"networkMode\": \"bridge\"", "\"networkMode\": \"host\"")
            .replace("\"containerPort\": 8080, \"hostPort\": 0,", "\"containerPort\": 50000,");
        assert!(hits(&host, ID).is_empty());
        assert!(hits(VALID, ID).is_empty());
        assert!(hits(BACKEND_TASK, ID).is_empty());
        assert!(hits(FRONTEND_TASK, ID).is_empty());
    }
}
