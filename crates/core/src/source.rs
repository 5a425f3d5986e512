//! A named text with its line index: what diagnostics are positioned against.

use crate::line_index::LineIndex;

pub struct Source<'a> {
    pub name: &'a str,
    pub text: &'a str,
    lines: LineIndex,
}

impl<'a> Source<'a> {
    pub fn new(name: &'a str, text: &'a str) -> Self {
        Source {
            name,
            text,
            lines: LineIndex::new(text),
        }
    }

    /// 1-based line and column of a byte offset.
    pub fn position(&self, offset: usize) -> (usize, usize) {
        self.lines.position(self.text, offset)
    }

    /// Byte offset of a 1-based line and column.
    pub fn offset(&self, line: usize, column: usize) -> usize {
        self.lines.offset(self.text, line, column)
    }
}
