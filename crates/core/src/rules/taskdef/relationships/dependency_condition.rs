use super::common::{essential, find, is_redacted, named_containers};
use crate::diagnostic::Diagnostic;
use crate::json_tree::Node;
use crate::rules::declare_rule;
use crate::rules::taskdef::Context;

declare_rule! {
    /// Reports a `dependsOn` condition its target container cannot meet:
    ///
    /// - `COMPLETE` or `SUCCESS` on an essential container (one without
    ///   `"essential": false`, since essential is the default). ECS refuses it
    ///   with `A dependency container with SUCCESS or COMPLETE condition
    ///   cannot be an essential container`.
    /// - `HEALTHY` on a container without a `healthCheck`: its health is never
    ///   reported, so the dependent container never starts.
    ///
    /// # Why it matters
    /// An essential container that exits stops the whole task, so waiting for
    /// it to complete makes no sense; and a container without a health check
    /// never becomes HEALTHY, which leaves the task stuck in PENDING until
    /// it times out.
    ///
    /// # Example
    /// ```json
    /// { "name": "app", "dependsOn": [{ "containerName": "migrate", "condition": "SUCCESS" }] },
    /// { "name": "migrate", "image": "...", "command": ["./migrate.sh"] }
    /// ```
    /// `migrate` has no `essential`, so it is essential.
    ///
    /// # Fix
    /// For `COMPLETE`/`SUCCESS`, mark the target `"essential": false` (a
    /// one-off init container) or use `START`. For `HEALTHY`, give the target
    /// a `healthCheck`, or use `START`.
    ///
    /// # References
    /// ContainerDependency, parameter `condition` (Amazon ECS API Reference):
    /// COMPLETE and SUCCESS "can't be set on an essential container"; HEALTHY
    /// "requires that the dependent container has health checks configured".
    pub static RULE = {
        id: "taskdef/dependency-condition",
        severity: Error,
        summary: "A dependsOn condition the target container cannot meet",
    }
}

pub fn check(context: &Context, out: &mut Vec<Diagnostic>) {
    let containers = named_containers(context);
    for (index, container) in context.containers() {
        let dependencies = container.value("dependsOn").map_or(&[][..], Node::items);
        for (position, dependency) in dependencies.iter().enumerate() {
            let Some(wanted) = dependency.value("containerName").and_then(Node::as_str) else {
                continue;
            };
            let Some(condition) = dependency.value("condition") else {
                continue;
            };
            if is_redacted(wanted) {
                continue;
            }
            let Some((_, target)) = find(&containers, wanted) else {
                continue;
            };
            let pointer = format!("/containerDefinitions/{index}/dependsOn/{position}/condition");
            let diagnostic = match condition.as_str() {
                Some(kind @ ("COMPLETE" | "SUCCESS")) if essential(target) == Some(true) => context
                    .diagnostic(
                        &RULE,
                        condition.span,
                        &pointer,
                        "A dependency container with SUCCESS or COMPLETE condition cannot be an essential container",
                    )
                    .with_help(format!(
                        "'{wanted}' is essential{}: when it exits, ECS stops the whole task. If it is a one-off \
                         step, mark it \"essential\": false; otherwise wait for it with START or HEALTHY instead \
                         of {kind}.",
                        if target.get("essential").is_none() {
                            " (an absent \"essential\" means true)"
                        } else {
                            ""
                        }
                    )),
                Some("HEALTHY") if target.value("healthCheck").is_none_or(Node::is_null) => context
                    .diagnostic(
                        &RULE,
                        condition.span,
                        &pointer,
                        format!("Container '{wanted}' has no healthCheck, so the HEALTHY condition can never be met"),
                    )
                    .with_help(format!(
                        "ECS only reports health for containers with a healthCheck; without one the dependent \
                         container waits until the task times out. Add a healthCheck to '{wanted}', or use START."
                    )),
                _ => continue,
            };
            out.push(diagnostic);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::reference::{BACKEND_TASK, FRONTEND_TASK};
    use crate::rules::taskdef::fixtures::{hits, line_of, VALID};

    const ID: &str = "taskdef/dependency-condition";

    /// The backend seed with springboot depending on `to`.
    fn dependency(to: &str, condition: &str) -> String {
        BACKEND_TASK.replacen(
            "\"essential\": false,",
            &format!(
                "\"dependsOn\": [{{ \"containerName\": \"{to}\", \"condition\": \"{condition}\" }}],\n      \"essential\": false,"
            ),
            1,
        )
    }

    #[test]
    fn triggers_on_success_of_an_essential_container() {
        let text = dependency("nginx", "SUCCESS");
        let found = hits(&text, ID);
        assert_eq!(found.len(), 1);
        assert_eq!(
            found[0].message,
            "A dependency container with SUCCESS or COMPLETE condition cannot be an essential container"
        );
        assert_eq!(found[0].line, line_of(&text, "\"condition\": \"SUCCESS\""));
        assert_eq!(
            found[0].pointer.as_deref(),
            Some("/containerDefinitions/0/dependsOn/0/condition")
        );
    }

    #[test]
    fn an_absent_essential_flag_counts_as_essential() {
        let text = dependency("nginx", "COMPLETE").replacen("\"essential\": true,", "", 1);
        let found = hits(&text, ID);
        assert_eq!(found.len(), 1);
        assert!(found[0]
            .help
            .as_deref()
            .unwrap()
            .contains("an absent \"essential\" means true"));
    }

    #[test]
    fn triggers_on_healthy_without_a_health_check() {
        let text = dependency("nginx", "HEALTHY");
        let found = hits(&text, ID);
        assert_eq!(found.len(), 1);
        assert_eq!(
            found[0].message,
            "Container 'nginx' has no healthCheck, so the HEALTHY condition can never be met"
        );
        assert_eq!(found[0].line, line_of(&text, "\"condition\": \"HEALTHY\""));
    }

    #[test]
    fn stays_quiet_on_conditions_the_target_can_meet() {
        for text in [VALID, BACKEND_TASK, FRONTEND_TASK] {
            assert!(hits(text, ID).is_empty());
        }
        assert!(hits(&dependency("nginx", "START"), ID).is_empty());
        // springboot is "essential": false: waiting for it to finish is fine.
        let text = BACKEND_TASK.replacen(
            "\"links\": [",
            "\"dependsOn\": [{ \"containerName\": \"springboot\", \"condition\": \"SUCCESS\" }],\n\"links\": [",
            1,
        );
        assert!(hits(&text, ID).is_empty());
        let healthy = dependency("nginx", "HEALTHY").replacen(
            "\"essential\": true,",
            "\"essential\": true,\n\"healthCheck\": { \"command\": [\"CMD-SHELL\", \"curl -f http://localhost/\"] },",
            1,
        );
        assert!(hits(&healthy, ID).is_empty());
        assert!(hits(&dependency("nginx", "healthy"), ID).is_empty());
    }
}
