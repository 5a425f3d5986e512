//! atlas-core must stay a pure engine: nothing of the browser in its dependency
//! tree, so it builds and tests natively and the CLI shares it unchanged.

use std::process::Command;

#[test]
fn the_dependency_tree_has_no_web_crates() {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let output = Command::new(cargo)
        .args([
            "tree",
            "--offline",
            "-p",
            "atlas-core",
            "-e",
            "normal,build",
            "--prefix",
            "none",
            "--format",
            "{p}",
        ])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("cargo tree runs");
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let tree = String::from_utf8(output.stdout).unwrap();
    let crates: Vec<&str> = tree.lines().filter_map(|l| l.split_whitespace().next()).collect();
    assert!(
        crates.contains(&"atlas-core") && crates.contains(&"jsonc-parser"),
        "{tree}"
    );
    for forbidden in [
        "leptos",
        "web-sys",
        "wasm-bindgen",
        "js-sys",
        "gloo-net",
        "tachys",
        "reactive_graph",
    ] {
        assert!(
            !crates.contains(&forbidden),
            "atlas-core depends on {forbidden}:\n{tree}"
        );
    }
}
