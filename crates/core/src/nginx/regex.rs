//! nginx's regular expressions, read the way PCRE2 reads them: enough to say
//! whether `pcre2_compile()` would reject a pattern (with PCRE2's words and
//! offset, so the message is nginx's) and to give the lint rules a tree to
//! reason about (anchors, alternatives, nested quantifiers).
//!
//! Hand-written because no crate fits: `regex-syntax` parses Rust's dialect,
//! which rejects lookarounds and backreferences that PCRE accepts and accepts
//! things PCRE rejects, and a full engine (`pcre2`, `fancy-regex`) is a C
//! dependency or far too large for the browser bundle. Nothing here matches
//! text; it only reads patterns.

use std::ops::Range;

/// A compiled-for-reading pattern: its top-level alternatives.
#[derive(Debug, Clone, PartialEq)]
pub struct Regex {
    pub alternatives: Vec<Sequence>,
    /// Capturing groups, in order of their opening parenthesis.
    pub captures: usize,
    /// Names of the named captures, in order.
    pub names: Vec<String>,
}

pub type Sequence = Vec<Node>;

#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub kind: Kind,
    /// Byte range of the node in the pattern.
    pub span: Range<usize>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Kind {
    /// One character matched as itself: plain, escaped (`\.`) or inside `\Q...\E`.
    Literal(char),
    /// `.`
    Any,
    /// `[...]`, or a class escape such as `\d`, `\w`, `\s`, `\p{L}`.
    Class,
    /// `^` or `\A`.
    Start,
    /// `$`, `\z` or `\Z`.
    End,
    /// A zero-width test that is not an anchor: `\b`, `\B`, `\G`, `\K`.
    Assertion,
    /// `\1`, `\k<name>`, `\g{-1}`...
    Backreference,
    Group(Group),
    Repeat {
        node: Box<Node>,
        min: u32,
        /// None for unbounded (`*`, `+`, `{n,}`).
        max: Option<u32>,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub struct Group {
    pub kind: GroupKind,
    pub alternatives: Vec<Sequence>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GroupKind {
    Capture {
        name: Option<String>,
    },
    NonCapture,
    /// `(?=`, `(?!`, `(?<=`, `(?<!`: zero-width, their contents never consumed.
    Lookaround {
        behind: bool,
    },
    /// `(?>...)`
    Atomic,
}

/// What PCRE2 says, and where: `offset` is PCRE2's error offset in bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegexError {
    pub message: &'static str,
    pub offset: usize,
}

impl RegexError {
    /// The whole message as nginx prints it for `pattern`.
    pub fn nginx_message(&self, pattern: &str) -> String {
        if self.offset >= pattern.len() {
            format!("pcre2_compile() failed: {} in \"{pattern}\"", self.message)
        } else {
            let rest = pattern.get(self.offset..).unwrap_or("");
            format!(
                "pcre2_compile() failed: {} in \"{pattern}\" at \"{rest}\"",
                self.message
            )
        }
    }
}

// PCRE2 10.42's texts for the errors a config author makes.
const MISSING_PAREN: &str = "missing closing parenthesis";
const UNMATCHED_PAREN: &str = "unmatched closing parenthesis";
const MISSING_BRACKET: &str = "missing terminating ] for character class";
const NOTHING_TO_REPEAT: &str = "quantifier does not follow a repeatable item";
const QUANTIFIER_ORDER: &str = "numbers out of order in {} quantifier";
const QUANTIFIER_TOO_BIG: &str = "number too big in {} quantifier";
const RANGE_ORDER: &str = "range out of order in character class";
const TRAILING_BACKSLASH: &str = "\\ at end of pattern";
const UNKNOWN_ESCAPE: &str = "unrecognized character follows \\";
const UNSUPPORTED_ESCAPE: &str = "PCRE2 does not support \\F, \\L, \\l, \\N{name}, \\U, or \\u";
const UNKNOWN_GROUP: &str = "unrecognized character after (? or (?-";
const NO_SUCH_GROUP: &str = "reference to non-existent subpattern";
const DUPLICATE_NAME: &str = "two named subpatterns have the same name (PCRE2_DUPNAMES not set)";
const NAME_EXPECTED: &str = "subpattern name expected";
const NAME_TERMINATOR: &str = "syntax error in subpattern name (missing terminator?)";
const POSIX_OUTSIDE: &str = "POSIX named classes are supported only within a class";
const UNKNOWN_POSIX: &str = "unknown POSIX class name";
const LOOKBEHIND_LENGTH: &str = "lookbehind assertion is not fixed length";
const MISSING_COMMENT_END: &str = "missing ) after (?# comment";
const INVALID_RANGE: &str = "invalid range in character class";
const NAME_DIGIT: &str = "subpattern name must start with a non-digit";
const NON_HEX: &str = "non-hex character in \\x{} (closing brace missing?)";

const POSIX_CLASSES: &[&str] = &[
    "alnum", "alpha", "ascii", "blank", "cntrl", "digit", "graph", "lower", "print", "punct", "space", "upper", "word",
    "xdigit",
];
const MAX_REPEAT: u32 = 65535;

pub fn parse(pattern: &str) -> Result<Regex, RegexError> {
    let mut parser = Parser {
        text: pattern,
        pos: 0,
        captures: 0,
        names: Vec::new(),
        backrefs: Vec::new(),
        named_refs: Vec::new(),
        depth: 0,
    };
    let alternatives = parser.alternation()?;
    if parser.pos < pattern.len() {
        // alternation() only stops early at a `)` with no group open.
        return Err(RegexError {
            message: UNMATCHED_PAREN,
            offset: parser.pos,
        });
    }
    for &(number, offset) in &parser.backrefs {
        if number > parser.captures {
            return Err(RegexError {
                message: NO_SUCH_GROUP,
                offset,
            });
        }
    }
    for (name, offset) in &parser.named_refs {
        if !parser.names.contains(name) {
            return Err(RegexError {
                message: NO_SUCH_GROUP,
                offset: *offset,
            });
        }
    }
    Ok(Regex {
        alternatives,
        captures: parser.captures,
        names: parser.names,
    })
}

struct Parser<'p> {
    text: &'p str,
    pos: usize,
    captures: usize,
    names: Vec<String>,
    /// Numbered backreferences and where PCRE2 reports them, checked once
    /// every group is known.
    backrefs: Vec<(usize, usize)>,
    /// Named backreferences and where their name starts.
    named_refs: Vec<(String, usize)>,
    depth: usize,
}

/// Deeper nesting than this is reported as PCRE2 reports running out of its
/// nesting limit, rather than risking the stack.
const MAX_DEPTH: usize = 250;

impl Parser<'_> {
    fn peek(&self) -> Option<char> {
        self.text[self.pos..].chars().next()
    }

    fn peek_at(&self, ahead: usize) -> Option<char> {
        self.text[self.pos..].chars().nth(ahead)
    }

    fn bump(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.pos += c.len_utf8();
        Some(c)
    }

    fn eat(&mut self, c: char) -> bool {
        if self.peek() == Some(c) {
            self.pos += c.len_utf8();
            true
        } else {
            false
        }
    }

    fn rest(&self) -> &str {
        &self.text[self.pos..]
    }

    fn error<T>(&self, message: &'static str, offset: usize) -> Result<T, RegexError> {
        Err(RegexError { message, offset })
    }

    fn alternation(&mut self) -> Result<Vec<Sequence>, RegexError> {
        let mut alternatives = vec![self.sequence()?];
        while self.eat('|') {
            alternatives.push(self.sequence()?);
        }
        Ok(alternatives)
    }

    fn sequence(&mut self) -> Result<Sequence, RegexError> {
        let mut items: Sequence = Vec::new();
        while let Some(c) = self.peek() {
            let start = self.pos;
            match c {
                '|' | ')' => break,
                '*' | '+' | '?' => {
                    self.bump();
                    let (min, max) = match c {
                        '*' => (0, None),
                        '+' => (1, None),
                        _ => (0, Some(1)),
                    };
                    self.repeat(&mut items, min, max)?;
                }
                '{' => match self.braces()? {
                    Some((min, max)) => self.repeat(&mut items, min, max)?,
                    None => {
                        self.bump();
                        items.push(node(Kind::Literal('{'), start..self.pos));
                    }
                },
                _ => {
                    if let Some(atom) = self.atom()? {
                        items.push(atom);
                    }
                }
            }
        }
        Ok(items)
    }

    /// Applies a quantifier (already read) to the last item.
    fn repeat(&mut self, items: &mut Sequence, min: u32, max: Option<u32>) -> Result<(), RegexError> {
        // PCRE2 points at the quantifier's last character.
        let offset = self.pos - 1;
        // Lazy and possessive suffixes.
        if !self.eat('?') {
            self.eat('+');
        }
        let Some(last) = items.pop() else {
            return self.error(NOTHING_TO_REPEAT, offset);
        };
        // Stacked quantifiers (`a**`) and quantified anchors (`^*`, `\b+`)
        // have nothing repeatable before them; lookarounds may be repeated.
        if matches!(
            last.kind,
            Kind::Repeat { .. } | Kind::Start | Kind::End | Kind::Assertion
        ) {
            return self.error(NOTHING_TO_REPEAT, offset);
        }
        let span = last.span.start..self.pos;
        items.push(node(
            Kind::Repeat {
                node: Box::new(last),
                min,
                max,
            },
            span,
        ));
        Ok(())
    }

    /// Reads `{n}`, `{n,}` or `{n,m}` at the current position; None (nothing
    /// read) when the brace does not start a quantifier, as PCRE2 then takes
    /// it literally.
    fn braces(&mut self) -> Result<Option<(u32, Option<u32>)>, RegexError> {
        let rest = self.rest();
        let Some(close) = rest.find('}') else {
            return Ok(None);
        };
        let inside = &rest[1..close];
        let (low, high) = match inside.split_once(',') {
            Some((low, high)) => (low, Some(high)),
            None => (inside, None),
        };
        let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
        if !digits(low) || high.is_some_and(|h| !h.is_empty() && !digits(h)) {
            return Ok(None);
        }
        let number = |s: &str, offset: usize| -> Result<u32, RegexError> {
            match s.parse::<u32>() {
                Ok(n) if n <= MAX_REPEAT => Ok(n),
                _ => Err(RegexError {
                    message: QUANTIFIER_TOO_BIG,
                    offset,
                }),
            }
        };
        let start = self.pos;
        let min = number(low, start + 1 + low.len())?;
        let max = match high {
            None => Some(min),
            Some("") => None,
            Some(h) => Some(number(h, start + 1 + inside.len())?),
        };
        self.pos += close + 1;
        if max.is_some_and(|m| m < min) {
            return self.error(QUANTIFIER_ORDER, start + close);
        }
        Ok(Some((min, max)))
    }

    fn atom(&mut self) -> Result<Option<Node>, RegexError> {
        let start = self.pos;
        let Some(c) = self.bump() else {
            return Ok(None);
        };
        let kind = match c {
            '.' => Kind::Any,
            '^' => Kind::Start,
            '$' => Kind::End,
            '[' => {
                if self.rest().starts_with(':') && self.posix_name().is_some() {
                    return self.error(POSIX_OUTSIDE, start);
                }
                self.class()?;
                Kind::Class
            }
            '(' => match self.group(start)? {
                Some(group) => Kind::Group(group),
                None => return Ok(None),
            },
            '\\' => match self.escape(false)? {
                Some(kind) => kind,
                None => return Ok(None),
            },
            c => Kind::Literal(c),
        };
        Ok(Some(node(kind, start..self.pos)))
    }

    /// `[:name:]` at the current position, when it is one.
    fn posix_name(&self) -> Option<&str> {
        let rest = self.rest().strip_prefix(':')?;
        let rest = rest.strip_prefix('^').unwrap_or(rest);
        let end = rest.find(":]")?;
        let name = &rest[..end];
        name.bytes().all(|b| b.is_ascii_alphabetic()).then_some(name)
    }

    /// The rest of a class after its `[`.
    fn class(&mut self) -> Result<(), RegexError> {
        self.eat('^');
        // A `]` right after `[` or `[^` is a literal.
        let mut first = true;
        let mut previous: Option<(char, usize)> = None;
        loop {
            let start = self.pos;
            let Some(c) = self.bump() else {
                return self.error(MISSING_BRACKET, self.text.len());
            };
            let single = match c {
                ']' if !first => {
                    if previous.is_some() {
                        // `[a-\d]`: a range cannot end in a class.
                        return self.error(INVALID_RANGE, start);
                    }
                    return Ok(());
                }
                '[' if self.rest().starts_with(':') => {
                    if let Some(name) = self.posix_name() {
                        if !POSIX_CLASSES.contains(&name) {
                            let caret = usize::from(self.rest()[1..].starts_with('^'));
                            return self.error(UNKNOWN_POSIX, start + 2 + caret);
                        }
                        let len = self.rest().find(":]").unwrap_or(0) + 2;
                        self.pos += len;
                        if self.peek() == Some('-') && self.peek_at(1).is_some_and(|n| n != ']') {
                            return self.error(INVALID_RANGE, self.pos);
                        }
                        None
                    } else {
                        Some('[')
                    }
                }
                '\\' => match self.escape(true)? {
                    Some(Kind::Literal(c)) => Some(c),
                    _ => None,
                },
                c => Some(c),
            };
            first = false;
            // A range `a-z`: the `-` is literal at the end or after a class escape.
            if let Some((low, _)) = previous.take() {
                match single {
                    Some(high) if high < low => return self.error(RANGE_ORDER, start),
                    Some(_) => continue,
                    None => return self.error(INVALID_RANGE, self.pos),
                }
            }
            if self.peek() == Some('-') && self.peek_at(1).is_some_and(|n| n != ']') {
                match single {
                    Some(c) => {
                        self.bump();
                        previous = Some((c, start));
                    }
                    // `[\d-z]`: a class cannot start a range.
                    None if c == '\\' => return self.error(INVALID_RANGE, self.pos),
                    None => {}
                }
            }
        }
    }

    /// The rest of a group after its `(`; None for a `(?#...)` comment or a
    /// bare option setting `(?i)`, which match nothing.
    fn group(&mut self, open: usize) -> Result<Option<Group>, RegexError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return self.error("parentheses are too deeply nested", open);
        }
        let kind = if self.eat('?') {
            let after = self.pos;
            let Some(c) = self.bump() else {
                return self.error(UNKNOWN_GROUP, self.pos);
            };
            match c {
                ':' | '|' => GroupKind::NonCapture,
                '>' => GroupKind::Atomic,
                '=' | '!' => GroupKind::Lookaround { behind: false },
                '#' => {
                    let Some(end) = self.rest().find(')') else {
                        return self.error(MISSING_COMMENT_END, self.text.len());
                    };
                    self.pos += end + 1;
                    self.depth -= 1;
                    return Ok(None);
                }
                '<' if matches!(self.peek(), Some('=' | '!')) => {
                    self.bump();
                    GroupKind::Lookaround { behind: true }
                }
                '<' => self.named_capture('>')?,
                '\'' => self.named_capture('\'')?,
                'P' if self.eat('<') => self.named_capture('>')?,
                'P' if matches!(self.peek(), Some('=' | '>')) => {
                    // `(?P=name)` backreference, `(?P>name)` recursion.
                    self.bump();
                    self.named_reference(')')?;
                    self.depth -= 1;
                    return Ok(Some(Group {
                        kind: GroupKind::NonCapture,
                        alternatives: vec![vec![node(Kind::Backreference, open..self.pos)]],
                    }));
                }
                '&' => {
                    self.named_reference(')')?;
                    self.depth -= 1;
                    return Ok(Some(Group {
                        kind: GroupKind::NonCapture,
                        alternatives: vec![vec![node(Kind::Backreference, open..self.pos)]],
                    }));
                }
                'R' | '0'..='9' | '+' if c != '+' || self.peek().is_some_and(|d| d.is_ascii_digit()) => {
                    // Recursion into the whole pattern or a numbered group.
                    let digits = self
                        .rest()
                        .find(|d: char| !d.is_ascii_digit())
                        .unwrap_or(self.rest().len());
                    let number: usize = self.text[after..self.pos + digits]
                        .trim_start_matches(['R', '+'])
                        .parse()
                        .unwrap_or(0);
                    self.pos += digits;
                    self.backrefs.push((number, self.pos));
                    if !self.eat(')') {
                        return self.error(MISSING_PAREN, self.text.len());
                    }
                    self.depth -= 1;
                    return Ok(Some(Group {
                        kind: GroupKind::NonCapture,
                        alternatives: vec![vec![node(Kind::Backreference, open..self.pos)]],
                    }));
                }
                c if c == '-' || c == '^' || c.is_ascii_alphabetic() => {
                    // Option letters: `(?i)` sets them for the rest of the
                    // group, `(?i:...)` is a non-capturing group with them.
                    let mut c = c;
                    loop {
                        if !(c == '-' || c == '^' || "imnsxJU".contains(c)) {
                            return self.error(UNKNOWN_GROUP, self.pos - c.len_utf8());
                        }
                        match self.bump() {
                            Some(')') => {
                                self.depth -= 1;
                                return Ok(None);
                            }
                            Some(':') => break GroupKind::NonCapture,
                            Some(next) => c = next,
                            None => return self.error(MISSING_PAREN, self.text.len()),
                        }
                    }
                }
                _ => return self.error(UNKNOWN_GROUP, after),
            }
        } else {
            self.captures += 1;
            GroupKind::Capture { name: None }
        };
        let alternatives = self.alternation()?;
        if !self.eat(')') {
            return self.error(MISSING_PAREN, self.text.len());
        }
        self.depth -= 1;
        if let GroupKind::Lookaround { behind: true } = kind {
            if alternatives.iter().any(|a| fixed_length(a).is_none()) {
                return self.error(LOOKBEHIND_LENGTH, open);
            }
        }
        Ok(Some(Group { kind, alternatives }))
    }

    fn named_capture(&mut self, terminator: char) -> Result<GroupKind, RegexError> {
        let start = self.pos;
        let name_len = self
            .rest()
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .unwrap_or(self.rest().len());
        if self.rest().starts_with(|c: char| c.is_ascii_digit()) {
            return self.error(NAME_DIGIT, start);
        }
        if name_len == 0 {
            return self.error(NAME_EXPECTED, start);
        }
        let name = self.rest()[..name_len].to_owned();
        self.pos += name_len;
        if !self.eat(terminator) {
            return self.error(NAME_TERMINATOR, self.pos);
        }
        if self.names.contains(&name) {
            return self.error(DUPLICATE_NAME, self.pos);
        }
        self.captures += 1;
        self.names.push(name.clone());
        Ok(GroupKind::Capture { name: Some(name) })
    }

    /// A group name up to `terminator`, which must exist by the end of the pattern.
    fn named_reference(&mut self, terminator: char) -> Result<(), RegexError> {
        let start = self.pos;
        let Some(end) = self.rest().find(terminator) else {
            return self.error(NAME_TERMINATOR, self.text.len());
        };
        let name = self.rest()[..end].to_owned();
        if name.is_empty() {
            return self.error(NAME_EXPECTED, start);
        }
        self.pos += end + terminator.len_utf8();
        self.named_refs.push((name, start));
        Ok(())
    }

    /// The rest of an escape after its `\`. None for `\E` and an empty `\Q\E`.
    fn escape(&mut self, in_class: bool) -> Result<Option<Kind>, RegexError> {
        let Some(c) = self.bump() else {
            return self.error(TRAILING_BACKSLASH, self.text.len());
        };
        Ok(Some(match c {
            'd' | 'D' | 'w' | 'W' | 's' | 'S' | 'h' | 'H' | 'v' | 'V' | 'N' | 'R' | 'X' | 'C' => Kind::Class,
            'p' | 'P' => {
                if self.eat('{') {
                    match self.rest().find('}') {
                        Some(end) => self.pos += end + 1,
                        None => return self.error("malformed \\P or \\p sequence", self.text.len()),
                    }
                } else {
                    self.bump();
                }
                Kind::Class
            }
            'b' if in_class => Kind::Literal('\u{8}'),
            'b' | 'B' | 'G' | 'K' => Kind::Assertion,
            'A' => Kind::Start,
            'z' | 'Z' => Kind::End,
            'n' => Kind::Literal('\n'),
            't' => Kind::Literal('\t'),
            'r' => Kind::Literal('\r'),
            'f' => Kind::Literal('\u{c}'),
            'e' => Kind::Literal('\u{1b}'),
            'a' => Kind::Literal('\u{7}'),
            'c' => {
                self.bump();
                Kind::Literal('?')
            }
            'x' => {
                if self.eat('{') {
                    let digits = self
                        .rest()
                        .find(|c: char| !c.is_ascii_hexdigit())
                        .unwrap_or(self.rest().len());
                    if digits == 0 || !self.rest()[digits..].starts_with('}') {
                        return self.error(NON_HEX, self.pos);
                    }
                    self.pos += digits + 1;
                } else {
                    for _ in 0..2 {
                        if self.peek().is_some_and(|c| c.is_ascii_hexdigit()) {
                            self.bump();
                        }
                    }
                }
                Kind::Literal('?')
            }
            'o' if self.eat('{') => {
                let end = self.rest().find('}').unwrap_or(self.rest().len());
                self.pos = (self.pos + end + 1).min(self.text.len());
                Kind::Literal('?')
            }
            'Q' => {
                // Everything up to `\E` (or the end) is literal.
                let end = self.rest().find("\\E").unwrap_or(self.rest().len());
                let literal = &self.rest()[..end];
                let kind = literal.chars().next_back().map(Kind::Literal);
                self.pos += end + if end < self.rest().len() { 2 } else { 0 };
                return Ok(kind);
            }
            'E' => return Ok(None),
            '0' => {
                for _ in 0..2 {
                    if self.peek().is_some_and(|c| ('0'..='7').contains(&c)) {
                        self.bump();
                    }
                }
                Kind::Literal('\0')
            }
            '1'..='9' if !in_class => {
                let first = self.pos - 1;
                let digits = self
                    .rest()
                    .find(|c: char| !c.is_ascii_digit())
                    .unwrap_or(self.rest().len());
                let number: usize = self.text[first..self.pos + digits].parse().unwrap_or(usize::MAX);
                self.pos += digits;
                self.backrefs.push((number, first));
                Kind::Backreference
            }
            '1'..='9' => Kind::Literal(c),
            'k' | 'g' if !in_class => {
                // \k<name>, \k{name}, \k'name', \g{n}, \g{-n}, \gn
                let close = match self.peek() {
                    Some('<') => Some('>'),
                    Some('{') => Some('}'),
                    Some('\'') => Some('\''),
                    _ => None,
                };
                match close {
                    Some(close) => {
                        let brace = self.pos;
                        self.bump();
                        let inside = self.rest().split(close).next().unwrap_or("").to_owned();
                        let numeric = inside.trim_start_matches(['-', '+']);
                        if !numeric.is_empty() && numeric.bytes().all(|b| b.is_ascii_digit()) {
                            let relative = inside.starts_with(['-', '+']);
                            self.pos += inside.len();
                            if !self.eat(close) {
                                return self.error(NAME_TERMINATOR, self.text.len());
                            }
                            let number: usize = numeric.parse().unwrap_or(usize::MAX);
                            if !relative {
                                self.backrefs.push((number, self.pos));
                            } else if inside.starts_with('-') && number > self.captures {
                                return self.error(NO_SUCH_GROUP, brace);
                            }
                        } else {
                            self.named_reference(close)?;
                        }
                    }
                    None if c == 'g' => {
                        let relative = self.eat('-') || self.eat('+');
                        let digits = self
                            .rest()
                            .find(|c: char| !c.is_ascii_digit())
                            .unwrap_or(self.rest().len());
                        let number: usize = self.rest()[..digits].parse().unwrap_or(0);
                        self.pos += digits;
                        if digits == 0 || (!relative && number == 0) {
                            return self.error(NO_SUCH_GROUP, self.pos);
                        }
                        if !relative {
                            self.backrefs.push((number, self.pos));
                        }
                    }
                    None => return self.error(NAME_EXPECTED, self.pos),
                }
                Kind::Backreference
            }
            'F' | 'L' | 'l' | 'U' | 'u' => return self.error(UNSUPPORTED_ESCAPE, self.pos),
            c if c.is_ascii_alphanumeric() => return self.error(UNKNOWN_ESCAPE, self.pos - 1),
            c => Kind::Literal(c),
        }))
    }
}

