//! The topology diagram's geometry: every box and connector of the deployment,
//! positioned in CSS pixels, so the web view only has to draw rectangles,
//! text and polylines. Pure and deterministic: the same analysis always gives
//! the same scene, so snapshots and the browser agree.
//!
//! # Arrangement
//!
//! - DNS records sit in a row above the VPC, each over the load balancer it
//!   aliases; the Internet Gateway sits outside the VPC's left edge.
//! - Inside the VPC, top to bottom: the load balancers in a band, each with its
//!   target groups beside it; a strip of lanes the connectors run along; the
//!   availability zones side by side, each holding its public subnets (with
//!   the NAT gateways) above its private subnets (with the cluster's EC2
//!   instances ▸ tasks ▸ containers); last, the ECS cluster box. The public and
//!   private bands line up across zones, so an egress connector can cross from
//!   one zone to another through the gap between them.
//! - The delivery pipeline is a lane below the VPC, left to right, and the
//!   cluster box sits right above its ECS deploy stage.
//!
//! # Ids
//!
//! Boxes keep the ids of `atlas.json` (`vpc`, `az-a`, `private-a`,
//! `alb-frontend`, `tg-frontend`, `nat`, `igw`, `dns-www`, `cluster`, pipeline
//! stage ids). Things the file only counts get positional ids: instances
//! `instance-1` … `instance-n`, tasks `<service id>/task-<n>` (1-based within
//! the service), containers `<service id>/task-<n>/<container name>`. Edges are
//! `<kind>:<from>-><to>`, e.g. `traffic:tg-frontend->svc-frontend/task-1/nginx`.
//! Ids are unique whenever the deployment's own ids are.
//!
//! # Sizes
//!
//! Text is measured without a font, character by character, with widths
//! that hold for the widest common UI font ([`text`]), and a line is
//! [`LINE_HEIGHT`]. A box is at least its glyph and longest line plus
//! [`PADDING`] on each side, and grows to hold its children, which are [`GAP`] apart.
//! Children are laid out in rows; a box with many children wraps them into a
//! grid of roughly 16:10 so that 500 tasks stay a viewable picture.
//!
//! Connectors are orthogonal polylines from a point on the source box's
//! border to a point on the target's; they may pass over unrelated boxes, so
//! the view should draw them above the boxes.
//!
//! Where the tasks run is the capacity plan's answer
//! ([`crate::deployment::capacity`]): the same CPU and memory placement the
//! capacity view and the placement rules use, so the picture never disagrees
//! with them. Instances the plan needs beyond the Auto Scaling group's
//! desired count are drawn as [`SceneBox::planned`]; tasks no instance can
//! take are left out (the plan says why). Instances spread over the
//! cluster's private subnets round-robin by availability zone.
//!
//! The diagram draws at most [`MAX_TASKS`] tasks and [`MAX_INSTANCES`]
//! instances; a file asking for billions is still answered, just truncated.

pub mod glyphs;
mod route;
pub mod text;

use std::collections::HashMap;

use serde::Serialize;

use crate::deployment::capacity::{capacity, Capacity, Overrides};
use crate::deployment::{Deployment, LaunchType, Scheme, StageKind, SubnetKind, TargetType};
use crate::taskdef::TaskDefinition;
use crate::units::{cpu_units, vcpu_label};
use crate::workspace::Analysis;

use route::{connect, end, route, shared, Side};
use text::Style;

/// Height of one line of text at 13 px.
pub const LINE_HEIGHT: f32 = 18.0;
/// Space between a box's border and its text or children.
pub const PADDING: f32 = 12.0;
/// The kind glyph drawn before a box's text: its size, and the space it
/// takes from the text line (size plus a gap).
pub const ICON: f32 = 20.0;
pub const ICON_SPACE: f32 = ICON + 6.0;
/// Space between sibling boxes.
pub const GAP: f32 = 16.0;
/// Space between parallel connectors sharing a strip.
const LANE: f32 = 8.0;
/// Space around the whole scene.
const MARGIN: f32 = 24.0;
/// Desired width ÷ height of a grid of children.
const GRID_ASPECT: f32 = 1.6;
/// Children up to this many stay in one row: a task's containers or an
/// instance's tasks read best side by side.
const ROW_LIMIT: usize = 4;

/// The visitors' box: the node id request paths give the browser.
pub const CLIENT_ID: &str = "browser";

