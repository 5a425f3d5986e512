use super::{listing, CrossContext};
use crate::diagnostic::{Diagnostic, Fix, TextEdit};
use crate::json_edit::quote;
use crate::rules::declare_rule;
use crate::suggest::closest;

declare_rule! {
    /// Reports a service's `loadBalancer` binding that its task definition
    /// cannot satisfy: no container with that `containerName`, or a
    /// container without a port mapping for that `containerPort`.
    ///
    /// # Why it matters
    /// ECS registers the named container's mapped port in the target group.
    /// `CreateService` and `UpdateService` reject a binding to a container
    /// or port the task definition does not have, so the deployment fails
    /// before a single task starts.
    ///
    /// # Example
    /// ```json
    /// "loadBalancer": { "targetGroup": "tg-backend", "containerName": "web", "containerPort": 80 }
    /// ```
    /// while the task definition's proxy container is called `nginx`.
    ///
    /// # Fix
    /// Name the container that receives the load balancer's traffic (nginx
    /// in a proxy task) and one of its `containerPort`s; the message lists
    /// them.
    pub static RULE = {
        id: "cross/load-balancer-binding",
        severity: Error,
        summary: "A service's load balancer binding names a container or port its task lacks",
    }
}

pub fn check(cx: &CrossContext, out: &mut Vec<Diagnostic>) {
    for (i, service) in cx.deployment.services.iter().enumerate() {
        let Some(binding) = &service.load_balancer else {
            continue;
        };
        // An unlisted family or a missing file is reported by the deployment
        // file's own rules.
        let Some(task) = cx.task_definition(&service.task_definition) else {
            continue;
        };
        let names = task.container_names();
        let Some(container) = task.model.container(&binding.container_name) else {
            let pointer = format!("/services/{i}/loadBalancer/containerName");
            let mut diagnostic = cx
                .atlas_diagnostic(
                    &RULE,
                    &pointer,
                    format!(
                        "The {} service binds container \"{}\", but {} has no such container",
                        service.name, binding.container_name, task.family
                    ),
                )
                .with_help(format!("Its containers: {}.", listing(names.iter().copied())));
            if let Some(suggestion) = closest(&binding.container_name, names.iter().copied()) {
                diagnostic = diagnostic.with_help(format!("Did you mean \"{suggestion}\"?"));
                if let Some(at) = cx.spans.get(&pointer) {
                    diagnostic = diagnostic.with_fix(Fix {
                        title: format!("Bind container '{suggestion}'"),
                        edits: vec![TextEdit {
                            span: at.value,
                            text: quote(suggestion),
                        }],
                        safe: false,
                    });
                }
            }
            out.push(diagnostic);
            continue;
        };
        let mut ports: Vec<u64> = container
            .port_mappings
            .iter()
            .filter_map(|m| m.container_port)
            .collect();
        ports.sort_unstable();
        ports.dedup();
        if ports.contains(&u64::from(binding.container_port)) {
            continue;
        }
        let pointer = format!("/services/{i}/loadBalancer/containerPort");
        let message = format!(
            "The {} service binds port {} of '{}', but that container has no port mapping for it",
            service.name, binding.container_port, container.name
        );
        let help = match ports.as_slice() {
            [] => format!(
                "'{}' maps no ports; add a port mapping for {} to it in {}.",
                container.name, binding.container_port, task.family
            ),
            _ => {
                let list: Vec<String> = ports.iter().map(u64::to_string).collect();
                format!("'{}' maps containerPort {}.", container.name, list.join(", "))
            }
        };
        out.push(cx.atlas_diagnostic(&RULE, &pointer, message).with_help(help));
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::cross::fixtures::{edited, hits, spanned};

    const ID: &str = "cross/load-balancer-binding";

    #[test]
    fn triggers_on_a_container_the_task_lacks() {
        let workspace = edited(
            "atlas.json",
            "\"targetGroup\": \"tg-backend\", \"containerName\": \"nginx\"",
            "\"targetGroup\": \"tg-backend\", \"containerName\": \"ngnix\"",
        );
        let found = hits(&workspace, ID);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].file, "atlas.json");
        assert_eq!(spanned(&workspace, &found[0]), "\"ngnix\"");
        assert_eq!(
            found[0].message,
            "The backend service binds container \"ngnix\", but ecs-backend-task has no such container"
        );
        assert_eq!(found[0].help.as_deref(), Some("Did you mean \"nginx\"?"));
        assert_eq!(found[0].fix.as_ref().unwrap().edits[0].text, "\"nginx\"");
        assert_eq!(
            found[0].pointer.as_deref(),
            Some("/services/1/loadBalancer/containerName")
        );
    }

    #[test]
    fn triggers_on_a_port_the_container_does_not_map() {
        let workspace = edited(
            "atlas.json",
            "\"containerName\": \"nginx\", \"containerPort\": 80 }",
            "\"containerName\": \"nginx\", \"containerPort\": 8080 }",
        );
        let found = hits(&workspace, ID);
        assert_eq!(found.len(), 1);
        assert_eq!(spanned(&workspace, &found[0]), "8080");
        assert_eq!(found[0].help.as_deref(), Some("'nginx' maps containerPort 80."));
        let unmapped = edited(
            "atlas.json",
            "\"containerName\": \"nginx\", \"containerPort\": 80 }",
            "\"containerName\": \"next\", \"containerPort\": 3000 }",
        );
        let found = hits(&unmapped, ID);
        assert_eq!(found.len(), 1);
        assert!(found[0].help.as_deref().unwrap().starts_with("'next' maps no ports"));
    }

    #[test]
    fn stays_quiet_on_unknown_families_and_missing_files() {
        let unknown = edited(
            "atlas.json",
            "\"taskDefinition\": \"ecs-front-task\",\n",
            "\"taskDefinition\": \"billing\",\n",
        );
        assert!(hits(&unknown, ID).is_empty());
        let mut missing = crate::reference::workspace();
        missing.artifacts.remove(0);
        assert!(hits(&missing, ID).is_empty());
    }
}
