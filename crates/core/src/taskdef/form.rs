//! The task definition form: the fields people change most (family, sizing,
//! network mode, and per container the image, ports, links, environment,
//! logging and health check), read from the text and written back to it.
//!
//! The text stays the source of truth. The form is read afresh after every
//! change, and each form change becomes one minimal [`TextEdit`] through
//! [`json_edit`], so comments, key order, layout and every field the form
//! does not show survive. Every field carries the JSON pointer where its
//! value lives (or would live), the same pointer the diagnostics carry, so a
//! form can show each problem next to its field.

use crate::diagnostic::TextEdit;
use crate::json_edit::{self, quote};
use crate::json_tree::{self, Node, NodeKind};
use crate::taskdef::document::Document;

/// One value as the form shows it, and where it lives.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Field {
    /// Where the value lives, or would once set.
    pub pointer: String,
    /// Strings unquoted, numbers as written, booleans as `true`/`false`,
    /// objects and arrays as their text; None when absent (or null).
    pub value: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct TaskForm {
    /// "" for a flat task definition, "/taskDefinition" when wrapped; every pointer below already includes it.
    pub root: String,
    pub family: Field,
    pub network_mode: Field,
    /// `requiresCompatibilities/0`.
    pub launch_type: Field,
    /// Task-level, strings in AWS's output (`"1024"`).
    pub cpu: Field,
    pub memory: Field,
    /// The container definitions that are objects, in order.
    pub containers: Vec<ContainerForm>,
    /// False when the text has no readable object: the form then says to fix the JSON first.
    pub readable: bool,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ContainerForm {
    /// `/containerDefinitions/1`.
    pub pointer: String,
    pub name: Field,
    pub image: Field,
    /// `image` split at the last ':' after the last '/': a registry port is part of the repository.
    pub image_repository: String,
    /// "" when the image names no tag; a digest keeps its '@' (`@sha256:…`), after any tag (`1.2@sha256:…`).
    pub image_tag: String,
    pub cpu: Field,
    pub memory: Field,
    pub memory_reservation: Field,
    pub essential: Field,
    /// The array lives at `pointer + "/portMappings"`.
    pub port_mappings: Vec<PortForm>,
    pub links: Vec<Field>,
    pub environment: Vec<EnvForm>,
    pub log: LogForm,
    pub health_check: HealthForm,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PortForm {
    pub pointer: String,
    pub container_port: Field,
    pub host_port: Field,
    pub protocol: Field,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EnvForm {
    pub pointer: String,
    pub name: Field,
    pub value: Field,
}

/// `logConfiguration`: the driver and the awslogs options.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LogForm {
    pub driver: Field,
    /// `options/awslogs-group`.
    pub group: Field,
    /// `options/awslogs-region`.
    pub region: Field,
    /// `options/awslogs-stream-prefix`.
    pub prefix: Field,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HealthForm {
    pub pointer: String,
    /// The command array as one line, items joined by " ":
    /// `CMD-SHELL curl -f http://localhost/ || exit 1`.
    pub command: Field,
    pub interval: Field,
    pub timeout: Field,
    pub retries: Field,
    pub start_period: Field,
}

/// Reads the form from a task definition's text. Never fails: a text that is
/// no object gives `readable: false`; fields of the wrong type show their text.
pub fn read(text: &str) -> TaskForm {
    let document = Document::parse(text);
    let root = document.base().to_owned();
    let body = document.body().filter(|b| b.is_object());
    let at = Reader {
        text,
        node: body,
        pointer: root.clone(),
    };
    let containers = at
        .items("/containerDefinitions")
        .into_iter()
        .filter(|c| c.node.is_some_and(Node::is_object))
        .map(|c| container(&c))
        .collect();
    TaskForm {
        family: at.field("/family"),
        network_mode: at.field("/networkMode"),
        launch_type: at.field("/requiresCompatibilities/0"),
        cpu: at.field("/cpu"),
        memory: at.field("/memory"),
        containers,
        readable: body.is_some(),
        root,
    }
}

/// Reads fields below one value of the text.
struct Reader<'a> {
    text: &'a str,
    node: Option<&'a Node>,
    /// The value's pointer in the whole document.
    pointer: String,
}

impl<'a> Reader<'a> {
    fn node(&self, relative: &str) -> Option<&'a Node> {
        self.node?.pointer(relative)
    }

    fn field(&self, relative: &str) -> Field {
        Field {
            pointer: format!("{}{relative}", self.pointer),
            value: self.node(relative).and_then(|n| display(self.text, n)),
        }
    }

    /// A reader for each item of the array at `relative`.
    fn items(&self, relative: &str) -> Vec<Reader<'a>> {
        let items = self.node(relative).map_or(&[][..], Node::items);
        items
            .iter()
            .enumerate()
            .map(|(i, item)| Reader {
                text: self.text,
                node: Some(item),
                pointer: format!("{}{relative}/{i}", self.pointer),
            })
            .collect()
    }
}

