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

#[derive(Clone, Copy)]
pub struct RuleCatalog(pub LocalResource<Result<Catalog, String>>);

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

/// The catalogue for this page, fetched the first time a component asks.
pub fn use_rule_catalog() -> RuleCatalog {
    if let Some(catalog) = use_context::<RuleCatalog>() {
        return catalog;
    }
    let catalog = RuleCatalog(LocalResource::new(fetch));
    provide_context(catalog);
    catalog
}
