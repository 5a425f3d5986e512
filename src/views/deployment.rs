//! The deployment file, `atlas.json`: what the artifacts do not say (network,
//! load balancers, cluster, services, pipeline), with its problems.

use atlas_core::view::View;
use leptos::prelude::*;

use crate::components::code_view::CodeView;
use crate::components::diagnostics_list::DiagnosticsList;
use crate::components::text_editor::TextEditor;
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
    let text = Signal::derive({
        let file = file.clone();
        move || store.text_of(&file).unwrap_or_default()
    });
    view! {
        <div class="file-pane deployment">
            <header class="file-head">
                <h1 class="file-title">{file.clone()}</h1>
                <p class="file-subtitle">
                    "The deployment: network, load balancers, cluster, services and pipeline, and which files belong to which container."
                </p>
            </header>
            <EditableSource file=file.clone() text=text diagnostics=diagnostics line=line line_link=line_link />
            <DiagnosticsList diagnostics=diagnostics line_link=line_link />
        </div>
    }
}

/// The file read-only with line links, or as an editable text on request.
#[component]
pub fn EditableSource(
    file: String,
    text: Signal<String>,
    diagnostics: Memo<Vec<atlas_core::Diagnostic>>,
    line: Memo<Option<usize>>,
    line_link: impl Fn(usize) -> String + Clone + Send + Sync + 'static,
) -> impl IntoView {
    let store = use_store();
    let editing = RwSignal::new(false);
    view! {
        <div class="source-tools">
            <button type="button" class="edit-toggle" aria-pressed=move || editing.get().to_string()
                on:click=move |_| editing.update(|e| *e = !*e)>
                {move || if editing.get() { "Done editing" } else { "Edit text" }}
            </button>
            {move || store.save_problem.get().map(|p| view! { <span class="save-problem" role="alert">{p}</span> })}
        </div>
        {move || {
            if editing.get() {
                view! { <TextEditor file=file.clone() /> }.into_any()
            } else {
                let line_link = line_link.clone();
                view! { <CodeView text=text.get() diagnostics=diagnostics selected_line=line line_link=line_link /> }.into_any()
            }
        }}
    }
}
