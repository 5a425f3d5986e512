//! The editing surface: a transparent textarea over the painted lines.
//!
//! The textarea does what browsers do best (caret, selection, IME, spell-free
//! typing, clipboard, accessibility) and is as tall and wide as the text, so
//! only the scroller around it scrolls; the lines under it are painted for
//! the part in view. Everything else a code editor adds — undo, indentation,
//! find, diagnostics — is core's logic applied here.

use std::collections::HashMap;
use std::ops::Range;
use std::rc::Rc;

use atlas_core::editing::history::EditKind;
use atlas_core::editing::offsets::{byte_to_utf16, utf16_to_byte};
use atlas_core::editing::{brackets, find, Replace, Selection};
use atlas_core::{Diagnostic, Severity};
use leptos::html;
use leptos::prelude::*;
use leptos::wasm_bindgen::JsCast;
use leptos::web_sys::{HtmlElement, HtmlTextAreaElement};

use super::paint::{self, Decor, Mark, LINE_HEIGHT};
use crate::editing::buffer::Buffer;
use crate::editing::buffers::{now_ms, Buffers, Shared};

/// Lines painted beyond the window on each side, so a fast scroll shows text.
const OVERSCAN: usize = 12;
/// A file longer than this many lines, or bytes, is edited through a
/// window: the textarea holds only the lines around the caret. A browser
/// lays a textarea's whole text out again on every keystroke, which for the
/// 1.3 MB corpus config (35 000 lines) costs some 60 ms a key, and for half
/// a megabyte of binary garbage (font fallback for every odd character)
/// some 300 ms.
const WINDOW_FROM_LINES: usize = 3_000;
const WINDOW_FROM_BYTES: usize = 256 * 1024;
/// How many lines, and at most how many bytes, the window holds; it moves
/// when the caret nears its edge.
const WINDOW_LINES: usize = 1_500;
const WINDOW_BYTES: usize = 64 * 1024;
/// How near the caret may come to the window's edge before it moves, at
/// most.
const WINDOW_MARGIN: usize = 100;

/// Whether a text is long enough to be edited through a window.
fn long(b: &Buffer) -> bool {
    b.highlighter.line_count() > WINDOW_FROM_LINES || b.text.len() > WINDOW_FROM_BYTES
}
/// More matches than this are not worth highlighting one by one.
pub const MATCH_LIMIT: usize = 10_000;

/// What the status bar and the toolbar show.
#[derive(Clone, Copy, Default, PartialEq)]
pub struct Status {
    pub line: usize,
    pub column: usize,
    pub can_undo: bool,
    pub can_redo: bool,
}

#[derive(Clone, Default, PartialEq)]
pub struct FindState {
    pub open: bool,
    pub query: String,
    pub case_sensitive: bool,
    /// (current, total)
    pub position: (Option<usize>, usize),
    /// Counts the times find was asked for, so asking again while it is
    /// open puts the focus back in it.
    pub asked: u32,
    /// Whether the replace row shows, and what it replaces with.
    pub replacing: bool,
    pub replacement: String,
}

impl FindState {
    pub fn ask(&mut self) {
        self.open = true;
        self.asked += 1;
    }
}

#[derive(Default)]
pub struct Ui {
    /// The buffer version the textarea holds.
    shown: u64,
    char_width: f64,
    matches: Vec<Range<usize>>,
    current_match: Option<usize>,
    brackets: Option<(usize, usize)>,
    caret_line: usize,
    marks: Vec<Mark>,
    /// The most severe problem on each line, and which problems are there.
    gutter: HashMap<usize, (Severity, Vec<usize>)>,
    paint_scheduled: bool,
    /// After Escape, Tab leaves the editor instead of indenting.
    pub tab_leaves: bool,
    /// The lines the textarea holds, for a long file; all of them otherwise.
    window: Option<Range<usize>>,
    /// The textarea holds all of a long file because all of it is selected.
    whole: bool,
}

impl Ui {
    pub fn shown_version(&self) -> u64 {
        self.shown
    }
}

