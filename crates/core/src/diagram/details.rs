//! What the details panel says about a box: what the thing is, in a sentence
//! or two for someone new to the deployment, how it is configured, and the
//! configuration lines that govern it, each a link into its file.
//!
//! The sentences and facts come from [`crate::outline`], so the panel and the
//! outline never tell two stories. Governing lines come from the request
//! paths that pass the box (they already name the exact lines), else from
//! where `atlas.json` declares the thing.

use std::collections::HashMap;

use crate::deployment::capacity::Capacity;
use crate::json_tree::{self, Node};
use crate::layout::{BoxKind, SceneBox};
use crate::outline::{outline, Fact, Item};
use crate::source::Source;
use crate::units::vcpu_label;
use crate::view::{FileTab, View};
use crate::workspace::{Analysis, Workspace};

use super::{file_view, SceneIndex, Traced};

#[derive(Debug, Clone, PartialEq)]
pub struct Details {
    pub id: String,
    pub kind: BoxKind,
    /// What kind of thing it is, e.g. "Application Load Balancer".
    pub kind_label: &'static str,
    pub title: String,
    pub about: String,
    pub facts: Vec<Fact>,
    /// The configuration lines that decide how it behaves.
    pub lines: Vec<Line>,
    /// The file that governs it, opened at its top.
    pub opens: Option<View>,
}

/// A line of a workspace file, with the view that shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    pub file: String,
    pub line: usize,
    pub text: String,
    pub view: Option<View>,
}

pub fn kind_label(kind: BoxKind) -> &'static str {
    use crate::deployment::SubnetKind;
    match kind {
        BoxKind::Client => "Visitors",
        BoxKind::Dns => "Route53 record",
        BoxKind::InternetGateway => "Internet Gateway",
        BoxKind::Vpc => "VPC",
        BoxKind::LoadBalancer => "Application Load Balancer",
        BoxKind::TargetGroup => "Target group",
        BoxKind::AvailabilityZone => "Availability zone",
        BoxKind::Subnet(SubnetKind::Public) => "Public subnet",
        BoxKind::Subnet(SubnetKind::Private) => "Private subnet",
        BoxKind::NatGateway => "NAT gateway",
        BoxKind::Instance => "EC2 instance",
        BoxKind::Task => "ECS task",
        BoxKind::Container => "Container",
        BoxKind::Cluster => "ECS cluster",
        BoxKind::PipelineStage => "Delivery stage",
    }
}

