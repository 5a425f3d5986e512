//! The nginx formatter: one canonical layout, every token kept as written.
//!
//! Layout:
//! - four spaces of indentation per block level, one directive per line,
//!   `name arg arg;`, ` {` on the directive's line, `}` on a line of its own;
//! - an argument the author started on a new line (a `log_format` split over
//!   several lines) starts a continuation line indented one level deeper than
//!   its directive; arguments the author kept on one line stay on one line;
//! - one blank line where the author left one or more between two directives
//!   or comments, none right after `{` or before `}`, none at the start;
//! - a comment alone on its line sits at the indentation of the directives
//!   around it (inside a block, the block's body level, also at its end); a
//!   comment on the same line as the end of a directive, a `{` or a `}` stays
//!   on that line after one space;
//! - a comment between a directive's arguments stays between them, and the
//!   next argument starts a continuation line; comments between the last
//!   argument and the `;` or `{` move just after it (the first on its line,
//!   the rest on their own lines), except before a raw block's `{`, where
//!   moving them would put them in the body;
//! - tokens are copied as written (quotes, escapes, `${var}`, the `)` nginx
//!   swallows after a quoted `if` condition), so are raw `*_by_lua_block`
//!   bodies, byte for byte; comments lose only their trailing whitespace;
//! - lines end with `\n` and no trailing whitespace (except inside a quoted
//!   token or a raw body, which are not touched), a non-empty text with
//!   exactly one newline at its end.
//!
//! Only a config nginx would parse is formatted: with a syntax error the
//! structure is uncertain, so the formatter refuses with the first error.

use std::fmt;

use super::ast::{Arg, Block, Comment, Directive};
use super::parse::parse;
use crate::diagnostic::Span;

const INDENT: &str = "    ";

/// The first syntax error of a config the formatter refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormatError {
    pub message: String,
    /// 1-based, as nginx reports it.
    pub line: usize,
    /// 1-based, in characters.
    pub column: usize,
}

impl fmt::Display for FormatError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.line, self.column, self.message)
    }
}

impl std::error::Error for FormatError {}

/// The config in the canonical layout, or its first syntax error.
pub fn format(text: &str) -> Result<String, FormatError> {
    let parsed = parse(text);
    if let Some(error) = parsed.errors.first() {
        return Err(FormatError {
            message: error.message.clone(),
            line: error.line,
            column: column_of(text, error.span.start),
        });
    }
    let mut writer = Writer {
        text,
        comments: &parsed.config.comments,
        next_comment: 0,
        out: String::with_capacity(text.len() + text.len() / 4),
        in_comment: false,
    };
    writer.list(&parsed.config.directives, 0, 0, text.len() + 1, true);
    writer.finish();
    Ok(writer.out)
}

/// 1-based column, in characters, of a byte offset.
fn column_of(text: &str, offset: usize) -> usize {
    let before = &text[..crate::line_index::floor_boundary(text, offset)];
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    before[line_start..].chars().count() + 1
}

fn newlines(text: &str, from: usize, to: usize) -> usize {
    let bytes = text.as_bytes();
    let to = to.min(bytes.len());
    let from = from.min(to);
    bytes[from..to].iter().filter(|&&b| b == b'\n').count()
}

struct Writer<'t, 'c> {
    text: &'t str,
    /// In source order, as the parser collects them.
    comments: &'c [Comment<'t>],
    next_comment: usize,
    out: String,
    /// Whether the current output line ends in a comment, which would swallow
    /// anything written after it on that line.
    in_comment: bool,
}

