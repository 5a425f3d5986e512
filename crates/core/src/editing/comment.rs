//! Ctrl+/ : comments out the lines a selection touches, or uncomments them
//! when every non-blank one already is a comment, as code editors do.
//!
//! Only nginx has comments. JSON has none: a task definition with one is
//! rejected by ECS, so the editor offers no toggle there.

use super::indent::{shifted, touched};
use super::{Language, Replace, Selection};

/// The replacement that toggles the comments and the selection after it
/// (covering the same text); None for JSON.
///
/// Commenting puts `# ` at the shallowest indentation among the touched
/// non-blank lines, so a commented block keeps its shape and uncommenting
/// restores it exactly; blank lines are left alone. A caret on a blank line
/// starts a comment there.
pub fn toggle(text: &str, sel: Selection, language: Language) -> Option<(Replace, Selection)> {
    if language != Language::Nginx {
        return None;
    }
    const MARK: &str = "# ";
    let sel = sel.clamped(text);
    let lines = touched(text, sel);
    let block = &text[lines.clone()];
    let indent_of = |line: &str| line.len() - line.trim_start_matches([' ', '\t']).len();
    let is_blank = |line: &str| line.trim_matches([' ', '\t', '\r']).is_empty();
    let written: Vec<&str> = block.split('\n').filter(|l| !is_blank(l)).collect();
    let uncomment = !written.is_empty()
        && written
            .iter()
            .all(|l| l.trim_start_matches([' ', '\t']).starts_with('#'));
    let column = written.iter().map(|l| indent_of(l)).min();

    let mut out = String::with_capacity(block.len() + MARK.len() * 8);
    // (offset in the text, bytes inserted (+) or removed (-) there)
    let mut changes: Vec<(usize, isize)> = Vec::new();
    let mut line_start = lines.start;
    for (i, line) in block.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        if uncomment && !is_blank(line) {
            let at = indent_of(line);
            let rest = &line[at + 1..];
            let cut = 1 + usize::from(rest.starts_with(' '));
            out.push_str(&line[..at]);
            out.push_str(&line[at + cut..]);
            changes.push((line_start + at, -(cut as isize)));
        } else if !uncomment && (!is_blank(line) || column.is_none()) {
            // A blank line is only commented when nothing else is: the caret's own line.
            let at = column.unwrap_or_else(|| indent_of(line.trim_end_matches('\r')));
            out.push_str(&line[..at]);
            out.push_str(MARK);
            out.push_str(&line[at..]);
            changes.push((line_start + at, MARK.len() as isize));
        } else {
            out.push_str(line);
        }
        line_start += line.len() + 1;
    }
    // A caret at the insertion point (an empty line) goes after the mark.
    let caret_after_mark = |offset: usize| {
        let moved = shifted(offset, &changes);
        match changes.iter().find(|&&(at, d)| d > 0 && at == offset && sel.is_caret()) {
            Some(&(_, d)) => moved + d as usize,
            None => moved,
        }
    };
    let after = Selection {
        start: caret_after_mark(sel.start),
        end: caret_after_mark(sel.end),
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Toggles with the selection written into the text as `[` `]`, or `|`
    /// for a caret, and returns the result written the same way.
    fn toggled(marked: &str) -> String {
        let (text, sel) = parse(marked);
        let (replace, after) = toggle(&text, sel, Language::Nginx).expect("nginx toggles");
        let mut out = text.clone();
        replace.apply(&mut out);
        show(&out, after)
    }

    fn parse(marked: &str) -> (String, Selection) {
        if let Some(at) = marked.find('|') {
            return (marked.replacen('|', "", 1), Selection::caret(at));
        }
        let start = marked.find('[').expect("a selection");
        let end = marked.find(']').expect("its end") - 1;
        (
            marked.replacen('[', "", 1).replacen(']', "", 1),
            Selection { start, end },
        )
    }

    fn show(text: &str, sel: Selection) -> String {
        if sel.is_caret() {
            return format!("{}|{}", &text[..sel.start], &text[sel.start..]);
        }
        format!(
            "{}[{}]{}",
            &text[..sel.start],
            &text[sel.start..sel.end],
            &text[sel.end..]
        )
    }

    #[test]
    fn comments_the_caret_line_and_keeps_the_caret_on_its_text() {
        assert_eq!(toggled("http {\n    gz|ip on;\n}"), "http {\n    # gz|ip on;\n}");
    }

    #[test]
    fn uncommenting_restores_the_line_exactly() {
        assert_eq!(toggled("http {\n    # gz|ip on;\n}"), "http {\n    gz|ip on;\n}");
        assert_eq!(toggled("    #gz|ip on;"), "    gz|ip on;");
    }

    #[test]
    fn a_block_is_commented_at_its_shallowest_indentation_and_blank_lines_are_left() {
        assert_eq!(
            toggled("[location / {\n\n    proxy_pass http://app;\n}\n]"),
            "[# location / {\n\n#     proxy_pass http://app;\n# }\n]"
        );
        assert_eq!(
            toggled("[# location / {\n\n#     proxy_pass http://app;\n# }\n]"),
            "[location / {\n\n    proxy_pass http://app;\n}\n]"
        );
    }

    #[test]
    fn a_mix_of_comments_and_code_is_commented_out() {
        assert_eq!(toggled("[# one;\ntwo;]"), "[# # one;\n# two;]");
    }

    #[test]
    fn a_caret_on_a_blank_line_starts_a_comment() {
        assert_eq!(toggled("a;\n  |\nb;"), "a;\n  # |\nb;");
        assert_eq!(toggled("|"), "# |");
    }

    #[test]
    fn crlf_lines_keep_their_endings() {
        assert_eq!(toggled("[a;\r\nb;\r\n]"), "[# a;\r\n# b;\r\n]");
    }

    #[test]
    fn json_has_no_comments() {
        assert_eq!(toggle("{}", Selection::caret(1), Language::Json), None);
    }
}
