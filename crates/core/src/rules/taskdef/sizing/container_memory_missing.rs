use super::{container_label, is_fargate};
use crate::diagnostic::Diagnostic;
use crate::json_tree::Node;
use crate::rules::declare_rule;
use crate::rules::taskdef::Context;

declare_rule! {
    /// Reports a container with neither `memory` nor `memoryReservation` in a
    /// task definition without task-level `memory`.
    ///
    /// # Why it matters
    /// ECS must know how much memory to set aside for every container, from
    /// the container or from the task. Without either it refuses the
    /// registration with `Invalid setting for container 'app'. At least one
    /// of 'memory' or 'memoryReservation' must be specified.`
    ///
    /// # Example
    /// ```json
    /// { "family": "web", "containerDefinitions": [ { "name": "app", "image": "nginx" } ] }
    /// ```
    ///
    /// # Fix
    /// Give the container a `memoryReservation` (a soft limit it may grow past)
    /// or a `memory` (a hard limit), in MiB; or give the task a `memory`, which
    /// its containers then share.
    ///
    /// # References
    /// `memoryReservation` in ContainerDefinition (Amazon ECS API Reference):
    /// "If a task-level memory value is not specified, you must specify a
    /// non-zero integer for one or both of memory or memoryReservation in a
    /// container definition."
    pub static RULE = {
        id: "taskdef/container-memory-missing",
        severity: Error,
        summary: "A container without memory or memoryReservation in a task without memory",
    }
}

pub fn check(context: &Context, out: &mut Vec<Diagnostic>) {
    let body = context.body;
    // Fargate requires task memory anyway; its own rule asks for that one fix.
    if body.value("memory").is_some_and(|m| !m.is_null()) || is_fargate(body) {
        return;
    }
    for (index, container) in context.containers() {
        let has = |key: &str| container.value(key).is_some_and(|v| !v.is_null());
        if has("memory") || has("memoryReservation") {
            continue;
        }
        let name = container_label(container, index);
        let span = container.value("name").map_or(container.span, |n: &Node| n.span);
        out.push(
            context
                .diagnostic(
                    &RULE,
                    span,
                    &format!("/containerDefinitions/{index}"),
                    format!(
                        "Invalid setting for container '{name}'. At least one of 'memory' or 'memoryReservation' must be specified."
                    ),
                )
                .with_help(
                    "Add \"memoryReservation\" (MiB the container normally needs) or \"memory\" (MiB at which it is killed) to the container, or a task-level \"memory\" the containers share.",
                ),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::reference::{BACKEND_TASK, FRONTEND_TASK};
    use crate::rules::taskdef::fixtures::{edited, hits, line_of, VALID};

    const ID: &str = "taskdef/container-memory-missing";

    #[test]
    fn triggers_at_the_container_name() {
        let text = edited("\"memory\": 512,", "");
        let found = hits(&text, ID);
        assert_eq!(found.len(), 1);
        assert_eq!(
            found[0].message,
            "Invalid setting for container 'app'. At least one of 'memory' or 'memoryReservation' must be specified."
        );
        assert_eq!(found[0].line, line_of(&text, "\"name\": \"app\""));
        assert_eq!(found[0].pointer.as_deref(), Some("/containerDefinitions/0"));
    }

    #[test]
    fn stays_quiet_with_either_value_or_task_memory() {
        assert!(hits(VALID, ID).is_empty());
        assert!(hits(&edited("\"memory\": 512,", "\"memoryReservation\": 256,"), ID).is_empty());
        let task_memory = edited("\"memory\": 512,", "")
            .replace("\"family\": \"web\",", "\"family\": \"web\", \"memory\": \"1 GB\",");
        assert!(hits(&task_memory, ID).is_empty());
        let fargate = edited("\"memory\": 512,", "").replace(
            "\"family\": \"web\",",
            "\"family\": \"web\", \"requiresCompatibilities\": [\"FARGATE\"],",
        );
        assert!(hits(&fargate, ID).is_empty());
        assert!(hits(BACKEND_TASK, ID).is_empty());
        assert!(hits(FRONTEND_TASK, ID).is_empty());
    }
}