impl<'t> Writer<'t, '_> {
    /// The source text of a span; spans come from the parser, so this only
    /// guards against a span that is not on char boundaries.
    fn source(&self, start: usize, end: usize) -> &'t str {
        self.text.get(start..end).unwrap_or("")
    }

    /// Opens a new output line at `depth`.
    fn line(&mut self, depth: usize) {
        self.in_comment = false;
        if !self.out.is_empty() {
            self.out.push('\n');
        }
        for _ in 0..depth {
            self.out.push_str(INDENT);
        }
    }

    fn blank_line(&mut self) {
        if !self.out.is_empty() {
            self.out.push('\n');
        }
    }

    fn finish(&mut self) {
        if !self.out.is_empty() {
            self.out.push('\n');
        }
    }

    fn push_comment(&mut self, comment: &Comment) {
        self.out.push('#');
        self.out.push_str(comment.text.trim_end());
        self.in_comment = true;
    }

    /// The next comment if it starts before `limit`.
    fn comment_before(&mut self, limit: usize) -> Option<Comment<'t>> {
        let comment = self
            .comments
            .get(self.next_comment)
            .filter(|c| c.span.start < limit)?
            .clone();
        self.next_comment += 1;
        Some(comment)
    }

    /// A directive list (a block's body or the file) with the comments among
    /// it; `from` is where the list starts (after the `{`), `to` where it
    /// ends (the `}`).
    /// `first` is false when a line of the body has already been written.
    fn list(&mut self, directives: &[Directive], depth: usize, from: usize, to: usize, first: bool) {
        let mut end = from;
        let mut first = first;
        for directive in directives {
            let start = directive_start(self.text, directive);
            self.comments_between(&mut end, &mut first, start, depth);
            self.separate(end, start, first);
            end = self.directive(directive, depth);
            first = false;
        }
        self.comments_between(&mut end, &mut first, to, depth);
    }

    /// A blank line where the source has one, except first in a list.
    fn separate(&mut self, end: usize, start: usize, first: bool) {
        if !first && newlines(self.text, end, start) >= 2 {
            self.blank_line();
        }
    }

    /// The comments between two directives (or a list's edge), each either
    /// trailing what precedes it on its line or on a line of its own.
    fn comments_between(&mut self, end: &mut usize, first: &mut bool, limit: usize, depth: usize) {
        while let Some(comment) = self.comment_before(limit) {
            let on_own_line =
                self.out.is_empty() || self.in_comment || newlines(self.text, *end, comment.span.start) > 0;
            if on_own_line {
                self.separate(*end, comment.span.start, *first);
                self.line(depth);
                *first = false;
            } else {
                self.out.push(' ');
            }
            self.push_comment(&comment);
            *end = comment.span.end;
        }
    }

    /// Writes one directive, its block included; returns the source offset
    /// where it ends.
    fn directive(&mut self, directive: &Directive, depth: usize) -> usize {
        self.line(depth);
        let name = name_token(self.text, directive.name_span);
        self.out.push_str(self.source(name.start, name.end));
        let raw = raw_body(directive);
        let args = match raw {
            Some(_) => &directive.args[..directive.args.len().saturating_sub(1)],
            None => &directive.args[..],
        };
        let end = self.args(args, name.end, depth);
        match (&directive.block, raw, directive.terminator) {
            (Some(block), Some(body), _) => self.raw_block(block, body, end, depth),
            (Some(block), None, _) => self.block(block, depth),
            (None, _, Some(semicolon)) => {
                self.out.push(';');
                self.moved_comments(semicolon.start, depth);
                // Later comments and the next directive are placed against the
                // `;`, as if the moved comments had been written after it.
                semicolon.end
            }
            // Only a config with a syntax error has neither.
            (None, _, None) => end,
        }
    }

    /// The arguments after the name (ending at `end`), each on the name's
    /// line unless the author started it on a new line or a comment precedes
    /// it; returns where the last one ends.
    fn args(&mut self, args: &[Arg], mut end: usize, depth: usize) -> usize {
        for arg in args {
            let arg = arg.span;
            self.comments_inside(&mut end, arg.start, depth + 1);
            if self.in_comment || newlines(self.text, end, arg.start) > 0 {
                self.line(depth + 1);
            } else if arg.start > end {
                // Only `)` right after a quote (`if ($a = "b")`) touches the
                // word before it; a space there would be a change of text.
                self.out.push(' ');
            }
            self.out.push_str(self.source(arg.start, arg.end));
            end = arg.end;
        }
        end
    }

    /// A block of directives after ` {`, its `}` on a line of its own.
    fn block(&mut self, block: &Block, depth: usize) -> usize {
        self.out.push_str(" {");
        let close = block.close.map_or(self.text.len(), |c| c.start);
        let body_started = self.moved_comments(block.open.start, depth + 1);
        self.list(&block.directives, depth + 1, block.open.end, close, !body_started);
        self.line(depth);
        self.out.push('}');
        block.close.map_or(close, |c| c.end)
    }

    /// A raw block: the body between the braces exactly as written. Comments
    /// before its `{` stay there: after it they would be Lua.
    fn raw_block(&mut self, block: &Block, body: Span, mut end: usize, depth: usize) -> usize {
        self.comments_inside(&mut end, block.open.start, depth + 1);
        if self.in_comment {
            self.line(depth + 1);
            self.out.push('{');
        } else {
            self.out.push_str(" {");
        }
        self.out.push_str(self.source(body.start, body.end));
        self.out.push('}');
        block.close.map_or(body.end, |c| c.end)
    }

    /// Comments between a directive's tokens, before `limit`, written in
    /// place: after the token on its line when the author put them there,
    /// else on continuation lines. The next token then starts a new line.
    fn comments_inside(&mut self, end: &mut usize, limit: usize, depth: usize) {
        while let Some(comment) = self.comment_before(limit) {
            if self.in_comment || newlines(self.text, *end, comment.span.start) > 0 {
                self.line(depth);
            } else {
                self.out.push(' ');
            }
            self.push_comment(&comment);
            *end = comment.span.end;
        }
    }

    /// Comments between the last argument and the `;` or `{` at `limit`,
    /// written after it: the first on its line, the rest on their own lines.
    /// Returns whether one got a line of its own.
    fn moved_comments(&mut self, limit: usize, depth: usize) -> bool {
        let mut own_line = false;
        let mut trailing = true;
        while let Some(comment) = self.comment_before(limit) {
            if trailing {
                self.out.push(' ');
                trailing = false;
            } else {
                self.line(depth);
                own_line = true;
            }
            self.push_comment(&comment);
        }
        own_line
    }
}

