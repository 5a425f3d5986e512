use super::common::{describe_char, is_redacted, name_problem, NameProblem};
use crate::diagnostic::Diagnostic;
use crate::rules::declare_rule;
use crate::rules::taskdef::Context;

declare_rule! {
    /// Reports a task volume `name` that ECS does not accept: empty, longer
    /// than 255 characters, or with a character other than letters, numbers,
    /// underscores and hyphens.
    ///
    /// # Why it matters
    /// ECS rejects the task definition with `volume.name contains invalid
    /// characters.` Volume names are often derived from a host path, and the
    /// slashes and dots of `/var/run/docker.sock` are not allowed.
    ///
    /// # Example
    /// ```json
    /// "volumes": [{ "name": "docker.sock", "host": { "sourcePath": "/var/run/docker.sock" } }]
    /// ```
    ///
    /// # Fix
    /// Use up to 255 letters, numbers, underscores and hyphens, such as
    /// `docker-sock`, and the same name in the `sourceVolume` of the mount
    /// points that use it.
    ///
    /// # References
    /// Volume, parameter `name` (Amazon ECS API Reference): "Up to 255 letters
    /// (uppercase and lowercase), numbers, underscores, and hyphens are
    /// allowed."
    pub static RULE = {
        id: "taskdef/invalid-volume-name",
        severity: Error,
        summary: "A volume name that is empty, too long, or has characters ECS rejects",
    }
}

const MAX: usize = 255;
const ALLOWED: &str = "Up to 255 letters (uppercase and lowercase), numbers, underscores, and hyphens are allowed.";

pub fn check(context: &Context, out: &mut Vec<Diagnostic>) {
    let volumes = context.body.value("volumes").map_or(&[][..], |v| v.items());
    for (index, volume) in volumes.iter().enumerate() {
        let Some(node) = volume.value("name") else {
            continue;
        };
        let Some(name) = node.as_str() else {
            continue;
        };
        if is_redacted(name) {
            continue;
        }
        let Some(problem) = name_problem(name, MAX) else {
            continue;
        };
        let (message, help) = match problem {
            NameProblem::Empty => (
                "The volume name is empty.".to_owned(),
                format!("Name the volume; mount points refer to it by this name. {ALLOWED}"),
            ),
            NameProblem::InvalidCharacter(c) => (
                "volume.name contains invalid characters.".to_owned(),
                format!("{} is not allowed in \"{name}\". {ALLOWED}", describe_char(c)),
            ),
            NameProblem::TooLong(length) => (
                format!("volume.name is {length} characters long; at most {MAX} are allowed."),
                ALLOWED.to_owned(),
            ),
        };
        let pointer = format!("/volumes/{index}/name");
        out.push(context.diagnostic(&RULE, node.span, &pointer, message).with_help(help));
    }
}

#[cfg(test)]
mod tests {
    use crate::reference::{BACKEND_TASK, FRONTEND_TASK};
    use crate::rules::taskdef::fixtures::{edited, hits, line_of, VALID};

    const ID: &str = "taskdef/invalid-volume-name";

    fn with_volume(name: &str) -> String {
        edited(
            "\"networkMode\": \"bridge\",",
            &format!("\"networkMode\": \"bridge\",\n  \"volumes\": [{{ \"name\": {name}, \"host\": {{ \"sourcePath\": \"/data\" }} }}],"),
        )
    }

    #[test]
    fn triggers_on_invalid_characters() {
        let text = with_volume("\"docker.sock\"");
        let found = hits(&text, ID);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].message, "volume.name contains invalid characters.");
        assert_eq!(found[0].line, line_of(&text, "\"docker.sock\""));
        assert_eq!(found[0].pointer.as_deref(), Some("/volumes/0/name"));
        assert!(found[0].help.as_deref().unwrap().starts_with("\".\" is not allowed"));
    }

    #[test]
    fn triggers_on_empty_and_overlong_names() {
        let found = hits(&with_volume("\"\""), ID);
        assert_eq!(found[0].message, "The volume name is empty.");
        let found = hits(&with_volume(&format!("\"{}\"", "v".repeat(256))), ID);
        assert_eq!(
            found[0].message,
            "volume.name is 256 characters long; at most 255 are allowed."
        );
    }

    #[test]
    fn stays_quiet_on_valid_redacted_or_wrongly_typed_names() {
        assert!(hits(VALID, ID).is_empty());
        assert!(hits(BACKEND_TASK, ID).is_empty());
        assert!(hits(FRONTEND_TASK, ID).is_empty());
        for name in ["\"Docker_Sock-1\"", "\"~~data\"", "1", "null"] {
            assert!(hits(&with_volume(name), ID).is_empty(), "{name}");
        }
    }
}
