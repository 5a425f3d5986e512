use super::{mode, Mode};
use crate::diagnostic::Diagnostic;
use crate::json_edit::removal_fix;
use crate::rules::declare_rule;
use crate::rules::taskdef::sizing::is_fargate;
use crate::rules::taskdef::Context;

declare_rule! {
    /// Reports container `hostname` and `extraHosts` in a task with the
    /// `awsvpc` network mode, where ECS does not support them. On Fargate,
    /// `taskdef/fargate-unsupported-parameter` reports `extraHosts` instead.
    ///
    /// # Why it matters
    /// ECS refuses the registration with `Extra hosts are not supported on
    /// container when networkMode=awsvpc` (or the same for `hostname`). In
    /// `awsvpc` mode the task's network interface, and its DNS name, belong to
    /// the whole task rather than to one container.
    ///
    /// # Example
    /// ```json
    /// { "networkMode": "awsvpc", "containerDefinitions": [
    ///   { "name": "app", "hostname": "api", "extraHosts": [ { "hostname": "db", "ipAddress": "10.0.0.5" } ] } ] }
    /// ```
    ///
    /// # Fix
    /// Remove the field. Reach other containers of the task on `localhost`,
    /// and other services through DNS (for example Cloud Map service
    /// discovery or a private hosted zone) instead of `/etc/hosts` entries.
    ///
    /// # References
    /// `hostname` and `extraHosts` in ContainerDefinition (Amazon ECS API
    /// Reference): "The hostname parameter is not supported if you're using
    /// the awsvpc network mode." and "This parameter isn't supported for
    /// Windows containers or tasks that use the awsvpc network mode."
    pub static RULE = {
        id: "taskdef/awsvpc-unsupported-option",
        severity: Error,
        summary: "A container hostname or extraHosts in an awsvpc task",
    }
}

/// Each field with the subject of ECS's message about it.
const FIELDS: [(&str, &str); 2] = [("hostname", "hostname is"), ("extraHosts", "Extra hosts are")];

pub fn check(context: &Context, out: &mut Vec<Diagnostic>) {
    if mode(context.body) != Some(Mode::Awsvpc) {
        return;
    }
    let fargate = is_fargate(context.body);
    for (index, container) in context.containers() {
        for (key, subject) in FIELDS {
            if fargate && key == "extraHosts" {
                continue;
            }
            let Some(position) = container.props().iter().rposition(|p| p.key == key) else {
                continue;
            };
            let prop = &container.props()[position];
            // An empty value sets nothing; null is the null-value rule's.
            if prop.value.is_null() || (key == "extraHosts" && prop.value.items().is_empty()) {
                continue;
            }
            let mut diagnostic = context
                .diagnostic(
                    &RULE,
                    prop.key_span,
                    &format!("/containerDefinitions/{index}/{key}"),
                    format!("{subject} not supported on container when networkMode=awsvpc"),
                )
                .with_help(if key == "hostname" {
                    "In awsvpc mode the task's network interface and its DNS name belong to the whole task; remove \"hostname\"."
                } else {
                    "In awsvpc mode ECS manages the task's /etc/hosts; remove \"extraHosts\" and resolve those names through DNS."
                });
            if let Some(fix) = removal_fix(container, position, false) {
                diagnostic = diagnostic.with_fix(fix);
            }
            out.push(diagnostic);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::json_edit::apply;
    use crate::reference::{BACKEND_TASK, FRONTEND_TASK};
    use crate::rules::taskdef::fixtures::{edited, hits, line_of, VALID};

    const ID: &str = "taskdef/awsvpc-unsupported-option";

    fn awsvpc(extra: &str) -> String {
        edited("\"networkMode\": \"bridge\"", "\"networkMode\": \"awsvpc\"")
            .replace("\"hostPort\": 0, ", "")
            .replace("\"essential\": true,", &format!("\"essential\": true,\n      {extra}"))
    }

    #[test]
    fn triggers_on_hostname_and_extra_hosts_at_their_keys() {
        let text = awsvpc(
            "\"hostname\": \"api\",\n      \"extraHosts\": [{ \"hostname\": \"db\", \"ipAddress\": \"10.0.0.5\" }],",
        );
        let found = hits(&text, ID);
        assert_eq!(found.len(), 2);
        assert_eq!(
            found[0].message,
            "hostname is not supported on container when networkMode=awsvpc"
        );
        assert_eq!(found[0].line, line_of(&text, "\"hostname\": \"api\""));
        assert_eq!(found[0].pointer.as_deref(), Some("/containerDefinitions/0/hostname"));
        assert_eq!(
            found[1].message,
            "Extra hosts are not supported on container when networkMode=awsvpc"
        );
        assert_eq!(found[1].pointer.as_deref(), Some("/containerDefinitions/0/extraHosts"));
        let fixed = apply(&text, &found[0].fix.clone().unwrap().edits);
        assert!(!fixed.contains("\"api\""));
        assert!(crate::json_tree::parse(&fixed).error.is_none());
    }

    #[test]
    fn leaves_extra_hosts_on_fargate_to_the_fargate_rule() {
        let text =
            awsvpc("\"hostname\": \"api\", \"extraHosts\": [{ \"hostname\": \"db\", \"ipAddress\": \"10.0.0.5\" }],")
                .replace(
                    "\"family\": \"web\",",
                    "\"family\": \"web\", \"requiresCompatibilities\": [\"FARGATE\"],",
                );
        let found = hits(&text, ID);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].pointer.as_deref(), Some("/containerDefinitions/0/hostname"));
    }

    #[test]
    fn stays_quiet_in_bridge_mode_and_on_empty_extra_hosts() {
        assert!(hits(&awsvpc("\"extraHosts\": [],"), ID).is_empty());
        let bridge = edited("\"essential\": true,", "\"essential\": true, \"hostname\": \"api\",");
        assert!(hits(&bridge, ID).is_empty());
        assert!(hits(VALID, ID).is_empty());
        assert!(hits(BACKEND_TASK, ID).is_empty());
        assert!(hits(FRONTEND_TASK, ID).is_empty());
    }
}
