use super::common::{anchor, is_windows, label};
use crate::diagnostic::Diagnostic;
use crate::rules::declare_rule;
use crate::rules::taskdef::Context;

declare_rule! {
    /// Reports a Linux container that runs as root: `"user": "root"` or `"0"`
    /// (with or without a group), or no `user` at all, which runs the image's
    /// default user, and that is root unless the image's Dockerfile sets
    /// `USER`.
    ///
    /// # Why it matters
    /// A process running as root can rewrite its own image's files, bind any
    /// port and make the most of any kernel or runtime flaw to break out of
    /// the container. AWS recommends a non-root user, and insists on it with
    /// the `host` network mode.
    ///
    /// # Example
    /// ```json
    /// { "name": "app", "image": "nginx:1.25" }
    /// ```
    ///
    /// # Fix
    /// Set `"user"` to a non-root UID the image supports, e.g. `"1000"` or
    /// `"1000:1000"` (many official images have one, such as `nginx` or
    /// `node`), and make sure what the process writes is writable by it. If
    /// the image already sets a non-root `USER`, say so with `"user"` too.
    ///
    /// # References
    /// ContainerDefinition, parameter `user`: "We recommend using a non-root
    /// user for better security"; RegisterTaskDefinition, parameter
    /// `networkMode`: "When using the host network mode, you should not run
    /// containers using the root user (UID 0)" (Amazon ECS API Reference).
    pub static RULE = {
        id: "taskdef/root-user",
        severity: Info,
        summary: "A container that runs as root",
    }
}

pub fn check(context: &Context, out: &mut Vec<Diagnostic>) {
    // Windows containers have no `user`; the Windows rule reports one.
    if is_windows(context.body) {
        return;
    }
    for (index, container) in context.containers() {
        let base = format!("/containerDefinitions/{index}");
        let (span, pointer, message) = match container.value("user") {
            None => (
                anchor(container),
                base,
                format!(
                    "Container {} sets no user, so it runs as the image's default user, which is root unless the image changes it",
                    label(container, index)
                ),
            ),
            Some(user) => match user.as_str() {
                Some(value) if is_root(value) => (
                    user.span,
                    format!("{base}/user"),
                    format!("Container {} runs as root", label(container, index)),
                ),
                _ => continue,
            },
        };
        out.push(context.diagnostic(&RULE, span, &pointer, message).with_help(
            "Set \"user\" to a non-root UID the image supports, e.g. \"1000\" or \"1000:1000\", so a compromised \
             process is not root in the container.",
        ));
    }
}

fn is_root(user: &str) -> bool {
    let account = user.split(':').next().unwrap_or_default().trim();
    account == "root" || account == "0"
}

#[cfg(test)]
mod tests {
    use crate::reference::{BACKEND_TASK, FRONTEND_TASK};
    use crate::rules::taskdef::fixtures::{edited, hits, line_of, VALID};

    const ID: &str = "taskdef/root-user";

    fn with_user(user: &str) -> String {
        edited(
            "\"essential\": true,",
            &format!("\"essential\": true,\n      \"user\": {user},"),
        )
    }

    #[test]
    fn triggers_on_an_explicit_root_user() {
        for user in ["\"root\"", "\"0\"", "\"0:0\"", "\"root:www-data\""] {
            let text = with_user(user);
            let found = hits(&text, ID);
            assert_eq!(found.len(), 1, "{user}");
            assert_eq!(found[0].message, "Container 'app' runs as root");
            assert_eq!(found[0].line, line_of(&text, "\"user\""));
            assert_eq!(found[0].pointer.as_deref(), Some("/containerDefinitions/0/user"));
        }
    }

    #[test]
    fn triggers_on_every_seed_container_without_a_user() {
        for text in [BACKEND_TASK, FRONTEND_TASK] {
            let found = hits(text, ID);
            assert_eq!(found.len(), 2);
            assert!(found[0].message.ends_with(
                "sets no user, so it runs as the image's default user, which is root unless the image changes it"
            ));
        }
        let found = hits(VALID, ID);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].line, line_of(VALID, "\"name\": \"app\""));
        assert_eq!(found[0].pointer.as_deref(), Some("/containerDefinitions/0"));
    }

    #[test]
    fn stays_quiet_on_other_users_and_windows() {
        for user in ["\"1000\"", "\"nginx\"", "\"1000:0\"", "\"rooty\"", "1000"] {
            assert!(hits(&with_user(user), ID).is_empty(), "{user}");
        }
        let windows = edited(
            "\"family\": \"web\",",
            "\"family\": \"web\", \"runtimePlatform\": { \"operatingSystemFamily\": \"WINDOWS_SERVER_2022_CORE\" },",
        );
        assert!(hits(&windows, ID).is_empty());
    }
}
