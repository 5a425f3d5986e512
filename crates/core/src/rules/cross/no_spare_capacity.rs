use crate::deployment::capacity::Capacity;
use crate::diagnostic::Diagnostic;
use crate::rules::atlas::AtlasContext;
use crate::rules::declare_rule;
use crate::units::vcpu_label;

declare_rule! {
    /// Notes a cluster whose running instances are full: no task of any of
    /// its services fits in what is left, so any scale-out needs another
    /// instance.
    ///
    /// # Why it matters
    /// A full cluster works, but a new task — a service scaling out, or the
    /// replacement a rolling deployment starts before it stops the old one —
    /// waits until the Auto Scaling group has started another instance and
    /// its ECS agent has registered, typically minutes. If the group is at
    /// its maximum, it never starts.
    ///
    /// # Example
    /// One 4 vCPU instance running tasks of 2 + 1 + 1 vCPU:
    /// ```json
    /// "instance": { "vcpu": 4 },
    /// "autoScalingGroup": { "min": 1, "desired": 1, "max": 2 }
    /// ```
    ///
    /// # Fix
    /// Nothing, if waiting for an instance on each deployment is acceptable.
    /// Otherwise keep an instance of headroom (desired one above what the
    /// tasks need), use a capacity provider with managed scaling and a target
    /// below 100 %, or set the services' minimum healthy percent below 100 so
    /// deployments stop an old task first.
    pub static RULE = {
        id: "cross/no-spare-capacity",
        severity: Info,
        summary: "The cluster's running instances are full: any new task needs another instance",
    }
}

pub fn check(context: &AtlasContext, capacity: &Capacity, out: &mut Vec<Diagnostic>) {
    // Managed scaling below 100 % keeps instances of headroom running.
    let provider = context.deployment.cluster.capacity_provider.as_ref();
    if provider.is_some_and(|p| p.managed_scaling && p.target_capacity_percent.is_some_and(|t| t < 100)) {
        return;
    }
    let running: Vec<_> = capacity.instances.iter().filter(|i| !i.scale_out).collect();
    let sizes: Vec<_> = capacity.services.iter().filter_map(|s| s.task.as_ref()).collect();
    // Instances the group runs that no task was placed on are spare room.
    let idle = (capacity.asg.desired as usize).saturating_sub(running.len());
    if running.is_empty() || sizes.is_empty() || idle > 0 || capacity.needed_current > capacity.asg.desired {
        return;
    }
    let fits_somewhere = running.iter().any(|instance| {
        sizes
            .iter()
            .any(|t| t.cpu_units <= instance.free.cpu_units && t.memory_mib <= instance.free.memory_mib)
    });
    if fits_somewhere {
        return;
    }
    let used: u64 = running.iter().map(|i| i.used.cpu_units).sum();
    let total = capacity.instance.cpu_units * running.len() as u64;
    let parts: Vec<String> = running
        .iter()
        .flat_map(|i| i.tasks.iter().map(|t| vcpu_label(t.cpu_units)))
        .collect();
    let pointer = "/cluster/autoScalingGroup/desired";
    out.push(
        Diagnostic::at(
            &RULE,
            context.source,
            context.spans.nearest(pointer).value,
            format!(
                "The cluster's {} running instance(s) are full ({used} of {total} CPU units: {} vCPU): any new task, including a rolling deployment's replacement, waits for another instance",
                running.len(),
                parts.join(" + ")
            ),
        )
        .with_pointer(pointer)
        .with_help(format!(
            "The Auto Scaling group may grow to {} instance(s). Keep one instance of headroom, or let deployments stop an old task first (minimum healthy percent below 100).",
            capacity.asg.max
        )),
    );
}

#[cfg(test)]
mod tests {
    use crate::reference;
    use crate::rules::cross::fixtures::with_atlas;

    fn hits(atlas: &str) -> Vec<crate::Diagnostic> {
        crate::rules::cross::fixtures::hits(&with_atlas(atlas), "cross/no-spare-capacity")
    }

    #[test]
    fn notes_the_reference_four_of_four_vcpu() {
        let found = hits(reference::ATLAS);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(
            found[0].message,
            "The cluster's 1 running instance(s) are full (4096 of 4096 CPU units: 2 + 1 + 1 vCPU): any new task, including a rolling deployment's replacement, waits for another instance"
        );
        assert_eq!(found[0].pointer.as_deref(), Some("/cluster/autoScalingGroup/desired"));
    }

    #[test]
    fn stays_quiet_with_headroom() {
        let atlas = reference::ATLAS.replace("\"vcpu\": 4", "\"vcpu\": 8");
        assert!(hits(&atlas).is_empty());
        let atlas = reference::ATLAS.replace("\"desired\": 1, \"max\": 2", "\"desired\": 2, \"max\": 2");
        assert!(hits(&atlas).is_empty());
        let provider = r#""subnets": ["private-a", "private-b"],
    "capacityProvider": { "name": "cp", "managedScaling": true, "targetCapacityPercent": 80 }"#;
        let atlas = reference::ATLAS.replacen(r#""subnets": ["private-a", "private-b"]"#, provider, 1);
        assert_ne!(atlas, reference::ATLAS);
        assert!(hits(&atlas).is_empty());
        // A provider filling instances to 100 % leaves the cluster as full.
        let atlas = atlas.replace("\"targetCapacityPercent\": 80", "\"targetCapacityPercent\": 100");
        assert_eq!(hits(&atlas).len(), 1);
    }
}
