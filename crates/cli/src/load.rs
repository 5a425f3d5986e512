//! Reads a deployment folder from disk into a workspace.

use std::path::{Path, PathBuf};

use atlas_core::deployment;
use atlas_core::workspace::{File, Workspace};

use crate::inputs::read;

/// `path` is `atlas.json` or the folder holding it. Every file the deployment
/// lists that exists beside it is read; missing ones are left for the
/// `atlas/missing-artifact` rule to report.
pub fn workspace(path: &Path) -> Result<Workspace, String> {
    let atlas_path: PathBuf = if path.is_dir() {
        path.join("atlas.json")
    } else {
        path.to_owned()
    };
    let folder = atlas_path.parent().map(Path::to_owned).unwrap_or_default();
    let text = read(&atlas_path)?;
    let name = atlas_path
        .file_name()
        .map_or("atlas.json".into(), |n| n.to_string_lossy().into_owned());
    let listed = deployment::load(&name, &text).deployment;
    let files = listed
        .task_definitions
        .iter()
        .map(|t| &t.file)
        .chain(listed.nginx_configs.iter().map(|n| &n.file));
    let mut artifacts = Vec::new();
    for file in files {
        let artifact_path = folder.join(file);
        if artifact_path.is_file() {
            artifacts.push(File::new(file.clone(), read(&artifact_path)?));
        }
    }
    Ok(Workspace {
        deployment: File::new(name, text),
        artifacts,
    })
}
