//! The way a request (or a release) travels through the deployment, hop by
//! hop, each hop with the configuration lines that decide it.
//!
//! The path is followed through the data, never assumed: DNS alias → load
//! balancer → listener → target group → the service bound to it → its task
//! definition → the bound container → that container's nginx config → the
//! `proxy_pass` host → the linked container. Where a link is missing the path
//! ends with a [`HopKind::Missing`] hop that says what is missing, so a broken
//! deployment still shows how far a request gets.
//!
//! # Node ids
//!
//! Every hop names the diagram node it passes, with one scheme:
//!
//! | node | id |
//! | --- | --- |
//! | anything `atlas.json` declares (DNS record, internet gateway, NAT gateway, load balancer, target group, service, pipeline stage) | its `id` there: `dns-www`, `igw`, `nat`, `alb-frontend`, `tg-frontend`, `svc-backend`, `ecr` |
//! | a listener | `<load balancer id>:<port>`: `alb-frontend:443` |
//! | the cluster's EC2 instances | `<cluster id>/instance` |
//! | a container | `<family>/<container>`: `ecs-front-task/next` (as the outline names it) |
//! | an nginx config | `nginx/<config id>`: `nginx/frontend` (as the outline names it) |
//! | the visitor's browser | `browser` |
//!
//! A missing hop names the node that would have come next, under the same scheme.

use serde::Serialize;

use crate::deployment::{Deployment, LoadBalancer, Scheme, Service, SubnetKind, TargetType};
use crate::json_spans::SpanIndex;
use crate::json_tree::{self, Node};
use crate::nginx::ast::Directive;
use crate::nginx::listen::{parse_address, Address, Bind};
use crate::source::Source;
use crate::taskdef::document::Document;
use crate::taskdef::TaskDefinition;
use crate::workspace::{Analysis, Workspace};

/// Which journey to follow.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Entry {
    /// Client-side rendering: the browser loads the site, then its scripts
    /// call the API domains themselves.
    Csr,
    /// Server-side rendering: the browser loads a page, and the server-side
    /// container calls the API while rendering it.
    Ssr,
    /// A release: from a push to the running services.
    Deploy,
}

impl Entry {
    pub const ALL: [Entry; 3] = [Entry::Csr, Entry::Ssr, Entry::Deploy];

    /// The name in links and data attributes: `csr`, `ssr`, `deploy`.
    pub fn as_str(self) -> &'static str {
        match self {
            Entry::Csr => "csr",
            Entry::Ssr => "ssr",
            Entry::Deploy => "deploy",
        }
    }

    pub fn parse(s: &str) -> Option<Entry> {
        Entry::ALL.into_iter().find(|e| e.as_str() == s)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum HopKind {
    Browser,
    Dns,
    InternetGateway,
    NatGateway,
    Listener,
    TargetGroup,
    Instance,
    Container,
    NginxLocation,
    PipelineStage,
    Service,
    /// The path cannot be followed further; `about` says why.
    Missing,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Hop {
    /// The diagram node (see the module documentation for the scheme).
    pub node: String,
    pub kind: HopKind,
    pub label: String,
    /// One plain sentence for someone who has never seen the deployment.
    pub about: String,
    /// The configuration that decides this hop, most specific first.
    pub governing: Vec<Governing>,
}

/// A line of a workspace file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Governing {
    pub file: String,
    /// 1-based.
    pub line: usize,
    /// The line as written, trimmed (shortened when very long).
    pub text: String,
}

/// Follows `entry` through the deployment. `workspace` supplies the texts the
/// governing lines are read from; `analysis` is its analysis.
pub fn request_path(analysis: &Analysis, workspace: &Workspace, entry: Entry) -> Vec<Hop> {
    let context = Context::new(analysis, workspace);
    let mut hops = Vec::new();
    match entry {
        Entry::Csr => context.csr(&mut hops),
        Entry::Ssr => context.ssr(&mut hops),
        Entry::Deploy => context.deploy(&mut hops),
    }
    hops
}

struct TaskFile<'a> {
    family: &'a str,
    source: Source<'a>,
    document: Document,
}

struct NginxFile<'a> {
    id: &'a str,
    family: &'a str,
    container: &'a str,
    source: Source<'a>,
    parsed: crate::nginx::Parsed<'a>,
}

struct Context<'a> {
    analysis: &'a Analysis,
    d: &'a Deployment,
    atlas: Source<'a>,
    spans: SpanIndex,
    tasks: Vec<TaskFile<'a>>,
    nginx: Vec<NginxFile<'a>>,
}

/// Longer lines (a minified file) are cut: the line number is what matters.
const MAX_TEXT: usize = 160;

fn governing(source: &Source, offset: usize) -> Governing {
    let (line, _) = source.position(offset);
    let start = source.offset(line, 1);
    let rest = source.text.get(start..).unwrap_or("");
    let text = rest.lines().next().unwrap_or("").trim();
    let text = if text.chars().count() > MAX_TEXT {
        let from = source.text.get(offset..).unwrap_or("");
        let cut: String = from.chars().take(MAX_TEXT).collect();
        format!("{}…", cut.trim())
    } else {
        text.to_owned()
    };
    Governing {
        file: source.name.to_owned(),
        line,
        text,
    }
}

fn hop(node: impl Into<String>, kind: HopKind, label: impl Into<String>, about: impl Into<String>) -> Hop {
    Hop {
        node: node.into(),
        kind,
        label: label.into(),
        about: about.into(),
        governing: Vec::new(),
    }
}

fn missing(node: impl Into<String>, label: impl Into<String>, about: impl Into<String>) -> Hop {
    hop(node, HopKind::Missing, label, about)
}

