//! The home page: the deployment as an interactive diagram, with the
//! details, path and capacity panels beside it.

mod canvas;
mod capacity;
mod export;
mod highlight;
mod panel;
mod state;

use std::collections::HashMap;

use atlas_core::deployment::request_path::Entry;
use atlas_core::diagram::camera;
use atlas_core::diagram::{badges, trace, Badge, SceneIndex, Traced};
use atlas_core::view::Panel as PanelKind;
use leptos::prelude::*;

use crate::store::use_store;
use canvas::Canvas;
use capacity::CapacityPanel;
use panel::{journey_title, Panel};
use state::DiagramState;

#[component]
pub fn TopologyView() -> impl IntoView {
    let store = use_store();
    let state = DiagramState::provide();
    let journey = Memo::new(move |_| state.address.with(|d| d.path));
    let panel = Memo::new(move |_| state.address.with(|d| d.panel));
    let paths: Memo<Option<Traced>> = Memo::new(move |_| {
        let journey = journey.get()?;
        Some(store.workspace.with(|w| {
            store
                .analysis
                .with(|a| store.scene.with(|s| trace(a, w, &SceneIndex::new(s), journey)))
        }))
    });
    let badge_map: Memo<HashMap<String, Badge>> = Memo::new(move |_| {
        store.workspace.with(|w| {
            store
                .analysis
                .with(|a| store.scene.with(|s| badges(a, w, &SceneIndex::new(s))))
        })
    });

    // A box selected here (a click, a step, a badge) is brought into view;
    // the selection a link arrives with keeps the link's camera.
    Effect::new(move |previous: Option<Option<String>>| {
        let node = state.address.with(|d| d.node.clone());
        let (w, h) = state.size.get_untracked();
        let changed = previous.is_some_and(|p| p != node);
        if let (true, Some(id), Some(zoom), true) = (changed, &node, state.zoom.get_untracked(), w > 0.0) {
            let rect = store
                .scene
                .with_untracked(|s| s.boxes.iter().find(|b| &b.id == id).map(|b| b.rect()));
            if let Some(rect) = rect {
                let moved = camera::reveal(zoom, rect, w, h);
                if moved != zoom {
                    state.zoom.set(Some(moved));
                }
            }
        }
        node
    });

    let zoom_by = move |factor: f32| {
        let (w, h) = state.size.get_untracked();
        if let Some(z) = state.zoom.get_untracked() {
            state.zoom.set(Some(camera::zoom_at(z, factor, w / 2.0, h / 2.0)));
        }
    };
    let fit = move || {
        let (w, h) = state.size.get_untracked();
        let fitted = store.scene.with_untracked(|s| camera::fit(s.width, s.height, w, h));
        state.zoom.set(Some(fitted));
    };
    let export = move |png: bool| {
        let Some(svg) = document().query_selector("svg.diagram").ok().flatten() else {
            return;
        };
        let svg = &svg;
        let (width, height) = store.scene.with_untracked(|s| (s.width, s.height));
        let name = store.analysis.with_untracked(|a| a.deployment.name.clone());
        let name: String = name
            .chars()
            .map(|c| if c.is_alphanumeric() || c == '-' { c } else { '-' })
            .collect();
        // A large scene draws text only where the camera looks: draw it all,
        // let the page render it, then save.
        state.full_detail.set(true);
        let svg = svg.clone();
        request_animation_frame(move || {
            let result = if png {
                export::save_png(&svg, width, height, &format!("{name}-diagram.png"))
            } else {
                export::save_svg(&svg, width, height, &format!("{name}-diagram.svg"))
            };
            state.full_detail.set(false);
            if let Err(e) = result {
                leptos::logging::warn!("Diagram export failed: {e:?}");
            }
        });
    };

    view! {
        <div class="topology-page">
            <div class="diagram-toolbar" role="toolbar" aria-label="Diagram">
                <div class="group" role="group" aria-label="Trace a request">
                    {Entry::ALL.into_iter().map(|j| {
                        let active = move || journey.get() == Some(j);
                        view! {
                            <button
                                type="button"
                                class="path-button"
                                data-path=j.as_str()
                                title=journey_title(j)
                                aria-pressed=move || active().to_string()
                                on:click=move |_| state.go(|d| {
                                    d.path = if d.path == Some(j) { None } else { Some(j) };
                                    d.step = None;
                                    d.panel = PanelKind::Details;
                                })
                            >
                                {j.as_str().to_uppercase()}
                            </button>
                        }
                    }).collect_view()}
                </div>
                <button
                    type="button"
                    class="capacity-button"
                    aria-pressed=move || (panel.get() == PanelKind::Capacity).to_string()
                    on:click=move |_| state.go(|d| {
                        d.panel = if d.panel == PanelKind::Capacity { PanelKind::Details } else { PanelKind::Capacity };
                    })
                >
                    "Capacity"
                </button>
                <div class="group" role="group" aria-label="Zoom">
                    <button type="button" class="zoom-out" aria-label="Zoom out" on:click=move |_| zoom_by(0.8)>"−"</button>
                    <span class="zoom-level" aria-live="off">
                        {move || state.zoom.get().map(|z| format!("{:.0}%", z.scale * 100.0))}
                    </span>
                    <button type="button" class="zoom-in" aria-label="Zoom in" on:click=move |_| zoom_by(1.25)>"+"</button>
                    <button type="button" class="zoom-fit" on:click=move |_| fit()>"Fit"</button>
                </div>
                <div class="group" role="group" aria-label="Download">
                    <button type="button" class="export-svg" on:click=move |_| export(false)>"SVG"</button>
                    <button type="button" class="export-png" on:click=move |_| export(true)>"PNG"</button>
                </div>
            </div>
            <div class="diagram-area">
                <Canvas paths=paths badges=badge_map />
                {move || match panel.get() {
                    PanelKind::Capacity => view! { <CapacityPanel /> }.into_any(),
                    PanelKind::Details => view! { <Panel paths=paths badges=badge_map /> }.into_any(),
                }}
            </div>
        </div>
    }
}
