use super::common::{is_fargate, is_set};
use crate::diagnostic::{Diagnostic, Span};
use crate::json_tree::Node;
use crate::rules::declare_rule;
use crate::rules::taskdef::Context;

declare_rule! {
    /// Reports, in a task definition whose `requiresCompatibilities` lists
    /// `FARGATE`, each parameter Fargate does not support:
    ///
    /// - in a container: `disableNetworking`, `dnsSearchDomains`,
    ///   `dnsServers`, `dockerSecurityOptions`, `extraHosts`, `links`,
    ///   `privileged`, a `GPU` resource requirement, and under
    ///   `linuxParameters`: `devices`, `sharedMemorySize`, `tmpfs`,
    ///   `maxSwap`, `swappiness`, and any added capability but `SYS_PTRACE`;
    /// - for the task: `ipcMode`, a `pidMode` other than `task`,
    ///   `placementConstraints`, and volumes with `dockerVolumeConfiguration`
    ///   or a `host.sourcePath`.
    ///
    /// Fields set to `false`, null or an empty value are left alone.
    ///
    /// # Why it matters
    /// Fargate manages the host, so nothing in the task can reach into it or
    /// into its Docker daemon. ECS checks the task definition against Fargate
    /// when registering it and refuses these, e.g. `Tasks using the Fargate
    /// launch type do not support ipcMode.`
    ///
    /// # Example
    /// ```json
    /// { "requiresCompatibilities": ["FARGATE"], "networkMode": "awsvpc",
    ///   "containerDefinitions": [{ "name": "app", "links": ["db"], ... }] }
    /// ```
    /// Containers of a Fargate task reach each other on `localhost`; `links`
    /// is not needed and not supported.
    ///
    /// # Fix
    /// Remove the parameter, or run the task on EC2 instances (remove
    /// `FARGATE` from `requiresCompatibilities`) if the container really
    /// needs it.
    ///
    /// # References
    /// "Amazon ECS task definition differences for Fargate" in the Amazon ECS
    /// Developer Guide: "The following task definition parameters are not
    /// valid in Fargate tasks"; LinuxParameters, KernelCapabilities,
    /// HostVolumeProperties and Volume (Amazon ECS API Reference).
    pub static RULE = {
        id: "taskdef/fargate-unsupported-parameter",
        severity: Error,
        summary: "A parameter that tasks on Fargate do not support",
    }
}

const CONTAINER_FIELDS: [&str; 7] = [
    "disableNetworking",
    "dnsSearchDomains",
    "dnsServers",
    "dockerSecurityOptions",
    "extraHosts",
    "links",
    "privileged",
];

const LINUX_FIELDS: [&str; 5] = ["devices", "sharedMemorySize", "tmpfs", "maxSwap", "swappiness"];

const HELP: &str = "Fargate manages the host the task runs on, so nothing in the task can reach into it. Remove the \
                    parameter, or run the task on EC2 (remove \"FARGATE\" from requiresCompatibilities) if it is \
                    really needed.";

