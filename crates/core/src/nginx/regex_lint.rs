//! Questions the security rules ask of a parsed pattern beyond what
//! [`super::regex`] answers: whether a capture can hold a line break, which
//! repeats backtrack catastrophically, where a `.` stands for a literal dot.

use std::ops::Range;

use super::regex::{GroupKind, Kind, Node, Regex, Sequence};

/// A capturing group: its number, its name and its contents.
pub struct Capture<'r> {
    pub number: usize,
    pub name: Option<&'r str>,
    pub alternatives: &'r [Sequence],
}

/// Every capturing group, numbered in the order of its opening parenthesis.
pub fn captures(regex: &Regex) -> Vec<Capture<'_>> {
    fn go<'r>(sequence: &'r [Node], found: &mut Vec<Capture<'r>>) {
        for item in sequence {
            match &item.kind {
                Kind::Group(group) => {
                    if let GroupKind::Capture { name } = &group.kind {
                        found.push(Capture {
                            number: found.len() + 1,
                            name: name.as_deref(),
                            alternatives: &group.alternatives,
                        });
                    }
                    group.alternatives.iter().for_each(|a| go(a, found));
                }
                Kind::Repeat { node, .. } => go(std::slice::from_ref(node), found),
                _ => {}
            }
        }
    }
    let mut found = Vec::new();
    regex.alternatives.iter().for_each(|a| go(a, &mut found));
    found
}

/// Whether the pattern turns on PCRE's dot-all mode (`(?s)`), in which `.`
/// matches a line break too.
pub fn dot_all(pattern: &str) -> bool {
    pattern.match_indices("(?").any(|(at, _)| {
        let flags = &pattern[at + 2..];
        let end = flags.find([':', ')']).unwrap_or(flags.len());
        let on = flags[..end].split('-').next().unwrap_or("");
        !on.is_empty() && on.bytes().all(|b| b.is_ascii_alphabetic()) && on.contains('s')
    })
}

/// Whether some alternative can match text containing a line feed or a
/// carriage return. `pattern` is the text the nodes' spans point into.
pub fn can_match_line_break(alternatives: &[Sequence], pattern: &str, dot_all: bool) -> bool {
    alternatives
        .iter()
        .any(|a| a.iter().any(|n| node_matches_line_break(n, pattern, dot_all)))
}

fn node_matches_line_break(node: &Node, pattern: &str, dot_all: bool) -> bool {
    match &node.kind {
        Kind::Literal(c) => matches!(c, '\n' | '\r'),
        Kind::Any => dot_all,
        Kind::Class => class_matches_line_break(pattern.get(node.span.clone()).unwrap_or("")),
        Kind::Group(group) => match group.kind {
            GroupKind::Lookaround { .. } => false,
            _ => can_match_line_break(&group.alternatives, pattern, dot_all),
        },
        Kind::Repeat { node, max, .. } => *max != Some(0) && node_matches_line_break(node, pattern, dot_all),
        // A backreference repeats what a group matched, which is judged there.
        Kind::Start | Kind::End | Kind::Assertion | Kind::Backreference => false,
    }
}

/// Whether a class (`[^/]`, `\s`, `[[:space:]]`, ...) takes a line break.
fn class_matches_line_break(class: &str) -> bool {
    if let Some(body) = class.strip_prefix('[') {
        let body = body.strip_suffix(']').unwrap_or(body);
        return match body.strip_prefix('^') {
            Some(negated) => !mentions_line_break(negated),
            None => mentions_line_break(body),
        };
    }
    mentions_line_break(class)
}

/// Whether the text of a class or class escape lists a line break.
fn mentions_line_break(text: &str) -> bool {
    if text.contains(['\n', '\r']) || text.contains("[:space:]") || text.contains("[:cntrl:]") {
        return true;
    }
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            continue;
        }
        match chars.next() {
            // Line feed, carriage return, any space, vertical space, a
            // newline sequence, and the negations that include them.
            Some('n' | 'r' | 's' | 'v' | 'R' | 'D' | 'W' | 'H' | 'P' | 'X' | 'C') => return true,
            Some('x') => {
                let rest = chars.as_str().trim_start_matches('{').to_ascii_lowercase();
                let digits: String = rest.chars().take_while(char::is_ascii_hexdigit).collect();
                if matches!(u32::from_str_radix(&digits, 16), Ok(10 | 13)) {
                    return true;
                }
            }
            Some('0') => {
                let digits: String = chars.as_str().chars().take_while(|c| c.is_digit(8)).collect();
                if matches!(u32::from_str_radix(&digits, 8), Ok(10 | 12 | 13 | 15)) {
                    return true;
                }
            }
            _ => {}
        }
    }
    false
}

