//! Task definitions and nginx configs: a file switcher with each file's
//! counts, files added and removed, and the selected file as text, as a
//! form (task definitions) or as its changes.

use atlas_core::view::{FileTab, View};
use atlas_core::workspace::{ArtifactEntry, ArtifactKind};
use leptos::prelude::*;

use crate::components::code_editor::{CodeEditor, GoTo};
use crate::components::file_tabs::FileTabs;
use crate::components::problems::Problems;
use crate::route::use_view;
use crate::store::use_store;
use crate::views::add_file::AddFile;
use crate::views::changes::Changes;
use crate::views::taskdef_form::TaskDefinitionForm;

fn address(kind: ArtifactKind, key: Option<String>, line: Option<usize>, tab: FileTab) -> View {
    match kind {
        ArtifactKind::TaskDefinition => View::TaskDefinitions { family: key, line, tab },
        ArtifactKind::NginxConfig => View::Nginx { id: key, line, tab },
    }
}

fn key_and_line(view: &View) -> (Option<String>, Option<usize>) {
    match view {
        View::TaskDefinitions { family, line, .. } => (family.clone(), *line),
        View::Nginx { id, line, .. } => (id.clone(), *line),
        _ => (None, None),
    }
}

#[component]
pub fn ArtifactsView(kind: ArtifactKind) -> impl IntoView {
    let view = use_view();
    let store = use_store();
    let (title, noun) = match kind {
        ArtifactKind::TaskDefinition => ("Task definitions", "task definition family"),
        ArtifactKind::NginxConfig => ("nginx configs", "nginx config"),
    };
    let entries = Memo::new(move |_| store.analysis.with(|a| a.entries(kind)));
    let requested = Memo::new(move |_| view.with(key_and_line).0);
    let line = Memo::new(move |_| view.with(key_and_line).1);
    let tab = Memo::new(move |_| view.with(View::file_tab));
    // No key selects the first file; an unknown key selects nothing and says so.
    let selected = Memo::new(move |_| {
        entries.with(|entries| match requested.get() {
            Some(key) => entries.iter().find(|e| e.key == key).cloned(),
            None => entries.first().cloned(),
        })
    });
    // Only another file rebuilds the pane; its counts and context update in place.
    let selected_file = Memo::new(move |_| selected.with(|s| s.as_ref().map(|e| (e.file.clone(), e.key.clone()))));

    view! {
        <div class="artifacts">
            <aside class="file-switcher" aria-label=title>
                <h1 class="switcher-title">{title}</h1>
                <ul>
                    <For
                        each=move || entries.get()
                        key=|entry| (entry.key.clone(), entry.file.clone())
                        let(entry)
                    >
                        <FileLink entry=entry selected=selected tab=tab />
                    </For>
                </ul>
                <AddFile kind=kind />
            </aside>
            <section class="file-pane">
                {move || match (selected_file.get(), requested.get()) {
                    (Some((file, key)), _) => {
                        view! { <ArtifactFile kind=kind file=file key=key selected=selected line=line tab=tab /> }.into_any()
                    }
                    (None, Some(key)) => view! {
                        <p class="notice">
                            "This deployment has no " {noun} " “" {key} "”. Choose one from the list."
                        </p>
                    }.into_any(),
                    (None, None) => view! {
                        <p class="notice">"The deployment lists no " {noun} "s. Add one with “Add file”."</p>
                    }.into_any(),
                }}
            </section>
        </div>
    }
}

#[component]
fn FileLink(entry: ArtifactEntry, selected: Memo<Option<ArtifactEntry>>, tab: Memo<FileTab>) -> impl IntoView {
    let store = use_store();
    let file = entry.file.clone();
    let counts = Memo::new(move |_| store.analysis.with(|a| a.counts(&file)));
    let key = entry.key.clone();
    let active = move || selected.with(|s| s.as_ref().is_some_and(|s| s.key == key));
    // Another file opens on the tab in view, so forms or changes compare.
    let href = {
        let (kind, key) = (entry.kind, entry.key.clone());
        move || address(kind, Some(key.clone()), None, tab.get()).to_hash()
    };
    view! {
        <li>
            <a
                href=href
                class="file-link"
                class:active=active.clone()
                aria-current=move || active().then_some("page")
            >
                <span class="file-key">{entry.key.clone()}</span>
                <span class="file-name">{entry.file.clone()}</span>
                <span class="file-context">{entry.context.clone()}</span>
                <span class="file-counts">
                    {move || {
                        let (errors, warnings) = counts.get();
                        view! {
                            <span class="count error" class:zero=errors == 0 title="errors">{errors}</span>
                            <span class="count warning" class:zero=warnings == 0 title="warnings">{warnings}</span>
                        }
                    }}
                </span>
            </a>
        </li>
    }
}

#[component]
fn ArtifactFile(
    kind: ArtifactKind,
    file: String,
    key: String,
    selected: Memo<Option<ArtifactEntry>>,
    line: Memo<Option<usize>>,
    tab: Memo<FileTab>,
) -> impl IntoView {
    let store = use_store();
    let diagnostics = store.diagnostics_of(file.clone());
    let goto = RwSignal::new(None::<GoTo>);
    let buffers = crate::editing::buffers::use_buffers();
    let line_link = {
        let key = key.clone();
        move |n: usize| address(kind, Some(key.clone()), Some(n), FileTab::Text).to_hash()
    };
    let context = move || selected.with(|s| s.as_ref().map(|s| s.context.clone()).unwrap_or_default());
    let tabs: Vec<(FileTab, &'static str)> = match kind {
        ArtifactKind::TaskDefinition => vec![
            (FileTab::Text, "JSON"),
            (FileTab::Form, "Form"),
            (FileTab::Changes, "Changes"),
        ],
        ArtifactKind::NginxConfig => vec![(FileTab::Text, "Text"), (FileTab::Changes, "Changes")],
    };
    let remove = {
        let file = file.clone();
        move |_| {
            let sure = window()
                .confirm_with_message(&format!(
                    "Remove {file} from the deployment? Its entry in atlas.json goes too."
                ))
                .unwrap_or(false);
            if sure {
                store.remove_file(&file);
                buffers.forget(&file);
                let _ = window()
                    .location()
                    .set_hash(&address(kind, None, None, FileTab::Text).to_hash());
            }
        }
    };
    let body = {
        let file = file.clone();
        let line_link = line_link.clone();
        move || match tab.get() {
            FileTab::Text => view! {
                <CodeEditor file=file.clone() diagnostics=diagnostics line=line line_link=line_link.clone() goto=goto />
            }
            .into_any(),
            FileTab::Form => view! { <TaskDefinitionForm file=file.clone() diagnostics=diagnostics /> }.into_any(),
            FileTab::Changes => view! { <Changes file=file.clone() /> }.into_any(),
        }
    };
    let tab_address = {
        let key = key.clone();
        move |t: FileTab| address(kind, Some(key.clone()), None, t)
    };
    view! {
        <header class="file-head">
            <div class="file-head-text">
                <h2 class="file-title">{file.clone()}</h2>
                <p class="file-subtitle">{context}</p>
            </div>
            <button type="button" class="remove-file" on:click=remove>"Remove file"</button>
        </header>
        <FileTabs tabs=tabs current=tab address=tab_address goto=goto>{body}</FileTabs>
        <Problems file=file.clone() diagnostics=diagnostics line_link=line_link goto=goto />
    }
}