fn node(kind: Kind, span: Range<usize>) -> Node {
    Node { kind, span }
}

/// How many characters a sequence always matches, when that is fixed.
fn fixed_length(sequence: &[Node]) -> Option<usize> {
    sequence.iter().try_fold(0usize, |total, item| {
        let width = match &item.kind {
            Kind::Literal(_) | Kind::Any | Kind::Class => 1,
            Kind::Start | Kind::End | Kind::Assertion => 0,
            Kind::Backreference => return None,
            Kind::Group(group) => match group.kind {
                GroupKind::Lookaround { .. } => 0,
                _ => {
                    let mut widths = group.alternatives.iter().map(|a| fixed_length(a));
                    let first = widths.next()??;
                    if widths.all(|w| w == Some(first)) {
                        first
                    } else {
                        return None;
                    }
                }
            },
            Kind::Repeat { node, min, max } => {
                if *max != Some(*min) {
                    return None;
                }
                fixed_length(std::slice::from_ref(node))? * *min as usize
            }
        };
        Some(total + width)
    })
}

impl Regex {
    /// Whether every match must start at the beginning of the subject (`^`,
    /// `\A`, also inside a leading group).
    pub fn anchored_start(&self) -> bool {
        self.alternatives.iter().all(|a| starts_anchored(a))
    }

