//! A short unified line diff, for `fmt --check` to show what it would change.

/// Lines of diff shown per file; the rest is counted, not shown.
const SHOWN: usize = 40;
/// Unchanged lines shown around a change.
const CONTEXT: usize = 2;
/// Past this many changed lines the exact diff is not worth its cost: the
/// differing middle is shown as removed, then added.
const MAX_EDITS: usize = 2000;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Op {
    /// Line `.0` of the old text, equal to line `.1` of the new.
    Same(usize, usize),
    Delete(usize),
    Insert(usize),
}

/// `before` against `after` as unified diff hunks, capped at `SHOWN` lines.
pub fn unified(before: &str, after: &str) -> String {
    // Lines keep their `\n` so a missing final newline or a `\r` is a change.
    let old: Vec<&str> = before.split_inclusive('\n').collect();
    let new: Vec<&str> = after.split_inclusive('\n').collect();
    let ops = script(&old, &new);
    let mut lines = Vec::new();
    for (start, end) in hunks(&ops) {
        lines.push(header(&ops, start, end));
        lines.extend(ops[start..end].iter().map(|op| match *op {
            Op::Same(i, _) => marked(' ', old[i]),
            Op::Delete(i) => marked('-', old[i]),
            Op::Insert(j) => marked('+', new[j]),
        }));
    }
    let hidden = lines.len().saturating_sub(SHOWN);
    let mut text: String = lines.into_iter().take(SHOWN).collect();
    if hidden > 0 {
        text.push_str(&format!("… {hidden} more lines\n"));
    }
    text
}

/// The edit script: equal ends trimmed, then Myers' shortest script for the
/// middle.
fn script(old: &[&str], new: &[&str]) -> Vec<Op> {
    let prefix = old.iter().zip(new).take_while(|(a, b)| a == b).count();
    let most = old.len().min(new.len()) - prefix;
    let suffix = old
        .iter()
        .rev()
        .zip(new.iter().rev())
        .take(most)
        .take_while(|(a, b)| a == b)
        .count();
    let (old_mid, new_mid) = (&old[prefix..old.len() - suffix], &new[prefix..new.len() - suffix]);
    let mut ops: Vec<Op> = (0..prefix).map(|i| Op::Same(i, i)).collect();
    let middle = myers(old_mid, new_mid).unwrap_or_else(|| {
        let deletes = (0..old_mid.len()).map(Op::Delete);
        deletes.chain((0..new_mid.len()).map(Op::Insert)).collect()
    });
    ops.extend(middle.into_iter().map(|op| match op {
        Op::Same(i, j) => Op::Same(i + prefix, j + prefix),
        Op::Delete(i) => Op::Delete(i + prefix),
        Op::Insert(j) => Op::Insert(j + prefix),
    }));
    let (old_end, new_end) = (old.len() - suffix, new.len() - suffix);
    ops.extend((0..suffix).map(|s| Op::Same(old_end + s, new_end + s)));
    ops
}

/// Myers' greedy shortest edit script, or `None` past `MAX_EDITS` edits.
/// Each round's furthest-reaching x per diagonal is kept for the way back.
fn myers(old: &[&str], new: &[&str]) -> Option<Vec<Op>> {
    let (n, m) = (old.len() as isize, new.len() as isize);
    let limit = (old.len() + new.len()).min(MAX_EDITS) as isize;
    let offset = limit + 1;
    let at = |k: isize| (k + offset) as usize;
    let mut v = vec![0isize; 2 * limit as usize + 3];
    // rounds[d]: v before round d, diagonals -d-1..=d+1.
    let mut rounds: Vec<Vec<isize>> = Vec::new();
    for d in 0..=limit {
        rounds.push(v[at(-d - 1)..=at(d + 1)].to_vec());
        for k in (-d..=d).step_by(2) {
            let down = k == -d || (k != d && v[at(k - 1)] < v[at(k + 1)]);
            let mut x = if down { v[at(k + 1)] } else { v[at(k - 1)] + 1 };
            let mut y = x - k;
            while x < n && y < m && old[x as usize] == new[y as usize] {
                x += 1;
                y += 1;
            }
            v[at(k)] = x;
            if x >= n && y >= m {
                return Some(back_track(&rounds, n, m));
            }
        }
    }
    None
}

fn back_track(rounds: &[Vec<isize>], n: isize, m: isize) -> Vec<Op> {
    let (mut x, mut y) = (n, m);
    let mut ops = Vec::new();
    for (d, v) in rounds.iter().enumerate().rev() {
        let d = d as isize;
        let get = |k: isize| v[(k + d + 1) as usize];
        let k = x - y;
        let down = k == -d || (k != d && get(k - 1) < get(k + 1));
        let prev_k = if down { k + 1 } else { k - 1 };
        let prev_x = get(prev_k);
        let prev_y = prev_x - prev_k;
        while x > prev_x && y > prev_y && x > 0 && y > 0 {
            x -= 1;
            y -= 1;
            ops.push(Op::Same(x as usize, y as usize));
        }
        if d > 0 {
            if down {
                ops.push(Op::Insert((y - 1) as usize));
            } else {
                ops.push(Op::Delete((x - 1) as usize));
            }
            x = prev_x;
            y = prev_y;
        }
    }
    ops.reverse();
    ops
}

