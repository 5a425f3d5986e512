//! Rules that read two files together: the deployment file, the task
//! definitions it lists and the nginx configs baked into their containers.
//! Each file's own rules cannot see these mistakes, since each file is valid
//! on its own. A diagnostic goes in the file where the fix is made.

use crate::deployment::{Deployment, NginxConfigFile};
use crate::diagnostic::{Diagnostic, Span};
use crate::json_spans::SpanIndex;
use crate::json_tree::Node;
use crate::nginx::directives::context;
use crate::nginx::tree::Tree;
use crate::rules::nginx::proxy::{authority_host, proxy_passes, upstream_block, url_authority, value_start};
use crate::rules::taskdef::network::{self, Mode};
use crate::rules::taskdef::Context as TaskContext;
use crate::rules::RuleMeta;
use crate::source::Source;
use crate::taskdef::{Checked, TaskDefinition};
use crate::workspace::File;

pub mod dynamic_port_target_type;
pub mod egress_through_nat;
pub mod ephemeral_ports_closed;
pub mod listen_port_not_mapped;
pub mod load_balancer_binding;
pub mod no_spare_capacity;
pub mod proxied_container_not_essential;
pub mod proxy_pass_not_linked;
pub mod proxy_pass_port;
pub mod unplaceable_tasks;

pub static RULES: &[&RuleMeta] = &[
    &proxy_pass_not_linked::RULE,
    &proxy_pass_port::RULE,
    &listen_port_not_mapped::RULE,
    &load_balancer_binding::RULE,
    &dynamic_port_target_type::RULE,
    &proxied_container_not_essential::RULE,
    &egress_through_nat::RULE,
    &unplaceable_tasks::RULE,
    &no_spare_capacity::RULE,
    &ephemeral_ports_closed::RULE,
];

/// A task definition the deployment lists, as the cross rules read it.
pub struct TaskDefFile<'a> {
    /// The family the deployment lists it under.
    pub family: &'a str,
    pub source: Source<'a>,
    /// The task definition object; None when nothing of the file could be read.
    pub body: Option<&'a Node>,
    /// JSON pointer of `body`: "" or "/taskDefinition" for describe output.
    pub base: &'static str,
    pub model: &'a TaskDefinition,
    pub spans: SpanIndex,
}

impl<'a> TaskDefFile<'a> {
    pub fn new(family: &'a str, file: &'a File, checked: &'a Checked) -> Self {
        TaskDefFile {
            family,
            source: Source::new(&file.name, &file.text),
            body: checked.document.body(),
            base: checked.document.base(),
            model: &checked.model,
            spans: checked
                .document
                .root
                .as_ref()
                .map(SpanIndex::from_node)
                .unwrap_or_default(),
        }
    }

    /// The view the task definition rules take, for their helpers.
    pub fn context(&self) -> Option<TaskContext<'_>> {
        Some(TaskContext {
            source: &self.source,
            body: self.body?,
            base: self.base,
            model: self.model,
        })
    }

    /// The network mode, ECS's default (bridge) when absent; None for a value
    /// ECS does not know or a file that could not be read.
    pub fn mode(&self) -> Option<Mode> {
        network::mode(self.body?)
    }

    /// The first container object named `name`, with its index in the file.
    pub fn container(&self, name: &str) -> Option<(usize, &'a Node)> {
        self.body?
            .value("containerDefinitions")
            .map_or(&[][..], Node::items)
            .iter()
            .enumerate()
            .find(|(_, c)| c.value("name").and_then(Node::as_str) == Some(name))
    }

    /// The container names, in file order.
    pub fn container_names(&self) -> Vec<&'a str> {
        self.model.containers.iter().map(|c| c.name.as_str()).collect()
    }

    /// A diagnostic at the value `pointer` (relative to the task definition
    /// object) names, or at its nearest ancestor that exists.
    pub fn diagnostic(&self, rule: &RuleMeta, pointer: &str, message: impl Into<String>) -> Diagnostic {
        let pointer = format!("{}{pointer}", self.base);
        let span = self.spans.nearest(&pointer).value;
        Diagnostic::at(rule, &self.source, span, message).with_pointer(pointer)
    }
}

/// An nginx config the deployment lists, with the container it runs in.
pub struct NginxFile<'a> {
    pub listed: &'a NginxConfigFile,
    pub source: Source<'a>,
    pub tree: &'a Tree<'a, 'a>,
}