/// Most tasks drawn: a deployment asking for more is cut here, in service
/// order, so a typo like `"desiredCount": 4000000000` cannot hang the page.
pub const MAX_TASKS: usize = 2000;
/// Most instances drawn, for the same reason.
pub const MAX_INSTANCES: usize = 2000;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Scene {
    pub width: f32,
    pub height: f32,
    /// Parents before their children, so drawing in order layers them right.
    pub boxes: Vec<SceneBox>,
    pub edges: Vec<Edge>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SceneBox {
    pub id: String,
    pub kind: BoxKind,
    pub parent: Option<String>,
    pub x: f32,
    pub y: f32,
    pub width: f32,
    pub height: f32,
    pub label: String,
    /// A second, smaller line; empty when there is nothing to add.
    pub sublabel: String,
    /// Not running yet: an instance cluster auto scaling would have to start
    /// for the planned tasks to fit.
    pub planned: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum BoxKind {
    /// The visitors' browsers, where every request path starts.
    Client,
    Dns,
    InternetGateway,
    Vpc,
    LoadBalancer,
    TargetGroup,
    AvailabilityZone,
    Subnet(SubnetKind),
    NatGateway,
    Instance,
    Task,
    Container,
    Cluster,
    PipelineStage,
}

impl BoxKind {
    /// A short, stable CSS-friendly name.
    pub fn as_str(self) -> &'static str {
        match self {
            BoxKind::Client => "client",
            BoxKind::Dns => "dns",
            BoxKind::InternetGateway => "internet-gateway",
            BoxKind::Vpc => "vpc",
            BoxKind::LoadBalancer => "load-balancer",
            BoxKind::TargetGroup => "target-group",
            BoxKind::AvailabilityZone => "availability-zone",
            BoxKind::Subnet(SubnetKind::Public) => "public-subnet",
            BoxKind::Subnet(SubnetKind::Private) => "private-subnet",
            BoxKind::NatGateway => "nat-gateway",
            BoxKind::Instance => "instance",
            BoxKind::Task => "task",
            BoxKind::Container => "container",
            BoxKind::Cluster => "cluster",
            BoxKind::PipelineStage => "pipeline-stage",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Edge {
    pub id: String,
    pub from: String,
    pub to: String,
    pub kind: EdgeKind,
    /// Corners of the polyline, first on `from`'s border, last on `to`'s.
    pub points: Vec<(f32, f32)>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum EdgeKind {
    /// A DNS alias record to its load balancer.
    Dns,
    /// Request traffic: gateway → load balancer → target group → container.
    Traffic,
    /// A container link inside a task (`links`).
    Link,
    /// Outbound traffic: private subnet → NAT gateway → Internet Gateway.
    Egress,
    /// Delivery: pipeline stage to stage, and the deploy stage to the cluster.
    Deploy,
}

impl EdgeKind {
    pub fn as_str(self) -> &'static str {
        match self {
            EdgeKind::Dns => "dns",
            EdgeKind::Traffic => "traffic",
            EdgeKind::Link => "link",
            EdgeKind::Egress => "egress",
            EdgeKind::Deploy => "deploy",
        }
    }
}

/// An axis-aligned rectangle in scene coordinates.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rect {
    pub x: f32,
    pub y: f32,
    pub w: f32,
    pub h: f32,
}

impl Rect {
    pub fn right(&self) -> f32 {
        self.x + self.w
    }
    pub fn bottom(&self) -> f32 {
        self.y + self.h
    }
    pub fn cx(&self) -> f32 {
        self.x + self.w / 2.0
    }
    pub fn cy(&self) -> f32 {
        self.y + self.h / 2.0
    }
}

impl SceneBox {
    pub fn rect(&self) -> Rect {
        Rect {
            x: self.x,
            y: self.y,
            w: self.width,
            h: self.height,
        }
    }
}

fn text_lines(label: &str, sublabel: &str) -> usize {
    usize::from(!label.is_empty()) + usize::from(!sublabel.is_empty())
}

/// The smallest box that shows its glyph, `label` and `sublabel` without
/// overflow; the text starts [`ICON_SPACE`] in from the padding.
pub fn min_size(label: &str, sublabel: &str) -> (f32, f32) {
    (
        ICON_SPACE + text::width(label, Style::Label).max(text::width(sublabel, Style::Sublabel)) + 2.0 * PADDING,
        text_lines(label, sublabel) as f32 * LINE_HEIGHT + 2.0 * PADDING,
    )
}

/// Where children start below a box's top: under its text, if it has any.
fn content_top(label: &str, sublabel: &str) -> f32 {
    let text = text_lines(label, sublabel) as f32 * LINE_HEIGHT;
    if text > 0.0 {
        2.0 * PADDING + text
    } else {
        PADDING
    }
}

/// A box while the scene is built: position relative to its parent until
/// the final pass.
struct Node {
    planned: bool,
    kind: BoxKind,
    id: String,
    label: String,
    sublabel: String,
    parent: Option<usize>,
    children: Vec<usize>,
    x: f32,
    y: f32,
    w: f32,
    h: f32,
}

#[derive(Default)]
struct Arena {
    nodes: Vec<Node>,
}

impl Arena {
    fn leaf(&mut self, kind: BoxKind, id: String, label: String, sublabel: String) -> usize {
        let (w, h) = min_size(&label, &sublabel);
        self.nodes.push(Node {
            planned: false,
            kind,
            id,
            label,
            sublabel,
            parent: None,
            children: Vec::new(),
            x: 0.0,
            y: 0.0,
            w,
            h,
        });
        self.nodes.len() - 1
    }

    /// A box holding `children` in rows (a grid when there are many), sized to fit.
    fn group(&mut self, kind: BoxKind, id: String, label: String, sublabel: String, children: Vec<usize>) -> usize {
        let columns = if children.len() <= ROW_LIMIT {
            children.len()
        } else {
            self.grid_columns(&children, children.len(), GRID_ASPECT)
        };
        self.grid(kind, id, label, sublabel, children, columns)
    }

    /// Like [`Arena::group`], `columns` to a row.
    fn grid(
        &mut self,
        kind: BoxKind,
        id: String,
        label: String,
        sublabel: String,
        children: Vec<usize>,
        columns: usize,
    ) -> usize {
        let columns = columns.max(1);
        let node = self.leaf(kind, id, label, sublabel);
        if children.is_empty() {
            return node;
        }
        let top = content_top(&self.nodes[node].label, &self.nodes[node].sublabel);
        let (mut x, mut y, mut row_height, mut content_width) = (0.0f32, 0.0f32, 0.0f32, 0.0f32);
        for (i, &child) in children.iter().enumerate() {
            if i > 0 && i % columns == 0 {
                y += row_height + GAP;
                x = 0.0;
                row_height = 0.0;
            }
            let (w, h) = (self.nodes[child].w, self.nodes[child].h);
            self.adopt(node, child, PADDING + x, top + y);
            x += w + GAP;
            content_width = content_width.max(x - GAP);
            row_height = row_height.max(h);
        }
        let n = &mut self.nodes[node];
        n.w = n.w.max(content_width + 2.0 * PADDING);
        n.h = n.h.max(top + y + row_height + PADDING);
        node
    }

    /// Columns for a grid of `n` boxes the average size of `sample`, so the
    /// grid's width ÷ height comes out near `aspect`.
    fn grid_columns(&self, sample: &[usize], n: usize, aspect: f32) -> usize {
        if sample.is_empty() || n == 0 {
            return 1;
        }
        let (w, h) = sample.iter().fold((0.0f32, 0.0f32), |(w, h), &c| {
            (w + self.nodes[c].w, h + self.nodes[c].h)
        });
        // cols × w ÷ (rows × h) ≈ aspect, with rows = n ÷ cols.
        let columns = (aspect * n as f32 * h / w).sqrt().ceil();
        (columns as usize).clamp(1, n)
    }

    fn adopt(&mut self, parent: usize, child: usize, x: f32, y: f32) {
        self.nodes[parent].children.push(child);
        let c = &mut self.nodes[child];
        c.parent = Some(parent);
        c.x = x;
        c.y = y;
    }

    fn size(&self, node: usize) -> (f32, f32) {
        (self.nodes[node].w, self.nodes[node].h)
    }

    /// Absolute rectangles, from each root's position down.
    fn absolute(&self, roots: &[usize]) -> Vec<Rect> {
        let mut rects = vec![
            Rect {
                x: 0.0,
                y: 0.0,
                w: 0.0,
                h: 0.0
            };
            self.nodes.len()
        ];
        let mut stack: Vec<(usize, f32, f32)> = roots.iter().rev().map(|&r| (r, 0.0, 0.0)).collect();
        while let Some((i, ox, oy)) = stack.pop() {
            let n = &self.nodes[i];
            let r = Rect {
                x: ox + n.x,
                y: oy + n.y,
                w: n.w,
                h: n.h,
            };
            rects[i] = r;
            stack.extend(n.children.iter().rev().map(|&c| (c, r.x, r.y)));
        }
        rects
    }

    /// Depth-first, parents first, siblings in insertion order.
    fn order(&self, roots: &[usize]) -> Vec<usize> {
        let mut out = Vec::with_capacity(self.nodes.len());
        let mut stack: Vec<usize> = roots.iter().rev().copied().collect();
        while let Some(i) = stack.pop() {
            out.push(i);
            stack.extend(self.nodes[i].children.iter().rev());
        }
        out
    }
}

/// A task as drawn, with what its connectors need.
struct DrawnTask {
    node: usize,
    /// Index of its service in the deployment.
    service: usize,
    /// The container the service's target group sends traffic to, or the
    /// task itself when the task definition does not name it.
    entry: usize,
    target_group: Option<String>,
}

/// A connector waiting for final coordinates.
struct Pending {
    kind: EdgeKind,
    from: usize,
    to: usize,
    how: How,
}

enum How {
    /// Facing sides, chosen from where the boxes ended up.
    Facing,
    /// Through the lane at this y, leaving from the bottom, entering from the top.
    Down(f32),
    /// From the right side at this y, up into the bottom of the target.
    RightThenUp(f32),
    /// From the left side, up into the bottom of the target.
    LeftThenUp,
    /// From the top, through the lane at this y, into the bottom of the target.
    Up(f32),
    /// Like `Down`, into a box nested deep inside others: it enters near the
    /// box's right end, because the ancestors' labels sit at their left ends
    /// and a line through them is hard to read.
    DownIntoNested(f32),
    /// From the right end of the top side, through the lane at this y, into
    /// the top of the target: past the boxes between them.
    OverTop(f32),
}

/// The diagram of `analysis`: every box positioned and every connector
/// routed. Never fails: missing or dangling references leave the thing out
/// of the picture (or draw it where it can still be placed), never panic.
pub fn layout(analysis: &Analysis) -> Scene {
    layout_planned(analysis, &capacity(analysis, &Overrides::default()))
}

/// The diagram with tasks where `plan` puts them: the capacity view's
/// what-if (other desired counts, another Auto Scaling group size) drawn.
pub fn layout_planned(analysis: &Analysis, plan: &Capacity) -> Scene {
    let d = &analysis.deployment;
    let net = &d.network;
    let mut arena = Arena::default();
    let mut pending: Vec<Pending> = Vec::new();

    let counts = drawn_counts(analysis, plan);
    let tasks = draw_tasks(analysis, &counts, &mut arena, &mut pending);
    let cluster = &d.cluster;
    let on_instance = assign(analysis, plan, &tasks);
    let instances: Vec<usize> = on_instance
        .into_iter()
        .enumerate()
        .map(|(i, (children, planned))| {
            let reserved = plan.instances.get(i).map_or(0, |p| p.used.cpu_units);
            let sublabel = if planned {
                "not running: needs a scale-out".to_owned()
            } else {
                format!("{} vCPU, {} reserved", cluster.instance.vcpu, vcpu_label(reserved))
            };
            let node = arena.group(
                BoxKind::Instance,
                format!("instance-{}", i + 1),
                format!("EC2 instance {}", i + 1),
                sublabel,
                children,
            );
            arena.nodes[node].planned = planned;
            node
        })
        .collect();

    let mut subnet_index: HashMap<&str, usize> = HashMap::new();
    for (i, s) in net.subnets.iter().enumerate() {
        subnet_index.entry(s.id.as_str()).or_insert(i);
    }
    let hosts = instance_subnets(analysis, &subnet_index);
    let mut subnet_children: Vec<Vec<usize>> = vec![Vec::new(); net.subnets.len()];

    // NAT gateways go first in their subnet, before any instances.
    let mut nats: Vec<(usize, Option<usize>)> = Vec::new();
    let mut homeless_nats: Vec<usize> = Vec::new();
    for nat in &net.nat_gateways {
        let node = arena.leaf(
            BoxKind::NatGateway,
            nat.id.clone(),
            nat.name.clone(),
            "NAT gateway".to_owned(),
        );
        match subnet_index.get(nat.subnet.as_str()) {
            Some(&s) => {
                subnet_children[s].push(node);
                nats.push((node, Some(s)));
            }
            None => {
                homeless_nats.push(node);
                nats.push((node, None));
            }
        }
    }

    // Which subnet each instance is in.
    let mut homeless_instances: Vec<usize> = Vec::new();
    let zone_count = hosts.len();
    for (k, &instance) in instances.iter().enumerate() {
        if zone_count == 0 {
            homeless_instances.push(instance);
            continue;
        }
        let zone = &hosts[k % zone_count];
        let subnet = zone[(k / zone_count) % zone.len()];
        subnet_children[subnet].push(instance);
    }

    let igw_name = net.internet_gateway.as_ref().map(|g| g.name.as_str());
    // Every private subnet gets the same number of instance columns, so the
    // zones read as equals, and the zones side by side make the 16:10 picture.
    let most_instances = subnet_children.iter().map(Vec::len).max().unwrap_or(0);
    let zones = net.availability_zones.len().max(1) as f32;
    let instance_columns = arena.grid_columns(&instances, most_instances, GRID_ASPECT / zones);
    let subnets: Vec<usize> = net
        .subnets
        .iter()
        .zip(subnet_children)
        .map(|(s, children)| {
            let sublabel = match s.kind {
                SubnetKind::Public => igw_name.map_or(String::new(), |g| format!("routes to {g}")),
                SubnetKind::Private => match net.nat_gateways.first() {
                    Some(nat) => format!("egress via {}", nat.name),
                    None => "no internet route".to_owned(),
                },
            };
            let columns = match s.kind {
                SubnetKind::Public => children.len(),
                SubnetKind::Private => instance_columns,
            };
            arena.grid(
                BoxKind::Subnet(s.kind),
                s.id.clone(),
                s.name.clone(),
                sublabel,
                children,
                columns,
            )
        })
        .collect();

    let Balancers {
        drawn: balancers,
        by_id: balancer_node,
        target_groups: target_group_node,
    } = draw_balancers(d, &mut arena);

    // The pipeline is sized first: the cluster box lines up with its deploy stage.
    let (stages, stage_x, deploy_stage) = draw_pipeline(d, &mut arena);

    let asg = &cluster.auto_scaling_group;
    let launch = match cluster.launch_type {
        LaunchType::Ec2 => "EC2",
        LaunchType::Fargate => "Fargate",
    };
    let cluster_node = arena.group(
        BoxKind::Cluster,
        id_or(&cluster.id, "cluster"),
        cluster.name.clone(),
        format!(
            "{launch}, Auto Scaling group min {} / desired {} / max {}",
            asg.min, asg.desired, asg.max
        ),
        homeless_instances,
    );

    // The outside column and the VPC's corner.
    let igw = net.internet_gateway.as_ref().map(|g| {
        arena.leaf(
            BoxKind::InternetGateway,
            g.id.clone(),
            g.name.clone(),
            format!("attached to {}", net.vpc.name),
        )
    });
    // Where requests come from: drawn when they have a way in, names to
    // resolve and a gateway to enter by, above the gateway in the outside
    // column.
    let client = (igw.is_some() && !d.dns.is_empty()).then(|| {
        arena.leaf(
            BoxKind::Client,
            CLIENT_ID.to_owned(),
            "Visitors".to_owned(),
            "browsers on the internet".to_owned(),
        )
    });
    let dns: Vec<(usize, Option<usize>)> = {
        let mut records: Vec<(usize, Option<usize>)> = d
            .dns
            .iter()
            .map(|r| {
                let node = arena.leaf(BoxKind::Dns, r.id.clone(), r.name.clone(), "Route53 alias".to_owned());
                (node, balancer_node.get(r.alias_target.as_str()).copied())
            })
            .collect();
        // Stable: records keep their order among those of one load balancer.
        records.sort_by_key(|&(_, target)| target.map_or(usize::MAX, |t| t));
        records
    };
    let dns_height = dns.iter().map(|&(n, _)| arena.size(n).1).fold(0.0, f32::max);
    let outside_width = igw.iter().chain(&client).map(|&n| arena.size(n).0).fold(0.0, f32::max);
    let vpc_x = MARGIN + if igw.is_some() { outside_width + 3.0 * GAP } else { 0.0 };
    let vpc_y = MARGIN + if dns.is_empty() { 0.0 } else { dns_height + 3.0 * GAP };

    // Inside the VPC, in coordinates relative to it.
    let vpc_label = net.vpc.name.clone();
    let vpc_sublabel = net.vpc.cidr.clone().unwrap_or_default();
    let vpc = arena.leaf(BoxKind::Vpc, id_or(&net.vpc.id, "vpc"), vpc_label, vpc_sublabel);
    let mut y = content_top(&arena.nodes[vpc].label, &arena.nodes[vpc].sublabel);
    let mut right: f32 = 0.0;

    // The load balancer band: each balancer with its target groups in a row
    // to its right. A stack would put each group's connector down through
    // the groups under it; in a row, the connectors to all but the first go
    // over the top, through a lane above the band.
    let mut over_band_lane = None;
    if balancers.iter().any(|(_, groups)| groups.len() > 1) {
        over_band_lane = Some(vpc_y + y + GAP);
        y += 2.0 * GAP;
    }
    let mut x = PADDING;
    let mut band_height: f32 = 0.0;
    for (lb, groups) in &balancers {
        arena.adopt(vpc, *lb, x, y);
        let (w, h) = arena.size(*lb);
        band_height = band_height.max(h);
        x += w + 2.0 * GAP;
        for &g in groups {
            arena.adopt(vpc, g, x, y);
            let (gw, gh) = arena.size(g);
            band_height = band_height.max(gh);
            x += gw + GAP;
        }
        right = right.max(x - if groups.is_empty() { 2.0 * GAP } else { GAP });
        x += if groups.is_empty() { 0.0 } else { GAP };
    }
    let mut igw_lanes: Vec<f32> = Vec::new();
    let mut tg_lanes: HashMap<usize, f32> = HashMap::new();
    if !balancers.is_empty() {
        y += band_height + GAP;
        let mut lane = y;
        if igw.is_some() {
            for _ in &balancers {
                igw_lanes.push(vpc_y + lane);
                lane += LANE;
            }
        }
        for (_, groups) in &balancers {
            for &g in groups {
                tg_lanes.insert(g, vpc_y + lane);
                lane += LANE;
            }
        }
        y = lane - LANE + GAP;
    }

    // Availability zones: one column each, plus one for subnets naming no known zone.
    let mut zone_column: HashMap<&str, usize> = HashMap::new();
    let mut columns: Vec<Column> = Vec::new();
    for zone in &net.availability_zones {
        zone_column.entry(zone.id.as_str()).or_insert_with(|| {
            columns.push(Column {
                zone: Some(arena.leaf(
                    BoxKind::AvailabilityZone,
                    zone.id.clone(),
                    zone.name.clone(),
                    String::new(),
                )),
                public: Vec::new(),
                private: Vec::new(),
            });
            columns.len() - 1
        });
    }
    let mut unzoned = Column {
        zone: None,
        public: Vec::new(),
        private: Vec::new(),
    };
    let mut column_of_subnet = vec![usize::MAX; subnets.len()];
    for (i, (s, &node)) in net.subnets.iter().zip(&subnets).enumerate() {
        let column = match zone_column.get(s.availability_zone.as_str()) {
            Some(&c) => {
                column_of_subnet[i] = c;
                &mut columns[c]
            }
            None => &mut unzoned,
        };
        match s.kind {
            SubnetKind::Public => column.public.push(node),
            SubnetKind::Private => column.private.push(node),
        }
    }
    if !unzoned.public.is_empty() || !unzoned.private.is_empty() {
        let c = columns.len();
        for (i, s) in net.subnets.iter().enumerate() {
            if !zone_column.contains_key(s.availability_zone.as_str()) {
                column_of_subnet[i] = c;
            }
        }
        columns.push(unzoned);
    }
    let stack_height = |arena: &Arena, list: &[usize]| -> f32 {
        let sum: f32 = list.iter().map(|&s| arena.size(s).1).sum();
        sum + GAP * list.len().saturating_sub(1) as f32
    };
    let public_band = columns
        .iter()
        .map(|c| stack_height(&arena, &c.public))
        .fold(0.0, f32::max);
    let private_band = columns
        .iter()
        .map(|c| stack_height(&arena, &c.private))
        .fold(0.0, f32::max);
    let egress_lanes = if net.nat_gateways.is_empty() {
        0
    } else {
        net.subnets.iter().filter(|s| s.kind == SubnetKind::Private).count()
    };
    let band_gap = if public_band > 0.0 && private_band > 0.0 {
        if egress_lanes > 0 {
            2.0 * GAP + (egress_lanes - 1) as f32 * LANE
        } else {
            GAP
        }
    } else {
        0.0
    };
    let zone_top = columns
        .iter()
        .filter_map(|c| c.zone)
        .map(|z| content_top(&arena.nodes[z].label, &arena.nodes[z].sublabel))
        .fold(PADDING, f32::max);
    let zone_height = zone_top + public_band + band_gap + private_band + PADDING;
    let first_egress_lane = vpc_y + y + zone_top + public_band + GAP;
    let mut x = PADDING;
    for column in &columns {
        let title_width = column
            .zone
            .map_or(0.0, |z| min_size(&arena.nodes[z].label, "").0 - 2.0 * PADDING);
        let inner = column
            .public
            .iter()
            .chain(&column.private)
            .map(|&s| arena.size(s).0)
            .fold(title_width, f32::max);
        // Subnets hang off the zone box, or straight off the VPC when the zone is unknown.
        let (parent, ox, oy) = match column.zone {
            Some(z) => {
                arena.adopt(vpc, z, x, y);
                let n = &mut arena.nodes[z];
                n.w = n.w.max(inner + 2.0 * PADDING);
                n.h = zone_height;
                (z, 0.0, 0.0)
            }
            None => (vpc, x, y),
        };
        let mut sy = zone_top;
        for &s in &column.public {
            arena.nodes[s].w = inner;
            arena.adopt(parent, s, ox + PADDING, oy + sy);
            sy += arena.size(s).1 + GAP;
        }
        let mut sy = zone_top + public_band + band_gap;
        for &s in &column.private {
            arena.nodes[s].w = inner;
            arena.adopt(parent, s, ox + PADDING, oy + sy);
            sy += arena.size(s).1 + GAP;
        }
        x += inner + 2.0 * PADDING + GAP;
    }
    if !columns.is_empty() {
        right = right.max(x - GAP);
        y += zone_height + GAP;
    }

    // The bottom band: NAT gateways in no known subnet, then the cluster.
    let mut x = PADDING;
    let mut bottom_band: f32 = 0.0;
    for &n in &homeless_nats {
        arena.adopt(vpc, n, x, y);
        x += arena.size(n).0 + GAP;
        bottom_band = bottom_band.max(arena.size(n).1);
    }
    let cluster_x = deploy_stage.map_or(x, |(_, sx)| x.max(sx - vpc_x));
    arena.adopt(vpc, cluster_node, cluster_x, y);
    let (cw, ch) = arena.size(cluster_node);
    right = right.max(cluster_x + cw);
    y += bottom_band.max(ch);
    {
        let v = &mut arena.nodes[vpc];
        v.x = vpc_x;
        v.y = vpc_y;
        v.w = v.w.max(right + PADDING);
        v.h = v.h.max(y + PADDING);
    }
    let vpc_bottom = vpc_y + arena.nodes[vpc].h;

    // The outside: DNS over its load balancer, the gateway by the lanes.
    let mut roots: Vec<usize> = Vec::new();
    // The visitors' box holds the row's first place (and is first in the
    // keyboard's order, as requests start there).
    if let Some(c) = client {
        let n = &mut arena.nodes[c];
        n.x = MARGIN;
        n.y = MARGIN;
        roots.push(c);
    }
    let mut cursor = client.map_or(MARGIN, |c| MARGIN + arena.size(c).0 + GAP);
    for &(record, target) in &dns {
        let over = target.map_or(cursor, |t| vpc_x + arena.nodes[t].x);
        let n = &mut arena.nodes[record];
        n.x = cursor.max(over);
        n.y = MARGIN;
        cursor = n.x + n.w + GAP;
        roots.push(record);
    }
    let mut outside_bottom = vpc_bottom;
    if let Some(g) = igw {
        let (_, h) = arena.size(g);
        let n = &mut arena.nodes[g];
        n.x = MARGIN;
        match (igw_lanes.first(), igw_lanes.last()) {
            (Some(&first), Some(&last)) => {
                n.h = h.max(last - first + 2.0 * PADDING);
                n.y = ((first + last) / 2.0 - n.h / 2.0).max(vpc_y);
                n.h = n.h.max(last - n.y + PADDING);
            }
            _ => n.y = vpc_y + PADDING,
        }
        outside_bottom = outside_bottom.max(n.y + n.h);
        roots.push(g);
    }
    roots.push(vpc);
    let stage_y = outside_bottom + 3.0 * GAP;
    for (&s, &sx) in stages.iter().zip(&stage_x) {
        arena.nodes[s].x = sx;
        arena.nodes[s].y = stage_y;
        roots.push(s);
    }

    // Connectors, now that every box has its place.
    let balancer_of_record = dns.iter().filter_map(|&(r, t)| Some((r, t?)));
    for (record, target) in balancer_of_record {
        pending.push(Pending {
            kind: EdgeKind::Dns,
            from: record,
            to: target,
            how: How::Down(vpc_y - 1.5 * GAP),
        });
    }
    if let (Some(c), Some(g)) = (client, igw) {
        pending.push(Pending {
            kind: EdgeKind::Traffic,
            from: c,
            to: g,
            how: How::Facing,
        });
    }
    if let Some(g) = igw {
        for ((lb, _), &lane) in balancers.iter().zip(&igw_lanes) {
            pending.push(Pending {
                kind: EdgeKind::Traffic,
                from: g,
                to: *lb,
                how: How::RightThenUp(lane),
            });
        }
    }
    for (lb, groups) in &balancers {
        for (j, &g) in groups.iter().enumerate() {
            pending.push(Pending {
                kind: EdgeKind::Traffic,
                from: *lb,
                to: g,
                how: match over_band_lane {
                    Some(lane) if j > 0 => How::OverTop(lane),
                    _ => How::Facing,
                },
            });
        }
    }
    for task in &tasks {
        let group = task.target_group.as_deref().and_then(|t| target_group_node.get(t));
        if let Some(&g) = group {
            pending.push(Pending {
                kind: EdgeKind::Traffic,
                from: g,
                to: task.entry,
                how: How::DownIntoNested(tg_lanes.get(&g).copied().unwrap_or(0.0)),
            });
        }
    }
    if !nats.is_empty() {
        let mut nat_of_column: HashMap<usize, usize> = HashMap::new();
        for &(node, subnet) in nats.iter().rev() {
            if let Some(s) = subnet {
                nat_of_column.insert(column_of_subnet[s], node);
            }
        }
        let mut lane = first_egress_lane;
        for (i, s) in net.subnets.iter().enumerate() {
            if s.kind != SubnetKind::Private {
                continue;
            }
            let nat = nat_of_column.get(&column_of_subnet[i]).copied().unwrap_or(nats[0].0);
            pending.push(Pending {
                kind: EdgeKind::Egress,
                from: subnets[i],
                to: nat,
                how: How::Up(lane),
            });
            lane += LANE;
        }
        if let Some(g) = igw {
            for &(node, _) in &nats {
                pending.push(Pending {
                    kind: EdgeKind::Egress,
                    from: node,
                    to: g,
                    how: How::LeftThenUp,
                });
            }
        }
    }
    for pair in stages.windows(2) {
        pending.push(Pending {
            kind: EdgeKind::Deploy,
            from: pair[0],
            to: pair[1],
            how: How::Facing,
        });
    }
    if let Some((stage, _)) = deploy_stage {
        pending.push(Pending {
            kind: EdgeKind::Deploy,
            from: stage,
            to: cluster_node,
            how: How::Up(vpc_bottom + 1.5 * GAP),
        });
    }

    assemble(&arena, &roots, pending)
}

/// Absolute coordinates for every box, routes for every connector, in
/// drawing order.
fn assemble(arena: &Arena, roots: &[usize], pending: Vec<Pending>) -> Scene {
    let rects = arena.absolute(roots);
    let edges = pending
        .into_iter()
        .map(|p| {
            let (a, b) = (rects[p.from], rects[p.to]);
            let points = match p.how {
                How::Facing => connect(a, b),
                How::Down(lane) => {
                    let (xa, xb) = straight_or(a.x, a.right(), b.x, b.right(), a.cx(), b.cx());
                    route(end(a, Side::Bottom, xa), end(b, Side::Top, xb), lane)
                }
                How::DownIntoNested(lane) => {
                    let entry = (b.right() - PADDING).max(b.cx());
                    let (xa, xb) = straight_or(a.x, a.right(), b.cx(), entry, a.cx(), entry);
                    route(end(a, Side::Bottom, xa), end(b, Side::Top, xb), lane)
                }
                How::OverTop(lane) => route(end(a, Side::Top, a.right() - PADDING), end(b, Side::Top, b.cx()), lane),
                How::Up(lane) => {
                    let (xa, xb) = straight_or(a.x, a.right(), b.x, b.right(), a.cx(), b.cx());
                    route(end(a, Side::Top, xa), end(b, Side::Bottom, xb), lane)
                }
                How::RightThenUp(lane) => route(end(a, Side::Right, lane), end(b, Side::Bottom, b.cx()), 0.0),
                How::LeftThenUp => route(end(a, Side::Left, a.cy()), end(b, Side::Bottom, b.cx()), 0.0),
            };
            let (from, to) = (&arena.nodes[p.from].id, &arena.nodes[p.to].id);
            Edge {
                id: format!("{}:{from}->{to}", p.kind.as_str()),
                from: from.clone(),
                to: to.clone(),
                kind: p.kind,
                points,
            }
        })
        .collect();

    let order = arena.order(roots);
    let (mut width, mut height) = (0.0f32, 0.0f32);
    for &i in roots {
        width = width.max(rects[i].right());
        height = height.max(rects[i].bottom());
    }
    let boxes = order
        .into_iter()
        .map(|i| {
            let n = &arena.nodes[i];
            let r = rects[i];
            SceneBox {
                id: n.id.clone(),
                kind: n.kind,
                parent: n.parent.map(|p| arena.nodes[p].id.clone()),
                x: r.x,
                y: r.y,
                width: r.w,
                height: r.h,
                label: n.label.clone(),
                sublabel: n.sublabel.clone(),
                planned: n.planned,
            }
        })
        .collect();
    Scene {
        width: width + MARGIN,
        height: height + MARGIN,
        boxes,
        edges,
    }
}

/// Every task of every service with its containers, and the links between
/// them.
fn draw_tasks(analysis: &Analysis, counts: &[u32], arena: &mut Arena, pending: &mut Vec<Pending>) -> Vec<DrawnTask> {
    let d = &analysis.deployment;
    let mut tasks: Vec<DrawnTask> = Vec::new();
    for (service_index, (service, &count)) in d.services.iter().zip(counts).enumerate() {
        let definition = analysis.task_definition(&service.task_definition);
        let cpu = definition.map_or(0, task_cpu_units);
        let remaining = MAX_TASKS - tasks.len();
        for n in 1..=(count as usize).min(remaining) {
            let task_id = format!("{}/task-{n}", service.id);
            let mut containers: Vec<(usize, &str)> = Vec::new();
            if let Some(definition) = definition {
                for c in &definition.containers {
                    let node = arena.leaf(
                        BoxKind::Container,
                        format!("{task_id}/{}", c.name),
                        c.name.clone(),
                        container_sublabel(c),
                    );
                    containers.push((node, c.name.as_str()));
                }
                for (c, &(from, _)) in definition.containers.iter().zip(&containers) {
                    for link in &c.links {
                        // ECS links are `name` or `name:alias`.
                        let name = link.split(':').next().unwrap_or(link);
                        if let Some(&(to, _)) = containers.iter().find(|(_, n)| *n == name) {
                            pending.push(Pending {
                                kind: EdgeKind::Link,
                                from,
                                to,
                                how: How::Facing,
                            });
                        }
                    }
                }
            }
            let binding = service.load_balancer.as_ref();
            let entry_container = binding.and_then(|b| containers.iter().find(|(_, n)| *n == b.container_name));
            let node = arena.group(
                BoxKind::Task,
                task_id,
                format!("{} task {n}", service.name),
                task_sublabel(definition, &service.task_definition, cpu),
                containers.iter().map(|&(n, _)| n).collect(),
            );
            tasks.push(DrawnTask {
                node,
                service: service_index,
                entry: entry_container.map_or(node, |&(n, _)| n),
                target_group: binding.map(|b| b.target_group.clone()),
            });
        }
    }
    tasks
}

/// How many tasks of each service to draw: those the plan places, or, for a
/// service whose task definition cannot be read (the plan cannot size it),
/// its desired count, so the picture still shows it.
fn drawn_counts(analysis: &Analysis, plan: &Capacity) -> Vec<u32> {
    let mut placed: HashMap<&str, u32> = HashMap::new();
    for task in plan.instances.iter().flat_map(|i| &i.tasks) {
        *placed.entry(task.service.as_str()).or_default() += 1;
    }
    analysis
        .deployment
        .services
        .iter()
        .map(|s| {
            let demand = plan.services.iter().find(|d| d.service == s.id);
            match demand {
                Some(demand) if demand.task.is_some() => placed.get(s.id.as_str()).copied().unwrap_or(0),
                Some(demand) => demand.desired,
                None => s.desired_count,
            }
        })
        .collect()
}

/// The drawn tasks on each instance of the plan (with whether the instance
/// is only planned), at least the Auto Scaling group's desired count of
/// instances (it runs them even when idle) and at most [`MAX_INSTANCES`].
/// Tasks the plan could not size go to the first instance.
fn assign(analysis: &Analysis, plan: &Capacity, tasks: &[DrawnTask]) -> Vec<(Vec<usize>, bool)> {
    let services = &analysis.deployment.services;
    let mut queues: Vec<std::collections::VecDeque<usize>> = vec![Default::default(); services.len()];
    for task in tasks {
        queues[task.service].push_back(task.node);
    }
    let index: HashMap<&str, usize> = services.iter().enumerate().map(|(i, s)| (s.id.as_str(), i)).collect();
    let count = plan.instances.len().max(plan.asg.desired as usize).min(MAX_INSTANCES);
    let mut on: Vec<(Vec<usize>, bool)> = (0..count)
        .map(|i| (Vec::new(), plan.instances.get(i).is_some_and(|p| p.scale_out)))
        .collect();
    for (i, instance) in plan.instances.iter().enumerate() {
        let slot = i.min(count.saturating_sub(1));
        for placed in &instance.tasks {
            let Some(&s) = index.get(placed.service.as_str()) else {
                continue;
            };
            if let (Some(node), Some(target)) = (queues[s].pop_front(), on.get_mut(slot)) {
                target.0.push(node);
            }
        }
    }
    let rest: Vec<usize> = queues.into_iter().flatten().collect();
    if !rest.is_empty() {
        if on.is_empty() {
            on.push((Vec::new(), false));
        }
        on[0].0.extend(rest);
    }
    on
}

/// The load balancers, each with its target groups, and both by id.
struct Balancers<'a> {
    drawn: Vec<(usize, Vec<usize>)>,
    by_id: HashMap<&'a str, usize>,
    target_groups: HashMap<&'a str, usize>,
}

fn draw_balancers<'a>(d: &'a Deployment, arena: &mut Arena) -> Balancers<'a> {
    let mut target_group_node: HashMap<&str, usize> = HashMap::new();
    let mut balancers: Vec<(usize, Vec<usize>)> = Vec::new();
    let mut balancer_node: HashMap<&str, usize> = HashMap::new();
    for lb in &d.load_balancers {
        let node = arena.leaf(
            BoxKind::LoadBalancer,
            lb.id.clone(),
            lb.name.clone(),
            balancer_sublabel(lb),
        );
        balancer_node.entry(lb.id.as_str()).or_insert(node);
        let groups = lb
            .target_groups
            .iter()
            .map(|tg| {
                let kind = match tg.target_type {
                    TargetType::Instance => "instance targets",
                    TargetType::Ip => "IP targets",
                };
                let g = arena.leaf(
                    BoxKind::TargetGroup,
                    tg.id.clone(),
                    tg.name.clone(),
                    format!("{} {}, {kind}", tg.protocol.as_str(), tg.port),
                );
                target_group_node.entry(tg.id.as_str()).or_insert(g);
                g
            })
            .collect();
        balancers.push((node, groups));
    }
    Balancers {
        drawn: balancers,
        by_id: balancer_node,
        target_groups: target_group_node,
    }
}

