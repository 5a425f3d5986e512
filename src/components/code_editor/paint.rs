//! Draws the lines in view: line numbers with gutter markers, the text in
//! highlighted spans, squiggles, find matches and the matching bracket.
//!
//! Written on web-sys rather than as Leptos views: it redraws some sixty
//! lines on every keystroke and scroll, and building plain elements is
//! several times cheaper than diffing a view tree for them. Text only ever
//! goes in as text nodes, never as HTML.

use std::collections::HashMap;
use std::ops::Range;

use atlas_core::editing::highlight::Token;
use atlas_core::line_index::floor_boundary as boundary;
use atlas_core::Severity;
use leptos::prelude::*;
use leptos::wasm_bindgen::JsCast;
use leptos::web_sys::{Element, HtmlElement};

use crate::editing::buffer::Buffer;

/// Pixels per line; the stylesheet's `--line-height` says the same.
pub const LINE_HEIGHT: f64 = 20.0;

/// A diagnostic's span in the text, for squiggles.
#[derive(Clone, Debug)]
pub struct Mark {
    pub start: usize,
    pub end: usize,
    pub severity: Severity,
    /// The diagnostic's place in the file's list.
    pub index: usize,
}

/// What is drawn over the text besides its colours.
pub struct Decor<'a> {
    /// Sorted by start.
    pub marks: &'a [Mark],
    /// The most severe diagnostic on each 0-based line, and which are there.
    pub gutter: &'a HashMap<usize, (Severity, Vec<usize>)>,
    /// The messages of those diagnostics, one per line.
    pub title: &'a dyn Fn(&[usize]) -> String,
    /// Sorted, non-overlapping.
    pub matches: &'a [Range<usize>],
    pub current_match: Option<usize>,
    pub brackets: Option<(usize, usize)>,
    pub caret_line: usize,
    /// The line the address names, 0-based.
    pub addressed: Option<usize>,
    pub line_link: &'a dyn Fn(usize) -> String,
}

fn element(tag: &str, class: &str) -> Element {
    let el = document().create_element(tag).expect("create element");
    if !class.is_empty() {
        el.set_class_name(class);
    }
    el
}

/// Replaces `host`'s rows with lines `first..last` (0-based, end exclusive).
pub fn paint(host: &HtmlElement, buffer: &Buffer, decor: &Decor, lines: Range<usize>) {
    host.set_text_content(None);
    let text = buffer.text.as_str();
    let h = &buffer.highlighter;
    let fragment = document().create_document_fragment();
    for line in lines {
        let range = h.line_range(line);
        let n = line + 1;
        let mut class = String::from("code-line");
        if line == decor.caret_line {
            class.push_str(" current");
        }
        if decor.addressed == Some(line) {
            class.push_str(" selected");
        }
        let row = element("div", &class);
        let _ = row.set_attribute("data-line", &n.to_string());
        if let Some(row) = row.dyn_ref::<HtmlElement>() {
            super::surface::set_style(row, "top", &format!("{}px", line as f64 * LINE_HEIGHT));
        }
        let number = element("a", "line-no");
        let _ = number.set_attribute("href", &(decor.line_link)(n));
        let _ = number.set_attribute("tabindex", "-1");
        number.set_text_content(Some(&n.to_string()));
        if let Some((severity, indexes)) = decor.gutter.get(&line) {
            let _ = number.set_attribute("data-marker", severity.as_str());
            let _ = number.set_attribute("title", &(decor.title)(indexes));
        }
        let _ = row.append_child(&number);
        let content = element("span", "line-text");
        let tokens = h.tokens(text, line);
        fill_line(&content, &text[range.clone()], range.start, &tokens, decor);
        let _ = row.append_child(&content);
        let _ = fragment.append_child(&row);
    }
    let _ = host.append_child(&fragment);
}

/// What covers one stretch of a line.
#[derive(PartialEq, Default)]
struct Style {
    token: Option<&'static str>,
    severity: Option<Severity>,
    diagnostic: Option<usize>,
    found: Option<bool>,
    bracket: bool,
}