/// Everything the cross rules look at.
pub struct CrossContext<'a> {
    pub deployment: &'a Deployment,
    /// `atlas.json` and where each of its values sits.
    pub source: &'a Source<'a>,
    pub spans: &'a SpanIndex,
    pub task_definitions: Vec<TaskDefFile<'a>>,
    pub nginx_configs: Vec<NginxFile<'a>>,
}

impl CrossContext<'_> {
    pub fn task_definition(&self, family: &str) -> Option<&TaskDefFile<'_>> {
        self.task_definitions.iter().find(|t| t.family == family)
    }

    /// A diagnostic in `atlas.json` at the value `pointer` names.
    pub fn atlas_diagnostic(&self, rule: &RuleMeta, pointer: &str, message: impl Into<String>) -> Diagnostic {
        let span = self.spans.nearest(pointer).value;
        Diagnostic::at(rule, self.source, span, message).with_pointer(pointer)
    }
}

/// Runs every cross rule over the listed files; the nginx configs come
/// parsed, as the per-file check left them.
pub fn run(
    deployment: &Deployment,
    source: &Source,
    spans: &SpanIndex,
    task_definitions: &[(&str, &File, &Checked)],
    nginx_configs: &[(&NginxConfigFile, &File, &Tree)],
    out: &mut Vec<Diagnostic>,
) {
    let cx = CrossContext {
        deployment,
        source,
        spans,
        task_definitions: task_definitions
            .iter()
            .map(|(family, file, checked)| TaskDefFile::new(family, file, checked))
            .collect(),
        nginx_configs: nginx_configs
            .iter()
            .map(|(listed, file, tree)| NginxFile {
                listed,
                source: Source::new(&file.name, &file.text),
                tree,
            })
            .collect(),
    };
    check(&cx, out);
}

/// Runs every cross rule.
pub fn check(cx: &CrossContext, out: &mut Vec<Diagnostic>) {
    proxy_pass_not_linked::check(cx, out);
    proxy_pass_port::check(cx, out);
    listen_port_not_mapped::check(cx, out);
    load_balancer_binding::check(cx, out);
    dynamic_port_target_type::check(cx, out);
    proxied_container_not_essential::check(cx, out);
}

/// Where nginx sends requests: a `proxy_pass` URL's address, or an upstream
/// `server` line.
#[derive(Debug, Clone)]
pub struct ProxyTarget<'t> {
    /// "proxy_pass" or "server".
    pub directive: &'static str,
    /// The argument as written.
    pub span: Span,
    /// The address as written (`springboot:8080`).
    pub authority: &'t str,
    pub host: &'t str,
    /// Where `host` starts in the file, when the argument's text is its value.
    pub host_start: Option<usize>,
    pub port: u16,
}

/// Every address an nginx config proxies to that can be read without
/// running it: no variables, http(s) or an upstream block's servers.
pub fn proxy_targets<'t>(nginx: &'t NginxFile) -> Vec<ProxyTarget<'t>> {
    let tree = nginx.tree;
    let text = nginx.source.text;
    let mut out = Vec::new();
    for (pass, _) in proxy_passes(tree) {
        let Some(arg) = tree.node(pass).directive.args.first() else {
            continue;
        };
        let url: &str = &arg.value;
        let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
        let default_port = if lower.starts_with("http://") {
            80
        } else if lower.starts_with("https://") {
            443
        } else {
            continue;
        };
        let Some(authority) = url_authority(url) else {
            continue;
        };
        // An upstream's name is not a host: its servers are read below.
        if url.contains('$') || upstream_block(tree, authority_host(authority)).is_some() {
            continue;
        }
        let Some(offset) = url.find("://").map(|i| i + 3) else {
            continue;
        };
        if let Some(target) = target("proxy_pass", arg, text, authority, offset, default_port) {
            out.push(target);
        }
    }
    for (_, node) in tree.named_in("server", context::UPSTREAM) {
        let Some(arg) = node.directive.args.first() else {
            continue;
        };
        let address: &str = &arg.value;
        if address.contains('$') || address.get(..5).is_some_and(|p| p.eq_ignore_ascii_case("unix:")) {
            continue;
        }
        if let Some(target) = target("server", arg, text, address, 0, 80) {
            out.push(target);
        }
    }
    out
}

