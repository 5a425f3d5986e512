//! The diagram itself: the scene drawn as SVG, with pan (drag), zoom (wheel,
//! pinch, keys), hover highlighting, keyboard focus on every box, problem
//! badges and the traced request path.

use std::collections::{BTreeSet, HashMap};

use atlas_core::diagram::camera;
use atlas_core::diagram::details::kind_label;
use atlas_core::diagram::{Badge, SceneIndex, Traced};
use atlas_core::layout::glyphs::{self, Glyph};
use atlas_core::layout::{BoxKind, SceneBox, ICON, ICON_SPACE, LINE_HEIGHT, PADDING};
use leptos::ev;
use leptos::html;
use leptos::prelude::*;
use leptos::wasm_bindgen::JsCast;
use leptos::web_sys::{KeyboardEvent, PointerEvent, WheelEvent};

use super::state::use_diagram;
use crate::store::use_store;

/// Zoom per wheel notch, per +/- press.
const STEP: f32 = 1.25;

fn glyph_of(b: &SceneBox, stage_names: &HashMap<String, String>) -> &'static Glyph {
    match b.kind {
        BoxKind::PipelineStage => {
            let name = stage_names.get(&b.id).map_or("", String::as_str);
            glyphs::for_stage(glyphs::stage_flavour(&b.id, name))
        }
        kind => glyphs::for_box(kind),
    }
}

/// `<symbol>`s for every glyph, referenced by each box's `<use>`.
pub fn glyph_defs() -> impl IntoView {
    glyphs::ALL
        .iter()
        .map(|g| {
            view! {
                <symbol id=g.id viewBox="0 0 24 24">
                    <rect class="glyph-tile" width="24" height="24" rx="4" fill=g.tile />
                    {g.paths
                        .iter()
                        .map(|p| {
                            if p.filled {
                                view! { <path class="glyph-fill" d=p.d /> }.into_any()
                            } else {
                                view! { <path class="glyph-line" d=p.d /> }.into_any()
                            }
                        })
                        .collect_view()}
                </symbol>
            }
        })
        .collect_view()
}

fn points(points: &[(f32, f32)]) -> String {
    let mut out = String::with_capacity(points.len() * 12);
    for (i, (x, y)) in points.iter().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        out.push_str(&format!("{x:.1},{y:.1}"));
    }
    out
}

/// The motion path of the traveller: along the connector between
/// consecutive boxes where there is one, straight across where not.
fn journey_path(traced: &Traced, index: &SceneIndex, scene: &atlas_core::layout::Scene) -> String {
    let stops: Vec<&str> = {
        let mut stops: Vec<&str> = Vec::new();
        for b in traced.boxes.iter().flatten() {
            if stops.last() != Some(&b.as_str()) {
                stops.push(b);
            }
        }
        stops
    };
    let mut d = String::new();
    for (i, id) in stops.iter().enumerate() {
        let Some(b) = index.get(id) else { continue };
        let r = b.rect();
        if i == 0 {
            d.push_str(&format!("M{:.1},{:.1}", r.cx(), r.cy()));
            continue;
        }
        let prev = stops[i - 1];
        let forward = scene.edges.iter().find(|e| e.from == prev && e.to == *id);
        let backward = scene.edges.iter().find(|e| e.from == *id && e.to == prev);
        let via: Vec<(f32, f32)> = match (forward, backward) {
            (Some(e), _) => e.points.clone(),
            (None, Some(e)) => e.points.iter().rev().copied().collect(),
            _ => Vec::new(),
        };
        for (x, y) in via {
            d.push_str(&format!(" L{x:.1},{y:.1}"));
        }
        d.push_str(&format!(" L{:.1},{:.1}", r.cx(), r.cy()));
    }
    d
}

