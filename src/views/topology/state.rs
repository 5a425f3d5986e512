//! The diagram's view state: what the address says (selection, path, panel,
//! zoom) plus what only this page needs (hover, the window's size).
//! Changes that a link should carry go through the address; the camera
//! moves too often for history, so it replaces the address quietly.

use atlas_core::view::{Diagram, View, Zoom};
use leptos::prelude::*;
use leptos::wasm_bindgen::JsValue;

use crate::route::{self, use_view};

#[derive(Clone, Copy)]
pub struct DiagramState {
    /// The address's diagram state.
    pub address: Memo<Diagram>,
    /// The camera; none until the window's size is known and the scene fitted.
    pub zoom: RwSignal<Option<Zoom>>,
    pub hover: RwSignal<Option<String>>,
    /// The canvas's size in CSS pixels.
    pub size: RwSignal<(f32, f32)>,
    /// Draw every box in full even where a large scene would leave text
    /// out: set while the diagram is exported.
    pub full_detail: RwSignal<bool>,
}

impl DiagramState {
    pub fn provide() -> DiagramState {
        let view = use_view();
        let address = Memo::new(move |_| match view.get() {
            View::Topology(d) => d,
            _ => Diagram::default(),
        });
        let state = DiagramState {
            address,
            zoom: RwSignal::new(address.get_untracked().zoom),
            hover: RwSignal::new(None),
            size: RwSignal::new((0.0, 0.0)),
            full_detail: RwSignal::new(false),
        };
        // A link or back/forward that carries another zoom moves the camera
        // there; the camera's own zoom read back (rounded) does not.
        Effect::new(move |_| {
            if let Some(zoom) = address.with(|d| d.zoom) {
                let same = state.zoom.get_untracked().is_some_and(|z| z.same_in_link(&zoom));
                if !same {
                    state.zoom.set(Some(zoom));
                }
            }
        });
        // The camera's position is written back to the address once it rests.
        let pending = StoredValue::new(None::<TimeoutHandle>);
        Effect::new(move |_| {
            let Some(zoom) = state.zoom.get() else { return };
            if let Some(handle) = pending.get_value() {
                handle.clear();
            }
            let handle = set_timeout_with_handle(
                move || {
                    // Read from the address itself, not the signal: a
                    // selection whose `hashchange` is still queued would
                    // otherwise be replaced by the state before it. The
                    // page may also have been left in the meantime.
                    let View::Topology(mut diagram) = route::current() else {
                        return;
                    };
                    diagram.zoom = Some(zoom);
                    replace(&View::Topology(diagram).to_hash());
                },
                std::time::Duration::from_millis(250),
            )
            .ok();
            pending.set_value(handle);
        });
        on_cleanup(move || {
            if let Some(Some(handle)) = pending.try_get_value() {
                handle.clear();
            }
        });
        provide_context(state);
        state
    }

    /// Opens the diagram state `change` makes of the current one, as a new
    /// history entry.
    pub fn go(&self, change: impl FnOnce(&mut Diagram)) {
        // The address, not the signal, so that two changes in one turn
        // of the event loop both count.
        let View::Topology(mut diagram) = route::current() else {
            return;
        };
        diagram.zoom = self.zoom.get_untracked();
        change(&mut diagram);
        let _ = window().location().set_hash(&View::Topology(diagram).to_hash());
    }

    pub fn select(&self, node: Option<String>) {
        self.go(|d| {
            d.node = node;
        });
    }
}

fn replace(hash: &str) {
    if let Ok(history) = window().history() {
        let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(hash));
    }
}

pub fn use_diagram() -> DiagramState {
    expect_context::<DiagramState>()
}
