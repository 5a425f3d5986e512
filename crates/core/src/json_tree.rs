//! An owned JSON tree with the byte span of every key and value, parsed with
//! recovery: a syntax error is reported once, and as much of the document as
//! can be read still yields a tree, so rules keep working while the user types.
//!
//! jsonc-parser does the parsing (strict, then lenient); when even lenient
//! parsing fails (a truncated file, an unclosed string) the text is cut at the
//! error and the open containers are closed, backing off to the previous
//! separator until it reads. No crate recovers JSON this way, hence this module.

use jsonc_parser::ast::{ObjectPropName, Value};
use jsonc_parser::common::Ranged;
use jsonc_parser::{CollectOptions, ParseOptions};

use crate::diagnostic::Span;
use crate::json_spans::{self, SyntaxError};
use crate::line_index::floor_boundary;

#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub span: Span,
    pub kind: NodeKind,
}

#[derive(Debug, Clone, PartialEq)]
pub enum NodeKind {
    Object(Vec<Prop>),
    Array(Vec<Node>),
    String(String),
    /// The number as written.
    Number(String),
    Bool(bool),
    Null,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Prop {
    pub key: String,
    pub key_span: Span,
    pub value: Node,
}

/// What parsing produced: the tree, if any part could be read, and the first
/// syntax error, if the text is not strict JSON.
#[derive(Debug, Clone, Default)]
pub struct Parsed {
    pub root: Option<Node>,
    pub error: Option<SyntaxError>,
}

impl Node {
    pub fn props(&self) -> &[Prop] {
        match &self.kind {
            NodeKind::Object(props) => props,
            _ => &[],
        }
    }

    pub fn items(&self) -> &[Node] {
        match &self.kind {
            NodeKind::Array(items) => items,
            _ => &[],
        }
    }

    pub fn is_object(&self) -> bool {
        matches!(self.kind, NodeKind::Object(_))
    }

    /// The last property named `key` (as AWS's JSON reader keeps the last of duplicates).
    pub fn get(&self, key: &str) -> Option<&Prop> {
        self.props().iter().rev().find(|p| p.key == key)
    }

    pub fn value(&self, key: &str) -> Option<&Node> {
        self.get(key).map(|p| &p.value)
    }

    pub fn as_str(&self) -> Option<&str> {
        match &self.kind {
            NodeKind::String(s) => Some(s),
            _ => None,
        }
    }

    pub fn as_bool(&self) -> Option<bool> {
        match self.kind {
            NodeKind::Bool(b) => Some(b),
            _ => None,
        }
    }

    /// A whole, non-negative number that fits u64.
    pub fn as_u64(&self) -> Option<u64> {
        match &self.kind {
            NodeKind::Number(n) => n.parse().ok(),
            _ => None,
        }
    }

    /// A whole number that fits i64.
    pub fn as_i64(&self) -> Option<i64> {
        match &self.kind {
            NodeKind::Number(n) => n.parse().ok(),
            _ => None,
        }
    }

    pub fn is_null(&self) -> bool {
        matches!(self.kind, NodeKind::Null)
    }

    /// The value at an RFC 6901 pointer, `""` being the node itself. Of
    /// duplicate keys the last counts, as in [`Node::get`].
    pub fn pointer(&self, pointer: &str) -> Option<&Node> {
        if pointer.is_empty() {
            return Some(self);
        }
        let mut node = self;
        for token in pointer.strip_prefix('/')?.split('/') {
            node = node.child(&unescape(token))?.1;
        }
        Some(node)
    }

    /// The child one (unescaped) pointer token names, with its position
    /// among the container's properties or items: of duplicate keys the
    /// last, as in [`Node::get`].
    pub fn child(&self, token: &str) -> Option<(usize, &Node)> {
        match &self.kind {
            NodeKind::Object(props) => props.iter().rposition(|p| p.key == token).map(|i| (i, &props[i].value)),
            NodeKind::Array(items) => {
                let i = array_index(token)?;
                items.get(i).map(|node| (i, node))
            }
            _ => None,
        }
    }

    /// The JSON type's name, as messages say it.
    pub fn type_name(&self) -> &'static str {
        match &self.kind {
            NodeKind::Object(_) => "object",
            NodeKind::Array(_) => "array",
            NodeKind::String(_) => "string",
            NodeKind::Number(n) if is_integer(n) => "integer",
            NodeKind::Number(_) => "number",
            NodeKind::Bool(_) => "boolean",
            NodeKind::Null => "null",
        }
    }
}

/// One RFC 6901 reference token as the key it stands for.
pub fn unescape(token: &str) -> String {
    token.replace("~1", "/").replace("~0", "~")
}

/// An array index as RFC 6901 writes it: digits without a leading zero.
pub fn array_index(token: &str) -> Option<usize> {
    let digits = !token.is_empty() && token.bytes().all(|b| b.is_ascii_digit());
    if !digits || (token.len() > 1 && token.starts_with('0')) {
        return None;
    }
    token.parse().ok()
}

/// True for a JSON number without fraction or exponent.
pub fn is_integer(number: &str) -> bool {
    !number.contains(['.', 'e', 'E'])
}