#[derive(Clone, Copy)]
pub struct Surface {
    pub file: StoredValue<String>,
    pub buffer: StoredValue<Shared, LocalStorage>,
    pub buffers: Buffers,
    pub ui: StoredValue<Ui, LocalStorage>,
    pub textarea: NodeRef<html::Textarea>,
    pub scroller: NodeRef<html::Div>,
    pub rows: NodeRef<html::Div>,
    pub sizer: NodeRef<html::Div>,
    pub line_link: StoredValue<Rc<dyn Fn(usize) -> String>, LocalStorage>,
    pub addressed: Memo<Option<usize>>,
    pub status: RwSignal<Status>,
    pub find: RwSignal<FindState>,
    /// The version of the text the shown diagnostics describe.
    pub validated: RwSignal<u64>,
    pub version: RwSignal<u64>,
    /// The file's problems, as the store has them.
    pub diagnostics: Memo<Vec<Diagnostic>>,
    /// A diagnostic's message shown by the pointer or by F8, at (x, y).
    pub tooltip: RwSignal<Option<(String, f64, f64)>>,
}

impl Surface {
    fn area(&self) -> Option<HtmlTextAreaElement> {
        self.textarea.get_untracked()
    }

    fn char_width(&self) -> f64 {
        self.ui.with_value(|ui| ui.char_width).max(1.0)
    }

    /// The gutter's width in pixels; the stylesheet sizes it as the digits
    /// plus three characters.
    fn gutter_width(&self, b: &Buffer) -> f64 {
        (b.gutter_digits() + 3) as f64 * self.char_width()
    }

    /// The bytes of the text the textarea holds.
    fn window_bytes(&self, b: &Buffer) -> Range<usize> {
        match self.ui.with_value(|ui| ui.window.clone()) {
            None => 0..b.text.len(),
            Some(lines) => {
                let h = &b.highlighter;
                let start = h.line_start(lines.start);
                let end = h.line_range(lines.end.saturating_sub(1).max(lines.start)).end;
                start..end.max(start)
            }
        }
    }

    /// The window for a selection: the lines around it, or none for a
    /// short file.
    fn window_for(b: &Buffer, sel: Selection) -> Option<Range<usize>> {
        if !long(b) {
            return None;
        }
        let h = &b.highlighter;
        let count = h.line_count();
        let (first, last) = (h.line_of(sel.start), h.line_of(sel.end));
        // As many lines either side as fit the byte limit: long lines make
        // for a narrower window.
        let around = |k: usize| first.saturating_sub(k)..(last + k + 1).min(count);
        let bytes = |r: &Range<usize>| h.line_start(r.end).saturating_sub(h.line_start(r.start));
        let mut k = WINDOW_LINES / 2;
        while k > 1 && bytes(&around(k)) > WINDOW_BYTES {
            k /= 2;
        }
        Some(around(k))
    }

    /// Whether the selection sits inside the window, clear of its edges
    /// (unless the edge is the file's).
    fn window_holds(&self, b: &Buffer, sel: Selection) -> bool {
        if self.ui.with_value(|ui| ui.whole) {
            if sel.start != sel.end {
                return true;
            }
            self.ui.update_value(|ui| ui.whole = false);
        }
        let Some(lines) = self.ui.with_value(|ui| ui.window.clone()) else {
            return !long(b);
        };
        let h = &b.highlighter;
        let margin = WINDOW_MARGIN.min(lines.len() / 4);
        let low = if lines.start == 0 { 0 } else { lines.start + margin };
        let high = if lines.end >= h.line_count() {
            usize::MAX
        } else {
            lines.end.saturating_sub(margin)
        };
        (low..high).contains(&h.line_of(sel.start)) && (low..high).contains(&h.line_of(sel.end))
    }

    /// Byte offset in the text of a UTF-16 offset in the textarea.
    fn to_byte(b: &Buffer, window: &Range<usize>, units: usize) -> usize {
        let held = &b.text[window.clone()];
        window.start
            + if b.ascii {
                units.min(held.len())
            } else {
                utf16_to_byte(held, units)
            }
    }

    /// UTF-16 offset in the textarea of a byte offset in the text.
    fn to_units(b: &Buffer, window: &Range<usize>, at: usize) -> usize {
        let at = at.clamp(window.start, window.end) - window.start;
        let held = &b.text[window.clone()];
        if b.ascii {
            at
        } else {
            byte_to_utf16(held, at)
        }
    }