/// The pipeline's stages, equally tall so the arrows between them run
/// straight; their x positions; and the ECS deploy stage with its x.
fn draw_pipeline(d: &Deployment, arena: &mut Arena) -> (Vec<usize>, Vec<f32>, Option<(usize, f32)>) {
    let stages: Vec<usize> = d
        .pipeline
        .iter()
        .enumerate()
        .map(|(i, stage)| {
            arena.leaf(
                BoxKind::PipelineStage,
                stage.id.clone(),
                stage.name.clone(),
                format!("step {}", i + 1),
            )
        })
        .collect();
    let stage_height = stages.iter().map(|&s| arena.size(s).1).fold(0.0, f32::max);
    let mut stage_x = Vec::with_capacity(stages.len());
    let mut x = MARGIN;
    for &s in &stages {
        arena.nodes[s].h = stage_height;
        stage_x.push(x);
        x += arena.size(s).0 + 3.0 * GAP;
    }
    let deploy_stage = d
        .pipeline
        .iter()
        .position(|s| s.kind == StageKind::EcsDeploy)
        .map(|i| (stages[i], stage_x[i]));
    (stages, stage_x, deploy_stage)
}

struct Column {
    zone: Option<usize>,
    public: Vec<usize>,
    private: Vec<usize>,
}

