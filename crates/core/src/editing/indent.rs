//! Tab, Shift-Tab and Enter as a code editor does them: indent and dedent the
//! selected lines, and start a new line at the right indentation.
//!
//! A textarea would insert a tab character (or move focus) and start every new
//! line at column 0, which makes hand-editing a nested task definition a
//! chore. Each function returns the one replacement to make, so the editor
//! records it as one undo step, and where the selection goes afterwards.

use super::{floor_boundary, Language, Replace, Selection};

/// The file's indentation step: the most common positive difference between
/// consecutive lines' leading spaces (a tab if lines are tab-indented);
/// defaults to 2 spaces for JSON and 4 for nginx.
pub fn unit(language: Language, text: &str) -> String {
    // Steps wider than this are alignment (a wrapped argument lined up under
    // the one above), not indentation.
    const WIDEST: usize = 8;
    let mut steps = [0usize; WIDEST + 1];
    let mut tabbed = 0usize;
    let mut spaced = 0usize;
    let mut previous: Option<usize> = None;
    for line in text.split('\n') {
        let bytes = line.as_bytes();
        if bytes.iter().all(|b| matches!(b, b' ' | b'\t' | b'\r')) {
            continue;
        }
        if bytes[0] == b'\t' {
            tabbed += 1;
            previous = None;
            continue;
        }
        let spaces = bytes.iter().take_while(|&&b| b == b' ').count();
        if spaces > 0 {
            spaced += 1;
        }
        if let Some(previous) = previous {
            if spaces > previous && spaces - previous <= WIDEST {
                steps[spaces - previous] += 1;
            }
        }
        previous = Some(spaces);
    }
    if tabbed > spaced {
        return "\t".into();
    }
    // The most common step; the narrower one when two are as common.
    let best = (1..=WIDEST)
        .filter(|&w| steps[w] > 0)
        .max_by_key(|&w| (steps[w], std::cmp::Reverse(w)));
    let width = best.unwrap_or(match language {
        Language::Json => 2,
        Language::Nginx => 4,
    });
    " ".repeat(width)
}

/// Tab: an empty selection inserts `unit` at the caret; a selection indents
/// every line it touches (a selection ending at column 0 of a line does not
/// touch that line). Returns the replacement and the selection after it
/// (still covering the same text). Empty lines are left empty, so indenting
/// a block leaves no trailing whitespace.
pub fn indent(text: &str, sel: Selection, unit: &str) -> (Replace, Selection) {
    let sel = sel.clamped(text);
    if sel.is_caret() {
        return (
            Replace {
                start: sel.start,
                end: sel.start,
                text: unit.to_owned(),
            },
            Selection::caret(sel.start + unit.len()),
        );
    }
    let lines = touched(text, sel);
    let mut out = String::with_capacity(lines.end - lines.start + unit.len() * 8);
    let mut inserted: Vec<(usize, isize)> = Vec::new();
    let mut line_start = lines.start;
    for (i, line) in text[lines.clone()].split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        if !line.trim_end_matches('\r').is_empty() {
            out.push_str(unit);
            inserted.push((line_start, unit.len() as isize));
        }
        out.push_str(line);
        line_start += line.len() + 1;
    }
    let after = Selection {
        start: shifted(sel.start, &inserted),
        end: shifted(sel.end, &inserted),
    };
    (
        Replace {
            start: lines.start,
            end: lines.end,
            text: out,
        },
        after,
    )
}