    /// The selection in the textarea, as byte offsets.
    pub fn selection(&self) -> Selection {
        let Some(area) = self.area() else {
            return Selection::default();
        };
        let buffer = self.buffer.get_value();
        let b = buffer.borrow();
        let window = self.window_bytes(&b);
        let start = area.selection_start().ok().flatten().unwrap_or(0) as usize;
        let end = area.selection_end().ok().flatten().unwrap_or(0) as usize;
        Selection {
            start: Self::to_byte(&b, &window, start.min(end)),
            end: Self::to_byte(&b, &window, end.max(start)),
        }
    }

    /// Puts the textarea's selection at byte offsets, moving the window
    /// there first if it does not hold them.
    pub fn set_selection(&self, sel: Selection) {
        let Some(area) = self.area() else { return };
        let buffer = self.buffer.get_value();
        let held = self.window_holds(&buffer.borrow(), sel);
        if !held {
            self.fill_window(Some(sel));
        }
        let b = buffer.borrow();
        let window = self.window_bytes(&b);
        // Moving the window must not turn a selection made with Shift
        // backwards into a forwards one.
        let direction = area
            .selection_direction()
            .ok()
            .flatten()
            .unwrap_or_else(|| "none".into());
        let _ = area.set_selection_range_with_direction(
            Self::to_units(&b, &window, sel.start) as u32,
            Self::to_units(&b, &window, sel.end) as u32,
            &direction,
        );
    }

    /// Select all: a long file's textarea holds the whole text for as long
    /// as the selection spans it.
    pub fn select_all(&self) {
        let Some(area) = self.area() else { return };
        let buffer = self.buffer.get_value();
        let len = {
            let b = buffer.borrow();
            self.ui.update_value(|ui| {
                ui.window = None;
                ui.whole = true;
            });
            area.set_value(&b.text);
            b.text.len()
        };
        self.fit_size();
        self.set_selection(Selection { start: 0, end: len });
        self.caret_moved();
    }

    /// Moves the caret a screenful up or down, in the same column, and the
    /// view with it.
    pub fn page(&self, down: bool, extend: bool) {
        let Some(scroller) = self.scroller.get_untracked() else {
            return;
        };
        let lines = ((scroller.client_height() as f64 / LINE_HEIGHT) as usize)
            .saturating_sub(1)
            .max(1);
        let sel = self.selection();
        let target = {
            let buffer = self.buffer.get_value();
            let b = buffer.borrow();
            let (line, column) = b.line_and_column(sel.end);
            let to = if down {
                (line + lines).min(b.highlighter.line_count() - 1)
            } else {
                line.saturating_sub(lines)
            };
            b.at_column(to, column)
        };
        let step = lines as f64 * LINE_HEIGHT;
        let top = scroller.scroll_top() as f64 + if down { step } else { -step };
        scroller.set_scroll_top(top.max(0.0) as i32);
        let next = if extend {
            Selection::new(if down { sel.start } else { sel.end }, target)
        } else {
            Selection::caret(target)
        };
        self.set_selection(next);
        self.reveal(target);
        self.caret_moved();
    }

    /// Shift+click on a line outside a long file's window: the selection
    /// from its anchor to `at`, which the textarea cannot make itself.
    pub fn extend_to(&self, at: usize) {
        let Some(area) = self.area() else { return };
        let sel = self.selection();
        let backward = area.selection_direction().ok().flatten().as_deref() == Some("backward");
        let anchor = if backward { sel.end } else { sel.start };
        self.select_and_show(Selection::new(anchor, at));
        // So that Shift+arrows go on moving the clicked end.
        let _ = area.set_selection_direction(Some(if at < anchor { "backward" } else { "forward" }));
    }

    /// Whether the window is in the way: the textarea of a long file holds
    /// only some lines, so keys that go to the file's ends must be handled.
    pub fn windowed(&self) -> bool {
        self.ui.with_value(|ui| ui.window.is_some())
    }

    /// The byte offset under a point of the page, for a click on lines the
    /// textarea does not hold.
    pub fn offset_at(&self, x: f64, y: f64) -> Option<usize> {
        let sizer = self.sizer.get_untracked()?;
        let rect = sizer.get_bounding_client_rect();
        let buffer = self.buffer.get_value();
        let b = buffer.borrow();
        let char_width = self.char_width();
        let line = ((y - rect.top()) / LINE_HEIGHT).max(0.0) as usize;
        let line = line.min(b.highlighter.line_count().saturating_sub(1));
        let column = ((x - rect.left() - self.gutter_width(&b)) / char_width)
            .round()
            .max(0.0) as usize;
        Some(b.at_column(line, column))
    }