fn container(at: &Reader) -> ContainerForm {
    let image = at.field("/image");
    let (image_repository, image_tag) = split_image(image.value.as_deref().unwrap_or(""));
    let port_mappings = at
        .items("/portMappings")
        .iter()
        .map(|m| PortForm {
            pointer: m.pointer.clone(),
            container_port: m.field("/containerPort"),
            host_port: m.field("/hostPort"),
            protocol: m.field("/protocol"),
        })
        .collect();
    let environment = at
        .items("/environment")
        .iter()
        .map(|e| EnvForm {
            pointer: e.pointer.clone(),
            name: e.field("/name"),
            value: e.field("/value"),
        })
        .collect();
    let mut command = at.field("/healthCheck/command");
    if let Some(items) = at
        .node("/healthCheck/command")
        .filter(|c| matches!(c.kind, NodeKind::Array(_)))
    {
        let words: Vec<_> = items.items().iter().filter_map(|i| display(at.text, i)).collect();
        command.value = Some(words.join(" "));
    }
    ContainerForm {
        pointer: at.pointer.clone(),
        name: at.field("/name"),
        image_repository,
        image_tag,
        image,
        cpu: at.field("/cpu"),
        memory: at.field("/memory"),
        memory_reservation: at.field("/memoryReservation"),
        essential: at.field("/essential"),
        port_mappings,
        links: at.items("/links").iter().map(|l| l.field("")).collect(),
        environment,
        log: LogForm {
            driver: at.field("/logConfiguration/logDriver"),
            group: at.field("/logConfiguration/options/awslogs-group"),
            region: at.field("/logConfiguration/options/awslogs-region"),
            prefix: at.field("/logConfiguration/options/awslogs-stream-prefix"),
        },
        health_check: HealthForm {
            pointer: format!("{}/healthCheck", at.pointer),
            command,
            interval: at.field("/healthCheck/interval"),
            timeout: at.field("/healthCheck/timeout"),
            retries: at.field("/healthCheck/retries"),
            start_period: at.field("/healthCheck/startPeriod"),
        },
    }
}

fn display(text: &str, node: &Node) -> Option<String> {
    match &node.kind {
        NodeKind::String(s) => Some(s.clone()),
        NodeKind::Number(n) => Some(n.clone()),
        NodeKind::Bool(b) => Some(b.to_string()),
        NodeKind::Null => None,
        NodeKind::Object(_) | NodeKind::Array(_) => text.get(node.span.start..node.span.end).map(str::to_owned),
    }
}

/// An image reference as repository and tag: `host:5000/app:1.2` is
/// (`host:5000/app`, `1.2`), `app@sha256:…` is (`app`, `@sha256:…`).
pub fn split_image(image: &str) -> (String, String) {
    let (name, digest) = image.find('@').map_or((image, ""), |at| image.split_at(at));
    let slash = name.rfind('/').map_or(0, |i| i + 1);
    match name[slash..].rfind(':') {
        Some(colon) => {
            let colon = slash + colon;
            (name[..colon].to_owned(), format!("{}{digest}", &name[colon + 1..]))
        }
        None => (name.to_owned(), digest.to_owned()),
    }
}

/// The inverse of [`split_image`]: `repo:tag`, `repo` without a tag, `repo@sha256:…`.
pub fn join_image(repository: &str, tag: &str) -> String {
    if tag.is_empty() || tag.starts_with('@') {
        format!("{repository}{tag}")
    } else {
        format!("{repository}:{tag}")
    }
}

/// The JSON type the form writes a field as.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ValueType {
    Text,
    Number,
    /// Task cpu and memory: AWS writes them as strings.
    NumberAsText,
    Bool,
}

/// What the form asks for; `pointer`s come from the [`TaskForm`] and
/// `container` is a position in [`TaskForm::containers`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FormEdit {
    /// Set a field from what the user typed; empty input removes the
    /// property. Number: a valid JSON number is written as a number, anything
    /// else as a string, so the type diagnostic explains it at the field.
    /// NumberAsText: a string. Bool: `true`/`false`, anything else a string.
    /// A value the file holds as a number (or boolean) where the form would
    /// write a string stays one when the input is one, as AWS accepts task
    /// cpu and memory either way.
    Set {
        pointer: String,
        value: String,
        ty: ValueType,
    },
    /// The image from repository and tag, as [`join_image`] puts them together.
    Image {
        container: usize,
        repository: String,
        tag: String,
    },
    /// Appends `{"containerPort": 80, "hostPort": 0, "protocol": "tcp"}`.
    AddPortMapping { container: usize },
    /// Appends `{"name": "NAME", "value": ""}`.
    AddEnvironment { container: usize },
    /// Appends a link to the container `name`, creating `links`.
    AddLink { container: usize, name: String },
    /// The health check command typed as one line: `CMD-SHELL …` becomes
    /// `["CMD-SHELL", "<rest as one string>"]`, `CMD a b` becomes
    /// `["CMD", "a", "b"]`, `NONE` stays `["NONE"]`, anything else
    /// `["CMD-SHELL", "<line>"]`. An empty line removes the command (and the
    /// health check, if the command was all it held).
    HealthCommand { container: usize, line: String },
    /// Removes a port mapping, environment entry or link, by its pointer.
    Remove { pointer: String },
}

