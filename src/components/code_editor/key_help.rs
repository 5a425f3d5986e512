//! The editor's keys, listed in its toolbar: a newcomer finds F8 or Ctrl+/
//! there rather than in the README. A `<details>` needs no state of its own
//! and opens from the keyboard like any button.

use atlas_core::editing::Language;
use leptos::prelude::*;

#[component]
pub fn KeyHelp(language: Language) -> impl IntoView {
    let mut keys: Vec<(&'static str, &'static str)> = vec![
        ("Ctrl+Z · Ctrl+Shift+Z", "Undo · redo"),
        ("Tab · Shift+Tab", "Indent · dedent the selected lines"),
        ("Enter", "New line at the same indentation"),
        ("Ctrl+F, then Enter · Shift+Enter", "Find, next · previous match"),
        ("Ctrl+H (Mac: ⌘⌥F)", "Replace one match, or all"),
        ("F8 · Shift+F8", "Next · previous problem"),
        ("Page Up · Page Down", "A screenful up · down"),
        ("Escape, then Tab", "Leave the editor"),
    ];
    if language == Language::Nginx {
        keys.insert(3, ("Ctrl+/", "Comment lines out, or back in"));
    }
    view! {
        <details class="editor-keys">
            <summary title="Keyboard shortcuts">"Keys"</summary>
            <div class="editor-keys-panel">
                <dl>
                    {keys.into_iter().map(|(key, what)| view! {
                        <dt><kbd>{key}</kbd></dt>
                        <dd>{what}</dd>
                    }).collect_view()}
                </dl>
                <p class="editor-keys-mac">"On a Mac, ⌘ for Ctrl where no Mac key is given."</p>
            </div>
        </details>
    }
}
