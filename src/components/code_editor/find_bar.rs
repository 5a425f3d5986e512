//! Find: Ctrl/Cmd-F opens it, Enter and Shift-Enter (or F3, Ctrl-G) step
//! through the matches, Escape closes it and leaves the match selected.
//! Replace: Ctrl-H (Cmd-Alt-F) or the ⇄ button opens its row; Enter there
//! replaces the current match, Ctrl/Cmd-Alt-Enter replaces them all.

use leptos::prelude::*;

use super::surface::Surface;

#[component]
pub fn FindBar(surface: Surface) -> impl IntoView {
    let find = surface.find;
    let input = NodeRef::<leptos::html::Input>::new();
    // Opening (again) puts the focus in the query, selected for retyping;
    // typing into it must not select it again.
    let asked = Memo::new(move |_| find.with(|f| (f.open, f.asked)));
    Effect::new(move |_| {
        if asked.get().0 {
            if let Some(input) = input.get() {
                let _ = input.focus();
                input.select();
            }
        }
    });
    let close = move || {
        find.update(|f| f.open = false);
        surface.find_step_close();
    };
    view! {
        <Show when=move || find.with(|f| f.open)>
            <div class="find-bar" role="search">
                <button type="button" class="find-replace-toggle" title="Replace (Ctrl+H)"
                    aria-label="Show replace"
                    aria-expanded=move || find.with(|f| f.replacing).to_string()
                    on:click=move |_| find.update(|f| f.replacing = !f.replacing)>"⇄"</button>
                <input
                    type="search"
                    class="find-input"
                    placeholder="Find"
                    aria-label="Find in file"
                    node_ref=input
                    prop:value=move || find.with(|f| f.query.clone())
                    on:input=move |ev| {
                        let query = event_target_value(&ev);
                        find.update(|f| f.query = query);
                    }
                    on:keydown=move |ev: leptos::web_sys::KeyboardEvent| {
                        match ev.key().as_str() {
                            "Enter" | "F3" => {
                                ev.prevent_default();
                                surface.find_step(ev.shift_key(), false);
                            }
                            "Escape" => {
                                ev.prevent_default();
                                close();
                            }
                            "f" | "F" if ev.ctrl_key() || ev.meta_key() => {
                                ev.prevent_default();
                                if let Some(input) = input.get_untracked() {
                                    input.select();
                                }
                            }
                            _ => {}
                        }
                    }
                />
                <span class="find-count" aria-live="polite">
                    {move || find.with(|f| match f.position {
                        (_, 0) if f.query.is_empty() => String::new(),
                        (_, 0) => "No results".to_owned(),
                        (Some(i), n) => format!("{} of {n}", i + 1),
                        (None, n) => format!("{n} found"),
                    })}
                </span>
                <button type="button" class="find-previous" title="Previous match (Shift+Enter)"
                    on:click=move |_| surface.find_step(true, false)>"↑"</button>
                <button type="button" class="find-next" title="Next match (Enter)"
                    on:click=move |_| surface.find_step(false, false)>"↓"</button>
                <label class="find-case">
                    <input type="checkbox"
                        prop:checked=move || find.with(|f| f.case_sensitive)
                        on:change=move |ev| {
                            let on = event_target_checked(&ev);
                            find.update(|f| f.case_sensitive = on);
                        }
                    />
                    "Match case"
                </label>
                <button type="button" class="find-close" title="Close (Escape)" aria-label="Close find"
                    on:click=move |_| close()>"×"</button>
                <Show when=move || find.with(|f| f.replacing)>
                    <div class="replace-row">
                        <input
                            type="text"
                            class="replace-input"
                            placeholder="Replace"
                            aria-label="Replace with"
                            spellcheck="false"
                            prop:value=move || find.with(|f| f.replacement.clone())
                            on:input=move |ev| {
                                let with = event_target_value(&ev);
                                find.update(|f| f.replacement = with);
                            }
                            on:keydown=move |ev: leptos::web_sys::KeyboardEvent| {
                                match ev.key().as_str() {
                                    "Enter" if ev.alt_key() && (ev.ctrl_key() || ev.meta_key()) => {
                                        ev.prevent_default();
                                        surface.replace_all();
                                    }
                                    "Enter" => {
                                        ev.prevent_default();
                                        surface.replace_current();
                                    }
                                    "Escape" => {
                                        ev.prevent_default();
                                        close();
                                    }
                                    _ => {}
                                }
                            }
                        />
                        <button type="button" class="replace-one" title="Replace this match (Enter)"
                            on:click=move |_| surface.replace_current()>"Replace"</button>
                        <button type="button" class="replace-all" title="Replace every match (Ctrl+Alt+Enter)"
                            on:click=move |_| surface.replace_all()>"Replace all"</button>
                    </div>
                </Show>
            </div>
        </Show>
    }
}