fn target<'t>(
    directive: &'static str,
    arg: &'t crate::nginx::ast::Arg<'t>,
    text: &str,
    authority: &'t str,
    offset: usize,
    default_port: u16,
) -> Option<ProxyTarget<'t>> {
    let host = authority_host(authority);
    if host.is_empty() {
        return None;
    }
    let after_host = if authority.starts_with('[') {
        authority.split_once(']').map_or("", |(_, rest)| rest)
    } else {
        authority.get(host.len()..).unwrap_or("")
    };
    let port = match after_host.strip_prefix(':') {
        Some(port) => port.parse().ok().filter(|p| *p > 0)?,
        None => default_port,
    };
    let bracket = usize::from(authority.starts_with('['));
    Some(ProxyTarget {
        directive,
        span: arg.span,
        authority,
        host,
        host_start: value_start(text, arg).map(|s| s + offset + bracket),
        port,
    })
}

/// Whether a host names the machine itself.
pub fn is_loopback(host: &str) -> bool {
    host.eq_ignore_ascii_case("localhost") || host == "::1" || host.starts_with("127.")
}

/// Whether a host is reached through DNS or an address the task
/// definition says nothing about: a dotted name or an IP address.
pub fn is_outside_name(host: &str) -> bool {
    !is_loopback(host) && (host.contains('.') || host.contains(':'))
}

/// Where a proxy target leads inside the task.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reach<'a> {
    /// A container of the task, by its name.
    Container(&'a str),
    /// nginx itself (loopback to one of its own listen ports), or loopback
    /// to a port no container declares.
    Loopback,
    /// Nothing the task definition can confirm or deny: a DNS name, an IP
    /// address, an `extraHosts` entry, a service discovery name.
    Outside,
    /// A name nginx cannot resolve, or loopback that does not leave nginx's
    /// own container.
    Unreachable,
    /// A link alias whose container the task does not have (the container
    /// was renamed or removed): the link itself is the task definition
    /// rules' to report, the nginx line that relies on it is ours.
    DanglingLink(&'a str),
}

/// The link aliases of a container, each with the container it names:
/// `name:alias` is reached as `alias`, `name` as `name`.
pub fn link_aliases(links: &[String]) -> Vec<(&str, &str)> {
    links
        .iter()
        .filter_map(|link| match link.split_once(':') {
            Some((name, alias)) if !name.is_empty() && !alias.is_empty() => Some((alias, name)),
            Some(_) => None,
            None if !link.is_empty() => Some((link.as_str(), link.as_str())),
            None => None,
        })
        .collect()
}

/// Whether one of the config's http `listen` directives takes `port`.
pub fn listens_on(tree: &Tree, port: u16) -> bool {
    listen_ports(tree).iter().any(|(_, p, _)| *p == port)
}

/// Each http `listen` that binds one known port: its index, the port and
/// whether the address is loopback only.
pub fn listen_ports(tree: &Tree) -> Vec<(usize, u16, bool)> {
    use crate::nginx::listen::{parse_address, Address, Bind};
    tree.named_in("listen", context::SERVER)
        .filter_map(|(i, node)| match parse_address(node.arg(0)?).ok()? {
            Bind::One(Address::V4(ip, port)) => Some((i, port, ip[0] == 127)),
            Bind::One(Address::V6(ip, port)) => {
                let loopback = ip[..15].iter().all(|b| *b == 0) && ip[15] == 1;
                Some((i, port, loopback))
            }
            _ => None,
        })
        .collect()
}

/// Where `target` leads from the container `nginx` of `task`; None when
/// the task's network mode gives no answer (none, or unknown).
pub fn reach<'a>(task: &TaskDefFile<'a>, nginx: &NginxFile, target: &ProxyTarget) -> Option<Reach<'a>> {
    let container = task.model.container(&nginx.listed.container)?;
    let host = target.host;
    let mode = task.mode()?;
    Some(match mode {
        Mode::Bridge => {
            if is_loopback(host) {
                if listens_on(nginx.tree, target.port) {
                    Reach::Loopback
                } else {
                    Reach::Unreachable
                }
            } else if is_outside_name(host) || extra_host(task, &nginx.listed.container, host) {
                Reach::Outside
            } else {
                let aliases = link_aliases(&container.links);
                match aliases.iter().find(|(alias, _)| alias.eq_ignore_ascii_case(host)) {
                    Some((_, name)) => match task.model.container(name) {
                        Some(linked) => Reach::Container(&linked.name),
                        None => Reach::DanglingLink(name),
                    },
                    None => Reach::Unreachable,
                }
            }
        }
        Mode::Awsvpc | Mode::Host => {
            if is_loopback(host) {
                let serving = task.model.containers.iter().find(|c| {
                    c.name != container.name
                        && c.port_mappings
                            .iter()
                            .any(|m| m.container_port == Some(u64::from(target.port)))
                });
                match serving {
                    Some(c) => Reach::Container(&c.name),
                    None => Reach::Loopback,
                }
            } else if task.model.container(host).is_some() {
                // Containers share one network namespace; their names are
                // not host names there.
                Reach::Unreachable
            } else {
                Reach::Outside
            }
        }
        Mode::None => return None,
    })
}

