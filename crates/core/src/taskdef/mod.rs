//! ECS task definitions: reading, the RegisterTaskDefinition contract, and
//! the checks and export built on them.

pub mod check;
pub mod document;
pub mod export;
pub mod form;
pub mod model;
pub mod schema;

pub use check::{check, Checked};
pub use model::*;