/// Where a directive starts in the source: its name token, quote included.
fn directive_start(text: &str, directive: &Directive) -> usize {
    name_token(text, directive.name_span).start
}

/// A raw block's body, the parser's last argument of the directive.
fn raw_body(directive: &Directive) -> Option<Span> {
    if directive.block.is_some() && Directive::is_raw_block(&directive.name) {
        directive.args.last().map(|a| a.span)
    } else {
        None
    }
}

/// A directive's name as written. The parser's name span leaves out the
/// quotes of a quoted name (`"map" ...`); they are put back. A `)` right
/// after a quote is a word of its own, which the arguments write back.
fn name_token(text: &str, span: Span) -> Span {
    let bytes = text.as_bytes();
    let before = span.start.checked_sub(1).and_then(|at| bytes.get(at));
    let quoted = matches!(before, Some(b'"' | b'\'')) && bytes.get(span.end) == before;
    if !quoted {
        return span;
    }
    Span::new(span.start - 1, span.end + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn formatted(text: &str) -> String {
        format(text).unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn refuses_a_config_with_a_syntax_error_at_its_first_error() {
        let error = format("events {\n}\n  }\nhttp {\n").unwrap_err();
        assert_eq!(
            (error.message.as_str(), error.line, error.column),
            ("unexpected \"}\"", 3, 3)
        );
        let error = format("a \"é\"c;").unwrap_err();
        assert_eq!((error.line, error.column), (1, 6));
    }

    #[test]
    fn indents_blocks_and_puts_one_directive_on_a_line() {
        assert_eq!(
            formatted("http{server{listen 80;}}a;b  c\t d;"),
            "http {\n    server {\n        listen 80;\n    }\n}\na;\nb c d;\n"
        );
        assert_eq!(formatted("events {}"), "events {\n}\n");
        assert_eq!(formatted(""), "");
        assert_eq!(formatted(" \n\n "), "");
    }

    #[test]
    fn keeps_one_blank_line_where_the_author_left_some() {
        assert_eq!(
            formatted("\n\na;\n\n\n\nb;\nc;\nhttp {\n\n  d;\n\n  e;\n\n}\n\n"),
            "a;\n\nb;\nc;\nhttp {\n    d;\n\n    e;\n}\n"
        );
    }

    #[test]
    fn continues_arguments_the_author_put_on_new_lines() {
        assert_eq!(
            formatted("log_format main 'a' 'b'\n'c'\n   'd' 'e';"),
            "log_format main 'a' 'b'\n    'c'\n    'd' 'e';\n"
        );
        assert_eq!(formatted("http {\nx\ny;\n}"), "http {\n    x\n        y;\n}\n");
    }

    #[test]
    fn copies_tokens_as_written() {
        let text = "a \"x\\\"y\" 'p q' w\\;x ${host}z \"\";\nif ($a = \"b\") {\n}\n\"n m\" v;\n";
        assert_eq!(formatted(text), text);
    }

    #[test]
    fn places_comments_by_line() {
        assert_eq!(
            formatted("#top\na; # after a\n  # own\nhttp { # open\n# inside\nb;\n# last\n} # close\n"),
            "#top\na; # after a\n# own\nhttp { # open\n    # inside\n    b;\n    # last\n} # close\n"
        );
        assert_eq!(formatted("a;   # trailing   \n"), "a; # trailing\n");
    }

    #[test]
    fn keeps_comments_inside_a_directive() {
        assert_eq!(
            formatted("a b # one\n # two\n c # three\n;\nd;"),
            "a b # one\n    # two\n    c; # three\nd;\n"
        );
        assert_eq!(
            formatted("server # one\n# two\n{ # three\nx;\n}"),
            "server { # one\n    # two\n    # three\n    x;\n}\n"
        );
    }

    #[test]
    fn copies_raw_lua_bodies_byte_for_byte() {
        let text = "http {\ncontent_by_lua_block {\n  local t = {1, 2}  \n\tngx.say(\"}\")\n}\n}\n";
        assert_eq!(
            formatted(text),
            "http {\n    content_by_lua_block {\n  local t = {1, 2}  \n\tngx.say(\"}\")\n}\n}\n"
        );
        // A comment before the `{` stays out of the body.
        assert_eq!(
            formatted("access_by_lua_block # note\n{ return }"),
            "access_by_lua_block # note\n    { return }\n"
        );
    }

    #[test]
    fn formats_module_blocks_as_directives() {
        assert_eq!(
            formatted("map $a $b {\ndefault   0;\n''  1;\n~^x  \"y z\";\n}"),
            "map $a $b {\n    default 0;\n    '' 1;\n    ~^x \"y z\";\n}\n"
        );
    }

    #[test]
    fn formatting_twice_changes_nothing() {
        for text in [
            "a # c1\n;\n\nb;",
            "server # c1\n{\n\nx;\n}",
            "server # c1\n# c2\n{ # c3\n\nx;\n}",
            "a\n# c\n'b'\n\n'c';",
            "content_by_lua_block # c\n{ x }",
        ] {
            let once = formatted(text);
            assert_eq!(formatted(&once), once, "{text:?}");
        }
    }
}
