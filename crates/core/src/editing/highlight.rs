//! Syntax highlighting of a window of lines, without lexing the text above it.
//!
//! The editor only draws the lines in view, but what a line means depends on
//! what came before it: a block comment or an nginx quoted string can span
//! lines, and whether an nginx word is a directive depends on the statement
//! it is in. [`Highlighter::new`] therefore makes one cheap pass over the
//! whole text and remembers the lexer's state at every line start; after that
//! any line can be lexed on its own, so scrolling through a megabyte config
//! costs only the lines on screen.
//!
//! Both lexers are forgiving: whatever the text, every byte is either plain or
//! in exactly one token, and a token never crosses a line end.

use std::ops::Range;

use super::Language;

/// What a token is, for colouring.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokenKind {
    Key,
    String,
    Number,
    Literal,
    Punctuation,
    Bracket,
    Comment,
    Directive,
    Variable,
    Invalid,
}

impl TokenKind {
    /// The CSS class the editor gives the token's text.
    pub fn class(self) -> &'static str {
        match self {
            TokenKind::Key => "tok-key",
            TokenKind::String => "tok-string",
            TokenKind::Number => "tok-number",
            TokenKind::Literal => "tok-literal",
            TokenKind::Punctuation => "tok-punct",
            TokenKind::Bracket => "tok-bracket",
            TokenKind::Comment => "tok-comment",
            TokenKind::Directive => "tok-directive",
            TokenKind::Variable => "tok-variable",
            TokenKind::Invalid => "tok-invalid",
        }
    }
}

/// A highlighted run of one line. Offsets are bytes relative to the line's
/// start; a line's tokens are sorted and do not overlap, and text not covered
/// by a token is plain.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    pub start: usize,
    pub end: usize,
    pub kind: TokenKind,
}

/// Line starts and the lexer state at each, for one version of a text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Highlighter {
    language: Language,
    starts: Vec<usize>,
    /// The lexer state at each line start, with [`ENDS_WITH_CR`] set when the
    /// line ends in `\r`: one byte a line keeps a 10 MB file's index small.
    states: Vec<u8>,
    len: usize,
}

/// Set in a line's state byte when the line ends with `\r` (before its `\n`,
/// or at the end of the text), which `line_range` leaves out.
const ENDS_WITH_CR: u8 = 0x80;
const STATE_MASK: u8 = !ENDS_WITH_CR;

// JSON state: inside a `/* */` comment.
const JSON_IN_COMMENT: u8 = 1;

// nginx state: the open quote (if any), whether the next word starts a
// statement, and whether the open quoted word is a statement's first word.
const NGINX_DOUBLE_QUOTE: u8 = 1;
const NGINX_SINGLE_QUOTE: u8 = 2;
const NGINX_QUOTE: u8 = NGINX_DOUBLE_QUOTE | NGINX_SINGLE_QUOTE;
const NGINX_AT_STATEMENT_START: u8 = 4;
const NGINX_QUOTED_DIRECTIVE: u8 = 8;

impl Highlighter {
    /// One pass over the text: line start offsets and the lexer state at each line start.
    pub fn new(language: Language, text: &str) -> Highlighter {
        let bytes = text.as_bytes();
        let len = bytes.len();
        // Config files run at a few dozen bytes a line; guessing the line
        // count saves the vectors most of their regrowing.
        let guess = len / 32 + 1;
        let mut starts = Vec::with_capacity(guess);
        let mut states = Vec::with_capacity(guess);
        let mut state = initial_state(language);
        let mut start = 0;
        loop {
            let end = bytes[start..]
                .iter()
                .position(|&b| b == b'\n')
                .map_or(len, |p| start + p);
            let cr = end > start && bytes[end - 1] == b'\r';
            starts.push(start);
            states.push(if cr { state | ENDS_WITH_CR } else { state });
            if end == len {
                break;
            }
            state = lex_line(language, &bytes[start..end - usize::from(cr)], state, &mut Discard);
            start = end + 1;
        }
        Highlighter {
            language,
            starts,
            states,
            len,
        }
    }

