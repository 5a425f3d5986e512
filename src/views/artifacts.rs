//! Task definitions and nginx configs: a file switcher and the selected file.

use atlas_core::view::View;
use atlas_core::workspace::{ArtifactEntry, ArtifactKind};
use leptos::prelude::*;

use crate::components::diagnostics_list::DiagnosticsList;
use crate::route::use_view;
use crate::store::use_store;
use crate::views::deployment::EditableSource;

fn address(kind: ArtifactKind, key: Option<String>, line: Option<usize>) -> View {
    match kind {
        ArtifactKind::TaskDefinition => View::TaskDefinitions { family: key, line },
        ArtifactKind::NginxConfig => View::Nginx { id: key, line },
    }
}

fn key_and_line(view: &View) -> (Option<String>, Option<usize>) {
    match view {
        View::TaskDefinitions { family, line } => (family.clone(), *line),
        View::Nginx { id, line } => (id.clone(), *line),
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
    // No key selects the first file; an unknown key selects nothing and says so.
    let selected = Memo::new(move |_| {
        entries.with(|entries| match requested.get() {
            Some(key) => entries.iter().find(|e| e.key == key).cloned(),
            None => entries.first().cloned(),
        })
    });

    view! {
        <div class="artifacts">
            <aside class="file-switcher" aria-label=title>
                <h1 class="switcher-title">{title}</h1>
                <ul>
                    <For
                        each=move || entries.get()
                        key=|entry| entry.key.clone()
                        let(entry)
                    >
                        <FileLink entry=entry selected=selected />
                    </For>
                </ul>
            </aside>
            <section class="file-pane">
                {move || match (selected.get(), requested.get()) {
                    (Some(entry), _) => view! { <ArtifactFile entry=entry line=line /> }.into_any(),
                    (None, Some(key)) => view! {
                        <p class="notice">
                            "This deployment has no " {noun} " “" {key} "”. Choose one from the list."
                        </p>
                    }.into_any(),
                    (None, None) => view! {
                        <p class="notice">"The deployment lists no " {noun} "s."</p>
                    }.into_any(),
                }}
            </section>
        </div>
    }
}

#[component]
fn FileLink(entry: ArtifactEntry, selected: Memo<Option<ArtifactEntry>>) -> impl IntoView {
    let store = use_store();
    let file = entry.file.clone();
    let counts = Memo::new(move |_| store.analysis.with(|a| a.counts(&file)));
    let key = entry.key.clone();
    let active = move || selected.with(|s| s.as_ref().is_some_and(|s| s.key == key));
    view! {
        <li>
            <a
                href=address(entry.kind, Some(entry.key.clone()), None).to_hash()
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
fn ArtifactFile(entry: ArtifactEntry, line: Memo<Option<usize>>) -> impl IntoView {
    let store = use_store();
    let file = entry.file.clone();
    // A memo: the editor below must not be rebuilt (and closed) by the
    // keystrokes that change the text but not whether the file exists.
    let present = Memo::new({
        let file = file.clone();
        move |_| store.workspace.with(|w| w.file(&file).is_some())
    });
    let text = Signal::derive({
        let file = file.clone();
        move || store.text_of(&file).unwrap_or_default()
    });
    let diagnostics = store.diagnostics_of(file.clone());
    let (kind, key) = (entry.kind, entry.key.clone());
    let line_link = move |n: usize| address(kind, Some(key.clone()), Some(n)).to_hash();
    view! {
        <header class="file-head">
            <h2 class="file-title">{entry.file.clone()}</h2>
            <p class="file-subtitle">{entry.context.clone()}</p>
        </header>
        {
            let line_link = line_link.clone();
            move || if present.get() {
                view! {
                    <EditableSource file=file.clone() text=text diagnostics=diagnostics line=line line_link=line_link.clone() />
                }.into_any()
            } else {
                view! {
                    <p class="notice">"The workspace does not hold " {file.clone()} "."</p>
                }.into_any()
            }
        }
        <DiagnosticsList diagnostics=diagnostics line_link=line_link />
    }
}