/// Whether a capture can only hold one of a few fixed words: `(api|auth)`.
pub fn is_fixed_words(alternatives: &[Sequence]) -> bool {
    alternatives.iter().all(|a| a.iter().all(is_fixed_word))
}

fn is_fixed_word(node: &Node) -> bool {
    match &node.kind {
        Kind::Literal(_) | Kind::Start | Kind::End => true,
        Kind::Group(group) if !matches!(group.kind, GroupKind::Lookaround { .. }) => {
            is_fixed_words(&group.alternatives)
        }
        Kind::Repeat { node, max: Some(_), .. } => is_fixed_word(node),
        _ => false,
    }
}

/// Unbounded repeats a backtracking engine can split in exponentially many
/// ways: the repeated body holds an unbounded repeat and everything else in
/// it is optional (`(a+)+`, `(.*)*`, `(\w+\s?)*`) or also matched by the inner
/// repeat (`(.*,)+`). `(\d+\.)+` is fine: each round must end at a dot the
/// digits cannot take.
pub fn catastrophic_repeats(regex: &Regex, pattern: &str) -> Vec<Range<usize>> {
    let mut found = Vec::new();
    regex.walk(&mut |item| {
        if let Kind::Repeat { node, max: None, .. } = &item.kind {
            if !possessive(item, pattern) && body_is_ambiguous(node, pattern) {
                found.push(item.span.clone());
            }
        }
    });
    found
}

/// Whether a repeat is possessive (`a++`, `a*+`, `a{2,}+`): it never gives
/// back what it took, so it cannot be split another way.
fn possessive(repeat: &Node, pattern: &str) -> bool {
    let Kind::Repeat { node, .. } = &repeat.kind else {
        return false;
    };
    pattern
        .get(node.span.end..repeat.span.end)
        .is_some_and(|quantifier| quantifier.len() > 1 && quantifier.ends_with('+'))
}

fn body_is_ambiguous(body: &Node, pattern: &str) -> bool {
    match &body.kind {
        // An atomic group keeps its first way of matching, like a possessive repeat.
        Kind::Group(group) if matches!(group.kind, GroupKind::Capture { .. } | GroupKind::NonCapture) => {
            group.alternatives.iter().any(|sequence| {
                sequence.iter().enumerate().any(|(i, item)| {
                    let Kind::Repeat {
                        node: inner, max: None, ..
                    } = &item.kind
                    else {
                        return false;
                    };
                    if possessive(item, pattern) {
                        return false;
                    }
                    sequence
                        .iter()
                        .enumerate()
                        .filter(|&(j, _)| j != i)
                        .all(|(_, other)| nullable(other) || covers(inner, other, pattern))
                })
            })
        }
        Kind::Repeat { max: None, .. } => true,
        _ => false,
    }
}

/// Whether a node can match the empty string.
fn nullable(node: &Node) -> bool {
    match &node.kind {
        Kind::Start | Kind::End | Kind::Assertion => true,
        Kind::Repeat { node, min, .. } => *min == 0 || nullable(node),
        Kind::Group(group) => match group.kind {
            GroupKind::Lookaround { .. } => true,
            _ => group.alternatives.iter().any(|a| a.iter().all(nullable)),
        },
        Kind::Literal(_) | Kind::Any | Kind::Class | Kind::Backreference => false,
    }
}

/// Whether every character `other` (one literal or class) can match is
/// also matched by `repeated`, so the two compete for the same text.
fn covers(repeated: &Node, other: &Node, pattern: &str) -> bool {
    let text = |n: &Node| pattern.get(n.span.clone()).unwrap_or("");
    match (&repeated.kind, &other.kind) {
        (Kind::Any, Kind::Literal(c)) => *c != '\n',
        (Kind::Any, Kind::Class) => text(other) == r"\d" || text(other) == r"\w",
        (Kind::Class, Kind::Literal(c)) => match text(repeated) {
            r"\w" => c.is_alphanumeric() || *c == '_',
            r"\d" => c.is_ascii_digit(),
            r"\S" => !c.is_whitespace(),
            r"\s" => c.is_whitespace(),
            class => class
                .strip_prefix("[^")
                .and_then(|b| b.strip_suffix(']'))
                .is_some_and(|excluded| !excluded.contains(*c) && !excluded.contains('\\')),
        },
        (Kind::Class, Kind::Class) => {
            text(repeated) == text(other) || (text(repeated) == r"\w" && text(other) == r"\d")
        }
        (Kind::Literal(a), Kind::Literal(b)) => a == b,
        _ => false,
    }
}

