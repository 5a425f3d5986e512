//! The nginx configuration parser, faithful to nginx's own
//! (`ngx_conf_read_token` and `ngx_conf_parse` in src/core/ngx_conf_file.c):
//! the same tokens, quoting and escapes, `#` comments only at a token's
//! start, `${var}` braces inside words, the same structural errors with the
//! same words. Unlike nginx it does not stop at the first error: it reports it
//! and resynchronises at the next `;`, `{` or `}`, so an editor still gets a
//! tree for the rest of the file. No crate parses nginx configs with spans,
//! hence this module.

use std::borrow::Cow;

use super::ast::{Arg, Block, Comment, Config, Directive};
use crate::diagnostic::Span;

/// A structural error, in nginx's words (without nginx's " in FILE:LINE").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    pub message: String,
    pub span: Span,
    pub line: usize,
}

#[derive(Debug, Clone, Default)]
pub struct Parsed<'a> {
    pub config: Config<'a>,
    /// In file order; nginx itself would stop at the first.
    pub errors: Vec<ParseError>,
}

pub fn parse(text: &str) -> Parsed<'_> {
    let mut parser = Parser {
        lexer: Lexer::new(text),
        errors: Vec::new(),
        comments: Vec::new(),
        closed: None,
        depth: 0,
        stack: Vec::new(),
    };
    let directives = parser.block(None);
    Parsed {
        config: Config {
            directives,
            comments: parser.comments,
        },
        errors: parser.errors,
    }
}

#[derive(Debug, Clone, Copy)]
struct Word {
    start: usize,
    end: usize,
    line: usize,
    /// The quote character of a quoted word; `start..end` excludes the quotes.
    quote: Option<u8>,
    escaped: bool,
}

enum Token {
    /// Words (in `Lexer::words`) ended by `;` (at its span) or `{`.
    Statement {
        end: End,
    },
    BlockEnd(Span, usize),
    Eof,
    Error(ParseError),
}

#[derive(Clone, Copy)]
enum End {
    Semicolon(Span),
    BlockStart(Span),
}

struct Lexer<'a> {
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
    line: usize,
    comments: Vec<Comment<'a>>,
    /// The words of the statement read last; reused so a statement costs no
    /// allocation of its own.
    words: Vec<Word>,
}

const SPACE: u8 = 1;
/// A byte with no meaning inside an unquoted word: not whitespace, not a
/// terminator (`;`, `{`), not an escape or variable start.
const PLAIN: u8 = 2;

/// Byte classes, looked up rather than compared: the word scanner runs once
/// per byte of a megabyte config.
static CLASS: [u8; 256] = {
    let mut table = [PLAIN; 256];
    table[b' ' as usize] = SPACE;
    table[b'\t' as usize] = SPACE;
    table[b'\r' as usize] = SPACE;
    table[b'\n' as usize] = SPACE;
    table[b';' as usize] = 0;
    table[b'{' as usize] = 0;
    table[b'\\' as usize] = 0;
    table[b'$' as usize] = 0;
    table
};

fn is_space(b: u8) -> bool {
    CLASS[b as usize] == SPACE
}

fn is_plain(b: u8) -> bool {
    CLASS[b as usize] == PLAIN
}

impl<'a> Lexer<'a> {
    fn new(text: &'a str) -> Self {
        Lexer {
            text,
            bytes: text.as_bytes(),
            pos: 0,
            line: 1,
            comments: Vec::new(),
            words: Vec::new(),
        }
    }

    fn error(&self, message: String, at: usize, line: usize) -> Token {
        // The whole character: a span that ends inside one cannot be sliced.
        let end = at
            + self
                .text
                .get(at..)
                .and_then(|rest| rest.chars().next())
                .map_or(0, char::len_utf8);
        Token::Error(ParseError {
            message,
            span: Span::new(at, end),
            line,
        })
    }

    /// The char at `at`, for "unexpected" messages.
    fn char_at(&self, at: usize) -> char {
        self.text[at..].chars().next().unwrap_or(' ')
    }

