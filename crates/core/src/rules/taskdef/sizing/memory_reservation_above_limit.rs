use super::{container_label, integer};
use crate::diagnostic::Diagnostic;
use crate::rules::declare_rule;
use crate::rules::taskdef::Context;

declare_rule! {
    /// Reports a container whose soft limit, `memoryReservation`, is above its
    /// hard limit, `memory`. Equal values are allowed.
    ///
    /// # Why it matters
    /// ECS refuses the registration: the reservation is what the scheduler
    /// sets aside for the container, and a container killed at `memory` can
    /// never use a larger reservation.
    ///
    /// # Example
    /// ```json
    /// { "name": "app", "memory": 256, "memoryReservation": 512 }
    /// ```
    ///
    /// # Fix
    /// Lower `memoryReservation` to what the container normally uses, or raise
    /// `memory` to the most it may ever use. The two were often swapped.
    ///
    /// # References
    /// `memory` and `memoryReservation` in ContainerDefinition (Amazon ECS API
    /// Reference): "If you specify both, memory must be greater than
    /// memoryReservation."
    pub static RULE = {
        id: "taskdef/memory-reservation-above-limit",
        severity: Error,
        summary: "A container's memoryReservation above its memory",
    }
}

pub fn check(context: &Context, out: &mut Vec<Diagnostic>) {
    for (index, container) in context.containers() {
        let (Some((memory, _)), Some((reservation, node))) =
            (integer(container, "memory"), integer(container, "memoryReservation"))
        else {
            continue;
        };
        if reservation <= memory {
            continue;
        }
        let name = container_label(container, index);
        out.push(
            context
                .diagnostic(
                    &RULE,
                    node.span,
                    &format!("/containerDefinitions/{index}/memoryReservation"),
                    format!("Invalid setting for container '{name}'. 'memory' must be greater than or equal to 'memoryReservation'."),
                )
                .with_help(format!(
                    "The soft limit ({reservation} MiB) is above the hard limit ({memory} MiB); were the two swapped?"
                )),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::reference::{BACKEND_TASK, FRONTEND_TASK};
    use crate::rules::taskdef::fixtures::{edited, hits, line_of, VALID};

    const ID: &str = "taskdef/memory-reservation-above-limit";

    #[test]
    fn triggers_on_a_reservation_above_the_limit() {
        let text = edited(
            "\"memory\": 512,",
            "\"memory\": 256,\n      \"memoryReservation\": 512,",
        );
        let found = hits(&text, ID);
        assert_eq!(found.len(), 1);
        assert_eq!(
            found[0].message,
            "Invalid setting for container 'app'. 'memory' must be greater than or equal to 'memoryReservation'."
        );
        assert_eq!(found[0].line, line_of(&text, "\"memoryReservation\""));
        assert_eq!(
            found[0].pointer.as_deref(),
            Some("/containerDefinitions/0/memoryReservation")
        );
        assert!(found[0].help.as_deref().unwrap().contains("512 MiB"));
    }

    #[test]
    fn allows_equal_or_lower_reservations_and_either_alone() {
        for memory in [
            "\"memory\": 512, \"memoryReservation\": 512,",
            "\"memory\": 512, \"memoryReservation\": 128,",
            "\"memoryReservation\": 4096,",
            "\"memory\": 512, \"memoryReservation\": \"1024\",",
        ] {
            assert!(hits(&edited("\"memory\": 512,", memory), ID).is_empty(), "{memory}");
        }
        assert!(hits(VALID, ID).is_empty());
        assert!(hits(BACKEND_TASK, ID).is_empty());
        assert!(hits(FRONTEND_TASK, ID).is_empty());
    }
}
