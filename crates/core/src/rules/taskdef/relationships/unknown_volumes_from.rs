use super::common::{find, is_redacted, label, listing, name, named_containers, quoted};
use crate::diagnostic::{Diagnostic, Fix, TextEdit};
use crate::json_tree::Node;
use crate::rules::declare_rule;
use crate::rules::taskdef::Context;
use crate::suggest::closest;

declare_rule! {
    /// Reports a `volumesFrom` entry whose `sourceContainer` is not another
    /// container of the same task definition: a name no container has, or the
    /// container's own name.
    ///
    /// # Why it matters
    /// `volumesFrom` mounts the volumes of another container in the same task
    /// (Docker's `--volumes-from`). There is nothing to mount from a container
    /// that does not exist, or from the container itself, and the task cannot
    /// start.
    ///
    /// # Example
    /// ```json
    /// { "name": "nginx", "volumesFrom": [{ "sourceContainer": "web-app", "readOnly": true }] }
    /// ```
    /// where the application container is called `app`.
    ///
    /// # Fix
    /// Use the exact name of another container in this task definition. The
    /// quick fix picks the closest name when there is one.
    ///
    /// # References
    /// VolumeFrom, parameter `sourceContainer`: "The name of another container
    /// within the same task definition to mount volumes from" (Amazon ECS API
    /// Reference).
    pub static RULE = {
        id: "taskdef/unknown-volumes-from",
        severity: Error,
        summary: "volumesFrom names a container that is not another container of the task",
    }
}

pub fn check(context: &Context, out: &mut Vec<Diagnostic>) {
    let containers = named_containers(context);
    for (index, container) in context.containers() {
        let own = name(container);
        let sources = container.value("volumesFrom").map_or(&[][..], Node::items);
        for (position, source) in sources.iter().enumerate() {
            let Some(value) = source.value("sourceContainer") else {
                continue;
            };
            let Some(wanted) = value.as_str() else {
                continue;
            };
            if is_redacted(wanted) {
                continue;
            }
            let pointer = format!("/containerDefinitions/{index}/volumesFrom/{position}/sourceContainer");
            if own == Some(wanted) {
                out.push(
                    context
                        .diagnostic(
                            &RULE,
                            value.span,
                            &pointer,
                            format!("Container '{wanted}' cannot mount volumes from itself"),
                        )
                        .with_help("Name the container whose volumes this one should mount, or remove the entry."),
                );
                continue;
            }
            if find(&containers, wanted).is_some() {
                continue;
            }
            let others = containers
                .iter()
                .filter(|(i, _, _)| *i != index)
                .map(|(_, name, _)| *name);
            let message = format!(
                "Container {} mounts volumes from '{wanted}', which is not a container of this task definition",
                label(container, index)
            );
            let mut diagnostic = context.diagnostic(&RULE, value.span, &pointer, message);
            diagnostic = match closest(wanted, others.clone()) {
                Some(suggestion) => diagnostic
                    .with_help(format!("Did you mean '{suggestion}'?"))
                    .with_fix(Fix {
                        title: format!("Change to '{suggestion}'"),
                        edits: vec![TextEdit {
                            span: value.span,
                            text: quoted(suggestion),
                        }],
                        safe: false,
                    }),
                None => diagnostic.with_help(format!(
                    "volumesFrom only reaches containers of the same task; the others here are {}.",
                    listing(others)
                )),
            };
            out.push(diagnostic);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::reference::{BACKEND_TASK, FRONTEND_TASK};
    use crate::rules::taskdef::fixtures::{hits, line_of, VALID};

    const ID: &str = "taskdef/unknown-volumes-from";

    /// The front seed with nginx mounting volumes from `source`.
    fn from(source: &str) -> String {
        let nginx = FRONTEND_TASK.find("\"name\": \"nginx\"").unwrap();
        let (head, tail) = FRONTEND_TASK.split_at(nginx);
        let tail = tail.replacen(
            "\"volumesFrom\": []",
            &format!("\"volumesFrom\": [{{ \"sourceContainer\": \"{source}\", \"readOnly\": true }}]"),
            1,
        );
        format!("{head}{tail}")
    }

    #[test]
    fn triggers_on_a_misspelt_source_with_a_fix() {
        let text = from("nxt");
        let found = hits(&text, ID);
        assert_eq!(found.len(), 1);
        assert_eq!(
            found[0].message,
            "Container 'nginx' mounts volumes from 'nxt', which is not a container of this task definition"
        );
        assert_eq!(found[0].line, line_of(&text, "\"sourceContainer\""));
        assert_eq!(
            found[0].pointer.as_deref(),
            Some("/containerDefinitions/1/volumesFrom/0/sourceContainer")
        );
        let fixed = crate::json_edit::apply(&text, &found[0].fix.clone().unwrap().edits);
        assert!(fixed.contains("\"sourceContainer\": \"next\""));
        assert!(hits(&fixed, ID).is_empty());
    }

    #[test]
    fn triggers_on_the_container_itself() {
        let found = hits(&from("nginx"), ID);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].message, "Container 'nginx' cannot mount volumes from itself");
    }

    #[test]
    fn stays_quiet_on_another_container_or_redacted_names() {
        for text in [VALID, BACKEND_TASK, FRONTEND_TASK] {
            assert!(hits(text, ID).is_empty());
        }
        assert!(hits(&from("next"), ID).is_empty());
        assert!(hits(&from("~~"), ID).is_empty());
    }
}
