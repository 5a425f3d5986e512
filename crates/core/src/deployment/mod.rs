//! The deployment file (`atlas.json`): what the artifacts alone do not say —
//! network, DNS, load balancers, cluster capacity, services, which nginx config
//! belongs to which container, and the delivery pipeline.

pub mod capacity;
mod load;
mod model;
pub mod references;
pub mod request_path;

pub use load::{load, Loaded};
pub use model::*;
