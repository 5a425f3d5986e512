use super::{container_label, integer, task_memory};
use crate::diagnostic::Diagnostic;
use crate::rules::declare_rule;
use crate::rules::taskdef::Context;

declare_rule! {
    /// Reports container memory that cannot fit in the task-level `memory`:
    /// a container whose hard limit, `memory`, is above the task's, or
    /// containers whose `memoryReservation` values add up to more than it.
    ///
    /// # Why it matters
    /// ECS refuses the registration with `The 'memory' setting for container
    /// 'app' is greater than for the task.` or `The sum of all container
    /// 'memoryReservation' values cannot be greater than the value of the task
    /// 'memory'.`, without the numbers.
    ///
    /// # Example
    /// ```json
    /// { "memory": "1024", "containerDefinitions": [
    ///   { "name": "app", "memoryReservation": 768 },
    ///   { "name": "log-router", "memoryReservation": 512 } ] }
    /// ```
    ///
    /// # Fix
    /// Raise the task `memory`, or lower the containers' values. Containers do
    /// not need their own `memory` when the task has one: they share the
    /// task's.
    ///
    /// # References
    /// `memory` in ContainerDefinition (Amazon ECS API Reference): "The total
    /// amount of memory reserved for all containers within a task must be
    /// lower than the task memory value, if one is specified."
    pub static RULE = {
        id: "taskdef/container-memory-exceeds-task",
        severity: Error,
        summary: "A container memory above the task memory, or reservations that add up to more",
    }
}

pub fn check(context: &Context, out: &mut Vec<Diagnostic>) {
    let Some((task, task_node)) = task_memory(context.body) else {
        return;
    };
    for (index, container) in context.containers() {
        let Some((memory, node)) = integer(container, "memory") else {
            continue;
        };
        if memory <= task {
            continue;
        }
        let name = container_label(container, index);
        out.push(
            context
                .diagnostic(
                    &RULE,
                    node.span,
                    &format!("/containerDefinitions/{index}/memory"),
                    format!("The 'memory' setting for container '{name}' is greater than for the task."),
                )
                .with_help(format!(
                    "The container's hard limit is {memory} MiB; the whole task has {task} MiB."
                )),
        );
    }
    let reservations = reservations(context);
    let total = reservations.iter().fold(0u64, |sum, (_, mib)| sum.saturating_add(*mib));
    if total > task {
        out.push(
            context
                .diagnostic(
                    &RULE,
                    task_node.span,
                    "/memory",
                    "The sum of all container 'memoryReservation' values cannot be greater than the value of the task 'memory'.",
                )
                .with_help(format!(
                    "The containers reserve {total} MiB ({}); the task has {task} MiB.",
                    listed(&reservations)
                )),
        );
    }
}

/// Each container's explicit `memoryReservation`, by name.
pub fn reservations(context: &Context) -> Vec<(String, u64)> {
    context
        .containers()
        .filter_map(|(index, c)| Some((container_label(c, index), integer(c, "memoryReservation")?.0)))
        .collect()
}

/// "app: 768, log-router: 512"
pub fn listed(parts: &[(String, u64)]) -> String {
    let parts: Vec<String> = parts.iter().map(|(name, mib)| format!("{name}: {mib}")).collect();
    parts.join(", ")
}

#[cfg(test)]
mod tests {
    use crate::reference::{BACKEND_TASK, FRONTEND_TASK};
    use crate::rules::taskdef::fixtures::{edited, hits, line_of, VALID};

    const ID: &str = "taskdef/container-memory-exceeds-task";

    fn task(memory: &str, containers: &str) -> String {
        format!(
            r#"{{
  "family": "web",
  "memory": "{memory}",
  "containerDefinitions": [
    {containers}
  ]
}}"#
        )
    }

    #[test]
    fn triggers_on_a_container_limit_above_the_task() {
        let text = task("1 GB", r#"{"name": "app", "image": "a", "memory": 2048}"#);
        let found = hits(&text, ID);
        assert_eq!(found.len(), 1);
        assert_eq!(
            found[0].message,
            "The 'memory' setting for container 'app' is greater than for the task."
        );
        assert_eq!(found[0].line, line_of(&text, "\"memory\": 2048"));
        assert_eq!(found[0].pointer.as_deref(), Some("/containerDefinitions/0/memory"));
        assert_eq!(
            found[0].help.as_deref(),
            Some("The container's hard limit is 2048 MiB; the whole task has 1024 MiB.")
        );
    }

    #[test]
    fn triggers_on_reservations_adding_up_to_more_at_the_task_value() {
        let text = task(
            "1024",
            r#"{"name": "app", "image": "a", "memoryReservation": 768},
    {"name": "log-router", "image": "b", "memoryReservation": 512}"#,
        );
        let found = hits(&text, ID);
        assert_eq!(found.len(), 1);
        assert_eq!(
            found[0].message,
            "The sum of all container 'memoryReservation' values cannot be greater than the value of the task 'memory'."
        );
        assert_eq!(found[0].line, line_of(&text, "\"memory\": \"1024\""));
        assert_eq!(found[0].pointer.as_deref(), Some("/memory"));
        assert_eq!(
            found[0].help.as_deref(),
            Some("The containers reserve 1280 MiB (app: 768, log-router: 512); the task has 1024 MiB.")
        );
    }

    #[test]
    fn stays_quiet_when_everything_fits() {
        let fits = task(
            "2048",
            r#"{"name": "app", "image": "a", "memory": 2048, "memoryReservation": 1024},
    {"name": "log-router", "image": "b", "memoryReservation": 1024}"#,
        );
        assert!(hits(&fits, ID).is_empty());
        let no_task_memory = edited("\"memory\": 512,", "\"memory\": 100000,");
        assert!(hits(&no_task_memory, ID).is_empty());
        assert!(hits(VALID, ID).is_empty());
        assert!(hits(BACKEND_TASK, ID).is_empty());
        assert!(hits(FRONTEND_TASK, ID).is_empty());
    }
}
