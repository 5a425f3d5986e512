//! The topology layout holds its invariants on the reference deployment and on
//! generated ones up to 50 services and 500 tasks: boxes nest and never
//! overlap their siblings, text fits, connectors are orthogonal and attached,
//! and the same input always gives the same scene.

mod generated;

use atlas_core::deployment::capacity::{capacity, Overrides};
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
    // Tasks larger than an instance cannot be placed, and are not drawn;
    // those of services without a readable task definition still are.
    let plan = capacity(&input, &Overrides::default());
    let unsized_tasks: u32 = plan
        .services
        .iter()
        .filter(|s| s.task.is_none())
        .map(|s| s.desired)
        .sum();
    let placed: usize = plan.instances.iter().map(|i| i.tasks.len()).sum();
    let drawn = placed + unsized_tasks as usize;
    if shape.vcpu >= 2 {
        assert_eq!(drawn, shape.tasks, "every task fits somewhere: {shape:?}");
    }
    assert_eq!(count(&scene, BoxKind::Task), drawn, "{shape:?}");
    assert_eq!(count(&scene, BoxKind::Container), 2 * drawn, "{shape:?}");
    let traffic_to_nginx = scene
        .edges
        .iter()
        .filter(|e| e.kind == EdgeKind::Traffic && e.to.ends_with("/nginx"))
        .count();
    assert_eq!(traffic_to_nginx, drawn, "every task is reachable from its target group");
    let links = scene.edges.iter().filter(|e| e.kind == EdgeKind::Link).count();
    assert_eq!(links, drawn, "every task's nginx links to its app");
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

/// The reference deployment with its references bent every which way: ids
/// that point nowhere, subnets in unknown zones, gateways missing, counts from
/// zero to many. The scene must stay sound (and the call must not panic).
fn bent_reference(choices: &[usize; 12]) -> atlas_core::workspace::Analysis {
    let mut analysis = reference::workspace().analyze();
    let pick = |options: &[&str], i: usize| options[i % options.len()].to_owned();
    let d = &mut analysis.deployment;
    d.services[0].desired_count = (choices[0] % 40) as u32;
    d.services[1].desired_count = (choices[1] % 40) as u32;
    d.cluster.auto_scaling_group.desired = (choices[2] % 30) as u32;
    d.cluster.instance.vcpu = (choices[3] % 9) as u32;
    d.cluster.subnets = ["private-a", "public-b", "nowhere", "private-b"][..choices[4] % 5]
        .iter()
        .map(|s| (*s).to_owned())
        .collect();
    d.network.subnets[choices[5] % 4].availability_zone = pick(&["az-a", "az-b", "az-x", ""], choices[5] / 4);
    d.network.nat_gateways[0].subnet = pick(&["public-a", "public-b", "private-b", "nowhere"], choices[6]);
    d.dns[choices[7] % 2].alias_target = pick(&["alb-frontend", "alb-backend", "nowhere"], choices[7] / 2);
    if let Some(binding) = d.services[choices[8] % 2].load_balancer.as_mut() {
        binding.target_group = pick(&["tg-frontend", "tg-backend", "nowhere"], choices[8] / 2);
        binding.container_name = pick(&["nginx", "next", "springboot", "none"], choices[8] / 6);
    }
    match choices[9] % 6 {
        0 => d.network.internet_gateway = None,
        1 => d.network.availability_zones.clear(),
        2 => d.pipeline.clear(),
        3 => d.network.nat_gateways.clear(),
        4 => d.load_balancers.clear(),
        _ => d.services[0].task_definition = "missing".into(),
    }
    match choices[10] % 4 {
        0 => d.network.subnets.retain(|s| s.id.starts_with("public")),
        1 => d.dns.clear(),
        2 => d.pipeline.reverse(),
        _ => {}
    }
    if choices[11] % 3 == 0 {
        analysis.task_definitions.clear();
    }
    analysis
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn bent_references_still_give_a_sound_scene(choices in proptest::array::uniform12(0usize..1000)) {
        let input = bent_reference(&choices);
        let scene = layout(&input);
        assert_sound(&scene);
        prop_assert_eq!(scene, layout(&input));
    }
}