    /// Puts the window's text in the textarea: the lines around `sel`, or
    /// the ones it holds now.
    fn fill_window(&self, sel: Option<Selection>) {
        let Some(area) = self.area() else { return };
        let buffer = self.buffer.get_value();
        let b = buffer.borrow();
        if let Some(sel) = sel {
            let window = Self::window_for(&b, sel);
            self.ui.update_value(|ui| ui.window = window);
        } else if !long(&b) {
            self.ui.update_value(|ui| ui.window = None);
        }
        let held = self.window_bytes(&b);
        area.set_value(&b.text[held]);
        drop(b);
        self.fit_size();
    }

    /// Makes the textarea show the buffer after a command changed it.
    pub fn show_buffer(&self) {
        if self.area().is_none() {
            return;
        }
        let buffer = self.buffer.get_value();
        let (version, selection) = {
            let b = buffer.borrow();
            (b.version, b.selection)
        };
        self.fill_window(Some(selection));
        self.ui.update_value(|ui| ui.shown = version);
        self.version.set(version);
        self.set_selection(selection);
        self.refresh_find();
        self.caret_moved();
        self.reveal(selection.end);
        self.paint_soon();
    }

    /// Applies an edit made by a key (indent, newline) to the textarea in
    /// place, so a large file is not copied back in whole.
    pub fn apply_local(&self, replace: &Replace, after: Selection) {
        let Some(area) = self.area() else { return };
        let buffer = self.buffer.get_value();
        let inside = {
            let b = buffer.borrow();
            let window = self.window_bytes(&b);
            window.start <= replace.start && replace.end <= window.end
        };
        if !inside {
            buffer.borrow_mut().apply(replace, after, now_ms());
            self.show_buffer();
            self.buffers.typed();
            return;
        }
        let version = {
            let mut b = buffer.borrow_mut();
            let window = self.window_bytes(&b);
            let (start, end) = (
                Self::to_units(&b, &window, replace.start),
                Self::to_units(&b, &window, replace.end),
            );
            let _ = area.set_range_text_with_start_and_end(&replace.text, start as u32, end as u32);
            b.apply(replace, after, now_ms());
            b.version
        };
        self.ui.update_value(|ui| ui.shown = version);
        self.version.set(version);
        self.fit_size();
        self.set_selection(after);
        self.refresh_find();
        self.caret_moved();
        self.reveal(after.end);
        self.paint_soon();
        self.buffers.typed();
    }

    /// Sizes the textarea to the text, so it never scrolls or wraps itself.
    pub fn fit_size(&self) {
        let (Some(area), Some(sizer)) = (self.area(), self.sizer.get_untracked()) else {
            return;
        };
        let buffer = self.buffer.get_value();
        let b = buffer.borrow();
        let char_width = self.char_width();
        let count = b.highlighter.line_count();
        let height = format!("{}px", count as f64 * LINE_HEIGHT);
        let held = self.ui.with_value(|ui| ui.window.clone()).unwrap_or(0..count);
        // A few columns spare: the caret at the end of the widest line stays in view.
        let width = format!("{}px", (b.widest + 4) as f64 * char_width);
        set_style(&area, "top", &format!("{}px", held.start as f64 * LINE_HEIGHT));
        set_style(
            &area,
            "height",
            &format!("{}px", held.len().max(1) as f64 * LINE_HEIGHT),
        );
        set_style(&area, "width", &width);
        set_style(&sizer, "--gutter-digits", &b.gutter_digits().to_string());
        set_style(&sizer, "height", &height);
    }

    /// Measures the monospace font once it is laid out.
    pub fn measure(&self) {
        let Some(sizer) = self.sizer.get_untracked() else {
            return;
        };
        let probe = document().create_element("span").expect("span");
        probe.set_class_name("char-probe");
        probe.set_text_content(Some(&"0".repeat(100)));
        let _ = sizer.append_child(&probe);
        let width = probe.get_bounding_client_rect().width() / 100.0;
        let _ = sizer.remove_child(&probe);
        if width > 0.0 {
            self.ui.update_value(|ui| ui.char_width = width);
        }
        self.fit_size();
    }

    pub fn paint_soon(&self) {
        if self.ui.with_value(|ui| ui.paint_scheduled) {
            return;
        }
        self.ui.update_value(|ui| ui.paint_scheduled = true);
        let this = *self;
        request_animation_frame(move || {
            if this.ui.try_update_value(|ui| ui.paint_scheduled = false).is_some() {
                this.paint_now();
            }
        });
    }

