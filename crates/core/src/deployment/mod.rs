//! The deployment file (`atlas.json`): what the artifacts alone do not say —
//! network, DNS, load balancers, cluster capacity, services, which nginx config
//! belongs to which container, and the delivery pipeline.

pub mod capacity;
pub mod listing;
mod load;
mod model;
pub mod references;
pub mod request_path;

pub use load::{load, Loaded};
pub use model::*;

/// The JSON Schema of `atlas.json`, derived from the model's types (their
/// serde names, defaults and enums), pretty-printed. Editors that read
/// `"$schema"` complete and check the file with it.
#[cfg(feature = "schema")]
pub fn json_schema() -> String {
    let schema = schemars::schema_for!(Deployment);
    let mut text = serde_json::to_string_pretty(&schema).unwrap_or_default();
    text.push('\n');
    text
}
