//! A task definition's shape as the topology needs it: family, sizing, network
//! mode, containers with their images, ports and links.
//!
//! Read leniently: a field of the wrong type is skipped, not fatal, so the
//! diagram keeps drawing while the user types. Strict validation of every field
//! is the job of the task definition rules.

use jsonc_parser::ast::{Object, Value};
use jsonc_parser::common::Ranged;
use serde::Serialize;

use crate::diagnostic::{Diagnostic, Span};
use crate::json_spans;
use crate::rules::taskdef::{describe_output, json_syntax};
use crate::source::Source;

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
        let container = self
            .container_port
            .map_or("?".to_owned(), |p| p.to_string());
        match self.host_port {
            Some(0) => format!("{container} → dynamic host port"),
            Some(host) => format!("{container} → host {host}"),
            None => container,
        }
    }
}

pub struct Parsed {
    pub model: TaskDefinition,
    pub diagnostics: Vec<Diagnostic>,
}

/// Reads a task definition, plain or as `describe-task-definition` prints it.
pub fn parse(file: &str, text: &str) -> Parsed {
    let source = Source::new(file, text);
    let mut diagnostics = Vec::new();
    let root = match json_spans::parse(text) {
        Ok(root) => root,
        Err(error) => {
            diagnostics.push(json_syntax::diagnostic(&source, &error));
            return Parsed {
                model: TaskDefinition::default(),
                diagnostics,
            };
        }
    };
    let mut object = root.as_object();
    if let Some(wrapper) = object.and_then(|o| o.get("taskDefinition")) {
        if let Some(inner) = wrapper.value.as_object() {
            let key = wrapper.name.range();
            diagnostics.push(describe_output::diagnostic(
                &source,
                Span::new(key.start, key.end),
            ));
            object = Some(inner);
        }
    }
    let model = object.map(read_task_definition).unwrap_or_default();
    Parsed { model, diagnostics }
}

fn read_task_definition(object: &Object) -> TaskDefinition {
    TaskDefinition {
        family: string(object, "family").unwrap_or_default(),
        revision: number(object, "revision"),
        network_mode: string(object, "networkMode"),
        cpu: scalar(object, "cpu"),
        memory: scalar(object, "memory"),
        requires_compatibilities: strings(object, "requiresCompatibilities"),
        containers: objects(object, "containerDefinitions")
            .map(read_container)
            .collect(),
    }
}

fn read_container(object: &Object) -> Container {
    Container {
        name: string(object, "name").unwrap_or_default(),
        image: string(object, "image").unwrap_or_default(),
        cpu: number(object, "cpu"),
        memory: number(object, "memory"),
        memory_reservation: number(object, "memoryReservation"),
        essential: object.get_boolean("essential").is_none_or(|b| b.value),
        links: strings(object, "links"),
        port_mappings: objects(object, "portMappings")
            .map(|m| PortMapping {
                container_port: number(m, "containerPort"),
                host_port: number(m, "hostPort"),
                protocol: string(m, "protocol"),
                name: string(m, "name"),
            })
            .collect(),
    }
}

fn string(object: &Object, key: &str) -> Option<String> {
    object.get_string(key).map(|s| s.value.to_string())
}

fn number(object: &Object, key: &str) -> Option<u64> {
    object.get_number(key).and_then(|n| n.value.parse().ok())
}

/// Task cpu and memory are strings in AWS's output but numbers are accepted too.
fn scalar(object: &Object, key: &str) -> Option<String> {
    match &object.get(key)?.value {
        Value::StringLit(s) => Some(s.value.to_string()),
        Value::NumberLit(n) => Some(n.value.to_owned()),
        _ => None,
    }
}

fn strings(object: &Object, key: &str) -> Vec<String> {
    let items = object.get_array(key).map_or(&[][..], |a| &a.elements[..]);
    items
        .iter()
        .filter_map(|v| v.as_string_lit())
        .map(|s| s.value.to_string())
        .collect()
}

fn objects<'a, 'b>(object: &'b Object<'a>, key: &str) -> impl Iterator<Item = &'b Object<'a>> {
    let items = object.get_array(key).map_or(&[][..], |a| &a.elements[..]);
    items.iter().filter_map(Value::as_object)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reference::{BACKEND_TASK, FRONTEND_TASK};

    #[test]
    fn reads_the_reference_backend() {
        let parsed = parse("backend.json", BACKEND_TASK);
        assert!(parsed.diagnostics.is_empty());
        let model = parsed.model;
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
        let model = parse("front.json", FRONTEND_TASK).model;
        assert_eq!(model.family, "ecs-front-task");
        assert_eq!(model.containers[1].links, ["next"]);
        assert_eq!(model.cpu.as_deref(), Some("2048"));
    }

    #[test]
    fn wrong_types_are_skipped_not_fatal() {
        let text = r#"{"family": 7, "cpu": 1024, "containerDefinitions": [{"name": "a", "essential": "yes", "links": [1, "b"]}, 3]}"#;
        let model = parse("t.json", text).model;
        assert_eq!(model.family, "");
        assert_eq!(model.cpu.as_deref(), Some("1024"));
        assert_eq!(model.containers.len(), 1);
        assert!(model.containers[0].essential);
        assert_eq!(model.containers[0].links, ["b"]);
    }

    #[test]
    fn non_object_roots_give_an_empty_model() {
        for text in ["[]", "null", "\"x\"", "42"] {
            let parsed = parse("t.json", text);
            assert_eq!(parsed.model, TaskDefinition::default());
        }
    }
}
