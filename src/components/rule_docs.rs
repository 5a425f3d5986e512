//! Renders a rule's documentation blocks as text nodes (never as HTML).

use atlas_core::rules::docs::{blocks, DocBlock, Inline};
use atlas_core::rules::RuleMeta;
use leptos::prelude::*;

use crate::rule_catalog::use_rule_catalog;

#[component]
pub fn RuleDocs(rule: &'static RuleMeta) -> impl IntoView {
    let catalog = use_rule_catalog().0;
    move || match catalog.get() {
        None => view! { <p class="docs-loading">"Loading the documentation…"</p> }.into_any(),
        Some(Err(error)) => {
            view! { <p class="notice">"The documentation could not be loaded: " {error}</p> }.into_any()
        }
        Some(Ok(docs)) => match docs.get(rule.id) {
            Some(text) => render(text).into_any(),
            None => view! { <p class="notice">"No documentation for this rule."</p> }.into_any(),
        },
    }
}

fn render(docs: &str) -> impl IntoView {
    blocks(docs)
        .into_iter()
        .map(|block| match block {
            DocBlock::Heading(text) => view! { <h3>{text}</h3> }.into_any(),
            DocBlock::Paragraph(inlines) => view! {
                <p>
                    {inlines
                        .into_iter()
                        .map(|inline| match inline {
                            Inline::Text(text) => text.into_any(),
                            Inline::Code(code) => view! { <code>{code}</code> }.into_any(),
                        })
                        .collect_view()}
                </p>
            }
            .into_any(),
            DocBlock::Code(code) => view! { <pre><code>{code}</code></pre> }.into_any(),
        })
        .collect_view()
}
