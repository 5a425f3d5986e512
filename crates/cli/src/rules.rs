use std::process::ExitCode;

use atlas_core::rules::{self, docs};

use crate::output::outln;
use crate::Format;

pub fn run(id: Option<&str>, format: Format) -> Result<ExitCode, String> {
    if let Format::Json = format {
        let chosen: Vec<_> = match id {
            Some(id) => vec![rules::find(id).ok_or_else(|| format!("no rule has the id {id:?}"))?],
            None => rules::all(),
        };
        let list: Vec<_> = chosen
            .iter()
            .map(|r| {
                serde_json::json!({
                    "id": r.id,
                    "severity": r.severity,
                    "summary": r.summary,
                    "docs": r.docs(),
                })
            })
            .collect();
        let json = serde_json::to_string_pretty(&serde_json::json!({ "rules": list })).map_err(|e| e.to_string())?;
        outln!("{json}");
        return Ok(ExitCode::SUCCESS);
    }
    let Some(id) = id else {
        for rule in rules::all() {
            outln!("{:<28} {:<8} {}", rule.id, rule.severity.as_str(), rule.summary);
        }
        return Ok(ExitCode::SUCCESS);
    };
    let rule = rules::find(id).ok_or_else(|| format!("no rule has the id {id:?}; `ecs-atlas rules` lists them"))?;
    outln!("{} ({})\n{}\n", rule.id, rule.severity.as_str(), rule.summary);
    for block in docs::blocks(&rule.docs()) {
        match block {
            docs::DocBlock::Heading(text) => outln!("{}\n", text.to_uppercase()),
            docs::DocBlock::Paragraph(inlines) => {
                let text: String = inlines
                    .into_iter()
                    .map(|i| match i {
                        docs::Inline::Text(t) => t,
                        docs::Inline::Code(c) => format!("`{c}`"),
                    })
                    .collect();
                outln!("{text}\n");
            }
            docs::DocBlock::Code(code) => {
                for line in code.lines() {
                    outln!("    {line}");
                }
                outln!();
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}
