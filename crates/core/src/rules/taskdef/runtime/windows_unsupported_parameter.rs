use super::common::{is_set, windows_family};
use crate::diagnostic::Diagnostic;
use crate::json_tree::Node;
use crate::rules::declare_rule;
use crate::rules::taskdef::Context;

declare_rule! {
    /// Reports, in a task definition whose
    /// `runtimePlatform.operatingSystemFamily` is a Windows Server, each
    /// parameter Windows containers do not support:
    ///
    /// - in a container: `links`, `linuxParameters`, `user`, `privileged`,
    ///   `readonlyRootFilesystem`, `disableNetworking`, `dnsServers`,
    ///   `dnsSearchDomains`, `extraHosts` and `ulimits`;
    /// - for the task: `pidMode` and `ipcMode`.
    ///
    /// Fields set to `false`, null or an empty value are left alone.
    ///
    /// # Why it matters
    /// These map to Linux kernel and Docker-on-Linux features that Windows
    /// containers do not have. A task definition written for Linux and
    /// switched to Windows keeps them, and ECS cannot apply them.
    ///
    /// # Example
    /// ```json
    /// { "runtimePlatform": { "operatingSystemFamily": "WINDOWS_SERVER_2022_CORE" },
    ///   "containerDefinitions": [{ "name": "app", "user": "1000", ... }] }
    /// ```
    ///
    /// # Fix
    /// Remove the parameter. Windows containers set their user in the image
    /// (`USER ContainerUser`) and reach each other through the task's
    /// network, not links.
    ///
    /// # References
    /// ContainerDefinition and RegisterTaskDefinition (Amazon ECS API
    /// Reference): each of these parameters "is not supported for Windows
    /// containers"; "Amazon ECS task definition differences for EC2 instances
    /// running Windows" in the Amazon ECS Developer Guide.
    pub static RULE = {
        id: "taskdef/windows-unsupported-parameter",
        severity: Error,
        summary: "A parameter that Windows containers do not support",
    }
}

const CONTAINER_FIELDS: [&str; 10] = [
    "links",
    "linuxParameters",
    "user",
    "privileged",
    "readonlyRootFilesystem",
    "disableNetworking",
    "dnsServers",
    "dnsSearchDomains",
    "extraHosts",
    "ulimits",
];

const TASK_FIELDS: [&str; 2] = ["pidMode", "ipcMode"];

pub fn check(context: &Context, out: &mut Vec<Diagnostic>) {
    let body = context.body;
    let Some(family) = windows_family(body).and_then(Node::as_str) else {
        return;
    };
    let help = format!(
        "The task runs Windows containers (runtimePlatform.operatingSystemFamily is {family}), which have no such \
         setting. Remove it."
    );
    let mut report = |prop: &crate::json_tree::Prop, pointer: String| {
        out.push(
            context
                .diagnostic(
                    &RULE,
                    prop.key_span,
                    &pointer,
                    format!("{} is not supported for Windows containers.", prop.key),
                )
                .with_help(help.clone()),
        );
    };
    for (index, container) in context.containers() {
        for field in CONTAINER_FIELDS {
            if let Some(prop) = container.get(field).filter(|p| is_set(&p.value)) {
                report(prop, format!("/containerDefinitions/{index}/{field}"));
            }
        }
    }
    for field in TASK_FIELDS {
        if let Some(prop) = body.get(field).filter(|p| is_set(&p.value)) {
            report(prop, format!("/{field}"));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::reference::{BACKEND_TASK, FRONTEND_TASK};
    use crate::rules::taskdef::fixtures::{hits, line_of, VALID};

    const ID: &str = "taskdef/windows-unsupported-parameter";

    fn windows(text: &str) -> String {
        text.replacen("\"LINUX\"", "\"WINDOWS_SERVER_2022_CORE\"", 1)
    }

    #[test]
    fn triggers_on_links_in_the_seed_run_on_windows() {
        let text = windows(FRONTEND_TASK);
        let found = hits(&text, ID);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].message, "links is not supported for Windows containers.");
        assert_eq!(found[0].line, line_of(&text, "\"links\""));
        assert_eq!(found[0].pointer.as_deref(), Some("/containerDefinitions/1/links"));
        assert!(found[0].help.as_deref().unwrap().contains("WINDOWS_SERVER_2022_CORE"));
    }

    #[test]
    fn triggers_on_linux_only_container_and_task_fields() {
        let text = windows(BACKEND_TASK)
            .replacen(
                "\"cpu\": 0,",
                "\"cpu\": 0,\n      \"user\": \"1000\",\n      \"readonlyRootFilesystem\": true,\n      \"linuxParameters\": { \"initProcessEnabled\": true },",
                1,
            )
            .replacen("\"volumes\": []", "\"volumes\": [], \"pidMode\": \"task\"", 1);
        let found = hits(&text, ID);
        let messages: Vec<_> = found.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(
            messages,
            [
                "user is not supported for Windows containers.",
                "readonlyRootFilesystem is not supported for Windows containers.",
                "linuxParameters is not supported for Windows containers.",
                "links is not supported for Windows containers.",
                "pidMode is not supported for Windows containers.",
            ]
        );
        assert_eq!(found[4].pointer.as_deref(), Some("/pidMode"));
    }

    #[test]
    fn stays_quiet_on_linux_and_unset_values() {
        for text in [VALID, BACKEND_TASK, FRONTEND_TASK] {
            assert!(hits(text, ID).is_empty());
        }
        let unset = windows(BACKEND_TASK).replacen(
            "\"links\": [\n        \"springboot\"\n      ],",
            "\"links\": [], \"readonlyRootFilesystem\": false, \"linuxParameters\": null,",
            1,
        );
        assert!(hits(&unset, ID).is_empty());
    }
}