    /// Reads one statement, as `ngx_conf_read_token` does.
    fn next(&mut self) -> Token {
        let mut words = std::mem::take(&mut self.words);
        words.clear();
        let mut last_space = true;
        let mut need_space = false;
        let mut quoted = false;
        let mut variable = false;
        let mut quote: Option<u8> = None;
        let mut word_start = 0;
        let mut word_line = self.line;
        let mut escaped = false;
        while self.pos < self.bytes.len() {
            let at = self.pos;
            let b = self.bytes[at];
            self.pos += 1;
            if b == b'\n' {
                self.line += 1;
            }
            if quoted {
                quoted = false;
                continue;
            }
            if need_space {
                if is_space(b) {
                    last_space = true;
                    need_space = false;
                    continue;
                }
                match b {
                    b';' => return self.statement(words, End::Semicolon(Span::new(at, at + 1))),
                    b'{' => return self.statement(words, End::BlockStart(Span::new(at, at + 1))),
                    // nginx lets `)` follow a quote (`if ($a = "b")`) and
                    // reads it as the start of the next word.
                    b')' => {
                        last_space = true;
                        need_space = false;
                    }
                    _ => {
                        let line = self.line;
                        self.pos = self.resync_from(at);
                        return self.error(format!("unexpected \"{}\"", self.char_at(at)), at, line);
                    }
                }
            }
            if last_space {
                if is_space(b) {
                    // Skip the whitespace run, counting its newlines.
                    while let Some(&c) = self.bytes.get(self.pos) {
                        if !is_space(c) {
                            break;
                        }
                        if c == b'\n' {
                            self.line += 1;
                        }
                        self.pos += 1;
                    }
                    continue;
                }
                word_start = at;
                word_line = self.line;
                escaped = false;
                match b {
                    b';' | b'{' => {
                        if words.is_empty() {
                            return self.error(format!("unexpected \"{}\"", b as char), at, self.line);
                        }
                        let span = Span::new(at, at + 1);
                        let end = if b == b'{' {
                            End::BlockStart(span)
                        } else {
                            End::Semicolon(span)
                        };
                        return self.statement(words, end);
                    }
                    b'}' => {
                        if !words.is_empty() {
                            return self.error("unexpected \"}\"".into(), at, self.line);
                        }
                        return Token::BlockEnd(Span::new(at, at + 1), self.line);
                    }
                    b'#' => {
                        self.comment(at);
                        continue;
                    }
                    b'\\' => {
                        quoted = true;
                        escaped = true;
                        last_space = false;
                        continue;
                    }
                    b'"' | b'\'' => {
                        word_start = at + 1;
                        quote = Some(b);
                        last_space = false;
                        continue;
                    }
                    b'$' => {
                        variable = true;
                        last_space = false;
                        continue;
                    }
                    _ => {
                        last_space = false;
                        continue;
                    }
                }
            }
            // Inside a word.
            if !variable {
                // Most bytes of a word mean nothing to the reader: skip the run
                // in one go. Inside quotes only the quote, a backslash and a
                // newline (for the line count) matter.
                let rest = &self.bytes[self.pos..];
                match quote {
                    None if is_plain(b) => {
                        self.pos += rest.iter().position(|&c| !is_plain(c)).unwrap_or(rest.len());
                        continue;
                    }
                    Some(q) if b != q && b != b'\\' && b != b'$' => {
                        let run = rest
                            .iter()
                            .position(|&c| c == q || c == b'\\' || c == b'$' || c == b'\n')
                            .unwrap_or(rest.len());
                        self.pos += run;
                        continue;
                    }
                    _ => {}
                }
            }
            if b == b'{' && variable {
                continue;
            }
            variable = false;
            if b == b'\\' {
                quoted = true;
                escaped = true;
                continue;
            }
            if b == b'$' {
                variable = true;
                continue;
            }
            let found = match quote {
                Some(q) if b == q => {
                    need_space = true;
                    true
                }
                Some(_) => false,
                None => {
                    if is_space(b) || b == b';' || b == b'{' {
                        last_space = true;
                        true
                    } else {
                        false
                    }
                }
            };
            if found {
                words.push(Word {
                    start: word_start,
                    end: at,
                    line: word_line,
                    quote: quote.take(),
                    escaped,
                });
                match b {
                    b';' => return self.statement(words, End::Semicolon(Span::new(at, at + 1))),
                    b'{' => return self.statement(words, End::BlockStart(Span::new(at, at + 1))),
                    _ => {}
                }
            }
        }
        if !words.is_empty() || !last_space {
            let at = self.bytes.len();
            return Token::Error(ParseError {
                message: "unexpected end of file, expecting \";\" or \"}\"".into(),
                span: Span::new(at, at),
                line: self.line,
            });
        }
        Token::Eof
    }