pub fn check(context: &Context, out: &mut Vec<Diagnostic>) {
    let body = context.body;
    if !is_fargate(body) {
        return;
    }
    let mut report = |span: Span, pointer: String, message: String, help: &str| {
        out.push(context.diagnostic(&RULE, span, &pointer, message).with_help(help));
    };
    for (index, container) in context.containers() {
        let base = format!("/containerDefinitions/{index}");
        for field in CONTAINER_FIELDS {
            if let Some(prop) = container.get(field).filter(|p| is_set(&p.value)) {
                let help = if field == "links" {
                    "Containers of a Fargate task share one network namespace and reach each other on localhost, \
                     so links are neither needed nor supported. Remove them and use localhost:<port>."
                } else {
                    HELP
                };
                report(
                    prop.key_span,
                    format!("{base}/{field}"),
                    format!("Tasks using the Fargate launch type do not support {field}."),
                    help,
                );
            }
        }
        let requirements = container.value("resourceRequirements").map_or(&[][..], Node::items);
        for (position, requirement) in requirements.iter().enumerate() {
            if let Some(kind) = requirement.value("type").filter(|t| t.as_str() == Some("GPU")) {
                report(
                    kind.span,
                    format!("{base}/resourceRequirements/{position}/type"),
                    "Tasks using the Fargate launch type do not support GPU resource requirements.".into(),
                    "Fargate has no GPUs. Run GPU workloads on EC2 instances with GPUs.",
                );
            }
        }
        let Some(linux) = container.value("linuxParameters") else {
            continue;
        };
        for field in LINUX_FIELDS {
            if let Some(prop) = linux.get(field).filter(|p| is_set(&p.value)) {
                report(
                    prop.key_span,
                    format!("{base}/linuxParameters/{field}"),
                    format!("Tasks using the Fargate launch type do not support linuxParameters.{field}."),
                    HELP,
                );
            }
        }
        let added = linux
            .value("capabilities")
            .and_then(|c| c.value("add"))
            .map_or(&[][..], Node::items);
        for (position, item) in added.iter().enumerate() {
            let Some(capability) = item.as_str() else {
                continue;
            };
            let name = capability.trim().trim_start_matches("CAP_");
            if name.eq_ignore_ascii_case("SYS_PTRACE") {
                continue;
            }
            report(
                item.span,
                format!("{base}/linuxParameters/capabilities/add/{position}"),
                format!("Tasks using the Fargate launch type can only add the SYS_PTRACE capability, not {name}."),
                HELP,
            );
        }
    }
    if let Some(prop) = body.get("ipcMode").filter(|p| is_set(&p.value)) {
        report(
            prop.key_span,
            "/ipcMode".into(),
            "Tasks using the Fargate launch type do not support ipcMode.".into(),
            HELP,
        );
    }
    if let Some(mode) = body
        .value("pidMode")
        .filter(|m| m.as_str().is_some_and(|m| m != "task"))
    {
        report(
            mode.span,
            "/pidMode".into(),
            "Tasks using the Fargate launch type only support pidMode \"task\".".into(),
            "\"task\" shares the process namespace between this task's containers, which is what Fargate offers.",
        );
    }
    if let Some(prop) = body.get("placementConstraints").filter(|p| is_set(&p.value)) {
        report(
            prop.key_span,
            "/placementConstraints".into(),
            "Tasks using the Fargate launch type do not support placementConstraints.".into(),
            "Fargate chooses where tasks run; there are no instances to constrain. Remove placementConstraints.",
        );
    }
    let volumes = body.value("volumes").map_or(&[][..], Node::items);
    for (position, volume) in volumes.iter().enumerate() {
        if let Some(prop) = volume.get("dockerVolumeConfiguration").filter(|p| !p.value.is_null()) {
            report(
                prop.key_span,
                format!("/volumes/{position}/dockerVolumeConfiguration"),
                "Tasks using the Fargate launch type do not support Docker volumes (dockerVolumeConfiguration).".into(),
                "Use a bind mount (a volume with just a name, or \"host\": {}) for scratch space shared by the \
                 task's containers, or Amazon EFS or EBS for persistent data.",
            );
        }
        if let Some(prop) = volume
            .value("host")
            .and_then(|h| h.get("sourcePath"))
            .filter(|p| is_set(&p.value))
        {
            report(
                prop.key_span,
                format!("/volumes/{position}/host/sourcePath"),
                "Tasks using the Fargate launch type do not support host volumes with a sourcePath.".into(),
                "There is no host path to mount on Fargate. Remove sourcePath for task-scoped storage, or use \
                 Amazon EFS for data that has to outlive the task.",
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::reference::{BACKEND_TASK, FRONTEND_TASK};
    use crate::rules::taskdef::fixtures::{hits, line_of, VALID};

    const ID: &str = "taskdef/fargate-unsupported-parameter";

    fn fargate(text: &str) -> String {
        text.replacen(
            "\"requiresCompatibilities\": [\n    \"EC2\"\n  ]",
            "\"requiresCompatibilities\": [\n    \"FARGATE\"\n  ]",
            1,
        )
    }

    #[test]
    fn triggers_on_links_in_the_seed_run_on_fargate() {
        let text = fargate(BACKEND_TASK);
        let found = hits(&text, ID);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(
            found[0].message,
            "Tasks using the Fargate launch type do not support links."
        );
        assert_eq!(found[0].line, line_of(&text, "\"links\""));
        assert_eq!(found[0].pointer.as_deref(), Some("/containerDefinitions/1/links"));
    }

    #[test]
    fn triggers_on_each_unsupported_parameter() {
        let text = fargate(BACKEND_TASK)
            .replacen(
                "\"cpu\": 0,",
                "\"cpu\": 0,\n      \"privileged\": true,\n      \"dnsServers\": [\"10.0.0.2\"],\n      \"resourceRequirements\": [{ \"type\": \"GPU\", \"value\": \"1\" }],\n      \"linuxParameters\": { \"sharedMemorySize\": 256, \"tmpfs\": [], \"capabilities\": { \"add\": [\"SYS_PTRACE\", \"NET_ADMIN\"] } },",
                1,
            )
            .replacen(
                "\"volumes\": []",
                "\"volumes\": [{ \"name\": \"a\", \"dockerVolumeConfiguration\": { \"scope\": \"task\" } }, { \"name\": \"b\", \"host\": { \"sourcePath\": \"/data\" } }],\n  \"ipcMode\": \"task\",\n  \"pidMode\": \"host\"",
                1,
            )
            .replacen("\"placementConstraints\": []", "\"placementConstraints\": [{ \"type\": \"memberOf\", \"expression\": \"attribute:x == y\" }]", 1);
        let found = hits(&text, ID);
        let messages: Vec<_> = found.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(
            messages,
            [
                "Tasks using the Fargate launch type do not support privileged.",
                "Tasks using the Fargate launch type do not support dnsServers.",
                "Tasks using the Fargate launch type do not support GPU resource requirements.",
                "Tasks using the Fargate launch type do not support linuxParameters.sharedMemorySize.",
                "Tasks using the Fargate launch type can only add the SYS_PTRACE capability, not NET_ADMIN.",
                "Tasks using the Fargate launch type do not support links.",
                "Tasks using the Fargate launch type do not support Docker volumes (dockerVolumeConfiguration).",
                "Tasks using the Fargate launch type do not support host volumes with a sourcePath.",
                "Tasks using the Fargate launch type do not support ipcMode.",
                "Tasks using the Fargate launch type only support pidMode \"task\".",
                "Tasks using the Fargate launch type do not support placementConstraints.",
            ]
        );
    }

    #[test]
    fn stays_quiet_off_fargate_and_on_unset_values() {
        for text in [VALID, BACKEND_TASK, FRONTEND_TASK] {
            assert!(hits(text, ID).is_empty());
        }
        let unset = fargate(BACKEND_TASK)
            .replacen(
                "\"links\": [\n        \"springboot\"\n      ],",
                "\"links\": [], \"privileged\": false, \"dnsServers\": null,",
                1,
            )
            .replacen(
                "\"volumes\": []",
                "\"volumes\": [{ \"name\": \"scratch\", \"host\": {} }], \"pidMode\": \"task\"",
                1,
            );
        assert!(hits(&unset, ID).is_empty());
    }
}
