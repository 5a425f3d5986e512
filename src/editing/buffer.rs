//! One file's editing state: the text as typed, its undo history and the
//! highlighter that colours it. The store holds what was last validated; a
//! buffer runs ahead of it by at most the keystrokes of one validation.

use atlas_core::editing::highlight::Highlighter;
use atlas_core::editing::history::{change_between, Change, EditKind, History};
use atlas_core::editing::{indent, Language, Replace, Selection};

pub struct Buffer {
    pub language: Language,
    pub text: String,
    /// Lets offset conversions skip scanning the text, as the seed files are ASCII.
    pub ascii: bool,
    pub highlighter: Highlighter,
    pub history: History,
    /// The indentation step the file already uses.
    pub unit: String,
    /// The longest line, in columns, so the text area is wide enough not to wrap.
    pub widest: usize,
    pub selection: Selection,
    /// Counts every change of the text; diagnostics say which version they describe.
    pub version: u64,
    /// The version the store holds.
    pub validated: u64,
}

impl Buffer {
    pub fn new(file: &str, text: String) -> Buffer {
        let language = Language::of_file(file);
        let mut buffer = Buffer {
            language,
            unit: indent::unit(language, &text),
            highlighter: Highlighter::new(language, ""),
            ascii: true,
            text: String::new(),
            history: History::new(),
            widest: 0,
            selection: Selection::default(),
            version: 0,
            validated: 0,
        };
        buffer.replace_all(text);
        buffer.validated = buffer.version;
        buffer
    }

    /// Whether the store is behind the text.
    pub fn pending(&self) -> bool {
        self.validated != self.version
    }

    fn replace_all(&mut self, text: String) {
        self.ascii = text.is_ascii();
        self.highlighter = Highlighter::new(self.language, &text);
        self.widest = (0..self.highlighter.line_count())
            .map(|line| self.width(&text, line))
            .max()
            .unwrap_or(0);
        self.text = text;
        self.version += 1;
    }

    /// After `change` made `text`: only the lines it touched are indexed
    /// and measured again (a line that got shorter leaves the text area a
    /// little wider than needed, which nobody sees), so a keystroke in a
    /// large file costs no scan of every line.
    fn replace_after(&mut self, text: String, change: &Change) {
        let (start, inserted) = (change.start, change.inserted.len());
        self.ascii = self.ascii && change.inserted.is_ascii();
        self.highlighter.edit(&text, start, change.removed.len(), inserted);
        let first = self.highlighter.line_of(start);
        let last = self.highlighter.line_of(start + inserted);
        let touched = (first..=last).map(|line| self.width(&text, line)).max().unwrap_or(0);
        self.widest = self.widest.max(touched);
        self.text = text;
        self.version += 1;
    }

    /// A line's width in columns, a tab counting four.
    fn width(&self, text: &str, line: usize) -> usize {
        let range = self.highlighter.line_range(line);
        let tabs = text[range.clone()].bytes().filter(|b| *b == b'\t').count();
        range.len() + tabs * 3
    }

    /// The 0-based line of a byte offset, and its column in characters.
    pub fn line_and_column(&self, at: usize) -> (usize, usize) {
        let line = self.highlighter.line_of(at);
        let start = self.highlighter.line_start(line);
        let column = self.text.get(start..at.max(start)).map_or(0, |s| s.chars().count());
        (line, column)
    }

    /// The byte offset of a column (in characters) of a 0-based line, or the
    /// line's end when it is shorter.
    pub fn at_column(&self, line: usize, column: usize) -> usize {
        let range = self.highlighter.line_range(line);
        self.text[range.clone()]
            .char_indices()
            .nth(column)
            .map_or(range.end, |(i, _)| range.start + i)
    }

    /// How many digits the gutter leaves room for: the last line's number's.
    pub fn gutter_digits(&self) -> usize {
        self.highlighter.line_count().to_string().len().max(2)
    }

    /// Takes the text the textarea now holds after the user typed.
    pub fn typed(&mut self, text: String, after: Selection, kind: EditKind, now_ms: f64) -> bool {
        let Some(change) = change_between(&self.text, &text) else {
            self.selection = after;
            return false;
        };
        self.replace_after(text, &change);
        self.history.record(change, self.selection, after, kind, now_ms);
        self.selection = after;
        true
    }

    /// Applies a replacement made by a command (a fix, the formatter, the
    /// form), as one undo step.
    pub fn apply(&mut self, replace: &Replace, after: Selection, now_ms: f64) {
        let mut text = self.text.clone();
        replace.apply(&mut text);
        self.typed(text, after, EditKind::Other, now_ms);
        self.history.break_coalescing();
    }

    /// Adopts a text the store got from elsewhere (Reset, another view),
    /// as an undoable step, unless it is what the buffer already has.
    pub fn adopt(&mut self, text: &str, now_ms: f64) -> bool {
        if self.text == text {
            return false;
        }
        let Some(Change { start, inserted, .. }) = change_between(&self.text, text) else {
            return false;
        };
        let after = Selection::caret((start + inserted.len()).min(text.len()));
        self.typed(text.to_owned(), after, EditKind::Other, now_ms);
        self.history.break_coalescing();
        self.validated = self.version;
        true
    }

    /// Steps back (or forward) through the history.
    pub fn step(&mut self, back: bool) -> bool {
        let step = if back { self.history.undo() } else { self.history.redo() };
        let Some((replace, selection)) = step else {
            return false;
        };
        let mut text = self.text.clone();
        replace.apply(&mut text);
        self.replace_all(text);
        self.selection = selection;
        true
    }
}
