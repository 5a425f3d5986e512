use std::collections::HashMap;

use crate::diagnostic::{Diagnostic, Fix, TextEdit};
use crate::json_tree::Node;
use crate::rules::declare_rule;
use crate::rules::taskdef::sizing::container_label;
use crate::rules::taskdef::Context;
use crate::suggest::closest;

declare_rule! {
    /// Reports a `links` entry that cannot work: one that is not `name` or
    /// `name:alias` (letters, digits, `_` and `-`), one naming no container
    /// of the task, a container linking to itself, and links that form a
    /// cycle.
    ///
    /// # Why it matters
    /// Docker starts a linked container before the container that links to
    /// it, and a link to a missing container fails the start. A link to the
    /// container itself or a cycle of links has no start order at all, so
    /// the task never starts.
    ///
    /// # Example
    /// ```json
    /// [ { "name": "nginx", "links": ["app"] }, { "name": "app", "links": ["nginx"] } ]
    /// ```
    ///
    /// # Fix
    /// Link only in one direction, from the container that calls to the one
    /// it calls, and spell the target exactly as its `name`. The alias after
    /// `:` is the host name the linking container uses.
    ///
    /// # References
    /// `links` in ContainerDefinition (Amazon ECS API Reference): "The
    /// name:internalName construct is analogous to name:alias in Docker links.
    /// Up to 255 letters (uppercase and lowercase), numbers, underscores, and
    /// hyphens are allowed."
    pub static RULE = {
        id: "taskdef/invalid-link",
        severity: Error,
        summary: "A link to no container, to itself, in a cycle, or not name[:alias]",
    }
}

struct Link<'a> {
    from: usize,
    to: usize,
    position: usize,
    node: &'a Node,
}

pub fn check(context: &Context, out: &mut Vec<Diagnostic>) {
    let containers: Vec<(usize, &Node)> = context.containers().collect();
    let mut by_name: HashMap<&str, usize> = HashMap::new();
    for (index, container) in &containers {
        if let Some(name) = container.value("name").and_then(Node::as_str) {
            by_name.entry(name).or_insert(*index);
        }
    }
    let mut links = Vec::new();
    for &(index, container) in &containers {
        let own = container_label(container, index);
        let items = container.value("links").map_or(&[][..], Node::items);
        for (position, node) in items.iter().enumerate() {
            let Some(text) = node.as_str() else {
                continue;
            };
            let pointer = format!("/containerDefinitions/{index}/links/{position}");
            let Some((target, alias)) = parse(text) else {
                out.push(
                    context
                        .diagnostic(&RULE, node.span, &pointer, format!("Link '{text}' is not 'name' or 'name:alias'."))
                        .with_help("A link is a container name, optionally followed by ':' and an alias, each made of letters, digits, '_' and '-'."),
                );
                continue;
            };
            match by_name.get(target) {
                Some(&to) if to == index => out.push(
                    context
                        .diagnostic(
                            &RULE,
                            node.span,
                            &pointer,
                            format!("Container '{own}' links to itself."),
                        )
                        .with_help("A container reaches itself on localhost; remove this link."),
                ),
                Some(&to) => links.push(Link {
                    from: index,
                    to,
                    position,
                    node,
                }),
                None => out.push(unknown(context, node, &pointer, &own, target, alias, &by_name)),
            }
        }
    }
    report_cycles(context, &containers, &links, out);
}

/// `name` or `name:alias`, each non-empty and made of letters, digits, `_` and `-`.
fn parse(text: &str) -> Option<(&str, Option<&str>)> {
    let valid = |part: &str| {
        !part.is_empty() && part.len() <= 255 && part.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
    };
    match text.split_once(':') {
        Some((name, alias)) => (valid(name) && valid(alias)).then_some((name, Some(alias))),
        None => valid(text).then_some((text, None)),
    }
}

fn unknown(
    context: &Context,
    node: &Node,
    pointer: &str,
    own: &str,
    target: &str,
    alias: Option<&str>,
    by_name: &HashMap<&str, usize>,
) -> Diagnostic {
    let diagnostic = context.diagnostic(
        &RULE,
        node.span,
        pointer,
        format!("Container '{own}' links to '{target}', which is not a container of this task."),
    );
    let Some(name) = closest(target, by_name.keys().copied().filter(|n| *n != own)) else {
        return diagnostic.with_help("Link to a container by its exact \"name\".");
    };
    let replacement = match alias {
        Some(alias) => format!("{name}:{alias}"),
        None => name.to_owned(),
    };
    diagnostic.with_help(format!("Did you mean '{name}'?")).with_fix(Fix {
        title: format!("Link to '{name}'"),
        edits: vec![TextEdit {
            span: node.span,
            text: format!("\"{replacement}\""),
        }],
        safe: false,
    })
}