/// Whether the container's `extraHosts` names `host`.
fn extra_host(task: &TaskDefFile, container: &str, host: &str) -> bool {
    task.container(container).is_some_and(|(_, node)| {
        node.value("extraHosts").map_or(&[][..], Node::items).iter().any(|h| {
            h.value("hostname")
                .and_then(Node::as_str)
                .is_some_and(|n| n.eq_ignore_ascii_case(host))
        })
    })
}

/// Every proxy target of every nginx config, with the task definition its
/// container belongs to and where the target leads.
pub fn resolved<'c>(cx: &'c CrossContext) -> Vec<(&'c NginxFile<'c>, &'c TaskDefFile<'c>, ProxyTarget<'c>, Reach<'c>)> {
    let mut out = Vec::new();
    for nginx in &cx.nginx_configs {
        let Some(task) = cx.task_definition(&nginx.listed.task_definition) else {
            continue;
        };
        for target in proxy_targets(nginx) {
            if let Some(reach) = reach(task, nginx, &target) {
                out.push((nginx, task, target, reach));
            }
        }
    }
    out
}

/// "'a', 'b'" or "none".
pub fn listing<'a>(names: impl IntoIterator<Item = &'a str>) -> String {
    let names: Vec<String> = names.into_iter().map(|n| format!("'{n}'")).collect();
    if names.is_empty() {
        "none".to_owned()
    } else {
        names.join(", ")
    }
}

#[cfg(test)]
pub(crate) mod fixtures {
    use crate::reference;
    use crate::workspace::Workspace;
    use crate::Diagnostic;

    /// The reference workspace with one exact piece of text replaced in `file`.
    pub fn edited(file: &str, from: &str, to: &str) -> Workspace {
        edit(reference::workspace(), file, from, to)
    }

    /// `workspace` with one exact piece of text replaced in `file`.
    pub fn edit(mut workspace: Workspace, file: &str, from: &str, to: &str) -> Workspace {
        let target = if workspace.deployment.name == file {
            &mut workspace.deployment
        } else {
            workspace
                .artifacts
                .iter_mut()
                .find(|f| f.name == file)
                .unwrap_or_else(|| panic!("no file {file}"))
        };
        assert!(target.text.contains(from), "fixture text {from:?} not in {file}");
        target.text = target.text.replacen(from, to, 1);
        workspace
    }

    /// The reference workspace with `atlas` as its deployment file.
    pub fn with_atlas(atlas: &str) -> Workspace {
        let mut workspace = reference::workspace();
        workspace.deployment = crate::workspace::File::new("atlas.json", atlas);
        workspace
    }

    pub fn hits(workspace: &Workspace, rule: &str) -> Vec<Diagnostic> {
        workspace
            .analyze()
            .diagnostics
            .into_iter()
            .filter(|d| d.rule == rule)
            .collect()
    }

    /// The text a diagnostic's span covers.
    pub fn spanned<'w>(workspace: &'w Workspace, d: &Diagnostic) -> &'w str {
        let file = workspace.file(&d.file).expect("diagnostic in a known file");
        &file.text[d.span.start..d.span.end]
    }
}

#[cfg(test)]
mod tests {
    use crate::diagnostic::Severity;
    use crate::reference;