    fn statement(&mut self, words: Vec<Word>, end: End) -> Token {
        self.words = words;
        Token::Statement { end }
    }

    /// A `#` comment runs to the end of the line.
    fn comment(&mut self, hash: usize) {
        let rest = &self.bytes[self.pos..];
        let len = rest.iter().position(|&b| b == b'\n').unwrap_or(rest.len());
        let end = self.pos + len;
        self.comments.push(Comment {
            text: &self.text[hash + 1..end],
            span: Span::new(hash, end),
            line: self.line,
        });
        self.pos = end;
    }

    /// After an error, skips to just past the next `;` or `{`, or to the next
    /// `}`, so parsing goes on with the next statement.
    fn resync_from(&mut self, from: usize) -> usize {
        let mut at = from;
        while at < self.bytes.len() {
            match self.bytes[at] {
                b';' | b'{' => return at + 1,
                b'}' => return at,
                b'\n' => self.line += 1,
                _ => {}
            }
            at += 1;
        }
        at
    }

    /// The raw text of a `*_by_lua_block { … }` up to its matching brace,
    /// which nginx hands to the Lua module unparsed.
    fn raw_block(&mut self) -> Option<(Span, Span)> {
        let start = self.pos;
        let mut depth = 1usize;
        let mut quote: Option<u8> = None;
        while self.pos < self.bytes.len() {
            let b = self.bytes[self.pos];
            self.pos += 1;
            match (quote, b) {
                (_, b'\n') => self.line += 1,
                (Some(_), b'\\') => self.pos += 1,
                (Some(q), _) if b == q => quote = None,
                (Some(_), _) => {}
                (None, b'"' | b'\'') => quote = Some(b),
                (None, b'{') => depth += 1,
                (None, b'}') => {
                    depth -= 1;
                    if depth == 0 {
                        return Some((Span::new(start, self.pos - 1), Span::new(self.pos - 1, self.pos)));
                    }
                }
                _ => {}
            }
        }
        None
    }
}

/// Blocks nest deeper than this only in hostile input; beyond it the parser
/// reports an error instead of recursing (a stack overflow kills the page).
const MAX_DEPTH: usize = 200;

struct Parser<'a> {
    lexer: Lexer<'a>,
    errors: Vec<ParseError>,
    comments: Vec<Comment<'a>>,
    /// The `}` that ended the block parsed last.
    closed: Option<Span>,
    stack: Vec<Directive<'a>>,
    depth: usize,
}

