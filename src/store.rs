//! The workspace store: every file's text, and what core derives from it. One
//! place holds the state; components read slices of it.

use atlas_core::reference;
use atlas_core::workspace::{Analysis, Workspace};
use leptos::prelude::*;

#[derive(Clone, Copy)]
pub struct Store {
    pub workspace: RwSignal<Workspace>,
    pub analysis: Memo<Analysis>,
}

impl Store {
    pub fn provide() -> Store {
        let workspace = RwSignal::new(reference::workspace());
        let analysis = Memo::new(move |_| workspace.with(Workspace::analyze));
        let store = Store { workspace, analysis };
        provide_context(store);
        store
    }

    /// The text of a workspace file, if the workspace has it.
    pub fn text_of(&self, file: &str) -> Option<String> {
        self.workspace.with(|w| w.file(file).map(|f| f.text.clone()))
    }
}

pub fn use_store() -> Store {
    expect_context::<Store>()
}
