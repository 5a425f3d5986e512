//! Ready-to-apply files: register-ready task definitions and the nginx
//! configs, each with how to apply it and a download.

use atlas_core::export::ExportFile;
use atlas_core::view::{FileTab, View};
use atlas_core::workspace::{ArtifactKind, Workspace};
use leptos::prelude::*;

use crate::download;
use crate::store::use_store;

#[component]
pub fn ExportView() -> impl IntoView {
    let store = use_store();
    let exports = Memo::new(move |_| store.workspace.with(Workspace::exports));
    view! {
        <div class="export">
            <header class="page-head">
                <h1>"Export"</h1>
                <p class="lede">
                    "Task definitions as "
                    <code>"register-task-definition"</code>
                    " accepts them (read-only fields, nulls and empty lists removed, fields in the API's order), and the nginx configs to bake into their images."
                </p>
            </header>
            {move || exports.get().into_iter().map(|file| view! { <ExportCard file=file /> }).collect_view()}
        </div>
    }
}

#[component]
fn ExportCard(file: ExportFile) -> impl IntoView {
    let (error, set_error) = signal(None::<String>);
    let mime = match file.kind {
        ArtifactKind::TaskDefinition => "application/json",
        ArtifactKind::NginxConfig => "text/plain",
    };
    let source_link = match file.kind {
        ArtifactKind::TaskDefinition => View::TaskDefinitions {
            family: Some(file.name.trim_end_matches(".json").to_owned()),
            line: None,
            tab: FileTab::Text,
        },
        ArtifactKind::NginxConfig => View::Nginx {
            id: None,
            line: None,
            tab: FileTab::Text,
        },
    };
    let blocking = file.blocking.len();
    let (name, text) = (file.name.clone(), file.text.clone());
    let save = move |_| {
        let result = download::save(&name, &text, mime);
        set_error.set(result.err().map(|e| format!("The download failed: {e:?}")));
    };
    view! {
        <article class="export-file" data-file=file.name.clone()>
            <header class="export-head">
                <h2 class="export-name">{file.name.clone()}</h2>
                {if file.kind == ArtifactKind::NginxConfig {
                    // nginx configs are exported as written; no check vouches for them yet.
                    ().into_any()
                } else if blocking == 0 {
                    view! { <span class="status ready">"ready"</span> }.into_any()
                } else {
                    view! {
                        <a class="status blocked" href=source_link.to_hash()>
                            {format!("{blocking} error{} to fix first", if blocking == 1 { "" } else { "s" })}
                        </a>
                    }
                        .into_any()
                }}
                <button class="download" type="button" on:click=save>"Download"</button>
            </header>
            <p class="export-source">"From " <code>{file.source.clone()}</code></p>
            <pre class="export-command"><code>{file.command.clone()}</code></pre>
            {move || error.get().map(|e| view! { <p class="notice">{e}</p> })}
            <details class="export-preview">
                <summary>"Show the file"</summary>
                <pre><code>{file.text.clone()}</code></pre>
            </details>
        </article>
    }
}
