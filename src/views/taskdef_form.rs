//! The task definition as a form over the same text: each change is a
//! minimal edit of the JSON (core's `taskdef::form`), one undo step, and a
//! field the engine finds wrong shows its problem beside it.

use atlas_core::editing::{Replace, Selection};
use atlas_core::taskdef::form::{self, ContainerForm, Field, FormEdit, TaskForm, ValueType};
use atlas_core::Diagnostic;
use leptos::prelude::*;

use crate::editing::buffers::{use_buffers, Buffers};
use crate::store::use_store;

const NETWORK_MODES: [&str; 4] = ["bridge", "awsvpc", "host", "none"];
const LAUNCH_TYPES: [&str; 3] = ["EC2", "FARGATE", "EXTERNAL"];
const PROTOCOLS: [&str; 2] = ["tcp", "udp"];
const LOG_DRIVERS: [&str; 6] = ["awslogs", "json-file", "fluentd", "awsfirelens", "syslog", "splunk"];

/// What every field needs: where to write, and what is wrong where.
#[derive(Clone, Copy)]
struct FormContext {
    file: StoredValue<String>,
    form: Memo<TaskForm>,
    diagnostics: Memo<Vec<Diagnostic>>,
    buffers: Buffers,
}

impl FormContext {
    fn edit(&self, edit: FormEdit) {
        let file = self.file.get_value();
        let Some(buffer) = self.buffers.get(&file) else { return };
        let text = buffer.borrow().text.clone();
        let Some(change) = form::apply(&text, &edit) else {
            return;
        };
        let replace = Replace {
            start: change.span.start,
            end: change.span.end,
            text: change.text,
        };
        let caret = replace.start + replace.text.len();
        self.buffers.apply(&file, &replace, Selection::caret(caret));
    }

    /// Messages of the problems at a pointer (or inside it, for a list item).
    fn problems_at(&self, pointer: &str, inside: bool) -> Vec<String> {
        self.diagnostics.with(|d| {
            d.iter()
                .filter(|d| {
                    d.pointer.as_deref().is_some_and(|p| {
                        p == pointer || (inside && p.strip_prefix(pointer).is_some_and(|rest| rest.starts_with('/')))
                    })
                })
                .map(|d| d.message.clone())
                .collect()
        })
    }
}

#[component]
pub fn TaskDefinitionForm(file: String, diagnostics: Memo<Vec<Diagnostic>>) -> impl IntoView {
    let store = use_store();
    let name = file.clone();
    let form = Memo::new(move |_| {
        store
            .workspace
            .with(|w| w.file(&name).map(|f| form::read(&f.text)).unwrap_or_default())
    });
    let cx = FormContext {
        file: StoredValue::new(file),
        form,
        diagnostics,
        buffers: use_buffers(),
    };
    let container_count = Memo::new(move |_| form.with(|f| f.containers.len()));
    view! {
        <div class="taskdef-form">
            <Show
                when=move || form.with(|f| f.readable)
                fallback=|| view! {
                    <p class="notice">"The JSON cannot be read as a task definition yet. Fix it in the JSON tab; the form follows."</p>
                }
            >
                <fieldset class="form-section">
                    <legend>"Task"</legend>
                    <div class="form-grid">
                        <TextField cx label="Family" field=move |f: &TaskForm| f.family.clone() ty=ValueType::Text />
                        <ChoiceField cx label="Network mode" field=move |f: &TaskForm| f.network_mode.clone() choices=&NETWORK_MODES />
                        <ChoiceField cx label="Launch type" field=move |f: &TaskForm| f.launch_type.clone() choices=&LAUNCH_TYPES />
                        <TextField cx label="Task CPU units" field=move |f: &TaskForm| f.cpu.clone() ty=ValueType::NumberAsText />
                        <TextField cx label="Task memory (MiB)" field=move |f: &TaskForm| f.memory.clone() ty=ValueType::NumberAsText />
                    </div>
                </fieldset>
                <For each=move || 0..container_count.get() key=|i| *i let(i)>
                    <ContainerSection cx index=i />
                </For>
            </Show>
        </div>
    }
}

fn container(form: &TaskForm, index: usize) -> Option<&ContainerForm> {
    form.containers.get(index)
}