impl Hop {
    fn governed(mut self, lines: impl IntoIterator<Item = Option<Governing>>) -> Self {
        self.governing.extend(lines.into_iter().flatten());
        self
    }
}

impl<'a> Context<'a> {
    fn new(analysis: &'a Analysis, workspace: &'a Workspace) -> Self {
        let d = &analysis.deployment;
        let atlas = Source::new(&workspace.deployment.name, &workspace.deployment.text);
        let spans = json_tree::parse(&workspace.deployment.text)
            .root
            .map(|root| SpanIndex::from_node(&root))
            .unwrap_or_default();
        let tasks = d
            .task_definitions
            .iter()
            .filter_map(|t| {
                let file = workspace.file(&t.file)?;
                Some(TaskFile {
                    family: &t.family,
                    source: Source::new(&file.name, &file.text),
                    document: Document::parse(&file.text),
                })
            })
            .collect();
        let nginx = d
            .nginx_configs
            .iter()
            .filter_map(|n| {
                let file = workspace.file(&n.file)?;
                Some(NginxFile {
                    id: &n.id,
                    family: &n.task_definition,
                    container: &n.container,
                    source: Source::new(&file.name, &file.text),
                    parsed: crate::nginx::parse(&file.text),
                })
            })
            .collect();
        Context {
            analysis,
            d,
            atlas,
            spans,
            tasks,
            nginx,
        }
    }

    /// The line of `atlas.json` that holds the value at `pointer`.
    fn atlas_line(&self, pointer: &str) -> Option<Governing> {
        let located = self.spans.get(pointer)?;
        Some(governing(&self.atlas, located.key_or_value().start))
    }

