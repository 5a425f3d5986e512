//! The problems found in one file, in position order: filters by severity,
//! a click takes the caret there, a fix is one button (and one undo step),
//! and "Fix all" applies every fix that is safe to apply unasked.

use atlas_core::editing::fixes;
use atlas_core::editing::Selection;
use atlas_core::view::View;
use atlas_core::{Diagnostic, Severity};
use leptos::prelude::*;

use crate::components::code_editor::{go_to, GoTo};
use crate::editing::buffers::use_buffers;

/// Enough to read; more would slow every keystroke down for nobody.
const SHOWN_AT_FIRST: usize = 300;

const SEVERITIES: [(Severity, &str); 3] = [
    (Severity::Error, "Errors"),
    (Severity::Warning, "Warnings"),
    (Severity::Info, "Info"),
];

#[component]
pub fn Problems(
    file: String,
    diagnostics: Memo<Vec<Diagnostic>>,
    line_link: impl Fn(usize) -> String + Clone + Send + Sync + 'static,
    goto: RwSignal<Option<GoTo>>,
) -> impl IntoView {
    let buffers = use_buffers();
    let hidden = RwSignal::new(Vec::<Severity>::new());
    let show_all = RwSignal::new(false);
    let file = StoredValue::new(file);
    let safe_fixes =
        Memo::new(move |_| diagnostics.with(|d| d.iter().filter(|d| d.fix.as_ref().is_some_and(|f| f.safe)).count()));
    let apply = move |replace: Option<atlas_core::editing::Replace>| {
        let Some(replace) = replace else { return };
        let caret = replace.start + replace.text.len();
        buffers.apply(&file.get_value(), &replace, Selection::caret(caret));
    };
    // A fix describes the validated text; typing since then would shift
    // it, so a click then validates first and waits for the next one.
    let current_text = move || {
        let name = file.get_value();
        let buffer = buffers.get(&name)?;
        if buffer.borrow().pending() {
            buffers.validate_now();
            return None;
        }
        let text = buffer.borrow().text.clone();
        Some(text)
    };
    // Only what is listed, as a memo: a keystroke below the listed problems
    // leaves them as they were, and the list is not drawn again.
    let listed = Memo::new(move |_| {
        let everything = show_all.get();
        diagnostics.with(|d| {
            hidden.with(|h| {
                let mut shown = Vec::new();
                let mut total = 0;
                for problem in d.iter().filter(|p| !h.contains(&p.severity)) {
                    total += 1;
                    if everything || shown.len() < SHOWN_AT_FIRST {
                        shown.push(problem.clone());
                    }
                }
                (shown, total, d.is_empty())
            })
        })
    });
    let fix_all = move |_| {
        let Some(text) = current_text() else { return };
        let found = diagnostics.with_untracked(|d| fixes::fix_all(&text, d));
        apply(found.map(|(replace, _)| replace));
    };

    view! {
        <section class="diagnostics" aria-label="Problems">
            <div class="diagnostics-head">
                <h3 class="diagnostics-title">
                    "Problems "
                    <span class="diagnostics-count">{move || diagnostics.with(Vec::len)}</span>
                </h3>
                <div class="severity-filters" role="group" aria-label="Show">
                    {SEVERITIES.into_iter().map(|(severity, label)| {
                        let count = move || diagnostics.with(|d| d.iter().filter(|d| d.severity == severity).count());
                        let shown = move || hidden.with(|h| !h.contains(&severity));
                        view! {
                            <button type="button" class="severity-filter" data-severity=severity.as_str()
                                aria-pressed=move || shown().to_string()
                                on:click=move |_| hidden.update(|h| {
                                    if let Some(i) = h.iter().position(|s| *s == severity) {
                                        h.remove(i);
                                    } else {
                                        h.push(severity);
                                    }
                                })
                            >
                                {label} " " <span class="filter-count">{count}</span>
                            </button>
                        }
                    }).collect_view()}
                </div>
                {move || (safe_fixes.get() > 0).then(|| view! {
                    <button type="button" class="fix-all" on:click=fix_all
                        title="Apply every fix that is mechanical and keeps the meaning; one undo takes them back">
                        {format!("Fix all ({})", safe_fixes.get())}
                    </button>
                })}
            </div>
            {move || {
                let (list, total, none_at_all) = listed.get();
                if list.is_empty() {
                    let none = if none_at_all {
                        "No problems found in this file."
                    } else {
                        "Every problem is filtered out."
                    };
                    return view! { <p class="diagnostics-none">{none}</p> }.into_any();
                }
                let cut = list.len();
                let line_link = line_link.clone();
                view! {
                    <ul class="diagnostics-list">
                        {list.into_iter().map(|d| {
                            let rule = View::Rules { rule: Some(d.rule.to_owned()) }.to_hash();
                            let (start, end) = (d.span.start, d.span.end);
                            let fix = d.fix.clone();
                            view! {
                                <li class="diagnostic" data-severity=d.severity.as_str() data-rule=d.rule>
                                    <span class="severity">{d.severity.as_str()}</span>
                                    <a class="position" href=line_link(d.line)
                                        on:click=move |ev| {
                                            ev.prevent_default();
                                            go_to(goto, start, end);
                                        }>
                                        {format!("{}:{}", d.line, d.column)}
                                    </a>
                                    <span class="message">{d.message.clone()}</span>
                                    <a class="rule-id" href=rule>{d.rule}</a>
                                    {fix.map(|fix| {
                                        let title = fix.title.clone();
                                        view! {
                                            <button type="button" class="fix-button" data-safe=fix.safe.to_string()
                                                on:click=move |_| {
                                                    let Some(text) = current_text() else { return };
                                                    apply(fixes::fix_replace(&text, &fix));
                                                }>
                                                {format!("Fix: {title}")}
                                            </button>
                                        }
                                    })}
                                    {d.help.clone().map(|help| view! { <p class="help">{help}</p> })}
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                    {(cut < total).then(|| view! {
                        <button type="button" class="show-all" on:click=move |_| show_all.set(true)>
                            {format!("Show all {total} problems")}
                        </button>
                    })}
                }.into_any()
            }}
        </section>
    }
}