    /// Whether every match must end at the end of the subject.
    pub fn anchored_end(&self) -> bool {
        self.alternatives.iter().all(|a| ends_anchored(a))
    }

    /// The words of the first alternation whose branches are all plain text,
    /// with each word's byte range in the pattern: `["GET", "HEAD"]` for
    /// `^(GET|HEAD)$`. A pattern that is one plain word gives that word.
    pub fn literal_alternatives(&self) -> Option<Vec<(String, Range<usize>)>> {
        fn words(alternatives: &[Sequence]) -> Option<Vec<(String, Range<usize>)>> {
            alternatives.iter().map(|a| literal_word(a)).collect()
        }
        fn search(alternatives: &[Sequence]) -> Option<Vec<(String, Range<usize>)>> {
            if let Some(found) = words(alternatives) {
                return Some(found);
            }
            if alternatives.len() != 1 {
                return None;
            }
            let inner: Vec<&Node> = alternatives[0]
                .iter()
                .filter(|n| !matches!(n.kind, Kind::Start | Kind::End))
                .collect();
            match inner.as_slice() {
                [Node {
                    kind: Kind::Group(group),
                    ..
                }] if !matches!(group.kind, GroupKind::Lookaround { .. }) => search(&group.alternatives),
                _ => None,
            }
        }
        search(&self.alternatives)
    }

