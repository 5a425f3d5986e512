//! The problems found in one file, in position order, each linking to its line
//! and its rule's documentation.

use atlas_core::view::View;
use atlas_core::Diagnostic;
use leptos::prelude::*;

#[component]
pub fn DiagnosticsList(
    diagnostics: Memo<Vec<Diagnostic>>,
    line_link: impl Fn(usize) -> String + Clone + Send + Sync + 'static,
) -> impl IntoView {
    view! {
        <section class="diagnostics" aria-label="Problems">
            <h3 class="diagnostics-title">
                "Problems "
                <span class="diagnostics-count">{move || diagnostics.with(Vec::len)}</span>
            </h3>
            {move || {
                let list = diagnostics.get();
                if list.is_empty() {
                    return view! { <p class="diagnostics-none">"No problems found in this file."</p> }
                        .into_any();
                }
                let line_link = line_link.clone();
                view! {
                    <ul class="diagnostics-list">
                        {list
                            .into_iter()
                            .map(|d| {
                                let rule = View::Rules { rule: Some(d.rule.to_owned()) }.to_hash();
                                view! {
                                    <li class="diagnostic" data-severity=d.severity.as_str()>
                                        <span class="severity">{d.severity.as_str()}</span>
                                        <a class="position" href=line_link(d.line)>
                                            {format!("{}:{}", d.line, d.column)}
                                        </a>
                                        <span class="message">{d.message.clone()}</span>
                                        <a class="rule-id" href=rule>{d.rule}</a>
                                        {d.help.clone().map(|help| view! { <p class="help">{help}</p> })}
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                }
                    .into_any()
            }}
        </section>
    }
}
