//! The workspace store: every file's text, and what core derives from it. One
//! place holds the state; components read slices of it.

use atlas_core::deployment::capacity::{capacity, Capacity, Overrides};
use atlas_core::layout::{layout_planned, Scene};
use atlas_core::reference;
use atlas_core::workspace::{Analysis, Workspace};
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
}

impl Store {
    pub fn provide() -> Store {
        let workspace = RwSignal::new(persist::load().unwrap_or_else(reference::workspace));
        let analysis = Memo::new(move |_| workspace.with(Workspace::analyze));
        let overrides = RwSignal::new(Overrides::default());
        let plan = Memo::new(move |_| analysis.with(|a| overrides.with(|o| capacity(a, o))));
        let scene = Memo::new(move |_| analysis.with(|a| plan.with(|p| layout_planned(a, p))));
        let save_problem = RwSignal::new(None);
        // The reference is built once here, not on every comparison.
        let reference = reference::workspace();
        let edited = Memo::new(move |_| workspace.with(|w| *w != reference));
        let store = Store {
            workspace,
            analysis,
            overrides,
            plan,
            scene,
            save_problem,
            edited,
        };
        // Save after every change; the first run only records what is there.
        // Back at the reference deployment there is nothing to keep, so a
        // later version of the site can bring its own reference.
        Effect::new(move |before: Option<Workspace>| {
            let now = workspace.get();
            if let Some(before) = before.as_ref().filter(|b| **b != now) {
                if !edited.get_untracked() {
                    persist::clear();
                    save_problem.set(None);
                } else {
                    save_problem.set(persist::save(&now, Some(before)).err());
                }
            }
            now
        });
        provide_context(store);
        store
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