/// Ranges of `ops` to show: each change with `CONTEXT` unchanged lines on
/// either side, ranges that touch merged.
fn hunks(ops: &[Op]) -> Vec<(usize, usize)> {
    let mut hunks: Vec<(usize, usize)> = Vec::new();
    for (at, _) in ops.iter().enumerate().filter(|(_, op)| !matches!(op, Op::Same(..))) {
        let start = at.saturating_sub(CONTEXT);
        let end = (at + 1 + CONTEXT).min(ops.len());
        match hunks.last_mut() {
            Some(last) if start <= last.1 => last.1 = end,
            _ => hunks.push((start, end)),
        }
    }
    hunks
}

/// `@@ -old_start,old_count +new_start,new_count @@`, 1-based; an empty side
/// starts at the line before, as diff writes it.
fn header(ops: &[Op], start: usize, end: usize) -> String {
    let old_lines = |ops: &[Op]| ops.iter().filter(|op| !matches!(op, Op::Insert(_))).count();
    let new_lines = |ops: &[Op]| ops.iter().filter(|op| !matches!(op, Op::Delete(_))).count();
    let side = |before: usize, count: usize| format!("{},{count}", before + usize::from(count > 0));
    format!(
        "@@ -{} +{} @@\n",
        side(old_lines(&ops[..start]), old_lines(&ops[start..end])),
        side(new_lines(&ops[..start]), new_lines(&ops[start..end]))
    )
}

/// A diff line, with diff's note when the file's last line has no newline.
fn marked(mark: char, line: &str) -> String {
    match line.strip_suffix('\n') {
        Some(line) => format!("{mark}{line}\n"),
        None => format!("{mark}{line}\n\\ No newline at end of file\n"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shows_the_changed_lines_with_context() {
        let before = "a;\nb;\nc;\nd;\ne;\nf;\n";
        let after = "a;\nb;\nc;\n    d;\ne;\nf;\n";
        assert_eq!(
            unified(before, after),
            "@@ -2,5 +2,5 @@\n b;\n c;\n-d;\n+    d;\n e;\n f;\n"
        );
    }

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
        assert_eq!(
            unified(before, after),
            "@@ -1,6 +1,6 @@\n x {\n-y;\n+    y;\n }\n z {\n-w;\n+    w;\n }\n"
        );
    }

    #[test]
    fn a_missing_final_newline_and_removed_lines() {
        assert_eq!(
            unified("a;\nb;", "a;\nb;\n"),
            "@@ -1,2 +1,2 @@\n a;\n-b;\n\\ No newline at end of file\n+b;\n"
        );
        assert_eq!(
            unified("a;\n\n\nb;\n", "a;\n\nb;\n"),
            "@@ -1,4 +1,3 @@\n a;\n \n-\n b;\n"
        );
        assert_eq!(unified("a;\n", ""), "@@ -1,1 +0,0 @@\n-a;\n");
    }

    #[test]
    fn every_script_rebuilds_the_new_text() {
        let texts = ["", "a\n", "a\nb\nc\n", "b\na\nc\nd\n", "c\nc\nc\n", "x\na\ny\nb\n"];
        for before in texts {
            for after in texts {
                let old: Vec<&str> = before.split_inclusive('\n').collect();
                let new: Vec<&str> = after.split_inclusive('\n').collect();
                let ops = script(&old, &new);
                let rebuilt: String = ops
                    .iter()
                    .filter_map(|op| match *op {
                        Op::Same(i, j) => {
                            assert_eq!(old[i], new[j]);
                            Some(old[i])
                        }
                        Op::Insert(j) => Some(new[j]),
                        Op::Delete(_) => None,
                    })
                    .collect();
                assert_eq!(rebuilt, after, "{before:?} -> {after:?}");
                let removed: String = ops
                    .iter()
                    .filter_map(|op| match *op {
                        Op::Same(i, _) | Op::Delete(i) => Some(old[i]),
                        Op::Insert(_) => None,
                    })
                    .collect();
                assert_eq!(removed, before);
            }
        }
    }

    #[test]
    fn long_diffs_are_cut() {
        let before: String = (0..100).map(|i| format!("l{i};\n")).collect();
        let after: String = (0..100).map(|i| format!("    l{i};\n")).collect();
        let diff = unified(&before, &after);
        assert_eq!(diff.lines().count(), SHOWN + 1);
        assert!(diff.ends_with("… 161 more lines\n"), "{diff}");
    }
}