/// The details of box `id`, or none when the scene has no such box.
pub fn details(
    analysis: &Analysis,
    workspace: &Workspace,
    plan: &Capacity,
    index: &SceneIndex,
    paths: &[Traced],
    id: &str,
) -> Option<Details> {
    let b = index.get(id)?;
    let items = flatten(outline(analysis).sections.into_iter().flat_map(|s| s.items));
    let d = &analysis.deployment;
    let mut out = Details {
        id: id.to_owned(),
        kind: b.kind,
        kind_label: kind_label(b.kind),
        title: b.label.clone(),
        about: String::new(),
        facts: Vec::new(),
        lines: Vec::new(),
        opens: None,
    };
    let service_of = |task: &str| task.rsplit_once("/task-").map(|(s, _)| s.to_owned());
    match b.kind {
        BoxKind::Client => {
            out.about = "The visitors' browsers, anywhere on the internet. Every request starts here: the browser looks the site's name up in DNS, then connects to the load balancer's address through the Internet Gateway.".to_owned();
            for record in &d.dns {
                out.facts.push(Fact {
                    label: "Visits",
                    value: format!("https://{}/", record.name),
                });
            }
        }
        BoxKind::Instance => instance(analysis, plan, b, &mut out),
        BoxKind::Task => {
            let service = service_of(id).and_then(|s| d.services.iter().find(|x| x.id == s));
            if let Some(item) = service.and_then(|s| items.get(s.id.as_str())) {
                out.about = format!(
                    "One running copy of the {} service's task definition. {}",
                    service.map_or("", |s| s.name.as_str()),
                    item.about
                );
                out.facts = item.facts.clone();
                if let Some(task) = item.children.first() {
                    out.facts.extend(task.facts.iter().cloned());
                    out.opens = task.opens.clone();
                }
            }
        }
        BoxKind::Container => {
            let (task, name) = id.rsplit_once('/').unwrap_or((id, ""));
            let family = service_of(task)
                .and_then(|s| d.services.iter().find(|x| x.id == s))
                .map(|s| s.task_definition.clone());
            if let Some(item) = family.and_then(|f| items.get(format!("{f}/{name}").as_str())) {
                out.about = item.about.clone();
                out.facts = item.facts.clone();
                // The nginx config the container runs decides where requests go.
                out.opens = item.children.iter().find_map(|c| c.opens.clone()).or_else(|| {
                    items
                        .get(format!("taskdef/{}", family_of(analysis, task)).as_str())?
                        .opens
                        .clone()
                });
            }
        }
        _ => {
            if let Some(item) = items.get(id) {
                out.about = item.about.clone();
                out.facts = item.facts.clone();
                out.opens = item.opens.clone();
                // A load balancer is read together with its target groups.
                for group in item
                    .children
                    .iter()
                    .filter(|c| c.kind == crate::outline::Kind::TargetGroup)
                {
                    let said: Vec<&str> = group.facts.iter().map(|f| f.value.as_str()).collect();
                    out.facts.push(Fact {
                        label: "Target group",
                        value: format!("{}: {}", group.title, said.join(", ")),
                    });
                }
            }
        }
    }
    let mut seen = std::collections::HashSet::new();
    for path in paths {
        for (hop, placed) in path.hops.iter().zip(&path.boxes) {
            if placed.as_deref() != Some(id) {
                continue;
            }
            for g in &hop.governing {
                if seen.insert((g.file.clone(), g.line)) {
                    out.lines.push(Line {
                        file: g.file.clone(),
                        line: g.line,
                        text: g.text.clone(),
                        view: file_view(analysis, workspace, &g.file, g.line),
                    });
                }
            }
        }
    }
    if out.lines.is_empty() {
        if let Some(line) = declared_at(workspace, id) {
            out.lines.push(Line {
                view: file_view(analysis, workspace, &workspace.deployment.name, line.0),
                file: workspace.deployment.name.clone(),
                line: line.0,
                text: line.1,
            });
        }
    }
    if out.opens.is_none() {
        out.opens = out.lines.first().and_then(|l| l.view.clone()).map(|v| match v {
            View::Deployment { .. } => v,
            View::TaskDefinitions { family, .. } => View::TaskDefinitions {
                family,
                line: None,
                tab: FileTab::Text,
            },
            View::Nginx { id, .. } => View::Nginx {
                id,
                line: None,
                tab: FileTab::Text,
            },
            other => other,
        });
    }
    Some(out)
}

fn family_of(analysis: &Analysis, task: &str) -> String {
    let service = task.rsplit_once("/task-").map_or(task, |(s, _)| s);
    analysis
        .deployment
        .services
        .iter()
        .find(|s| s.id == service)
        .map(|s| s.task_definition.clone())
        .unwrap_or_default()
}

fn flatten(items: impl Iterator<Item = Item>) -> HashMap<String, Item> {
    let mut out = HashMap::new();
    let mut stack: Vec<Item> = items.collect();
    while let Some(mut item) = stack.pop() {
        let children = std::mem::take(&mut item.children);
        // A parent keeps its first level of children: a service shows its
        // task definition's facts.
        item.children = children.clone();
        stack.extend(children);
        out.entry(item.id.clone()).or_insert(item);
    }
    out
}

fn instance(analysis: &Analysis, plan: &Capacity, b: &SceneBox, out: &mut Details) {
    let number: usize = b.id.strip_prefix("instance-").and_then(|n| n.parse().ok()).unwrap_or(0);
    let spec = &analysis.deployment.cluster.instance;
    out.about = if b.planned {
        "This instance is not running: the tasks planned here do not fit on the instances the Auto Scaling group runs now, so cluster auto scaling would have to start it.".to_owned()
    } else {
        "An EC2 instance of the cluster's Auto Scaling group, in a private subnet. The ECS agent on it runs the tasks placed here; in bridge mode each task's published port is a dynamic host port on this instance.".to_owned()
    };
    out.facts.push(Fact {
        label: "Size",
        value: format!("{} vCPU, {} MiB memory ({})", spec.vcpu, spec.memory_mib, spec.ami),
    });
    if let Some(placed) = number.checked_sub(1).and_then(|i| plan.instances.get(i)) {
        out.facts.push(Fact {
            label: "CPU reserved",
            value: format!(
                "{} of {} vCPU",
                vcpu_label(placed.used.cpu_units),
                vcpu_label(plan.instance.cpu_units)
            ),
        });
        out.facts.push(Fact {
            label: "Memory reserved",
            value: format!("{} of {} MiB", placed.used.memory_mib, plan.instance.memory_mib),
        });
        let tasks: Vec<String> = placed
            .tasks
            .iter()
            .map(|t| format!("{} ({})", t.family, vcpu_label(t.cpu_units)))
            .collect();
        out.facts.push(Fact {
            label: "Tasks",
            value: if tasks.is_empty() {
                "none".to_owned()
            } else {
                tasks.join(", ")
            },
        });
    }
}