const NEW_PORT_MAPPING: &str = r#"{"containerPort": 80, "hostPort": 0, "protocol": "tcp"}"#;
const NEW_ENVIRONMENT: &str = r#"{"name": "NAME", "value": ""}"#;

/// The text edit that makes `edit`, or None when the text has no readable
/// task definition, the container does not exist, or nothing is to change
/// (removing what is absent).
pub fn apply(text: &str, edit: &FormEdit) -> Option<TextEdit> {
    let form = read(text);
    if !form.readable {
        return None;
    }
    let container = |i: usize| form.containers.get(i);
    match edit {
        FormEdit::Set { pointer, value, ty } => set(text, pointer, value, *ty),
        FormEdit::Image {
            container: i,
            repository,
            tag,
        } => {
            let pointer = &container(*i)?.image.pointer;
            match join_image(repository.trim(), tag.trim()) {
                image if image.is_empty() => json_edit::remove_at(text, pointer),
                image => json_edit::set_value(text, pointer, &quote(&image)),
            }
        }
        FormEdit::AddPortMapping { container: i } => {
            let pointer = format!("{}/portMappings", container(*i)?.pointer);
            json_edit::append_item(text, &pointer, NEW_PORT_MAPPING)
        }
        FormEdit::AddEnvironment { container: i } => {
            let pointer = format!("{}/environment", container(*i)?.pointer);
            json_edit::append_item(text, &pointer, NEW_ENVIRONMENT)
        }
        FormEdit::AddLink { container: i, name } => {
            let pointer = format!("{}/links", container(*i)?.pointer);
            json_edit::append_item(text, &pointer, &quote(name))
        }
        FormEdit::HealthCommand { container: i, line } => {
            let health = &container(*i)?.health_check;
            match health_command(line) {
                Some(items) => {
                    let items: Vec<_> = items.iter().map(|s| quote(s)).collect();
                    json_edit::set_value(text, &health.command.pointer, &format!("[{}]", items.join(", ")))
                }
                None => {
                    // A health check without a command is invalid: when the
                    // command is all it holds, it goes as a whole.
                    let parsed = json_tree::parse(text);
                    let check = parsed.root.as_ref().and_then(|r| r.pointer(&health.pointer));
                    let only_command = check.is_some_and(|c| matches!(c.props(), [p] if p.key == "command"));
                    let pointer = if only_command {
                        &health.pointer
                    } else {
                        &health.command.pointer
                    };
                    json_edit::remove_at(text, pointer)
                }
            }
        }
        FormEdit::Remove { pointer } => json_edit::remove_at(text, pointer),
    }
}

/// The command array for a line typed in the form, None for an empty line.
pub fn health_command(line: &str) -> Option<Vec<String>> {
    let line = line.trim();
    if line.is_empty() {
        return None;
    }
    let (first, rest) = line
        .split_once(char::is_whitespace)
        .map_or((line, ""), |(first, rest)| (first, rest.trim()));
    let items = match first {
        "CMD-SHELL" if rest.is_empty() => vec![first.to_owned()],
        "CMD-SHELL" => vec![first.to_owned(), rest.to_owned()],
        "CMD" => std::iter::once(first)
            .chain(rest.split_whitespace())
            .map(str::to_owned)
            .collect(),
        "NONE" if rest.is_empty() => vec![first.to_owned()],
        _ => vec!["CMD-SHELL".to_owned(), line.to_owned()],
    };
    Some(items)
}

fn set(text: &str, pointer: &str, value: &str, ty: ValueType) -> Option<TextEdit> {
    let input = match ty {
        ValueType::Text => value,
        _ => value.trim(),
    };
    if input.is_empty() {
        return json_edit::remove_at(text, pointer);
    }
    let parsed = json_tree::parse(text);
    let existing = parsed.root.as_ref().and_then(|r| r.pointer(pointer)).map(|n| &n.kind);
    let number = is_number(input);
    let boolean = matches!(input, "true" | "false");
    let keeps_type = match existing {
        Some(NodeKind::Number(_)) => number,
        Some(NodeKind::Bool(_)) => boolean,
        _ => false,
    };
    let literal = match ty {
        ValueType::Text | ValueType::NumberAsText => keeps_type,
        ValueType::Number => number,
        ValueType::Bool => boolean,
    };
    let json = if literal { input.to_owned() } else { quote(input) };
    json_edit::set_value(text, pointer, &json)
}

