//! The diagram's transient classes: `lit` on the hovered box, its
//! neighbours and their connectors; `on-path` on a traced path's boxes and
//! the connectors between them; `selected` and `current-step`.
//!
//! One effect works out which elements should carry which class and changes
//! only those whose state differs from last time. A reactive class binding
//! per box would re-run thousands of closures on every hover of a large
//! scene; this touches a handful of elements.

use std::collections::BTreeSet;

use atlas_core::diagram::{neighbours, SceneIndex, Traced};
use atlas_core::layout::Scene;
use leptos::prelude::*;

use super::state::use_diagram;

/// Element keys: `n:<box id>` for a box, `e:<edge id>` for a connector.
pub type Keys = BTreeSet<String>;

/// The hovered box, its neighbours and the connectors between them.
pub fn lit(scene: &Scene, hovered: &str) -> Keys {
    if !scene.boxes.iter().any(|b| b.id == hovered) {
        return Keys::new();
    }
    let (boxes, edges) = neighbours(scene, hovered);
    let mut keys: Keys = boxes.into_iter().map(|b| format!("n:{b}")).collect();
    keys.insert(format!("n:{hovered}"));
    keys.extend(edges.into_iter().map(|e| format!("e:{e}")));
    keys
}

/// The boxes a path passes and the connectors its legs travel.
fn on_path(scene: &Scene, traced: &Traced) -> Keys {
    let index = SceneIndex::new(scene);
    let mut keys: Keys = traced.boxes.iter().flatten().map(|b| format!("n:{b}")).collect();
    for leg in traced.legs(scene, &index) {
        if let Some(edge) = leg.edge.or(leg.resumes) {
            keys.insert(format!("e:{}", edge.id));
        }
    }
    keys
}

/// CSS attribute selectors need `"` and `\` escaped inside the value.
fn selector(key: &str) -> Option<String> {
    let (kind, id) = key.split_once(':')?;
    let escaped = id.replace('\\', "\\\\").replace('"', "\\\"");
    let element = if kind == "n" { "g.node" } else { "polyline.edge" };
    Some(format!("svg.diagram {element}[data-id=\"{escaped}\"]"))
}

fn set_class(key: &str, class: &str, on: bool) {
    let Some(selector) = selector(key) else { return };
    if let Ok(Some(element)) = document().query_selector(&selector) {
        let list = element.class_list();
        let _ = if on { list.add_1(class) } else { list.remove_1(class) };
    }
}

/// Keeps the classes in step with the hover, the path, the selection and
/// the current step.
pub fn apply(scene: Memo<Scene>, drawn: Memo<bool>, lit: Memo<Keys>, paths: Memo<Option<Traced>>) {
    let state = use_diagram();
    let path_keys =
        Memo::new(move |_| paths.with(|p| p.as_ref().map(|t| scene.with(|s| on_path(s, t))).unwrap_or_default()));
    let selected = Memo::new(move |_| {
        state
            .address
            .with(|d| d.node.clone())
            .map(|n| format!("n:{n}"))
            .into_iter()
            .collect::<Keys>()
    });
    let step = Memo::new(move |_| {
        let step = state.address.with(|d| d.step);
        paths.with(|p| {
            step.and_then(|n| p.as_ref()?.boxes.get(n.checked_sub(1)?).cloned().flatten())
                .map(|b| format!("n:{b}"))
                .into_iter()
                .collect::<Keys>()
        })
    });
    let sources: [(&'static str, Memo<Keys>); 4] = [
        ("lit", lit),
        ("on-path", path_keys),
        ("selected", selected),
        ("current-step", step),
    ];
    // Counts drawings: a redrawn scene's elements carry none of the classes,
    // and before the first drawing there are no elements to carry them.
    let drawing = Memo::new(move |previous: Option<&u64>| {
        scene.track();
        drawn.track();
        previous.map_or(0, |n| n + 1)
    });
    for (class, keys) in sources {
        // The drawing and the elements this class is on in it.
        let applied = StoredValue::new((u64::MAX, Keys::new()));
        Effect::new(move |_| {
            let now = drawing.get();
            keys.with(|want| {
                applied.update_value(|(seen, have)| {
                    if *seen != now {
                        *seen = now;
                        have.clear();
                    }
                    for gone in have.difference(want) {
                        set_class(gone, class, false);
                    }
                    for new in want.difference(have) {
                        set_class(new, class, true);
                    }
                    have.clone_from(want);
                });
            });
        });
    }
}
