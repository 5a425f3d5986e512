//! The pure logic of the browser's code editor: highlighting, bracket
//! matching, indentation, find, undo history, UTF-16 offsets, quick fixes and
//! the diff against the imported original.
//!
//! It lives in the engine rather than in the web component so that it is
//! tested natively like the rest of the engine, and so that the component
//! only moves text and carets between the page and these functions. Every
//! function takes whatever offsets the page hands it (past the end, inside a
//! character, in a 10 MB paste) and never panics: a panic in wasm kills the
//! page. Time, where it matters, is passed in.

pub mod brackets;
pub mod comment;
pub mod diff;
pub mod find;
pub mod fixes;
pub mod highlight;
pub mod history;
pub mod indent;
pub mod offsets;

/// The syntax a file is edited in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Language {
    Json,
    Nginx,
}

impl Language {
    /// `.conf` (case-insensitive) → Nginx, anything else → Json.
    pub fn of_file(name: &str) -> Language {
        let bytes = name.as_bytes();
        let is_conf = bytes.len() >= 5 && bytes[bytes.len() - 5..].eq_ignore_ascii_case(b".conf");
        if is_conf {
            Language::Nginx
        } else {
            Language::Json
        }
    }
}

/// One replacement: bytes `start..end` of a text become `text`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Replace {
    pub start: usize,
    pub end: usize,
    pub text: String,
}

impl Replace {
    /// Applies in place; offsets are clamped to the text and moved back to char
    /// boundaries, so it never panics. An end before the start inserts at the start.
    pub fn apply(&self, text: &mut String) {
        let range = self.range_in(text);
        text.replace_range(range, &self.text);
    }

    /// The range this replacement would actually replace in `text`, after the
    /// clamping `apply` does.
    pub fn range_in(&self, text: &str) -> std::ops::Range<usize> {
        let start = floor_boundary(text, self.start);
        let end = floor_boundary(text, self.end).max(start);
        start..end
    }
}

/// A selection (or caret when start == end) as byte offsets, start <= end.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct Selection {
    pub start: usize,
    pub end: usize,
}

impl Selection {
    pub fn caret(at: usize) -> Selection {
        Selection { start: at, end: at }
    }

    /// A selection between two offsets given in either order (the page reports
    /// a backwards selection with its anchor last).
    pub fn new(a: usize, b: usize) -> Selection {
        Selection {
            start: a.min(b),
            end: a.max(b),
        }
    }

    pub fn is_caret(self) -> bool {
        self.start == self.end
    }

    /// Ordered, clamped to `text` and moved back to char boundaries: what every
    /// function here works on, whatever the page sent.
    pub fn clamped(self, text: &str) -> Selection {
        Selection::new(floor_boundary(text, self.start), floor_boundary(text, self.end))
    }
}

pub(crate) use crate::line_index::floor_boundary;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn conf_files_are_nginx_whatever_their_case() {
        assert_eq!(Language::of_file("frontend-nginx.conf"), Language::Nginx);
        assert_eq!(Language::of_file("NGINX.CONF"), Language::Nginx);
        assert_eq!(Language::of_file(".conf"), Language::Nginx);
    }

    #[test]
    fn everything_else_is_json() {
        assert_eq!(Language::of_file("atlas.json"), Language::Json);
        assert_eq!(Language::of_file("nginx.conf.bak"), Language::Json);
        assert_eq!(Language::of_file("conf"), Language::Json);
        assert_eq!(Language::of_file(""), Language::Json);
        assert_eq!(Language::of_file("é.cönf"), Language::Json);
    }

    #[test]
    fn a_replacement_swaps_its_range_for_its_text() {
        let mut text = String::from("hello world");
        Replace {
            start: 6,
            end: 11,
            text: "there".into(),
        }
        .apply(&mut text);
        assert_eq!(text, "hello there");
    }

    #[test]
    fn a_replacement_past_the_end_appends() {
        let mut text = String::from("ab");
        Replace {
            start: 10,
            end: 20,
            text: "c".into(),
        }
        .apply(&mut text);
        assert_eq!(text, "abc");
    }

    #[test]
    fn a_replacement_inside_a_char_moves_back_to_its_start() {
        let mut text = String::from("aé b");
        // 2 is inside 'é' (bytes 1..3).
        Replace {
            start: 2,
            end: 2,
            text: "x".into(),
        }
        .apply(&mut text);
        assert_eq!(text, "axé b");
    }

    #[test]
    fn a_replacement_ending_before_it_starts_inserts() {
        let mut text = String::from("abc");
        Replace {
            start: 2,
            end: 1,
            text: "x".into(),
        }
        .apply(&mut text);
        assert_eq!(text, "abxc");
    }

    #[test]
    fn a_backwards_selection_is_put_in_order_and_clamped() {
        assert_eq!(Selection::new(5, 2), Selection { start: 2, end: 5 });
        assert_eq!(
            Selection { start: 9, end: 2 }.clamped("aé"),
            Selection { start: 1, end: 3 }
        );
        assert!(Selection::caret(4).is_caret());
    }

    /// Native timings on a 1.3 MB nginx config, for the record:
    /// `cargo test -p atlas-core --release --lib -- --ignored --nocapture editing_timings`
    /// (`LARGE_CONFIG` names another file).
    #[test]
    #[ignore]
    fn editing_timings_on_the_large_config() {
        use std::time::{Duration, Instant};
        let path =
            std::env::var("LARGE_CONFIG").unwrap_or_else(|_| "/work/shared/corpus/bench/large-config.conf".into());
        let Ok(text) = std::fs::read_to_string(&path) else {
            println!("{path} not found");
            return;
        };
        fn time<T>(what: &str, runs: u32, mut f: impl FnMut() -> T) -> T {
            let started = Instant::now();
            let mut out = None;
            for _ in 0..runs {
                out = Some(f());
            }
            let each: Duration = started.elapsed() / runs;
            println!("{what}: {each:?}");
            out.unwrap()
        }
        println!("{path}: {} bytes", text.len());
        let h = time("Highlighter::new", 20, || {
            highlight::Highlighter::new(Language::Nginx, &text)
        });
        println!("{} lines", h.line_count());
        // The `http {` block spans nearly the whole file: the search runs to its line budget.
        let http = text.find("http {").map_or(0, |at| at + 5);
        time("brackets::matching at http {", 5, || {
            brackets::matching(&h, &text, http)
        });
        time("find::find_all \"proxy_pass\" ignoring case", 20, || {
            find::find_all(&text, "proxy_pass", false, 10_000)
        });
        time("indent::unit", 20, || indent::unit(Language::Nginx, &text));
        let edited = text.replacen("listen", "listen  ", 1);
        time("diff::line_diff after one edit", 5, || diff::line_diff(&text, &edited));
        time("history::change_between after one edit", 20, || {
            history::change_between(&text, &edited)
        });
        time("offsets::byte_to_utf16 at the end", 20, || {
            offsets::byte_to_utf16(&text, text.len())
        });
    }
}
