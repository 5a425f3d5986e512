//! A flat, indexed view of a parsed config for the checks and lint rules: every
//! directive in file order with its parent, the context nginx reads it in and
//! the stock definition nginx would apply there. Rules ask questions of it
//! ("the `server` blocks", "the `add_header`s in this location", "the
//! `proxy_read_timeout` in effect here") instead of re-walking the AST.

use rustc_hash::FxHashMap as HashMap;
use std::ops::Range;

use super::ast::{Config, Directive};
use super::directives::{self, context};

#[derive(Debug, Clone, Copy)]
pub struct Node<'t, 'a> {
    pub directive: &'t Directive<'a>,
    /// Index of the enclosing block directive; None at the top level.
    pub parent: Option<usize>,
    /// The context nginx reads the directive in, or None inside a block
    /// whose contents nginx hands to a module (map, types, lua, ...) or that
    /// no stock module defines.
    pub context: Option<u32>,
    /// What nginx's own handler decides about the directive here (known,
    /// allowed here, block or not as declared, a number of arguments it
    /// takes); None where the context is None.
    pub verdict: Option<directives::Verdict>,
    /// Indices of this directive's block contents at any depth: `index + 1 .. end`.
    end: usize,
}

impl<'t, 'a> Node<'t, 'a> {
    /// The stock definition nginx applies here, when the directive passed
    /// the handler's checks. Value checks only look at directives that have
    /// one, so a config gets one error per mistake.
    pub fn accepted(&self) -> Option<&'static directives::Directive> {
        match self.verdict {
            Some(directives::Verdict::Accepted(definition)) => Some(definition),
            _ => None,
        }
    }

    pub fn name(&self) -> &str {
        &self.directive.name
    }

    /// The argument values as nginx sees them.
    pub fn args(&self) -> impl ExactSizeIterator<Item = &str> + '_ {
        self.directive.args.iter().map(|a| a.value.as_ref())
    }

    pub fn arg(&self, i: usize) -> Option<&str> {
        self.directive.args.get(i).map(|a| a.value.as_ref())
    }

    /// Whether the directive is in an http `server`, `location`, `if` or
    /// `limit_except` (or http itself): the scope of the reverse-proxy rules.
    pub fn in_http(&self) -> bool {
        use context::*;
        self.context
            .is_some_and(|c| c & (HTTP | SERVER | LOCATION | IF_IN_SERVER | IF_IN_LOCATION | LIMIT_EXCEPT) != 0)
    }
}

#[derive(Debug, Clone, Default)]
pub struct Tree<'t, 'a> {
    nodes: Vec<Node<'t, 'a>>,
    /// Indices of each name's directives, in file order: rules ask for
    /// directives by name, and a 35 000-directive config cannot be scanned
    /// once per question.
    by_name: HashMap<&'t str, Vec<usize>>,
    /// The same per enclosing block: inheritance questions ("the
    /// proxy_set_header of this location, else its server's, else http's")
    /// are asked once per proxy_pass.
    by_block_and_name: HashMap<(Option<usize>, &'t str), Vec<usize>>,
    /// nginx's verdict on each name, context, block and argument count met:
    /// a large config repeats a few directives thousands of times, and each
    /// verdict takes several searches of the directive tables.
    verdicts: HashMap<(&'t str, u32, bool, usize), directives::Verdict>,
}

impl<'t, 'a> Tree<'t, 'a> {
    pub fn new(config: &'t Config<'a>) -> Self {
        let mut tree = Tree {
            nodes: Vec::new(),
            by_name: HashMap::default(),
            by_block_and_name: HashMap::default(),
            verdicts: HashMap::default(),
        };
        tree.add(&config.directives, None, Some(context::MAIN));
        tree
    }

    fn add(&mut self, list: &'t [Directive<'a>], parent: Option<usize>, ctx: Option<u32>) {
        for directive in list {
            let verdict = ctx.map(|c| {
                let key = (
                    directive.name.as_ref(),
                    c,
                    directive.block.is_some(),
                    directive.args.len(),
                );
                *self
                    .verdicts
                    .entry(key)
                    .or_insert_with(|| directives::verdict(key.0, key.1, key.2, key.3))
            });
            let index = self.nodes.len();
            self.by_name.entry(directive.name.as_ref()).or_default().push(index);
            self.by_block_and_name
                .entry((parent, directive.name.as_ref()))
                .or_default()
                .push(index);
            self.nodes.push(Node {
                directive,
                parent,
                context: ctx,
                verdict,
                end: index + 1,
            });
            if let Some(block) = &directive.block {
                let custom = directives::lookup(&directive.name).iter().any(|k| k.custom_body);
                let inner = if custom {
                    None
                } else {
                    ctx.and_then(|c| inner_context(c, &directive.name))
                };
                self.add(&block.directives, Some(index), inner);
                self.nodes[index].end = self.nodes.len();
            }
        }
    }

    pub fn len(&self) -> usize {
        self.nodes.len()
    }

    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty()
    }