/// The containers every scene has need an id even when the file leaves it
/// blank, or the two would share the empty one.
fn id_or(id: &str, fallback: &str) -> String {
    if id.is_empty() { fallback } else { id }.to_owned()
}

/// One shared coordinate when the two spans overlap (a straight line), else
/// each box's own centre.
fn straight_or(a_low: f32, a_high: f32, b_low: f32, b_high: f32, a_mid: f32, b_mid: f32) -> (f32, f32) {
    shared(a_low, a_high, b_low, b_high).map_or((a_mid, b_mid), |v| (v, v))
}

/// The subnets instances are launched into, grouped by availability zone in
/// order of first appearance, so round-robin over the groups spreads
/// instances over zones the way an Auto Scaling group balances them.
/// Prefers the cluster's private subnets; falls back to whatever the cluster
/// names, then to every private subnet of the VPC.
fn instance_subnets(analysis: &Analysis, index: &HashMap<&str, usize>) -> Vec<Vec<usize>> {
    let net = &analysis.deployment.network;
    let mut named: Vec<usize> = Vec::new();
    for id in &analysis.deployment.cluster.subnets {
        if let Some(&i) = index.get(id.as_str()) {
            if !named.contains(&i) {
                named.push(i);
            }
        }
    }
    let private = |list: &[usize]| -> Vec<usize> {
        list.iter()
            .copied()
            .filter(|&i| net.subnets[i].kind == SubnetKind::Private)
            .collect()
    };
    let mut chosen = private(&named);
    if chosen.is_empty() {
        chosen = named;
    }
    if chosen.is_empty() {
        chosen = private(&(0..net.subnets.len()).collect::<Vec<_>>());
    }
    let mut zones: Vec<(&str, Vec<usize>)> = Vec::new();
    for i in chosen {
        let zone = net.subnets[i].availability_zone.as_str();
        match zones.iter_mut().find(|(z, _)| *z == zone) {
            Some((_, list)) => list.push(i),
            None => zones.push((zone, vec![i])),
        }
    }
    zones.into_iter().map(|(_, list)| list).collect()
}

