//! Every open file's buffer, and when typed text reaches the store to be
//! validated.
//!
//! Validation runs on every keystroke, but never so often that typing waits
//! for it: a cheap analysis (the seed files: a few milliseconds) runs at
//! once; a dearer one once the next frame has shown the keystroke; one that
//! costs more than a frame also waits until its cost has passed again since
//! the last, so at most half of the time goes to it while the user types.
//! Meanwhile the editor says validation is pending.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use atlas_core::editing::{Replace, Selection};
use leptos::prelude::*;

use crate::editing::buffer::Buffer;
use crate::store::{use_store, Store};

/// Below this many milliseconds an analysis runs right in the keystroke's
/// handler (the seed files cost 2 to 3).
const AT_ONCE_MS: f64 = 8.0;
/// Below this it runs once the next frame is painted.
const NEXT_FRAME_MS: f64 = 25.0;
/// A dearer one waits until this many times its cost has passed since the
/// last, so while the user types at most half the time goes to validation.
const QUIET_FACTOR: f64 = 1.0;

pub type Shared = Rc<RefCell<Buffer>>;

#[derive(Clone, Copy)]
pub struct Buffers {
    map: StoredValue<HashMap<String, Shared>, LocalStorage>,
    store: Store,
    /// Bumped when a buffer's text changes other than by typing into its
    /// editor (undo from a button, a fix, the form), so a shown editor redraws.
    pub revision: RwSignal<u64>,
    /// Bumped whenever the store takes a buffer's text.
    pub validated: RwSignal<u64>,
    /// Whether typed text is waiting to be validated.
    pub pending: RwSignal<bool>,
    /// What an analysis costs, in milliseconds, smoothed over the last few.
    cost: StoredValue<f64>,
    last_done: StoredValue<f64>,
    scheduled: StoredValue<bool>,
}

pub fn now_ms() -> f64 {
    window().performance().map_or(0.0, |p| p.now())
}

impl Buffers {
    pub fn provide() -> Buffers {
        let buffers = Buffers {
            map: StoredValue::new_local(HashMap::new()),
            store: use_store(),
            revision: RwSignal::new(0),
            validated: RwSignal::new(0),
            pending: RwSignal::new(false),
            cost: StoredValue::new(0.0),
            last_done: StoredValue::new(f64::NEG_INFINITY),
            scheduled: StoredValue::new(false),
        };
        // What was typed but not yet validated or saved is saved before the page goes.
        let flush = window_event_listener(leptos::ev::pagehide, move |_| {
            buffers.flush();
            buffers.store.save_now();
        });
        on_cleanup(move || flush.remove());
        provide_context(buffers);
        buffers
    }

    /// The buffer of a workspace file, in step with the store: a text the
    /// store got from elsewhere (Reset, a removed and re-added file) is
    /// adopted as an undoable step.
    ///
    /// Called after every validation by each open editor, so the store's
    /// text is compared in place, not copied.
    pub fn get(&self, file: &str) -> Option<Shared> {
        let existing = self.map.with_value(|m| m.get(file).cloned());
        self.store.workspace.with_untracked(|w| {
            let text = &w.file(file)?.text;
            match existing {
                Some(buffer) => {
                    {
                        let mut b = buffer.borrow_mut();
                        if !b.pending() {
                            b.adopt(text, now_ms());
                        }
                    }
                    Some(buffer)
                }
                None => {
                    let buffer = Rc::new(RefCell::new(Buffer::new(file, text.clone())));
                    self.map.update_value(|m| {
                        m.insert(file.to_owned(), buffer.clone());
                    });
                    Some(buffer)
                }
            }
        })
    }

    /// Forgets a removed file's buffer.
    pub fn forget(&self, file: &str) {
        self.map.update_value(|m| {
            m.remove(file);
        });
    }

    /// Runs a command on a file's buffer; a change is validated at once
    /// and shown in any editor of the file.
    pub fn command(&self, file: &str, run: impl FnOnce(&mut Buffer) -> bool) -> bool {
        let Some(buffer) = self.get(file) else { return false };
        let changed = run(&mut buffer.borrow_mut());
        if changed {
            self.validate_now();
            self.revision.update(|r| *r += 1);
        }
        changed
    }

    /// Applies a replacement as one undoable step.
    pub fn apply(&self, file: &str, replace: &Replace, after: Selection) -> bool {
        self.command(file, |b| {
            b.apply(replace, after, now_ms());
            true
        })
    }

    pub fn undo(&self, file: &str, back: bool) -> bool {
        self.command(file, |b| b.step(back))
    }

    /// After a keystroke: validates now, at the next frame or a little
    /// later, by what validation costs.
    pub fn typed(&self) {
        if self.scheduled.get_value() {
            return;
        }
        let cost = self.cost.get_value();
        if cost < AT_ONCE_MS {
            self.validate_now();
            return;
        }
        self.scheduled.set_value(true);
        let this = *self;
        // After the next frame is painted, so the keystroke shows first.
        let run = move || {
            request_animation_frame(move || {
                set_timeout(
                    move || {
                        // The page may have gone in the meantime.
                        if this.map.try_with_value(|_| ()).is_some() {
                            this.validate_now();
                        }
                    },
                    std::time::Duration::ZERO,
                )
            })
        };
        if cost < NEXT_FRAME_MS {
            run();
            return;
        }
        self.pending.set(true);
        let wait = (self.last_done.get_value() + QUIET_FACTOR * cost - now_ms()).max(0.0);
        if wait < 1.0 {
            run();
        } else {
            set_timeout(run, std::time::Duration::from_millis(wait as u64));
        }
    }

    /// Hands every buffer's text the store lacks to it, and measures what
    /// the analysis costs.
    pub fn validate_now(&self) {
        self.scheduled.set_value(false);
        let behind: Vec<(String, Shared)> = self.map.with_value(|m| {
            m.iter()
                .filter(|(_, b)| b.borrow().pending())
                .map(|(f, b)| (f.clone(), b.clone()))
                .collect()
        });
        if behind.is_empty() {
            return;
        }
        let started = now_ms();
        for (file, buffer) in &behind {
            let mut b = buffer.borrow_mut();
            self.store.set_text(file, b.text.clone());
            b.validated = b.version;
        }
        // Analysis is a memo: reading it here is what runs it, so the cost
        // measured is the validation's.
        self.store.analysis.with(|_| ());
        let done = now_ms();
        // Smoothed, so one slow run (a garbage collection) does not move
        // the next keystroke's validation to a later frame.
        let cost = done - started;
        self.cost
            .update_value(|c| *c = if *c == 0.0 { cost } else { 0.6 * *c + 0.4 * cost });
        self.last_done.set_value(done);
        self.pending.set(false);
        self.validated.update(|v| *v += 1);
    }

    /// Validates whatever is still waiting.
    pub fn flush(&self) {
        if self.map.try_with_value(|_| ()).is_some() {
            self.validate_now();
        }
    }
}

pub fn use_buffers() -> Buffers {
    expect_context::<Buffers>()
}