impl<'a> Parser<'a> {
    fn word(&self, word: Word) -> Cow<'a, str> {
        let raw = &self.lexer.text[word.start..word.end];
        if !word.escaped {
            return Cow::Borrowed(raw);
        }
        Cow::Owned(unescape(raw))
    }

    fn arg(&self, word: Word) -> Arg<'a> {
        let (start, end) = match word.quote {
            Some(_) => (word.start - 1, word.end + 1),
            None => (word.start, word.end),
        };
        Arg {
            value: self.word(word),
            span: Span::new(start, end.min(self.lexer.text.len())),
            quote: word.quote.map(char::from),
        }
    }

    /// Parses directives until the end of the enclosing block (`open` is its
    /// `{`) or of the file.
    fn block(&mut self, open: Option<Span>) -> Vec<Directive<'a>> {
        // Directives of every open block share one stack; each block takes
        // its own off the top in one exact-size allocation when it ends,
        // instead of growing a vector per block.
        let base = self.stack.len();
        self.block_onto_stack(open);
        self.stack.drain(base..).collect()
    }

    fn block_onto_stack(&mut self, open: Option<Span>) {
        loop {
            let token = self.lexer.next();
            self.comments.append(&mut self.lexer.comments);
            match token {
                Token::Eof => {
                    if open.is_some() {
                        let at = self.lexer.text.len();
                        self.errors.push(ParseError {
                            message: "unexpected end of file, expecting \"}\"".into(),
                            span: Span::new(at, at),
                            line: self.lexer.line,
                        });
                    }
                    return;
                }
                Token::BlockEnd(span, line) => {
                    if open.is_some() {
                        self.closed = Some(span);
                        return;
                    }
                    self.errors.push(ParseError {
                        message: "unexpected \"}\"".into(),
                        span,
                        line,
                    });
                }
                Token::Error(error) => {
                    let at_eof = self.lexer.pos >= self.lexer.bytes.len();
                    // A `}` after a directive missing its `;` still closes the
                    // block, so one missing `;` is one error, not a cascade.
                    let closes = open.is_some() && self.lexer.bytes.get(error.span.start) == Some(&b'}');
                    let span = error.span;
                    self.errors.push(error);
                    if closes {
                        self.closed = Some(span);
                        return;
                    }
                    if at_eof {
                        return;
                    }
                }
                Token::Statement { end } => {
                    let name_word = self.lexer.words[0];
                    let args = self.lexer.words[1..].iter().map(|w| self.arg(*w)).collect();
                    let mut directive = Directive {
                        name: self.word(name_word),
                        name_span: Span::new(name_word.start, name_word.end),
                        line: name_word.line,
                        args,
                        block: None,
                        terminator: None,
                    };
                    match end {
                        End::Semicolon(span) => directive.terminator = Some(span),
                        End::BlockStart(open) if Directive::is_raw_block(&directive.name) => {
                            match self.lexer.raw_block() {
                                Some((body, close)) => {
                                    let text = &self.lexer.text[body.start..body.end];
                                    directive.args.push(Arg {
                                        value: Cow::Borrowed(text),
                                        span: body,
                                        quote: None,
                                    });
                                    directive.block = Some(Box::new(Block {
                                        open,
                                        close: Some(close),
                                        directives: Vec::new(),
                                    }));
                                }
                                None => {
                                    let at = self.lexer.text.len();
                                    self.errors.push(ParseError {
                                        message: "unexpected end of file, expecting \"}\"".into(),
                                        span: Span::new(at, at),
                                        line: self.lexer.line,
                                    });
                                }
                            }
                        }
                        End::BlockStart(open) if self.depth >= MAX_DEPTH => {
                            self.errors.push(ParseError {
                                message: format!("blocks nested more than {MAX_DEPTH} deep"),
                                span: open,
                                line: self.lexer.line,
                            });
                            return;
                        }
                        End::BlockStart(open) => {
                            self.closed = None;
                            self.depth += 1;
                            let children = self.block(Some(open));
                            self.depth -= 1;
                            directive.block = Some(Box::new(Block {
                                open,
                                close: self.closed.take(),
                                directives: children,
                            }));
                        }
                    }
                    self.stack.push(directive);
                }
            }
        }
    }
}

