use std::process::ExitCode;

use atlas_core::rules::{self, docs};

pub fn run(id: Option<&str>) -> Result<ExitCode, String> {
    let Some(id) = id else {
        for rule in rules::all() {
            println!("{:<28} {:<8} {}", rule.id, rule.severity.as_str(), rule.summary);
        }
        return Ok(ExitCode::SUCCESS);
    };
    let rule = rules::find(id).ok_or_else(|| format!("no rule has the id {id:?}; `ecs-atlas rules` lists them"))?;
    println!("{} ({})\n{}\n", rule.id, rule.severity.as_str(), rule.summary);
    for block in docs::blocks(&rule.docs()) {
        match block {
            docs::DocBlock::Heading(text) => println!("{}\n", text.to_uppercase()),
            docs::DocBlock::Paragraph(inlines) => {
                let text: String = inlines
                    .into_iter()
                    .map(|i| match i {
                        docs::Inline::Text(t) => t,
                        docs::Inline::Code(c) => format!("`{c}`"),
                    })
                    .collect();
                println!("{text}\n");
            }
            docs::DocBlock::Code(code) => {
                for line in code.lines() {
                    println!("    {line}");
                }
                println!();
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}
