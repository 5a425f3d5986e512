//! Text edits on JSON that keep the user's formatting: remove a property or
//! item with its comma, rename a key, set a value or append an item written
//! the way the file already writes its neighbours. Quick fixes and the forms
//! use them, so the text the user edits stays the source of truth: a form
//! change touches only the bytes it must, and comments, key order and layout
//! survive.
//!
//! jsonc-parser's `cst` feature offers formatting-preserving edits too, but it
//! formats inserted values its own way; matching the layout of the siblings
//! (AWS's one-value-per-line output, atlas.json's one-line entries) needs the
//! file's own style, which [`Style`] reads from the text.

use crate::diagnostic::{Fix, Span, TextEdit};
use crate::json_tree::{self, Node, NodeKind};

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
/// neighbouring properties both take the comma between them), and deletions
/// that together empty a container leave it as `{}` or `[]`, so removals
/// computed one by one compose; any other edit that overlaps an earlier one
/// is skipped.
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
/// one that now starts a container takes the comma after it; one that
/// empties a container takes the whitespace left inside, leaving `{}` or `[]`.
fn absorb_separator(text: &str, span: Span) -> Span {
    let (Some(before), Some(after)) = (text.get(..span.start), text.get(span.end..)) else {
        return span;
    };
    let before = before.trim_end();
    let after_trimmed = after.trim_start();
    let after_blank = span.end + (after.len() - after_trimmed.len());
    let emptied = matches!(
        (before.chars().last(), after_trimmed.chars().next()),
        (Some('{'), Some('}')) | (Some('['), Some(']'))
    );
    if emptied && span.start < span.end {
        return Span::new(before.len(), after_blank);
    }
    if after_trimmed.starts_with(['}', ']']) && before.ends_with(',') {
        return Span::new(before.len() - 1, span.end);
    }
    if before.ends_with(['{', '[']) && after_trimmed.starts_with(',') {
        return Span::new(span.start, after_blank + 1);
    }
    span
}

/// Sets the value at RFC 6901 `pointer` to `json` (a JSON value as text, e.g.
/// `"\"x\""`, `"256"`, `"true"`).
///
/// An existing value's span is replaced. A missing property is inserted after
/// the last property of its object, laid out like its siblings (on their line
/// or on its own line at their indentation); an empty object gets it on its
/// own line, one step deeper, when the object sits in a multi-line container
/// and the file writes such objects over several lines, else inline.
/// Missing intermediate objects are created; a missing intermediate `0` or `-`
/// creates a one-item array. The last token may be `-` or the length of an
/// existing array, which appends. A path through a missing array item or a
/// value that is neither object nor array gives None, as do `json` that is
/// not strict JSON and text with no tree to edit.
pub fn set_value(text: &str, pointer: &str, json: &str) -> Option<TextEdit> {
    let value = Value::parse(json)?;
    let parsed = json_tree::parse(text);
    let root = parsed.root.as_ref()?;
    let doc = Doc::new(text, root);
    let tokens = tokens(pointer)?;
    match resolve(root, &tokens)? {
        Resolved::Found(chain) => doc.replace(&chain, &value),
        Resolved::Missing { chain, at } => {
            let rest = &tokens[at + 1..];
            match &chain.last()?.node.kind {
                NodeKind::Object(_) => {
                    let nested = Value::parse(&nest(json, rest)?)?;
                    doc.add_property(&chain, &tokens[at], &nested)
                }
                NodeKind::Array(_) if rest.is_empty() => doc.add_item(&chain, &value),
                _ => None,
            }
        }
    }
}

/// Appends the JSON value `json` to the array at `pointer`, creating the
/// array as a property if it is missing (as [`set_value`] creates values).
///
/// The item is written like its siblings: on its own line at their
/// indentation in a multi-line array, and an object or array item spans
/// several lines when the last sibling of its kind does (one line otherwise,
/// `{ "k": v }` as atlas.json's entries). Without such a sibling, or in an
/// empty array, the file's habit for values of that shape decides; an empty
/// array inside a multi-line container opens onto its own lines when the file
/// writes such arrays that way.
pub fn append_item(text: &str, pointer: &str, json: &str) -> Option<TextEdit> {
    let value = Value::parse(json)?;
    let parsed = json_tree::parse(text);
    let root = parsed.root.as_ref()?;
    let tokens = tokens(pointer)?;
    match resolve(root, &tokens)? {
        Resolved::Found(chain) if matches!(chain.last()?.node.kind, NodeKind::Array(_)) => {
            Doc::new(text, root).add_item(&chain, &value)
        }
        Resolved::Found(_) => None,
        Resolved::Missing { .. } => set_value(text, pointer, &format!("[{json}]")),
    }
}

