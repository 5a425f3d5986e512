//! Which boxes carry which problems. A diagnostic belongs to the thing its
//! file and JSON pointer describe: a target group's port to that target
//! group, a task definition's container to that container in every drawn
//! task of the services running it, an nginx config to the container it
//! runs in. Only errors and warnings make badges; notes would drown them.

use std::collections::HashMap;

use crate::diagnostic::Severity;
use crate::workspace::{Analysis, Workspace};

use super::SceneIndex;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Badge {
    pub errors: usize,
    pub warnings: usize,
    /// Indexes into the analysis's diagnostics.
    pub diagnostics: Vec<usize>,
}

pub fn badges(analysis: &Analysis, workspace: &Workspace, index: &SceneIndex) -> HashMap<String, Badge> {
    let d = &analysis.deployment;
    let mut out: HashMap<String, Badge> = HashMap::new();
    for (i, diagnostic) in analysis.diagnostics.iter().enumerate() {
        if diagnostic.severity > Severity::Warning {
            continue;
        }
        let pointer = diagnostic.pointer.as_deref().unwrap_or("");
        let mut targets: Vec<String> = Vec::new();
        if diagnostic.file == workspace.deployment.name {
            targets = declared(analysis, index, pointer);
        } else if let Some(config) = d.nginx_configs.iter().find(|n| n.file == diagnostic.file) {
            for s in d
                .services
                .iter()
                .filter(|s| s.task_definition == config.task_definition)
            {
                targets.extend(index.containers(&s.id, &config.container));
            }
        } else {
            let families = d.task_definitions.iter().filter(|t| t.file == diagnostic.file);
            for family in families {
                let task = analysis.task_definition(&family.family);
                let container = container_at(pointer).and_then(|k| task?.containers.get(k));
                for s in d.services.iter().filter(|s| s.task_definition == family.family) {
                    match container {
                        Some(c) => targets.extend(index.containers(&s.id, &c.name)),
                        None => targets.extend(index.tasks(&s.id).map(str::to_owned)),
                    }
                }
            }
        }
        targets.dedup();
        for target in targets {
            let badge = out.entry(target).or_default();
            match diagnostic.severity {
                Severity::Error => badge.errors += 1,
                _ => badge.warnings += 1,
            }
            badge.diagnostics.push(i);
        }
    }
    out
}

/// `/containerDefinitions/3/...` → 3.
fn container_at(pointer: &str) -> Option<usize> {
    pointer
        .strip_prefix("/containerDefinitions/")?
        .split('/')
        .next()?
        .parse()
        .ok()
}

/// The boxes of the object an `atlas.json` pointer is inside: the deepest
/// object along it that the scene draws.
fn declared(analysis: &Analysis, index: &SceneIndex, pointer: &str) -> Vec<String> {
    let d = &analysis.deployment;
    let parts: Vec<&str> = pointer.split('/').skip(1).collect();
    let at = |k: usize| parts.get(k).and_then(|p| p.parse::<usize>().ok());
    let drawn = |id: &str| {
        if index.has(id) {
            vec![id.to_owned()]
        } else {
            Vec::new()
        }
    };
    let service_tasks = |id: &str| index.tasks(id).map(str::to_owned).collect::<Vec<_>>();
    match parts.first().copied() {
        Some("dns") => at(1).and_then(|i| d.dns.get(i)).map(|r| drawn(&r.id)),
        Some("loadBalancers") => {
            at(1)
                .and_then(|i| d.load_balancers.get(i))
                .map(|lb| match (parts.get(2).copied(), at(3)) {
                    (Some("targetGroups"), Some(j)) => lb
                        .target_groups
                        .get(j)
                        .map_or_else(|| drawn(&lb.id), |tg| drawn(&tg.id)),
                    _ => drawn(&lb.id),
                })
        }
        Some("services") => at(1).and_then(|i| d.services.get(i)).map(|s| service_tasks(&s.id)),
        Some("taskDefinitions") => at(1).and_then(|i| d.task_definitions.get(i)).map(|t| {
            d.services
                .iter()
                .filter(|s| s.task_definition == t.family)
                .flat_map(|s| service_tasks(&s.id))
                .collect()
        }),
        Some("nginxConfigs") => at(1).and_then(|i| d.nginx_configs.get(i)).map(|n| {
            d.services
                .iter()
                .filter(|s| s.task_definition == n.task_definition)
                .flat_map(|s| index.containers(&s.id, &n.container))
                .collect()
        }),
        Some("pipeline") => at(1).and_then(|i| d.pipeline.get(i)).map(|p| drawn(&p.id)),
        Some("cluster") => Some(drawn(&d.cluster.id)),
        Some("network") => {
            let net = &d.network;
            match (parts.get(1).copied(), at(2)) {
                (Some("subnets"), Some(i)) => net.subnets.get(i).map(|s| drawn(&s.id)),
                (Some("availabilityZones"), Some(i)) => net.availability_zones.get(i).map(|z| drawn(&z.id)),
                (Some("natGateways"), Some(i)) => net.nat_gateways.get(i).map(|n| drawn(&n.id)),
                (Some("internetGateway"), _) => net.internet_gateway.as_ref().map(|g| drawn(&g.id)),
                _ => Some(drawn(&net.vpc.id)),
            }
        }
        _ => None,
    }
    .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::layout;
    use crate::reference;

    #[test]
    fn a_renamed_backend_app_container_badges_the_backend_nginx() {
        let mut workspace = reference::workspace();
        let task = workspace
            .artifacts
            .iter_mut()
            .find(|f| f.name == "ecs-backend-task.describe.json")
            .unwrap();
        task.text = task.text.replace("\"springboot\"", "\"api\"");
        let analysis = workspace.analyze();
        let scene = layout(&analysis);
        let badges = badges(&analysis, &workspace, &SceneIndex::new(&scene));
        let nginx = &badges["svc-backend/task-1/nginx"];
        let rules: Vec<&str> = nginx
            .diagnostics
            .iter()
            .map(|&i| analysis.diagnostics[i].rule)
            .collect();
        assert!(rules.contains(&"cross/proxy-pass-not-linked"), "{rules:?}");
        assert!(badges.contains_key("svc-backend/task-2/nginx"));
        assert!(
            !badges.contains_key("svc-frontend/task-1/nginx") || {
                let front = &badges["svc-frontend/task-1/nginx"];
                !front
                    .diagnostics
                    .iter()
                    .any(|&i| analysis.diagnostics[i].rule == "cross/proxy-pass-not-linked")
            }
        );
    }

    #[test]
    fn atlas_pointers_badge_what_they_point_into() {
        let workspace = reference::workspace();
        let analysis = workspace.analyze();
        let scene = layout(&analysis);
        let index = SceneIndex::new(&scene);
        assert_eq!(
            declared(&analysis, &index, "/loadBalancers/1/targetGroups/0/port"),
            ["tg-backend"]
        );
        assert_eq!(declared(&analysis, &index, "/loadBalancers/0"), ["alb-frontend"]);
        assert_eq!(declared(&analysis, &index, "/network/subnets/3/kind").len(), 1);
        assert_eq!(
            declared(&analysis, &index, "/services/1/desiredCount"),
            ["svc-backend/task-1", "svc-backend/task-2"]
        );
        assert!(declared(&analysis, &index, "/nonsense/7").is_empty());
        assert!(declared(&analysis, &index, "").is_empty());
    }
}
