//! A short unified line diff, for `fmt --check` to show what it would change.

use similar::TextDiff;

/// Lines of diff shown per file; the rest is counted, not shown.
const SHOWN: usize = 40;
/// Unchanged lines shown around a change.
const CONTEXT: usize = 2;

/// `before` against `after` as unified diff hunks, capped at `SHOWN` lines.
pub fn unified(before: &str, after: &str) -> String {
    let diff = TextDiff::from_lines(before, after);
    let full = diff.unified_diff().context_radius(CONTEXT).to_string();
    let lines: Vec<&str> = full.split_inclusive('\n').collect();
    if lines.len() <= SHOWN {
        return full;
    }
    let mut shown: String = lines[..SHOWN].concat();
    shown.push_str(&format!("… {} more lines\n", lines.len() - SHOWN));
    shown
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn separate_changes_get_separate_hunks() {
        let before = "a\nb\nc\nd\ne\nf\ng\nh\ni\n";
        let after = "A\nb\nc\nd\ne\nf\ng\nh\nI\n";
        assert_eq!(
            unified(before, after),
            "@@ -1,3 +1,3 @@\n-a\n+A\n b\n c\n@@ -7,3 +7,3 @@\n g\n h\n-i\n+I\n"
        );
    }

    #[test]
    fn keeps_the_lines_both_sides_share() {
        let before = "x {\ny;\n}\nz {\nw;\n}\n";
        let after = "x {\n    y;\n}\nz {\n    w;\n}\n";
        let diff = unified(before, after);
        assert!(
            diff.starts_with("@@ -1,6 +1,6 @@\n x {\n-y;\n+    y;\n }\n z {\n"),
            "{diff}"
        );
        assert!(diff.contains("-w;\n+    w;\n }\n"), "{diff}");
    }

    #[test]
    fn a_missing_final_newline_and_removed_lines() {
        let diff = unified("a;\nb;", "a;\nb;\n");
        assert!(diff.contains("-b;") && diff.contains("+b;\n"), "{diff}");
        assert!(diff.contains("No newline at end of file"), "{diff}");
        assert_eq!(unified("a;\n\n\nb;\n", "a;\n\nb;\n").matches("\n-").count(), 1);
        assert!(unified("a;\n", "").contains("-a;\n"));
    }

    #[test]
    fn long_diffs_are_cut() {
        let before: String = (0..100).map(|i| format!("l{i};\n")).collect();
        let after: String = (0..100).map(|i| format!("    l{i};\n")).collect();
        let diff = unified(&before, &after);
        assert_eq!(diff.lines().count(), SHOWN + 1);
        assert!(diff.ends_with(" more lines\n"), "{diff}");
    }
}