/// Removes the property or array item at `pointer` with the separator and
/// whitespace that joined it to its neighbours, so they read as if it had
/// never been there; the only entry of a container leaves `{}` or `[]`.
pub fn remove_at(text: &str, pointer: &str) -> Option<TextEdit> {
    let parsed = json_tree::parse(text);
    let root = parsed.root.as_ref()?;
    let Resolved::Found(chain) = resolve(root, &tokens(pointer)?)? else {
        return None;
    };
    let (target, parent) = match chain.as_slice() {
        [.., parent, target] => (target, parent.node),
        _ => return None,
    };
    let entries = entries(parent);
    let i = target.index;
    let (start, end) = *entries.get(i)?;
    let span = if entries.len() == 1 {
        // The whitespace inside goes too, unless something (a comment) would be lost.
        bracketed(text, parent)
            .filter(|inner| {
                let before = text.get(inner.start..start).unwrap_or("x");
                let after = text.get(end..inner.end).unwrap_or("x").trim();
                before.trim().is_empty() && (after.is_empty() || after == ",")
            })
            .unwrap_or(Span::new(start, end))
    } else if let Some(next) = entries.get(i + 1) {
        Span::new(start, next.0)
    } else {
        Span::new(entries.get(i.checked_sub(1)?)?.1, end)
    };
    text.get(span.start..span.end)?;
    Some(TextEdit {
        span,
        text: String::new(),
    })
}

/// Pretty-prints the JSON value `json` for insertion at `depth` indentation
/// steps of `unit`: over several lines when `multiline` (empty containers
/// stay `{}` and `[]`), else on one line as `{ "k": v, "l": [1, 2] }`. The
/// first line is not indented: it continues the line it is inserted into.
/// Scalars keep their spelling (escapes, exponents). None unless `json` is
/// strict JSON.
pub fn render(json: &str, unit: &str, depth: usize, multiline: bool) -> Option<String> {
    let value = Value::parse(json)?;
    let style = Style {
        unit: unit.to_owned(),
        fixed: Some(multiline),
        ..Style::default()
    };
    style.render(&value.src, &value.node, &unit.repeat(depth), multiline, 0)
}

/// How deep a value to insert may nest; deeper input is refused rather than
/// risking the stack.
const MAX_RENDER_DEPTH: usize = 128;

/// A JSON value to insert, with its text: scalars are copied as written.
struct Value {
    src: String,
    node: Node,
}

impl Value {
    fn parse(json: &str) -> Option<Value> {
        let parsed = json_tree::parse(json);
        if parsed.error.is_some() {
            return None;
        }
        Some(Value {
            src: json.to_owned(),
            node: parsed.root?,
        })
    }
}

/// The reference tokens of an RFC 6901 pointer, unescaped.
fn tokens(pointer: &str) -> Option<Vec<String>> {
    if pointer.is_empty() {
        return Some(Vec::new());
    }
    Some(pointer.strip_prefix('/')?.split('/').map(json_tree::unescape).collect())
}

/// `json` wrapped in the containers `rest` names: objects, or a one-item
/// array for `0` and `-`. Any other index cannot be created.
fn nest(json: &str, rest: &[String]) -> Option<String> {
    let mut value = json.to_owned();
    for token in rest.iter().rev() {
        value = if token == "0" || token == "-" {
            format!("[{value}]")
        } else if json_tree::array_index(token).is_some() {
            return None;
        } else {
            format!("{{{}: {value}}}", quote(token))
        };
    }
    Some(value)
}

/// A node on the way down a pointer and its position in its parent.
#[derive(Clone, Copy)]
struct Link<'a> {
    node: &'a Node,
    index: usize,
}

enum Resolved<'a> {
    /// From the root down to the value the pointer names.
    Found(Vec<Link<'a>>),
    /// The chain ends at the container that lacks `tokens[at]`.
    Missing { chain: Vec<Link<'a>>, at: usize },
}

fn resolve<'a>(root: &'a Node, tokens: &[String]) -> Option<Resolved<'a>> {
    let mut chain = vec![Link { node: root, index: 0 }];
    for (at, token) in tokens.iter().enumerate() {
        let node = chain.last()?.node;
        let next = node.child(token).map(|(index, node)| Link { node, index });
        match &node.kind {
            NodeKind::Object(_) => {}
            // Only the next item may be missing ("-" names it): it can be
            // appended.
            NodeKind::Array(items) if next.is_none() => {
                let next_item = token == "-" || json_tree::array_index(token) == Some(items.len());
                if !next_item {
                    return None;
                }
            }
            NodeKind::Array(_) => {}
            _ => return None,
        }
        match next {
            Some(link) => chain.push(link),
            None => return Some(Resolved::Missing { chain, at }),
        }
    }
    Some(Resolved::Found(chain))
}

/// Each property (key to value) or item of a container, as byte ranges.
fn entries(container: &Node) -> Vec<(usize, usize)> {
    match &container.kind {
        NodeKind::Object(props) => props.iter().map(|p| (p.key_span.start, p.value.span.end)).collect(),
        NodeKind::Array(items) => items.iter().map(|n| (n.span.start, n.span.end)).collect(),
        _ => Vec::new(),
    }
}

