//! nginx parse and format throughput on the seed configs and the 1.3 MB
//! corpus config. `make bench` runs it; the goal is at least 200 MB/s
//! natively for parsing; formatting parses first, then writes linearly.

use std::path::Path;

use atlas_core::nginx::{format, parse};
use atlas_core::reference::{BACKEND_NGINX, FRONTEND_NGINX};
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};

/// The seeds, and the large corpus config when the corpus is there.
fn inputs(large: &str) -> Vec<(&'static str, &str)> {
    let mut inputs = vec![("frontend seed", FRONTEND_NGINX), ("backend seed", BACKEND_NGINX)];
    if !large.is_empty() {
        inputs.push(("large-config.conf", large));
    }
    inputs
}

fn large_config() -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/bench/large-config.conf");
    std::fs::read_to_string(path).unwrap_or_default()
}

fn bench(c: &mut Criterion) {
    let large = large_config();
    let mut group = c.benchmark_group("nginx parse");
    for (name, text) in inputs(&large) {
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_with_input(BenchmarkId::from_parameter(name), text, |b, text| {
            b.iter(|| parse(text))
        });
    }
    group.finish();
}

fn bench_format(c: &mut Criterion) {
    let large = large_config();
    let mut group = c.benchmark_group("nginx format");
    for (name, text) in inputs(&large) {
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_with_input(BenchmarkId::from_parameter(name), text, |b, text| {
            b.iter(|| format(text))
        });
    }
    group.finish();
}

criterion_group!(benches, bench, bench_format);
criterion_main!(benches);
