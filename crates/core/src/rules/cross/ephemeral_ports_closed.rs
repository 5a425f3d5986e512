use crate::deployment::{Deployment, IngressRule};
use crate::diagnostic::Diagnostic;
use crate::rules::atlas::AtlasContext;
use crate::rules::declare_rule;
use crate::workspace::Analysis;

declare_rule! {
    /// Reports a service behind a load balancer whose tasks' host ports the
    /// instances' security groups do not open to that load balancer: for
    /// dynamic host ports (`hostPort` 0) the whole ephemeral range
    /// 32768–65535, for a static one that port.
    ///
    /// # Why it matters
    /// With dynamic host ports each task listens on a port Docker picks from
    /// the ephemeral range, and the target group sends health checks and
    /// traffic there. If the instances' security group does not let the
    /// load balancer's security group in on that range, every health check
    /// times out, the targets never become healthy, ECS keeps replacing the
    /// tasks, and clients get 503s.
    ///
    /// # Example
    /// ```json
    /// "securityGroups": [
    ///   { "id": "sg-instances", "name": "Instances",
    ///     "ingress": [{ "fromSecurityGroup": "sg-alb", "fromPort": 80, "toPort": 80 }] }
    /// ]
    /// ```
    ///
    /// # Fix
    /// Let the load balancer's security group in on 32768–65535 (TCP) in the
    /// instances' security group, or on the static host port.
    pub static RULE = {
        id: "cross/ephemeral-ports-closed",
        severity: Error,
        summary: "The instances' security groups do not open the tasks' host ports to the load balancer",
    }
}

const EPHEMERAL: (u16, u16) = (32768, 65535);

pub fn check(context: &AtlasContext, analysis: &Analysis, out: &mut Vec<Diagnostic>) {
    let d = context.deployment;
    // Without security groups in the file there is nothing to judge.
    if d.network.security_groups.is_empty() || d.cluster.security_groups.is_empty() {
        return;
    }
    for service in &d.services {
        let Some(binding) = &service.load_balancer else {
            continue;
        };
        let Some(lb) = d
            .load_balancers
            .iter()
            .find(|lb| lb.target_groups.iter().any(|tg| tg.id == binding.target_group))
        else {
            continue;
        };
        let Some(task) = analysis.task_definition(&service.task_definition) else {
            continue;
        };
        let Some(mapping) = task.container(&binding.container_name).and_then(|c| {
            c.port_mappings
                .iter()
                .find(|m| m.container_port == Some(u64::from(binding.container_port)))
        }) else {
            continue;
        };
        let awsvpc = task.network_mode.as_deref() == Some("awsvpc");
        let needed = match mapping.host_port {
            _ if awsvpc => (binding.container_port, binding.container_port),
            Some(0) | None => EPHEMERAL,
            Some(port) => match u16::try_from(port) {
                Ok(port) => (port, port),
                Err(_) => continue,
            },
        };
        if opened(d, &lb.security_groups, needed) {
            continue;
        }
        let pointer = "/cluster/securityGroups";
        let ports = if needed.0 == needed.1 {
            format!("port {}", needed.0)
        } else {
            format!("ports {}–{} (dynamic host ports)", needed.0, needed.1)
        };
        out.push(
            Diagnostic::at(
                &RULE,
                context.source,
                context.spans.nearest(pointer).value,
                format!(
                    "The {} service's tasks listen on host {ports}, but the instances' security groups do not let the {} in there: its health checks fail and the targets never become healthy",
                    service.name, lb.name
                ),
            )
            .with_pointer(pointer)
            .with_help(format!(
                "Add an ingress rule from the {}'s security group on {ports} to a security group of the instances.",
                lb.name
            )),
        );
    }
}

/// Whether one of the instances' security groups lets traffic from one of
/// `sources` (or from any address) in on the whole `range`.
fn opened(d: &Deployment, sources: &[String], range: (u16, u16)) -> bool {
    let covers = |rule: &IngressRule| {
        let from_source = rule
            .from_security_group
            .as_ref()
            .is_some_and(|group| sources.contains(group))
            || rule.cidr.is_some();
        from_source && rule.from_port <= range.0 && rule.to_port >= range.1
    };
    d.network
        .security_groups
        .iter()
        .filter(|g| d.cluster.security_groups.contains(&g.id))
        .any(|g| g.ingress.iter().any(covers))
}

#[cfg(test)]
mod tests {
    use crate::reference;
    use crate::rules::cross::fixtures::with_atlas;

    fn hits(atlas: &str) -> Vec<crate::Diagnostic> {
        crate::rules::cross::fixtures::hits(&with_atlas(atlas), "cross/ephemeral-ports-closed")
    }

    #[test]
    fn triggers_when_the_instances_open_only_port_80() {
        let atlas = reference::ATLAS.replace(
            r#""fromSecurityGroup": "sg-alb", "fromPort": 32768, "toPort": 65535"#,
            r#""fromSecurityGroup": "sg-alb", "fromPort": 80, "toPort": 80"#,
        );
        assert_ne!(atlas, reference::ATLAS);
        let found = hits(&atlas);
        assert_eq!(found.len(), 2, "{found:#?}");
        assert_eq!(
            found[0].message,
            "The frontend service's tasks listen on host ports 32768–65535 (dynamic host ports), but the instances' security groups do not let the Frontend ALB in there: its health checks fail and the targets never become healthy"
        );
        assert_eq!(found[0].pointer.as_deref(), Some("/cluster/securityGroups"));
    }

    #[test]
    fn stays_quiet_when_open_or_not_described() {
        assert!(hits(reference::ATLAS).is_empty());
        // A wider rule from the load balancers covers the range too.
        let atlas = reference::ATLAS.replace(
            r#""fromPort": 32768, "toPort": 65535"#,
            r#""fromPort": 1024, "toPort": 65535"#,
        );
        assert!(hits(&atlas).is_empty());
        // No security groups in the file: nothing to judge.
        let atlas = reference::ATLAS.replace(r#""securityGroups": ["sg-instances"]"#, r#""securityGroups": []"#);
        assert!(hits(&atlas).is_empty());
    }
}