#[component]
fn ContainerSection(cx: FormContext, index: usize) -> impl IntoView {
    let form = cx.form;
    let pick = move |get: fn(&ContainerForm) -> Field| {
        move |f: &TaskForm| container(f, index).map(get).unwrap_or_else(empty_field)
    };
    let title = move || {
        form.with(|f| {
            container(f, index)
                .and_then(|c| c.name.value.clone())
                .unwrap_or_default()
        })
    };
    let ports = Memo::new(move |_| form.with(|f| container(f, index).map_or(0, |c| c.port_mappings.len())));
    let envs = Memo::new(move |_| form.with(|f| container(f, index).map_or(0, |c| c.environment.len())));
    let links = Memo::new(move |_| form.with(|f| container(f, index).map(|c| c.links.clone()).unwrap_or_default()));
    let new_link = RwSignal::new(String::new());
    let image = move || {
        form.with(|f| {
            container(f, index)
                .map(|c| (c.image_repository.clone(), c.image_tag.clone()))
                .unwrap_or_default()
        })
    };
    let image_pointer = move || form.with(|f| container(f, index).map(|c| c.image.pointer.clone()).unwrap_or_default());
    let set_image = move |repository: Option<String>, tag: Option<String>| {
        let (old_repository, old_tag) = image();
        cx.edit(FormEdit::Image {
            container: index,
            repository: repository.unwrap_or(old_repository),
            tag: tag.unwrap_or(old_tag),
        });
    };
    let health_pointer = move || {
        form.with(|f| {
            container(f, index)
                .map(|c| c.health_check.command.pointer.clone())
                .unwrap_or_default()
        })
    };
    view! {
        <fieldset class="form-section container-section" data-container=index>
            <legend>"Container " <code>{title}</code></legend>
            <div class="form-grid">
                <TextField cx label="Name" field=pick(|c| c.name.clone()) ty=ValueType::Text />
                <label class="form-field" class:invalid=move || !cx.problems_at(&image_pointer(), false).is_empty()>
                    <span class="field-label">"Image"</span>
                    <input type="text" class="field-image-repository" aria-label="Image repository"
                        prop:value=move || image().0
                        on:change=move |ev| set_image(Some(event_target_value(&ev)), None) />
                    <FieldProblems cx pointer=Signal::derive(image_pointer) />
                </label>
                <label class="form-field">
                    <span class="field-label">"Tag"</span>
                    <input type="text" class="field-image-tag" aria-label="Image tag" placeholder="latest"
                        prop:value=move || image().1
                        on:change=move |ev| set_image(None, Some(event_target_value(&ev))) />
                </label>
                <TextField cx label="CPU units" field=pick(|c| c.cpu.clone()) ty=ValueType::Number />
                <TextField cx label="Memory (MiB, hard)" field=pick(|c| c.memory.clone()) ty=ValueType::Number />
                <TextField cx label="Memory reservation (MiB)" field=pick(|c| c.memory_reservation.clone()) ty=ValueType::Number />
                <BoolField cx label="Essential" field=pick(|c| c.essential.clone()) />
            </div>

            <h4 class="form-subhead">"Port mappings"</h4>
            <div class="form-rows port-mappings">
                <For each=move || 0..ports.get() key=|i| *i let(p)>
                    <div class="form-row port-mapping" data-index=p>
                        <TextField cx label="Container port" field=move |f: &TaskForm| port(f, index, p, |m| m.container_port.clone()) ty=ValueType::Number />
                        <TextField cx label="Host port" field=move |f: &TaskForm| port(f, index, p, |m| m.host_port.clone()) ty=ValueType::Number />
                        <ChoiceField cx label="Protocol" field=move |f: &TaskForm| port(f, index, p, |m| m.protocol.clone()) choices=&PROTOCOLS />
                        <RemoveButton cx label="Remove this port mapping"
                            pointer=move |f: &TaskForm| container(f, index).and_then(|c| c.port_mappings.get(p)).map(|m| m.pointer.clone()) />
                    </div>
                </For>
                <button type="button" class="add-port-mapping" on:click=move |_| cx.edit(FormEdit::AddPortMapping { container: index })>
                    "Add port mapping"
                </button>
            </div>

            <h4 class="form-subhead">"Links"</h4>
            <div class="form-rows links">
                <ul class="link-list">
                    {move || links.get().into_iter().map(|link| {
                        let pointer = link.pointer.clone();
                        view! {
                            <li class="link-chip">
                                <code>{link.value.clone().unwrap_or_default()}</code>
                                <button type="button" class="remove-row" aria-label="Remove this link"
                                    on:click=move |_| cx.edit(FormEdit::Remove { pointer: pointer.clone() })>"×"</button>
                            </li>
                        }
                    }).collect_view()}
                </ul>
                <div class="form-row">
                    <input type="text" class="new-link" aria-label="Container to link" placeholder="container name"
                        prop:value=move || new_link.get()
                        on:input=move |ev| new_link.set(event_target_value(&ev)) />
                    <button type="button" class="add-link" on:click=move |_| {
                        let name = new_link.get_untracked().trim().to_owned();
                        if !name.is_empty() {
                            cx.edit(FormEdit::AddLink { container: index, name });
                            new_link.set(String::new());
                        }
                    }>"Add link"</button>
                </div>
            </div>

            <h4 class="form-subhead">"Environment"</h4>
            <div class="form-rows environment">
                <For each=move || 0..envs.get() key=|i| *i let(e)>
                    <div class="form-row env-row" data-index=e>
                        <TextField cx label="Name" field=move |f: &TaskForm| env(f, index, e, |v| v.name.clone()) ty=ValueType::Text />
                        <TextField cx label="Value" field=move |f: &TaskForm| env(f, index, e, |v| v.value.clone()) ty=ValueType::Text />
                        <RemoveButton cx label="Remove this variable"
                            pointer=move |f: &TaskForm| container(f, index).and_then(|c| c.environment.get(e)).map(|v| v.pointer.clone()) />
                    </div>
                </For>
                <button type="button" class="add-environment" on:click=move |_| cx.edit(FormEdit::AddEnvironment { container: index })>
                    "Add variable"
                </button>
            </div>

            <h4 class="form-subhead">"Logging"</h4>
            <div class="form-grid">
                <ChoiceField cx label="Log driver" field=pick(|c| c.log.driver.clone()) choices=&LOG_DRIVERS />
                <TextField cx label="awslogs-group" field=pick(|c| c.log.group.clone()) ty=ValueType::Text />
                <TextField cx label="awslogs-region" field=pick(|c| c.log.region.clone()) ty=ValueType::Text />
                <TextField cx label="awslogs-stream-prefix" field=pick(|c| c.log.prefix.clone()) ty=ValueType::Text />
            </div>

            <h4 class="form-subhead">"Health check"</h4>
            <div class="form-grid">
                <label class="form-field wide" class:invalid=move || !cx.problems_at(&health_pointer(), true).is_empty()>
                    <span class="field-label">"Command"</span>
                    <input type="text" class="field-health-command" placeholder="CMD-SHELL curl -f http://localhost/ || exit 1"
                        prop:value=move || form.with(|f| container(f, index).and_then(|c| c.health_check.command.value.clone()).unwrap_or_default())
                        on:change=move |ev| cx.edit(FormEdit::HealthCommand { container: index, line: event_target_value(&ev) }) />
                    <FieldProblems cx pointer=Signal::derive(health_pointer) />
                </label>
                <TextField cx label="Interval (s)" field=pick(|c| c.health_check.interval.clone()) ty=ValueType::Number />
                <TextField cx label="Timeout (s)" field=pick(|c| c.health_check.timeout.clone()) ty=ValueType::Number />
                <TextField cx label="Retries" field=pick(|c| c.health_check.retries.clone()) ty=ValueType::Number />
                <TextField cx label="Start period (s)" field=pick(|c| c.health_check.start_period.clone()) ty=ValueType::Number />
            </div>
        </fieldset>
    }
}

