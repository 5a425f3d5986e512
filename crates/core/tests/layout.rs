//! The topology layout holds its invariants on the reference deployment and on
//! generated ones up to 50 services and 500 tasks: boxes nest and never
//! overlap their siblings, text fits, connectors are orthogonal and attached,
//! and the same input always gives the same scene.

mod generated;

use atlas_core::layout::{layout, BoxKind, EdgeKind, Scene};
use atlas_core::reference;
use generated::{analysis, Shape};
use proptest::prelude::*;

fn assert_sound(scene: &Scene) {
    let problems = scene.problems();
    assert!(
        problems.is_empty(),
        "{} problems, first: {:#?}",
        problems.len(),
        &problems[..problems.len().min(5)]
    );
}

fn count(scene: &Scene, kind: BoxKind) -> usize {
    scene.boxes.iter().filter(|b| b.kind == kind).count()
}

fn check_generated(shape: Shape) {
    let input = analysis(shape);
    let scene = layout(&input);
    assert_sound(&scene);
    assert_eq!(scene, layout(&input), "layout is not deterministic for {shape:?}");
    assert_eq!(count(&scene, BoxKind::Task), shape.tasks, "{shape:?}");
    assert_eq!(count(&scene, BoxKind::Container), 2 * shape.tasks, "{shape:?}");
    let traffic_to_nginx = scene
        .edges
        .iter()
        .filter(|e| e.kind == EdgeKind::Traffic && e.to.ends_with("/nginx"))
        .count();
    assert_eq!(
        traffic_to_nginx, shape.tasks,
        "every task is reachable from its target group"
    );
    let links = scene.edges.iter().filter(|e| e.kind == EdgeKind::Link).count();
    assert_eq!(links, shape.tasks, "every task's nginx links to its app");
    // Each instance holds at most vcpu × 1024 units, unless one task alone exceeds it.
    if shape.vcpu >= 2 {
        let needed = (shape.tasks * 2048).div_ceil(shape.vcpu as usize * 1024);
        assert!(count(&scene, BoxKind::Instance) <= needed.max(shape.desired_instances as usize).max(1) * 2);
    }
}

#[test]
fn the_reference_scene_is_sound_and_stable() {
    let scene = layout(&reference::workspace().analyze());
    assert_sound(&scene);
    let mut lines = vec![format!("scene {} × {}", scene.width.round(), scene.height.round())];
    for b in &scene.boxes {
        lines.push(format!(
            "{} {} [{} {} {} {}]",
            b.kind.as_str(),
            b.id,
            b.x.round(),
            b.y.round(),
            b.width.round(),
            b.height.round()
        ));
    }
    for e in &scene.edges {
        let points: Vec<String> = e
            .points
            .iter()
            .map(|(x, y)| format!("{},{}", x.round(), y.round()))
            .collect();
        lines.push(format!("{} {}", e.id, points.join(" ")));
    }
    insta::assert_snapshot!(lines.join("\n"));
}

#[test]
fn generated_deployments_of_every_size_are_sound() {
    for (services, tasks) in [(1, 1), (1, 4), (2, 10), (3, 0), (10, 100), (25, 250), (50, 500)] {
        for zones in [1, 2, 3] {
            check_generated(Shape {
                zones,
                nat_per_zone: zones == 3,
                ..Shape::new(services, tasks)
            });
        }
    }
}

#[test]
fn five_hundred_tasks_make_a_viewable_picture() {
    let scene = layout(&analysis(Shape::new(50, 500)));
    let aspect = scene.width / scene.height;
    assert!((0.3..=4.0).contains(&aspect), "{} × {}", scene.width, scene.height);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn any_generated_deployment_is_sound(
        services in 1usize..=50,
        tasks in 0usize..=500,
        zones in 0usize..=4,
        nat_per_zone in any::<bool>(),
        vcpu in 0u32..=16,
        desired_instances in 0u32..=20,
    ) {
        check_generated(Shape { services, tasks, zones, nat_per_zone, vcpu, desired_instances });
    }
}
