use super::common::{anchor, is_windows, label};
use crate::diagnostic::Diagnostic;
use crate::rules::declare_rule;
use crate::rules::taskdef::Context;

declare_rule! {
    /// Reports a Linux container without `"readonlyRootFilesystem": true`.
    ///
    /// # Why it matters
    /// With a writable root filesystem, whoever gets code execution in the
    /// container can replace its binaries and configuration or drop tools into
    /// it, and the change lasts as long as the container. A read-only root
    /// also makes an application's hidden writes (caches, PID files, uploads
    /// on local disk) visible at once instead of filling the instance's disk.
    ///
    /// # Example
    /// ```json
    /// { "name": "app", "image": "...", "essential": true }
    /// ```
    ///
    /// # Fix
    /// Set `"readonlyRootFilesystem": true` and give the paths the
    /// application writes a volume of their own: a task `volumes` entry with a
    /// `mountPoints` entry (e.g. for `/tmp` or nginx's `/var/cache/nginx`), or
    /// `linuxParameters.tmpfs` on EC2.
    ///
    /// # References
    /// ContainerDefinition, parameter `readonlyRootFilesystem` (Amazon ECS
    /// API Reference); AWS Security Hub control ECS.5, "ECS containers should
    /// be limited to read-only access to root filesystems".
    pub static RULE = {
        id: "taskdef/writable-root-filesystem",
        severity: Info,
        summary: "A container whose root filesystem is writable",
    }
}

pub fn check(context: &Context, out: &mut Vec<Diagnostic>) {
    // Windows containers do not support the flag; the Windows rule reports it.
    if is_windows(context.body) {
        return;
    }
    for (index, container) in context.containers() {
        let base = format!("/containerDefinitions/{index}");
        let (span, pointer) = match container.value("readonlyRootFilesystem") {
            None => (anchor(container), base),
            Some(flag) if flag.as_bool() == Some(false) => (flag.span, format!("{base}/readonlyRootFilesystem")),
            Some(_) => continue,
        };
        out.push(
            context
                .diagnostic(
                    &RULE,
                    span,
                    &pointer,
                    format!("Container {} can write to its root filesystem", label(container, index)),
                )
                .with_help(
                    "Set \"readonlyRootFilesystem\": true and mount a volume for the paths the application writes \
                     (such as /tmp), so a compromised process cannot change the container's files.",
                ),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::reference::{BACKEND_TASK, FRONTEND_TASK};
    use crate::rules::taskdef::fixtures::{edited, hits, line_of, VALID};

    const ID: &str = "taskdef/writable-root-filesystem";

    #[test]
    fn triggers_on_an_explicit_false() {
        let text = edited(
            "\"essential\": true,",
            "\"essential\": true,\n      \"readonlyRootFilesystem\": false,",
        );
        let found = hits(&text, ID);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].message, "Container 'app' can write to its root filesystem");
        assert_eq!(found[0].line, line_of(&text, "\"readonlyRootFilesystem\""));
        assert_eq!(
            found[0].pointer.as_deref(),
            Some("/containerDefinitions/0/readonlyRootFilesystem")
        );
    }

    #[test]
    fn triggers_on_every_seed_container_without_the_flag() {
        assert_eq!(hits(BACKEND_TASK, ID).len(), 2);
        assert_eq!(hits(FRONTEND_TASK, ID).len(), 2);
        let found = hits(VALID, ID);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].line, line_of(VALID, "\"name\": \"app\""));
        assert_eq!(found[0].pointer.as_deref(), Some("/containerDefinitions/0"));
    }

    #[test]
    fn stays_quiet_on_read_only_unreadable_or_windows() {
        let read_only = edited(
            "\"essential\": true,",
            "\"essential\": true, \"readonlyRootFilesystem\": true,",
        );
        assert!(hits(&read_only, ID).is_empty());
        let unreadable = edited(
            "\"essential\": true,",
            "\"essential\": true, \"readonlyRootFilesystem\": \"yes\",",
        );
        assert!(hits(&unreadable, ID).is_empty());
        let windows = edited(
            "\"family\": \"web\",",
            "\"family\": \"web\", \"runtimePlatform\": { \"operatingSystemFamily\": \"WINDOWS_SERVER_2019_FULL\" },",
        );
        assert!(hits(&windows, ID).is_empty());
    }
}
