//! The line diff of the text being edited against the file as imported, for
//! the editor's "changes" view.
//!
//! Lines are numbered as the editor numbers them (a trailing newline opens an
//! empty last line) and compared without a trailing `\r`, because the
//! textarea turns an imported CRLF file into LF and that is not a change the
//! user made.
//!
//! Myers' algorithm (from `similar`) gives the minimal diff, but its cost
//! grows with the product of the changed region's length and the number of
//! differences, and nothing may stop it by the clock: `similar` reads the
//! clock only for a deadline, and reading it panics in wasm. So the diff is
//! bounded by its input instead. Unchanged lines at both ends are set aside
//! first; a changed region too long for Myers is split at lines that occur
//! exactly once in both texts (patience diff's anchors) and its parts are
//! diffed the same way; a region that still cannot be split is shown as
//! removed and re-added. A typical edit of a large file is a short region and
//! gets the minimal diff; pasting in a wholly different file stays fast.

use std::collections::HashMap;
use std::ops::Range;

use similar::{capture_diff_slices, Algorithm, DiffOp};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LineTag {
    Same,
    Added,
    Removed,
}

/// One line of the diff, with its 1-based numbers in the old and new texts
/// (an added line has no old number, a removed one no new number).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DiffLine {
    pub tag: LineTag,
    pub old: Option<usize>,
    pub new: Option<usize>,
    /// The line without its newline.
    pub text: String,
}

/// Changed regions with at most this many lines (old and new together) go
/// straight to Myers, whose worst case there is a few million steps.
const MYERS_LINES: usize = 4000;
/// How many times a long region is split at anchors before its remaining
/// long parts are shown as replaced, so that no input makes the splitting
/// itself quadratic.
const MAX_SPLITS: usize = 8;

pub fn line_diff(old: &str, new: &str) -> Vec<DiffLine> {
    let a = lines(old);
    let b = lines(new);
    let mut out = Out {
        a: &a,
        b: &b,
        lines: Vec::with_capacity(a.len().max(b.len())),
    };
    // An explicit stack instead of recursion: the regions come off it in text
    // order, and no input can overflow the call stack.
    let mut tasks = vec![Task::Diff {
        old: 0..a.len(),
        new: 0..b.len(),
        splits: 0,
    }];
    while let Some(task) = tasks.pop() {
        match task {
            Task::Same { old, new, len } => out.same(old, new, len),
            Task::Diff { old, new, splits } => diff_region(&mut out, &mut tasks, old, new, splits),
        }
    }
    out.lines
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Segment {
    /// Lines shown, as indexes into the `DiffLine`s.
    Lines(Range<usize>),
    /// Unchanged lines folded away: how many, and which.
    Skipped { lines: usize, range: Range<usize> },
}

/// Changed lines with `context` unchanged lines around them; longer
/// unchanged runs collapse into Skipped. A run that would fold away a single
/// line is shown instead, as its marker would take the same room.
pub fn segments(lines: &[DiffLine], context: usize) -> Vec<Segment> {
    let n = lines.len();
    let changed = |i: usize| lines[i].tag != LineTag::Same;
    let mut shown = vec![false; n];
    let mut last: Option<usize> = None;
    for (i, show) in shown.iter_mut().enumerate() {
        if changed(i) {
            last = Some(i);
        }
        *show = last.is_some_and(|c| i - c <= context);
    }
    let mut next: Option<usize> = None;
    for i in (0..n).rev() {
        if changed(i) {
            next = Some(i);
        }
        shown[i] |= next.is_some_and(|c| c - i <= context);
    }
    let mut segments: Vec<Segment> = Vec::new();
    let mut start = 0;
    while start < n {
        let visible = shown[start];
        let end = start + shown[start..].iter().take_while(|&&s| s == visible).count();
        let as_lines = visible || end - start == 1;
        match segments.last_mut() {
            Some(Segment::Lines(range)) if as_lines => range.end = end,
            _ if as_lines => segments.push(Segment::Lines(start..end)),
            _ => segments.push(Segment::Skipped {
                lines: end - start,
                range: start..end,
            }),
        }
        start = end;
    }
    segments
}

/// (added, removed)
pub fn counts(lines: &[DiffLine]) -> (usize, usize) {
    lines.iter().fold((0, 0), |(added, removed), line| match line.tag {
        LineTag::Added => (added + 1, removed),
        LineTag::Removed => (added, removed + 1),
        LineTag::Same => (added, removed),
    })
}

/// The text's lines as the editor numbers them, without `\n` or a trailing `\r`.
fn lines(text: &str) -> Vec<&str> {
    text.split('\n').map(|l| l.strip_suffix('\r').unwrap_or(l)).collect()
}

enum Task {
    Diff {
        old: Range<usize>,
        new: Range<usize>,
        splits: usize,
    },
    Same {
        old: usize,
        new: usize,
        len: usize,
    },
}

struct Out<'t> {
    a: &'t [&'t str],
    b: &'t [&'t str],
    lines: Vec<DiffLine>,
}

