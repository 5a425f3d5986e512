//! Where each JSON value sits in its text, addressed by JSON pointer.
//!
//! serde gives typed models but forgets positions; this index, built from the
//! span tree (`json_tree`), lets a rule that found a problem in the model
//! point at the exact key or value the user wrote.

use std::collections::HashMap;

use jsonc_parser::ast::Value;
use jsonc_parser::{CollectOptions, ParseOptions};

use crate::diagnostic::Span;

/// Strict JSON, as AWS and serde_json read it: no comments, trailing commas,
/// single quotes or other JSON5 leniencies.
pub fn strict_options() -> ParseOptions {
    ParseOptions {
        allow_comments: false,
        allow_loose_object_property_names: false,
        allow_trailing_commas: false,
        allow_missing_commas: false,
        allow_single_quoted_strings: false,
        allow_hexadecimal_numbers: false,
        allow_unary_plus_numbers: false,
        allow_bare_decimal_point_numbers: false,
        allow_non_finite_numbers: false,
        allow_extended_string_escapes: false,
    }
}

/// A JSON syntax error: what is wrong and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    pub message: String,
    pub span: Span,
}

/// Parses strict JSON into jsonc-parser's ranged AST.
pub fn parse(text: &str) -> Result<Value<'_>, SyntaxError> {
    let parsed =
        jsonc_parser::parse_to_ast(text, &CollectOptions::default(), &strict_options()).map_err(|e| SyntaxError {
            message: e.kind().to_string(),
            span: Span::new(e.range().start, e.range().end),
        })?;
    parsed.value.ok_or(SyntaxError {
        message: "The file holds no JSON value".into(),
        span: Span::new(0, 0),
    })
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Located {
    /// The property name, for values inside objects.
    pub key: Option<Span>,
    pub value: Span,
}

impl Located {
    /// The key if there is one (where a reader looks for a field), else the value.
    pub fn key_or_value(&self) -> Span {
        self.key.unwrap_or(self.value)
    }
}

#[derive(Debug, Clone, Default)]
pub struct SpanIndex {
    by_pointer: HashMap<String, Located>,
}

impl SpanIndex {
    /// The span of the value at an RFC 6901 pointer (`/services/0/name`).
    pub fn get(&self, pointer: &str) -> Option<Located> {
        self.by_pointer.get(pointer).copied()
    }

    /// The span at `pointer`, or of its nearest ancestor that exists: a missing
    /// field is best reported on the object that lacks it.
    pub fn nearest(&self, pointer: &str) -> Located {
        let mut p = pointer;
        loop {
            if let Some(found) = self.get(p) {
                return found;
            }
            match p.rfind('/') {
                Some(cut) => p = &p[..cut],
                None => {
                    return Located {
                        key: None,
                        value: Span::new(0, 0),
                    }
                }
            }
        }
    }

    /// The innermost key or value at byte `offset`, with its pointer: how an
    /// error that serde reports by position is tied back to the field.
    pub fn innermost_at(&self, offset: usize) -> Option<(&str, Located)> {
        let covers = |span: Span| span.start <= offset && offset < span.end;
        self.by_pointer
            .iter()
            .filter(|(_, l)| covers(l.value) || l.key.is_some_and(covers))
            .min_by_key(|(pointer, l)| {
                // A key counts as the narrowest match of its property.
                let on_key = l.key.is_some_and(covers);
                (!on_key, l.value.end - l.value.start, std::cmp::Reverse(pointer.len()))
            })
            .map(|(pointer, l)| (pointer.as_str(), *l))
    }

    /// Indexes a [`json_tree`](crate::json_tree) document.
    pub fn from_node(root: &crate::json_tree::Node) -> SpanIndex {
        let mut index = SpanIndex::default();
        index.walk_node(String::new(), None, root);
        index
    }

    fn walk_node(&mut self, pointer: String, key: Option<Span>, node: &crate::json_tree::Node) {
        self.by_pointer
            .insert(pointer.clone(), Located { key, value: node.span });
        for prop in node.props() {
            self.walk_node(
                format!("{pointer}/{}", escape(&prop.key)),
                Some(prop.key_span),
                &prop.value,
            );
        }
        for (i, item) in node.items().iter().enumerate() {
            self.walk_node(format!("{pointer}/{i}"), None, item);
        }
    }
}

/// `/services/1/desiredCount` → `services[1].desiredCount`, as people write paths.
pub fn display_path(pointer: &str) -> String {
    let mut out = String::new();
    for token in pointer.split('/').skip(1) {
        let token = token.replace("~1", "/").replace("~0", "~");
        if token.parse::<usize>().is_ok() {
            out.push_str(&format!("[{token}]"));
        } else {
            if !out.is_empty() {
                out.push('.');
            }
            out.push_str(&token);
        }
    }
    out
}

/// RFC 6901 escaping of one reference token.
pub fn escape(token: &str) -> String {
    token.replace('~', "~0").replace('/', "~1")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn indexed(text: &str) -> SpanIndex {
        SpanIndex::from_node(&crate::json_tree::parse(text).root.unwrap())
    }

    #[test]
    fn finds_keys_and_values_by_pointer() {
        let text = r#"{"a": {"b/c": [1, {"d": true}]}}"#;
        let index = indexed(text);
        let d = index.get("/a/b~1c/1/d").unwrap();
        assert_eq!(&text[d.value.start..d.value.end], "true");
        assert_eq!(&text[d.key.unwrap().start..d.key.unwrap().end], "\"d\"");
        let one = index.get("/a/b~1c/0").unwrap();
        assert_eq!(&text[one.value.start..one.value.end], "1");
        assert!(one.key.is_none());
    }

    #[test]
    fn nearest_falls_back_to_the_closest_ancestor() {
        let text = r#"{"a": {"b": 1}}"#;
        let index = indexed(text);
        let found = index.nearest("/a/missing/deeper");
        assert_eq!(&text[found.value.start..found.value.end], r#"{"b": 1}"#);
    }

    #[test]
    fn innermost_at_prefers_keys_then_the_narrowest_value() {
        let text = r#"{"a": {"bb": [10, 20]}}"#;
        let index = indexed(text);
        let at = |needle: &str| index.innermost_at(text.find(needle).unwrap()).unwrap().0.to_owned();
        assert_eq!(at("20"), "/a/bb/1");
        assert_eq!(at("\"bb\""), "/a/bb");
        assert_eq!(at("["), "/a/bb");
        assert_eq!(at("{\"bb"), "/a");
        assert!(index.innermost_at(text.len()).is_none());
    }

    #[test]
    fn display_paths_read_like_code() {
        assert_eq!(display_path("/services/1/desiredCount"), "services[1].desiredCount");
        assert_eq!(display_path("/a~1b/0/0"), "a/b[0][0]");
        assert_eq!(display_path(""), "");
    }

    #[test]
    fn rejects_what_strict_json_rejects() {
        for bad in [
            "{\"a\": 1,}",
            "{'a': 1}",
            "{\"a\": 1} // c",
            "",
            "{\"a\": 0x1}",
            "[1 2]",
        ] {
            assert!(parse(bad).is_err(), "{bad:?} should be rejected");
        }
    }

    #[test]
    fn syntax_error_points_at_the_problem() {
        let text = "{\n  \"a\": 1,\n  \"b\": 2,\n}";
        let err = parse(text).unwrap_err();
        assert_eq!(&text[err.span.start..err.span.start + 1], ",");
        assert!(err.message.to_lowercase().contains("trailing comma"), "{}", err.message);
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_crash() {
        let text = "[".repeat(100_000);
        assert!(parse(&text).is_err());
    }
}
