//! Lookups over a scene's boxes the diagram needs often: a box by id, the
//! drawn tasks of a service and their containers, and each box's neighbours.

use std::collections::{BTreeSet, HashMap};

use crate::layout::{BoxKind, Scene};

pub struct SceneIndex<'s> {
    scene: &'s Scene,
    by_id: HashMap<&'s str, usize>,
    /// Service id → its drawn task boxes, in task order.
    tasks_of: HashMap<&'s str, Vec<usize>>,
}

impl<'s> SceneIndex<'s> {
    pub fn new(scene: &'s Scene) -> Self {
        let mut by_id = HashMap::with_capacity(scene.boxes.len());
        let mut tasks_of: HashMap<&str, Vec<usize>> = HashMap::new();
        for (i, b) in scene.boxes.iter().enumerate() {
            by_id.entry(b.id.as_str()).or_insert(i);
            if b.kind == BoxKind::Task {
                if let Some((service, _)) = b.id.rsplit_once("/task-") {
                    tasks_of.entry(service).or_default().push(i);
                }
            }
        }
        SceneIndex { scene, by_id, tasks_of }
    }

    pub fn get(&self, id: &str) -> Option<&'s crate::layout::SceneBox> {
        self.by_id.get(id).map(|&i| &self.scene.boxes[i])
    }

    /// The box `id` and the boxes it sits in, innermost first.
    pub fn ancestry(&self, id: &str) -> impl Iterator<Item = &'s crate::layout::SceneBox> + '_ {
        std::iter::successors(self.get(id), |b| self.get(b.parent.as_deref()?))
    }

    pub fn has(&self, id: &str) -> bool {
        self.by_id.contains_key(id)
    }

    /// The drawn task boxes of `service`.
    pub fn tasks(&self, service: &str) -> impl Iterator<Item = &'s str> + '_ {
        self.tasks_of
            .get(service)
            .into_iter()
            .flatten()
            .map(|&i| self.scene.boxes[i].id.as_str())
    }

    /// The box of container `name` in each drawn task of `service`.
    pub fn containers(&self, service: &str, name: &str) -> Vec<String> {
        self.tasks(service)
            .map(|task| format!("{task}/{name}"))
            .filter(|id| self.has(id))
            .collect()
    }
}

/// Boxes one connector away from `id`, and the connectors, sorted. A scan of
/// the connectors, no index: the diagram asks on every hover.
pub fn neighbours(scene: &Scene, id: &str) -> (BTreeSet<String>, BTreeSet<String>) {
    let mut boxes = BTreeSet::new();
    let mut edges = BTreeSet::new();
    for e in &scene.edges {
        if e.from == id || e.to == id {
            edges.insert(e.id.clone());
            boxes.insert(if e.from == id { e.to.clone() } else { e.from.clone() });
        }
    }
    (boxes, edges)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::layout;
    use crate::reference;

    #[test]
    fn the_backend_nginx_neighbours_its_target_group_and_app() {
        let scene = layout(&reference::workspace().analyze());
        let index = SceneIndex::new(&scene);
        let (boxes, _) = neighbours(&scene, "svc-backend/task-1/nginx");
        assert!(boxes.contains("tg-backend"), "{boxes:?}");
        assert!(boxes.contains("svc-backend/task-1/springboot"), "{boxes:?}");
        assert_eq!(
            index.containers("svc-backend", "nginx"),
            ["svc-backend/task-1/nginx", "svc-backend/task-2/nginx"]
        );
    }
}
