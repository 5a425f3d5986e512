use super::AtlasContext;
use crate::diagnostic::Diagnostic;
use crate::rules::declare_rule;
use crate::suggest::closest;

declare_rule! {
    /// Reports a task definition or nginx config that the deployment file lists
    /// but whose file is not in the workspace (for the CLI: not next to
    /// `atlas.json`).
    ///
    /// # Why it matters
    /// Without the file, its containers, ports and proxy targets are unknown, so
    /// the diagram and every check across files would be built on a guess.
    ///
    /// # Example
    /// ```json
    /// { "family": "ecs-front-task", "file": "ecs-front-task.json" }
    /// ```
    /// while the folder holds `ecs-front-task.describe.json`.
    ///
    /// # Fix
    /// Correct the `file` name, or add the file (`aws ecs describe-task-definition
    /// --task-definition FAMILY > FILE` prints a task definition).
    pub static RULE = {
        id: "atlas/missing-artifact",
        severity: Error,
        summary: "A file the deployment lists is not in the workspace",
    }
}

/// `present` is the name of every file the workspace holds.
pub fn check(context: &AtlasContext, present: &[&str], out: &mut Vec<Diagnostic>) {
    let deployment = context.deployment;
    let listed = deployment
        .task_definitions
        .iter()
        .enumerate()
        .map(|(i, t)| (&t.file, format!("/taskDefinitions/{i}/file")))
        .chain(
            deployment
                .nginx_configs
                .iter()
                .enumerate()
                .map(|(i, n)| (&n.file, format!("/nginxConfigs/{i}/file"))),
        );
    for (file, pointer) in listed {
        if present.contains(&file.as_str()) {
            continue;
        }
        let span = context.spans.nearest(&pointer).value;
        let mut diagnostic = Diagnostic::at(
            &RULE,
            context.source,
            span,
            format!("The file \"{file}\" is not in the workspace"),
        )
        .with_pointer(&pointer);
        if let Some(suggestion) = closest(file, present.iter().copied()) {
            diagnostic = diagnostic.with_help(format!("Did you mean \"{suggestion}\"?"));
        }
        out.push(diagnostic);
    }
}

#[cfg(test)]
mod tests {
    use crate::reference;
    use crate::workspace::File;

    fn hits(atlas: String) -> Vec<crate::Diagnostic> {
        let mut workspace = reference::workspace();
        workspace.deployment = File::new("atlas.json", atlas);
        workspace
            .analyze()
            .diagnostics
            .into_iter()
            .filter(|d| d.rule == "atlas/missing-artifact")
            .collect()
    }

    #[test]
    fn triggers_on_a_file_that_is_not_there() {
        let text =
            crate::rules::atlas::fixtures::edited("\"file\": \"backend-nginx.conf\"", "\"file\": \"backend.conf\"");
        let found = hits(text.clone());
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].help.as_deref(), Some("Did you mean \"backend-nginx.conf\"?"));
        assert_eq!(
            found[0].line,
            text.lines().position(|l| l.contains("backend.conf")).unwrap() + 1
        );
    }

    #[test]
    fn stays_quiet_on_the_reference() {
        assert!(hits(crate::rules::atlas::fixtures::REFERENCE.to_owned()).is_empty());
    }
}
