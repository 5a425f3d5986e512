use super::common::{essential, named_containers};
use crate::diagnostic::{Diagnostic, Fix, TextEdit};
use crate::rules::declare_rule;
use crate::rules::taskdef::Context;

declare_rule! {
    /// Reports a container marked `"essential": false` that an essential
    /// container links to: the classic reverse-proxy task where nginx is
    /// essential and forwards every request to the app container it links.
    ///
    /// # Why it matters
    /// When a non-essential container exits, ECS keeps the task running. The
    /// app can crash and stay down while nginx keeps answering — with 502s — and
    /// the load balancer's health check may still pass if it only reaches nginx.
    /// Marking the app essential makes ECS replace the whole task instead.
    ///
    /// # Example
    /// ```json
    /// { "name": "springboot", "essential": false },
    /// { "name": "nginx", "essential": true, "links": ["springboot"] }
    /// ```
    ///
    /// # Fix
    /// Set `"essential": true` on the linked container (the quick fix does), or
    /// make the load balancer's health check go through to the app.
    ///
    /// # References
    /// Amazon ECS Developer Guide, task definition parameters: `essential`.
    pub static RULE = {
        id: "taskdef/linked-container-not-essential",
        severity: Warning,
        summary: "A container an essential container links to is not essential",
    }
}

pub fn check(context: &Context, out: &mut Vec<Diagnostic>) {
    let containers = named_containers(context);
    for &(index, name, container) in &containers {
        if essential(container) != Some(false) {
            continue;
        }
        let linked_by = containers.iter().find(|(_, _, other)| {
            essential(other) == Some(true)
                && other
                    .value("links")
                    .map_or(&[][..], |l| l.items())
                    .iter()
                    .any(|link| link.as_str().and_then(|l| l.split(':').next()) == Some(name))
        });
        let (Some((_, proxy, _)), Some(flag)) = (linked_by, container.get("essential")) else {
            continue;
        };
        out.push(
            context
                .diagnostic(
                    &RULE,
                    flag.value.span,
                    &format!("/containerDefinitions/{index}/essential"),
                    format!("Container '{name}' is not essential, but the essential container '{proxy}' links to it"),
                )
                .with_help(format!(
                    "If '{name}' stops, the task keeps running and '{proxy}' answers with errors. Mark it essential so ECS replaces the task."
                ))
                .with_fix(Fix {
                    title: format!("Make '{name}' essential"),
                    edits: vec![TextEdit {
                        span: flag.value.span,
                        text: "true".into(),
                    }],
                    safe: false,
                }),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::reference::{BACKEND_TASK, FRONTEND_TASK};
    use crate::rules::taskdef::fixtures::{hits, line_of};

    const ID: &str = "taskdef/linked-container-not-essential";

    #[test]
    fn triggers_on_the_app_container_behind_nginx() {
        let found = hits(BACKEND_TASK, ID);
        assert_eq!(found.len(), 1);
        assert_eq!(
            found[0].message,
            "Container 'springboot' is not essential, but the essential container 'nginx' links to it"
        );
        assert_eq!(found[0].line, line_of(BACKEND_TASK, "\"essential\": false"));
        assert_eq!(found[0].pointer.as_deref(), Some("/containerDefinitions/0/essential"));
        assert_eq!(hits(FRONTEND_TASK, ID)[0].message.split(' ').nth(1), Some("'next'"));
    }

    #[test]
    fn stays_quiet_when_the_linked_container_is_essential_or_unlinked() {
        let essential = BACKEND_TASK.replacen("\"essential\": false", "\"essential\": true", 1);
        assert!(hits(&essential, ID).is_empty());
        let unlinked = BACKEND_TASK.replacen("\"links\": [\n        \"springboot\"\n      ],", "", 1);
        assert!(hits(&unlinked, ID).is_empty());
        let sidecar_only = BACKEND_TASK.replacen("\"essential\": true", "\"essential\": false", 1);
        assert!(hits(&sidecar_only, ID).is_empty());
    }
}
