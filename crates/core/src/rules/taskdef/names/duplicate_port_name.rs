use super::common::{line_of, repeats};
use crate::diagnostic::Diagnostic;
use crate::json_tree::Node;
use crate::rules::declare_rule;
use crate::rules::taskdef::Context;

declare_rule! {
    /// Reports a port mapping `name` that an earlier port mapping of the task
    /// definition already has, in the same container or another one.
    ///
    /// # Why it matters
    /// A service's Service Connect configuration picks a port by this name
    /// across all the containers of the task (`portName`), so a repeated name
    /// makes the choice ambiguous. The console's generated names
    /// (`nginx-80-tcp`) repeat when a container block is copied.
    ///
    /// # Example
    /// ```json
    /// "containerDefinitions": [
    ///   { "name": "a", "portMappings": [{ "name": "http", "containerPort": 80 }] },
    ///   { "name": "b", "portMappings": [{ "name": "http", "containerPort": 8080 }] }
    /// ]
    /// ```
    ///
    /// # Fix
    /// Give each port mapping a name of its own, such as `a-http` and `b-http`.
    ///
    /// # References
    /// PortMapping, parameter `name`, and ServiceConnectService, parameter
    /// `portName`: "The portName must match the name of one of the
    /// portMappings from all the containers in the task definition" (Amazon
    /// ECS API Reference).
    pub static RULE = {
        id: "taskdef/duplicate-port-name",
        severity: Error,
        summary: "Two port mappings with the same name in one task definition",
    }
}

pub fn check(context: &Context, out: &mut Vec<Diagnostic>) {
    let mut named: Vec<(String, &Node, &str)> = Vec::new();
    for (c_index, container) in context.containers() {
        let mappings = container.value("portMappings").map_or(&[][..], |m| m.items());
        for (m_index, mapping) in mappings.iter().enumerate() {
            if let Some(node) = mapping.value("name") {
                if let Some(name) = node.as_str() {
                    let pointer = format!("/containerDefinitions/{c_index}/portMappings/{m_index}/name");
                    named.push((pointer, node, name));
                }
            }
        }
    }
    let names: Vec<&str> = named.iter().map(|(_, _, name)| *name).collect();
    for (second, first) in repeats(&names) {
        let (pointer, node, name) = &named[second];
        let first_line = line_of(context, named[first].1.span);
        let message = format!(
            "Port mapping names must be unique within a task definition. \"{name}\" is also the name of the port mapping on line {first_line}."
        );
        out.push(
            context
                .diagnostic(&RULE, node.span, pointer, message)
                .with_help("Services pick a port by its name across all containers; give this one a name of its own."),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::reference::{BACKEND_TASK, FRONTEND_TASK};
    use crate::rules::taskdef::fixtures::{edited, hits, VALID};

    const ID: &str = "taskdef/duplicate-port-name";

    fn with_names(first: &str, second: &str) -> String {
        edited(
            "\"portMappings\": [{ \"containerPort\": 8080, \"hostPort\": 0, \"protocol\": \"tcp\" }]",
            &format!(
                "\"portMappings\": [\n        {{ \"name\": {first}, \"containerPort\": 8080 }},\n        {{ \"name\": {second}, \"containerPort\": 8081 }}\n      ]"
            ),
        )
    }

    #[test]
    fn triggers_at_the_second_mapping_naming_the_first_line() {
        let text = with_names("\"http\"", "\"http\"");
        let found = hits(&text, ID);
        assert_eq!(found.len(), 1);
        assert_eq!(
            found[0].message,
            "Port mapping names must be unique within a task definition. \"http\" is also the name of the port mapping on line 11."
        );
        assert_eq!(found[0].line, 12);
        assert_eq!(
            found[0].pointer.as_deref(),
            Some("/containerDefinitions/0/portMappings/1/name")
        );
    }

    #[test]
    fn triggers_across_containers() {
        let text = edited(
            "\"portMappings\": [{ \"containerPort\": 8080, \"hostPort\": 0, \"protocol\": \"tcp\" }]\n    }",
            "\"portMappings\": [{ \"name\": \"http\", \"containerPort\": 8080 }]\n    },\n    {\n      \"name\": \"b\",\n      \"image\": \"b:1\",\n      \"memory\": 64,\n      \"portMappings\": [{ \"name\": \"http\", \"containerPort\": 9090 }]\n    }",
        );
        let found = hits(&text, ID);
        assert_eq!(found.len(), 1);
        assert_eq!(
            found[0].pointer.as_deref(),
            Some("/containerDefinitions/1/portMappings/0/name")
        );
    }

    #[test]
    fn stays_quiet_on_distinct_or_unnamed_mappings() {
        assert!(hits(VALID, ID).is_empty());
        assert!(hits(BACKEND_TASK, ID).is_empty());
        assert!(hits(FRONTEND_TASK, ID).is_empty());
        assert!(hits(&with_names("\"http\"", "\"admin\""), ID).is_empty());
        assert!(hits(&with_names("\"~~\"", "\"~~\""), ID).is_empty());
        assert!(hits(&with_names("1", "1"), ID).is_empty());
    }
}
