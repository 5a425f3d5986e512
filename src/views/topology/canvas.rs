//! The diagram itself: the scene drawn as SVG, with pan (drag), zoom (wheel,
//! pinch, keys), hover highlighting, keyboard focus on every box, problem
//! badges and the traced request path.

use std::collections::HashMap;

use atlas_core::deployment::StageKind;
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

use super::highlight;
use super::state::use_diagram;
use crate::store::use_store;

/// Zoom per wheel notch, per +/- press.
const STEP: f32 = 1.25;
/// How long the camera must rest before the drawing is redone at the new
/// zoom; until then the last drawing is moved and scaled as an image, which
/// the browser does without repainting thousands of shapes.
const SETTLE_MS: u64 = 120;
/// Scenes with more boxes than this draw text and glyphs only for the boxes
/// in view, and none below [`DETAIL_SCALE`], where text would be smaller
/// than 4 px anyway: a 500-task deployment stays a fluid picture.
const DETAIL_LIMIT: usize = 150;
const DETAIL_SCALE: f32 = 0.3;

fn glyph_of(b: &SceneBox, stages: &HashMap<String, StageKind>) -> &'static Glyph {
    match (b.kind, stages.get(&b.id)) {
        (BoxKind::PipelineStage, Some(&kind)) => glyphs::for_stage(kind),
        (kind, _) => glyphs::for_box(kind),
    }
}

/// `<symbol>`s for every glyph, referenced by each box's `<use>`.
pub fn glyph_defs() -> impl IntoView {
    glyphs::ALL
        .iter()
        .map(|g| view! { <symbol id=g.id viewBox="0 0 24 24">{glyph_art(g)}</symbol> })
        .collect_view()
}

