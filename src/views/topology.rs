//! The deployment's parts, from core's outline: what each thing is, how it is
//! configured, and which file governs it.

use atlas_core::outline::{outline, Item};
use leptos::prelude::*;

use crate::store::use_store;

#[component]
pub fn TopologyView() -> impl IntoView {
    let store = use_store();
    let outline = Memo::new(move |_| store.analysis.with(outline));
    move || {
        let outline = outline.get();
        view! {
            <div class="topology">
                <header class="page-head">
                    <h1>{outline.title.clone()}</h1>
                    <p class="lede">{outline.description.clone()}</p>
                </header>
                {outline
                    .sections
                    .into_iter()
                    .map(|section| {
                        view! {
                            <section class="outline-section" id=format!("section-{}", section.id)>
                                <h2>{section.title}</h2>
                                <div class="outline-items">
                                    {section.items.into_iter().map(item_card).collect_view()}
                                </div>
                            </section>
                        }
                    })
                    .collect_view()}
                {(!outline.notes.is_empty()).then(|| view! {
                    <aside class="notes">
                        <h2>"What the sources leave open"</h2>
                        <ul>
                            {outline.notes.into_iter().map(|n| view! { <li>{n}</li> }).collect_view()}
                        </ul>
                    </aside>
                })}
            </div>
        }
    }
}

/// One part of the deployment, with its parts nested inside.
fn item_card(item: Item) -> AnyView {
    let kind = item.kind.as_str();
    view! {
        <article class="item" data-kind=kind data-id=item.id.clone()>
            <header class="item-head">
                <span class="glyph" data-kind=kind aria-hidden="true">{item.kind.badge()}</span>
                <h3 class="item-title">{item.title.clone()}</h3>
                {item.opens.map(|view| view! {
                    <a class="open-file" href=view.to_hash()>"Open file"</a>
                })}
            </header>
            <p class="item-about">{item.about}</p>
            {(!item.facts.is_empty()).then(|| view! {
                <dl class="facts">
                    {item.facts.into_iter().map(|f| view! {
                        <div class="fact">
                            <dt>{f.label}</dt>
                            <dd>{f.value}</dd>
                        </div>
                    }).collect_view()}
                </dl>
            })}
            {(!item.children.is_empty()).then(|| view! {
                <div class="item-children">
                    {item.children.into_iter().map(item_card).collect_view()}
                </div>
            })}
        </article>
    }
    .into_any()
}