/// Shift-Tab: removes up to one unit (or one tab) of leading whitespace from
/// every touched line; None when nothing to remove.
pub fn dedent(text: &str, sel: Selection, unit: &str) -> Option<(Replace, Selection)> {
    let sel = sel.clamped(text);
    let lines = touched(text, sel);
    // With a tab unit, a space-indented line still loses a tab's worth.
    let width = if !unit.is_empty() && unit.bytes().all(|b| b == b' ') {
        unit.len()
    } else {
        4
    };
    let mut out = String::with_capacity(lines.end - lines.start);
    let mut removed: Vec<(usize, isize)> = Vec::new();
    let mut line_start = lines.start;
    for (i, line) in text[lines.clone()].split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let bytes = line.as_bytes();
        let cut = if bytes.first() == Some(&b'\t') {
            1
        } else {
            bytes.iter().take(width).take_while(|&&b| b == b' ').count()
        };
        if cut > 0 {
            removed.push((line_start, -(cut as isize)));
        }
        out.push_str(&line[cut..]);
        line_start += line.len() + 1;
    }
    if removed.is_empty() {
        return None;
    }
    let after = Selection {
        start: shifted(sel.start, &removed),
        end: shifted(sel.end, &removed),
    };
    Some((
        Replace {
            start: lines.start,
            end: lines.end,
            text: out,
        },
        after,
    ))
}

/// Enter: replaces the selection with a newline plus the current line's
/// leading whitespace; one more unit after an opener (`{` or `[`, ignoring
/// trailing spaces) before the caret; and if the caret sits right before the
/// matching closer (spaces between them are dropped), the closer moves to its
/// own line at the base indentation with the caret on the indented line
/// between. Returns the replacement and the caret after it. In a CRLF file the
/// new line ends in CRLF too.
pub fn newline(text: &str, sel: Selection, unit: &str) -> (Replace, Selection) {
    let sel = sel.clamped(text);
    let line_start = line_start(text, sel.start);
    let before = &text[line_start..sel.start];
    let leading = text[line_start..line_end(text, sel.start)]
        .bytes()
        .take_while(|b| matches!(b, b' ' | b'\t'))
        .count();
    // A caret inside the indentation keeps only what is before it.
    let base = &before[..leading.min(before.len())];
    let end_line_end = line_end(text, sel.end);
    let eol = if text[..end_line_end].ends_with('\r') && text[end_line_end..].starts_with('\n') {
        "\r\n"
    } else {
        "\n"
    };
    let after = text[sel.end..end_line_end].trim_end_matches('\r');
    let after_trimmed = after.trim_start_matches([' ', '\t']);
    let closer = match before.trim_end_matches([' ', '\t']).as_bytes().last() {
        Some(b'{') => Some('}'),
        Some(b'[') => Some(']'),
        _ => None,
    };
    let mut insert = String::with_capacity(2 * (eol.len() + base.len()) + unit.len());
    insert.push_str(eol);
    insert.push_str(base);
    if closer.is_some() {
        insert.push_str(unit);
    }
    let caret = sel.start + insert.len();
    let mut end = sel.end;
    if closer.is_some_and(|c| after_trimmed.starts_with(c)) {
        insert.push_str(eol);
        insert.push_str(base);
        end += after.len() - after_trimmed.len();
    }
    (
        Replace {
            start: sel.start,
            end,
            text: insert,
        },
        Selection::caret(caret),
    )
}

/// Where `offset` lands after the edits of a line-wise command: `(at, n)`
/// inserts `n` bytes at `at`, or removes `-n` from there. An insertion at the
/// offset itself does not move it, so a selection starting at a line's start
/// keeps starting there and whole lines stay whole lines; an offset inside
/// removed text lands where that text was.
pub(super) fn shifted(offset: usize, edits: &[(usize, isize)]) -> usize {
    let mut moved = offset;
    for &(at, n) in edits {
        if n > 0 && at < offset {
            moved += n as usize;
        } else if n < 0 && at < offset {
            moved -= n.unsigned_abs().min(offset - at);
        }
    }
    moved
}

/// The lines a selection touches, from the first's start to the last's end
/// (before its line end). A selection ending at a line's start does not touch
/// that line; a caret touches its own.
pub(super) fn touched(text: &str, sel: Selection) -> std::ops::Range<usize> {
    let last = if sel.end > sel.start && text.as_bytes()[sel.end - 1] == b'\n' {
        sel.end - 1
    } else {
        sel.end
    };
    line_start(text, sel.start)..line_end(text, last)
}