fn empty_field() -> Field {
    Field {
        pointer: String::new(),
        value: None,
    }
}

fn port(f: &TaskForm, c: usize, p: usize, get: fn(&form::PortForm) -> Field) -> Field {
    container(f, c)
        .and_then(|c| c.port_mappings.get(p))
        .map(get)
        .unwrap_or_else(empty_field)
}

fn env(f: &TaskForm, c: usize, e: usize, get: fn(&form::EnvForm) -> Field) -> Field {
    container(f, c)
        .and_then(|c| c.environment.get(e))
        .map(get)
        .unwrap_or_else(empty_field)
}

/// Removes a list item (a port mapping, a variable) at the pointer it has
/// when clicked: the items before it may have gone since it was drawn.
#[component]
fn RemoveButton(
    cx: FormContext,
    label: &'static str,
    pointer: impl Fn(&TaskForm) -> Option<String> + Copy + Send + Sync + 'static,
) -> impl IntoView {
    view! {
        <button type="button" class="remove-row" aria-label=label
            on:click=move |_| {
                if let Some(pointer) = cx.form.with_untracked(pointer) {
                    cx.edit(FormEdit::Remove { pointer });
                }
            }>"Remove"</button>
    }
}

/// The problems the engine found at a field, shown under it.
#[component]
fn FieldProblems(cx: FormContext, pointer: Signal<String>) -> impl IntoView {
    view! {
        {move || cx.problems_at(&pointer.get(), false).into_iter().map(|m| view! {
            <span class="field-problem" role="alert">{m}</span>
        }).collect_view()}
    }
}

