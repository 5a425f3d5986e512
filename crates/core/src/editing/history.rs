//! Undo and redo that the editor owns.
//!
//! The browser's own undo stack cannot be used: the editor changes the text
//! programmatically (indentation, quick fixes, form edits), and the browser
//! either drops those changes from its history or loses its history
//! altogether. So the editor records every change here, as the single
//! replacement between the text before and after, and undoing is applying the
//! inverse replacement. Typing and deleting a character at a time coalesce
//! into one step, as in any editor, so undo does not go letter by letter.

use std::collections::VecDeque;

use super::{Replace, Selection};

/// One replacement, as what it removed and what it inserted at `start`, so
/// that it can be applied in both directions.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Change {
    pub start: usize,
    pub removed: String,
    pub inserted: String,
}

/// The single replacement turning `old` into `new`: longest common prefix and
/// suffix, on char boundaries. None when equal.
pub fn change_between(old: &str, new: &str) -> Option<Change> {
    if old == new {
        return None;
    }
    let (a, b) = (old.as_bytes(), new.as_bytes());
    let mut prefix = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    while !(old.is_char_boundary(prefix) && new.is_char_boundary(prefix)) {
        prefix -= 1;
    }
    let most = a.len().min(b.len()) - prefix;
    let mut suffix = a
        .iter()
        .rev()
        .zip(b.iter().rev())
        .take(most)
        .take_while(|(x, y)| x == y)
        .count();
    while !(old.is_char_boundary(a.len() - suffix) && new.is_char_boundary(b.len() - suffix)) {
        suffix -= 1;
    }
    Some(Change {
        start: prefix,
        removed: old[prefix..a.len() - suffix].to_owned(),
        inserted: new[prefix..b.len() - suffix].to_owned(),
    })
}

/// What made a change, which decides whether it joins the previous step.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EditKind {
    Typing,
    Deleting,
    Other,
}

/// Changes at most this far apart coalesce.
const COALESCE_MS: f64 = 1000.0;
/// Steps kept; the oldest go first.
const MAX_STEPS: usize = 1000;
/// Text kept across all steps; the oldest go first, but the newest step is
/// always kept so that a huge paste can still be undone.
const MAX_BYTES: usize = 32 * 1024 * 1024;

#[derive(Clone, Debug)]
struct Step {
    change: Change,
    before: Selection,
    after: Selection,
    kind: EditKind,
    at_ms: f64,
}

impl Step {
    fn bytes(&self) -> usize {
        self.change.removed.len() + self.change.inserted.len()
    }

    /// Folds `next`, made right after this step, into it when the two are
    /// one run of typing or deleting.
    fn absorb(&mut self, next: &Change, kind: EditKind, now_ms: f64) -> bool {
        let elapsed = now_ms - self.at_ms;
        if kind != self.kind || !(0.0..=COALESCE_MS).contains(&elapsed) {
            return false;
        }
        let this = &mut self.change;
        match kind {
            EditKind::Typing => {
                let continues = next.removed.is_empty()
                    && next.start == this.start.saturating_add(this.inserted.len())
                    && !next.inserted.contains('\n')
                    && !this.inserted.contains('\n');
                if continues {
                    this.inserted.push_str(&next.inserted);
                }
                continues
            }
            EditKind::Deleting => {
                if !next.inserted.is_empty()
                    || !this.inserted.is_empty()
                    || next.removed.contains('\n')
                    || this.removed.contains('\n')
                {
                    return false;
                }
                if next.start.saturating_add(next.removed.len()) == this.start {
                    // Backspace: the new deletion is just before the last.
                    this.removed.insert_str(0, &next.removed);
                    this.start = next.start;
                    true
                } else if next.start == this.start {
                    // Delete: the new deletion follows where the last was.
                    this.removed.push_str(&next.removed);
                    true
                } else {
                    false
                }
            }
            EditKind::Other => false,
        }
    }
}

/// The undo and redo stacks of one file's editor.
#[derive(Clone, Default)]
pub struct History {
    undo: VecDeque<Step>,
    redo: Vec<Step>,
    /// When set, the next record starts a new step.
    sealed: bool,
    /// Text held by both stacks, for the memory bound.
    bytes: usize,
}

