use super::common::{is_redacted, label, listing, quoted};
use crate::diagnostic::{Diagnostic, Fix, TextEdit};
use crate::json_tree::Node;
use crate::rules::declare_rule;
use crate::rules::taskdef::Context;
use crate::suggest::closest;

declare_rule! {
    /// Reports a container `mountPoints` entry whose `sourceVolume` is not
    /// the `name` of a volume in the task definition's `volumes`.
    ///
    /// # Why it matters
    /// A mount point only says where a volume appears inside the container;
    /// the volume itself (bind mount, Docker volume, EFS, EBS, …) is declared
    /// once per task in `volumes`. A mount of an undeclared volume cannot be
    /// set up, so the task cannot run.
    ///
    /// # Example
    /// ```json
    /// "containerDefinitions": [{ "name": "app", "mountPoints": [{ "sourceVolume": "uploads", "containerPath": "/data" }] }],
    /// "volumes": []
    /// ```
    ///
    /// # Fix
    /// Declare the volume in `volumes` (`{ "name": "uploads" }` is a bind
    /// mount managed by Docker), or correct `sourceVolume` to the name of a
    /// declared volume. The quick fix picks the closest declared name.
    ///
    /// # References
    /// MountPoint, parameter `sourceVolume`: "Must be a volume name referenced
    /// in the name parameter of task definition volume" (Amazon ECS API
    /// Reference).
    pub static RULE = {
        id: "taskdef/unknown-source-volume",
        severity: Error,
        summary: "A mount point uses a volume that is not declared in volumes",
    }
}

pub fn check(context: &Context, out: &mut Vec<Diagnostic>) {
    let volumes = context.body.value("volumes");
    // An unreadable `volumes` value could declare anything; its type is the schema rules' to report.
    if volumes.is_some_and(|v| !matches!(v.kind, crate::json_tree::NodeKind::Array(_))) {
        return;
    }
    let declared: Vec<&str> = volumes
        .map_or(&[][..], Node::items)
        .iter()
        .filter_map(|v| v.value("name").and_then(Node::as_str))
        .collect();
    for (index, container) in context.containers() {
        let mounts = container.value("mountPoints").map_or(&[][..], Node::items);
        for (position, mount) in mounts.iter().enumerate() {
            let Some(value) = mount.value("sourceVolume") else {
                continue;
            };
            let Some(wanted) = value.as_str() else {
                continue;
            };
            if is_redacted(wanted) || declared.contains(&wanted) {
                continue;
            }
            let pointer = format!("/containerDefinitions/{index}/mountPoints/{position}/sourceVolume");
            let message = format!(
                "Container {} mounts volume '{wanted}', which is not declared in \"volumes\"",
                label(container, index)
            );
            let mut diagnostic = context.diagnostic(&RULE, value.span, &pointer, message);
            diagnostic = match closest(wanted, declared.iter().copied()) {
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
                    "Declare it in the task's \"volumes\" list, e.g. {{ \"name\": \"{wanted}\" }}; declared volumes: {}.",
                    listing(declared.iter().copied())
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

    const ID: &str = "taskdef/unknown-source-volume";

    /// The backend seed with springboot mounting `source` and `volumes` as given.
    fn mounting(source: &str, volumes: &str) -> String {
        BACKEND_TASK
            .replacen(
                "\"mountPoints\": []",
                &format!("\"mountPoints\": [{{ \"sourceVolume\": \"{source}\", \"containerPath\": \"/data\" }}]"),
                1,
            )
            .replacen("\"volumes\": []", &format!("\"volumes\": {volumes}"), 1)
    }

    #[test]
    fn triggers_on_an_undeclared_volume() {
        let text = mounting("uploads", "[]");
        let found = hits(&text, ID);
        assert_eq!(found.len(), 1);
        assert_eq!(
            found[0].message,
            "Container 'springboot' mounts volume 'uploads', which is not declared in \"volumes\""
        );
        assert_eq!(found[0].line, line_of(&text, "\"sourceVolume\""));
        assert_eq!(
            found[0].pointer.as_deref(),
            Some("/containerDefinitions/0/mountPoints/0/sourceVolume")
        );
        assert!(found[0].fix.is_none());
    }

    #[test]
    fn suggests_a_declared_volume_with_a_close_name() {
        let text = mounting("upload", "[{ \"name\": \"uploads\" }]");
        let found = hits(&text, ID);
        assert_eq!(found.len(), 1);
        let fixed = crate::json_edit::apply(&text, &found[0].fix.clone().unwrap().edits);
        assert!(hits(&fixed, ID).is_empty());
    }

    #[test]
    fn stays_quiet_on_declared_or_redacted_volumes() {
        for text in [VALID, BACKEND_TASK, FRONTEND_TASK] {
            assert!(hits(text, ID).is_empty());
        }
        assert!(hits(&mounting("uploads", "[{ \"name\": \"uploads\", \"host\": {} }]"), ID).is_empty());
        assert!(hits(&mounting("~~", "[]"), ID).is_empty());
        assert!(hits(&mounting("uploads", "\"uploads\""), ID).is_empty());
    }
}
