//! Full validation of a deployment — atlas.json, every task definition and
//! nginx config, the cross-file rules and the capacity plan — at 10, 100
//! and 500 tasks (1, 10 and 50 services of 10 tasks), and the reference
//! deployment with the corpus's 1.3 MB nginx config added to it, which is
//! what the editor validates on each keystroke in that file. `make bench`
//! runs it.

use atlas_core::deployment::listing;
use atlas_core::json_edit;
use atlas_core::reference::{self, generated_workspace};
use atlas_core::workspace::File;
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("workspace analyze");
    for (services, tasks) in [(1usize, 10u32), (10, 10), (50, 10)] {
        let workspace = generated_workspace(services, tasks);
        let total = services as u32 * tasks;
        group.bench_with_input(BenchmarkId::new("tasks", total), &workspace, |b, workspace| {
            b.iter(|| workspace.analyze())
        });
    }
    let large = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/corpus/bench/large-config.conf"
    ));
    if let Ok(large) = large {
        let mut workspace = reference::workspace();
        let listing = listing::add_nginx_config(
            &workspace.deployment.text,
            "large",
            "large-config.conf",
            "ecs-backend-task",
            "nginx",
        )
        .expect("the reference deployment file lists nginx configs");
        workspace.deployment.text = json_edit::apply(&workspace.deployment.text, &[listing]);
        workspace.artifacts.push(File::new("large-config.conf", large));
        group.bench_function("reference + 1.3 MB nginx config", |b| b.iter(|| workspace.analyze()));
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
