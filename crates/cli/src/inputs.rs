//! What a path given on the command line holds, told by its content.

use std::fs;
use std::path::Path;

use atlas_core::json_tree;

pub enum Input {
    /// A deployment: atlas.json and the files it lists beside it.
    Deployment,
    TaskDefinition {
        text: String,
    },
    NginxConfig {
        text: String,
    },
}

/// A folder, or a file whose JSON has the deployment's top-level fields, is a
/// deployment; a file with `containerDefinitions`, `family` or a
/// `taskDefinition` wrapper — or any other `.json` — is a task definition; a
/// `.conf` file is an nginx config.
pub fn classify(path: &Path) -> Result<Input, String> {
    if path.is_dir() {
        return Ok(Input::Deployment);
    }
    let text = read(path)?;
    if path.extension().is_some_and(|e| e.eq_ignore_ascii_case("conf")) {
        return Ok(Input::NginxConfig { text });
    }
    let root = json_tree::parse(&text).root;
    let has = |key: &str| root.as_ref().is_some_and(|r| r.get(key).is_some());
    if has("cluster") || has("services") || has("loadBalancers") {
        return Ok(Input::Deployment);
    }
    let named_json = path.extension().is_some_and(|e| e.eq_ignore_ascii_case("json"));
    if has("containerDefinitions") || has("family") || has("taskDefinition") || named_json {
        return Ok(Input::TaskDefinition { text });
    }
    Err(format!(
        "cannot tell what {} is: give a task definition (.json), an nginx config (.conf), an atlas.json or its folder",
        path.display()
    ))
}

/// Non-UTF-8 bytes become U+FFFD so a binary file still gets diagnostics.
pub fn read(path: &Path) -> Result<String, String> {
    let bytes = fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    Ok(String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned()))
}
