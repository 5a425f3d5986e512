//! The shell: header, navigation, and the view the address names.

use atlas_core::view::{Area, View};
use atlas_core::workspace::ArtifactKind;
use leptos::prelude::*;

use crate::route;
use crate::store::Store;
use crate::views::artifacts::ArtifactsView;
use crate::views::deployment::DeploymentView;
use crate::views::export::ExportView;
use crate::views::rules::RulesView;
use crate::views::topology::TopologyView;

#[component]
pub fn App() -> impl IntoView {
    let view = route::provide();
    let store = Store::provide();
    crate::editing::buffers::Buffers::provide();
    crate::rule_catalog::provide();
    // Only a change of area swaps the page; a new file or line updates in place.
    let area = Memo::new(move |_| view.with(View::area));
    Effect::new(move |_| {
        let area = area.get();
        let name = store.analysis.with(|a| a.deployment.name.clone());
        document().set_title(&format!("{} · {name} · ecs-atlas", area.label()));
    });
    view! {
        <a class="skip-link" href="#main" on:click=|ev| {
            ev.prevent_default();
            if let Some(main) = document().get_element_by_id("main") {
                use leptos::wasm_bindgen::JsCast;
                if let Ok(main) = main.dyn_into::<leptos::web_sys::HtmlElement>() {
                    let _ = main.focus();
                }
            }
        }>"Skip to content"</a>
        <header class="app-header">
            <a class="brand" href="#/topology">
                <span class="brand-mark" aria-hidden="true">"◆"</span>
                <span class="brand-name">"ecs-atlas"</span>
            </a>
            <span class="deployment-name">
                {move || store.analysis.with(|a| a.deployment.name.clone())}
            </span>
            <nav class="app-nav" aria-label="Views">
                <ul>
                    {Area::ALL
                        .into_iter()
                        .map(|area| {
                            let current = move || view.with(|v| v.area() == area);
                            view! {
                                <li>
                                    <a
                                        href=area.home().to_hash()
                                        class:active=current
                                        aria-current=move || current().then_some("page")
                                        data-area=area.label()
                                    >
                                        {area.label()}
                                    </a>
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            </nav>
            {move || store.edited.get().then(|| view! {
                <span class="edited-state">
                    "Your edits are saved in this browser."
                    <button
                        type="button"
                        class="reset-workspace"
                        on:click=move |_| {
                            let sure = window()
                                .confirm_with_message("Discard every edit and go back to the reference deployment?")
                                .unwrap_or(false);
                            if sure {
                                store.reset();
                            }
                        }
                    >
                        "Reset"
                    </button>
                </span>
            })}
            {move || store.save_problem.get().map(|p| view! { <span class="save-problem" role="alert">{p}</span> })}
        </header>
        <div class="app-body">
            <main id="main" class="app-main" tabindex="-1">
                {move || match area.get() {
                    Area::Topology => view! { <TopologyView /> }.into_any(),
                    Area::Deployment => view! { <DeploymentView /> }.into_any(),
                    Area::TaskDefinitions => {
                        view! { <ArtifactsView kind=ArtifactKind::TaskDefinition /> }.into_any()
                    }
                    Area::Nginx => view! { <ArtifactsView kind=ArtifactKind::NginxConfig /> }.into_any(),
                    Area::Export => view! { <ExportView /> }.into_any(),
                    Area::Rules => view! { <RulesView /> }.into_any(),
                }}
            </main>
        </div>
    }
}