fn lenient_options() -> ParseOptions {
    ParseOptions {
        allow_comments: true,
        allow_loose_object_property_names: true,
        allow_trailing_commas: true,
        allow_missing_commas: true,
        allow_single_quoted_strings: true,
        allow_hexadecimal_numbers: false,
        allow_unary_plus_numbers: false,
        allow_bare_decimal_point_numbers: false,
        allow_non_finite_numbers: false,
        allow_extended_string_escapes: false,
    }
}

fn lenient(text: &str) -> Option<Node> {
    let parsed = jsonc_parser::parse_to_ast(text, &CollectOptions::default(), &lenient_options()).ok()?;
    parsed.value.as_ref().map(convert)
}

/// How many times recovery backs off to an earlier separator before giving up.
const MAX_REPAIRS: usize = 64;

pub fn parse(text: &str) -> Parsed {
    let error = match json_spans::parse(text) {
        Ok(root) => {
            return Parsed {
                root: Some(convert(&root)),
                error: None,
            }
        }
        Err(error) => error,
    };
    let root = lenient(text)
        .or_else(|| without_stray_tokens(text))
        .or_else(|| repair(text, error.span.start));
    Parsed {
        root: root.map(|mut r| {
            clamp(&mut r, text.len());
            r
        }),
        error: Some(error),
    }
}

/// How many stray tokens (a doubled comma, a lone colon) recovery deletes.
const MAX_DELETIONS: usize = 3;

/// Deletes the token each error points at, while that makes progress: a
/// doubled comma or a stray bracket costs one token, not the rest of the file.
/// Deleted bytes become spaces so every span still points into the original.
fn without_stray_tokens(text: &str) -> Option<Node> {
    let mut candidate = text.to_owned();
    for _ in 0..MAX_DELETIONS {
        let error = jsonc_parser::parse_to_ast(&candidate, &CollectOptions::default(), &lenient_options()).err()?;
        let range = error.range();
        let (start, end) = (range.start, range.end.max(range.start + 1).min(candidate.len()));
        if start >= end || !candidate.is_char_boundary(start) || !candidate.is_char_boundary(end) {
            return None;
        }
        let token = &candidate[start..end];
        if !token.chars().all(|c| ",:{}[]".contains(c)) {
            return None;
        }
        candidate.replace_range(start..end, &" ".repeat(end - start));
        if let Some(root) = lenient(&candidate) {
            return Some(root);
        }
    }
    None
}

/// Cuts the text at `cut`, closes what is open, and backs off to the previous
/// separator until the result reads.
fn repair(text: &str, cut: usize) -> Option<Node> {
    let mut cut = floor_boundary(text, cut);
    for _ in 0..MAX_REPAIRS {
        let prefix = text[..cut].trim_end().trim_end_matches([',', ':']);
        let closers = open_containers(prefix)?;
        let candidate = format!("{prefix}{closers}");
        if let Some(root) = lenient(&candidate) {
            return Some(root);
        }
        cut = previous_separator(text, cut)?;
    }
    None
}

/// The closing brackets for every container still open at the end of
/// `prefix`, innermost first, or None when the prefix ends inside a string.
fn open_containers(prefix: &str) -> Option<String> {
    let mut stack = Vec::new();
    let mut in_string: Option<char> = None;
    let mut escaped = false;
    for c in prefix.chars() {
        if let Some(quote) = in_string {
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == quote {
                in_string = None;
            }
            continue;
        }
        match c {
            '"' | '\'' => in_string = Some(c),
            '{' => stack.push('}'),
            '[' => stack.push(']'),
            '}' | ']' => {
                stack.pop();
            }
            _ => {}
        }
    }
    if in_string.is_some() {
        return None;
    }
    Some(stack.iter().rev().collect())
}

/// The offset of the last `,`, `{` or `[` before `cut` that is outside a
/// string (just after it, for brackets, so the container stays open).
fn previous_separator(text: &str, cut: usize) -> Option<usize> {
    let mut best = None;
    let mut in_string = false;
    let mut escaped = false;
    for (i, c) in text[..cut].char_indices() {
        if in_string {
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                in_string = false;
            }
            continue;
        }
        match c {
            '"' => in_string = true,
            ',' => best = Some(i),
            '{' | '[' => best = Some(i + 1),
            _ => {}
        }
    }
    best.filter(|&b| b < cut)
}

fn convert(value: &Value) -> Node {
    let range = value.range();
    let span = Span::new(range.start, range.end);
    let kind = match value {
        Value::Object(object) => NodeKind::Object(
            object
                .properties
                .iter()
                .map(|prop| {
                    let (key, key_range) = match &prop.name {
                        ObjectPropName::String(s) => (s.value.to_string(), s.range),
                        ObjectPropName::Word(w) => (w.value.to_owned(), w.range),
                    };
                    Prop {
                        key,
                        key_span: Span::new(key_range.start, key_range.end),
                        value: convert(&prop.value),
                    }
                })
                .collect(),
        ),
        Value::Array(array) => NodeKind::Array(array.elements.iter().map(convert).collect()),
        Value::StringLit(s) => NodeKind::String(s.value.to_string()),
        Value::NumberLit(n) => NodeKind::Number(n.value.to_owned()),
        Value::BooleanLit(b) => NodeKind::Bool(b.value),
        Value::NullKeyword(_) => NodeKind::Null,
    };
    Node { span, kind }
}