/// Task-level CPU when set, else what the containers reserve between them.
fn task_cpu_units(definition: &TaskDefinition) -> u64 {
    definition.cpu.as_deref().and_then(cpu_units).unwrap_or_else(|| {
        definition
            .containers
            .iter()
            .filter_map(|c| c.cpu)
            .fold(0u64, u64::saturating_add)
    })
}

fn task_sublabel(definition: Option<&TaskDefinition>, family: &str, cpu: u64) -> String {
    let Some(definition) = definition else {
        return format!("{family} (not loaded)");
    };
    let mut text = match definition.revision {
        Some(revision) => format!("{}:{revision}", definition.family),
        None => definition.family.clone(),
    };
    if cpu > 0 {
        text.push_str(&format!(", {} vCPU", vcpu_label(cpu)));
    }
    text
}

fn container_sublabel(c: &crate::taskdef::Container) -> String {
    let ports: Vec<String> = c.port_mappings.iter().map(|m| m.describe()).collect();
    if ports.is_empty() {
        String::new()
    } else {
        format!("port {}", ports.join(", "))
    }
}

fn balancer_sublabel(lb: &crate::deployment::LoadBalancer) -> String {
    let scheme = match lb.scheme {
        Scheme::InternetFacing => "internet-facing",
        Scheme::Internal => "internal",
    };
    let listeners: Vec<String> = lb
        .listeners
        .iter()
        .map(|l| format!("{} {}", l.protocol.as_str(), l.port))
        .collect();
    if listeners.is_empty() {
        scheme.to_owned()
    } else {
        format!("{scheme}, {}", listeners.join(", "))
    }
}