    /// The reference deployment is consistent across its files: no cross
    /// error or warning, only notes on its full instance and NAT egress. Its app containers are not essential, but
    /// nginx links them, so `taskdef/linked-container-not-essential` reports
    /// that in the task definitions and proxied-container-not-essential stays
    /// quiet; both services bind nginx's dynamic host port (0) to `instance`
    /// target groups; nginx listens on 80, the port its container maps and
    /// the services bind; the apps declare no port mappings, so the proxy
    /// ports (8080, 3000) are not compared.
    #[test]
    fn the_reference_workspace_reports_nothing_across_files() {
        let analysis = reference::workspace().analyze();
        let cross: Vec<_> = analysis
            .diagnostics
            .iter()
            .filter(|d| d.rule.starts_with("cross/"))
            .collect();
        assert!(!cross.iter().any(|d| d.severity == Severity::Error), "{cross:#?}");
        // Two notes the seed's write-up makes too: the one instance is full
        // (2 + 1 + 1 of 4 vCPU), and the frontend's server-side calls leave
        // through the NAT gateway.
        let rules: Vec<_> = cross.iter().map(|d| (d.rule, d.severity)).collect();
        assert_eq!(
            rules,
            [
                ("cross/no-spare-capacity", Severity::Info),
                ("cross/egress-through-nat", Severity::Info)
            ],
            "{cross:#?}"
        );
        let linked: Vec<_> = analysis
            .diagnostics
            .iter()
            .filter(|d| d.rule == "taskdef/linked-container-not-essential")
            .map(|d| d.file.as_str())
            .collect();
        assert_eq!(
            linked,
            ["ecs-backend-task.describe.json", "ecs-front-task.describe.json"]
        );
    }

    /// Odd but readable inputs: the rules answer or stay quiet, and every
    /// span they give lies in its file.
    #[test]
    fn odd_inputs_keep_spans_inside_their_files() {
        use super::fixtures::{edit, edited};
        let nginx = "backend-nginx.conf";
        let task = "ecs-backend-task.describe.json";
        let mut cases = Vec::new();
        for url in [
            "http://[::1]:8080",
            "http://[::1]",
            "http://:8080",
            "http://springboot:99999",
            "http://springboot:0",
            "HTTP://springbot:8080/a?b",
            "https://springbot",
            "http://\"spring boot\"",
            "grpc://springboot:8080",
            "http://unix:/run/app.sock:/x",
            "http://가:8080",
        ] {
            cases.push(edited(nginx, "http://springboot:8080", url));
        }
        for listen in [
            "listen [::1]:80;",
            "listen *:8080;",
            "listen 80-90;",
            "listen;",
            "listen 0;",
        ] {
            cases.push(edited(nginx, "listen 80;", listen));
        }
        cases.push(edited(
            nginx,
            "server {",
            "upstream u { server unix:/x; server $x; server \"a b\"; server springbot:0; }\nserver {",
        ));
        cases.push(edited(task, "\"networkMode\": \"bridge\"", "\"networkMode\": \"nat\""));
        cases.push(edited(task, "\"networkMode\": \"bridge\"", "\"networkMode\": \"none\""));
        cases.push(edited(task, "\"networkMode\": \"bridge\"", "\"networkMode\": 7"));
        cases.push(edited(
            task,
            "\"springboot\"\n      ]",
            "\":\", \"springboot:\", \"\", 3\n      ]",
        ));
        cases.push(edited(
            task,
            "\"containerDefinitions\": [",
            "\"containerDefinitions\": [ 1, null, {},",
        ));
        cases.push(edited(task, "\"containerPort\": 80,", "\"containerPort\": -80,"));
        cases.push(edited(task, "\"hostPort\": 0,", "\"hostPort\": \"x\","));
        cases.push(edit(
            edited(
                task,
                "{\n  \"taskDefinitionArn\"",
                "{ \"taskDefinition\": {\n  \"taskDefinitionArn\"",
            ),
            task,
            "\"tags\": []\n}",
            "\"tags\": []\n} }",
        ));
        cases.push(edited(
            "atlas.json",
            "\"container\": \"nginx\" },",
            "\"container\": \"web\" },",
        ));
        let mut missing = reference::workspace();
        missing.artifacts.truncate(2);
        cases.push(missing);
        for workspace in cases {
            for d in workspace.analyze().diagnostics {
                let text = &workspace.file(&d.file).unwrap().text;
                assert!(d.span.end <= text.len() && text.is_char_boundary(d.span.start), "{d:?}");
                for e in d.fix.iter().flat_map(|f| &f.edits) {
                    assert!(e.span.end <= text.len() && text.is_char_boundary(e.span.start), "{d:?}");
                }
            }
        }
    }

    #[test]
    fn link_aliases_name_what_nginx_resolves() {
        let links = [
            "app".to_owned(),
            "db:postgres".to_owned(),
            ":x".to_owned(),
            String::new(),
        ];
        assert_eq!(super::link_aliases(&links), [("app", "app"), ("postgres", "db")]);
    }
}
