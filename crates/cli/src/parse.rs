use std::path::Path;
use std::process::ExitCode;

use atlas_core::nginx::crossplane::payload;

use crate::inputs::read;
use crate::output::outln;

pub fn run(path: &Path) -> Result<ExitCode, String> {
    let text = read(path)?;
    let payload = payload(&path.to_string_lossy(), &text);
    let json = serde_json::to_string(&payload).map_err(|e| e.to_string())?;
    outln!("{json}");
    Ok(if payload.status == "ok" {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}
