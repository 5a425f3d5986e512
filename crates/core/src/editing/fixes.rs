//! Quick fixes as editor replacements.
//!
//! A diagnostic's fix is a list of text edits; the editor wants one
//! replacement so that applying a fix, or all safe fixes at once, is a single
//! undo step. The edits go through `json_edit::apply`, which merges
//! neighbouring property removals and takes their separators along, so the
//! result is what the CLI would write; the replacement is then the span
//! between the common prefix and suffix of the text before and after.

use super::history::change_between;
use super::Replace;
use crate::diagnostic::{Diagnostic, Fix, TextEdit};
use crate::json_edit;

/// A fix's edits as one replacement (so it is one undo step). None if the fix
/// changes nothing or an edit is out of range.
pub fn fix_replace(text: &str, fix: &Fix) -> Option<Replace> {
    if !fix.edits.iter().all(|edit| fits(text, edit)) {
        return None;
    }
    replacement(text, &fix.edits)
}

/// Every safe fix among `diagnostics` (the caller passes one file's), applied
/// together as one replacement, with how many fixes it applied. Fixes whose
/// edits overlap an earlier fix's are left out (two removals may overlap: they
/// merge, as removing neighbouring properties needs). None when there is none.
pub fn fix_all(text: &str, diagnostics: &[Diagnostic]) -> Option<(Replace, usize)> {
    let mut taken: Vec<&TextEdit> = Vec::new();
    let mut applied = 0;
    for fix in diagnostics.iter().filter_map(|d| d.fix.as_ref()) {
        if !fix.safe || fix.edits.is_empty() || !fix.edits.iter().all(|edit| fits(text, edit)) {
            continue;
        }
        let clashes = fix
            .edits
            .iter()
            .any(|edit| taken.iter().any(|other| clash(edit, other)));
        if clashes {
            continue;
        }
        taken.extend(&fix.edits);
        applied += 1;
    }
    if applied == 0 {
        return None;
    }
    let edits: Vec<TextEdit> = taken.into_iter().cloned().collect();
    Some((replacement(text, &edits)?, applied))
}

fn replacement(text: &str, edits: &[TextEdit]) -> Option<Replace> {
    let fixed = json_edit::apply(text, edits);
    let change = change_between(text, &fixed)?;
    Some(Replace {
        start: change.start,
        end: change.start + change.removed.len(),
        text: change.inserted,
    })
}

/// Whether an edit lies inside the text on char boundaries; `json_edit`
/// slices the text at its ends.
fn fits(text: &str, edit: &TextEdit) -> bool {
    let span = edit.span;
    span.start <= span.end && text.is_char_boundary(span.start) && text.is_char_boundary(span.end)
}

