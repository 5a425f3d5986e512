//! What formatting must not change in an nginx config: the directives with
//! their names, argument values, quote kinds and nesting, and the comments'
//! texts in order. Spans, layout and comments' trailing whitespace may change.

use atlas_core::nginx::ast::Directive;
use atlas_core::nginx::parse;

/// One line per directive and comment; equal shapes mean the same config.
pub fn shape(text: &str) -> Vec<String> {
    let parsed = parse(text);
    let mut lines = Vec::new();
    directives(&parsed.config.directives, 0, &mut lines);
    for comment in &parsed.config.comments {
        lines.push(format!("#{}", comment.text.trim_end()));
    }
    lines
}

fn directives(list: &[Directive], depth: usize, lines: &mut Vec<String>) {
    for d in list {
        let mut line = format!("{depth} {:?}", d.name);
        for arg in &d.args {
            line.push_str(&format!(" {:?}{:?}", arg.quote, arg.value));
        }
        line.push_str(match (&d.block, d.terminator) {
            (Some(_), _) => " {",
            (None, Some(_)) => " ;",
            (None, None) => " <unterminated>",
        });
        lines.push(line);
        if let Some(block) = &d.block {
            directives(&block.directives, depth + 1, lines);
        }
    }
}

/// How often each non-whitespace character occurs: formatting moves text
/// (a comment before a `;` goes after it) and changes whitespace only.
fn visible_chars(text: &str) -> Vec<(char, usize)> {
    let mut counts = std::collections::BTreeMap::new();
    for c in text.chars().filter(|c| !c.is_whitespace()) {
        *counts.entry(c).or_insert(0) += 1;
    }
    counts.into_iter().collect()
}

/// Formats `text` twice and asserts both properties: the second pass changes
/// nothing, and the first kept every token and comment. Returns the output.
pub fn assert_formats_faithfully(name: &str, text: &str) -> String {
    let once = atlas_core::nginx::format(text).unwrap_or_else(|e| panic!("{name}: {e}"));
    let twice = atlas_core::nginx::format(&once).unwrap_or_else(|e| panic!("{name}, formatted: {e}\n{once}"));
    assert!(
        once == twice,
        "{name}: not idempotent\n--- once\n{once}\n--- twice\n{twice}"
    );
    assert_eq!(
        visible_chars(text),
        visible_chars(&once),
        "{name}: formatting added or lost text"
    );
    let (before, after) = (shape(text), shape(&once));
    if before != after {
        let at = before
            .iter()
            .zip(&after)
            .position(|(a, b)| a != b)
            .unwrap_or(before.len().min(after.len()));
        panic!(
            "{name}: formatting changed the config at item {at}:\n  before: {:?}\n  after:  {:?}",
            before.get(at),
            after.get(at)
        );
    }
    once
}