impl History {
    pub fn new() -> History {
        History::default()
    }

    /// Records a change already made to the text. Consecutive typing that
    /// continues where the last ended, or deleting (backspace or delete) next
    /// to the last deletion, within 1000 ms of it and without a newline,
    /// coalesces into one undo step. `Other` never coalesces. Recording clears
    /// the redo stack.
    pub fn record(&mut self, change: Change, before: Selection, after: Selection, kind: EditKind, now_ms: f64) {
        if change.removed.is_empty() && change.inserted.is_empty() {
            return;
        }
        self.bytes -= self.redo.iter().map(Step::bytes).sum::<usize>();
        self.redo.clear();
        let sealed = std::mem::take(&mut self.sealed);
        if let Some(last) = self.undo.back_mut().filter(|_| !sealed) {
            let was = last.bytes();
            if last.absorb(&change, kind, now_ms) {
                last.after = after;
                last.at_ms = now_ms;
                self.bytes = self.bytes - was + last.bytes();
                self.trim();
                return;
            }
        }
        let step = Step {
            change,
            before,
            after,
            kind,
            at_ms: now_ms,
        };
        self.bytes += step.bytes();
        self.undo.push_back(step);
        self.trim();
    }

    /// Forces the next record to start a new step (the editor calls it when the caret moves elsewhere).
    pub fn break_coalescing(&mut self) {
        self.sealed = true;
    }

    /// The replacement that undoes the last step on the current text, and the
    /// selection to restore (the step's `before`). Moves the step to the redo
    /// stack.
    pub fn undo(&mut self) -> Option<(Replace, Selection)> {
        let step = self.undo.pop_back()?;
        let change = &step.change;
        let undo = Replace {
            start: change.start,
            end: change.start.saturating_add(change.inserted.len()),
            text: change.removed.clone(),
        };
        let selection = step.before;
        self.redo.push(step);
        self.sealed = true;
        Some((undo, selection))
    }

