//! What the interactive diagram adds to the layout's geometry: which boxes a
//! request path passes, what to tell a newcomer about each box, and which
//! boxes carry problems. Everything is keyed by the scene's box ids (see
//! [`crate::layout`]), so the web view only looks things up.

pub mod badges;
pub mod camera;
pub mod details;
pub mod scene_index;
pub mod trace;

pub use badges::{badges, Badge};
pub use details::{details, Details, Line};
pub use scene_index::{neighbours, SceneIndex};
pub use trace::{trace, Leg, Traced};

use crate::view::{FileTab, View};
use crate::workspace::{Analysis, Workspace};

/// The view that shows `file` at `line`: the deployment file, a task
/// definition or an nginx config, whichever the workspace calls `file`.
pub fn file_view(analysis: &Analysis, workspace: &Workspace, file: &str, line: usize) -> Option<View> {
    let line = Some(line).filter(|&n| n > 0);
    let d = &analysis.deployment;
    if file == workspace.deployment.name {
        return Some(View::Deployment {
            line,
            tab: FileTab::Text,
        });
    }
    if let Some(t) = d.task_definitions.iter().find(|t| t.file == file) {
        return Some(View::TaskDefinitions {
            family: Some(t.family.clone()),
            line,
            tab: FileTab::Text,
        });
    }
    d.nginx_configs.iter().find(|n| n.file == file).map(|n| View::Nginx {
        id: Some(n.id.clone()),
        line,
        tab: FileTab::Text,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reference;

    #[test]
    fn every_workspace_file_has_a_view() {
        let workspace = reference::workspace();
        let analysis = workspace.analyze();
        assert_eq!(
            file_view(&analysis, &workspace, "atlas.json", 3),
            Some(View::Deployment {
                line: Some(3),
                tab: FileTab::Text
            })
        );
        assert_eq!(
            file_view(&analysis, &workspace, "backend-nginx.conf", 0),
            Some(View::Nginx {
                id: Some("backend".into()),
                line: None,
                tab: FileTab::Text,
            })
        );
        assert_eq!(
            file_view(&analysis, &workspace, "ecs-front-task.describe.json", 9),
            Some(View::TaskDefinitions {
                family: Some("ecs-front-task".into()),
                line: Some(9),
                tab: FileTab::Text,
            })
        );
        assert_eq!(file_view(&analysis, &workspace, "elsewhere.conf", 1), None);
    }
}