    pub fn node(&self, index: usize) -> &Node<'t, 'a> {
        &self.nodes[index]
    }

    /// Every directive in file order, with its index.
    pub fn iter(&self) -> impl Iterator<Item = (usize, &Node<'t, 'a>)> + '_ {
        self.nodes.iter().enumerate()
    }

    /// Every directive of that name, in file order.
    pub fn named<'s>(&'s self, name: &'s str) -> impl Iterator<Item = (usize, &'s Node<'t, 'a>)> + 's {
        self.indices(name).iter().map(move |&i| (i, &self.nodes[i]))
    }

    fn indices(&self, name: &str) -> &[usize] {
        self.by_name.get(name).map_or(&[], Vec::as_slice)
    }

    /// Every directive of that name read in one of the `contexts` bits.
    pub fn named_in<'s>(
        &'s self,
        name: &'s str,
        contexts: u32,
    ) -> impl Iterator<Item = (usize, &'s Node<'t, 'a>)> + 's {
        self.named(name)
            .filter(move |(_, n)| n.context.is_some_and(|c| c & contexts != 0))
    }

    /// The contents of `index`'s block at any depth, in file order.
    pub fn descendants(&self, index: usize) -> Range<usize> {
        index + 1..self.nodes[index].end
    }

    /// The directives directly inside `index`'s block (or the top level for None).
    pub fn children(&self, index: Option<usize>) -> impl Iterator<Item = usize> + '_ {
        let range = match index {
            Some(i) => self.descendants(i),
            None => 0..self.nodes.len(),
        };
        let mut next = range.start;
        std::iter::from_fn(move || {
            if next >= range.end {
                return None;
            }
            let current = next;
            next = self.nodes[current].end;
            Some(current)
        })
    }

    /// Children of `index` with that name.
    pub fn children_named<'s>(&'s self, index: Option<usize>, name: &'s str) -> impl Iterator<Item = usize> + 's {
        self.by_block_and_name
            .get(&(index, name))
            .map_or(&[][..], Vec::as_slice)
            .iter()
            .copied()
    }

    /// The enclosing block directives, nearest first.
    pub fn ancestors(&self, index: usize) -> impl Iterator<Item = usize> + '_ {
        std::iter::successors(self.nodes[index].parent, move |&i| self.nodes[i].parent)
    }

    /// The nearest enclosing directive with that name (`server`, `http`, ...).
    pub fn enclosing(&self, index: usize, name: &str) -> Option<usize> {
        self.ancestors(index).find(|&i| self.nodes[i].name() == name)
    }

    /// The `name` directive in effect inside block `index`, following nginx's
    /// inheritance for simple directives: the block's own, else the nearest
    /// enclosing block's (location ▸ server ▸ http). Directives that nginx
    /// merges as arrays (add_header, proxy_set_header) follow the same rule:
    /// a block with any of its own hides all of its parents'.
    pub fn in_effect(&self, index: usize, name: &str) -> Vec<usize> {
        let mut block = Some(index);
        loop {
            let here: Vec<usize> = self.children_named(block, name).collect();
            if !here.is_empty() {
                return here;
            }
            match block {
                Some(b) => block = self.nodes[b].parent,
                None => return Vec::new(),
            }
        }
    }
}