    /// Paints the lines in view.
    pub fn paint_now(&self) {
        let (Some(rows), Some(scroller)) = (self.rows.get_untracked(), self.scroller.get_untracked()) else {
            return;
        };
        let buffer = self.buffer.get_value();
        let b = buffer.borrow();
        let count = b.highlighter.line_count();
        let top = scroller.scroll_top().max(0) as f64;
        let height = (scroller.client_height().max(0) as f64).max(LINE_HEIGHT * 10.0);
        let first = ((top / LINE_HEIGHT) as usize).saturating_sub(OVERSCAN).min(count);
        let last = (((top + height) / LINE_HEIGHT).ceil() as usize + OVERSCAN).min(count);
        let addressed = self.addressed.get_untracked().map(|n| n.saturating_sub(1));
        let link = self.line_link.get_value();
        let diagnostics = self.diagnostics;
        let title = move |indexes: &[usize]| {
            diagnostics.with_untracked(|d| {
                indexes
                    .iter()
                    .filter_map(|i| d.get(*i).map(describe))
                    .collect::<Vec<_>>()
                    .join("\n")
            })
        };
        self.ui.with_value(|ui| {
            let decor = Decor {
                marks: &ui.marks,
                gutter: &ui.gutter,
                title: &title,
                matches: &ui.matches,
                current_match: ui.current_match,
                brackets: ui.brackets,
                caret_line: ui.caret_line,
                addressed,
                line_link: &*link,
            };
            let html: &HtmlElement = &rows;
            paint::paint(html, &b, &decor, first..last);
        });
    }

    /// After the user typed into the textarea.
    pub fn typed(&self, kind: EditKind) {
        let Some(area) = self.area() else { return };
        let held = area.value();
        let buffer = self.buffer.get_value();
        let version = {
            let mut b = buffer.borrow_mut();
            let window = self.window_bytes(&b);
            let ascii = held.is_ascii();
            let to_byte = |u: Option<u32>| {
                let u = u.unwrap_or(0) as usize;
                window.start
                    + if ascii {
                        u.min(held.len())
                    } else {
                        utf16_to_byte(&held, u)
                    }
            };
            let after = Selection {
                start: to_byte(area.selection_start().ok().flatten()),
                end: to_byte(area.selection_end().ok().flatten()),
            };
            let text = if window == (0..b.text.len()) {
                held
            } else {
                let mut text = String::with_capacity(b.text.len() + held.len());
                text.push_str(&b.text[..window.start]);
                text.push_str(&held);
                text.push_str(&b.text[window.end..]);
                text
            };
            let lines_before = b.highlighter.line_count();
            b.typed(text, after, kind, now_ms());
            // The window keeps its first line and grows or shrinks by the
            // lines typed or deleted.
            let grown = b.highlighter.line_count() as isize - lines_before as isize;
            let count = b.highlighter.line_count();
            self.ui.update_value(|ui| {
                if let Some(lines) = ui.window.as_mut() {
                    lines.end = ((lines.end as isize + grown).max(lines.start as isize + 1) as usize).min(count);
                }
            });
            b.version
        };
        self.ui.update_value(|ui| ui.shown = version);
        self.version.set(version);
        self.fit_size();
        self.refresh_find();
        self.caret_moved();
        self.paint_soon();
        self.buffers.typed();
    }

    /// Reads the caret: its line for the current-line band and the status
    /// bar, and the bracket it touches.
    pub fn caret_moved(&self) {
        let sel = self.selection();
        let buffer = self.buffer.get_value();
        // Arrows, Page Down and the like stop at the window's edge: move it.
        let held = self.window_holds(&buffer.borrow(), sel);
        if !held {
            self.set_selection(sel);
        }
        let b = buffer.borrow();
        let (line, column) = b.line_and_column(sel.end);
        let pair = if sel.start == sel.end {
            brackets::matching(&b.highlighter, &b.text, sel.end)
        } else {
            None
        };
        let changed = self.ui.with_value(|ui| ui.caret_line != line || ui.brackets != pair);
        if changed {
            self.ui.update_value(|ui| {
                ui.caret_line = line;
                ui.brackets = pair;
            });
            self.paint_soon();
        }
        let status = Status {
            line: line + 1,
            column: column + 1,
            can_undo: b.history.can_undo(),
            can_redo: b.history.can_redo(),
        };
        drop(b);
        // Kept so the caret comes back where it was when the editor reopens.
        buffer.borrow_mut().selection = sel;
        if self.status.get_untracked() != status {
            self.status.set(status);
        }
    }

