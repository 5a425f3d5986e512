//! Whatever the user types or uploads, the engine answers with diagnostics
//! that point inside the text, and never panics (a panic kills the web page).

mod common;

use atlas_core::reference::{ATLAS, BACKEND_NGINX, BACKEND_TASK, FRONTEND_NGINX, FRONTEND_TASK};
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
    check_formatter(text, &nginx);
}

/// The form and the deployment file's lists edit whatever text they are
/// given, or decline; an edit always lies inside the text. Each parses the
/// text again, so only the sampled inputs go through them.
fn check_edits(text: &str) {
    use atlas_core::deployment::listing;
    use atlas_core::taskdef::form::{self, FormEdit, ValueType};
    let form = form::read(text);
    let mut edits = vec![
        form::apply(
            text,
            &FormEdit::Set {
                pointer: form.cpu.pointer.clone(),
                value: "512".into(),
                ty: ValueType::NumberAsText,
            },
        ),
        form::apply(text, &FormEdit::AddPortMapping { container: 0 }),
        form::apply(
            text,
            &FormEdit::HealthCommand {
                container: 1,
                line: "CMD-SHELL true".into(),
            },
        ),
        listing::add_task_definition(text, "x", "x.json"),
    ];
    if let Some(link) = form.containers.iter().flat_map(|c| &c.links).next() {
        edits.push(form::apply(
            text,
            &FormEdit::Remove {
                pointer: link.pointer.clone(),
            },
        ));
    }
    edits.extend(listing::remove_file(text, "backend-nginx.conf").into_iter().map(Some));
    for edit in edits.into_iter().flatten() {
        assert!(
            edit.span.start <= edit.span.end && edit.span.end <= text.len(),
            "{edit:?}"
        );
        let _ = atlas_core::json_edit::apply(text, &[edit]);
    }
    let _ = listing::sniff("t.json", text);
}

/// The reference workspace's files in `reference::workspace()` order.
const WORKSPACE_SEEDS: [&str; 5] = [ATLAS, FRONTEND_TASK, BACKEND_TASK, FRONTEND_NGINX, BACKEND_NGINX];

/// Every diagnostic of a workspace, and every fix's edit, lies in its own file.
fn check_workspace(workspace: &atlas_core::Workspace) {
    let analysis = workspace.analyze();
    for d in &analysis.diagnostics {
        let file = workspace.file(&d.file).expect("a diagnostic in a workspace file");
        assert_well_formed(&file.text, std::slice::from_ref(d));
        for edit in d.fix.iter().flat_map(|f| &f.edits) {
            assert!(
                edit.span.start <= edit.span.end && edit.span.end <= file.text.len(),
                "{d:?}"
            );
        }
    }
}

/// The formatter refuses exactly the configs with syntax errors; any other
/// comes out the same config, and formatting it again changes nothing.
fn check_formatter(text: &str, parsed: &atlas_core::nginx::Parsed) {
    match atlas_core::nginx::format(text) {
        Ok(_) if parsed.errors.is_empty() => {
            common::assert_formats_faithfully("input", text);
        }
        Ok(out) => panic!("formatted despite {:?}:\n{out}", parsed.errors[0]),
        Err(error) => assert!(!parsed.errors.is_empty(), "refused without a syntax error: {error}"),
    }
}

/// Configs built from nginx's own pieces (quotes, escapes, comments between
/// arguments, blank-line runs, CRLF, Lua blocks) with balanced braces, so
/// that they parse and the formatter's layout, not only its refusal, gets
/// exercised; the mutated seeds cover the refusals.
fn nginx_like() -> impl Strategy<Value = String> {
    const WORDS: &[&str] = &[
        "a",
        "listen",
        "'q x'",
        "\"e\\\"s\"",
        "w\\;x",
        "${v}z",
        "($a",
        "\"x\")",
        "''",
        "~^a(b)$",
        "가",
        "\"l\ni\"",
    ];
    const GAPS: &[&str] = &[" ", " ", "\n", "\n\n\n", "\t", "\r\n", " # c \n", " #\n", "\n  # own\n"];
    let word = 0..WORDS.len();
    let gap = 0..GAPS.len();
    // (words with the gap before each, how it ends: `;`, `{`, `}` or a Lua
    // block, the gaps before and after that end)
    let statement = (
        prop::collection::vec((word, gap.clone()), 1..5),
        0u8..4,
        (gap.clone(), gap),
    );
    prop::collection::vec(statement, 0..40).prop_map(|statements| {
        let mut text = String::new();
        let mut depth = 0usize;
        for (words, end, (before_end, after)) in statements {
            if end == 2 {
                if depth > 0 {
                    text.push('}');
                    depth -= 1;
                }
            } else {
                for (word, before) in words {
                    text.push_str(GAPS[before]);
                    text.push_str(WORDS[word]);
                }
                text.push_str(GAPS[before_end]);
                text.push_str(match end {
                    0 => ";",
                    1 => "{",
                    _ => ";\nx_by_lua_block { s = \"}\" }",
                });
                depth += usize::from(end == 1);
            }
            text.push_str(GAPS[after]);
        }
        text.push_str(&"}".repeat(depth));
        text
    })
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
        let text = String::from_utf8_lossy(&bytes);
        check_everything(&text);
        check_edits(&text);
    }

    #[test]
    fn mutated_backend_task_definition(text in mutated(BACKEND_TASK)) {
        check_everything(&text);
        check_edits(&text);
    }

    #[test]
    fn mutated_frontend_task_definition(text in mutated(FRONTEND_TASK)) {
        check_everything(&text);
        check_edits(&text);
    }

    #[test]
    fn mutated_deployment_file(text in mutated(ATLAS)) {
        check_everything(&text);
        check_edits(&text);
    }

    #[test]
    fn mutated_nginx_config(text in mutated(FRONTEND_NGINX)) {
        check_everything(&text);
    }

    /// One file of the reference workspace mutated: the checks across files
    /// meet a deployment, task definition or config the others do not match.
    #[test]
    fn mutated_workspace_file((index, text) in (0usize..5).prop_flat_map(|i| mutated(WORKSPACE_SEEDS[i]).prop_map(move |t| (i, t)))) {
        let mut workspace = atlas_core::reference::workspace();
        if index == 0 {
            workspace.deployment.text = text;
        } else {
            workspace.artifacts[index - 1].text = text;
        }
        check_workspace(&workspace);
    }

    #[test]
    fn nginx_like_text(text in nginx_like()) {
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
            if cut % 8 == 0 {
                check_edits(&seed[..cut]);
            }
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