#[component]
fn TextField(
    cx: FormContext,
    label: &'static str,
    field: impl Fn(&TaskForm) -> Field + Copy + Send + Sync + 'static,
    ty: ValueType,
) -> impl IntoView {
    let current = Memo::new(move |_| cx.form.with(field));
    let pointer = Signal::derive(move || current.with(|f| f.pointer.clone()));
    view! {
        <label class="form-field" class:invalid=move || !cx.problems_at(&pointer.get(), false).is_empty() data-pointer=pointer>
            <span class="field-label">{label}</span>
            <input
                type="text"
                inputmode=matches!(ty, ValueType::Number | ValueType::NumberAsText).then_some("numeric")
                prop:value=move || current.with(|f| f.value.clone().unwrap_or_default())
                aria-invalid=move || (!cx.problems_at(&pointer.get(), false).is_empty()).to_string()
                on:change=move |ev| {
                    let pointer = current.with_untracked(|f| f.pointer.clone());
                    cx.edit(FormEdit::Set { pointer, value: event_target_value(&ev), ty });
                }
            />
            <FieldProblems cx pointer=pointer />
        </label>
    }
}

#[component]
fn ChoiceField(
    cx: FormContext,
    label: &'static str,
    field: impl Fn(&TaskForm) -> Field + Copy + Send + Sync + 'static,
    choices: &'static [&'static str],
) -> impl IntoView {
    let current = Memo::new(move |_| cx.form.with(field));
    let pointer = Signal::derive(move || current.with(|f| f.pointer.clone()));
    let value = move || current.with(|f| f.value.clone().unwrap_or_default());
    view! {
        <label class="form-field" class:invalid=move || !cx.problems_at(&pointer.get(), false).is_empty() data-pointer=pointer>
            <span class="field-label">{label}</span>
            <select
                prop:value=value
                on:change=move |ev| {
                    let pointer = current.with_untracked(|f| f.pointer.clone());
                    cx.edit(FormEdit::Set { pointer, value: event_target_value(&ev), ty: ValueType::Text });
                }
            >
                <option value="">"(not set)"</option>
                // A value the list lacks is still shown, not silently replaced.
                {move || {
                    let v = value();
                    (!v.is_empty() && !choices.contains(&v.as_str())).then(|| view! { <option value=v.clone()>{v.clone()}</option> })
                }}
                {choices.iter().map(|c| view! { <option value=*c>{*c}</option> }).collect_view()}
            </select>
            <FieldProblems cx pointer=pointer />
        </label>
    }
}

#[component]
fn BoolField(
    cx: FormContext,
    label: &'static str,
    field: impl Fn(&TaskForm) -> Field + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let current = Memo::new(move |_| cx.form.with(field));
    let pointer = Signal::derive(move || current.with(|f| f.pointer.clone()));
    view! {
        <label class="form-field checkbox" data-pointer=pointer>
            <input
                type="checkbox"
                prop:checked=move || current.with(|f| f.value.as_deref() == Some("true"))
                on:change=move |ev| {
                    let pointer = current.with_untracked(|f| f.pointer.clone());
                    let value = if event_target_checked(&ev) { "true" } else { "false" };
                    cx.edit(FormEdit::Set { pointer, value: value.into(), ty: ValueType::Bool });
                }
            />
            <span class="field-label">{label}</span>
            <FieldProblems cx pointer=pointer />
        </label>
    }
}
