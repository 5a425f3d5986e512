use std::path::Path;
use std::process::ExitCode;

use atlas_core::taskdef::export::register_json;

use crate::inputs::read;
use crate::output::out;
use crate::render;

/// Prints register-ready JSON on stdout; what would still fail goes to stderr.
pub fn taskdef(path: &Path) -> Result<ExitCode, String> {
    let text = read(path)?;
    let name = path.to_string_lossy();
    let export = register_json(&name, &text);
    let Some(json) = export.json else {
        for d in &export.blocking {
            eprint!("{}", render::text(d, Some(&text)));
        }
        return Err(format!("{name} holds no task definition object to export"));
    };
    out!("{json}");
    for d in &export.blocking {
        eprint!("{}", render::text(d, Some(&text)));
    }
    eprintln!(
        "# save as {} and register with:\n#   {}",
        export.file_name, export.command
    );
    Ok(if export.blocking.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}
