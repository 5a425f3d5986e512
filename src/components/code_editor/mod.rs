//! The code editor for task definitions, nginx configs and the deployment
//! file: highlighting, undo, indentation, find, and diagnostics in place.
//!
//! Hand-written on web-sys around a native textarea rather than built on an
//! editor component: CodeMirror 6 or Monaco would be JavaScript bundled
//! beside the wasm (CodeMirror's smallest useful setup is over 100 KB gzip,
//! Monaco several MB) in a site whose whole budget is 250 KB, and no Rust
//! editor crate targets the DOM. The native textarea keeps what is hard to
//! get right (IME, selection, clipboard, screen readers); core supplies the
//! logic (`atlas_core::editing`), this module only wires it to the page.

mod find_bar;
mod key_help;
mod keys;
mod paint;
mod surface;

use std::rc::Rc;

use atlas_core::editing::history::EditKind;
use atlas_core::editing::{Language, Replace, Selection};
use atlas_core::Diagnostic;
use leptos::prelude::*;
use leptos::wasm_bindgen::JsCast;
use leptos::web_sys::{HtmlElement, InputEvent};

use crate::editing::buffers::use_buffers;
use find_bar::FindBar;
use key_help::KeyHelp;
use surface::{FindState, Status, Surface};

/// A request to select a span of the file: a click on a diagnostic.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct GoTo {
    pub start: usize,
    pub end: usize,
    /// Tells two requests for the same span apart.
    pub seq: u64,
}

/// Asks an editor of `file` to select a span.
pub fn go_to(signal: RwSignal<Option<GoTo>>, start: usize, end: usize) {
    let seq = signal.get_untracked().map_or(0, |g| g.seq + 1);
    signal.set(Some(GoTo { start, end, seq }));
}

