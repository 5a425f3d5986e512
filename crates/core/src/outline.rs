//! The deployment as a structured list of its parts: what the Topology view
//! shows until the diagram exists, and what the diagram's details panel reads.
//!
//! Each item says what a thing is in one plain sentence for a newcomer, lists
//! its configuration as facts, and names the file that governs it.

use serde::Serialize;

use crate::deployment::{Deployment, LoadBalancer, Scheme, Service, SubnetKind, TargetType};
use crate::taskdef::{Container, TaskDefinition};
use crate::units::{cpu_units, memory_mib, vcpu_label, UNITS_PER_VCPU};
use crate::view::{FileTab, View};
use crate::workspace::Analysis;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Outline {
    pub title: String,
    pub description: String,
    pub notes: Vec<String>,
    pub sections: Vec<Section>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Section {
    pub id: &'static str,
    pub title: &'static str,
    pub items: Vec<Item>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    Dns,
    InternetGateway,
    LoadBalancer,
    TargetGroup,
    Vpc,
    AvailabilityZone,
    Subnet,
    NatGateway,
    Cluster,
    Service,
    TaskDefinition,
    Container,
    NginxConfig,
    PipelineStage,
}

impl Kind {
    /// The short label of the thing's glyph, as AWS diagrams abbreviate it.
    pub fn badge(self) -> &'static str {
        match self {
            Kind::Dns => "R53",
            Kind::InternetGateway => "IGW",
            Kind::LoadBalancer => "ALB",
            Kind::TargetGroup => "TG",
            Kind::Vpc => "VPC",
            Kind::AvailabilityZone => "AZ",
            Kind::Subnet => "NET",
            Kind::NatGateway => "NAT",
            Kind::Cluster => "ECS",
            Kind::Service => "SVC",
            Kind::TaskDefinition => "TASK",
            Kind::Container => "CTR",
            Kind::NginxConfig => "CONF",
            Kind::PipelineStage => "CI/CD",
        }
    }

    /// A short, stable CSS-friendly name.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Dns => "dns",
            Kind::InternetGateway => "internet-gateway",
            Kind::LoadBalancer => "load-balancer",
            Kind::TargetGroup => "target-group",
            Kind::Vpc => "vpc",
            Kind::AvailabilityZone => "availability-zone",
            Kind::Subnet => "subnet",
            Kind::NatGateway => "nat-gateway",
            Kind::Cluster => "cluster",
            Kind::Service => "service",
            Kind::TaskDefinition => "task-definition",
            Kind::Container => "container",
            Kind::NginxConfig => "nginx-config",
            Kind::PipelineStage => "pipeline-stage",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Item {
    pub id: String,
    pub kind: Kind,
    pub title: String,
    /// What the thing is, for someone who has never seen it.
    pub about: String,
    pub facts: Vec<Fact>,
    /// The file that configures it, when there is one.
    #[serde(skip)]
    pub opens: Option<View>,
    pub children: Vec<Item>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Fact {
    pub label: &'static str,
    pub value: String,
}

fn fact(label: &'static str, value: impl Into<String>) -> Fact {
    Fact {
        label,
        value: value.into(),
    }
}

impl Item {
    fn new(id: impl Into<String>, kind: Kind, title: impl Into<String>, about: impl Into<String>) -> Self {
        Item {
            id: id.into(),
            kind,
            title: title.into(),
            about: about.into(),
            facts: Vec::new(),
            opens: None,
            children: Vec::new(),
        }
    }

    fn fact(mut self, label: &'static str, value: impl Into<String>) -> Self {
        self.facts.push(fact(label, value));
        self
    }
}

pub fn outline(analysis: &Analysis) -> Outline {
    let d = &analysis.deployment;
    Outline {
        title: d.name.clone(),
        description: d.description.clone(),
        notes: d.notes.clone(),
        sections: vec![
            Section {
                id: "entry",
                title: "How requests arrive",
                items: entry(d),
            },
            Section {
                id: "load-balancers",
                title: "Load balancers",
                items: d.load_balancers.iter().map(|lb| load_balancer(d, lb)).collect(),
            },
            Section {
                id: "network",
                title: "Network",
                items: network(d),
            },
            Section {
                id: "compute",
                title: "Compute",
                items: vec![cluster(analysis)],
            },
            Section {
                id: "delivery",
                title: "Delivery",
                items: delivery(d),
            },
        ],
    }
}

fn name_of<'a>(d: &'a Deployment, id: &'a str) -> &'a str {
    d.load_balancers
        .iter()
        .find(|lb| lb.id == id)
        .map(|lb| lb.name.as_str())
        .or_else(|| d.network.subnets.iter().find(|s| s.id == id).map(|s| s.name.as_str()))
        .or_else(|| {
            d.network
                .availability_zones
                .iter()
                .find(|a| a.id == id)
                .map(|a| a.name.as_str())
        })
        .unwrap_or(id)
}

fn entry(d: &Deployment) -> Vec<Item> {
    let mut items: Vec<Item> = d
        .dns
        .iter()
        .map(|record| {
            Item::new(
                &record.id,
                Kind::Dns,
                &record.name,
                "A Route53 alias record: browsers resolve this name to the load balancer's addresses.",
            )
            .fact("Alias to", name_of(d, &record.alias_target))
        })
        .collect();
    if let Some(igw) = &d.network.internet_gateway {
        items.push(
            Item::new(
                &igw.id,
                Kind::InternetGateway,
                &igw.name,
                "The VPC's door to the internet: traffic to the public subnets and the internet-facing load balancers passes through it.",
            )
            .fact("Attached to", &d.network.vpc.name),
        );
    }
    items
}

fn load_balancer(d: &Deployment, lb: &LoadBalancer) -> Item {
    let scheme = match lb.scheme {
        Scheme::InternetFacing => "internet-facing",
        Scheme::Internal => "internal",
    };
    let served: Vec<&str> = d
        .services
        .iter()
        .filter(|s| {
            s.load_balancer
                .as_ref()
                .is_some_and(|b| lb.target_groups.iter().any(|tg| tg.id == b.target_group))
        })
        .map(|s| s.name.as_str())
        .collect();
    let mut item = Item::new(
        &lb.id,
        Kind::LoadBalancer,
        &lb.name,
        "An Application Load Balancer: it accepts HTTP(S) on its listeners and spreads requests round-robin over the targets registered in its target group.",
    )
    .fact("Scheme", scheme);
    for listener in &lb.listeners {
        let mut value = format!("{} {}", listener.protocol.as_str(), listener.port);
        if let Some(certificate) = &listener.certificate {
            value.push_str(&format!(" ({certificate})"));
        }
        value.push_str(&format!(" → {}", listener.forward_to));
        item = item.fact("Listener", value);
    }
    let subnets: Vec<&str> = lb.subnets.iter().map(|s| name_of(d, s)).collect();
    if !subnets.is_empty() {
        item = item.fact("Subnets", subnets.join(", "));
    }
    if !served.is_empty() {
        item = item.fact("Serves", served.join(", "));
    }
    item.children = lb
        .target_groups
        .iter()
        .map(|tg| {
            let (kind, about) = match tg.target_type {
                TargetType::Instance => (
                    "instance",
                    "A target group of EC2 instances: each target is an instance plus the host port Docker gave the container, so dynamic host ports work.",
                ),
                TargetType::Ip => (
                    "ip",
                    "A target group of IP addresses: each target is a task's own network interface (awsvpc).",
                ),
            };
            Item::new(&tg.id, Kind::TargetGroup, &tg.name, about)
                .fact("Id", &tg.id)
                .fact("Target type", kind)
                .fact("Protocol / port", format!("{} {}", tg.protocol.as_str(), tg.port))
                .fact("Health check", format!("GET {}", tg.health_check_path))
        })
        .collect();
    item
}

fn network(d: &Deployment) -> Vec<Item> {
    let net = &d.network;
    let mut vpc = Item::new(
        &net.vpc.id,
        Kind::Vpc,
        &net.vpc.name,
        "The private network everything runs in. Public subnets reach the internet directly; private subnets only through the NAT gateway.",
    );
    if let Some(cidr) = &net.vpc.cidr {
        vpc = vpc.fact("CIDR", cidr);
    }
    vpc.children = net
        .availability_zones
        .iter()
        .map(|az| {
            let mut zone = Item::new(
                &az.id,
                Kind::AvailabilityZone,
                &az.name,
                "A separate data centre of the region; spreading subnets over zones keeps the service up when one fails.",
            );
            zone.children = net
                .subnets
                .iter()
                .filter(|s| s.availability_zone == az.id)
                .map(|s| {
                    let (kind, about) = match s.kind {
                        SubnetKind::Public => (
                            "public",
                            "A public subnet: its route table sends internet traffic to the Internet Gateway. Load balancer nodes and the NAT gateway live here.",
                        ),
                        SubnetKind::Private => (
                            "private",
                            "A private subnet: nothing on the internet can reach it directly; it goes out through the NAT gateway. The ECS instances live here.",
                        ),
                    };
                    let mut subnet = Item::new(&s.id, Kind::Subnet, &s.name, about).fact("Kind", kind);
                    if s.kind == SubnetKind::Private {
                        if let Some(nat) = net.nat_gateways.first() {
                            subnet = subnet.fact("Internet egress", &nat.name);
                        }
                    }
                    subnet
                })
                .collect();
            zone
        })
        .collect();
    let mut items = vec![vpc];
    items.extend(net.nat_gateways.iter().map(|nat| {
        Item::new(
            &nat.id,
            Kind::NatGateway,
            &nat.name,
            "Lets instances in private subnets open connections to the internet (image pulls, calls to public domains) without being reachable from it.",
        )
        .fact("In subnet", name_of(d, &nat.subnet))
    }));
    items
}

fn cluster(analysis: &Analysis) -> Item {
    let d = &analysis.deployment;
    let c = &d.cluster;
    let asg = &c.auto_scaling_group;
    let capacity_units = u64::from(c.instance.vcpu) * UNITS_PER_VCPU;
    let reserved: u64 = d
        .services
        .iter()
        .filter_map(|s| {
            let task = analysis.task_definition(&s.task_definition)?;
            Some(task.cpu.as_deref().and_then(cpu_units)? * u64::from(s.desired_count))
        })
        .sum();
    let mut item = Item::new(
        &c.id,
        Kind::Cluster,
        &c.name,
        "The ECS cluster: EC2 instances started by an Auto Scaling group register with it, and ECS places the services' tasks on them.",
    )
    .fact("Launch type", format!("{:?}", c.launch_type).to_uppercase())
    .fact(
        "Instances",
        format!("{} vCPU, {} MiB memory, {}", c.instance.vcpu, c.instance.memory_mib, c.instance.ami),
    )
    .fact(
        "Auto Scaling group",
        format!("min {}, desired {}, max {}", asg.min, asg.desired, asg.max),
    );
    if let Some(template) = &asg.launch_template {
        item = item.fact("Launch template", template);
    }
    let subnets: Vec<&str> = c.subnets.iter().map(|s| name_of(d, s)).collect();
    if !subnets.is_empty() {
        item = item.fact("Subnets", subnets.join(", "));
    }
    item = item.fact(
        "Task CPU reserved",
        format!(
            "{} of {} vCPU on {} desired instance{} ({})",
            vcpu_label(reserved),
            vcpu_label(capacity_units * u64::from(asg.desired)),
            asg.desired,
            if asg.desired == 1 { "" } else { "s" },
            cpu_split(analysis)
        ),
    );
    item.children = d.services.iter().map(|s| service(analysis, s)).collect();
    item
}

/// "2 + 1 + 1": each running task's vCPU, as the write-up counts it.
fn cpu_split(analysis: &Analysis) -> String {
    let parts: Vec<String> = analysis
        .deployment
        .services
        .iter()
        .flat_map(|s| {
            let units = analysis
                .task_definition(&s.task_definition)
                .and_then(|t| t.cpu.as_deref().and_then(cpu_units));
            let label = units.map_or("?".to_owned(), vcpu_label);
            std::iter::repeat_n(label, s.desired_count as usize)
        })
        .collect();
    parts.join(" + ")
}

fn service(analysis: &Analysis, s: &Service) -> Item {
    let mut item = Item::new(
        &s.id,
        Kind::Service,
        format!("{} service", s.name),
        "An ECS service keeps the desired number of copies of one task definition running and registers them with its target group.",
    )
    .fact("Desired tasks", s.desired_count.to_string());
    if let Some(scaling) = &s.auto_scaling {
        item = item.fact(
            "Service auto scaling",
            format!("{} to {} tasks", scaling.min, scaling.max),
        );
    }
    if let Some(binding) = &s.load_balancer {
        item = item.fact(
            "Load balancer",
            format!(
                "{} → {}:{}",
                binding.target_group, binding.container_name, binding.container_port
            ),
        );
    }
    let opens = View::TaskDefinitions {
        family: Some(s.task_definition.clone()),
        line: None,
        tab: FileTab::Text,
    };
    let task = match analysis.task_definition(&s.task_definition) {
        Some(task) => task_definition(analysis, task, opens),
        None => {
            let mut missing = Item::new(
                format!("{}/task", s.id),
                Kind::TaskDefinition,
                &s.task_definition,
                "The task definition this service runs could not be read; see its diagnostics.",
            );
            missing.opens = Some(opens);
            missing
        }
    };
    item.children = vec![task];
    item
}

fn task_definition(analysis: &Analysis, task: &TaskDefinition, opens: View) -> Item {
    let title = match task.revision {
        Some(revision) => format!("{}:{revision}", task.family),
        None => task.family.clone(),
    };
    let mut item = Item::new(
        format!("taskdef/{}", task.family),
        Kind::TaskDefinition,
        title,
        "A task definition is the recipe for one task: its containers, their images, CPU and memory, ports and how they connect.",
    );
    if let Some(cpu) = task.cpu.as_deref() {
        let shown = cpu_units(cpu).map_or(cpu.to_owned(), |u| format!("{u} units ({} vCPU)", vcpu_label(u)));
        item = item.fact("Task CPU", shown);
    }
    if let Some(memory) = task.memory.as_deref() {
        let shown = memory_mib(memory).map_or(memory.to_owned(), |m| format!("{m} MiB"));
        item = item.fact("Task memory", shown);
    }
    if let Some(mode) = &task.network_mode {
        item = item.fact("Network mode", mode);
    }
    if !task.requires_compatibilities.is_empty() {
        item = item.fact("Requires", task.requires_compatibilities.join(", "));
    }
    item.opens = Some(opens);
    item.children = task.containers.iter().map(|c| container(analysis, task, c)).collect();
    item
}

fn container(analysis: &Analysis, task: &TaskDefinition, c: &Container) -> Item {
    let about = if !c.links.is_empty() {
        "The entry container: it publishes the task's port and proxies each request to the linked container by name."
    } else if task.containers.iter().any(|other| other.links.contains(&c.name)) {
        "The application container: it publishes no port of its own and is reached only through the container that links to it."
    } else {
        "A container of the task."
    };
    let mut item = Item::new(format!("{}/{}", task.family, c.name), Kind::Container, &c.name, about)
        .fact("Image", &c.image)
        .fact("Essential", if c.essential { "yes" } else { "no" });
    if let Some(cpu) = c.cpu {
        item = item.fact("CPU units", cpu.to_string());
    }
    if let Some(memory) = c.memory {
        item = item.fact("Memory (hard limit)", format!("{memory} MiB"));
    }
    if let Some(memory) = c.memory_reservation {
        item = item.fact("Memory reservation", format!("{memory} MiB"));
    }
    for mapping in &c.port_mappings {
        item = item.fact("Port", mapping.describe());
    }
    if !c.links.is_empty() {
        item = item.fact("Links to", c.links.join(", "));
    }
    for config in analysis
        .deployment
        .nginx_configs
        .iter()
        .filter(|n| n.task_definition == task.family && n.container == c.name)
    {
        let mut nginx = Item::new(
            format!("nginx/{}", config.id),
            Kind::NginxConfig,
            &config.file,
            "The nginx.conf baked into this container's image: it decides where each request is proxied.",
        );
        nginx.opens = Some(View::Nginx {
            id: Some(config.id.clone()),
            line: None,
            tab: FileTab::Text,
        });
        item.children.push(nginx);
    }
    item
}

fn delivery(d: &Deployment) -> Vec<Item> {
    d.pipeline
        .iter()
        .enumerate()
        .map(|(i, stage)| {
            Item::new(&stage.id, Kind::PipelineStage, &stage.name, &stage.action).fact("Step", (i + 1).to_string())
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reference;

    #[test]
    fn the_reference_outline_is_stable() {
        let outline = outline(&reference::workspace().analyze());
        insta::assert_json_snapshot!(outline);
    }

    #[test]
    fn the_reference_splits_four_vcpu_two_one_one() {
        let outline = outline(&reference::workspace().analyze());
        let cluster = &outline.sections[3].items[0];
        let reserved = cluster.facts.iter().find(|f| f.label == "Task CPU reserved").unwrap();
        assert_eq!(reserved.value, "4 of 4 vCPU on 1 desired instance (2 + 1 + 1)");
    }

    #[test]
    fn containers_link_to_their_nginx_config() {
        let outline = outline(&reference::workspace().analyze());
        let backend = &outline.sections[3].items[0].children[1];
        let nginx = &backend.children[0].children[1];
        assert_eq!(nginx.title, "nginx");
        assert_eq!(
            nginx.children[0].opens,
            Some(View::Nginx {
                id: Some("backend".into()),
                line: None,
                tab: FileTab::Text,
            })
        );
    }
}
