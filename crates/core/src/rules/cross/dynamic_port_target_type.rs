use super::CrossContext;
use crate::deployment::TargetType;
use crate::diagnostic::{Diagnostic, Fix, Severity, TextEdit};
use crate::rules::declare_rule;
use crate::rules::taskdef::network::{mappings, Mode};

declare_rule! {
    /// Reports a service whose target group cannot register its tasks the
    /// way their network mode exposes them (an error), and notes a static
    /// host port that limits the service to one task per instance (a
    /// warning).
    ///
    /// In `bridge` and `host` mode ECS registers each task as the instance
    /// plus the host port (a dynamic one for `hostPort` 0), which needs an
    /// `instance` target group. In `awsvpc` mode each task has its own
    /// network interface and is registered by IP address, which needs an
    /// `ip` target group.
    ///
    /// A static host port (`hostPort` other than 0 in `bridge`, any port in
    /// `host`) can be bound once per instance, so one task of the service
    /// fits per instance; the warning says how many tasks the service may
    /// run against how many instances the cluster may have.
    ///
    /// # Why it matters
    /// ECS rejects a service whose target group type does not match how its
    /// tasks are reached, so the service cannot be created. A static host
    /// port lets the service run no more tasks than there are instances; a
    /// rolling deployment, which starts new tasks before stopping old ones,
    /// then waits for an instance with the port free.
    ///
    /// # Example
    /// ```json
    /// { "id": "tg-backend", "targetType": "ip", ... }
    /// ```
    /// for a `bridge` task whose nginx maps `"hostPort": 0`.
    ///
    /// # Fix
    /// Use `"targetType": "instance"` for `bridge` and `host` tasks and `"ip"`
    /// for `awsvpc` tasks; for several tasks per instance, set `hostPort` to
    /// 0 (dynamic) in `bridge` mode.
    pub static RULE = {
        id: "cross/dynamic-port-target-type",
        severity: Error,
        summary: "A target group type that does not fit the task's network mode, or a static host port",
    }
}

pub fn check(cx: &CrossContext, out: &mut Vec<Diagnostic>) {
    for service in &cx.deployment.services {
        let Some(binding) = &service.load_balancer else {
            continue;
        };
        let Some((pointer, group)) = cx.deployment.load_balancers.iter().enumerate().find_map(|(j, lb)| {
            lb.target_groups.iter().enumerate().find_map(|(k, tg)| {
                (tg.id == binding.target_group).then(|| (format!("/loadBalancers/{j}/targetGroups/{k}/targetType"), tg))
            })
        }) else {
            continue;
        };
        let Some(task) = cx.task_definition(&service.task_definition) else {
            continue;
        };
        let (Some(context), Some(mode)) = (task.context(), task.mode()) else {
            continue;
        };
        let all = mappings(&context);
        // The binding's own rule reports a container or port that is not there.
        let Some(mapping) = all.iter().find(|m| {
            m.container.value("name").and_then(|n| n.as_str()) == Some(binding.container_name.as_str())
                && m.container_port().map(|(p, _)| p) == Some(binding.container_port)
        }) else {
            continue;
        };
        let static_port = mapping.static_host_port(mode);
        let (wanted, how) = match mode {
            Mode::Bridge if static_port.is_none() => (
                TargetType::Instance,
                "the dynamic host port Docker gives each task is registered as instance and port",
            ),
            Mode::Bridge | Mode::Host => (
                TargetType::Instance,
                "tasks on the instance's network are registered as instance and port",
            ),
            Mode::Awsvpc => (
                TargetType::Ip,
                "each task has its own network interface and is registered by its IP address",
            ),
            Mode::None => continue,
        };
        if group.target_type != wanted {
            let wanted_name = match wanted {
                TargetType::Instance => "instance",
                TargetType::Ip => "ip",
            };
            let mut diagnostic = cx
                .atlas_diagnostic(
                    &RULE,
                    &pointer,
                    format!(
                        "Target group {} must have target type \"{wanted_name}\" for the {} service: its {} task uses {} mode, where {how}",
                        group.id,
                        service.name,
                        task.family,
                        mode.name()
                    ),
                )
                .with_help(format!(
                    "Set \"targetType\": \"{wanted_name}\" (a target group's type is fixed when it is created: create a new one)."
                ));
            if let Some(at) = cx.spans.get(&pointer) {
                diagnostic = diagnostic.with_fix(Fix {
                    title: format!("Use target type {wanted_name}"),
                    edits: vec![TextEdit {
                        span: at.value,
                        text: format!("\"{wanted_name}\""),
                    }],
                    safe: false,
                });
            }
            out.push(diagnostic);
            continue;
        }
        let (Mode::Bridge | Mode::Host, Some((port, _))) = (mode, static_port) else {
            continue;
        };
        let field = if mapping.host_port().is_some() {
            "/hostPort"
        } else {
            "/containerPort"
        };
        let most = service
            .auto_scaling
            .as_ref()
            .map_or(service.desired_count, |a| a.max.max(service.desired_count));
        let instances = cx.deployment.cluster.auto_scaling_group.max;
        let mut message = format!(
            "Host port {port} is static, so at most 1 task of the {} service fits per container instance",
            service.name
        );
        if most > instances {
            message.push_str(&format!(
                ": it may run {most} tasks, but the cluster has at most {instances} instance{}",
                if instances == 1 { "" } else { "s" }
            ));
        }
        let help = match mode {
            Mode::Host => "In host mode every container port is bound on the instance. Use bridge with hostPort 0, or awsvpc, to run several tasks per instance.",
            _ => "Set hostPort to 0: Docker then picks a free port for each task and the instance target group follows it.",
        };
        let mut diagnostic = task.diagnostic(&RULE, &mapping.pointer(field), message).with_help(help);
        diagnostic.severity = Severity::Warning;
        out.push(diagnostic);
    }
}

