//! Whatever the user types or uploads, the engine answers with diagnostics
//! that point inside the text, and never panics (a panic kills the web page).

use atlas_core::reference::{ATLAS, BACKEND_TASK, FRONTEND_NGINX, FRONTEND_TASK};
use atlas_core::{deployment, json_tree, taskdef, Diagnostic};
use proptest::prelude::*;

fn assert_well_formed(text: &str, diagnostics: &[Diagnostic]) {
    for d in diagnostics {
        assert!(
            d.span.start <= d.span.end && d.span.end <= text.len(),
            "{d:?} outside {} bytes",
            text.len()
        );
        assert!(d.line >= 1 && d.column >= 1, "{d:?}");
        assert!((d.end_line, d.end_column) >= (d.line, d.column), "{d:?}");
    }
}

fn check_everything(text: &str) {
    let checked = taskdef::check("t.json", text);
    assert_well_formed(text, &checked.diagnostics);
    let _ = taskdef::export::register_json("t.json", text);
    let loaded = deployment::load("atlas.json", text);
    assert_well_formed(text, &loaded.diagnostics);
    let _ = json_tree::parse(text);
    let nginx = atlas_core::nginx::parse(text);
    for error in &nginx.errors {
        assert!(
            error.span.start <= error.span.end && error.span.end <= text.len(),
            "{error:?}"
        );
        assert!(error.line >= 1);
    }
    let _ = atlas_core::nginx::crossplane::payload("t.conf", text);
    assert_well_formed(text, &atlas_core::nginx::check("t.conf", text));
    let _ = atlas_core::nginx::regex::parse(text);
}

/// One random edit of a seed: delete, insert or replace a short run.
fn mutated(seed: &'static str) -> impl Strategy<Value = String> {
    let len = seed.len();
    (
        0..len,
        0usize..8,
        prop::sample::select(vec![
            "", "\"", ",", "{", "}", "[", "]", ":", "null", "1e999", "\\u00", "가", "\u{0}",
        ]),
    )
        .prop_map(move |(at, cut, insert)| {
            let mut start = at.min(len);
            while !seed.is_char_boundary(start) {
                start -= 1;
            }
            let mut end = (start + cut).min(len);
            while !seed.is_char_boundary(end) {
                end -= 1;
            }
            format!("{}{insert}{}", &seed[..start], &seed[end.max(start)..])
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes(bytes in prop::collection::vec(any::<u8>(), 0..2048)) {
        check_everything(&String::from_utf8_lossy(&bytes));
    }

    #[test]
    fn mutated_backend_task_definition(text in mutated(BACKEND_TASK)) {
        check_everything(&text);
    }

    #[test]
    fn mutated_frontend_task_definition(text in mutated(FRONTEND_TASK)) {
        check_everything(&text);
    }

    #[test]
    fn mutated_deployment_file(text in mutated(ATLAS)) {
        check_everything(&text);
    }

    #[test]
    fn mutated_nginx_config(text in mutated(FRONTEND_NGINX)) {
        check_everything(&text);
    }

    #[test]
    fn regex_like_text(pattern in r"[()\\\[\]{}^$.*+?|:<>=!#a-z0-9PkgQEx,-]{0,40}") {
        let _ = atlas_core::nginx::regex::parse(&pattern);
    }
}

#[test]
fn every_truncation_of_the_seeds() {
    for seed in [BACKEND_TASK, ATLAS, FRONTEND_NGINX] {
        for cut in (0..seed.len()).filter(|&c| seed.is_char_boundary(c)) {
            check_everything(&seed[..cut]);
        }
    }
}

#[test]
fn extremes() {
    let deep = format!("{{\"family\": {}", "[".repeat(100_000));
    let wide = format!(
        "{{\"containerDefinitions\": [{}]}}",
        vec!["{\"name\": \"a\"}"; 20_000].join(",")
    );
    let long_string = format!("{{\"family\": \"{}\"}}", "x".repeat(10 * 1024 * 1024));
    let deep_blocks = "a {".repeat(100_000);
    for text in [deep, wide, long_string, deep_blocks] {
        check_everything(&text);
    }
}
