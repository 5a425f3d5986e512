//! Byte offset ↔ 1-based line/column conversion.

/// Start offsets of every line of a text, for O(log n) position look-ups.
#[derive(Debug, Clone)]
pub struct LineIndex {
    starts: Vec<usize>,
    /// Whether each line is pure ASCII, where a column is a byte count: a
    /// one-line 10 MB file must not make every position O(line length).
    ascii: Vec<bool>,
    len: usize,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        let ascii = starts
            .iter()
            .enumerate()
            .map(|(i, &start)| {
                let end = starts.get(i + 1).copied().unwrap_or(text.len());
                text.as_bytes()[start..end].is_ascii()
            })
            .collect();
        LineIndex {
            starts,
            ascii,
            len: text.len(),
        }
    }

    /// Number of lines; a trailing newline does not open a new line.
    pub fn line_count(&self) -> usize {
        match self.starts.last() {
            Some(&last) if last == self.len && self.starts.len() > 1 => self.starts.len() - 1,
            _ => self.starts.len(),
        }
    }

    /// 1-based line and column (in characters) of a byte offset. Offsets past the
    /// end clamp to the end; offsets inside a UTF-8 sequence count as that char.
    pub fn position(&self, text: &str, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.len);
        let line = self.starts.partition_point(|&s| s <= offset) - 1;
        let start = self.starts[line];
        if self.ascii[line] {
            return (line + 1, offset - start + 1);
        }
        let column = text
            .get(start..)
            .map(|rest| rest.char_indices().take_while(|(i, _)| start + i < offset).count())
            .unwrap_or(0);
        (line + 1, column + 1)
    }

    /// Byte offset of a 1-based line and column (in characters), clamped to the text.
    pub fn offset(&self, text: &str, line: usize, column: usize) -> usize {
        let Some(&start) = self.starts.get(line.saturating_sub(1)) else {
            return self.len;
        };
        let line_text = &text[start..];
        let line_text = &line_text[..line_text.find('\n').unwrap_or(line_text.len())];
        line_text
            .char_indices()
            .nth(column.saturating_sub(1))
            .map_or(start + line_text.len(), |(i, _)| start + i)
    }
}

/// `offset` clamped to `text` and moved back to the start of the char it
/// falls in: what every offset from outside (a diagnostic's span, a
/// browser's caret, a cut of a broken file) must be before slicing.
pub fn floor_boundary(text: &str, offset: usize) -> usize {
    let mut at = offset.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_are_one_based_and_count_characters() {
        let text = "ab\n가나x\n\nz";
        let index = LineIndex::new(text);
        assert_eq!(index.position(text, 0), (1, 1));
        assert_eq!(index.position(text, 1), (1, 2));
        assert_eq!(index.position(text, 3), (2, 1));
        // 'x' follows two three-byte Hangul syllables: byte 9, column 3.
        assert_eq!(index.position(text, 9), (2, 3));
        assert_eq!(index.position(text, 11), (3, 1));
        assert_eq!(index.position(text, 12), (4, 1));
        assert_eq!(index.position(text, 999), (4, 2));
    }

    #[test]
    fn offset_inverts_position() {
        let text = "ab\n가나x\n\nz";
        let index = LineIndex::new(text);
        for offset in [0, 1, 3, 6, 9, 11, 12] {
            let (line, column) = index.position(text, offset);
            assert_eq!(index.offset(text, line, column), offset, "offset {offset}");
        }
        assert_eq!(index.offset(text, 40, 1), text.len());
    }

    #[test]
    fn trailing_newline_does_not_count_as_a_line() {
        assert_eq!(LineIndex::new("a\nb\n").line_count(), 2);
        assert_eq!(LineIndex::new("a\nb").line_count(), 2);
        assert_eq!(LineIndex::new("").line_count(), 1);
        assert_eq!(LineIndex::new("\n").line_count(), 1);
    }
}
