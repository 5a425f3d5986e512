use super::{container_label, integer, task_cpu};
use crate::diagnostic::Diagnostic;
use crate::rules::declare_rule;
use crate::rules::taskdef::Context;

declare_rule! {
    /// Reports containers whose `cpu` values add up to more than the
    /// task-level `cpu`.
    ///
    /// # Why it matters
    /// ECS refuses the registration with `The sum of all container 'cpu'
    /// values cannot be greater than the value of the task 'cpu'.`, without
    /// saying what the sum is. It often happens when a sidecar is added to a
    /// task sized for one container.
    ///
    /// # Example
    /// ```json
    /// { "cpu": "512", "containerDefinitions": [
    ///   { "name": "app", "cpu": 512 }, { "name": "log-router", "cpu": 128 } ] }
    /// ```
    ///
    /// # Fix
    /// Raise the task `cpu` to at least the sum, or lower the containers'
    /// `cpu`. A container's `cpu` is a guaranteed share, not a cap: a container
    /// with 0 can still use the task's idle CPU.
    ///
    /// # References
    /// `cpu` in ContainerDefinition (Amazon ECS API Reference): "the total
    /// amount of CPU reserved for all containers within a task be lower than
    /// the task-level cpu value".
    pub static RULE = {
        id: "taskdef/container-cpu-exceeds-task",
        severity: Error,
        summary: "Container cpu values that add up to more than the task cpu",
    }
}

pub fn check(context: &Context, out: &mut Vec<Diagnostic>) {
    let Some((task, node)) = task_cpu(context.body) else {
        return;
    };
    let parts: Vec<(String, u64)> = context
        .containers()
        .filter_map(|(index, c)| Some((container_label(c, index), integer(c, "cpu")?.0)))
        .filter(|(_, cpu)| *cpu > 0)
        .collect();
    let total = parts.iter().fold(0u64, |sum, (_, cpu)| sum.saturating_add(*cpu));
    if total <= task {
        return;
    }
    let listed: Vec<String> = parts.iter().map(|(name, cpu)| format!("{name}: {cpu}")).collect();
    out.push(
        context
            .diagnostic(
                &RULE,
                node.span,
                "/cpu",
                "The sum of all container 'cpu' values cannot be greater than the value of the task 'cpu'.",
            )
            .with_help(format!(
                "The containers reserve {total} CPU units ({}); the task has {task}.",
                listed.join(", ")
            )),
    );
}

#[cfg(test)]
mod tests {
    use crate::reference::{BACKEND_TASK, FRONTEND_TASK};
    use crate::rules::taskdef::fixtures::{edited, hits, line_of, VALID};

    const ID: &str = "taskdef/container-cpu-exceeds-task";

    fn task(cpu: &str, containers: &str) -> String {
        format!(
            r#"{{
  "family": "web",
  "cpu": "{cpu}",
  "memory": "2048",
  "containerDefinitions": [{containers}]
}}"#
        )
    }

    #[test]
    fn triggers_when_the_containers_add_up_to_more() {
        let text = task(
            "512",
            r#"{"name": "app", "image": "a", "cpu": 512}, {"name": "log-router", "image": "b", "cpu": 128}"#,
        );
        let found = hits(&text, ID);
        assert_eq!(found.len(), 1);
        assert_eq!(
            found[0].message,
            "The sum of all container 'cpu' values cannot be greater than the value of the task 'cpu'."
        );
        assert_eq!(found[0].line, line_of(&text, "\"cpu\": \"512\""));
        assert_eq!(found[0].pointer.as_deref(), Some("/cpu"));
        assert_eq!(
            found[0].help.as_deref(),
            Some("The containers reserve 640 CPU units (app: 512, log-router: 128); the task has 512.")
        );
    }

    #[test]
    fn reads_the_task_cpu_in_vcpu() {
        let text = task("0.5 vCPU", r#"{"name": "app", "image": "a", "cpu": 1024}"#);
        assert_eq!(hits(&text, ID).len(), 1);
    }

    #[test]
    fn stays_quiet_at_or_below_the_task_cpu() {
        let exact = task(
            "1 vCPU",
            r#"{"name": "a", "image": "a", "cpu": 512}, {"name": "b", "image": "b", "cpu": 512}"#,
        );
        assert!(hits(&exact, ID).is_empty());
        let no_task_cpu = edited("\"memory\": 512,", "\"memory\": 512, \"cpu\": 4096,");
        assert!(hits(&no_task_cpu, ID).is_empty());
        assert!(hits(VALID, ID).is_empty());
        assert!(hits(BACKEND_TASK, ID).is_empty());
        assert!(hits(FRONTEND_TASK, ID).is_empty());
    }
}
