use std::collections::HashSet;

use super::common::{named_containers, REDACTION};
use crate::diagnostic::{Diagnostic, Span};
use crate::json_tree::Node;
use crate::rules::declare_rule;
use crate::rules::taskdef::Context;

declare_rule! {
    /// Reports containers whose `dependsOn` entries form a cycle: a container
    /// that depends on itself, or `a` waiting for `b` while `b` waits for `a`
    /// (directly or through others).
    ///
    /// # Why it matters
    /// ECS starts a container only once the containers it depends on have
    /// reached their condition, so no container in a cycle can ever start and
    /// the task never gets past PENDING.
    ///
    /// # Example
    /// ```json
    /// { "name": "app",   "dependsOn": [{ "containerName": "proxy", "condition": "START" }] },
    /// { "name": "proxy", "dependsOn": [{ "containerName": "app",   "condition": "HEALTHY" }] }
    /// ```
    ///
    /// # Fix
    /// Decide which container really has to come first and remove the
    /// dependency that points the other way. For shutdown ECS reverses the
    /// order by itself; that needs no dependency.
    ///
    /// # References
    /// ContainerDefinition, parameter `dependsOn`: "When a dependency is
    /// defined for container startup, for container shutdown it is reversed"
    /// (Amazon ECS API Reference).
    pub static RULE = {
        id: "taskdef/dependency-cycle",
        severity: Error,
        summary: "Container dependencies that form a cycle",
    }
}

struct Edge<'a> {
    target: usize,
    value: &'a Node,
    pointer: String,
}

pub fn check(context: &Context, out: &mut Vec<Diagnostic>) {
    let containers = named_containers(context);
    let names: Vec<&str> = containers.iter().map(|(_, name, _)| *name).collect();
    let edges: Vec<Vec<Edge>> = containers
        .iter()
        .map(|(index, _, container)| edges_of(*index, container, &names))
        .collect();
    // An iterative depth-first search: every edge back to a container on the
    // current path closes a cycle. Iterative, as a pasted file may hold
    // thousands of containers.
    let mut state = vec![0u8; containers.len()]; // 0 unseen, 1 on the path, 2 done
    let mut reported: HashSet<Vec<usize>> = HashSet::new();
    for start in 0..containers.len() {
        if state[start] != 0 {
            continue;
        }
        let mut stack: Vec<(usize, usize)> = vec![(start, 0)];
        state[start] = 1;
        while let Some(top) = stack.last_mut() {
            let (node, next) = *top;
            let Some(edge) = edges[node].get(next) else {
                state[node] = 2;
                stack.pop();
                continue;
            };
            top.1 += 1;
            match state[edge.target] {
                0 => {
                    state[edge.target] = 1;
                    stack.push((edge.target, 0));
                }
                1 => {
                    let from = stack.iter().position(|(n, _)| *n == edge.target).unwrap_or(0);
                    let path: Vec<usize> = stack[from..].iter().map(|(n, _)| *n).collect();
                    let mut key = path.clone();
                    key.sort_unstable();
                    if reported.insert(key) {
                        out.push(diagnostic(context, edge, &path, &names));
                    }
                }
                _ => {}
            }
        }
    }
}

fn edges_of<'a>(index: usize, container: &'a Node, names: &[&str]) -> Vec<Edge<'a>> {
    let dependencies = container.value("dependsOn").map_or(&[][..], Node::items);
    dependencies
        .iter()
        .enumerate()
        .filter_map(|(position, dependency)| {
            let value = dependency.value("containerName")?;
            let wanted = value.as_str().filter(|w| !w.contains(REDACTION))?;
            let target = names.iter().position(|n| *n == wanted)?;
            Some(Edge {
                target,
                value,
                pointer: format!("/containerDefinitions/{index}/dependsOn/{position}/containerName"),
            })
        })
        .collect()
}

fn diagnostic(context: &Context, edge: &Edge, path: &[usize], names: &[&str]) -> Diagnostic {
    let span: Span = edge.value.span;
    let name = |n: usize| names.get(n).copied().unwrap_or("?");
    let message = if path.len() == 1 {
        format!("Container '{}' depends on itself", name(edge.target))
    } else {
        let mut steps: Vec<&str> = path.iter().map(|&n| name(n)).collect();
        steps.push(name(edge.target));
        format!("Container dependencies form a cycle: {}", steps.join(" → "))
    };
    context.diagnostic(&RULE, span, &edge.pointer, message).with_help(
        "ECS starts a container only after the containers it depends on, so none of the containers in a cycle can \
         ever start. Remove the dependency that points the wrong way.",
    )
}

#[cfg(test)]
mod tests {
    use crate::reference::{BACKEND_TASK, FRONTEND_TASK};
    use crate::rules::taskdef::fixtures::{hits, line_of, VALID};

    const ID: &str = "taskdef/dependency-cycle";

    /// The backend seed with dependencies added to springboot and nginx.
    fn with_dependencies(springboot: &str, nginx: &str) -> String {
        let dep = |target: &str| {
            if target.is_empty() {
                String::new()
            } else {
                format!("\"dependsOn\": [{{ \"containerName\": \"{target}\", \"condition\": \"START\" }}],\n      ")
            }
        };
        BACKEND_TASK
            .replacen(
                "\"essential\": false,",
                &format!("{}\"essential\": false,", dep(springboot)),
                1,
            )
            .replacen("\"links\": [", &format!("{}\"links\": [", dep(nginx)), 1)
    }

    #[test]
    fn triggers_on_two_containers_waiting_for_each_other() {
        let text = with_dependencies("nginx", "springboot");
        let found = hits(&text, ID);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(
            found[0].message,
            "Container dependencies form a cycle: springboot → nginx → springboot"
        );
        assert_eq!(found[0].line, line_of(&text, "\"containerName\": \"springboot\""));
        assert_eq!(
            found[0].pointer.as_deref(),
            Some("/containerDefinitions/1/dependsOn/0/containerName")
        );
    }

    #[test]
    fn triggers_on_a_container_depending_on_itself() {
        let text = with_dependencies("", "nginx");
        let found = hits(&text, ID);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].message, "Container 'nginx' depends on itself");
        assert_eq!(found[0].line, line_of(&text, "\"containerName\": \"nginx\""));
    }

    #[test]
    fn stays_quiet_on_a_chain_or_unknown_targets() {
        for text in [VALID, BACKEND_TASK, FRONTEND_TASK] {
            assert!(hits(text, ID).is_empty());
        }
        assert!(hits(&with_dependencies("", "springboot"), ID).is_empty());
        assert!(hits(&with_dependencies("postgres", "springboot"), ID).is_empty());
    }
}
