use super::common::{line_of, repeats};
use crate::diagnostic::{Diagnostic, Fix, Span, TextEdit};
use crate::json_tree::Node;
use crate::rules::declare_rule;
use crate::rules::taskdef::Context;

declare_rule! {
    /// Reports a tag whose `key` an earlier tag of the task definition already
    /// has. Keys are case-sensitive: `Team` and `team` are different keys.
    ///
    /// # Why it matters
    /// Each tag key of a resource must be unique and has one value, so ECS
    /// refuses the list rather than pick one of the values.
    ///
    /// # Example
    /// ```json
    /// "tags": [{ "key": "team", "value": "web" }, { "key": "team", "value": "platform" }]
    /// ```
    ///
    /// # Fix
    /// Keep one tag per key. When both values matter, use two keys.
    ///
    /// # References
    /// RegisterTaskDefinition, parameter `tags` (Amazon ECS API Reference):
    /// "For each resource, each tag key must be unique, and each tag key can
    /// have only one value."
    pub static RULE = {
        id: "taskdef/duplicate-tag-key",
        severity: Error,
        summary: "Two tags with the same key",
    }
}

pub fn check(context: &Context, out: &mut Vec<Diagnostic>) {
    let Some(list) = context.body.value("tags") else {
        return;
    };
    let keyed: Vec<(usize, &Node, &str)> = list
        .items()
        .iter()
        .enumerate()
        .filter_map(|(index, tag)| {
            let node = tag.value("key")?;
            Some((index, node, node.as_str()?))
        })
        .collect();
    let keys: Vec<&str> = keyed.iter().map(|(_, _, key)| *key).collect();
    for (second, first) in repeats(&keys) {
        let (index, node, key) = keyed[second];
        let first_line = line_of(context, keyed[first].1.span);
        let message = format!(
            "Tag keys must be unique within a resource. \"{key}\" is also the key of the tag on line {first_line}."
        );
        let mut diagnostic = context
            .diagnostic(&RULE, node.span, &format!("/tags/{index}/key"), message)
            .with_help("A tag key can have only one value. Remove this tag, or give it another key.");
        let values = |i: usize| {
            list.items()
                .get(i)
                .and_then(|t| t.value("value"))
                .and_then(Node::as_str)
        };
        // A verbatim copy loses nothing when removed; a different value would be lost.
        if values(index) == values(keyed[first].0) {
            if let Some(edit) = remove_item(list, index) {
                diagnostic = diagnostic.with_fix(Fix {
                    title: "Remove the repeated tag".into(),
                    edits: vec![edit],
                    safe: true,
                });
            }
        }
        out.push(diagnostic);
    }
}

/// Removes the list's item at `index` with the comma that joins it to a neighbour.
fn remove_item(list: &Node, index: usize) -> Option<TextEdit> {
    let items = list.items();
    let item = items.get(index)?;
    let span = match (index.checked_sub(1).and_then(|i| items.get(i)), items.get(index + 1)) {
        (_, Some(next)) => Span::new(item.span.start, next.span.start),
        (Some(previous), None) => Span::new(previous.span.end, item.span.end),
        (None, None) => item.span,
    };
    Some(TextEdit {
        span,
        text: String::new(),
    })
}

#[cfg(test)]
mod tests {
    use crate::json_edit::apply;
    use crate::reference::{BACKEND_TASK, FRONTEND_TASK};
    use crate::rules::taskdef::fixtures::{edited, hits, VALID};

    const ID: &str = "taskdef/duplicate-tag-key";

    fn with_tags(tags: &[(&str, &str)]) -> String {
        let items: Vec<String> = tags
            .iter()
            .map(|(k, v)| format!("    {{ \"key\": {k}, \"value\": {v} }}"))
            .collect();
        edited(
            "\"family\": \"web\",",
            &format!("\"family\": \"web\",\n  \"tags\": [\n{}\n  ],", items.join(",\n")),
        )
    }

    #[test]
    fn triggers_at_the_second_tag_naming_the_first_line() {
        let text = with_tags(&[
            ("\"team\"", "\"web\""),
            ("\"env\"", "\"prod\""),
            ("\"team\"", "\"ops\""),
        ]);
        let found = hits(&text, ID);
        assert_eq!(found.len(), 1);
        assert_eq!(
            found[0].message,
            "Tag keys must be unique within a resource. \"team\" is also the key of the tag on line 4."
        );
        assert_eq!(found[0].line, 6);
        assert_eq!(found[0].pointer.as_deref(), Some("/tags/2/key"));
        // Different values: which one to keep is the author's call.
        assert!(found[0].fix.is_none());
    }

    #[test]
    fn a_verbatim_copy_is_removed_safely() {
        let text = with_tags(&[
            ("\"team\"", "\"web\""),
            ("\"team\"", "\"web\""),
            ("\"env\"", "\"prod\""),
        ]);
        let found = hits(&text, ID);
        let fix = found[0].fix.clone().unwrap();
        assert!(fix.safe);
        let fixed = apply(&text, &fix.edits);
        assert!(crate::json_tree::parse(&fixed).error.is_none(), "{fixed}");
        assert_eq!(fixed.matches("\"team\"").count(), 1, "{fixed}");
        assert!(fixed.contains("\"env\""));
        assert!(hits(&fixed, ID).is_empty());
    }

    #[test]
    fn stays_quiet_on_distinct_or_differently_cased_keys() {
        assert!(hits(VALID, ID).is_empty());
        assert!(hits(BACKEND_TASK, ID).is_empty());
        assert!(hits(FRONTEND_TASK, ID).is_empty());
        let text = with_tags(&[
            ("\"team\"", "\"web\""),
            ("\"Team\"", "\"web\""),
            ("1", "\"x\""),
            ("1", "\"x\""),
        ]);
        assert!(hits(&text, ID).is_empty());
    }
}
