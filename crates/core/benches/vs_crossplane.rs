//! Our nginx parser against crossplane (the Python parser NGINX publishes),
//! side by side in one run on the seed configs and the 1.3 MB corpus config.
//! Prints each one's throughput and the ratio; the goal is at least 100×.
//!
//! crossplane runs in the project's virtualenv (`.venv`, made by
//! scripts/bootstrap.sh), timed inside Python so process start-up is not
//! counted against it. Both sides report the median of repeated runs.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use atlas_core::nginx::parse;

/// Times crossplane.parse (its defaults: context and argument checks on,
/// includes not followed) and prints the median seconds per parse.
const CROSSPLANE_TIMER: &str = r#"
import statistics, sys, time
import crossplane
path, runs = sys.argv[1], int(sys.argv[2])
times = []
for _ in range(runs):
    start = time.perf_counter()
    crossplane.parse(path, single=True)
    times.append(time.perf_counter() - start)
print(statistics.median(times))
"#;

fn median_ours(text: &str) -> Duration {
    let mut times = Vec::new();
    let started = Instant::now();
    while times.len() < 15 || (started.elapsed() < Duration::from_secs(2) && times.len() < 10_000) {
        let start = Instant::now();
        std::hint::black_box(parse(std::hint::black_box(text)));
        times.push(start.elapsed());
    }
    times.sort();
    times[times.len() / 2]
}

fn median_crossplane(python: &Path, file: &Path, runs: usize) -> Result<Duration, String> {
    let output = Command::new(python)
        .args(["-c", CROSSPLANE_TIMER])
        .arg(file)
        .arg(runs.to_string())
        .output()
        .map_err(|e| format!("cannot run {}: {e}", python.display()))?;
    if !output.status.success() {
        return Err(String::from_utf8_lossy(&output.stderr).into_owned());
    }
    let seconds: f64 = String::from_utf8_lossy(&output.stdout)
        .trim()
        .parse()
        .map_err(|e| format!("crossplane timer printed no number: {e}"))?;
    Ok(Duration::from_secs_f64(seconds))
}

fn megabytes_per_second(bytes: usize, time: Duration) -> f64 {
    bytes as f64 / 1e6 / time.as_secs_f64()
}

fn main() {
    // `cargo bench` passes its own flags (`--bench`); this harness takes none.
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    let python = root.join(".venv/bin/python");
    let inputs = [
        (
            "frontend seed",
            root.join("crates/core/reference/frontend-nginx.conf"),
            200,
        ),
        (
            "backend seed",
            root.join("crates/core/reference/backend-nginx.conf"),
            200,
        ),
        (
            "large-config.conf",
            root.join("../shared/corpus/bench/large-config.conf"),
            5,
        ),
    ];
    println!(
        "{:<20} {:>10} {:>14} {:>16} {:>8}",
        "nginx parse", "bytes", "ours MB/s", "crossplane MB/s", "ratio"
    );
    for (name, file, runs) in inputs {
        let Ok(text) = std::fs::read_to_string(&file) else {
            println!("{name:<20} skipped: cannot read {}", file.display());
            continue;
        };
        let ours = megabytes_per_second(text.len(), median_ours(&text));
        match median_crossplane(&python, &file, runs) {
            Ok(time) => {
                let theirs = megabytes_per_second(text.len(), time);
                println!(
                    "{name:<20} {:>10} {ours:>14.1} {theirs:>16.2} {:>7.0}×",
                    text.len(),
                    ours / theirs
                );
            }
            Err(why) => println!(
                "{name:<20} {:>10} {ours:>14.1}   crossplane unavailable: {}",
                text.len(),
                why.lines().last().unwrap_or("")
            ),
        }
    }
}
