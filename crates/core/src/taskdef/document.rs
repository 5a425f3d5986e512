//! A task definition's text as a tree: plain, or wrapped as
//! `describe-task-definition` prints it, with the syntax error if any.

use crate::diagnostic::Span;
use crate::json_spans::SyntaxError;
use crate::json_tree::{self, Node};

#[derive(Debug, Clone, Default)]
pub struct Document {
    pub root: Option<Node>,
    pub syntax_error: Option<SyntaxError>,
    /// The `"taskDefinition"` key, when the file is describe output.
    pub wrapper_key: Option<Span>,
}

impl Document {
    pub fn parse(text: &str) -> Document {
        let parsed = json_tree::parse(text);
        let wrapper_key = parsed
            .root
            .as_ref()
            .and_then(|r| r.get("taskDefinition"))
            .filter(|p| p.value.is_object())
            .map(|p| p.key_span);
        Document {
            root: parsed.root,
            syntax_error: parsed.error,
            wrapper_key,
        }
    }

    /// The task definition object itself (inside the wrapper, for describe output).
    pub fn body(&self) -> Option<&Node> {
        let root = self.root.as_ref()?;
        match self.wrapper_key {
            Some(_) => root.value("taskDefinition"),
            None => Some(root),
        }
    }

    /// The JSON pointer of the body: "" or "/taskDefinition".
    pub fn base(&self) -> &'static str {
        if self.wrapper_key.is_some() {
            "/taskDefinition"
        } else {
            ""
        }
    }
}
