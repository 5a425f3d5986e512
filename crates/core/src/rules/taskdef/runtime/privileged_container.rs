use super::common::{is_fargate, is_windows, label};
use crate::diagnostic::Diagnostic;
use crate::rules::declare_rule;
use crate::rules::taskdef::Context;

declare_rule! {
    /// Reports a container with `"privileged": true`.
    ///
    /// # Why it matters
    /// A privileged container gets every capability and access to all of the
    /// host's devices; root in the container is as good as root on the EC2
    /// instance, and with it every other task on the instance and the
    /// instance role's credentials. ECS ignores `linuxParameters.capabilities`
    /// for it. (Fargate and Windows reject the flag outright; the launch type
    /// rules report that.)
    ///
    /// # Example
    /// ```json
    /// { "name": "app", "image": "...", "privileged": true }
    /// ```
    ///
    /// # Fix
    /// Remove `privileged` and add only the capabilities or devices the
    /// container really needs, under `linuxParameters.capabilities.add` and
    /// `linuxParameters.devices`.
    ///
    /// # References
    /// ContainerDefinition, parameter `privileged`: "the container is given
    /// elevated privileges on the host container instance (similar to the root
    /// user)"; KernelCapabilities (Amazon ECS API Reference).
    pub static RULE = {
        id: "taskdef/privileged-container",
        severity: Warning,
        summary: "A privileged container",
    }
}

pub fn check(context: &Context, out: &mut Vec<Diagnostic>) {
    if is_fargate(context.body) || is_windows(context.body) {
        return;
    }
    for (index, container) in context.containers() {
        let Some(flag) = container.value("privileged") else {
            continue;
        };
        if flag.as_bool() != Some(true) {
            continue;
        }
        out.push(
            context
                .diagnostic(
                    &RULE,
                    flag.span,
                    &format!("/containerDefinitions/{index}/privileged"),
                    format!(
                        "Container {} runs privileged, with full access to the host",
                        label(container, index)
                    ),
                )
                .with_help(
                    "Root in a privileged container is root on the instance. Remove \"privileged\" and add only the \
                     capabilities or devices it needs under linuxParameters.",
                ),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::reference::{BACKEND_TASK, FRONTEND_TASK};
    use crate::rules::taskdef::fixtures::{edited, hits, line_of, VALID};

    const ID: &str = "taskdef/privileged-container";

    #[test]
    fn triggers_on_a_privileged_container() {
        let text = edited(
            "\"essential\": true,",
            "\"essential\": true,\n      \"privileged\": true,",
        );
        let found = hits(&text, ID);
        assert_eq!(found.len(), 1);
        assert_eq!(
            found[0].message,
            "Container 'app' runs privileged, with full access to the host"
        );
        assert_eq!(found[0].line, line_of(&text, "\"privileged\""));
        assert_eq!(found[0].pointer.as_deref(), Some("/containerDefinitions/0/privileged"));
    }

    #[test]
    fn stays_quiet_when_not_privileged_or_on_fargate() {
        for text in [VALID, BACKEND_TASK, FRONTEND_TASK] {
            assert!(hits(text, ID).is_empty());
        }
        let off = edited("\"essential\": true,", "\"essential\": true, \"privileged\": false,");
        assert!(hits(&off, ID).is_empty());
        let fargate = edited("\"essential\": true,", "\"essential\": true, \"privileged\": true,").replacen(
            "\"family\": \"web\",",
            "\"family\": \"web\", \"requiresCompatibilities\": [\"FARGATE\"],",
            1,
        );
        assert!(hits(&fargate, ID).is_empty());
    }
}