    /// Follows one replacement: `removed` bytes at `start` of the indexed
    /// text became `inserted` bytes of `text`. Only the lines it touched are
    /// scanned again, and the lines after them are lexed again only until
    /// one starts in the state it had before (an opened quote can change
    /// every line below; a typed letter changes none), so a keystroke in a
    /// megabyte config costs about one line, not a pass over the text. The
    /// result is what [`new`](Self::new) would build from `text`.
    pub fn edit(&mut self, text: &str, start: usize, removed: usize, inserted: usize) {
        let bytes = text.as_bytes();
        let len = bytes.len();
        let consistent = start.checked_add(removed).is_some_and(|end| end <= self.len)
            && (self.len - removed).checked_add(inserted) == Some(len)
            && text.is_char_boundary(start.min(len));
        if !consistent {
            *self = Highlighter::new(self.language, text);
            return;
        }
        let first = self.line_of(start);
        let last = self.line_of(start + removed);
        // Lines after the replaced ones keep their text, shifted.
        let shift = |old: usize| old - removed + inserted;
        let tail = last + 1;
        let next_kept = self.starts.get(tail).map(|&s| shift(s));

        // The touched lines, scanned again from the first one's state.
        let mut starts = Vec::new();
        let mut states = Vec::new();
        let mut state = self.states[first] & STATE_MASK;
        let mut at = self.starts[first];
        loop {
            let end = bytes[at..].iter().position(|&b| b == b'\n').map_or(len, |p| at + p);
            let cr = end > at && bytes[end - 1] == b'\r';
            starts.push(at);
            states.push(if cr { state | ENDS_WITH_CR } else { state });
            if end == len {
                break;
            }
            state = lex_line(self.language, &bytes[at..end - usize::from(cr)], state, &mut Discard);
            at = end + 1;
            if next_kept.is_some_and(|kept| at >= kept) {
                break;
            }
        }
        // The kept lines start where they did, shifted, unless the text is
        // not the one the replacement describes.
        if next_kept.is_some_and(|kept| at != kept) {
            *self = Highlighter::new(self.language, text);
            return;
        }
        let touched = starts.len();
        self.starts.splice(first..tail, starts);
        self.states.splice(first..tail, states);
        let kept = first + touched;
        for s in &mut self.starts[kept..] {
            *s = shift(*s);
        }
        self.len = len;

        // The kept lines, from the state the touched ones end in, until one
        // starts as it did.
        for line in kept..self.starts.len() {
            let old = self.states[line];
            if old & STATE_MASK == state {
                break;
            }
            self.states[line] = state | (old & ENDS_WITH_CR);
            let range = self.line_range(line);
            state = lex_line(self.language, &bytes[range], state, &mut Discard);
        }
    }

    pub fn language(&self) -> Language {
        self.language
    }

    /// `""` has 1 line; `"a\n"` has 2.
    pub fn line_count(&self) -> usize {
        self.starts.len()
    }

    /// The byte offset where a 0-based line starts; the text's length for a
    /// line past the last, so `line_start(last + 1)` ends a range of lines.
    pub fn line_start(&self, line: usize) -> usize {
        self.starts.get(line).copied().unwrap_or(self.len)
    }

    /// A line's bytes, without its `\n` and without a trailing `\r`; an empty
    /// range at the end of the text for a line past the last.
    pub fn line_range(&self, line: usize) -> Range<usize> {
        let Some(&start) = self.starts.get(line) else {
            return self.len..self.len;
        };
        let mut end = self.starts.get(line + 1).map_or(self.len, |next| next - 1);
        if self.states[line] & ENDS_WITH_CR != 0 {
            end -= 1;
        }
        start..end
    }

    /// The 0-based line containing a byte offset; offsets past the end are on
    /// the last line. A line's `\n` belongs to it.
    pub fn line_of(&self, offset: usize) -> usize {
        let offset = offset.min(self.len);
        self.starts.partition_point(|&s| s <= offset).saturating_sub(1)
    }

    /// Tokens of one line of `text` (the same text given to `new`).
    pub fn tokens(&self, text: &str, line: usize) -> Vec<Token> {
        let mut tokens = Vec::new();
        self.tokens_into(text, line, &mut tokens);
        tokens
    }

    /// Like [`tokens`](Self::tokens), into a vector the caller reuses: bracket
    /// matching lexes thousands of lines per keystroke.
    pub fn tokens_into(&self, text: &str, line: usize, tokens: &mut Vec<Token>) {
        tokens.clear();
        if line >= self.starts.len() {
            return;
        }
        // A text other than the one indexed gets no tokens rather than
        // tokens that might split its characters.
        let Some(slice) = text.get(self.line_range(line)) else {
            return;
        };
        let state = self.states[line] & STATE_MASK;
        lex_line(self.language, slice.as_bytes(), state, &mut Collect(tokens));
    }
}

fn initial_state(language: Language) -> u8 {
    match language {
        Language::Json => 0,
        Language::Nginx => NGINX_AT_STATEMENT_START,
    }
}

/// Where a lexer reports tokens. Indexing lexes with [`Discard`], which the
/// compiler reduces to nothing, so both passes share one lexer.
trait Sink {
    fn token(&mut self, start: usize, end: usize, kind: TokenKind);
}

