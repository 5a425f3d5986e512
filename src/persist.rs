//! Keeps the user's files in `localStorage`, so a reload or a closed tab
//! never loses an edit.
//!
//! Each file is its own entry (`ecs-atlas/file/<name>`) with a list of the
//! names beside it. Written directly on web-sys's Storage rather than with
//! gloo-storage: that crate stores values as JSON through serde_json, which
//! the bundle otherwise does without, and the texts need no encoding.

use atlas_core::workspace::{File, Workspace};
use leptos::prelude::*;
use leptos::web_sys::Storage;

const NAMES: &str = "ecs-atlas/files";
const DEPLOYMENT: &str = "ecs-atlas/deployment";
const FILE: &str = "ecs-atlas/file/";
const ORIGINAL: &str = "ecs-atlas/original/";

fn storage() -> Option<Storage> {
    window().local_storage().ok().flatten()
}

/// The saved workspace, if one was saved and every file of it is there.
pub fn load() -> Option<Workspace> {
    let storage = storage()?;
    let deployment = storage.get_item(DEPLOYMENT).ok()??;
    let names = storage.get_item(NAMES).ok()??;
    let read = |name: &str| storage.get_item(&format!("{FILE}{name}")).ok().flatten();
    let deployment = File::new(&deployment, read(&deployment)?);
    let artifacts = names
        .lines()
        .filter(|n| !n.is_empty())
        .map(|name| Some(File::new(name, read(name)?)))
        .collect::<Option<Vec<_>>>()?;
    Some(Workspace { deployment, artifacts })
}

/// Saves every file whose text differs from `before`'s, or every file when
/// nothing is saved yet: what is saved is always a whole workspace. A full
/// quota is reported, not fatal: the edit stays in the page.
pub fn save(workspace: &Workspace, before: Option<&Workspace>) -> Result<(), String> {
    let Some(storage) = storage() else {
        return Err("This browser does not allow saving; edits last until the tab closes.".into());
    };
    let saved_before = storage.get_item(DEPLOYMENT).ok().flatten().is_some();
    let before = before.filter(|_| saved_before);
    let failed = |_| "The browser's storage is full; this edit is kept only until the tab closes.".to_owned();
    let names: Vec<&str> = workspace.artifacts.iter().map(|f| f.name.as_str()).collect();
    for file in std::iter::once(&workspace.deployment).chain(&workspace.artifacts) {
        let unchanged = before
            .and_then(|b| b.file(&file.name))
            .is_some_and(|b| b.text == file.text);
        if !unchanged {
            storage
                .set_item(&format!("{FILE}{}", file.name), &file.text)
                .map_err(failed)?;
        }
    }
    if let Some(before) = before {
        for gone in before.artifacts.iter().filter(|f| workspace.file(&f.name).is_none()) {
            let _ = storage.remove_item(&format!("{FILE}{}", gone.name));
        }
    }
    storage.set_item(NAMES, &names.join("\n")).map_err(failed)?;
    storage
        .set_item(DEPLOYMENT, &workspace.deployment.name)
        .map_err(failed)?;
    Ok(())
}

/// Forgets the saved files.
pub fn clear() {
    let Some(storage) = storage() else { return };
    let len = storage.length().unwrap_or(0);
    let keys: Vec<String> = (0..len).filter_map(|i| storage.key(i).ok().flatten()).collect();
    for key in keys.iter().filter(|k| k.starts_with("ecs-atlas/")) {
        let _ = storage.remove_item(key);
    }
}

/// Keeps the text a file was added with, for the Changes view.
pub fn save_original(name: &str, text: &str) {
    if let Some(storage) = storage() {
        let _ = storage.set_item(&format!("{ORIGINAL}{name}"), text);
    }
}

pub fn original(name: &str) -> Option<String> {
    storage()?.get_item(&format!("{ORIGINAL}{name}")).ok().flatten()
}

pub fn forget_original(name: &str) {
    if let Some(storage) = storage() {
        let _ = storage.remove_item(&format!("{ORIGINAL}{name}"));
    }
}