/// A valid JSON number, as JSON writes it (no `+`, no leading zeros, no `.5`).
fn is_number(input: &str) -> bool {
    let parsed = json_tree::parse(input);
    parsed.error.is_none() && matches!(parsed.root.map(|r| r.kind), Some(NodeKind::Number(_)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::json_edit;
    use crate::reference::BACKEND_TASK;
    use crate::taskdef::check;
    use proptest::prelude::*;

    /// The text after `edit`, checking every byte outside its span is kept
    /// and the result is still strict JSON.
    fn edited(text: &str, edit: &FormEdit) -> String {
        let change = apply(text, edit).unwrap_or_else(|| panic!("no edit for {edit:?}"));
        let out = json_edit::apply(text, std::slice::from_ref(&change));
        assert_eq!(out[..change.span.start], text[..change.span.start]);
        assert_eq!(
            out[out.len() - (text.len() - change.span.end)..],
            text[change.span.end..]
        );
        assert!(json_tree::parse(&out).error.is_none(), "{out}");
        out
    }

    fn set(pointer: &str, value: &str, ty: ValueType) -> FormEdit {
        FormEdit::Set {
            pointer: pointer.into(),
            value: value.into(),
            ty,
        }
    }

    /// `BACKEND_TASK` with `from` (which must occur once) replaced by `to`.
    fn backend_with(from: &str, to: &str) -> String {
        assert_eq!(BACKEND_TASK.matches(from).count(), 1, "{from:?}");
        BACKEND_TASK.replacen(from, to, 1)
    }

    /// The backend seed as `describe-task-definition` prints it, wrapped.
    fn wrapped() -> String {
        let indented = BACKEND_TASK.trim_end().replace('\n', "\n  ");
        format!("{{\n  \"taskDefinition\": {indented}\n}}\n")
    }

    #[test]
    fn reads_the_backend_seed() {
        let form = read(BACKEND_TASK);
        assert!(form.readable);
        assert_eq!(form.root, "");
        let value = |f: &Field| f.value.clone();
        assert_eq!(value(&form.family).as_deref(), Some("ecs-backend-task"));
        assert_eq!(form.family.pointer, "/family");
        assert_eq!(value(&form.network_mode).as_deref(), Some("bridge"));
        assert_eq!(
            form.launch_type,
            Field {
                pointer: "/requiresCompatibilities/0".into(),
                value: Some("EC2".into())
            }
        );
        assert_eq!(
            (value(&form.cpu), value(&form.memory)),
            (Some("1024".into()), Some("2048".into()))
        );
        let [springboot, nginx] = &form.containers[..] else {
            panic!("{:?}", form.containers)
        };
        assert_eq!(springboot.pointer, "/containerDefinitions/0");
        assert_eq!(
            (springboot.image_repository.as_str(), springboot.image_tag.as_str()),
            ("~~/backend-springboot", "latest")
        );
        assert_eq!(value(&springboot.essential).as_deref(), Some("false"));
        assert_eq!(value(&springboot.cpu).as_deref(), Some("0"));
        assert_eq!(
            springboot.memory,
            Field {
                pointer: "/containerDefinitions/0/memory".into(),
                value: None
            }
        );
        assert!(springboot.port_mappings.is_empty() && springboot.links.is_empty());
        assert_eq!(
            nginx.links,
            [Field {
                pointer: "/containerDefinitions/1/links/0".into(),
                value: Some("springboot".into())
            }]
        );
        let port = &nginx.port_mappings[0];
        assert_eq!(port.pointer, "/containerDefinitions/1/portMappings/0");
        assert_eq!(
            port.container_port.pointer,
            "/containerDefinitions/1/portMappings/0/containerPort"
        );
        assert_eq!(
            (
                value(&port.container_port),
                value(&port.host_port),
                value(&port.protocol)
            ),
            (Some("80".into()), Some("0".into()), Some("tcp".into()))
        );
        assert_eq!(
            nginx.log.group.pointer,
            "/containerDefinitions/1/logConfiguration/options/awslogs-group"
        );
        assert_eq!(
            nginx.health_check.command.pointer,
            "/containerDefinitions/1/healthCheck/command"
        );
        assert_eq!(nginx.health_check.command.value, None);
    }

    #[test]
    fn adding_a_port_mapping_to_each_backend_container() {
        // springboot has `"portMappings": []`.
        let out = edited(BACKEND_TASK, &FormEdit::AddPortMapping { container: 0 });
        let expected = backend_with(
            "      \"portMappings\": [],\n      \"essential\": false,\n",
            concat!(
                "      \"portMappings\": [\n",
                "        {\n",
                "          \"containerPort\": 80,\n",
                "          \"hostPort\": 0,\n",
                "          \"protocol\": \"tcp\"\n",
                "        }\n",
                "      ],\n",
                "      \"essential\": false,\n",
            ),
        );
        assert_eq!(out, expected);
        // nginx already maps one port.
        let out = edited(BACKEND_TASK, &FormEdit::AddPortMapping { container: 1 });
        let expected = backend_with(
            "          \"appProtocol\": \"http\"\n        }\n      ],\n",
            concat!(
                "          \"appProtocol\": \"http\"\n",
                "        },\n",
                "        {\n",
                "          \"containerPort\": 80,\n",
                "          \"hostPort\": 0,\n",
                "          \"protocol\": \"tcp\"\n",
                "        }\n",
                "      ],\n",
            ),
        );
        assert_eq!(out, expected);
        let ports = &read(&out).containers[1].port_mappings;
        assert_eq!(ports.len(), 2);
        assert_eq!(ports[1].pointer, "/containerDefinitions/1/portMappings/1");
        assert_eq!(ports[1].protocol.value.as_deref(), Some("tcp"));
    }

    #[test]
    fn setting_the_family_replaces_only_its_value() {
        let out = edited(BACKEND_TASK, &set("/family", "ecs-api-task", ValueType::Text));
        assert_eq!(
            out,
            backend_with("\"family\": \"ecs-backend-task\"", "\"family\": \"ecs-api-task\"")
        );
        assert_eq!(read(&out).family.value.as_deref(), Some("ecs-api-task"));
    }

    #[test]
    fn text_in_a_number_field_is_written_as_a_string_and_diagnosed_at_that_field() {
        let form = read(BACKEND_TASK);
        let field = &form.containers[0].cpu;
        let out = edited(BACKEND_TASK, &set(&field.pointer, "abc", ValueType::Number));
        assert_eq!(
            out,
            backend_with("\"name\": \"springboot\",\n      \"image\": \"~~/backend-springboot:latest\",\n      \"cpu\": 0,",
                "\"name\": \"springboot\",\n      \"image\": \"~~/backend-springboot:latest\",\n      \"cpu\": \"abc\",")
        );
        let at_field: Vec<_> = check("t.json", &out)
            .diagnostics
            .into_iter()
            .filter(|d| d.pointer.as_deref() == Some(field.pointer.as_str()))
            .map(|d| d.rule)
            .collect();
        assert_eq!(at_field, ["taskdef/wrong-type"]);
        // A number is written as a number again.
        let fixed = edited(&out, &set(&field.pointer, " 256 ", ValueType::Number));
        assert_eq!(fixed, BACKEND_TASK.replacen("\"cpu\": 0,", "\"cpu\": 256,", 1));

        // The task's cpu is a string in AWS's output; one ECS cannot read is diagnosed there.
        let out = edited(BACKEND_TASK, &set(&form.cpu.pointer, "abc", ValueType::NumberAsText));
        assert_eq!(out, backend_with("\"cpu\": \"1024\"", "\"cpu\": \"abc\""));
        let rules: Vec<_> = check("t.json", &out)
            .diagnostics
            .into_iter()
            .filter(|d| d.pointer.as_deref() == Some("/cpu"))
            .map(|d| d.rule)
            .collect();
        assert_eq!(rules, ["taskdef/task-size-format"]);
    }

    #[test]
    fn types_follow_the_field_and_what_the_file_already_has() {
        let out = edited(BACKEND_TASK, &set("/memory", "4096", ValueType::NumberAsText));
        assert_eq!(out, backend_with("\"memory\": \"2048\"", "\"memory\": \"4096\""));
        // Written as a number by the user, it stays a number.
        let numeric = backend_with("\"cpu\": \"1024\"", "\"cpu\": 1024");
        let out = edited(&numeric, &set("/cpu", "2048", ValueType::NumberAsText));
        assert_eq!(out, backend_with("\"cpu\": \"1024\"", "\"cpu\": 2048"));
        let out = edited(&numeric, &set("/cpu", "2 vCPU", ValueType::NumberAsText));
        assert_eq!(out, backend_with("\"cpu\": \"1024\"", "\"cpu\": \"2 vCPU\""));
        let out = edited(
            BACKEND_TASK,
            &set("/containerDefinitions/0/essential", "true", ValueType::Bool),
        );
        assert_eq!(out, backend_with("\"essential\": false", "\"essential\": true"));
        let out = edited(
            BACKEND_TASK,
            &set("/containerDefinitions/0/essential", "yes", ValueType::Bool),
        );
        assert_eq!(out, backend_with("\"essential\": false", "\"essential\": \"yes\""));
        let out = edited(
            BACKEND_TASK,
            &set("/containerDefinitions/1/memory", "512", ValueType::Number),
        );
        assert_eq!(
            out,
            backend_with(
                "      \"volumesFrom\": []\n    }\n  ],",
                "      \"volumesFrom\": [],\n      \"memory\": 512\n    }\n  ],"
            )
        );
        // Empty input removes the property.
        let out = edited(BACKEND_TASK, &set("/networkMode", "", ValueType::Text));
        assert_eq!(out, backend_with("  \"networkMode\": \"bridge\",\n", ""));
        assert_eq!(
            apply(
                BACKEND_TASK,
                &set("/containerDefinitions/0/memory", " ", ValueType::Number)
            ),
            None
        );
    }

    #[test]
    fn image_repository_and_tag_round_trip() {
        let cases = [
            ("nginx", "nginx", ""),
            ("nginx:1.25", "nginx", "1.25"),
            ("host:5000/team/app:2.0", "host:5000/team/app", "2.0"),
            ("host:5000/team/app", "host:5000/team/app", ""),
            ("app@sha256:abc123", "app", "@sha256:abc123"),
            ("registry:443/app:1.0@sha256:abc", "registry:443/app", "1.0@sha256:abc"),
            (
                "123456789012.dkr.ecr.us-east-1.amazonaws.com/app:1.4.2",
                "123456789012.dkr.ecr.us-east-1.amazonaws.com/app",
                "1.4.2",
            ),
            ("", "", ""),
        ];
        for (image, repository, tag) in cases {
            assert_eq!(split_image(image), (repository.to_owned(), tag.to_owned()), "{image}");
            assert_eq!(join_image(repository, tag), image);
        }
        let image = |repository: &str, tag: &str| FormEdit::Image {
            container: 1,
            repository: repository.into(),
            tag: tag.into(),
        };
        let out = edited(BACKEND_TASK, &image("host:5000/backend-nginx", "1.25"));
        assert_eq!(
            out,
            backend_with("\"~~/backend-nginx:latest\"", "\"host:5000/backend-nginx:1.25\"")
        );
        let nginx = &read(&out).containers[1];
        assert_eq!(
            (nginx.image_repository.as_str(), nginx.image_tag.as_str()),
            ("host:5000/backend-nginx", "1.25")
        );
        let out = edited(BACKEND_TASK, &image("~~/backend-nginx", "@sha256:0123"));
        assert_eq!(
            out,
            backend_with("\"~~/backend-nginx:latest\"", "\"~~/backend-nginx@sha256:0123\"")
        );
        let out = edited(BACKEND_TASK, &image("~~/backend-nginx", ""));
        assert_eq!(out, backend_with("\"~~/backend-nginx:latest\"", "\"~~/backend-nginx\""));
        let out = edited(BACKEND_TASK, &image(" ", ""));
        assert_eq!(out, backend_with("      \"image\": \"~~/backend-nginx:latest\",\n", ""));
        assert_eq!(
            apply(
                BACKEND_TASK,
                &FormEdit::Image {
                    container: 2,
                    repository: "x".into(),
                    tag: String::new()
                }
            ),
            None
        );
    }

    #[test]
    fn the_health_check_command_is_typed_as_one_line() {
        assert_eq!(
            health_command("CMD-SHELL curl -f http://localhost/ || exit 1").unwrap(),
            ["CMD-SHELL", "curl -f http://localhost/ || exit 1"]
        );
        assert_eq!(
            health_command(" CMD  pg_isready -U app ").unwrap(),
            ["CMD", "pg_isready", "-U", "app"]
        );
        assert_eq!(
            health_command("curl -f localhost").unwrap(),
            ["CMD-SHELL", "curl -f localhost"]
        );
        assert_eq!(health_command("CMD-SHELLX").unwrap(), ["CMD-SHELL", "CMD-SHELLX"]);
        assert_eq!(health_command("NONE").unwrap(), ["NONE"]);
        assert_eq!(health_command("  "), None);

        let command = |line: &str| FormEdit::HealthCommand {
            container: 0,
            line: line.into(),
        };
        let out = edited(BACKEND_TASK, &command("CMD-SHELL curl -f http://localhost/ || exit 1"));
        let expected = backend_with(
            "      \"volumesFrom\": []\n    },\n    {\n      \"name\": \"nginx\",",
            concat!(
                "      \"volumesFrom\": [],\n",
                "      \"healthCheck\": {\n",
                "        \"command\": [\n",
                "          \"CMD-SHELL\",\n",
                "          \"curl -f http://localhost/ || exit 1\"\n",
                "        ]\n",
                "      }\n",
                "    },\n    {\n      \"name\": \"nginx\","
            ),
        );
        assert_eq!(out, expected);
        let health = &read(&out).containers[0].health_check;
        assert_eq!(
            health.command.value.as_deref(),
            Some("CMD-SHELL curl -f http://localhost/ || exit 1")
        );

        let out2 = edited(&out, &command("CMD true"));
        assert_eq!(
            out2,
            out.replace(
                "          \"CMD-SHELL\",\n          \"curl -f http://localhost/ || exit 1\"\n",
                "          \"CMD\",\n          \"true\"\n"
            )
        );
        // Emptied, the command goes, and with it the health check it alone made up.
        assert_eq!(edited(&out, &command("")), BACKEND_TASK);
        let timed = edited(&out, &set(&health.interval.pointer, "30", ValueType::Number));
        assert!(
            timed.contains("        ],\n        \"interval\": 30\n      }\n"),
            "{timed}"
        );
        let emptied = edited(&timed, &command(""));
        assert!(
            emptied.contains("      \"healthCheck\": {\n        \"interval\": 30\n      }\n"),
            "{emptied}"
        );
        assert_eq!(apply(BACKEND_TASK, &command("")), None);
    }

    #[test]
    fn removing_the_middle_last_and_only_items() {
        let mut text = BACKEND_TASK.to_owned();
        for _ in 0..3 {
            text = edited(&text, &FormEdit::AddEnvironment { container: 0 });
        }
        let env = read(&text).containers[0].environment.clone();
        assert_eq!(env.len(), 3);
        assert_eq!(env[2].name.value.as_deref(), Some("NAME"));
        assert_eq!(env[2].value.value.as_deref(), Some(""));
        let entry = "        {\n          \"name\": \"NAME\",\n          \"value\": \"\"\n        }";
        let list = |n: usize| format!("      \"environment\": [\n{}\n      ],", vec![entry; n].join(",\n"));
        assert!(text.contains(&list(3)), "{text}");
        let remove = |pointer: &str| FormEdit::Remove {
            pointer: pointer.into(),
        };
        let two = edited(&text, &remove(&env[1].pointer));
        assert_eq!(two, text.replace(&list(3), &list(2)));
        let two = edited(&text, &remove(&env[2].pointer));
        assert_eq!(two, text.replace(&list(3), &list(2)));
        let one = edited(&two, &remove("/containerDefinitions/0/environment/1"));
        let none = edited(&one, &remove("/containerDefinitions/0/environment/0"));
        assert_eq!(none, BACKEND_TASK);

        // The only link, then the link added back.
        let unlinked = edited(BACKEND_TASK, &remove("/containerDefinitions/1/links/0"));
        assert_eq!(
            unlinked,
            backend_with("\"links\": [\n        \"springboot\"\n      ],", "\"links\": [],")
        );
        let relinked = edited(
            &unlinked,
            &FormEdit::AddLink {
                container: 1,
                name: "springboot".into(),
            },
        );
        assert_eq!(relinked, BACKEND_TASK);
        let linked = edited(
            BACKEND_TASK,
            &FormEdit::AddLink {
                container: 0,
                name: "cache".into(),
            },
        );
        assert_eq!(
            linked,
            backend_with(
                "      \"volumesFrom\": []\n    },\n    {\n      \"name\": \"nginx\",",
                "      \"volumesFrom\": [],\n      \"links\": [\n        \"cache\"\n      ]\n    },\n    {\n      \"name\": \"nginx\","
            )
        );
        assert_eq!(apply(BACKEND_TASK, &remove("/containerDefinitions/0/links/0")), None);
    }

    #[test]
    fn a_wrapped_task_definition_is_edited_inside_its_wrapper() {
        let text = wrapped();
        let form = read(&text);
        assert!(form.readable);
        assert_eq!(form.root, "/taskDefinition");
        assert_eq!(form.family.pointer, "/taskDefinition/family");
        assert_eq!(form.containers[1].pointer, "/taskDefinition/containerDefinitions/1");
        assert_eq!(form.containers[1].links[0].value.as_deref(), Some("springboot"));
        let out = edited(&text, &FormEdit::AddPortMapping { container: 0 });
        let expected = text.replacen(
            "        \"portMappings\": [],\n",
            "        \"portMappings\": [\n          {\n            \"containerPort\": 80,\n            \"hostPort\": 0,\n            \"protocol\": \"tcp\"\n          }\n        ],\n",
            1,
        );
        assert_eq!(out, expected);
        let out = edited(&text, &set(&form.family.pointer, "wrapped", ValueType::Text));
        assert_eq!(out, text.replacen("\"ecs-backend-task\"", "\"wrapped\"", 1));
    }

    #[test]
    fn unreadable_text_gives_an_unreadable_form_and_no_edits() {
        for text in ["", "not json", "[1, 2]", "\"x\"", "42", "null"] {
            let form = read(text);
            assert!(!form.readable, "{text:?}");
            assert!(form.containers.is_empty());
            for edit in [
                set("/family", "x", ValueType::Text),
                FormEdit::AddPortMapping { container: 0 },
                FormEdit::Remove { pointer: "/0".into() },
            ] {
                assert_eq!(apply(text, &edit), None, "{text:?} {edit:?}");
            }
        }
    }

    #[test]
    fn truncated_text_never_panics() {
        let edits = [
            set("/family", "x", ValueType::Text),
            set("/containerDefinitions/1/memory", "512", ValueType::Number),
            FormEdit::AddPortMapping { container: 1 },
            FormEdit::AddLink {
                container: 0,
                name: "nginx".into(),
            },
            FormEdit::HealthCommand {
                container: 1,
                line: "CMD true".into(),
            },
            FormEdit::Remove {
                pointer: "/containerDefinitions/1/links/0".into(),
            },
        ];
        for cut in (0..BACKEND_TASK.len()).step_by(7) {
            let text = &BACKEND_TASK[..cut];
            let _ = read(text);
            for edit in &edits {
                if let Some(change) = apply(text, edit) {
                    assert!(change.span.end <= text.len());
                    let _ = json_edit::apply(text, &[change]);
                }
            }
        }
    }

    /// A pointer the form shows, with the type it writes there.
    fn field_strategy() -> impl Strategy<Value = (&'static str, ValueType)> {
        prop::sample::select(vec![
            ("/family", ValueType::Text),
            ("/networkMode", ValueType::Text),
            ("/requiresCompatibilities/0", ValueType::Text),
            ("/cpu", ValueType::NumberAsText),
            ("/memory", ValueType::NumberAsText),
            ("/containerDefinitions/0/name", ValueType::Text),
            ("/containerDefinitions/0/memory", ValueType::Number),
            ("/containerDefinitions/1/cpu", ValueType::Number),
            ("/containerDefinitions/1/essential", ValueType::Bool),
            ("/containerDefinitions/1/portMappings/0/hostPort", ValueType::Number),
            (
                "/containerDefinitions/1/logConfiguration/options/awslogs-group",
                ValueType::Text,
            ),
            ("/containerDefinitions/0/healthCheck/interval", ValueType::Number),
        ])
    }

    /// Re-reads the field at `pointer` from the form.
    fn shown(form: &TaskForm, pointer: &str) -> Option<String> {
        let c = &form.containers;
        let fields = [
            &form.family,
            &form.network_mode,
            &form.launch_type,
            &form.cpu,
            &form.memory,
            &c[0].name,
            &c[0].memory,
            &c[1].cpu,
            &c[1].essential,
            &c[1].port_mappings[0].host_port,
            &c[1].log.group,
            &c[0].health_check.interval,
        ];
        fields
            .into_iter()
            .find(|f| f.pointer == pointer)
            .and_then(|f| f.value.clone())
    }

    proptest! {
        #[test]
        fn set_then_read_round_trips(
            (pointer, ty) in field_strategy(),
            value in prop_oneof![
                "[0-9]{1,6}",
                "-?[0-9]{1,3}\\.[0-9]{1,2}",
                "true|false",
                "[a-zA-Z0-9 ./:_-]{1,20}",
                "\\PC{1,12}",
                "[\"\\\\\t\n\u{1}]{1,4}",
            ],
        ) {
            let expected = match ty {
                ValueType::Text => value.clone(),
                _ => value.trim().to_owned(),
            };
            let edit = set(pointer, &value, ty);
            if expected.is_empty() && shown(&read(BACKEND_TASK), pointer).is_none() {
                // Nothing to remove.
                prop_assert_eq!(apply(BACKEND_TASK, &edit), None);
                return Ok(());
            }
            let out = edited(BACKEND_TASK, &edit);
            let form = read(&out);
            if expected.is_empty() {
                prop_assert_eq!(shown(&form, pointer), None);
            } else {
                prop_assert_eq!(shown(&form, pointer), Some(expected));
            }
            // Only the field changed.
            let mut before = read(BACKEND_TASK);
            let mut after = form;
            for form in [&mut before, &mut after] {
                for field in [&mut form.family, &mut form.network_mode, &mut form.launch_type, &mut form.cpu, &mut form.memory] {
                    if field.pointer == pointer {
                        field.value = None;
                    }
                }
            }
            if !pointer.starts_with("/containerDefinitions") {
                prop_assert_eq!(before, after);
            }
        }
    }
}
