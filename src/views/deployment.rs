//! The deployment file, `atlas.json`: what the artifacts do not say (network,
//! load balancers, cluster, services, pipeline), with its problems, as text
//! or as its changes.

use atlas_core::view::{FileTab, View};
use leptos::prelude::*;

use crate::components::code_editor::{CodeEditor, GoTo};
use crate::components::file_tabs::FileTabs;
use crate::components::problems::Problems;
use crate::route::use_view;
use crate::store::use_store;
use crate::views::changes::Changes;

#[component]
pub fn DeploymentView() -> impl IntoView {
    let store = use_store();
    let view = use_view();
    let file = store.workspace.with_untracked(|w| w.deployment.name.clone());
    let line = Memo::new(move |_| match view.get() {
        View::Deployment { line, .. } => line,
        _ => None,
    });
    let tab = Memo::new(move |_| view.with(View::file_tab));
    let diagnostics = store.diagnostics_of(file.clone());
    let line_link = |n: usize| {
        View::Deployment {
            line: Some(n),
            tab: FileTab::Text,
        }
        .to_hash()
    };
    let tab_address = |tab: FileTab| View::Deployment { line: None, tab };
    let goto = RwSignal::new(None::<GoTo>);
    let body = {
        let file = file.clone();
        move || match tab.get() {
            FileTab::Changes => view! { <Changes file=file.clone() /> }.into_any(),
            _ => view! {
                <CodeEditor file=file.clone() diagnostics=diagnostics line=line line_link=line_link goto=goto />
            }
            .into_any(),
        }
    };
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
            <FileTabs
                tabs=vec![(FileTab::Text, "JSON"), (FileTab::Changes, "Changes")]
                current=tab
                address=tab_address
                goto=goto
            >
                {body}
            </FileTabs>
            <Problems file=file.clone() diagnostics=diagnostics line_link=line_link goto=goto />
        </div>
    }
}