/// Whether two edits of different fixes cannot both be made: they overlap or
/// insert at the same place (whose order nothing decides), unless both are
/// removals, which merge.
fn clash(a: &TextEdit, b: &TextEdit) -> bool {
    if a.text.is_empty() && b.text.is_empty() {
        return false;
    }
    let overlap = a.span.start < b.span.end && b.span.start < a.span.end;
    overlap || a.span.start == b.span.start
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::{Severity, Span};
    use crate::reference::{self, BACKEND_TASK};

    fn edit(start: usize, end: usize, text: &str) -> TextEdit {
        TextEdit {
            span: Span::new(start, end),
            text: text.into(),
        }
    }

    fn fix(edits: Vec<TextEdit>, safe: bool) -> Fix {
        Fix {
            title: "t".into(),
            edits,
            safe,
        }
    }

    fn with_fix(fix: Fix) -> Diagnostic {
        Diagnostic {
            rule: "test/rule",
            severity: Severity::Warning,
            file: "t.json".into(),
            span: Span::new(0, 0),
            line: 1,
            column: 1,
            end_line: 1,
            end_column: 1,
            pointer: None,
            message: String::new(),
            help: None,
            fix: Some(fix),
            docs: String::new(),
        }
    }

    fn applied(text: &str, replace: &Replace) -> String {
        let mut out = text.to_owned();
        replace.apply(&mut out);
        out
    }

    /// The reference workspace's diagnostics in one file.
    fn reference_diagnostics(file: &str) -> (String, Vec<Diagnostic>) {
        let workspace = reference::workspace();
        let text = workspace.file(file).unwrap().text.clone();
        let diagnostics = workspace.analyze().diagnostics_in(file).cloned().collect();
        (text, diagnostics)
    }

    #[test]
    fn a_fix_becomes_the_one_replacement_spanning_its_edits() {
        let text = "{\"a\": 1, \"b\": 2}";
        let replace = fix_replace(text, &fix(vec![edit(1, 4, "\"x\""), edit(9, 12, "\"y\"")], false)).unwrap();
        assert_eq!(replace.start, 2);
        assert_eq!(applied(text, &replace), "{\"x\": 1, \"y\": 2}");
    }

    #[test]
    fn a_property_removal_takes_its_separator_as_the_cli_does() {
        let text = "{\"a\": 1, \"b\": 2}";
        // Removing the last property: json_edit takes the comma before it.
        let replace = fix_replace(text, &fix(vec![edit(9, 15, "")], true)).unwrap();
        assert_eq!(applied(text, &replace), "{\"a\": 1}");
    }

    #[test]
    fn a_fix_that_changes_nothing_gives_none() {
        assert_eq!(fix_replace("abc", &fix(vec![edit(0, 1, "a")], true)), None);
        assert_eq!(fix_replace("abc", &fix(vec![], true)), None);
    }

    #[test]
    fn a_fix_out_of_range_or_inside_a_char_gives_none() {
        assert_eq!(fix_replace("abc", &fix(vec![edit(2, 9, "")], true)), None);
        assert_eq!(fix_replace("é", &fix(vec![edit(1, 2, "x")], true)), None);
        let backwards = TextEdit {
            span: Span { start: 2, end: 1 },
            text: "x".into(),
        };
        assert_eq!(fix_replace("abc", &fix(vec![backwards], true)), None);
    }

    #[test]
    fn fix_all_applies_only_safe_fixes() {
        let text = "abcdef";
        let diagnostics = [
            with_fix(fix(vec![edit(0, 1, "A")], true)),
            with_fix(fix(vec![edit(2, 3, "C")], false)),
            with_fix(fix(vec![edit(4, 5, "E")], true)),
        ];
        let (replace, count) = fix_all(text, &diagnostics).unwrap();
        assert_eq!(count, 2);
        assert_eq!(applied(text, &replace), "AbcdEf");
    }

    #[test]
    fn fix_all_leaves_out_a_fix_overlapping_an_earlier_one() {
        let text = "abcdef";
        let diagnostics = [
            with_fix(fix(vec![edit(1, 3, "X")], true)),
            with_fix(fix(vec![edit(2, 4, "Y"), edit(5, 6, "Z")], true)),
            with_fix(fix(vec![edit(1, 1, "W")], true)),
            with_fix(fix(vec![edit(4, 5, "V")], true)),
        ];
        let (replace, count) = fix_all(text, &diagnostics).unwrap();
        assert_eq!(count, 2);
        assert_eq!(applied(text, &replace), "aXdVf");
    }

    #[test]
    fn fix_all_merges_overlapping_removals() {
        let text = "{\"a\": 1, \"b\": 2, \"c\": 3}";
        // Removing "b" (up to "c"'s key) and "c" (from after 2) overlap.
        let diagnostics = [
            with_fix(fix(vec![edit(9, 17, "")], true)),
            with_fix(fix(vec![edit(15, 23, "")], true)),
        ];
        let (replace, count) = fix_all(text, &diagnostics).unwrap();
        assert_eq!(count, 2);
        assert_eq!(applied(text, &replace), "{\"a\": 1}");
    }

    #[test]
    fn fix_all_without_safe_fixes_gives_none() {
        assert_eq!(fix_all("abc", &[]), None);
        let unsafe_only = [with_fix(fix(vec![edit(0, 1, "x")], false))];
        assert_eq!(fix_all("abc", &unsafe_only), None);
    }

    #[test]
    fn fix_all_removes_the_backend_task_definitions_read_only_fields() {
        let file = "ecs-backend-task.describe.json";
        let (text, diagnostics) = reference_diagnostics(file);
        assert_eq!(text, BACKEND_TASK);
        let read_only = |d: &&Diagnostic| d.rule == "taskdef/read-only-field";
        assert_eq!(diagnostics.iter().filter(read_only).count(), 7);
        let (replace, count) = fix_all(&text, &diagnostics).unwrap();
        let safe = diagnostics
            .iter()
            .filter(|d| d.fix.as_ref().is_some_and(|f| f.safe))
            .count();
        assert!(count >= 7 && count <= safe, "{count} of {safe}");
        let fixed = applied(&text, &replace);
        assert!(crate::json_tree::parse(&fixed).error.is_none(), "{fixed}");
        let mut workspace = reference::workspace();
        workspace.artifacts.iter_mut().find(|f| f.name == file).unwrap().text = fixed.clone();
        let after = workspace.analyze();
        assert_eq!(after.diagnostics_in(file).filter(read_only).count(), 0);
        assert!(fixed.contains("\"family\": \"ecs-backend-task\""));
        // Nothing safe is left to do.
        let left: Vec<_> = after.diagnostics_in(file).cloned().collect();
        assert_eq!(fix_all(&fixed, &left).map(|(_, n)| n), None);
    }

    #[test]
    fn fix_all_on_an_nginx_config_applies_its_safe_fixes_in_one_step() {
        let file = "frontend-nginx.conf";
        let (text, diagnostics) = reference_diagnostics(file);
        let rule = "nginx/header-without-always";
        assert!(diagnostics.iter().any(|d| d.rule == rule));
        let (replace, _) = fix_all(&text, &diagnostics).unwrap();
        let fixed = applied(&text, &replace);
        assert!(crate::nginx::parse(&fixed).errors.is_empty());
        assert!(crate::nginx::check(file, &fixed).iter().all(|d| d.rule != rule));
    }

    #[test]
    fn each_reference_fix_is_one_replacement_that_changes_the_text() {
        let workspace = reference::workspace();
        for d in workspace.analyze().diagnostics {
            let Some(fix) = &d.fix else { continue };
            let text = &workspace.file(&d.file).unwrap().text;
            let replace = fix_replace(text, fix).unwrap_or_else(|| panic!("{d:?}"));
            assert_ne!(&applied(text, &replace), text);
        }
    }
}
