use crate::deployment::{Scheme, SubnetKind};
use crate::diagnostic::Diagnostic;
use crate::rules::atlas::AtlasContext;
use crate::rules::declare_rule;

declare_rule! {
    /// Explains a call from a service to a public domain of the same
    /// deployment: from a private subnet the request leaves the VPC through the
    /// NAT gateway, crosses the internet gateway and comes back in through the
    /// internet-facing load balancer.
    ///
    /// # Why it matters
    /// The detour is easy to miss in a diagram and has a price: every byte of
    /// the call and its answer is NAT gateway data processing, charged per GB on
    /// top of the gateway's hourly fee, and each call adds the round trip out of
    /// the VPC and back. When the NAT gateway or its availability zone fails, the
    /// service can no longer reach its own API although both run side by side.
    ///
    /// # Example
    /// ```json
    /// "calls": [{ "container": "next", "target": "dns-api" }]
    /// ```
    /// where `dns-api` is an alias to an internet-facing load balancer and the
    /// cluster's instances sit in private subnets.
    ///
    /// # Fix
    /// Often nothing: one API base URL for browser and server is simpler, and
    /// cached DNS keeps the cost of the detour small. When the traffic grows, put
    /// an internal load balancer (or ECS Service Connect) in front of the API for
    /// server-side calls, and give the server its own base URL.
    pub static RULE = {
        id: "cross/egress-through-nat",
        severity: Info,
        summary: "A service calls a public domain of its own deployment through the NAT gateway",
    }
}

pub fn check(context: &AtlasContext, out: &mut Vec<Diagnostic>) {
    let d = context.deployment;
    let in_private_subnet = d.cluster.subnets.iter().any(|id| {
        d.network
            .subnets
            .iter()
            .any(|s| &s.id == id && s.kind == SubnetKind::Private)
    });
    // Without a NAT gateway the call cannot leave at all; that is a different
    // problem, not an explanation of the path.
    let Some(nat) = d.network.nat_gateways.first() else {
        return;
    };
    if !in_private_subnet {
        return;
    }
    for (i, service) in d.services.iter().enumerate() {
        for (j, call) in service.calls.iter().enumerate() {
            let Some(record) = d.dns.iter().find(|r| r.id == call.target) else {
                continue;
            };
            let Some(lb) = d.load_balancers.iter().find(|lb| lb.id == record.alias_target) else {
                continue;
            };
            if lb.scheme != Scheme::InternetFacing {
                continue;
            }
            let pointer = format!("/services/{i}/calls/{j}");
            let span = context.spans.nearest(&pointer).value;
            let message = format!(
                "The {} service's {} container calls {}, a public domain: the request leaves the VPC through the {} and comes back in through the {}",
                service.name, call.container, record.name, nat.name, lb.name
            );
            out.push(
                Diagnostic::at(&RULE, context.source, span, message)
                    .with_pointer(pointer)
                    .with_help(
                        "NAT gateway data processing is charged per GB, both ways; an internal load balancer for server-side calls keeps them inside the VPC.",
                    ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::reference;
    use crate::rules::cross::fixtures::with_atlas;

    fn hits(atlas: &str) -> Vec<crate::Diagnostic> {
        crate::rules::cross::fixtures::hits(&with_atlas(atlas), "cross/egress-through-nat")
    }

    #[test]
    fn explains_the_reference_server_side_call() {
        let found = hits(reference::ATLAS);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(
            found[0].message,
            "The frontend service's next container calls api.inforum.me, a public domain: the request leaves the VPC through the NAT gateway and comes back in through the Backend ALB"
        );
        assert_eq!(found[0].pointer.as_deref(), Some("/services/0/calls/0"));
        let line = reference::ATLAS
            .lines()
            .position(|l| l.contains("\"dns-api\", \"note\""))
            .unwrap()
            + 1;
        assert_eq!(found[0].line, line);
    }

    #[test]
    fn stays_quiet_when_the_target_is_internal() {
        let text = reference::ATLAS.replacen(
            "\"name\": \"Backend ALB\",\n      \"scheme\": \"internet-facing\"",
            "\"name\": \"Backend ALB\",\n      \"scheme\": \"internal\"",
            1,
        );
        assert_ne!(text, reference::ATLAS);
        assert!(hits(&text).is_empty());
    }

    #[test]
    fn stays_quiet_when_the_instances_have_public_addresses() {
        let text = reference::ATLAS.replacen(
            "\"subnets\": [\"private-a\", \"private-b\"]",
            "\"subnets\": [\"public-a\", \"public-b\"]",
            1,
        );
        assert_ne!(text, reference::ATLAS);
        assert!(hits(&text).is_empty());
    }
}
