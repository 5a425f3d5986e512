//! The current view, kept in `location.hash` so reload, back/forward and shared
//! links all work on static hosting. Parsing lives in `atlas_core::view`.

use atlas_core::view::View;
use leptos::ev;
use leptos::prelude::*;

/// The view the address says now, which may be ahead of the signal: a
/// `hashchange` is delivered after the script that set the hash returns.
pub fn current() -> View {
    View::from_hash(&window().location().hash().unwrap_or_default())
}

/// A signal of the view in the address bar, updated on every `hashchange`.
pub fn provide() -> ReadSignal<View> {
    let (view, set_view) = signal(current());
    let handle = window_event_listener(ev::hashchange, move |_| set_view.set(current()));
    on_cleanup(move || handle.remove());
    provide_context(view);
    view
}

pub fn use_view() -> ReadSignal<View> {
    expect_context::<ReadSignal<View>>()
}
