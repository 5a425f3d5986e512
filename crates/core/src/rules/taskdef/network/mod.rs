//! Task definition rules: network. One rule per file; each file's check runs from `check` below.

use crate::diagnostic::Diagnostic;
use crate::json_tree::Node;
use crate::rules::taskdef::Context;
use crate::rules::RuleMeta;

pub mod awsvpc_unsupported_option;
pub mod duplicate_host_port;
pub mod ephemeral_host_port;
pub mod fargate_network_mode;
pub mod host_port_mismatch;
pub mod invalid_link;
pub mod invalid_port;
pub mod links_network_mode;
pub mod port_mappings_network_none;
pub mod reserved_host_port;
pub mod static_host_port;

pub static RULES: &[&RuleMeta] = &[
    &fargate_network_mode::RULE,
    &host_port_mismatch::RULE,
    &port_mappings_network_none::RULE,
    &invalid_port::RULE,
    &duplicate_host_port::RULE,
    &reserved_host_port::RULE,
    &ephemeral_host_port::RULE,
    &static_host_port::RULE,
    &links_network_mode::RULE,
    &invalid_link::RULE,
    &awsvpc_unsupported_option::RULE,
];

pub fn check(context: &Context, out: &mut Vec<Diagnostic>) {
    fargate_network_mode::check(context, out);
    host_port_mismatch::check(context, out);
    port_mappings_network_none::check(context, out);
    invalid_port::check(context, out);
    duplicate_host_port::check(context, out);
    reserved_host_port::check(context, out);
    ephemeral_host_port::check(context, out);
    static_host_port::check(context, out);
    links_network_mode::check(context, out);
    invalid_link::check(context, out);
    awsvpc_unsupported_option::check(context, out);
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Bridge,
    Host,
    Awsvpc,
    None,
}

impl Mode {
    pub fn name(self) -> &'static str {
        match self {
            Mode::Bridge => "bridge",
            Mode::Host => "host",
            Mode::Awsvpc => "awsvpc",
            Mode::None => "none",
        }
    }
}

/// The task's network mode. Absent means bridge, ECS's default on Linux; a
/// value ECS does not know gives None, and the enum rule reports it.
pub fn mode(body: &Node) -> Option<Mode> {
    let Some(value) = body.value("networkMode") else {
        return Some(Mode::Bridge);
    };
    match value.as_str()? {
        "bridge" => Some(Mode::Bridge),
        "host" => Some(Mode::Host),
        "awsvpc" => Some(Mode::Awsvpc),
        "none" => Some(Mode::None),
        _ => None,
    }
}

/// One `portMappings` entry with where it sits.
pub struct Mapping<'a> {
    pub container_index: usize,
    pub container: &'a Node,
    pub index: usize,
    pub node: &'a Node,
}

impl<'a> Mapping<'a> {
    /// `/containerDefinitions/0/portMappings/1` + `suffix`.
    pub fn pointer(&self, suffix: &str) -> String {
        format!(
            "/containerDefinitions/{}/portMappings/{}{suffix}",
            self.container_index, self.index
        )
    }

    pub fn container_name(&self) -> String {
        crate::rules::taskdef::sizing::container_label(self.container, self.container_index)
    }

    /// An integer field with its node; other types are the schema rules' to report.
    pub fn port(&self, key: &str) -> Option<(i64, &'a Node)> {
        let node = self.node.value(key)?;
        Some((node.as_i64()?, node))
    }

    /// `containerPort`, when it is a port number at all.
    pub fn container_port(&self) -> Option<(u16, &'a Node)> {
        let (port, node) = self.port("containerPort")?;
        Some((u16::try_from(port).ok().filter(|p| *p > 0)?, node))
    }

    /// `hostPort`, when it is 0 or a port number.
    pub fn host_port(&self) -> Option<(u16, &'a Node)> {
        let (port, node) = self.port("hostPort")?;
        Some((u16::try_from(port).ok()?, node))
    }

    /// "tcp" or "udp"; ECS treats anything else as tcp.
    pub fn protocol(&self) -> &'static str {
        match self.node.value("protocol").and_then(Node::as_str) {
            Some("udp") => "udp",
            _ => "tcp",
        }
    }

    /// The host port this mapping binds for good, with the node that sets it:
    /// a non-zero `hostPort` in bridge mode; the container port in host and
    /// awsvpc modes, where the two are one. None for dynamic ports.
    pub fn static_host_port(&self, mode: Mode) -> Option<(u16, &'a Node)> {
        match mode {
            Mode::Bridge => self.host_port().filter(|(p, _)| *p > 0),
            Mode::Host | Mode::Awsvpc => {
                let (port, node) = self.container_port()?;
                Some((port, self.host_port().map_or(node, |h| h.1)))
            }
            Mode::None => None,
        }
    }
}

/// Every object in every container's `portMappings`.
pub fn mappings<'a>(context: &'a Context) -> Vec<Mapping<'a>> {
    let mut out = Vec::new();
    for (container_index, container) in context.containers() {
        let items = container.value("portMappings").map_or(&[][..], Node::items);
        for (index, node) in items.iter().enumerate().filter(|(_, n)| n.is_object()) {
            out.push(Mapping {
                container_index,
                container,
                index,
                node,
            });
        }
    }
    out
}
