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

/// Layout checks that hold for configs without multi-line quoted tokens or
/// raw bodies: indentation by four spaces, no trailing whitespace, no blank
/// line after `{` or before `}`, one final newline.
fn assert_canonical(name: &str, formatted: &str) {
    let mut multi_line = false;
    atlas_core::nginx::parse(formatted).config.walk(&mut |d, _| {
        multi_line |= d
            .args
            .iter()
            .any(|a| formatted[a.span.start..a.span.end].contains('\n'));
    });
    if formatted.is_empty() || multi_line {
        return;
    }
    assert!(formatted.ends_with('\n') && !formatted.ends_with("\n\n"), "{name}");
    let lines: Vec<&str> = formatted.lines().collect();
    for (at, line) in lines.iter().enumerate() {
        let indent = line.len() - line.trim_start_matches(' ').len();
        let where_ = format!("{name}:{}: {line:?}", at + 1);
        assert!(indent % 4 == 0 && !line[indent..].starts_with('\t'), "{where_}");
        assert_eq!(line.trim_end(), *line, "{where_}");
        if line.is_empty() {
            assert!(
                !lines[at - 1].ends_with('{') && !lines[at + 1].trim_start().starts_with('}'),
                "{where_}"
            );
            assert!(!lines[at + 1].is_empty(), "{where_}");
        }
    }
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
        assert_canonical(&name, &assert_formats_faithfully(&name, &text));
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
        assert_canonical(name, &assert_formats_faithfully(name, text));
    }
}

#[test]
fn the_large_config() {
    let path = corpus().join("bench/large-config.conf");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    assert!(text.len() > 1_000_000);
    assert_canonical(
        "large-config.conf",
        &assert_formats_faithfully("large-config.conf", &text),
    );
}