#[component]
pub fn Canvas(paths: Memo<Option<Traced>>, badges: Memo<HashMap<String, Badge>>) -> impl IntoView {
    let store = use_store();
    let state = use_diagram();
    let host: NodeRef<html::Div> = NodeRef::new();
    let scene = store.scene;

    let measure = move || {
        if let Some(el) = host.get_untracked() {
            let r = el.get_bounding_client_rect();
            state.size.set((r.width() as f32, r.height() as f32));
        }
    };
    Effect::new(move |_| {
        if host.get().is_some() {
            measure();
        }
    });
    let resize = window_event_listener(ev::resize, move |_| measure());
    on_cleanup(move || resize.remove());

    // Fit once the size is known, unless the address brought a zoom.
    Effect::new(move |_| {
        let (w, h) = state.size.get();
        if w > 0.0 && state.zoom.get_untracked().is_none() {
            let fitted = scene.with_untracked(|s| camera::fit(s.width, s.height, w, h));
            state.zoom.set(Some(fitted));
        }
    });

    let view_box = move || {
        let (w, h) = state.size.get();
        let zoom = state.zoom.get()?;
        let (x, y, vw, vh) = camera::view_box(zoom, w, h);
        Some(format!("{x:.2} {y:.2} {vw:.2} {vh:.2}"))
    };

    // Pointers down, for drag and pinch.
    let pointers = StoredValue::new(HashMap::<i32, (f32, f32)>::new());
    let dragged = StoredValue::new(false);
    let local = move |ev: &PointerEvent| -> (f32, f32) {
        let r = host
            .get_untracked()
            .map(|el| el.get_bounding_client_rect())
            .map_or((0.0, 0.0), |r| (r.left() as f32, r.top() as f32));
        (ev.client_x() as f32 - r.0, ev.client_y() as f32 - r.1)
    };
    let on_down = move |ev: PointerEvent| {
        if ev.button() != 0 {
            return;
        }
        pointers.update_value(|p| {
            p.insert(ev.pointer_id(), local(&ev));
        });
        dragged.set_value(false);
    };
    let on_move = move |ev: PointerEvent| {
        let now = local(&ev);
        let mut before = None;
        pointers.update_value(|p| {
            if let Some(at) = p.get_mut(&ev.pointer_id()) {
                before = Some((*at, p.len()));
            }
        });
        let Some((at, count)) = before else { return };
        let Some(zoom) = state.zoom.get_untracked() else { return };
        if count == 1 {
            let (dx, dy) = (now.0 - at.0, now.1 - at.1);
            if !dragged.get_value() && dx.abs() + dy.abs() < 4.0 {
                return;
            }
            if !dragged.get_value() {
                dragged.set_value(true);
                if let Some(el) = host.get_untracked() {
                    let _ = el.set_pointer_capture(ev.pointer_id());
                }
            }
            state.zoom.set(Some(camera::pan(zoom, dx, dy)));
        } else {
            // Pinch: the distance between two fingers scales the view
            // around their midpoint.
            let other = pointers.with_value(|p| p.iter().find(|(id, _)| **id != ev.pointer_id()).map(|(_, at)| *at));
            if let Some(o) = other {
                let before = ((at.0 - o.0).powi(2) + (at.1 - o.1).powi(2)).sqrt();
                let after = ((now.0 - o.0).powi(2) + (now.1 - o.1).powi(2)).sqrt();
                if before > 1.0 {
                    let mid = ((now.0 + o.0) / 2.0, (now.1 + o.1) / 2.0);
                    state
                        .zoom
                        .set(Some(camera::zoom_at(zoom, after / before, mid.0, mid.1)));
                    dragged.set_value(true);
                }
            }
        }
        pointers.update_value(|p| {
            p.insert(ev.pointer_id(), now);
        });
    };
    let on_up = move |ev: PointerEvent| {
        pointers.update_value(|p| {
            p.remove(&ev.pointer_id());
        });
    };
    let on_wheel = move |ev: WheelEvent| {
        ev.prevent_default();
        let Some(zoom) = state.zoom.get_untracked() else { return };
        let r = host.get_untracked().map(|el| el.get_bounding_client_rect());
        let (left, top) = r.map_or((0.0, 0.0), |r| (r.left() as f32, r.top() as f32));
        // Trackpads send many small deltas, mice a few large ones.
        let factor = (-(ev.delta_y() as f32) / 300.0).exp().clamp(1.0 / STEP, STEP);
        let (px, py) = (ev.client_x() as f32 - left, ev.client_y() as f32 - top);
        state.zoom.set(Some(camera::zoom_at(zoom, factor, px, py)));
    };
    let on_key = move |ev: KeyboardEvent| {
        let Some(zoom) = state.zoom.get_untracked() else { return };
        let (w, h) = state.size.get_untracked();
        let moved = match ev.key().as_str() {
            "+" | "=" => camera::zoom_at(zoom, STEP, w / 2.0, h / 2.0),
            "-" | "_" => camera::zoom_at(zoom, 1.0 / STEP, w / 2.0, h / 2.0),
            "0" => scene.with_untracked(|s| camera::fit(s.width, s.height, w, h)),
            "ArrowLeft" if ev.shift_key() => camera::pan(zoom, 80.0, 0.0),
            "ArrowRight" if ev.shift_key() => camera::pan(zoom, -80.0, 0.0),
            "ArrowUp" if ev.shift_key() => camera::pan(zoom, 0.0, 80.0),
            "ArrowDown" if ev.shift_key() => camera::pan(zoom, 0.0, -80.0),
            "Escape" => {
                state.select(None);
                return;
            }
            _ => return,
        };
        ev.prevent_default();
        state.zoom.set(Some(moved));
    };

    // What to light up: the hovered box and its neighbours.
    let lit = Memo::new(move |_| {
        let hovered = state.hover.get()?;
        scene.with(|s| {
            let index = SceneIndex::new(s);
            let (mut boxes, edges) = index.neighbours(&hovered);
            boxes.insert(hovered);
            Some((boxes, edges))
        })
    });
    let on_path = Memo::new(move |_| {
        paths.with(|p| {
            let mut boxes: HashMap<String, Vec<usize>> = HashMap::new();
            let mut edges = BTreeSet::new();
            if let Some(traced) = p {
                let mut previous: Option<&str> = None;
                for (step, b) in traced.boxes.iter().enumerate() {
                    let Some(b) = b else { continue };
                    boxes.entry(b.clone()).or_default().push(step + 1);
                    if let Some(prev) = previous.filter(|p| *p != b) {
                        edges.insert((prev.to_owned(), b.clone()));
                    }
                    previous = Some(b);
                }
            }
            (boxes, edges)
        })
    });
    let selected = Memo::new(move |_| state.address.with(|d| d.node.clone()));
    let step_box = Memo::new(move |_| {
        let step = state.address.with(|d| d.step)?;
        paths.with(|p| p.as_ref()?.boxes.get(step - 1).cloned().flatten())
    });

    let stage_names = Memo::new(move |_| {
        store.analysis.with(|a| {
            a.deployment
                .pipeline
                .iter()
                .map(|s| (s.id.clone(), s.name.clone()))
                .collect::<HashMap<_, _>>()
        })
    });

    let boxes = move || {
        let names = stage_names.get();
        scene.with(|s| {
            s.boxes
                .iter()
                .map(|b| {
                    let glyph = glyph_of(b, &names);
                    node_view(b, glyph, lit, on_path, selected, step_box)
                })
                .collect_view()
        })
    };
    let edges = move || {
        scene.with(|s| {
            s.edges
                .iter()
                .map(|e| {
                    let id = e.id.clone();
                    let pair = (e.from.clone(), e.to.clone());
                    let reverse = (e.to.clone(), e.from.clone());
                    let edge_id = id.clone();
                    view! {
                        <polyline
                            class=format!("edge edge-{}", e.kind.as_str())
                            class:lit=move || lit.with(|l| l.as_ref().is_some_and(|(_, e)| e.contains(&edge_id)))
                            class:on-path=move || on_path.with(|(_, e)| e.contains(&pair) || e.contains(&reverse))
                            data-id=id
                            points=points(&e.points)
                            marker-end="url(#arrow)"
                        />
                    }
                })
                .collect_view()
        })
    };
    let badge_views = move || {
        let list = badges.get();
        scene.with(|s| {
            let mut views = Vec::new();
            for b in &s.boxes {
                let Some(badge) = list.get(&b.id) else { continue };
                let count = badge.errors + badge.warnings;
                let severity = if badge.errors > 0 { "error" } else { "warning" };
                let id = b.id.clone();
                let label = format!(
                    "{}: {} error{}, {} warning{}",
                    b.label,
                    badge.errors,
                    if badge.errors == 1 { "" } else { "s" },
                    badge.warnings,
                    if badge.warnings == 1 { "" } else { "s" }
                );
                let (x, y) = (b.x + b.width - 4.0, b.y + 4.0);
                let title = label.clone();
                views.push(view! {
                    <g
                        class=format!("badge badge-{severity}")
                        data-node=b.id.clone()
                        role="button"
                        tabindex="0"
                        aria-label=label
                        on:click=move |ev| {
                            ev.stop_propagation();
                            let id = id.clone();
                            state.go(move |d| {
                                d.node = Some(id);
                                d.path = None;
                                d.step = None;
                                d.panel = atlas_core::view::Panel::Details;
                            });
                        }
                    >
                        <title>{title}</title>
                        <circle cx=x cy=y r="9" />
                        <text x=x y=y + 4.0>{count.min(99).to_string()}</text>
                    </g>
                });
            }
            views.collect_view()
        })
    };
    let traveller = move || {
        let path = paths.with(|p| {
            p.as_ref()
                .map(|t| scene.with(|s| journey_path(t, &SceneIndex::new(s), s)))
        })?;
        let seconds = paths.with(|p| p.as_ref().map_or(1, |t| t.hops.len())) as f32 * 0.6;
        Some(view! {
            <circle class="traveller" r="6">
                <animateMotion dur=format!("{seconds:.1}s") repeatCount="indefinite" path=path />
            </circle>
        })
    };

    view! {
        <div
            class="diagram-canvas"
            node_ref=host
            on:pointerdown=on_down
            on:pointermove=on_move
            on:pointerup=on_up
            on:pointercancel=on_up
            on:wheel=on_wheel
            on:keydown=on_key
            on:click=move |ev| {
                // A click on the background (not after a drag) clears the selection.
                if dragged.get_value() {
                    return;
                }
                let on_box = ev
                    .target()
                    .and_then(|t| t.dyn_into::<leptos::web_sys::Element>().ok())
                    .and_then(|el| el.closest(".node").ok().flatten());
                if on_box.is_none() && selected.get_untracked().is_some() {
                    state.select(None);
                }
            }
        >
            <svg
                class="diagram"
                xmlns="http://www.w3.org/2000/svg"
                role="group"
                aria-label="Deployment diagram"
                viewBox=view_box
                class:hovering=move || lit.with(Option::is_some)
                class:tracing=move || paths.with(Option::is_some)
                data-width=move || scene.with(|s| s.width)
                data-height=move || scene.with(|s| s.height)
            >
                <defs>
                    {glyph_defs()}
                    <marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
                        <path class="arrow-head" d="M0,0 L10,5 L0,10 z" />
                    </marker>
                </defs>
                <g class="layer-boxes">{boxes}</g>
                <g class="layer-edges">{edges}</g>
                <g class="layer-badges">{badge_views}</g>
                <g class="layer-path">{traveller}</g>
            </svg>
        </div>
    }
}

