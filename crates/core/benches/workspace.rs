//! Full validation of a deployment — atlas.json, every task definition and
//! nginx config, the cross-file rules and the capacity plan — at 10, 100
//! and 500 tasks (1, 10 and 50 services of 10 tasks). `make bench` runs it.

use atlas_core::reference::generated_workspace;
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
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