/// How far a point may be from a border and still count as on it.
const TOLERANCE: f32 = 0.01;

impl Scene {
    /// Every way the scene breaks the rules a drawing relies on: ids unique,
    /// children inside their parents, siblings apart, text inside its box,
    /// connectors orthogonal and attached to their boxes. Empty when sound.
    /// The tests hold every layout to it; a view can use it to refuse a
    /// broken scene rather than draw a misleading one.
    pub fn problems(&self) -> Vec<String> {
        let mut problems = Vec::new();
        let mut by_id: HashMap<&str, &SceneBox> = HashMap::with_capacity(self.boxes.len());
        for b in &self.boxes {
            if by_id.insert(b.id.as_str(), b).is_some() {
                problems.push(format!("two boxes are called {:?}", b.id));
            }
        }
        let mut siblings: HashMap<Option<&str>, Vec<Rect>> = HashMap::new();
        for b in &self.boxes {
            let r = b.rect();
            if ![r.x, r.y, r.w, r.h].iter().all(|v| v.is_finite()) || r.w < 0.0 || r.h < 0.0 {
                problems.push(format!("{} has no proper size: {r:?}", b.id));
                continue;
            }
            let (w, h) = min_size(&b.label, &b.sublabel);
            if r.w + TOLERANCE < w || r.h + TOLERANCE < h {
                problems.push(format!("{}'s text needs {w}×{h}, the box is {}×{}", b.id, r.w, r.h));
            }
            let outer = match &b.parent {
                Some(p) => match by_id.get(p.as_str()) {
                    Some(parent) => parent.rect(),
                    None => {
                        problems.push(format!("{}'s parent {p} is not in the scene", b.id));
                        continue;
                    }
                },
                None => Rect {
                    x: 0.0,
                    y: 0.0,
                    w: self.width,
                    h: self.height,
                },
            };
            if !contains(outer, r) {
                problems.push(format!("{} {r:?} sticks out of {:?} {outer:?}", b.id, b.parent));
            }
            siblings.entry(b.parent.as_deref()).or_default().push(r);
        }
        for (parent, mut rects) in siblings {
            // Sweep by x: only boxes starting before one ends can overlap it.
            rects.sort_by(|a, b| a.x.total_cmp(&b.x));
            for (i, a) in rects.iter().enumerate() {
                for b in &rects[i + 1..] {
                    if b.x >= a.right() - TOLERANCE {
                        break;
                    }
                    if b.y < a.bottom() - TOLERANCE && a.y < b.bottom() - TOLERANCE {
                        problems.push(format!("children of {parent:?} overlap: {a:?} and {b:?}"));
                    }
                }
            }
        }
        for e in &self.edges {
            let (Some(from), Some(to)) = (by_id.get(e.from.as_str()), by_id.get(e.to.as_str())) else {
                problems.push(format!("{} joins boxes that are not in the scene", e.id));
                continue;
            };
            let (Some(&first), Some(&last)) = (e.points.first(), e.points.last()) else {
                problems.push(format!("{} has no points", e.id));
                continue;
            };
            if e.points.len() < 2 {
                problems.push(format!("{} is a single point", e.id));
            }
            if !on_border(from.rect(), first) {
                problems.push(format!("{} starts at {first:?}, off {}", e.id, e.from));
            }
            if !on_border(to.rect(), last) {
                problems.push(format!("{} ends at {last:?}, off {}", e.id, e.to));
            }
            for pair in e.points.windows(2) {
                let (a, b) = (pair[0], pair[1]);
                if a.0 != b.0 && a.1 != b.1 {
                    problems.push(format!("{} has a slanted segment {a:?} → {b:?}", e.id));
                }
            }
        }
        problems
    }
}