fn fill_line(host: &Element, line: &str, offset: usize, tokens: &[Token], decor: &Decor) {
    let len = line.len();
    let end = offset + len;
    // Marks touching this line, clipped to it; an empty span is widened to
    // the character after it, or drawn past the end of the line.
    let mut marks: Vec<(usize, usize, Severity, usize)> = Vec::new();
    let mut past_end: Option<(Severity, usize)> = None;
    for m in decor.marks.iter().take_while(|m| m.start <= end) {
        if m.end < offset || (m.end == offset && m.start < offset) {
            continue;
        }
        let start = boundary(line, m.start.saturating_sub(offset));
        let mut stop = boundary(line, m.end.saturating_sub(offset).min(len));
        if stop <= start {
            match line[start..].chars().next() {
                Some(c) => stop = start + c.len_utf8(),
                None => {
                    if past_end.is_none_or(|(s, _)| m.severity < s) {
                        past_end = Some((m.severity, m.index));
                    }
                    continue;
                }
            }
        }
        marks.push((start, stop, m.severity, m.index));
    }
    let first_match = decor.matches.partition_point(|r| r.end <= offset);
    let matches: Vec<(usize, usize, bool)> = decor.matches[first_match..]
        .iter()
        .enumerate()
        .take_while(|(_, r)| r.start < end)
        .map(|(i, r)| {
            let current = decor.current_match == Some(first_match + i);
            (
                boundary(line, r.start.saturating_sub(offset)),
                boundary(line, r.end.saturating_sub(offset).min(len)),
                current,
            )
        })
        .collect();
    let brackets: Vec<usize> = decor
        .brackets
        .map(|(a, b)| [a, b])
        .into_iter()
        .flatten()
        .filter(|at| (offset..end).contains(at))
        .map(|at| at - offset)
        .collect();

    let mut cuts: Vec<usize> = vec![0, len];
    for t in tokens {
        cuts.extend([boundary(line, t.start), boundary(line, t.end)]);
    }
    for (a, b, ..) in &marks {
        cuts.extend([*a, *b]);
    }
    for (a, b, _) in &matches {
        cuts.extend([*a, *b]);
    }
    for at in &brackets {
        cuts.extend([*at, boundary(line, at + 1).max(at + 1).min(len)]);
    }
    cuts.sort_unstable();
    cuts.dedup();

    // Tokens and matches are sorted and the cuts ascend, so each is walked
    // once: a long minified line has thousands of tokens.
    let (mut token, mut found) = (0, 0);
    for pair in cuts.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        if a >= b || !line.is_char_boundary(a) || !line.is_char_boundary(b) {
            continue;
        }
        let mut style = Style::default();
        while tokens.get(token).is_some_and(|t| t.end <= a) {
            token += 1;
        }
        if let Some(t) = tokens.get(token).filter(|t| t.start <= a) {
            style.token = Some(t.kind.class());
        }
        for (s, e, severity, index) in &marks {
            if *s <= a && a < *e && style.severity.is_none_or(|w| *severity < w) {
                style.severity = Some(*severity);
                style.diagnostic = Some(*index);
            }
        }
        while matches.get(found).is_some_and(|(_, e, _)| *e <= a) {
            found += 1;
        }
        if let Some((.., current)) = matches.get(found).filter(|(s, ..)| *s <= a) {
            style.found = Some(*current);
        }
        style.bracket = brackets.contains(&a);
        append_segment(host, &line[a..b], &style);
    }
    if let Some((severity, index)) = past_end {
        let style = Style {
            severity: Some(severity),
            diagnostic: Some(index),
            ..Style::default()
        };
        append_segment(host, " ", &style);
    }
}

fn append_segment(host: &Element, text: &str, style: &Style) {
    if *style == Style::default() {
        let _ = host.append_child(&document().create_text_node(text));
        return;
    }
    let mut class = String::new();
    if let Some(token) = style.token {
        class.push_str(token);
    }
    if let Some(severity) = style.severity {
        class.push_str(" sq-");
        class.push_str(severity.as_str());
    }
    match style.found {
        Some(true) => class.push_str(" found current"),
        Some(false) => class.push_str(" found"),
        None => {}
    }
    if style.bracket {
        class.push_str(" bracket-match");
    }
    let span = element("span", class.trim_start());
    if let Some(index) = style.diagnostic {
        let _ = span.set_attribute("data-diagnostic", &index.to_string());
    }
    span.set_text_content(Some(text));
    let _ = host.append_child(&span);
}
