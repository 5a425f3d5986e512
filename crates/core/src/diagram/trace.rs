//! A request path laid over the scene: each hop of
//! [`crate::deployment::request_path`] with the box it passes.
//!
//! The path's node ids name things as the files do (a container is
//! `family/name`, the instances are `cluster/instance`); the scene draws
//! each running copy (`svc-backend/task-1/nginx`, `instance-1`). A hop
//! lands on the first drawn copy, following the service the path entered
//! through, so the highlighted hops form one connected walk.

use crate::deployment::request_path::{request_path, Entry, Hop};
use crate::layout::{Edge, Scene};
use crate::workspace::{Analysis, Workspace};

use super::SceneIndex;

#[derive(Debug, Clone, PartialEq)]
pub struct Traced {
    pub entry: Entry,
    pub hops: Vec<Hop>,
    /// For each hop, the box it passes, if the scene draws one.
    pub boxes: Vec<Option<String>>,
}

pub fn trace(analysis: &Analysis, workspace: &Workspace, index: &SceneIndex, entry: Entry) -> Traced {
    let hops = request_path(analysis, workspace, entry);
    let boxes = place_hops(analysis, index, &hops);
    Traced { entry, hops, boxes }
}

fn place_hops(analysis: &Analysis, index: &SceneIndex, hops: &[Hop]) -> Vec<Option<String>> {
    let d = &analysis.deployment;
    // The service whose tasks the path is in: set by its target group.
    let mut service: Option<&str> = None;
    let mut boxes: Vec<Option<String>> = hops
        .iter()
        .map(|hop| {
            let node = hop.node.as_str();
            if let Some(s) = d
                .services
                .iter()
                .find(|s| s.id == node || s.load_balancer.as_ref().is_some_and(|b| b.target_group == node))
            {
                service = Some(&s.id);
            }
            if index.has(node) {
                return Some(node.to_owned());
            }
            if d.services.iter().any(|s| s.id == node) {
                return index.tasks(node).next().map(str::to_owned);
            }
            if let Some((lb, port)) = node.rsplit_once(':') {
                if port.parse::<u16>().is_ok() && index.has(lb) {
                    return Some(lb.to_owned());
                }
            }
            let (family, container) = match node.strip_prefix("nginx/") {
                Some(id) => {
                    let config = d.nginx_configs.iter().find(|n| n.id == id)?;
                    (config.task_definition.as_str(), config.container.as_str())
                }
                None => node.split_once('/')?,
            };
            let owner = service
                .filter(|s| d.services.iter().any(|x| x.id == *s && x.task_definition == family))
                .or_else(|| {
                    d.services
                        .iter()
                        .find(|s| s.task_definition == family && index.tasks(&s.id).next().is_some())
                        .map(|s| s.id.as_str())
                })?;
            index.containers(owner, container).into_iter().next()
        })
        .collect();
    // The instance hop is the one running the next container hop's task.
    for i in 0..hops.len() {
        if boxes[i].is_none() && hops[i].node.ends_with("/instance") {
            boxes[i] = boxes[i + 1..]
                .iter()
                .flatten()
                .find_map(|next| instance_of(index, next));
        }
    }
    boxes
}

/// The instance box a box sits in.
fn instance_of(index: &SceneIndex, id: &str) -> Option<String> {
    index
        .ancestry(id)
        .find(|b| b.kind == crate::layout::BoxKind::Instance)
        .map(|b| b.id.clone())
}

/// One move of a traced path from a drawn box to the next, along the
/// connector between them if the scene draws one.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Leg<'s> {
    pub from: &'s str,
    pub to: &'s str,
    pub edge: Option<&'s Edge>,
    /// The move runs against the connector's direction (a reply, or a
    /// lookup the connector draws the other way).
    pub reversed: bool,
    /// Without a connector of its own, the one from the stop before `from`
    /// to `to`, if drawn: after a side trip (a DNS lookup) the request goes
    /// on from where it was, and that connector is the one it travels.
    pub resumes: Option<&'s Edge>,
}

