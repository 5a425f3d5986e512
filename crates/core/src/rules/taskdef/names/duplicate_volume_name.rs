use super::common::{repeated_names, Repeat};
use crate::diagnostic::Diagnostic;
use crate::rules::declare_rule;
use crate::rules::taskdef::Context;

declare_rule! {
    /// Reports a task volume whose `name` an earlier volume already has, at the
    /// second one.
    ///
    /// # Why it matters
    /// Mount points choose a volume by name (`sourceVolume`), so two volumes of
    /// one name leave it unclear which one a container gets, and ECS does not
    /// register such a task definition.
    ///
    /// # Example
    /// ```json
    /// "volumes": [
    ///   { "name": "data", "host": { "sourcePath": "/srv/a" } },
    ///   { "name": "data", "host": { "sourcePath": "/srv/b" } }
    /// ]
    /// ```
    ///
    /// # Fix
    /// Rename one of the volumes, and the `sourceVolume` of the mount points
    /// meant for it.
    ///
    /// # References
    /// Volume, parameter `name`, and MountPoint, parameter `sourceVolume`
    /// (Amazon ECS API Reference).
    pub static RULE = {
        id: "taskdef/duplicate-volume-name",
        severity: Error,
        summary: "Two task volumes with the same name",
    }
}

pub fn check(context: &Context, out: &mut Vec<Diagnostic>) {
    let volumes = context.body.value("volumes").map_or(&[][..], |v| v.items());
    for Repeat {
        index,
        node,
        name,
        first_line,
    } in repeated_names(context, volumes.iter().enumerate())
    {
        let message = format!(
            "Volume names must be unique within a task definition. \"{name}\" is also the name of the volume on line {first_line}."
        );
        let pointer = format!("/volumes/{index}/name");
        out.push(
            context
                .diagnostic(&RULE, node.span, &pointer, message)
                .with_help("Give this volume a name of its own, and use it in the mount points meant for it."),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::reference::{BACKEND_TASK, FRONTEND_TASK};
    use crate::rules::taskdef::fixtures::{edited, hits, VALID};

    const ID: &str = "taskdef/duplicate-volume-name";

    fn with_volumes(first: &str, second: &str) -> String {
        edited(
            "\"networkMode\": \"bridge\",",
            &format!(
                "\"networkMode\": \"bridge\",\n  \"volumes\": [\n    {{ \"name\": {first} }},\n    {{ \"name\": {second} }}\n  ],"
            ),
        )
    }

    #[test]
    fn triggers_at_the_second_volume_naming_the_first_line() {
        let text = with_volumes("\"data\"", "\"data\"");
        let found = hits(&text, ID);
        assert_eq!(found.len(), 1);
        assert_eq!(
            found[0].message,
            "Volume names must be unique within a task definition. \"data\" is also the name of the volume on line 5."
        );
        assert_eq!(found[0].line, 6);
        assert_eq!(found[0].pointer.as_deref(), Some("/volumes/1/name"));
    }

    #[test]
    fn stays_quiet_on_distinct_or_redacted_names() {
        assert!(hits(VALID, ID).is_empty());
        assert!(hits(BACKEND_TASK, ID).is_empty());
        assert!(hits(FRONTEND_TASK, ID).is_empty());
        assert!(hits(&with_volumes("\"data\"", "\"Data\""), ID).is_empty());
        assert!(hits(&with_volumes("\"~~\"", "\"~~\""), ID).is_empty());
        assert!(hits(&with_volumes("1", "1"), ID).is_empty());
    }
}
