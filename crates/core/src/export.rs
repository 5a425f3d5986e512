//! Everything the Export view and bundle offer: each task definition as
//! register-ready JSON with the command that registers it, and each nginx
//! config as the file to bake into its image.

use serde::Serialize;

use crate::diagnostic::Diagnostic;
use crate::taskdef::export::register_json;
use crate::workspace::{ArtifactKind, Workspace};

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ExportFile {
    pub kind: ArtifactKind,
    /// The name to save it under.
    pub name: String,
    /// The workspace file it comes from.
    pub source: String,
    pub text: String,
    /// How to apply it.
    pub command: String,
    /// Errors that would make applying it fail.
    pub blocking: Vec<Diagnostic>,
}

impl Workspace {
    /// The files to export, in the deployment's order: task definitions, then nginx configs.
    pub fn exports(&self) -> Vec<ExportFile> {
        let deployment = crate::deployment::load(&self.deployment.name, &self.deployment.text).deployment;
        let mut out = Vec::new();
        for listed in &deployment.task_definitions {
            let Some(file) = self.file(&listed.file) else { continue };
            let export = register_json(&file.name, &file.text);
            let Some(text) = export.json else { continue };
            out.push(ExportFile {
                kind: ArtifactKind::TaskDefinition,
                name: export.file_name,
                source: file.name.clone(),
                text,
                command: export.command,
                blocking: export.blocking,
            });
        }
        for listed in &deployment.nginx_configs {
            let Some(file) = self.file(&listed.file) else { continue };
            out.push(ExportFile {
                kind: ArtifactKind::NginxConfig,
                name: file.name.clone(),
                source: file.name.clone(),
                text: file.text.clone(),
                command: format!(
                    "COPY {} /etc/nginx/nginx.conf   # in the Dockerfile of the {} image of {}",
                    file.name, listed.container, listed.task_definition
                ),
                blocking: Vec::new(),
            });
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use crate::reference;
    use crate::workspace::ArtifactKind;

    #[test]
    fn the_reference_exports_two_task_definitions_and_two_configs() {
        let exports = reference::workspace().exports();
        let names: Vec<_> = exports.iter().map(|e| e.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "ecs-front-task.json",
                "ecs-backend-task.json",
                "frontend-nginx.conf",
                "backend-nginx.conf"
            ]
        );
        let backend = &exports[1];
        assert_eq!(backend.kind, ArtifactKind::TaskDefinition);
        assert_eq!(backend.source, "ecs-backend-task.describe.json");
        assert!(!backend.text.contains("taskDefinitionArn"));
        assert_eq!(
            backend.command,
            "aws ecs register-task-definition --cli-input-json file://ecs-backend-task.json"
        );
        assert_eq!(exports[3].text, reference::BACKEND_NGINX);
        assert!(exports[3]
            .command
            .starts_with("COPY backend-nginx.conf /etc/nginx/nginx.conf"));
    }

    #[test]
    fn an_unreadable_task_definition_is_left_out() {
        let mut workspace = reference::workspace();
        workspace.artifacts[0].text = "[".into();
        let names: Vec<_> = workspace.exports().into_iter().map(|e| e.name).collect();
        assert_eq!(
            names,
            ["ecs-backend-task.json", "frontend-nginx.conf", "backend-nginx.conf"]
        );
    }
}
