use crate::deployment::capacity::Capacity;
use crate::diagnostic::Diagnostic;
use crate::rules::atlas::AtlasContext;
use crate::rules::declare_rule;

declare_rule! {
    /// Reports a service whose desired count cannot be placed on the
    /// cluster even when its Auto Scaling group runs its maximum number of
    /// instances.
    ///
    /// # Why it matters
    /// ECS keeps the tasks it cannot place in PROVISIONING or simply does not
    /// start them: the service runs below its desired count for as long as
    /// the cluster stays that size, and every deployment waits on capacity
    /// that never comes. With EC2 instances, each task reserves its CPU units
    /// and memory on one instance; a task that does not fit on any instance
    /// the group may start does not run.
    ///
    /// # Example
    /// A cluster of at most 2 instances of 4 vCPU, and a service of 9 tasks
    /// of 1 vCPU beside the frontend's 2 vCPU task:
    /// ```json
    /// "autoScalingGroup": { "min": 1, "desired": 1, "max": 2 },
    /// "services": [{ "id": "svc-backend", "desiredCount": 9 }]
    /// ```
    ///
    /// # Fix
    /// Raise the Auto Scaling group's `max`, choose a larger instance type,
    /// make the tasks smaller, or lower the desired count.
    pub static RULE = {
        id: "cross/unplaceable-tasks",
        severity: Error,
        summary: "A service's desired tasks do not fit on the cluster even at its Auto Scaling maximum",
    }
}

pub fn check(context: &AtlasContext, capacity: &Capacity, out: &mut Vec<Diagnostic>) {
    for unplaced in &capacity.unplaceable {
        let Some(index) = context
            .deployment
            .services
            .iter()
            .position(|s| s.id == unplaced.service)
        else {
            continue;
        };
        let service = &context.deployment.services[index];
        let pointer = format!("/services/{index}/desiredCount");
        let span = context.spans.nearest(&pointer).value;
        out.push(
            Diagnostic::at(
                &RULE,
                context.source,
                span,
                format!(
                    "{} of the {} service's {} tasks cannot be placed: {}",
                    unplaced.count, service.name, service.desired_count, unplaced.reason
                ),
            )
            .with_pointer(pointer)
            .with_help(format!(
                "At its maximum of {} instance(s) the Auto Scaling group has no room for them; raise its max, use larger instances or smaller tasks, or lower the desired count.",
                capacity.asg.max
            )),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::reference;
    use crate::rules::cross::fixtures::with_atlas;

    fn hits(atlas: &str) -> Vec<crate::Diagnostic> {
        crate::rules::cross::fixtures::hits(&with_atlas(atlas), "cross/unplaceable-tasks")
    }

    #[test]
    fn triggers_when_the_desired_count_outgrows_the_group_maximum() {
        let atlas = reference::ATLAS.replace("\"desiredCount\": 2,", "\"desiredCount\": 9,");
        let found = hits(&atlas);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert!(
            found[0]
                .message
                .starts_with("3 of the backend service's 9 tasks cannot be placed"),
            "{}",
            found[0].message
        );
        assert_eq!(found[0].pointer.as_deref(), Some("/services/1/desiredCount"));
        let line = atlas.lines().position(|l| l.contains("\"desiredCount\": 9,")).unwrap() + 1;
        assert_eq!(found[0].line, line);
    }

    #[test]
    fn stays_quiet_when_the_group_may_grow_enough() {
        assert!(hits(reference::ATLAS).is_empty());
        // Three backend tasks need a second instance, which the group allows.
        let atlas = reference::ATLAS.replace("\"desiredCount\": 2,", "\"desiredCount\": 3,");
        assert!(hits(&atlas).is_empty());
        let atlas = reference::ATLAS
            .replace("\"desiredCount\": 2,", "\"desiredCount\": 9,")
            .replace("\"max\": 2, \"launchTemplate\"", "\"max\": 3, \"launchTemplate\"");
        assert!(hits(&atlas).is_empty());
    }
}