/// Spans of containers closed by repair end past the real text; pull them back.
fn clamp(node: &mut Node, len: usize) {
    node.span = Span::new(node.span.start.min(len), node.span.end.min(len));
    match &mut node.kind {
        NodeKind::Object(props) => props.iter_mut().for_each(|p| clamp(&mut p.value, len)),
        NodeKind::Array(items) => items.iter_mut().for_each(|n| clamp(n, len)),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(node: &Node) -> Vec<&str> {
        node.props().iter().map(|p| p.key.as_str()).collect()
    }

    #[test]
    fn strict_json_has_no_error_and_exact_spans() {
        let text = r#"{"a": [1, "x"], "b": null}"#;
        let parsed = parse(text);
        assert!(parsed.error.is_none());
        let root = parsed.root.unwrap();
        let a = root.get("a").unwrap();
        assert_eq!(&text[a.key_span.start..a.key_span.end], "\"a\"");
        assert_eq!(&text[a.value.span.start..a.value.span.end], "[1, \"x\"]");
        assert_eq!(a.value.items()[1].as_str(), Some("x"));
        assert!(root.value("b").unwrap().is_null());
    }

    #[test]
    fn a_trailing_comma_is_an_error_but_the_whole_tree_reads() {
        let text = "{\"a\": 1,\n \"b\": [2,],\n \"c\": 3}";
        let parsed = parse(text);
        assert!(parsed.error.is_some());
        assert_eq!(keys(&parsed.root.unwrap()), ["a", "b", "c"]);
    }

    #[test]
    fn a_doubled_comma_costs_one_token() {
        let text = "{\"a\": 1,,\n \"b\": 2}";
        let parsed = parse(text);
        assert!(parsed.error.is_some());
        let root = parsed.root.unwrap();
        assert_eq!(keys(&root), ["a", "b"]);
        assert_eq!(&text[root.get("b").unwrap().key_span.start..][..3], "\"b\"");
    }

    #[test]
    fn a_truncated_file_keeps_what_came_before() {
        let text = "{\"family\": \"web\", \"containerDefinitions\": [{\"name\": \"nginx\", \"image\": \"ngi";
        let parsed = parse(text);
        let error = parsed.error.unwrap();
        assert!(error.span.start >= text.find("\"ngi").unwrap(), "{error:?}");
        let root = parsed.root.unwrap();
        assert_eq!(root.value("family").unwrap().as_str(), Some("web"));
        let container = &root.value("containerDefinitions").unwrap().items()[0];
        assert_eq!(container.value("name").unwrap().as_str(), Some("nginx"));
        assert!(root.span.end <= text.len());
    }

    #[test]
    fn a_missing_quote_mid_file_still_reads_the_start() {
        let text = "{\"family\": \"web\",\n \"cpu\": \"256,\n \"memory\": \"512\"}";
        let parsed = parse(text);
        assert!(parsed.error.is_some());
        assert_eq!(parsed.root.unwrap().value("family").unwrap().as_str(), Some("web"));
    }

    #[test]
    fn garbage_and_extremes_never_panic() {
        let deep = "[".repeat(50_000);
        let inputs = [
            "",
            "\u{0}\u{1}",
            "}{",
            "{\"a\":",
            "\"unterminated",
            "[1, 2",
            &deep,
            "가나다",
            "{'a': 1}",
        ];
        for text in inputs {
            let parsed = parse(text);
            assert!(parsed.error.is_some() || parsed.root.is_some(), "{text:?}");
        }
        for cut in 0..crate::reference::BACKEND_TASK.len() {
            if crate::reference::BACKEND_TASK.is_char_boundary(cut) {
                let _ = parse(&crate::reference::BACKEND_TASK[..cut]);
            }
        }
    }

    #[test]
    fn pointers_find_values_and_reject_what_is_not_there() {
        let root = parse(r#"{"a/b": {"~x": [10, 20]}, "a": 1, "a": 2}"#).root.unwrap();
        assert_eq!(root.pointer("/a~1b/~0x/1").and_then(Node::as_u64), Some(20));
        assert_eq!(root.pointer("/a").and_then(Node::as_u64), Some(2));
        assert_eq!(root.pointer(""), Some(&root));
        for missing in ["a", "/a~1b/~0x/2", "/a~1b/~0x/01", "/a~1b/~0x/-", "/a/0", "/nope"] {
            assert_eq!(root.pointer(missing), None, "{missing}");
        }
    }

    #[test]
    fn type_names_distinguish_integers() {
        let root = parse(r#"[1, 1.5, 2e3, "s", true, null, {}, []]"#).root.unwrap();
        let names: Vec<_> = root.items().iter().map(Node::type_name).collect();
        assert_eq!(
            names,
            ["integer", "number", "number", "string", "boolean", "null", "object", "array"]
        );
    }
}