    /// Every node, depth first.
    pub fn walk(&self, visit: &mut impl FnMut(&Node)) {
        fn go(sequence: &[Node], visit: &mut impl FnMut(&Node)) {
            for item in sequence {
                visit(item);
                match &item.kind {
                    Kind::Group(group) => group.alternatives.iter().for_each(|a| go(a, visit)),
                    Kind::Repeat { node, .. } => go(std::slice::from_ref(node), visit),
                    _ => {}
                }
            }
        }
        self.alternatives.iter().for_each(|a| go(a, visit));
    }

    /// Spans of unbounded repeats that contain another unbounded repeat,
    /// `(a+)+` or `(.*)*`: on a subject that almost matches, a backtracking
    /// engine tries exponentially many ways to split it.
    pub fn nested_unbounded_repeats(&self) -> Vec<Range<usize>> {
        let mut found = Vec::new();
        self.walk(&mut |item| {
            if let Kind::Repeat { node, max: None, .. } = &item.kind {
                let mut inner = false;
                let wrapper = Regex {
                    alternatives: vec![vec![(**node).clone()]],
                    captures: 0,
                    names: Vec::new(),
                };
                wrapper.walk(&mut |n| inner |= matches!(n.kind, Kind::Repeat { max: None, .. }));
                if inner {
                    found.push(item.span.clone());
                }
            }
        });
        found
    }
}