/// nginx's unescaping of a token: `\"`, `\'` and `\\` drop the backslash,
/// `\t`, `\r`, `\n` become the control character, any other backslash stays.
fn unescape(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut chars = raw.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.peek() {
                Some('"' | '\'' | '\\') => {
                    out.push(chars.next().unwrap_or('\\'));
                    continue;
                }
                Some('t') => {
                    chars.next();
                    out.push('\t');
                    continue;
                }
                Some('r') => {
                    chars.next();
                    out.push('\r');
                    continue;
                }
                Some('n') => {
                    chars.next();
                    out.push('\n');
                    continue;
                }
                _ => {}
            }
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(directives: &[Directive]) -> Vec<String> {
        directives.iter().map(|d| d.name.to_string()).collect()
    }

    fn first_error(text: &str) -> (String, usize) {
        let error = parse(text).errors.into_iter().next().expect("an error");
        (error.message, error.line)
    }

    #[test]
    fn error_spans_cover_whole_characters() {
        let text = "events { }\nhttp { \"x\"é a; }";
        let parsed = parse(text);
        for error in &parsed.errors {
            assert!(text.get(error.span.start..error.span.end).is_some(), "{error:?}");
        }
        assert!(!parsed.errors.is_empty());
    }

    #[test]
    fn reads_the_seed_with_lines_and_spans() {
        let text = crate::reference::FRONTEND_NGINX;
        let parsed = parse(text);
        assert!(parsed.errors.is_empty());
        assert_eq!(
            names(&parsed.config.directives),
            ["user", "worker_processes", "error_log", "pid", "events", "http"]
        );
        let http = &parsed.config.directives[5];
        let server = http.children().iter().find(|d| d.name == "server").unwrap();
        let proxy_pass = server.children()[2]
            .children()
            .iter()
            .find(|d| d.name == "proxy_pass")
            .unwrap();
        assert_eq!(proxy_pass.args[0].value, "http://next:3000");
        assert_eq!(
            &text[proxy_pass.args[0].span.start..proxy_pass.args[0].span.end],
            "http://next:3000"
        );
        assert_eq!(proxy_pass.line, 29);
        let add_header = &http.children()[1];
        assert_eq!(add_header.args[1].value, "1; mode=block");
        assert_eq!(add_header.args[1].quote, Some('"'));
        assert_eq!(
            &text[add_header.args[1].span.start..add_header.args[1].span.end],
            "\"1; mode=block\""
        );
    }

    #[test]
    fn structural_errors_use_nginx_words_and_lines() {
        assert_eq!(first_error("events {\n}\n}\n"), ("unexpected \"}\"".into(), 3));
        assert_eq!(first_error("http {\n  a b\n}\n"), ("unexpected \"}\"".into(), 3));
        assert_eq!(
            first_error("http {\n  a b"),
            ("unexpected end of file, expecting \";\" or \"}\"".into(), 2)
        );
        assert_eq!(
            first_error("http {\n  a b;\n"),
            ("unexpected end of file, expecting \"}\"".into(), 3)
        );
        assert_eq!(first_error("http {\n  ;\n}"), ("unexpected \";\"".into(), 2));
        assert_eq!(first_error("{\n}"), ("unexpected \"{\"".into(), 1));
        assert_eq!(first_error("a \"b\"c;"), ("unexpected \"c\"".into(), 1));
    }

    #[test]
    fn keeps_going_after_an_error() {
        let parsed = parse("a \"b\"c;\nworker_processes 1;\n}\nevents {}\n");
        assert_eq!(parsed.errors.len(), 2);
        assert_eq!(names(&parsed.config.directives), ["worker_processes", "events"]);
    }

    #[test]
    fn quotes_escapes_comments_and_variables_as_nginx_reads_them() {
        // A comment does not end a directive: `b` is one more argument of `a`.
        let parsed = parse("a 'x y' \"q\\\"q\" w\\;x \\d ${host}z # c { ;\nb;\n");
        let a = &parsed.config.directives[0];
        let values: Vec<_> = a.args.iter().map(|v| v.value.as_ref()).collect();
        assert_eq!(values, ["x y", "q\"q", "w\\;x", "\\d", "${host}z", "b"]);
        assert_eq!(parsed.config.comments[0].text, " c { ;");
        assert_eq!(parsed.config.directives.len(), 1);
        assert!(parsed.errors.is_empty());
    }

    #[test]
    fn if_conditions_keep_their_tokens() {
        let parsed = parse("if ($request_method !~ ^(GET|HEAD)$) { return 444; }");
        let args: Vec<_> = parsed.config.directives[0]
            .args
            .iter()
            .map(|a| a.value.as_ref())
            .collect();
        assert_eq!(args, ["($request_method", "!~", "^(GET|HEAD)$)"]);
        // After a quoted argument, `)` needs no space: it starts the next word
        // (nginx -t says `invalid condition ")x"` for `if ($a = "b")x`).
        let parsed = parse("if ($a = \"b\") { }\nif ($a = \"b\")x { }");
        let args = |i: usize| -> Vec<&str> {
            parsed.config.directives[i]
                .args
                .iter()
                .map(|a| a.value.as_ref())
                .collect()
        };
        assert_eq!(args(0), ["($a", "=", "b", ")"]);
        assert_eq!(args(1), ["($a", "=", "b", ")x"]);
        assert!(parsed.errors.is_empty());
    }

    #[test]
    fn lua_blocks_are_raw_text() {
        let parsed = parse("content_by_lua_block {\n  if x then ngx.say(\"}\") end\n}\nnext;\n");
        let lua = &parsed.config.directives[0];
        assert_eq!(lua.args[0].value, "\n  if x then ngx.say(\"}\") end\n");
        assert_eq!(parsed.config.directives[1].name, "next");
        assert!(parsed.errors.is_empty());
    }
}