#[component]
pub fn CodeEditor(
    file: String,
    diagnostics: Memo<Vec<Diagnostic>>,
    /// The line the address names, 1-based.
    line: Memo<Option<usize>>,
    line_link: impl Fn(usize) -> String + Clone + Send + Sync + 'static,
    goto: RwSignal<Option<GoTo>>,
) -> impl IntoView {
    let buffers = use_buffers();
    let Some(buffer) = buffers.get(&file) else {
        return view! { <p class="notice">"The workspace does not hold " {file} "."</p> }.into_any();
    };
    let language = buffer.borrow().language;
    let link: Rc<dyn Fn(usize) -> String> = Rc::new(line_link);
    let surface = Surface {
        file: StoredValue::new(file.clone()),
        buffer: StoredValue::new_local(buffer),
        buffers,
        ui: StoredValue::new_local(Default::default()),
        textarea: NodeRef::new(),
        scroller: NodeRef::new(),
        rows: NodeRef::new(),
        sizer: NodeRef::new(),
        line_link: StoredValue::new_local(link),
        addressed: line,
        status: RwSignal::new(Status::default()),
        find: RwSignal::new(FindState::default()),
        validated: RwSignal::new(0),
        version: RwSignal::new(0),
        tooltip: RwSignal::new(None),
        diagnostics,
    };
    let tooltip = surface.tooltip;
    let format_problem = RwSignal::new(None::<String>);

    // First showing: the text, the caret where it was, the font measured.
    Effect::new(move |_| {
        if surface.textarea.get().is_none() {
            return;
        }
        surface.measure();
        surface.show_buffer();
    });
    // The text changed without this editor: a command elsewhere (undo from
    // a button, a fix, the form), or the store's text from elsewhere (Reset),
    // which `get` adopts.
    let store = crate::store::use_store();
    Effect::new(move |_| {
        buffers.revision.track();
        store.workspace.track();
        if buffers.get(&surface.file.get_value()).is_none() {
            return;
        }
        let behind =
            surface.buffer.with_value(|b| b.borrow().version) != surface.ui.with_value(|ui| ui.shown_version());
        if behind {
            surface.show_buffer();
        }
    });
    // Every validation is stamped, also one that found the same problems.
    Effect::new(move |_| {
        buffers.validated.track();
        diagnostics.with(|d| surface.take_diagnostics(d));
    });
    // The address names a line: caret there, line in view.
    Effect::new(move |_| {
        let Some(n) = line.get() else { return };
        if surface.textarea.get().is_none() {
            return;
        }
        let at = surface.buffer.with_value(|b| {
            let b = b.borrow();
            b.highlighter.line_start(n.saturating_sub(1))
        });
        surface.set_selection(Selection::caret(at));
        surface.caret_moved();
        surface.reveal(at);
    });
    Effect::new(move |_| {
        let Some(GoTo { start, end, .. }) = goto.get() else {
            return;
        };
        surface.select_and_show(Selection { start, end });
        // Taken, so an editor shown again later keeps its own caret.
        goto.set(None);
    });
    Effect::new(move |_| {
        surface.find.with(|f| (f.open, f.query.clone(), f.case_sensitive));
        surface.refresh_find();
    });

    let on_keydown = move |ev: leptos::web_sys::KeyboardEvent| {
        let tab_leaves = surface.ui.with_value(|ui| ui.tab_leaves);
        if ev.key() != "Escape" && ev.key() != "Tab" {
            surface.ui.update_value(|ui| ui.tab_leaves = false);
        }
        if let Some(command) = keys::command_of(&ev, tab_leaves, surface.windowed()) {
            if keys::run(&surface, command) {
                ev.prevent_default();
            }
        }
        // Arrows and clicks move the caret after this handler.
        request_animation_frame(move || {
            if surface.ui.try_with_value(|_| ()).is_some() {
                surface.caret_moved();
            }
        });
    };
    let on_beforeinput = move |ev: InputEvent| {
        // The browser's own undo knows nothing of the edits made by
        // commands; the editor's history does.
        let kind = ev.input_type();
        if kind == "historyUndo" || kind == "historyRedo" {
            ev.prevent_default();
            keys::run(
                &surface,
                if kind == "historyUndo" {
                    keys::Command::Undo
                } else {
                    keys::Command::Redo
                },
            );
        }
    };
    let on_input = move |ev: leptos::ev::Event| {
        let kind = ev.dyn_ref::<InputEvent>().map(|e| e.input_type()).unwrap_or_default();
        let kind = match kind.as_str() {
            "insertText" | "insertCompositionText" => EditKind::Typing,
            "deleteContentBackward" | "deleteContentForward" => EditKind::Deleting,
            _ => EditKind::Other,
        };
        surface.typed(kind);
    };
    let on_hover = move |ev: leptos::web_sys::MouseEvent| {
        let (x, y) = (ev.client_x() as f32, ev.client_y() as f32);
        let stack = document().elements_from_point(x, y);
        let index = stack.iter().find_map(|el| {
            el.dyn_ref::<HtmlElement>()
                .and_then(|el| el.get_attribute("data-diagnostic"))
                .and_then(|i| i.parse::<usize>().ok())
        });
        let next = index.and_then(|i| surface.message(i)).map(|m| (m, x as f64, y as f64));
        if tooltip.with_untracked(|t| t.as_ref().map(|t| &t.0) != next.as_ref().map(|n| &n.0)) {
            tooltip.set(next);
        }
    };
    let format = move |_| {
        let file = surface.file.get_value();
        let text = surface.buffer.with_value(|b| b.borrow().text.clone());
        match atlas_core::nginx::format::format(&text) {
            Ok(formatted) => {
                format_problem.set(None);
                if formatted != text {
                    // The history keeps only what changed of it.
                    let caret = surface.selection().start.min(formatted.len());
                    let replace = Replace {
                        start: 0,
                        end: text.len(),
                        text: formatted,
                    };
                    buffers.apply(&file, &replace, Selection::caret(caret));
                    surface.show_buffer();
                }
            }
            Err(problem) => format_problem.set(Some(format!(
                "Not formatted: line {}, column {}: {}",
                problem.line, problem.column, problem.message
            ))),
        }
    };
    let status = surface.status;
    let label = format!("Text of {file}");

    view! {
        <div
            class="code-editor"
            data-language=match language { Language::Json => "json", Language::Nginx => "nginx" }
            data-version=move || surface.version.get().to_string()
            data-validated=move || surface.validated.get().to_string()
        >
            <div class="editor-toolbar" role="toolbar" aria-label="Editor">
                <button type="button" class="editor-undo" title="Undo (Ctrl+Z)"
                    disabled=move || !status.get().can_undo
                    on:click=move |_| { keys::run(&surface, keys::Command::Undo); }>"Undo"</button>
                <button type="button" class="editor-redo" title="Redo (Ctrl+Shift+Z)"
                    disabled=move || !status.get().can_redo
                    on:click=move |_| { keys::run(&surface, keys::Command::Redo); }>"Redo"</button>
                <button type="button" class="editor-find" title="Find (Ctrl+F)"
                    on:click=move |_| surface.find.update(FindState::ask)>"Find"</button>
                {(language == Language::Nginx).then(|| view! {
                    <button type="button" class="editor-format" title="Lay the config out the way nginx's own examples are"
                        on:click=format>"Format"</button>
                })}
                <KeyHelp language=language />
                <span class="editor-status" aria-live="polite">
                    {move || {
                        let s = status.get();
                        format!("Ln {}, Col {}", s.line.max(1), s.column.max(1))
                    }}
                    {move || buffers.pending.get().then(|| view! { <span class="validating">" · Validating…"</span> })}
                </span>
            </div>
            {move || format_problem.get().map(|p| view! { <p class="format-problem" role="alert">{p}</p> })}
            <FindBar surface=surface />
            <div class="editor-scroll" node_ref=surface.scroller
                on:scroll=move |_| surface.paint_soon()
                on:mousedown=move |ev: leptos::web_sys::MouseEvent| {
                    // A long file's textarea holds only the lines around the
                    // caret: a click on other lines puts the caret there, and
                    // Shift+click selects up to it.
                    let on_text = ev.target().and_then(|t| t.dyn_into::<leptos::web_sys::Element>().ok()).is_some_and(|el| {
                        el.closest("textarea, .line-no").ok().flatten().is_some()
                    });
                    if on_text || ev.button() != 0 || !surface.windowed() {
                        return;
                    }
                    if let Some(at) = surface.offset_at(ev.client_x() as f64, ev.client_y() as f64) {
                        ev.prevent_default();
                        if ev.shift_key() {
                            surface.extend_to(at);
                        } else {
                            surface.select_and_show(Selection::caret(at));
                        }
                    }
                }
                on:mousemove=on_hover
                on:mouseleave=move |_| tooltip.set(None)
            >
                <div class="editor-sizer" node_ref=surface.sizer>
                    <div class="editor-lines" node_ref=surface.rows aria-hidden="true"></div>
                    <textarea
                        class="editor-input"
                        node_ref=surface.textarea
                        spellcheck="false"
                        autocomplete="off"
                        autocapitalize="off"
                        wrap="off"
                        aria-label=label
                        aria-multiline="true"
                        on:keydown=on_keydown
                        on:beforeinput=on_beforeinput
                        on:input=on_input
                        on:mouseup=move |_| surface.caret_moved()
                        on:select=move |_| surface.caret_moved()
                        on:focus=move |_| surface.caret_moved()
                    ></textarea>
                </div>
            </div>
            {move || tooltip.get().map(|(message, x, y)| {
                let tip = NodeRef::<leptos::html::Div>::new();
                Effect::new(move |_| {
                    if let Some(el) = tip.get() {
                        surface::set_style(&el, "left", &format!("{}px", x + 12.0));
                        surface::set_style(&el, "top", &format!("{}px", y + 16.0));
                    }
                });
                view! { <div class="editor-tooltip" role="tooltip" node_ref=tip>{message}</div> }
            })}
        </div>
    }
    .into_any()
}
