//! The tabs over a file (its text, a task definition's form, its changes)
//! and the panel they show. The tab in view lives in the address, so reload,
//! back and shared links keep it.

use atlas_core::view::{FileTab, View};
use leptos::prelude::*;
use leptos::wasm_bindgen::JsCast;

use crate::components::code_editor::GoTo;
use crate::editing::buffers::use_buffers;

#[component]
pub fn FileTabs(
    /// The tabs the file has, with their labels, in order.
    tabs: Vec<(FileTab, &'static str)>,
    /// The tab the address names.
    current: Memo<FileTab>,
    /// The address of each tab.
    address: impl Fn(FileTab) -> View + Clone + Send + Sync + 'static,
    /// Set by a click on a problem, whose span is in the text.
    goto: RwSignal<Option<GoTo>>,
    children: Children,
) -> impl IntoView {
    let buffers = use_buffers();
    let open = move |t: FileTab| {
        // Leave text that is still being validated in the store first.
        buffers.flush();
        let _ = window().location().set_hash(&address(t).to_hash());
    };
    Effect::new({
        let open = open.clone();
        move |_| {
            if goto.with(Option::is_some) && current.get_untracked() != FileTab::Text {
                open(FileTab::Text);
            }
        }
    });
    let id = |label: &str| format!("file-tab-{}", label.to_lowercase());
    let labels = tabs.clone();
    let selected_id = move || labels.iter().find(|(t, _)| *t == current.get()).map(|(_, l)| id(l));
    // The arrow keys, Home and End move between the tabs, as in any tab list.
    let on_key = {
        let order: Vec<FileTab> = tabs.iter().map(|(t, _)| *t).collect();
        let open = open.clone();
        move |ev: leptos::web_sys::KeyboardEvent| {
            let n = order.len();
            let Some(i) = order.iter().position(|t| *t == current.get_untracked()) else {
                return;
            };
            let next = match ev.key().as_str() {
                "ArrowRight" => (i + 1) % n,
                "ArrowLeft" => (i + n - 1) % n,
                "Home" => 0,
                "End" => n - 1,
                _ => return,
            };
            ev.prevent_default();
            open(order[next]);
            let button = ev
                .current_target()
                .and_then(|list| list.dyn_into::<leptos::web_sys::Element>().ok())
                .and_then(|list| list.children().item(next as u32))
                .and_then(|b| b.dyn_into::<leptos::web_sys::HtmlElement>().ok());
            if let Some(button) = button {
                let _ = button.focus();
            }
        }
    };
    view! {
        <div class="file-tabs" role="tablist" aria-label="Show the file as" on:keydown=on_key>
            {tabs.into_iter().map(|(t, label)| {
                let open = open.clone();
                view! {
                    <button type="button" role="tab" class="file-tab" data-tab=label
                        id=id(label)
                        aria-controls="file-body"
                        aria-selected=move || (current.get() == t).to_string()
                        // One tab stop for the list; the arrow keys move within it.
                        tabindex=move || if current.get() == t { "0" } else { "-1" }
                        on:click=move |_| open(t)>
                        {label}
                    </button>
                }
            }).collect_view()}
        </div>
        <div class="file-body" id="file-body" role="tabpanel" aria-labelledby=selected_id>{children()}</div>
    }
}
