use super::common::{is_fargate, is_windows, label};
use crate::diagnostic::Diagnostic;
use crate::json_tree::Node;
use crate::rules::declare_rule;
use crate::rules::taskdef::Context;

declare_rule! {
    /// Reports a Linux capability in `linuxParameters.capabilities.add` that
    /// gives a container power over the host or other processes: `ALL`,
    /// `SYS_ADMIN`, `NET_ADMIN`, `SYS_PTRACE`, `SYS_MODULE`, `SYS_RAWIO`,
    /// `SYS_BOOT`, `SYS_TIME`, `MAC_ADMIN`, `MAC_OVERRIDE` and
    /// `DAC_READ_SEARCH`.
    ///
    /// # Why it matters
    /// Docker drops these by default because each one undoes part of the
    /// container's isolation: `SYS_ADMIN` alone is close to root on the host,
    /// `NET_ADMIN` rewrites the network the task shares, `SYS_PTRACE` reads
    /// other processes' memory. (On Fargate only `SYS_PTRACE` can be added;
    /// the Fargate rule reports the others.)
    ///
    /// # Example
    /// ```json
    /// "linuxParameters": { "capabilities": { "add": ["SYS_ADMIN"] } }
    /// ```
    ///
    /// # Fix
    /// Remove the capability if the container works without it; otherwise
    /// keep it to the one container that needs it, and prefer a narrower one
    /// (e.g. `NET_BIND_SERVICE` to bind ports below 1024).
    ///
    /// # References
    /// KernelCapabilities (Amazon ECS API Reference); the capabilities(7)
    /// manual page; Docker's default capability set ("Runtime privilege and
    /// Linux capabilities").
    pub static RULE = {
        id: "taskdef/dangerous-capability",
        severity: Warning,
        summary: "A container that adds a capability over the host or other processes",
    }
}

/// Each capability with what it lets the container do.
const DANGEROUS: [(&str, &str); 11] = [
    (
        "ALL",
        "do anything root can, including most of what Docker's isolation prevents",
    ),
    (
        "SYS_ADMIN",
        "mount filesystems and perform most administration of the host",
    ),
    ("NET_ADMIN", "reconfigure network interfaces, routes and firewall rules"),
    ("SYS_PTRACE", "trace other processes and read their memory"),
    ("SYS_MODULE", "load kernel modules into the host's kernel"),
    ("SYS_RAWIO", "access I/O ports and raw devices"),
    ("SYS_BOOT", "reboot the host"),
    ("SYS_TIME", "set the host's clock"),
    (
        "MAC_ADMIN",
        "change the mandatory access control policy (AppArmor, SELinux)",
    ),
    ("MAC_OVERRIDE", "bypass mandatory access control (AppArmor, SELinux)"),
    ("DAC_READ_SEARCH", "read any file regardless of its permissions"),
];

pub fn check(context: &Context, out: &mut Vec<Diagnostic>) {
    // Windows containers have no linuxParameters; the Windows rule reports them.
    if is_windows(context.body) {
        return;
    }
    let fargate = is_fargate(context.body);
    for (index, container) in context.containers() {
        let added = container
            .value("linuxParameters")
            .and_then(|l| l.value("capabilities"))
            .and_then(|c| c.value("add"))
            .map_or(&[][..], Node::items);
        for (position, item) in added.iter().enumerate() {
            let Some(raw) = item.as_str() else {
                continue;
            };
            let capability = raw.trim().trim_start_matches("CAP_");
            let Some((name, power)) = DANGEROUS.iter().find(|(c, _)| c.eq_ignore_ascii_case(capability)) else {
                continue;
            };
            // Fargate refuses every other addition; that is the Fargate rule's error.
            if fargate && *name != "SYS_PTRACE" {
                continue;
            }
            out.push(
                context
                    .diagnostic(
                        &RULE,
                        item.span,
                        &format!("/containerDefinitions/{index}/linuxParameters/capabilities/add/{position}"),
                        format!(
                            "Container {} adds the {name} capability, which lets it {power}",
                            label(container, index)
                        ),
                    )
                    .with_help(
                        "Remove it unless the container cannot work without it, and then keep it to that one \
                         container.",
                    ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::reference::{BACKEND_TASK, FRONTEND_TASK};
    use crate::rules::taskdef::fixtures::{edited, hits, line_of, VALID};

    const ID: &str = "taskdef/dangerous-capability";

    fn adding(capabilities: &str) -> String {
        edited(
            "\"essential\": true,",
            &format!(
                "\"essential\": true,\n      \"linuxParameters\": {{ \"capabilities\": {{ \"add\": [{capabilities}] }} }},"
            ),
        )
    }

    #[test]
    fn triggers_on_each_dangerous_capability() {
        let text = adding("\"NET_BIND_SERVICE\", \"SYS_ADMIN\", \"NET_ADMIN\"");
        let found = hits(&text, ID);
        assert_eq!(found.len(), 2);
        assert_eq!(
            found[0].message,
            "Container 'app' adds the SYS_ADMIN capability, which lets it mount filesystems and perform most administration of the host"
        );
        assert_eq!(found[0].line, line_of(&text, "SYS_ADMIN"));
        assert_eq!(
            found[0].pointer.as_deref(),
            Some("/containerDefinitions/0/linuxParameters/capabilities/add/1")
        );
    }

    #[test]
    fn sys_ptrace_is_reported_on_fargate_too() {
        let text = adding("\"SYS_PTRACE\", \"SYS_ADMIN\"").replacen(
            "\"family\": \"web\",",
            "\"family\": \"web\", \"requiresCompatibilities\": [\"FARGATE\"],",
            1,
        );
        let found = hits(&text, ID);
        assert_eq!(found.len(), 1);
        assert!(found[0].message.contains("SYS_PTRACE"));
    }

    #[test]
    fn stays_quiet_on_harmless_or_dropped_capabilities() {
        for text in [VALID, BACKEND_TASK, FRONTEND_TASK] {
            assert!(hits(text, ID).is_empty());
        }
        assert!(hits(&adding("\"NET_BIND_SERVICE\", \"CHOWN\", 7"), ID).is_empty());
        let dropped = edited(
            "\"essential\": true,",
            "\"essential\": true, \"linuxParameters\": { \"capabilities\": { \"drop\": [\"ALL\"] } },",
        );
        assert!(hits(&dropped, ID).is_empty());
    }
}
