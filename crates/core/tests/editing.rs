//! The editor's logic takes whatever text and offsets the page hands it: a
//! half-typed config, a paste of binary garbage, a caret inside a character
//! or past the end. These properties check that nothing panics on any of it
//! and that the promises the web component relies on hold: tokens stay in
//! their line and in order, undo gives back exactly the text before, offsets
//! convert back and forth, a diff reads back as both texts.

use atlas_core::editing::brackets::matching;
use atlas_core::editing::comment;
use atlas_core::editing::diff::{counts, line_diff, segments, LineTag, Segment};
use atlas_core::editing::find::{find_all, next_index, replace_all};
use atlas_core::editing::fixes::{fix_all, fix_replace};
use atlas_core::editing::highlight::Highlighter;
use atlas_core::editing::history::{change_between, EditKind, History};
use atlas_core::editing::indent::{dedent, indent, newline, unit};
use atlas_core::editing::offsets::{byte_to_utf16, utf16_to_byte};
use atlas_core::editing::{Language, Replace, Selection};
use atlas_core::line_index::floor_boundary as floor;
use atlas_core::reference::{BACKEND_NGINX, BACKEND_TASK};
use proptest::prelude::*;

/// Text made of the pieces the lexers care about, so strings, comments,
/// variables and line ends meet each other often; or any text at all.
fn code() -> impl Strategy<Value = String> {
    const PIECES: &[&str] = &[
        "{", "}", "[", "]", "(", ")", "\"", "'", "\\", "$", "${a}", "$1", "#", "//", "/*", "*/", "\n", "\r\n", "\r",
        " ", "  ", "\t", "é", "😀", "İ", "a", "key", "1", "-2.5e3", "true", "null", ";", ":", ",", "listen",
    ];
    prop_oneof![
        prop::collection::vec(prop::sample::select(PIECES), 0..60).prop_map(|pieces| pieces.concat()),
        any::<String>(),
        prop::collection::vec(any::<u8>(), 0..200).prop_map(|b| String::from_utf8_lossy(&b).into_owned()),
    ]
}

fn language() -> impl Strategy<Value = Language> {
    prop_oneof![Just(Language::Json), Just(Language::Nginx)]
}

/// An offset near or in the text, now and then far past it.
fn offset() -> impl Strategy<Value = usize> {
    prop_oneof![8 => 0usize..200, 1 => Just(usize::MAX), 1 => any::<usize>()]
}

fn selection() -> impl Strategy<Value = Selection> {
    (offset(), offset()).prop_map(|(a, b)| Selection { start: a, end: b })
}

fn assert_on_boundaries(text: &str, offsets: &[usize]) {
    for &at in offsets {
        assert!(at <= text.len() && text.is_char_boundary(at), "{at} in {text:?}");
    }
}

fn applied(text: &str, replace: &Replace) -> String {
    let mut out = text.to_owned();
    replace.apply(&mut out);
    out
}