fn node_view(
    b: &SceneBox,
    glyph: &'static Glyph,
    lit: Memo<Option<(BTreeSet<String>, BTreeSet<String>)>>,
    on_path: Memo<(HashMap<String, Vec<usize>>, BTreeSet<(String, String)>)>,
    selected: Memo<Option<String>>,
    step_box: Memo<Option<String>>,
) -> impl IntoView {
    let state = use_diagram();
    let id = b.id.clone();
    let text_x = b.x + PADDING + ICON_SPACE;
    let label_y = b.y + PADDING + 13.0;
    let kind = kind_label(b.kind);
    let aria = if b.sublabel.is_empty() {
        format!("{kind}: {}", b.label)
    } else {
        format!("{kind}: {}, {}", b.label, b.sublabel)
    };
    let steps = {
        let id = id.clone();
        move || on_path.with(|(boxes, _)| boxes.get(&id).cloned())
    };
    let (is_lit, is_selected, is_step, on) = {
        let (a, b2, c, d) = (id.clone(), id.clone(), id.clone(), id.clone());
        (
            move || lit.with(|l| l.as_ref().is_some_and(|(boxes, _)| boxes.contains(&a))),
            move || selected.with(|s| s.as_deref() == Some(b2.as_str())),
            move || step_box.with(|s| s.as_deref() == Some(c.as_str())),
            move || on_path.with(|(boxes, _)| boxes.contains_key(&d)),
        )
    };
    let (enter, leave, open, key_open) = {
        let (a, c, d) = (id.clone(), id.clone(), id.clone());
        (
            move |_| state.hover.set(Some(a.clone())),
            move |_| state.hover.set(None),
            move |ev: leptos::web_sys::MouseEvent| {
                ev.stop_propagation();
                state.select(Some(c.clone()));
            },
            move |ev: KeyboardEvent| {
                if ev.key() == "Enter" || ev.key() == " " {
                    ev.prevent_default();
                    ev.stop_propagation();
                    state.select(Some(d.clone()));
                }
            },
        )
    };
    let focus_id = id.clone();
    let marker_x = b.x + b.width - 10.0;
    let marker_y = b.y + b.height - 10.0;
    view! {
        <g
            class=format!("node kind-{}", b.kind.as_str())
            class:planned=b.planned
            class:lit=is_lit
            class:selected=is_selected
            class:current-step=is_step
            class:on-path=on
            data-id=id
            tabindex="0"
            role="button"
            aria-label=aria
            on:pointerenter=enter
            on:pointerleave=leave
            on:focus=move |_| state.hover.set(Some(focus_id.clone()))
            on:blur=move |_| state.hover.set(None)
            on:click=open
            on:keydown=key_open
        >
            <rect class="box" x=b.x y=b.y width=b.width height=b.height rx="6" />
            <use href=format!("#{}", glyph.id) x=b.x + PADDING y=b.y + PADDING - 1.0 width=ICON height=ICON />
            <text class="label" x=text_x y=label_y>{b.label.clone()}</text>
            {(!b.sublabel.is_empty()).then(|| view! {
                <text class="sublabel" x=text_x y=label_y + LINE_HEIGHT>{b.sublabel.clone()}</text>
            })}
            {move || steps().map(|steps| {
                let text = steps.iter().map(usize::to_string).collect::<Vec<_>>().join(",");
                let width = 12.0 + 7.0 * text.len() as f32;
                view! {
                    <g class="step-marker">
                        <rect x=marker_x - width + 10.0 y=marker_y - 9.0 width=width height="18" rx="9" />
                        <text x=marker_x - width / 2.0 + 10.0 y=marker_y + 4.0>{text}</text>
                    </g>
                }
            })}
        </g>
    }
}