    /// The replacement that makes the last undone step again, and the
    /// selection it left (the step's `after`).
    pub fn redo(&mut self) -> Option<(Replace, Selection)> {
        let step = self.redo.pop()?;
        let change = &step.change;
        let redo = Replace {
            start: change.start,
            end: change.start.saturating_add(change.removed.len()),
            text: change.inserted.clone(),
        };
        let selection = step.after;
        self.undo.push_back(step);
        self.sealed = true;
        Some((redo, selection))
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// Drops the oldest steps beyond the step and memory bounds.
    fn trim(&mut self) {
        while self.undo.len() > MAX_STEPS || (self.bytes > MAX_BYTES && self.undo.len() > 1) {
            if let Some(oldest) = self.undo.pop_front() {
                self.bytes -= oldest.bytes();
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A history-keeping editor: the text and the history, changed the way
    /// the web component does it.
    struct Editor {
        text: String,
        history: History,
    }

    impl Editor {
        fn new(text: &str) -> Editor {
            Editor {
                text: text.into(),
                history: History::new(),
            }
        }

        fn edit(&mut self, new: &str, kind: EditKind, now_ms: f64) {
            let change = change_between(&self.text, new).expect("a change");
            let before = Selection::caret(change.start);
            let after = Selection::caret(change.start + change.inserted.len());
            self.history.record(change, before, after, kind, now_ms);
            self.text = new.into();
        }

        fn undo(&mut self) -> Option<Selection> {
            let (replace, selection) = self.history.undo()?;
            replace.apply(&mut self.text);
            Some(selection)
        }

        fn redo(&mut self) -> Option<Selection> {
            let (replace, selection) = self.history.redo()?;
            replace.apply(&mut self.text);
            Some(selection)
        }
    }

    #[test]
    fn the_change_between_two_texts_is_their_differing_middle() {
        assert_eq!(
            change_between("hello world", "hello brave world"),
            Some(Change {
                start: 6,
                removed: "".into(),
                inserted: "brave ".into()
            })
        );
        assert_eq!(
            change_between("abcdef", "abXYef"),
            Some(Change {
                start: 2,
                removed: "cd".into(),
                inserted: "XY".into()
            })
        );
        assert_eq!(change_between("same", "same"), None);
    }

    #[test]
    fn the_change_between_texts_never_splits_a_character() {
        // 'é' and 'ê' share their first byte; 'ä' and 'ü' their last.
        let change = change_between("aé", "aê").unwrap();
        assert_eq!(
            (change.start, change.removed.as_str(), change.inserted.as_str()),
            (1, "é", "ê")
        );
        let change = change_between("äb", "üb").unwrap();
        assert_eq!((change.removed.as_str(), change.inserted.as_str()), ("ä", "ü"));
    }

    #[test]
    fn the_change_from_or_to_an_empty_text_is_everything() {
        let change = change_between("", "abc").unwrap();
        assert_eq!(
            (change.start, change.removed.as_str(), change.inserted.as_str()),
            (0, "", "abc")
        );
        let change = change_between("abc", "").unwrap();
        assert_eq!(
            (change.start, change.removed.as_str(), change.inserted.as_str()),
            (0, "abc", "")
        );
    }

    #[test]
    fn a_repeated_character_insertion_is_found_once() {
        let change = change_between("aa", "aaa").unwrap();
        assert_eq!((change.removed.as_str(), change.inserted.as_str()), ("", "a"));
    }

    #[test]
    fn undo_restores_the_text_and_selection_before_the_change_and_redo_reapplies_it() {
        let mut editor = Editor::new("{}");
        editor.edit("{\"a\": 1}", EditKind::Other, 0.0);
        assert_eq!(editor.undo(), Some(Selection::caret(1)));
        assert_eq!(editor.text, "{}");
        assert!(editor.history.can_redo());
        assert_eq!(editor.redo(), Some(Selection::caret(7)));
        assert_eq!(editor.text, "{\"a\": 1}");
        assert!(!editor.history.can_redo());
    }

    #[test]
    fn nothing_to_undo_or_redo_gives_none() {
        let mut history = History::new();
        assert!(!history.can_undo() && !history.can_redo());
        assert_eq!(history.undo(), None);
        assert_eq!(history.redo(), None);
    }

    #[test]
    fn typing_within_a_second_is_one_undo_step() {
        let mut editor = Editor::new("");
        editor.edit("a", EditKind::Typing, 0.0);
        editor.edit("ab", EditKind::Typing, 500.0);
        editor.edit("abc", EditKind::Typing, 1400.0);
        assert_eq!(editor.undo(), Some(Selection::caret(0)));
        assert_eq!(editor.text, "");
        assert!(!editor.history.can_undo());
        editor.redo();
        assert_eq!(editor.text, "abc");
    }

    #[test]
    fn a_pause_longer_than_a_second_starts_a_new_step() {
        let mut editor = Editor::new("");
        editor.edit("a", EditKind::Typing, 0.0);
        editor.edit("ab", EditKind::Typing, 1001.0);
        editor.undo();
        assert_eq!(editor.text, "a");
    }

    #[test]
    fn typing_elsewhere_starts_a_new_step() {
        let mut editor = Editor::new("xy");
        editor.edit("axy", EditKind::Typing, 0.0);
        editor.edit("axyb", EditKind::Typing, 10.0);
        editor.undo();
        assert_eq!(editor.text, "axy");
    }

    #[test]
    fn a_newline_starts_a_new_step() {
        let mut editor = Editor::new("");
        editor.edit("a", EditKind::Typing, 0.0);
        editor.edit("a\n", EditKind::Typing, 10.0);
        editor.edit("a\nb", EditKind::Typing, 20.0);
        editor.undo();
        assert_eq!(editor.text, "a\n");
        editor.undo();
        assert_eq!(editor.text, "a");
    }

    #[test]
    fn backspacing_and_deleting_forward_coalesce() {
        let mut editor = Editor::new("abcdef");
        editor.edit("abcde", EditKind::Deleting, 0.0);
        editor.edit("abcd", EditKind::Deleting, 10.0);
        editor.undo();
        assert_eq!(editor.text, "abcdef");
        let mut editor = Editor::new("abcdef");
        editor.edit("bcdef", EditKind::Deleting, 0.0);
        editor.edit("cdef", EditKind::Deleting, 10.0);
        editor.undo();
        assert_eq!(editor.text, "abcdef");
    }

    #[test]
    fn typing_after_deleting_is_a_new_step() {
        let mut editor = Editor::new("ab");
        editor.edit("a", EditKind::Deleting, 0.0);
        editor.edit("ac", EditKind::Typing, 10.0);
        editor.undo();
        assert_eq!(editor.text, "a");
    }

    #[test]
    fn other_changes_never_coalesce() {
        let mut editor = Editor::new("");
        editor.edit("a", EditKind::Other, 0.0);
        editor.edit("ab", EditKind::Other, 1.0);
        editor.undo();
        assert_eq!(editor.text, "a");
    }

    #[test]
    fn breaking_coalescing_starts_a_new_step() {
        let mut editor = Editor::new("");
        editor.edit("a", EditKind::Typing, 0.0);
        editor.history.break_coalescing();
        editor.edit("ab", EditKind::Typing, 10.0);
        editor.undo();
        assert_eq!(editor.text, "a");
    }

    #[test]
    fn typing_after_an_undo_does_not_join_the_step_before() {
        let mut editor = Editor::new("");
        editor.edit("a", EditKind::Typing, 0.0);
        editor.edit("a ", EditKind::Other, 10.0);
        editor.undo();
        editor.edit("ab", EditKind::Typing, 20.0);
        editor.undo();
        assert_eq!(editor.text, "a");
    }

    #[test]
    fn a_clock_going_backwards_or_nan_does_not_coalesce() {
        let mut editor = Editor::new("");
        editor.edit("a", EditKind::Typing, 100.0);
        editor.edit("ab", EditKind::Typing, 50.0);
        editor.edit("abc", EditKind::Typing, f64::NAN);
        editor.undo();
        assert_eq!(editor.text, "ab");
    }

    #[test]
    fn recording_clears_the_redo_stack() {
        let mut editor = Editor::new("");
        editor.edit("a", EditKind::Other, 0.0);
        editor.undo();
        editor.edit("b", EditKind::Other, 10.0);
        assert!(!editor.history.can_redo());
    }

    #[test]
    fn a_change_at_an_absurd_offset_undoes_without_overflowing() {
        let mut history = History::new();
        for _ in 0..2 {
            let change = Change {
                start: usize::MAX,
                removed: String::new(),
                inserted: "ab".into(),
            };
            history.record(
                change,
                Selection::default(),
                Selection::default(),
                EditKind::Typing,
                0.0,
            );
        }
        let (replace, _) = history.undo().unwrap();
        assert_eq!(replace.end, usize::MAX);
        let mut text = String::from("x");
        replace.apply(&mut text);
        assert_eq!(text, "x");
    }

    #[test]
    fn an_empty_change_is_not_recorded() {
        let mut history = History::new();
        let change = Change {
            start: 3,
            removed: String::new(),
            inserted: String::new(),
        };
        history.record(change, Selection::default(), Selection::default(), EditKind::Other, 0.0);
        assert!(!history.can_undo());
    }

    #[test]
    fn only_the_last_thousand_steps_are_kept() {
        let mut editor = Editor::new("");
        for i in 0..1005 {
            let next = format!("{}x", editor.text);
            editor.edit(&next, EditKind::Other, i as f64);
        }
        let mut undone = 0;
        while editor.undo().is_some() {
            undone += 1;
        }
        assert_eq!(undone, 1000);
        assert_eq!(editor.text, "xxxxx");
    }

    #[test]
    fn old_steps_go_when_the_stored_text_passes_the_memory_bound() {
        let mut editor = Editor::new("");
        let chunk = "x".repeat(12 * 1024 * 1024);
        for i in 0..4 {
            let next = format!("{}{chunk}", editor.text);
            editor.edit(&next, EditKind::Other, f64::from(i));
        }
        let mut undone = 0;
        while editor.undo().is_some() {
            undone += 1;
        }
        assert_eq!(undone, 2);
        assert_eq!(editor.text.len(), 2 * chunk.len());
    }

    #[test]
    fn a_single_step_larger_than_the_memory_bound_can_still_be_undone() {
        let mut editor = Editor::new("");
        editor.edit(&"y".repeat(MAX_BYTES + 1), EditKind::Other, 0.0);
        editor.undo();
        assert_eq!(editor.text, "");
    }
}