#[cfg(test)]
mod tests {
    use crate::diagnostic::Severity;
    use crate::rules::cross::fixtures::{edit, edited, hits, spanned};

    const ID: &str = "cross/dynamic-port-target-type";

    #[test]
    fn triggers_on_an_ip_target_group_for_a_dynamic_port() {
        let workspace = edited(
            "atlas.json",
            "\"id\": \"tg-backend\", \"name\": \"Backend targets\", \"targetType\": \"instance\"",
            "\"id\": \"tg-backend\", \"name\": \"Backend targets\", \"targetType\": \"ip\"",
        );
        let found = hits(&workspace, ID);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].file, "atlas.json");
        assert_eq!(found[0].severity, Severity::Error);
        assert_eq!(spanned(&workspace, &found[0]), "\"ip\"");
        assert_eq!(
            found[0].message,
            "Target group tg-backend must have target type \"instance\" for the backend service: its ecs-backend-task task uses bridge mode, where the dynamic host port Docker gives each task is registered as instance and port"
        );
        assert_eq!(found[0].fix.as_ref().unwrap().edits[0].text, "\"instance\"");
    }

    #[test]
    fn triggers_on_an_instance_target_group_for_awsvpc() {
        let workspace = edited(
            "ecs-front-task.describe.json",
            "\"networkMode\": \"bridge\"",
            "\"networkMode\": \"awsvpc\"",
        );
        let found = hits(&workspace, ID);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert!(found[0]
            .message
            .starts_with("Target group tg-frontend must have target type \"ip\""));
    }

    #[test]
    fn warns_on_a_static_host_port_with_the_tasks_that_fit() {
        let workspace = edited(
            "ecs-backend-task.describe.json",
            "\"hostPort\": 0,",
            "\"hostPort\": 80,",
        );
        let found = hits(&workspace, ID);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].severity, Severity::Warning);
        assert_eq!(found[0].file, "ecs-backend-task.describe.json");
        assert_eq!(spanned(&workspace, &found[0]), "80");
        assert_eq!(
            found[0].message,
            "Host port 80 is static, so at most 1 task of the backend service fits per container instance: it may run 4 tasks, but the cluster has at most 2 instances"
        );
        let front = edited("ecs-front-task.describe.json", "\"hostPort\": 0,", "\"hostPort\": 80,");
        let found = hits(&front, ID);
        assert_eq!(
            found[0].message,
            "Host port 80 is static, so at most 1 task of the frontend service fits per container instance"
        );
    }

    #[test]
    fn points_inside_the_describe_wrapper() {
        let task = "ecs-backend-task.describe.json";
        let wrapped = edited(
            task,
            "{\n  \"taskDefinitionArn\"",
            "{ \"taskDefinition\": {\n  \"taskDefinitionArn\"",
        );
        let wrapped = edit(wrapped, task, "\"tags\": []\n}", "\"tags\": []\n} }");
        let wrapped = edit(wrapped, task, "\"hostPort\": 0,", "\"hostPort\": 80,");
        let found = hits(&wrapped, ID);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(spanned(&wrapped, &found[0]), "80");
        assert_eq!(
            found[0].pointer.as_deref(),
            Some("/taskDefinition/containerDefinitions/1/portMappings/0/hostPort")
        );
    }

    #[test]
    fn stays_quiet_on_dynamic_ports_ip_groups_for_awsvpc_and_unbound_containers() {
        let awsvpc = edited(
            "ecs-front-task.describe.json",
            "\"networkMode\": \"bridge\"",
            "\"networkMode\": \"awsvpc\"",
        );
        let awsvpc = edit(
            awsvpc,
            "atlas.json",
            "\"id\": \"tg-frontend\", \"name\": \"Frontend targets\", \"targetType\": \"instance\"",
            "\"id\": \"tg-frontend\", \"name\": \"Frontend targets\", \"targetType\": \"ip\"",
        );
        assert!(hits(&awsvpc, ID).is_empty());
        let unbound = edited(
            "atlas.json",
            "\"containerName\": \"nginx\", \"containerPort\": 80 }",
            "\"containerName\": \"nginx\", \"containerPort\": 8080 }",
        );
        assert!(hits(&unbound, ID).is_empty());
    }
}