impl Traced {
    /// The boxes the path moves between, in order: a box passed twice in a
    /// row counts once, and a box passed only because it holds the next one
    /// (the instance a container runs on) is left out, so a leg from the
    /// target group goes straight to the container, along its connector.
    pub fn stops<'a>(&'a self, index: &SceneIndex) -> Vec<&'a str> {
        let mut stops: Vec<&str> = Vec::new();
        for b in self.boxes.iter().flatten() {
            if stops.last() != Some(&b.as_str()) {
                stops.push(b);
            }
        }
        let holds = |outer: &str, inner: &str| index.ancestry(inner).skip(1).any(|b| b.id == outer);
        let mut kept = Vec::with_capacity(stops.len());
        for (i, stop) in stops.iter().enumerate() {
            if !stops.get(i + 1).is_some_and(|next| holds(stop, next)) {
                kept.push(*stop);
            }
        }
        kept
    }

    /// The moves between consecutive [`Traced::stops`].
    pub fn legs<'a>(&'a self, scene: &'a Scene, index: &SceneIndex) -> Vec<Leg<'a>> {
        let between = |a: &str, b: &str| {
            let forward = scene.edges.iter().find(|e| e.from == a && e.to == b);
            let backward = scene.edges.iter().find(|e| e.from == b && e.to == a);
            (forward.or(backward), forward.is_none() && backward.is_some())
        };
        let stops = self.stops(index);
        (1..stops.len())
            .map(|i| {
                let (from, to) = (stops[i - 1], stops[i]);
                let (edge, reversed) = between(from, to);
                let resumes = match (edge, i.checked_sub(2)) {
                    (None, Some(before)) => between(stops[before], to).0,
                    _ => None,
                };
                Leg {
                    from,
                    to,
                    edge,
                    reversed,
                    resumes,
                }
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::layout;
    use crate::reference;

    fn traced(journey: Entry) -> Vec<(String, Option<String>)> {
        let workspace = reference::workspace();
        let analysis = workspace.analyze();
        let scene = layout(&analysis);
        let index = SceneIndex::new(&scene);
        let t = trace(&analysis, &workspace, &index, journey);
        t.hops.into_iter().map(|h| h.node).zip(t.boxes).collect()
    }

    #[test]
    fn the_ssr_path_walks_the_drawn_boxes_through_the_nat() {
        let walk = traced(Entry::Ssr);
        let boxes: Vec<&str> = walk.iter().filter_map(|(_, b)| b.as_deref()).collect();
        assert_eq!(
            boxes,
            [
                "browser",
                "dns-www",
                "igw",
                "alb-frontend",
                "tg-frontend",
                "instance-1",
                "svc-frontend/task-1/nginx",
                "svc-frontend/task-1/nginx",
                "svc-frontend/task-1/next",
                "nat",
                "igw",
                "dns-api",
                "alb-backend",
                "tg-backend",
                "instance-1",
                "svc-backend/task-1/nginx",
                "svc-backend/task-1/nginx",
                "svc-backend/task-1/springboot",
            ]
        );
        assert_eq!(walk[0], ("browser".to_owned(), Some("browser".to_owned())));
    }

    #[test]
    fn the_ssr_legs_follow_the_connectors_through_the_instance() {
        let workspace = reference::workspace();
        let analysis = workspace.analyze();
        let scene = layout(&analysis);
        let index = SceneIndex::new(&scene);
        let traced = trace(&analysis, &workspace, &index, Entry::Ssr);
        let stops = traced.stops(&index);
        assert!(!stops.contains(&"instance-1"), "{stops:?}");
        let edges: Vec<(&str, bool)> = traced
            .legs(&scene, &index)
            .iter()
            .filter_map(|l| Some((l.edge?.id.as_str(), l.reversed)))
            .collect();
        let resumed: Vec<&str> = traced
            .legs(&scene, &index)
            .iter()
            .filter_map(|l| Some(l.resumes?.id.as_str()))
            .collect();
        assert_eq!(resumed, ["traffic:browser->igw"], "after the DNS lookup");
        for edge in [
            ("traffic:tg-frontend->svc-frontend/task-1/nginx", false),
            ("link:svc-frontend/task-1/nginx->svc-frontend/task-1/next", false),
            ("egress:nat->igw", false),
            ("dns:dns-api->alb-backend", false),
            ("traffic:tg-backend->svc-backend/task-1/nginx", false),
        ] {
            assert!(edges.contains(&edge), "{edge:?} not in {edges:#?}");
        }
    }

    #[test]
    fn every_deploy_stage_is_drawn() {
        for (node, placed) in traced(Entry::Deploy) {
            assert!(placed.is_some(), "{node} has no box");
        }
    }
}
