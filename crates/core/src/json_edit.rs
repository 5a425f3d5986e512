//! Text edits on JSON that keep the user's formatting: remove a property with
//! its comma, rename a key. Used by quick fixes.

use crate::diagnostic::{Fix, Span, TextEdit};
use crate::json_tree::Node;

/// Removes `object`'s property at `index`, with the separator that joins it
/// to its neighbours, so the rest of the text keeps its layout.
pub fn remove_property(object: &Node, index: usize) -> Option<TextEdit> {
    let props = object.props();
    let prop = props.get(index)?;
    let span = if let Some(next) = props.get(index + 1) {
        Span::new(prop.key_span.start, next.key_span.start)
    } else if index > 0 {
        Span::new(props[index - 1].value.span.end, prop.value.span.end)
    } else {
        Span::new(prop.key_span.start, prop.value.span.end)
    };
    Some(TextEdit {
        span,
        text: String::new(),
    })
}

/// The quick fix that removes `object`'s property at `index`: `Remove "key"`.
pub fn removal_fix(object: &Node, index: usize, safe: bool) -> Option<Fix> {
    let key = &object.props().get(index)?.key;
    Some(Fix {
        title: format!("Remove \"{key}\""),
        edits: vec![remove_property(object, index)?],
        safe,
    })
}

/// Replaces a property's key, keeping its quotes.
pub fn rename_key(key_span: Span, new_name: &str) -> TextEdit {
    TextEdit {
        span: key_span,
        text: quote(new_name),
    }
}

/// `text` as a JSON string literal, escaped as JSON requires (and no more).
pub fn quote(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Applies edits to a text. Overlapping deletions merge (removing two
/// neighbouring properties both take the comma between them); any other edit
/// that overlaps an earlier one is skipped.
pub fn apply(text: &str, edits: &[TextEdit]) -> String {
    let mut merged = merge(edits.to_vec());
    for edit in merged.iter_mut().filter(|e| e.text.is_empty()) {
        edit.span = absorb_separator(text, edit.span);
    }
    let merged = merge(merged);
    let mut out = text.to_owned();
    for edit in merged.iter().rev() {
        let (start, end) = (edit.span.start.min(text.len()), edit.span.end.min(text.len()));
        if out.is_char_boundary(start) && out.is_char_boundary(end) {
            out.replace_range(start..end, &edit.text);
        }
    }
    out
}

/// Sorts edits; deletions that overlap or touch become one, and any other
/// edit overlapping an earlier one is dropped.
fn merge(mut edits: Vec<TextEdit>) -> Vec<TextEdit> {
    edits.sort_by_key(|e| (e.span.start, e.span.end));
    let mut merged: Vec<TextEdit> = Vec::with_capacity(edits.len());
    for edit in edits {
        match merged.last_mut() {
            Some(last) if last.text.is_empty() && edit.text.is_empty() && edit.span.start <= last.span.end => {
                last.span.end = last.span.end.max(edit.span.end);
            }
            Some(last) if edit.span.start < last.span.end => {}
            _ => merged.push(edit),
        }
    }
    merged
}

/// A deletion that now ends a container takes the comma before it along;
/// one that now starts a container takes the comma after it.
fn absorb_separator(text: &str, span: Span) -> Span {
    let before = text[..span.start.min(text.len())].trim_end();
    let after_start = span.end.min(text.len());
    let after = &text[after_start..];
    let after_trimmed = after.trim_start();
    if after_trimmed.starts_with(['}', ']']) && before.ends_with(',') {
        return Span::new(before.len() - 1, span.end);
    }
    if before.ends_with(['{', '[']) && after_trimmed.starts_with(',') {
        let comma = after_start + (after.len() - after_trimmed.len());
        return Span::new(span.start, comma + 1);
    }
    span
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::json_tree::parse;

    fn removed(text: &str, index: usize) -> String {
        let root = parse(text).root.unwrap();
        apply(text, &[remove_property(&root, index).unwrap()])
    }

    #[test]
    fn removes_first_middle_last_and_only_properties_cleanly() {
        let text = "{\n  \"a\": 1,\n  \"b\": [2],\n  \"c\": {}\n}";
        assert_eq!(removed(text, 0), "{\n  \"b\": [2],\n  \"c\": {}\n}");
        assert_eq!(removed(text, 1), "{\n  \"a\": 1,\n  \"c\": {}\n}");
        assert_eq!(removed(text, 2), "{\n  \"a\": 1,\n  \"b\": [2]\n}");
        assert_eq!(removed("{\"only\": 1}", 0), "{}");
        for i in 0..3 {
            assert!(parse(&removed(text, i)).error.is_none());
        }
    }

    #[test]
    fn neighbouring_removals_merge() {
        let text = "{\n  \"a\": 1,\n  \"b\": 2,\n  \"c\": 3\n}";
        let root = parse(text).root.unwrap();
        let edits = [remove_property(&root, 1).unwrap(), remove_property(&root, 2).unwrap()];
        assert_eq!(apply(text, &edits), "{\n  \"a\": 1\n}");
        let all = [0, 1, 2].map(|i| remove_property(&root, i).unwrap());
        assert_eq!(apply(text, &all), "{\n  \n}");
    }

    #[test]
    fn applies_several_edits_from_the_end() {
        let text = r#"{"a": 1, "b": 2, "c": 3}"#;
        let root = parse(text).root.unwrap();
        let edits = [
            remove_property(&root, 0).unwrap(),
            rename_key(root.props()[2].key_span, "d"),
        ];
        assert_eq!(apply(text, &edits), r#"{"b": 2, "d": 3}"#);
    }
}