    fn task_file(&self, family: &str) -> Option<&TaskFile<'a>> {
        self.tasks.iter().find(|t| t.family == family)
    }

    /// The container's object in the task definition file.
    fn container_node(&self, family: &str, name: &str) -> Option<(&Source<'a>, &Node)> {
        let file = self.task_file(family)?;
        let body = file.document.body()?;
        let found = body
            .value("containerDefinitions")?
            .items()
            .iter()
            .rev()
            .find(|c| c.value("name").and_then(Node::as_str) == Some(name))?;
        Some((&file.source, found))
    }

    /// The `"name": "<container>"` line.
    fn container_name_line(&self, family: &str, name: &str) -> Option<Governing> {
        let (source, node) = self.container_node(family, name)?;
        let prop = node.get("name")?;
        Some(governing(source, prop.key_span.start))
    }

    /// The `"containerPort": <port>` line of the container's mapping for `port`.
    fn port_mapping_line(&self, family: &str, name: &str, port: u64) -> Option<Governing> {
        let (source, node) = self.container_node(family, name)?;
        let mapping = node
            .value("portMappings")?
            .items()
            .iter()
            .find(|m| m.value("containerPort").and_then(Node::as_u64) == Some(port))?;
        let prop = mapping.get("containerPort")?;
        Some(governing(source, prop.key_span.start))
    }

    /// The entry of the container's `links` that names `link`.
    fn link_line(&self, family: &str, name: &str, link: &str) -> Option<Governing> {
        let (source, node) = self.container_node(family, name)?;
        let entry = node.value("links")?.items().iter().find(|l| l.as_str() == Some(link))?;
        Some(governing(source, entry.span.start))
    }

    fn image_lines(&self, family: &str) -> Vec<Option<Governing>> {
        let Some(file) = self.task_file(family) else {
            return Vec::new();
        };
        let Some(containers) = file.document.body().and_then(|b| b.value("containerDefinitions")) else {
            return Vec::new();
        };
        containers
            .items()
            .iter()
            .filter_map(|c| c.get("image"))
            .map(|p| Some(governing(&file.source, p.key_span.start)))
            .collect()
    }

    fn service_index(&self, service: &Service) -> usize {
        self.d
            .services
            .iter()
            .position(|s| std::ptr::eq(s, service))
            .unwrap_or(0)
    }

    fn browser(&self, label: &str, about: String) -> Hop {
        hop("browser", HopKind::Browser, label, about)
    }

    fn lb_index(&self, id: &str) -> Option<(usize, &'a LoadBalancer)> {
        self.d.load_balancers.iter().enumerate().find(|(_, lb)| lb.id == id)
    }

    /// DNS records browsers load pages from first, then the ones the
    /// deployment's own code calls (an API the browser's scripts call too).
    fn records_in_visit_order(&self) -> Vec<usize> {
        let called = |id: &str| self.d.services.iter().any(|s| s.calls.iter().any(|c| c.target == id));
        let (mut pages, apis): (Vec<usize>, Vec<usize>) =
            (0..self.d.dns.len()).partition(|&i| !called(&self.d.dns[i].id));
        pages.extend(apis);
        pages
    }

    fn url(&self, record: usize) -> String {
        let record = &self.d.dns[record];
        let https = self.lb_index(&record.alias_target).is_some_and(|(_, lb)| {
            lb.listeners
                .iter()
                .any(|l| l.protocol == crate::deployment::Protocol::Https)
        });
        format!("{}://{}/", if https { "https" } else { "http" }, record.name)
    }

    fn csr(&self, hops: &mut Vec<Hop>) {
        if self.d.dns.is_empty() {
            hops.push(missing(
                "dns",
                "No DNS record",
                "The deployment file declares no DNS record, so there is no address a browser could start from.",
            ));
            return;
        }
        for (n, i) in self.records_in_visit_order().into_iter().enumerate() {
            let url = self.url(i);
            let about = if n == 0 {
                format!("A visitor's browser requests {url}: the pages and the scripts that render them.")
            } else {
                format!("The page's scripts, running in the browser, call {url} directly (client-side rendering).")
            };
            let label = if n == 0 { "Browser" } else { "Browser (API call)" };
            hops.push(self.browser(label, about));
            if self.follow_dns(i, true, hops).is_none() {
                return;
            }
        }
    }

    fn ssr(&self, hops: &mut Vec<Hop>) {
        let callers: Vec<(usize, &Service)> = self
            .d
            .services
            .iter()
            .enumerate()
            .filter(|(_, s)| !s.calls.is_empty())
            .collect();
        if callers.is_empty() {
            hops.push(missing(
                "calls",
                "No server-side call declared",
                "No service declares the domains its containers call; add a \"calls\" entry to the service whose server-side code fetches from another part of the deployment.",
            ));
            return;
        }
        for (i, service) in callers {
            // The page request that makes the server render: the record whose
            // path ends at this service.
            let entry = self
                .records_in_visit_order()
                .into_iter()
                .find(|&r| self.serves(r).is_some_and(|s| std::ptr::eq(s, service)));
            let mut reached = match entry {
                Some(r) => {
                    let url = self.url(r);
                    hops.push(self.browser(
                        "Browser",
                        format!(
                            "A visitor's browser requests a page at {url}; the server renders it before answering."
                        ),
                    ));
                    match self.follow_dns(r, true, hops) {
                        Some(container) => container,
                        None => return,
                    }
                }
                None => String::new(),
            };
            for (j, call) in service.calls.iter().enumerate() {
                let pointer = format!("/services/{i}/calls/{j}");
                let family = &service.task_definition;
                if reached != call.container {
                    let Some(task) = self.analysis.task_definition(family) else {
                        hops.push(self.missing_task(service));
                        return;
                    };
                    if task.container(&call.container).is_none() {
                        hops.push(
                            missing(
                                format!("{family}/{}", call.container),
                                format!("Missing container {}", call.container),
                                format!(
                                    "The {} service's call names the container \"{}\", which the task definition {family} does not have.",
                                    service.name, call.container
                                ),
                            )
                            .governed([self.atlas_line(&format!("{pointer}/container"))]),
                        );
                        return;
                    }
                    hops.push(
                        hop(
                            format!("{family}/{}", call.container),
                            HopKind::Container,
                            format!("{} container", call.container),
                            format!(
                                "The {} container makes a call while it serves a request.",
                                call.container
                            ),
                        )
                        .governed([self.container_name_line(family, &call.container)]),
                    );
                }
                let Some(record) = self.d.dns.iter().position(|r| r.id == call.target) else {
                    hops.push(
                        missing(
                            call.target.clone(),
                            format!("Missing DNS record {}", call.target),
                            format!(
                                "The call names the DNS record \"{}\", which the deployment file does not declare.",
                                call.target
                            ),
                        )
                        .governed([self.atlas_line(&format!("{pointer}/target"))]),
                    );
                    return;
                };
                let public = self
                    .lb_index(&self.d.dns[record].alias_target)
                    .is_some_and(|(_, lb)| lb.scheme == Scheme::InternetFacing);
                if public && !self.egress(&pointer, &call.container, record, hops) {
                    return;
                }
                if self.follow_dns(record, false, hops).is_none() {
                    return;
                }
                // The egress hops already crossed the internet gateway; the
                // next call starts again from the calling container.
                reached.clear();
            }
        }
    }

    /// The hops out of the VPC towards a public address; false when the way
    /// out is missing.
    fn egress(&self, call_pointer: &str, container: &str, record: usize, hops: &mut Vec<Hop>) -> bool {
        let d = self.d;
        let name = &d.dns[record].name;
        let private = d.cluster.subnets.iter().any(|id| {
            d.network
                .subnets
                .iter()
                .any(|s| &s.id == id && s.kind == SubnetKind::Private)
        });
        if private {
            let Some((k, nat)) = d.network.nat_gateways.iter().enumerate().next() else {
                hops.push(
                    missing(
                        "nat",
                        "No NAT gateway",
                        format!(
                            "The instances sit in private subnets and the VPC has no NAT gateway, so the {container} container cannot reach {name}, a public address."
                        ),
                    )
                    .governed([self.atlas_line(call_pointer)]),
                );
                return false;
            };
            let subnet = d
                .network
                .subnets
                .iter()
                .find(|s| s.id == nat.subnet)
                .map_or(nat.subnet.as_str(), |s| s.name.as_str());
            hops.push(
                hop(
                    &nat.id,
                    HopKind::NatGateway,
                    &nat.name,
                    format!(
                        "{name} resolves to the load balancer's public addresses, so the {container} container's request leaves the private subnet through the NAT gateway in {subnet}; NAT data processing is charged per GB."
                    ),
                )
                .governed([
                    self.atlas_line(call_pointer),
                    self.atlas_line(&format!("/network/natGateways/{k}")),
                ]),
            );
        }
        let Some(igw) = &d.network.internet_gateway else {
            hops.push(missing(
                "igw",
                "No internet gateway",
                format!("The VPC has no internet gateway, so the request to {name} cannot leave it."),
            ));
            return false;
        };
        hops.push(
            hop(
                &igw.id,
                HopKind::InternetGateway,
                &igw.name,
                format!(
                    "The request leaves the VPC through the internet gateway and comes straight back in through it to {name}'s load balancer: a round trip over the public side for a call between neighbours."
                ),
            )
            .governed([self.atlas_line("/network/internetGateway")]),
        );
        true
    }

    /// The service a DNS record's traffic ends up at, if the chain is whole.
    fn serves(&self, record: usize) -> Option<&'a Service> {
        let (_, lb) = self.lb_index(&self.d.dns[record].alias_target)?;
        let listener = preferred_listener(lb)?;
        self.d.services.iter().find(|s| {
            s.load_balancer
                .as_ref()
                .is_some_and(|b| b.target_group == listener.forward_to)
        })
    }

    /// From a DNS record to the last container the request reaches, pushing
    /// the hops; None when the path ended with a missing hop.
    fn follow_dns(&self, i: usize, from_internet: bool, hops: &mut Vec<Hop>) -> Option<String> {
        let d = self.d;
        let record = &d.dns[i];
        hops.push(
            hop(
                &record.id,
                HopKind::Dns,
                &record.name,
                format!(
                    "Route53 answers for {} with the addresses of the load balancer the alias record points at.",
                    record.name
                ),
            )
            .governed([self.atlas_line(&format!("/dns/{i}"))]),
        );
        let Some((l, lb)) = self.lb_index(&record.alias_target) else {
            hops.push(
                missing(
                    &record.alias_target,
                    format!("Missing load balancer {}", record.alias_target),
                    format!(
                        "{} is an alias to \"{}\", which the deployment file does not declare as a load balancer.",
                        record.name, record.alias_target
                    ),
                )
                .governed([self.atlas_line(&format!("/dns/{i}/aliasTarget"))]),
            );
            return None;
        };
        if from_internet && lb.scheme == Scheme::InternetFacing {
            match &d.network.internet_gateway {
                Some(igw) => hops.push(
                    hop(
                        &igw.id,
                        HopKind::InternetGateway,
                        &igw.name,
                        format!(
                            "The request enters the VPC through the internet gateway, which routes it to the {}'s nodes in the public subnets.",
                            lb.name
                        ),
                    )
                    .governed([self.atlas_line("/network/internetGateway")]),
                ),
                None => {
                    hops.push(missing(
                        "igw",
                        "No internet gateway",
                        format!(
                            "The {} is internet-facing but the VPC has no internet gateway, so nothing from the internet reaches it.",
                            lb.name
                        ),
                    ));
                    return None;
                }
            }
        }
        let Some(listener) = preferred_listener(lb) else {
            hops.push(
                missing(
                    format!("{}:listener", lb.id),
                    "No listener",
                    format!("The {} has no listener, so it accepts no request.", lb.name),
                )
                .governed([self.atlas_line(&format!("/loadBalancers/{l}"))]),
            );
            return None;
        };
        let mut listener_lines = Vec::new();
        for (j, other) in lb.listeners.iter().enumerate() {
            if std::ptr::eq(other, listener) {
                listener_lines.insert(0, self.atlas_line(&format!("/loadBalancers/{l}/listeners/{j}")));
            } else if other.forward_to == listener.forward_to {
                listener_lines.push(self.atlas_line(&format!("/loadBalancers/{l}/listeners/{j}")));
            }
        }
        let tls = match &listener.certificate {
            Some(certificate) => format!(", ends TLS with the {certificate}"),
            None => String::new(),
        };
        hops.push(
            hop(
                format!("{}:{}", lb.id, listener.port),
                HopKind::Listener,
                format!("{} {} {}", lb.name, listener.protocol.as_str(), listener.port),
                format!(
                    "The {}'s {} listener on port {} accepts the request{tls} and forwards it to the target group {}.",
                    lb.name,
                    listener.protocol.as_str(),
                    listener.port,
                    listener.forward_to
                ),
            )
            .governed(listener_lines),
        );
        let Some((g, tg)) = lb
            .target_groups
            .iter()
            .enumerate()
            .find(|(_, tg)| tg.id == listener.forward_to)
        else {
            hops.push(missing(
                &listener.forward_to,
                format!("Missing target group {}", listener.forward_to),
                format!(
                    "The listener forwards to \"{}\", which is not a target group of the {}.",
                    listener.forward_to, lb.name
                ),
            ));
            return None;
        };
        let targets = match tg.target_type {
            TargetType::Instance => "each EC2 instance together with the host port Docker gave the container",
            TargetType::Ip => "each task's own network address",
        };
        hops.push(
            hop(
                &tg.id,
                HopKind::TargetGroup,
                &tg.name,
                format!(
                    "The target group lists {targets}; the load balancer picks one round-robin among those passing the health check (GET {}).",
                    tg.health_check_path
                ),
            )
            .governed([self.atlas_line(&format!("/loadBalancers/{l}/targetGroups/{g}"))]),
        );
        let Some(service) = d
            .services
            .iter()
            .find(|s| s.load_balancer.as_ref().is_some_and(|b| b.target_group == tg.id))
        else {
            hops.push(missing(
                format!("{}/service", tg.id),
                "No service",
                format!(
                    "No service registers its tasks in the target group {}, so it has no targets.",
                    tg.id
                ),
            ));
            return None;
        };
        self.enter_service(service, hops)
    }

    fn missing_task(&self, service: &Service) -> Hop {
        let s = self.service_index(service);
        missing(
            format!("taskdef/{}", service.task_definition),
            format!("Missing task definition {}", service.task_definition),
            format!(
                "The {} service runs the task definition {}, which is not in the workspace or could not be read.",
                service.name, service.task_definition
            ),
        )
        .governed([self.atlas_line(&format!("/services/{s}/taskDefinition"))])
    }

    /// From a target group into the bound container of `service`'s task, then
    /// through nginx to the containers it proxies to.
    fn enter_service(&self, service: &'a Service, hops: &mut Vec<Hop>) -> Option<String> {
        let d = self.d;
        let s = self.service_index(service);
        let binding = service.load_balancer.as_ref()?;
        let family = service.task_definition.as_str();
        let subnets: Vec<&str> = d
            .cluster
            .subnets
            .iter()
            .map(|id| {
                d.network
                    .subnets
                    .iter()
                    .find(|n| &n.id == id)
                    .map_or(id.as_str(), |n| n.name.as_str())
            })
            .collect();
        let Some(task) = self.analysis.task_definition(family) else {
            hops.push(self.missing_task(service));
            return None;
        };
        let host_port = task
            .container(&binding.container_name)
            .and_then(|c| {
                c.port_mappings
                    .iter()
                    .find(|m| m.container_port == Some(u64::from(binding.container_port)))
            })
            .and_then(|m| m.host_port);
        let port_text = match host_port {
            Some(0) | None if task.network_mode.as_deref().unwrap_or("bridge") == "bridge" => {
                "a dynamic host port".to_owned()
            }
            Some(0) | None => format!("port {}", binding.container_port),
            Some(port) => format!("host port {port}"),
        };
        let all_private = !d.cluster.subnets.is_empty()
            && d.cluster.subnets.iter().all(|id| {
                d.network
                    .subnets
                    .iter()
                    .any(|n| &n.id == id && n.kind == SubnetKind::Private)
            });
        let instance_label = if all_private {
            "EC2 instance (private subnet)"
        } else {
            "EC2 instance"
        };
        let place = if subnets.is_empty() {
            String::new()
        } else {
            format!(" in {}", subnets.join(" or "))
        };
        hops.push(
            hop(
                format!("{}/instance", d.cluster.id),
                HopKind::Instance,
                instance_label,
                format!(
                    "The target is an ECS container instance{place}; ECS registered it with {port_text}, which Docker forwards to the {} container's port {}.",
                    binding.container_name, binding.container_port
                ),
            )
            .governed([
                self.atlas_line(&format!("/services/{s}/loadBalancer")),
                self.atlas_line("/cluster/subnets"),
            ]),
        );
        let mut container = binding.container_name.clone();
        let mut port = u64::from(binding.container_port);
        let Some(entry) = task.container(&container) else {
            hops.push(
                missing(
                    format!("{family}/{container}"),
                    format!("Missing container {container}"),
                    format!(
                        "The {} service's load balancer names the container \"{container}\", which the task definition {family} does not have.",
                        service.name
                    ),
                )
                .governed([self.atlas_line(&format!("/services/{s}/loadBalancer/containerName"))]),
            );
            return None;
        };
        let config = self
            .nginx
            .iter()
            .find(|n| n.family == family && n.container == container);
        let listen = config.and_then(|c| listen_line(c, port));
        hops.push(
            hop(
                format!("{family}/{container}"),
                HopKind::Container,
                format!("{container} container, port {port}"),
                format!(
                    "The {container} container of the {family} task receives the request on port {port}{}.",
                    if config.is_some() { ", where nginx listens" } else { "" }
                ),
            )
            .governed([self.port_mapping_line(family, &container, port), listen]),
        );
        let mut current = entry;
        // A container may proxy to another that proxies again; the task's
        // containers bound the chain, and the guard stops a link cycle.
        for _ in 0..task.containers.len().max(1) {
            match self.proxy_step(service, task, current, port, hops) {
                Step::Next(name, next_port) => {
                    current = task.container(&name)?;
                    container = name;
                    port = next_port;
                }
                Step::End => {
                    return Some(container);
                }
                Step::Broken => return None,
            }
        }
        Some(container)
    }

    /// Where the container sends the request on, if it is an nginx the
    /// deployment has a config for.
    fn proxy_step(
        &self,
        service: &Service,
        task: &TaskDefinition,
        container: &crate::taskdef::Container,
        port: u64,
        hops: &mut Vec<Hop>,
    ) -> Step {
        let family = service.task_definition.as_str();
        let name = container.name.as_str();
        let listed = self
            .d
            .nginx_configs
            .iter()
            .find(|n| n.task_definition == family && n.container == name);
        let Some(listed) = listed else {
            if container.links.is_empty() {
                // A container without links serves the request itself.
                return Step::End;
            }
            hops.push(missing(
                format!("{family}/{name}/config"),
                "No nginx config",
                format!(
                    "The {name} container links to {} but the deployment lists no nginx config for it, so where it sends requests is unknown.",
                    container.links.join(", ")
                ),
            ));
            return Step::Broken;
        };
        let node = format!("nginx/{}", listed.id);
        let Some(config) = self.nginx.iter().find(|n| n.id == listed.id) else {
            hops.push(missing(
                node,
                format!("Missing {}", listed.file),
                format!("The nginx config {} is not in the workspace.", listed.file),
            ));
            return Step::Broken;
        };
        let file = config.source.name;
        let Some(server) = server_for(config, port) else {
            hops.push(missing(
                node,
                format!("No server on port {port}"),
                format!("{file} has no http server listening on port {port}, so nginx refuses the connection."),
            ));
            return Step::Broken;
        };
        let location = server
            .children()
            .iter()
            .filter(|d| d.name == "location")
            .find(|d| location_uri(d) == Some("/"))
            .or_else(|| {
                server
                    .children()
                    .iter()
                    .find(|d| d.name == "location" && proxy_pass(d).is_some())
            });
        let pass = location.and_then(proxy_pass).or_else(|| {
            server
                .children()
                .iter()
                .find(|d| d.name == "proxy_pass" && !d.args.is_empty())
        });
        let line = |directive: &Directive| Some(governing(&config.source, directive.name_span.start));
        let Some(pass) = pass else {
            let uri = location.and_then(location_uri).unwrap_or("/");
            hops.push(
                missing(
                    node,
                    format!("location {uri}: no proxy_pass"),
                    format!("nginx answers {uri} itself (no proxy_pass), so no application container is reached."),
                )
                .governed([location.and_then(line)]),
            );
            return Step::Broken;
        };
        let target = pass.args.first().map(|a| a.value.as_ref()).unwrap_or("");
        let uri = location.and_then(location_uri).unwrap_or("/");
        let Some((host, next_port)) = upstream(&config.parsed.config.directives, target) else {
            hops.push(
                missing(
                    node,
                    format!("proxy_pass {target}"),
                    format!("The proxy_pass target {target} cannot be followed without running nginx (a variable or a unix socket)."),
                )
                .governed([line(pass)]),
            );
            return Step::Broken;
        };
        let via_link = container.links.iter().find_map(|l| match l.split_once(':') {
            Some((name, alias)) if alias == host => Some((name.to_owned(), l.clone())),
            None if l == &host => Some((l.clone(), l.clone())),
            _ => None,
        });
        let by_localhost = (host == "localhost" || host == "127.0.0.1").then(|| {
            task.containers
                .iter()
                .find(|c| c.port_mappings.iter().any(|m| m.container_port == Some(next_port)))
                .map(|c| (c.name.clone(), String::new()))
        });
        let way = if via_link.is_some() {
            format!("; the name {host} reaches the linked container because the link puts it in nginx's hosts file")
        } else {
            String::new()
        };
        hops.push(
            hop(
                node.clone(),
                HopKind::NginxLocation,
                format!("location {uri} → proxy_pass {target}"),
                format!("nginx matches the request to location {uri} and proxies it to {host}:{next_port}{way}."),
            )
            .governed([location.and_then(line), line(pass)]),
        );
        let Some((next, link)) = via_link.or(by_localhost.flatten()) else {
            hops.push(missing(
                format!("{family}/{host}"),
                format!("No link to {host}"),
                format!(
                    "nginx proxies to {host}, but the {name} container has no link named {host}, so in bridge mode the name does not resolve."
                ),
            ));
            return Step::Broken;
        };
        let Some(reached) = task.container(&next) else {
            hops.push(
                missing(
                    format!("{family}/{next}"),
                    format!("Missing container {next}"),
                    format!(
                        "The {name} container links to \"{next}\", but the task definition {family} has no container of that name, so nginx cannot reach it."
                    ),
                )
                .governed([self.link_line(family, name, &link)]),
            );
            return Step::Broken;
        };
        let published = if reached.port_mappings.is_empty() {
            " It publishes no port of its own: only the containers linked to it reach it."
        } else {
            ""
        };
        hops.push(
            hop(
                format!("{family}/{next}"),
                HopKind::Container,
                format!("{next} container, port {next_port}"),
                format!("The {next} container receives the request on port {next_port}.{published}"),
            )
            .governed([
                self.port_mapping_line(family, &next, next_port),
                (!link.is_empty())
                    .then(|| self.link_line(family, name, &link))
                    .flatten(),
                self.container_name_line(family, &next),
            ]),
        );
        Step::Next(next, next_port)
    }

    fn deploy(&self, hops: &mut Vec<Hop>) {
        let d = self.d;
        if d.pipeline.is_empty() {
            hops.push(missing(
                "pipeline",
                "No pipeline",
                "The deployment file lists no delivery pipeline, so how a release reaches the services is unknown.",
            ));
            return;
        }
        for (i, stage) in d.pipeline.iter().enumerate() {
            hops.push(
                hop(&stage.id, HopKind::PipelineStage, &stage.name, &stage.action)
                    .governed([self.atlas_line(&format!("/pipeline/{i}"))]),
            );
        }
        for (i, service) in d.services.iter().enumerate() {
            let health = service
                .load_balancer
                .as_ref()
                .map(|b| format!(" once the new ones pass the {} health check", b.target_group))
                .unwrap_or_default();
            let mut lines = vec![self.atlas_line(&format!("/services/{i}/taskDefinition"))];
            lines.extend(self.image_lines(&service.task_definition));
            hops.push(
                hop(
                    &service.id,
                    HopKind::Service,
                    format!("{} service", service.name),
                    format!(
                        "ECS starts tasks of the new {} revision and stops the old ones{health}, so the service keeps answering during the release.",
                        service.task_definition
                    ),
                )
                .governed(lines),
            );
        }
    }
}