/// The context a block directive opens, as nginx's modules set it.
pub fn inner_context(outer: u32, name: &str) -> Option<u32> {
    use context::*;
    Some(match (outer, name) {
        (MAIN, "events") => EVENTS,
        (MAIN, "http") => HTTP,
        (MAIN, "stream") => STREAM,
        (MAIN, "mail") => MAIL,
        (HTTP, "server") => SERVER,
        (HTTP, "upstream") => UPSTREAM,
        (SERVER | LOCATION, "location") => LOCATION,
        (SERVER, "if") => IF_IN_SERVER,
        (LOCATION, "if") => IF_IN_LOCATION,
        (LOCATION, "limit_except") => LIMIT_EXCEPT,
        (STREAM, "server") => STREAM_SERVER,
        (STREAM, "upstream") => STREAM_UPSTREAM,
        (MAIL, "server") => MAIL_SERVER,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::nginx::parse;

    const TEXT: &str = "events { }\nhttp {\n  add_header A 1;\n  server {\n    listen 80;\n    location / {\n      if ($x) { return 403; }\n      proxy_pass http://a;\n    }\n    location /b { add_header B 2; }\n  }\n  map $a $b { default 1; }\n}\n";

    #[test]
    fn indexes_parents_contexts_and_children() {
        let parsed = parse(TEXT);
        let tree = Tree::new(&parsed.config);
        let names: Vec<&str> = tree.iter().map(|(_, n)| n.name()).collect();
        assert_eq!(
            names,
            [
                "events",
                "http",
                "add_header",
                "server",
                "listen",
                "location",
                "if",
                "return",
                "proxy_pass",
                "location",
                "add_header",
                "map",
                "default"
            ]
        );
        let (server, node) = tree.named("server").next().unwrap();
        assert_eq!(node.context, Some(context::HTTP));
        let children: Vec<&str> = tree.children(Some(server)).map(|i| tree.node(i).name()).collect();
        assert_eq!(children, ["listen", "location", "location"]);
        let top: Vec<usize> = tree.children(None).collect();
        assert_eq!(top, [0, 1]);

        let (ret, node) = tree.named("return").next().unwrap();
        assert_eq!(node.context, Some(context::IF_IN_LOCATION));
        assert!(node.accepted().is_some());
        assert_eq!(tree.enclosing(ret, "server"), Some(server));
        assert_eq!(tree.ancestors(ret).count(), 4);

        // map's body is the module's, not directives.
        let (_, default) = tree.named("default").next().unwrap();
        assert_eq!(default.context, None);
        assert!(default.accepted().is_none());
    }

    #[test]
    fn in_effect_follows_inheritance() {
        let parsed = parse(TEXT);
        let tree = Tree::new(&parsed.config);
        let locations: Vec<usize> = tree.named("location").map(|(i, _)| i).collect();
        let http_header = tree.named("add_header").next().unwrap().0;
        assert_eq!(tree.in_effect(locations[0], "add_header"), [http_header]);
        let own = tree.in_effect(locations[1], "add_header");
        assert_eq!(tree.node(own[0]).arg(0), Some("B"));
        assert!(tree.in_effect(locations[0], "proxy_read_timeout").is_empty());
    }

    #[test]
    fn rejected_directives_are_not_accepted() {
        let parsed = parse("http { sendfile; server { listen 80 { } } }");
        let tree = Tree::new(&parsed.config);
        assert!(tree
            .iter()
            .filter(|(_, n)| n.name() != "http" && n.name() != "server")
            .all(|(_, n)| n.accepted().is_none()));
    }
}