/// The line of the deployment file where an object with this `id` is declared.
fn declared_at(workspace: &Workspace, id: &str) -> Option<(usize, String)> {
    let text = &workspace.deployment.text;
    let root = json_tree::parse(text).root?;
    let span = find_id(&root, id)?;
    let source = Source::new(&workspace.deployment.name, text);
    let (line, _) = source.position(span);
    let start = source.offset(line, 1);
    let shown = text.get(start..)?.lines().next()?.trim().chars().take(160).collect();
    Some((line, shown))
}

fn find_id(node: &Node, id: &str) -> Option<usize> {
    let mut stack = vec![node];
    while let Some(n) = stack.pop() {
        for prop in n.props() {
            if prop.key == "id" && prop.value.as_str() == Some(id) {
                return Some(prop.key_span.start);
            }
        }
        stack.extend(n.props().iter().rev().map(|p| &p.value));
        stack.extend(n.items().iter().rev());
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::deployment::capacity::{capacity, Overrides};
    use crate::deployment::request_path::Entry;
    use crate::diagram::trace;
    use crate::layout::layout;
    use crate::reference;

    fn details_of(id: &str) -> Details {
        let workspace = reference::workspace();
        let analysis = workspace.analyze();
        let plan = capacity(&analysis, &Overrides::default());
        let scene = layout(&analysis);
        let index = SceneIndex::new(&scene);
        let paths: Vec<Traced> = Entry::ALL
            .into_iter()
            .map(|j| trace(&analysis, &workspace, &index, j))
            .collect();
        details(&analysis, &workspace, &plan, &index, &paths, id).unwrap()
    }

    fn fact<'a>(d: &'a Details, label: &str) -> Vec<&'a str> {
        d.facts
            .iter()
            .filter(|f| f.label == label)
            .map(|f| f.value.as_str())
            .collect()
    }

    #[test]
    fn the_backend_alb_shows_its_listener_and_target_group() {
        let d = details_of("alb-backend");
        assert_eq!(d.kind_label, "Application Load Balancer");
        assert_eq!(fact(&d, "Listener"), ["HTTP 80 → tg-backend"]);
        let groups = fact(&d, "Target group");
        assert_eq!(groups.len(), 1);
        assert!(groups[0].starts_with("Backend targets: "), "{groups:?}");
        assert!(
            groups[0].contains("HTTP 80") && groups[0].contains("GET /"),
            "{groups:?}"
        );
        assert!(d.lines.iter().any(|l| l.text.contains("\"port\": 80")), "{:?}", d.lines);
        assert!(d.lines.iter().all(|l| l.file == "atlas.json"), "{:?}", d.lines);
        assert!(matches!(d.opens, Some(View::Deployment { .. })));
    }

    #[test]
    fn the_nginx_container_shows_its_proxy_pass_line_and_opens_its_config() {
        let d = details_of("svc-backend/task-1/nginx");
        assert!(
            d.lines
                .iter()
                .any(|l| l.file == "backend-nginx.conf" && l.text.contains("proxy_pass")),
            "{:?}",
            d.lines
        );
        assert_eq!(
            d.opens,
            Some(View::Nginx {
                id: Some("backend".into()),
                line: None,
                tab: FileTab::Text,
            })
        );
        assert!(!fact(&d, "Image").is_empty());
    }

    #[test]
    fn boxes_off_every_path_link_where_atlas_declares_them() {
        let d = details_of("private-b");
        assert_eq!(d.lines.len(), 1);
        assert!(d.lines[0].text.contains("private-b"), "{:?}", d.lines);
        assert!(!d.about.is_empty());
    }

    #[test]
    fn an_instance_says_what_it_holds() {
        let d = details_of("instance-1");
        assert_eq!(fact(&d, "CPU reserved"), ["4 of 4 vCPU"]);
        assert_eq!(fact(&d, "Tasks").len(), 1);
    }
}