enum Step {
    Next(String, u64),
    End,
    Broken,
}

/// HTTPS when there is one (what a browser is sent to), else the first.
fn preferred_listener(lb: &LoadBalancer) -> Option<&crate::deployment::Listener> {
    lb.listeners
        .iter()
        .find(|l| l.protocol == crate::deployment::Protocol::Https)
        .or_else(|| lb.listeners.first())
}

/// The port a `listen` argument binds: 80 when only an address is given, as nginx does.
fn listen_port(arg: &str) -> Option<u64> {
    if let Ok(port) = arg.parse::<u64>() {
        return Some(port);
    }
    match parse_address(arg) {
        Ok(Bind::One(Address::V4(_, port) | Address::V6(_, port))) => Some(u64::from(port)),
        _ => None,
    }
}

fn http_servers<'t>(config: &'t NginxFile<'_>) -> impl Iterator<Item = &'t Directive<'t>> {
    config
        .parsed
        .config
        .directives
        .iter()
        .filter(|d| d.name == "http")
        .flat_map(|http| http.children().iter())
        .filter(|d| d.name == "server")
}

/// The server nginx picks for a connection to `port`: one that listens on it,
/// or one without `listen` (which means port 80).
fn server_for<'t>(config: &'t NginxFile<'_>, port: u64) -> Option<&'t Directive<'t>> {
    http_servers(config).find(|server| {
        let listens: Vec<&Directive> = server.children().iter().filter(|d| d.name == "listen").collect();
        if listens.is_empty() {
            return port == 80;
        }
        listens
            .iter()
            .any(|l| l.args.first().and_then(|a| listen_port(&a.value)) == Some(port))
    })
}