/// The inside of a container, between its brackets, if the text really has
/// them there (a tree recovered from a truncated file may close containers
/// the text never closed).
fn bracketed(text: &str, container: &Node) -> Option<Span> {
    let (open, close) = match container.kind {
        NodeKind::Object(_) => ("{", "}"),
        NodeKind::Array(_) => ("[", "]"),
        _ => return None,
    };
    let Span { start, end } = container.span;
    let inner = Span::new(start + 1, end.checked_sub(1)?);
    let brackets = text.get(start..inner.start) == Some(open) && text.get(inner.end..end) == Some(close);
    (brackets && inner.start <= inner.end).then_some(inner)
}

/// The shape of a container, by which the file's layout habits are told apart:
/// atlas.json writes objects of scalars on one line and nests the rest.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Shape {
    FlatObject,
    NestedObject,
    FlatArray,
    NestedArray,
}

impl Shape {
    fn of(node: &Node) -> Option<Shape> {
        let scalar = |n: &Node| !matches!(n.kind, NodeKind::Object(_) | NodeKind::Array(_));
        match &node.kind {
            NodeKind::Object(props) if props.iter().all(|p| scalar(&p.value)) => Some(Shape::FlatObject),
            NodeKind::Object(_) => Some(Shape::NestedObject),
            NodeKind::Array(items) if items.iter().all(scalar) => Some(Shape::FlatArray),
            NodeKind::Array(_) => Some(Shape::NestedArray),
            _ => None,
        }
    }

    /// The shape a container has once `value` is added to it.
    fn holding(object: bool, value: &Node) -> Shape {
        let nested = matches!(value.kind, NodeKind::Object(_) | NodeKind::Array(_));
        match (object, nested) {
            (true, false) => Shape::FlatObject,
            (true, true) => Shape::NestedObject,
            (false, false) => Shape::FlatArray,
            (false, true) => Shape::NestedArray,
        }
    }
}

/// How a file writes JSON, read from the file itself.
struct Style {
    /// One indentation step.
    unit: String,
    /// Between a key and its value, `": "` in most files.
    colon: String,
    /// Between entries on one line, `", "` in most files.
    comma: String,
    newline: &'static str,
    /// `{ "k": v }` rather than `{"k": v}`.
    object_pad: bool,
    /// `[ 1 ]` rather than `[1]`.
    array_pad: bool,
    /// For [`render`]: every container the same way.
    fixed: Option<bool>,
    /// For each [`Shape`], how many non-empty containers inside multi-line
    /// ones span several lines and how many sit on one.
    votes: [(usize, usize); 4],
}

impl Default for Style {
    fn default() -> Self {
        Style {
            unit: "  ".into(),
            colon: ": ".into(),
            comma: ", ".into(),
            newline: "\n",
            object_pad: true,
            array_pad: false,
            fixed: None,
            votes: [(0, 0); 4],
        }
    }
}

impl Style {
    /// Whether a new container of `shape` inside a multi-line one should span
    /// several lines: as most such containers in the file do, and so by
    /// default (AWS's output, `JSON.stringify(v, null, 2)`).
    fn expands(&self, shape: Shape) -> bool {
        if let Some(fixed) = self.fixed {
            return fixed;
        }
        let (multi, single) = self.votes[shape as usize];
        multi >= single
    }

    fn expands_value(&self, node: &Node) -> bool {
        Shape::of(node).is_some_and(|shape| self.expands(shape))
    }

    /// `node` (parsed from `src`) as text whose lines after the first start
    /// at `indent`; `expand` says whether this container spans lines.
    fn render(&self, src: &str, node: &Node, indent: &str, expand: bool, depth: usize) -> Option<String> {
        if depth > MAX_RENDER_DEPTH {
            return None;
        }
        let inner = format!("{indent}{}", self.unit);
        let child_indent = if expand { inner.as_str() } else { indent };
        let child = |node: &Node| {
            let expand = expand && self.expands_value(node);
            self.render(src, node, child_indent, expand, depth + 1)
        };
        let (open, close, pad, parts) = match &node.kind {
            NodeKind::Object(props) if !props.is_empty() => {
                let parts = props
                    .iter()
                    .map(|p| {
                        Some(format!(
                            "{}{}{}",
                            src.get(p.key_span.start..p.key_span.end)?,
                            self.colon,
                            child(&p.value)?
                        ))
                    })
                    .collect::<Option<Vec<_>>>()?;
                ('{', '}', self.object_pad, parts)
            }
            NodeKind::Array(items) if !items.is_empty() => {
                let parts = items.iter().map(child).collect::<Option<Vec<_>>>()?;
                ('[', ']', self.array_pad, parts)
            }
            NodeKind::Object(_) => return Some("{}".into()),
            NodeKind::Array(_) => return Some("[]".into()),
            _ => return src.get(node.span.start..node.span.end).map(str::to_owned),
        };
        Some(if expand {
            let nl = self.newline;
            let joined = parts.join(&format!(",{nl}{inner}"));
            format!("{open}{nl}{inner}{joined}{nl}{indent}{close}")
        } else {
            let pad = if pad { " " } else { "" };
            format!("{open}{pad}{}{pad}{close}", parts.join(&self.comma))
        })
    }
}

