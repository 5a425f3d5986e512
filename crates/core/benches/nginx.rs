//! nginx parse throughput on the seed configs and the 1.3 MB corpus config.
//! `make bench` runs it; the goal is at least 200 MB/s natively.

use std::path::Path;

use atlas_core::nginx::parse;
use atlas_core::reference::{BACKEND_NGINX, FRONTEND_NGINX};
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};

fn bench(c: &mut Criterion) {
    let large_path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/bench/large-config.conf");
    let large = std::fs::read_to_string(&large_path).unwrap_or_default();
    let mut group = c.benchmark_group("nginx parse");
    let mut inputs = vec![("frontend seed", FRONTEND_NGINX), ("backend seed", BACKEND_NGINX)];
    if !large.is_empty() {
        inputs.push(("large-config.conf", large.as_str()));
    }
    for (name, text) in inputs {
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_with_input(BenchmarkId::from_parameter(name), text, |b, text| {
            b.iter(|| parse(text))
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
