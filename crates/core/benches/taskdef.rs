//! Parse + validate throughput of task definitions: the two seed files and a
//! 60 KB definition (the size at which ECS's 64 KiB limit starts to bite).
//! `make bench` runs it and prints the numbers.

use atlas_core::reference::{BACKEND_TASK, FRONTEND_TASK};
use atlas_core::taskdef;
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};

/// Ten containers with enough environment variables to reach `target` bytes.
fn large_task_definition(target: usize) -> String {
    let mut variables = 0;
    loop {
        let containers: Vec<String> = (0..10)
            .map(|c| {
                let env: Vec<String> = (0..variables)
                    .map(|v| format!("{{ \"name\": \"SETTING_{c}_{v}\", \"value\": \"value-{v}-of-container-{c}\" }}"))
                    .collect();
                format!(
                    "{{ \"name\": \"app{c}\", \"image\": \"123456789012.dkr.ecr.us-east-1.amazonaws.com/app{c}:1.0.{c}\", \"memory\": 256, \"essential\": {}, \"environment\": [{}] }}",
                    c == 0,
                    env.join(", ")
                )
            })
            .collect();
        let text = format!(
            "{{\n  \"family\": \"large\",\n  \"networkMode\": \"bridge\",\n  \"containerDefinitions\": [{}]\n}}\n",
            containers.join(",\n")
        );
        if text.len() >= target {
            return text;
        }
        variables += 5;
    }
}

fn bench(c: &mut Criterion) {
    let large = large_task_definition(60 * 1024);
    let mut group = c.benchmark_group("taskdef check");
    for (name, text) in [
        ("backend seed", BACKEND_TASK),
        ("frontend seed", FRONTEND_TASK),
        ("60 KB", large.as_str()),
    ] {
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_with_input(BenchmarkId::from_parameter(name), text, |b, text| {
            b.iter(|| taskdef::check("t.json", text))
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