/// Each `.` that stands alone (not repeated, as in `.*`), which in a host
/// name means a literal dot was meant, with the words on either side of it
/// in its sequence: `("example", "com")` for `example.com`, `("www", "")` for
/// `(www.)?`.
pub fn lone_dots(regex: &Regex) -> Vec<(Range<usize>, String, String)> {
    fn go(sequence: &[Node], found: &mut Vec<(Range<usize>, String, String)>) {
        for (i, item) in sequence.iter().enumerate() {
            match &item.kind {
                Kind::Any => {
                    let before: String = literal_run(sequence[..i].iter().rev()).chars().rev().collect();
                    let after = literal_run(sequence[i + 1..].iter());
                    found.push((item.span.clone(), before, after));
                }
                Kind::Group(group) => group.alternatives.iter().for_each(|a| go(a, found)),
                // `.*` and `.+` mean "anything"; a repeated group is read as usual.
                Kind::Repeat { node, .. } if !matches!(node.kind, Kind::Any) => go(std::slice::from_ref(node), found),
                _ => {}
            }
        }
    }
    let mut found = Vec::new();
    regex.alternatives.iter().for_each(|a| go(a, &mut found));
    found
}

/// The letters and digits at the front of `nodes`, up to the first other node.
fn literal_run<'n>(nodes: impl Iterator<Item = &'n Node>) -> String {
    nodes
        .map_while(|n| match n.kind {
            Kind::Literal(c) if c.is_alphanumeric() || c == '-' => Some(c),
            _ => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::nginx::regex::parse;

    fn breaks(pattern: &str, group: usize) -> bool {
        let regex = parse(pattern).unwrap();
        let captures = captures(&regex);
        can_match_line_break(captures[group - 1].alternatives, pattern, dot_all(pattern))
    }

    #[test]
    fn numbers_and_names_captures() {
        let regex = parse(r"^/(?<a>x(y)+)(?:z)(w)").unwrap();
        let found: Vec<(usize, Option<&str>)> = captures(&regex).iter().map(|c| (c.number, c.name)).collect();
        assert_eq!(found, [(1, Some("a")), (2, None), (3, None)]);
    }

    #[test]
    fn tells_which_captures_can_hold_a_line_break() {
        assert!(breaks(r"^/v1/((?<action>[^.]*)\.json)?$", 2));
        assert!(breaks(r"/(\s+)", 1));
        assert!(breaks(r"/([\x0a-z]+)", 1));
        assert!(breaks(r"(?s)/(.*)", 1));
        assert!(!breaks(r"/(.*)", 1));
        assert!(!breaks(r"/([^\n/]+)", 1));
        assert!(!breaks(r"/([a-z0-9_-]+)", 1));
        assert!(!breaks(r"/(\S+)", 1));
        assert!(!breaks(r"/(\d+)", 1));
    }

    #[test]
    fn finds_fixed_words() {
        let regex = parse(r"^/(api|auth(v2)?)/(.*)").unwrap();
        let found = captures(&regex);
        assert!(is_fixed_words(found[0].alternatives));
        assert!(!is_fixed_words(found[2].alternatives));
    }

    #[test]
    fn finds_only_ambiguous_nested_repeats() {
        let found = |p: &str| catastrophic_repeats(&parse(p).unwrap(), p);
        assert_eq!(found("^(a+)+$"), vec![1..6]);
        assert_eq!(found(r"(\w+\s?)*").len(), 1);
        assert_eq!(found(r"^(.*)*x").len(), 1);
        assert_eq!(found(r"(.*,)+").len(), 1);
        assert_eq!(found(r"^/((?:[^/]+/?)+)$").len(), 1);
        assert!(found(r"^(\d+\.)+\d+$").is_empty());
        assert!(found(r"^/([a-z]+-)*[a-z]+$").is_empty());
        assert!(found(r"^(ab)+c*$").is_empty());
        assert!(found(r"^/api/(.*)$").is_empty());
        assert!(found(r"(a++)+").is_empty() && found(r"(?>a+)+").is_empty() && found(r"(a+)++").is_empty());
    }

    #[test]
    fn finds_lone_dots() {
        let pattern = r"^https?://(www.)?example.com(/.*)?$";
        let found = lone_dots(&parse(pattern).unwrap());
        let words: Vec<(Range<usize>, &str, &str)> = found
            .iter()
            .map(|(r, b, a)| (r.clone(), b.as_str(), a.as_str()))
            .collect();
        assert_eq!(words, [(14..15, "www", ""), (24..25, "example", "com")]);
        assert!(lone_dots(&parse(r"^/a.*b.+\.c").unwrap()).is_empty());
    }

    #[test]
    fn reads_the_dot_all_flag() {
        assert!(dot_all("(?s)x") && dot_all("(?is:x)") && !dot_all("(?i)x") && !dot_all("(?-s)x") && !dot_all("(?"));
    }
}
