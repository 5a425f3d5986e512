//! The workspace store: every file's text, and what core derives from it. One
//! place holds the state; components read slices of it.

use atlas_core::deployment::capacity::{capacity, Capacity, Overrides};
use atlas_core::deployment::listing;
use atlas_core::diagnostic::TextEdit;
use atlas_core::json_edit;
use atlas_core::layout::{layout_planned, Scene};
use atlas_core::reference;
use atlas_core::workspace::{Analysis, File, Workspace};
use leptos::prelude::*;

use crate::persist;

#[derive(Clone, Copy)]
pub struct Store {
    pub workspace: RwSignal<Workspace>,
    pub analysis: Memo<Analysis>,
    /// The capacity view's what-if: other desired counts, another group size.
    pub overrides: RwSignal<Overrides>,
    pub plan: Memo<Capacity>,
    /// The diagram, with tasks where the plan puts them.
    pub scene: Memo<Scene>,
    /// Why the last edit could not be saved, if it could not.
    pub save_problem: RwSignal<Option<String>>,
    /// Whether the workspace differs from the reference deployment.
    pub edited: Memo<bool>,
    reference: StoredValue<Workspace>,
    /// What storage holds: only files that differ from it are written.
    saved: StoredValue<Workspace>,
}

/// How long typing must pause before the files are saved.
const SAVE_AFTER_MS: u64 = 400;

impl Store {
    pub fn provide() -> Store {
        let workspace = RwSignal::new(persist::load().unwrap_or_else(reference::workspace));
        let analysis = Memo::new(move |_| workspace.with(Workspace::analyze));
        let overrides = RwSignal::new(Overrides::default());
        let plan = Memo::new(move |_| analysis.with(|a| overrides.with(|o| capacity(a, o))));
        let scene = Memo::new(move |_| analysis.with(|a| plan.with(|p| layout_planned(a, p))));
        let save_problem = RwSignal::new(None);
        // The reference is built once here, not on every comparison.
        let reference = StoredValue::new(reference::workspace());
        let edited = Memo::new(move |_| workspace.with(|w| reference.with_value(|r| w != r)));
        let store = Store {
            workspace,
            analysis,
            overrides,
            plan,
            scene,
            save_problem,
            edited,
            reference,
            saved: StoredValue::new(workspace.get_untracked()),
        };
        // Save after every change, once typing pauses: writing a large file
        // to storage costs milliseconds a keystroke's diagnostics should not
        // wait for. Leaving the page saves at once (see `save_now`).
        let pending = StoredValue::new(None::<TimeoutHandle>);
        Effect::new(move |first: Option<()>| {
            workspace.track();
            if first.is_none() {
                return;
            }
            if let Some(handle) = pending.get_value() {
                handle.clear();
            }
            let later = set_timeout_with_handle(
                move || {
                    if store.saved.try_with_value(|_| ()).is_some() {
                        store.save_now();
                    }
                },
                std::time::Duration::from_millis(SAVE_AFTER_MS),
            );
            pending.set_value(later.ok());
        });
        provide_context(store);
        store
    }

    /// Writes what changed since the last save. Back at the reference
    /// deployment there is nothing to keep, so a later version of the site
    /// can bring its own reference.
    pub fn save_now(&self) {
        let unchanged = self
            .saved
            .with_value(|saved| self.workspace.with_untracked(|now| saved == now));
        if unchanged {
            return;
        }
        if !self.edited.get_untracked() {
            persist::clear();
            self.save_problem.set(None);
        } else {
            let problem = self.saved.with_value(|before| {
                self.workspace
                    .with_untracked(|now| persist::save(now, Some(before)).err())
            });
            self.save_problem.set(problem);
        }
        self.saved.set_value(self.workspace.get_untracked());
    }

    /// The text of a workspace file, if the workspace has it.
    pub fn text_of(&self, file: &str) -> Option<String> {
        self.workspace.with(|w| w.file(file).map(|f| f.text.clone()))
    }

    /// The problems found in one file, in position order.
    pub fn diagnostics_of(&self, file: String) -> Memo<Vec<atlas_core::Diagnostic>> {
        let analysis = self.analysis;
        Memo::new(move |_| analysis.with(|a| a.diagnostics_in(&file).cloned().collect()))
    }

    /// Replaces a file's text, as typed.
    pub fn set_text(&self, file: &str, text: String) {
        self.workspace.update(|w| {
            if w.deployment.name == file {
                w.deployment.text = text;
            } else if let Some(f) = w.artifacts.iter_mut().find(|f| f.name == file) {
                f.text = text;
            }
        });
    }

    /// The text a file had when it came in: the reference's, or the text
    /// that was added; what the Changes view compares against.
    pub fn original_of(&self, file: &str) -> Option<String> {
        self.reference
            .with_value(|r| r.file(file).map(|f| f.text.clone()))
            .or_else(|| persist::original(file))
    }

    /// Adds a file and lists it in the deployment file.
    pub fn add_file(&self, file: File, listing: TextEdit) {
        persist::save_original(&file.name, &file.text);
        self.workspace.update(|w| {
            w.deployment.text = json_edit::apply(&w.deployment.text, &[listing]);
            w.artifacts.push(file);
        });
    }

    /// Removes a file and every entry of the deployment file that lists it.
    pub fn remove_file(&self, name: &str) {
        self.workspace.update(|w| {
            let edits = listing::remove_file(&w.deployment.text, name);
            w.deployment.text = json_edit::apply(&w.deployment.text, &edits);
            w.artifacts.retain(|f| f.name != name);
        });
        persist::forget_original(name);
    }

    /// Back to the reference deployment, forgetting every edit.
    pub fn reset(&self) {
        self.overrides.set(Overrides::default());
        self.workspace.set(reference::workspace());
        persist::clear();
    }
}

pub fn use_store() -> Store {
    expect_context::<Store>()
}
