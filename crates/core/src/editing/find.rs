//! Find and replace in the editor: every match of a query, which one to go
//! to next, and the one replacement that replaces them all.
//!
//! It runs on each keystroke in the find box over files of a megabyte or
//! more, so a case-insensitive search lowercases the text once and searches
//! that copy. An ASCII text lowercases byte for byte, so its offsets are the
//! original's; otherwise a short table of the characters whose lowercase has
//! another length maps offsets back.

use std::ops::Range;

use super::Replace;

/// Every non-overlapping occurrence of `query` (empty query → none),
/// case-insensitively unless `case_sensitive`; at most `limit` matches. Byte
/// ranges.
pub fn find_all(text: &str, query: &str, case_sensitive: bool, limit: usize) -> Vec<Range<usize>> {
    if query.is_empty() || limit == 0 {
        return Vec::new();
    }
    if case_sensitive {
        return text
            .match_indices(query)
            .take(limit)
            .map(|(at, found)| at..at + found.len())
            .collect();
    }
    let query = query.to_lowercase();
    if text.is_ascii() {
        return text
            .to_ascii_lowercase()
            .match_indices(&query)
            .take(limit)
            .map(|(at, found)| at..at + found.len())
            .collect();
    }
    let lowered = Lowered::new(text);
    let mut matches: Vec<Range<usize>> = Vec::new();
    for (at, found) in lowered.text.match_indices(&query) {
        let start = lowered.original(at, false);
        let end = lowered.original(at + found.len(), true);
        // Two matches inside one character's expansion map onto the same
        // original character; keep the first.
        if start >= end || matches.last().is_some_and(|last| start < last.end) {
            continue;
        }
        matches.push(start..end);
        if matches.len() == limit {
            break;
        }
    }
    matches
}

/// Index of the match to go to from `from` (a byte offset): forwards, the
/// first match starting at or after it; backwards, the last starting before
/// it; both wrap around. None when there are no matches. `matches` is in text
/// order, as [`find_all`] gives it.
pub fn next_index(matches: &[Range<usize>], from: usize, backwards: bool) -> Option<usize> {
    if matches.is_empty() {
        return None;
    }
    let first_at_or_after = matches.partition_point(|m| m.start < from);
    Some(if backwards {
        first_at_or_after.checked_sub(1).unwrap_or(matches.len() - 1)
    } else if first_at_or_after == matches.len() {
        0
    } else {
        first_at_or_after
    })
}

/// Replace all: one replacement running from the first match to the last,
/// with every match in between replaced by `with`, so that it is one undo
/// step and one edit to validate. None without matches. `matches` are in
/// text order and do not overlap, as [`find_all`] gives them.
pub fn replace_all(text: &str, matches: &[Range<usize>], with: &str) -> Option<Replace> {
    let (first, last) = (matches.first()?, matches.last()?);
    let mut out = String::with_capacity(last.end - first.start + matches.len() * with.len());
    let mut at = first.start;
    for m in matches {
        let (Some(between), true) = (text.get(at..m.start), m.end <= text.len()) else {
            return None;
        };
        out.push_str(between);
        out.push_str(with);
        at = m.end;
    }
    Some(Replace {
        start: first.start,
        end: last.end,
        text: out,
    })
}

/// A lowercase copy of a text and where its offsets came from.
struct Lowered {
    text: String,
    /// Every character whose lowercase has another byte length than it:
    /// (offset in the copy, its lowercase's length, offset in the original,
    /// its length). Between two of them the copy and the original advance
    /// byte for byte.
    resized: Vec<(usize, usize, usize, usize)>,
}

impl Lowered {
    fn new(text: &str) -> Lowered {
        let mut lowered = String::with_capacity(text.len());
        let mut resized = Vec::new();
        for (at, c) in text.char_indices() {
            let before = lowered.len();
            if c.is_ascii() {
                lowered.push(c.to_ascii_lowercase());
                continue;
            }
            lowered.extend(c.to_lowercase());
            let len = lowered.len() - before;
            if len != c.len_utf8() {
                resized.push((before, len, at, c.len_utf8()));
            }
        }
        Lowered { text: lowered, resized }
    }

    /// The original offset of an offset in the copy. One that falls inside a
    /// resized character's lowercase maps to that character's start, or with
    /// `round_up` to its end, so a match always covers whole characters.
    fn original(&self, offset: usize, round_up: bool) -> usize {
        let index = self.resized.partition_point(|&(at, ..)| at <= offset);
        let Some(&(at, len, original, original_len)) = index.checked_sub(1).map(|i| &self.resized[i]) else {
            return offset;
        };
        if offset == at {
            original
        } else if offset < at + len {
            if round_up {
                original + original_len
            } else {
                original
            }
        } else {
            original + original_len + (offset - at - len)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found<'t>(text: &'t str, query: &str, case_sensitive: bool) -> Vec<&'t str> {
        find_all(text, query, case_sensitive, usize::MAX)
            .into_iter()
            .map(|r| &text[r])
            .collect()
    }