    /// Scrolls so the byte offset is in view, centring it when it was far.
    pub fn reveal(&self, at: usize) {
        let Some(scroller) = self.scroller.get_untracked() else {
            return;
        };
        let buffer = self.buffer.get_value();
        let b = buffer.borrow();
        let (line, column) = b.line_and_column(at);
        let char_width = self.char_width();
        let y = line as f64 * LINE_HEIGHT;
        let (top, height) = (scroller.scroll_top() as f64, scroller.client_height() as f64);
        if y < top || y + LINE_HEIGHT > top + height {
            scroller.set_scroll_top((y - height / 2.0).max(0.0) as i32);
        }
        let x = column as f64 * char_width;
        let (left, width) = (
            scroller.scroll_left() as f64,
            scroller.client_width() as f64 - self.gutter_width(&b),
        );
        if x < left || x > left + width - 2.0 * char_width {
            scroller.set_scroll_left((x - width / 2.0).max(0.0) as i32);
        }
        self.paint_soon();
    }

    /// Selects a span, shows it and puts the focus there.
    pub fn select_and_show(&self, sel: Selection) {
        if let Some(area) = self.area() {
            let _ = area.focus();
        }
        self.set_selection(sel);
        self.reveal(sel.start);
        self.caret_moved();
    }

    /// Takes new diagnostics: squiggles and gutter markers. Their messages
    /// are read when hover or a gutter marker needs one: a large file can
    /// have ten thousand problems.
    pub fn take_diagnostics(&self, diagnostics: &[Diagnostic]) {
        let buffer = self.buffer.get_value();
        let b = buffer.borrow();
        let mut marks: Vec<Mark> = diagnostics
            .iter()
            .enumerate()
            .map(|(index, d)| Mark {
                start: d.span.start,
                end: d.span.end,
                severity: d.severity,
                index,
            })
            .collect();
        marks.sort_by_key(|m| (m.start, m.end));
        let mut gutter: HashMap<usize, (Severity, Vec<usize>)> = HashMap::new();
        for (index, d) in diagnostics.iter().enumerate() {
            let line = b.highlighter.line_of(d.span.start);
            let entry = gutter.entry(line).or_insert((d.severity, Vec::new()));
            entry.0 = entry.0.min(d.severity);
            entry.1.push(index);
        }
        self.ui.update_value(|ui| {
            ui.marks = marks;
            ui.gutter = gutter;
        });
        self.validated.set(b.validated);
        self.paint_soon();
    }

    /// The message of diagnostic `index`, for hover.
    pub fn message(&self, index: usize) -> Option<String> {
        self.diagnostics.with_untracked(|d| d.get(index).map(describe))
    }

    /// Searches again after the query or the text changed.
    pub fn refresh_find(&self) {
        let state = self.find.get_untracked();
        if !state.open || state.query.is_empty() {
            let had = self.ui.with_value(|ui| !ui.matches.is_empty());
            if had {
                self.ui.update_value(|ui| {
                    ui.matches.clear();
                    ui.current_match = None;
                });
                self.paint_soon();
            }
            self.set_find_position(None, 0);
            return;
        }
        let caret = self.selection().start;
        let buffer = self.buffer.get_value();
        let matches = find::find_all(&buffer.borrow().text, &state.query, state.case_sensitive, MATCH_LIMIT);
        let current = find::next_index(&matches, caret, false);
        let total = matches.len();
        self.ui.update_value(|ui| {
            ui.matches = matches;
            ui.current_match = current;
        });
        self.set_find_position(current, total);
        self.paint_soon();
    }

    fn set_find_position(&self, current: Option<usize>, total: usize) {
        if self.find.with_untracked(|f| f.position != (current, total)) {
            self.find.update(|f| f.position = (current, total));
        }
    }

    /// The span of the current find match, if any.
    fn current_match(&self) -> Option<Selection> {
        self.ui.with_value(|ui| {
            let r = ui.matches.get(ui.current_match?)?;
            Some(Selection {
                start: r.start,
                end: r.end,
            })
        })
    }

