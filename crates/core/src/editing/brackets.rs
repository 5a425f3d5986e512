//! Matching bracket at the caret, for the editor to mark both brackets.
//!
//! Only the highlighter's bracket tokens count, so a `}` inside a string, a
//! comment or an nginx word such as `a}` is never taken for a real one. The
//! search walks line by line from the caret and gives up after
//! [`MAX_LINES`], so a keystroke in a huge file stays cheap; an unmatched
//! bracket there is simply not marked.

use super::floor_boundary;
use super::highlight::{Highlighter, Token, TokenKind};

/// How many lines the search looks through before giving up.
pub const MAX_LINES: usize = 20_000;

/// The bracket touching the caret (the one just after it, else the one just
/// before it) and its partner, as byte offsets of both brackets. Brackets
/// inside strings and comments do not count. None when there is no bracket at
/// the caret or it has no partner.
pub fn matching(highlighter: &Highlighter, text: &str, caret: usize) -> Option<(usize, usize)> {
    let caret = floor_boundary(text, caret);
    let line = highlighter.line_of(caret);
    let line_start = highlighter.line_start(line);
    let mut tokens = Vec::new();
    highlighter.tokens_into(text, line, &mut tokens);
    let column = caret.checked_sub(line_start)?;
    let is_bracket = |t: &&Token| t.kind == TokenKind::Bracket;
    let index = tokens
        .iter()
        .position(|t| t.kind == TokenKind::Bracket && t.start == column)
        .or_else(|| {
            tokens
                .iter()
                .position(|t| t.kind == TokenKind::Bracket && t.end == column)
        })?;
    let at = line_start + tokens[index].start;
    let (open, close, forward) = match text.as_bytes().get(at)? {
        b'{' => (b'{', b'}', true),
        b'[' => (b'[', b']', true),
        b'(' => (b'(', b')', true),
        b'}' => (b'{', b'}', false),
        b']' => (b'[', b']', false),
        b')' => (b'(', b')', false),
        _ => return None,
    };
    // Brackets of other kinds are skipped rather than nested, so one stray
    // bracket of another kind does not hide the partner.
    let (same, partner) = if forward { (open, close) } else { (close, open) };
    let mut depth = 0usize;
    let mut visit = |line_start: usize, token: &Token| -> Option<usize> {
        let offset = line_start + token.start;
        match text.as_bytes().get(offset) {
            Some(&b) if b == same => depth += 1,
            Some(&b) if b == partner => {
                if depth == 0 {
                    return Some(offset);
                }
                depth -= 1;
            }
            _ => {}
        }
        None
    };
    let partner_at = if forward {
        let found = tokens[index + 1..]
            .iter()
            .filter(is_bracket)
            .find_map(|t| visit(line_start, t));
        found.or_else(|| {
            let last = highlighter.line_count().min(line.saturating_add(MAX_LINES));
            (line + 1..last).find_map(|l| {
                highlighter.tokens_into(text, l, &mut tokens);
                let start = highlighter.line_start(l);
                tokens.iter().filter(is_bracket).find_map(|t| visit(start, t))
            })
        })
    } else {
        let found = tokens[..index]
            .iter()
            .rev()
            .filter(is_bracket)
            .find_map(|t| visit(line_start, t));
        found.or_else(|| {
            let first = line.saturating_sub(MAX_LINES);
            (first..line).rev().find_map(|l| {
                highlighter.tokens_into(text, l, &mut tokens);
                let start = highlighter.line_start(l);
                tokens.iter().rev().filter(is_bracket).find_map(|t| visit(start, t))
            })
        })
    }?;
    Some((at, partner_at))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::editing::Language;

    fn at(language: Language, text: &str, caret: usize) -> Option<(usize, usize)> {
        matching(&Highlighter::new(language, text), text, caret)
    }

    #[test]
    fn a_brace_after_the_caret_matches_its_closer_on_a_later_line() {
        let text = "{\n  \"a\": [1, {}]\n}";
        assert_eq!(at(Language::Json, text, 0), Some((0, 17)));
    }

    #[test]
    fn a_closer_after_the_caret_matches_backwards() {
        let text = "{\n  \"a\": [1, {}]\n}";
        assert_eq!(at(Language::Json, text, 17), Some((17, 0)));
    }

    #[test]
    fn the_bracket_after_the_caret_wins_over_the_one_before() {
        // Between `[` and `{`: the `{` after the caret is the one matched.
        let text = "[{}]";
        assert_eq!(at(Language::Json, text, 1), Some((1, 2)));
    }

    #[test]
    fn the_bracket_just_before_the_caret_counts_when_none_follows_it() {
        let text = "[1]";
        assert_eq!(at(Language::Json, text, 3), Some((2, 0)));
        assert_eq!(at(Language::Json, text, 1), Some((0, 2)));
    }

    #[test]
    fn nested_brackets_of_the_same_kind_are_skipped_over() {
        let text = "[[1], [2, [3]]]";
        assert_eq!(at(Language::Json, text, 0), Some((0, 14)));
        assert_eq!(at(Language::Json, text, 6), Some((6, 13)));
    }

    #[test]
    fn brackets_in_strings_and_comments_do_not_count() {
        let text = "{\"}\": 1, // }\n /* } */ \"x\": \"{\"}";
        assert_eq!(at(Language::Json, text, 0), Some((0, text.len() - 1)));
    }

    #[test]
    fn nginx_blocks_match_across_lines_but_braces_inside_words_do_not_count() {
        let text = "server {\n    return 200 \"}\";\n    set $a x};\n}\n";
        assert_eq!(at(Language::Nginx, text, 7), Some((7, text.len() - 2)));
    }

    #[test]
    fn a_caret_away_from_any_bracket_matches_nothing() {
        assert_eq!(at(Language::Json, "{ \"a\": 1 }", 3), None);
        assert_eq!(at(Language::Json, "", 0), None);
    }

    #[test]
    fn an_unmatched_bracket_matches_nothing() {
        assert_eq!(at(Language::Json, "{ [ ]", 0), None);
        assert_eq!(at(Language::Json, "]", 0), None);
        assert_eq!(at(Language::Json, "[", 1), None);
    }

    #[test]
    fn a_stray_bracket_of_another_kind_does_not_hide_the_partner() {
        assert_eq!(at(Language::Json, "{ [ }", 0), Some((0, 4)));
        assert_eq!(at(Language::Json, "{ ] }", 5), Some((4, 0)));
    }

    #[test]
    fn a_caret_past_the_end_or_inside_a_char_is_clamped() {
        assert_eq!(at(Language::Json, "[\"é\"]", 100), Some((5, 0)));
        // Inside `é` is its start, where no bracket touches.
        assert_eq!(at(Language::Json, "é[]", 1), None);
    }

    #[test]
    fn the_search_gives_up_after_its_line_budget() {
        let far = format!("[{}]", "\n".repeat(MAX_LINES + 5));
        assert_eq!(at(Language::Json, &far, 0), None);
        let near = format!("[{}]", "\n".repeat(MAX_LINES - 5));
        assert_eq!(at(Language::Json, &near, 0), Some((0, near.len() - 1)));
    }
}