fn listen_line(config: &NginxFile, port: u64) -> Option<Governing> {
    let server = server_for(config, port)?;
    let listen = server
        .children()
        .iter()
        .find(|d| d.name == "listen" && d.args.first().and_then(|a| listen_port(&a.value)) == Some(port))?;
    Some(governing(&config.source, listen.name_span.start))
}

/// A prefix location's URI (`location /`, `location ^~ /`, `location = /`).
fn location_uri<'t>(location: &'t Directive) -> Option<&'t str> {
    match location.args.as_slice() {
        [uri] => Some(uri.value.as_ref()),
        [modifier, uri] if modifier.value == "^~" || modifier.value == "=" => Some(uri.value.as_ref()),
        _ => None,
    }
}

fn proxy_pass<'t>(location: &'t Directive<'_>) -> Option<&'t Directive<'t>> {
    location
        .children()
        .iter()
        .find(|d| d.name == "proxy_pass" && !d.args.is_empty())
}

/// The host and port a `proxy_pass` URL sends to, through an `upstream`
/// block of that name when there is one.
fn upstream(top: &[Directive], url: &str) -> Option<(String, u64)> {
    let lower = url.to_ascii_lowercase();
    let (rest, default_port) = if lower.starts_with("http://") {
        (&url[7..], 80)
    } else if lower.starts_with("https://") {
        (&url[8..], 443)
    } else {
        return None;
    };
    let address = rest.split(['/', '?']).next().unwrap_or("");
    if address.is_empty() || address.contains('$') || address.to_ascii_lowercase().starts_with("unix:") {
        return None;
    }
    let block = top
        .iter()
        .filter(|d| d.name == "http")
        .flat_map(|h| h.children().iter())
        .find(|d| d.name == "upstream" && d.args.first().is_some_and(|a| a.value == address));
    let address = match block {
        Some(block) => block
            .children()
            .iter()
            .find(|d| d.name == "server")
            .and_then(|s| s.args.first())
            .map(|a| a.value.to_string())?,
        None => address.to_owned(),
    };
    let (host, port) = match address.rsplit_once(':') {
        Some((host, port)) if !host.ends_with(':') && !port.contains(']') => (host.to_owned(), port.parse().ok()?),
        _ => (address.clone(), default_port),
    };
    Some((host.trim_start_matches('[').trim_end_matches(']').to_owned(), port))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reference;
    use crate::workspace::File;

    fn path(workspace: &Workspace, entry: Entry) -> Vec<Hop> {
        request_path(&workspace.analyze(), workspace, entry)
    }

    fn labels(hops: &[Hop]) -> Vec<&str> {
        hops.iter().map(|h| h.label.as_str()).collect()
    }

    #[test]
    fn the_reference_csr_path_is_stable() {
        insta::assert_json_snapshot!(path(&reference::workspace(), Entry::Csr));
    }

    #[test]
    fn the_reference_ssr_path_is_stable() {
        insta::assert_json_snapshot!(path(&reference::workspace(), Entry::Ssr));
    }

    #[test]
    fn the_reference_deploy_path_is_stable() {
        insta::assert_json_snapshot!(path(&reference::workspace(), Entry::Deploy));
    }

    #[test]
    fn ssr_leaves_through_the_nat_between_next_and_the_backend_alb() {
        let hops = path(&reference::workspace(), Entry::Ssr);
        let at = |node: &str| hops.iter().position(|h| h.node == node);
        let next = at("ecs-front-task/next").expect("next");
        let nat = at("nat").expect("nat");
        let alb = hops
            .iter()
            .position(|h| h.node.starts_with("alb-backend:"))
            .expect("backend listener");
        assert!(next < nat && nat < alb, "{:#?}", labels(&hops));
        assert_eq!(hops.last().unwrap().node, "ecs-backend-task/springboot");
        assert!(hops.iter().all(|h| h.kind != HopKind::Missing));
    }

    #[test]
    fn each_call_starts_from_the_calling_container() {
        let mut workspace = reference::workspace();
        let call = "{ \"container\": \"next\", \"target\": \"dns-api\", \"note\"";
        assert!(workspace.deployment.text.contains(call));
        workspace.deployment.text = workspace.deployment.text.replacen(
            call,
            &format!("{{ \"container\": \"next\", \"target\": \"dns-api\" }}, {call}"),
            1,
        );
        let hops = path(&workspace, Entry::Ssr);
        let nodes: Vec<&str> = hops.iter().map(|h| h.node.as_str()).collect();
        let before_nat: Vec<&str> = nodes.windows(2).filter(|w| w[1] == "nat").map(|w| w[0]).collect();
        assert_eq!(before_nat, ["ecs-front-task/next", "ecs-front-task/next"], "{nodes:?}");
    }

    #[test]
    fn hops_point_at_the_governing_lines() {
        let hops = path(&reference::workspace(), Entry::Csr);
        let location = hops.iter().find(|h| h.node == "nginx/frontend").unwrap();
        let pass = location
            .governing
            .iter()
            .find(|g| g.text.starts_with("proxy_pass"))
            .unwrap();
        assert_eq!((pass.file.as_str(), pass.line), ("frontend-nginx.conf", 29));
        assert_eq!(pass.text, "proxy_pass http://next:3000;");
        let listener = hops.iter().find(|h| h.node == "alb-frontend:443").unwrap();
        assert_eq!(listener.governing[0].file, "atlas.json");
        assert!(listener.governing[0].text.contains("\"port\": 443"));
        assert!(listener.governing[1].text.contains("\"port\": 80"));
        let nginx = hops.iter().find(|h| h.node == "ecs-front-task/nginx").unwrap();
        let mapping = &nginx.governing[0];
        assert_eq!(mapping.file, "ecs-front-task.describe.json");
        assert_eq!(mapping.text, "\"containerPort\": 80,");
        assert_eq!(
            reference::FRONTEND_TASK.lines().nth(mapping.line - 1).map(str::trim),
            Some("\"containerPort\": 80,")
        );
    }

    #[test]
    fn a_renamed_backend_container_ends_the_path_with_a_missing_hop() {
        let mut workspace = reference::workspace();
        let text = reference::BACKEND_TASK.replacen("\"name\": \"springboot\"", "\"name\": \"spring\"", 1);
        assert_ne!(text, reference::BACKEND_TASK);
        workspace.artifacts[1] = File::new("ecs-backend-task.describe.json", text);
        for entry in [Entry::Csr, Entry::Ssr] {
            let hops = path(&workspace, entry);
            let last = hops.last().unwrap();
            assert_eq!(last.kind, HopKind::Missing, "{:#?}", labels(&hops));
            assert_eq!(last.node, "ecs-backend-task/springboot");
            assert!(last.about.contains("no container of that name"), "{}", last.about);
        }
    }

    #[test]
    fn broken_links_end_the_path_instead_of_panicking() {
        let edits: &[(usize, &str, &str)] = &[
            (
                0,
                "\"aliasTarget\": \"alb-frontend\"",
                "\"aliasTarget\": \"alb-nowhere\"",
            ),
            (0, "\"forwardTo\": \"tg-backend\"", "\"forwardTo\": \"tg-nowhere\""),
            (0, "\"containerName\": \"nginx\"", "\"containerName\": \"web\""),
            (
                0,
                "{ \"id\": \"nat\", \"name\": \"NAT gateway\", \"subnet\": \"public-a\" }",
                "",
            ),
            (2, "proxy_pass http://next:3000;", "proxy_pass http://$next;"),
            (2, "listen 80;", "listen 8080;"),
            (
                3,
                "proxy_pass http://springboot:8080;",
                "proxy_pass http://spring:8080;",
            ),
        ];
        for (file, from, to) in edits {
            let mut workspace = reference::workspace();
            let target = match file {
                0 => &mut workspace.deployment,
                n => &mut workspace.artifacts[*n],
            };
            assert!(target.text.contains(from), "{from}");
            target.text = target.text.replacen(from, to, 1);
            let ends: Vec<HopKind> = [Entry::Csr, Entry::Ssr, Entry::Deploy]
                .into_iter()
                .map(|entry| path(&workspace, entry).last().map(|h| h.kind).unwrap())
                .collect();
            assert!(ends.contains(&HopKind::Missing), "{from}: {ends:?}");
        }
    }

    #[test]
    fn an_empty_workspace_yields_a_missing_hop() {
        let workspace = Workspace {
            deployment: File::new("atlas.json", "{"),
            artifacts: Vec::new(),
        };
        for entry in [Entry::Csr, Entry::Ssr, Entry::Deploy] {
            let hops = path(&workspace, entry);
            assert_eq!(hops.len(), 1);
            assert_eq!(hops[0].kind, HopKind::Missing);
        }
    }

    #[test]
    fn any_cut_of_any_file_gives_a_path_and_a_plan() {
        let reference = reference::workspace();
        for file in 0..=reference.artifacts.len() {
            let text = match file {
                0 => &reference.deployment.text,
                n => &reference.artifacts[n - 1].text,
            };
            for cut in (0..text.len()).step_by(29).filter(|&c| text.is_char_boundary(c)) {
                let mut workspace = reference.clone();
                match file {
                    0 => workspace.deployment.text.truncate(cut),
                    n => workspace.artifacts[n - 1].text.truncate(cut),
                }
                let analysis = workspace.analyze();
                for entry in [Entry::Csr, Entry::Ssr, Entry::Deploy] {
                    assert!(!request_path(&analysis, &workspace, entry).is_empty());
                }
                let _ = crate::deployment::capacity::capacity(&analysis, &Default::default());
            }
        }
    }

    #[test]
    fn upstream_addresses_are_read_like_nginx() {
        assert_eq!(upstream(&[], "http://next:3000"), Some(("next".into(), 3000)));
        assert_eq!(upstream(&[], "http://next/api"), Some(("next".into(), 80)));
        assert_eq!(upstream(&[], "https://[::1]:8443/"), Some(("::1".into(), 8443)));
        assert_eq!(upstream(&[], "http://$backend"), None);
        assert_eq!(upstream(&[], "http://a:b"), None);
        assert_eq!(upstream(&[], "unix:/tmp/s"), None);
        let parsed = crate::nginx::parse("http { upstream app { server springboot:8080; } }");
        assert_eq!(
            upstream(&parsed.config.directives, "http://app"),
            Some(("springboot".into(), 8080))
        );
    }
}
