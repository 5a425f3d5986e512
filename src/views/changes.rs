//! What changed in a file since it came in (the reference deployment, or
//! the text it was added with): a line diff with the unchanged stretches
//! folded away.

use atlas_core::editing::diff::{self, LineTag, Segment};
use leptos::prelude::*;

use crate::store::use_store;

/// Unchanged lines kept around each change.
const CONTEXT: usize = 3;

#[component]
pub fn Changes(file: String) -> impl IntoView {
    let store = use_store();
    let original = store.original_of(&file);
    let name = file.clone();
    let lines = Memo::new(move |_| {
        let current = store.text_of(&name).unwrap_or_default();
        original.as_deref().map(|original| diff::line_diff(original, &current))
    });
    view! {
        <div class="changes">
            {move || lines.with(|lines| match lines {
                None => view! {
                    <p class="notice">"There is no original of " {file.clone()} " to compare with."</p>
                }.into_any(),
                Some(lines) => {
                    let (added, removed) = diff::counts(lines);
                    if added == 0 && removed == 0 {
                        return view! {
                            <p class="changes-none">"No changes: the file is as it came in."</p>
                        }.into_any();
                    }
                    let rows = diff::segments(lines, CONTEXT)
                        .into_iter()
                        .map(|segment| match segment {
                            Segment::Lines(range) => lines[range]
                                .iter()
                                .map(|line| {
                                    let (class, sign) = match line.tag {
                                        LineTag::Same => ("diff-line same", " "),
                                        LineTag::Added => ("diff-line added", "+"),
                                        LineTag::Removed => ("diff-line removed", "−"),
                                    };
                                    view! {
                                        <tr class=class>
                                            <td class="diff-no">{line.old.map(|n| n.to_string())}</td>
                                            <td class="diff-no">{line.new.map(|n| n.to_string())}</td>
                                            <td class="diff-sign" aria-hidden="true">{sign}</td>
                                            <td class="diff-text">{line.text.clone()}</td>
                                        </tr>
                                    }
                                    .into_any()
                                })
                                .collect_view()
                                .into_any(),
                            Segment::Skipped { lines: n, .. } => view! {
                                <tr class="diff-skipped">
                                    <td colspan="4">{format!("⋯ {n} unchanged lines")}</td>
                                </tr>
                            }
                            .into_any(),
                        })
                        .collect_view();
                    view! {
                        <p class="changes-summary">
                            <span class="added-count">{format!("+{added}")}</span>
                            " "
                            <span class="removed-count">{format!("−{removed}")}</span>
                            " lines against the original"
                        </p>
                        <div class="diff-scroll">
                            <table class="diff" aria-label="Changes against the original">
                                <tbody>{rows}</tbody>
                            </table>
                        </div>
                    }.into_any()
                }
            })}
        </div>
    }
}