/// The text being edited, with the style it is written in.
struct Doc<'t> {
    text: &'t str,
    newlines: Vec<usize>,
    style: Style,
}

impl<'t> Doc<'t> {
    fn new(text: &'t str, root: &Node) -> Doc<'t> {
        let newlines = text.match_indices('\n').map(|(i, _)| i).collect();
        let mut doc = Doc {
            text,
            newlines,
            style: Style::default(),
        };
        doc.style = doc.detect(root);
        doc
    }

    fn multiline(&self, span: Span) -> bool {
        let first = self.newlines.partition_point(|&n| n < span.start);
        self.newlines.get(first).is_some_and(|&n| n < span.end)
    }

    /// The whitespace that starts the line holding `offset`.
    fn indent(&self, offset: usize) -> String {
        let line = self.newlines.partition_point(|&n| n < offset);
        let start = line.checked_sub(1).map_or(0, |i| self.newlines[i] + 1);
        let rest = self.text.get(start..).unwrap_or("");
        rest.chars().take_while(|c| *c == ' ' || *c == '\t').collect()
    }

    /// Reads the style from the first examples of each habit, and counts the
    /// layouts of containers (iteratively: a document may nest deeply).
    fn detect(&self, root: &Node) -> Style {
        let text = self.text;
        let mut style = Style::default();
        if text.contains("\r\n") {
            style.newline = "\r\n";
        }
        let (mut unit, mut colon, mut comma, mut object_pad, mut array_pad) = (None, None, None, None, None);
        let mut stack = vec![(root, false)];
        while let Some((node, inside_multiline)) = stack.pop() {
            let entries = entries(node);
            let Some(shape) = Shape::of(node) else {
                continue;
            };
            let multiline = self.multiline(node.span);
            if let Some(&(first, _)) = entries.first() {
                if inside_multiline {
                    let vote = &mut style.votes[shape as usize];
                    if multiline {
                        vote.0 += 1;
                    } else {
                        vote.1 += 1;
                    }
                }
                if multiline && unit.is_none() {
                    let (outer, inner) = (self.indent(node.span.start), self.indent(first));
                    if self.multiline(Span::new(node.span.start, first)) && inner.len() > outer.len() {
                        unit = inner.strip_prefix(outer.as_str()).map(str::to_owned);
                    }
                }
                if !multiline {
                    let after_open = text.get(node.span.start + 1..).unwrap_or("");
                    let pad = if matches!(node.kind, NodeKind::Object(_)) {
                        &mut object_pad
                    } else {
                        &mut array_pad
                    };
                    pad.get_or_insert(after_open.starts_with(' '));
                    if let (None, Some(&(_, end)), Some(&(next, _))) = (&comma, entries.first(), entries.get(1)) {
                        let between = text.get(end..next).unwrap_or("");
                        if between.starts_with(',') && between[1..].chars().all(|c| c == ' ' || c == '\t') {
                            comma = Some(between.to_owned());
                        }
                    }
                }
            }
            if let (None, Some(prop)) = (&colon, node.props().first()) {
                let between = text.get(prop.key_span.end..prop.value.span.start).unwrap_or("");
                let blank = between.chars().all(|c| c == ' ' || c == '\t' || c == ':');
                if blank && between.matches(':').count() == 1 {
                    colon = Some(between.to_owned());
                }
            }
            // Children in reverse, so the first example is met first.
            match &node.kind {
                NodeKind::Object(props) => stack.extend(props.iter().rev().map(|p| (&p.value, multiline))),
                NodeKind::Array(items) => stack.extend(items.iter().rev().map(|n| (n, multiline))),
                _ => {}
            }
        }
        style.unit = unit.unwrap_or(style.unit);
        style.colon = colon.unwrap_or(style.colon);
        style.comma = comma.unwrap_or(style.comma);
        style.object_pad = object_pad.unwrap_or(style.object_pad);
        style.array_pad = array_pad.unwrap_or(style.array_pad);
        style
    }

    fn edit(&self, span: Span, text: String) -> Option<TextEdit> {
        self.text.get(span.start..span.end)?;
        Some(TextEdit { span, text })
    }

    /// Whether the container at the end of `chain` sits in a multi-line one
    /// (the root counts as such: a new line there is always welcome).
    fn inside_multiline(&self, chain: &[Link]) -> bool {
        match chain {
            [.., parent, _] => self.multiline(parent.node.span),
            _ => true,
        }
    }

    fn replace(&self, chain: &[Link], value: &Value) -> Option<TextEdit> {
        let old = chain.last()?.node;
        let same_kind = std::mem::discriminant(&old.kind) == std::mem::discriminant(&value.node.kind);
        let expand = if same_kind && !entries(old).is_empty() {
            self.multiline(old.span)
        } else {
            self.inside_multiline(chain) && self.style.expands_value(&value.node)
        };
        let indent = self.indent(old.span.start);
        let rendered = self.style.render(&value.src, &value.node, &indent, expand, 0)?;
        self.edit(old.span, rendered)
    }

    fn add_property(&self, chain: &[Link], key: &str, value: &Value) -> Option<TextEdit> {
        let shape = Shape::holding(true, &value.node);
        self.add_entry(chain, shape, &|indent, own_line| {
            let expand = own_line && self.style.expands_value(&value.node);
            let rendered = self.style.render(&value.src, &value.node, indent, expand, 0)?;
            Some(format!("{}{}{rendered}", quote(key), self.style.colon))
        })
    }

    fn add_item(&self, chain: &[Link], value: &Value) -> Option<TextEdit> {
        let array = chain.last()?.node;
        let kind = std::mem::discriminant(&value.node.kind);
        let sibling = array
            .items()
            .iter()
            .rev()
            .find(|n| std::mem::discriminant(&n.kind) == kind && !entries(n).is_empty());
        let shape = Shape::holding(false, &value.node);
        self.add_entry(chain, shape, &|indent, own_line| {
            let expand = own_line
                && match sibling {
                    Some(sibling) => self.multiline(sibling.span),
                    None => self.style.expands_value(&value.node),
                };
            self.style.render(&value.src, &value.node, indent, expand, 0)
        })
    }

    /// Adds an entry after the last one of the container ending `chain`.
    /// `entry(indent, own_line)` renders it for a line starting at `indent`;
    /// `shape` is the container's once it holds the entry.
    fn add_entry(
        &self,
        chain: &[Link],
        shape: Shape,
        entry: &dyn Fn(&str, bool) -> Option<String>,
    ) -> Option<TextEdit> {
        let container = chain.last()?.node;
        let entries = entries(container);
        let nl = self.style.newline;
        let Some(&(last_start, last_end)) = entries.last() else {
            let inner = bracketed(self.text, container)?;
            let blank = self.text.get(inner.start..inner.end)?.trim().is_empty();
            let outer = self.indent(container.span.start);
            let own_line = self.inside_multiline(chain) && self.style.expands(shape);
            let (span, text) = if own_line {
                let indent = format!("{outer}{}", self.style.unit);
                let body = entry(&indent, true)?;
                if blank {
                    (inner, format!("{nl}{indent}{body}{nl}{outer}"))
                } else {
                    (Span::new(inner.start, inner.start), format!("{nl}{indent}{body}"))
                }
            } else {
                let body = entry(&outer, false)?;
                let object = matches!(container.kind, NodeKind::Object(_));
                let pad = if (object && self.style.object_pad) || (!object && self.style.array_pad) {
                    " "
                } else {
                    ""
                };
                if blank {
                    (inner, format!("{pad}{body}{pad}"))
                } else {
                    (Span::new(inner.start, inner.start), format!("{pad}{body} "))
                }
            };
            return self.edit(span, text);
        };
        let previous_end = match entries.len() {
            1 => container.span.start + 1,
            n => entries[n - 2].1,
        };
        let own_line = self.text.get(previous_end..last_start)?.contains('\n');
        // A trailing comma (lenient JSON) is reused rather than doubled.
        let after = self.text.get(last_end..)?;
        let spaces = after.len() - after.trim_start_matches([' ', '\t']).len();
        let has_comma = after[spaces..].starts_with(',');
        let at = if has_comma { last_end + spaces + 1 } else { last_end };
        let comma = if has_comma { "" } else { "," };
        if !own_line {
            let separator = if has_comma {
                &self.style.comma[1..]
            } else {
                &self.style.comma
            };
            let body = entry(&self.indent(last_start), false)?;
            return self.edit(Span::new(at, at), format!("{separator}{body}"));
        }
        let indent = self.indent(last_start);
        let body = entry(&indent, true)?;
        // A comment closing the last entry's line stays on that line, after the comma.
        let line_end = self.text[at..].find('\n').map_or(self.text.len(), |i| at + i);
        let line_end = if self.text[..line_end].ends_with('\r') {
            line_end - 1
        } else {
            line_end
        };
        let tail = self.text.get(at..line_end)?.trim();
        let comment = tail.starts_with("//") || (tail.starts_with("/*") && tail.ends_with("*/"));
        if comment {
            let kept = self.text.get(last_end..line_end)?;
            return self.edit(
                Span::new(last_end, line_end),
                format!("{comma}{kept}{nl}{indent}{body}"),
            );
        }
        self.edit(Span::new(at, at), format!("{comma}{nl}{indent}{body}"))
    }
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
        assert_eq!(apply(text, &all), "{}");
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

    /// `edit` applied, after checking it leaves every byte outside its span
    /// alone and the result is strict JSON.
    fn applied(text: &str, edit: Option<TextEdit>) -> String {
        let edit = edit.expect("an edit");
        let out = apply(text, std::slice::from_ref(&edit));
        assert_eq!(out[..edit.span.start], text[..edit.span.start]);
        assert_eq!(out[out.len() - (text.len() - edit.span.end)..], text[edit.span.end..]);
        assert!(parse(&out).error.is_none(), "{out}");
        out
    }

    const PRETTY: &str = "{\n  \"family\": \"web\",\n  \"containerDefinitions\": [\n    {\n      \"name\": \"app\",\n      \"portMappings\": [],\n      \"links\": [\n        \"db\"\n      ]\n    }\n  ]\n}\n";

    #[test]
    fn set_value_replaces_an_existing_value_in_place() {
        let out = applied(PRETTY, set_value(PRETTY, "/family", "\"api\""));
        assert_eq!(out, PRETTY.replace("\"web\"", "\"api\""));
        let out = applied(
            PRETTY,
            set_value(PRETTY, "/containerDefinitions/0/links/0", "\"cache\""),
        );
        assert_eq!(out, PRETTY.replace("\"db\"", "\"cache\""));
        let text = r#"{"a": {"b~c/d": 1}}"#;
        assert_eq!(
            applied(text, set_value(text, "/a/b~0c~1d", "2.50")),
            r#"{"a": {"b~c/d": 2.50}}"#
        );
    }

    #[test]
    fn set_value_inserts_a_property_like_its_siblings() {
        let out = applied(PRETTY, set_value(PRETTY, "/cpu", "\"256\""));
        assert_eq!(
            out,
            PRETTY.replace("      ]\n    }\n  ]\n}", "      ]\n    }\n  ],\n  \"cpu\": \"256\"\n}")
        );
        let out = applied(PRETTY, set_value(PRETTY, "/containerDefinitions/0/essential", "true"));
        assert_eq!(
            out,
            PRETTY.replace(
                "        \"db\"\n      ]\n",
                "        \"db\"\n      ],\n      \"essential\": true\n"
            )
        );
        let inline = r#"{"a": 1, "b": 2}"#;
        assert_eq!(
            applied(inline, set_value(inline, "/c", "[1,2]")),
            r#"{"a": 1, "b": 2, "c": [1, 2]}"#
        );
        let compact = r#"{"a":1,"b":{"x":true}}"#;
        assert_eq!(
            applied(compact, set_value(compact, "/b/y", "null")),
            r#"{"a":1,"b":{"x":true,"y":null}}"#
        );
    }

    #[test]
    fn set_value_fills_an_empty_object_by_its_parent_layout() {
        let text = "{\n  \"options\": {},\n  \"inline\": {\"o\": {}}\n}";
        let out = applied(text, set_value(text, "/options/awslogs-group", "\"/ecs/web\""));
        assert_eq!(
            out,
            "{\n  \"options\": {\n    \"awslogs-group\": \"/ecs/web\"\n  },\n  \"inline\": {\"o\": {}}\n}"
        );
        // This file writes one-line objects without inner spaces.
        let out = applied(text, set_value(text, "/inline/o/k", "1"));
        assert_eq!(out, "{\n  \"options\": {},\n  \"inline\": {\"o\": {\"k\": 1}}\n}");
        assert_eq!(applied("{}", set_value("{}", "/a", "1")), "{\n  \"a\": 1\n}");
    }

    #[test]
    fn set_value_creates_missing_objects_in_the_files_style() {
        let out = applied(
            PRETTY,
            set_value(
                PRETTY,
                "/containerDefinitions/0/healthCheck/command",
                r#"["CMD", "true"]"#,
            ),
        );
        let expected = "        \"db\"\n      ],\n      \"healthCheck\": {\n        \"command\": [\n          \"CMD\",\n          \"true\"\n        ]\n      }\n";
        assert_eq!(out, PRETTY.replace("        \"db\"\n      ]\n", expected));
        let out = applied(PRETTY, set_value(PRETTY, "/requiresCompatibilities/0", "\"EC2\""));
        assert!(
            out.ends_with("  ],\n  \"requiresCompatibilities\": [\n    \"EC2\"\n  ]\n}\n"),
            "{out}"
        );
        // Appending through the next index or `-`.
        let out = applied(
            PRETTY,
            set_value(PRETTY, "/containerDefinitions/0/links/1", "\"cache\""),
        );
        assert!(out.contains("        \"db\",\n        \"cache\"\n      ]"), "{out}");
        assert_eq!(
            out,
            applied(
                PRETTY,
                set_value(PRETTY, "/containerDefinitions/0/links/-", "\"cache\"")
            )
        );
    }

    #[test]
    fn set_value_refuses_what_it_cannot_create() {
        for pointer in [
            "/containerDefinitions/1/name",
            "/containerDefinitions/5",
            "/family/x",
            "/containerDefinitions/0/name/0",
            "/missing/3/x",
            "family",
        ] {
            assert_eq!(set_value(PRETTY, pointer, "1"), None, "{pointer}");
        }
        assert_eq!(set_value(PRETTY, "/family", "not json"), None);
        assert_eq!(set_value(PRETTY, "/family", "{\"a\": 1,}"), None);
        for broken in ["", "   ", "\"str\"", "[1, 2", "{\"a\": "] {
            let _ = set_value(broken, "/a/b", "1");
            let _ = append_item(broken, "/a", "{\"x\": [1]}");
            let _ = remove_at(broken, "/a");
        }
    }

    #[test]
    fn set_value_replaces_containers_keeping_their_layout() {
        let out = applied(
            PRETTY,
            set_value(PRETTY, "/containerDefinitions/0/links", r#"["a","b"]"#),
        );
        assert!(
            out.contains("      \"links\": [\n        \"a\",\n        \"b\"\n      ]\n"),
            "{out}"
        );
        let inline = "{\n  \"subnets\": [\"a\"],\n  \"x\": 1\n}";
        let out = applied(inline, set_value(inline, "/subnets", r#"["b","c"]"#));
        assert_eq!(out, "{\n  \"subnets\": [\"b\", \"c\"],\n  \"x\": 1\n}");
    }

    #[test]
    fn a_comment_after_the_last_property_stays_on_its_line() {
        let text = "{\n  \"a\": 1 // the answer\n}";
        assert_eq!(
            apply(text, &[set_value(text, "/b", "2").unwrap()]),
            "{\n  \"a\": 1, // the answer\n  \"b\": 2\n}"
        );
        let trailing = "{\n  \"a\": 1,\n}";
        assert_eq!(
            apply(trailing, &[set_value(trailing, "/b", "2").unwrap()]),
            "{\n  \"a\": 1,\n  \"b\": 2\n}"
        );
    }

    #[test]
    fn crlf_files_and_tab_indents_are_followed() {
        let text = "{\r\n\t\"a\": {\r\n\t\t\"b\": 1\r\n\t}\r\n}\r\n";
        let out = applied(text, set_value(text, "/a/c", "{\"d\": [1]}"));
        assert_eq!(
            out,
            "{\r\n\t\"a\": {\r\n\t\t\"b\": 1,\r\n\t\t\"c\": {\r\n\t\t\t\"d\": [\r\n\t\t\t\t1\r\n\t\t\t]\r\n\t\t}\r\n\t}\r\n}\r\n"
        );
    }

    const ATLAS_LIKE: &str = "{\n  \"taskDefinitions\": [\n    { \"family\": \"a\", \"file\": \"a.json\" }\n  ],\n  \"subnets\": [\"p\", \"q\"],\n  \"empty\": []\n}";

    #[test]
    fn append_item_follows_multi_line_object_siblings() {
        let text = "{\n  \"ports\": [\n    {\n      \"containerPort\": 80\n    }\n  ]\n}";
        let out = applied(
            text,
            append_item(text, "/ports", r#"{"containerPort": 443, "protocol": "tcp"}"#),
        );
        assert_eq!(
            out,
            "{\n  \"ports\": [\n    {\n      \"containerPort\": 80\n    },\n    {\n      \"containerPort\": 443,\n      \"protocol\": \"tcp\"\n    }\n  ]\n}"
        );
    }

    #[test]
    fn append_item_follows_one_line_siblings() {
        let out = applied(
            ATLAS_LIKE,
            append_item(ATLAS_LIKE, "/taskDefinitions", r#"{"family":"b","file":"b.json"}"#),
        );
        assert_eq!(
            out,
            ATLAS_LIKE.replace(
                "\"a.json\" }\n",
                "\"a.json\" },\n    { \"family\": \"b\", \"file\": \"b.json\" }\n"
            )
        );
        let out = applied(ATLAS_LIKE, append_item(ATLAS_LIKE, "/subnets", "\"r\""));
        assert_eq!(out, ATLAS_LIKE.replace("[\"p\", \"q\"]", "[\"p\", \"q\", \"r\"]"));
    }

    #[test]
    fn append_item_opens_empty_and_missing_arrays() {
        // atlas-like files write arrays of objects over lines, objects of scalars on one.
        let out = applied(ATLAS_LIKE, append_item(ATLAS_LIKE, "/empty", r#"{"id": "x"}"#));
        assert_eq!(out, ATLAS_LIKE.replace("[]", "[\n    { \"id\": \"x\" }\n  ]"));
        let out = applied(ATLAS_LIKE, append_item(ATLAS_LIKE, "/nginxConfigs", r#"{"id": "x"}"#));
        assert!(
            out.ends_with("  \"empty\": [],\n  \"nginxConfigs\": [\n    { \"id\": \"x\" }\n  ]\n}"),
            "{out}"
        );
        let out = applied(
            PRETTY,
            append_item(
                PRETTY,
                "/containerDefinitions/0/portMappings",
                r#"{"containerPort": 80}"#,
            ),
        );
        assert!(
            out.contains(
                "      \"portMappings\": [\n        {\n          \"containerPort\": 80\n        }\n      ],\n"
            ),
            "{out}"
        );
        let inline = r#"{"a": {"b": []}}"#;
        assert_eq!(
            applied(inline, append_item(inline, "/a/b", "1")),
            r#"{"a": {"b": [1]}}"#
        );
        assert_eq!(append_item(PRETTY, "/family", "1"), None);
    }

    #[test]
    fn remove_at_takes_the_separator_and_leaves_clean_neighbours() {
        let text = "{\n  \"a\": 1,\n  \"list\": [\n    1,\n    2,\n    3\n  ],\n  \"one\": [\"x\"],\n  \"c\": {}\n}";
        let cases = [
            (
                "/a",
                "{\n  \"list\": [\n    1,\n    2,\n    3\n  ],\n  \"one\": [\"x\"],\n  \"c\": {}\n}",
            ),
            (
                "/c",
                "{\n  \"a\": 1,\n  \"list\": [\n    1,\n    2,\n    3\n  ],\n  \"one\": [\"x\"]\n}",
            ),
            (
                "/list/0",
                "{\n  \"a\": 1,\n  \"list\": [\n    2,\n    3\n  ],\n  \"one\": [\"x\"],\n  \"c\": {}\n}",
            ),
            (
                "/list/1",
                "{\n  \"a\": 1,\n  \"list\": [\n    1,\n    3\n  ],\n  \"one\": [\"x\"],\n  \"c\": {}\n}",
            ),
            (
                "/list/2",
                "{\n  \"a\": 1,\n  \"list\": [\n    1,\n    2\n  ],\n  \"one\": [\"x\"],\n  \"c\": {}\n}",
            ),
            (
                "/one/0",
                "{\n  \"a\": 1,\n  \"list\": [\n    1,\n    2,\n    3\n  ],\n  \"one\": [],\n  \"c\": {}\n}",
            ),
        ];
        for (pointer, expected) in cases {
            assert_eq!(applied(text, remove_at(text, pointer)), expected, "{pointer}");
        }
        let only = "{\n  \"links\": [\n    \"db\"\n  ]\n}";
        assert_eq!(applied(only, remove_at(only, "/links/0")), "{\n  \"links\": []\n}");
        assert_eq!(applied(only, remove_at(only, "/links")), "{}");
        for missing in ["", "/nope", "/list/9", "/a/0"] {
            assert_eq!(remove_at(text, missing), None, "{missing}");
        }
    }

    #[test]
    fn removing_every_item_with_separate_edits_leaves_an_empty_array() {
        let text = "{\n  \"list\": [\n    { \"a\": 1 },\n    { \"b\": 2 }\n  ]\n}";
        let edits = [remove_at(text, "/list/0").unwrap(), remove_at(text, "/list/1").unwrap()];
        assert_eq!(apply(text, &edits), "{\n  \"list\": []\n}");
    }

    #[test]
    fn render_pretty_prints_or_inlines() {
        let json = r#"{"a":[1,{"b":"\u00e9"}],"c":{},"d":[]}"#;
        assert_eq!(
            render(json, "  ", 1, true).unwrap(),
            "{\n    \"a\": [\n      1,\n      {\n        \"b\": \"\\u00e9\"\n      }\n    ],\n    \"c\": {},\n    \"d\": []\n  }"
        );
        assert_eq!(
            render(json, "  ", 0, false).unwrap(),
            r#"{ "a": [1, { "b": "\u00e9" }], "c": {}, "d": [] }"#
        );
        assert_eq!(render("1e3", "\t", 3, true).as_deref(), Some("1e3"));
        assert_eq!(render("{", "  ", 0, true), None);
        let deep = format!("{}{}", "[".repeat(200), "]".repeat(200));
        assert_eq!(render(&deep, "  ", 0, true), None);
    }

    proptest::proptest! {
        #[test]
        fn edits_on_any_text_never_panic(
            text in "[\\[\\]{}\",: a-c0-9\\n/*]{0,60}",
            pointer in "(/[abc0-]{0,2}){0,3}",
        ) {
            for edit in [
                set_value(&text, &pointer, "{\"x\": [1, \"y\"]}"),
                append_item(&text, &pointer, "2"),
                remove_at(&text, &pointer),
            ]
            .into_iter()
            .flatten()
            {
                proptest::prop_assert!(edit.span.end <= text.len());
                let _ = apply(&text, &[edit]);
            }
        }
    }
}
