use super::common::{is_fargate, is_windows};
use crate::diagnostic::Diagnostic;
use crate::rules::declare_rule;
use crate::rules::taskdef::Context;

declare_rule! {
    /// Reports `"pidMode": "host"` and `"ipcMode": "host"`, which put every
    /// container of the task in the EC2 instance's process or IPC namespace.
    ///
    /// # Why it matters
    /// With the host's PID namespace a container sees, and as root can signal
    /// or trace, every process on the instance, including the ECS agent and
    /// other tasks; with its IPC namespace it shares their shared memory and
    /// semaphores. AWS warns of a "heightened risk of undesired process
    /// namespace exposure". (Fargate and Windows reject these modes; the
    /// launch type rules report that.)
    ///
    /// # Example
    /// ```json
    /// { "family": "monitor", "pidMode": "host", "containerDefinitions": [ ... ] }
    /// ```
    ///
    /// # Fix
    /// Use `"task"` to share the namespace between the task's own containers
    /// only (enough for most sidecars), or remove the field. Keep `host` for
    /// the rare agent that has to watch the whole instance.
    ///
    /// # References
    /// RegisterTaskDefinition, parameters `pidMode` and `ipcMode` (Amazon ECS
    /// API Reference).
    pub static RULE = {
        id: "taskdef/host-namespace",
        severity: Warning,
        summary: "A task sharing the host's PID or IPC namespace",
    }
}

pub fn check(context: &Context, out: &mut Vec<Diagnostic>) {
    let body = context.body;
    if is_fargate(body) || is_windows(body) {
        return;
    }
    for (field, what) in [("pidMode", "processes"), ("ipcMode", "shared memory and semaphores")] {
        let Some(value) = body.value(field) else {
            continue;
        };
        if value.as_str() != Some("host") {
            continue;
        }
        out.push(
            context
                .diagnostic(
                    &RULE,
                    value.span,
                    &format!("/{field}"),
                    format!("{field} \"host\" shares the instance's {what} with every container of the task"),
                )
                .with_help(format!(
                    "Use \"task\" to share the namespace only between this task's containers, unless the task has to \
                     see the whole instance; remove {field} if nothing needs it."
                )),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::reference::{BACKEND_TASK, FRONTEND_TASK};
    use crate::rules::taskdef::fixtures::{edited, hits, line_of, VALID};

    const ID: &str = "taskdef/host-namespace";

    #[test]
    fn triggers_on_host_pid_and_ipc_modes() {
        let text = edited(
            "\"family\": \"web\",",
            "\"family\": \"web\",\n  \"pidMode\": \"host\",\n  \"ipcMode\": \"host\",",
        );
        let found = hits(&text, ID);
        assert_eq!(found.len(), 2);
        assert_eq!(
            found[0].message,
            "pidMode \"host\" shares the instance's processes with every container of the task"
        );
        assert_eq!(found[0].line, line_of(&text, "\"pidMode\""));
        assert_eq!(found[0].pointer.as_deref(), Some("/pidMode"));
        assert_eq!(found[1].pointer.as_deref(), Some("/ipcMode"));
    }

    #[test]
    fn stays_quiet_on_task_modes_and_on_fargate() {
        for text in [VALID, BACKEND_TASK, FRONTEND_TASK] {
            assert!(hits(text, ID).is_empty());
        }
        let task = edited(
            "\"family\": \"web\",",
            "\"family\": \"web\", \"pidMode\": \"task\", \"ipcMode\": \"none\",",
        );
        assert!(hits(&task, ID).is_empty());
        let fargate = edited(
            "\"family\": \"web\",",
            "\"family\": \"web\", \"pidMode\": \"host\", \"requiresCompatibilities\": [\"FARGATE\"],",
        );
        assert!(hits(&fargate, ID).is_empty());
    }
}