/// One edit of a text: replace a clamped range with a piece.
fn edit() -> impl Strategy<Value = (usize, usize, String, u8, u16)> {
    (
        offset(),
        0usize..6,
        prop::sample::select(vec!["", "a", "b", " ", "\n", "é", "😀", "xyz"]).prop_map(String::from),
        0u8..3,
        0u16..2000,
    )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn highlighted_tokens_stay_in_their_line_in_order(text in code(), language in language()) {
        let h = Highlighter::new(language, &text);
        prop_assert_eq!(h.line_count(), text.matches('\n').count() + 1);
        for line in 0..h.line_count() {
            let range = h.line_range(line);
            prop_assert_eq!(range.start, h.line_start(line));
            assert_on_boundaries(&text, &[range.start, range.end]);
            prop_assert!(!text[range.clone()].contains('\n'));
            prop_assert_eq!(h.line_of(range.start), line);
            let mut end = 0;
            for token in h.tokens(&text, line) {
                prop_assert!(token.start >= end && token.start < token.end, "{:?}", token);
                prop_assert!(range.start + token.end <= range.end, "{:?}", token);
                assert_on_boundaries(&text, &[range.start + token.start, range.start + token.end]);
                end = token.end;
            }
        }
        prop_assert!(h.tokens(&text, h.line_count()).is_empty());
        prop_assert_eq!(h.line_start(usize::MAX), text.len());
    }

    /// A line's tokens depend only on the text above it: lexing a prefix
    /// that ends with a line's newline gives its lines the same tokens.
    #[test]
    fn a_lines_tokens_depend_only_on_the_text_above_it(text in code(), language in language(), cut in offset()) {
        let whole = Highlighter::new(language, &text);
        let line = whole.line_of(cut);
        let prefix = &text[..whole.line_start(line + 1)];
        let part = Highlighter::new(language, prefix);
        for l in 0..=line {
            prop_assert_eq!(part.tokens(prefix, l), whole.tokens(&text, l));
        }
    }

    #[test]
    fn an_edited_index_is_the_index_of_the_new_text(text in code(), language in language(), start in offset(), cut in 0usize..12, insert in code()) {
        let start = floor(&text, start.min(text.len()));
        let end = floor(&text, start.saturating_add(cut).min(text.len()));
        let new = format!("{}{}{}", &text[..start], insert, &text[end..]);
        let mut edited = Highlighter::new(language, &text);
        edited.edit(&new, start, end - start, insert.len());
        prop_assert_eq!(edited, Highlighter::new(language, &new));
    }

    #[test]
    fn an_index_given_a_text_the_edit_does_not_describe_stays_in_it(text in code(), other in code(), language in language(), start in offset(), cut in offset(), insert in offset()) {
        let mut edited = Highlighter::new(language, &text);
        edited.edit(&other, start, cut, insert);
        for line in 0..edited.line_count() {
            let range = edited.line_range(line);
            prop_assert!(range.start <= range.end && range.end <= other.len());
            edited.tokens(&other, line);
        }
    }

    #[test]
    fn a_matched_bracket_matches_back(text in code(), language in language(), caret in offset()) {
        let h = Highlighter::new(language, &text);
        if let Some((at, partner)) = matching(&h, &text, caret) {
            let pair = (text.as_bytes()[at], text.as_bytes()[partner]);
            let ok = matches!(pair, (b'{', b'}') | (b'}', b'{') | (b'[', b']') | (b']', b'[') | (b'(', b')') | (b')', b'('));
            prop_assert!(ok, "{:?}", pair);
            let opens = matches!(pair.0, b'{' | b'[' | b'(');
            prop_assert_eq!(at < partner, opens);
            prop_assert_eq!(matching(&h, &text, partner), Some((partner, at)));
        }
    }

    #[test]
    fn editing_keys_give_replacements_and_selections_inside_the_text(text in code(), sel in selection(), language in language()) {
        let unit = unit(language, &text);
        prop_assert!(unit == "\t" || (!unit.is_empty() && unit.bytes().all(|b| b == b' ')));
        let (replace, after) = indent(&text, sel, &unit);
        let out = applied(&text, &replace);
        assert_on_boundaries(&text, &[replace.start, replace.end]);
        assert_on_boundaries(&out, &[after.start, after.end]);
        prop_assert!(after.start <= after.end);
        if let Some((replace, after)) = dedent(&text, sel, &unit) {
            assert_on_boundaries(&text, &[replace.start, replace.end]);
            let out = applied(&text, &replace);
            prop_assert!(out.len() < text.len());
            assert_on_boundaries(&out, &[after.start, after.end]);
        }
        let (replace, caret) = newline(&text, sel, &unit);
        assert_on_boundaries(&text, &[replace.start, replace.end]);
        let out = applied(&text, &replace);
        prop_assert!(caret.is_caret());
        assert_on_boundaries(&out, &[caret.start]);
        prop_assert!(out[..caret.start].ends_with(['\n', ' ', '\t']));
    }

    #[test]
    fn commenting_out_and_back_restores_the_text(text in code(), sel in selection()) {
        let Some((replace, commented_sel)) = comment::toggle(&text, sel, Language::Nginx) else {
            return Err(TestCaseError::fail("nginx always toggles"));
        };
        assert_on_boundaries(&text, &[replace.start, replace.end]);
        let commented = applied(&text, &replace);
        assert_on_boundaries(&commented, &[commented_sel.start, commented_sel.end]);
        prop_assert!(commented_sel.start <= commented_sel.end);
        // Commenting out added marks; toggling again takes exactly those away.
        if commented.len() > text.len() {
            let (replace, _) = comment::toggle(&commented, commented_sel, Language::Nginx).unwrap();
            prop_assert_eq!(applied(&commented, &replace), text.clone());
        }
    }

    #[test]
    fn dedent_undoes_indent_of_a_selection(text in code(), a in any::<prop::sample::Index>(), b in any::<prop::sample::Index>(), tab in any::<bool>()) {
        let unit = if tab { "\t" } else { "  " };
        let at = |i: prop::sample::Index| floor(&text, i.index(text.len() + 1));
        let sel = Selection::new(at(a), at(b));
        if sel.is_caret() {
            // A caret inserts a unit rather than indenting its line.
            return Ok(());
        }
        let (replace, indented_sel) = indent(&text, sel, unit);
        let indented = applied(&text, &replace);
        match dedent(&indented, indented_sel, unit) {
            Some((replace, back)) => {
                prop_assert_eq!(applied(&indented, &replace), text.clone());
                prop_assert_eq!(back, sel);
            }
            None => prop_assert_eq!(indented, text.clone()),
        }
    }

    #[test]
    fn undo_restores_each_text_exactly_and_redo_replays_them(
        start in code(),
        edits in prop::collection::vec(edit(), 1..25),
    ) {
        let mut text = start.clone();
        let mut history = History::new();
        let mut versions = vec![text.clone()];
        let mut now = 0.0;
        for (at, cut, insert, kind, wait) in edits {
            let from = floor(&text, at);
            let to = floor(&text, from.saturating_add(cut));
            let mut next = text.clone();
            next.replace_range(from..to, &insert);
            now += f64::from(wait);
            let kind = [EditKind::Typing, EditKind::Deleting, EditKind::Other][usize::from(kind)];
            if let Some(change) = change_between(&text, &next) {
                let mut check = text.clone();
                Replace { start: change.start, end: change.start + change.removed.len(), text: change.inserted.clone() }.apply(&mut check);
                prop_assert_eq!(&check, &next);
                let before = Selection::caret(from);
                let after = Selection::caret(from + insert.len());
                history.record(change, before, after, kind, now);
                // Whatever coalesced, one undo gives back a text seen before.
                // (On a copy: undoing here would stop the next edit coalescing.)
                let mut probe = history.clone();
                let mut undone = next.clone();
                let (replace, _) = probe.undo().unwrap();
                replace.apply(&mut undone);
                prop_assert!(versions.contains(&undone), "{:?}", undone);
                let (replace, _) = probe.redo().unwrap();
                replace.apply(&mut undone);
                prop_assert_eq!(&undone, &next);
                versions.push(next.clone());
                text = next;
            }
        }
        let end = text.clone();
        while let Some((replace, _)) = history.undo() {
            replace.apply(&mut text);
        }
        prop_assert_eq!(&text, &start);
        while let Some((replace, _)) = history.redo() {
            replace.apply(&mut text);
        }
        prop_assert_eq!(text, end);
    }

    #[test]
    fn undo_after_a_step_that_never_coalesces_restores_the_old_text(old in code(), new in code()) {
        let mut history = History::new();
        if let Some(change) = change_between(&old, &new) {
            history.record(change, Selection::default(), Selection::default(), EditKind::Other, 0.0);
            let mut text = new.clone();
            history.undo().unwrap().0.apply(&mut text);
            prop_assert_eq!(&text, &old);
            history.redo().unwrap().0.apply(&mut text);
            prop_assert_eq!(text, new);
        } else {
            prop_assert_eq!(old, new);
        }
    }

    #[test]
    fn utf16_offsets_convert_both_ways(text in code(), at in offset()) {
        let units = text.encode_utf16().count();
        prop_assert_eq!(byte_to_utf16(&text, usize::MAX), units);
        let byte = utf16_to_byte(&text, at);
        assert_on_boundaries(&text, &[byte]);
        prop_assert!(byte_to_utf16(&text, byte) <= at.min(units));
        let boundary = floor(&text, at);
        prop_assert_eq!(utf16_to_byte(&text, byte_to_utf16(&text, boundary)), boundary);
        let naive: usize = text[..boundary].chars().map(char::len_utf16).sum();
        prop_assert_eq!(byte_to_utf16(&text, at), naive);
    }

    #[test]
    fn replacements_clamp_any_offsets(text in code(), start in offset(), end in offset(), insert in code()) {
        let mut out = text.clone();
        Replace { start, end, text: insert.clone() }.apply(&mut out);
        prop_assert!(out.len() <= text.len() + insert.len());
    }

    #[test]
    fn matches_are_ordered_disjoint_and_are_the_query(text in code(), query in code(), case_sensitive in any::<bool>(), from in offset(), backwards in any::<bool>()) {
        let matches = find_all(&text, &query, case_sensitive, 50);
        prop_assert!(matches.len() <= 50);
        let mut end = 0;
        for m in &matches {
            prop_assert!(m.start >= end && m.start < m.end);
            assert_on_boundaries(&text, &[m.start, m.end]);
            if case_sensitive {
                prop_assert_eq!(&text[m.clone()], query.as_str());
            } else if text.is_ascii() && query.is_ascii() {
                prop_assert!(text[m.clone()].eq_ignore_ascii_case(&query));
            }
            end = m.end;
        }
        match next_index(&matches, from, backwards) {
            Some(i) => prop_assert!(i < matches.len()),
            None => prop_assert!(matches.is_empty()),
        }
    }

    #[test]
    fn replace_all_is_what_str_replace_gives(text in code(), query in code(), with in code()) {
        let matches = find_all(&text, &query, true, usize::MAX);
        match replace_all(&text, &matches, &with) {
            Some(replace) => prop_assert_eq!(applied(&text, &replace), text.replace(&query, &with)),
            None => prop_assert!(query.is_empty() || !text.contains(&query)),
        }
    }

    #[test]
    fn a_line_diff_reads_back_as_both_texts(old in code(), new in code(), context in 0usize..4) {
        let lines = line_diff(&old, &new);
        let strip = |t: &str| t.split('\n').map(|l| l.strip_suffix('\r').unwrap_or(l).to_owned()).collect::<Vec<_>>();
        let old_side: Vec<_> = lines.iter().filter(|l| l.tag != LineTag::Added).map(|l| l.text.clone()).collect();
        let new_side: Vec<_> = lines.iter().filter(|l| l.tag != LineTag::Removed).map(|l| l.text.clone()).collect();
        prop_assert_eq!(&old_side, &strip(&old));
        prop_assert_eq!(&new_side, &strip(&new));
        let (added, removed) = counts(&lines);
        prop_assert_eq!(lines.len(), added + old_side.len());
        prop_assert_eq!(lines.len(), removed + new_side.len());
        let mut next = 0;
        for segment in segments(&lines, context) {
            let range = match segment {
                Segment::Lines(range) => range,
                Segment::Skipped { lines: skipped, range } => {
                    prop_assert_eq!(skipped, range.len());
                    prop_assert!(lines[range.clone()].iter().all(|l| l.tag == LineTag::Same));
                    range
                }
            };
            prop_assert_eq!(range.start, next);
            prop_assert!(range.end > range.start);
            next = range.end;
        }
        prop_assert_eq!(next, lines.len());
    }

    #[test]
    fn fixes_of_mutated_seeds_apply_cleanly(at in 0usize..4000, cut in 0usize..8, insert in prop::sample::select(vec!["", "\"", ",", "{", "}", "é", "\"revision\": 3,", ";", "always"])) {
        for (name, seed) in [("t.json", BACKEND_TASK), ("t.conf", BACKEND_NGINX)] {
            let from = floor(seed, at);
            let to = floor(seed, from + cut);
            let text = format!("{}{insert}{}", &seed[..from], &seed[to..]);
            let diagnostics = if name.ends_with(".conf") {
                atlas_core::nginx::check(name, &text)
            } else {
                atlas_core::taskdef::check(name, &text).diagnostics
            };
            for fix in diagnostics.iter().filter_map(|d| d.fix.as_ref()) {
                if let Some(replace) = fix_replace(&text, fix) {
                    assert_on_boundaries(&text, &[replace.start, replace.end]);
                    prop_assert_ne!(applied(&text, &replace), text.clone());
                }
            }
            if let Some((replace, count)) = fix_all(&text, &diagnostics) {
                prop_assert!(count > 0);
                assert_on_boundaries(&text, &[replace.start, replace.end]);
            }
        }
    }
}
