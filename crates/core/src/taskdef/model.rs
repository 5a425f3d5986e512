//! A task definition's shape as the topology and the cross-checks need it:
//! family, sizing, network mode, containers with their images, ports and links.

use serde::Serialize;

use crate::json_tree::{Node, NodeKind};

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct TaskDefinition {
    pub family: String,
    pub revision: Option<u64>,
    pub network_mode: Option<String>,
    /// Task-level CPU units as written ("1024", "1 vCPU").
    pub cpu: Option<String>,
    /// Task-level memory as written ("2048", "2 GB").
    pub memory: Option<String>,
    pub requires_compatibilities: Vec<String>,
    pub containers: Vec<Container>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Container {
    pub name: String,
    pub image: String,
    pub cpu: Option<u64>,
    pub memory: Option<u64>,
    pub memory_reservation: Option<u64>,
    /// ECS's default when the field is absent is `true`.
    pub essential: bool,
    pub links: Vec<String>,
    pub port_mappings: Vec<PortMapping>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct PortMapping {
    pub container_port: Option<u64>,
    /// `Some(0)` asks Docker for a dynamic host port.
    pub host_port: Option<u64>,
    pub protocol: Option<String>,
    pub name: Option<String>,
}

impl PortMapping {
    /// "80 → dynamic", "80 → 8080", "80".
    pub fn describe(&self) -> String {
        let container = self.container_port.map_or("?".to_owned(), |p| p.to_string());
        match self.host_port {
            Some(0) => format!("{container} → dynamic host port"),
            Some(host) => format!("{container} → host {host}"),
            None => container,
        }
    }
}

impl TaskDefinition {
    /// Reads the model from a task definition object. Leniently: a field of
    /// the wrong type is left out, so the diagram keeps drawing while the user
    /// types; the schema rules report it.
    pub fn read(object: &Node) -> TaskDefinition {
        TaskDefinition {
            family: string(object, "family").unwrap_or_default(),
            revision: object.value("revision").and_then(Node::as_u64),
            network_mode: string(object, "networkMode"),
            cpu: scalar(object, "cpu"),
            memory: scalar(object, "memory"),
            requires_compatibilities: strings(object, "requiresCompatibilities"),
            containers: objects(object, "containerDefinitions").map(Container::read).collect(),
        }
    }

    pub fn container(&self, name: &str) -> Option<&Container> {
        self.containers.iter().find(|c| c.name == name)
    }
}

impl Container {
    fn read(object: &Node) -> Container {
        Container {
            name: string(object, "name").unwrap_or_default(),
            image: string(object, "image").unwrap_or_default(),
            cpu: object.value("cpu").and_then(Node::as_u64),
            memory: object.value("memory").and_then(Node::as_u64),
            memory_reservation: object.value("memoryReservation").and_then(Node::as_u64),
            essential: object.value("essential").and_then(Node::as_bool).unwrap_or(true),
            links: strings(object, "links"),
            port_mappings: objects(object, "portMappings")
                .map(|m| PortMapping {
                    container_port: m.value("containerPort").and_then(Node::as_u64),
                    host_port: m.value("hostPort").and_then(Node::as_u64),
                    protocol: string(m, "protocol"),
                    name: string(m, "name"),
                })
                .collect(),
        }
    }
}

fn string(object: &Node, key: &str) -> Option<String> {
    object.value(key).and_then(Node::as_str).map(str::to_owned)
}

/// Task cpu and memory are strings in AWS's output but numbers are accepted too.
fn scalar(object: &Node, key: &str) -> Option<String> {
    let value = object.value(key)?;
    match &value.kind {
        NodeKind::String(s) => Some(s.clone()),
        NodeKind::Number(n) => Some(n.clone()),
        _ => None,
    }
}

fn strings(object: &Node, key: &str) -> Vec<String> {
    let items = object.value(key).map_or(&[][..], Node::items);
    items.iter().filter_map(Node::as_str).map(str::to_owned).collect()
}

fn objects<'a>(object: &'a Node, key: &str) -> impl Iterator<Item = &'a Node> {
    let items = object.value(key).map_or(&[][..], Node::items);
    items.iter().filter(|n| n.is_object())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reference::{BACKEND_TASK, FRONTEND_TASK};
    use crate::taskdef::check;

    #[test]
    fn reads_the_reference_backend() {
        let model = check("backend.json", BACKEND_TASK).model;
        assert_eq!(model.family, "ecs-backend-task");
        assert_eq!(model.revision, Some(49));
        assert_eq!(model.network_mode.as_deref(), Some("bridge"));
        assert_eq!(
            (model.cpu.as_deref(), model.memory.as_deref()),
            (Some("1024"), Some("2048"))
        );
        let names: Vec<_> = model.containers.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(names, ["springboot", "nginx"]);
        let nginx = &model.containers[1];
        assert!(nginx.essential);
        assert!(!model.containers[0].essential);
        assert_eq!(nginx.links, ["springboot"]);
        assert_eq!(nginx.port_mappings[0].describe(), "80 → dynamic host port");
    }

    #[test]
    fn reads_the_reference_frontend() {
        let model = check("front.json", FRONTEND_TASK).model;
        assert_eq!(model.family, "ecs-front-task");
        assert_eq!(model.containers[1].links, ["next"]);
        assert_eq!(model.cpu.as_deref(), Some("2048"));
    }

    #[test]
    fn wrong_types_are_skipped_not_fatal() {
        let text = r#"{"family": 7, "cpu": 1024, "containerDefinitions": [{"name": "a", "essential": "yes", "links": [1, "b"]}, 3]}"#;
        let model = check("t.json", text).model;
        assert_eq!(model.family, "");
        assert_eq!(model.cpu.as_deref(), Some("1024"));
        assert_eq!(model.containers.len(), 1);
        assert!(model.containers[0].essential);
        assert_eq!(model.containers[0].links, ["b"]);
    }

    #[test]
    fn non_object_roots_give_an_empty_model() {
        for text in ["[]", "null", "\"x\"", "42"] {
            let parsed = check("t.json", text);
            assert_eq!(parsed.model, TaskDefinition::default());
        }
    }
}
