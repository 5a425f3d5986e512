//! A read-only listing of a file with line numbers. Each number links to its
//! line (`…/L12`), the linked line is highlighted and scrolled into view, and
//! lines with diagnostics get a gutter marker.

use atlas_core::{Diagnostic, Severity};
use leptos::prelude::*;
use leptos::wasm_bindgen::JsCast;
use leptos::web_sys::{HtmlElement, ScrollBehavior, ScrollIntoViewOptions, ScrollLogicalPosition};

fn line_id(n: usize) -> String {
    format!("code-L{n}")
}

/// The most severe diagnostic on each line, for the gutter.
fn worst_by_line(diagnostics: &[Diagnostic]) -> std::collections::HashMap<usize, Severity> {
    let mut worst = std::collections::HashMap::new();
    for d in diagnostics {
        worst
            .entry(d.line)
            .and_modify(|s: &mut Severity| *s = (*s).min(d.severity))
            .or_insert(d.severity);
    }
    worst
}

#[component]
pub fn CodeView(
    text: String,
    diagnostics: Memo<Vec<Diagnostic>>,
    selected_line: Memo<Option<usize>>,
    line_link: impl Fn(usize) -> String + Clone + Send + Sync + 'static,
) -> impl IntoView {
    Effect::new(move |_| {
        let Some(n) = selected_line.get() else { return };
        let Some(row) = document().get_element_by_id(&line_id(n)) else {
            return;
        };
        // Scroll the listing, not the page: the header and the problems
        // below stay where they are.
        let listing = row.closest(".code-view").ok().flatten();
        match (listing, row.dyn_ref::<HtmlElement>()) {
            (Some(listing), Some(row)) => {
                let top = row.offset_top() - listing.client_height() / 2 + row.offset_height() / 2;
                listing.set_scroll_top(top.max(0));
            }
            _ => {
                let options = ScrollIntoViewOptions::new();
                options.set_block(ScrollLogicalPosition::Center);
                options.set_behavior(ScrollBehavior::Instant);
                row.scroll_into_view_with_scroll_into_view_options(&options);
            }
        }
    });
    let markers = Memo::new(move |_| diagnostics.with(|d| worst_by_line(d)));
    let lines: Vec<(usize, String)> = text.lines().enumerate().map(|(i, l)| (i + 1, l.to_owned())).collect();
    view! {
        <div class="code-view" role="region" aria-label="File contents">
            {lines
                .into_iter()
                .map(|(n, content)| {
                    let marker = move || markers.with(|m| m.get(&n).map(|s| s.as_str()));
                    view! {
                        <div
                            class="code-line"
                            id=line_id(n)
                            class:selected=move || selected_line.get() == Some(n)
                            data-marker=marker
                        >
                            <a class="line-no" href=line_link(n) aria-label=format!("Line {n}")>{n}</a>
                            <span class="line-text">{content}</span>
                        </div>
                    }
                })
                .collect_view()}
        </div>
    }
}
