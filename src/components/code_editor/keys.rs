//! The editor's keys: what a code editor does differently from a textarea.

use atlas_core::editing::{comment, indent, Language, Selection};
use leptos::prelude::*;
use leptos::web_sys::KeyboardEvent;

use super::surface::{FindState, Surface};

/// What a key asks of the editor, if it is one of its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Command {
    Undo,
    Redo,
    Indent,
    Dedent,
    Newline,
    /// Ctrl+/ or Cmd+/: nginx lines in and out of comments.
    ToggleComment,
    Find,
    /// Ctrl+H or Cmd+Alt+F: find with the replace row.
    Replace,
    FindNext {
        backwards: bool,
    },
    NextDiagnostic {
        backwards: bool,
    },
    Escape,
    /// Ctrl+Home or Ctrl+End, which the textarea of a long file cannot do
    /// itself: it holds only the lines around the caret.
    FileEdge {
        end: bool,
        extend: bool,
    },
    SelectAll,
    /// Page Up or Down: a textarea as tall as its text only scrolls the page
    /// and leaves the caret behind.
    Page {
        down: bool,
        extend: bool,
    },
}

pub fn command_of(ev: &KeyboardEvent, tab_leaves: bool, windowed: bool) -> Option<Command> {
    let primary = ev.ctrl_key() || ev.meta_key();
    let key = ev.key();
    match key.as_str() {
        "Home" | "End" if primary && windowed => Some(Command::FileEdge {
            end: key == "End",
            extend: ev.shift_key(),
        }),
        "PageUp" | "PageDown" if !primary && !ev.alt_key() => Some(Command::Page {
            down: key == "PageDown",
            extend: ev.shift_key(),
        }),
        "a" | "A" if primary && windowed && !ev.shift_key() && !ev.alt_key() => Some(Command::SelectAll),
        "z" | "Z" if primary && !ev.alt_key() => Some(if ev.shift_key() { Command::Redo } else { Command::Undo }),
        "y" | "Y" if primary && !ev.shift_key() => Some(Command::Redo),
        "f" | "F" if primary && !ev.alt_key() => Some(Command::Find),
        "h" | "H" if ev.ctrl_key() && !ev.alt_key() && !ev.meta_key() => Some(Command::Replace),
        "f" | "F" | "ƒ" if ev.meta_key() && ev.alt_key() => Some(Command::Replace),
        "/" if primary && !ev.alt_key() => Some(Command::ToggleComment),
        "g" | "G" if primary => Some(Command::FindNext {
            backwards: ev.shift_key(),
        }),
        "F3" => Some(Command::FindNext {
            backwards: ev.shift_key(),
        }),
        "F8" => Some(Command::NextDiagnostic {
            backwards: ev.shift_key(),
        }),
        "Tab" if !primary && !ev.alt_key() && !tab_leaves => Some(if ev.shift_key() {
            Command::Dedent
        } else {
            Command::Indent
        }),
        "Enter" if !primary && !ev.alt_key() && !ev.shift_key() && !ev.is_composing() => Some(Command::Newline),
        "Escape" => Some(Command::Escape),
        _ => None,
    }
}

/// Runs a command; true when it was handled (and the browser's own action
/// must not run).
pub fn run(surface: &Surface, command: Command) -> bool {
    let file = surface.file.get_value();
    match command {
        Command::Undo | Command::Redo => {
            let changed = surface.buffers.undo(&file, command == Command::Undo);
            if changed {
                surface.show_buffer();
            }
            true
        }
        Command::Indent | Command::Dedent | Command::Newline | Command::ToggleComment => {
            let sel = surface.selection();
            let buffer = surface.buffer.get_value();
            let edit = {
                let b = buffer.borrow();
                match command {
                    Command::Indent => Some(indent::indent(&b.text, sel, &b.unit)),
                    Command::Dedent => indent::dedent(&b.text, sel, &b.unit),
                    Command::ToggleComment => comment::toggle(&b.text, sel, Language::of_file(&file)),
                    _ => Some(indent::newline(&b.text, sel, &b.unit)),
                }
            };
            if let Some((replace, after)) = edit {
                surface.apply_local(&replace, after);
            }
            true
        }
        Command::Find => {
            surface.find.update(FindState::ask);
            // The find bar's input takes the focus when it appears.
            true
        }
        Command::Replace => {
            surface.find.update(|f| {
                f.ask();
                f.replacing = true;
            });
            true
        }
        Command::FindNext { backwards } => {
            if surface.find.with_untracked(|f| f.open && !f.query.is_empty()) {
                surface.find_step(backwards, true);
            } else {
                surface.find.update(FindState::ask);
            }
            true
        }
        Command::NextDiagnostic { backwards } => {
            surface.diagnostic_step(backwards);
            true
        }
        Command::FileEdge { end, extend } => {
            let len = surface.buffer.with_value(|b| b.borrow().text.len());
            let target = if end { len } else { 0 };
            let sel = surface.selection();
            let sel = if extend {
                Selection::new(if end { sel.start } else { sel.end }, target)
            } else {
                Selection::caret(target)
            };
            surface.select_and_show(sel);
            true
        }
        Command::Page { down, extend } => {
            surface.page(down, extend);
            true
        }
        Command::SelectAll => {
            surface.select_all();
            true
        }
        Command::Escape => {
            surface.ui.update_value(|ui| ui.tab_leaves = true);
            if surface.find.with_untracked(|f| f.open) {
                surface.find.update(|f| f.open = false);
                return true;
            }
            false
        }
    }
}