    fn pairs(ranges: Vec<Range<usize>>) -> Vec<(usize, usize)> {
        ranges.into_iter().map(|r| (r.start, r.end)).collect()
    }

    #[test]
    fn replace_all_is_one_replacement_over_every_match() {
        let text = "a = nginx; b = NGINX; c = engine";
        let matches = find_all(text, "nginx", false, usize::MAX);
        let replace = replace_all(text, &matches, "proxy").unwrap();
        assert_eq!((replace.start, replace.end), (4, 20));
        let mut out = text.to_owned();
        replace.apply(&mut out);
        assert_eq!(out, "a = proxy; b = proxy; c = engine");
        assert_eq!(replace_all(text, &[], "x"), None);
    }

    #[test]
    fn replace_all_refuses_matches_of_another_text() {
        assert_eq!(replace_all("short", &[2..4, 1..9], "x"), None);
        let inside_a_character = [Range { start: 1, end: 2 }];
        assert_eq!(replace_all("é", &inside_a_character, "x"), None);
    }

    #[test]
    fn finds_every_occurrence_ignoring_case() {
        let text = "Listen 80; listen 443; LISTEN";
        assert_eq!(find_all(text, "listen", false, 10), [0..6, 11..17, 23..29]);
    }

    #[test]
    fn case_sensitive_search_finds_only_exact_case() {
        assert_eq!(pairs(find_all("Listen listen", "listen", true, 10)), [(7, 13)]);
    }

    #[test]
    fn matches_do_not_overlap() {
        assert_eq!(find_all("aaaa", "aa", false, 10), [0..2, 2..4]);
        assert_eq!(find_all("aaaa", "aa", true, 10), [0..2, 2..4]);
    }

    #[test]
    fn an_empty_query_or_a_zero_limit_finds_nothing() {
        assert!(find_all("abc", "", false, 10).is_empty());
        assert!(find_all("abc", "a", false, 0).is_empty());
        assert!(find_all("", "a", false, 10).is_empty());
    }

    #[test]
    fn the_limit_caps_the_matches() {
        assert_eq!(find_all(&"ab".repeat(100), "B", false, 3), [1..2, 3..4, 5..6]);
    }

    #[test]
    fn non_ascii_text_is_matched_in_original_offsets() {
        let text = "Ärger ärger ÄRGER é";
        assert_eq!(found(text, "ärger", false), ["Ärger", "ärger", "ÄRGER"]);
        assert_eq!(found(text, "É", false), ["é"]);
        assert_eq!(found(text, "G", false), ["g", "g", "G"]);
    }

    #[test]
    fn characters_whose_lowercase_is_longer_keep_offsets_right_after_them() {
        // 'İ' (2 bytes) lowercases to "i̇" (3 bytes).
        let text = "İx İX";
        assert_eq!(find_all(text, "x", false, 10), [2..3, 6..7]);
        assert_eq!(found(text, "i̇x", false), ["İx", "İX"]);
    }

    #[test]
    fn a_match_inside_one_characters_expansion_covers_the_whole_character() {
        let text = "aİb";
        assert_eq!(found(text, "i", false), ["İ"]);
    }

    #[test]
    fn a_non_ascii_query_can_match_ascii_text() {
        // The Kelvin sign lowercases to an ASCII 'k'.
        assert_eq!(pairs(find_all("ok", "\u{212A}", false, 10)), [(1, 2)]);
    }

    #[test]
    fn next_goes_forward_from_the_offset_and_wraps() {
        let matches = [2..4, 6..8, 10..12];
        assert_eq!(next_index(&matches, 0, false), Some(0));
        assert_eq!(next_index(&matches, 2, false), Some(0));
        assert_eq!(next_index(&matches, 3, false), Some(1));
        assert_eq!(next_index(&matches, 11, false), Some(0));
    }

    #[test]
    fn previous_goes_to_the_last_match_starting_before_the_offset_and_wraps() {
        let matches = [2..4, 6..8, 10..12];
        assert_eq!(next_index(&matches, 6, true), Some(0));
        assert_eq!(next_index(&matches, 7, true), Some(1));
        assert_eq!(next_index(&matches, 2, true), Some(2));
        assert_eq!(next_index(&matches, usize::MAX, true), Some(2));
    }

    #[test]
    fn no_matches_means_nowhere_to_go() {
        assert_eq!(next_index(&[], 0, false), None);
        assert_eq!(next_index(&[], 0, true), None);
    }
}