fn contains(outer: Rect, inner: Rect) -> bool {
    inner.x >= outer.x - TOLERANCE
        && inner.y >= outer.y - TOLERANCE
        && inner.right() <= outer.right() + TOLERANCE
        && inner.bottom() <= outer.bottom() + TOLERANCE
}

fn on_border(r: Rect, (x, y): (f32, f32)) -> bool {
    let near = |a: f32, b: f32| (a - b).abs() <= TOLERANCE;
    let within_x = x >= r.x - TOLERANCE && x <= r.right() + TOLERANCE;
    let within_y = y >= r.y - TOLERANCE && y <= r.bottom() + TOLERANCE;
    (within_x && (near(y, r.y) || near(y, r.bottom()))) || (within_y && (near(x, r.x) || near(x, r.right())))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reference;

    fn reference_scene() -> Scene {
        layout(&reference::workspace().analyze())
    }

    fn find<'a>(scene: &'a Scene, id: &str) -> &'a SceneBox {
        scene
            .boxes
            .iter()
            .find(|b| b.id == id)
            .unwrap_or_else(|| panic!("no box {id}"))
    }

    #[test]
    fn the_reference_scene_is_sound() {
        let scene = reference_scene();
        assert_eq!(scene.problems(), Vec::<String>::new());
        assert_eq!(scene, reference_scene());
    }

    #[test]
    fn the_reference_nests_vpc_zone_subnet_instance_task_container() {
        let scene = reference_scene();
        let chain = [
            "svc-backend/task-2/springboot",
            "svc-backend/task-2",
            "instance-1",
            "private-a",
            "az-a",
            "vpc",
        ];
        for pair in chain.windows(2) {
            assert_eq!(find(&scene, pair[0]).parent.as_deref(), Some(pair[1]));
        }
        assert_eq!(find(&scene, "nat").parent.as_deref(), Some("public-a"));
        assert_eq!(find(&scene, "tg-frontend").parent.as_deref(), Some("vpc"));
        assert_eq!(find(&scene, "igw").parent, None);
        let instances = scene.boxes.iter().filter(|b| b.kind == BoxKind::Instance).count();
        assert_eq!(instances, 1, "2 + 1 + 1 vCPU fill one 4 vCPU instance");
        let tasks: Vec<_> = scene
            .boxes
            .iter()
            .filter(|b| b.kind == BoxKind::Task)
            .map(|b| b.id.as_str())
            .collect();
        assert_eq!(
            tasks,
            ["svc-frontend/task-1", "svc-backend/task-1", "svc-backend/task-2"]
        );
    }

    #[test]
    fn the_reference_draws_every_connector_the_write_up_describes() {
        let scene = reference_scene();
        let ids: Vec<&str> = scene.edges.iter().map(|e| e.id.as_str()).collect();
        for id in [
            "dns:dns-www->alb-frontend",
            "dns:dns-api->alb-backend",
            "traffic:browser->igw",
            "traffic:igw->alb-frontend",
            "traffic:alb-backend->tg-backend",
            "traffic:tg-frontend->svc-frontend/task-1/nginx",
            "traffic:tg-backend->svc-backend/task-2/nginx",
            "link:svc-frontend/task-1/nginx->svc-frontend/task-1/next",
            "link:svc-backend/task-1/nginx->svc-backend/task-1/springboot",
            "egress:private-b->nat",
            "egress:nat->igw",
            "deploy:github->github-actions",
            "deploy:ecs-deploy->cluster",
        ] {
            assert!(ids.contains(&id), "{id} missing from {ids:#?}");
        }
        assert_eq!(ids.len(), 2 + 1 + 2 + 2 + 3 + 3 + 2 + 1 + 4 + 1);
    }

    #[test]
    fn aligned_boxes_are_joined_by_straight_lines() {
        let scene = reference_scene();
        for id in [
            "dns:dns-www->alb-frontend",
            "deploy:ecs-deploy->cluster",
            "egress:private-a->nat",
        ] {
            let edge = scene.edges.iter().find(|e| e.id == id).unwrap();
            assert_eq!(edge.points.len(), 2, "{id}: {:?}", edge.points);
        }
    }

    #[test]
    fn the_soundness_check_catches_each_kind_of_breakage() {
        let sound = reference_scene();
        let broken = |change: &dyn Fn(&mut Scene)| {
            let mut scene = sound.clone();
            change(&mut scene);
            scene.problems()
        };
        let index = |scene: &Scene, id: &str| scene.boxes.iter().position(|b| b.id == id).unwrap();
        let moved = broken(&|s| {
            let i = index(s, "svc-backend/task-1");
            s.boxes[i].x += 40.0;
        });
        assert!(moved.iter().any(|p| p.contains("overlap")), "{moved:?}");
        let escaped = broken(&|s| {
            let i = index(s, "nat");
            s.boxes[i].y -= 100.0;
        });
        assert!(escaped.iter().any(|p| p.contains("sticks out")), "{escaped:?}");
        let cramped = broken(&|s| {
            let i = index(s, "alb-frontend");
            s.boxes[i].width = 50.0;
        });
        assert!(cramped.iter().any(|p| p.contains("text needs")), "{cramped:?}");
        let slanted = broken(&|s| {
            let bent = s.edges.iter_mut().find(|e| e.points.len() > 2).unwrap();
            bent.points[1].0 += 3.0;
        });
        assert!(slanted.iter().any(|p| p.contains("slanted")), "{slanted:?}");
        let detached = broken(&|s| s.edges[0].points.iter_mut().for_each(|p| p.0 -= 5.0));
        assert!(detached.iter().any(|p| p.contains("starts at")), "{detached:?}");
    }

    #[test]
    fn an_empty_analysis_gives_an_empty_but_sound_scene() {
        let scene = layout(&Analysis::default());
        assert_eq!(scene.problems(), Vec::<String>::new());
        let kinds: Vec<_> = scene.boxes.iter().map(|b| b.kind).collect();
        assert_eq!(kinds, [BoxKind::Vpc, BoxKind::Cluster]);
        assert!(scene.edges.is_empty());
    }

    #[test]
    fn unknown_references_and_missing_subnets_still_place_everything() {
        let mut analysis = reference::workspace().analyze();
        let d = &mut analysis.deployment;
        d.dns[0].alias_target = "nowhere".into();
        d.network.nat_gateways[0].subnet = "nowhere".into();
        d.network.subnets[3].availability_zone = "az-z".into();
        d.services[0].load_balancer.as_mut().unwrap().target_group = "tg-nowhere".into();
        d.services[1].task_definition = "missing".into();
        let scene = layout(&analysis);
        assert_eq!(scene.problems(), Vec::<String>::new());
        assert_eq!(find(&scene, "nat").parent.as_deref(), Some("vpc"));
        assert_eq!(find(&scene, "private-b").parent.as_deref(), Some("vpc"));
        assert_eq!(find(&scene, "svc-backend/task-2").sublabel, "missing (not loaded)");

        analysis.deployment.network.subnets.clear();
        analysis.deployment.cluster.instance.vcpu = 0;
        let scene = layout(&analysis);
        assert_eq!(scene.problems(), Vec::<String>::new());
        assert_eq!(find(&scene, "instance-1").parent.as_deref(), Some("cluster"));
    }

    #[test]
    fn a_third_backend_task_is_drawn_on_a_planned_second_instance() {
        let analysis = reference::workspace().analyze();
        let mut overrides = Overrides::default();
        overrides.desired.insert("svc-backend".into(), 3);
        overrides.asg_max = Some(3);
        let scene = layout_planned(&analysis, &capacity(&analysis, &overrides));
        assert_eq!(scene.problems(), Vec::<String>::new());
        let second = find(&scene, "instance-2");
        assert!(second.planned, "{second:?}");
        assert!(!find(&scene, "instance-1").planned);
        let on_second: Vec<&str> = scene
            .boxes
            .iter()
            .filter(|b| b.parent.as_deref() == Some("instance-2"))
            .map(|b| b.id.as_str())
            .collect();
        // 2 + 1 + 1 vCPU fill the first instance; the third 1 vCPU task needs another.
        assert_eq!(on_second, ["svc-backend/task-3"]);
    }

    #[test]
    fn tasks_the_group_cannot_hold_are_left_out() {
        let analysis = reference::workspace().analyze();
        let mut overrides = Overrides::default();
        overrides.desired.insert("svc-backend".into(), 3);
        overrides.asg_max = Some(1);
        let scene = layout_planned(&analysis, &capacity(&analysis, &overrides));
        let backend = scene
            .boxes
            .iter()
            .filter(|b| b.kind == BoxKind::Task && b.id.starts_with("svc-backend/"))
            .count();
        assert_eq!(backend, 2, "the third task does not fit one instance beside the others");
    }

    #[test]
    fn absurd_counts_are_capped_not_fatal() {
        let mut analysis = reference::workspace().analyze();
        analysis.deployment.services[1].desired_count = u32::MAX;
        analysis.deployment.cluster.auto_scaling_group.desired = u32::MAX;
        analysis.deployment.cluster.auto_scaling_group.max = u32::MAX;
        let scene = layout(&analysis);
        let tasks = scene.boxes.iter().filter(|b| b.kind == BoxKind::Task).count();
        let instances = scene.boxes.iter().filter(|b| b.kind == BoxKind::Instance).count();
        assert_eq!((tasks, instances), (MAX_TASKS, MAX_INSTANCES));
    }
}
