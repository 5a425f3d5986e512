//! Time to lay out the topology diagram of generated deployments of 10, 100
//! and 500 tasks (the last is the size the layout must handle well under
//! 50 ms): `cargo bench -p atlas-core --bench layout`.

#[path = "../tests/generated/mod.rs"]
mod generated;

use atlas_core::layout::layout;
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use generated::{analysis, Shape};

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("layout");
    for (services, tasks) in [(2, 10), (10, 100), (50, 500)] {
        let input = analysis(Shape::new(services, tasks));
        group.bench_with_input(BenchmarkId::new("tasks", tasks), &input, |b, input| {
            b.iter(|| layout(input))
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
