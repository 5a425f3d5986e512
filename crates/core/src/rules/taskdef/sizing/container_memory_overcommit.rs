use super::container_memory_exceeds_task::listed;
use super::{container_label, integer, task_memory};
use crate::diagnostic::Diagnostic;
use crate::rules::declare_rule;
use crate::rules::taskdef::Context;

declare_rule! {
    /// Reports containers whose memory, counting each container's
    /// `memoryReservation` or else its `memory`, adds up to more than the
    /// task-level `memory`, when no single value already breaks ECS's own
    /// checks (those are `taskdef/container-memory-exceeds-task`).
    ///
    /// # Why it matters
    /// The containers share the task's memory: together they cannot get what
    /// their settings promise, and under load the one that reaches the task's
    /// limit first is killed. The Amazon ECS API Reference asks for the total
    /// to stay below the task memory.
    ///
    /// # Example
    /// ```json
    /// { "memory": "1024", "containerDefinitions": [
    ///   { "name": "app", "memory": 1024 }, { "name": "log-router", "memory": 256 } ] }
    /// ```
    ///
    /// # Fix
    /// Raise the task `memory` to the total, or lower the containers' values
    /// so they fit. A container without its own limit may use whatever the
    /// others leave.
    ///
    /// # References
    /// `memory` in ContainerDefinition (Amazon ECS API Reference): "The total
    /// amount of memory reserved for all containers within a task must be
    /// lower than the task memory value, if one is specified."
    pub static RULE = {
        id: "taskdef/container-memory-overcommit",
        severity: Warning,
        summary: "Container memory that adds up to more than the task memory",
    }
}

pub fn check(context: &Context, out: &mut Vec<Diagnostic>) {
    let Some((task, node)) = task_memory(context.body) else {
        return;
    };
    let mut reserved = 0u64;
    let mut parts = Vec::new();
    for (index, container) in context.containers() {
        let reservation = integer(container, "memoryReservation").map(|r| r.0);
        let memory = integer(container, "memory").map(|m| m.0);
        // Cases ECS itself rejects are reported as errors by the other rule.
        if memory.is_some_and(|m| m > task) {
            return;
        }
        reserved = reserved.saturating_add(reservation.unwrap_or(0));
        if let Some(mib) = reservation.or(memory) {
            parts.push((container_label(container, index), mib));
        }
    }
    if reserved > task {
        return;
    }
    let total = parts.iter().fold(0u64, |sum, (_, mib)| sum.saturating_add(*mib));
    if total <= task {
        return;
    }
    out.push(
        context
            .diagnostic(
                &RULE,
                node.span,
                "/memory",
                format!("The containers' memory adds up to {total} MiB, more than the task's {task} MiB."),
            )
            .with_help(format!(
                "Counting memoryReservation, else memory: {}. The containers share the task's {task} MiB, so together they cannot get what their settings promise.",
                listed(&parts)
            )),
    );
}

#[cfg(test)]
mod tests {
    use crate::reference::{BACKEND_TASK, FRONTEND_TASK};
    use crate::rules::taskdef::fixtures::{hits, line_of, VALID};

    const ID: &str = "taskdef/container-memory-overcommit";

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
    fn triggers_when_limits_and_reservations_add_up_to_more() {
        let text = task(
            "1024",
            r#"{"name": "app", "image": "a", "memory": 1024},
    {"name": "log-router", "image": "b", "memory": 512, "memoryReservation": 64}"#,
        );
        let found = hits(&text, ID);
        assert_eq!(found.len(), 1);
        assert_eq!(
            found[0].message,
            "The containers' memory adds up to 1088 MiB, more than the task's 1024 MiB."
        );
        assert!(found[0].help.as_deref().unwrap().contains("app: 1024, log-router: 64"));
        assert_eq!(found[0].line, line_of(&text, "\"memory\": \"1024\""));
        assert_eq!(found[0].pointer.as_deref(), Some("/memory"));
    }

    #[test]
    fn leaves_what_ecs_rejects_to_the_error_rule() {
        let over_limit = task("1024", r#"{"name": "app", "image": "a", "memory": 2048}"#);
        assert!(hits(&over_limit, ID).is_empty());
        let reservations = task(
            "1024",
            r#"{"name": "a", "image": "a", "memoryReservation": 1024}, {"name": "b", "image": "b", "memoryReservation": 8}"#,
        );
        assert!(hits(&reservations, ID).is_empty());
    }

    #[test]
    fn stays_quiet_when_everything_fits() {
        let fits = task(
            "2 GB",
            r#"{"name": "app", "image": "a", "memory": 1536}, {"name": "log-router", "image": "b", "memory": 512}"#,
        );
        assert!(hits(&fits, ID).is_empty());
        let shared = task("512", r#"{"name": "app", "image": "a"}, {"name": "b", "image": "b"}"#);
        assert!(hits(&shared, ID).is_empty());
        assert!(hits(VALID, ID).is_empty());
        assert!(hits(BACKEND_TASK, ID).is_empty());
        assert!(hits(FRONTEND_TASK, ID).is_empty());
    }
}
