//! Every rule, searchable, with its documentation from core's metadata.

use atlas_core::rules::{self, RuleMeta};
use atlas_core::view::View;
use leptos::prelude::*;

use crate::components::rule_docs::RuleDocs;
use crate::route::use_view;
use crate::rule_catalog::use_rule_catalog;

fn selected_id(view: &View) -> Option<String> {
    match view {
        View::Rules { rule } => rule.clone(),
        _ => None,
    }
}

#[component]
pub fn RulesView() -> impl IntoView {
    let view = use_view();
    let (query, set_query) = signal(String::new());
    let catalog = use_rule_catalog().0;
    // Until the documentation has loaded, search covers ids and summaries.
    let matching = Memo::new(move |_| {
        let docs = catalog.get().and_then(Result::ok);
        let text_of = |rule: &RuleMeta| docs.as_ref().and_then(|d| d.get(rule.id)).map_or("", String::as_str);
        query.with(|q| {
            rules::search_with(q, text_of)
                .into_iter()
                .map(|r| r.id)
                .collect::<Vec<_>>()
        })
    });
    let requested = Memo::new(move |_| view.with(selected_id));
    let selected = Memo::new(move |_| match requested.get() {
        Some(id) => rules::find(&id).map(|r| r.id),
        None => rules::all().first().map(|r| r.id),
    });

    view! {
        <div class="rules">
            <aside class="rule-index" aria-label="Rules">
                <h1 class="switcher-title">"Rules"</h1>
                <input
                    class="rule-search"
                    type="search"
                    placeholder="Search rules"
                    aria-label="Search rules"
                    prop:value=query
                    on:input=move |ev| set_query.set(event_target_value(&ev))
                />
                <ul>
                    {move || {
                        let ids = matching.get();
                        if ids.is_empty() {
                            return view! { <li class="rule-none">"No rule matches."</li> }.into_any();
                        }
                        ids.into_iter()
                            .filter_map(rules::find)
                            .map(|rule| view! { <RuleLink rule=rule selected=selected /> })
                            .collect_view()
                            .into_any()
                    }}
                </ul>
            </aside>
            <article class="rule-page">
                {move || match (selected.get().and_then(rules::find), requested.get()) {
                    (Some(rule), _) => view! { <RulePage rule=rule /> }.into_any(),
                    (None, Some(id)) => view! {
                        <p class="notice">"No rule has the id “" {id} "”."</p>
                    }.into_any(),
                    (None, None) => ().into_any(),
                }}
            </article>
        </div>
    }
}

#[component]
fn RuleLink(rule: &'static RuleMeta, selected: Memo<Option<&'static str>>) -> impl IntoView {
    let active = move || selected.get() == Some(rule.id);
    view! {
        <li>
            <a
                class="rule-link"
                class:active=active
                aria-current=move || active().then_some("page")
                href=View::Rules { rule: Some(rule.id.to_owned()) }.to_hash()
            >
                <span class="rule-id" data-severity=rule.severity.as_str()>{rule.id}</span>
                <span class="rule-summary">{rule.summary}</span>
            </a>
        </li>
    }
}

#[component]
fn RulePage(rule: &'static RuleMeta) -> impl IntoView {
    view! {
        <header class="rule-head">
            <h2>{rule.id}</h2>
            <p>
                <span class="severity-badge" data-severity=rule.severity.as_str()>
                    {rule.severity.as_str()}
                </span>
                " " {rule.summary}
            </p>
        </header>
        <div class="rule-docs">
            <RuleDocs rule=rule />
        </div>
    }
}
