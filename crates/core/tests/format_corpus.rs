//! The formatter on every config of nginx's own test suite, the seeds and the
//! 1.3 MB corpus config: idempotent, and the formatted config is the same
//! config (same directives, arguments, quotes, nesting and comments). The
//! corpus sits in ../shared beside the repository.

mod common;

use std::path::{Path, PathBuf};

use atlas_core::reference::{BACKEND_NGINX, FRONTEND_NGINX};
use common::assert_formats_faithfully;

fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus")
}

#[test]
fn every_nginx_test_suite_config() {
    let dir = corpus().join("nginx-tests");
    assert!(dir.is_dir(), "the corpus is expected at {}", dir.display());
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "conf"))
        .collect();
    paths.sort();
    let (mut formatted, mut skipped) = (0, Vec::new());
    for path in &paths {
        let bytes = std::fs::read(path).unwrap();
        let text = String::from_utf8_lossy(&bytes);
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if !atlas_core::nginx::parse(&text).errors.is_empty() {
            assert!(
                atlas_core::nginx::format(&text).is_err(),
                "{name}: formatted despite a syntax error"
            );
            skipped.push(name);
            continue;
        }
        assert_formats_faithfully(&name, &text);
        formatted += 1;
    }
    assert_eq!(paths.len(), 468);
    assert_eq!((formatted, skipped.len()), (468, 0), "skipped: {skipped:?}");
}

#[test]
fn the_seeds() {
    for (name, text) in [
        ("frontend-nginx.conf", FRONTEND_NGINX),
        ("backend-nginx.conf", BACKEND_NGINX),
    ] {
        assert_formats_faithfully(name, text);
    }
}

#[test]
fn the_large_config() {
    let path = corpus().join("bench/large-config.conf");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    assert!(text.len() > 1_000_000);
    assert_formats_faithfully("large-config.conf", &text);
}
