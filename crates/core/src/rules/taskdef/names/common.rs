//! What the name rules share: the redaction marker, the ECS name alphabet,
//! and finding repeats.

use std::collections::HashMap;

use crate::diagnostic::Span;
use crate::json_tree::Node;
use crate::rules::taskdef::Context;

pub use crate::rules::taskdef::{is_redacted, REDACTION};

/// Family, container and volume names: "letters (uppercase and lowercase),
/// numbers, underscores, and hyphens".
pub fn is_name_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '-' || c == '_'
}

pub enum NameProblem {
    Empty,
    /// The first character outside the alphabet.
    InvalidCharacter(char),
    /// The length in characters.
    TooLong(usize),
}

/// The first thing wrong with an ECS name of at most `max` characters.
pub fn name_problem(name: &str, max: usize) -> Option<NameProblem> {
    if name.is_empty() {
        return Some(NameProblem::Empty);
    }
    if let Some(c) = name.chars().find(|c| !is_name_char(*c)) {
        return Some(NameProblem::InvalidCharacter(c));
    }
    let length = name.chars().count();
    (length > max).then_some(NameProblem::TooLong(length))
}

/// A character as a message shows it: `"."`, `a space`, `U+0009`.
pub fn describe_char(c: char) -> String {
    match c {
        ' ' => "a space".to_owned(),
        c if c.is_control() => format!("U+{:04X}", c as u32),
        c => format!("\"{c}\""),
    }
}

/// 1-based line of a span's start, for "also on line N" messages.
pub fn line_of(context: &Context, span: Span) -> usize {
    context.source.position(span.start).0
}

/// For each name that repeats an earlier one, its index and the earlier one's
/// index. Redacted names are left out: they will be different once restored.
pub fn repeats(names: &[&str]) -> Vec<(usize, usize)> {
    let mut first: HashMap<&str, usize> = HashMap::new();
    let mut out = Vec::new();
    for (index, name) in names.iter().enumerate() {
        if is_redacted(name) {
            continue;
        }
        match first.get(name) {
            Some(&earlier) => out.push((index, earlier)),
            None => {
                first.insert(name, index);
            }
        }
    }
    out
}

/// A `name` that repeats an earlier item's: the item's index, the name's
/// node and text, and the line of the item that had it first.
pub struct Repeat<'a> {
    pub index: usize,
    pub node: &'a Node,
    pub name: &'a str,
    pub first_line: usize,
}

/// The repeats among the `name` fields of `items` (index, object).
pub fn repeated_names<'a>(context: &Context, items: impl Iterator<Item = (usize, &'a Node)>) -> Vec<Repeat<'a>> {
    let named: Vec<(usize, &Node, &str)> = items
        .filter_map(|(index, item)| {
            let node = item.value("name")?;
            Some((index, node, node.as_str()?))
        })
        .collect();
    let names: Vec<&str> = named.iter().map(|(_, _, name)| *name).collect();
    repeats(&names)
        .into_iter()
        .map(|(second, first)| {
            let (index, node, name) = named[second];
            Repeat {
                index,
                node,
                name,
                first_line: line_of(context, named[first].1.span),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_follow_the_ecs_alphabet() {
        assert!(name_problem("web_app-2", 255).is_none());
        assert!(matches!(name_problem("", 255), Some(NameProblem::Empty)));
        assert!(matches!(
            name_problem("web app", 255),
            Some(NameProblem::InvalidCharacter(' '))
        ));
        assert!(matches!(
            name_problem("é", 255),
            Some(NameProblem::InvalidCharacter('é'))
        ));
        assert!(matches!(
            name_problem(&"a".repeat(256), 255),
            Some(NameProblem::TooLong(256))
        ));
        assert!(name_problem(&"a".repeat(255), 255).is_none());
    }

    #[test]
    fn repeats_pair_each_repeat_with_the_first() {
        assert_eq!(repeats(&["a", "b", "a", "a", "~~", "~~"]), [(2, 0), (3, 0)]);
        assert!(repeats(&[]).is_empty());
    }

    #[test]
    fn characters_read_well_in_messages() {
        assert_eq!(describe_char(' '), "a space");
        assert_eq!(describe_char('\t'), "U+0009");
        assert_eq!(describe_char('.'), "\".\"");
    }
}