/// A glyph's tile and line-art on its 24 × 24 grid, painted by
/// presentation attributes, not classes: a `<use>` copy lives in its own
/// shadow tree, which the page's (and the export's) selectors do not reach.
pub fn glyph_art(g: &'static Glyph) -> impl IntoView {
    let art = g
        .paths
        .iter()
        .map(|p| {
            if p.filled {
                view! { <path d=p.d fill="#fff" /> }.into_any()
            } else {
                view! {
                    <path
                        d=p.d
                        fill="none"
                        stroke="#fff"
                        stroke-width="1.5"
                        stroke-linecap="round"
                        stroke-linejoin="round"
                    />
                }
                .into_any()
            }
        })
        .collect_view();
    view! {
        <rect width="24" height="24" rx="4" fill=g.tile />
        {art}
    }
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

/// The motion path of the traveller: along the connector of each leg of the
/// path where there is one, straight across where not.
fn journey_path(traced: &Traced, index: &SceneIndex, scene: &atlas_core::layout::Scene) -> String {
    let centre = |id: &str| index.get(id).map(|b| (b.rect().cx(), b.rect().cy()));
    let stops = traced.stops(index);
    let Some((x, y)) = stops.first().and_then(|s| centre(s)) else {
        return String::new();
    };
    let mut d = format!("M{x:.1},{y:.1}");
    for leg in traced.legs(scene, index) {
        let Some((x, y)) = centre(leg.to) else { continue };
        let via: Vec<(f32, f32)> = match leg.edge {
            Some(e) if leg.reversed => e.points.iter().rev().copied().collect(),
            Some(e) => e.points.clone(),
            None => Vec::new(),
        };
        for (px, py) in via {
            d.push_str(&format!(" L{px:.1},{py:.1}"));
        }
        d.push_str(&format!(" L{x:.1},{y:.1}"));
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

    // Fit once the size is known, unless the address brought a zoom; and
    // fit again when the scene or the window changes size while the whole
    // scene is in view (the user has not moved the camera since), so a
    // what-if that adds an instance keeps everything in the picture.
    let last_fit = StoredValue::new(None::<atlas_core::view::Zoom>);
    Effect::new(move |_| {
        let (w, h) = state.size.get();
        let (sw, sh) = scene.with(|s| (s.width, s.height));
        let current = state.zoom.get_untracked();
        if w > 0.0 && (current.is_none() || current == last_fit.get_value()) {
            let fitted = camera::fit(sw, sh, w, h);
            last_fit.set_value(Some(fitted));
            state.zoom.set(Some(fitted));
        }
    });

    // The camera the drawing was last made for; the live camera moves the
    // drawing by a CSS transform until it rests.
    let settled = RwSignal::new(state.zoom.get_untracked());
    let pending = StoredValue::new(None::<TimeoutHandle>);
    Effect::new(move |_| {
        let Some(zoom) = state.zoom.get() else { return };
        if let Some(handle) = pending.get_value() {
            handle.clear();
        }
        if settled.get_untracked().is_none() {
            settled.set(Some(zoom));
            return;
        }
        let handle = set_timeout_with_handle(
            move || {
                if let Some(zoom) = state.zoom.try_get_untracked() {
                    settled.try_set(zoom);
                }
            },
            std::time::Duration::from_millis(SETTLE_MS),
        )
        .ok();
        pending.set_value(handle);
    });
    on_cleanup(move || {
        if let Some(Some(handle)) = pending.try_get_value() {
            handle.clear();
        }
    });
    let view_box = move || {
        let (w, h) = state.size.get();
        let zoom = settled.get()?;
        let (x, y, vw, vh) = camera::view_box(zoom, w, h);
        Some(format!("{x:.2} {y:.2} {vw:.2} {vh:.2}"))
    };
    let transform = move || match (settled.get(), state.zoom.get()) {
        (Some(from), Some(to)) if from != to => {
            let k = to.scale / from.scale;
            let (tx, ty) = ((from.x - to.x) * to.scale, (from.y - to.y) * to.scale);
            format!("translate({tx:.2}px, {ty:.2}px) scale({k:.5})")
        }
        _ => "none".to_owned(),
    };
    let detail = use_detail(settled);
    let drawable = Memo::new(move |_| settled.with(Option::is_some));

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
        if ev.key() == "Enter" || ev.key() == " " {
            match target(&ev) {
                Some(Target::Node(id)) => state.select(Some(id)),
                Some(Target::Badge(id)) => state.go(move |d| {
                    d.node = Some(id);
                    d.path = None;
                    d.step = None;
                }),
                None => return,
            }
            ev.prevent_default();
            return;
        }
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

    let lit = Memo::new(move |_| {
        state
            .hover
            .get()
            .map(|h| scene.with(|s| highlight::lit(s, &h)))
            .unwrap_or_default()
    });
    highlight::apply(scene, drawable, lit, paths);

    let stage_kinds = Memo::new(move |_| {
        store.analysis.with(|a| {
            a.deployment
                .pipeline
                .iter()
                .map(|s| (s.id.clone(), s.kind))
                .collect::<HashMap<_, _>>()
        })
    });

    let boxes = move || {
        let names = stage_kinds.get();
        scene.with(|s| {
            s.boxes
                .iter()
                .map(|b| {
                    let glyph = glyph_of(b, &names);
                    let rect = b.rect();
                    let show = Memo::new(move |_| detail.shows(rect));
                    node_view(b, glyph, show)
                })
                .collect_view()
        })
    };
    let edges = move || {
        scene.with(|s| {
            s.edges
                .iter()
                .map(|e| {
                    view! {
                        <polyline
                            class=format!("edge edge-{}", e.kind.as_str())
                            data-id=e.id.clone()
                            points=points(&e.points)
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
                    >
                        <title>{title}</title>
                        <circle cx=x cy=y r="9" />
                        {move || detail.any().then(|| view! {
                            <text x=x y=y + 4.0>{count.min(99).to_string()}</text>
                        })}
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
            tabindex="0"
            aria-label="Deployment diagram: drag or Shift+arrow keys to pan, wheel or + and - to zoom, 0 to fit, Tab to move between boxes, Enter to open one"
            aria-keyshortcuts="+ - 0 Escape"
            on:pointerdown=on_down
            on:pointermove=on_move
            on:pointerup=on_up
            on:pointercancel=on_up
            on:wheel=on_wheel
            on:keydown=on_key
            on:click=move |ev: leptos::web_sys::MouseEvent| {
                // The end of a drag is not a click.
                if dragged.get_value() {
                    return;
                }
                match target(&ev) {
                    Some(Target::Badge(id)) => state.go(move |d| {
                        d.node = Some(id);
                        d.path = None;
                        d.step = None;
                        d.panel = atlas_core::view::Panel::Details;
                    }),
                    Some(Target::Node(id)) => state.select(Some(id)),
                    None if state.address.with_untracked(|d| d.node.is_some()) => state.select(None),
                    None => {}
                }
            }
            on:pointerover=move |ev: PointerEvent| {
                if let Some(Target::Node(id)) = target(&ev) {
                    if state.hover.with_untracked(|h| h.as_deref() != Some(id.as_str())) {
                        state.hover.set(Some(id));
                    }
                }
            }
            on:pointerleave=move |_| state.hover.set(None)
            on:focusin=move |ev: leptos::web_sys::FocusEvent| {
                if let Some(Target::Node(id)) = target(&ev) {
                    state.hover.set(Some(id));
                }
            }
            on:focusout=move |_| state.hover.set(None)
        >
            <svg
                class="diagram"
                xmlns="http://www.w3.org/2000/svg"
                role="group"
                aria-label="Deployment diagram"
                viewBox=view_box
                style:transform=transform
                class:hovering=move || lit.with(|l| !l.is_empty())
                class:tracing=move || paths.with(Option::is_some)
                data-width=move || scene.with(|s| s.width)
                data-height=move || scene.with(|s| s.height)
            >
                <defs>
                    {glyph_defs()}
                    // Sized in the drawing's units, so a thick path line
                    // keeps the same arrow.
                    <marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerUnits="userSpaceOnUse" markerWidth="10" markerHeight="10" orient="auto-start-reverse">
                        <path class="arrow-head" d="M0,0 L10,5 L0,10 z" />
                    </marker>
                    <marker id="arrow-path" viewBox="0 0 10 10" refX="9" refY="5" markerUnits="userSpaceOnUse" markerWidth="12" markerHeight="12" orient="auto-start-reverse">
                        <path class="arrow-head path" d="M0,0 L10,5 L0,10 z" />
                    </marker>
                </defs>
                // Drawn once the camera is known: the page measures the
                // canvas before it holds thousands of shapes, not after.
                <g class="layer-boxes">{move || drawable.get().then(boxes)}</g>
                <g class="layer-edges">{move || drawable.get().then(edges)}</g>
                <g class="layer-badges">{move || drawable.get().then(badge_views)}</g>
                <g class="layer-path">
                    {move || paths.with(|p| p.as_ref().map(|t| scene.with(|s| step_markers(t, &SceneIndex::new(s)))))}
                    {traveller}
                </g>
            </svg>
        </div>
    }
}

/// One box. Its classes for hover, selection and the traced path are set by
/// [`super::highlight`], and its events are handled once for the whole
/// drawing ([`target`]), not by closures per box: with thousands of boxes,
/// one listener and one effect that touch only what changed are far cheaper.
fn node_view(b: &SceneBox, glyph: &'static Glyph, show: Memo<bool>) -> impl IntoView {
    let id = b.id.clone();
    let text_x = b.x + PADDING + ICON_SPACE;
    let label_y = b.y + PADDING + 13.0;
    let kind = kind_label(b.kind);
    let aria = if b.sublabel.is_empty() {
        format!("{kind}: {}", b.label)
    } else {
        format!("{kind}: {}, {}", b.label, b.sublabel)
    };
    let (label, sublabel) = (b.label.clone(), b.sublabel.clone());
    let glyph_href = format!("#{}", glyph.id);
    let (icon_x, icon_y) = (b.x + PADDING, b.y + PADDING - 1.0);
    let class = if b.planned {
        format!("node kind-{} planned", b.kind.as_str())
    } else {
        format!("node kind-{}", b.kind.as_str())
    };
    view! {
        <g
            class=class
            data-id=id
            tabindex="0"
            role="button"
            aria-label=aria
        >
            <rect x=b.x y=b.y width=b.width height=b.height />
            {move || show.get().then(|| {
                let sublabel = (!sublabel.is_empty()).then(|| view! {
                    <text class="sublabel" x=text_x y=label_y + LINE_HEIGHT>{sublabel.clone()}</text>
                });
                view! {
                    <use href=glyph_href.clone() x=icon_x y=icon_y width=ICON height=ICON />
                    <text class="label" x=text_x y=label_y>{label.clone()}</text>
                    {sublabel}
                }
            })}
        </g>
    }
}

/// The step numbers of the traced path, on the top border of each box it
/// passes, right-aligned short of the problem badge ("5,6" where it passes
/// twice). The border is where no text is: labels start below the padding.
fn step_markers(traced: &Traced, index: &SceneIndex) -> impl IntoView {
    let mut steps: Vec<(String, Vec<usize>)> = Vec::new();
    for (i, b) in traced.boxes.iter().enumerate() {
        let Some(b) = b else { continue };
        match steps.iter_mut().find(|(id, _)| id == b) {
            Some((_, list)) => list.push(i + 1),
            None => steps.push((b.clone(), vec![i + 1])),
        }
    }
    steps
        .into_iter()
        .filter_map(|(id, list)| {
            let b = index.get(&id)?;
            let text = list.iter().map(usize::to_string).collect::<Vec<_>>().join(",");
            let width = 12.0 + 7.0 * text.len() as f32;
            let (x, y) = (b.x + b.width - 20.0 - width, b.y - 9.0);
            Some(view! {
                <g class="step-marker" data-node=id>
                    <rect x=x y=y width=width height="18" rx="9" />
                    <text x=x + width / 2.0 y=y + 13.0>{text}</text>
                </g>
            })
        })
        .collect_view()
}

/// Which boxes get their text and glyph drawn: all of them in a small
/// scene; in a large one, those in (or near) view at a readable zoom.
#[derive(Clone, Copy)]
struct Detail {
    /// The scene area worth drawing in full, or none for everything.
    area: Memo<Option<Option<atlas_core::layout::Rect>>>,
}

impl Detail {
    fn shows(&self, rect: atlas_core::layout::Rect) -> bool {
        self.area.with(|area| match area {
            None => true,
            Some(None) => false,
            Some(Some(v)) => rect.x < v.right() && rect.right() > v.x && rect.y < v.bottom() && rect.bottom() > v.y,
        })
    }

    /// Whether any box is drawn in full (badge counts follow).
    fn any(&self) -> bool {
        self.area.with(|area| !matches!(area, Some(None)))
    }
}

fn use_detail(settled: RwSignal<Option<atlas_core::view::Zoom>>) -> Detail {
    let store = use_store();
    let state = use_diagram();
    let area = Memo::new(move |_| {
        let full = state.full_detail.get();
        let large = store.scene.with(|s| s.boxes.len() > DETAIL_LIMIT);
        if full || !large {
            return None;
        }
        // Until the camera is known, nothing is known to be in view.
        let Some(zoom) = settled.get() else { return Some(None) };
        if zoom.scale < DETAIL_SCALE {
            return Some(None);
        }
        let (w, h) = state.size.get();
        let (x, y, vw, vh) = camera::view_box(zoom, w, h);
        // Half a screen of margin on each side, so a short pan finds the
        // text already there.
        Some(Some(atlas_core::layout::Rect {
            x: x - vw / 2.0,
            y: y - vh / 2.0,
            w: vw * 2.0,
            h: vh * 2.0,
        }))
    });
    Detail { area }
}

/// What an event happened on: a problem badge or a box, by id.
enum Target {
    Badge(String),
    Node(String),
}

fn target(ev: &leptos::web_sys::Event) -> Option<Target> {
    let element = ev.target()?.dyn_into::<leptos::web_sys::Element>().ok()?;
    if let Some(badge) = element.closest(".badge").ok().flatten() {
        return badge.get_attribute("data-node").map(Target::Badge);
    }
    let node = element.closest("g.node").ok().flatten()?;
    node.get_attribute("data-id").map(Target::Node)
}
