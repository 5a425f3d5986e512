//! Plain-text editing of a workspace file: every keystroke goes to the
//! store, so the diagnostics and the diagram follow the text as it is typed.

use leptos::prelude::*;

use crate::store::use_store;

#[component]
pub fn TextEditor(file: String) -> impl IntoView {
    let store = use_store();
    let name = file.clone();
    // Read once: the textarea owns the text while it is edited, so the caret
    // never jumps when the store echoes a keystroke back.
    let initial = store.text_of(&file).unwrap_or_default();
    view! {
        <textarea
            class="text-editor"
            spellcheck="false"
            autocomplete="off"
            aria-label=format!("Text of {file}")
            prop:value=initial
            on:input=move |ev| store.set_text(&name, event_target_value(&ev))
        ></textarea>
    }
}
