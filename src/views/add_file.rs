//! Adding a task definition or an nginx config by pasting or uploading it.
//! The file joins the workspace and the deployment file lists it, so the
//! diagram, the cross-checks and the export all see it.

use atlas_core::deployment::listing;
use atlas_core::view::{FileTab, View};
use atlas_core::workspace::{ArtifactKind, File};
use leptos::prelude::*;
use leptos::wasm_bindgen::JsCast;
use leptos::web_sys::HtmlInputElement;

use crate::store::use_store;

/// A byte count as people read it.
fn size(bytes: usize) -> String {
    match bytes {
        b if b >= 1 << 20 => format!("{:.1} MB", b as f64 / (1 << 20) as f64),
        b if b >= 1 << 10 => format!("{:.0} KB", b as f64 / (1 << 10) as f64),
        b => format!("{b} bytes"),
    }
}

#[component]
pub fn AddFile(kind: ArtifactKind) -> impl IntoView {
    let store = use_store();
    let open = RwSignal::new(false);
    let name = RwSignal::new(String::new());
    let text = RwSignal::new(String::new());
    let task_definition = RwSignal::new(String::new());
    let container = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<String>);
    // An uploaded file is summed up, not shown: a large or binary file
    // would make the box slow to draw, and its own editor shows it anyway.
    let uploaded = RwSignal::new(None::<usize>);
    let families = Memo::new(move |_| {
        store.analysis.with(|a| {
            a.task_definitions
                .iter()
                .map(|(family, t)| {
                    (
                        family.clone(),
                        t.containers.iter().map(|c| c.name.clone()).collect::<Vec<_>>(),
                    )
                })
                .collect::<Vec<_>>()
        })
    });
    // The nginx config runs in a container: by default the first task
    // definition's container called nginx, else its first.
    Effect::new(move |_| {
        let families = families.get();
        if !families.iter().any(|(f, _)| *f == task_definition.get_untracked()) {
            task_definition.set(families.first().map(|(f, _)| f.clone()).unwrap_or_default());
        }
    });
    let containers = Memo::new(move |_| {
        let family = task_definition.get();
        families.with(|fs| {
            fs.iter()
                .find(|(f, _)| *f == family)
                .map(|(_, c)| c.clone())
                .unwrap_or_default()
        })
    });
    Effect::new(move |_| {
        let names = containers.get();
        if !names.contains(&container.get_untracked()) {
            let pick = names.iter().find(|n| n.contains("nginx")).or(names.first());
            container.set(pick.cloned().unwrap_or_default());
        }
    });

    let upload = move |ev: leptos::ev::Event| {
        let Some(input) = ev.target().and_then(|t| t.dyn_into::<HtmlInputElement>().ok()) else {
            return;
        };
        let Some(picked) = input.files().and_then(|files| files.get(0)) else {
            return;
        };
        name.set(picked.name());
        let read = picked.text();
        leptos::task::spawn_local(async move {
            match wasm_bindgen_futures::JsFuture::from(read).await {
                Ok(value) => {
                    let value = value.as_string().unwrap_or_default();
                    uploaded.set(Some(value.len()));
                    text.set(value);
                }
                Err(_) => problem.set(Some("The file could not be read.".into())),
            }
        });
    };

    let add = move |_| {
        let body = text.get_untracked();
        if body.trim().is_empty() {
            problem.set(Some("Paste the file's text or choose a file first.".into()));
            return;
        }
        let wanted = name.get_untracked();
        let sniffed = listing::sniff(&wanted, &body);
        let default_name = match sniffed.kind {
            ArtifactKind::TaskDefinition => "task-definition.json",
            ArtifactKind::NginxConfig => "nginx.conf",
        };
        let (atlas, names) = store.workspace.with_untracked(|w| {
            let mut names: Vec<String> = w.artifacts.iter().map(|f| f.name.clone()).collect();
            names.push(w.deployment.name.clone());
            (w.deployment.text.clone(), names)
        });
        let names: Vec<&str> = names.iter().map(String::as_str).collect();
        let file = listing::free_name(
            &names,
            if wanted.trim().is_empty() {
                default_name
            } else {
                wanted.trim()
            },
        );
        let stem = file.rsplit_once('.').map_or(file.as_str(), |(stem, _)| stem).to_owned();
        let (edit, view) = store.analysis.with_untracked(|a| match sniffed.kind {
            ArtifactKind::TaskDefinition => {
                let taken: Vec<&str> = a
                    .deployment
                    .task_definitions
                    .iter()
                    .map(|t| t.family.as_str())
                    .collect();
                let family = listing::free_id(&taken, sniffed.family.as_deref().unwrap_or(&stem));
                let view = View::TaskDefinitions {
                    family: Some(family.clone()),
                    line: None,
                    tab: FileTab::Text,
                };
                (listing::add_task_definition(&atlas, &family, &file), view)
            }
            ArtifactKind::NginxConfig => {
                let taken: Vec<&str> = a.deployment.nginx_configs.iter().map(|n| n.id.as_str()).collect();
                let id = listing::free_id(&taken, &stem);
                let view = View::Nginx {
                    id: Some(id.clone()),
                    line: None,
                    tab: FileTab::Text,
                };
                let edit = listing::add_nginx_config(
                    &atlas,
                    &id,
                    &file,
                    &task_definition.get_untracked(),
                    &container.get_untracked(),
                );
                (edit, view)
            }
        });
        let Some(edit) = edit else {
            problem.set(Some(
                "atlas.json cannot be read, so the file cannot be listed in it. Fix its syntax first.".into(),
            ));
            return;
        };
        store.add_file(File::new(file, body), edit);
        open.set(false);
        uploaded.set(None);
        name.set(String::new());
        text.set(String::new());
        problem.set(None);
        let _ = window().location().set_hash(&view.to_hash());
    };

    view! {
        <div class="add-file">
            <button type="button" class="add-file-toggle" aria-expanded=move || open.get().to_string()
                on:click=move |_| open.update(|o| *o = !*o)>
                "Add file"
            </button>
            <Show when=move || open.get()>
                <div class="add-file-form">
                    <label class="form-field">
                        <span class="field-label">"Upload"</span>
                        <input type="file" class="add-file-upload" accept=".json,.conf,.txt,text/plain,application/json" on:change=upload />
                    </label>
                    <label class="form-field">
                        <span class="field-label">"File name"</span>
                        <input type="text" class="add-file-name"
                            placeholder=match kind { ArtifactKind::TaskDefinition => "my-task.json", ArtifactKind::NginxConfig => "nginx.conf" }
                            prop:value=move || name.get()
                            on:input=move |ev| name.set(event_target_value(&ev)) />
                    </label>
                    {move || match uploaded.get() {
                        Some(bytes) => view! {
                            <p class="add-file-uploaded">
                                {format!("Read {} ({})", name.get(), size(bytes))}
                                " "
                                <button type="button" class="add-file-clear" on:click=move |_| {
                                    uploaded.set(None);
                                    text.set(String::new());
                                    name.set(String::new());
                                }>"Clear"</button>
                            </p>
                        }.into_any(),
                        None => view! {
                            <label class="form-field">
                                <span class="field-label">"Or paste it"</span>
                                <textarea class="add-file-text" rows="6" spellcheck="false"
                                    prop:value=move || text.get()
                                    on:input=move |ev| text.set(event_target_value(&ev))></textarea>
                            </label>
                        }.into_any(),
                    }}
                    {move || {
                        let body = text.get();
                        let sniffed = listing::sniff(&name.get(), &body);
                        (!body.trim().is_empty() || !name.get().is_empty()).then(|| {
                            let what = match sniffed.kind {
                                ArtifactKind::TaskDefinition => "a task definition",
                                ArtifactKind::NginxConfig => "an nginx config",
                            };
                            view! { <p class="add-file-kind">"This reads as " {what} "."</p> }
                        })
                    }}
                    <Show when=move || listing::sniff(&name.get(), &text.get()).kind == ArtifactKind::NginxConfig>
                        <label class="form-field">
                            <span class="field-label">"Runs in task definition"</span>
                            <select class="add-file-taskdef" prop:value=move || task_definition.get()
                                on:change=move |ev| task_definition.set(event_target_value(&ev))>
                                {move || families.get().into_iter().map(|(f, _)| view! { <option value=f.clone()>{f.clone()}</option> }).collect_view()}
                            </select>
                        </label>
                        <label class="form-field">
                            <span class="field-label">"Container"</span>
                            <select class="add-file-container" prop:value=move || container.get()
                                on:change=move |ev| container.set(event_target_value(&ev))>
                                {move || containers.get().into_iter().map(|c| view! { <option value=c.clone()>{c.clone()}</option> }).collect_view()}
                            </select>
                        </label>
                    </Show>
                    {move || problem.get().map(|p| view! { <p class="add-file-problem" role="alert">{p}</p> })}
                    <button type="button" class="add-file-submit" on:click=add>"Add to the deployment"</button>
                </div>
            </Show>
        </div>
    }
}
