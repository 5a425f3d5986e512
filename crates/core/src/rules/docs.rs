//! Turns a rule's doc comment into blocks the app and CLI render.
//!
//! Rule docs are our own text in a tiny Markdown subset (`# heading`, paragraphs,
//! fenced code, `` `code` `` spans); a full CommonMark crate would cost more wasm
//! size than the whole rules page, so this small splitter is written by hand.

use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum DocBlock {
    Heading(String),
    Paragraph(Vec<Inline>),
    Code(String),
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum Inline {
    Text(String),
    Code(String),
}

pub fn blocks(docs: &str) -> Vec<DocBlock> {
    let mut out = Vec::new();
    let mut paragraph = String::new();
    let mut code: Option<String> = None;
    let flush = |paragraph: &mut String, out: &mut Vec<DocBlock>| {
        if !paragraph.trim().is_empty() {
            out.push(DocBlock::Paragraph(inlines(paragraph.trim())));
        }
        paragraph.clear();
    };
    for line in docs.lines() {
        if line.trim_start().starts_with("```") {
            match code.take() {
                Some(body) => out.push(DocBlock::Code(body)),
                None => {
                    flush(&mut paragraph, &mut out);
                    code = Some(String::new());
                }
            }
        } else if let Some(body) = code.as_mut() {
            body.push_str(line);
            body.push('\n');
        } else if let Some(heading) = line.strip_prefix("# ") {
            flush(&mut paragraph, &mut out);
            out.push(DocBlock::Heading(heading.trim().to_owned()));
        } else if line.trim().is_empty() {
            flush(&mut paragraph, &mut out);
        } else {
            if !paragraph.is_empty() {
                paragraph.push(' ');
            }
            paragraph.push_str(line.trim());
        }
    }
    if let Some(body) = code {
        out.push(DocBlock::Code(body));
    }
    flush(&mut paragraph, &mut out);
    out
}

fn inlines(text: &str) -> Vec<Inline> {
    text.split('`')
        .enumerate()
        .filter(|(_, part)| !part.is_empty())
        .map(|(i, part)| {
            if i % 2 == 1 {
                Inline::Code(part.to_owned())
            } else {
                Inline::Text(part.to_owned())
            }
        })
        .collect()
}

/// Reads the rules catalogue `ecs-atlas rules --format json` writes
/// (`{"rules": [{"id", "docs", …}]}`) into (id, docs) pairs; anything
/// malformed is skipped.
pub fn parse_catalog(text: &str) -> Vec<(String, String)> {
    let Some(root) = crate::json_tree::parse(text).root else {
        return Vec::new();
    };
    root.value("rules")
        .map_or(&[][..], |r| r.items())
        .iter()
        .filter_map(|rule| {
            let id = rule.value("id")?.as_str()?;
            let docs = rule.value("docs")?.as_str()?;
            Some((id.to_owned(), docs.to_owned()))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_catalogue_and_skips_what_is_malformed() {
        let text = r#"{"rules": [{"id": "a/b", "docs": "text"}, {"id": 3}, "x"]}"#;
        assert_eq!(parse_catalog(text), [("a/b".to_owned(), "text".to_owned())]);
        assert!(parse_catalog("not json").is_empty());
    }

    #[test]
    fn splits_headings_paragraphs_and_code() {
        let docs = "Reports `x`.\nSecond line.\n\n# Example\n```json\n{\"a\": 1}\n```\ntail";
        assert_eq!(
            blocks(docs),
            vec![
                DocBlock::Paragraph(vec![
                    Inline::Text("Reports ".into()),
                    Inline::Code("x".into()),
                    Inline::Text(". Second line.".into()),
                ]),
                DocBlock::Heading("Example".into()),
                DocBlock::Code("{\"a\": 1}\n".into()),
                DocBlock::Paragraph(vec![Inline::Text("tail".into())]),
            ]
        );
    }

    #[test]
    fn an_unclosed_fence_keeps_its_text() {
        assert_eq!(blocks("```\nabc"), vec![DocBlock::Code("abc\n".into())]);
    }
}