fn line_start(text: &str, offset: usize) -> usize {
    let offset = floor_boundary(text, offset);
    text[..offset].rfind('\n').map_or(0, |i| i + 1)
}

/// Where the line holding `offset` ends: its `\n`, or the text's end.
fn line_end(text: &str, offset: usize) -> usize {
    let offset = floor_boundary(text, offset);
    text[offset..].find('\n').map_or(text.len(), |i| offset + i)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The text after a replacement, with the selection marked `[` `]` (or
    /// `|` for a caret).
    fn show(text: &str, (replace, sel): (Replace, Selection)) -> String {
        let mut out = text.to_owned();
        replace.apply(&mut out);
        if sel.is_caret() {
            out.insert(sel.start, '|');
        } else {
            out.insert(sel.end, ']');
            out.insert(sel.start, '[');
        }
        out
    }

    #[test]
    fn the_unit_is_the_most_common_indentation_step() {
        let text = "{\n  \"a\": {\n    \"b\": 1,\n    \"c\": [\n      2\n    ]\n  }\n}";
        assert_eq!(unit(Language::Json, text), "  ");
        let text = "http {\n    server {\n        listen 80;\n    }\n}";
        assert_eq!(unit(Language::Nginx, text), "    ");
    }

    #[test]
    fn tab_indented_files_indent_with_tabs() {
        let text = "http {\n\tserver {\n\t\tlisten 80;\n\t}\n}";
        assert_eq!(unit(Language::Nginx, text), "\t");
    }

    #[test]
    fn an_unindented_file_gets_the_language_default() {
        assert_eq!(unit(Language::Json, "{}"), "  ");
        assert_eq!(unit(Language::Nginx, "a;\nb;"), "    ");
        assert_eq!(unit(Language::Json, ""), "  ");
    }

    #[test]
    fn blank_lines_and_wide_alignment_do_not_vote() {
        let text = "a {\n   b\n\n      c\n                        d\n}";
        assert_eq!(unit(Language::Nginx, text), "   ");
    }

    #[test]
    fn tab_at_a_caret_inserts_one_unit() {
        assert_eq!(show("ab", indent("ab", Selection::caret(1), "  ")), "a  |b");
    }

    #[test]
    fn tab_over_lines_indents_each_and_keeps_the_selection_on_the_same_text() {
        let text = "a\nb\nc";
        assert_eq!(show(text, indent(text, Selection::new(0, 3), "  ")), "[  a\n  b]\nc");
        assert_eq!(show(text, indent(text, Selection::new(1, 3), "\t")), "\ta[\n\tb]\nc");
    }

    #[test]
    fn a_selection_ending_at_a_line_start_leaves_that_line_alone() {
        let text = "a\nb\nc";
        assert_eq!(show(text, indent(text, Selection::new(0, 4), "  ")), "[  a\n  b\n]c");
    }

    #[test]
    fn tab_inside_one_line_indents_the_whole_line() {
        let text = "abc\nd";
        assert_eq!(show(text, indent(text, Selection::new(1, 2), "  ")), "  a[b]c\nd");
    }

    #[test]
    fn indenting_leaves_empty_lines_empty() {
        let text = "a\n\nb\r\n\r\nc";
        let (replace, _) = indent(text, Selection::new(0, text.len()), "  ");
        assert_eq!(replace.text, "  a\n\n  b\r\n\r\n  c");
    }

    #[test]
    fn shift_tab_removes_one_unit_from_each_touched_line() {
        let text = "    a\n  b\nc\n\td";
        assert_eq!(
            show(text, dedent(text, Selection::new(0, text.len()), "  ").unwrap()),
            "[  a\nb\nc\nd]"
        );
    }

    #[test]
    fn shift_tab_at_a_caret_dedents_its_line_and_keeps_the_caret_on_its_text() {
        let text = "x\n    abc";
        assert_eq!(
            show(text, dedent(text, Selection::caret(8), "    ").unwrap()),
            "x\nab|c"
        );
    }

    #[test]
    fn a_caret_inside_removed_indentation_moves_to_the_line_start() {
        let text = "    abc";
        assert_eq!(show(text, dedent(text, Selection::caret(2), "    ").unwrap()), "|abc");
    }

    #[test]
    fn shift_tab_removes_fewer_spaces_than_a_unit_when_that_is_all_there_is() {
        let text = " a";
        assert_eq!(show(text, dedent(text, Selection::caret(2), "    ").unwrap()), "a|");
    }

    #[test]
    fn shift_tab_with_a_tab_unit_still_dedents_spaces() {
        let text = "      a";
        assert_eq!(show(text, dedent(text, Selection::caret(7), "\t").unwrap()), "  a|");
    }

    #[test]
    fn shift_tab_with_nothing_to_remove_does_nothing() {
        assert_eq!(dedent("a\nb", Selection::new(0, 3), "  "), None);
        assert_eq!(dedent("", Selection::caret(0), "  "), None);
    }

    #[test]
    fn enter_keeps_the_current_lines_indentation() {
        let text = "  \"a\": 1,";
        assert_eq!(
            show(text, newline(text, Selection::caret(text.len()), "  ")),
            "  \"a\": 1,\n  |"
        );
    }

    #[test]
    fn enter_after_an_open_brace_indents_the_new_line() {
        let text = "  \"a\": { ";
        assert_eq!(
            show(text, newline(text, Selection::caret(text.len()), "  ")),
            "  \"a\": { \n    |"
        );
        let text = "\"a\": [";
        assert_eq!(show(text, newline(text, Selection::caret(6), "  ")), "\"a\": [\n  |");
    }

    #[test]
    fn enter_between_brackets_puts_the_closer_on_its_own_line() {
        let text = "  {}";
        assert_eq!(show(text, newline(text, Selection::caret(3), "  ")), "  {\n    |\n  }");
        let text = "x [  ]";
        assert_eq!(show(text, newline(text, Selection::caret(3), "\t")), "x [\n\t|\n]");
    }

    #[test]
    fn enter_before_a_closer_of_another_kind_only_indents() {
        let text = "{]";
        assert_eq!(show(text, newline(text, Selection::caret(1), "  ")), "{\n  |]");
    }

    #[test]
    fn enter_after_a_closing_brace_does_not_indent() {
        let text = "  }";
        assert_eq!(show(text, newline(text, Selection::caret(3), "  ")), "  }\n  |");
    }

    #[test]
    fn enter_inside_the_indentation_keeps_only_what_is_before_the_caret() {
        let text = "    a";
        assert_eq!(show(text, newline(text, Selection::caret(2), "  ")), "  \n  |  a");
    }

    #[test]
    fn enter_replaces_the_selection() {
        let text = "  ab cd";
        assert_eq!(show(text, newline(text, Selection::new(4, 6), "  ")), "  ab\n  |d");
    }

    #[test]
    fn enter_in_a_crlf_file_inserts_crlf() {
        let text = "a {}\r\nb";
        assert_eq!(
            show(text, newline(text, Selection::caret(3), "  ")),
            "a {\r\n  |\r\n}\r\nb"
        );
    }

    #[test]
    fn editing_keys_clamp_offsets_past_the_end_or_inside_a_char() {
        let text = "é";
        assert_eq!(show(text, indent(text, Selection::caret(1), " ")), " |é");
        assert_eq!(show(text, newline(text, Selection::new(99, 1), "  ")), "\n|");
        assert_eq!(show("", newline("", Selection::caret(5), "  ")), "\n|");
        assert_eq!(dedent(text, Selection::caret(9), " "), None);
    }
}
