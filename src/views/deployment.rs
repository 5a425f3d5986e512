//! The deployment file, `atlas.json`: what the artifacts do not say (network,
//! load balancers, cluster, services, pipeline), with its problems.

use atlas_core::view::View;
use leptos::prelude::*;

use crate::components::code_editor::{CodeEditor, GoTo};
use crate::components::problems::Problems;
use crate::route::use_view;
use crate::store::use_store;

#[component]
pub fn DeploymentView() -> impl IntoView {
    let store = use_store();
    let view = use_view();
    let file = store.workspace.with_untracked(|w| w.deployment.name.clone());
    let line = Memo::new(move |_| match view.get() {
        View::Deployment { line } => line,
        _ => None,
    });
    let diagnostics = store.diagnostics_of(file.clone());
    let line_link = |n: usize| View::Deployment { line: Some(n) }.to_hash();
    let goto = RwSignal::new(None::<GoTo>);
    view! {
        <div class="file-pane deployment">
            <header class="file-head">
                <div class="file-head-text">
                    <h1 class="file-title">{file.clone()}</h1>
                    <p class="file-subtitle">
                        "The deployment: network, load balancers, cluster, services and pipeline, and which files belong to which container."
                    </p>
                </div>
            </header>
            <CodeEditor file=file.clone() diagnostics=diagnostics line=line line_link=line_link goto=goto />
            <Problems file=file.clone() diagnostics=diagnostics line_link=line_link goto=goto />
        </div>
    }
}