struct Discard;

impl Sink for Discard {
    #[inline(always)]
    fn token(&mut self, _: usize, _: usize, _: TokenKind) {}
}

struct Collect<'a>(&'a mut Vec<Token>);

impl Sink for Collect<'_> {
    fn token(&mut self, start: usize, end: usize, kind: TokenKind) {
        if start >= end {
            return;
        }
        // A run of unrecognised characters reads better as one mistake.
        if let Some(last) = self.0.last_mut() {
            if kind == TokenKind::Invalid && last.kind == TokenKind::Invalid && last.end == start {
                last.end = end;
                return;
            }
        }
        self.0.push(Token { start, end, kind });
    }
}

/// Lexes one line (without its line end) from the state at its start and
/// returns the state at the next line's start.
fn lex_line(language: Language, line: &[u8], state: u8, sink: &mut impl Sink) -> u8 {
    match language {
        Language::Json => json_line(line, state, sink),
        Language::Nginx => nginx_line(line, state, sink),
    }
}

/// The length of the UTF-8 character whose first byte is `lead`, so an
/// invalid-character token never ends inside one.
fn char_len(lead: u8) -> usize {
    match lead {
        0xF0.. => 4,
        0xE0.. => 3,
        0xC0.. => 2,
        _ => 1,
    }
}

fn find_comment_end(line: &[u8], from: usize) -> Option<usize> {
    line.get(from..)?
        .windows(2)
        .position(|w| w == b"*/")
        .map(|p| from + p + 2)
}

/// JSON with comments (jsonc), as the task definition and deployment files
/// are parsed. Strings end at the line's end when unterminated, as a string
/// cannot contain a raw newline; only a block comment carries over.
fn json_line(line: &[u8], mut state: u8, sink: &mut impl Sink) -> u8 {
    let n = line.len();
    let mut i = 0;
    if state & JSON_IN_COMMENT != 0 {
        match find_comment_end(line, 0) {
            Some(end) => {
                sink.token(0, end, TokenKind::Comment);
                i = end;
                state &= !JSON_IN_COMMENT;
            }
            None => {
                sink.token(0, n, TokenKind::Comment);
                return state;
            }
        }
    }
    while i < n {
        let b = line[i];
        match b {
            b' ' | b'\t' | b'\r' => i += 1,
            b'"' => {
                let end = quoted_end(line, i + 1, b'"');
                let mut next = end;
                while next < n && matches!(line[next], b' ' | b'\t') {
                    next += 1;
                }
                let kind = if line.get(next) == Some(&b':') {
                    TokenKind::Key
                } else {
                    TokenKind::String
                };
                sink.token(i, end, kind);
                i = end;
            }
            b'{' | b'}' | b'[' | b']' => {
                sink.token(i, i + 1, TokenKind::Bracket);
                i += 1;
            }
            b',' | b':' => {
                sink.token(i, i + 1, TokenKind::Punctuation);
                i += 1;
            }
            b'-' | b'0'..=b'9' => {
                let end = i + line[i..]
                    .iter()
                    .position(|&c| !matches!(c, b'0'..=b'9' | b'.' | b'e' | b'E' | b'+' | b'-'))
                    .unwrap_or(n - i);
                let kind = if is_json_number(&line[i..end]) {
                    TokenKind::Number
                } else {
                    TokenKind::Invalid
                };
                sink.token(i, end, kind);
                i = end;
            }
            b'a'..=b'z' | b'A'..=b'Z' | b'_' => {
                let end = i + line[i..]
                    .iter()
                    .position(|&c| !(c.is_ascii_alphanumeric() || c == b'_'))
                    .unwrap_or(n - i);
                let kind = match &line[i..end] {
                    b"true" | b"false" | b"null" => TokenKind::Literal,
                    _ => TokenKind::Invalid,
                };
                sink.token(i, end, kind);
                i = end;
            }
            b'/' if line.get(i + 1) == Some(&b'/') => {
                sink.token(i, n, TokenKind::Comment);
                i = n;
            }
            b'/' if line.get(i + 1) == Some(&b'*') => match find_comment_end(line, i + 2) {
                Some(end) => {
                    sink.token(i, end, TokenKind::Comment);
                    i = end;
                }
                None => {
                    sink.token(i, n, TokenKind::Comment);
                    state |= JSON_IN_COMMENT;
                    i = n;
                }
            },
            _ => {
                let end = (i + char_len(b)).min(n);
                sink.token(i, end, TokenKind::Invalid);
                i = end;
            }
        }
    }
    state
}

