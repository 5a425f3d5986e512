//! Security mistakes nginx accepts: header and request splitting, spoofable
//! hosts, path traversal, regexes that do not match what they seem to.

use std::ops::Range;

use super::Check;
use crate::diagnostic::Span;
use crate::nginx::ast::Arg;
use crate::rules::RuleMeta;

pub mod add_header_redefinition;
pub mod alias_traversal;
pub mod host_spoofing;
pub mod if_in_location;
pub mod multiline_header;
pub mod version_disclosure;

pub static RULES: &[&RuleMeta] = &[
    &add_header_redefinition::RULE,
    &multiline_header::RULE,
    &alias_traversal::RULE,
    &host_spoofing::RULE,
    &version_disclosure::RULE,
    &if_in_location::RULE,
];

pub static CHECKS: &[Check] = &[
    add_header_redefinition::check,
    multiline_header::check,
    alias_traversal::check,
    host_spoofing::check,
    version_disclosure::check,
    if_in_location::check,
];

/// A variable an nginx script value refers to: `$name`, `${name}` or a
/// numbered regex capture `$1`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Var<'v> {
    /// Without the `$` and braces; a digit for a capture.
    pub name: &'v str,
    /// Where the reference, `$` and braces included, sits in the value.
    pub range: Range<usize>,
}

impl Var<'_> {
    /// nginx looks variables up by their lowercased name.
    pub fn is(&self, name: &str) -> bool {
        self.name.eq_ignore_ascii_case(name)
    }

    pub fn is_capture(&self) -> bool {
        self.name.bytes().all(|b| b.is_ascii_digit())
    }
}

/// The variables of a value as nginx's script compiler reads them: a `$`
/// followed by a digit is a capture, otherwise by a name of letters, digits
/// and `_`, optionally in braces.
pub(crate) fn variables(value: &str) -> Vec<Var<'_>> {
    let bytes = value.as_bytes();
    let mut found = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] != b'$' {
            i += 1;
            continue;
        }
        let start = i;
        i += 1;
        if i < bytes.len() && bytes[i].is_ascii_digit() {
            found.push(Var {
                name: &value[i..i + 1],
                range: start..i + 1,
            });
            i += 1;
            continue;
        }
        let braced = bytes.get(i) == Some(&b'{');
        if braced {
            i += 1;
        }
        let name_start = i;
        while i < bytes.len() && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'_') {
            i += 1;
        }
        let name_end = i;
        if braced {
            if bytes.get(i) != Some(&b'}') {
                continue;
            }
            i += 1;
        }
        if name_end > name_start {
            found.push(Var {
                name: &value[name_start..name_end],
                range: start..i,
            });
        }
    }
    found
}

/// One operand of an `if` condition.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Operand<'v> {
    pub value: &'v str,
    /// The token as written, without the condition's parenthesis.
    pub span: Span,
}

/// The operands of an `if` condition with nginx's parentheses taken off:
/// `if ($a ~ b)` is read as the words `($a`, `~`, `b)`.
pub(crate) fn if_condition<'v>(args: &'v [Arg<'_>]) -> Vec<Operand<'v>> {
    let last = args.len().saturating_sub(1);
    let mut words = Vec::with_capacity(args.len());
    for (i, arg) in args.iter().enumerate() {
        let mut value: &str = &arg.value;
        let mut span = arg.span;
        if i == 0 {
            if let Some(rest) = value.strip_prefix('(') {
                value = rest;
                if arg.quote.is_none() {
                    span.start += 1;
                }
            }
        }
        if i == last {
            if let Some(rest) = value.strip_suffix(')') {
                value = rest;
                if arg.quote.is_none() {
                    span.end = span.end.saturating_sub(1).max(span.start);
                }
            }
        }
        if !value.is_empty() {
            words.push(Operand { value, span });
        }
    }
    words
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_variables_as_nginx_does() {
        let names: Vec<(&str, Range<usize>)> = variables("a$uri/${host}x$1$http_host_x $ ${oops")
            .into_iter()
            .map(|v| (v.name, v.range))
            .collect();
        assert_eq!(
            names,
            [("uri", 1..5), ("host", 6..13), ("1", 14..16), ("http_host_x", 16..28)]
        );
        assert!(variables("$HTTP_HOST")[0].is("http_host"));
        assert!(variables("$7")[0].is_capture());
        assert!(variables("é$é$").is_empty());
    }

    #[test]
    fn strips_the_condition_parentheses() {
        let values = |text: &str| {
            let parsed = crate::nginx::parse(text);
            let args = &parsed.config.directives[0].args;
            if_condition(args)
                .iter()
                .map(|o| o.value.to_owned())
                .collect::<Vec<_>>()
        };
        assert_eq!(values("if ($a ~ b) { }"), ["$a", "~", "b"]);
        assert_eq!(values("if ( $a ) { }"), ["$a"]);
        assert_eq!(values("if ($a) { }"), ["$a"]);
        let text = "if ($a ~ \"b\") { }";
        let parsed = crate::nginx::parse(text);
        let spans: Vec<&str> = if_condition(&parsed.config.directives[0].args)
            .iter()
            .map(|o| &text[o.span.start..o.span.end])
            .collect();
        assert_eq!(spans, ["$a", "~", "\"b\""]);
    }
}