fn starts_anchored(sequence: &[Node]) -> bool {
    match sequence.first().map(|n| &n.kind) {
        Some(Kind::Start) => true,
        Some(Kind::Group(group)) if !matches!(group.kind, GroupKind::Lookaround { .. }) => {
            group.alternatives.iter().all(|a| starts_anchored(a))
        }
        _ => false,
    }
}

fn ends_anchored(sequence: &[Node]) -> bool {
    match sequence.last().map(|n| &n.kind) {
        Some(Kind::End) => true,
        Some(Kind::Group(group)) if !matches!(group.kind, GroupKind::Lookaround { .. }) => {
            group.alternatives.iter().all(|a| ends_anchored(a))
        }
        _ => false,
    }
}

/// The text of a sequence of literal characters (anchors allowed around it).
fn literal_word(sequence: &[Node]) -> Option<(String, Range<usize>)> {
    let body: Vec<&Node> = sequence
        .iter()
        .filter(|n| !matches!(n.kind, Kind::Start | Kind::End))
        .collect();
    let mut word = String::new();
    for item in &body {
        match item.kind {
            Kind::Literal(c) => word.push(c),
            _ => return None,
        }
    }
    let span = body.first()?.span.start..body.last()?.span.end;
    Some((word, span))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn error(pattern: &str) -> String {
        parse(pattern).expect_err(pattern).nginx_message(pattern)
    }

    #[test]
    fn accepts_what_pcre_accepts() {
        for pattern in [
            r"^/api/(?<rest>.*)$",
            r"\.(css|js|png)$",
            r"^(GET|HEAD|POST|OPTION)$",
            r"(?i)^/static/",
            r"^/a{2,3}b{4}c{5,}",
            r"x{,3}",
            r"a{",
            r"[]a-z\d-]",
            r"[^\]]",
            r"[[:alpha:][:digit:]_]+",
            r"(?<=/api)/v\d",
            r"(?<=ab|c)x",
            r"(a)\1",
            r"(?P<n>a)\k<n>\g{-1}",
            r"\Q.*\E+",
            r"(?#comment)a",
            r"(?:x|y)+?",
            r"^$",
            r"",
            r"é+",
            r"^\$",
            r"\/",
            r"\x41\x{263a}\0\07",
            r"a*+b++",
        ] {
            assert!(parse(pattern).is_ok(), "{pattern}: {:?}", parse(pattern));
        }
    }

    #[test]
    fn rejects_with_pcre2_words_and_offsets() {
        assert_eq!(
            error("^(a"),
            r#"pcre2_compile() failed: missing closing parenthesis in "^(a""#
        );
        assert_eq!(
            error("a)b"),
            r#"pcre2_compile() failed: unmatched closing parenthesis in "a)b" at ")b""#
        );
        assert_eq!(
            error("[abc"),
            r#"pcre2_compile() failed: missing terminating ] for character class in "[abc""#
        );
        assert_eq!(
            error("*a"),
            r#"pcre2_compile() failed: quantifier does not follow a repeatable item in "*a" at "*a""#
        );
        assert_eq!(error(r"a\"), r#"pcre2_compile() failed: \ at end of pattern in "a\""#);
        assert!(error("a{3,2}").contains("numbers out of order in {} quantifier"));
        assert!(error("[z-a]").contains("range out of order in character class"));
        assert!(error(r"\q").contains("unrecognized character follows \\"));
        assert!(error("(?Qa)").contains("unrecognized character after (? or (?-"));
        assert!(error(r"(a)\2").contains("reference to non-existent subpattern"));
        assert!(error("(?<n>a)(?<n>b)").contains("two named subpatterns have the same name"));
        assert!(error("(?<=a+)b").contains("lookbehind assertion is not fixed length"));
        assert!(error("[:alpha:]").contains("POSIX named classes are supported only within a class"));
        assert!(error("[[:alfa:]]").contains("unknown POSIX class name"));
        assert!(error("a{99999}").contains("number too big"));
    }

    #[test]
    fn anchors_and_alternatives() {
        let methods = parse("^(GET|HEAD|POST|OPTION)$").unwrap();
        assert!(methods.anchored_start() && methods.anchored_end());
        let words = methods.literal_alternatives().unwrap();
        let names: Vec<&str> = words.iter().map(|(w, _)| w.as_str()).collect();
        assert_eq!(names, ["GET", "HEAD", "POST", "OPTION"]);
        assert_eq!(words[3].1, 16..22);
        assert_eq!(parse("GET").unwrap().literal_alternatives().unwrap()[0].0, "GET");
        assert!(parse("^(GET|HE.D)$").unwrap().literal_alternatives().is_none());

        assert!(!parse(r"\.php").unwrap().anchored_start());
        assert!(parse(r"(^/a|^/b)").unwrap().anchored_start());
        assert!(!parse(r"^/a|/b").unwrap().anchored_start());
    }

    #[test]
    fn nested_unbounded_repeats_are_found() {
        assert_eq!(parse("^(a+)+$").unwrap().nested_unbounded_repeats(), vec![1..6]);
        assert_eq!(parse(r"(\w+\s?)*").unwrap().nested_unbounded_repeats().len(), 1);
        assert!(parse("^(ab)+c*$").unwrap().nested_unbounded_repeats().is_empty());
        assert!(parse("(a{1,3})+").unwrap().nested_unbounded_repeats().is_empty());
    }

    #[test]
    fn captures_are_counted_and_named() {
        let re = parse(r"^/(?<section>\w+)/(\d+)(?:/x)?").unwrap();
        assert_eq!(re.captures, 2);
        assert_eq!(re.names, ["section"]);
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_crash() {
        let deep = "(".repeat(10_000);
        assert!(parse(&deep).is_err());
    }
}
