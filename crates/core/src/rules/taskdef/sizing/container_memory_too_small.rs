use super::{container_label, integer};
use crate::diagnostic::Diagnostic;
use crate::rules::declare_rule;
use crate::rules::taskdef::Context;

declare_rule! {
    /// Reports a container `memory` or `memoryReservation` below 6 MiB, the
    /// least a container can have under Docker 20.10.0 and later (4 MiB with
    /// Docker 19.03.13-ce and earlier).
    ///
    /// # Why it matters
    /// ECS registers the definition, but Docker refuses to create the
    /// container (`Minimum memory limit allowed is 6MB`), so the task stops
    /// every time it is started. A value of 0 usually means MiB were meant
    /// and GB written, or the field was templated empty.
    ///
    /// # Example
    /// ```json
    /// { "name": "app", "memory": 4 }
    /// ```
    ///
    /// # Fix
    /// Give the container at least 6 MiB; real applications need far more.
    /// Values are in MiB: 4 GB is `4096`.
    ///
    /// # References
    /// `memory` and `memoryReservation` in ContainerDefinition (Amazon ECS API
    /// Reference): "The Docker 20.10.0 or later daemon reserves a minimum of 6
    /// MiB of memory for a container. So, don't specify less than 6 MiB of
    /// memory for your containers."
    pub static RULE = {
        id: "taskdef/container-memory-too-small",
        severity: Error,
        summary: "A container memory or memoryReservation below Docker's 6 MiB minimum",
    }
}

/// Docker 20.10.0 and later refuse less.
const MIN_MIB: u64 = 6;

pub fn check(context: &Context, out: &mut Vec<Diagnostic>) {
    for (index, container) in context.containers() {
        for key in ["memory", "memoryReservation"] {
            let Some((value, node)) = integer(container, key) else {
                continue;
            };
            if value >= MIN_MIB {
                continue;
            }
            let name = container_label(container, index);
            out.push(
                context
                    .diagnostic(
                        &RULE,
                        node.span,
                        &format!("/containerDefinitions/{index}/{key}"),
                        format!("Container '{name}' has {key} {value} MiB; Docker needs at least {MIN_MIB} MiB for a container."),
                    )
                    .with_help(
                        "Docker 20.10.0 and later reserve 6 MiB for every container and refuse to create one with less. Values are in MiB (4 GB is 4096).",
                    ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::reference::{BACKEND_TASK, FRONTEND_TASK};
    use crate::rules::taskdef::fixtures::{edited, hits, line_of, VALID};

    const ID: &str = "taskdef/container-memory-too-small";

    #[test]
    fn triggers_on_a_tiny_limit_at_the_value() {
        let text = edited("\"memory\": 512,", "\"memory\": 4,");
        let found = hits(&text, ID);
        assert_eq!(found.len(), 1);
        assert_eq!(
            found[0].message,
            "Container 'app' has memory 4 MiB; Docker needs at least 6 MiB for a container."
        );
        assert_eq!(found[0].line, line_of(&text, "\"memory\": 4,"));
        assert_eq!(found[0].pointer.as_deref(), Some("/containerDefinitions/0/memory"));
    }

    #[test]
    fn triggers_on_a_zero_reservation() {
        let text = edited("\"memory\": 512,", "\"memory\": 512, \"memoryReservation\": 0,");
        let found = hits(&text, ID);
        assert_eq!(found.len(), 1);
        assert_eq!(
            found[0].pointer.as_deref(),
            Some("/containerDefinitions/0/memoryReservation")
        );
        assert!(found[0].message.contains("memoryReservation 0 MiB"));
    }

    #[test]
    fn stays_quiet_from_six_mib_up() {
        assert!(hits(&edited("\"memory\": 512,", "\"memory\": 6,"), ID).is_empty());
        assert!(hits(VALID, ID).is_empty());
        assert!(hits(BACKEND_TASK, ID).is_empty());
        assert!(hits(FRONTEND_TASK, ID).is_empty());
    }
}
