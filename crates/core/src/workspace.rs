//! The set of files a user works on — the deployment file and its artifacts —
//! and everything derived from them in one pass.

use serde::Serialize;

use crate::deployment::capacity::{capacity, Overrides};
use crate::deployment::{self, Deployment};
use crate::diagnostic::{self, Diagnostic, Severity};
use crate::nginx::{self, tree::Tree};
use crate::rules::atlas::{missing_artifact, AtlasContext};
use crate::rules::cross;
use crate::source::Source;
use crate::taskdef::{self, TaskDefinition};

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct File {
    pub name: String,
    pub text: String,
}

impl File {
    pub fn new(name: impl Into<String>, text: impl Into<String>) -> Self {
        File {
            name: name.into(),
            text: text.into(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Workspace {
    /// `atlas.json`.
    pub deployment: File,
    /// Task definitions and nginx configs, by file name.
    pub artifacts: Vec<File>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum ArtifactKind {
    TaskDefinition,
    NginxConfig,
}

/// One artifact the deployment lists, as the file switcher shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ArtifactEntry {
    pub kind: ArtifactKind,
    /// Family for task definitions, id for nginx configs: the key in links.
    pub key: String,
    pub file: String,
    /// Where it runs, e.g. "ecs-backend-task › nginx".
    pub context: String,
}

/// Everything derived from a workspace.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Analysis {
    pub deployment: Deployment,
    /// Parsed task definitions, keyed by the family the deployment lists them under.
    pub task_definitions: Vec<(String, TaskDefinition)>,
    /// Sorted by file and position.
    pub diagnostics: Vec<Diagnostic>,
}

impl Workspace {
    pub fn file(&self, name: &str) -> Option<&File> {
        if self.deployment.name == name {
            return Some(&self.deployment);
        }
        self.artifacts.iter().find(|f| f.name == name)
    }

    pub fn analyze(&self) -> Analysis {
        let loaded = deployment::load(&self.deployment.name, &self.deployment.text);
        let mut diagnostics = loaded.diagnostics;
        let deployment = loaded.deployment;
        let source = Source::new(&self.deployment.name, &self.deployment.text);
        if loaded.readable {
            let present: Vec<&str> = self.artifacts.iter().map(|f| f.name.as_str()).collect();
            let context = AtlasContext {
                deployment: &deployment,
                spans: &loaded.spans,
                source: &source,
            };
            missing_artifact::check(&context, &present, &mut diagnostics);
            cross::egress_through_nat::check(&context, &mut diagnostics);
        }
        let mut checked = Vec::new();
        for listed in &deployment.task_definitions {
            if let Some(file) = self.file(&listed.file) {
                let mut parsed = taskdef::check(&file.name, &file.text);
                diagnostics.append(&mut parsed.diagnostics);
                checked.push((listed.family.as_str(), file, parsed));
            }
        }
        // Each nginx config is parsed once: its own check and the cross
        // rules read the same tree.
        let listed_configs: Vec<_> = deployment
            .nginx_configs
            .iter()
            .filter_map(|listed| Some((listed, self.file(&listed.file)?)))
            .collect();
        let parsed: Vec<_> = listed_configs
            .iter()
            .map(|(_, file)| nginx::parse(&file.text))
            .collect();
        let trees: Vec<_> = parsed.iter().map(|p| Tree::new(&p.config)).collect();
        let mut nginx_configs = Vec::new();
        for (((listed, file), parsed), tree) in listed_configs.iter().zip(&parsed).zip(&trees) {
            diagnostics.extend(nginx::check_parsed(&file.name, &file.text, parsed, tree));
            nginx_configs.push((*listed, *file, tree));
        }
        // What one file says about another is only worth reading when the
        // deployment file itself could be read.
        if loaded.readable {
            let task_files: Vec<_> = checked.iter().map(|(family, file, c)| (*family, *file, c)).collect();
            cross::run(
                &deployment,
                &source,
                &loaded.spans,
                &task_files,
                &nginx_configs,
                &mut diagnostics,
            );
        }
        let task_definitions = checked
            .into_iter()
            .map(|(family, _, parsed)| (family.to_owned(), parsed.model))
            .collect();
        let mut analysis = Analysis {
            deployment,
            task_definitions,
            diagnostics,
        };
        if loaded.readable {
            // Capacity needs every task definition's size, so it comes last.
            let plan = capacity(&analysis, &Overrides::default());
            let context = AtlasContext {
                deployment: &analysis.deployment,
                spans: &loaded.spans,
                source: &source,
            };
            let mut found = Vec::new();
            cross::unplaceable_tasks::check(&context, &plan, &mut found);
            cross::no_spare_capacity::check(&context, &plan, &mut found);
            cross::ephemeral_ports_closed::check(&context, &analysis, &mut found);
            analysis.diagnostics.extend(found);
        }
        diagnostic::sort(&mut analysis.diagnostics);
        analysis
    }
}

impl Analysis {
    pub fn task_definition(&self, family: &str) -> Option<&TaskDefinition> {
        self.task_definitions.iter().find(|(f, _)| f == family).map(|(_, t)| t)
    }

    /// The artifacts of `kind` the deployment lists, in its order.
    pub fn entries(&self, kind: ArtifactKind) -> Vec<ArtifactEntry> {
        let deployment = &self.deployment;
        match kind {
            ArtifactKind::TaskDefinition => deployment
                .task_definitions
                .iter()
                .map(|t| {
                    let services: Vec<_> = deployment
                        .services
                        .iter()
                        .filter(|s| s.task_definition == t.family)
                        .map(|s| format!("{} service", s.name))
                        .collect();
                    ArtifactEntry {
                        kind,
                        key: t.family.clone(),
                        file: t.file.clone(),
                        context: services.join(", "),
                    }
                })
                .collect(),
            ArtifactKind::NginxConfig => deployment
                .nginx_configs
                .iter()
                .map(|n| ArtifactEntry {
                    kind,
                    key: n.id.clone(),
                    file: n.file.clone(),
                    context: format!("{} › {}", n.task_definition, n.container),
                })
                .collect(),
        }
    }

    /// Diagnostics in one file.
    pub fn diagnostics_in<'a>(&'a self, file: &'a str) -> impl Iterator<Item = &'a Diagnostic> + 'a {
        self.diagnostics.iter().filter(move |d| d.file == file)
    }

    /// (errors, warnings) in one file.
    pub fn counts(&self, file: &str) -> (usize, usize) {
        self.diagnostics_in(file).fold((0, 0), |(e, w), d| match d.severity {
            Severity::Error => (e + 1, w),
            Severity::Warning => (e, w + 1),
            Severity::Info => (e, w),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reference;

    #[test]
    fn the_reference_deployment_file_is_clean_and_complete() {
        let analysis = reference::workspace().analyze();
        let problems: Vec<_> = analysis
            .diagnostics_in("atlas.json")
            .filter(|d| d.severity != Severity::Info)
            .collect();
        assert!(problems.is_empty(), "{problems:#?}");
        // The seed task definitions are describe output: registering them as they
        // are would fail, and the analysis says so.
        let (errors, _) = analysis.counts("ecs-backend-task.describe.json");
        assert!(errors >= 8, "{errors}");
        let d = &analysis.deployment;
        assert_eq!(d.load_balancers.len(), 2);
        assert_eq!(d.services.iter().map(|s| s.desired_count).collect::<Vec<_>>(), [1, 2]);
        assert_eq!(d.cluster.instance.vcpu, 4);
        assert_eq!(analysis.task_definition("ecs-front-task").unwrap().containers.len(), 2);
        assert_eq!(
            analysis.task_definition("ecs-backend-task").unwrap().containers.len(),
            2
        );
    }

    #[test]
    fn entries_list_every_artifact_with_its_context() {
        let analysis = reference::workspace().analyze();
        let nginx = analysis.entries(ArtifactKind::NginxConfig);
        assert_eq!(
            nginx.iter().map(|e| e.key.as_str()).collect::<Vec<_>>(),
            ["frontend", "backend"]
        );
        assert_eq!(nginx[1].context, "ecs-backend-task › nginx");
        let tasks = analysis.entries(ArtifactKind::TaskDefinition);
        assert_eq!(tasks[1].file, "ecs-backend-task.describe.json");
        assert_eq!(tasks[1].context, "backend service");
    }

    #[test]
    fn a_broken_artifact_keeps_the_rest_of_the_workspace_working() {
        let mut workspace = reference::workspace();
        workspace.artifacts[1].text.truncate(100);
        let analysis = workspace.analyze();
        let broken: Vec<_> = analysis
            .diagnostics_in("ecs-backend-task.describe.json")
            .map(|d| d.rule)
            .collect();
        assert_eq!(
            broken.iter().filter(|r| **r == "taskdef/json-syntax").count(),
            1,
            "{broken:?}"
        );
        assert_eq!(analysis.deployment.services.len(), 2);
        assert_eq!(
            analysis.task_definition("ecs-front-task").unwrap().family,
            "ecs-front-task"
        );
    }
}