impl Out<'_> {
    fn same(&mut self, old: usize, new: usize, len: usize) {
        for k in 0..len {
            self.lines.push(DiffLine {
                tag: LineTag::Same,
                old: Some(old + k + 1),
                new: Some(new + k + 1),
                text: self.a[old + k].to_owned(),
            });
        }
    }

    fn removed(&mut self, old: Range<usize>) {
        for i in old {
            self.lines.push(DiffLine {
                tag: LineTag::Removed,
                old: Some(i + 1),
                new: None,
                text: self.a[i].to_owned(),
            });
        }
    }

    fn added(&mut self, new: Range<usize>) {
        for j in new {
            self.lines.push(DiffLine {
                tag: LineTag::Added,
                old: None,
                new: Some(j + 1),
                text: self.b[j].to_owned(),
            });
        }
    }
}

/// Diffs one region: its common ends are emitted (or queued) as unchanged,
/// and its middle is diffed by Myers, split at anchors, or replaced whole.
fn diff_region(out: &mut Out, tasks: &mut Vec<Task>, old: Range<usize>, new: Range<usize>, splits: usize) {
    let (a, b) = (out.a, out.b);
    let prefix = a[old.clone()]
        .iter()
        .zip(&b[new.clone()])
        .take_while(|(x, y)| x == y)
        .count();
    out.same(old.start, new.start, prefix);
    let (old_start, new_start) = (old.start + prefix, new.start + prefix);
    let suffix = a[old_start..old.end]
        .iter()
        .rev()
        .zip(b[new_start..new.end].iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let (old_end, new_end) = (old.end - suffix, new.end - suffix);
    if suffix > 0 {
        tasks.push(Task::Same {
            old: old_end,
            new: new_end,
            len: suffix,
        });
    }
    let (old, new) = (old_start..old_end, new_start..new_end);
    if old.is_empty() || new.is_empty() {
        out.removed(old);
        out.added(new);
    } else if old.len() + new.len() <= MYERS_LINES {
        myers(out, old, new);
    } else {
        let anchors = if splits < MAX_SPLITS {
            anchors(&a[old.clone()], &b[new.clone()])
        } else {
            Vec::new()
        };
        if anchors.is_empty() {
            out.removed(old);
            out.added(new);
            return;
        }
        // Queued last region first, so they come off the stack in order.
        let mut gap_end = (old.end, new.end);
        for &(i, j) in anchors.iter().rev() {
            let (i, j) = (old.start + i, new.start + j);
            tasks.push(Task::Diff {
                old: i + 1..gap_end.0,
                new: j + 1..gap_end.1,
                splits: splits + 1,
            });
            tasks.push(Task::Same { old: i, new: j, len: 1 });
            gap_end = (i, j);
        }
        tasks.push(Task::Diff {
            old: old.start..gap_end.0,
            new: new.start..gap_end.1,
            splits: splits + 1,
        });
    }
}

fn myers(out: &mut Out, old: Range<usize>, new: Range<usize>) {
    let (a, b) = (out.a, out.b);
    for op in capture_diff_slices(Algorithm::Myers, &a[old.clone()], &b[new.clone()]) {
        let (o, n) = (op.old_range(), op.new_range());
        let (o, n) = (
            old.start + o.start..old.start + o.end,
            new.start + n.start..new.start + n.end,
        );
        match op {
            DiffOp::Equal { .. } => out.same(o.start, n.start, o.len()),
            DiffOp::Delete { .. } => out.removed(o),
            DiffOp::Insert { .. } => out.added(n),
            DiffOp::Replace { .. } => {
                out.removed(o);
                out.added(n);
            }
        }
    }
}

/// Pairs of (old, new) indexes of lines that occur exactly once in each
/// slice, the longest run of them in the same order in both (patience diff's
/// anchors), in order.
fn anchors(a: &[&str], b: &[&str]) -> Vec<(usize, usize)> {
    // (times in a, times in b, index in a, index in b)
    let mut seen: HashMap<&str, (u32, u32, usize, usize)> = HashMap::new();
    for (i, line) in a.iter().enumerate() {
        let entry = seen.entry(*line).or_insert((0, 0, i, 0));
        entry.0 = entry.0.saturating_add(1);
    }
    for (j, line) in b.iter().enumerate() {
        if let Some(entry) = seen.get_mut(line) {
            entry.1 = entry.1.saturating_add(1);
            entry.3 = j;
        }
    }
    let mut unique: Vec<(usize, usize)> = seen
        .into_values()
        .filter(|&(in_a, in_b, ..)| in_a == 1 && in_b == 1)
        .map(|(_, _, i, j)| (i, j))
        .collect();
    unique.sort_unstable_by_key(|&(_, j)| j);
    longest_increasing(&unique)
}

/// The longest subsequence of `pairs` (sorted by their second index) whose
/// first indexes increase, by patience sorting.
fn longest_increasing(pairs: &[(usize, usize)]) -> Vec<(usize, usize)> {
    // tails[k]: index into `pairs` of the smallest tail of a run of length k + 1.
    let mut tails: Vec<usize> = Vec::new();
    let mut previous: Vec<Option<usize>> = vec![None; pairs.len()];
    for (p, &(i, _)) in pairs.iter().enumerate() {
        let k = tails.partition_point(|&t| pairs[t].0 < i);
        previous[p] = k.checked_sub(1).map(|k| tails[k]);
        if k == tails.len() {
            tails.push(p);
        } else {
            tails[k] = p;
        }
    }
    let mut run = Vec::with_capacity(tails.len());
    let mut at = tails.last().copied();
    while let Some(p) = at {
        run.push(pairs[p]);
        at = previous[p];
    }
    run.reverse();
    run
}

#[cfg(test)]
mod tests {
    use super::*;
    use LineTag::*;

    fn tags(lines: &[DiffLine]) -> Vec<(LineTag, Option<usize>, Option<usize>, &str)> {
        lines.iter().map(|l| (l.tag, l.old, l.new, l.text.as_str())).collect()
    }

    /// The old and new texts' lines, read back from a diff.
    fn sides(lines: &[DiffLine]) -> (Vec<&str>, Vec<&str>) {
        let old = lines
            .iter()
            .filter(|l| l.tag != Added)
            .map(|l| l.text.as_str())
            .collect();
        let new = lines
            .iter()
            .filter(|l| l.tag != Removed)
            .map(|l| l.text.as_str())
            .collect();
        (old, new)
    }

    fn line(tag: LineTag) -> DiffLine {
        DiffLine {
            tag,
            old: None,
            new: None,
            text: String::new(),
        }
    }

    #[test]
    fn a_changed_line_is_removed_then_added_between_unchanged_ones() {
        assert_eq!(
            tags(&line_diff("a\nb\nc", "a\nB\nc")),
            [
                (Same, Some(1), Some(1), "a"),
                (Removed, Some(2), None, "b"),
                (Added, None, Some(2), "B"),
                (Same, Some(3), Some(3), "c"),
            ]
        );
    }

    #[test]
    fn inserted_and_deleted_lines_carry_their_own_side_numbers() {
        assert_eq!(
            tags(&line_diff("a\nc\nd", "a\nb\nc")),
            [
                (Same, Some(1), Some(1), "a"),
                (Added, None, Some(2), "b"),
                (Same, Some(2), Some(3), "c"),
                (Removed, Some(3), None, "d"),
            ]
        );
    }

    #[test]
    fn identical_texts_are_all_unchanged() {
        let diff = line_diff("a\nb\n", "a\nb\n");
        assert!(diff.iter().all(|l| l.tag == Same));
        assert_eq!(diff.len(), 3);
        assert_eq!(counts(&diff), (0, 0));
    }

    #[test]
    fn a_crlf_original_compares_equal_to_its_lf_edit() {
        let diff = line_diff("a\r\nb\r\n", "a\nb\n");
        assert_eq!(counts(&diff), (0, 0));
        assert_eq!(diff[0].text, "a");
    }

    #[test]
    fn a_removed_final_newline_shows_as_a_removed_empty_line() {
        assert_eq!(
            tags(&line_diff("a\n", "a")),
            [(Same, Some(1), Some(1), "a"), (Removed, Some(2), None, "")]
        );
    }

    #[test]
    fn empty_texts_diff_as_one_line() {
        assert_eq!(tags(&line_diff("", "")), [(Same, Some(1), Some(1), "")]);
        assert_eq!(counts(&line_diff("", "x")), (1, 1));
    }

    #[test]
    fn counts_are_added_and_removed_lines() {
        let diff = line_diff("a\nb\nc\n", "a\nx\ny\nc\n");
        assert_eq!(counts(&diff), (2, 1));
    }

    #[test]
    fn scattered_edits_of_a_long_file_get_the_minimal_diff() {
        let old: Vec<String> = (0..50_000).map(|i| format!("line {i}")).collect();
        let mut new = old.clone();
        for i in (0..50_000).step_by(97) {
            new[i] = format!("changed {i}");
        }
        new.insert(25_000, "inserted".into());
        let (old, new) = (old.join("\n"), new.join("\n"));
        let diff = line_diff(&old, &new);
        let changed = (0..50_000).step_by(97).count();
        assert_eq!(counts(&diff), (changed + 1, changed));
        let (a, b) = sides(&diff);
        assert_eq!(a.join("\n"), old);
        assert_eq!(b.join("\n"), new);
    }

    #[test]
    fn a_wholly_different_long_file_is_removed_and_added_quickly() {
        let old: String = (0..40_000).map(|i| format!("old {i}\n")).collect();
        let new: String = (0..40_000).map(|i| format!("new {i}\n")).collect();
        let diff = line_diff(&old, &new);
        assert_eq!(counts(&diff), (40_000, 40_000));
        let (a, b) = sides(&diff);
        assert_eq!(a.join("\n"), old);
        assert_eq!(b.join("\n"), new);
    }

    #[test]
    fn long_regions_of_repeated_lines_still_diff_correctly() {
        let old = "}\n".repeat(5000);
        let new = format!("{}x\n{}", "}\n".repeat(2500), "}\n".repeat(2600));
        let diff = line_diff(&old, &new);
        let (a, b) = sides(&diff);
        assert_eq!(a.join("\n"), old);
        assert_eq!(b.join("\n"), new);
    }

    #[test]
    fn unchanged_runs_beyond_the_context_are_skipped() {
        let lines: Vec<_> = [
            Same, Same, Same, Same, Removed, Added, Same, Same, Same, Same, Same, Same, Added, Same,
        ]
        .into_iter()
        .map(line)
        .collect();
        assert_eq!(
            segments(&lines, 1),
            [
                Segment::Skipped { lines: 3, range: 0..3 },
                Segment::Lines(3..7),
                Segment::Skipped { lines: 4, range: 7..11 },
                Segment::Lines(11..14),
            ]
        );
    }

    #[test]
    fn a_gap_of_a_single_unchanged_line_is_shown() {
        let lines: Vec<_> = [Added, Same, Same, Same, Added].into_iter().map(line).collect();
        assert_eq!(segments(&lines, 1), [Segment::Lines(0..5)]);
    }

    #[test]
    fn no_changes_fold_into_one_skip_and_no_lines_into_nothing() {
        let lines: Vec<_> = [Same, Same, Same].into_iter().map(line).collect();
        assert_eq!(segments(&lines, 3), [Segment::Skipped { lines: 3, range: 0..3 }]);
        assert_eq!(segments(&[], 3), []);
    }

    #[test]
    fn zero_context_shows_only_changes() {
        let lines: Vec<_> = [Same, Same, Added, Same, Same].into_iter().map(line).collect();
        assert_eq!(
            segments(&lines, 0),
            [
                Segment::Skipped { lines: 2, range: 0..2 },
                Segment::Lines(2..3),
                Segment::Skipped { lines: 2, range: 3..5 },
            ]
        );
    }

    #[test]
    fn anchors_are_the_longest_run_of_unique_lines_in_order() {
        let a = ["x", "a", "b", "c", "x"];
        let b = ["c", "a", "b", "y"];
        assert_eq!(anchors(&a, &b), [(1, 1), (2, 2)]);
    }
}
