//! Rule documentation, loaded on demand: the bundle carries each rule's id,
//! severity and summary, and the Rules page fetches the full text from
//! `rules.json` (written at build time by `ecs-atlas rules --format json`).

use std::collections::HashMap;
use std::sync::Arc;

use atlas_core::rules::docs::parse_catalog;
use leptos::prelude::*;
use leptos::wasm_bindgen::{JsCast, JsValue};
use leptos::web_sys::Response;
use wasm_bindgen_futures::JsFuture;

pub type Catalog = Arc<HashMap<String, String>>;

/// Owned by the app, not by the page that first asks, so the fetched
/// catalogue outlives that page and is not fetched again.
#[derive(Clone, Copy)]
pub struct RuleCatalog(pub RwSignal<Option<Result<Catalog, String>>>, StoredValue<bool>);

/// A plain `fetch`: an HTTP client crate would cost more bundle than this page.
async fn fetch() -> Result<Catalog, String> {
    let failed = |e: JsValue| format!("rules.json could not be loaded: {e:?}");
    // Relative, so it resolves under whatever path the site is served from.
    let response: Response = JsFuture::from(window().fetch_with_str("rules.json"))
        .await
        .map_err(failed)?
        .unchecked_into();
    if !response.ok() {
        return Err(format!("rules.json: HTTP {}", response.status()));
    }
    let text = JsFuture::from(response.text().map_err(failed)?).await.map_err(failed)?;
    let text = text.as_string().unwrap_or_default();
    Ok(Arc::new(parse_catalog(&text).into_iter().collect()))
}

/// Makes room for the catalogue at the app's root; nothing is fetched yet.
pub fn provide() {
    provide_context(RuleCatalog(RwSignal::new(None), StoredValue::new(false)));
}

/// The catalogue, fetched the first time a component asks.
pub fn use_rule_catalog() -> RuleCatalog {
    let catalog = expect_context::<RuleCatalog>();
    if !catalog.1.get_value() {
        catalog.1.set_value(true);
        leptos::task::spawn_local(async move {
            let loaded = fetch().await;
            catalog.0.set(Some(loaded));
        });
    }
    catalog
}
