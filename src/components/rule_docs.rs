//! Renders a rule's documentation blocks as text nodes (never as HTML).

use atlas_core::rules::docs::{blocks, DocBlock, Inline};
use atlas_core::rules::RuleMeta;
use leptos::prelude::*;

#[component]
pub fn RuleDocs(rule: &'static RuleMeta) -> impl IntoView {
    blocks(&rule.docs())
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