/// Reports each cycle once, at the link that closes it. Iterative, so a long
/// chain of links in a generated file cannot exhaust the stack.
fn report_cycles(context: &Context, containers: &[(usize, &Node)], links: &[Link], out: &mut Vec<Diagnostic>) {
    let count = containers.iter().map(|c| c.0 + 1).max().unwrap_or(0);
    let mut outgoing: Vec<Vec<&Link>> = vec![Vec::new(); count];
    for link in links {
        if let Some(list) = outgoing.get_mut(link.from) {
            list.push(link);
        }
    }
    let label = |i: usize| {
        containers
            .iter()
            .find(|c| c.0 == i)
            .map_or_else(|| format!("#{i}"), |c| container_label(c.1, i))
    };
    // 0: not seen, 1: on the current path, 2: done.
    let mut state = vec![0u8; count];
    for &(start, _) in containers {
        if state[start] != 0 {
            continue;
        }
        // The path, each container with the next of its links to follow.
        let mut path: Vec<(usize, usize)> = vec![(start, 0)];
        state[start] = 1;
        while let Some(&mut (at, ref mut next)) = path.last_mut() {
            let Some(link) = outgoing[at].get(*next) else {
                state[at] = 2;
                path.pop();
                continue;
            };
            *next += 1;
            match state.get(link.to).copied() {
                Some(0) => {
                    state[link.to] = 1;
                    path.push((link.to, 0));
                }
                Some(1) => {
                    let from = path.iter().position(|&(i, _)| i == link.to).unwrap_or(0);
                    let mut names: Vec<String> = path[from..].iter().map(|&(i, _)| label(i)).collect();
                    names.push(label(link.to));
                    out.push(
                        context
                            .diagnostic(
                                &RULE,
                                link.node.span,
                                &format!("/containerDefinitions/{}/links/{}", link.from, link.position),
                                format!("Links form a cycle: {}.", names.join(" → ")),
                            )
                            .with_help("Docker starts a linked container first, so a cycle has no start order. Keep the link in one direction only."),
                    );
                }
                _ => {}
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::parse;
    use crate::json_edit::apply;
    use crate::reference::{BACKEND_TASK, FRONTEND_TASK};
    use crate::rules::taskdef::fixtures::{hits, line_of, VALID};

    const ID: &str = "taskdef/invalid-link";

    fn task(nginx_links: &str, app_links: &str) -> String {
        format!(
            r#"{{
  "family": "web",
  "containerDefinitions": [
    {{ "name": "nginx", "image": "nginx", "memory": 128,
      "links": [{nginx_links}] }},
    {{ "name": "springboot", "image": "app", "memory": 256,
      "links": [{app_links}] }}
  ]
}}"#
        )
    }

    #[test]
    fn parses_names_and_aliases() {
        assert_eq!(parse("app"), Some(("app", None)));
        assert_eq!(parse("app:backend"), Some(("app", Some("backend"))));
        assert_eq!(parse("app:"), None);
        assert_eq!(parse("a:b:c"), None);
        assert_eq!(parse("my app"), None);
        assert_eq!(parse(""), None);
    }

    #[test]
    fn triggers_on_an_unknown_target_with_a_suggestion() {
        let text = task("\"sprinboot:api\"", "");
        let found = hits(&text, ID);
        assert_eq!(found.len(), 1);
        assert_eq!(
            found[0].message,
            "Container 'nginx' links to 'sprinboot', which is not a container of this task."
        );
        assert_eq!(found[0].line, line_of(&text, "\"sprinboot:api\""));
        assert_eq!(found[0].pointer.as_deref(), Some("/containerDefinitions/0/links/0"));
        let fixed = apply(&text, &found[0].fix.clone().unwrap().edits);
        assert!(fixed.contains("\"links\": [\"springboot:api\"]"));
        assert!(hits(&fixed, ID).is_empty());
    }

    #[test]
    fn triggers_on_a_self_link_and_a_malformed_one() {
        let text = task("\"nginx\", \"a:b:c\"", "");
        let found = hits(&text, ID);
        assert_eq!(found.len(), 2);
        assert_eq!(found[0].message, "Container 'nginx' links to itself.");
        assert_eq!(found[1].message, "Link 'a:b:c' is not 'name' or 'name:alias'.");
        assert_eq!(found[1].pointer.as_deref(), Some("/containerDefinitions/0/links/1"));
    }

    #[test]
    fn triggers_once_on_a_cycle_at_the_closing_link() {
        let text = task("\"springboot\"", "\"nginx:web\"");
        let found = hits(&text, ID);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].message, "Links form a cycle: nginx → springboot → nginx.");
        assert_eq!(found[0].line, line_of(&text, "\"nginx:web\""));
        assert_eq!(found[0].pointer.as_deref(), Some("/containerDefinitions/1/links/0"));
    }

    #[test]
    fn stays_quiet_on_the_seeds_links_and_one_way_links() {
        assert!(hits(BACKEND_TASK, ID).is_empty());
        assert!(hits(FRONTEND_TASK, ID).is_empty());
        assert!(hits(VALID, ID).is_empty());
        assert!(hits(&task("\"springboot:api\"", ""), ID).is_empty());
        assert!(hits(&task("7, null", ""), ID).is_empty());
    }
}