    /// Goes to the next (or previous) match and selects it.
    pub fn find_step(&self, backwards: bool, focus: bool) {
        let from = match self.current_match() {
            Some(r) if backwards => r.start,
            Some(r) => r.end.max(r.start + 1),
            None => 0,
        };
        let total = self.ui.with_value(|ui| ui.matches.len());
        let next = self.ui.with_value(|ui| find::next_index(&ui.matches, from, backwards));
        let Some(next) = next else { return };
        let range = self.ui.with_value(|ui| ui.matches[next].clone());
        self.ui.update_value(|ui| ui.current_match = Some(next));
        self.set_find_position(Some(next), total);
        let sel = Selection {
            start: range.start,
            end: range.end,
        };
        if focus {
            self.select_and_show(sel);
        } else {
            self.set_selection(sel);
            self.reveal(sel.start);
        }
        self.paint_soon();
    }

    /// Replace: the current match becomes the replacement, as one undo
    /// step, and the match after it becomes the current one.
    pub fn replace_current(&self) {
        let Some(range) = self.current_match() else { return };
        let with = self.find.with_untracked(|f| f.replacement.clone());
        let after = Selection::caret(range.start + with.len());
        let replace = Replace {
            start: range.start,
            end: range.end,
            text: with,
        };
        // Finding again from the caret after the replacement makes the
        // next match the current one.
        self.apply_local(&replace, after);
        if let Some(next) = self.current_match() {
            self.set_selection(next);
            self.reveal(next.start);
        }
    }

    /// Replace all: every match in the file, not only the ones counted, as
    /// one undo step.
    pub fn replace_all(&self) {
        let state = self.find.get_untracked();
        let buffer = self.buffer.get_value();
        let replace = {
            let b = buffer.borrow();
            let matches = find::find_all(&b.text, &state.query, state.case_sensitive, usize::MAX);
            find::replace_all(&b.text, &matches, &state.replacement)
        };
        if let Some(replace) = replace {
            let after = Selection::caret(replace.start + replace.text.len());
            self.apply_local(&replace, after);
        }
    }

    /// Closing find leaves the current match selected, as editors do.
    pub fn find_step_close(&self) {
        match self.current_match() {
            Some(r) => self.select_and_show(r),
            None => {
                if let Some(area) = self.area() {
                    let _ = area.focus();
                }
            }
        }
    }

    /// Selects the diagnostic after (or before) the caret: F8.
    pub fn diagnostic_step(&self, backwards: bool) -> Option<usize> {
        let caret = self.selection().start;
        let marks = self.ui.with_value(|ui| ui.marks.clone());
        if marks.is_empty() {
            return None;
        }
        let pick = if backwards {
            marks.iter().rev().find(|m| m.start < caret).or(marks.last())
        } else {
            marks.iter().find(|m| m.start > caret).or(marks.first())
        }?;
        self.select_and_show(Selection {
            start: pick.start,
            end: pick.end,
        });
        // Once the line is painted, its message shows by the squiggle.
        let (this, index) = (*self, pick.index);
        request_animation_frame(move || {
            request_animation_frame(move || {
                let Some(message) = this
                    .diagnostics
                    .try_with_untracked(|d| d.get(index).map(describe))
                    .flatten()
                else {
                    return;
                };
                if let Some(el) = this.squiggle(index) {
                    let rect = el.get_bounding_client_rect();
                    this.tooltip
                        .set(Some((message, rect.left() - 12.0, rect.bottom() - 16.0)));
                }
            })
        });
        Some(pick.index)
    }

    /// The element of the painted line holding a diagnostic's squiggle.
    pub fn squiggle(&self, index: usize) -> Option<HtmlElement> {
        let rows = self.rows.get_untracked()?;
        rows.query_selector(&format!("[data-diagnostic=\"{index}\"]"))
            .ok()
            .flatten()?
            .dyn_into()
            .ok()
    }
}

/// A problem as hover and the gutter show it.
fn describe(d: &Diagnostic) -> String {
    format!("{}: {} [{}]", d.severity.as_str(), d.message, d.rule)
}

/// Sets one CSS property through the CSSOM, which the site's
/// Content-Security-Policy allows where a `style` attribute would not be.
pub fn set_style(el: &HtmlElement, property: &str, value: &str) {
    let _ = HtmlElement::style(el).set_property(property, value);
}
