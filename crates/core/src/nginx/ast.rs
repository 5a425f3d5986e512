//! An nginx configuration as nginx reads it: directives with their arguments
//! and blocks, every token with its byte span. Arguments borrow from the text
//! (unescaped copies only where a backslash or quote makes them differ), so
//! parsing a megabyte config allocates little.

use std::borrow::Cow;

use crate::diagnostic::Span;

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Config<'a> {
    pub directives: Vec<Directive<'a>>,
    pub comments: Vec<Comment<'a>>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Directive<'a> {
    pub name: Cow<'a, str>,
    pub name_span: Span,
    /// 1-based line of the name.
    pub line: usize,
    pub args: Vec<Arg<'a>>,
    /// Boxed: most directives have none, and a smaller `Directive` makes the
    /// parser's vectors cheaper to fill.
    pub block: Option<Box<Block<'a>>>,
    /// The `;` that ends a simple directive, when there is one.
    pub terminator: Option<Span>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Arg<'a> {
    /// The value as nginx sees it: quotes removed, `\"`, `\'`, `\\`, `\t`,
    /// `\r`, `\n` unescaped.
    pub value: Cow<'a, str>,
    /// The token as written, quotes included.
    pub span: Span,
    /// `"` or `'` when the argument was quoted.
    pub quote: Option<char>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Block<'a> {
    pub open: Span,
    /// Missing when the file ends inside the block.
    pub close: Option<Span>,
    pub directives: Vec<Directive<'a>>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Comment<'a> {
    /// The text after `#`.
    pub text: &'a str,
    pub span: Span,
    pub line: usize,
}

impl Directive<'_> {
    /// Whether the directive's block holds raw text (`content_by_lua_block`),
    /// which nginx hands to the module unparsed.
    pub fn is_raw_block(name: &str) -> bool {
        name.ends_with("_by_lua_block")
    }

    /// Every directive inside this one's block, depth first.
    pub fn children(&self) -> &[Directive<'_>] {
        self.block.as_ref().map_or(&[], |b| &b.directives)
    }
}

impl<'a> Config<'a> {
    /// Every directive, depth first, with its enclosing directives' names.
    pub fn walk(&self, visit: &mut impl FnMut(&Directive<'a>, &[&str])) {
        fn go<'a>(list: &[Directive<'a>], parents: &mut Vec<String>, visit: &mut impl FnMut(&Directive<'a>, &[&str])) {
            for directive in list {
                let names: Vec<&str> = parents.iter().map(String::as_str).collect();
                visit(directive, &names);
                if let Some(block) = &directive.block {
                    parents.push(directive.name.to_string());
                    go(&block.directives, parents, visit);
                    parents.pop();
                }
            }
        }
        go(&self.directives, &mut Vec::new(), visit);
    }
}