/// JSON's number grammar: `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`.
fn is_json_number(s: &[u8]) -> bool {
    let mut i = 0;
    let digits = |i: &mut usize| {
        let from = *i;
        while *i < s.len() && s[*i].is_ascii_digit() {
            *i += 1;
        }
        *i - from
    };
    if s.first() == Some(&b'-') {
        i += 1;
    }
    match s.get(i) {
        Some(b'0') => i += 1,
        Some(b'1'..=b'9') => {
            digits(&mut i);
        }
        _ => return false,
    }
    if s.get(i) == Some(&b'.') {
        i += 1;
        if digits(&mut i) == 0 {
            return false;
        }
    }
    if matches!(s.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(s.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        if digits(&mut i) == 0 {
            return false;
        }
    }
    i == s.len()
}

/// Where a quoted run starting after its opening quote ends: just past the
/// closing quote, or at the line's end. A backslash escapes the next byte.
fn quoted_end(line: &[u8], from: usize, quote: u8) -> usize {
    let mut i = from;
    while i < line.len() {
        match line[i] {
            b'\\' => i += 2,
            c if c == quote => return i + 1,
            _ => i += 1,
        }
    }
    line.len()
}

/// nginx's configuration syntax as `ngx_conf_read_token` reads it: words
/// separated by whitespace and ended by `;` or `{`; `#` starts a comment only
/// where a word could start; quotes are recognised only at a word's start and
/// may run over lines; a backslash escapes the next character. Variables are
/// marked wherever nginx's script compiler would find them, which includes
/// single-quoted strings: quoting does not stop interpolation in nginx (the
/// usual `log_format '$remote_addr …'` relies on it).
fn nginx_line(line: &[u8], state: u8, sink: &mut impl Sink) -> u8 {
    let n = line.len();
    let mut at_start = state & NGINX_AT_STATEMENT_START != 0;
    let mut i = 0;
    if state & NGINX_QUOTE != 0 {
        let quote = if state & NGINX_DOUBLE_QUOTE != 0 { b'"' } else { b'\'' };
        let kind = if state & NGINX_QUOTED_DIRECTIVE != 0 {
            TokenKind::Directive
        } else {
            TokenKind::String
        };
        match nginx_quoted(line, 0, 0, quote, kind, sink) {
            Some(end) => i = after_quote(line, end, sink),
            None => return state,
        }
    }
    while i < n {
        let b = line[i];
        match b {
            b' ' | b'\t' | b'\r' => i += 1,
            b'#' => {
                sink.token(i, n, TokenKind::Comment);
                i = n;
            }
            b';' => {
                sink.token(i, i + 1, TokenKind::Punctuation);
                at_start = true;
                i += 1;
            }
            b'{' | b'}' => {
                sink.token(i, i + 1, TokenKind::Bracket);
                at_start = true;
                i += 1;
            }
            b'"' | b'\'' => {
                let directive = at_start;
                at_start = false;
                let kind = if directive {
                    TokenKind::Directive
                } else {
                    TokenKind::String
                };
                match nginx_quoted(line, i, i + 1, b, kind, sink) {
                    Some(end) => i = after_quote(line, end, sink),
                    None => {
                        let quote = if b == b'"' {
                            NGINX_DOUBLE_QUOTE
                        } else {
                            NGINX_SINGLE_QUOTE
                        };
                        return quote | if directive { NGINX_QUOTED_DIRECTIVE } else { 0 };
                    }
                }
            }
            _ => {
                let kind = at_start.then_some(TokenKind::Directive);
                at_start = false;
                i = nginx_word(line, i, kind, sink);
            }
        }
    }
    if at_start {
        NGINX_AT_STATEMENT_START
    } else {
        0
    }
}

/// Lexes a quoted word from `content` (just past the opening quote, or the
/// line's start when the quote opened on an earlier line); `from` is where
/// its token starts. Returns the offset past the closing quote, or `None`
/// when the quote is still open at the line's end.
fn nginx_quoted(
    line: &[u8],
    from: usize,
    content: usize,
    quote: u8,
    kind: TokenKind,
    sink: &mut impl Sink,
) -> Option<usize> {
    let n = line.len();
    let mut segment = from;
    let mut i = content;
    while i < n {
        match line[i] {
            b'\\' => i += escape_len(line, i),
            c if c == quote => {
                sink.token(segment, i + 1, kind);
                return Some(i + 1);
            }
            b'$' => {
                let end = variable_end(line, i);
                if end > i + 1 {
                    sink.token(segment, i, kind);
                    sink.token(i, end, TokenKind::Variable);
                    segment = end;
                    i = end;
                } else {
                    i += 1;
                }
            }
            _ => i += 1,
        }
    }
    sink.token(segment, n, kind);
    None
}

/// nginx wants whitespace, `;` or `{` after a closing quote (and reads a `)`
/// as the next word, for `if ($a = "b")`); anything else is its "unexpected"
/// error, marked up to the end of what would be the word.
fn after_quote(line: &[u8], at: usize, sink: &mut impl Sink) -> usize {
    match line.get(at) {
        None | Some(b' ' | b'\t' | b'\r' | b';' | b'{' | b')') => at,
        Some(_) => {
            let end = at
                + line[at..]
                    .iter()
                    .position(|&c| matches!(c, b' ' | b'\t' | b'\r' | b';' | b'{'))
                    .unwrap_or(line.len() - at);
            sink.token(at, end, TokenKind::Invalid);
            end
        }
    }
}

/// Lexes an unquoted word starting at `start`; `kind` is its colour (none for
/// a plain argument), with its variables split out. Returns where it ends.
fn nginx_word(line: &[u8], start: usize, kind: Option<TokenKind>, sink: &mut impl Sink) -> usize {
    let n = line.len();
    let mut segment = start;
    let mut i = start;
    while i < n {
        match line[i] {
            b' ' | b'\t' | b'\r' | b';' | b'{' => break,
            b'\\' => i += escape_len(line, i),
            b'$' => {
                let end = variable_end(line, i);
                if end > i + 1 {
                    if let Some(kind) = kind {
                        sink.token(segment, i, kind);
                    }
                    sink.token(i, end, TokenKind::Variable);
                    segment = end;
                    i = end;
                } else if line.get(i + 1) == Some(&b'{') {
                    // nginx keeps a `{` right after `$` inside the word.
                    i += 2;
                } else {
                    i += 1;
                }
            }
            _ => i += 1,
        }
    }
    let end = i.min(n);
    if let Some(kind) = kind {
        sink.token(segment, end, kind);
    }
    end
}

/// How far a backslash at `at` reaches: over the byte it escapes, except a
/// `$`, which nginx's unescaping leaves alone and its script compiler then
/// reads as a variable all the same.
fn escape_len(line: &[u8], at: usize) -> usize {
    match line.get(at + 1) {
        Some(b'$') | None => 1,
        Some(&c) => 1 + char_len(c),
    }
}

fn is_name_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// The end of the variable reference whose `$` is at `dollar`, as nginx's
/// script compiler reads one: `$1` (a regex capture, one digit), `$name` or
/// `${name}`. `dollar + 1` when no name follows. An unclosed `${name` still
/// shows as a variable up to its name's end.
fn variable_end(line: &[u8], dollar: usize) -> usize {
    let n = line.len();
    let name_end = |from: usize| from + line[from.min(n)..].iter().take_while(|&&b| is_name_byte(b)).count();
    match line.get(dollar + 1) {
        Some(b'0'..=b'9') => dollar + 2,
        Some(b'{') => {
            let end = name_end(dollar + 2);
            if end == dollar + 2 {
                dollar + 1
            } else if line.get(end) == Some(&b'}') {
                end + 1
            } else {
                end
            }
        }
        Some(_) => name_end(dollar + 1).max(dollar + 1),
        None => dollar + 1,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use TokenKind::*;

    // `String` is a token kind in here.
    type Text = std::string::String;

    /// Each token of `line` as its text and kind.
    fn lexed(language: Language, text: &str, line: usize) -> Vec<(Text, TokenKind)> {
        let highlighter = Highlighter::new(language, text);
        let start = highlighter.line_start(line);
        highlighter
            .tokens(text, line)
            .iter()
            .map(|t| (text[start + t.start..start + t.end].to_owned(), t.kind))
            .collect()
    }

    fn json(text: &str, line: usize) -> Vec<(Text, TokenKind)> {
        lexed(Language::Json, text, line)
    }

    fn nginx(text: &str, line: usize) -> Vec<(Text, TokenKind)> {
        lexed(Language::Nginx, text, line)
    }

    fn t(text: &str, kind: TokenKind) -> (Text, TokenKind) {
        (text.to_owned(), kind)
    }

    #[test]
    fn every_kind_has_its_css_class() {
        let kinds = [
            Key,
            String,
            Number,
            Literal,
            Punctuation,
            Bracket,
            Comment,
            Directive,
            Variable,
            Invalid,
        ];
        let classes: Vec<_> = kinds.iter().map(|k| k.class()).collect();
        assert_eq!(
            classes,
            [
                "tok-key",
                "tok-string",
                "tok-number",
                "tok-literal",
                "tok-punct",
                "tok-bracket",
                "tok-comment",
                "tok-directive",
                "tok-variable",
                "tok-invalid"
            ]
        );
    }

    #[test]
    fn lines_are_counted_as_the_editor_shows_them() {
        assert_eq!(Highlighter::new(Language::Json, "").line_count(), 1);
        assert_eq!(Highlighter::new(Language::Json, "a").line_count(), 1);
        assert_eq!(Highlighter::new(Language::Json, "a\n").line_count(), 2);
        assert_eq!(Highlighter::new(Language::Json, "\n\n").line_count(), 3);
    }

    #[test]
    fn line_ranges_leave_out_the_line_end_and_a_carriage_return() {
        let h = Highlighter::new(Language::Json, "ab\r\ncd\n\r\nx\r");
        assert_eq!(h.line_range(0), 0..2);
        assert_eq!(h.line_range(1), 4..6);
        assert_eq!(h.line_range(2), 7..7);
        assert_eq!(h.line_range(3), 9..10);
        assert_eq!(h.line_range(4), 11..11);
    }

    #[test]
    fn line_starts_past_the_last_line_are_the_text_end() {
        let h = Highlighter::new(Language::Json, "ab\ncd");
        assert_eq!(h.line_start(0), 0);
        assert_eq!(h.line_start(1), 3);
        assert_eq!(h.line_start(2), 5);
        assert_eq!(h.line_start(usize::MAX), 5);
    }

    #[test]
    fn an_offset_is_on_the_line_whose_text_or_newline_holds_it() {
        let h = Highlighter::new(Language::Json, "ab\ncd\n");
        assert_eq!(h.line_of(0), 0);
        assert_eq!(h.line_of(2), 0);
        assert_eq!(h.line_of(3), 1);
        assert_eq!(h.line_of(6), 2);
        assert_eq!(h.line_of(1000), 2);
    }

    #[test]
    fn a_json_string_before_a_colon_is_a_key() {
        assert_eq!(
            json(r#"  "name" : "web", "n": 1"#, 0),
            [
                t("\"name\"", Key),
                t(":", Punctuation),
                t("\"web\"", String),
                t(",", Punctuation),
                t("\"n\"", Key),
                t(":", Punctuation),
                t("1", Number),
            ]
        );
    }

    #[test]
    fn a_json_string_with_its_colon_on_the_next_line_is_a_plain_string() {
        assert_eq!(json("\"a\"\n: 1", 0), [t("\"a\"", String)]);
    }

    #[test]
    fn json_literals_numbers_and_brackets_have_their_kinds() {
        assert_eq!(
            json("[true, false, null, -1.5e+3, 0]", 0),
            [
                t("[", Bracket),
                t("true", Literal),
                t(",", Punctuation),
                t("false", Literal),
                t(",", Punctuation),
                t("null", Literal),
                t(",", Punctuation),
                t("-1.5e+3", Number),
                t(",", Punctuation),
                t("0", Number),
                t("]", Bracket),
            ]
        );
    }

    #[test]
    fn malformed_json_numbers_and_words_are_invalid() {
        assert_eq!(json("01", 0), [t("01", Invalid)]);
        assert_eq!(json("1.", 0), [t("1.", Invalid)]);
        assert_eq!(json("-", 0), [t("-", Invalid)]);
        assert_eq!(json("True", 0), [t("True", Invalid)]);
        assert_eq!(json("nulls", 0), [t("nulls", Invalid)]);
    }

    #[test]
    fn stray_json_characters_are_one_invalid_run() {
        assert_eq!(json("@#é€ 1", 0), [t("@#é€", Invalid), t("1", Number)]);
    }

    #[test]
    fn an_escaped_quote_does_not_end_a_json_string() {
        assert_eq!(json(r#""a\"b": 1"#, 0)[0], t(r#""a\"b""#, Key));
    }

    #[test]
    fn an_unterminated_json_string_ends_at_the_line_end() {
        assert_eq!(json("\"abc\n1", 0), [t("\"abc", String)]);
        assert_eq!(json("\"abc\n1", 1), [t("1", Number)]);
    }

    #[test]
    fn json_line_comments_run_to_the_line_end() {
        assert_eq!(json("1 // x \"y\"\n2", 0), [t("1", Number), t("// x \"y\"", Comment)]);
        assert_eq!(json("1 // x \"y\"\n2", 1), [t("2", Number)]);
    }

    #[test]
    fn a_json_block_comment_carries_over_lines() {
        let text = "1 /* a\nb \"c\n*/ 2\n3";
        assert_eq!(json(text, 0), [t("1", Number), t("/* a", Comment)]);
        assert_eq!(json(text, 1), [t("b \"c", Comment)]);
        assert_eq!(json(text, 2), [t("*/", Comment), t("2", Number)]);
        assert_eq!(json(text, 3), [t("3", Number)]);
    }

    #[test]
    fn a_comment_opener_inside_a_json_string_is_text() {
        let text = "\"/*\"\n1";
        assert_eq!(json(text, 0), [t("\"/*\"", String)]);
        assert_eq!(json(text, 1), [t("1", Number)]);
    }

    #[test]
    fn a_lone_slash_in_json_is_invalid() {
        assert_eq!(json("/ 1", 0), [t("/", Invalid), t("1", Number)]);
    }

    #[test]
    fn the_first_nginx_word_of_a_statement_is_its_directive() {
        assert_eq!(
            nginx("listen 80 default_server;", 0),
            [t("listen", Directive), t(";", Punctuation)]
        );
        assert_eq!(
            nginx("server { listen 80; root /x; }", 0),
            [
                t("server", Directive),
                t("{", Bracket),
                t("listen", Directive),
                t(";", Punctuation),
                t("root", Directive),
                t(";", Punctuation),
                t("}", Bracket),
            ]
        );
    }

    #[test]
    fn nginx_arguments_continued_on_the_next_line_are_not_directives() {
        let text = "log_format main\n    '$a'\n    b;\nroot /;";
        assert_eq!(nginx(text, 1), [t("'", String), t("$a", Variable), t("'", String)]);
        assert_eq!(nginx(text, 2), [t(";", Punctuation)]);
        assert_eq!(nginx(text, 3), [t("root", Directive), t(";", Punctuation)]);
    }

    #[test]
    fn a_hash_starts_an_nginx_comment_only_where_a_word_could_start() {
        assert_eq!(nginx("# all\nx;", 0), [t("# all", Comment)]);
        assert_eq!(nginx("# all\nx;", 1), [t("x", Directive), t(";", Punctuation)]);
        assert_eq!(
            nginx("return 200 a#b;", 0),
            [t("return", Directive), t(";", Punctuation)]
        );
        assert_eq!(
            nginx("x 1;# done", 0),
            [t("x", Directive), t(";", Punctuation), t("# done", Comment)]
        );
        assert_eq!(nginx("x a #c", 0), [t("x", Directive), t("#c", Comment)]);
    }

    #[test]
    fn a_comment_between_nginx_arguments_keeps_the_statement_open() {
        let text = "proxy_pass # why\n  http://a;";
        assert_eq!(nginx(text, 1), [t(";", Punctuation)]);
    }

    #[test]
    fn nginx_variables_are_split_out_of_words_and_double_quoted_strings() {
        assert_eq!(
            nginx("set $a \"x${b}y$1\";", 0),
            [
                t("set", Directive),
                t("$a", Variable),
                t("\"x", String),
                t("${b}", Variable),
                t("y", String),
                t("$1", Variable),
                t("\"", String),
                t(";", Punctuation),
            ]
        );
        assert_eq!(
            nginx("root /srv/$host/x;", 0),
            [t("root", Directive), t("$host", Variable), t(";", Punctuation)]
        );
    }

    #[test]
    fn nginx_interpolates_single_quoted_strings_too() {
        assert_eq!(
            nginx("log_format m '$remote_addr -';", 0),
            [
                t("log_format", Directive),
                t("'", String),
                t("$remote_addr", Variable),
                t(" -'", String),
                t(";", Punctuation),
            ]
        );
    }

    #[test]
    fn a_dollar_without_a_name_is_not_an_nginx_variable() {
        assert_eq!(
            nginx("rewrite ^(.*)$ /x;", 0),
            [t("rewrite", Directive), t(";", Punctuation)]
        );
        assert_eq!(
            nginx("x \"a$\";", 0),
            [t("x", Directive), t("\"a$\"", String), t(";", Punctuation)]
        );
    }

    #[test]
    fn a_braced_dollar_stays_inside_the_nginx_word() {
        assert_eq!(nginx("x a${;", 0), [t("x", Directive), t(";", Punctuation)]);
        assert_eq!(nginx("x a${b", 0), [t("x", Directive), t("${b", Variable)]);
    }

    #[test]
    fn nginx_quoted_strings_run_over_lines() {
        let text = "add_header X \"a;\nb {c}\" always;\nx;";
        assert_eq!(nginx(text, 0), [t("add_header", Directive), t("\"a;", String)]);
        assert_eq!(nginx(text, 1), [t("b {c}\"", String), t(";", Punctuation)]);
        assert_eq!(nginx(text, 2), [t("x", Directive), t(";", Punctuation)]);
    }

    #[test]
    fn an_escaped_quote_does_not_end_an_nginx_string_even_at_a_line_end() {
        let text = "x 'it\\'s\\\n';\ny;";
        assert_eq!(nginx(text, 0), [t("x", Directive), t("'it\\'s\\", String)]);
        assert_eq!(nginx(text, 1), [t("'", String), t(";", Punctuation)]);
        assert_eq!(nginx(text, 2), [t("y", Directive), t(";", Punctuation)]);
    }

    #[test]
    fn a_quoted_nginx_directive_spanning_lines_stays_a_directive() {
        let text = "\"a\nb\" c;";
        assert_eq!(nginx(text, 0), [t("\"a", Directive)]);
        assert_eq!(nginx(text, 1), [t("b\"", Directive), t(";", Punctuation)]);
    }

    #[test]
    fn a_hash_or_quote_inside_an_nginx_word_is_part_of_it() {
        assert_eq!(nginx("a#b\"c d;", 0), [t("a#b\"c", Directive), t(";", Punctuation)]);
    }

    #[test]
    fn a_closing_brace_inside_an_nginx_word_is_part_of_it() {
        assert_eq!(nginx("return 200 x}", 0), [t("return", Directive)]);
    }

    #[test]
    fn text_glued_to_a_closing_nginx_quote_is_invalid() {
        assert_eq!(
            nginx("x \"a\"b c;", 0),
            [
                t("x", Directive),
                t("\"a\"", String),
                t("b", Invalid),
                t(";", Punctuation)
            ]
        );
    }

    #[test]
    fn a_parenthesis_may_follow_a_closing_nginx_quote() {
        assert_eq!(
            nginx("if ($a = \"b\") {", 0),
            [
                t("if", Directive),
                t("$a", Variable),
                t("\"b\"", String),
                t("{", Bracket),
            ]
        );
    }

    #[test]
    fn an_escaped_dollar_is_still_an_nginx_variable() {
        assert_eq!(
            nginx("x \\$a;", 0),
            [t("x", Directive), t("$a", Variable), t(";", Punctuation)]
        );
    }

    #[test]
    fn nginx_carriage_returns_are_whitespace() {
        let text = "a 1;\r\nb 2;\r\n";
        assert_eq!(nginx(text, 1), [t("b", Directive), t(";", Punctuation)]);
    }

    #[test]
    fn a_different_text_than_the_indexed_one_gets_no_tokens_rather_than_split_chars() {
        let h = Highlighter::new(Language::Json, "aaa\nbbb");
        assert!(h.tokens("é", 0).is_empty());
        assert!(h.tokens("", 1).is_empty());
        assert!(h.tokens("aaa\nbbb", 7).is_empty());
    }

    #[test]
    fn tokens_never_cross_the_line_or_each_other() {
        let text = "{\"a\": [1, \"b\", /* c */ true]} // d\n  \"x\" é 1e5 \"y\r\n";
        for language in [Language::Json, Language::Nginx] {
            let h = Highlighter::new(language, text);
            for line in 0..h.line_count() {
                let range = h.line_range(line);
                let mut end = 0;
                for token in h.tokens(text, line) {
                    assert!(token.start >= end && token.start < token.end);
                    assert!(range.start + token.end <= range.end);
                    end = token.end;
                }
            }
        }
    }

    #[test]
    fn a_two_megabyte_generated_config_indexes_and_lexes() {
        let block = "server {\n    listen 80; # main\n    location / {\n        proxy_pass http://$host:8080;\n        add_header X \"a\n b\";\n    }\n}\n";
        let text = block.repeat(2 * 1024 * 1024 / block.len() + 1);
        let h = Highlighter::new(Language::Nginx, &text);
        assert_eq!(h.line_count(), text.matches('\n').count() + 1);
        let last = h.line_count() - 2;
        assert_eq!(nginx_tokens_of(&h, &text, last), [t("}", Bracket)]);
        let json = format!(
            "[{}1]",
            "{\"k\": \"v\", /* c\n */ \"n\": [1, 2.5, null]},\n".repeat(40_000)
        );
        let h = Highlighter::new(Language::Json, &json);
        assert!(h.line_count() > 80_000);
    }

    fn nginx_tokens_of(h: &Highlighter, text: &str, line: usize) -> Vec<(Text, TokenKind)> {
        let start = h.line_start(line);
        h.tokens(text, line)
            .iter()
            .map(|t| (text[start + t.start..start + t.end].to_owned(), t.kind))
            .collect()
    }
}
